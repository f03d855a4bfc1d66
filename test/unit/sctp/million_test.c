/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The million-message scenario: two endpoints over a clean simulated link
 * move SCTPDK_MILLION_MSGS messages (default 1,000,000; half in each
 * direction, both directions at once) of random sizes 1 B..64 KiB over 16
 * streams, mixed ordered and unordered. Every message must arrive exactly
 * once, byte-exact, ordered ones in per-stream order; then a graceful
 * shutdown ends with SHUTDOWN_COMP on both sides. Prints simulated and
 * wall-clock seconds.
 *
 * Sizes are log-uniform over 1..65536 (each power-of-two range equally
 * likely, so tiny, MTU-sized and 64 KiB messages all occur often), or
 * uniform with SCTPDK_MILLION_DIST=uniform (32 GiB in all, a benchmark
 * rather than a test); the PPID carries the message number so the
 * receiver can check everything.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sctpdk/sctpdk_sctp.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "simpair.h"

#define N_STREAMS 16
#define QUEUE_TARGET (512u * 1024u)

static int uniform_sizes; /* SCTPDK_MILLION_DIST=uniform */

/* n messages: log-uniform sizes (or uniform), 16 streams, 3/8 unordered. */
static void
plan(struct sp_dir *d, uint32_t n, uint64_t seed)
{
	sp_dir_alloc(d, n);
	d->n = n;
	uint64_t st = seed;
	for (uint32_t k = 0; k < n; k++) {
		uint64_t r = sctpdk_test_rand(&st);
		/* log-uniform in [1, 65536], or uniform when asked */
		double u = (double)(r >> 11) / (double)(1ull << 53);
		uint32_t len = uniform_sizes ? 1 + (uint32_t)(u * SP_MAX_MSG)
					     : (uint32_t)exp(u * log(65536.0 + 1.0));
		if (len < 1)
			len = 1;
		if (len > SP_MAX_MSG)
			len = SP_MAX_MSG;
		d->len[k] = len;
		d->sid[k] = (uint8_t)((r >> 3) % N_STREAMS);
		d->unordered[k] = (r & 7) < 3; /* 3/8 unordered */
	}
	/* The extremes always occur. */
	if (n > 4) {
		d->len[0] = 1;
		d->len[1] = SP_MAX_MSG;
		d->len[2] = 1452;
		d->len[3] = 1453;
	}
}

static double
wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
test_million_messages(void)
{
	const char *env = getenv("SCTPDK_MILLION_MSGS");
	uint32_t total = env != NULL ? (uint32_t)strtoul(env, NULL, 10) : 1000000u;
	if (total < 10)
		total = 10;
	const char *dist = getenv("SCTPDK_MILLION_DIST");
	uniform_sizes = dist != NULL && strcmp(dist, "uniform") == 0;
	printf("\n  million scenario: %u messages (SCTPDK_MILLION_MSGS=%s), sizes %s\n", total,
	       env != NULL ? env : "unset", uniform_sizes ? "uniform" : "log-uniform");
	struct sp_env se;
	sp_env_init(&se, "million_pool", 12345);
	CU_ASSERT_PTR_NOT_NULL_FATAL(se.pool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(se.pattern);

	struct sctpdk_sctp_config cfg;
	sctpdk_sctp_config_default(&cfg);
	cfg.out_streams = N_STREAMS;
	cfg.rwnd_bytes = 1u << 20;
	struct sp_pair p;
	sp_pair_init(&p, &(struct sp_pair_cfg){.env = &se, .sim_seed = 42, .rng_base = 1000,
					    .net = 1, .n_paths = 1, .ep = &cfg});
	plan(&p.a2z, total / 2, 1);
	plan(&p.z2a, total - total / 2, 2);
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z, *z2a = &p.z2a;
	nodes[0].queue_target = nodes[1].queue_target = QUEUE_TARGET;
	struct sctpdk_sim_link_cfg lc = {.delay_us = 500};
	sp_pair_link(&p, 0, &lc, NULL);
	struct sctpdk_sim *sim = p.sim;

	double w0 = wall();
	sp_pair_associate(&p);
	int rc = sctpdk_sim_run_while(sim, sp_transfer_pending, nodes, 3600ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	uint64_t t_data = sctpdk_sim_now_us(sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(nodes[0].ep, nodes[0].id, t_data), 0);
	sctpdk_sim_node_kick(sim, 0);
	rc = sctpdk_sim_run_while(sim, sp_not_closed, nodes, 60ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	double w1 = wall();
	uint64_t t_end = sctpdk_sim_now_us(sim);

	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(z2a->received, z2a->n);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(z2a->errors, 0);
	CU_ASSERT_EQUAL(nodes[0].shutdown_comp, 1);
	CU_ASSERT_EQUAL(nodes[1].shutdown_comp, 1);
	CU_ASSERT_EQUAL(nodes[1].shutdown_ev, 1);
	CU_ASSERT_EQUAL(nodes[0].other_events + nodes[1].other_events, 0);
	CU_ASSERT_EQUAL(nodes[0].bad_crc + nodes[1].bad_crc, 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(nodes[0].ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(nodes[1].ep), 0);
	struct sctpdk_sctp_stats sa, sz;
	sctpdk_sctp_stats_get(nodes[0].ep, &sa);
	sctpdk_sctp_stats_get(nodes[1].ep, &sz);
	printf("  %u + %u messages, %" PRIu64 " + %" PRIu64 " bytes delivered exactly once, "
	       "byte-exact, in order\n",
	       a2z->received, z2a->received, a2z->bytes, z2a->bytes);
	printf("  packets: A tx %" PRIu64 " rx %" PRIu64 ", Z tx %" PRIu64 " rx %" PRIu64 "\n",
	       sa.tx_packets, sa.rx_packets, sz.tx_packets, sz.rx_packets);
	printf("  simulated: %.3f s of data + %.3f s shutdown; wall: %.2f s\n",
	       t_data / 1e6, (t_end - t_data) / 1e6, w1 - w0);

	sp_pair_fini(&p);
	sp_env_fini(&se);
}

SCTPDK_TEST_SUITE(sctp_million, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_million_messages))
