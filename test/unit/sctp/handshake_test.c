/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Association setup, RFC 9260 section 5: every case of 5.2 driven with
 * hand-made packets from a scripted peer, asserting on the answers' fields
 * and on the cookie contents.
 */
#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>

#include "lone.h"
#include "sctp_int.h"
#include "sctpdk_test.h"

static struct sctpdk_cookie
open_ck(struct lone *l, const uint8_t *ck, uint16_t len)
{
	struct sctpdk_cookie c;
	memset(&c, 0, sizeof(c));
	int rc = sctpdk_cookie_open(&l->n.ep->keys, ck, len, l->now, &c, NULL);
	CU_ASSERT_EQUAL(rc, 0);
	return c;
}

static sctpdk_assoc_id_t
assoc_id_of(struct lone *l)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(l->n.ep->assocs);
	return l->n.ep->assocs->id;
}

static int
state_of(struct lone *l)
{
	if (l->n.ep->assocs == NULL)
		return -1;
	return l->n.ep->assocs->state;
}

/* The endpoint associates to the peer; returns its INIT's tag. */
static uint32_t
start_assoc(struct lone *l, uint32_t *tsn)
{
	CU_ASSERT_FATAL(sctpdk_sctp_associate(l->n.ep, &l->peer, PEER_PORT, 7, l->now) > 0);
	lone_collect(l);
	CU_ASSERT_EQUAL_FATAL(l->n_out, 1);
	CU_ASSERT_EQUAL_FATAL(l->out[0].type[0], 1);
	if (tsn)
		*tsn = sc_rd32(l->out[0].val[0] + 12);
	return sc_rd32(l->out[0].val[0]);
}

/* Feed an INIT ACK (tag, tsn, cookie bytes) to an endpoint in COOKIE-WAIT. */
static void
feed_init_ack(struct lone *l, uint32_t vtag, uint32_t tag, uint32_t tsn, const uint8_t *extra,
	      uint16_t elen)
{
	uint8_t params[512], c[600];
	static const uint8_t fake_cookie[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	sc_wr16(params, 7);
	sc_wr16(params + 2, 12);
	memcpy(params + 4, fake_cookie, 8);
	if (elen)
		memcpy(params + 12, extra, elen);
	uint32_t n = lone_init_chunk(c, 2, tag, 50000, 5, 5, tsn, params, (uint16_t)(12 + elen));
	lone_feed(l, vtag, c, n);
}

static void
test_init_collision_in_cookie_wait(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	uint32_t tsn_a;
	uint32_t ta = start_assoc(&l, &tsn_a);
	uint8_t ck[512];
	uint16_t clen;
	/* 5.2.1: INIT ACK with our original tag and TSN, no tie-tags. */
	uint32_t tag = lone_get_cookie(&l, NULL, 0xabc1, 500, NULL, 0, ck, &clen);
	CU_ASSERT_EQUAL(tag, ta);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 12), tsn_a);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 8), 7);
	struct sctpdk_cookie c = open_ck(&l, ck, clen);
	CU_ASSERT_EQUAL(c.local_vtag, ta);
	CU_ASSERT_EQUAL(c.peer_vtag, 0xabc1);
	CU_ASSERT_EQUAL(c.local_tie, 0);
	CU_ASSERT_EQUAL(c.peer_tie, 0);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_WAIT);
	/* 5.2.4 B (peer's tag unknown): echoing that cookie establishes. */
	uint8_t e[600];
	uint32_t n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, ta, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xabc1);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	lone_free(&l);
}

static void
test_init_collision_in_cookie_echoed(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	uint32_t ta = start_assoc(&l, NULL);
	feed_init_ack(&l, ta, 0xbeef, 900, NULL, 0);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 10);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xbeef);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_ECHOED);
	/* 5.2.3: another INIT ACK in COOKIE-ECHOED is discarded. */
	feed_init_ack(&l, ta, 0xdead, 77, NULL, 0);
	CU_ASSERT_EQUAL(l.n_out, 0);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(l.n.ep->assocs->peer_vtag, 0xbeef);
	/* 5.2.1: INIT in COOKIE-ECHOED: our tag, tie-tags = current tags. */
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tag = lone_get_cookie(&l, NULL, 0xbeef2, 901, NULL, 0, ck, &clen);
	CU_ASSERT_EQUAL(tag, ta);
	struct sctpdk_cookie c = open_ck(&l, ck, clen);
	CU_ASSERT_EQUAL(c.local_vtag, ta);
	CU_ASSERT_EQUAL(c.peer_vtag, 0xbeef2);
	CU_ASSERT_EQUAL(c.local_tie, ta);
	CU_ASSERT_EQUAL(c.peer_tie, 0xbeef);
	/* An INIT adding an address: ABORT, restart with new addresses. */
	uint8_t ap[8], ic[64];
	sc_wr16(ap, 5);
	sc_wr16(ap + 2, 8);
	ap[4] = 10, ap[5] = 0, ap[6] = 0, ap[7] = 77;
	uint32_t n = lone_init_chunk(ic, 1, 0xbeef3, 1000, 5, 5, 1, ap, 8);
	lone_feed(&l, 0, ic, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xbeef3);
	CU_ASSERT_EQUAL(l.out[0].flags[0] & 1, 0);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 11);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 2), 12);
	CU_ASSERT_EQUAL(memcmp(l.out[0].val[0] + 4, ap, 8), 0);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_ECHOED);
	/* 5.2.4 B: the cookie with our tag and a new peer tag establishes. */
	uint8_t e[600];
	n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, ta, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xbeef2);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(l.n.ep->assocs->peer_vtag, 0xbeef2);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	lone_free(&l);
}

static void
test_init_in_established_and_restart(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], ck2[512];
	uint16_t clen, clen2;
	uint32_t tz = lone_establish(&l, 0x1111, 100, ck, &clen);
	sctpdk_assoc_id_t id = assoc_id_of(&l);
	/* 5.2.2: a new tag, tie-tags = current tags. */
	uint32_t tz2 = lone_get_cookie(&l, NULL, 0x2222, 5000, NULL, 0, ck2, &clen2);
	CU_ASSERT_NOT_EQUAL(tz2, tz);
	CU_ASSERT_NOT_EQUAL(tz2, 0);
	struct sctpdk_cookie c = open_ck(&l, ck2, clen2);
	CU_ASSERT_EQUAL(c.local_vtag, tz2);
	CU_ASSERT_EQUAL(c.peer_vtag, 0x2222);
	CU_ASSERT_EQUAL(c.local_tie, tz);
	CU_ASSERT_EQUAL(c.peer_tie, 0x1111);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(l.n.ep->assocs->local_vtag, tz);
	/* 5.2.4 A: the peer restarted. */
	uint8_t e[600];
	uint32_t n = sc_chunk(e, 10, 0, ck2, clen2);
	lone_feed(&l, tz2, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x2222);
	const struct sctpdk_sctp_event *r = sc_find(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_RESTART, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->assoc_id, id);
	struct sctpdk_sctp_assoc_info info;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(l.n.ep, id, &info), 0);
	CU_ASSERT_EQUAL(info.local_vtag, tz2);
	CU_ASSERT_EQUAL(info.peer_vtag, 0x2222);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	/* A restart INIT listing a new address is refused (5.2.2). */
	uint8_t ap[8], ic[64];
	sc_wr16(ap, 5);
	sc_wr16(ap + 2, 8);
	ap[4] = 192, ap[5] = 168, ap[6] = 1, ap[7] = 1;
	n = lone_init_chunk(ic, 1, 0x3333, 1000, 5, 5, 1, ap, 8);
	lone_feed(&l, 0, ic, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x3333);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 11);
	CU_ASSERT_EQUAL(info.local_vtag, l.n.ep->assocs->local_vtag);
	lone_free(&l);
}

static void
test_cookie_late_and_duplicate(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck1[512], ck2[512];
	uint16_t l1, l2;
	uint32_t t1 = lone_get_cookie(&l, NULL, 0x5555, 10, NULL, 0, ck1, &l1);
	uint32_t t2 = lone_get_cookie(&l, NULL, 0x5555, 10, NULL, 0, ck2, &l2);
	CU_ASSERT_NOT_EQUAL(t1, t2);
	/* Nothing is kept for a peer before a valid COOKIE ECHO. */
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	struct sctpdk_sctp_stats s0;
	sctpdk_sctp_stats_get(l.n.ep, &s0);
	CU_ASSERT_EQUAL(s0.assoc_created, 0);
	uint8_t e[600];
	uint32_t n = sc_chunk(e, 10, 0, ck2, l2);
	lone_feed(&l, t2, e, n);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	/* 5.2.4 C: our tag differs, peer's matches, no tie-tags: discard. */
	struct sctpdk_sctp_stats st0, st1;
	sctpdk_sctp_stats_get(l.n.ep, &st0);
	n = sc_chunk(e, 10, 0, ck1, l1);
	lone_feed(&l, t1, e, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	sctpdk_sctp_stats_get(l.n.ep, &st1);
	CU_ASSERT_EQUAL(st1.rx_unexpected, st0.rx_unexpected + 1);
	CU_ASSERT_EQUAL(l.n.ep->assocs->local_vtag, t2);
	/* 5.2.4 D: both tags match: COOKIE ACK again, no second COMM_UP. */
	n = sc_chunk(e, 10, 0, ck2, l2);
	lone_feed(&l, t2, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x5555);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, 0), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	lone_free(&l);
}

static void
test_restart_in_shutdown_ack_sent(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], ck2[512];
	uint16_t clen, clen2;
	uint32_t tz = lone_establish(&l, 0x7777, 100, ck, &clen);
	uint32_t tz2 = lone_get_cookie(&l, NULL, 0x8888, 7, NULL, 0, ck2, &clen2);
	/* Peer shuts down: SHUTDOWN (cum = our initial TSN - 1). */
	uint8_t v[4], c[64];
	sc_wr32(v, l.n.ep->assocs->local_tsn - 1);
	uint32_t n = sc_chunk(c, 7, 0, v, 4);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 8);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_SHUTDOWN, 0), 1);
	/* The SHUTDOWN again (our ACK was lost): the ACK again, one event. */
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 8);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_SHUTDOWN, 0), 1);
	/* An INIT now: the SHUTDOWN ACK is sent again (9.2). */
	uint8_t ic[64];
	n = lone_init_chunk(ic, 1, 0x9999, 1000, 5, 5, 1, NULL, 0);
	lone_feed(&l, 0, ic, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 8);
	/* 5.2.4 A in SHUTDOWN-ACK-SENT: SHUTDOWN ACK + ERROR cause 10. */
	uint8_t e[600];
	n = sc_chunk(e, 10, 0, ck2, clen2);
	lone_feed(&l, tz2, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x7777);
	CU_ASSERT(sc_has(&l.out[0], 8) >= 0);
	int k = sc_has(&l.out[0], 9);
	CU_ASSERT_FATAL(k >= 0);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k]), 10);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_RESTART), 0);
	/* 8.5.1 C: SHUTDOWN COMPLETE with the T bit must carry the peer's
	 * tag: with ours it is ignored, with the peer's it ends it. */
	n = sc_chunk(c, 14, 1, NULL, 0);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	lone_feed(&l, 0x7777, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	lone_free(&l);
}

static void
test_stale_cookie_both_sides(void)
{
	struct lone l;
	lone_init(&l, 1, 1000000);
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tz = lone_get_cookie(&l, NULL, 0x4242, 1, NULL, 0, ck, &clen);
	l.now += 1500000;
	uint8_t e[600];
	uint32_t n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, tz, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 9);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x4242);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 3);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 2), 8);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 4), 500000);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	lone_free(&l);

	/* The initiator receiving Stale Cookie retries with a preservative. */
	lone_init(&l, 0, 0);
	uint32_t ta = start_assoc(&l, NULL);
	feed_init_ack(&l, ta, 0x6161, 1, NULL, 0);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_ECHOED);
	uint8_t cause[8], c[32];
	sc_wr16(cause, 3);
	sc_wr16(cause + 2, 8);
	sc_wr32(cause + 4, 300000);
	n = sc_chunk(c, 9, 0, cause, 8);
	lone_feed(&l, ta, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 1);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), ta);
	uint16_t pl = 0;
	const uint8_t *pres = sc_param(l.out[0].val[0], l.out[0].len[0] - 4, 9, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pres);
	CU_ASSERT_EQUAL(pl, 4);
	CU_ASSERT_EQUAL(sc_rd32(pres), 600);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_WAIT);
	/* The stale cookie error is not reported to the upper layer as COMM_LOST. */
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, 0), 0);
	lone_free(&l);
}

static void
test_cookie_preservative_extends_life(void)
{
	struct lone l;
	lone_init(&l, 1, 1000000);
	uint8_t p[8], ck[512];
	sc_wr16(p, 9);
	sc_wr16(p + 2, 8);
	sc_wr32(p + 4, 2000); /* +2 s */
	uint16_t clen;
	uint32_t tz = lone_get_cookie(&l, NULL, 0x4343, 1, p, 8, ck, &clen);
	struct sctpdk_cookie c = open_ck(&l, ck, clen);
	CU_ASSERT_EQUAL(c.life_us, 3000000);
	l.now += 2500000;
	uint8_t e[600];
	uint32_t n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, tz, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	lone_free(&l);
}

static void
test_cookie_tampered_and_key_rotation(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tz = lone_get_cookie(&l, NULL, 0x1212, 1, NULL, 0, ck, &clen);
	uint8_t e[600];
	ck[20] ^= 0x80;
	uint32_t n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, tz, e, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	struct sctpdk_sctp_stats st;
	sctpdk_sctp_stats_get(l.n.ep, &st);
	CU_ASSERT_EQUAL(st.rx_bad_cookie, 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	ck[20] ^= 0x80;
	/* Wrong tag in the packet: discarded. */
	n = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, tz + 1, e, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	/* Signed before a key rotation: still accepted. */
	sctpdk_sctp_rotate_key(l.n.ep);
	lone_feed(&l, tz, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	lone_free(&l);
}

static void
test_unexpected_init_ack_and_cookie_ack(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0x3131, 1, ck, &clen);
	struct sctpdk_sctp_stats st0, st1;
	sctpdk_sctp_stats_get(l.n.ep, &st0);
	feed_init_ack(&l, tz, 0x99, 1, NULL, 0); /* 5.2.3 */
	CU_ASSERT_EQUAL(l.n_out, 0);
	uint8_t c[8];
	uint32_t n = sc_chunk(c, 11, 0, NULL, 0); /* 5.2.5 */
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	sctpdk_sctp_stats_get(l.n.ep, &st1);
	CU_ASSERT_EQUAL(st1.rx_unexpected, st0.rx_unexpected + 2);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(l.n.ep->assocs->peer_vtag, 0x3131);
	lone_free(&l);
}

static void
test_unknown_params(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	/* 0xC123 (skip, report), 0x8124 (skip), IPv4 after them (kept). */
	uint8_t p[28];
	sc_wr16(p, 0xC123);
	sc_wr16(p + 2, 8);
	sc_wr32(p + 4, 0xdeadbeef);
	sc_wr16(p + 8, 0x8124);
	sc_wr16(p + 10, 8);
	sc_wr32(p + 12, 0x01010101);
	sc_wr16(p + 16, 5);
	sc_wr16(p + 18, 8);
	p[20] = 10, p[21] = 0, p[22] = 0, p[23] = 9;
	uint8_t ck[512];
	uint16_t clen;
	lone_get_cookie(&l, NULL, 0x1, 1, p, 24, ck, &clen);
	uint16_t pl = 0;
	const uint8_t *u = sc_param(l.out[0].val[0], l.out[0].len[0] - 4, 8, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(pl, 8);
	CU_ASSERT_EQUAL(sc_rd16(u), 0xC123);
	CU_ASSERT_EQUAL(sc_rd32(u + 4), 0xdeadbeef);
	/* 0x4125 (stop, report): what follows is not processed. */
	sc_wr16(p, 0x4125);
	lone_get_cookie(&l, NULL, 0x2, 1, p, 24, ck, &clen);
	u = sc_param(l.out[0].val[0], l.out[0].len[0] - 4, 8, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(sc_rd16(u), 0x4125);
	lone_free(&l);

	/* In an INIT ACK: reported in an ERROR bundled with the COOKIE ECHO. */
	lone_init(&l, 0, 0);
	uint32_t ta = start_assoc(&l, NULL);
	sc_wr16(p, 0xC123);
	feed_init_ack(&l, ta, 0x77, 1, p, 8);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 10);
	int k = sc_has(&l.out[0], 9);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k]), 8);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k] + 4), 0xC123);
	lone_free(&l);
}

static void
test_bad_init_ack(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	uint32_t ta = start_assoc(&l, NULL);
	/* Zero initiate tag: the association is destroyed (3.3.3). */
	feed_init_ack(&l, ta, 0, 1, NULL, 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_CANT_STR_ASSOC), 1);
	lone_free(&l);

	/* No State Cookie: ABORT with Missing Mandatory Parameter. */
	lone_init(&l, 0, 0);
	ta = start_assoc(&l, NULL);
	uint8_t c[64];
	uint32_t n = lone_init_chunk(c, 2, 0x55, 1000, 5, 5, 1, NULL, 0);
	lone_feed(&l, ta, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x55);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 2);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 4), 1);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 8), 7);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_CANT_STR_ASSOC), 1);
	lone_free(&l);
}

static void
test_hostname_refused(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t p[12], c[64];
	sc_wr16(p, 11);
	sc_wr16(p + 2, 12);
	memcpy(p + 4, "host.x\0\0", 8);
	uint32_t n = lone_init_chunk(c, 1, 0x6666, 1000, 5, 5, 1, p, 12);
	lone_feed(&l, 0, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x6666);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 5);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 4), 11);
	lone_free(&l);
}

static void
test_address_lists(void)
{
	/* An endpoint with two addresses lists both in its INIT ACK. */
	struct sc_node tmp;
	memset(&tmp, 0, sizeof(tmp));
	struct sctpdk_sctp_config cfg;
	sc_config(&cfg, &tmp, LOCAL_PORT, sctpdk_addr_v4(10, 0, 0, 2));
	cfg.n_local_addrs = 2;
	cfg.local_addrs[1] = sctpdk_addr_v4(10, 0, 1, 2);
	cfg.listening = 1;
	struct lone l;
	memset(&l, 0, sizeof(l));
	l.n.rng = 5;
	l.peer = sctpdk_addr_v4(10, 0, 0, 9);
	l.now = 1000000;
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc_lone(&l.n, &cfg));
	/* The peer lists an IPv4 and an IPv6 address: we have no IPv6, so
	 * only the IPv4 ones (source first) go into the association. */
	uint8_t p[32];
	sc_wr16(p, 5);
	sc_wr16(p + 2, 8);
	p[4] = 10, p[5] = 0, p[6] = 5, p[7] = 9;
	sc_wr16(p + 8, 6);
	sc_wr16(p + 10, 20);
	memset(p + 12, 0x20, 16);
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tz = lone_get_cookie(&l, NULL, 0x1357, 1, p, 28, ck, &clen);
	struct sc_pkt *a = &l.out[0];
	unsigned v4 = 0;
	uint32_t off = 16;
	while (off + 4 <= (uint32_t)a->len[0] - 4) {
		uint16_t t = sc_rd16(a->val[0] + off), pl = sc_rd16(a->val[0] + off + 2);
		if (t == 5) {
			v4++;
			CU_ASSERT(memcmp(a->val[0] + off + 4, &cfg.local_addrs[v4 - 1].u.v4, 4) == 0);
		}
		off += (pl + 3u) & ~3u;
	}
	CU_ASSERT_EQUAL(v4, 2);
	struct sctpdk_cookie c = open_ck(&l, ck, clen);
	CU_ASSERT_EQUAL(c.n_peer_addrs, 2);
	CU_ASSERT(sctpdk_addr_eq(&c.peer_addrs[0], &l.peer));
	struct sctpdk_addr second = sctpdk_addr_v4(10, 0, 5, 9);
	CU_ASSERT(sctpdk_addr_eq(&c.peer_addrs[1], &second));
	uint8_t e[600];
	uint32_t k = sc_chunk(e, 10, 0, ck, clen);
	lone_feed(&l, tz, e, k);
	struct sctpdk_sctp_assoc_info info;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(l.n.ep, assoc_id_of(&l), &info), 0);
	CU_ASSERT_EQUAL(info.n_peer_addrs, 2);
	/* A packet from the second address belongs to the same association. */
	CU_ASSERT_PTR_NOT_NULL(ep_assoc_by_peer(l.n.ep, &second, PEER_PORT));
	/* A peer supporting only IPv6 cannot reach our IPv4 addresses. */
	uint8_t st[8], ic[64];
	sc_wr16(st, 12);
	sc_wr16(st + 2, 6);
	sc_wr16(st + 4, 6);
	sc_wr16(st + 6, 0);
	uint32_t n = lone_init_chunk(ic, 1, 0x2468, 1000, 5, 5, 1, st, 8);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, ic, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x2468);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 5);
	lone_free(&l);
}

static void
test_out_of_resources(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	l.n.ep->cfg.max_assocs = 1;
	uint8_t ck[512], ck2[512];
	uint16_t clen, clen2;
	lone_establish(&l, 0x1001, 1, ck, &clen);
	/* A second peer port: its cookie is valid but no room is left. */
	uint8_t c[64];
	uint32_t n = lone_init_chunk(c, 1, 0x2002, 1000, 5, 5, 1, NULL, 0);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	uint16_t pl = 0;
	const uint8_t *p = sc_param(l.out[0].val[0], l.out[0].len[0] - 4, 7, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memcpy(ck2, p, pl);
	clen2 = pl;
	uint32_t tag2 = sc_rd32(l.out[0].val[0]);
	uint8_t e[600];
	n = sc_chunk(e, 10, 0, ck2, clen2);
	lone_feed_from(&l, NULL, PEER_PORT + 1, tag2, e, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x2002);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 4);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_associate(l.n.ep, &l.peer, 9999, 0, l.now), SCTPDK_ERR_AGAIN);
	lone_free(&l);
}

static void
test_init_ack_from_other_address(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	uint32_t ta = start_assoc(&l, NULL);
	/* The peer answers from a second address of its own. */
	struct sctpdk_addr other = sctpdk_addr_v4(10, 0, 0, 10);
	uint8_t params[16], c[64];
	static const uint8_t fake_cookie[8] = {9, 9, 9, 9, 9, 9, 9, 9};
	sc_wr16(params, 7);
	sc_wr16(params + 2, 12);
	memcpy(params + 4, fake_cookie, 8);
	uint32_t n = lone_init_chunk(c, 2, 0x3535, 50000, 5, 5, 1, params, 12);
	lone_feed_from(&l, &other, PEER_PORT, ta, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 10);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x3535);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(l.n.ep->assocs->n_peer, 2);
	/* With a wrong tag it is out of the blue: ABORT with the T bit. */
	lone_free(&l);
	lone_init(&l, 0, 0);
	ta = start_assoc(&l, NULL);
	lone_feed_from(&l, &other, PEER_PORT, ta + 1, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].flags[0], 1);
	CU_ASSERT_EQUAL(state_of(&l), SCTPDK_ST_COOKIE_WAIT);
	lone_free(&l);
}

/* ---- stateless INIT answer vs the endpoint path ---------------------- */

/* One row: a packet from src:sport (vtag, chunks), the endpoint listening
 * or not, and what both paths must do with it. */
struct sl_case {
	const char *name;
	uint16_t sport, dport;
	uint32_t vtag;
	int listening;
	uint8_t chunks[256];
	uint32_t len;
	int answer; /* chunk type of the expected answer, -1 none */
};

static uint32_t
sl_init(uint8_t *buf, uint32_t tag, uint16_t os, uint16_t mis, const uint8_t *params,
	uint16_t plen)
{
	return lone_init_chunk(buf, 1, tag, 65536, os, mis, 0x1000, params, plen);
}

static uint16_t
sl_param(uint8_t *p, uint16_t type, const uint8_t *v, uint16_t vlen)
{
	sc_wr16(p, type);
	sc_wr16(p + 2, (uint16_t)(4 + vlen));
	if (vlen)
		memcpy(p + 4, v, vlen);
	return (uint16_t)((4 + vlen + 3) & ~3);
}

static unsigned
sl_cases(struct sl_case *t)
{
	unsigned n = 0;
	uint8_t prm[128];
	uint16_t pl;
	static const uint8_t v4[4] = {10, 0, 0, 19};
	static const uint8_t pres[4] = {0, 0, 0x27, 0x10};
	static const uint8_t host[8] = {'p', 'e', 'e', 'r', '.', 'x', 0, 0};
	static const uint8_t only_v6[2] = {0, 6};
	static const uint8_t unk[4] = {1, 2, 3, 4};
	static const uint8_t data[16] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c', 'd'};
#define ROW(nm, sp, dp, tag, lis, ans)                                                             \
	t[n] = (struct sl_case){.name = nm, .sport = sp, .dport = dp, .vtag = tag,              \
				.listening = lis, .answer = ans}
	ROW("plain INIT", PEER_PORT, LOCAL_PORT, 0, 1, 2);
	t[n].len = sl_init(t[n].chunks, 0x11111111, 10, 10, NULL, 0);
	n++;
	ROW("INIT with a non-zero tag (8.5.1 A)", PEER_PORT, LOCAL_PORT, 0xdead, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x11111111, 10, 10, NULL, 0);
	n++;
	ROW("INIT bundled with DATA (6.10)", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x11111111, 10, 10, NULL, 0);
	t[n].len += sc_chunk(t[n].chunks + t[n].len, 0, 3, data, sizeof(data));
	n++;
	ROW("INIT bundled with ABORT", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x11111111, 10, 10, NULL, 0);
	t[n].len += sc_chunk(t[n].chunks + t[n].len, 6, 0, NULL, 0);
	n++;
	ROW("INIT tag 0 (3.3.2)", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0, 10, 10, NULL, 0);
	n++;
	ROW("INIT OS 0", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x22, 0, 10, NULL, 0);
	n++;
	ROW("INIT MIS 0", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x22, 10, 0, NULL, 0);
	n++;
	ROW("INIT shorter than its fixed part", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	t[n].len = sc_chunk(t[n].chunks, 1, 0, unk, sizeof(unk));
	n++;
	ROW("INIT with a malformed parameter", PEER_PORT, LOCAL_PORT, 0, 1, -1);
	sc_wr16(prm, 5);
	sc_wr16(prm + 2, 6); /* IPv4 address parameter of length 6 */
	memset(prm + 4, 0, 4);
	t[n].len = sl_init(t[n].chunks, 0x33, 10, 10, prm, 8);
	n++;
	ROW("INIT to another port", PEER_PORT, LOCAL_PORT + 1, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x44, 10, 10, NULL, 0);
	n++;
	ROW("INIT from port 0", 0, LOCAL_PORT, 0, 1, -1);
	t[n].len = sl_init(t[n].chunks, 0x44, 10, 10, NULL, 0);
	n++;
	ROW("INIT, not listening", PEER_PORT, LOCAL_PORT, 0, 0, 6);
	t[n].len = sl_init(t[n].chunks, 0x55, 10, 10, NULL, 0);
	n++;
	ROW("INIT with a Host Name address", PEER_PORT, LOCAL_PORT, 0, 1, 6);
	pl = sl_param(prm, 11, host, 6);
	t[n].len = sl_init(t[n].chunks, 0x66, 10, 10, prm, pl);
	n++;
	ROW("INIT supporting IPv6 only", PEER_PORT, LOCAL_PORT, 0, 1, 6);
	pl = sl_param(prm, 12, only_v6, 2);
	t[n].len = sl_init(t[n].chunks, 0x77, 10, 10, prm, pl);
	n++;
	ROW("INIT with an unknown parameter to report", PEER_PORT, LOCAL_PORT, 0, 1, 2);
	pl = sl_param(prm, 0x8123, unk, 4);
	t[n].len = sl_init(t[n].chunks, 0x88, 10, 10, prm, pl);
	n++;
	/* 3.2.1 "00": stop processing parameters; the INIT is still served */
	ROW("INIT with an unknown parameter to stop at", PEER_PORT, LOCAL_PORT, 0, 1, 2);
	pl = sl_param(prm, 0x0123, unk, 4);
	t[n].len = sl_init(t[n].chunks, 0x89, 10, 10, prm, pl);
	n++;
	ROW("INIT with a Cookie Preservative", PEER_PORT, LOCAL_PORT, 0, 1, 2);
	pl = sl_param(prm, 9, pres, 4);
	t[n].len = sl_init(t[n].chunks, 0x99, 10, 10, prm, pl);
	n++;
	ROW("INIT listing another address", PEER_PORT, LOCAL_PORT, 0, 1, 2);
	pl = sl_param(prm, 5, v4, 4);
	t[n].len = sl_init(t[n].chunks, 0xaa, 3, 65535, prm, pl);
	n++;
#undef ROW
	return n;
}

/* The endpoint's answer to c through sctpdk_sctp_input(), flattened, and
 * its counter deltas. */
static uint32_t
sl_by_endpoint(struct lone *l, const struct sl_case *c, uint8_t *out, unsigned *n_out,
	       struct sctpdk_sctp_stats *delta)
{
	struct sctpdk_sctp_stats s0, s1;
	sctpdk_sctp_stats_get(l->n.ep, &s0);
	struct rte_mbuf *m = sc_packet(c->sport, c->dport, c->vtag, c->chunks, c->len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	sctpdk_sctp_input(l->n.ep, m, &l->peer, &l->n.addr, l->now);
	sc_poll(&l->n);
	*n_out = l->n.n_out;
	uint32_t len = 0;
	if (l->n.n_out > 0) {
		CU_ASSERT(sctpdk_addr_eq(&l->n.out_dst[0], &l->peer));
		len = sc_flat(l->n.out[0], out, 2048);
	}
	sc_out_clear(&l->n);
	sctpdk_sctp_stats_get(l->n.ep, &s1);
	const uint64_t *a = (const uint64_t *)&s0, *b = (const uint64_t *)&s1;
	uint64_t *d = (uint64_t *)delta;
	for (size_t i = 0; i < sizeof(s0) / 8; i++)
		d[i] = b[i] - a[i];
	return len;
}

static uint32_t
sl_stateless(struct lone *l, const struct sl_case *c, struct sctpdk_sctp_stateless *sl,
	     uint8_t *out, unsigned *n_out, struct sctpdk_sctp_stats *delta, int *rc)
{
	struct sctpdk_sctp_stats s0 = sl->stats;
	struct rte_mbuf *m = sc_packet(c->sport, c->dport, c->vtag, c->chunks, c->len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct rte_mbuf *reply = (struct rte_mbuf *)1;
	*rc = sctpdk_sctp_input_stateless(l->n.ep, m, &l->peer, &l->n.addr, l->now, sl, &reply);
	if (*rc == SCTPDK_SCTP_STATELESS_PASS)
		rte_pktmbuf_free(m);
	*n_out = reply != NULL;
	uint32_t len = 0;
	if (reply != NULL) {
		len = sc_flat(reply, out, 2048);
		rte_pktmbuf_free(reply);
	}
	const uint64_t *a = (const uint64_t *)&s0, *b = (const uint64_t *)&sl->stats;
	uint64_t *d = (uint64_t *)delta;
	for (size_t i = 0; i < sizeof(s0) / 8; i++)
		d[i] = b[i] - a[i];
	return len;
}

/* Table: each packet through both paths from the same random state gives
 * the same answer, byte for byte (cookie included), and the same
 * counters; the endpoint keeps nothing from either. */
static void
test_stateless_init_matches_endpoint(void)
{
	static struct sl_case cases[32];
	unsigned n = sl_cases(cases);
	static uint8_t scratch[SCTPDK_SCTP_STATELESS_SCRATCH];
	struct sctpdk_sctp_stateless sl = {.scratch = scratch};
	uint8_t ea[2048], sa[2048];
	unsigned answered = 0, silent = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct sl_case *c = &cases[i];
		struct lone l;
		lone_init(&l, c->listening, 0);
		uint64_t rng = l.n.rng;
		unsigned ne, ns;
		struct sctpdk_sctp_stats de, ds;
		uint32_t le = sl_by_endpoint(&l, c, ea, &ne, &de);
		l.n.rng = rng; /* same random tag, TSN */
		int rc;
		uint32_t ls = sl_stateless(&l, c, &sl, sa, &ns, &ds, &rc);
		printf("\n      %-44s endpoint %u packet(s) %4u bytes, stateless %u %4u", c->name,
		       ne, le, ns, ls);
		CU_ASSERT_EQUAL(rc, SCTPDK_SCTP_STATELESS_DONE);
		CU_ASSERT_EQUAL(ne, ns);
		CU_ASSERT_EQUAL(le, ls);
		CU_ASSERT(le == ls && memcmp(ea, sa, le) == 0);
		CU_ASSERT(memcmp(&de, &ds, sizeof(de)) == 0);
		CU_ASSERT_EQUAL(ne, c->answer >= 0 ? 1u : 0u);
		if (ne == 1 && c->answer >= 0) {
			struct sc_pkt p;
			CU_ASSERT_FATAL(sc_parse(sa, ls, &p) == 0);
			CU_ASSERT_EQUAL(p.type[0], c->answer);
			CU_ASSERT_EQUAL(p.dport, c->sport);
			answered++;
		} else {
			silent++;
		}
		CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
		lone_free(&l);
	}
	printf("\n      %u rows: %u answered, %u discarded; counters equal\n", n, answered, silent);
	CU_ASSERT_EQUAL(answered, 8);
	CU_ASSERT_EQUAL(silent, 10);
}

/* Packets that need the endpoint pass: not an INIT, or an INIT from a
 * peer (or listing an address) the endpoint has an association with; once
 * that association is gone the INIT is answered statelessly again. */
static void
test_stateless_passes_known_peers(void)
{
	static uint8_t scratch[SCTPDK_SCTP_STATELESS_SCRATCH];
	struct sctpdk_sctp_stateless sl = {.scratch = scratch};
	struct lone l;
	lone_init(&l, 1, 0);
	struct rte_mbuf *reply;
	uint8_t c[600];
	/* a COOKIE ECHO: the owner's job */
	uint8_t junk[8] = {0};
	uint32_t n = sc_chunk(c, 10, 0, junk, sizeof(junk));
	struct rte_mbuf *m = sc_packet(PEER_PORT, LOCAL_PORT, 0x1234, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_input_stateless(l.n.ep, m, &l.peer, &l.n.addr, l.now, &sl,
						    &reply),
			SCTPDK_SCTP_STATELESS_PASS);
	CU_ASSERT_PTR_NULL(reply);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 12 + n); /* untouched */
	rte_pktmbuf_free(m);
	/* an association with the peer: its INIT (a restart) passes */
	uint8_t ck[600];
	uint16_t clen;
	lone_establish(&l, 0xabcd, 1, ck, &clen);
	n = lone_init_chunk(c, 1, 0x5555, 65536, 10, 10, 7, NULL, 0);
	m = sc_packet(PEER_PORT, LOCAL_PORT, 0, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_input_stateless(l.n.ep, m, &l.peer, &l.n.addr, l.now, &sl,
						    &reply),
			SCTPDK_SCTP_STATELESS_PASS);
	rte_pktmbuf_free(m);
	/* from another source, listing the peer's address: passes too */
	struct sctpdk_addr other = sctpdk_addr_v4(10, 0, 0, 77);
	uint8_t prm[8];
	sc_wr16(prm, 5);
	sc_wr16(prm + 2, 8);
	memcpy(prm + 4, &l.peer.u.v4, 4);
	n = lone_init_chunk(c, 1, 0x6666, 65536, 10, 10, 7, prm, 8);
	m = sc_packet(PEER_PORT, LOCAL_PORT, 0, c, n);
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_input_stateless(l.n.ep, m, &other, &l.n.addr, l.now, &sl, &reply),
	    SCTPDK_SCTP_STATELESS_PASS);
	rte_pktmbuf_free(m);
	/* the same peer address from another port: answered here */
	m = sc_packet(PEER_PORT + 1, LOCAL_PORT, 0, c, n);
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_input_stateless(l.n.ep, m, &l.peer, &l.n.addr, l.now, &sl, &reply),
	    SCTPDK_SCTP_STATELESS_DONE);
	CU_ASSERT_PTR_NOT_NULL(reply);
	rte_pktmbuf_free(reply);
	/* association aborted: the peer's INIT is answered statelessly */
	CU_ASSERT_EQUAL(sctpdk_sctp_abort(l.n.ep, l.n.ep->assocs->id, NULL, 0, l.now), 0);
	lone_collect(&l);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	n = lone_init_chunk(c, 1, 0x7777, 65536, 10, 10, 7, NULL, 0);
	m = sc_packet(PEER_PORT, LOCAL_PORT, 0, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_input_stateless(l.n.ep, m, &l.peer, &l.n.addr, l.now, &sl,
						    &reply),
			SCTPDK_SCTP_STATELESS_DONE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(reply);
	/* and its cookie, echoed to the endpoint, makes the association */
	uint8_t flat[2048];
	uint32_t fl = sc_flat(reply, flat, sizeof(flat));
	rte_pktmbuf_free(reply);
	struct sc_pkt p;
	CU_ASSERT_FATAL(sc_parse(flat, fl, &p) == 0);
	CU_ASSERT_EQUAL_FATAL(p.type[0], 2);
	CU_ASSERT_EQUAL(p.vtag, 0x7777);
	uint16_t pl = 0;
	const uint8_t *cookie = sc_param(p.val[0], p.len[0] - 4, 7, &pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cookie);
	n = sc_chunk(c, 10, 0, cookie, pl);
	lone_feed(&l, sc_rd32(p.val[0]), c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 11);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	CU_ASSERT_EQUAL(sl.stats.rx_packets, 2);
	CU_ASSERT_EQUAL(sl.stats.tx_packets, 2);
	lone_free(&l);
}

SCTPDK_TEST_SUITE(sctp_handshake, sc_suite_init, NULL,
		  SCTPDK_TEST(test_init_collision_in_cookie_wait),
		  SCTPDK_TEST(test_init_collision_in_cookie_echoed),
		  SCTPDK_TEST(test_init_in_established_and_restart),
		  SCTPDK_TEST(test_cookie_late_and_duplicate),
		  SCTPDK_TEST(test_restart_in_shutdown_ack_sent),
		  SCTPDK_TEST(test_stale_cookie_both_sides),
		  SCTPDK_TEST(test_cookie_preservative_extends_life),
		  SCTPDK_TEST(test_cookie_tampered_and_key_rotation),
		  SCTPDK_TEST(test_unexpected_init_ack_and_cookie_ack),
		  SCTPDK_TEST(test_unknown_params), SCTPDK_TEST(test_bad_init_ack),
		  SCTPDK_TEST(test_hostname_refused), SCTPDK_TEST(test_address_lists),
		  SCTPDK_TEST(test_out_of_resources), SCTPDK_TEST(test_init_ack_from_other_address),
		  SCTPDK_TEST(test_stateless_init_matches_endpoint),
		  SCTPDK_TEST(test_stateless_passes_known_peers))
