/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim-bench: how fast the simulator runs (events per second of wall time
 * and virtual seconds per wall second) in two scenarios:
 *   pingpong  64 packets bouncing between two echo nodes over a 50 us link
 *   bulk      a pump offering 1 Gbit/s of 1200-byte packets to an 800 Mbit/s
 *             link with 1 % loss, dup, reorder, corruption and jitter, and
 *             the recorder on
 * Usage: sim-bench [EAL args] -- [--packets N] [--seed S]
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_mbuf.h>

#include "sctpdk_sim.h"

static double
wall_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Light nodes and packets: the test helpers checksum every byte, which
 * would measure CRC code instead of the simulator. */
static struct rte_mbuf *
bench_pkt(struct rte_mempool *mp, uint32_t tag, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 16);
	memcpy(p + 4, &tag, 4);
	p[14] = (uint8_t)((len - 12) >> 8); /* one DATA chunk */
	p[15] = (uint8_t)(len - 12);
	return m;
}

struct bench_sink {
	uint64_t pkts;
	uint64_t bytes;
};

static void
sink_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct bench_sink *s = ctx;
	s->pkts++;
	s->bytes += rte_pktmbuf_pkt_len(pkt);
	rte_pktmbuf_free(pkt);
}

static const struct sctpdk_sim_node_ops sink_ops = {.input = sink_input};

static void
echo_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	sctpdk_sim_send(sim, pkt, dst, src);
}

static const struct sctpdk_sim_node_ops echo_ops = {.input = echo_input};

struct bench_pump {
	struct rte_mempool *mp;
	struct sctpdk_addr src, dst;
	uint64_t left;
	uint32_t tag;
};

/* 10 x 1200 B every 96 us: 1 Gbit/s */
static void
pump_tick(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct bench_pump *p = arg;
	for (int i = 0; i < 10 && p->left > 0; i++, p->left--)
		sctpdk_sim_send(sim, bench_pkt(p->mp, p->tag++, 1200), &p->src, &p->dst);
	if (p->left > 0)
		sctpdk_sim_call_at(sim, now_us + 96, pump_tick, p);
}

static void
report(const char *name, struct sctpdk_sim *sim, double wall)
{
	struct sctpdk_sim_stats st;
	sctpdk_sim_stats(sim, &st);
	double virt = (double)sctpdk_sim_now_us(sim) * 1e-6;
	printf("%-9s events %10" PRIu64 "  deliveries %10" PRIu64 "  wall %7.3f s  "
	       "%6.2f Mevents/s  virtual %8.3f s  speed-up x%.0f\n",
	       name, st.events, st.deliveries, wall, (double)st.events / wall * 1e-6, virt,
	       virt / wall);
}

static void
pingpong(struct rte_mempool *mp, uint64_t seed, uint64_t events)
{
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	sctpdk_sim_node_add(sim, &echo_ops, NULL, &a, 1);
	sctpdk_sim_node_add(sim, &echo_ops, NULL, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 50};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	for (uint32_t i = 0; i < 64; i++)
		sctpdk_sim_send(sim, bench_pkt(mp, i, 100), &a, &z);
	double t0 = wall_s();
	for (uint64_t i = 0; i < events && sctpdk_sim_step(sim); i++)
		;
	report("pingpong", sim, wall_s() - t0);
	sctpdk_sim_del(sim);
}

static void
bulk(struct rte_mempool *mp, uint64_t seed, uint64_t packets)
{
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct bench_sink sz = {0};
	sctpdk_sim_node_add(sim, &sink_ops, &sz, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 10000,
					.jitter_us = 100,
					.rate_bps = 800000000,
					.loss = 0.01,
					.dup = 0.01,
					.reorder = 0.01,
					.corrupt = 0.01};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	sctpdk_sim_recorder_enable(sim, 1024, 64, SCTPDK_SIM_EV_MASK_ALL);
	/* 1 Gbit/s of 1200 B packets: 10 packets every 96 us */
	struct bench_pump p = {.mp = mp, .src = a, .dst = z, .left = packets};
	sctpdk_sim_call_at(sim, 0, pump_tick, &p);
	double t0 = wall_s();
	while (sctpdk_sim_step(sim))
		;
	report("bulk", sim, wall_s() - t0);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	printf("          sent %" PRIu64 " delivered %" PRIu64 " loss %" PRIu64 " queue %" PRIu64
	       " dup %" PRIu64 " reordered %" PRIu64 " corrupted %" PRIu64 "\n",
	       st.sent_pkts, st.delivered_pkts, st.dropped[SCTPDK_SIM_DROP_LOSS],
	       st.dropped[SCTPDK_SIM_DROP_QUEUE], st.duplicated, st.reordered, st.corrupted);
	sctpdk_sim_del(sim);
}

static void
usage(const char *prog)
{
	printf("usage: %s [EAL args] -- [--packets N] [--seed S]\n"
	       "  --packets N  packets per scenario (default 1000000)\n"
	       "  --seed S     simulator seed (default 1)\n",
	       prog);
}

int
main(int argc, char **argv)
{
	int n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "sim-bench: EAL init failed (try --no-huge --no-pci)\n");
		return 1;
	}
	argc -= n;
	argv += n;
	static const struct option opts[] = {
	    {"packets", required_argument, NULL, 'p'},
	    {"seed", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	uint64_t packets = 1000000, seed = 1;
	int c;
	while ((c = getopt_long(argc, argv, "p:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			packets = strtoull(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 0 : 1;
		}
	}
	struct rte_mempool *mp = rte_pktmbuf_pool_create("sim_bench", 32767, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL) {
		fprintf(stderr, "sim-bench: no mbuf pool\n");
		return 1;
	}
	pingpong(mp, seed, packets);
	bulk(mp, seed, packets);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
