/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The socket API on running stacks (lib/runtime/facade_glue.c): two stacks
 * over a net_ring pair, A on lcore 1, B on lcores 2 and 3 with its
 * endpoints owned by lcore 3. Only public calls: sctpdk_socket, bind,
 * listen, accept, connect, sendmsg, recvmsg, close. TCP-style and
 * UDP-style pairs exchange messages compared byte for byte with their
 * SCTP_SNDRCV data, see COMM_UP and SHUTDOWN_COMP, and close gracefully.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>

#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_test.h"

#include "../facade/sockutil.h"
#include "rt_fixture.h"

/* next notification (data must not come first) */
static int
note(int sd, union sctp_notification *n)
{
	char buf[512];
	struct fc_rx r = fc_recv(sd, buf, sizeof(buf), 0);
	if (r.n <= 0 || !(r.flags & MSG_NOTIFICATION))
		return -1;
	memcpy(n, buf, (size_t)r.n < sizeof(*n) ? (size_t)r.n : sizeof(*n));
	return 0;
}

static uint8_t
pat(unsigned i, unsigned k)
{
	return (uint8_t)(i * 31 + k * 7 + 1);
}

static size_t
msg_len(unsigned i)
{
	static const size_t sizes[] = {1, 64, 1000, 1452, 3000, 9000};
	return sizes[i % 6];
}

static int
start(struct rt_two *t, const char *name)
{
	if (rt_two_setup(t, name, NULL) != 0)
		return -1;
	t->cfg_a.engine = NULL; /* the protocol core */
	t->cfg_b.engine = NULL;
	t->cfg_a.n_eps = 2;
	t->cfg_a.eps[1].local_port = RT_PORT_A + 1;
	t->cfg_b.n_eps = 2;
	t->cfg_b.eps[1].local_port = RT_PORT_B + 1;
	t->cfg_b.eps[0].owner = 1;
	t->cfg_b.eps[1].owner = 1;
	t->cfg_a.n_mbufs = t->cfg_b.n_mbufs = 8191;
	return rt_two_start(t);
}

static void
test_tcp_style(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgt"), 0);
	struct sockaddr_in la = fc_sin("198.18.0.2", RT_PORT_B);
	struct sockaddr_in ca = fc_sin("198.18.0.1", RT_PORT_A);
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_FATAL(l >= 0 && c >= 0);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(la), sizeof(la)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(l, 4), 0);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1, .sctp_association_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(c, SA(ca), sizeof(ca)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c, SA(la), sizeof(la)), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL_FATAL(note(c, &n), 0);
	CU_ASSERT_EQUAL(n.sn_header.sn_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);
	int s = sctpdk_accept(l, SA(peer), &pl);
	CU_ASSERT_FATAL(s >= 0);
	CU_ASSERT_EQUAL(peer.sin_port, htons(RT_PORT_A));
	CU_ASSERT_EQUAL(peer.sin_addr.s_addr, ca.sin_addr.s_addr);
	struct sctp_event_subscribe evs = {.sctp_data_io_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &evs, sizeof(evs)), 0);

	/* 60 messages up to 9000 bytes on 3 streams, echoed back */
	static uint8_t out[9000], in[9000];
	unsigned bad = 0, echoed = 0;
	for (unsigned i = 0; i < 60; i++) {
		size_t len = msg_len(i);
		for (size_t k = 0; k < len; k++)
			out[k] = pat(i, (unsigned)k);
		struct sctp_sndrcvinfo si = {.sinfo_stream = (uint16_t)(i % 3),
					     .sinfo_ppid = htonl(1000 + i)};
		if (fc_send_si(c, out, len, NULL, &si, 0) != (ssize_t)len)
			bad++;
		struct fc_rx r = fc_recv(s, in, sizeof(in), 0);
		if (r.n != (ssize_t)len || !(r.flags & MSG_EOR) || !r.have_sndrcv ||
		    r.si.sinfo_stream != i % 3 || r.si.sinfo_ppid != htonl(1000 + i) ||
		    memcmp(in, out, len) != 0) {
			bad++;
			continue;
		}
		/* echo on the same stream and ppid */
		struct sctp_sndrcvinfo back = {.sinfo_stream = r.si.sinfo_stream,
					       .sinfo_ppid = r.si.sinfo_ppid};
		if (fc_send_si(s, in, (size_t)r.n, NULL, &back, 0) != r.n)
			bad++;
		memset(in, 0, len);
		r = fc_recv(c, in, sizeof(in), 0);
		if (r.n == (ssize_t)len && r.have_sndrcv && r.si.sinfo_stream == i % 3 &&
		    r.si.sinfo_ppid == htonl(1000 + i) && memcmp(in, out, len) == 0)
			echoed++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(echoed, 60);
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	socklen_t sl = sizeof(st);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_STATUS, &st, &sl), 0);
	CU_ASSERT_EQUAL(st.sstat_state, SCTP_ESTABLISHED);
	/* graceful close: SHUTDOWN exchange, end of file at the peer */
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	CU_ASSERT_EQUAL(sctpdk_recv(s, in, sizeof(in), 0), 0);
	CU_ASSERT_EQUAL(sctpdk_close(s), 0);
	CU_ASSERT_EQUAL(sctpdk_close(l), 0);
	rt_two_free(&t);
}

static void
test_udp_style(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgu"), 0);
	struct sockaddr_in ua = fc_sin("198.18.0.1", RT_PORT_A + 1);
	struct sockaddr_in wa = fc_sin("198.18.0.2", RT_PORT_B + 1);
	int u = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	int w = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_FATAL(u >= 0 && w >= 0);
	CU_ASSERT_EQUAL(sctpdk_bind(u, SA(ua), sizeof(ua)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(w, SA(wa), sizeof(wa)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(w, 1), 0);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1, .sctp_association_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(w, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);

	/* implicit setup: the first message rides with the handshake */
	static uint8_t out[9000], in[9000];
	unsigned bad = 0, echoed = 0, w_up = 0, u_up = 0;
	sctp_assoc_t wid = 0, uid = 0;
	for (unsigned i = 0; i < 40; i++) {
		size_t len = msg_len(i);
		for (size_t k = 0; k < len; k++)
			out[k] = pat(i, (unsigned)k);
		struct sctp_sndrcvinfo si = {.sinfo_stream = (uint16_t)(i % 2),
					     .sinfo_ppid = htonl(7 + i)};
		if (fc_send_si(u, out, len, &wa, &si, 0) != (ssize_t)len)
			bad++;
		struct fc_rx r;
		for (;;) {
			r = fc_recv(w, in, sizeof(in), 0);
			if (r.n > 0 && (r.flags & MSG_NOTIFICATION)) {
				union sctp_notification *n = (void *)in;
				if (n->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
				    n->sn_assoc_change.sac_state == SCTP_COMM_UP) {
					w_up++;
					wid = n->sn_assoc_change.sac_assoc_id;
				}
				continue;
			}
			break;
		}
		if (r.n != (ssize_t)len || !r.have_sndrcv || r.si.sinfo_stream != i % 2 ||
		    r.si.sinfo_ppid != htonl(7 + i) || r.si.sinfo_assoc_id != wid ||
		    r.from.sin_port != ua.sin_port || memcmp(in, out, len) != 0) {
			bad++;
			continue;
		}
		/* reply by association id */
		struct sctp_sndrcvinfo back = {.sinfo_stream = r.si.sinfo_stream,
					       .sinfo_ppid = r.si.sinfo_ppid,
					       .sinfo_assoc_id = r.si.sinfo_assoc_id};
		if (fc_send_si(w, in, (size_t)r.n, NULL, &back, 0) != r.n)
			bad++;
		memset(in, 0, len);
		for (;;) {
			r = fc_recv(u, in, sizeof(in), 0);
			if (r.n > 0 && (r.flags & MSG_NOTIFICATION)) {
				union sctp_notification *n = (void *)in;
				if (n->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
				    n->sn_assoc_change.sac_state == SCTP_COMM_UP) {
					u_up++;
					uid = n->sn_assoc_change.sac_assoc_id;
				}
				continue;
			}
			break;
		}
		if (r.n == (ssize_t)len && r.have_sndrcv && r.si.sinfo_ppid == htonl(7 + i) &&
		    r.from.sin_port == wa.sin_port && memcmp(in, out, len) == 0)
			echoed++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(echoed, 40);
	CU_ASSERT_EQUAL(w_up, 1);
	CU_ASSERT_EQUAL(u_up, 1);
	/* MSG_EOF on the association: SHUTDOWN_COMP on both sides */
	struct sctp_sndrcvinfo eof = {.sinfo_flags = MSG_EOF, .sinfo_assoc_id = uid};
	CU_ASSERT_EQUAL(fc_send_si(u, NULL, 0, NULL, &eof, 0), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL_FATAL(note(w, &n), 0);
	CU_ASSERT_EQUAL(n.sn_header.sn_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_assoc_id, wid);
	CU_ASSERT_EQUAL_FATAL(note(u, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	CU_ASSERT_EQUAL(sctpdk_close(u), 0);
	CU_ASSERT_EQUAL(sctpdk_close(w), 0);
	rt_two_free(&t);
}

static int
connect_errno(int type, const struct sockaddr_in *to)
{
	int c = sctpdk_socket(AF_INET, type, IPPROTO_SCTP);
	if (c < 0)
		return -1;
	int r = sctpdk_connect(c, (const struct sockaddr *)to, sizeof(*to));
	int e = r == 0 ? 0 : errno;
	sctpdk_close(c);
	return e;
}

/* connect() refused: nobody on the port (the runtime answers the INIT
 * with ABORT) or an endpoint that does not listen (the core's ABORT has
 * no cause): ECONNREFUSED in both styles, at once */
static void
test_connect_refused(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgr"), 0);
	struct sctpdk_stack_stats s0, s1;
	sctpdk_stack_stats_get(t.b, &s0);
	struct sockaddr_in nobody = fc_sin("198.18.0.2", 8123);
	struct sockaddr_in deaf = fc_sin("198.18.0.2", RT_PORT_B + 1); /* not listening */
	uint64_t t0 = rte_get_timer_cycles();
	CU_ASSERT_EQUAL(connect_errno(SOCK_STREAM, &nobody), ECONNREFUSED);
	CU_ASSERT_EQUAL(connect_errno(SOCK_SEQPACKET, &nobody), ECONNREFUSED);
	CU_ASSERT_EQUAL(connect_errno(SOCK_STREAM, &deaf), ECONNREFUSED);
	CU_ASSERT_EQUAL(connect_errno(SOCK_SEQPACKET, &deaf), ECONNREFUSED);
	/* no INIT retransmission was needed (RTO.Initial is 1 s here) */
	CU_ASSERT(rte_get_timer_cycles() - t0 < rte_get_timer_hz());
	sctpdk_stack_stats_get(t.b, &s1);
	CU_ASSERT_EQUAL(s1.tx_chunks[6] - s0.tx_chunks[6], 4); /* ABORT */
	CU_ASSERT_EQUAL(s1.drop[SCTPDK_RT_DROP_NO_ENDPOINT] - s0.drop[SCTPDK_RT_DROP_NO_ENDPOINT],
			2);
	rt_two_free(&t);
}

/* connect() to a peer that drops everything: ETIMEDOUT once
 * Max.Init.Retransmits (SCTP_INITMSG) ran out at the socket's RTO */
static void
test_connect_timeout(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgo"), 0);
	sctpdk_stack_stop(t.b); /* B's lcores stop: nothing is answered */
	struct sockaddr_in to = fc_sin("198.18.0.2", RT_PORT_B);
	static const int types[2] = {SOCK_STREAM, SOCK_SEQPACKET};
	for (unsigned k = 0; k < 2; k++) {
		int c = sctpdk_socket(AF_INET, types[k], IPPROTO_SCTP);
		CU_ASSERT_FATAL(c >= 0);
		struct sctp_initmsg im = {.sinit_max_attempts = 2};
		struct sctp_rtoinfo ri = {.srto_initial = 40, .srto_min = 20, .srto_max = 80};
		CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)),
				0);
		CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &ri, sizeof(ri)),
				0);
		struct sctpdk_stack_stats s0, s1;
		sctpdk_stack_stats_get(t.a, &s0);
		uint64_t t0 = rte_get_timer_cycles();
		CU_ASSERT_EQUAL(sctpdk_connect(c, SA(to), sizeof(to)), -1);
		CU_ASSERT_EQUAL(errno, ETIMEDOUT);
		uint64_t ms = (rte_get_timer_cycles() - t0) * 1000 / rte_get_timer_hz();
		sctpdk_stack_stats_get(t.a, &s1);
		/* INIT at 0, 40 and 120 ms (RTO 40, 80, capped at 80); the
		 * third expiry at 200 ms ends it */
		CU_ASSERT_EQUAL(s1.tx_chunks[1] - s0.tx_chunks[1], 3);
		CU_ASSERT(ms >= 150 && ms < 2000);
		CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	}
	rt_two_free(&t);
}

#define GETOPT(sd, name, var)                                                                      \
	do {                                                                                       \
		socklen_t l_ = sizeof(var);                                                        \
		CU_ASSERT_EQUAL(sctpdk_getsockopt(sd, IPPROTO_SCTP, name, &(var), &l_), 0);       \
	} while (0)

/* Options on a live TCP-style association, read back from the core */
static void
test_live_options_tcp(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgl"), 0);
	struct sockaddr_in la = fc_sin("198.18.0.2", 7300);
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(la), sizeof(la)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(l, 1), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c, SA(la), sizeof(la)), 0);
	int s = sctpdk_accept(l, NULL, NULL);
	CU_ASSERT_FATAL(s >= 0);

	struct sctp_rtoinfo ri = {.srto_initial = 300, .srto_min = 200, .srto_max = 5000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &ri, sizeof(ri)), 0);
	memset(&ri, 0, sizeof(ri));
	GETOPT(c, SCTP_RTOINFO, ri);
	CU_ASSERT(ri.srto_initial == 300 && ri.srto_min == 200 && ri.srto_max == 5000);
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	GETOPT(c, SCTP_STATUS, st);
	CU_ASSERT(st.sstat_primary.spinfo_rto >= 200 && st.sstat_primary.spinfo_rto <= 5000);
	CU_ASSERT_EQUAL(st.sstat_state, SCTP_ESTABLISHED);

	struct sctp_assocparams ap = {.sasoc_asocmaxrxt = 7, .sasoc_cookie_life = 30000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)), 0);
	memset(&ap, 0, sizeof(ap));
	GETOPT(c, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_asocmaxrxt, 7);
	CU_ASSERT_EQUAL(ap.sasoc_cookie_life, 30000);
	CU_ASSERT_EQUAL(ap.sasoc_number_peer_destinations, 1);

	/* per address (the association's only one): heartbeat interval,
	 * Path.Max.Retrans, then a heartbeat on demand */
	struct sctp_paddrparams pp;
	memset(&pp, 0, sizeof(pp));
	*(struct sockaddr_in *)&pp.spp_address = la;
	pp.spp_hbinterval = 5000;
	pp.spp_pathmaxrxt = 3;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PEER_ADDR_PARAMS, &pp, sizeof(pp)), 0);
	memset(&pp, 0, sizeof(pp));
	*(struct sockaddr_in *)&pp.spp_address = la;
	GETOPT(c, SCTP_SET_PEER_ADDR_PARAMS, pp);
	CU_ASSERT_EQUAL(pp.spp_hbinterval, 5000);
	CU_ASSERT_EQUAL(pp.spp_pathmaxrxt, 3);
	struct sctpdk_stack_stats s0, s1;
	sctpdk_stack_stats_get(t.a, &s0);
	pp.spp_hbinterval = UINT32_MAX;
	pp.spp_pathmaxrxt = 0;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PEER_ADDR_PARAMS, &pp, sizeof(pp)), 0);
	for (int k = 0; k < 200; k++) {
		sctpdk_stack_stats_get(t.a, &s1);
		if (s1.rx_chunks[5] > s0.rx_chunks[5])
			break;
		usleep(5000);
	}
	CU_ASSERT_EQUAL(s1.tx_chunks[4] - s0.tx_chunks[4], 1); /* HEARTBEAT */
	CU_ASSERT(s1.rx_chunks[5] > s0.rx_chunks[5]);          /* HEARTBEAT ACK */
	GETOPT(c, SCTP_SET_PEER_ADDR_PARAMS, pp);
	CU_ASSERT_EQUAL(pp.spp_hbinterval, 5000); /* kept */
	/* an address not of the association */
	struct sockaddr_in other = fc_sin("198.18.0.77", 7300);
	*(struct sockaddr_in *)&pp.spp_address = other;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PEER_ADDR_PARAMS, &pp, sizeof(pp)), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);

	/* our primary destination */
	struct sctp_setpeerprim pr;
	memset(&pr, 0, sizeof(pr));
	*(struct sockaddr_in *)&pr.sspp_addr = la;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &pr, sizeof(pr)), 0);
	memset(&st, 0, sizeof(st));
	GETOPT(c, SCTP_STATUS, st);
	CU_ASSERT_EQUAL(((struct sockaddr_in *)&st.sstat_primary.spinfo_address)->sin_addr.s_addr,
			la.sin_addr.s_addr);
	CU_ASSERT_EQUAL(st.sstat_primary.spinfo_state, SCTP_ACTIVE);
	*(struct sockaddr_in *)&pr.sspp_addr = other;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &pr, sizeof(pr)), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	/* SCTP_SET_PRIMARY_ADDR needs ASCONF (optional, draft 7.1.9) */
	struct sctp_setprim sp;
	memset(&sp, 0, sizeof(sp));
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_PRIMARY_ADDR, &sp, sizeof(sp)),
			-1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);

	/* socket-wide ints reach the association */
	int one = 1, zero = 0, v = -1;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one)), 0);
	GETOPT(c, SCTP_NODELAY, v);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_NODELAY, &zero, sizeof(zero)), 0);
	GETOPT(c, SCTP_NODELAY, v);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, &one, sizeof(one)), 0);
	v = -1;
	GETOPT(c, SCTP_DISABLE_FRAGMENTS, v);
	CU_ASSERT_EQUAL(v, 1);
	static char big[3000];
	CU_ASSERT_EQUAL(sctpdk_send(c, big, sizeof(big), 0), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, &zero, sizeof(zero)), 0);
	CU_ASSERT_EQUAL(sctpdk_send(c, big, sizeof(big), 0), (ssize_t)sizeof(big));
	CU_ASSERT_EQUAL(sctpdk_recv(s, big, sizeof(big), 0), (ssize_t)sizeof(big));
	int sb = 100000;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
	sb = 0;
	socklen_t sl = sizeof(sb);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, SOL_SOCKET, SO_SNDBUF, &sb, &sl), 0);
	CU_ASSERT_EQUAL(sb, 100000);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one, sizeof(one)), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	CU_ASSERT_EQUAL(sctpdk_close(s), 0);
	CU_ASSERT_EQUAL(sctpdk_close(l), 0);
	rt_two_free(&t);
}

/* u sets up an association to w at to with one message; w answers; the
 * id comes with the answer's SCTP_SNDRCV */
static sctp_assoc_t
udp_assoc(int u, const struct sockaddr_in *to, int w)
{
	char b[64];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	if (sctpdk_sendto(u, "x", 1, 0, (const struct sockaddr *)to, sizeof(*to)) != 1)
		return 0;
	if (sctpdk_recvfrom(w, b, sizeof(b), 0, SA(from), &fl) != 1)
		return 0;
	if (sctpdk_sendto(w, "y", 1, 0, SA(from), fl) != 1)
		return 0;
	struct fc_rx r = fc_recv(u, b, sizeof(b), 0);
	if (r.n != 1 || !r.have_sndrcv || r.from.sin_port != to->sin_port)
		return -1;
	return r.si.sinfo_assoc_id;
}

/* UDP-style: rules a (address), b (association id), c (id 0 = endpoint
 * default for future associations), read back from the core */
static void
test_live_options_udp(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgv"), 0);
	struct sockaddr_in wa = fc_sin("198.18.0.2", 7400), wb = fc_sin("198.18.0.2", 7401);
	int w1 = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	int w2 = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	int u = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	struct sctp_event_subscribe none;
	memset(&none, 0, sizeof(none));
	int sds[3] = {w1, w2, u};
	for (unsigned i = 0; i < 3; i++) {
		none.sctp_data_io_event = sds[i] == u; /* u reads association ids */
		CU_ASSERT_EQUAL(
		    sctpdk_setsockopt(sds[i], IPPROTO_SCTP, SCTP_EVENTS, &none, sizeof(none)), 0);
	}
	CU_ASSERT_EQUAL(sctpdk_bind(w1, SA(wa), sizeof(wa)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(w2, SA(wb), sizeof(wb)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(w1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(w2, 1), 0);
	sctp_assoc_t id1 = udp_assoc(u, &wa, w1);
	CU_ASSERT_FATAL(id1 > 0);

	/* b: by id */
	struct sctp_rtoinfo ri = {.srto_assoc_id = id1, .srto_initial = 250, .srto_min = 150,
				  .srto_max = 4000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &ri, sizeof(ri)), 0);
	memset(&ri, 0, sizeof(ri));
	ri.srto_assoc_id = id1;
	GETOPT(u, SCTP_RTOINFO, ri);
	CU_ASSERT(ri.srto_initial == 250 && ri.srto_min == 150 && ri.srto_max == 4000);
	memset(&ri, 0, sizeof(ri)); /* the endpoint default did not change */
	GETOPT(u, SCTP_RTOINFO, ri);
	CU_ASSERT(ri.srto_initial == 1000 && ri.srto_min == 1000 && ri.srto_max == 60000);
	struct sctp_assocparams ap = {.sasoc_assoc_id = id1, .sasoc_asocmaxrxt = 6};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)), 0);
	memset(&ap, 0, sizeof(ap));
	ap.sasoc_assoc_id = id1;
	GETOPT(u, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_asocmaxrxt, 6);
	/* a: by address, id 0 */
	struct sctp_paddrparams pp;
	memset(&pp, 0, sizeof(pp));
	*(struct sockaddr_in *)&pp.spp_address = wa;
	pp.spp_hbinterval = 4000;
	pp.spp_pathmaxrxt = 2;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_SET_PEER_ADDR_PARAMS, &pp, sizeof(pp)), 0);
	memset(&pp, 0, sizeof(pp));
	pp.spp_assoc_id = id1;
	*(struct sockaddr_in *)&pp.spp_address = wa;
	GETOPT(u, SCTP_SET_PEER_ADDR_PARAMS, pp);
	CU_ASSERT_EQUAL(pp.spp_hbinterval, 4000);
	CU_ASSERT_EQUAL(pp.spp_pathmaxrxt, 2);
	struct sctp_setpeerprim pr;
	memset(&pr, 0, sizeof(pr));
	pr.sspp_assoc_id = id1;
	*(struct sockaddr_in *)&pr.sspp_addr = wa;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &pr, sizeof(pr)), 0);
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = id1;
	GETOPT(u, SCTP_STATUS, st);
	CU_ASSERT_EQUAL(st.sstat_assoc_id, id1);
	CU_ASSERT_EQUAL(((struct sockaddr_in *)&st.sstat_primary.spinfo_address)->sin_port,
			wa.sin_port);

	/* c: id 0 sets the endpoint default; the live association keeps its
	 * values, the next one gets the default */
	struct sctp_rtoinfo dflt = {.srto_initial = 700, .srto_min = 400, .srto_max = 9000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &dflt, sizeof(dflt)), 0);
	struct sctp_assocparams apd = {.sasoc_asocmaxrxt = 9};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_ASSOCINFO, &apd, sizeof(apd)), 0);
	memset(&ri, 0, sizeof(ri));
	ri.srto_assoc_id = id1;
	GETOPT(u, SCTP_RTOINFO, ri);
	CU_ASSERT(ri.srto_initial == 250 && ri.srto_min == 150 && ri.srto_max == 4000);
	sctp_assoc_t id2 = udp_assoc(u, &wb, w2);
	CU_ASSERT_FATAL(id2 > 0 && id2 != id1);
	memset(&ri, 0, sizeof(ri));
	ri.srto_assoc_id = id2;
	GETOPT(u, SCTP_RTOINFO, ri);
	CU_ASSERT(ri.srto_initial == 700 && ri.srto_min == 400 && ri.srto_max == 9000);
	memset(&ap, 0, sizeof(ap));
	ap.sasoc_assoc_id = id2;
	GETOPT(u, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_asocmaxrxt, 9);
	memset(&ap, 0, sizeof(ap));
	ap.sasoc_assoc_id = id1;
	GETOPT(u, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_asocmaxrxt, 6);
	/* an unknown id */
	memset(&ri, 0, sizeof(ri));
	ri.srto_assoc_id = id2 + 1000;
	socklen_t rl = sizeof(ri);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &ri, &rl), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	/* autoclose on a UDP-style socket is accepted (EOPNOTSUPP only
	 * TCP-style) */
	int ac = 30;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_AUTOCLOSE, &ac, sizeof(ac)), 0);
	for (unsigned i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(sctpdk_close(sds[i]), 0);
	rt_two_free(&t);
}

/* SCTP_GET_PEER_ADDR_INFO of one address (its values come back checked) */
static struct sctp_paddrinfo
paddr_info(int sd, struct sockaddr_in a)
{
	struct sctp_paddrinfo pi;
	memset(&pi, 0, sizeof(pi));
	*(struct sockaddr_in *)&pi.spinfo_address = a;
	GETOPT(sd, SCTP_GET_PEER_ADDR_INFO, pi);
	CU_ASSERT_EQUAL(((struct sockaddr_in *)&pi.spinfo_address)->sin_addr.s_addr,
			a.sin_addr.s_addr);
	return pi;
}

/* SCTP_SET_PEER_ADDR_PARAMS of one address (sin_family 0: none) */
static void
paddr_params(int sd, struct sockaddr_in a, uint32_t hb, uint16_t pmr, int set,
	     uint32_t want_hb, uint16_t want_pmr)
{
	struct sctp_paddrparams pp;
	memset(&pp, 0, sizeof(pp));
	if (a.sin_family != 0)
		*(struct sockaddr_in *)&pp.spp_address = a;
	pp.spp_hbinterval = hb;
	pp.spp_pathmaxrxt = pmr;
	if (set) {
		CU_ASSERT_EQUAL(
		    sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_SET_PEER_ADDR_PARAMS, &pp, sizeof(pp)),
		    0);
		return;
	}
	GETOPT(sd, SCTP_SET_PEER_ADDR_PARAMS, pp);
	CU_ASSERT_EQUAL(pp.spp_hbinterval, want_hb);
	CU_ASSERT_EQUAL(pp.spp_pathmaxrxt, want_pmr);
}

/* SCTP_ASSOCINFO with Association.Max.Retrans one over the bound fails
 * (EINVAL), at the bound it is taken and read back. */
static void
assoc_max_rxt_bound(int sd, uint16_t bound)
{
	struct sctp_assocparams ap;
	memset(&ap, 0, sizeof(ap));
	ap.sasoc_asocmaxrxt = (uint16_t)(bound + 1);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	ap.sasoc_asocmaxrxt = bound;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)), 0);
	memset(&ap, 0, sizeof(ap));
	GETOPT(sd, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_asocmaxrxt, bound);
}

/*
 * An association with two peer addresses (the server bound to two):
 * SCTP_GET_PEER_ADDR_INFO gives each address its own transfer values (the
 * primary's RTO measured, the unused alternate's still the initial one),
 * SCTP_SET_PEER_ADDR_PARAMS with an address changes that address only,
 * without one every address and the association's default.
 */
static void
test_per_address_options(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(&t, "fgp", NULL), 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.ports[0].addrs[1] = sctpdk_addr_v4(198, 18, 0, 3);
	t.cfg_b.ports[0].n_addrs = 2;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(&t), 0);
	struct sockaddr_in la = fc_sin("198.18.0.2", 7700), lb = fc_sin("198.18.0.3", 7700);
	struct sockaddr_in none;
	memset(&none, 0, sizeof(none));
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(la), sizeof(la)), 0);
	struct sockaddr_storage ad;
	memset(&ad, 0, sizeof(ad));
	*(struct sockaddr_in *)&ad = lb;
	CU_ASSERT_EQUAL(sctpdk_bindx(l, &ad, 1, SCTP_BINDX_ADD_ADDR), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(l, 1), 0);
	/* endpoint defaults of the client: RTO.Initial 3 s, RTO.Min 200 ms,
	 * no heartbeats (the alternate is never probed, so never used) */
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	struct sctp_rtoinfo ri = {.srto_initial = 3000, .srto_min = 200, .srto_max = 60000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_RTOINFO, &ri, sizeof(ri)), 0);
	paddr_params(c, none, 0, 0, 1, 0, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c, SA(la), sizeof(la)), 0);
	int s = sctpdk_accept(l, NULL, NULL);
	CU_ASSERT_FATAL(s >= 0);
	struct sockaddr_storage *pa = NULL;
	CU_ASSERT_EQUAL_FATAL(sctpdk_getpaddrs(c, 0, &pa), 2);
	sctpdk_freepaddrs(pa);
	/* one message and its SACK: an RTT measured on the primary */
	char buf[64] = "per address";
	CU_ASSERT_EQUAL(sctpdk_send(c, buf, 11, 0), 11);
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 11);
	struct sctp_paddrinfo p0 = paddr_info(c, la);
	for (int k = 0; k < 400 && p0.spinfo_rto == 3000; k++) {
		usleep(5000);
		p0 = paddr_info(c, la);
	}
	struct sctp_paddrinfo p1 = paddr_info(c, lb);
	CU_ASSERT_EQUAL(p0.spinfo_state, SCTP_ACTIVE);
	CU_ASSERT(p0.spinfo_rto >= 200 && p0.spinfo_rto < 3000);
	CU_ASSERT(p0.spinfo_cwnd > 0 && p0.spinfo_mtu > 0);
	CU_ASSERT_EQUAL(p1.spinfo_srtt, 0);
	CU_ASSERT_EQUAL(p1.spinfo_rto, 3000);
	CU_ASSERT(p1.spinfo_cwnd > 0 && p1.spinfo_mtu > 0);
	/* SCTP_STATUS's primary is the primary's */
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	GETOPT(c, SCTP_STATUS, st);
	CU_ASSERT_EQUAL(st.sstat_primary.spinfo_rto, p0.spinfo_rto);
	/* all addresses and the default, then each address alone */
	paddr_params(c, none, 0, 6, 1, 0, 0);
	paddr_params(c, none, 0, 0, 0, 0, 6);
	paddr_params(c, la, 0, 0, 0, 0, 6);
	paddr_params(c, lb, 0, 0, 0, 0, 6);
	paddr_params(c, la, 7000, 4, 1, 0, 0);
	paddr_params(c, lb, 0, 2, 1, 0, 0);
	paddr_params(c, la, 0, 0, 0, 7000, 4);
	paddr_params(c, lb, 0, 0, 0, 0, 2);
	paddr_params(c, none, 0, 0, 0, 0, 6); /* the default stayed */
	/* a Path.Max.Retrans of 0 keeps that address's */
	paddr_params(c, lb, 0, 0, 1, 0, 0);
	paddr_params(c, lb, 0, 0, 0, 0, 2);
	/* SCTP_ASSOCINFO: Association.Max.Retrans at most the sum of the
	 * destinations' own Path.Max.Retrans, 4 + 2 (the default 6 of
	 * both would allow 12) */
	assoc_max_rxt_bound(c, 6);
	struct sctp_assocparams ap;
	memset(&ap, 0, sizeof(ap));
	GETOPT(c, SCTP_ASSOCINFO, ap);
	CU_ASSERT_EQUAL(ap.sasoc_number_peer_destinations, 2);
	/* one address raised to 5: the bound follows (4 + 5) */
	paddr_params(c, lb, 0, 5, 1, 0, 0);
	assoc_max_rxt_bound(c, 9);
	/* the association values stayed as set */
	paddr_params(c, la, 0, 0, 0, 7000, 4);
	paddr_params(c, lb, 0, 0, 0, 0, 5);
	/* an address not of the association */
	struct sockaddr_in other = fc_sin("198.18.0.77", 7700);
	struct sctp_paddrinfo px;
	memset(&px, 0, sizeof(px));
	*(struct sockaddr_in *)&px.spinfo_address = other;
	socklen_t len = sizeof(px);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &px, &len), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sctpdk_close(s), 0);
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	CU_ASSERT_EQUAL(sctpdk_close(l), 0);
	rt_two_free(&t);
}

/* binding to an address no stack has; no stack at all */
static void
test_unknown_address(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "fgn"), 0);
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	/* an address of neither stack */
	int x = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	struct sockaddr_in b = fc_sin("198.18.9.9", RT_PORT_B);
	CU_ASSERT_EQUAL(sctpdk_bind(x, SA(b), sizeof(b)), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sctpdk_close(l), 0);
	CU_ASSERT_EQUAL(sctpdk_close(x), 0);
	rt_two_free(&t);
	/* no stack: no sockets */
	CU_ASSERT_EQUAL(sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP), -1);
	CU_ASSERT_EQUAL(errno, ENETDOWN);
}

SCTPDK_TEST_SUITE(runtime_facade_glue, rt_fixture_eal, NULL, SCTPDK_TEST(test_tcp_style),
		  SCTPDK_TEST(test_udp_style), SCTPDK_TEST(test_unknown_address), SCTPDK_TEST(test_connect_refused),
		  SCTPDK_TEST(test_connect_timeout),
		  SCTPDK_TEST(test_live_options_tcp), SCTPDK_TEST(test_live_options_udp),
		  SCTPDK_TEST(test_per_address_options))
