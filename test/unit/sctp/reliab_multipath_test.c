/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reliability scenarios, multi-homing and failover (RFC 9260 sections 5.4,
 * 6.4 and 8): failover and return of the primary, loss on the primary
 * only with per-path flight and T3-rtx checks, an alternate never
 * confirmed, and every path cut.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>

#include "reliab.h"
#include "sctpdk_sim.h"
#include "sctpdk_test.h"

/* DATA packets delivered per link, with the time of the first and last. */
struct mh_count {
	uint64_t data[2];
	uint64_t first_after[2]; /* first DATA delivery at or after mark_us */
	uint64_t mark_us[2];
};

static bool
has_data(const struct rte_mbuf *pkt)
{
	uint8_t types[SCTPDK_SIM_REC_CHUNKS];
	unsigned nt = sctpdk_sim_chunk_types(pkt, types, SCTPDK_SIM_REC_CHUNKS);
	for (unsigned i = 0; i < nt; i++)
		if (types[i] == 0)
			return true;
	return false;
}

static void
mh_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct mh_count *c = arg;
	if (ev->type != SCTPDK_SIM_EV_DELIVERED || ev->link < 0 || ev->link > 1 ||
	    !has_data(ev->pkt))
		return;
	c->data[ev->link]++;
	if (ev->time_us >= c->mark_us[ev->link] && c->first_after[ev->link] == 0)
		c->first_after[ev->link] = ev->time_us;
}

static void
link0_down(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct mh_count *c = arg;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
	c->mark_us[1] = now_us;
	c->first_after[1] = 0;
}

static void
link0_up(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct mh_count *c = arg;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 1);
	c->mark_us[0] = now_us;
	c->first_after[0] = 0;
}

/*
 * What the sender put on each of two paths, by TSN (first transmission or
 * retransmission), and a shadow of what is outstanding per destination:
 * from the DATA chunks it sent (tap, SENT from A) and the SACKs it received
 * (tap, DELIVERED to A), with the sender's rules (a stale SACK is ignored;
 * a chunk is acked while the latest SACK covers it).
 */
#define LG_WIN 200000 /* bins of 100 ms: new data / retransmissions per link */

struct ledger {
	bool have_base;
	uint32_t base; /* first TSN seen */
	uint32_t cap;
	uint8_t *tx;   /* transmissions per TSN offset */
	uint8_t *dest; /* link of the last one */
	uint8_t *st;   /* 0 outstanding, 1 gap-acked, 2 cum-acked */
	uint16_t *len;
	uint32_t high;         /* offsets [0, high) were sent */
	int64_t cum;           /* shadow cumulative ack offset, -1 none */
	uint64_t new_chunks[2], rtx_chunks[2];
	uint64_t mark_us;      /* first_* count from here */
	uint64_t first_new[2], first_rtx[2];
	uint8_t *bin_new0, *bin_rtx1; /* per 100 ms: new data on link 0, rtx on link 1 */
	uint32_t overflow;
};

static void
ledger_init(struct ledger *l, uint32_t cap)
{
	memset(l, 0, sizeof(*l));
	l->cap = cap;
	l->tx = calloc(cap, 1);
	l->dest = calloc(cap, 1);
	l->st = calloc(cap, 1);
	l->len = calloc(cap, sizeof(*l->len));
	l->bin_new0 = calloc(LG_WIN, 1);
	l->bin_rtx1 = calloc(LG_WIN, 1);
	l->cum = -1;
	CU_ASSERT_FATAL(l->tx && l->dest && l->st && l->len && l->bin_new0 && l->bin_rtx1);
}

static void
ledger_free(struct ledger *l)
{
	free(l->tx);
	free(l->dest);
	free(l->st);
	free(l->len);
	free(l->bin_new0);
	free(l->bin_rtx1);
}

/* Flat copy of a packet's first bytes; returns the length copied. */
static uint32_t
flat(const struct rte_mbuf *m, uint8_t *buf, uint32_t cap)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	if (len > cap)
		len = cap;
	const void *p = rte_pktmbuf_read(m, 0, len, buf);
	if (p != NULL && p != buf)
		memcpy(buf, p, len);
	return p != NULL ? len : 0;
}

static inline uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
ledger_data(struct ledger *l, int link, uint64_t t, const uint8_t *c, uint16_t clen)
{
	if (clen < 17)
		return;
	uint32_t tsn = be32(c + 4);
	if (!l->have_base) {
		l->base = tsn;
		l->have_base = true;
	}
	uint32_t off = tsn - l->base;
	if (off >= l->cap) {
		l->overflow++;
		return;
	}
	bool rtx = l->tx[off] != 0;
	if (l->tx[off] < 255)
		l->tx[off]++;
	l->dest[off] = (uint8_t)link;
	l->len[off] = (uint16_t)(clen - 16);
	if (off >= l->high)
		l->high = off + 1;
	uint64_t bin = t / 100000;
	if (rtx) {
		l->rtx_chunks[link]++;
		if (t >= l->mark_us && l->first_rtx[link] == 0)
			l->first_rtx[link] = t;
		if (link == 1 && bin < LG_WIN)
			l->bin_rtx1[bin] = 1;
	} else {
		l->new_chunks[link]++;
		if (t >= l->mark_us && l->first_new[link] == 0)
			l->first_new[link] = t;
		if (link == 0 && bin < LG_WIN)
			l->bin_new0[bin] = 1;
	}
}

static void
ledger_sack(struct ledger *l, const uint8_t *c, uint16_t clen)
{
	if (clen < 16 || !l->have_base)
		return;
	int64_t cum = (int32_t)(be32(c + 4) - l->base);
	if (cum < l->cum)
		return; /* stale (6.2.1 D): the sender drops it too */
	uint16_t ngaps = be16(c + 12);
	if (16u + 4u * ngaps > clen)
		return;
	for (int64_t o = l->cum + 1; o <= cum && o < (int64_t)l->cap; o++)
		if (o >= 0)
			l->st[o] = 2;
	l->cum = cum;
	for (uint32_t o = (uint32_t)(cum + 1); o < l->high; o++)
		l->st[o] = 0;
	for (uint16_t g = 0; g < ngaps; g++) {
		uint32_t s = be16(c + 16 + 4 * g), e = be16(c + 18 + 4 * g);
		for (uint32_t k = s; k <= e && cum + k < l->high; k++)
			l->st[cum + k] = 1;
	}
}

/* Bytes outstanding per destination (sent there last, not acked). */
static void
ledger_outstanding(const struct ledger *l, uint64_t out[2])
{
	out[0] = out[1] = 0;
	for (uint32_t o = (uint32_t)(l->cum + 1); o < l->high; o++)
		if (l->st[o] == 0)
			out[l->dest[o]] += l->len[o];
}

static void
ledger_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct ledger *l = arg;
	if (ev->link < 0 || ev->link > 1)
		return;
	bool sent = ev->type == SCTPDK_SIM_EV_SENT && ev->dir == SCTPDK_SIM_AB;
	bool acks = ev->type == SCTPDK_SIM_EV_DELIVERED && ev->dir == SCTPDK_SIM_BA;
	if (!sent && !acks)
		return;
	uint8_t buf[9216];
	uint32_t len = flat(ev->pkt, buf, sizeof(buf));
	for (uint32_t off = 12; off + 4 <= len;) {
		uint16_t clen = be16(buf + off + 2);
		if (clen < 4 || off + clen > len)
			break;
		if (sent && buf[off] == 0)
			ledger_data(l, ev->link, ev->time_us, buf + off, clen);
		else if (acks && buf[off] == 3)
			ledger_sack(l, buf + off, clen);
		off += (clen + 3u) & ~3u;
	}
}

/* Per-path checks of the sender after each of its calls (two paths). */
struct mp_check {
	struct ledger *lg;
	uint64_t checks, eq_checks;
	uint64_t bad_le, bad_eq, bad_t3;
	uint64_t bad_unconfirmed;    /* DATA on the alternate before it was confirmed */
	uint64_t t3_events[2];       /* T3 expiries seen on path k */
	uint64_t t3_other_changed;   /* ... that changed the other path's cwnd/ssthresh */
	uint64_t t3_cwnd_not_mtu;    /* ... that left path k's cwnd other than 1 MTU */
	uint32_t other_cwnd_min;     /* the other path's cwnd at those moments */
	uint32_t max_flight[2];
	struct sctpdk_sctp_path_info before[2];
	bool have_before;
};

static bool
mp_paths(struct sp_node *n, struct sctpdk_sctp_path_info pi[2])
{
	return n->up && sctpdk_sctp_path_info(n->ep, n->id, 0, &pi[0]) == 0 &&
	       sctpdk_sctp_path_info(n->ep, n->id, 1, &pi[1]) == 0;
}

static void
mp_before(struct sp_node *n)
{
	struct mp_check *m = n->user;
	m->have_before = mp_paths(n, m->before);
}

static void
mp_after(struct sp_node *n, uint64_t now)
{
	(void)now;
	struct mp_check *m = n->user;
	struct sctpdk_sctp_path_info pi[2];
	if (!mp_paths(n, pi))
		return;
	uint64_t out[2];
	ledger_outstanding(m->lg, out);
	m->checks++;
	m->bad_unconfirmed += !pi[1].confirmed && m->lg->new_chunks[1] + m->lg->rtx_chunks[1] > 0;
	for (int i = 0; i < 2; i++) {
		m->bad_le += pi[i].flight > out[i];
		m->bad_t3 += (pi[i].flight > 0) != (pi[i].t3_running != 0);
		if (pi[i].flight > m->max_flight[i])
			m->max_flight[i] = pi[i].flight;
	}
	/* Nothing marked for retransmission: flight is exactly what is
	 * outstanding, destination by destination. */
	if ((uint64_t)pi[0].flight + pi[1].flight == out[0] + out[1]) {
		m->eq_checks++;
		m->bad_eq += pi[0].flight != out[0] || pi[1].flight != out[1];
	}
	if (!m->have_before)
		return;
	for (int k = 0; k < 2; k++) {
		const struct sctpdk_sctp_path_info *b = &m->before[k], *o = &m->before[1 - k];
		if (pi[k].t3_expiries == b->t3_expiries)
			continue;
		m->t3_events[k]++;
		m->t3_cwnd_not_mtu += pi[k].cwnd != pi[k].mtu;
		m->t3_other_changed += pi[1 - k].cwnd != o->cwnd || pi[1 - k].ssthresh != o->ssthresh;
		if (m->other_cwnd_min == 0 || pi[1 - k].cwnd < m->other_cwnd_min)
			m->other_cwnd_min = pi[1 - k].cwnd;
	}
}

/* Before and after each call into the sender (user: its mp_check). */
static const struct sp_hooks mp_hooks = {.before = mp_before, .after = mp_after};

/* Both: DATA deliveries per link and the sender's ledger. */
struct mh_both {
	struct mh_count *cnt;
	struct ledger *lg;
};

static void
mh_both_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct mh_both *b = arg;
	mh_tap(b->cnt, ev);
	ledger_tap(b->lg, ev);
}

/*
 * The two-path pair of these scenarios: network 10.net.0.0 (A1-Z1 the
 * primary, A2-Z2), simulator seed seed, random states from seed * 100, a
 * planned transfer of a2z_bytes from A (plan seed seed) and none back
 * (seed + 1); link (both directions, both paths) NULL: the caller links.
 */
static void
mp_pair_init(struct sp_pair *p, uint64_t seed, uint8_t net, const struct sctpdk_sctp_config *cfg,
	     uint64_t a2z_bytes, const struct sctpdk_sim_link_cfg *link)
{
	reliab_pair_init(p, seed, seed * 100, net, 2, cfg);
	reliab_plan(&p->a2z, a2z_bytes, seed);
	reliab_plan(&p->z2a, 0, seed + 1);
	if (link != NULL)
		sp_pair_link_all(p, link, NULL);
}

/*
 * Multi-homing: two paths (A1-Z1 primary, A2-Z2), 50 ms RTT, 5 Mbit/s.
 * The primary is cut 3 s into a transfer and restored 40 s later.
 */
static void
test_multihoming_failover(void)
{
	const uint32_t PMR = 2, HB_MS = 1000;
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.path_max_retrans = PMR;
	cfg.hb_interval_ms = HB_MS;
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = 5000000};
	struct sp_pair p;
	mp_pair_init(&p, 31, 4, &cfg, 56u << 20, &lc);
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z;
	struct mh_count cnt;
	memset(&cnt, 0, sizeof(cnt));
	struct ledger lg;
	ledger_init(&lg, 1u << 17);
	struct mh_both mb = {.cnt = &cnt, .lg = &lg};
	sctpdk_sim_set_tap(sim, mh_both_tap, &mb);
	sp_pair_up(&p, 10ull * 1000000);
	struct sctpdk_sctp_assoc_info ai;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sctp_assoc_info(nodes[0].ep, nodes[0].id, &ai), 0);
	CU_ASSERT_EQUAL_FATAL(ai.n_peer_addrs, 2);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	uint64_t t_cut = t0 + 3000000, t_back = t_cut + 40000000;
	sctpdk_sim_call_at(sim, t_cut, link0_down, &cnt);
	sctpdk_sim_call_at(sim, t_back, link0_up, &cnt);
	cnt.mark_us[0] = cnt.mark_us[1] = UINT64_MAX;
	lg.mark_us = t_cut;
	sctpdk_sim_run_until(sim, t_cut);
	struct sctpdk_sctp_path_info p0;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(nodes[0].ep, nodes[0].id, 0, &p0), 0);
	uint64_t rto_at_cut = p0.rto_us;
	uint64_t data0_at_cut = cnt.data[0], data1_at_cut = cnt.data[1];
	uint64_t new1_at_cut = lg.new_chunks[1], rtx1_at_cut = lg.rtx_chunks[1];
	printf("\n  before the cut: %" PRIu64 " DATA packets on the primary, %" PRIu64
	       " on the alternate (%" PRIu64 " new chunks, %" PRIu64 " retransmitted); RTO "
	       "%.3f s",
	       data0_at_cut, data1_at_cut, new1_at_cut, rtx1_at_cut, rto_at_cut / 1e6);
	CU_ASSERT(data0_at_cut > 500);
	CU_ASSERT_EQUAL(new1_at_cut, 0); /* new data only on the primary */
	sctpdk_sim_run_while(sim, sp_transfer_pending_alive, nodes, 600ull * 1000000);
	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	/* Traffic continued on the alternate within (PMR + 1) x RTO. */
	uint64_t moved = cnt.first_after[1] - t_cut;
	printf("\n  cut at %.3f s: first DATA over the alternate %.3f s later (limit %.3f s)",
	       t_cut / 1e6, moved / 1e6, (PMR + 1) * rto_at_cut / 1e6);
	CU_ASSERT(cnt.first_after[1] != 0);
	CU_ASSERT(moved <= (PMR + 1) * rto_at_cut);
	/* Retransmissions moved at the first T3-rtx expiry; new data once the
	 * primary was inactive (Path.Max.Retrans + 1 expiries, RTO doubling
	 * each time: within (2^(PMR+1) - 1) x RTO). */
	uint64_t new_moved = lg.first_new[1] - t_cut;
	printf("\n  first retransmission over the alternate %.3f s after the cut, first new data "
	       "%.3f s after it (primary unreachable at %.3f s; limit %.3f s)",
	       (lg.first_rtx[1] - t_cut) / 1e6, new_moved / 1e6,
	       (nodes[0].addr_ev_t[SCTPDK_ADDR_UNREACHABLE] - t_cut) / 1e6,
	       ((1u << (PMR + 1)) - 1) * rto_at_cut / 1e6);
	CU_ASSERT(lg.first_rtx[1] != 0 && lg.first_rtx[1] - t_cut <= rto_at_cut + 100000);
	CU_ASSERT(lg.first_new[1] != 0);
	CU_ASSERT(lg.first_new[1] >= nodes[0].addr_ev_t[SCTPDK_ADDR_UNREACHABLE]);
	CU_ASSERT(new_moved <= ((1u << (PMR + 1)) - 1) * rto_at_cut);
	CU_ASSERT_EQUAL(lg.overflow, 0);
	/* Events: the primary unreachable during the cut, available again
	 * after the restore. */
	struct sp_node *a = &nodes[0];
	CU_ASSERT_EQUAL(a->addr_ev[SCTPDK_ADDR_UNREACHABLE], 1);
	CU_ASSERT_EQUAL(a->addr_ev[SCTPDK_ADDR_AVAILABLE], 1);
	CU_ASSERT(sctpdk_addr_eq(&a->addr_ev_addr[SCTPDK_ADDR_UNREACHABLE], &p.addr[1][0]));
	CU_ASSERT(sctpdk_addr_eq(&a->addr_ev_addr[SCTPDK_ADDR_AVAILABLE], &p.addr[1][0]));
	CU_ASSERT(a->addr_ev_t[SCTPDK_ADDR_UNREACHABLE] > t_cut &&
		  a->addr_ev_t[SCTPDK_ADDR_UNREACHABLE] < t_back);
	CU_ASSERT(a->addr_ev_t[SCTPDK_ADDR_AVAILABLE] > t_back);
	/* The primary carries DATA again, after its heartbeat was answered. */
	printf("\n  restored at %.3f s: ADDR_AVAILABLE at %.3f s, DATA on the primary again at "
	       "%.3f s; %u messages delivered exactly once\n",
	       t_back / 1e6, a->addr_ev_t[SCTPDK_ADDR_AVAILABLE] / 1e6, cnt.first_after[0] / 1e6,
	       a2z->received);
	CU_ASSERT(cnt.first_after[0] >= a->addr_ev_t[SCTPDK_ADDR_AVAILABLE]);
	CU_ASSERT(cnt.first_after[0] != 0);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(a->ep, a->id, 0, &pi), 0);
	CU_ASSERT(pi.active && pi.current && pi.primary);
	CU_ASSERT(pi.hb_acked > 0);
	sp_pair_fini(&p);
	ledger_free(&lg);
}

static void
lossy_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	ledger_tap(arg, ev);
}

/*
 * Two paths; loss on the primary only (A->Z: 2 % random loss behind a
 * 30 kB drop-tail queue, 10 Mbit/s, 50 ms RTT), the alternate clean with
 * an 80 ms RTT. Checked on the packets each link carried and after every
 * call into the sender:
 *  1. retransmissions cross the alternate while new data stays on (and
 *     keeps flowing over) the primary;
 *  2. each path's flight equals the bytes outstanding to that destination
 *     (from the chunks sent there and the SACKs received) whenever no
 *     chunk waits for retransmission, never exceeds them otherwise, and
 *     its T3-rtx runs exactly while it has data in flight;
 *  3. a T3-rtx expiry on one path leaves the other path's cwnd and
 *     ssthresh as they were (and sets its own cwnd to 1 MTU).
 */
static void
test_two_paths_lossy_primary(void)
{
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.hb_interval_ms = 1000;
	struct sp_pair p;
	mp_pair_init(&p, 71, 8, &cfg, 16u << 20, NULL);
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z;
	struct sctpdk_sim_link_cfg lossy = {.delay_us = 25000, .rate_bps = 10000000,
					    .queue_bytes = 30000, .loss = 0.02};
	struct sctpdk_sim_link_cfg back = {.delay_us = 25000, .rate_bps = 10000000};
	struct sctpdk_sim_link_cfg alt = {.delay_us = 40000, .rate_bps = 10000000};
	sp_pair_link(&p, 0, &lossy, &back);
	sp_pair_link(&p, 1, &alt, NULL);
	struct ledger lg;
	ledger_init(&lg, 1u << 17);
	struct mp_check mc = {.lg = &lg};
	sctpdk_sim_set_tap(sim, lossy_tap, &lg);
	nodes[0].hooks = &mp_hooks;
	nodes[0].user = &mc;
	sp_pair_up(&p, 10ull * 1000000);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	sp_refill(&nodes[0], t0);
	sctpdk_sim_node_kick(sim, 0);
	/* Short outages force T3-rtx expiries: the primary's sending
	 * direction for 1.5 s, later the alternate for 2 s. */
	sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_AB, 0, t0 + 20000000);
	sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_AB, 1, t0 + 21500000);
	sctpdk_sim_link_set_up_at(sim, 1, SCTPDK_SIM_BOTH, 0, t0 + 40000000);
	sctpdk_sim_link_set_up_at(sim, 1, SCTPDK_SIM_BOTH, 1, t0 + 42000000);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, sp_transfer_pending_alive, nodes, 3600ull * 1000000), 0);
	double secs = (a2z->last_rx_us - t0) / 1e6;
	struct sctpdk_sctp_path_info pi[2];
	CU_ASSERT_FATAL(mp_paths(&nodes[0], pi));
	/* 1 */
	uint32_t bins_rtx1 = 0, bins_both = 0;
	for (uint32_t b = 0; b < LG_WIN; b++) {
		bins_rtx1 += lg.bin_rtx1[b];
		bins_both += lg.bin_rtx1[b] && lg.bin_new0[b];
	}
	printf("\n  16 MiB over a lossy primary in %.1f s (%.2f Mbit/s): primary carried %" PRIu64
	       " new chunks and %" PRIu64 " retransmissions, the alternate %" PRIu64
	       " new chunks and %" PRIu64 " retransmissions; of %u 100-ms intervals with "
	       "retransmissions on the alternate, %u also had new data on the primary",
	       secs, a2z->bytes * 8.0 / secs / 1e6, lg.new_chunks[0], lg.rtx_chunks[0],
	       lg.new_chunks[1], lg.rtx_chunks[1], bins_rtx1, bins_both);
	CU_ASSERT_EQUAL(lg.overflow, 0);
	CU_ASSERT_EQUAL(lg.new_chunks[1], 0);
	CU_ASSERT(lg.rtx_chunks[1] > 100);
	CU_ASSERT(lg.rtx_chunks[1] >= 9 * lg.rtx_chunks[0]);
	CU_ASSERT(bins_both * 10 >= bins_rtx1 * 9);
	CU_ASSERT_EQUAL(nodes[0].addr_ev[SCTPDK_ADDR_UNREACHABLE], 0);
	CU_ASSERT(pi[0].current && pi[0].primary && pi[0].active && pi[1].active);
	CU_ASSERT_EQUAL(pi[0].retransmitted_chunks, lg.rtx_chunks[0]);
	CU_ASSERT_EQUAL(pi[1].retransmitted_chunks, lg.rtx_chunks[1]);
	/* 2 */
	printf("\n  %" PRIu64 " checks of per-path flight (%" PRIu64 " with nothing marked for "
	       "retransmission, flight == outstanding per destination): %" PRIu64 " above "
	       "outstanding, %" PRIu64 " unequal, %" PRIu64 " T3-rtx states wrong; largest "
	       "flight %u / %u B",
	       mc.checks, mc.eq_checks, mc.bad_le, mc.bad_eq, mc.bad_t3, mc.max_flight[0],
	       mc.max_flight[1]);
	CU_ASSERT(mc.checks > 5000);
	CU_ASSERT(mc.eq_checks * 2 > mc.checks);
	CU_ASSERT_EQUAL(mc.bad_le, 0);
	CU_ASSERT_EQUAL(mc.bad_eq, 0);
	CU_ASSERT_EQUAL(mc.bad_t3, 0);
	CU_ASSERT(mc.max_flight[1] > 0);
	/* 5.4: nothing but heartbeats before the alternate was confirmed */
	CU_ASSERT_EQUAL(mc.bad_unconfirmed, 0);
	CU_ASSERT(pi[1].confirmed && pi[0].confirmed);
	/* 3 */
	printf("\n  T3-rtx expiries: %" PRIu64 " on the primary, %" PRIu64 " on the alternate; "
	       "other path's cwnd/ssthresh changed by one: %" PRIu64 " times (other cwnd >= %u "
	       "B); own cwnd not 1 MTU after: %" PRIu64,
	       mc.t3_events[0], mc.t3_events[1], mc.t3_other_changed, mc.other_cwnd_min,
	       mc.t3_cwnd_not_mtu);
	CU_ASSERT(mc.t3_events[0] > 0);
	CU_ASSERT(mc.t3_events[1] > 0);
	CU_ASSERT_EQUAL(mc.t3_events[0], pi[0].t3_expiries);
	CU_ASSERT_EQUAL(mc.t3_other_changed, 0);
	CU_ASSERT_EQUAL(mc.t3_cwnd_not_mtu, 0);
	/* per-path RTT: each path's own (the alternate's from heartbeats) */
	printf("\n  SRTT primary %.1f ms (%" PRIu64 " samples), alternate %.1f ms (%" PRIu64
	       " samples); fast recoveries %" PRIu64 " / %" PRIu64 "; heartbeats %" PRIu64
	       "/%" PRIu64 " acked %" PRIu64 "/%" PRIu64 "\n",
	       pi[0].srtt_us / 1e3, pi[0].rtt_samples, pi[1].srtt_us / 1e3, pi[1].rtt_samples,
	       pi[0].fast_rtx_events, pi[1].fast_rtx_events, pi[0].hb_sent, pi[1].hb_sent,
	       pi[0].hb_acked, pi[1].hb_acked);
	CU_ASSERT(pi[0].srtt_us >= 50000 && pi[0].srtt_us < 80000);
	CU_ASSERT(pi[1].hb_acked > 0); /* its chunks are all retransmissions (Karn) */
	CU_ASSERT(pi[1].srtt_us >= 80000 && pi[1].srtt_us < 95000);
	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	sp_pair_fini(&p);
	ledger_free(&lg);
}

/*
 * Path verification (RFC 9260 5.4): the alternate path is down from the
 * start, so its address is never confirmed. Nothing but heartbeats goes
 * there (no retransmission even with loss on the primary), the transfer
 * completes over the primary, and the unanswered probes make the address
 * unreachable without ending the association (idle for 10 minutes after).
 */
static void
test_unconfirmed_alternate_unused(void)
{
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	struct sctpdk_sim_link_cfg lossy = {.delay_us = 25000, .rate_bps = 10000000, .loss = 0.02};
	struct sp_pair p;
	mp_pair_init(&p, 81, 9, &cfg, 4u << 20, &lossy);
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z;
	sctpdk_sim_link_set_up(sim, 1, SCTPDK_SIM_BOTH, 0);
	struct ledger lg;
	ledger_init(&lg, 1u << 16);
	sctpdk_sim_set_tap(sim, lossy_tap, &lg);
	sp_pair_up(&p, 10ull * 1000000);
	sp_refill(&nodes[0], sctpdk_sim_now_us(sim));
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, sp_transfer_pending_alive, nodes, 3600ull * 1000000), 0);
	uint64_t t_done = sctpdk_sim_now_us(sim);
	sctpdk_sim_run_until(sim, t_done + 600000000ull); /* idle 10 min */
	struct sctpdk_sctp_path_info pi[2];
	CU_ASSERT_FATAL(mp_paths(&nodes[0], pi));
	struct sctpdk_sim_link_stats ls;
	sctpdk_sim_link_stats(sim, 1, SCTPDK_SIM_AB, &ls);
	printf("\n  alternate down from the start: %" PRIu64 " chunks retransmitted, %" PRIu64
	       " DATA chunks to the alternate, %" PRIu64 " packets tried on it (heartbeats "
	       "sent %" PRIu64 ", acked %" PRIu64 "); confirmed %d, active %d; association alive "
	       "after 10 idle minutes: %u\n",
	       pi[0].retransmitted_chunks, lg.new_chunks[1] + lg.rtx_chunks[1], ls.sent_pkts,
	       pi[1].hb_sent, pi[1].hb_acked, pi[1].confirmed, pi[1].active,
	       sctpdk_sctp_assoc_count(nodes[0].ep));
	CU_ASSERT(pi[0].retransmitted_chunks > 0);
	CU_ASSERT_EQUAL(lg.new_chunks[1] + lg.rtx_chunks[1], 0);
	CU_ASSERT_EQUAL(ls.sent_pkts, pi[1].hb_sent); /* heartbeats only */
	CU_ASSERT(pi[1].hb_sent > 0);
	CU_ASSERT_FALSE(pi[1].confirmed);
	CU_ASSERT_FALSE(pi[1].active);
	CU_ASSERT_EQUAL(nodes[0].addr_ev[SCTPDK_ADDR_UNREACHABLE], 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(nodes[0].ep), 1);
	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	sp_pair_fini(&p);
	ledger_free(&lg);
}

static int
not_lost(void *arg)
{
	struct sp_node *nodes = arg;
	return nodes[0].lost == 0;
}

/*
 * Every path cut: COMM_LOST after Association.Max.Retrans timeouts, one
 * SEND_FAILED per undelivered message with its context (and its bytes
 * when never sent). Two paths, 50 ms RTT, 20 Mbit/s.
 */
static void
test_all_paths_cut(void)
{
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.rwnd_bytes = 1u << 20; /* send buffer 4 MiB: many messages unsent */
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = 20000000};
	struct sp_pair p;
	mp_pair_init(&p, 41, 5, &cfg, 64u << 20, &lc);
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z;
	nodes[0].failed = calloc(a2z->n, 1);
	nodes[0].failed_unsent = calloc(a2z->n, 1);
	CU_ASSERT_FATAL(nodes[0].failed && nodes[0].failed_unsent);
	sp_pair_up(&p, 10ull * 1000000);
	uint64_t t_cut = sctpdk_sim_now_us(sim) + 2000000;
	sctpdk_sim_run_until(sim, t_cut);
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
	sctpdk_sim_link_set_up(sim, 1, SCTPDK_SIM_BOTH, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, not_lost, nodes, 3600ull * 1000000), 0);
	uint64_t t_lost = sctpdk_sim_now_us(sim);
	sctpdk_sim_run_until(sim, t_lost + 1000); /* drain the events */
	struct sp_node *a = &nodes[0];
	uint32_t sent = a2z->next_send, reported = 0, unsent = 0, twice = 0, missing = 0;
	uint32_t both = 0;
	for (uint32_t k = 0; k < sent; k++) {
		reported += a->failed[k] != 0;
		unsent += a->failed_unsent[k] != 0;
		twice += a->failed[k] > 1;
		missing += a->failed[k] == 0 && !a2z->seen[k];
		both += a->failed_unsent[k] != 0 && a2z->seen[k];
	}
	printf("\n  all paths cut at %.3f s: COMM_LOST %.3f s later; %u messages accepted, %u "
	       "delivered, %u reported SEND_FAILED (%u DATA_UNSENT with their bytes), %u "
	       "reported twice, %u unaccounted\n",
	       t_cut / 1e6, (t_lost - t_cut) / 1e6, sent, a2z->received, reported, unsent, twice,
	       missing);
	CU_ASSERT_EQUAL(a->lost, 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(a->ep), 0);
	CU_ASSERT(unsent > 0);
	CU_ASSERT(reported > unsent);
	CU_ASSERT_EQUAL(twice, 0);
	CU_ASSERT_EQUAL(missing, 0);
	CU_ASSERT_EQUAL(both, 0);
	CU_ASSERT_EQUAL(a->failed_bad, 0);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	sp_pair_fini(&p);
	free(nodes[0].failed);
	free(nodes[0].failed_unsent);
}


/* HEARTBEATs A sent per link, with the gaps between consecutive ones. */
struct hb_count {
	uint64_t mark_us; /* counted from here */
	uint32_t n[2];
	uint64_t last_us[2];
	uint64_t min_gap[2], max_gap[2];
};

static void
hb_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct hb_count *c = arg;
	if (ev->type != SCTPDK_SIM_EV_SENT || ev->dir != SCTPDK_SIM_AB || ev->link < 0 ||
	    ev->link > 1 || ev->time_us < c->mark_us)
		return;
	uint8_t types[SCTPDK_SIM_REC_CHUNKS];
	unsigned nt = sctpdk_sim_chunk_types(ev->pkt, types, SCTPDK_SIM_REC_CHUNKS);
	bool hb = false;
	for (unsigned i = 0; i < nt; i++)
		hb |= types[i] == 4;
	if (!hb)
		return;
	unsigned k = (unsigned)ev->link;
	if (c->n[k] > 0) {
		uint64_t gap = ev->time_us - c->last_us[k];
		if (c->n[k] == 1 || gap < c->min_gap[k])
			c->min_gap[k] = gap;
		if (gap > c->max_gap[k])
			c->max_gap[k] = gap;
	}
	c->n[k]++;
	c->last_us[k] = ev->time_us;
}

/*
 * Heartbeat parameters per destination (SCTP_PEER_ADDR_PARAMS with an
 * address): two idle paths, HB.interval 2 s on the primary and 6 s on the
 * alternate, heartbeats observed on each link at its own spacing
 * (interval + RTO x [0.5, 1.5), RTO 1 s); then Path.Max.Retrans 1 on the
 * alternate and 10 on the primary with both links cut: only the
 * alternate becomes inactive.
 */
static void
test_per_path_heartbeat_params(void)
{
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.hb_interval_ms = 1000;
	cfg.path_max_retrans = 5;
	cfg.max_retrans = 40;
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = 10000000};
	struct sp_pair p;
	mp_pair_init(&p, 91, 9, &cfg, 0, &lc); /* idle: nothing planned */
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *a = &p.node[0], *z = &p.node[1];
	struct hb_count hc;
	memset(&hc, 0, sizeof(hc));
	hc.mark_us = UINT64_MAX;
	sctpdk_sim_set_tap(sim, hb_tap, &hc);
	sp_pair_up(&p, 10ull * 1000000);
	/* the alternate gets confirmed by A's probes; Z sends none after */
	sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 5000000);
	uint64_t now = sctpdk_sim_now_us(sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_peer_addr_params(z->ep, z->id, 0, 5, now), 0);
	struct sctpdk_sctp_path_info pi[2];
	CU_ASSERT_EQUAL_FATAL(sctpdk_sctp_path_info(a->ep, a->id, 1, &pi[1]), 0);
	CU_ASSERT_FATAL(pi[1].confirmed);
	/* one destination each, the other one's values stay */
	CU_ASSERT_EQUAL(sctpdk_sctp_set_path_params(a->ep, a->id, 0, 2000, SCTPDK_PATH_KEEP, now),
			0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_path_params(a->ep, a->id, 1, 6000, SCTPDK_PATH_KEEP, now),
			0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_path_params(a->ep, a->id, 2, 6000, 1, now),
			SCTPDK_ERR_NOTFOUND);
	for (unsigned k = 0; k < 2; k++)
		CU_ASSERT_EQUAL(sctpdk_sctp_path_info(a->ep, a->id, k, &pi[k]), 0);
	CU_ASSERT_EQUAL(pi[0].hb_interval_ms, 2000);
	CU_ASSERT_EQUAL(pi[1].hb_interval_ms, 6000);
	CU_ASSERT_EQUAL(pi[0].path_max_retrans, 5);
	CU_ASSERT_EQUAL(pi[1].path_max_retrans, 5);
	struct sctpdk_sctp_assoc_params ap;
	CU_ASSERT_EQUAL(sctpdk_sctp_get_params(a->ep, a->id, &ap), 0);
	CU_ASSERT_EQUAL(ap.hb_interval_ms, 1000); /* the association default */
	sctpdk_sim_node_kick(sim, 0);
	/* skip the heartbeats already due under the old interval */
	hc.mark_us = now + 2000000;
	sctpdk_sim_run_until(sim, now + 62000000);
	double rto_s = pi[0].rto_us / 1e6;
	printf("\n  RTO %.3f s; 60 s idle: %u heartbeats on the primary (gaps %.3f..%.3f s), %u on "
	       "the alternate (gaps %.3f..%.3f s)",
	       rto_s, hc.n[0], hc.min_gap[0] / 1e6, hc.max_gap[0] / 1e6, hc.n[1],
	       hc.min_gap[1] / 1e6, hc.max_gap[1] / 1e6);
	CU_ASSERT_EQUAL(pi[0].rto_us, pi[1].rto_us);
	uint64_t r = pi[0].rto_us;
	for (unsigned k = 0; k < 2; k++) {
		uint64_t ival = k == 0 ? 2000000 : 6000000;
		CU_ASSERT(hc.n[k] >= 3);
		CU_ASSERT(hc.min_gap[k] >= ival + r / 2);
		CU_ASSERT(hc.max_gap[k] <= ival + r + r / 2 + 1000);
	}
	/* Path.Max.Retrans per destination, and "all" for both plus the
	 * default */
	now = sctpdk_sim_now_us(sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_peer_addr_params(a->ep, a->id, 1000, 10, now), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_path_params(a->ep, a->id, 1, SCTPDK_PATH_KEEP, 1, now), 0);
	for (unsigned k = 0; k < 2; k++)
		CU_ASSERT_EQUAL(sctpdk_sctp_path_info(a->ep, a->id, k, &pi[k]), 0);
	CU_ASSERT_EQUAL(pi[0].hb_interval_ms, 1000);
	CU_ASSERT_EQUAL(pi[1].hb_interval_ms, 1000);
	CU_ASSERT_EQUAL(pi[0].path_max_retrans, 10);
	CU_ASSERT_EQUAL(pi[1].path_max_retrans, 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_get_params(a->ep, a->id, &ap), 0);
	CU_ASSERT_EQUAL(ap.path_max_retrans, 10);
	CU_ASSERT_EQUAL(ap.hb_interval_ms, 1000);
	sctpdk_sim_node_kick(sim, 0);
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
	sctpdk_sim_link_set_up(sim, 1, SCTPDK_SIM_BOTH, 0);
	uint64_t t_cut = now;
	sctpdk_sim_run_until(sim, t_cut + 15000000);
	for (unsigned k = 0; k < 2; k++)
		CU_ASSERT_EQUAL(sctpdk_sctp_path_info(a->ep, a->id, k, &pi[k]), 0);
	printf("\n  both links cut for 15 s: error counters %u (primary, Path.Max.Retrans 10) "
	       "and %u (alternate, 1); alternate unreachable %.3f s after the cut\n",
	       pi[0].error_count, pi[1].error_count,
	       (a->addr_ev_t[SCTPDK_ADDR_UNREACHABLE] - t_cut) / 1e6);
	CU_ASSERT_EQUAL(a->lost, 0);
	CU_ASSERT(pi[0].active);
	CU_ASSERT(pi[0].error_count >= 2 && pi[0].error_count <= 10);
	CU_ASSERT(!pi[1].active);
	CU_ASSERT_EQUAL(a->addr_ev[SCTPDK_ADDR_UNREACHABLE], 1);
	CU_ASSERT(sctpdk_addr_eq(&a->addr_ev_addr[SCTPDK_ADDR_UNREACHABLE], &p.addr[1][1]));
	sctpdk_sim_set_tap(sim, NULL, NULL);
	sp_pair_fini(&p);
}

SCTPDK_TEST_SUITE(sctp_reliab_multipath, reliab_suite_init, reliab_suite_fini,
		  SCTPDK_TEST(test_multihoming_failover), SCTPDK_TEST(test_two_paths_lossy_primary),
		  SCTPDK_TEST(test_unconfirmed_alternate_unused), SCTPDK_TEST(test_all_paths_cut),
		  SCTPDK_TEST(test_per_path_heartbeat_params))
