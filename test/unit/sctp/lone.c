/* SPDX-License-Identifier: BSD-3-Clause */
/* Scripted-peer driver for one endpoint (see lone.h). */
#include <string.h>

#include <rte_mbuf.h>

#include "lone.h"
#include "sctpdk_test.h"

void
lone_init(struct lone *l, int listening, uint32_t cookie_life_us)
{
	memset(l, 0, sizeof(*l));
	l->pool_in_use = rte_mempool_in_use_count(sc_pool());
	struct sctpdk_sctp_config cfg;
	sc_config(&cfg, &l->n, LOCAL_PORT, sctpdk_addr_v4(10, 0, 0, 2));
	cfg.listening = listening;
	if (cookie_life_us != 0)
		cfg.cookie_life_us = cookie_life_us;
	l->n.rng = 77;
	l->peer = sctpdk_addr_v4(10, 0, 0, 9);
	l->now = 1000000;
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc_lone(&l->n, &cfg));
}

void
lone_free(struct lone *l)
{
	sc_lone_free(&l->n);
	/* packets fed, answers and events all released */
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), l->pool_in_use);
}

void
lone_collect(struct lone *l)
{
	sc_poll(&l->n);
	l->n_out = l->n.n_out;
	for (unsigned i = 0; i < l->n_out; i++) {
		uint32_t len = sc_flat(l->n.out[i], l->flat[i], sizeof(l->flat[i]));
		sc_parse(l->flat[i], len, &l->out[i]);
	}
	sc_out_clear(&l->n);
}

void
lone_feed_from(struct lone *l, const struct sctpdk_addr *src, uint16_t sport, uint32_t vtag,
	       const uint8_t *chunks, uint32_t len)
{
	struct rte_mbuf *m = sc_packet(sport, LOCAL_PORT, vtag, chunks, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	sctpdk_sctp_input(l->n.ep, m, src != NULL ? src : &l->peer, &l->n.addr, l->now);
	lone_collect(l);
}

void
lone_feed(struct lone *l, uint32_t vtag, const uint8_t *chunks, uint32_t len)
{
	lone_feed_from(l, NULL, PEER_PORT, vtag, chunks, len);
}

void
lone_advance(struct lone *l, uint64_t dt_us)
{
	uint64_t end = l->now + dt_us;
	for (;;) {
		uint64_t d = sctpdk_sctp_next_deadline(l->n.ep);
		if (d > end)
			break;
		l->now = d > l->now ? d : l->now;
		sctpdk_sctp_timer(l->n.ep, l->now);
	}
	l->now = end;
	lone_collect(l);
}

uint32_t
lone_init_chunk(uint8_t *buf, uint8_t type, uint32_t tag, uint32_t rwnd, uint16_t os,
		uint16_t mis, uint32_t tsn, const uint8_t *params, uint16_t plen)
{
	uint8_t v[1024];
	sc_wr32(v, tag);
	sc_wr32(v + 4, rwnd);
	sc_wr16(v + 8, os);
	sc_wr16(v + 10, mis);
	sc_wr32(v + 12, tsn);
	if (plen)
		memcpy(v + 16, params, plen);
	return sc_chunk(buf, type, 0, v, (uint16_t)(16 + plen));
}

uint32_t
lone_get_cookie(struct lone *l, const struct sctpdk_addr *src, uint32_t peer_tag,
		uint32_t peer_tsn, const uint8_t *params, uint16_t plen, uint8_t *cookie,
		uint16_t *clen)
{
	uint8_t c[1100];
	uint32_t n = lone_init_chunk(c, 1, peer_tag, 100000, 10, 10, peer_tsn, params, plen);
	lone_feed_from(l, src, PEER_PORT, 0, c, n);
	CU_ASSERT_EQUAL_FATAL(l->n_out, 1);
	struct sc_pkt *a = &l->out[0];
	CU_ASSERT_EQUAL_FATAL(a->type[0], 2);
	CU_ASSERT_EQUAL(a->vtag, peer_tag);
	uint16_t pl = 0;
	const uint8_t *ck = sc_param(a->val[0], a->len[0] - 4, 7, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ck);
	memcpy(cookie, ck, pl);
	*clen = pl;
	return sc_rd32(a->val[0]);
}

uint32_t
lone_establish(struct lone *l, uint32_t peer_tag, uint32_t peer_tsn, uint8_t *cookie,
	       uint16_t *clen)
{
	uint32_t tag = lone_get_cookie(l, NULL, peer_tag, peer_tsn, NULL, 0, cookie, clen);
	uint8_t c[1100];
	uint32_t n = sc_chunk(c, 10, 0, cookie, *clen);
	lone_feed(l, tag, c, n);
	CU_ASSERT_EQUAL_FATAL(l->n_out, 1);
	CU_ASSERT_EQUAL(l->out[0].type[0], 11);
	CU_ASSERT_EQUAL(l->out[0].vtag, peer_tag);
	return tag;
}
