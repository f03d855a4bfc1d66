/* SPDX-License-Identifier: BSD-3-Clause */
/* LOOPBACK TEST DOUBLE of the facade's stack side; see loopback.h. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_socket.h>

#include "loopback.h"
#include "sctpdk_test.h"

#define LB_EPS    64
#define LB_ASSOCS 1024
#define LB_EVQ    8192

struct lb_ep {
	int used;
	struct sctpdk_facade_ep *fep;
	struct sctpdk_facade_ep_params p;
	int listening;
};

struct lb_assoc {
	int used;
	int ep;
	uint32_t peer; /* index+1 of the peer association, 0 none */
	int state;     /* SCTP_COOKIE_WAIT ... */
	int shut_pending;
	uint64_t timeout_us; /* blackhole INIT timeout */
	uint16_t out, in;
	struct sctpdk_addr peer_addr;
	uint16_t peer_port;
	struct sctpdk_facade_assoc_info params;
	/* in flight towards the peer */
	struct rte_mbuf *q[LB_WINDOW];
	struct sctpdk_facade_sndinfo qi[LB_WINDOW];
	unsigned qh, qn;
};

struct lb_ev {
	int ep;
	struct sctpdk_facade_event ev;
};

struct lb_inject {
	int kind;
	uint16_t lport, pport, cause;
	int state;
};

struct lb_stack {
	struct sctpdk_facade *f;
	struct rte_mempool *pool;
	pthread_t thr;
	volatile int quit;
	int hold;
	struct lb_ep eps[LB_EPS];
	struct lb_assoc as[LB_ASSOCS];
	struct lb_ev evq[LB_EVQ];
	unsigned evh, evn;
	uint64_t now_us;
	uint64_t messages;
	pthread_mutex_t inj_mtx;
	struct lb_inject inj[64];
	unsigned n_inj;
	int (*call_fn)(void *); /* under inj_mtx */
	void *call_arg;
	int call_ret, call_done;
	pthread_cond_t call_cv;
};

static void
ev_push(struct lb_stack *lb, int ep, const struct sctpdk_facade_event *ev)
{
	RTE_VERIFY(lb->evn < LB_EVQ);
	struct lb_ev *e = &lb->evq[(lb->evh + lb->evn++) % LB_EVQ];
	e->ep = ep;
	e->ev = *ev;
}

static struct lb_assoc *
as_get(struct lb_stack *lb, uint32_t id)
{
	if (id == 0 || id > LB_ASSOCS || !lb->as[id - 1].used)
		return NULL;
	return &lb->as[id - 1];
}

static uint32_t
as_new(struct lb_stack *lb, int ep)
{
	for (uint32_t i = 0; i < LB_ASSOCS; i++)
		if (!lb->as[i].used) {
			memset(&lb->as[i], 0, sizeof(lb->as[i]));
			lb->as[i].used = 1;
			lb->as[i].ep = ep;
			return i + 1;
		}
	return 0;
}

static void
as_free(struct lb_stack *lb, uint32_t id)
{
	struct lb_assoc *a = as_get(lb, id);
	if (a == NULL)
		return;
	for (unsigned i = 0; i < a->qn; i++)
		rte_pktmbuf_free(a->q[(a->qh + i) % LB_WINDOW]);
	a->used = 0;
}

static void
assoc_change(struct lb_stack *lb, uint32_t id, uint16_t state, uint16_t reason)
{
	struct lb_assoc *a = as_get(lb, id);
	struct sctpdk_facade_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCTPDK_FACADE_EV_ASSOC_CHANGE;
	ev.assoc_id = id;
	ev.u.assoc_change.state = state;
	ev.u.assoc_change.reason = reason;
	ev.u.assoc_change.out_streams = a->out;
	ev.u.assoc_change.in_streams = a->in;
	ev.u.assoc_change.peer = a->peer_addr;
	ev.u.assoc_change.peer_port = a->peer_port;
	ev_push(lb, a->ep, &ev);
}

/* ---- ops --------------------------------------------------------------- */

static int
lb_ep_open(void *ctx, struct sctpdk_facade_ep *fep, const struct sctpdk_facade_ep_params *p,
	   void **sep)
{
	struct lb_stack *lb = ctx;
	for (int i = 0; i < LB_EPS; i++)
		if (lb->eps[i].used && lb->eps[i].p.local_port == p->local_port)
			return SCTPDK_ERR_EXISTS;
	for (int i = 0; i < LB_EPS; i++)
		if (!lb->eps[i].used) {
			lb->eps[i].used = 1;
			lb->eps[i].fep = fep;
			lb->eps[i].p = *p;
			lb->eps[i].listening = p->listening;
			*sep = &lb->eps[i];
			return 0;
		}
	return SCTPDK_ERR_NOMEM;
}

static int
ep_index(struct lb_stack *lb, void *sep)
{
	return (int)((struct lb_ep *)sep - lb->eps);
}

static void
lose(struct lb_stack *lb, uint32_t id, uint16_t reason)
{
	struct lb_assoc *a = as_get(lb, id);
	if (a == NULL || a->state == SCTP_CLOSED)
		return;
	a->state = SCTP_CLOSED;
	assoc_change(lb, id, SCTP_COMM_LOST, reason);
}

static void
lb_ep_close(void *ctx, void *sep)
{
	struct lb_stack *lb = ctx;
	int ep = ep_index(lb, sep);
	for (uint32_t i = 0; i < LB_ASSOCS; i++) {
		struct lb_assoc *a = &lb->as[i];
		if (!a->used || a->ep != ep)
			continue;
		if (a->peer != 0)
			lose(lb, a->peer, SCTPDK_FACADE_REASON_PEER_ABORT);
		as_free(lb, i + 1);
	}
	/* drop the events still queued for this endpoint */
	for (unsigned k = 0; k < lb->evn; k++) {
		struct lb_ev *e = &lb->evq[(lb->evh + k) % LB_EVQ];
		if (e->ep == ep && e->ev.type == SCTPDK_FACADE_EV_DATA) {
			rte_pktmbuf_free(e->ev.u.data.msg);
			e->ev.u.data.msg = NULL;
		}
		if (e->ep == ep)
			e->ep = -1;
	}
	lb->eps[ep].used = 0;
}

static int
lb_ep_listen(void *ctx, void *sep, int on)
{
	(void)ctx;
	((struct lb_ep *)sep)->listening = on;
	return 0;
}

static int64_t
lb_associate(void *ctx, void *sep, const struct sctpdk_addr *peer, uint16_t peer_port, uint16_t os,
	     uint16_t mis, uint16_t attempts, uint16_t timeo_ms)
{
	struct lb_stack *lb = ctx;
	int ep = ep_index(lb, sep);
	uint32_t id = as_new(lb, ep);
	if (id == 0)
		return SCTPDK_ERR_AGAIN;
	struct lb_assoc *a = as_get(lb, id);
	a->state = SCTP_COOKIE_WAIT;
	a->peer_addr = *peer;
	a->peer_port = peer_port;
	a->params.rto_initial_ms = lb->eps[ep].p.rto_initial_ms;
	a->params.rto_max_ms = lb->eps[ep].p.rto_max_ms;
	a->params.rto_min_ms = lb->eps[ep].p.rto_min_ms;
	a->params.max_retrans = lb->eps[ep].p.max_retrans;
	a->params.cookie_life_ms = lb->eps[ep].p.cookie_life_ms;
	a->params.hb_interval_ms = lb->eps[ep].p.hb_interval_ms;
	a->params.path_max_retrans = lb->eps[ep].p.path_max_retrans;
	for (unsigned k = 0; k < SCTPDK_FACADE_MAX_ADDRS; k++) {
		a->params.path[k].hb_interval_ms = a->params.hb_interval_ms;
		a->params.path[k].path_max_retrans = a->params.path_max_retrans;
	}
	a->params.nodelay = lb->eps[ep].p.nodelay;
	a->params.disable_frag = lb->eps[ep].p.disable_frag;
	a->params.sndbuf_bytes = lb->eps[ep].p.sndbuf_bytes;
	if (os == 0)
		os = lb->eps[ep].p.out_streams;
	if (mis == 0)
		mis = lb->eps[ep].p.max_in_streams;
	if (peer_port == LB_BLACKHOLE_PORT) {
		a->timeout_us = lb->now_us +
				(uint64_t)(timeo_ms ? timeo_ms : 1000) * 1000u * (attempts ? 1 : 1);
		return id;
	}
	int pe = -1;
	for (int i = 0; i < LB_EPS; i++)
		if (lb->eps[i].used && lb->eps[i].listening && lb->eps[i].p.local_port == peer_port)
			pe = i;
	if (pe < 0) { /* the peer answers with ABORT */
		a->state = SCTP_CLOSED;
		assoc_change(lb, id, SCTP_CANT_STR_ASSOC, SCTPDK_FACADE_REASON_PEER_ABORT);
		return id;
	}
	uint32_t pid = as_new(lb, pe);
	if (pid == 0) {
		as_free(lb, id);
		return SCTPDK_ERR_AGAIN;
	}
	struct lb_assoc *b = as_get(lb, pid);
	struct lb_ep *P = &lb->eps[pe];
	a->peer = pid;
	b->peer = id;
	a->out = os < P->p.max_in_streams ? os : P->p.max_in_streams;
	a->in = P->p.out_streams < mis ? P->p.out_streams : mis;
	b->out = a->in;
	b->in = a->out;
	a->state = b->state = SCTP_ESTABLISHED;
	b->peer_addr = lb->eps[ep].p.addrs[0];
	b->peer_port = lb->eps[ep].p.local_port;
	b->params = a->params;
	assoc_change(lb, id, SCTP_COMM_UP, 0);
	assoc_change(lb, pid, SCTP_COMM_UP, 0);
	if (P->p.send_adaptation) {
		struct sctpdk_facade_event ev = {.type = SCTPDK_FACADE_EV_ADAPTATION,
						 .assoc_id = id};
		ev.u.adaptation.bits = P->p.adaptation_bits;
		ev_push(lb, ep, &ev);
	}
	return id;
}

static int
lb_send(void *ctx, void *sep, uint32_t assoc, const struct sctpdk_facade_sndinfo *si,
	struct rte_mbuf *msg)
{
	struct lb_stack *lb = ctx;
	struct lb_assoc *a = as_get(lb, assoc);
	if (a == NULL || a->state == SCTP_CLOSED)
		return SCTPDK_ERR_NOTFOUND;
	if (a->shut_pending || a->state >= SCTP_SHUTDOWN_PENDING)
		return SCTPDK_ERR_SHUTDOWN;
	if (a->state == SCTP_ESTABLISHED && si->sid >= a->out)
		return SCTPDK_ERR_INVAL;
	if (rte_pktmbuf_pkt_len(msg) == 0)
		return SCTPDK_ERR_INVAL;
	if (a->qn == LB_WINDOW)
		return SCTPDK_ERR_AGAIN;
	a->q[(a->qh + a->qn) % LB_WINDOW] = msg;
	a->qi[(a->qh + a->qn) % LB_WINDOW] = *si;
	a->qn++;
	return 0;
}

static int
lb_shutdown(void *ctx, void *sep, uint32_t assoc)
{
	struct lb_stack *lb = ctx;
	struct lb_assoc *a = as_get(lb, assoc);
	if (a == NULL || a->state == SCTP_CLOSED)
		return SCTPDK_ERR_NOTFOUND;
	if (a->state == SCTP_COOKIE_WAIT)
		return SCTPDK_ERR_STATE;
	if (a->shut_pending)
		return 0;
	a->shut_pending = 1;
	a->state = SCTP_SHUTDOWN_PENDING;
	return 0;
}

static int
lb_abort(void *ctx, void *sep, uint32_t assoc)
{
	struct lb_stack *lb = ctx;
	struct lb_assoc *a = as_get(lb, assoc);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (a->peer != 0)
		lose(lb, a->peer, SCTPDK_FACADE_REASON_PEER_ABORT);
	lose(lb, assoc, SCTPDK_FACADE_REASON_LOCAL);
	return 0;
}

static int
lb_assoc_info(void *ctx, void *sep, uint32_t assoc, struct sctpdk_facade_assoc_info *i)
{
	struct lb_stack *lb = ctx;
	struct lb_assoc *a = as_get(lb, assoc);
	if (a == NULL || a->state == SCTP_CLOSED)
		return SCTPDK_ERR_NOTFOUND;
	*i = a->params;
	i->state = a->state;
	i->peer_port = a->peer_port;
	i->in_streams = a->in;
	i->out_streams = a->out;
	/* the peer endpoint's addresses, primary first */
	struct lb_assoc *b = as_get(lb, a->peer);
	i->n_peer_addrs = 1;
	i->peer_addrs[0] = a->peer_addr;
	if (b != NULL) {
		const struct lb_ep *P = &lb->eps[b->ep];
		for (unsigned k = 0; k < P->p.n_addrs && i->n_peer_addrs < SCTPDK_FACADE_MAX_ADDRS;
		     k++)
			if (!sctpdk_addr_eq(&P->p.addrs[k], &a->peer_addr))
				i->peer_addrs[i->n_peer_addrs++] = P->p.addrs[k];
	}
	for (unsigned k = 0; k < i->n_peer_addrs; k++)
		i->path_state[k] = SCTP_ACTIVE;
	i->peer_rwnd = 65536;
	i->local_rwnd = lb->eps[a->ep].p.rcvbuf_bytes;
	i->pending_chunks = a->qn;
	i->frag_point = 1452;
	i->cwnd = 4380;
	i->srtt_ms = 1;
	i->rto_ms = a->params.rto_initial_ms;
	i->mtu = 1500;
	for (unsigned k = 0; k < i->n_peer_addrs; k++) {
		i->path[k].cwnd = i->cwnd;
		i->path[k].srtt_ms = i->srtt_ms;
		i->path[k].rto_ms = i->rto_ms;
		i->path[k].mtu = i->mtu;
	}
	return 0;
}

static int
lb_assoc_set(void *ctx, void *sep, uint32_t assoc, uint32_t mask,
	     const struct sctpdk_facade_assoc_info *i)
{
	struct lb_stack *lb = ctx;
	struct lb_assoc *a = as_get(lb, assoc);
	if (a == NULL || a->state == SCTP_CLOSED)
		return SCTPDK_ERR_NOTFOUND;
	if (mask & SCTPDK_FACADE_SET_RTO) {
		a->params.rto_initial_ms = i->rto_initial_ms;
		a->params.rto_max_ms = i->rto_max_ms;
		a->params.rto_min_ms = i->rto_min_ms;
	}
	if (mask & SCTPDK_FACADE_SET_MAXRXT)
		a->params.max_retrans = i->max_retrans;
	if (mask & SCTPDK_FACADE_SET_COOKIE_LIFE)
		a->params.cookie_life_ms = i->cookie_life_ms;
	/* heartbeat parameters: one address (set_path k + 1) or all */
	for (unsigned k = 0; k < SCTPDK_FACADE_MAX_ADDRS; k++) {
		if (i->set_path != 0 && i->set_path != k + 1)
			continue;
		const struct sctpdk_facade_path *src = i->set_path != 0 ? &i->path[k] : NULL;
		if (mask & SCTPDK_FACADE_SET_HB)
			a->params.path[k].hb_interval_ms =
			    src != NULL ? src->hb_interval_ms : i->hb_interval_ms;
		if (mask & SCTPDK_FACADE_SET_PATHMAXRXT)
			a->params.path[k].path_max_retrans =
			    src != NULL ? src->path_max_retrans : i->path_max_retrans;
	}
	if (i->set_path == 0 && (mask & SCTPDK_FACADE_SET_HB))
		a->params.hb_interval_ms = i->hb_interval_ms;
	if (i->set_path == 0 && (mask & SCTPDK_FACADE_SET_PATHMAXRXT))
		a->params.path_max_retrans = i->path_max_retrans;
	if (mask & SCTPDK_FACADE_SET_NODELAY)
		a->params.nodelay = i->nodelay;
	if (mask & SCTPDK_FACADE_SET_FRAG)
		a->params.disable_frag = i->disable_frag;
	if (mask & SCTPDK_FACADE_SET_AUTOCLOSE)
		a->params.autoclose_s = i->autoclose_s;
	if (mask & SCTPDK_FACADE_SET_SNDBUF)
		a->params.sndbuf_bytes = i->sndbuf_bytes;
	if (mask & SCTPDK_FACADE_SET_PRIMARY) {
		struct sctpdk_facade_assoc_info cur;
		lb_assoc_info(ctx, sep, assoc, &cur);
		if (i->primary >= cur.n_peer_addrs)
			return SCTPDK_ERR_INVAL;
		a->peer_addr = cur.peer_addrs[i->primary];
	}
	return 0;
}

/* ---- the "lcore" ---------------------------------------------------------- */

static uint64_t
mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void
run_injections(struct lb_stack *lb)
{
	pthread_mutex_lock(&lb->inj_mtx);
	for (unsigned k = 0; k < lb->n_inj; k++) {
		struct lb_inject *j = &lb->inj[k];
		for (uint32_t i = 0; i < LB_ASSOCS; i++) {
			struct lb_assoc *a = &lb->as[i];
			if (!a->used || a->state == SCTP_CLOSED ||
			    lb->eps[a->ep].p.local_port != j->lport || a->peer_port != j->pport)
				continue;
			struct sctpdk_facade_event ev;
			memset(&ev, 0, sizeof(ev));
			ev.assoc_id = i + 1;
			if (j->kind == 0) {
				ev.type = SCTPDK_FACADE_EV_SHUTDOWN;
				a->state = SCTP_SHUTDOWN_RECEIVED;
			} else if (j->kind == 1) {
				ev.type = SCTPDK_FACADE_EV_REMOTE_ERROR;
				ev.u.remote_error.cause = j->cause;
				struct rte_mbuf *m = rte_pktmbuf_alloc(lb->pool);
				uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, 4);
				p[0] = (uint8_t)(j->cause >> 8);
				p[1] = (uint8_t)j->cause;
				p[2] = 0;
				p[3] = 4;
				ev.u.remote_error.tlv = m;
			} else {
				ev.type = SCTPDK_FACADE_EV_PEER_ADDR;
				ev.u.paddr.addr = a->peer_addr;
				ev.u.paddr.state = j->state;
			}
			ev_push(lb, a->ep, &ev);
		}
	}
	lb->n_inj = 0;
	if (lb->call_fn != NULL) {
		lb->call_ret = lb->call_fn(lb->call_arg);
		lb->call_fn = NULL;
		lb->call_done = 1;
		pthread_cond_broadcast(&lb->call_cv);
	}
	pthread_mutex_unlock(&lb->inj_mtx);
}

int
lb_call_on_lcore(struct lb_stack *lb, int (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&lb->inj_mtx);
	lb->call_fn = fn;
	lb->call_arg = arg;
	lb->call_done = 0;
	while (!lb->call_done)
		pthread_cond_wait(&lb->call_cv, &lb->inj_mtx);
	int r = lb->call_ret;
	pthread_mutex_unlock(&lb->inj_mtx);
	return r;
}

/* Move in-flight messages to their peers while the receiving socket has
 * room; finish shutdowns whose queues are empty; fire INIT timeouts. */
static unsigned
transfer(struct lb_stack *lb)
{
	unsigned work = 0;
	for (uint32_t i = 0; i < LB_ASSOCS; i++) {
		struct lb_assoc *a = &lb->as[i];
		if (!a->used)
			continue;
		if (a->state == SCTP_COOKIE_WAIT && a->timeout_us != 0 &&
		    lb->now_us >= a->timeout_us) {
			a->state = SCTP_CLOSED;
			assoc_change(lb, i + 1, SCTP_CANT_STR_ASSOC, SCTPDK_FACADE_REASON_TIMEOUT);
			work++;
			continue;
		}
		struct lb_assoc *b = as_get(lb, a->peer);
		if (b == NULL || b->state == SCTP_CLOSED || a->state == SCTP_CLOSED)
			continue;
		while (a->qn > 0 && !__atomic_load_n(&lb->hold, __ATOMIC_SEQ_CST)) {
			const struct sctpdk_facade_ep *pfep = lb->eps[b->ep].fep;
			/* leave room for notifications queued alongside */
			if (sctpdk_facade_rx_room(pfep, a->peer) <= lb->evn + 4)
				break;
			struct sctpdk_facade_event ev;
			memset(&ev, 0, sizeof(ev));
			ev.type = SCTPDK_FACADE_EV_DATA;
			ev.assoc_id = a->peer;
			ev.u.data.msg = a->q[a->qh];
			ev.u.data.sid = a->qi[a->qh].sid;
			ev.u.data.ppid = a->qi[a->qh].ppid;
			ev.u.data.flags = a->qi[a->qh].flags;
			ev.u.data.tsn = (uint32_t)lb->messages;
			a->qh = (a->qh + 1) % LB_WINDOW;
			a->qn--;
			lb->messages++;
			ev_push(lb, b->ep, &ev);
			work++;
			if (lb->evn > LB_EVQ / 2)
				break;
		}
		if (a->shut_pending && a->qn == 0 && a->state != SCTP_CLOSED) {
			struct sctpdk_facade_event ev = {.type = SCTPDK_FACADE_EV_SHUTDOWN,
							 .assoc_id = a->peer};
			ev_push(lb, b->ep, &ev);
			a->state = b->state = SCTP_CLOSED;
			assoc_change(lb, i + 1, SCTP_SHUTDOWN_COMP, 0);
			assoc_change(lb, a->peer, SCTP_SHUTDOWN_COMP, 0);
			work++;
		}
	}
	return work;
}

static unsigned
deliver_all(struct lb_stack *lb)
{
	unsigned n = 0;
	while (lb->evn > 0) {
		struct lb_ev e = lb->evq[lb->evh];
		lb->evh = (lb->evh + 1) % LB_EVQ;
		lb->evn--;
		if (e.ep < 0)
			continue;
		sctpdk_facade_deliver(lb->eps[e.ep].fep, &e.ev);
		n++;
	}
	/* free the double's closed associations once both sides are closed */
	for (uint32_t i = 0; i < LB_ASSOCS; i++) {
		struct lb_assoc *a = &lb->as[i];
		if (a->used && a->state == SCTP_CLOSED) {
			struct lb_assoc *b = as_get(lb, a->peer);
			if (b == NULL || b->state == SCTP_CLOSED) {
				if (b != NULL)
					b->peer = 0;
				as_free(lb, i + 1);
			}
		}
	}
	return n;
}

static void *
lcore_main(void *arg)
{
	struct lb_stack *lb = arg;
	while (!lb->quit) {
		lb->now_us = mono_us();
		unsigned w = sctpdk_facade_lcore_poll(lb->f, 0, lb->now_us);
		run_injections(lb);
		w += transfer(lb);
		w += deliver_all(lb);
		if (w == 0) {
			struct timespec ts = {0, 50000};
			nanosleep(&ts, NULL);
		}
	}
	return NULL;
}

struct lb_stack *
lb_start_cfg(struct sctpdk_facade_config *cfg)
{
	if (sctpdk_test_eal_init() != 0)
		return NULL;
	struct lb_stack *lb = calloc(1, sizeof(*lb));
	if (lb == NULL)
		return NULL;
	pthread_mutex_init(&lb->inj_mtx, NULL);
	pthread_cond_init(&lb->call_cv, NULL);
	/* application threads allocate from this pool without an lcore cache:
	 * the RTS ring ops keep a preempted thread from stalling the others */
	struct rte_mempool *mp = rte_mempool_lookup("sctpdk_fc_test_pool");
	if (mp == NULL)
		mp = sctpdk_facade_pool_create("sctpdk_fc_test_pool", 16127, 0,
					       RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL)
		mp = sctpdk_test_mbuf_pool();
	cfg->pool = mp;
	lb->pool = mp;
	/* sends over SCTPDK_FACADE_BIG_MIN bytes: 16 KiB mbufs, few of them
	 * (a test runs it dry to see the fallback to 2 KiB chains) */
	struct rte_mempool *big = rte_mempool_lookup("sctpdk_fc_test_big");
	if (big == NULL)
		big = sctpdk_facade_pool_create("sctpdk_fc_test_big", LB_BIG_MBUFS, 0,
						16384 + RTE_PKTMBUF_HEADROOM, SOCKET_ID_ANY);
	cfg->big_pool = big; /* NULL: none (the facade then chains 2 KiB mbufs) */
	cfg->n_lcores = 1;
	cfg->n_local_addrs = 3;
	cfg->local_addrs[0] = sctpdk_addr_v4(10, 0, 0, 1);
	cfg->local_addrs[1] = sctpdk_addr_v4(10, 0, 0, 2);
	memset(&cfg->local_addrs[2], 0, sizeof(cfg->local_addrs[2]));
	cfg->local_addrs[2].family = SCTPDK_AF_INET6;
	cfg->local_addrs[2].u.v6[15] = 1;
	cfg->ops = (struct sctpdk_facade_stack_ops){
	    .ep_open = lb_ep_open,
	    .ep_close = lb_ep_close,
	    .ep_listen = lb_ep_listen,
	    .associate = lb_associate,
	    .send = lb_send,
	    .shutdown = lb_shutdown,
	    .abort = lb_abort,
	    .assoc_info = lb_assoc_info,
	    .assoc_set = lb_assoc_set,
	    .ctx = lb,
	};
	int err;
	lb->f = sctpdk_facade_create(cfg, &err);
	if (lb->f == NULL) {
		free(lb);
		return NULL;
	}
	if (pthread_create(&lb->thr, NULL, lcore_main, lb) != 0) {
		sctpdk_facade_free(lb->f);
		free(lb);
		return NULL;
	}
	return lb;
}

struct lb_stack *
lb_start(void)
{
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	return lb_start_cfg(&cfg);
}

void
lb_stop(struct lb_stack *lb)
{
	if (lb == NULL)
		return;
	lb->quit = 1;
	pthread_join(lb->thr, NULL);
	sctpdk_facade_free(lb->f);
	for (unsigned k = 0; k < lb->evn; k++) {
		struct lb_ev *e = &lb->evq[(lb->evh + k) % LB_EVQ];
		if (e->ev.type == SCTPDK_FACADE_EV_DATA)
			rte_pktmbuf_free(e->ev.u.data.msg);
		if (e->ev.type == SCTPDK_FACADE_EV_REMOTE_ERROR)
			rte_pktmbuf_free(e->ev.u.remote_error.tlv);
	}
	for (uint32_t i = 0; i < LB_ASSOCS; i++)
		as_free(lb, i + 1);
	pthread_mutex_destroy(&lb->inj_mtx);
	pthread_cond_destroy(&lb->call_cv);
	free(lb);
}

struct sctpdk_facade *
lb_facade(struct lb_stack *lb)
{
	return lb->f;
}

static void
inject(struct lb_stack *lb, int kind, uint16_t lport, uint16_t pport, uint16_t cause, int state)
{
	pthread_mutex_lock(&lb->inj_mtx);
	if (lb->n_inj < 64)
		lb->inj[lb->n_inj++] = (struct lb_inject){kind, lport, pport, cause, state};
	pthread_mutex_unlock(&lb->inj_mtx);
}

void
lb_inject_shutdown(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port)
{
	inject(lb, 0, local_port, peer_port, 0, 0);
}

void
lb_inject_remote_error(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port, uint16_t cause)
{
	inject(lb, 1, local_port, peer_port, cause, 0);
}

void
lb_inject_paddr(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port, int state)
{
	inject(lb, 2, local_port, peer_port, 0, state);
}

void
lb_hold(struct lb_stack *lb, int on)
{
	__atomic_store_n(&lb->hold, on, __ATOMIC_SEQ_CST);
}

uint64_t
lb_messages(const struct lb_stack *lb)
{
	return lb->messages;
}
