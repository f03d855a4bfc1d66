/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The sctpdk protocol core (lib/sctp) as the runtime's engine.
 *
 * One core endpoint per runtime endpoint, owned by the endpoint's lcore;
 * its associations are owned by the same lcore. The core is single-threaded,
 * so packets without a known tag (COOKIE ECHO, T-bit packets) are handed to
 * that lcore too (stateless_ep_input = 0), and so is everything registered
 * under an association's tag. INITs are the exception: the core answers
 * them statelessly (sctpdk_sctp_input_stateless) on the receiving lcore,
 * with that lcore's own scratch and counters (ep_input_any). When the core reports an
 * association up, its local tag is registered with the runtime; when it
 * reports it gone, the tag is removed. One wheel timer per endpoint tracks
 * the core's next deadline.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_random.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>

#include "sctpdk_facade.h"

#include "rt_fglue.h"
#include "rt_priv.h"

/* One stack lcore's context for stateless INIT answers. */
struct core_lc {
	struct sctpdk_sctp_stateless sl;
} __rte_cache_aligned;

struct core_ep {
	struct sctpdk_rt_ep *rt;
	struct sctpdk_sctp_ep *ep;
	struct core_lc *lc; /* one per stack lcore */
	unsigned n_lc;
	struct sctpdk_facade_ep *fep; /* attached socket endpoint, or NULL */
	int fc_used;                  /* was attached once: drop, not ring */
	/* events taken from the core, waiting for room at the socket */
	struct sctpdk_sctp_event held[32];
	unsigned n_held, h_pos;
	struct sctpdk_rt_timer timer;
	uint64_t armed_at; /* deadline the timer is armed for, UINT64_MAX none */
	/* associations sent to with SCTPDK_SEND_MORE since the last flush:
	 * a batch of commands (or socket sends) leaves bundled */
	uint32_t more[16];
	unsigned n_more;
	/* ICMP errors given to the core (owner lcore only) */
	uint64_t icmp_applied;
	uint64_t icmp_no_match; /* no association, ports or tag wrong */
	uint64_t icmp_ignored;  /* matched, nothing to do (MTU not lower, ...) */
	int quiet;         /* closed, waiting to be freed: no timer, no events */
	/* the core's retransmission counters already added to the owner
	 * lcore's stack stats */
	const struct sctpdk_sctp_stats *cs;
	uint64_t rtx_seen, t3_seen, frtx_seen;
};

static void
core_output(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	    const struct sctpdk_addr *dst)
{
	struct core_ep *c = ctx;
	sctpdk_rt_output(c->rt, pkt, src, dst);
}

static int
core_ootb_answer(void *ctx)
{
	struct core_ep *c = ctx;
	return sctpdk_rt_ootb_allow(c->rt);
}

static void
core_random(void *ctx, void *buf, size_t len)
{
	uint8_t *p = buf;
	while (len > 0) {
		uint64_t r = rte_rand();
		size_t k = len < sizeof(r) ? len : sizeof(r);
		memcpy(p, &r, k);
		p += k;
		len -= k;
	}
}

static void on_timer(struct sctpdk_rt_timer *t, void *arg, uint64_t now_us);

static void
track_assoc(struct core_ep *c, uint32_t id, uint16_t state)
{
	struct sctpdk_rt_assoc *a = sctpdk_rt_assoc_find(c->rt, id);
	if (state == SCTPDK_COMM_UP || state == SCTPDK_RESTART) {
		struct sctpdk_sctp_assoc_info info;
		if (sctpdk_sctp_assoc_info(c->ep, id, &info) != 0)
			return;
		if (a != NULL && a->vtag != info.local_vtag) {
			sctpdk_rt_assoc_del(a);
			a = NULL;
		}
		if (a == NULL) {
			int err;
			a = sctpdk_rt_assoc_add(c->rt, id, info.local_vtag,
						sctpdk_rt_ep_cfg(c->rt)->owner, NULL, &err);
			if (a == NULL)
				RT_LOG(WARNING, "association %u not registered: %d", id, err);
		}
	} else if (a != NULL) {
		sctpdk_rt_assoc_del(a);
	}
}

/* After every call into the core: events to the application (tracking
 * associations on the way), then the timer. */
/* Events of an attached endpoint, in order; a message waits in c->held
 * (and the rest in the core) while its socket has no delivery room, so the
 * socket's queue stays bounded and the core's window closes instead. */
static void
to_facade(struct core_ep *c)
{
	for (;;) {
		while (c->h_pos < c->n_held) {
			struct sctpdk_sctp_event *e = &c->held[c->h_pos];
			if (c->fep == NULL) {
				sctpdk_sctp_event_release(e);
			} else {
				if (e->type == SCTPDK_EV_DATA &&
				    sctpdk_facade_rx_full(c->fep, e->assoc_id))
					return;
				if (e->type == SCTPDK_EV_ASSOC_CHANGE)
					track_assoc(c, e->assoc_id, e->u.assoc_change.state);
				sctpdk_rt_fglue_event(c->fep, c->ep, e);
			}
			c->h_pos++;
		}
		c->h_pos = c->n_held = 0;
		c->n_held = sctpdk_sctp_event_poll(c->ep, c->held, RTE_DIM(c->held));
		if (c->n_held == 0)
			return;
	}
}

int
sctpdk_rt_core_has_held(void *state)
{
	const struct core_ep *c = state;
	return c->h_pos < c->n_held;
}

/* Transmit what sends with SCTPDK_SEND_MORE queued. */
static void
flush_more(struct core_ep *c)
{
	if (c->n_more == 0)
		return;
	uint64_t now = sctpdk_rt_now_us(c->rt);
	for (unsigned i = 0; i < c->n_more; i++)
		sctpdk_sctp_flush(c->ep, c->more[i], now);
	c->n_more = 0;
}

/* Queue msg with SCTPDK_SEND_MORE; flush_more() (from after()) sends it. */
static int
send_more(struct core_ep *c, uint32_t assoc, uint16_t sid, uint32_t ppid, uint32_t flags,
	  uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg, uint64_t now_us)
{
	if (c->n_more == RTE_DIM(c->more))
		flush_more(c);
	int rc = sctpdk_sctp_send(c->ep, assoc, sid, ppid, flags | SCTPDK_SEND_MORE, ttl_ms,
				  context, msg, now_us);
	if (rc == 0 && (c->n_more == 0 || c->more[c->n_more - 1] != assoc)) {
		unsigned i = 0;
		while (i < c->n_more && c->more[i] != assoc)
			i++;
		if (i == c->n_more)
			c->more[c->n_more++] = assoc;
	}
	return rc;
}

int
sctpdk_rt_core_send(void *state, uint32_t assoc, uint16_t sid, uint32_t ppid, uint32_t flags,
		    uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg, uint64_t now_us)
{
	return send_more(state, assoc, sid, ppid, flags, ttl_ms, context, msg, now_us);
}

/* The core's retransmission counts since the last call, into the stack
 * stats of the endpoint's owner lcore (the thread running this). */
static inline void
count_rtx(struct core_ep *c)
{
	const struct sctpdk_sctp_stats *cs = c->cs;
	if (likely(cs->tx_rtx_chunks == c->rtx_seen && cs->t3_expiries == c->t3_seen &&
		   cs->fast_rtx_events == c->frtx_seen))
		return;
	struct sctpdk_stack_stats *ss = &c->rt->st->lc[sctpdk_rt_ep_cfg(c->rt)->owner].stats;
	ss->rtx_chunks += cs->tx_rtx_chunks - c->rtx_seen;
	ss->rtx_t3_expiries += cs->t3_expiries - c->t3_seen;
	ss->rtx_fast_events += cs->fast_rtx_events - c->frtx_seen;
	c->rtx_seen = cs->tx_rtx_chunks;
	c->t3_seen = cs->t3_expiries;
	c->frtx_seen = cs->fast_rtx_events;
}

static void
after(struct core_ep *c)
{
	struct sctpdk_sctp_event ev[32];
	unsigned n;
	count_rtx(c);
	if (c->quiet)
		return;
	flush_more(c);
	if (c->fep != NULL || c->n_held != 0) {
		to_facade(c);
		goto timer;
	}
	while ((n = sctpdk_sctp_event_poll(c->ep, ev, 32)) != 0) {
		for (unsigned i = 0; i < n; i++) {
			if (c->fep != NULL || c->fc_used) {
				if (ev[i].type == SCTPDK_EV_ASSOC_CHANGE)
					track_assoc(c, ev[i].assoc_id,
						    ev[i].u.assoc_change.state);
				if (c->fep != NULL)
					sctpdk_rt_fglue_event(c->fep, c->ep, &ev[i]);
				else
					sctpdk_sctp_event_release(&ev[i]);
				continue;
			}
			struct sctpdk_rt_event o;
			memset(&o, 0, sizeof(o));
			o.assoc_id = ev[i].assoc_id;
			switch (ev[i].type) {
			case SCTPDK_EV_DATA:
				o.type = SCTPDK_RT_EV_DATA;
				o.u.data.sid = ev[i].u.data.sid;
				o.u.data.flags = ev[i].u.data.flags;
				o.u.data.ppid = ev[i].u.data.ppid;
				o.u.data.len = ev[i].u.data.len;
				o.u.data.msg = ev[i].u.data.msg;
				break;
			case SCTPDK_EV_ASSOC_CHANGE:
				o.type = SCTPDK_RT_EV_ASSOC_CHANGE;
				o.u.assoc_change.state = ev[i].u.assoc_change.state;
				o.u.assoc_change.error = ev[i].u.assoc_change.error;
				o.u.assoc_change.out_streams = ev[i].u.assoc_change.out_streams;
				o.u.assoc_change.in_streams = ev[i].u.assoc_change.in_streams;
				track_assoc(c, ev[i].assoc_id, ev[i].u.assoc_change.state);
				break;
			case SCTPDK_EV_SHUTDOWN:
				o.type = SCTPDK_RT_EV_SHUTDOWN;
				break;
			case SCTPDK_EV_SEND_FAILED:
				o.type = SCTPDK_RT_EV_SEND_FAILED;
				o.u.send_failed.error = ev[i].u.send_failed.error;
				o.u.send_failed.msg = ev[i].u.send_failed.msg;
				break;
			default:
				o.type = SCTPDK_RT_EV_OTHER;
				sctpdk_sctp_event_release(&ev[i]);
				break;
			}
			sctpdk_rt_event_push(c->rt, &o);
		}
	}
timer:;
	uint64_t d = sctpdk_sctp_next_deadline(c->ep);
	if (d != c->armed_at || c->timer.wheel == NULL) {
		if (d == UINT64_MAX)
			sctpdk_rt_timer_cancel(&c->timer);
		else
			sctpdk_rt_timer_arm(c->rt, &c->timer, d);
		c->armed_at = d;
	}
}

struct sctpdk_sctp_ep *
sctpdk_rt_core_sctp(void *state)
{
	return ((struct core_ep *)state)->ep;
}

struct sctpdk_facade_ep *
sctpdk_rt_core_fep(void *state)
{
	return ((struct core_ep *)state)->fep;
}

void
sctpdk_rt_core_attach(void *state, struct sctpdk_facade_ep *fep)
{
	struct core_ep *c = state;
	c->fep = fep;
	if (fep != NULL)
		c->fc_used = 1;
}

void
sctpdk_rt_core_after(void *state)
{
	after(state);
}

void
sctpdk_rt_core_quiesce(void *state)
{
	struct core_ep *c = state;
	c->quiet = 1;
	c->fep = NULL;
	sctpdk_rt_timer_cancel(&c->timer);
	c->armed_at = UINT64_MAX;
	for (; c->h_pos < c->n_held; c->h_pos++)
		sctpdk_sctp_event_release(&c->held[c->h_pos]);
	c->h_pos = c->n_held = 0;
}

static void
on_timer(struct sctpdk_rt_timer *t, void *arg, uint64_t now_us)
{
	struct core_ep *c = arg;
	c->armed_at = UINT64_MAX;
	if (c->quiet)
		return;
	sctpdk_sctp_timer(c->ep, now_us);
	after(c);
}

static uint32_t
ms_to_us(uint32_t ms)
{
	return ms > UINT32_MAX / 1000u ? UINT32_MAX : ms * 1000u;
}

static int
owned(const struct sctpdk_stack_config *sc, const struct sctpdk_addr *a)
{
	for (unsigned p = 0; p < sc->n_ports; p++)
		for (unsigned i = 0; i < sc->ports[p].n_addrs; i++)
			if (sctpdk_addr_eq(&sc->ports[p].addrs[i], a))
				return 1;
	return 0;
}

/* A run-time endpoint takes its socket's binding and the endpoint defaults
 * the application set (section 7 rule c; p->set_mask): the socket's
 * addresses this stack owns (none: the socket is bound to another stack's
 * addresses), INITMSG, RTOINFO, ASSOCINFO, PEER_ADDR_PARAMS, NODELAY,
 * DISABLE_FRAGMENTS, AUTOCLOSE, SO_SNDBUF, SO_RCVBUF as the advertised
 * window, the adaptation layer. The rest keeps the stack's [protocol]. */
static int
run_ep_cfg(struct sctpdk_sctp_config *cfg, const struct sctpdk_stack_config *sc,
	   const struct sctpdk_facade_ep_params *p)
{
	if (p->n_addrs > 0) {
		cfg->n_local_addrs = 0;
		for (unsigned i = 0; i < p->n_addrs && i < SCTPDK_FACADE_MAX_ADDRS; i++)
			if (owned(sc, &p->addrs[i]) && cfg->n_local_addrs < SCTPDK_SCTP_MAX_ADDRS)
				cfg->local_addrs[cfg->n_local_addrs++] = p->addrs[i];
		if (cfg->n_local_addrs == 0)
			return -1;
	}
	cfg->listening = p->listening;
	uint32_t m = p->set_mask;
	if (m & SCTPDK_FACADE_SET_INIT) {
		if (p->out_streams)
			cfg->out_streams = p->out_streams;
		if (p->max_in_streams)
			cfg->max_in_streams = p->max_in_streams;
		if (p->max_init_retrans)
			cfg->max_init_retrans = p->max_init_retrans;
	}
	if (m & SCTPDK_FACADE_SET_RTO) {
		cfg->rto_initial_us = ms_to_us(p->rto_initial_ms);
		cfg->rto_min_us = ms_to_us(p->rto_min_ms);
		cfg->rto_max_us = ms_to_us(p->rto_max_ms);
	}
	if ((m & SCTPDK_FACADE_SET_MAXRXT) && p->max_retrans)
		cfg->max_retrans = p->max_retrans;
	if ((m & SCTPDK_FACADE_SET_COOKIE_LIFE) && p->cookie_life_ms)
		cfg->cookie_life_us = ms_to_us(p->cookie_life_ms);
	if (m & SCTPDK_FACADE_SET_HB)
		cfg->hb_interval_ms = p->hb_interval_ms;
	if ((m & SCTPDK_FACADE_SET_PATHMAXRXT) && p->path_max_retrans)
		cfg->path_max_retrans = p->path_max_retrans;
	if (m & SCTPDK_FACADE_SET_NODELAY)
		cfg->nodelay = p->nodelay;
	if (m & SCTPDK_FACADE_SET_FRAG)
		cfg->disable_fragments = p->disable_frag;
	if (m & SCTPDK_FACADE_SET_AUTOCLOSE)
		cfg->autoclose_s = p->autoclose_s;
	if ((m & SCTPDK_FACADE_SET_SNDBUF) && p->sndbuf_bytes)
		cfg->sndbuf_bytes = p->sndbuf_bytes;
	if ((m & SCTPDK_FACADE_SET_RCVBUF) && p->rcvbuf_bytes)
		cfg->rwnd_bytes = p->rcvbuf_bytes;
	cfg->send_adaptation = p->send_adaptation;
	cfg->adaptation_bits = p->adaptation_bits;
	return 0;
}

static void
c_free(struct core_ep *c)
{
	sctpdk_sctp_ep_del(c->ep);
	for (unsigned i = 0; c->lc != NULL && i < c->n_lc; i++)
		free(c->lc[i].sl.scratch);
	rte_free(c->lc);
	free(c);
}

static int
c_new(struct sctpdk_rt_ep *rt, void *arg, void **state)
{
	const struct sctpdk_stack_config *sc = sctpdk_rt_ep_stack_cfg(rt);
	const struct sctpdk_rt_ep_cfg *ec = sctpdk_rt_ep_cfg(rt);
	struct core_ep *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return SCTPDK_ERR_NOMEM;
	c->rt = rt;
	c->armed_at = UINT64_MAX;
	sctpdk_rt_timer_init(&c->timer, on_timer, c);

	struct sctpdk_sctp_config cfg;
	sctpdk_sctp_config_default(&cfg);
	cfg.local_port = ec->local_port;
	cfg.listening = ec->listening;
	for (unsigned p = 0; p < sc->n_ports; p++)
		for (unsigned i = 0; i < sc->ports[p].n_addrs; i++)
			if (cfg.n_local_addrs < SCTPDK_SCTP_MAX_ADDRS)
				cfg.local_addrs[cfg.n_local_addrs++] = sc->ports[p].addrs[i];
	const struct sctpdk_rt_proto_cfg *pc = &sc->proto;
	cfg.rto_initial_us = pc->rto_initial_us;
	cfg.rto_min_us = pc->rto_min_us;
	cfg.rto_max_us = pc->rto_max_us;
	cfg.max_retrans = pc->max_retrans;
	cfg.max_init_retrans = pc->max_init_retrans;
	cfg.cookie_life_us = pc->cookie_life_us;
	cfg.sack_delay_us = pc->sack_delay_us;
	cfg.rwnd_bytes = pc->rwnd_bytes;
	cfg.out_streams = pc->out_streams;
	cfg.max_in_streams = pc->max_in_streams;
	cfg.nodelay = pc->nodelay;
	uint16_t mtu = sc->ports[0].mtu ? sc->ports[0].mtu : 1500;
	cfg.pmtu = mtu;
	cfg.ip_overhead = 20;
	cfg.max_assocs = sc->max_assocs;
	cfg.tx_cksum_offload = sctpdk_rt_ep_tx_cksum_offload(rt);
	if (!sctpdk_rt_ep_tx_multi_seg(rt))
		cfg.tx_ref_min = UINT32_MAX; /* one contiguous mbuf per packet */
	cfg.pool = sctpdk_rt_ep_pool(rt);
	cfg.ops.output = core_output;
	cfg.ops.random = core_random;
	cfg.ops.ootb_answer = core_ootb_answer;
	cfg.ops.ctx = c;
	c->n_lc = sctpdk_rt_n_lcores(rt);
	c->lc = rte_zmalloc("sctpdk_core_lc", sizeof(*c->lc) * c->n_lc, RTE_CACHE_LINE_SIZE);
	if (c->lc == NULL) {
		free(c);
		return SCTPDK_ERR_NOMEM;
	}
	for (unsigned i = 0; i < c->n_lc; i++) {
		c->lc[i].sl.scratch = malloc(SCTPDK_SCTP_STATELESS_SCRATCH);
		if (c->lc[i].sl.scratch == NULL) {
			c_free(c);
			return SCTPDK_ERR_NOMEM;
		}
	}
	if (sctpdk_rt_ep_dynamic(rt) && arg != NULL && run_ep_cfg(&cfg, sc, arg) != 0) {
		c_free(c);
		return SCTPDK_ERR_INVAL;
	}
	c->ep = sctpdk_sctp_ep_new(&cfg, sctpdk_rt_now_us(rt));
	if (c->ep == NULL) {
		c_free(c);
		return SCTPDK_ERR_INVAL;
	}
	c->cs = sctpdk_sctp_stats_ref(c->ep);
	*state = c;
	return 0;
}

static void
c_del(void *state)
{
	struct core_ep *c = state;
	sctpdk_rt_timer_cancel(&c->timer);
	for (; c->h_pos < c->n_held; c->h_pos++)
		sctpdk_sctp_event_release(&c->held[c->h_pos]);
	c_free(c);
}

static void
c_ep_input(void *state, struct rte_mbuf *m, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct core_ep *c = state;
	sctpdk_sctp_input(c->ep, m, src, dst, now_us);
	after(c);
}

/* Any stack lcore: an INIT answered without the owner. */
static int
c_ep_input_any(void *state, struct rte_mbuf *m, const struct sctpdk_addr *src,
	       const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct core_ep *c = state;
	int self = sctpdk_rt_self(c->rt);
	if (self < 0 || (unsigned)self >= c->n_lc)
		return 1;
	struct rte_mbuf *reply;
	if (sctpdk_sctp_input_stateless(c->ep, m, src, dst, now_us, &c->lc[self].sl, &reply) ==
	    SCTPDK_SCTP_STATELESS_PASS)
		return 1;
	if (reply != NULL)
		sctpdk_rt_output(c->rt, reply, dst, src);
	return 0;
}

static void
c_assoc_input(void *state, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
	      const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now_us)
{
	c_ep_input(state, m, src, dst, now_us);
}

static void
send_failed(struct core_ep *c, uint32_t id, int err, struct rte_mbuf *msg)
{
	struct sctpdk_rt_event o;
	memset(&o, 0, sizeof(o));
	o.type = SCTPDK_RT_EV_SEND_FAILED;
	o.assoc_id = id;
	o.u.send_failed.error = (uint32_t)-err;
	o.u.send_failed.msg = msg;
	sctpdk_rt_event_push(c->rt, &o);
}

static void
c_command(void *state, struct sctpdk_rt_cmd *cmd, uint64_t now_us)
{
	struct core_ep *c = state;
	int rc = 0;
	switch (cmd->type) {
	case SCTPDK_RT_CMD_ASSOCIATE: {
		int64_t id = sctpdk_sctp_associate(c->ep, &cmd->peer, cmd->peer_port,
						   cmd->out_streams, now_us);
		if (id < 0) {
			struct sctpdk_rt_event o;
			memset(&o, 0, sizeof(o));
			o.type = SCTPDK_RT_EV_ASSOC_CHANGE;
			o.u.assoc_change.state = SCTPDK_CANT_STR_ASSOC;
			o.u.assoc_change.error = (uint16_t)-id;
			sctpdk_rt_event_push(c->rt, &o);
		}
		break;
	}
	case SCTPDK_RT_CMD_SEND: {
		uint32_t len = rte_pktmbuf_pkt_len(cmd->msg);
		rc = send_more(c, cmd->assoc_id, cmd->sid, cmd->ppid, cmd->flags, 0, 0, cmd->msg,
			       now_us);
		if (rc != 0) { /* the message goes back to the application */
			send_failed(c, cmd->assoc_id, rc, cmd->msg);
		} else {
			struct sctpdk_rt_assoc *a = sctpdk_rt_assoc_find(c->rt, cmd->assoc_id);
			if (a != NULL)
				sctpdk_rt_assoc_sent(a, len);
		}
		break;
	}
	case SCTPDK_RT_CMD_SHUTDOWN:
		rc = sctpdk_sctp_shutdown(c->ep, cmd->assoc_id, now_us);
		break;
	case SCTPDK_RT_CMD_ABORT:
		rc = sctpdk_sctp_abort(c->ep, cmd->assoc_id, NULL, 0, now_us);
		break;
	default:
		rte_pktmbuf_free(cmd->msg);
		break;
	}
	if (rc != 0 && cmd->type != SCTPDK_RT_CMD_SEND)
		RT_LOG(DEBUG, "command %u on association %u: %d", cmd->type, cmd->assoc_id, rc);
	/* sends wait for the end of the batch (c_command_end) */
	if (cmd->type != SCTPDK_RT_CMD_SEND)
		after(c);
}

static void
c_command_end(void *state, uint64_t now_us)
{
	(void)now_us;
	after(state);
}

static void
c_icmp_input(void *state, const struct sctpdk_icmp_event *ev, uint64_t now_us)
{
	struct core_ep *c = state;
	int rc = sctpdk_sctp_icmp_input(c->ep, ev, now_us);
	if (rc == 0)
		c->icmp_applied++;
	else if (rc == SCTPDK_ERR_NOTFOUND)
		c->icmp_no_match++;
	else
		c->icmp_ignored++;
	after(c);
}

#define PATH_REFRESH_US 1000

static void
c_snapshot(void *state, struct sctpdk_rt_assoc *a, struct sctpdk_rt_assoc_info *info)
{
	struct core_ep *c = state;
	struct sctpdk_sctp_assoc_info ai;
	if (sctpdk_sctp_assoc_info(c->ep, sctpdk_rt_assoc_id(a), &ai) != 0)
		return;
	info->state = ai.state;
	info->state_name = sctpdk_sctp_state_name(ai.state);
	info->peer_port = ai.peer_port;
	if (ai.n_peer_addrs > 0)
		info->peer = ai.peer_addrs[0];
	info->rto_us = ai.rto_us;
	info->peer_rwnd = ai.peer_rwnd;
	info->outstanding_bytes = ai.outstanding_bytes;
	info->queued_bytes = ai.queued_bytes;
	info->n_paths = ai.n_peer_addrs;
	/* The path figures walk the outstanding data: refreshed at most every
	 * PATH_REFRESH_US per association, carried over from the previous
	 * snapshot in between (the owner is its only writer). */
	uint64_t now = sctpdk_rt_now_us(c->rt);
	const struct sctpdk_rt_assoc_info *prev = &a->snap;
	if (prev->path_us != 0 && prev->id == info->id && prev->ep == info->ep &&
	    now - prev->path_us < PATH_REFRESH_US) {
		info->peer = prev->peer;
		info->cwnd_bytes = prev->cwnd_bytes;
		info->ssthresh_bytes = prev->ssthresh_bytes;
		info->srtt_us = prev->srtt_us;
		info->rto_us = prev->rto_us;
		info->flight_bytes = prev->flight_bytes;
		info->payload_mtu = prev->payload_mtu;
		info->retransmissions = prev->retransmissions;
		info->t3_expiries = prev->t3_expiries;
		info->fast_rtx_events = prev->fast_rtx_events;
		info->path_us = prev->path_us;
		return;
	}
	info->path_us = now;
	/* the destination traffic goes to now */
	for (unsigned i = 0; i < ai.n_peer_addrs; i++) {
		struct sctpdk_sctp_path_info pi;
		if (sctpdk_sctp_path_info(c->ep, sctpdk_rt_assoc_id(a), i, &pi) != 0 || !pi.current)
			continue;
		info->peer = pi.addr;
		info->cwnd_bytes = pi.cwnd;
		info->ssthresh_bytes = pi.ssthresh;
		info->srtt_us = pi.srtt_us > UINT32_MAX ? UINT32_MAX : (uint32_t)pi.srtt_us;
		info->rto_us = pi.rto_us > UINT32_MAX ? UINT32_MAX : (uint32_t)pi.rto_us;
		info->flight_bytes = pi.flight;
		info->payload_mtu = pi.mtu;
		info->retransmissions = pi.retransmitted_chunks;
		info->t3_expiries = pi.t3_expiries;
		info->fast_rtx_events = pi.fast_rtx_events;
		break;
	}
}

static unsigned
c_counters(const void *state, const char **names, uint64_t *values, unsigned cap)
{
	const struct core_ep *c = state;
	struct sctpdk_sctp_stats s;
	sctpdk_sctp_stats_get(c->ep, &s);
	/* plus what each lcore's stateless answers counted */
	for (unsigned i = 0; i < c->n_lc; i++) {
		uint64_t *d = (uint64_t *)&s;
		const uint64_t *l = (const uint64_t *)&c->lc[i].sl.stats;
		for (size_t k = 0; k < sizeof(s) / sizeof(uint64_t); k++)
			d[k] += __atomic_load_n(&l[k], __ATOMIC_RELAXED);
	}
	const struct {
		const char *name;
		uint64_t v;
	} t[] = {
	    {"core_rx_packets", s.rx_packets},
	    {"core_tx_packets", s.tx_packets},
	    {"core_rx_malformed", s.rx_malformed},
	    {"core_rx_bad_vtag", s.rx_bad_vtag},
	    {"core_rx_ootb", s.rx_ootb},
	    {"core_tx_ootb_limited", s.tx_ootb_limited},
	    {"core_rx_bad_cookie", s.rx_bad_cookie},
	    {"core_rx_stale_cookie", s.rx_stale_cookie},
	    {"core_rx_bad_init", s.rx_bad_init},
	    {"core_rx_unexpected", s.rx_unexpected},
	    {"core_rx_unknown_chunk", s.rx_unknown_chunk},
	    {"core_rx_invalid_stream", s.rx_invalid_stream},
	    {"core_rx_protocol_violation", s.rx_protocol_violation},
	    {"core_tx_abort", s.tx_abort},
	    {"core_rx_abort", s.rx_abort},
	    {"core_nomem", s.nomem},
	    {"core_events_dropped", s.events_dropped},
	    {"core_assoc_created", s.assoc_created},
	    {"core_assoc_freed", s.assoc_freed},
	    {"core_icmp_applied", __atomic_load_n(&c->icmp_applied, __ATOMIC_RELAXED)},
	    {"core_icmp_no_match", __atomic_load_n(&c->icmp_no_match, __ATOMIC_RELAXED)},
	    {"core_icmp_ignored", __atomic_load_n(&c->icmp_ignored, __ATOMIC_RELAXED)},
	};
	unsigned n = 0;
	for (; n < RTE_DIM(t) && n < cap; n++) {
		names[n] = t[n].name;
		values[n] = t[n].v;
	}
	return n;
}

static const struct sctpdk_rt_engine_ops core_ops = {
    .name = "sctpdk-core",
    .stateless_ep_input = 0,
    .fills_cksum = 1,
    .ep_new = c_new,
    .ep_del = c_del,
    .ep_input = c_ep_input,
    .ep_input_any = c_ep_input_any,
    .assoc_input = c_assoc_input,
    .command = c_command,
    .command_end = c_command_end,
    .icmp_input = c_icmp_input,
    .assoc_snapshot = c_snapshot,
    .assoc_release = NULL,
    .ep_counters = c_counters,
};

const struct sctpdk_rt_engine_ops *
sctpdk_rt_engine_core(void)
{
	return &core_ops;
}
