/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Endpoint: configuration, out-of-the-blue packets (RFC 9260 8.4, each
 * rule), verification tag rules (8.5, 8.5.1), malformed and hostile input,
 * unknown chunks, ERROR and invalid stream handling.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "lone.h"
#include "sctp_int.h"
#include "sctpdk_test.h"

static struct sctpdk_sctp_stats
stats(struct lone *l)
{
	struct sctpdk_sctp_stats st;
	sctpdk_sctp_stats_get(l->n.ep, &st);
	return st;
}

static void
test_config_checks(void)
{
	struct sc_node n;
	memset(&n, 0, sizeof(n));
	struct sctpdk_sctp_config cfg;
	sc_config(&cfg, &n, 0, sctpdk_addr_v4(1, 2, 3, 4));
	CU_ASSERT_PTR_NULL(sctpdk_sctp_ep_new(&cfg, 0)); /* port 0 */
	cfg.local_port = 1;
	cfg.n_local_addrs = 0;
	CU_ASSERT_PTR_NULL(sctpdk_sctp_ep_new(&cfg, 0));
	cfg.n_local_addrs = 1;
	cfg.pool = NULL;
	CU_ASSERT_PTR_NULL(sctpdk_sctp_ep_new(&cfg, 0));
	cfg.pool = sc_pool();
	cfg.ops.random = NULL;
	CU_ASSERT_PTR_NULL(sctpdk_sctp_ep_new(&cfg, 0));
	CU_ASSERT_PTR_NULL(sctpdk_sctp_ep_new(NULL, 0));
	struct sctpdk_sctp_config d;
	sctpdk_sctp_config_default(&d);
	CU_ASSERT_EQUAL(d.rto_initial_us, 1000000);
	CU_ASSERT_EQUAL(d.rto_min_us, 1000000);
	CU_ASSERT_EQUAL(d.rto_max_us, 60000000);
	CU_ASSERT_EQUAL(d.max_init_retrans, 8);
	CU_ASSERT_EQUAL(d.max_retrans, 10);
	CU_ASSERT_EQUAL(d.cookie_life_us, 60000000);
	CU_ASSERT_EQUAL(d.sack_delay_us, 200000);
	CU_ASSERT_STRING_EQUAL(sctpdk_sctp_state_name(SCTPDK_ST_SHUTDOWN_ACK_SENT),
			       "SHUTDOWN-ACK-SENT");
	/* Two endpoints coexist; associate argument checks. */
	struct lone l1, l2;
	lone_init(&l1, 0, 0);
	lone_init(&l2, 1, 0);
	struct sctpdk_addr bad = {0};
	CU_ASSERT_EQUAL(sctpdk_sctp_associate(l1.n.ep, &bad, 1, 0, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sctp_associate(l1.n.ep, &l1.peer, 0, 0, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT(sctpdk_sctp_associate(l1.n.ep, &l1.peer, 7000, 0, 0) > 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_associate(l1.n.ep, &l1.peer, 7000, 0, 0), SCTPDK_ERR_EXISTS);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l1.n.ep), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l2.n.ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(l1.n.ep, 999, 0), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(l1.n.ep, l1.n.ep->assocs->id, 0), SCTPDK_ERR_STATE);
	lone_free(&l1);
	lone_free(&l2);
}

/* 8.4 rule by rule, on an endpoint without associations. */
static void
test_ootb_rules(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	uint8_t c[64];
	uint32_t n;
	/* Rule 2: ABORT: silently discarded. */
	n = sc_chunk(c, 6, 0, NULL, 0);
	lone_feed(&l, 0x1234, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	/* Rule 3: INIT to a non-listening endpoint: ABORT, INIT's tag, T=0. */
	n = lone_init_chunk(c, 1, 0xfeed, 1000, 5, 5, 1, NULL, 0);
	lone_feed(&l, 0, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xfeed);
	CU_ASSERT_EQUAL(l.out[0].flags[0], 0);
	CU_ASSERT_EQUAL(l.out[0].sport, LOCAL_PORT);
	CU_ASSERT_EQUAL(l.out[0].dport, PEER_PORT);
	/* Rule 5: SHUTDOWN ACK: SHUTDOWN COMPLETE, tag reflected, T=1. */
	n = sc_chunk(c, 8, 0, NULL, 0);
	lone_feed(&l, 0x4321, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 14);
	CU_ASSERT_EQUAL(l.out[0].flags[0], 1);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x4321);
	/* Rule 6: SHUTDOWN COMPLETE: discarded. */
	n = sc_chunk(c, 14, 0, NULL, 0);
	lone_feed(&l, 0x4321, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	/* Rule 7: COOKIE ACK, or ERROR with Stale Cookie: discarded. */
	n = sc_chunk(c, 11, 0, NULL, 0);
	lone_feed(&l, 0x4321, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	uint8_t cause[8];
	sc_wr16(cause, 3);
	sc_wr16(cause + 2, 8);
	sc_wr32(cause + 4, 10);
	n = sc_chunk(c, 9, 0, cause, 8);
	lone_feed(&l, 0x4321, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	/* Rule 8: anything else (DATA, SACK, HEARTBEAT, ERROR other cause,
	 * SHUTDOWN, INIT ACK): ABORT with the T bit and the packet's tag. */
	static const uint8_t others[] = {0, 3, 4, 9, 7, 2};
	for (unsigned i = 0; i < sizeof(others); i++) {
		uint8_t v[20] = {0};
		if (others[i] == 9) {
			sc_wr16(v, 1);
			sc_wr16(v + 2, 8);
		}
		n = sc_chunk(c, others[i], 0, v, others[i] == 2 ? 20 : others[i] == 7 ? 4 : 16);
		lone_feed(&l, 0x5000 + i, c, n);
		CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
		CU_ASSERT_EQUAL(l.out[0].type[0], 6);
		CU_ASSERT_EQUAL(l.out[0].flags[0], 1);
		CU_ASSERT_EQUAL(l.out[0].vtag, 0x5000 + i);
	}
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	CU_ASSERT(stats(&l).rx_ootb >= 10);
	/* Rule 4 (COOKIE ECHO) and rule 3 on a listening endpoint: the
	 * handshake tests. Wrong destination port: counted, no answer. */
	struct rte_mbuf *m = sc_packet(PEER_PORT, LOCAL_PORT + 1, 0, c, n);
	sctpdk_sctp_input(l.n.ep, m, &l.peer, &l.n.addr, l.now);
	lone_collect(&l);
	CU_ASSERT_EQUAL(l.n_out, 0);
	lone_free(&l);
}

static void
test_vtag_rules(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[64];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xAAAA, 100, ck, &clen);
	struct sctpdk_sctp_stats st0 = stats(&l);
	/* 8.5: DATA with a wrong tag is discarded (no SACK later either). */
	uint8_t d[20] = {0};
	sc_wr32(d, 100);
	d[16] = 'x';
	uint32_t n = sc_chunk(c, 0, 3, d, 17);
	lone_feed(&l, tz + 1, c, n);
	lone_advance(&l, 1000000);
	CU_ASSERT_EQUAL(l.n_out, 0);
	CU_ASSERT_EQUAL(stats(&l).rx_bad_vtag, st0.rx_bad_vtag + 1);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 0);
	/* 8.5.1 A: INIT with a non-zero tag: discarded. */
	n = lone_init_chunk(c, 1, 0xBBBB, 1000, 5, 5, 1, NULL, 0);
	lone_feed(&l, 5, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	/* 8.5.1 C: SHUTDOWN COMPLETE outside SHUTDOWN-ACK-SENT: ignored. */
	n = sc_chunk(c, 14, 0, NULL, 0);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	/* 8.5.1 B: ABORT with a wrong tag, or T=1 with our own tag: ignored. */
	n = sc_chunk(c, 6, 0, NULL, 0);
	lone_feed(&l, tz ^ 1, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	n = sc_chunk(c, 6, 1, NULL, 0);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	/* ABORT with T=1 and the peer's tag: accepted. */
	uint8_t cause[4];
	sc_wr16(cause, 12);
	sc_wr16(cause + 2, 4);
	n = sc_chunk(c, 6, 1, cause, 4);
	lone_feed(&l, 0xAAAA, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.error, 12);
	CU_ASSERT_EQUAL(e->u.assoc_change.peer_abort, 1);
	CU_ASSERT_EQUAL(l.n_out, 0);
	lone_free(&l);

	/* 8.5.1 E: SHUTDOWN ACK in COOKIE-WAIT: SHUTDOWN COMPLETE with T. */
	lone_init(&l, 0, 0);
	CU_ASSERT(sctpdk_sctp_associate(l.n.ep, &l.peer, PEER_PORT, 0, l.now) > 0);
	lone_collect(&l);
	n = sc_chunk(c, 8, 0, NULL, 0);
	lone_feed(&l, 0x7171, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 14);
	CU_ASSERT_EQUAL(l.out[0].flags[0], 1);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0x7171);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	/* An ABORT answering our INIT (our tag, T=0): CANT_STR_ASSOC. */
	uint32_t ta = l.n.ep->assocs->local_vtag;
	n = sc_chunk(c, 6, 0, NULL, 0);
	lone_feed(&l, ta, c, n);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_CANT_STR_ASSOC), 1);
	/* no cause, yet a refusal, not a time-out */
	const struct sctpdk_sctp_event *ea =
	    sc_find(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_CANT_STR_ASSOC, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ea);
	CU_ASSERT_EQUAL(ea->u.assoc_change.error, 0);
	CU_ASSERT_EQUAL(ea->u.assoc_change.peer_abort, 1);
	lone_free(&l);
}

static void
test_hostile_packets(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[128];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xCCCC, 100, ck, &clen);
	struct sctpdk_sctp_stats st0 = stats(&l);
	/* Shorter than the common header. */
	struct rte_mbuf *m = sc_packet(PEER_PORT, LOCAL_PORT, tz, c, 0);
	rte_pktmbuf_trim(m, 4);
	sctpdk_sctp_input(l.n.ep, m, &l.peer, &l.n.addr, l.now);
	/* A chunk whose length runs past the end. */
	uint32_t n = sc_chunk(c, 0, 3, (const uint8_t *)"0123456789abcdefgh", 18);
	sc_wr16(c + 2, 200);
	lone_feed(&l, tz, c, n);
	/* A chunk length below 4. */
	n = sc_chunk(c, 3, 0, NULL, 0);
	sc_wr16(c + 2, 2);
	lone_feed(&l, tz, c, n);
	/* A truncated SACK (claims gap blocks it does not carry). */
	uint8_t s[12];
	sc_wr32(s, 0);
	sc_wr32(s + 4, 1000);
	sc_wr16(s + 8, 50);
	sc_wr16(s + 10, 0);
	n = sc_chunk(c, 3, 0, s, 12);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	struct sctpdk_sctp_stats st1 = stats(&l);
	CU_ASSERT_EQUAL(st1.rx_malformed, st0.rx_malformed + 4);
	/* INIT with zero tag / zero streams (OOTB, another port): discarded. */
	n = lone_init_chunk(c, 1, 0, 1000, 5, 5, 1, NULL, 0);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, c, n);
	n = lone_init_chunk(c, 1, 9, 1000, 0, 5, 1, NULL, 0);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, c, n);
	n = lone_init_chunk(c, 1, 9, 1000, 5, 0, 1, NULL, 0);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, c, n);
	/* INIT bundled with another chunk: discarded. */
	n = lone_init_chunk(c, 1, 9, 1000, 5, 5, 1, NULL, 0);
	n += sc_chunk(c + n, 0xC0, 0, NULL, 0);
	lone_feed_from(&l, NULL, PEER_PORT + 1, 0, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	st1 = stats(&l);
	CU_ASSERT_EQUAL(st1.rx_bad_init, st0.rx_bad_init + 3);
	/* DATA without user data: ABORT No User Data (6.2). */
	uint8_t d[12] = {0};
	sc_wr32(d, 100);
	n = sc_chunk(c, 0, 3, d, 12);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xCCCC);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 9);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 4), 100);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	lone_free(&l);
}

static void
test_unknown_chunks_and_errors(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[256];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xDDDD, 100, ck, &clen);
	/* 0x40 bit: report; 0x80 bit: skip and go on. Type 0xC1 then DATA. */
	uint32_t n = sc_chunk(c, 0xC1, 0, (const uint8_t *)"zz", 2);
	uint8_t d[20] = {0};
	sc_wr32(d, 100);
	sc_wr16(d + 4, 0);
	sc_wr32(d + 8, 5);
	d[12] = 'h';
	d[13] = 'i';
	n += sc_chunk(c + n, 0, 3 | 8, d, 14); /* I bit: SACK at once */
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	int k = sc_has(&l.out[0], 9);
	CU_ASSERT_FATAL(k >= 0);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k]), 6);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k] + 2), 4 + 6);
	CU_ASSERT_EQUAL(l.out[0].val[k][4], 0xC1);
	CU_ASSERT(sc_has(&l.out[0], 3) > k);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 1);
	/* Type 0x01-like with upper bits 00 (e.g. 0x3F): stop, no report;
	 * the DATA after it is not processed. */
	n = sc_chunk(c, 0x3F, 0, NULL, 0);
	sc_wr32(d, 101);
	n += sc_chunk(c + n, 0, 3 | 8, d, 14);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 1);
	/* 0x7F (01): stop and report. */
	n = sc_chunk(c, 0x7F, 0, NULL, 0);
	n += sc_chunk(c + n, 0, 3 | 8, d, 14);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 9);
	CU_ASSERT_EQUAL(l.out[0].n, 1);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 1);
	/* Invalid stream: acknowledged, ERROR Invalid Stream Identifier. */
	sc_wr16(d + 4, 4000);
	n = sc_chunk(c, 0, 3 | 8, d, 14);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	k = sc_has(&l.out[0], 9);
	CU_ASSERT_FATAL(k >= 0);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k]), 1);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[k] + 4), 4000);
	int s = sc_has(&l.out[0], 3);
	CU_ASSERT_FATAL(s >= 0);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[s]), 101);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 1);
	CU_ASSERT_EQUAL(stats(&l).rx_invalid_stream, 1);
	/* ERROR received: every cause reported whole. */
	uint8_t causes[16];
	sc_wr16(causes, 1);
	sc_wr16(causes + 2, 8);
	sc_wr16(causes + 4, 3);
	sc_wr16(causes + 6, 0);
	sc_wr16(causes + 8, 6);
	sc_wr16(causes + 10, 8);
	sc_wr32(causes + 12, 0xC1000004);
	n = sc_chunk(c, 9, 0, causes, 16);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_REMOTE_ERROR, 0), 2);
	const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_REMOTE_ERROR, 0, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.remote_error.cause, 6);
	CU_ASSERT_EQUAL(e->u.remote_error.len, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e->u.remote_error.tlv);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(e->u.remote_error.tlv, uint8_t *), causes + 8, 8),
			0);
	/* HEARTBEAT is answered with the same info. */
	uint8_t hb[12];
	sc_wr16(hb, 1);
	sc_wr16(hb + 2, 12);
	memcpy(hb + 4, "abcdefgh", 8);
	n = sc_chunk(c, 4, 0, hb, 12);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 5);
	CU_ASSERT_EQUAL(memcmp(l.out[0].val[0], hb, 12), 0);
	lone_free(&l);
}

static struct rte_mbuf *
msg_bytes(uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sc_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	memset(rte_pktmbuf_append(m, (uint16_t)len), 0x5a, len);
	return m;
}

static void
test_sack_bundled_with_data(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[256];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xEEEE, 100, ck, &clen);
	sctpdk_assoc_id_t id = l.n.ep->assocs->id;
	uint32_t tsn0 = l.n.ep->assocs->local_tsn;
	for (int i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(l.n.ep, id, 0, 9, 0, 0, 0, msg_bytes(1400), l.now),
				0);
	lone_collect(&l);
	/* The initial cwnd (RFC 9260 7.2.1: min(4 MTU, max(2 MTU, 4404))). */
	unsigned sent = l.n_out;
	CU_ASSERT(sent >= 2 && sent <= 4);
	for (unsigned i = 0; i < sent; i++) {
		CU_ASSERT_EQUAL(l.out[i].n, 1);
		CU_ASSERT_EQUAL(l.out[i].type[0], 0);
		CU_ASSERT_EQUAL(sc_rd32(l.out[i].val[0]), tsn0 + i);
		CU_ASSERT_EQUAL(l.out[i].len[0], 16 + 1400);
	}
	/* The peer acks them all in a packet that also carries DATA with the
	 * I bit: the answer bundles our SACK with new DATA. */
	uint8_t s[12], d[20] = {0};
	sc_wr32(s, tsn0 + sent - 1);
	sc_wr32(s + 4, 100000);
	sc_wr16(s + 8, 0);
	sc_wr16(s + 10, 0);
	uint32_t n = sc_chunk(c, 3, 0, s, 12);
	sc_wr32(d, 100);
	d[12] = 1;
	n += sc_chunk(c + n, 0, 3 | 8, d, 13);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_FATAL(l.n_out >= 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 3);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), 100);
	CU_ASSERT(sc_has(&l.out[0], 0) == 1);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[1]), tsn0 + sent);
	uint32_t plen = 0;
	for (unsigned i = 0; i < l.out[0].n; i++)
		plen += (l.out[0].len[i] + 3u) & ~3u;
	CU_ASSERT(12 + plen <= 1480);
	struct sctpdk_sctp_assoc_info info;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(l.n.ep, id, &info), 0);
	CU_ASSERT_EQUAL(info.peer_rwnd, 100000 - info.outstanding_bytes);
	lone_free(&l);
}

/* Feed one DATA chunk (tsn) from the peer; flags B|E plus extra. */
static void
feed_data(struct lone *l, uint32_t tag, uint32_t tsn, uint16_t sid, uint8_t extra)
{
	uint8_t c[64], d[20] = {0};
	sc_wr32(d, tsn);
	sc_wr16(d + 4, sid);
	sc_wr16(d + 6, (uint16_t)(tsn - 100)); /* SSN follows the TSN here */
	sc_wr32(d + 8, 77);
	d[12] = (uint8_t)tsn;
	uint32_t n = sc_chunk(c, 0, (uint8_t)(3 | extra), d, 13);
	lone_feed(l, tag, c, n);
}

static void
test_sack_policy(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xABAB, 100, ck, &clen);
	/* One packet: the SACK waits for the 200 ms delayed-ack timer. */
	feed_data(&l, tz, 100, 0, 0);
	CU_ASSERT_EQUAL(l.n_out, 0);
	lone_advance(&l, 199000);
	CU_ASSERT_EQUAL(l.n_out, 0);
	lone_advance(&l, 1000);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 3);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), 100);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 4), 1u << 22); /* a_rwnd: all free */
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 8), 0);
	/* Every second packet is acknowledged at once. */
	feed_data(&l, tz, 101, 0, 0);
	CU_ASSERT_EQUAL(l.n_out, 0);
	feed_data(&l, tz, 102, 0, 0);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), 102);
	/* A gap: immediate SACK with the block (104 = cum + 2). */
	feed_data(&l, tz, 104, 0, 0);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), 102);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 8), 1);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 12), 2);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 14), 2);
	/* A duplicate: immediate SACK reporting it. */
	feed_data(&l, tz, 104, 0, 0);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 10), 1);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0] + 16), 104);
	/* The hole filled: immediate SACK, cum 104, no gaps. */
	feed_data(&l, tz, 103, 0, 0);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(sc_rd32(l.out[0].val[0]), 104);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0] + 8), 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_DATA, 0), 5);
	const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_DATA, 0, 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.data.tsn, 104);
	CU_ASSERT_EQUAL(e->u.data.ssn, 4);
	CU_ASSERT_EQUAL(e->u.data.ppid, 77);
	lone_free(&l);
}

static void
test_protocol_violation_abort(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[64];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xACAC, 100, ck, &clen);
	/* A SACK acknowledging TSNs never sent. */
	uint8_t s[12];
	sc_wr32(s, l.n.ep->assocs->local_tsn + 10);
	sc_wr32(s + 4, 1000);
	sc_wr16(s + 8, 0);
	sc_wr16(s + 10, 0);
	uint32_t n = sc_chunk(c, 3, 0, s, 12);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL_FATAL(l.n_out, 1);
	CU_ASSERT_EQUAL(l.out[0].type[0], 6);
	CU_ASSERT_EQUAL(l.out[0].vtag, 0xACAC);
	CU_ASSERT_EQUAL(sc_rd16(l.out[0].val[0]), 13);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 0);
	const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.error, 13);
	CU_ASSERT_EQUAL(stats(&l).rx_protocol_violation, 1);
	lone_free(&l);
}

static void
test_receive_every_cause(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[512], causes[400];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xC0DE, 100, ck, &clen);
	/* Causes 1..13, each with (code) bytes of info; one ERROR chunk. */
	uint32_t n = 0;
	for (uint16_t code = 1; code <= 13; code++) {
		sc_wr16(causes + n, code);
		sc_wr16(causes + n + 2, (uint16_t)(4 + code));
		for (uint16_t i = 0; i < code; i++)
			causes[n + 4 + i] = (uint8_t)(code * 16 + i);
		n += (4u + code + 3u) & ~3u;
	}
	uint32_t len = sc_chunk(c, 9, 0, causes, (uint16_t)n);
	lone_feed(&l, tz, c, len);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_REMOTE_ERROR, 0), 13);
	for (uint16_t code = 1; code <= 13; code++) {
		const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_REMOTE_ERROR, 0, code - 1u);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->assoc_id, l.n.ep->assocs->id);
		CU_ASSERT_EQUAL(e->u.remote_error.cause, code);
		CU_ASSERT_EQUAL(e->u.remote_error.len, 4 + code);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e->u.remote_error.tlv);
		const uint8_t *t = rte_pktmbuf_mtod(e->u.remote_error.tlv, const uint8_t *);
		CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(e->u.remote_error.tlv), 4u + code);
		CU_ASSERT_EQUAL(sc_rd16(t), code);
		CU_ASSERT_EQUAL(t[4 + code - 1], (uint8_t)(code * 16 + code - 1));
	}
	/* The association is unaffected (ERROR is informational). */
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(l.n.ep), 1);
	CU_ASSERT_EQUAL(l.n_out, 0);
	lone_free(&l);
}

static void
test_lifetime_expired_unsent(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512], c[64];
	uint16_t clen;
	uint32_t tz = lone_establish(&l, 0xBEBE, 100, ck, &clen);
	sctpdk_assoc_id_t id = l.n.ep->assocs->id;
	uint32_t tsn0 = l.n.ep->assocs->local_tsn;
	/* 8 messages with a 5 ms lifetime: the initial cwnd lets a few go. */
	for (uint32_t i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(l.n.ep, id, 1, 3, 0, 5, 1000 + i, msg_bytes(1400),
						 l.now),
				0);
	lone_collect(&l);
	unsigned sent = l.n_out;
	CU_ASSERT(sent >= 2 && sent < 8);
	/* 10 ms later the peer acks them: the rest are past their life. */
	l.now += 10000;
	uint8_t s[12];
	sc_wr32(s, tsn0 + sent - 1);
	sc_wr32(s + 4, 100000);
	sc_wr16(s + 8, 0);
	sc_wr16(s + 10, 0);
	uint32_t n = sc_chunk(c, 3, 0, s, 12);
	lone_feed(&l, tz, c, n);
	CU_ASSERT_EQUAL(l.n_out, 0);
	CU_ASSERT_EQUAL(sc_count(&l.n, SCTPDK_EV_SEND_FAILED, 0), 8 - sent);
	for (unsigned i = 0; i < 8 - sent; i++) {
		const struct sctpdk_sctp_event *e = sc_find(&l.n, SCTPDK_EV_SEND_FAILED, 0, i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->u.send_failed.flags, SCTPDK_DATA_UNSENT);
		CU_ASSERT_EQUAL(e->u.send_failed.context, 1000 + sent + i);
		CU_ASSERT_EQUAL(e->u.send_failed.sid, 1);
		CU_ASSERT_EQUAL(e->u.send_failed.ppid, 3);
		CU_ASSERT_PTR_NOT_NULL(e->u.send_failed.msg);
		if (e->u.send_failed.msg != NULL)
			CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(e->u.send_failed.msg), 1400);
	}
	struct sctpdk_sctp_assoc_info info;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(l.n.ep, id, &info), 0);
	CU_ASSERT_EQUAL(info.queued_bytes, 0);
	CU_ASSERT_EQUAL(info.outstanding_bytes, 0);
	lone_free(&l);
}

static void
test_abort_reports_undelivered(void)
{
	struct lone l;
	lone_init(&l, 1, 0);
	uint8_t ck[512];
	uint16_t clen;
	lone_establish(&l, 0xCACA, 100, ck, &clen);
	sctpdk_assoc_id_t id = l.n.ep->assocs->id;
	/* One 4000-byte message (three fragments), then seven of 1400. */
	struct rte_mbuf *big = rte_pktmbuf_alloc(sc_pool());
	struct rte_mbuf *big2 = rte_pktmbuf_alloc(sc_pool());
	memset(rte_pktmbuf_append(big, 2000), 1, 2000);
	memset(rte_pktmbuf_append(big2, 2000), 2, 2000);
	rte_pktmbuf_chain(big, big2);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(l.n.ep, id, 0, 1, 0, 0, 100, big, l.now), 0);
	for (uint32_t i = 0; i < 7; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(l.n.ep, id, 0, 2, 0, 0, 101 + i, msg_bytes(1400),
						 l.now),
				0);
	lone_collect(&l);
	unsigned started = 0, chunks = 0;
	for (unsigned i = 0; i < l.n_out; i++)
		for (unsigned j = 0; j < l.out[i].n; j++)
			if (l.out[i].type[j] == 0) {
				chunks++;
				started += (l.out[i].flags[j] & 2) != 0;
			}
	CU_ASSERT(chunks >= 3);
	CU_ASSERT(started >= 1 && started < 8);
	sc_poll(&l.n);
	unsigned before = l.n.n_ev;
	CU_ASSERT_EQUAL(sctpdk_sctp_abort(l.n.ep, id, NULL, 0, l.now), 0);
	sc_poll(&l.n);
	/* COMM_LOST first, then DATA_SENT per message in flight (context
	 * order), then DATA_UNSENT with the bytes of each message not started. */
	CU_ASSERT_EQUAL_FATAL(l.n.n_ev, before + 1 + 8);
	const struct sctpdk_sctp_event *ev = &l.n.ev[l.n.n_ev - 9];
	CU_ASSERT_EQUAL(ev->type, SCTPDK_EV_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(ev->u.assoc_change.state, SCTPDK_COMM_LOST);
	CU_ASSERT_EQUAL(ev->u.assoc_change.error, 12);
	for (unsigned i = 0; i < 8; i++) {
		const struct sctpdk_sctp_event *e = &l.n.ev[l.n.n_ev - 8 + i];
		CU_ASSERT_EQUAL(e->type, SCTPDK_EV_SEND_FAILED);
		CU_ASSERT_EQUAL(e->assoc_id, id);
		CU_ASSERT_EQUAL(e->u.send_failed.context, 100 + i);
		if (i < started) {
			CU_ASSERT_EQUAL(e->u.send_failed.flags, SCTPDK_DATA_SENT);
		} else {
			CU_ASSERT_EQUAL(e->u.send_failed.flags, SCTPDK_DATA_UNSENT);
			CU_ASSERT_PTR_NOT_NULL_FATAL(e->u.send_failed.msg);
			CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(e->u.send_failed.msg), 1400);
		}
	}
	lone_free(&l);
}

SCTPDK_TEST_SUITE(sctp_endpoint, sc_suite_init, NULL, SCTPDK_TEST(test_config_checks),
		  SCTPDK_TEST(test_ootb_rules), SCTPDK_TEST(test_vtag_rules),
		  SCTPDK_TEST(test_hostile_packets), SCTPDK_TEST(test_unknown_chunks_and_errors),
		  SCTPDK_TEST(test_sack_bundled_with_data), SCTPDK_TEST(test_sack_policy),
		  SCTPDK_TEST(test_protocol_violation_abort), SCTPDK_TEST(test_receive_every_cause),
		  SCTPDK_TEST(test_lifetime_expired_unsent), SCTPDK_TEST(test_abort_reports_undelivered))
