/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Association scenarios in the simulator: A associates to Z over one link;
 * assertions on the chunks that crossed (recorded on the link) and on the
 * events each side reported.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk/sctpdk_sctp_path.h"
#include "scen.h"
#include "sctpdk_test.h"

#define SEC 1000000ull

static struct rte_mbuf *
msg_of(uint32_t len, uint8_t seed)
{
	struct rte_mbuf *head = NULL, *last = NULL;
	uint32_t done = 0;
	while (done < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(sc_pool());
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		uint32_t n = len - done < 2048 ? len - done : 2048;
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)n);
		for (uint32_t i = 0; i < n; i++)
			p[i] = (uint8_t)(seed + done + i);
		if (head == NULL) {
			head = m;
		} else {
			last->next = m;
			head->nb_segs++;
			head->pkt_len += n;
		}
		last = m;
		done += n;
	}
	return head;
}

static bool
msg_is(const struct rte_mbuf *m, uint32_t len, uint8_t seed)
{
	if (rte_pktmbuf_pkt_len(m) != len)
		return false;
	uint32_t off = 0;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);
		for (uint32_t i = 0; i < s->data_len; i++, off++)
			if (p[i] != (uint8_t)(seed + off))
				return false;
	}
	return off == len;
}

/* Send that must be refused with want: the caller keeps (and frees) msg. */
static void
send_refused(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint16_t sid, struct rte_mbuf *msg,
	     uint64_t now, int want)
{
	CU_ASSERT_EQUAL(sctpdk_sctp_send(ep, id, sid, 0, 0, 0, 0, msg, now), want);
	rte_pktmbuf_free(msg);
}

static void
test_setup_and_stream_negotiation(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca, cz;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	sc_config(&cz, &p.z, 6000, sctpdk_addr_v4(10, 0, 0, 2));
	ca.max_in_streams = 10;
	cz.listening = 1;
	cz.out_streams = 5;
	cz.max_in_streams = 8;
	cz.send_adaptation = 1;
	cz.adaptation_bits = 0x01020304;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 1, &ca, &cz, 16);

	/* The four chunks on the wire, with their tags. */
	struct sc_pkt init, ack, echo, cack;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 1, 0, &init));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 2, 0, &ack));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 10, 0, &echo));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 11, 0, &cack));
	CU_ASSERT_EQUAL(init.vtag, 0);
	CU_ASSERT_EQUAL(init.n, 1);
	CU_ASSERT_EQUAL(init.sport, 5000);
	CU_ASSERT_EQUAL(init.dport, 6000);
	uint32_t tag_a = sc_rd32(init.val[0]);
	CU_ASSERT_NOT_EQUAL(tag_a, 0);
	CU_ASSERT_EQUAL(sc_rd32(init.val[0] + 4), ca.rwnd_bytes);
	CU_ASSERT_EQUAL(sc_rd16(init.val[0] + 8), 16);
	CU_ASSERT_EQUAL(sc_rd16(init.val[0] + 10), 10);
	uint16_t plen = 0;
	const uint8_t *types = sc_param(init.val[0], init.len[0] - 4, 12, &plen);
	CU_ASSERT_PTR_NOT_NULL(types);
	CU_ASSERT_EQUAL(plen, 2);
	CU_ASSERT_EQUAL(ack.vtag, tag_a);
	uint32_t tag_z = sc_rd32(ack.val[0]);
	CU_ASSERT_NOT_EQUAL(tag_z, 0);
	CU_ASSERT_EQUAL(sc_rd16(ack.val[0] + 8), 5);
	CU_ASSERT_EQUAL(sc_rd16(ack.val[0] + 10), 8);
	const uint8_t *cookie = sc_param(ack.val[0], ack.len[0] - 4, 7, &plen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cookie);
	const uint8_t *adapt = sc_param(ack.val[0], ack.len[0] - 4, 0xC006, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(adapt);
	CU_ASSERT_EQUAL(sc_rd32(adapt), 0x01020304);
	CU_ASSERT_EQUAL(echo.vtag, tag_z);
	CU_ASSERT_EQUAL(echo.type[0], 10);
	CU_ASSERT_EQUAL(echo.len[0], 4 + plen);
	CU_ASSERT_EQUAL(memcmp(echo.val[0], cookie, plen), 0);
	CU_ASSERT_EQUAL(cack.vtag, tag_a);
	CU_ASSERT_EQUAL(cack.type[0], 11);

	/* COMM_UP on both sides with the negotiated stream counts. */
	const struct sctpdk_sctp_event *ua = sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0);
	const struct sctpdk_sctp_event *uz = sc_find(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ua);
	CU_ASSERT_PTR_NOT_NULL_FATAL(uz);
	CU_ASSERT_EQUAL(ua->assoc_id, id);
	CU_ASSERT_EQUAL(ua->u.assoc_change.out_streams, 8);
	CU_ASSERT_EQUAL(ua->u.assoc_change.in_streams, 5);
	CU_ASSERT_EQUAL(uz->u.assoc_change.out_streams, 5);
	CU_ASSERT_EQUAL(uz->u.assoc_change.in_streams, 8);
	/* Z advertised adaptation bits: A reports them. */
	const struct sctpdk_sctp_event *ad = sc_find(&p.a, SCTPDK_EV_ADAPTATION, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ad);
	CU_ASSERT_EQUAL(ad->u.adaptation.bits, 0x01020304);
	struct sctpdk_sctp_assoc_info ia, iz;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, id, &ia), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.z.ep, uz->assoc_id, &iz), 0);
	CU_ASSERT_EQUAL(ia.state, SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(iz.state, SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_EQUAL(ia.local_vtag, tag_a);
	CU_ASSERT_EQUAL(ia.peer_vtag, tag_z);
	CU_ASSERT_EQUAL(iz.local_vtag, tag_z);
	CU_ASSERT_EQUAL(iz.peer_vtag, tag_a);
	CU_ASSERT_EQUAL(p.a.bad_crc + p.z.bad_crc, 0);
	sc_pair_free(&p);
}

static void
test_t1_init_backoff_and_give_up(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	ca.max_init_retrans = 3;
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 2, &ca, NULL, NULL), 0);
	struct sctpdk_sim_rule r = {.chunk_type = 1, .first = 1, .last = SCTPDK_SIM_NEVER,
				    .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT(sctpdk_sim_rule_add(p.sim, p.link, SCTPDK_SIM_AB, &r) >= 0);
	int64_t id = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0);
	CU_ASSERT_FATAL(id > 0);
	sc_run(&p, 60 * SEC);
	/* INIT at 0, 1, 3, 7 s (RTO 1 s doubling), then give up at 15 s. */
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 1), 4);
	static const uint64_t at[4] = {0, 1 * SEC, 3 * SEC, 7 * SEC};
	unsigned k = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p.sim); i++) {
		const struct sctpdk_sim_record *rec = sctpdk_sim_recorder_get(p.sim, i);
		if (rec->chunks[0] == 1 && k < 4)
			CU_ASSERT_EQUAL(rec->time_us, at[k++]);
	}
	const struct sctpdk_sctp_event *e = sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.state, SCTPDK_CANT_STR_ASSOC);
	CU_ASSERT_EQUAL(e->u.assoc_change.peer_abort, 0); /* INIT retransmissions ran out */
	CU_ASSERT_EQUAL(e->u.assoc_change.error, 0);
	CU_ASSERT_EQUAL(e->assoc_id, (sctpdk_assoc_id_t)id);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.z.ep), 0);
	sc_pair_free(&p);
}

static void
test_t1_cookie_retransmit(void)
{
	struct sc_pair p;
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 3, NULL, NULL, NULL), 0);
	/* Drop the first two COOKIE ECHOs. */
	struct sctpdk_sim_rule r = {.chunk_type = 10, .first = 1, .last = 2,
				    .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT(sctpdk_sim_rule_add(p.sim, p.link, SCTPDK_SIM_AB, &r) >= 0);
	CU_ASSERT(sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0) > 0);
	sc_run(&p, 10 * SEC);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 10), 3);
	uint64_t t[3];
	unsigned k = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p.sim); i++) {
		const struct sctpdk_sim_record *rec = sctpdk_sim_recorder_get(p.sim, i);
		if (rec->chunks[0] == 10 && k < 3)
			t[k++] = rec->time_us;
	}
	CU_ASSERT_EQUAL(k, 3);
	CU_ASSERT_EQUAL(t[1] - t[0], 1 * SEC);
	CU_ASSERT_EQUAL(t[2] - t[1], 2 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	/* The same cookie each time. */
	struct sc_pkt e0, e2;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 10, 0, &e0));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 10, 2, &e2));
	CU_ASSERT_EQUAL(e0.len[0], e2.len[0]);
	CU_ASSERT_EQUAL(memcmp(e0.val[0], e2.val[0], e0.len[0] - 4), 0);
	sc_pair_free(&p);
}

static void
test_data_bundled_with_cookie_echo(void)
{
	struct sc_pair p;
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 4, NULL, NULL, NULL), 0);
	p.z.keep_data = true;
	int64_t id = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0);
	CU_ASSERT_FATAL(id > 0);
	/* Queued in COOKIE-WAIT, it rides with the COOKIE ECHO. */
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)id, 3, 0x77, 0, 0, 42,
					 msg_of(100, 9), 0),
			0);
	sc_run(&p, 1 * SEC);
	struct sc_pkt echo;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 10, 0, &echo));
	CU_ASSERT_EQUAL(echo.n, 2);
	CU_ASSERT_EQUAL(echo.type[0], 10);
	CU_ASSERT_EQUAL(echo.type[1], 0);
	CU_ASSERT_EQUAL(echo.flags[1], 0x03); /* B and E */
	CU_ASSERT_EQUAL(echo.len[1], 16 + 100);
	CU_ASSERT_EQUAL(sc_rd16(echo.val[1] + 4), 3);
	CU_ASSERT_EQUAL(sc_rd16(echo.val[1] + 6), 0);
	CU_ASSERT_EQUAL(sc_rd32(echo.val[1] + 8), 0x77);
	const struct sctpdk_sctp_event *d = sc_find(&p.z, SCTPDK_EV_DATA, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->u.data.sid, 3);
	CU_ASSERT_EQUAL(d->u.data.ppid, 0x77);
	CU_ASSERT_EQUAL(d->u.data.tsn, sc_rd32(echo.val[1]));
	CU_ASSERT(msg_is(d->u.data.msg, 100, 9));
	/* The COOKIE ACK comes first in Z's first packet, the SACK of the
	 * DATA rides with it. */
	struct sc_pkt cack;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 11, 0, &cack));
	CU_ASSERT_EQUAL(cack.type[0], 11);
	CU_ASSERT_EQUAL(cack.n, 2);
	CU_ASSERT_EQUAL(cack.type[1], 3);
	CU_ASSERT_EQUAL(sc_rd32(cack.val[1]), sc_rd32(echo.val[1]));
	struct sctpdk_sctp_assoc_info ia;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, (sctpdk_assoc_id_t)id, &ia), 0);
	CU_ASSERT_EQUAL(ia.outstanding_bytes, 0);
	sc_pair_free(&p);
}

static void
test_data_fragmented_ordered_unordered(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 5, NULL, NULL, 4);
	p.z.keep_data = true;
	/* 4000 bytes ordered on stream 1, 10 unordered on 2, 1 ordered on 1. */
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 1, 11, 0, 0, 0, msg_of(4000, 1), 10000), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 2, 22, SCTPDK_SEND_UNORDERED, 0, 0,
					 msg_of(10, 2), 10000),
			0);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 1, 33, 0, 0, 0, msg_of(1, 3), 10000), 0);
	send_refused(p.a.ep, id, 4, msg_of(1, 3), 10000, SCTPDK_ERR_INVAL);
	sc_run(&p, 1 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 3);
	const struct sctpdk_sctp_event *m1 = NULL, *m2 = NULL, *m3 = NULL;
	for (unsigned i = 0; i < 3; i++) {
		const struct sctpdk_sctp_event *e = sc_find(&p.z, SCTPDK_EV_DATA, 0, i);
		if (e->u.data.ppid == 11)
			m1 = e;
		else if (e->u.data.ppid == 22)
			m2 = e;
		else
			m3 = e;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(m1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m3);
	CU_ASSERT(msg_is(m1->u.data.msg, 4000, 1));
	CU_ASSERT_EQUAL(m1->u.data.sid, 1);
	CU_ASSERT_EQUAL(m1->u.data.ssn, 0);
	CU_ASSERT_EQUAL(m1->u.data.flags, 0);
	CU_ASSERT(msg_is(m2->u.data.msg, 10, 2));
	CU_ASSERT_EQUAL(m2->u.data.flags, SCTPDK_MSG_UNORDERED);
	CU_ASSERT(msg_is(m3->u.data.msg, 1, 3));
	CU_ASSERT_EQUAL(m3->u.data.ssn, 1);
	/* m1 before m3 (same stream, ordered). */
	CU_ASSERT(m1 < m3);
	/* Every packet within the PMTU (1500 - 20), the 4000 bytes cut into
	 * B / middle / E fragments with consecutive TSNs. */
	unsigned b = 0, mid = 0, e = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p.sim); i++) {
		const struct sctpdk_sim_record *rec = sctpdk_sim_recorder_get(p.sim, i);
		CU_ASSERT(rec->pkt_len <= 1480);
		struct sc_pkt pk;
		uint8_t buf[2048];
		memcpy(buf, rec->snap, rec->snap_len);
		sc_parse(buf, rec->snap_len, &pk);
		for (unsigned j = 0; j < pk.n; j++) {
			if (pk.type[j] != 0 || sc_rd32(pk.val[j] + 8) != 11)
				continue;
			uint8_t f = pk.flags[j] & 3;
			b += f == 2;
			mid += f == 0;
			e += f == 1;
		}
	}
	CU_ASSERT_EQUAL(b, 1);
	CU_ASSERT_EQUAL(e, 1);
	CU_ASSERT(mid >= 1);
	sc_pair_free(&p);
}

static void
test_graceful_shutdown(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 6, NULL, NULL, 0);
	/* Outstanding data: SHUTDOWN waits for it (SHUTDOWN-PENDING). */
	for (int i = 0; i < 20; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg_of(1000, 5), 10000),
				0);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(p.a.ep, id, 10000), 0);
	struct sctpdk_sctp_assoc_info ia;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, id, &ia), 0);
	CU_ASSERT_EQUAL(ia.state, SCTPDK_ST_SHUTDOWN_PENDING);
	send_refused(p.a.ep, id, 0, msg_of(10, 5), 10000, SCTPDK_ERR_SHUTDOWN);
	sc_run(&p, 5 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 20);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_SHUTDOWN, 0), 1);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.z.ep), 0);
	/* The SHUTDOWN went after the last DATA; its cum TSN is Z's last
	 * received (none: Z sent nothing, so Z's initial TSN - 1). */
	struct sc_pkt sd, sa, sc, init_ack;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 7, 0, &sd));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 8, 0, &sa));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 14, 0, &sc));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 2, 0, &init_ack));
	int k = sc_has(&sd, 7);
	CU_ASSERT_EQUAL(sd.len[k], 8);
	CU_ASSERT_EQUAL(sc_rd32(sd.val[k]), sc_rd32(init_ack.val[0] + 12) - 1);
	CU_ASSERT_EQUAL(sc.flags[0] & 1, 0);
	CU_ASSERT_EQUAL(sc.vtag, sd.vtag);
	unsigned n = sctpdk_sim_recorder_count(p.sim), last_data = 0, first_sd = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p.sim, i);
		if (r->chunks[0] == 0 || (r->n_chunks > 1 && r->chunks[1] == 0))
			last_data = i;
		if (first_sd == 0 && r->chunks[0] == 7)
			first_sd = i;
	}
	CU_ASSERT(first_sd > last_data);
	sc_pair_free(&p);
}

static void
test_shutdown_t2_retransmit(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 7, NULL, NULL, 0);
	struct sctpdk_sim_rule r = {.chunk_type = 7, .first = 1, .last = 2,
				    .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT(sctpdk_sim_rule_add(p.sim, p.link, SCTPDK_SIM_AB, &r) >= 0);
	uint64_t t0 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(p.a.ep, id, t0), 0);
	sc_run(&p, 10 * SEC);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 7), 3);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	sc_pair_free(&p);
}

static void
test_shutdown_guard_t5(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	ca.max_retrans = 100;
	ca.rto_max_us = 4 * SEC;
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 8, &ca, NULL, NULL), 0);
	int64_t id = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0);
	sc_run(&p, 100000);
	/* Z never hears a SHUTDOWN: A's T5 (5 x RTO.Max = 20 s) aborts. */
	struct sctpdk_sim_rule r = {.chunk_type = 7, .first = 1, .last = SCTPDK_SIM_NEVER,
				    .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT(sctpdk_sim_rule_add(p.sim, p.link, SCTPDK_SIM_AB, &r) >= 0);
	uint64_t t0 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(p.a.ep, (sctpdk_assoc_id_t)id, t0), 0);
	sc_run(&p, 60 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST), 1);
	struct sc_pkt ab;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 6, 0, &ab));
	unsigned n = sctpdk_sim_recorder_count(p.sim);
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sim_record *rec = sctpdk_sim_recorder_get(p.sim, i);
		if (rec->chunks[0] == 6)
			CU_ASSERT_EQUAL(rec->time_us, t0 + 20 * SEC);
	}
	sc_pair_free(&p);
}

static void
test_user_abort(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 9, NULL, NULL, 0);
	struct sc_pkt init_ack;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 2, 0, &init_ack));
	CU_ASSERT_EQUAL(sctpdk_sctp_abort(p.a.ep, id, "bye", 3, sctpdk_sim_now_us(p.sim)), 0);
	sc_run(&p, 1 * SEC);
	struct sc_pkt ab;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 6, 0, &ab));
	CU_ASSERT_EQUAL(ab.vtag, sc_rd32(init_ack.val[0]));
	CU_ASSERT_EQUAL(ab.flags[0] & 1, 0);
	CU_ASSERT_EQUAL(ab.len[0], 4 + 4 + 3);
	CU_ASSERT_EQUAL(sc_rd16(ab.val[0]), 12);
	CU_ASSERT_EQUAL(sc_rd16(ab.val[0] + 2), 7);
	CU_ASSERT_EQUAL(memcmp(ab.val[0] + 4, "bye", 3), 0);
	const struct sctpdk_sctp_event *e = sc_find(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->u.assoc_change.error, 12);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.z.ep), 0);
	send_refused(p.a.ep, id, 0, msg_of(1, 1), 0, SCTPDK_ERR_NOTFOUND);
	sc_pair_free(&p);
}

static void
test_bidirectional_many_messages(void)
{
	struct sc_pair p;
	struct sctpdk_sim_link_cfg lc = {.delay_us = 10000};
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 10, NULL, NULL, &lc), 0);
	int64_t aid = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0);
	CU_ASSERT_FATAL(aid > 0);
	sctpdk_assoc_id_t id = (sctpdk_assoc_id_t)aid;
	sc_run(&p, 100000);
	const struct sctpdk_sctp_event *uz = sc_find(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(uz);
	sctpdk_assoc_id_t zid = uz->assoc_id;
	uint64_t now = sctpdk_sim_now_us(p.sim);
	for (int i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, (uint16_t)(i % 10), (uint32_t)i,
						 (i & 1) ? SCTPDK_SEND_UNORDERED : 0, 0, 0,
						 msg_of((uint32_t)(1 + i * 37), (uint8_t)i), now),
				0);
	sc_run(&p, 5000);
	now = sctpdk_sim_now_us(p.sim);
	for (int i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.z.ep, zid, (uint16_t)(i % 10), (uint32_t)i, 0, 0,
						 0, msg_of((uint32_t)(1 + i * 53), (uint8_t)i), now),
				0);
	sc_run(&p, 5 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_DATA, 0), 100);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 100);
	struct sctpdk_sctp_assoc_info ia;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, id, &ia), 0);
	CU_ASSERT_EQUAL(ia.outstanding_bytes, 0);
	CU_ASSERT_EQUAL(ia.queued_bytes, 0);
	sc_pair_free(&p);
}

/* SCTPDK_SEND_MORE queues without sending; the flush sends the burst
 * bundled in one packet; a send without the flag flushes too. */
static void
test_send_more_bundles(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 11, NULL, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0));
	/* this test is about explicit bundling: keep the Nagle-like rule out */
	CU_ASSERT_EQUAL(sctpdk_sctp_set_nodelay(p.a.ep, id, 1), 0);
	struct sctpdk_sctp_stats s0, s1;
	sctpdk_sctp_stats_get(p.a.ep, &s0);
	uint64_t now = sctpdk_sim_now_us(p.sim);
	for (int i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, (uint32_t)i, SCTPDK_SEND_MORE, 0, 0,
						 msg_of(64, (uint8_t)i), now),
				0);
	sctpdk_sctp_stats_get(p.a.ep, &s1);
	CU_ASSERT_EQUAL(s1.tx_packets, s0.tx_packets);
	CU_ASSERT_EQUAL(sctpdk_sctp_flush(p.a.ep, id, now), 0);
	sctpdk_sctp_stats_get(p.a.ep, &s1);
	CU_ASSERT_EQUAL(s1.tx_packets, s0.tx_packets + 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_flush(p.a.ep, id + 100, now), SCTPDK_ERR_NOTFOUND);
	/* two queued with MORE, then one without: all three leave at once */
	for (int i = 10; i < 12; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, (uint32_t)i, SCTPDK_SEND_MORE, 0, 0,
						 msg_of(64, (uint8_t)i), now),
				0);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 12, 0, 0, 0, msg_of(64, 12), now), 0);
	sctpdk_sctp_stats_get(p.a.ep, &s0);
	CU_ASSERT_EQUAL(s0.tx_packets, s1.tx_packets + 1);
	sc_run(&p, SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 13);
	for (unsigned i = 0; i < p.z.n_ev; i++)
		if (p.z.ev[i].type == SCTPDK_EV_DATA)
			CU_ASSERT_EQUAL(p.z.ev[i].u.data.len, 64);
	sc_pair_free(&p);
}

static void
test_simultaneous_open(void)
{
	struct sc_pair p;
	struct sctpdk_sim_link_cfg lc = {.delay_us = 5000};
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 11, NULL, NULL, &lc), 0);
	/* Both sides send INIT at once: the INITs cross (5.2.1). */
	int64_t aid = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 0, 0);
	CU_ASSERT(aid > 0);
	CU_ASSERT(sctpdk_sctp_associate(p.z.ep, &p.a.addr, 5000, 0, 0) > 0);
	/* At 12 ms A is in COOKIE-ECHOED: data queued now goes out with the
	 * COOKIE ACK A sends for Z's COOKIE ECHO (arriving at 15 ms). */
	sc_run(&p, 12000);
	struct sctpdk_sctp_assoc_info x;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, (sctpdk_assoc_id_t)aid, &x), 0);
	CU_ASSERT_EQUAL(x.state, SCTPDK_ST_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)aid, 1, 9, 0, 0, 0,
					 msg_of(30, 4), 12000),
			0);
	sc_run(&p, 2 * SEC);
	struct sc_pkt ca;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 11, 0, &ca));
	CU_ASSERT_EQUAL(ca.type[0], 11);
	CU_ASSERT(sc_has(&ca, 0) > 0);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.z.ep), 1);
	/* Each INIT ACK kept the original tag of its sender's INIT. */
	struct sc_pkt ia, iz, aa, az;
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 1, 0, &ia));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 1, 0, &iz));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.a, 2, 0, &aa));
	CU_ASSERT_FATAL(sc_rec_get(&p, &p.z, 2, 0, &az));
	CU_ASSERT_EQUAL(sc_rd32(aa.val[0]), sc_rd32(ia.val[0]));
	CU_ASSERT_EQUAL(sc_rd32(az.val[0]), sc_rd32(iz.val[0]));
	const struct sctpdk_sctp_event *ua = sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0);
	const struct sctpdk_sctp_event *uz = sc_find(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP, 0);
	struct sctpdk_sctp_assoc_info xa, xz;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, ua->assoc_id, &xa), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.z.ep, uz->assoc_id, &xz), 0);
	CU_ASSERT_EQUAL(xa.local_vtag, xz.peer_vtag);
	CU_ASSERT_EQUAL(xz.local_vtag, xa.peer_vtag);
	CU_ASSERT_EQUAL(xa.local_vtag, sc_rd32(ia.val[0]));
	/* And data flows. */
	p.z.keep_data = true;
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, ua->assoc_id, 0, 5, 0, 0, 0, msg_of(50, 1),
					 sctpdk_sim_now_us(p.sim)),
			0);
	sc_run(&p, SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 2); /* the 30 and the 50 bytes */
	sc_pair_free(&p);
}

static void
test_peer_restart(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 12, NULL, NULL, 0);
	struct sctpdk_sctp_assoc_info before;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, id, &before), 0);
	/* Z loses all state and associates again from the same address. */
	struct sctpdk_sctp_config cz;
	sc_config(&cz, &p.z, 6000, p.z.addr);
	sc_clear_events(&p.z);
	sctpdk_sctp_ep_del(p.z.ep);
	p.z.ep = sctpdk_sctp_ep_new(&cz, sctpdk_sim_now_us(p.sim));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p.z.ep);
	CU_ASSERT(sctpdk_sctp_associate(p.z.ep, &p.a.addr, 5000, 0, sctpdk_sim_now_us(p.sim)) > 0);
	sc_run(&p, SEC);
	/* A answered the INIT with tie-tags and recognised the restart. */
	const struct sctpdk_sctp_event *r = sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_RESTART, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->assoc_id, id);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP), 1);
	struct sctpdk_sctp_assoc_info after;
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_info(p.a.ep, id, &after), 0);
	CU_ASSERT_EQUAL(after.state, SCTPDK_ST_ESTABLISHED);
	CU_ASSERT_NOT_EQUAL(after.local_vtag, before.local_vtag);
	CU_ASSERT_NOT_EQUAL(after.peer_vtag, before.peer_vtag);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 1);
	p.z.keep_data = true;
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 5, 0, 0, 0, msg_of(70, 2),
					 sctpdk_sim_now_us(p.sim)),
			0);
	sc_run(&p, SEC);
	const struct sctpdk_sctp_event *d = sc_find(&p.z, SCTPDK_EV_DATA, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->u.data.ssn, 0);
	CU_ASSERT(msg_is(d->u.data.msg, 70, 2));
	sc_pair_free(&p);
}

static void
test_peer_unreachable_comm_lost(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 13, NULL, NULL, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up(p.sim, p.link, SCTPDK_SIM_BOTH, 0), 0);
	uint64_t t0 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg_of(100, 1), t0), 0);
	sc_run(&p, 1000 * SEC);
	/* The original and Association.Max.Retrans (10) retransmissions, RTO
	 * doubling from 1 s up to RTO.Max 60 s, then COMM_LOST. */
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 0), 11);
	const struct sctpdk_sctp_event *e = sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 0);
	uint64_t last = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p.sim); i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p.sim, i);
		if (r->chunks[0] == 0)
			last = r->time_us;
	}
	/* 1+2+4+8+16+32+60+60+60+60 s after the first send. */
	CU_ASSERT_EQUAL(last - t0, 303 * SEC);
	sc_pair_free(&p);
}

/* One transfer of 60 messages (1..5990 bytes, most not a multiple of 4)
 * from A to Z over a link that loses, duplicates, reorders and corrupts,
 * A building its DATA packets with tx_ref_min = ref_min. Every message
 * arrives intact (a corruption written into a shared payload would reach
 * the retransmission too), and the pool is whole again afterwards. */
static void
lossy_transfer(uint32_t ref_min, uint64_t seed, struct sctpdk_sctp_stats *st, uint64_t *trace)
{
	unsigned in_use = rte_mempool_in_use_count(sc_pool());
	struct sc_pair p;
	struct sctpdk_sctp_config ca, cz;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	sc_config(&cz, &p.z, 6000, sctpdk_addr_v4(10, 0, 0, 2));
	cz.listening = 1;
	ca.tx_ref_min = ref_min;
	struct sctpdk_sim_link_cfg lc = {
	    .delay_us = 2000, .loss = 0.05, .dup = 0.03, .reorder = 0.05, .corrupt = 0.03};
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, seed, &ca, &cz, &lc), 0);
	p.z.keep_data = true;
	int64_t aid = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 4, 0);
	CU_ASSERT_FATAL(aid > 0);
	sc_run(&p, 20 * SEC);
	CU_ASSERT_FATAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP) == 1);
	uint64_t now = sctpdk_sim_now_us(p.sim);
	for (uint32_t i = 0; i < 60; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)aid, (uint16_t)(i % 4),
						 i, 0, 0, 0, msg_of(1 + i * 997 % 5990, (uint8_t)i),
						 now),
				0);
	sc_run(&p, 120 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 60);
	bool seen[60] = {false};
	for (unsigned k = 0; k < sc_count(&p.z, SCTPDK_EV_DATA, 0); k++) {
		const struct sctpdk_sctp_event *e = sc_find(&p.z, SCTPDK_EV_DATA, 0, k);
		uint32_t i = e->u.data.ppid;
		CU_ASSERT_FATAL(i < 60);
		CU_ASSERT(!seen[i]);
		seen[i] = true;
		CU_ASSERT(msg_is(e->u.data.msg, 1 + i * 997 % 5990, (uint8_t)i));
	}
	sctpdk_sctp_stats_get(p.a.ep, st);
	struct sctpdk_sim_link_stats ls;
	CU_ASSERT_EQUAL(sctpdk_sim_link_stats(p.sim, p.link, SCTPDK_SIM_AB, &ls), 0);
	CU_ASSERT(ls.corrupted > 0);
	CU_ASSERT(ls.dropped_pkts > 0);
	*trace = sctpdk_sim_trace_hash(p.sim);
	sc_pair_free(&p);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), in_use);
}

/* Z copies received payloads of at most copy_max bytes (rx_copy_max),
 * slices the rest; A sends messages around the cut-off, and with a 600-byte
 * path MTU (552-byte fragments) fragmented ones whose pieces fall on both
 * sides of it, over a link that loses, duplicates, reorders and corrupts.
 * Every message arrives byte-exact, once, and the pool is whole again. */
static void
rx_copy_transfer(uint32_t copy_max, uint64_t seed, struct sctpdk_sctp_stats *st,
		 uint64_t *trace)
{
	static const uint32_t sizes[] = {1,   3,   4,   5,   299, 300, 301, 551,  552,
					 553, 600, 850, 852, 853, 1104, 1105, 1400, 3000};
	enum { N = 72 };
	unsigned in_use = rte_mempool_in_use_count(sc_pool());
	struct sc_pair p;
	struct sctpdk_sctp_config ca, cz;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	sc_config(&cz, &p.z, 6000, sctpdk_addr_v4(10, 0, 0, 2));
	cz.listening = 1;
	ca.pmtu = cz.pmtu = 600;
	cz.rx_copy_max = copy_max;
	struct sctpdk_sim_link_cfg lc = {
	    .delay_us = 2000, .loss = 0.05, .dup = 0.03, .reorder = 0.05, .corrupt = 0.03};
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, seed, &ca, &cz, &lc), 0);
	p.z.keep_data = true;
	int64_t aid = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 4, 0);
	CU_ASSERT_FATAL(aid > 0);
	sc_run(&p, 20 * SEC);
	CU_ASSERT_FATAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_UP) == 1);
	uint64_t now = sctpdk_sim_now_us(p.sim);
	/* streams 0-1 ordered, 2-3 unordered */
	for (uint32_t i = 0; i < N; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)aid, (uint16_t)(i % 4),
						 i, (i % 4) >= 2 ? SCTPDK_SEND_UNORDERED : 0, 0, 0,
						 msg_of(sizes[i % RTE_DIM(sizes)], (uint8_t)(i * 7)),
						 now),
				0);
	sc_run(&p, 120 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), N);
	bool seen[N] = {false};
	uint32_t last[2] = {0, 0};
	bool first[2] = {true, true};
	for (unsigned k = 0; k < sc_count(&p.z, SCTPDK_EV_DATA, 0); k++) {
		const struct sctpdk_sctp_event *e = sc_find(&p.z, SCTPDK_EV_DATA, 0, k);
		uint32_t i = e->u.data.ppid;
		CU_ASSERT_FATAL(i < N);
		CU_ASSERT(!seen[i]);
		seen[i] = true;
		CU_ASSERT(msg_is(e->u.data.msg, sizes[i % RTE_DIM(sizes)], (uint8_t)(i * 7)));
		CU_ASSERT_EQUAL(e->u.data.sid, i % 4);
		if (i % 4 < 2) { /* ordered: increasing per stream */
			CU_ASSERT(first[i % 4] || i > last[i % 4]);
			first[i % 4] = false;
			last[i % 4] = i;
		}
	}
	sctpdk_sctp_stats_get(p.z.ep, st);
	struct sctpdk_sim_link_stats ls;
	CU_ASSERT_EQUAL(sctpdk_sim_link_stats(p.sim, p.link, SCTPDK_SIM_AB, &ls), 0);
	CU_ASSERT(ls.dropped_pkts > 0);
	*trace = sctpdk_sim_trace_hash(p.sim);
	sc_pair_free(&p);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), in_use);
}

static void
test_rx_copy_around_cutoff(void)
{
	struct sctpdk_sctp_stats sliced, copied, all;
	uint64_t h_sliced, h_copied, h_all;
	rx_copy_transfer(0, 31, &sliced, &h_sliced);
	CU_ASSERT_EQUAL(sliced.rx_payload_copies, 0);
	CU_ASSERT(sliced.rx_payload_refs >= 72);
	rx_copy_transfer(300, 31, &copied, &h_copied);
	CU_ASSERT(copied.rx_payload_copies > 0);
	CU_ASSERT(copied.rx_payload_refs > 0);
	rx_copy_transfer(2048, 31, &all, &h_all);
	CU_ASSERT_EQUAL(all.rx_payload_refs, 0);
	CU_ASSERT(all.rx_payload_copies >= 72);
	/* same seed: the copies change nothing on the wire */
	CU_ASSERT_EQUAL(h_sliced, h_copied);
	CU_ASSERT_EQUAL(h_sliced, h_all);
	CU_ASSERT_EQUAL(sliced.rx_payload_copies + sliced.rx_payload_refs,
			copied.rx_payload_copies + copied.rx_payload_refs);
}

static void
test_payload_by_reference_lossy(void)
{
	struct sctpdk_sctp_stats by_ref, copied;
	uint64_t h_ref, h_copy;
	lossy_transfer(0, 21, &by_ref, &h_ref);
	CU_ASSERT(by_ref.tx_payload_refs >= 60);
	/* only payloads under 4 bytes are copied (message 0 has 1 byte) */
	CU_ASSERT(by_ref.tx_payload_copies >= 1 && by_ref.tx_payload_copies <= 10);
	lossy_transfer(UINT32_MAX, 21, &copied, &h_copy);
	CU_ASSERT_EQUAL(copied.tx_payload_refs, 0);
	CU_ASSERT(copied.tx_payload_copies >= 60);
	/* Same seed: the same packets, byte for byte, either way. */
	CU_ASSERT_EQUAL(by_ref.tx_packets, copied.tx_packets);
	CU_ASSERT_EQUAL(h_ref, h_copy);
}

SCTPDK_TEST_SUITE(sctp_association, sc_suite_init, NULL,
		  SCTPDK_TEST(test_send_more_bundles),
		  SCTPDK_TEST(test_setup_and_stream_negotiation),
		  SCTPDK_TEST(test_t1_init_backoff_and_give_up),
		  SCTPDK_TEST(test_t1_cookie_retransmit),
		  SCTPDK_TEST(test_data_bundled_with_cookie_echo),
		  SCTPDK_TEST(test_data_fragmented_ordered_unordered),
		  SCTPDK_TEST(test_graceful_shutdown), SCTPDK_TEST(test_shutdown_t2_retransmit),
		  SCTPDK_TEST(test_shutdown_guard_t5), SCTPDK_TEST(test_user_abort),
		  SCTPDK_TEST(test_bidirectional_many_messages), SCTPDK_TEST(test_simultaneous_open),
		  SCTPDK_TEST(test_peer_restart), SCTPDK_TEST(test_peer_unreachable_comm_lost),
		  SCTPDK_TEST(test_payload_by_reference_lossy),
		  SCTPDK_TEST(test_rx_copy_around_cutoff))
