/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-xfer-bench: per-chunk cost of the data-transfer components on one
 * core (not a test: it reports numbers). Runs EAL without hugepages.
 *
 *   sctp-xfer-bench [-n chunks]
 *
 * Modes: tracker in order / with 1% loss; sender path (sendq add + next +
 * outq add + a SACK every 2 chunks); receiver path (reasm add + pull) for
 * whole messages and for 4-fragment messages.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_mbuf.h>

#include "outq.h"
#include "reasm.h"
#include "sendq.h"
#include "tracker.h"

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
report(const char *name, uint64_t n, double secs)
{
	printf("%-34s %10.1f ns/chunk %8.2f Mchunk/s\n", name, secs * 1e9 / (double)n,
	       (double)n / secs / 1e6);
}

static void
bench_tracker(uint64_t n, unsigned loss_per_mille)
{
	struct sctpdk_tracker t;
	sctpdk_tracker_init(&t, NULL, NULL, sctpdk_tsn(1));
	struct sctpdk_gap gaps[64];
	sctpdk_tsn_t dups[32];
	uint64_t seed = 88172645463325252ULL;
	uint32_t lost[64];
	unsigned nlost = 0;
	double t0 = now_s();
	for (uint64_t i = 0; i < n; i++) {
		uint32_t tsn = (uint32_t)i + 1;
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		if (loss_per_mille != 0 && seed % 1000 < loss_per_mille && nlost < 64) {
			lost[nlost++] = tsn; /* retransmitted 32 chunks later */
		} else {
			sctpdk_tracker_on_data(&t, sctpdk_tsn(tsn));
		}
		if (nlost != 0 && tsn - lost[0] > 32) {
			sctpdk_tracker_on_data(&t, sctpdk_tsn(lost[0]));
			memmove(lost, lost + 1, --nlost * sizeof(lost[0]));
		}
		sctpdk_tracker_on_packet_end(&t, i, false);
		if (sctpdk_tracker_sack_due(&t)) {
			struct sctpdk_sack_desc s = {
			    .gaps = gaps, .max_gaps = 64, .dups = dups, .max_dups = 32};
			sctpdk_tracker_build_sack(&t, 65536, &s);
		}
	}
	double dt = now_s() - t0;
	report(loss_per_mille ? "tracker, 1% loss (SACK per gap)" : "tracker, in order", n, dt);
	sctpdk_tracker_free(&t);
}

static void
bench_sender(struct rte_mempool *mp, uint64_t n)
{
	struct sctpdk_sendq q;
	struct sctpdk_sendq_config c = {.n_streams = 8, .indirect_pool = mp};
	sctpdk_sendq_init(&q, &c, NULL);
	struct sctpdk_outq oq;
	sctpdk_outq_init(&oq, 1024, sctpdk_tsn(1), 1u << 30, NULL);
	sctpdk_tsn_t tsn = sctpdk_tsn(1);
	double t0 = now_s();
	for (uint64_t i = 0; i < n; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		rte_pktmbuf_append(m, 1200);
		struct sctpdk_sendq_msg_params p = {.sid = (uint16_t)(i & 7), .ppid = 1};
		sctpdk_sendq_add(&q, &p, m, i);
		struct sctpdk_data_chunk ch;
		if (sctpdk_sendq_next(&q, i, 1452, &tsn, &ch) != 0 ||
		    sctpdk_outq_add(&oq, &ch, i) != 0) {
			fprintf(stderr, "sender path failed at %llu\n", (unsigned long long)i);
			exit(1);
		}
		if (i & 1) {
			struct sctpdk_sack_desc s = {.cum_tsn = sctpdk_tsn(tsn.v - 1),
						     .a_rwnd = 1u << 30};
			struct sctpdk_outq_sack_result r;
			sctpdk_outq_on_sack(&oq, &s, i + 1, &r);
		}
	}
	double dt = now_s() - t0;
	report("sender: sendq+outq, SACK/2 chunks", n, dt);
	sctpdk_outq_free(&oq);
	sctpdk_sendq_free(&q);
}

static void
bench_receiver(struct rte_mempool *mp, uint64_t n, unsigned frags)
{
	struct sctpdk_reasm r;
	struct sctpdk_reasm_config c = {.n_streams = 8, .indirect_pool = mp};
	sctpdk_reasm_init(&r, &c, NULL);
	uint32_t tsn = 1;
	uint16_t ssn[8] = {0};
	double t0 = now_s();
	for (uint64_t i = 0; i < n; i += frags) {
		uint16_t sid = (uint16_t)((i / frags) & 7);
		for (unsigned f = 0; f < frags; f++) {
			struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
			rte_pktmbuf_append(m, 1200 + 28);
			struct sctpdk_data_chunk ch = {
			    .tsn = sctpdk_tsn(tsn++),
			    .sid = sid,
			    .ssn = sctpdk_ssn(ssn[sid]),
			    .flags = (uint8_t)((f == 0 ? SCTPDK_DATA_FLAG_B : 0) |
					       (f + 1 == frags ? SCTPDK_DATA_FLAG_E : 0)),
			    .len = 1200,
			    .off = 28,
			    .m = m};
			if (sctpdk_reasm_add(&r, &ch) != 0) {
				fprintf(stderr, "receiver path failed\n");
				exit(1);
			}
		}
		ssn[sid]++;
		struct sctpdk_reasm_msg msg;
		while (sctpdk_reasm_pull(&r, &msg) == 0)
			rte_pktmbuf_free(msg.m);
	}
	double dt = now_s() - t0;
	report(frags == 1 ? "receiver: reasm whole messages" : "receiver: reasm 4-fragment msgs", n,
	       dt);
	sctpdk_reasm_free(&r);
}

int
main(int argc, char **argv)
{
	char *eal[] = {argv[0],          "--no-huge",         "--no-pci", "--no-shconf",
		       "--no-telemetry", "--log-level=error", "-m",       "256"};
	if (rte_eal_init(8, eal) < 0) {
		fprintf(stderr, "EAL init failed\n");
		return 1;
	}
	uint64_t n = 2000000;
	int opt;
	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt == 'n')
			n = strtoull(optarg, NULL, 0);
		else {
			fprintf(stderr, "usage: %s [-n chunks]\n", argv[0]);
			return 2;
		}
	}
	struct rte_mempool *mp = rte_pktmbuf_pool_create("bench", 16383, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL) {
		fprintf(stderr, "mbuf pool failed\n");
		return 1;
	}
	bench_tracker(n, 0);
	bench_tracker(n, 10);
	bench_sender(mp, n);
	bench_receiver(mp, n, 1);
	bench_receiver(mp, n, 4);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
