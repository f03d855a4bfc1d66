/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * loop mode: two stacks in this process over a net_ring pair, each on its
 * own lcore (the first two worker lcores), running the protocol core. The
 * main thread plays the application of both: it opens an association and
 * pushes messages from A to B for --seconds, keeping a bounded number in
 * flight, and drains B's messages. Reports frames/s through each poll loop
 * and the goodput; the numbers include the protocol core's own work.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_runtime.h>
#include <sctpdk/sctpdk_sctp.h>

#include "rt_bench.h"

static void
fill(struct sctpdk_stack_config *c, const char *name, unsigned lcore, int port,
     struct sctpdk_addr addr, uint16_t sport, int listen, unsigned idle)
{
	sctpdk_stack_config_default(c);
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->n_lcores = 1;
	c->lcores[0] = lcore;
	c->n_ports = 1;
	c->ports[0].port_id = (uint16_t)port;
	c->ports[0].n_addrs = 1;
	c->ports[0].addrs[0] = addr;
	c->n_eps = 1;
	c->eps[0].local_port = sport;
	c->eps[0].listening = listen;
	c->n_mbufs = 16383;
	c->idle_sleep_us = idle;
	c->proto.rwnd_bytes = 4u << 20;
}

struct app {
	uint64_t rx_msgs, rx_bytes, failed;
	uint32_t assoc_a;
	int up_a, up_b;
};

static void
drain(struct sctpdk_stack *st, struct app *ap, int is_a)
{
	struct sctpdk_rt_event ev[64];
	unsigned n;
	while ((n = sctpdk_stack_event_poll(st, 0, ev, 64)) != 0)
		for (unsigned i = 0; i < n; i++) {
			if (ev[i].type == SCTPDK_RT_EV_DATA) {
				ap->rx_msgs++;
				ap->rx_bytes += ev[i].u.data.len;
				rte_pktmbuf_free(ev[i].u.data.msg);
			} else if (ev[i].type == SCTPDK_RT_EV_SEND_FAILED) {
				ap->failed++;
				rte_pktmbuf_free(ev[i].u.send_failed.msg);
			} else if (ev[i].type == SCTPDK_RT_EV_ASSOC_CHANGE &&
				   ev[i].u.assoc_change.state == SCTPDK_COMM_UP) {
				if (is_a) {
					ap->up_a = 1;
					ap->assoc_a = ev[i].assoc_id;
				} else {
					ap->up_b = 1;
				}
			}
		}
}

static int
run(const struct rt_bench_opts *o)
{
	unsigned l1 = rte_get_next_lcore(-1, 1, 0);
	unsigned l2 = rte_get_next_lcore(l1, 1, 0);
	if (l1 >= RTE_MAX_LCORE || l2 >= RTE_MAX_LCORE) {
		fprintf(stderr, "loop mode needs two worker lcores (e.g. --lcores=(0-2)@(0-1))\n");
		return 1;
	}
	struct rte_ring *ab = rte_ring_create("bench_ab", 4096, SOCKET_ID_ANY, 0);
	struct rte_ring *ba = rte_ring_create("bench_ba", 4096, SOCKET_ID_ANY, 0);
	int pa = rte_eth_from_rings("net_ring_bench_a", &ba, 1, &ab, 1, SOCKET_ID_ANY);
	int pb = rte_eth_from_rings("net_ring_bench_b", &ab, 1, &ba, 1, SOCKET_ID_ANY);
	if (ab == NULL || ba == NULL || pa < 0 || pb < 0)
		return 1;
	struct sctpdk_stack_config ca, cb;
	struct sctpdk_addr aa = sctpdk_addr_v4(198, 18, 0, 1), ab_ = sctpdk_addr_v4(198, 18, 0, 2);
	fill(&ca, "bench_A", l1, pa, aa, 5000, 0, o->idle_sleep_us);
	fill(&cb, "bench_B", l2, pb, ab_, 6000, 1, o->idle_sleep_us);
	int err;
	struct sctpdk_stack *a = sctpdk_stack_create(&ca, &err);
	struct sctpdk_stack *b = sctpdk_stack_create(&cb, &err);
	if (a == NULL || b == NULL || sctpdk_stack_start(a) != 0 || sctpdk_stack_start(b) != 0) {
		fprintf(stderr, "stack start failed: %d\n", err);
		return 1;
	}
	struct app ap;
	memset(&ap, 0, sizeof(ap));
	sctpdk_stack_associate(a, 0, &ab_, 6000, 1);
	uint64_t hz = rte_get_timer_hz(), t_end = rte_get_timer_cycles() + 5 * hz;
	while (!(ap.up_a && ap.up_b) && rte_get_timer_cycles() < t_end) {
		drain(a, &ap, 1);
		drain(b, &ap, 0);
		usleep(100);
	}
	if (!(ap.up_a && ap.up_b)) {
		fprintf(stderr, "association did not come up\n");
		return 1;
	}
	uint64_t sent = 0, rx0 = ap.rx_msgs;
	struct sctpdk_stack_stats sa0, sb0, sa1, sb1;
	sctpdk_stack_stats_get(a, &sa0);
	sctpdk_stack_stats_get(b, &sb0);
	uint64_t t0 = rte_get_timer_cycles();
	t_end = t0 + (uint64_t)o->seconds * hz;
	while (rte_get_timer_cycles() < t_end) {
		while (sent < ap.rx_msgs + 256) {
			struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_stack_pool(a));
			if (m == NULL || rte_pktmbuf_append(m, (uint16_t)o->msg_size) == NULL) {
				rte_pktmbuf_free(m);
				break;
			}
			if (sctpdk_stack_send(a, 0, ap.assoc_a, 0, 0, 0, m) != 0) {
				rte_pktmbuf_free(m);
				break;
			}
			sent++;
		}
		drain(b, &ap, 0);
		drain(a, &ap, 1);
	}
	double secs = (double)(rte_get_timer_cycles() - t0) / (double)hz;
	sctpdk_stack_stats_get(a, &sa1);
	sctpdk_stack_stats_get(b, &sb1);
	double msgs = (double)(ap.rx_msgs - rx0);
	printf("loop: %u-byte messages for %.1f s, one association, A lcore %u -> B lcore %u\n",
	       o->msg_size, secs, l1, l2);
	printf("  messages delivered   %12.0f /s  (%.1f Mbit/s goodput)\n", msgs / secs,
	       msgs * o->msg_size * 8 / secs / 1e6);
	printf("  A tx frames          %12.0f /s\n",
	       (double)(sa1.tx_frames - sa0.tx_frames) / secs);
	printf("  B rx frames          %12.0f /s\n",
	       (double)(sb1.rx_frames - sb0.rx_frames) / secs);
	printf("  B tx frames (SACK)   %12.0f /s\n",
	       (double)(sb1.tx_frames - sb0.tx_frames) / secs);
	printf("  A rx frames          %12.0f /s\n",
	       (double)(sa1.rx_frames - sa0.rx_frames) / secs);
	printf("  B loop iterations    %12.0f /s\n", (double)(sb1.polls - sb0.polls) / secs);
	printf("  send refused %" PRIu64 ", drops A %" PRIu64 " B %" PRIu64 "\n", ap.failed,
	       sa1.drop[SCTPDK_RT_DROP_TX_FULL] + sa1.drop[SCTPDK_RT_DROP_RING_FULL],
	       sb1.drop[SCTPDK_RT_DROP_TX_FULL] + sb1.drop[SCTPDK_RT_DROP_RING_FULL]);
	sctpdk_stack_abort(a, 0, ap.assoc_a);
	usleep(10000);
	sctpdk_stack_free(a);
	sctpdk_stack_free(b);
	rte_eth_dev_close((uint16_t)pa);
	rte_eth_dev_close((uint16_t)pb);
	void *m;
	while (rte_ring_dequeue(ab, &m) == 0)
		rte_pktmbuf_free(m);
	while (rte_ring_dequeue(ba, &m) == 0)
		rte_pktmbuf_free(m);
	return 0;
}

const struct rt_bench_mode rt_bench_loop = {
    .name = "loop",
    .help = "two stacks over net_ring with the protocol core: frames/s of the loops",
    .run = run,
};
