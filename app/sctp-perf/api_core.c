/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --api core: the application of sctp-perf on the runtime's application
 * interface (sctpdk_stack_associate / _send / _shutdown / _event_poll).
 * --app thread: one application thread per side; every call goes through
 * the stack lcore's command ring, every event comes back through the
 * endpoint's event ring, and an idle thread parks in
 * sctpdk_stack_event_wait(). --app lcore: the same logic runs in each
 * stack lcore's application poll function (sctpdk_stack_set_app_poll), where
 * commands run at once.
 *
 * Flow control (doc/runtime.md): the client keeps what it has in the
 * stack -- its sent total - the stack's sent_bytes + queued_bytes, from
 * one sctpdk_stack_assoc_info() snapshot -- under the send buffer, so the
 * core never refuses a message (a refused one would reorder its stream).
 */
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_runtime.h>
#include <sctpdk/sctpdk_sctp.h>

#include "stk.h"

#define EV_BURST 64

struct core_as {
	uint32_t id;    /* the engine's association id */
	uint32_t rt_id; /* stack-wide id for sctpdk_stack_assoc_info */
	int up;
	uint16_t next_sid;
	uint64_t sent_bytes; /* accepted by sctpdk_stack_send */
	uint64_t room;       /* bytes that may still go in before the next snapshot */
	struct rte_mbuf *pending;
	uint32_t inflight, next_slot;
	uint64_t *sent_tsc;
};

struct core_ctx {
	struct perf_side *s;
	struct sctpdk_stack *st;
	struct rte_mempool *mp;
	unsigned n_eps;
	struct core_as *as;
	uint64_t limit; /* bytes per association in the stack */
	unsigned n_up;
	int started; /* client: associations requested */
	uint16_t sid; /* server */
};

static struct rte_mbuf *
msg_new(struct core_ctx *x, uint32_t len)
{
	struct rte_mempool *mp = len > PERF_SMALL_MSG ? x->s->k->big_pool : x->mp;
	struct rte_mbuf *head = rte_pktmbuf_alloc(mp), *cur = head;
	uint32_t off = 0;
	if (head == NULL)
		return NULL;
	while (off < len) {
		uint16_t room = rte_pktmbuf_tailroom(cur);
		if (room == 0) {
			struct rte_mbuf *n = rte_pktmbuf_alloc(mp);
			if (n == NULL || rte_pktmbuf_chain(head, n) != 0) {
				rte_pktmbuf_free(n);
				rte_pktmbuf_free(head);
				return NULL;
			}
			cur = n;
			continue;
		}
		uint32_t k = RTE_MIN((uint32_t)room, len - off);
		char *d = rte_pktmbuf_append(head, (uint16_t)k);
		perf_side_fill(d, k);
		off += k;
	}
	return head;
}

static void
copy_out(struct perf_side *s, const struct rte_mbuf *m)
{
	for (; m != NULL; m = m->next)
		perf_side_copy_out(s, rte_pktmbuf_mtod(m, const void *), m->data_len);
}

/* stack-wide id of the association of endpoint ep with engine id id */
static uint32_t
rt_id_of(struct sctpdk_stack *st, unsigned ep, uint32_t id)
{
	uint32_t ids[1024];
	unsigned n = sctpdk_stack_assoc_ids(st, ids, RTE_DIM(ids));
	for (unsigned i = 0; i < n && i < RTE_DIM(ids); i++) {
		struct sctpdk_rt_assoc_info ai;
		if (sctpdk_stack_assoc_info(st, ids[i], &ai) == 0 && ai.ep == ep && ai.id == id)
			return ids[i];
	}
	return 0;
}

static void
associate(struct core_ctx *x, unsigned i)
{
	struct sctpdk_addr peer = sctpdk_addr_v4(198, 18, 0, 2);
	if (sctpdk_stack_associate(x->st, i, &peer, PERF_SERVER_PORT, x->s->k->o->streams) != 0)
		x->s->c.drops++;
}

static int
send_msg(struct core_ctx *x, unsigned ep, uint32_t id, uint16_t *sid, uint32_t ppid,
	 struct rte_mbuf *m)
{
	const struct perf_opts *o = x->s->k->o;
	uint32_t fl = o->unordered ? SCTPDK_SEND_UNORDERED : 0;
	int rc = sctpdk_stack_send(x->st, ep, id, *sid, ppid, fl, m);
	if (rc == 0 && ++*sid == o->streams)
		*sid = 0;
	return rc;
}

/* ---- client ------------------------------------------------------------- */

static void
client_event(struct core_ctx *x, unsigned ep, struct sctpdk_rt_event *ev)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = s->k->o;
	struct core_as *a = &x->as[ep];
	switch (ev->type) {
	case SCTPDK_RT_EV_ASSOC_CHANGE:
		if (ev->u.assoc_change.state == SCTPDK_COMM_UP) {
			a->id = ev->assoc_id;
			a->rt_id = 0;
			a->up = 1;
			a->room = 0;
			a->sent_bytes = 0;
			x->n_up++;
			s->c.setups++;
			if (o->wl == PERF_WL_SETUP &&
			    sctpdk_stack_shutdown(x->st, ep, ev->assoc_id) != 0)
				s->c.drops++;
		} else if (ev->u.assoc_change.state == SCTPDK_SHUTDOWN_COMP ||
			   ev->u.assoc_change.state == SCTPDK_COMM_LOST ||
			   ev->u.assoc_change.state == SCTPDK_CANT_STR_ASSOC) {
			if (a->up)
				x->n_up--;
			a->up = 0;
			if (ev->u.assoc_change.state == SCTPDK_SHUTDOWN_COMP) {
				s->c.teardowns++;
				s->c.msgs_rx++;
			} else {
				s->c.drops++;
			}
			if (o->wl == PERF_WL_SETUP && perf_side_phase(s) != PH_DONE)
				associate(x, ep);
		}
		break;
	case SCTPDK_RT_EV_DATA: {
		uint32_t slot = ev->u.data.ppid;
		copy_out(s, ev->u.data.msg);
		s->c.msgs_rx++;
		s->c.bytes_rx += ev->u.data.len;
		rte_pktmbuf_free(ev->u.data.msg);
		if (o->wl == PERF_WL_RR && slot < o->depth && a->inflight > 0) {
			if (perf_side_phase(s) == PH_RUN)
				perf_side_rtt(s, rte_rdtsc() - a->sent_tsc[slot]);
			a->inflight--;
		}
		break;
	}
	case SCTPDK_RT_EV_SEND_FAILED:
		s->c.send_again++;
		rte_pktmbuf_free(ev->u.send_failed.msg);
		break;
	default:
		break;
	}
}

/* Bytes the stack holds for a: refresh the room from a snapshot. */
static void
refresh_room(struct core_ctx *x, unsigned ep, struct core_as *a)
{
	if (a->rt_id == 0)
		a->rt_id = rt_id_of(x->st, ep, a->id);
	struct sctpdk_rt_assoc_info ai;
	if (a->rt_id == 0 || sctpdk_stack_assoc_info(x->st, a->rt_id, &ai) != 0) {
		a->room = 0;
		return;
	}
	uint64_t held = a->sent_bytes - ai.sent_bytes + ai.queued_bytes;
	a->room = held < x->limit ? x->limit - held : 0;
}

/* Up to 64 messages per association per pass, handed over in one
 * sctpdk_stack_send_burst() (one command ring operation). */
static unsigned
client_bulk(struct core_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = s->k->o;
	uint32_t fl = o->unordered ? SCTPDK_SEND_UNORDERED : 0;
	unsigned sent = 0;
	for (unsigned i = 0; i < x->n_eps; i++) {
		struct core_as *a = &x->as[i];
		struct sctpdk_stack_msg b[64];
		unsigned n = 0;
		uint64_t bytes = 0;
		if (!a->up)
			continue;
		uint16_t sid = a->next_sid;
		while (n < RTE_DIM(b)) {
			struct rte_mbuf *m = a->pending;
			if (m == NULL) {
				m = msg_new(x, perf_side_size(s));
				if (m == NULL)
					break;
			}
			uint32_t len = rte_pktmbuf_pkt_len(m);
			if (a->room < bytes + len)
				refresh_room(x, i, a);
			if (a->room < bytes + len) {
				a->pending = m;
				break;
			}
			a->pending = NULL;
			b[n++] = (struct sctpdk_stack_msg){.msg = m, .sid = sid, .flags = fl};
			bytes += len;
			if (++sid == o->streams)
				sid = 0;
		}
		if (n == 0)
			continue;
		unsigned k = sctpdk_stack_send_burst(x->st, i, a->id, b, n);
		for (unsigned j = 0; j < k; j++) {
			uint32_t len = rte_pktmbuf_pkt_len(b[j].msg);
			a->room -= len;
			a->sent_bytes += len;
			s->c.bytes_tx += len;
		}
		s->c.msgs_tx += k;
		sent += k;
		a->next_sid = (uint16_t)((a->next_sid + k) % o->streams);
		if (k < n) { /* command ring full: keep them, in order */
			s->c.send_again++;
			rte_pktmbuf_free(a->pending);
			a->pending = NULL;
			for (unsigned j = k + 1; j < n; j++)
				rte_pktmbuf_free(b[j].msg);
			a->pending = b[k].msg;
		}
	}
	return sent;
}

static unsigned
client_rr(struct core_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = s->k->o;
	unsigned sent = 0;
	for (unsigned i = 0; i < x->n_eps; i++) {
		struct core_as *a = &x->as[i];
		while (a->up && a->inflight < o->depth) {
			struct rte_mbuf *m = msg_new(x, perf_side_size(s));
			if (m == NULL)
				break;
			a->sent_tsc[a->next_slot] = rte_rdtsc();
			if (send_msg(x, i, a->id, &a->next_sid, a->next_slot, m) != 0) {
				rte_pktmbuf_free(m);
				s->c.send_again++;
				break;
			}
			s->c.msgs_tx++;
			a->inflight++;
			if (++a->next_slot == o->depth)
				a->next_slot = 0;
			sent++;
		}
	}
	return sent;
}

static void
client_start(struct core_ctx *x)
{
	const struct perf_opts *o = x->s->k->o;
	for (unsigned i = 0; i < x->n_eps; i++) {
		x->as[i].sent_tsc = calloc(o->depth, sizeof(uint64_t));
		associate(x, i);
	}
	x->started = 1;
}

/* One pass of the client: events of every endpoint, then sends. Returns
 * how much it did. */
static unsigned
client_step(struct core_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = s->k->o;
	struct sctpdk_rt_event ev[EV_BURST];
	unsigned work = 0;
	if (!x->started)
		client_start(x);
	for (unsigned i = 0; i < x->n_eps; i++) {
		unsigned n;
		while ((n = sctpdk_stack_event_poll(x->st, i, ev, EV_BURST)) > 0) {
			for (unsigned j = 0; j < n; j++)
				client_event(x, i, &ev[j]);
			work += n;
		}
	}
	if (!s->up && (o->wl == PERF_WL_SETUP || x->n_up == x->n_eps))
		s->up = 1;
	if (s->up && perf_side_phase(s) != PH_PAUSE) {
		if (o->wl == PERF_WL_BULK)
			work += client_bulk(x);
		else if (o->wl == PERF_WL_RR)
			work += client_rr(x);
	}
	return work;
}

/* ---- server ------------------------------------------------------------- */

static unsigned
server_step(struct core_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = s->k->o;
	struct sctpdk_rt_event ev[EV_BURST];
	unsigned n = sctpdk_stack_event_poll(x->st, 0, ev, EV_BURST);
	s->up = 1;
	for (unsigned j = 0; j < n; j++) {
		struct sctpdk_rt_event *e = &ev[j];
		if (e->type == SCTPDK_RT_EV_DATA) {
			struct rte_mbuf *m = e->u.data.msg;
			uint32_t len = e->u.data.len;
			copy_out(s, m);
			s->c.msgs_rx++;
			s->c.bytes_rx += len;
			rte_pktmbuf_free(m);
			if (o->wl == PERF_WL_RR) {
				/* the answer: a message of the same size */
				struct rte_mbuf *r = msg_new(x, len);
				if (r == NULL ||
				    send_msg(x, 0, e->assoc_id, &x->sid, e->u.data.ppid, r) != 0) {
					rte_pktmbuf_free(r);
					s->c.send_again++;
				} else {
					s->c.msgs_tx++;
				}
			}
		} else if (e->type == SCTPDK_RT_EV_SEND_FAILED) {
			rte_pktmbuf_free(e->u.send_failed.msg);
		}
	}
	return n;
}

static unsigned
side_step(struct core_ctx *x)
{
	return x->s->client ? client_step(x) : server_step(x);
}

/* Idle application thread, after PERF_IDLE_POLLS empty passes: spin,
 * yield, or park on the stack's event futex. The client of --bulk also
 * waits for room in the stack, which no event announces: it parks for at
 * most --idle us; the others until an event (checking for the end every
 * 20 ms). */
static void
thread_idle(struct core_ctx *x, unsigned *idle)
{
	const struct perf_opts *o = x->s->k->o;
	if (++*idle < PERF_IDLE_POLLS || o->idle_us < 0)
		return;
	if (o->idle_us == 0) {
		sched_yield();
		return;
	}
	int64_t t = x->s->client && o->wl == PERF_WL_BULK ? o->idle_us : 20000;
	(void)sctpdk_stack_event_wait(x->st, NULL, 0, t);
}

static struct core_ctx *
ctx_new(struct perf_side *s)
{
	struct perf_stk *k = s->k;
	const struct perf_opts *o = k->o;
	struct core_ctx *x = calloc(1, sizeof(*x));
	if (x == NULL)
		return NULL;
	x->s = s;
	x->st = k->st[s->client ? STK_CLIENT : STK_SERVER];
	x->mp = sctpdk_stack_pool(x->st);
	x->n_eps = k->n_eps[s->client ? STK_CLIENT : STK_SERVER];
	/* the core's send buffer is 4 x rwnd; stay under it and under a
	 * share of the pool for small messages */
	x->limit = 4ull * o->rwnd_bytes;
	uint64_t by_pool = 8192ull * o->sizes[0] / x->n_eps;
	if (o->sizes[0] > PERF_SMALL_MSG) /* 16 KiB buffers: 2047 of them */
		by_pool = 1024ull * PERF_BIG_BUF / x->n_eps;
	if (by_pool < x->limit)
		x->limit = by_pool > 4096 ? by_pool : 4096;
	x->as = calloc(x->n_eps, sizeof(*x->as));
	if (x->as == NULL) {
		free(x);
		return NULL;
	}
	return x;
}

static void
ctx_free(struct core_ctx *x)
{
	if (x == NULL)
		return;
	for (unsigned i = 0; i < x->n_eps; i++) {
		rte_pktmbuf_free(x->as[i].pending);
		free(x->as[i].sent_tsc);
	}
	free(x->as);
	free(x);
}

void *
perf_core_side(void *arg)
{
	struct perf_side *s = arg;
	s->clk_ok = pthread_getcpuclockid(pthread_self(), &s->clk) == 0;
	(void)prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0); /* --idle N: N us, not N + 50 */
	struct core_ctx *x = ctx_new(s);
	if (x == NULL) {
		perf_side_fail(s, "no memory");
		return NULL;
	}
	unsigned idle = 0;
	while (perf_side_phase(s) != PH_DONE) {
		if (side_step(x) != 0)
			idle = 0;
		else
			thread_idle(x, &idle);
	}
	ctx_free(x);
	return NULL;
}

/* ---- --app lcore: the application on the stack lcores ------------------- */

static unsigned
lcore_poll(struct sctpdk_stack *st, unsigned lcore_index, void *arg)
{
	struct core_ctx *x = arg;
	(void)st;
	(void)lcore_index;
	if (perf_side_phase(x->s) == PH_DONE)
		return 0;
	return side_step(x);
}

int
perf_core_lcore_start(struct perf_side *s)
{
	struct core_ctx *x = ctx_new(s);
	if (x == NULL)
		return -1;
	s->lctx = x;
	if (sctpdk_stack_set_app_poll(x->st, 0, lcore_poll, x) != 0) {
		s->lctx = NULL;
		ctx_free(x);
		return -1;
	}
	return 0;
}

void
perf_core_lcore_stop(struct perf_side *s)
{
	struct core_ctx *x = s->lctx;
	if (x == NULL)
		return;
	/* returns once the lcore is out of lcore_poll */
	sctpdk_stack_set_app_poll(x->st, 0, NULL, NULL);
	ctx_free(x);
	s->lctx = NULL;
}
