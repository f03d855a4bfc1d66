/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reliability scenarios of the protocol core in the simulator (RFC 9260
 * sections 6.3 and 7): bulk transfer over a 50 ms RTT, 100 Mbit/s
 * bottleneck at 0/1/5/20 % random loss (plus 1 % duplication and 1 %
 * reordering on the lossy cases), both directions at once, checked
 * byte-exact, exactly once and in per-stream order; goodput compared with
 * the bottleneck and with the Mathis model. The trace test checks the
 * exact congestion-window and RTO values of RFC 9260 step by step.
 *
 * SCTPDK_RELIAB_SCALE (percent, default 100) scales the transfer sizes;
 * the sanitizer tree sets it (printed in the log).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>
#include <sctpdk_crc32c.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"

#define N_STREAMS 8
#define MAX_MSG 16384
#define PAT_EXTRA 4096
#define RTT_US 50000u
#define RATE_BPS 100000000ull

static uint8_t *pattern;
static struct rte_mempool *mpool;

struct rdir {
	uint32_t n;
	uint32_t *len;
	uint8_t *sid;
	uint8_t *seen;
	uint32_t next_send;
	uint32_t received;
	uint64_t bytes;
	uint64_t last_rx_us;
	int32_t last_ordered[N_STREAMS];
	uint32_t errors;
};

struct rnode {
	struct sctpdk_sim *sim;
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_addr addr;
	uint64_t rng;
	sctpdk_assoc_id_t id;
	struct rdir *tx;
	struct rdir *rx;
	int up;
	uint32_t bad_crc;
	uint32_t lost;
	uint32_t send_failed;
	uint32_t addr_ev[8];       /* PEER_ADDR_CHANGE count per state */
	uint64_t addr_ev_t[8];     /* time of the last one per state */
	struct sctpdk_addr addr_ev_addr[8];
	uint64_t now;
	uint8_t *failed;        /* per context: SEND_FAILED reports */
	uint8_t *failed_unsent; /* per context: of which DATA_UNSENT */
	uint32_t failed_bad;    /* reports with wrong bytes or context */
	bool paused;            /* the application does not read */
	struct trace *tr; /* sender side of the trace test */
	struct mp_check *mp; /* per-path checks of a two-path sender */
};

/* One change of the sender's congestion or RTO state. */
struct trace_rec {
	uint64_t t_us;
	struct sctpdk_sctp_path_info pi;
};

struct trace {
	struct trace_rec *rec;
	uint32_t n, cap;
	struct sctpdk_sctp_path_info last;
};

static void
trace_note(struct rnode *n, uint64_t now)
{
	struct sctpdk_sctp_path_info pi;
	if (!n->up || sctpdk_sctp_path_info(n->ep, n->id, 0, &pi) != 0)
		return;
	struct trace *t = n->tr;
	if (t->n > 0 && pi.cwnd == t->last.cwnd && pi.ssthresh == t->last.ssthresh &&
	    pi.rto_us == t->last.rto_us && pi.t3_expiries == t->last.t3_expiries &&
	    pi.fast_rtx_events == t->last.fast_rtx_events)
		return;
	if (t->n < t->cap)
		t->rec[t->n++] = (struct trace_rec){.t_us = now, .pi = pi};
	t->last = pi;
}

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct rnode *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&n->rng) >> 32);
}

static void
out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct rnode *n = ctx;
	sctpdk_sim_send(n->sim, pkt, src, dst);
}

static const uint8_t *
content(uint32_t k)
{
	return pattern + (k * 2654435761u) % PAT_EXTRA;
}

static struct rte_mbuf *
make_msg(uint32_t k, uint32_t len)
{
	unsigned nseg = (len + 2047) / 2048;
	struct rte_mbuf *segs[16];
	if (rte_pktmbuf_alloc_bulk(mpool, segs, nseg) != 0)
		return NULL;
	const uint8_t *src = content(k);
	for (unsigned i = 0; i < nseg; i++) {
		uint32_t n = len - i * 2048 < 2048 ? len - i * 2048 : 2048;
		memcpy(rte_pktmbuf_append(segs[i], (uint16_t)n), src + i * 2048, n);
		if (i > 0)
			rte_pktmbuf_chain(segs[0], segs[i]);
	}
	return segs[0];
}

static void
refill(struct rnode *n, uint64_t now)
{
	struct rdir *d = n->tx;
	if (!n->up || d == NULL || d->next_send >= d->n)
		return;
	while (d->next_send < d->n) {
		uint32_t k = d->next_send;
		struct rte_mbuf *m = make_msg(k, d->len[k]);
		if (m == NULL)
			break;
		int rc = sctpdk_sctp_send(n->ep, n->id, d->sid[k], k, 0, 0, k, m, now);
		if (rc != 0) {
			rte_pktmbuf_free(m);
			break;
		}
		d->next_send++;
	}
}

static void
check_msg(struct rdir *d, const struct sctpdk_sctp_event *ev, uint64_t now)
{
	uint32_t k = ev->u.data.ppid;
	if (d == NULL || k >= d->n || d->seen[k]) {
		if (d != NULL)
			d->errors++;
		return;
	}
	d->seen[k] = 1;
	d->received++;
	d->bytes += ev->u.data.len;
	d->last_rx_us = now;
	if (ev->u.data.sid != d->sid[k] || ev->u.data.len != d->len[k] ||
	    rte_pktmbuf_pkt_len(ev->u.data.msg) != d->len[k]) {
		d->errors++;
		return;
	}
	if ((int64_t)k <= d->last_ordered[ev->u.data.sid])
		d->errors++;
	d->last_ordered[ev->u.data.sid] = (int32_t)k;
	const uint8_t *want = content(k);
	uint32_t off = 0;
	for (const struct rte_mbuf *s = ev->u.data.msg; s != NULL; s = s->next) {
		if (memcmp(rte_pktmbuf_mtod(s, const uint8_t *), want + off, s->data_len) != 0) {
			d->errors++;
			return;
		}
		off += s->data_len;
	}
}

static void
drain(struct rnode *n, uint64_t now)
{
	struct sctpdk_sctp_event ev[64];
	unsigned k;
	if (n->paused)
		return;
	while ((k = sctpdk_sctp_event_poll(n->ep, ev, 64)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			struct sctpdk_sctp_event *e = &ev[i];
			if (e->type == SCTPDK_EV_DATA) {
				check_msg(n->rx, e, now);
			} else if (e->type == SCTPDK_EV_ASSOC_CHANGE) {
				if (e->u.assoc_change.state == SCTPDK_COMM_UP) {
					n->up = 1;
					n->id = e->assoc_id;
				} else if (e->u.assoc_change.state == SCTPDK_COMM_LOST) {
					n->lost++;
				}
			} else if (e->type == SCTPDK_EV_SEND_FAILED) {
				n->send_failed++;
				uint32_t ctx = e->u.send_failed.context;
				if (n->failed != NULL && n->tx != NULL && ctx < n->tx->n) {
					n->failed[ctx]++;
					if (e->u.send_failed.flags & SCTPDK_DATA_UNSENT) {
						n->failed_unsent[ctx]++;
						if (e->u.send_failed.msg == NULL ||
						    rte_pktmbuf_pkt_len(e->u.send_failed.msg) !=
							    n->tx->len[ctx])
							n->failed_bad++;
					}
					if (e->u.send_failed.ppid != ctx ||
					    e->u.send_failed.sid != n->tx->sid[ctx])
						n->failed_bad++;
				} else {
					n->failed_bad++;
				}
			} else if (e->type == SCTPDK_EV_PEER_ADDR_CHANGE) {
				uint16_t st = e->u.peer_addr_change.state & 7;
				n->addr_ev[st]++;
				n->addr_ev_t[st] = now;
				n->addr_ev_addr[st] = e->u.peer_addr_change.addr;
				printf("\n    %.3f s: PEER_ADDR_CHANGE state %u", now / 1e6, st);
			}
			sctpdk_sctp_event_release(e);
		}
	}
	if (n->tr != NULL)
		trace_note(n, now);
	refill(n, now);
}

static void mp_before(struct rnode *n);
static void mp_after(struct rnode *n);

static void
r_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst, uint64_t now)
{
	struct rnode *n = ctx;
	(void)sim;
	if (!sctpdk_sctp_cksum_ok(pkt, 0)) {
		n->bad_crc++;
		rte_pktmbuf_free(pkt);
		return;
	}
	n->now = now;
	if (n->mp != NULL)
		mp_before(n);
	sctpdk_sctp_input(n->ep, pkt, src, dst, now);
	if (n->mp != NULL)
		mp_after(n);
	if (n->tr != NULL)
		trace_note(n, now);
	drain(n, now);
}

static void
r_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct rnode *n = ctx;
	(void)sim;
	n->now = now;
	if (n->mp != NULL)
		mp_before(n);
	sctpdk_sctp_timer(n->ep, now);
	if (n->mp != NULL)
		mp_after(n);
	if (n->tr != NULL)
		trace_note(n, now);
	drain(n, now);
}

static uint64_t
r_deadline(void *ctx)
{
	struct rnode *n = ctx;
	return sctpdk_sctp_next_deadline(n->ep);
}

static const struct sctpdk_sim_node_ops rops = {
	.input = r_input, .timer = r_timer, .next_deadline = r_deadline};

static void
rdir_init(struct rdir *d, uint64_t bytes, uint64_t seed)
{
	memset(d, 0, sizeof(*d));
	uint32_t cap = (uint32_t)(bytes / 1000 + 16);
	d->len = calloc(cap, sizeof(*d->len));
	d->sid = calloc(cap, 1);
	d->seen = calloc(cap, 1);
	CU_ASSERT_FATAL(d->len && d->sid && d->seen);
	for (int s = 0; s < N_STREAMS; s++)
		d->last_ordered[s] = -1;
	uint64_t st = seed, total = 0;
	uint32_t k = 0;
	while (total < bytes && k < cap) {
		uint64_t r = sctpdk_test_rand(&st);
		uint32_t len = 1 + (uint32_t)((r >> 16) % MAX_MSG);
		if (total + len > bytes)
			len = (uint32_t)(bytes - total);
		d->len[k] = len;
		d->sid[k] = (uint8_t)((r >> 3) % N_STREAMS);
		total += len;
		k++;
	}
	d->n = k;
}

static void
rdir_free(struct rdir *d)
{
	free(d->len);
	free(d->sid);
	free(d->seen);
}

static uint32_t
scale_pct(void)
{
	const char *env = getenv("SCTPDK_RELIAB_SCALE");
	uint32_t s = env != NULL ? (uint32_t)strtoul(env, NULL, 10) : 100u;
	return s == 0 ? 1 : s;
}

struct bulk_result {
	double goodput_bps[2];
	uint64_t rtx[2];
	uint64_t fast_rtx[2];
	uint64_t t3[2];
	double sim_s;
};

static int
bulk_not_done(void *arg)
{
	struct rnode *nodes = arg;
	return !(nodes[0].rx->received == nodes[0].rx->n && nodes[1].rx->received == nodes[1].rx->n) &&
	       nodes[0].lost == 0 && nodes[1].lost == 0;
}

static int
not_up(void *arg)
{
	struct rnode *nodes = arg;
	return !(nodes[0].up && nodes[1].up);
}

static void
sampler(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	(void)now_us;
	struct rnode *n = arg;
	struct sctpdk_sctp_path_info pi;
	struct sctpdk_sctp_assoc_info ai;
	if (sctpdk_sctp_path_info(n->ep, n->id, 0, &pi) == 0 &&
	    sctpdk_sctp_assoc_info(n->ep, n->id, &ai) == 0)
		printf("    t=%.2f cwnd %u ssthresh %u flight %u rto %" PRIu64 " srtt %" PRIu64
		       " peer_rwnd %u queued %u rtx %" PRIu64 " fast %" PRIu64 " t3 %" PRIu64 "\n",
		       sctpdk_sim_now_us(sim) / 1e6, pi.cwnd, pi.ssthresh, pi.flight, pi.rto_us,
		       pi.srtt_us, ai.peer_rwnd, ai.queued_bytes, pi.retransmitted_chunks,
		       pi.fast_rtx_events, pi.t3_expiries);
	sctpdk_sim_call_at(sim, sctpdk_sim_now_us(sim) + 500000, sampler, arg);
}

/* Bulk transfer of bytes each way over one impaired bottleneck link. */
static void
run_bulk(const char *name, uint64_t bytes, double loss, double dup, double reorder, uint64_t seed,
	 int dir, struct bulk_result *res)
{
	struct rdir a2z, z2a;
	rdir_init(&a2z, dir == 0 ? bytes : 0, seed * 7 + 1);
	rdir_init(&z2a, dir == 1 ? bytes : 0, seed * 7 + 2);
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = seed * 100 + (uint64_t)i;
		n->addr = sctpdk_addr_v4(10, 2, 0, (uint8_t)(i + 1));
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = n->addr;
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, &n->addr, 1) >= 0);
	}
	struct sctpdk_sim_link_cfg lc = {
		.delay_us = RTT_US / 2,
		.rate_bps = RATE_BPS,
		.loss = loss,
		.dup = dup,
		.reorder = reorder,
		.reorder_us = 5000,
	};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &nodes[0].addr, &nodes[1].addr, &lc, NULL) >= 0);
	int64_t id = sctpdk_sctp_associate(nodes[0].ep, &nodes[1].addr, 5001, N_STREAMS, 0);
	CU_ASSERT_FATAL(id > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 60ull * 1000000), 0);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	refill(&nodes[0], t0);
	refill(&nodes[1], t0);
	sctpdk_sim_node_kick(sim, 0);
	sctpdk_sim_node_kick(sim, 1);
	if (getenv("SCTPDK_RELIAB_TRACE") != NULL)
		sctpdk_sim_call_at(sim, t0, sampler, &nodes[0]);
	int rc = sctpdk_sim_run_while(sim, bulk_not_done, nodes, 50000ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(z2a.received, z2a.n);
	CU_ASSERT_EQUAL(a2z.errors + z2a.errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	struct rdir *dirs[2] = {&a2z, &z2a};
	for (int i = dir; i == dir; i++) {
		uint64_t dt = dirs[i]->last_rx_us > t0 ? dirs[i]->last_rx_us - t0 : 1;
		res->goodput_bps[i] = (double)dirs[i]->bytes * 8.0 / ((double)dt / 1e6);
		struct sctpdk_sctp_path_info pi;
		CU_ASSERT_EQUAL(sctpdk_sctp_path_info(nodes[i].ep, nodes[i].id, 0, &pi), 0);
		res->rtx[i] = pi.retransmitted_chunks;
		res->fast_rtx[i] = pi.fast_rtx_events;
		res->t3[i] = pi.t3_expiries;
	}
	res->sim_s = (double)(sctpdk_sim_now_us(sim) - t0) / 1e6;
	struct sctpdk_sim_link_stats ls;
	sctpdk_sim_link_stats(sim, 0, dir == 0 ? SCTPDK_SIM_AB : SCTPDK_SIM_BA, &ls);
	printf("\n  %-4s %s %6.1f MiB: goodput %7.2f Mbit/s, retransmitted chunks %" PRIu64
	       " (fast recoveries %" PRIu64 ", T3 %" PRIu64 "), %.1f s simulated; link %" PRIu64
	       " packets, %" PRIu64 " dropped, queue max %" PRIu64 " B",
	       name, dir == 0 ? "A->Z" : "Z->A", (double)bytes / 1048576.0,
	       res->goodput_bps[dir] / 1e6, res->rtx[dir], res->fast_rtx[dir], res->t3[dir],
	       res->sim_s, ls.sent_pkts, ls.dropped_pkts, ls.queue_max_bytes);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	rdir_free(&a2z);
	rdir_free(&z2a);
}

/* Mathis et al.: MSS / RTT * 1.22 / sqrt(p), in bit/s. */
static double
mathis_bps(double p)
{
	return 1452.0 * 8.0 / (RTT_US / 1e6) * 1.22 / sqrt(p);
}

static void
test_bulk_clean(void)
{
	uint64_t bytes = (256ull << 20) * scale_pct() / 100;
	for (int dir = 0; dir < 2; dir++) {
		struct bulk_result r;
		run_bulk("0%", bytes, 0.0, 0.0, 0.0, 11 + (uint64_t)dir, dir, &r);
		/* A scaled-down run is mostly slow start: only the full size
		 * is held to 90 %. */
		CU_ASSERT(r.goodput_bps[dir] >= (scale_pct() >= 100 ? 0.9 : 0.5) * RATE_BPS);
	}
	printf("\n  bottleneck %.0f Mbit/s, goodput >= %s required\n", RATE_BPS / 1e6,
	       scale_pct() >= 100 ? "90%" : "50% (scaled-down run; 90% at full size)");
}

static void
bulk_lossy(double p, uint64_t seed, bool check_mathis)
{
	uint64_t bytes = (64ull << 20) * scale_pct() / 100;
	char name[16];
	snprintf(name, sizeof(name), "%.0f%%", p * 100);
	double m = mathis_bps(p);
	for (int dir = 0; dir < 2; dir++) {
		struct bulk_result r;
		run_bulk(name, bytes, p, 0.01, 0.01, seed + 100 * (uint64_t)dir, dir, &r);
		if (check_mathis) {
			printf(" (%.2fx Mathis)", r.goodput_bps[dir] / m);
			CU_ASSERT(r.goodput_bps[dir] >= 0.7 * m);
			CU_ASSERT(r.goodput_bps[dir] <= 1.3 * m);
		}
		CU_ASSERT(r.rtx[dir] > 0);
	}
	if (check_mathis)
		printf("\n  Mathis model MSS/RTT x 1.22/sqrt(p) = %.2f Mbit/s, +-30%% required\n",
		       m / 1e6);
	printf("\n");
}

static void
test_bulk_loss_1(void)
{
	bulk_lossy(0.01, 21, true);
}

static void
test_bulk_loss_5(void)
{
	bulk_lossy(0.05, 22, true);
}

static void
test_bulk_loss_20(void)
{
	bulk_lossy(0.20, 23, false);
}

/* Counts DATA packets the sender put on the link per round trip. */
struct round_count {
	uint64_t t0;
	uint32_t per_rtt[64];
};

static void
count_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct round_count *rc = arg;
	if (ev->type != SCTPDK_SIM_EV_SENT || ev->dir != SCTPDK_SIM_AB)
		return;
	uint8_t types[SCTPDK_SIM_REC_CHUNKS];
	unsigned nt = sctpdk_sim_chunk_types(ev->pkt, types, SCTPDK_SIM_REC_CHUNKS);
	bool data = false;
	for (unsigned i = 0; i < nt; i++)
		data |= types[i] == 0;
	if (data && rc->t0 == 0)
		rc->t0 = ev->time_us; /* the first round starts with the first DATA */
	uint64_t k = (ev->time_us - rc->t0) / RTT_US;
	if (data && k < 64)
		rc->per_rtt[k]++;
}

static void
link_down(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	(void)arg;
	(void)now_us;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
}

static void
link_up(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	(void)arg;
	(void)now_us;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 1);
}

/*
 * Trace of one sender (SACK for every packet, so slow start doubles per
 * round trip; 1452-byte messages fill one packet each; 50 ms RTT, no rate
 * limit): the exact values of RFC 9260 7.2.1-7.2.4 and 6.3.3.
 */
static void
test_trace(void)
{
	const uint32_t MTU = 1452;
	struct rdir a2z, z2a;
	rdir_init(&a2z, 40u << 20, 5);
	a2z.n = (40u << 20) / 1000;
	for (uint32_t k = 0; k < a2z.n; k++)
		a2z.len[k] = MTU;
	rdir_init(&z2a, 0, 6);
	struct sctpdk_sim *sim = sctpdk_sim_new(77, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct trace tr = {.cap = 100000};
	tr.rec = calloc(tr.cap, sizeof(*tr.rec));
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr.rec);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 900 + (uint64_t)i;
		n->addr = sctpdk_addr_v4(10, 3, 0, (uint8_t)(i + 1));
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = n->addr;
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.sack_freq = 1;
		cfg.max_burst = 0;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, &n->addr, 1) >= 0);
	}
	nodes[0].tr = &tr;
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &nodes[0].addr, &nodes[1].addr, &lc, NULL) >= 0);
	struct round_count rcount;
	memset(&rcount, 0, sizeof(rcount));
	sctpdk_sim_set_tap(sim, count_tap, &rcount);
	/* The 200th DATA packet is lost: fast retransmit. */
	struct sctpdk_sim_rule drop = {.chunk_type = 0, .first = 200,
				       .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT_FATAL(sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &drop) >= 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &nodes[1].addr, 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	refill(&nodes[0], t0);
	sctpdk_sim_node_kick(sim, 0);
	/* Then the link goes down for 20 s: consecutive T3-rtx expiries. */
	uint64_t t_cut = t0 + 3000000;
	sctpdk_sim_call_at(sim, t_cut, link_down, NULL);
	sctpdk_sim_call_at(sim, t_cut + 20000000, link_up, NULL);
	sctpdk_sim_run_until(sim, t_cut + 70000000);

	/* 1. Slow start: DATA packets per round trip double from the initial
	 *    cwnd (4380 -> 4 packets: sending while flight < cwnd), and every
	 *    SACK in slow start raises cwnd by exactly min(acked, MTU). */
	printf("\n  DATA packets per RTT:");
	for (int k = 0; k < 6; k++)
		printf(" %u", rcount.per_rtt[k]);
	for (int k = 0; k < 5; k++)
		CU_ASSERT_EQUAL(rcount.per_rtt[k], 4u << k);
	CU_ASSERT_TRUE_FATAL(tr.n > 10);
	CU_ASSERT_EQUAL(tr.rec[0].pi.cwnd, 4380u); /* min(4*MTU, max(2*MTU, 4380)) */
	uint32_t ss_steps = 0, ss_bad = 0;
	uint32_t i = 1;
	for (; i < tr.n && tr.rec[i].pi.fast_rtx_events == 0; i++) {
		if (tr.rec[i].pi.cwnd != tr.rec[i - 1].pi.cwnd) {
			ss_steps++;
			ss_bad += tr.rec[i].pi.cwnd != tr.rec[i - 1].pi.cwnd + MTU;
		}
	}
	printf("\n  slow start: %u steps of +%u bytes (cwnd 4380 -> %u)", ss_steps, MTU,
	       tr.rec[i - 1].pi.cwnd);
	CU_ASSERT(ss_steps >= 190);
	CU_ASSERT_EQUAL(ss_bad, 0);
	/* 2. Fast retransmit: ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh. */
	CU_ASSERT_FATAL(i < tr.n);
	uint32_t before = tr.rec[i - 1].pi.cwnd;
	uint32_t half = before / 2 > 4 * MTU ? before / 2 : 4 * MTU;
	printf("\n  fast retransmit: cwnd %u -> %u, ssthresh %u", before, tr.rec[i].pi.cwnd,
	       tr.rec[i].pi.ssthresh);
	CU_ASSERT_EQUAL(tr.rec[i].pi.ssthresh, half);
	CU_ASSERT_EQUAL(tr.rec[i].pi.cwnd, half);
	CU_ASSERT_EQUAL(tr.rec[i].pi.fast_rtx_events, 1);
	/* 3. T3 expiries during the outage: cwnd = 1 MTU, ssthresh =
	 *    max(cwnd/2, 4*MTU), RTO doubling from RTO.Min (1 s: the
	 *    measured 50 ms RTT gives 150 ms, raised to the minimum) and each
	 *    expiry one RTO after the previous one. */
	uint64_t t3_seen = 0, prev_t = 0, prev_rto = 0;
	uint32_t prev_cwnd = 0;
	printf("\n  T3 expiries (time after the cut, RTO, cwnd, ssthresh):");
	for (uint32_t j = 1; j < tr.n; j++) {
		const struct sctpdk_sctp_path_info *p = &tr.rec[j].pi, *q = &tr.rec[j - 1].pi;
		if (p->t3_expiries == q->t3_expiries)
			continue;
		t3_seen++;
		printf(" [%.3f s, %.0f s, %u, %u]", (tr.rec[j].t_us - t_cut) / 1e6, p->rto_us / 1e6,
		       p->cwnd, p->ssthresh);
		CU_ASSERT_EQUAL(p->cwnd, MTU);
		uint32_t want_ss = q->cwnd / 2 > 4 * MTU ? q->cwnd / 2 : 4 * MTU;
		CU_ASSERT_EQUAL(p->ssthresh, want_ss);
		if (t3_seen == 1) {
			CU_ASSERT_EQUAL(q->rto_us, 1000000u);
			CU_ASSERT_EQUAL(p->rto_us, 2000000u);
			prev_cwnd = q->cwnd;
		} else {
			CU_ASSERT_EQUAL(p->rto_us, prev_rto * 2);
			CU_ASSERT_EQUAL(tr.rec[j].t_us - prev_t, prev_rto);
		}
		prev_t = tr.rec[j].t_us;
		prev_rto = p->rto_us;
	}
	(void)prev_cwnd;
	/* Expiries 1, 3, 7, 15 s into the 20 s outage (the timer was running
	 * when it began, so each is 50 ms earlier), and the one at 31 s
	 * retransmits over the restored link. */
	CU_ASSERT_EQUAL(t3_seen, 5);
	printf("\n  after the outage: %u of %u messages delivered, errors %u\n", a2z.received,
	       a2z.n, a2z.errors);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(nodes[0].lost, 0);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	rdir_free(&a2z);
	rdir_free(&z2a);
	free(tr.rec);
}

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
mp_paths(struct rnode *n, struct sctpdk_sctp_path_info pi[2])
{
	return n->up && sctpdk_sctp_path_info(n->ep, n->id, 0, &pi[0]) == 0 &&
	       sctpdk_sctp_path_info(n->ep, n->id, 1, &pi[1]) == 0;
}

static void
mp_before(struct rnode *n)
{
	n->mp->have_before = mp_paths(n, n->mp->before);
}

static void
mp_after(struct rnode *n)
{
	struct mp_check *m = n->mp;
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
 * Multi-homing: two paths (A1-Z1 primary, A2-Z2), 50 ms RTT, 5 Mbit/s.
 * The primary is cut 3 s into a transfer and restored 40 s later.
 */
static void
test_multihoming_failover(void)
{
	struct rdir a2z, z2a;
	rdir_init(&a2z, 56u << 20, 31); /* ~90 s at 5 Mbit/s: spans cut and return */
	rdir_init(&z2a, 0, 32);
	struct sctpdk_sim *sim = sctpdk_sim_new(31, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	struct sctpdk_addr addrs[2][2];
	const uint32_t PMR = 2, HB_MS = 1000;
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 3100 + (uint64_t)i;
		addrs[i][0] = sctpdk_addr_v4(10, 4, 0, (uint8_t)(i + 1));
		addrs[i][1] = sctpdk_addr_v4(10, 4, 1, (uint8_t)(i + 1));
		n->addr = addrs[i][0];
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 2;
		cfg.local_addrs[0] = addrs[i][0];
		cfg.local_addrs[1] = addrs[i][1];
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.path_max_retrans = PMR;
		cfg.hb_interval_ms = HB_MS;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, addrs[i], 2) >= 0);
	}
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = 5000000};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][0], &addrs[1][0], &lc, NULL) == 0);
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][1], &addrs[1][1], &lc, NULL) == 1);
	struct mh_count cnt;
	memset(&cnt, 0, sizeof(cnt));
	struct ledger lg;
	ledger_init(&lg, 1u << 17);
	struct mh_both mb = {.cnt = &cnt, .lg = &lg};
	sctpdk_sim_set_tap(sim, mh_both_tap, &mb);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &addrs[1][0], 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
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
	sctpdk_sim_run_while(sim, bulk_not_done, nodes, 600ull * 1000000);
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(a2z.errors, 0);
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
	struct rnode *a = &nodes[0];
	CU_ASSERT_EQUAL(a->addr_ev[SCTPDK_ADDR_UNREACHABLE], 1);
	CU_ASSERT_EQUAL(a->addr_ev[SCTPDK_ADDR_AVAILABLE], 1);
	CU_ASSERT(sctpdk_addr_eq(&a->addr_ev_addr[SCTPDK_ADDR_UNREACHABLE], &addrs[1][0]));
	CU_ASSERT(sctpdk_addr_eq(&a->addr_ev_addr[SCTPDK_ADDR_AVAILABLE], &addrs[1][0]));
	CU_ASSERT(a->addr_ev_t[SCTPDK_ADDR_UNREACHABLE] > t_cut &&
		  a->addr_ev_t[SCTPDK_ADDR_UNREACHABLE] < t_back);
	CU_ASSERT(a->addr_ev_t[SCTPDK_ADDR_AVAILABLE] > t_back);
	/* The primary carries DATA again, after its heartbeat was answered. */
	printf("\n  restored at %.3f s: ADDR_AVAILABLE at %.3f s, DATA on the primary again at "
	       "%.3f s; %u messages delivered exactly once\n",
	       t_back / 1e6, a->addr_ev_t[SCTPDK_ADDR_AVAILABLE] / 1e6, cnt.first_after[0] / 1e6,
	       a2z.received);
	CU_ASSERT(cnt.first_after[0] >= a->addr_ev_t[SCTPDK_ADDR_AVAILABLE]);
	CU_ASSERT(cnt.first_after[0] != 0);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(a->ep, a->id, 0, &pi), 0);
	CU_ASSERT(pi.active && pi.current && pi.primary);
	CU_ASSERT(pi.hb_acked > 0);
	sctpdk_sim_del(sim);
	ledger_free(&lg);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	rdir_free(&a2z);
	rdir_free(&z2a);
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
	struct rdir a2z, z2a;
	rdir_init(&a2z, 16u << 20, 71);
	rdir_init(&z2a, 0, 72);
	struct sctpdk_sim *sim = sctpdk_sim_new(71, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	struct sctpdk_addr addrs[2][2];
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 7100 + (uint64_t)i;
		addrs[i][0] = sctpdk_addr_v4(10, 8, 0, (uint8_t)(i + 1));
		addrs[i][1] = sctpdk_addr_v4(10, 8, 1, (uint8_t)(i + 1));
		n->addr = addrs[i][0];
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 2;
		cfg.local_addrs[0] = addrs[i][0];
		cfg.local_addrs[1] = addrs[i][1];
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.hb_interval_ms = 1000;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, addrs[i], 2) >= 0);
	}
	struct sctpdk_sim_link_cfg lossy = {.delay_us = 25000, .rate_bps = 10000000,
					    .queue_bytes = 30000, .loss = 0.02};
	struct sctpdk_sim_link_cfg back = {.delay_us = 25000, .rate_bps = 10000000};
	struct sctpdk_sim_link_cfg alt = {.delay_us = 40000, .rate_bps = 10000000};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][0], &addrs[1][0], &lossy, &back) == 0);
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][1], &addrs[1][1], &alt, NULL) == 1);
	struct ledger lg;
	ledger_init(&lg, 1u << 17);
	struct mp_check mc = {.lg = &lg};
	sctpdk_sim_set_tap(sim, lossy_tap, &lg);
	nodes[0].mp = &mc;
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &addrs[1][0], 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	refill(&nodes[0], t0);
	sctpdk_sim_node_kick(sim, 0);
	/* Short outages force T3-rtx expiries: the primary's sending
	 * direction for 1.5 s, later the alternate for 2 s. */
	sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_AB, 0, t0 + 20000000);
	sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_AB, 1, t0 + 21500000);
	sctpdk_sim_link_set_up_at(sim, 1, SCTPDK_SIM_BOTH, 0, t0 + 40000000);
	sctpdk_sim_link_set_up_at(sim, 1, SCTPDK_SIM_BOTH, 1, t0 + 42000000);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, bulk_not_done, nodes, 3600ull * 1000000), 0);
	double secs = (a2z.last_rx_us - t0) / 1e6;
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
	       secs, a2z.bytes * 8.0 / secs / 1e6, lg.new_chunks[0], lg.rtx_chunks[0],
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
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	ledger_free(&lg);
	rdir_free(&a2z);
	rdir_free(&z2a);
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
	struct rdir a2z, z2a;
	rdir_init(&a2z, 4u << 20, 81);
	rdir_init(&z2a, 0, 82);
	struct sctpdk_sim *sim = sctpdk_sim_new(81, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	struct sctpdk_addr addrs[2][2];
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 8100 + (uint64_t)i;
		addrs[i][0] = sctpdk_addr_v4(10, 9, 0, (uint8_t)(i + 1));
		addrs[i][1] = sctpdk_addr_v4(10, 9, 1, (uint8_t)(i + 1));
		n->addr = addrs[i][0];
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 2;
		cfg.local_addrs[0] = addrs[i][0];
		cfg.local_addrs[1] = addrs[i][1];
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, addrs[i], 2) >= 0);
	}
	struct sctpdk_sim_link_cfg lossy = {.delay_us = 25000, .rate_bps = 10000000, .loss = 0.02};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][0], &addrs[1][0], &lossy, NULL) == 0);
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][1], &addrs[1][1], &lossy, NULL) == 1);
	sctpdk_sim_link_set_up(sim, 1, SCTPDK_SIM_BOTH, 0);
	struct ledger lg;
	ledger_init(&lg, 1u << 16);
	sctpdk_sim_set_tap(sim, lossy_tap, &lg);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &addrs[1][0], 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
	refill(&nodes[0], sctpdk_sim_now_us(sim));
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, bulk_not_done, nodes, 3600ull * 1000000), 0);
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
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	ledger_free(&lg);
	rdir_free(&a2z);
	rdir_free(&z2a);
}

static int
not_lost(void *arg)
{
	struct rnode *nodes = arg;
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
	struct rdir a2z, z2a;
	rdir_init(&a2z, 64u << 20, 41);
	rdir_init(&z2a, 0, 42);
	struct sctpdk_sim *sim = sctpdk_sim_new(41, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	struct sctpdk_addr addrs[2][2];
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 4100 + (uint64_t)i;
		addrs[i][0] = sctpdk_addr_v4(10, 5, 0, (uint8_t)(i + 1));
		addrs[i][1] = sctpdk_addr_v4(10, 5, 1, (uint8_t)(i + 1));
		n->addr = addrs[i][0];
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 2;
		cfg.local_addrs[0] = addrs[i][0];
		cfg.local_addrs[1] = addrs[i][1];
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.rwnd_bytes = 1u << 20; /* send buffer 4 MiB: many messages unsent */
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, addrs[i], 2) >= 0);
	}
	nodes[0].failed = calloc(a2z.n, 1);
	nodes[0].failed_unsent = calloc(a2z.n, 1);
	CU_ASSERT_FATAL(nodes[0].failed && nodes[0].failed_unsent);
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = 20000000};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][0], &addrs[1][0], &lc, NULL) == 0);
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addrs[0][1], &addrs[1][1], &lc, NULL) == 1);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &addrs[1][0], 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
	uint64_t t_cut = sctpdk_sim_now_us(sim) + 2000000;
	sctpdk_sim_run_until(sim, t_cut);
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
	sctpdk_sim_link_set_up(sim, 1, SCTPDK_SIM_BOTH, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, not_lost, nodes, 3600ull * 1000000), 0);
	uint64_t t_lost = sctpdk_sim_now_us(sim);
	sctpdk_sim_run_until(sim, t_lost + 1000); /* drain the events */
	struct rnode *a = &nodes[0];
	uint32_t sent = a2z.next_send, reported = 0, unsent = 0, twice = 0, missing = 0;
	uint32_t both = 0;
	for (uint32_t k = 0; k < sent; k++) {
		reported += a->failed[k] != 0;
		unsent += a->failed_unsent[k] != 0;
		twice += a->failed[k] > 1;
		missing += a->failed[k] == 0 && !a2z.seen[k];
		both += a->failed_unsent[k] != 0 && a2z.seen[k];
	}
	printf("\n  all paths cut at %.3f s: COMM_LOST %.3f s later; %u messages accepted, %u "
	       "delivered, %u reported SEND_FAILED (%u DATA_UNSENT with their bytes), %u "
	       "reported twice, %u unaccounted\n",
	       t_cut / 1e6, (t_lost - t_cut) / 1e6, sent, a2z.received, reported, unsent, twice,
	       missing);
	CU_ASSERT_EQUAL(a->lost, 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(a->ep), 0);
	CU_ASSERT(unsent > 0);
	CU_ASSERT(reported > unsent);
	CU_ASSERT_EQUAL(twice, 0);
	CU_ASSERT_EQUAL(missing, 0);
	CU_ASSERT_EQUAL(both, 0);
	CU_ASSERT_EQUAL(a->failed_bad, 0);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	free(nodes[0].failed);
	free(nodes[0].failed_unsent);
	rdir_free(&a2z);
	rdir_free(&z2a);
}

struct zw {
	struct rnode *nodes;
	uint64_t t_pause, t_resume;
	uint32_t rx_at_pause, rx_at_resume_minus;
	uint32_t min_peer_rwnd;
	uint32_t max_flight_late; /* sender's flight in the second half of the pause */
};

static void
zw_pause(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	(void)sim;
	(void)now_us;
	z->nodes[1].paused = true;
}

static void
zw_resume(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	z->nodes[1].paused = false;
	drain(&z->nodes[1], now_us);
	sctpdk_sim_node_kick(sim, 1);
}

static void
zw_sample(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	struct sctpdk_sctp_assoc_info ai;
	if (sctpdk_sctp_assoc_info(z->nodes[0].ep, z->nodes[0].id, &ai) == 0) {
		if (ai.peer_rwnd < z->min_peer_rwnd)
			z->min_peer_rwnd = ai.peer_rwnd;
		if (now_us > z->t_pause + (z->t_resume - z->t_pause) / 2 && now_us < z->t_resume &&
		    ai.outstanding_bytes > z->max_flight_late)
			z->max_flight_late = ai.outstanding_bytes;
	}
	if (now_us < z->t_resume + 1000000)
		sctpdk_sim_call_at(sim, now_us + 10000, zw_sample, z);
}

/*
 * Zero window: the receiving application stops reading for 10 s; the
 * sender stalls on the closed window (probing with one chunk) and resumes
 * when reading does; nothing is lost or duplicated. 256 KiB window,
 * 50 ms RTT, 100 Mbit/s.
 */
static void
test_zero_window(void)
{
	struct rdir a2z, z2a;
	rdir_init(&a2z, 24u << 20, 51);
	rdir_init(&z2a, 0, 52);
	struct sctpdk_sim *sim = sctpdk_sim_new(51, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	for (int i = 0; i < 2; i++) {
		struct rnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 5100 + (uint64_t)i;
		n->addr = sctpdk_addr_v4(10, 6, 0, (uint8_t)(i + 1));
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = n->addr;
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.rwnd_bytes = 256u << 10;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &rops, n, &n->addr, 1) >= 0);
	}
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = RATE_BPS};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &nodes[0].addr, &nodes[1].addr, &lc, NULL) >= 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(nodes[0].ep, &nodes[1].addr, 5001, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(sim, not_up, nodes, 10ull * 1000000), 0);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	struct zw z = {.nodes = nodes, .t_pause = t0 + 1000000, .t_resume = t0 + 11000000,
		       .min_peer_rwnd = UINT32_MAX};
	sctpdk_sim_call_at(sim, z.t_pause, zw_pause, &z);
	sctpdk_sim_call_at(sim, z.t_resume, zw_resume, &z);
	sctpdk_sim_call_at(sim, t0, zw_sample, &z);
	sctpdk_sim_run_until(sim, z.t_pause);
	uint32_t got_at_pause = a2z.received;
	sctpdk_sim_run_until(sim, z.t_resume - 1);
	struct sctpdk_sctp_stats st_z;
	sctpdk_sctp_stats_get(nodes[1].ep, &st_z);
	sctpdk_sim_run_while(sim, bulk_not_done, nodes, 600ull * 1000000);
	uint64_t t_end = sctpdk_sim_now_us(sim);
	printf("\n  reading paused %.1f-%.1f s: peer window seen by the sender down to %u B, "
	       "its flight in the second half of the pause <= %u B; %u messages before the "
	       "pause, all %u delivered at %.2f s, exactly once, in order\n",
	       (z.t_pause - t0) / 1e6, (z.t_resume - t0) / 1e6, z.min_peer_rwnd,
	       z.max_flight_late, got_at_pause, a2z.received, (t_end - t0) / 1e6);
	CU_ASSERT(got_at_pause > 0);
	CU_ASSERT(z.min_peer_rwnd < 1452);
	CU_ASSERT(z.max_flight_late <= 2 * 1452); /* one probe chunk at a time */
	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	CU_ASSERT(t_end < z.t_resume + 10000000);
	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	rdir_free(&a2z);
	rdir_free(&z2a);
}

/* Two endpoints (ports 5000+2k and 5001+2k) behind one simulated node. */
struct mux {
	struct rnode *n[2];
};

static void
mux_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	  const struct sctpdk_addr *dst, uint64_t now)
{
	struct mux *m = ctx;
	const uint8_t *h = rte_pktmbuf_mtod(pkt, const uint8_t *);
	uint16_t dport = (uint16_t)(h[2] << 8 | h[3]);
	r_input(m->n[(dport / 2) % 2 == 0 ? 0 : 1], sim, pkt, src, dst, now);
}

static void
mux_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct mux *m = ctx;
	for (int i = 0; i < 2; i++)
		if (sctpdk_sctp_next_deadline(m->n[i]->ep) <= now)
			r_timer(m->n[i], sim, now);
}

static uint64_t
mux_deadline(void *ctx)
{
	struct mux *m = ctx;
	uint64_t a = sctpdk_sctp_next_deadline(m->n[0]->ep);
	uint64_t b = sctpdk_sctp_next_deadline(m->n[1]->ep);
	return a < b ? a : b;
}

static const struct sctpdk_sim_node_ops mux_ops = {
	.input = mux_input, .timer = mux_timer, .next_deadline = mux_deadline};

static int
two_not_done(void *arg)
{
	struct rnode *n = arg; /* n[0..3]: senders 0 and 2 */
	return n[1].rx->received < n[1].rx->n || n[3].rx->received < n[3].rx->n;
}

/*
 * Two associations share one 100 Mbit/s, 50 ms RTT bottleneck, started
 * together. From 3 s on until the first one completes, their goodputs are
 * within 20 % of each other.
 */
static void
test_two_flows_converge(void)
{
	/* Not scaled: shorter runs end inside the first loss epochs. */
	uint64_t bytes = 128ull << 20;
	struct rdir tx[2], none[2];
	struct sctpdk_sim *sim = sctpdk_sim_new(61, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct rnode n[4]; /* 0: sender 1 (A side), 1: its receiver (Z side), 2, 3: flow 2 */
	memset(n, 0, sizeof(n));
	struct sctpdk_addr addr[2] = {sctpdk_addr_v4(10, 7, 0, 1), sctpdk_addr_v4(10, 7, 0, 2)};
	for (int f = 0; f < 2; f++) {
		rdir_init(&tx[f], bytes, 61 + (uint64_t)f);
		rdir_init(&none[f], 0, 63 + (uint64_t)f);
	}
	for (int i = 0; i < 4; i++) {
		int f = i / 2, side = i % 2;
		n[i].sim = sim;
		n[i].rng = 6100 + (uint64_t)i;
		n[i].addr = addr[side];
		n[i].tx = side == 0 ? &tx[f] : &none[f];
		n[i].rx = side == 0 ? &none[f] : &tx[f];
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + 2 * f + side);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = addr[side];
		cfg.listening = side == 1;
		cfg.out_streams = N_STREAMS;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = &n[i];
		n[i].ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n[i].ep);
	}
	/* ports 5000/5002 on A, 5001/5003 on Z: (port / 2) % 2 selects the flow */
	struct mux ma = {{&n[0], &n[2]}}, mz = {{&n[1], &n[3]}};
	CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &mux_ops, &ma, &addr[0], 1) >= 0);
	CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &mux_ops, &mz, &addr[1], 1) >= 0);
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = RATE_BPS};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addr[0], &addr[1], &lc, NULL) >= 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(n[0].ep, &addr[1], 5001, N_STREAMS, 0) > 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(n[2].ep, &addr[1], 5003, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	uint64_t t_both = sctpdk_sim_now_us(sim);
	/* Measure from 3 s after the start until the first finishes. */
	sctpdk_sim_run_until(sim, t_both + 3000000);
	uint64_t b0[2] = {tx[0].bytes, tx[1].bytes}, tm0 = sctpdk_sim_now_us(sim);
	while (tx[0].received < tx[0].n && tx[1].received < tx[1].n &&
	       sctpdk_sim_now_us(sim) < tm0 + 600000000ull)
		sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 100000);
	uint64_t b1[2] = {tx[0].bytes, tx[1].bytes}, tm1 = sctpdk_sim_now_us(sim);
	double g[2];
	for (int f = 0; f < 2; f++)
		g[f] = (double)(b1[f] - b0[f]) * 8.0 / ((double)(tm1 - tm0) / 1e6);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, two_not_done, n, 600ull * 1000000), 0);
	double ratio = g[0] > g[1] ? g[1] / g[0] : g[0] / g[1];
	printf("\n  shared 100 Mbit/s bottleneck, %.1f s measured: flow 1 %.2f Mbit/s, flow 2 "
	       "%.2f Mbit/s (ratio %.2f, >= 0.80 required), sum %.2f Mbit/s\n",
	       (tm1 - tm0) / 1e6, g[0] / 1e6, g[1] / 1e6, ratio, (g[0] + g[1]) / 1e6);
	CU_ASSERT(ratio >= 0.8);
	CU_ASSERT(tm1 - tm0 >= 2000000);
	for (int f = 0; f < 2; f++) {
		CU_ASSERT_EQUAL(tx[f].received, tx[f].n);
		CU_ASSERT_EQUAL(tx[f].errors, 0);
	}
	sctpdk_sim_del(sim);
	for (int i = 0; i < 4; i++)
		sctpdk_sctp_ep_del(n[i].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	for (int f = 0; f < 2; f++) {
		rdir_free(&tx[f]);
		rdir_free(&none[f]);
	}
}

static int
suite_init(void)
{
	int rc = sctpdk_test_eal_init();
	if (rc != 0)
		return rc;
	printf("\n  reliability scenarios: SCTPDK_RELIAB_SCALE=%u%%\n", scale_pct());
	mpool = rte_pktmbuf_pool_create("reliab_pool", 65535, 256, 0, 2048 + 128, 0);
	pattern = malloc(MAX_MSG + PAT_EXTRA);
	if (mpool == NULL || pattern == NULL)
		return -1;
	uint64_t ps = 4242;
	for (uint32_t i = 0; i < MAX_MSG + PAT_EXTRA; i++)
		pattern[i] = (uint8_t)(sctpdk_test_rand(&ps) >> 40);
	return 0;
}

static int
suite_fini(void)
{
	rte_mempool_free(mpool);
	free(pattern);
	return 0;
}

SCTPDK_TEST_SUITE(sctp_reliab, suite_init, suite_fini, SCTPDK_TEST(test_trace),
		  SCTPDK_TEST(test_multihoming_failover), SCTPDK_TEST(test_two_paths_lossy_primary),
		  SCTPDK_TEST(test_unconfirmed_alternate_unused),
		  SCTPDK_TEST(test_all_paths_cut),
		  SCTPDK_TEST(test_zero_window), SCTPDK_TEST(test_two_flows_converge),
		  SCTPDK_TEST(test_bulk_clean),
		  SCTPDK_TEST(test_bulk_loss_1), SCTPDK_TEST(test_bulk_loss_5),
		  SCTPDK_TEST(test_bulk_loss_20))
