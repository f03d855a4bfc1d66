/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stack object: creation, start, stop, free; application calls that
 * travel through command rings; the services engines use.
 */
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_hash_crc.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include <sctpdk/sctpdk_error.h>

#include "netif.h"
#include "rt_port.h"
#include "rt_fglue.h"
#include "sctpdk_facade.h"
#include "rt_priv.h"

RTE_LOG_REGISTER(sctpdk_rt_logtype, sctpdk.runtime, NOTICE);

void
sctpdk_stack_config_default(struct sctpdk_stack_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->name, sizeof(cfg->name), "sctpdk");
	cfg->idle_spins = 64;
	cfg->max_assocs = 1024;
	cfg->assoc_ring_size = 256;
	cfg->ep_ring_size = 4096;
	cfg->cmd_ring_size = 1024;
	cfg->event_ring_size = 4096;
	cfg->n_mbufs = 7167;
	cfg->n_big_mbufs = 383;
	cfg->timer_tick_us = 100;
	cfg->max_run_eps = 128;
	cfg->ootb_rate = 1000;
	cfg->ootb_burst = 64;
	struct sctpdk_rt_proto_cfg *p = &cfg->proto;
	p->rto_initial_us = 1000000;
	p->rto_min_us = 1000000;
	p->rto_max_us = 60000000;
	p->max_retrans = 10;
	p->max_init_retrans = 8;
	p->cookie_life_us = 60000000;
	p->sack_delay_us = 200000;
	p->rwnd_bytes = 1u << 20;
	p->out_streams = 10;
	p->max_in_streams = 65535;
}

int
sctpdk_rt_lcore_index(const struct sctpdk_stack *st)
{
	unsigned id = rte_lcore_id();
	for (unsigned i = 0; i < st->cfg.n_lcores; i++)
		if (st->cfg.lcores[i] == id)
			return (int)i;
	return -1;
}

uint64_t
sctpdk_rt_clock_us(const struct sctpdk_stack *st)
{
	/* a multiply, no division: us_mult = 2^32 * 10^6 / tsc_hz */
	uint64_t t = rte_rdtsc() - st->tsc0;
	return (uint64_t)(((unsigned __int128)t * st->us_mult) >> 32);
}

static int
check_config(const struct sctpdk_stack_config *cfg)
{
	if (cfg->n_lcores == 0 || cfg->n_lcores > SCTPDK_RT_MAX_LCORES || cfg->n_ports == 0 ||
	    cfg->n_ports > SCTPDK_RT_MAX_PORTS || cfg->n_eps > SCTPDK_RT_MAX_EPS ||
	    cfg->max_assocs == 0 || cfg->max_run_eps > 4096 || cfg->name[0] == '\0' ||
	    cfg->ootb_rate > SCTPDK_RT_OOTB_RATE_MAX || cfg->ootb_burst > SCTPDK_RT_OOTB_BURST_MAX)
		return SCTPDK_ERR_INVAL;
	for (unsigned i = 0; i < cfg->n_lcores; i++) {
		unsigned id = cfg->lcores[i];
		if (id >= RTE_MAX_LCORE || !rte_lcore_is_enabled(id) || id == rte_get_main_lcore())
			return SCTPDK_ERR_INVAL;
		for (unsigned j = 0; j < i; j++)
			if (cfg->lcores[j] == id)
				return SCTPDK_ERR_INVAL;
	}
	for (unsigned e = 0; e < cfg->n_eps; e++) {
		if (cfg->eps[e].owner >= cfg->n_lcores || cfg->eps[e].local_port == 0)
			return SCTPDK_ERR_INVAL;
		for (unsigned j = 0; j < e; j++)
			if (cfg->eps[j].local_port == cfg->eps[e].local_port)
				return SCTPDK_ERR_INVAL;
	}
	for (unsigned p = 0; p < cfg->n_ports; p++)
		if (cfg->ports[p].n_addrs > SCTPDK_RT_MAX_PORT_ADDR)
			return SCTPDK_ERR_INVAL;
	if (!rte_is_power_of_2(cfg->assoc_ring_size) || !rte_is_power_of_2(cfg->ep_ring_size) ||
	    !rte_is_power_of_2(cfg->cmd_ring_size) || !rte_is_power_of_2(cfg->event_ring_size))
		return SCTPDK_ERR_INVAL;
	return 0;
}

static int
create_lcores(struct sctpdk_stack *st)
{
	char name[RTE_RING_NAMESIZE];
	unsigned n = st->cfg.n_lcores;
	st->lc = rte_zmalloc(NULL, sizeof(*st->lc) * n, RTE_CACHE_LINE_SIZE);
	if (st->lc == NULL)
		return SCTPDK_ERR_NOMEM;
	/* an association (or inbox) sits on a ready ring at most once */
	unsigned ready_sz = rte_align32pow2(st->cfg.max_assocs + st->cfg.n_eps + st->cfg.max_run_eps + 1);
	for (unsigned i = 0; i < n; i++) {
		struct sctpdk_rt_lcore *lc = &st->lc[i];
		lc->st = st;
		lc->index = i;
		lc->lcore_id = st->cfg.lcores[i];
		snprintf(name, sizeof(name), "%s_rdy%u", st->tag, i);
		lc->ready = rte_ring_create(name, ready_sz, SOCKET_ID_ANY, RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "%s_cmd%u", st->tag, i);
		/* RTS producers: application threads are preemptible (see the
		 * pool above) */
		lc->cmd = rte_ring_create_elem(name, sizeof(struct sctpdk_rt_cmd),
					       st->cfg.cmd_ring_size, SOCKET_ID_ANY,
					       RING_F_MP_RTS_ENQ | RING_F_SC_DEQ);
		if (lc->ready == NULL || lc->cmd == NULL)
			return SCTPDK_ERR_NOMEM;
		sctpdk_wheel_init(&lc->wheel, st->cfg.timer_tick_us, 0);
		sctpdk_rt_ootb_init(lc);
	}
	return 0;
}

static int
create_eps(struct sctpdk_stack *st)
{
	char name[RTE_RING_NAMESIZE];
	for (unsigned e = 0; e < st->n_eps; e++) {
		struct sctpdk_rt_ep *ep = &st->eps[e];
		snprintf(name, sizeof(name), "%s_ev%u", st->tag, e);
		ep->events =
		    rte_ring_create_elem(name, sizeof(struct sctpdk_rt_event),
					 st->cfg.event_ring_size, SOCKET_ID_ANY, RING_F_SC_DEQ);
		if (ep->events == NULL)
			return SCTPDK_ERR_NOMEM;
		int rc = st->eng->ep_new(ep, st->cfg.engine_arg, &ep->state);
		if (rc != 0)
			return rc;
	}
	return 0;
}

struct sctpdk_stack *
sctpdk_stack_create(const struct sctpdk_stack_config *cfg, int *err)
{
	int dummy, rc;
	if (err == NULL)
		err = &dummy;
	*err = check_config(cfg);
	if (*err != 0)
		return NULL;
	if (sctpdk_stack_lookup(cfg->name) != NULL) {
		*err = SCTPDK_ERR_EXISTS;
		return NULL;
	}
	const struct sctpdk_rt_engine_ops *eng =
	    cfg->engine ? cfg->engine : sctpdk_rt_engine_core();
	if (eng == NULL) {
		RT_LOG(ERR, "no protocol engine");
		*err = SCTPDK_ERR_UNSUPP;
		return NULL;
	}
	struct sctpdk_stack *st = rte_zmalloc(NULL, sizeof(*st), RTE_CACHE_LINE_SIZE);
	if (st == NULL) {
		*err = SCTPDK_ERR_NOMEM;
		return NULL;
	}
	st->cfg = *cfg;
	snprintf(st->tag, sizeof(st->tag), "%08x",
		 rte_hash_crc(cfg->name, strnlen(cfg->name, sizeof(cfg->name)), 0x5c7d));
	st->eng = eng;
	st->tsc_hz = rte_get_tsc_hz();
	st->us_mult = (uint64_t)(((unsigned __int128)1000000u << 32) / st->tsc_hz);
	st->tsc0 = rte_rdtsc();
	rte_spinlock_init(&st->cap_lock);
	st->n_ports = cfg->n_ports;
	st->n_eps = cfg->n_eps;
	for (unsigned e = 0; e < st->n_eps; e++) {
		st->eps[e].st = st;
		st->eps[e].index = e;
		st->eps[e].cfg = cfg->eps[e];
	}
	if (cfg->pool != NULL) {
		st->pool = cfg->pool;
	} else {
		char name[RTE_MEMPOOL_NAMESIZE];
		snprintf(name, sizeof(name), "%s_mbuf", st->tag);
		/* RTS ring: application threads (sockets) allocate and free
		 * without an lcore cache and can be preempted in the middle of
		 * a put; with the classic multi-producer ring every other
		 * thread then spins on the ring's tail until that one runs
		 * again (on an oversubscribed machine, for whole time slices);
		 * only with room to spare in the ring (sctpdk_facade_pool_create) */
		st->pool = sctpdk_facade_pool_create(name, cfg->n_mbufs, 256,
						     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
		st->own_pool = 1;
		if (st->pool == NULL) {
			rc = SCTPDK_ERR_NOMEM;
			goto fail;
		}
	}
	if (cfg->n_big_mbufs != 0 && cfg->engine == NULL) {
		/* sockets copy large messages into few big buffers: a 64 KiB
		 * sendmsg is 4 mbufs, not 33 (no lcore cache: application
		 * threads use their own, lib/facade/mcache.c) */
		char name[RTE_MEMPOOL_NAMESIZE];
		snprintf(name, sizeof(name), "%s_big", st->tag);
		st->big_pool = sctpdk_facade_pool_create(name, cfg->n_big_mbufs, 0,
						       SCTPDK_RT_BIG_BUF + RTE_PKTMBUF_HEADROOM,
						       SOCKET_ID_ANY);
		if (st->big_pool == NULL)
			RT_LOG(WARNING, "no pool of %u big mbufs: socket sends use 2 KiB chains",
			       cfg->n_big_mbufs);
	}
	rc = create_lcores(st);
	if (rc == 0)
		rc = sctpdk_rt_table_create(st);
	for (unsigned p = 0; rc == 0 && p < st->n_ports; p++) {
		st->ports[p].cfg = cfg->ports[p];
		rc = sctpdk_rt_port_setup(st, &st->ports[p]);
	}
	if (rc == 0)
		rc = sctpdk_rt_netif_create(st);
	if (rc == 0)
		rc = create_eps(st);
	if (rc == 0)
		rc = sctpdk_rt_dyn_create(st);
	if (rc == 0 && cfg->pcapng_path[0] != '\0')
		rc = sctpdk_rt_capture_open(st);
	if (rc == 0)
		rc = sctpdk_rt_registry_add(st);
	if (rc != 0)
		goto fail;
	*err = 0;
	return st;
fail:
	*err = rc;
	sctpdk_stack_free(st);
	return NULL;
}

int
sctpdk_stack_start(struct sctpdk_stack *st)
{
	if (st->running)
		return SCTPDK_ERR_STATE;
	for (unsigned i = 0; i < st->cfg.n_lcores; i++)
		if (rte_eal_get_lcore_state(st->cfg.lcores[i]) != WAIT)
			return SCTPDK_ERR_AGAIN;
	for (unsigned p = 0; p < st->n_ports; p++) {
		int rc = sctpdk_rt_port_start(&st->ports[p]);
		if (rc != 0)
			return rc;
	}
	sctpdk_rt_fglue_attach(st);
	__atomic_store_n(&st->quit, 0, __ATOMIC_RELEASE);
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		if (rte_eal_remote_launch(sctpdk_rt_lcore_main, &st->lc[i], st->cfg.lcores[i]) !=
		    0) {
			__atomic_store_n(&st->quit, 1, __ATOMIC_RELEASE);
			for (unsigned j = 0; j < i; j++)
				rte_eal_wait_lcore(st->cfg.lcores[j]);
			return SCTPDK_ERR_AGAIN;
		}
	}
	st->running = 1;
	__atomic_add_fetch(&st->run_gen, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void
drain_lcore(struct sctpdk_rt_lcore *lc)
{
	struct sctpdk_rt_cmd c;
	void *a;
	for (uint16_t i = 0; i < lc->txq.n; i++)
		rte_pktmbuf_free(lc->tx_pkts[i]);
	lc->txq.n = 0;
	lc->tx_held = 0;
	while (lc->cmd != NULL && rte_ring_sc_dequeue_elem(lc->cmd, &c, sizeof(c)) == 0)
		rte_pktmbuf_free(c.msg);
	while (lc->ready != NULL && rte_ring_sc_dequeue(lc->ready, &a) == 0)
		__atomic_store_n(&((struct sctpdk_rt_assoc *)a)->ready, 0, __ATOMIC_RELAXED);
	sctpdk_wheel_clear(&lc->wheel);
}

void
sctpdk_stack_stop(struct sctpdk_stack *st)
{
	if (!st->running)
		return;
	__atomic_store_n(&st->quit, 1, __ATOMIC_RELEASE);
	for (unsigned i = 0; i < st->cfg.n_lcores; i++)
		rte_eal_wait_lcore(st->cfg.lcores[i]);
	for (unsigned p = 0; p < st->n_ports; p++)
		sctpdk_rt_port_stop(&st->ports[p]);
	sctpdk_rt_fglue_stopped(st);
	st->running = 0;
	sctpdk_rt_app_stopped(st);
	/* packets handed off but not yet processed stay in their rings until
	 * the next start, or are freed by sctpdk_stack_free */
}

static void
free_events(struct sctpdk_rt_ep *ep)
{
	struct sctpdk_rt_event ev;
	while (ep->events != NULL && rte_ring_sc_dequeue_elem(ep->events, &ev, sizeof(ev)) == 0) {
		if (ev.type == SCTPDK_RT_EV_DATA)
			rte_pktmbuf_free(ev.u.data.msg);
		else if (ev.type == SCTPDK_RT_EV_SEND_FAILED)
			rte_pktmbuf_free(ev.u.send_failed.msg);
	}
	rte_ring_free(ep->events);
	ep->events = NULL;
}

void
sctpdk_stack_free(struct sctpdk_stack *st)
{
	if (st == NULL)
		return;
	sctpdk_stack_stop(st);
	sctpdk_rt_fglue_detach(st);
	sctpdk_rt_registry_del(st);
	/* associations first (engine data), then engines */
	if (st->assocs != NULL)
		for (uint32_t i = 0; i < st->n_slots; i++) {
			struct sctpdk_rt_assoc *a = &st->assocs[i];
			if (!a->live)
				continue;
			if (st->eng->assoc_release != NULL)
				st->eng->assoc_release(a->ep->state, a);
			sctpdk_rt_assoc_del(a);
		}
	if (st->lc != NULL)
		for (unsigned i = 0; i < st->cfg.n_lcores; i++)
			drain_lcore(&st->lc[i]);
	for (unsigned e = 0; e < st->n_eps; e++) {
		if (st->eps[e].state != NULL)
			st->eng->ep_del(st->eps[e].state);
		st->eps[e].state = NULL;
		free_events(&st->eps[e]);
	}
	sctpdk_rt_dyn_free(st);
	sctpdk_rt_table_free(st);
	sctpdk_rt_netif_free(st);
	for (unsigned p = 0; p < st->n_ports; p++)
		sctpdk_rt_port_free(&st->ports[p]);
	if (st->lc != NULL) {
		for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
			rte_ring_free(st->lc[i].ready);
			rte_ring_free(st->lc[i].cmd);
		}
		rte_free(st->lc);
	}
	sctpdk_rt_capture_close(st);
	if (st->own_pool)
		rte_mempool_free(st->pool);
	rte_mempool_free(st->big_pool);
	rte_free(st);
}

struct sctpdk_stack *
sctpdk_start(int argc, char **argv, const char *config_path, int *err)
{
	int dummy;
	if (err == NULL)
		err = &dummy;
	/* EAL may already be up (the application started it) */
	if (rte_eal_init(argc, argv) < 0 && rte_errno != EALREADY) {
		*err = SCTPDK_ERR_INVAL;
		return NULL;
	}
	struct sctpdk_stack_config cfg;
	sctpdk_stack_config_default(&cfg);
	if (config_path != NULL) {
		*err = sctpdk_stack_config_load(&cfg, config_path);
		if (*err != 0)
			return NULL;
	}
	struct sctpdk_stack *st = sctpdk_stack_create(&cfg, err);
	if (st == NULL)
		return NULL;
	*err = sctpdk_stack_start(st);
	if (*err != 0) {
		sctpdk_stack_free(st);
		return NULL;
	}
	return st;
}

void
sctpdk_stop(struct sctpdk_stack *st)
{
	sctpdk_stack_free(st);
}

/* ---- application calls ---------------------------------------------- */

/* The owner lcore of endpoint ep when the caller is its application poll
 * function (commands then run at once), else NULL. */
static inline struct sctpdk_rt_lcore *
direct_lcore(struct sctpdk_stack *st, unsigned ep)
{
	struct sctpdk_rt_lcore *lc = &st->lc[st->eps[ep].cfg.owner];
	return rte_lcore_id() == lc->lcore_id && lc->in_app ? lc : NULL;
}

static void
run_direct(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_cmd *c)
{
	struct sctpdk_stack *st = lc->st;
	lc->stats.commands++;
	lc->app_touched |= 1ull << c->ep;
	st->eng->command(st->eps[c->ep].state, c, lc->app_now);
}

static int
post(struct sctpdk_stack *st, const struct sctpdk_rt_cmd *c)
{
	if (c->ep >= st->n_eps)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_rt_lcore *lc = direct_lcore(st, c->ep);
	if (lc != NULL) {
		struct sctpdk_rt_cmd cc = *c;
		run_direct(lc, &cc);
		return 0;
	}
	lc = &st->lc[st->eps[c->ep].cfg.owner];
	if (rte_ring_enqueue_elem(lc->cmd, (void *)(uintptr_t)c, sizeof(*c)) != 0)
		return SCTPDK_ERR_AGAIN;
	return 0;
}

unsigned
sctpdk_stack_send_burst(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id,
			const struct sctpdk_stack_msg *m, unsigned n)
{
	struct sctpdk_rt_cmd c[64];
	if (ep >= st->n_eps || m == NULL)
		return 0;
	if (n > RTE_DIM(c))
		n = RTE_DIM(c);
	for (unsigned i = 0; i < n; i++) {
		if (m[i].msg == NULL) {
			n = i;
			break;
		}
		c[i] = (struct sctpdk_rt_cmd){.type = SCTPDK_RT_CMD_SEND,
					      .ep = (uint16_t)ep,
					      .assoc_id = assoc_id,
					      .sid = m[i].sid,
					      .ppid = m[i].ppid,
					      .flags = m[i].flags,
					      .msg = m[i].msg};
	}
	struct sctpdk_rt_lcore *lc = direct_lcore(st, ep);
	if (lc != NULL) {
		for (unsigned i = 0; i < n; i++)
			run_direct(lc, &c[i]);
		return n;
	}
	lc = &st->lc[st->eps[ep].cfg.owner];
	return rte_ring_enqueue_burst_elem(lc->cmd, c, sizeof(c[0]), n, NULL);
}

int
sctpdk_stack_associate(struct sctpdk_stack *st, unsigned ep, const struct sctpdk_addr *peer,
		       uint16_t peer_port, uint16_t out_streams)
{
	if (peer == NULL || peer_port == 0 || ep >= st->n_eps)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_rt_cmd c = {.type = SCTPDK_RT_CMD_ASSOCIATE,
				  .ep = (uint16_t)ep,
				  .peer = *peer,
				  .peer_port = peer_port,
				  .out_streams = out_streams};
	return post(st, &c);
}

int
sctpdk_stack_send(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id, uint16_t sid,
		  uint32_t ppid, uint32_t flags, struct rte_mbuf *msg)
{
	if (msg == NULL || ep >= st->n_eps)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_rt_cmd c = {.type = SCTPDK_RT_CMD_SEND,
				  .ep = (uint16_t)ep,
				  .assoc_id = assoc_id,
				  .sid = sid,
				  .ppid = ppid,
				  .flags = flags,
				  .msg = msg};
	return post(st, &c);
}

int
sctpdk_stack_shutdown(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id)
{
	struct sctpdk_rt_cmd c = {
	    .type = SCTPDK_RT_CMD_SHUTDOWN, .ep = (uint16_t)ep, .assoc_id = assoc_id};
	return ep >= st->n_eps ? SCTPDK_ERR_INVAL : post(st, &c);
}

int
sctpdk_stack_abort(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id)
{
	struct sctpdk_rt_cmd c = {
	    .type = SCTPDK_RT_CMD_ABORT, .ep = (uint16_t)ep, .assoc_id = assoc_id};
	return ep >= st->n_eps ? SCTPDK_ERR_INVAL : post(st, &c);
}

unsigned
sctpdk_stack_event_poll(struct sctpdk_stack *st, unsigned ep, struct sctpdk_rt_event *ev,
			unsigned n)
{
	if (ep >= st->n_eps)
		return 0;
	return rte_ring_sc_dequeue_burst_elem(st->eps[ep].events, ev, sizeof(*ev), n, NULL);
}

void
sctpdk_rt_event_push(struct sctpdk_rt_ep *ep, const struct sctpdk_rt_event *ev)
{
	if (ep->events != NULL &&
	    rte_ring_mp_enqueue_elem(ep->events, (void *)(uintptr_t)ev, sizeof(*ev)) == 0) {
		int self = sctpdk_rt_lcore_index(ep->st);
		if (self >= 0)
			ep->st->lc[self].ev_pushed = 1;
		return;
	}
	__atomic_fetch_add(&ep->events_dropped, 1, __ATOMIC_RELAXED);
	if (ev->type == SCTPDK_RT_EV_DATA)
		rte_pktmbuf_free(ev->u.data.msg);
	else if (ev->type == SCTPDK_RT_EV_SEND_FAILED)
		rte_pktmbuf_free(ev->u.send_failed.msg);
}

/* ---- statistics ------------------------------------------------------ */

static const char *const drop_names[SCTPDK_RT_DROP_COUNT] = {
    [SCTPDK_RT_DROP_L2] = "l2",
    [SCTPDK_RT_DROP_L3] = "l3",
    [SCTPDK_RT_DROP_NOT_SCTP] = "not_sctp",
    [SCTPDK_RT_DROP_SCTP_HDR] = "sctp_header",
    [SCTPDK_RT_DROP_BAD_CKSUM] = "bad_cksum",
    [SCTPDK_RT_DROP_NO_ENDPOINT] = "no_endpoint",
    [SCTPDK_RT_DROP_RING_FULL] = "ring_full",
    [SCTPDK_RT_DROP_STALE_ASSOC] = "stale_assoc",
    [SCTPDK_RT_DROP_TX_FULL] = "tx_full",
    [SCTPDK_RT_DROP_NOMEM] = "nomem",
    [SCTPDK_RT_DROP_NO_ROUTE] = "no_route",
};

const char *
sctpdk_rt_drop_name(unsigned reason)
{
	return reason < SCTPDK_RT_DROP_COUNT ? drop_names[reason] : "?";
}

void
sctpdk_stack_stats_get(const struct sctpdk_stack *st, struct sctpdk_stack_stats *s)
{
	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		const uint64_t *src = (const uint64_t *)&st->lc[i].stats;
		uint64_t *dst = (uint64_t *)s;
		/* every field up to assocs is a uint64_t counter */
		size_t n = offsetof(struct sctpdk_stack_stats, assocs) / sizeof(uint64_t);
		for (size_t k = 0; k < n; k++)
			dst[k] += __atomic_load_n(&src[k], __ATOMIC_RELAXED);
	}
	for (uint32_t i = 0; i < st->n_slots; i++) {
		struct sctpdk_rt_assoc_info info;
		if (sctpdk_stack_assoc_info(st, i + 1, &info) != 0)
			continue;
		s->assocs++;
		if (info.state >= 0 && info.state < 16)
			s->assocs_by_state[info.state]++;
	}
}

struct rte_mempool *
sctpdk_stack_pool(const struct sctpdk_stack *st)
{
	return st->pool;
}

int
sctpdk_stack_lcore(const struct sctpdk_stack *st, unsigned i)
{
	return i < st->cfg.n_lcores ? (int)st->cfg.lcores[i] : -1;
}

/* ---- services for engines -------------------------------------------- */

unsigned
sctpdk_rt_ep_index(const struct sctpdk_rt_ep *ep)
{
	return ep->index;
}

uint16_t
sctpdk_rt_ep_port(const struct sctpdk_rt_ep *ep)
{
	return ep->cfg.local_port;
}

const struct sctpdk_rt_ep_cfg *
sctpdk_rt_ep_cfg(const struct sctpdk_rt_ep *ep)
{
	return &ep->cfg;
}

const struct sctpdk_stack_config *
sctpdk_rt_ep_stack_cfg(const struct sctpdk_rt_ep *ep)
{
	return &ep->st->cfg;
}

struct rte_mempool *
sctpdk_rt_ep_pool(const struct sctpdk_rt_ep *ep)
{
	return ep->st->pool;
}

int
sctpdk_rt_ep_tx_cksum_offload(const struct sctpdk_rt_ep *ep)
{
	for (unsigned p = 0; p < ep->st->n_ports; p++)
		if (!ep->st->ports[p].tx_cksum_offload)
			return 0;
	return ep->st->n_ports > 0;
}

int
sctpdk_rt_ep_tx_multi_seg(const struct sctpdk_rt_ep *ep)
{
	for (unsigned p = 0; p < ep->st->n_ports; p++)
		if (!ep->st->ports[p].tx_multi_seg)
			return 0;
	return ep->st->n_ports > 0;
}

int
sctpdk_rt_self(const struct sctpdk_rt_ep *ep)
{
	return sctpdk_rt_lcore_index(ep->st);
}

unsigned
sctpdk_rt_n_lcores(const struct sctpdk_rt_ep *ep)
{
	return ep->st->cfg.n_lcores;
}

uint64_t
sctpdk_rt_now_us(const struct sctpdk_rt_ep *ep)
{
	return sctpdk_rt_clock_us(ep->st);
}

void
sctpdk_rt_timer_arm(struct sctpdk_rt_ep *ep, struct sctpdk_rt_timer *t, uint64_t expiry_us)
{
	int self = sctpdk_rt_lcore_index(ep->st);
	if (self < 0)
		return;
	sctpdk_wheel_arm(&ep->st->lc[self].wheel, t, expiry_us);
}

void
sctpdk_rt_timer_cancel(struct sctpdk_rt_timer *t)
{
	sctpdk_wheel_cancel(t);
}
