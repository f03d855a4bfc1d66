/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-association parameters (params.c) and destination management
 * (path.c) checked in the simulator: DISABLE_FRAGMENTS, SNDBUF, AUTOCLOSE,
 * RTOINFO, ASSOCINFO, heartbeats on request with nonce and RTT, heartbeat
 * interval 0, set primary.
 */
#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>

#include "scen.h"
#include "sctpdk_sim.h"
#include "sctpdk_test.h"

#define SEC 1000000ull

static struct rte_mbuf *
msg(uint32_t len)
{
	struct rte_mbuf *head = NULL;
	uint32_t done = 0;
	while (done < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(sc_pool());
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		uint32_t n = len - done < 2048 ? len - done : 2048;
		memset(rte_pktmbuf_append(m, (uint16_t)n), (int)(done & 0xff), n);
		if (head == NULL)
			head = m;
		else
			rte_pktmbuf_chain(head, m);
		done += n;
	}
	return head;
}

static void
test_disable_fragments(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 1, NULL, NULL, 4);
	uint64_t now = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_disable_fragments(p.a.ep, id, 1), 0);
	struct rte_mbuf *big = msg(1453), *fits = msg(1452);
	/* 1500 - 20 (IP) - 12 (common header) - 16 (DATA header) = 1452 */
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 7, big, now), SCTPDK_ERR_MSGSIZE);
	rte_pktmbuf_free(big);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 8, fits, now), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_disable_fragments(p.a.ep, id, 0), 0);
	big = msg(5000);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 9, big, now), 0);
	sc_kick(&p);
	sc_run(&p, SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 2);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_disable_fragments(p.a.ep, 999, 1), SCTPDK_ERR_NOTFOUND);
	sc_pair_free(&p);
}

static void
test_sndbuf(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 2, NULL, NULL, 4);
	uint64_t now = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_sndbuf(p.a.ep, id, 10000), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_sndbuf(p.a.ep, id, 0), SCTPDK_ERR_INVAL);
	int ok = 0, again = 0;
	for (int i = 0; i < 20; i++) {
		struct rte_mbuf *m = msg(4000);
		int rc = sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, m, now);
		if (rc == 0)
			ok++;
		else {
			CU_ASSERT_EQUAL(rc, SCTPDK_ERR_AGAIN);
			rte_pktmbuf_free(m);
			again++;
		}
	}
	/* Some leave at once (cwnd 4380 takes 2 packets' worth); the rest
	 * queue up to 10000 bytes. */
	CU_ASSERT(ok >= 3 && ok <= 5);
	CU_ASSERT_EQUAL(ok + again, 20);
	sc_kick(&p);
	sc_run(&p, 5 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), (unsigned)ok);
	sc_pair_free(&p);
}

static void
test_autoclose(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	ca.autoclose_s = 5;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 3, &ca, NULL, 4);
	uint64_t t0 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), t0), 0);
	sc_kick(&p);
	sc_run(&p, 3 * SEC);
	/* Data moved at 3 s: the idle clock restarts. */
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), sctpdk_sim_now_us(p.sim)), 0);
	sc_kick(&p);
	sc_run(&p, 4 * SEC);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 1);
	sc_run(&p, 3 * SEC); /* 8 s idle from the last send at 3 s */
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(p.a.ep), 0);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_SHUTDOWN_COMP), 1);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 2);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST), 0);
	sc_pair_free(&p);
}

static void
test_rtoinfo_and_max_retrans(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 4, NULL, NULL, 4);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_rtoinfo(p.a.ep, id, 0, 200000, 400000), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_rtoinfo(p.a.ep, id, 0, 500000, 400000), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_max_retrans(p.a.ep, id, 2), 0);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(p.a.ep, id, 0, &pi), 0);
	CU_ASSERT_EQUAL(pi.rto_us, 400000u); /* 1 s clamped to the new maximum */
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up(p.sim, p.link, SCTPDK_SIM_BOTH, 0), 0);
	uint64_t t0 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 42, msg(300), t0), 0);
	sc_kick(&p);
	sc_run(&p, 10 * SEC);
	/* Three T3 expiries at 0.4, 0.8, 1.2 s (RTO capped at 0.4 s): the
	 * third exceeds Association.Max.Retrans 2. */
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 0), 3);
	const struct sctpdk_sctp_event *e =
	    sc_find(&p.a, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST, 0);
	CU_ASSERT_PTR_NOT_NULL(e);
	const struct sctpdk_sctp_event *f = sc_find(&p.a, SCTPDK_EV_SEND_FAILED, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->u.send_failed.context, 42);
	CU_ASSERT_EQUAL(f->u.send_failed.flags, SCTPDK_DATA_SENT);
	/* Endpoint defaults. */
	CU_ASSERT_EQUAL(sctpdk_sctp_set_rtoinfo(p.a.ep, 0, 300000, 100000, 0), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_max_retrans(p.a.ep, 0, 4), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_max_retrans(p.a.ep, 12345, 4), SCTPDK_ERR_NOTFOUND);
	sc_pair_free(&p);
}

/* Heartbeat chunks sent by A, with their Heartbeat Info. */
static void
test_heartbeat_on_request(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	ca.hb_interval_ms = 0; /* off */
	sctpdk_assoc_id_t id = sc_pair_up(&p, 5, &ca, NULL, 4);
	sc_run(&p, 100 * SEC);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 4), 0); /* interval 0: none */
	CU_ASSERT_EQUAL(sctpdk_sctp_set_peer_addr_params(p.a.ep, id, SCTPDK_HB_NOW, 5,
							 sctpdk_sim_now_us(p.sim)),
			0);
	sc_kick(&p);
	sc_run(&p, 1 * SEC);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.a, 4), 1);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.z, 5), 1);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(p.a.ep, id, 0, &pi), 0);
	CU_ASSERT_EQUAL(pi.hb_sent, 1);
	CU_ASSERT_EQUAL(pi.hb_acked, 1);
	/* Periodic: interval 2 s, + RTO x [0.5, 1.5) = 2.5..3.5 s apart. */
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_set_peer_addr_params(p.a.ep, id, 2000, 5, sctpdk_sim_now_us(p.sim)), 0);
	sc_kick(&p);
	sc_run(&p, 30 * SEC);
	unsigned n = sc_rec_count(&p, &p.a, 4);
	printf(" [%u heartbeats in 30 s] ", n - 1);
	CU_ASSERT(n >= 1 + 8 && n <= 1 + 12);
	CU_ASSERT_EQUAL(sc_rec_count(&p, &p.z, 5), n);
	CU_ASSERT_EQUAL(sc_count(&p.a, SCTPDK_EV_PEER_ADDR_CHANGE, 0), 0);
	sc_pair_free(&p);
}

/* A forged HEARTBEAT ACK (wrong nonce) changes nothing. */
static void
test_heartbeat_nonce(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	ca.hb_interval_ms = 0;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 6, &ca, NULL, 4);
	struct sctpdk_sctp_assoc_info ai;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sctp_assoc_info(p.a.ep, id, &ai), 0);
	uint8_t info[28] = {0, 1, 0, 28};
	info[4] = 0x55; /* some nonce */
	uint8_t chunks[64];
	uint32_t len = sc_chunk(chunks, 5, 0, info, sizeof(info));
	struct sctpdk_sctp_stats before, after;
	sctpdk_sctp_stats_get(p.a.ep, &before);
	struct rte_mbuf *m = sc_packet(6000, 5000, ai.local_vtag, chunks, len);
	sctpdk_sctp_input(p.a.ep, m, &p.z.addr, &p.a.addr, sctpdk_sim_now_us(p.sim));
	sctpdk_sctp_stats_get(p.a.ep, &after);
	CU_ASSERT_EQUAL(after.rx_unexpected, before.rx_unexpected + 1);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(p.a.ep, id, 0, &pi), 0);
	CU_ASSERT_EQUAL(pi.hb_acked, 0);
	sc_pair_free(&p);
}

/* Largest DATA packet A sent at or after t_us. */
static uint32_t
max_data_pkt(const struct sc_pair *p, uint64_t t_us)
{
	uint32_t mx = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p->sim); i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p->sim, i);
		if (r->time_us < t_us || !sctpdk_addr_eq(&r->src, &p->a.addr) || r->n_chunks == 0)
			continue;
		bool data = false;
		for (unsigned j = 0; j < r->n_chunks && j < SCTPDK_SIM_REC_CHUNKS; j++)
			data |= r->chunks[j] == 0;
		if (data && r->pkt_len > mx)
			mx = r->pkt_len;
	}
	return mx;
}

/* ICMP fragmentation needed lowers the path MTU (appendix C checks). */
static void
test_icmp_pmtu(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 7, NULL, NULL, 4);
	struct sctpdk_sctp_assoc_info ai;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sctp_assoc_info(p.a.ep, id, &ai), 0);
	struct sctpdk_icmp_event ev = {
	    .kind = SCTPDK_ICMP_PMTU,
	    .have_vtag = 1,
	    .mtu = 1200,
	    .src = p.a.addr,
	    .dst = p.z.addr,
	    .src_port = 5000,
	    .dst_port = 6000,
	    .vtag = ai.peer_vtag,
	};
	uint64_t now = sctpdk_sim_now_us(p.sim);
	/* Nothing outstanding: the report cannot be about our data. */
	CU_ASSERT_EQUAL(sctpdk_sctp_icmp_input(p.a.ep, &ev, now), SCTPDK_ERR_INVAL);
	for (int i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(8000), now), 0);
	struct sctpdk_icmp_event bad = ev;
	bad.vtag ^= 1;
	CU_ASSERT_EQUAL(sctpdk_sctp_icmp_input(p.a.ep, &bad, now), SCTPDK_ERR_NOTFOUND);
	bad = ev;
	bad.dst_port = 6001;
	CU_ASSERT_EQUAL(sctpdk_sctp_icmp_input(p.a.ep, &bad, now), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sctp_icmp_input(p.a.ep, &ev, now), 0);
	bad = ev;
	bad.mtu = 1400; /* not lower */
	CU_ASSERT_EQUAL(sctpdk_sctp_icmp_input(p.a.ep, &bad, now), SCTPDK_ERR_INVAL);
	struct sctpdk_sctp_path_info pi;
	CU_ASSERT_EQUAL(sctpdk_sctp_path_info(p.a.ep, id, 0, &pi), 0);
	CU_ASSERT_EQUAL(pi.mtu, 1200u - 20 - 12 - 16);
	sc_kick(&p);
	sc_run(&p, 5 * SEC);
	uint64_t t2 = sctpdk_sim_now_us(p.sim);
	for (int i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(8000), t2), 0);
	sc_kick(&p);
	sc_run(&p, 5 * SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 20);
	uint32_t mx = max_data_pkt(&p, t2);
	CU_ASSERT(mx > 1100 && mx <= 1180);
	/* DISABLE_FRAGMENTS follows the new PMTU. */
	CU_ASSERT_EQUAL(sctpdk_sctp_set_disable_fragments(p.a.ep, id, 1), 0);
	struct rte_mbuf *m = msg(1200);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, m, t2), SCTPDK_ERR_MSGSIZE);
	rte_pktmbuf_free(m);
	sc_pair_free(&p);
}

/* DATA packets A put on the link at exactly t_us. */
static unsigned
data_pkts_at(const struct sc_pair *p, uint64_t t_us)
{
	unsigned n = 0;
	for (unsigned i = 0; i < sctpdk_sim_recorder_count(p->sim); i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p->sim, i);
		if (r->time_us != t_us || !sctpdk_addr_eq(&r->src, &p->a.addr))
			continue;
		for (unsigned j = 0; j < r->n_chunks && j < SCTPDK_SIM_REC_CHUNKS; j++)
			if (r->chunks[j] == 0) {
				n++;
				break;
			}
	}
	return n;
}

/* The Nagle-like rule holds a small message while data is in flight;
 * SCTP_NODELAY sends it at once. */
static void
test_nagle_and_nodelay(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 8, NULL, NULL, 4);
	uint64_t t1 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), t1), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), t1), 0);
	sc_kick(&p);
	sc_run(&p, 2 * SEC);
	CU_ASSERT_EQUAL(data_pkts_at(&p, t1), 1); /* the second waited */
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 2);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_nodelay(p.a.ep, id, 1), 0);
	uint64_t t2 = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), t2), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(100), t2), 0);
	sc_kick(&p);
	sc_run(&p, 2 * SEC);
	CU_ASSERT_EQUAL(data_pkts_at(&p, t2), 2);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 4);
	sc_pair_free(&p);
}

/* The Nagle-like rule never holds the tail fragment of a message larger
 * than one packet: all its fragments leave at once, so a request/response
 * exchange of such messages does not wait for the peer's delayed SACK. */
static void
test_nagle_never_holds_fragment_tail(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 9, NULL, NULL, 4);
	uint64_t t1 = sctpdk_sim_now_us(p.sim);
	/* one packet's payload plus 300 bytes: two fragments */
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 1, 0, 0, 0, msg(1752), t1), 0);
	sc_kick(&p);
	sc_run(&p, 50 * 1000);
	CU_ASSERT_EQUAL(data_pkts_at(&p, t1), 2);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_DATA, 0), 1);
	sc_pair_free(&p);
}

/* A stream's default lifetime drops messages that could not leave. */
static void
test_stream_timeout(void)
{
	struct sc_pair p;
	sctpdk_assoc_id_t id = sc_pair_up(&p, 9, NULL, NULL, 4);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_stream_timeout(p.a.ep, id, 1, 100), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_set_stream_timeout(p.a.ep, id, 4, 100), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up(p.sim, p.link, SCTPDK_SIM_BOTH, 0), 0);
	uint64_t t = sctpdk_sim_now_us(p.sim);
	/* cwnd 4380: four go out (sent while flight < cwnd); the others
	 * wait and expire. */
	for (uint32_t k = 0; k < 8; k++)
		CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 1, k, 0, 0, 100 + k, msg(1400), t), 0);
	/* Stream 0 has no default lifetime: kept. */
	CU_ASSERT_EQUAL(sctpdk_sctp_send(p.a.ep, id, 0, 99, 0, 0, 199, msg(1400), t), 0);
	sc_kick(&p);
	sc_run(&p, 3 * SEC);
	unsigned n = sc_count(&p.a, SCTPDK_EV_SEND_FAILED, 0);
	CU_ASSERT_EQUAL(n, 4);
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sctp_event *e = sc_find(&p.a, SCTPDK_EV_SEND_FAILED, 0, i);
		CU_ASSERT_EQUAL(e->u.send_failed.flags, SCTPDK_DATA_UNSENT);
		CU_ASSERT_EQUAL(e->u.send_failed.context, 104 + i);
		CU_ASSERT_EQUAL(e->u.send_failed.sid, 1);
		CU_ASSERT_PTR_NOT_NULL(e->u.send_failed.msg);
		if (e->u.send_failed.msg != NULL)
			CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(e->u.send_failed.msg), 1400);
	}
	sc_pair_free(&p);
}

/* A message larger than the receive window arrives in pieces; an abort in
 * the middle of one reports PARTIAL_DELIVERY_EVENT (aborted). */
static void
test_partial_delivery(void)
{
	struct sc_pair p;
	struct sctpdk_sctp_config ca, cz;
	sc_config(&ca, &p.a, 5000, sctpdk_addr_v4(10, 0, 0, 1));
	sc_config(&cz, &p.z, 6000, sctpdk_addr_v4(10, 0, 0, 2));
	cz.listening = 1;
	cz.rwnd_bytes = 65536;
	struct sctpdk_sim_link_cfg lc = {.delay_us = 10000, .rate_bps = 10000000};
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(&p, 10, &ca, &cz, &lc), 0);
	int64_t id = sctpdk_sctp_associate(p.a.ep, &p.z.addr, 6000, 2, 0);
	CU_ASSERT_FATAL(id > 0);
	sc_run(&p, SEC);
	uint64_t t = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)id, 0, 1, 0, 0, 0, msg(256 * 1024), t), 0);
	sc_kick(&p);
	sc_run(&p, 5 * SEC);
	unsigned n = sc_count(&p.z, SCTPDK_EV_DATA, 0);
	uint32_t total = 0, more = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sctp_event *e = sc_find(&p.z, SCTPDK_EV_DATA, 0, i);
		total += e->u.data.len;
		more += e->u.data.more;
	}
	printf(" [256 KiB in %u pieces] ", n);
	CU_ASSERT(n > 2);
	CU_ASSERT_EQUAL(total, 256u * 1024);
	CU_ASSERT_EQUAL(more, n - 1);
	CU_ASSERT_EQUAL(sc_find(&p.z, SCTPDK_EV_DATA, 0, n - 1)->u.data.more, 0);
	/* Second message: abort while it is being delivered in pieces. */
	t = sctpdk_sim_now_us(p.sim);
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_send(p.a.ep, (sctpdk_assoc_id_t)id, 0, 1, 0, 0, 0, msg(256 * 1024), t), 0);
	sc_kick(&p);
	sc_run(&p, 150000);
	CU_ASSERT(sc_count(&p.z, SCTPDK_EV_DATA, 0) > n);
	CU_ASSERT_EQUAL(
	    sctpdk_sctp_abort(p.a.ep, (sctpdk_assoc_id_t)id, NULL, 0, sctpdk_sim_now_us(p.sim)), 0);
	sc_kick(&p);
	sc_run(&p, SEC);
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_PARTIAL_DELIVERY, 0), 1);
	const struct sctpdk_sctp_event *pd = sc_find(&p.z, SCTPDK_EV_PARTIAL_DELIVERY, 0, 0);
	if (pd != NULL) {
		CU_ASSERT_EQUAL(pd->u.partial_delivery.indication, SCTPDK_PARTIAL_DELIVERY_ABORTED);
		CU_ASSERT_EQUAL(pd->u.partial_delivery.sid, 0);
		CU_ASSERT_EQUAL(pd->u.partial_delivery.ssn, 1);
	}
	CU_ASSERT_EQUAL(sc_count(&p.z, SCTPDK_EV_ASSOC_CHANGE, SCTPDK_COMM_LOST), 1);
	sc_pair_free(&p);
}

SCTPDK_TEST_SUITE(sctp_params, sc_suite_init, NULL, SCTPDK_TEST(test_disable_fragments),
		  SCTPDK_TEST(test_sndbuf), SCTPDK_TEST(test_autoclose),
		  SCTPDK_TEST(test_rtoinfo_and_max_retrans), SCTPDK_TEST(test_heartbeat_on_request),
		  SCTPDK_TEST(test_heartbeat_nonce), SCTPDK_TEST(test_icmp_pmtu),
		  SCTPDK_TEST(test_nagle_and_nodelay),
		  SCTPDK_TEST(test_nagle_never_holds_fragment_tail),
		  SCTPDK_TEST(test_stream_timeout), SCTPDK_TEST(test_partial_delivery))
