/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Simulated pair for transfer scenarios (see simpair.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk_crc32c.h>

#include "simpair.h"
#include "sctpdk_test.h"

int
sp_env_init(struct sp_env *e, const char *pool_name, uint64_t pattern_seed)
{
	e->pool = rte_pktmbuf_pool_create(pool_name, 65535, 256, 0, 2048 + 128, 0);
	e->pattern = malloc(SP_MAX_MSG + SP_PAT_EXTRA);
	if (e->pool == NULL || e->pattern == NULL)
		return -1;
	uint64_t ps = pattern_seed;
	for (uint32_t i = 0; i < SP_MAX_MSG + SP_PAT_EXTRA; i++)
		e->pattern[i] = (uint8_t)(sctpdk_test_rand(&ps) >> 40);
	return 0;
}

void
sp_env_fini(struct sp_env *e)
{
	rte_mempool_free(e->pool);
	free(e->pattern);
	e->pool = NULL;
	e->pattern = NULL;
}

void
sp_dir_alloc(struct sp_dir *d, uint32_t cap)
{
	memset(d, 0, sizeof(*d));
	d->len = calloc(cap, sizeof(*d->len));
	d->sid = calloc(cap, 1);
	d->unordered = calloc(cap, 1);
	d->seen = calloc(cap, 1);
	CU_ASSERT_FATAL(d->len && d->sid && d->unordered && d->seen);
	for (int s = 0; s < SP_MAX_STREAMS; s++)
		d->last_ordered[s] = -1;
}

void
sp_dir_free(struct sp_dir *d)
{
	free(d->len);
	free(d->sid);
	free(d->unordered);
	free(d->seen);
}

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct sp_node *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&n->rng) >> 32);
}

static void
out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct sp_node *n = ctx;
	sctpdk_sim_send(n->sim, pkt, src, dst);
}

static const uint8_t *
content(const struct sp_env *e, uint32_t k)
{
	return e->pattern + (k * 2654435761u) % SP_PAT_EXTRA;
}

/* Message k of len bytes as a chain of 2 KiB segments. */
static struct rte_mbuf *
make_msg(const struct sp_env *e, uint32_t k, uint32_t len)
{
	unsigned nseg = (len + 2047) / 2048;
	struct rte_mbuf *segs[SP_MAX_MSG / 2048];
	if (nseg > RTE_DIM(segs) || rte_pktmbuf_alloc_bulk(e->pool, segs, nseg) != 0)
		return NULL;
	const uint8_t *src = content(e, k);
	for (unsigned i = 0; i < nseg; i++) {
		uint32_t n = len - i * 2048 < 2048 ? len - i * 2048 : 2048;
		memcpy(rte_pktmbuf_append(segs[i], (uint16_t)n), src + i * 2048, n);
		if (i > 0)
			rte_pktmbuf_chain(segs[0], segs[i]);
	}
	return segs[0];
}

void
sp_refill(struct sp_node *n, uint64_t now)
{
	struct sp_dir *d = n->tx;
	if (!n->up || d == NULL || d->next_send >= d->n)
		return;
	uint32_t queued = 0;
	if (n->queue_target != 0) {
		struct sctpdk_sctp_assoc_info info;
		if (sctpdk_sctp_assoc_info(n->ep, n->id, &info) != 0)
			return;
		queued = info.queued_bytes;
	}
	while (d->next_send < d->n && (n->queue_target == 0 || queued < n->queue_target)) {
		uint32_t k = d->next_send;
		struct rte_mbuf *m = make_msg(n->env, k, d->len[k]);
		if (m == NULL)
			break;
		int rc = sctpdk_sctp_send(n->ep, n->id, d->sid[k], k,
					  d->unordered[k] ? SCTPDK_SEND_UNORDERED : 0, 0, k, m, now);
		if (rc != 0) {
			rte_pktmbuf_free(m);
			break;
		}
		queued += d->len[k];
		d->next_send++;
	}
}

/* Message k (its PPID) arrived: once, on its stream, whole, in order. */
static void
check_msg(const struct sp_env *e, struct sp_dir *d, const struct sctpdk_sctp_event *ev,
	  uint64_t now)
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
	bool uo = (ev->u.data.flags & SCTPDK_MSG_UNORDERED) != 0;
	if (ev->u.data.sid != d->sid[k] || ev->u.data.len != d->len[k] || uo != d->unordered[k] ||
	    rte_pktmbuf_pkt_len(ev->u.data.msg) != d->len[k]) {
		d->errors++;
		return;
	}
	if (!uo) {
		if ((int64_t)k <= d->last_ordered[ev->u.data.sid])
			d->errors++;
		d->last_ordered[ev->u.data.sid] = (int32_t)k;
	}
	const uint8_t *want = content(e, k);
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
on_send_failed(struct sp_node *n, const struct sctpdk_sctp_event *e)
{
	n->send_failed++;
	uint32_t ctx = e->u.send_failed.context;
	if (n->failed == NULL || n->tx == NULL || ctx >= n->tx->n) {
		n->failed_bad++;
		return;
	}
	n->failed[ctx]++;
	if (e->u.send_failed.flags & SCTPDK_DATA_UNSENT) {
		n->failed_unsent[ctx]++;
		if (e->u.send_failed.msg == NULL ||
		    rte_pktmbuf_pkt_len(e->u.send_failed.msg) != n->tx->len[ctx])
			n->failed_bad++;
	}
	if (e->u.send_failed.ppid != ctx || e->u.send_failed.sid != n->tx->sid[ctx])
		n->failed_bad++;
}

static void
on_event(struct sp_node *n, const struct sctpdk_sctp_event *e, uint64_t now)
{
	switch (e->type) {
	case SCTPDK_EV_DATA:
		check_msg(n->env, n->rx, e, now);
		return;
	case SCTPDK_EV_ASSOC_CHANGE:
		if (e->u.assoc_change.state == SCTPDK_COMM_UP) {
			n->up = 1;
			n->id = e->assoc_id;
			return;
		}
		if (e->u.assoc_change.state == SCTPDK_SHUTDOWN_COMP) {
			n->shutdown_comp++;
			return;
		}
		if (e->u.assoc_change.state == SCTPDK_COMM_LOST)
			n->lost++;
		break;
	case SCTPDK_EV_SHUTDOWN:
		n->shutdown_ev++;
		return;
	case SCTPDK_EV_SEND_FAILED:
		on_send_failed(n, e);
		break;
	case SCTPDK_EV_PEER_ADDR_CHANGE: {
		uint16_t st = e->u.peer_addr_change.state & 7;
		n->addr_ev[st]++;
		n->addr_ev_t[st] = now;
		n->addr_ev_addr[st] = e->u.peer_addr_change.addr;
		printf("\n    %.3f s: PEER_ADDR_CHANGE state %u", now / 1e6, st);
		break;
	}
	default:
		break;
	}
	n->other_events++;
}

void
sp_drain(struct sp_node *n, uint64_t now)
{
	struct sctpdk_sctp_event ev[64];
	unsigned k;
	if (n->paused)
		return;
	while ((k = sctpdk_sctp_event_poll(n->ep, ev, 64)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			on_event(n, &ev[i], now);
			sctpdk_sctp_event_release(&ev[i]);
		}
	}
	if (n->hooks != NULL && n->hooks->drained != NULL)
		n->hooks->drained(n, now);
	sp_refill(n, now);
}

static void
hook_before(struct sp_node *n)
{
	if (n->hooks != NULL && n->hooks->before != NULL)
		n->hooks->before(n);
}

static void
hook_after(struct sp_node *n, uint64_t now)
{
	if (n->hooks != NULL && n->hooks->after != NULL)
		n->hooks->after(n, now);
}

void
sp_node_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt,
	      const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now)
{
	struct sp_node *n = ctx;
	(void)sim;
	if (!sctpdk_sctp_cksum_ok(pkt, 0)) {
		n->bad_crc++;
		rte_pktmbuf_free(pkt);
		return;
	}
	hook_before(n);
	sctpdk_sctp_input(n->ep, pkt, src, dst, now);
	hook_after(n, now);
	sp_drain(n, now);
}

void
sp_node_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct sp_node *n = ctx;
	(void)sim;
	hook_before(n);
	sctpdk_sctp_timer(n->ep, now);
	hook_after(n, now);
	sp_drain(n, now);
}

static uint64_t
node_deadline(void *ctx)
{
	struct sp_node *n = ctx;
	return sctpdk_sctp_next_deadline(n->ep);
}

const struct sctpdk_sim_node_ops sp_node_ops = {
	.input = sp_node_input, .timer = sp_node_timer, .next_deadline = node_deadline};

void
sp_node_ep_new(struct sp_node *n, struct sctpdk_sctp_config *cfg)
{
	cfg->pool = n->env->pool;
	cfg->ops.output = out;
	cfg->ops.random = rnd;
	cfg->ops.ctx = n;
	n->ep = sctpdk_sctp_ep_new(cfg, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
}

void
sp_pair_init(struct sp_pair *p, const struct sp_pair_cfg *cfg)
{
	memset(p, 0, sizeof(*p));
	p->sim = sctpdk_sim_new(cfg->sim_seed, cfg->env->pool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->sim);
	struct sctpdk_sctp_config tmpl;
	if (cfg->ep != NULL)
		tmpl = *cfg->ep;
	else
		sctpdk_sctp_config_default(&tmpl);
	p->out_streams = tmpl.out_streams;
	p->n_paths = cfg->n_paths;
	for (int i = 0; i < 2; i++) {
		struct sp_node *n = &p->node[i];
		n->sim = p->sim;
		n->env = cfg->env;
		n->rng = cfg->rng_base + (uint64_t)i;
		for (unsigned k = 0; k < cfg->n_paths; k++)
			p->addr[i][k] = sctpdk_addr_v4(10, cfg->net, (uint8_t)k, (uint8_t)(i + 1));
		n->addr = p->addr[i][0];
		n->tx = i == 0 ? &p->a2z : &p->z2a;
		n->rx = i == 0 ? &p->z2a : &p->a2z;
		struct sctpdk_sctp_config c = tmpl;
		c.local_port = (uint16_t)(5000 + i);
		c.n_local_addrs = cfg->n_paths;
		for (unsigned k = 0; k < cfg->n_paths; k++)
			c.local_addrs[k] = p->addr[i][k];
		c.listening = i == 1;
		sp_node_ep_new(n, &c);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(p->sim, &sp_node_ops, n, p->addr[i],
						    cfg->n_paths) >= 0);
	}
}

void
sp_pair_link(struct sp_pair *p, unsigned k, const struct sctpdk_sim_link_cfg *ab,
	     const struct sctpdk_sim_link_cfg *ba)
{
	CU_ASSERT_FATAL(sctpdk_sim_link_add(p->sim, &p->addr[0][k], &p->addr[1][k], ab, ba) ==
			(int)k);
}

void
sp_pair_link_all(struct sp_pair *p, const struct sctpdk_sim_link_cfg *ab,
		 const struct sctpdk_sim_link_cfg *ba)
{
	for (unsigned k = 0; k < p->n_paths; k++)
		sp_pair_link(p, k, ab, ba);
}

void
sp_pair_associate(struct sp_pair *p)
{
	CU_ASSERT_FATAL(sctpdk_sctp_associate(p->node[0].ep, &p->addr[1][0], 5001, p->out_streams,
					      0) > 0);
	sctpdk_sim_node_kick(p->sim, 0);
}

void
sp_pair_up(struct sp_pair *p, uint64_t limit_us)
{
	sp_pair_associate(p);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_run_while(p->sim, sp_not_up, p->node, limit_us), 0);
}

void
sp_pair_fini(struct sp_pair *p)
{
	struct rte_mempool *pool = p->node[0].env->pool;
	sctpdk_sim_del(p->sim);
	sctpdk_sctp_ep_del(p->node[0].ep);
	sctpdk_sctp_ep_del(p->node[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(pool), 0);
	sp_dir_free(&p->a2z);
	sp_dir_free(&p->z2a);
}

int
sp_not_up(void *nodes)
{
	const struct sp_node *n = nodes;
	return !(n[0].up && n[1].up);
}

int
sp_transfer_pending(void *nodes)
{
	const struct sp_node *n = nodes;
	return !(n[0].rx->received == n[0].rx->n && n[1].rx->received == n[1].rx->n);
}

int
sp_transfer_pending_alive(void *nodes)
{
	const struct sp_node *n = nodes;
	return sp_transfer_pending(nodes) && n[0].lost == 0 && n[1].lost == 0;
}

int
sp_not_closed(void *nodes)
{
	const struct sp_node *n = nodes;
	return !(n[0].shutdown_comp && n[1].shutdown_comp);
}
