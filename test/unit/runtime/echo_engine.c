/* SPDX-License-Identifier: BSD-3-Clause */
/* TEST DOUBLE engine; see echo_engine.h. Not the protocol. */
#include "echo_engine.h"

#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_priv.h"

struct echo_state *
echo_state_of(struct sctpdk_stack *st, unsigned ep)
{
	return st->eps[ep].state;
}

struct rte_mbuf *
echo_packet(struct rte_mempool *mp, uint16_t sport, uint16_t dport, uint32_t vtag, uint32_t tsn,
	    const void *payload, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint16_t clen = (uint16_t)(16 + len);
	uint16_t plen = (uint16_t)((clen + 3) & ~3);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(12 + plen));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 12u + plen);
	uint16_t s = rte_cpu_to_be_16(sport), d = rte_cpu_to_be_16(dport);
	uint32_t v = rte_cpu_to_be_32(vtag), t = rte_cpu_to_be_32(tsn);
	memcpy(p, &s, 2);
	memcpy(p + 2, &d, 2);
	memcpy(p + 4, &v, 4);
	p[12] = 0;    /* DATA */
	p[13] = 0x03; /* B and E: a whole message */
	uint16_t cl = rte_cpu_to_be_16(clen);
	memcpy(p + 14, &cl, 2);
	memcpy(p + 16, &t, 4);
	memcpy(p + 28, payload, len);
	return m;
}

static int
e_new(struct sctpdk_rt_ep *ep, void *arg, void **state)
{
	struct echo_state *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return SCTPDK_ERR_NOMEM;
	s->cfg = *(const struct echo_cfg *)arg;
	s->ep = ep;
	*state = s;
	return 0;
}

static void
e_del(void *state)
{
	free(state);
}

static uint32_t
tag_of(const struct rte_mbuf *m)
{
	uint32_t v;
	memcpy(&v, rte_pktmbuf_mtod_offset(m, const uint8_t *, 4), 4);
	return rte_be_to_cpu_32(v);
}

/* swap the ports and send back */
static void
echo_back(struct echo_state *s, struct rte_mbuf *m, const struct sctpdk_addr *src,
	  const struct sctpdk_addr *dst)
{
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	uint8_t tmp[2];
	memcpy(tmp, p, 2);
	memcpy(p, p + 2, 2);
	memcpy(p + 2, tmp, 2);
	sctpdk_rt_output(s->ep, m, dst, src);
}

static void
on_timer(struct sctpdk_rt_timer *t, void *arg, uint64_t now_us)
{
	struct echo_assoc *ea = arg;
	ea->timer_fired_us = now_us;
	__atomic_store_n(&ea->timer_fired_on, sctpdk_rt_self(ea->ep), __ATOMIC_RELEASE);
}

static void
e_ep_input(void *state, struct rte_mbuf *m, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct echo_state *s = state;
	uint32_t tag = tag_of(m);
	__atomic_fetch_add(&s->ep_rx, 1, __ATOMIC_RELAXED);
	if (!s->cfg.server) {
		if (tag < ECHO_MAX_TAGS)
			__atomic_fetch_add(&s->by_tag[tag], 1, __ATOMIC_RELAXED);
		rte_pktmbuf_free(m);
		return;
	}
	if (tag != 0 && tag < ECHO_MAX_TAGS) {
		struct echo_assoc *ea = &s->assocs[tag];
		/* one registration per tag: the slot is claimed atomically */
		uint32_t zero = 0;
		if (__atomic_compare_exchange_n(&ea->vtag, &zero, tag, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			ea->ep = s->ep;
			ea->timer_fired_on = -1;
			sctpdk_rt_timer_init(&ea->timer, on_timer, ea);
			unsigned owner = tag % sctpdk_rt_n_lcores(s->ep);
			ea->a = sctpdk_rt_assoc_add(s->ep, tag, tag, owner, ea, NULL);
			__atomic_fetch_add(&s->registered, 1, __ATOMIC_RELAXED);
		}
	}
	echo_back(s, m, src, dst);
}

static void
e_assoc_input(void *state, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
	      const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct echo_state *s = state;
	struct echo_assoc *ea = sctpdk_rt_assoc_priv(a);
	ea->rx++;
	if (sctpdk_rt_self(s->ep) != (int)sctpdk_rt_assoc_owner(a))
		ea->wrong_lcore++;
	if (ea->rx == 1 && s->cfg.timer_us != 0) {
		ea->timer_armed_us = now_us;
		sctpdk_rt_timer_arm(s->ep, &ea->timer, now_us + s->cfg.timer_us);
	}
	echo_back(s, m, src, dst);
}

static void
e_command(void *state, struct sctpdk_rt_cmd *c, uint64_t now_us)
{
	struct echo_state *s = state;
	s->commands++;
	if (c->type != SCTPDK_RT_CMD_SEND) {
		rte_pktmbuf_free(c->msg);
		return;
	}
	struct rte_mbuf *m = echo_packet(
	    sctpdk_rt_ep_pool(s->ep), sctpdk_rt_ep_port(s->ep), s->cfg.peer_port, c->assoc_id,
	    c->ppid, rte_pktmbuf_mtod(c->msg, void *), rte_pktmbuf_data_len(c->msg));
	rte_pktmbuf_free(c->msg);
	if (m == NULL)
		return;
	const struct sctpdk_stack_config *sc = sctpdk_rt_ep_stack_cfg(s->ep);
	sctpdk_rt_output(s->ep, m, &sc->ports[0].addrs[0], &s->cfg.peer);
}

static void
e_snapshot(void *state, struct sctpdk_rt_assoc *a, struct sctpdk_rt_assoc_info *info)
{
	struct echo_assoc *ea = sctpdk_rt_assoc_priv(a);
	if (ea == NULL) /* registered directly by a test */
		return;
	info->state = 3;
	info->state_name = "ECHOING";
	info->peer_rwnd = (uint32_t)ea->rx; /* stands in for an engine field */
}

const struct sctpdk_rt_engine_ops echo_engine_ops = {
    .name = "test-echo",
    .stateless_ep_input = 1,
    .fills_cksum = 0,
    .ep_new = e_new,
    .ep_del = e_del,
    .ep_input = e_ep_input,
    .assoc_input = e_assoc_input,
    .command = e_command,
    .assoc_snapshot = e_snapshot,
    .assoc_release = NULL,
};
