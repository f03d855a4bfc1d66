/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * End to end with the protocol core: two stacks over a net_ring pair, A on
 * lcore 1, B on lcores 2 and 3 with its endpoint owned by lcore 3 (so every
 * packet B receives crosses from its RX lcore to the owner). Association
 * up, messages both ways compared byte for byte, graceful shutdown.
 */
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "defs.h"
#include "sctpdk_crc32c.h"

#include <sctpdk/sctpdk_impair.h>
#include <sctpdk/sctpdk_sctp.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"
#include "rt_net.h"
#include "rt_telemetry.h"

#define MSGS      300
#define PPID_BASE 0xf0000000u

struct side {
	struct sctpdk_stack *st;
	uint32_t assoc;
	int up, down, shutdown_ev;
	unsigned rx;
	uint64_t rx_bytes;
	unsigned mismatches;
	unsigned send_again;
	unsigned next_of[4]; /* per stream: index after the last one received */
	unsigned order_errors;
};

static uint16_t
msg_len(unsigned i)
{
	static const uint16_t sizes[] = {1, 17, 100, 512, 1000, 1452, 1453, 2000, 3000, 4000};
	return sizes[i % 10];
}

static uint8_t
msg_byte(unsigned dir, unsigned i, unsigned k)
{
	return (uint8_t)(dir * 131 + i * 7 + k * 13);
}

/* a message of len bytes as a chain of up to 1024-byte segments */
static struct rte_mbuf *
make_msg(struct rte_mempool *mp, unsigned dir, unsigned i)
{
	uint16_t len = msg_len(i);
	struct rte_mbuf *head = NULL;
	for (unsigned off = 0; off < len; off += 1024) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == NULL)
			goto fail;
		uint16_t k = (uint16_t)(len - off < 1024 ? len - off : 1024);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, k);
		for (unsigned j = 0; j < k; j++)
			p[j] = msg_byte(dir, i, off + j);
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			goto fail;
		}
	}
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

static void
check_msg(struct side *s, unsigned dir, const struct sctpdk_rt_event *ev)
{
	/* an unassigned PPID range, so capture tools show raw data */
	if ((ev->u.data.ppid & 0xffff0000u) != PPID_BASE) {
		s->mismatches++;
		return;
	}
	unsigned i = ev->u.data.ppid & 0xffffu;
	const struct rte_mbuf *m = ev->u.data.msg;
	/* ordered streams: indexes only grow on each */
	if (i < s->next_of[i % 4])
		s->order_errors++;
	s->next_of[i % 4] = i + 1;
	if (rte_pktmbuf_pkt_len(m) != msg_len(i) || ev->u.data.len != msg_len(i) ||
	    ev->u.data.sid != i % 4) {
		s->mismatches++;
		return;
	}
	uint32_t k = 0;
	for (const struct rte_mbuf *seg = m; seg != NULL; seg = seg->next)
		for (uint16_t j = 0; j < seg->data_len; j++, k++)
			if (rte_pktmbuf_mtod(seg, const uint8_t *)[j] != msg_byte(dir, i, k)) {
				s->mismatches++;
				return;
			}
}

/* Drain events of side s; messages it receives were sent in direction dir. */
static void
poll_side(struct side *s, unsigned dir)
{
	struct sctpdk_rt_event ev[16];
	unsigned n;
	while ((n = sctpdk_stack_event_poll(s->st, 0, ev, 16)) != 0) {
		for (unsigned i = 0; i < n; i++) {
			switch (ev[i].type) {
			case SCTPDK_RT_EV_ASSOC_CHANGE:
				if (ev[i].u.assoc_change.state == SCTPDK_COMM_UP) {
					s->up = 1;
					s->assoc = ev[i].assoc_id;
				} else {
					s->down = ev[i].u.assoc_change.state;
				}
				break;
			case SCTPDK_RT_EV_DATA:
				s->rx++;
				s->rx_bytes += ev[i].u.data.len;
				check_msg(s, dir, &ev[i]);
				rte_pktmbuf_free(ev[i].u.data.msg);
				break;
			case SCTPDK_RT_EV_SHUTDOWN:
				s->shutdown_ev = 1;
				break;
			case SCTPDK_RT_EV_SEND_FAILED:
				/* send buffer full: the message came back, retry later */
				s->send_again++;
				rte_pktmbuf_free(ev[i].u.send_failed.msg);
				break;
			default:
				break;
			}
		}
	}
}

static int
wait_until(struct side *a, struct side *b, int (*done)(struct side *, struct side *),
	   unsigned timeout_ms)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * timeout_ms / 1000;
	while (rte_get_timer_cycles() < end) {
		poll_side(a, 1);
		poll_side(b, 0);
		if (done(a, b))
			return 1;
		usleep(200);
	}
	return 0;
}

static int
both_up(struct side *a, struct side *b)
{
	return a->up && b->up;
}

static int
all_received(struct side *a, struct side *b)
{
	return a->rx >= MSGS && b->rx >= MSGS;
}

static int
both_lost(struct side *a, struct side *b)
{
	return a->down == SCTPDK_COMM_LOST && b->down == SCTPDK_COMM_LOST;
}

static int
both_down(struct side *a, struct side *b)
{
	return a->down == SCTPDK_SHUTDOWN_COMP && b->down == SCTPDK_SHUTDOWN_COMP;
}

static uint64_t
kv_of(const struct sctpdk_rt_kv *kv, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(kv[i].name, name) == 0)
			return kv[i].value;
	return UINT64_MAX;
}

/* Send messages first..MSGS-1 of one side, a few at a time so the send
 * buffer never overflows (a refused message comes back as SEND_FAILED and
 * is counted; the test then fails on the receive count). */
static void
send_some(struct side *s, unsigned dir, unsigned *next, unsigned upto)
{
	for (; *next < upto && *next < MSGS; (*next)++) {
		struct rte_mbuf *m = make_msg(sctpdk_stack_pool(s->st), dir, *next);
		CU_ASSERT_FATAL(m != NULL);
		while (sctpdk_stack_send(s->st, 0, s->assoc, (uint16_t)(*next % 4),
					 PPID_BASE | *next, 0, m) != 0)
			usleep(100);
	}
}

static void
test_association_data_shutdown(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "e2e", NULL) == 0);
	char cap[] = "/tmp/sctpdk-rt-e2e-XXXXXX.pcapng";
	int fd = mkstemps(cap, 7);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	snprintf(t.cfg_a.pcapng_path, sizeof(t.cfg_a.pcapng_path), "%s", cap);
	t.cfg_a.engine = NULL; /* the protocol core */
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	t.cfg_a.n_mbufs = 8191;
	t.cfg_b.n_mbufs = 8191;
	t.cfg_a.proto.out_streams = 4;
	t.cfg_b.proto.out_streams = 4;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct side a = {.st = t.a}, b = {.st = t.b};

	struct sctpdk_addr peer = RT_ADDR_B;
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
	CU_ASSERT_FATAL(wait_until(&a, &b, both_up, 5000));

	/* both stacks know the association by its tag now */
	struct sctpdk_stack_stats sa, sb;
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT_EQUAL(sa.assocs, 1);
	CU_ASSERT_EQUAL(sb.assocs, 1);
	CU_ASSERT_EQUAL(sb.rx_chunks[1], 1);  /* INIT */
	CU_ASSERT_EQUAL(sb.rx_chunks[10], 1); /* COOKIE ECHO */
	CU_ASSERT_EQUAL(sa.rx_chunks[2], 1);  /* INIT ACK */
	CU_ASSERT_EQUAL(sa.rx_chunks[11], 1); /* COOKIE ACK */

	unsigned na = 0, nb = 0;
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * 20;
	/* B's association as telemetry shows it, sampled during the transfer */
	uint32_t max_flight = 0, samples = 0, sane = 0;
	while (!all_received(&a, &b) && rte_get_timer_cycles() < end) {
		/* keep at most 32 messages in flight each way */
		send_some(&a, 0, &na, b.rx + 32);
		send_some(&b, 1, &nb, a.rx + 32);
		poll_side(&a, 1);
		poll_side(&b, 0);
		uint32_t bid;
		struct sctpdk_rt_assoc_info mid;
		if (sctpdk_stack_assoc_ids(t.b, &bid, 1) == 1 &&
		    sctpdk_stack_assoc_info(t.b, bid, &mid) == 0) {
			struct sctpdk_rt_kv akv[48];
			unsigned an = sctpdk_rt_assoc_kv(&mid, akv, 48);
			uint64_t cwnd = kv_of(akv, an, "cwnd"), srtt = kv_of(akv, an, "srtt_us");
			uint64_t rto = kv_of(akv, an, "rto_us"), rwnd = kv_of(akv, an, "rwnd");
			uint64_t flight = kv_of(akv, an, "flight"), pm = kv_of(akv, an, "payload_mtu");
			samples++;
			/* cwnd at least the initial window's 2 packets; RTO within
			 * [RTO.Min, RTO.Max]; srtt below 1 s on this link (0 only
			 * before the first measurement); flight within cwnd plus a
			 * burst of packets */
			if (cwnd >= 2 * pm && pm == 1452 && rto >= 1000000 && rto <= 60000000 &&
			    srtt < 1000000 && rwnd > 0 && flight <= cwnd + 4 * pm &&
			    kv_of(akv, an, "retransmissions") != UINT64_MAX)
				sane++;
			if (flight > max_flight)
				max_flight = (uint32_t)flight;
		}
		usleep(100);
	}
	printf("\n    telemetry of B's association during the transfer: %u samples, %u sane, "
	       "largest flight %u bytes\n",
	       samples, sane, max_flight);
	CU_ASSERT(samples > 10);
	CU_ASSERT_EQUAL(sane, samples);
	CU_ASSERT(max_flight > 0);
	CU_ASSERT_EQUAL(a.rx, MSGS);
	CU_ASSERT_EQUAL(b.rx, MSGS);
	CU_ASSERT_EQUAL(a.mismatches, 0);
	CU_ASSERT_EQUAL(b.mismatches, 0);
	CU_ASSERT_EQUAL(a.send_again, 0);
	CU_ASSERT_EQUAL(b.send_again, 0);

	/* B's packets all reached the owner through the hand-off ring */
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT(sb.demux_handoff > MSGS / 2);
	CU_ASSERT_EQUAL(sb.demux_inline, 0);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_BAD_CKSUM], 0);
	CU_ASSERT(sb.cksum_sw_tx > 0); /* net_ring: the core fills the CRC */
	CU_ASSERT_EQUAL(sb.cksum_offload_tx, 0);
	CU_ASSERT_EQUAL(sb.cksum_sw_ok, sb.rx_sctp);
	CU_ASSERT_EQUAL(sb.rtx_chunks, 0); /* clean link */
	CU_ASSERT_EQUAL(sb.rtx_t3_expiries, 0);
	uint32_t ids[2];
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_assoc_ids(t.b, ids, 2), 1);
	struct sctpdk_rt_assoc_info info;
	CU_ASSERT_FATAL(sctpdk_stack_assoc_info(t.b, ids[0], &info) == 0);
	CU_ASSERT_STRING_EQUAL(info.state_name, sctpdk_sctp_state_name(SCTPDK_ST_ESTABLISHED));
	CU_ASSERT_EQUAL(info.owner_lcore, 3);
	CU_ASSERT_EQUAL(info.peer_port, RT_PORT_A);
	CU_ASSERT(info.rto_us >= 1000000); /* RTO.Min */
	CU_ASSERT(info.handoffs > 0);
	/* from the core's path and association state */
	CU_ASSERT(info.cwnd_bytes >= 2 * 1452);
	CU_ASSERT(info.srtt_us > 0 && info.srtt_us < 1000000);
	CU_ASSERT_EQUAL(info.payload_mtu, 1452);
	CU_ASSERT_EQUAL(info.n_paths, 1);
	CU_ASSERT(info.peer_rwnd > 0);
	CU_ASSERT_EQUAL(info.retransmissions, 0); /* clean link */
	CU_ASSERT_EQUAL(info.t3_expiries, 0);

	CU_ASSERT_EQUAL(sctpdk_stack_shutdown(t.a, 0, a.assoc), 0);
	CU_ASSERT(wait_until(&a, &b, both_down, 5000));
	CU_ASSERT_EQUAL(b.shutdown_ev, 1);
	/* the tags are gone from both tables */
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT_EQUAL(sa.assocs, 0);
	CU_ASSERT_EQUAL(sb.assocs, 0);
	CU_ASSERT_EQUAL(sa.rx_chunks[8], 1);  /* SHUTDOWN ACK */
	CU_ASSERT_EQUAL(sb.rx_chunks[14], 1); /* SHUTDOWN COMPLETE */

	/* a second association, aborted by B: both report COMM_LOST */
	a.up = b.up = 0;
	a.down = b.down = 0;
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
	CU_ASSERT_FATAL(wait_until(&a, &b, both_up, 5000));
	CU_ASSERT_EQUAL(sctpdk_stack_abort(t.b, 0, b.assoc), 0);
	CU_ASSERT(wait_until(&a, &b, both_lost, 5000));
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT_EQUAL(sa.rx_chunks[6], 1); /* ABORT */
	CU_ASSERT_EQUAL(sb.tx_chunks[6], 1);
	CU_ASSERT_EQUAL(sa.assocs, 0);
	CU_ASSERT_EQUAL(sb.assocs, 0);
	rt_two_free(&t);

	/* the capture of the whole run: SCTP checksums good, nothing malformed */
	char cmd[512];
	long n_sctp = 0, n_good = 0, n_bad = 0;
	snprintf(cmd, sizeof(cmd), "tshark -r %s -Y sctp 2>/dev/null", cap);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_sctp), 0);
	CU_ASSERT(n_sctp > 2 * MSGS);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -o sctp.checksum:CRC-32C -Y 'sctp.checksum.status == \"Good\"' "
		 "2>/dev/null",
		 cap);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_good), 0);
	CU_ASSERT_EQUAL(n_good, n_sctp);
	snprintf(cmd, sizeof(cmd), "tshark -r %s -Y '_ws.malformed' 2>/dev/null", cap);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_bad), 0);
	CU_ASSERT_EQUAL(n_bad, 0);
	remove(cap);
}

static struct sctpdk_impair *
lossy_rx(uint16_t port, uint64_t seed)
{
	struct sctpdk_impair_config ic;
	sctpdk_impair_config_default(&ic, seed);
	ic.ip_only = 1; /* leave ARP alone */
	struct sctpdk_impair_rule drop = {
	    .action = SCTPDK_IMPAIR_DROP, .when = SCTPDK_IMPAIR_PROB, .ppm = 50000};
	struct sctpdk_impair_rule flip = {.action = SCTPDK_IMPAIR_CORRUPT,
					  .when = SCTPDK_IMPAIR_PROB,
					  .ppm = 10000,
					  .offset = 34};
	if (sctpdk_impair_add_rule(&ic, &drop) != 0 || sctpdk_impair_add_rule(&ic, &flip) != 0)
		return NULL;
	struct sctpdk_impair *imp = sctpdk_impair_new(&ic);
	if (imp != NULL && sctpdk_impair_attach_rx(imp, port, 0) != 0) {
		sctpdk_impair_del(imp);
		imp = NULL;
	}
	return imp;
}

/* The same transfer with 5% loss and 1% corruption on both receive paths
 * (drivers/impair on the ports' RX queues): byte-exact all the same,
 * corrupted packets counted as bad checksums. */
static void
test_lossy_link(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "lossy", NULL) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	t.cfg_a.n_mbufs = 8191;
	t.cfg_b.n_mbufs = 8191;
	for (int i = 0; i < 2; i++) {
		struct sctpdk_rt_proto_cfg *pc = i ? &t.cfg_b.proto : &t.cfg_a.proto;
		pc->out_streams = 4;
		pc->rto_initial_us = 100000;
		pc->rto_min_us = 50000;
		pc->rto_max_us = 400000;
		pc->sack_delay_us = 20000;
	}
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct sctpdk_impair *ia = lossy_rx((uint16_t)t.link.port_a, 11);
	struct sctpdk_impair *ib = lossy_rx((uint16_t)t.link.port_b, 12);
	CU_ASSERT_FATAL(ia != NULL && ib != NULL);
	struct side a = {.st = t.a}, b = {.st = t.b};
	struct sctpdk_addr peer = RT_ADDR_B;
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
	CU_ASSERT_FATAL(wait_until(&a, &b, both_up, 10000));
	unsigned na = 0, nb = 0;
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * 30;
	while (!all_received(&a, &b) && rte_get_timer_cycles() < end) {
		send_some(&a, 0, &na, b.rx + 32);
		send_some(&b, 1, &nb, a.rx + 32);
		poll_side(&a, 1);
		poll_side(&b, 0);
		usleep(100);
	}
	CU_ASSERT_EQUAL(a.rx, MSGS);
	CU_ASSERT_EQUAL(b.rx, MSGS);
	CU_ASSERT_EQUAL(a.mismatches, 0);
	CU_ASSERT_EQUAL(b.mismatches, 0);
	/* the losses show in telemetry: retransmissions on both sides */
	uint64_t rtx = 0;
	struct sctpdk_stack *both[2] = {t.a, t.b};
	for (int k = 0; k < 2; k++) {
		uint32_t id;
		struct sctpdk_rt_assoc_info li;
		if (sctpdk_stack_assoc_ids(both[k], &id, 1) == 1 &&
		    sctpdk_stack_assoc_info(both[k], id, &li) == 0) {
			CU_ASSERT(li.cwnd_bytes > 0 && li.srtt_us > 0);
			rtx += li.retransmissions;
		}
	}
	printf("\n    5%% loss: %" PRIu64 " DATA chunks retransmitted (telemetry)\n", rtx);
	CU_ASSERT(rtx > 0);
	CU_ASSERT_EQUAL(sctpdk_stack_shutdown(t.a, 0, a.assoc), 0);
	CU_ASSERT(wait_until(&a, &b, both_down, 10000));
	struct sctpdk_impair_stats xa, xb;
	sctpdk_impair_stats_get(ia, &xa);
	sctpdk_impair_stats_get(ib, &xb);
	CU_ASSERT(xa.dropped + xb.dropped > 0);
	struct sctpdk_stack_stats sa, sb;
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	/* the stacks' retransmission counters outlive the association and
	 * hold at least what the snapshots showed of the current path */
	CU_ASSERT_EQUAL(sa.assocs + sb.assocs, 0);
	printf("    stack stats: %" PRIu64 " DATA chunks retransmitted, %" PRIu64
	       " T3 expiries, %" PRIu64 " fast recoveries\n",
	       sa.rtx_chunks + sb.rtx_chunks, sa.rtx_t3_expiries + sb.rtx_t3_expiries,
	       sa.rtx_fast_events + sb.rtx_fast_events);
	CU_ASSERT(sa.rtx_chunks + sb.rtx_chunks >= rtx);
	CU_ASSERT(sa.rtx_chunks + sb.rtx_chunks > 0);
	CU_ASSERT(sa.rtx_t3_expiries + sb.rtx_t3_expiries + sa.rtx_fast_events +
		      sb.rtx_fast_events >
		  0);
	/* a flipped bit past the IP header is a CRC32c failure (or, in the
	 * few header bytes tshark would call malformed, an L3 drop) */
	CU_ASSERT(sa.drop[SCTPDK_RT_DROP_BAD_CKSUM] + sb.drop[SCTPDK_RT_DROP_BAD_CKSUM] > 0);
	sctpdk_stack_free(t.b);
	sctpdk_stack_free(t.a);
	t.a = t.b = NULL;
	sctpdk_impair_detach_rx(ia);
	sctpdk_impair_detach_rx(ib);
	sctpdk_impair_del(ia);
	sctpdk_impair_del(ib);
	rt_two_free(&t);
}

/* A TX queue that refuses frames: every fourth burst takes nothing, the
 * others at most 8 frames (a pre-TX callback returning fewer frames than
 * offered leaves the rest to the caller, as a full NIC queue does). */
struct refuse {
	uint64_t calls;
	uint64_t refused;
};

static uint16_t
refusing_tx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n, void *arg)
{
	struct refuse *r = arg;
	(void)port;
	(void)queue;
	(void)pkts;
	uint16_t take = r->calls++ % 4 == 3 ? 0 : n < 8 ? n : 8;
	r->refused += (uint64_t)(n - take);
	return take;
}

/* Both ports refuse part of every burst: the runtime keeps what was
 * refused for its next burst, so nothing is lost or reordered, nothing is
 * dropped, nothing retransmitted. */
static void
test_tx_refused(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "txref", NULL) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	t.cfg_a.n_mbufs = 8191;
	t.cfg_b.n_mbufs = 8191;
	t.cfg_a.proto.out_streams = 4;
	t.cfg_b.proto.out_streams = 4;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	static struct refuse ra, rb[2];
	memset(&ra, 0, sizeof(ra));
	memset(rb, 0, sizeof(rb));
	/* A: one lcore, TX queue 0; B: two lcores, TX queues 0 and 1 */
	const struct rte_eth_rxtx_callback *ca =
	    rte_eth_add_tx_callback((uint16_t)t.link.port_a, 0, refusing_tx, &ra);
	const struct rte_eth_rxtx_callback *cb0 =
	    rte_eth_add_tx_callback((uint16_t)t.link.port_b, 0, refusing_tx, &rb[0]);
	const struct rte_eth_rxtx_callback *cb1 =
	    rte_eth_add_tx_callback((uint16_t)t.link.port_b, 1, refusing_tx, &rb[1]);
	CU_ASSERT_FATAL(ca != NULL && cb0 != NULL && cb1 != NULL);
	struct side a = {.st = t.a}, b = {.st = t.b};
	struct sctpdk_addr peer = RT_ADDR_B;
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
	CU_ASSERT_FATAL(wait_until(&a, &b, both_up, 10000));
	unsigned na = 0, nb = 0;
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * 30;
	while (!all_received(&a, &b) && rte_get_timer_cycles() < end) {
		/* bursts of 64 messages ahead: many frames per TX burst */
		send_some(&a, 0, &na, b.rx + 64);
		send_some(&b, 1, &nb, a.rx + 64);
		poll_side(&a, 1);
		poll_side(&b, 0);
		usleep(100);
	}
	CU_ASSERT_EQUAL(a.rx, MSGS);
	CU_ASSERT_EQUAL(b.rx, MSGS);
	CU_ASSERT_EQUAL(a.mismatches + b.mismatches, 0);
	CU_ASSERT_EQUAL(a.order_errors + b.order_errors, 0);
	CU_ASSERT_EQUAL(sctpdk_stack_shutdown(t.a, 0, a.assoc), 0);
	CU_ASSERT(wait_until(&a, &b, both_down, 10000));
	struct sctpdk_stack_stats sa, sb;
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	uint64_t refused = __atomic_load_n(&ra.refused, __ATOMIC_RELAXED) +
			   __atomic_load_n(&rb[0].refused, __ATOMIC_RELAXED) +
			   __atomic_load_n(&rb[1].refused, __ATOMIC_RELAXED);
	printf("\n    TX queues refused %" PRIu64 " frames; kept %" PRIu64 " + %" PRIu64
	       ", dropped %" PRIu64 ", retransmitted %" PRIu64 " chunks\n",
	       refused, sa.tx_held, sb.tx_held,
	       sa.drop[SCTPDK_RT_DROP_TX_FULL] + sb.drop[SCTPDK_RT_DROP_TX_FULL],
	       sa.rtx_chunks + sb.rtx_chunks);
	CU_ASSERT(refused > 0);
	CU_ASSERT_EQUAL(sa.tx_held + sb.tx_held, refused);
	CU_ASSERT_EQUAL(sa.drop[SCTPDK_RT_DROP_TX_FULL], 0);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_TX_FULL], 0);
	CU_ASSERT_EQUAL(sa.rtx_chunks + sb.rtx_chunks, 0);
	sctpdk_stack_free(t.b);
	sctpdk_stack_free(t.a);
	t.a = t.b = NULL;
	rte_eth_remove_tx_callback((uint16_t)t.link.port_a, 0, ca);
	rte_eth_remove_tx_callback((uint16_t)t.link.port_b, 0, cb0);
	rte_eth_remove_tx_callback((uint16_t)t.link.port_b, 1, cb1);
	rt_two_free(&t);
}

/* INIT (common header first, tag 0) from src_port with initiate tag itag */
static struct rte_mbuf *
init_frame_from(struct rte_mempool *mp, const struct sctpdk_addr *src, uint16_t sport,
		uint32_t itag, const uint8_t dmac[6])
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	if (rte_pktmbuf_append(m, 32) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	memset(p, 0, 32);
	p[0] = (uint8_t)(sport >> 8);
	p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(RT_PORT_B >> 8);
	p[3] = (uint8_t)RT_PORT_B;
	p[12] = 1;  /* INIT */
	p[15] = 20; /* length */
	p[16] = (uint8_t)(itag >> 24);
	p[17] = (uint8_t)(itag >> 16);
	p[18] = (uint8_t)(itag >> 8);
	p[19] = (uint8_t)(itag | 1);
	p[22] = 0x10; /* a_rwnd 4096 */
	p[25] = 4;    /* OS */
	p[27] = 4;    /* MIS */
	p[28] = 0x12; /* initial TSN */
	sctpdk_sctp_cksum_set(m, 0);
	struct sctpdk_addr b = RT_ADDR_B;
	static const uint8_t smac[6] = {2, 0, 0, 0, 0, 0x77};
	if (sctpdk_rt_net_encap(m, src, &b, smac, dmac, 1) != 0) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return m;
}

static struct rte_mbuf *
init_frame(struct rte_mempool *mp, uint16_t sport, uint32_t itag, const uint8_t dmac[6])
{
	struct sctpdk_addr a = RT_ADDR_A;
	return init_frame_from(mp, &a, sport, itag, dmac);
}

/* Handshake packets B received that it neither answered nor counted as
 * dropped: every INIT gets one INIT ACK and every COOKIE ECHO one COOKIE
 * ACK, unless the hand-off ring to the owner was full (that drop may hit
 * the real association's COOKIE ECHO as well as a flood INIT). */
static int64_t
handshake_unaccounted(const struct sctpdk_stack_stats *s)
{
	return (int64_t)(s->rx_chunks[SCTPDK_CHUNK_INIT] + s->rx_chunks[SCTPDK_CHUNK_COOKIE_ECHO]) -
	       (int64_t)(s->tx_chunks[SCTPDK_CHUNK_INIT_ACK] + s->tx_chunks[SCTPDK_CHUNK_COOKIE_ACK] +
			 s->drop[SCTPDK_RT_DROP_RING_FULL]);
}

/* Every non-zero counter of stack st, when an account does not add up. */
static void
print_counters(struct sctpdk_stack *st, const struct sctpdk_stack_stats *s)
{
	struct sctpdk_rt_kv kv[256];
	unsigned n = sctpdk_rt_stats_kv(st, kv, 256);
	printf("    handshake packets unaccounted: %" PRId64 "; counters:\n",
	       handshake_unaccounted(s));
	for (unsigned i = 0; i < n && i < 256; i++)
		if (kv[i].value != 0)
			printf("      %s %" PRIu64 "\n", kv[i].name, kv[i].value);
}

/* A flood of INITs from random ports and tags: every one answered (INIT
 * ACK, stateless), no association and no memory kept for any; a real
 * association set up during the flood comes up; the pool is whole after. */
static void
test_init_flood(void)
{
	enum { FLOOD = 3000 };
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rt_flood_pool", 8191, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CU_ASSERT_FATAL(mp != NULL);
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "fl", mp) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct side a = {.st = t.a}, b = {.st = t.b};
	uint8_t mac_b[6];
	sctpdk_stack_port_mac(t.b, 0, mac_b);
	uint64_t seed = 0xf100d;
	struct sctpdk_addr peer = RT_ADDR_B;
	for (unsigned i = 0; i < FLOOD; i++) {
		uint64_t r = sctpdk_test_rand(&seed);
		struct rte_mbuf *m =
		    init_frame(sctpdk_test_mbuf_pool(), (uint16_t)(1024 + r % 60000),
			       (uint32_t)(r >> 32), mac_b);
		CU_ASSERT_FATAL(m != NULL);
		while (rte_ring_enqueue(t.link.ab, m) != 0)
			usleep(50);
		if (i == FLOOD / 2)
			CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
		poll_side(&a, 1);
		poll_side(&b, 0);
	}
	CU_ASSERT(wait_until(&a, &b, both_up, 5000));
	struct sctpdk_stack_stats sb;
	for (int i = 0; i < 200; i++) {
		sctpdk_stack_stats_get(t.b, &sb);
		/* all seen, and all answered or dropped */
		if (sb.rx_chunks[1] >= FLOOD + 1 &&
		    handshake_unaccounted(&sb) == 0)
			break;
		usleep(5000);
	}
	/* every INIT (and the real one's retransmissions) seen; those the
	 * endpoint's hand-off ring could not take are counted, every other
	 * one answered by exactly one INIT ACK; nothing else kept */
	CU_ASSERT(sb.rx_chunks[1] >= FLOOD + 1);
	CU_ASSERT_EQUAL(handshake_unaccounted(&sb), 0);
	if (handshake_unaccounted(&sb) != 0)
		print_counters(t.b, &sb);
	CU_ASSERT(sb.tx_chunks[2] > 0);
	CU_ASSERT_EQUAL(sb.assocs, 1);                         /* only the real one */
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_RING_FULL], 0); /* 4096-deep endpoint ring */
	/* the core's own counters reach telemetry: one association made */
	struct sctpdk_rt_kv kv[256];
	unsigned n = sctpdk_rt_stats_kv(t.b, kv, 256);
	CU_ASSERT_FATAL(n <= 256);
	uint64_t created = UINT64_MAX, core_rx = UINT64_MAX;
	for (unsigned i = 0; i < n; i++) {
		if (strcmp(kv[i].name, "core_assoc_created") == 0)
			created = kv[i].value;
		if (strcmp(kv[i].name, "core_rx_packets") == 0)
			core_rx = kv[i].value;
	}
	CU_ASSERT_EQUAL(created, 1);
	CU_ASSERT(core_rx >= FLOOD + 1);
	rt_two_free(&t);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), 0);
	rte_mempool_free(mp);
}

/* Garbage of kind k (0 random frame, 1 truncated IPv4 header, 2 truncated
 * SCTP common header, 3 INIT with a bad CRC32c) for B's port. */
static struct rte_mbuf *
garbage_frame(struct rte_mempool *mp, unsigned k, uint64_t *seed, const uint8_t dmac[6])
{
	if (k == 0) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == NULL)
			return NULL;
		uint16_t len = (uint16_t)(1 + sctpdk_test_rand(seed) % 256);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
		for (unsigned j = 0; j < len; j++)
			p[j] = (uint8_t)sctpdk_test_rand(seed);
		if (len >= 14) { /* never IPv4, VLAN or ARP: an L2 drop */
			memcpy(p, dmac, 6);
			p[12] = 0x88;
			p[13] = 0xb5;
		}
		return m;
	}
	struct rte_mbuf *m = init_frame(mp, 4000, 0x1234, dmac);
	if (m == NULL)
		return NULL;
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	if (k == 1) {
		rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_pkt_len(m) - 24));
	} else if (k == 2) {
		struct rte_ipv4_hdr *ih = (struct rte_ipv4_hdr *)(p + 14);
		ih->total_length = rte_cpu_to_be_16(30);
		ih->hdr_checksum = 0;
		ih->hdr_checksum = rte_ipv4_cksum(ih);
		rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_pkt_len(m) - 44));
	} else {
		p[14 + 20 + 8] ^= 0x5a; /* CRC32c */
	}
	return m;
}

static uint64_t
heap_bytes(void)
{
	struct rte_malloc_socket_stats ms;
	uint64_t sum = 0;
	for (unsigned s = 0; s < RTE_MAX_NUMA_NODES; s++)
		if (rte_malloc_get_socket_stats((int)s, &ms) == 0)
			sum += ms.heap_allocsz_bytes;
	return sum;
}

/* What one flood run measured. */
struct flood_result {
	double secs;      /* first INIT in until every INIT answered or dropped */
	uint64_t answered; /* INIT ACKs */
	uint64_t dropped;  /* ring-full drops */
	uint64_t stateless; /* answered on the receiving lcore */
};

/* 100 000 INITs (SCTPDK_FLOOD_INITS overrides) from 64
 * random source addresses and random ports, with garbage mixed in (every
 * 25th frame: random frames, truncated IPv4 and SCTP headers, bad CRC32c)
 * and a real association set up in the middle. Every INIT answered or
 * counted, every piece of garbage counted under its reason, only the real
 * association created, and no memory kept per INIT: the mbuf pool back to
 * its level before the flood, DPDK and libc heaps grown by less than a
 * byte per INIT. B's endpoint is owned by its second lcore, its port has
 * one RX queue polled by the first: init_on_owner 1 hands every INIT over
 * (the owner answers or its ring drops), 0 answers them statelessly where
 * they arrive. */
static void
garbage_and_init_flood(unsigned init_on_owner, unsigned flood, struct flood_result *res)
{
	printf("\n    INIT flood: %u INITs, %s\n", flood,
	       init_on_owner ? "handed to the owner lcore" : "answered on the RX lcore");
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rt_gflood_pool", 8191, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CU_ASSERT_FATAL(mp != NULL);
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, init_on_owner ? "gf" : "gs", mp) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	t.cfg_b.init_on_owner = init_on_owner;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct side a = {.st = t.a}, b = {.st = t.b};
	uint8_t mac_a[6], mac_b[6];
	sctpdk_stack_port_mac(t.a, 0, mac_a);
	sctpdk_stack_port_mac(t.b, 0, mac_b);
	/* the flood's sources are neighbours of B (reached through A's MAC,
	 * which drops the INIT ACKs): nothing waits for ARP */
	for (unsigned h = 0; h < 64; h++) {
		struct sctpdk_addr src = sctpdk_addr_v4(198, 18, 0, (uint8_t)(10 + h));
		CU_ASSERT_FATAL(sctpdk_stack_neigh_add(t.b, 0, &src, mac_a) == 0);
	}
	usleep(20000);
	struct sctpdk_stack_stats s0, sb;
	sctpdk_stack_stats_get(t.b, &s0);
	unsigned in_use0 = rte_mempool_in_use_count(mp);
	uint64_t heap0 = heap_bytes();
#if !defined(__SANITIZE_ADDRESS__)
	size_t libc0 = mallinfo2().uordblks;
#endif

	uint64_t heap_mid = 0;
#if !defined(__SANITIZE_ADDRESS__)
	size_t libc_mid = 0;
#endif
	uint64_t seed = 0x9a7ba9e;
	unsigned n_garbage[4] = {0, 0, 0, 0};
	struct sctpdk_addr peer = RT_ADDR_B;
	uint64_t t0 = rte_get_timer_cycles();
	for (unsigned i = 0; i < flood; i++) {
		uint64_t r = sctpdk_test_rand(&seed);
		struct sctpdk_addr src = sctpdk_addr_v4(198, 18, 0, (uint8_t)(10 + (r >> 16) % 64));
		struct rte_mbuf *m =
		    init_frame_from(sctpdk_test_mbuf_pool(), &src, (uint16_t)(1024 + r % 60000),
				    (uint32_t)(r >> 32), mac_b);
		CU_ASSERT_FATAL(m != NULL);
		while (rte_ring_enqueue(t.link.ab, m) != 0)
			usleep(20);
		if (i % 25 == 0) {
			unsigned k = (i / 25) % 4;
			m = garbage_frame(sctpdk_test_mbuf_pool(), k, &seed, mac_b);
			CU_ASSERT_FATAL(m != NULL);
			while (rte_ring_enqueue(t.link.ab, m) != 0)
				usleep(20);
			n_garbage[k]++;
		}
		if (i == flood / 2) {
			/* half the flood seen, no association yet: heaps as before */
			heap_mid = heap_bytes();
#if !defined(__SANITIZE_ADDRESS__)
			libc_mid = mallinfo2().uordblks;
#endif
			CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
		}
		if (i % 64 == 0) {
			poll_side(&a, 1);
			poll_side(&b, 0);
		}
	}
	/* the flood's end: every INIT seen and answered or dropped */
	for (int i = 0; i < 20000; i++) {
		sctpdk_stack_stats_get(t.b, &sb);
		if (sb.rx_chunks[1] - s0.rx_chunks[1] >= flood &&
		    handshake_unaccounted(&sb) == 0)
			break;
		usleep(500);
	}
	double secs = (double)(rte_get_timer_cycles() - t0) / (double)rte_get_timer_hz();
	res->secs = secs;
	res->answered = sb.tx_chunks[2] - s0.tx_chunks[2];
	res->dropped = sb.drop[SCTPDK_RT_DROP_RING_FULL] - s0.drop[SCTPDK_RT_DROP_RING_FULL];
	res->stateless = sb.demux_stateless - s0.demux_stateless;
	printf("    %u INITs + %u garbage frames in %.3f s: %" PRIu64 " answered (%.0f INIT/s "
	       "answered, %" PRIu64 " on the RX lcore), %" PRIu64 " ring-full drops\n",
	       flood, n_garbage[0] + n_garbage[1] + n_garbage[2] + n_garbage[3], secs, res->answered,
	       (double)res->answered / secs, res->stateless, res->dropped);
	/* the real association comes up (its INIT may be retransmitted) */
	CU_ASSERT(wait_until(&a, &b, both_up, 10000));
	for (int i = 0; i < 1000; i++) {
		sctpdk_stack_stats_get(t.b, &sb);
		if (sb.rx_chunks[1] - s0.rx_chunks[1] >= flood + 1 &&
		    handshake_unaccounted(&sb) == 0)
			break;
		usleep(5000);
	}
	CU_ASSERT(sb.rx_chunks[1] - s0.rx_chunks[1] >= flood + 1);
	if (init_on_owner) {
		CU_ASSERT_EQUAL(res->stateless, 0);
	} else {
		/* every INIT answered, on the RX lcore (an INIT whose address
		 * hashes like the real association's peer goes to the owner) */
		CU_ASSERT_EQUAL(res->dropped, 0);
		CU_ASSERT_EQUAL(sb.tx_chunks[2] - s0.tx_chunks[2], sb.rx_chunks[1] - s0.rx_chunks[1]);
		CU_ASSERT(res->stateless >= flood - flood / 50);
		CU_ASSERT(sb.demux_stateless <= sb.demux_endpoint);
	}
	CU_ASSERT_EQUAL(handshake_unaccounted(&sb), 0);
	if (handshake_unaccounted(&sb) != 0)
		print_counters(t.b, &sb);
	CU_ASSERT(sb.tx_chunks[2] > 0);
	CU_ASSERT_EQUAL(sb.assocs, 1);
	/* garbage, each under its reason */
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_L2] - s0.drop[SCTPDK_RT_DROP_L2], n_garbage[0]);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_L3] - s0.drop[SCTPDK_RT_DROP_L3], n_garbage[1]);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_SCTP_HDR] - s0.drop[SCTPDK_RT_DROP_SCTP_HDR],
			n_garbage[2]);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_BAD_CKSUM] - s0.drop[SCTPDK_RT_DROP_BAD_CKSUM],
			n_garbage[3]);
	struct sctpdk_rt_kv kv[256];
	unsigned n = sctpdk_rt_stats_kv(t.b, kv, 256);
	uint64_t created = UINT64_MAX;
	for (unsigned i = 0; i < n && i < 256; i++)
		if (strcmp(kv[i].name, "core_assoc_created") == 0)
			created = kv[i].value;
	CU_ASSERT_EQUAL(created, 1);
	/* nothing kept per INIT */
	unsigned in_use = 0;
	for (int i = 0; i < 400; i++) {
		in_use = rte_mempool_in_use_count(mp);
		if (in_use <= in_use0)
			break;
		usleep(5000);
	}
	uint64_t heap1 = heap_bytes();
	printf("    pool in use %u -> %u mbufs, DPDK heap %" PRIu64 " -> %" PRIu64
	       " (mid-flood) -> %" PRIu64 " bytes\n",
	       in_use0, in_use, heap0, heap_mid, heap1);
	CU_ASSERT(in_use <= in_use0);
	/* half the flood costs no memory; the whole run one association */
	CU_ASSERT(heap_mid < heap0 + flood / 2);
	CU_ASSERT(heap1 < heap0 + (2u << 20));
#if !defined(__SANITIZE_ADDRESS__)
	size_t libc1 = mallinfo2().uordblks;
	printf("    libc heap in use %zu -> %zu (mid-flood) -> %zu bytes (the real association)\n",
	       libc0, libc_mid, libc1);
	CU_ASSERT(libc_mid < libc0 + flood / 2);
	CU_ASSERT(libc1 < libc0 + (2u << 20));
#endif
	rt_two_free(&t);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), 0);
	rte_mempool_free(mp);
}

/* The flood both ways; INITs answered per second printed side by side. */
static void
test_garbage_and_init_flood(void)
{
	unsigned flood = 100000;
	const char *env = getenv("SCTPDK_FLOOD_INITS");
	if (env != NULL && atoi(env) > 0)
		flood = (unsigned)atoi(env);
	struct flood_result owner, here;
	garbage_and_init_flood(1, flood, &owner);
	garbage_and_init_flood(0, flood, &here);
	printf("    INITs answered: owner lcore %" PRIu64 "/%u in %.3f s (%.0f/s), "
	       "stateless on the RX lcore %" PRIu64 "/%u in %.3f s (%.0f/s)%s\n",
	       owner.answered, flood, owner.secs, (double)owner.answered / owner.secs,
	       here.answered, flood, here.secs, (double)here.answered / here.secs,
	       env != NULL ? " (SCTPDK_FLOOD_INITS)" : "");
	CU_ASSERT(here.answered >= flood);
}

/* ICMP "fragmentation needed" (type 3 code 4) from a router to B about a
 * packet B sent to A: quoted IPv4 header and the first 20 bytes of SCTP
 * (ports, verification tag). */
static struct rte_mbuf *
frag_needed_frame(const uint8_t dmac[6], uint32_t quoted_vtag, uint16_t mtu)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	if (m == NULL)
		return NULL;
	const uint16_t len = 14 + 20 + 8 + 20 + 20;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, len);
	static const uint8_t smac[6] = {2, 0, 0, 0, 0, 0x99};
	memcpy(p, dmac, 6);
	memcpy(p + 6, smac, 6);
	p[12] = 0x08;
	struct sctpdk_addr router = sctpdk_addr_v4(198, 18, 0, 254);
	struct sctpdk_addr a = RT_ADDR_A, b = RT_ADDR_B;
	struct rte_ipv4_hdr *ih = (struct rte_ipv4_hdr *)(p + 14);
	ih->version_ihl = 0x45;
	ih->total_length = rte_cpu_to_be_16(20 + 8 + 20 + 20);
	ih->time_to_live = 64;
	ih->next_proto_id = 1;
	ih->src_addr = router.u.v4;
	ih->dst_addr = b.u.v4;
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	uint8_t *ic = p + 14 + 20;
	ic[0] = 3;
	ic[1] = 4;
	ic[6] = (uint8_t)(mtu >> 8);
	ic[7] = (uint8_t)mtu;
	struct rte_ipv4_hdr *qh = (struct rte_ipv4_hdr *)(ic + 8);
	qh->version_ihl = 0x45;
	qh->total_length = rte_cpu_to_be_16(1500);
	qh->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	qh->time_to_live = 63;
	qh->next_proto_id = 132;
	qh->src_addr = b.u.v4;
	qh->dst_addr = a.u.v4;
	qh->hdr_checksum = rte_ipv4_cksum(qh);
	uint8_t *q = ic + 8 + 20;
	q[0] = (uint8_t)(RT_PORT_B >> 8);
	q[1] = (uint8_t)RT_PORT_B;
	q[2] = (uint8_t)(RT_PORT_A >> 8);
	q[3] = (uint8_t)RT_PORT_A;
	q[4] = (uint8_t)(quoted_vtag >> 24);
	q[5] = (uint8_t)(quoted_vtag >> 16);
	q[6] = (uint8_t)(quoted_vtag >> 8);
	q[7] = (uint8_t)quoted_vtag;
	q[12] = 0; /* a DATA chunk header */
	q[13] = 3;
	uint16_t sum = rte_raw_cksum(ic, 8 + 20 + 20);
	sum = (uint16_t)~sum;
	memcpy(ic + 2, &sum, 2);
	return m;
}

static uint64_t
core_counter(struct sctpdk_stack *st, const char *name)
{
	struct sctpdk_rt_kv kv[200];
	unsigned n = sctpdk_rt_stats_kv(st, kv, 200);
	for (unsigned i = 0; i < n && i < 200; i++)
		if (strcmp(kv[i].name, name) == 0)
			return kv[i].value;
	return UINT64_MAX;
}

/* SCTP frames B sends while armed: how many, the longest. */
struct tx_watch {
	int armed;
	uint64_t frames;
	uint32_t max_len;
};

static uint16_t
watch_tx(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n, void *arg)
{
	struct tx_watch *w = arg;
	if (!__atomic_load_n(&w->armed, __ATOMIC_ACQUIRE))
		return n;
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *p = rte_pktmbuf_mtod(pkts[i], const uint8_t *);
		if (rte_pktmbuf_data_len(pkts[i]) < 34 || p[12] != 0x08 || p[23] != 132)
			continue;
		__atomic_fetch_add(&w->frames, 1, __ATOMIC_RELAXED);
		uint32_t len = rte_pktmbuf_pkt_len(pkts[i]);
		uint32_t cur = __atomic_load_n(&w->max_len, __ATOMIC_RELAXED);
		while (len > cur && !__atomic_compare_exchange_n(&w->max_len, &cur, len, 0,
								  __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
	}
	return n;
}

static int
b_info(struct sctpdk_stack *st, struct sctpdk_rt_assoc_info *info)
{
	uint32_t ids[2];
	if (sctpdk_stack_assoc_ids(st, ids, 2) != 1)
		return -1;
	return sctpdk_stack_assoc_info(st, ids[0], info);
}

/* An ICMP frag-needed about B's DATA to A, injected on B's port (RX lcore
 * 0, association owned by lcore 1: the event crosses to the owner), lowers
 * the path MTU of B's association to the reported 1200 bytes and B's later
 * DATA packets fit in it; the same ICMP quoting a wrong verification tag
 * is ignored and counted. */
static void
test_icmp_frag_needed(void)
{
	enum { MTU = 1200 };
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "icmp", NULL) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1;
	t.cfg_a.proto.out_streams = 4;
	t.cfg_b.proto.out_streams = 4;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct side a = {.st = t.a}, b = {.st = t.b};
	struct sctpdk_addr peer = RT_ADDR_B;
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 4), 0);
	CU_ASSERT_FATAL(wait_until(&a, &b, both_up, 5000));
	uint8_t mac_b[6];
	sctpdk_stack_port_mac(t.b, 0, mac_b);
	uint32_t ids[2];
	struct sctpdk_rt_assoc_info ia, ib;
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_assoc_ids(t.a, ids, 2), 1);
	CU_ASSERT_FATAL(sctpdk_stack_assoc_info(t.a, ids[0], &ia) == 0);
	uint32_t tag_to_a = ia.local_vtag; /* what B puts in its packets */

	/* a wrong tag: not acted on, counted */
	struct rte_mbuf *m = frag_needed_frame(mac_b, tag_to_a ^ 0x5a5a, MTU);
	CU_ASSERT_FATAL(m != NULL);
	while (rte_ring_enqueue(t.link.ab, m) != 0)
		usleep(50);
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * 5;
	while (core_counter(t.b, "core_icmp_no_match") == 0 && rte_get_timer_cycles() < end)
		usleep(200);
	CU_ASSERT_EQUAL(core_counter(t.b, "core_icmp_no_match"), 1);
	CU_ASSERT_EQUAL(core_counter(t.b, "core_icmp_applied"), 0);

	/* the right tag while B's data is in flight (the core only believes
	 * a report about traffic it has outstanding) */
	unsigned nb = 0, round = 0;
	while (core_counter(t.b, "core_icmp_applied") == 0 && round < 200) {
		unsigned upto = nb + 8;
		for (; nb < upto; nb++) {
			struct rte_mbuf *msg = make_msg(sctpdk_stack_pool(t.b), 1, 9); /* 4000 B */
			CU_ASSERT_FATAL(msg != NULL);
			while (sctpdk_stack_send(t.b, 0, b.assoc, 9 % 4, PPID_BASE | 9, 0,
						 msg) != 0)
				usleep(100);
		}
		m = frag_needed_frame(mac_b, tag_to_a, MTU);
		CU_ASSERT_FATAL(m != NULL);
		while (rte_ring_enqueue(t.link.ab, m) != 0)
			usleep(50);
		round++;
		for (int i = 0; i < 50 && core_counter(t.b, "core_icmp_applied") == 0; i++) {
			poll_side(&a, 1);
			usleep(200);
		}
	}
	CU_ASSERT_EQUAL_FATAL(core_counter(t.b, "core_icmp_applied"), 1);
	CU_ASSERT_EQUAL(core_counter(t.b, "core_icmp_no_match"), 1);
	struct sctpdk_stack_stats sb;
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT_EQUAL(sb.rx_icmp_events, round + 1);
	/* every message of the first rounds arrives */
	end = rte_get_timer_cycles() + rte_get_timer_hz() * 10;
	while (a.rx < nb && rte_get_timer_cycles() < end) {
		poll_side(&a, 1);
		usleep(200);
	}
	CU_ASSERT_EQUAL(a.rx, nb);

	/* now watch what B sends: 40 more messages of 4000 bytes */
	static struct tx_watch w;
	memset(&w, 0, sizeof(w));
	const struct rte_eth_rxtx_callback *cb[2];
	for (uint16_t q = 0; q < 2; q++)
		cb[q] = rte_eth_add_tx_callback((uint16_t)t.link.port_b, q, watch_tx, &w);
	__atomic_store_n(&w.armed, 1, __ATOMIC_RELEASE);
	unsigned total = nb + 40;
	for (; nb < total; nb++) {
		struct rte_mbuf *msg = make_msg(sctpdk_stack_pool(t.b), 1, 9);
		CU_ASSERT_FATAL(msg != NULL);
		while (sctpdk_stack_send(t.b, 0, b.assoc, 9 % 4, PPID_BASE | 9, 0, msg) != 0)
			usleep(100);
		poll_side(&a, 1);
	}
	end = rte_get_timer_cycles() + rte_get_timer_hz() * 10;
	while (a.rx < total && rte_get_timer_cycles() < end) {
		poll_side(&a, 1);
		usleep(200);
	}
	__atomic_store_n(&w.armed, 0, __ATOMIC_RELEASE);
	CU_ASSERT_EQUAL(a.rx, total);
	CU_ASSERT_EQUAL(a.mismatches, 0);
	usleep(2000);
	CU_ASSERT_FATAL(b_info(t.b, &ib) == 0);
	printf("\n    ICMP frag-needed (MTU %u) applied after %u round(s); B then sent %" PRIu64
	       " SCTP frames, longest %u bytes (IP %u); payload MTU %u\n",
	       MTU, round, w.frames, w.max_len, w.max_len - 14, ib.payload_mtu);
	CU_ASSERT_EQUAL(ib.payload_mtu, MTU - 20 - 12 - 16);
	/* at least the 40 x 4000 bytes in packets of the new size */
	CU_ASSERT(w.frames >= (40u * 4000u + (MTU - 48) - 1) / (MTU - 48));
	CU_ASSERT(w.max_len <= 14 + MTU);
	CU_ASSERT(w.max_len > 14 + MTU - 100); /* full packets, not tiny ones */
	for (uint16_t q = 0; q < 2; q++)
		if (cb[q] != NULL)
			rte_eth_remove_tx_callback((uint16_t)t.link.port_b, q, cb[q]);
	usleep(1000); /* callbacks are not freed while a burst may run them */
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_engine_sctp, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_association_data_shutdown), SCTPDK_TEST(test_lossy_link),
		  SCTPDK_TEST(test_tx_refused),
		  SCTPDK_TEST(test_init_flood), SCTPDK_TEST(test_garbage_and_init_flood),
		  SCTPDK_TEST(test_icmp_frag_needed))
