/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rx mode: the runtime's receive path alone. One stack on one lcore; the
 * main thread fills the port's RX ring with batches of valid SCTP frames
 * (good CRC32c, a verification tag nobody registered, a port with no
 * endpoint) and times how long the loop takes to drain each batch:
 * RX burst, lib/net classification, software CRC32c, tag lookup, endpoint
 * lookup, drop and free. Frames of --msg-size bytes of DATA payload.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_runtime.h>

#include "rt_bench.h"
#include "rt_net.h"
#include "sctpdk_crc32c.h"

#define BATCH 4000

static uint8_t dmac[6];

static struct rte_mbuf *
frame(struct rte_mempool *mp, unsigned payload, uint32_t i)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint16_t clen = (uint16_t)(16 + payload), plen = (uint16_t)((clen + 3) & ~3);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(12 + plen));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0xab, 12u + plen);
	uint16_t sp = rte_cpu_to_be_16(1), dp = rte_cpu_to_be_16(9);
	uint32_t tag = rte_cpu_to_be_32(0x1000 + (i & 1023));
	uint16_t cl = rte_cpu_to_be_16(clen);
	memcpy(p, &sp, 2);
	memcpy(p + 2, &dp, 2);
	memcpy(p + 4, &tag, 4);
	p[12] = 0;
	p[13] = 3;
	memcpy(p + 14, &cl, 2);
	sctpdk_sctp_cksum_set(m, 0);
	struct sctpdk_addr s = sctpdk_addr_v4(198, 18, 0, 1), d = sctpdk_addr_v4(198, 18, 0, 2);
	static const uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
	if (sctpdk_rt_net_encap(m, &s, &d, mac, dmac, (uint16_t)i) != 0) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return m;
}

static int
run(const struct rt_bench_opts *o)
{
	unsigned l1 = rte_get_next_lcore(-1, 1, 0);
	if (l1 >= RTE_MAX_LCORE) {
		fprintf(stderr, "rx mode needs a worker lcore\n");
		return 1;
	}
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rxb_pool", 8191, 256, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	struct rte_ring *in = rte_ring_create("rxb_in", 4096, SOCKET_ID_ANY, 0);
	struct rte_ring *out = rte_ring_create("rxb_out", 4096, SOCKET_ID_ANY, 0);
	int port = rte_eth_from_rings("net_ring_rxb", &in, 1, &out, 1, SOCKET_ID_ANY);
	if (mp == NULL || in == NULL || out == NULL || port < 0)
		return 1;
	struct sctpdk_stack_config c;
	sctpdk_stack_config_default(&c);
	snprintf(c.name, sizeof(c.name), "rxb");
	c.n_lcores = 1;
	c.lcores[0] = l1;
	c.n_ports = 1;
	c.ports[0].port_id = (uint16_t)port;
	c.ports[0].n_addrs = 1;
	c.ports[0].addrs[0] = sctpdk_addr_v4(198, 18, 0, 2);
	c.n_eps = 1;
	c.eps[0].local_port = 5000;
	c.idle_sleep_us = 0;
	c.pool = mp;
	int err;
	struct sctpdk_stack *st = sctpdk_stack_create(&c, &err);
	if (st == NULL || sctpdk_stack_start(st) != 0) {
		fprintf(stderr, "stack: %d\n", err);
		return 1;
	}
	sctpdk_stack_port_mac(st, 0, dmac);
	struct rte_mbuf *b[BATCH];
	uint64_t cycles = 0, frames = 0;
	uint64_t t_end = rte_get_timer_cycles() + (uint64_t)o->seconds * rte_get_timer_hz();
	struct sctpdk_stack_stats s;
	while (rte_get_timer_cycles() < t_end) {
		unsigned n = 0;
		for (; n < BATCH; n++)
			if ((b[n] = frame(mp, o->msg_size, n)) == NULL)
				break;
		sctpdk_stack_stats_get(st, &s);
		uint64_t want = s.rx_frames + n;
		uint64_t t0 = rte_rdtsc();
		unsigned q = rte_ring_enqueue_bulk(in, (void **)b, n, NULL);
		/* poll gently: reading the counters pulls the lcore's lines */
		do {
			rte_delay_us_sleep(20);
			sctpdk_stack_stats_get(st, &s);
		} while (s.rx_frames < want);
		cycles += rte_rdtsc() - t0;
		frames += q;
	}
	double secs = (double)cycles / (double)rte_get_tsc_hz();
	printf("rx: %u-byte DATA payload, frames through RX+classify+CRC+lookup+drop: %.0f /s "
	       "(%.1f ns/frame)\n",
	       o->msg_size, (double)frames / secs, secs * 1e9 / (double)frames);
	printf("  counted drop no_endpoint %" PRIu64 ", sw CRC ok %" PRIu64 "\n",
	       s.drop[SCTPDK_RT_DROP_NO_ENDPOINT], s.cksum_sw_ok);
	sctpdk_stack_free(st);
	rte_eth_dev_close((uint16_t)port);
	rte_ring_free(in);
	rte_ring_free(out);
	rte_mempool_free(mp);
	return 0;
}

const struct rt_bench_mode rt_bench_rx = {
    .name = "rx",
    .help = "receive path alone: frames/s through classify, CRC, lookup",
    .run = run,
};
