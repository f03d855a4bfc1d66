/* SPDX-License-Identifier: BSD-3-Clause */
/* Ancillary data (lib/facade/cmsg.c) and the cmsg rules of sendmsg/recvmsg. */
#include "facade_int.h"
#include "util.h"

static void
test_parse(void)
{
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo)) +
		       CMSG_SPACE(sizeof(struct sctp_initmsg))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr m = {.msg_control = ctl.b, .msg_controllen = sizeof(ctl.b)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_sndrcvinfo));
	struct sctp_sndrcvinfo si = {
	    .sinfo_stream = 7, .sinfo_ppid = 99, .sinfo_context = 5, .sinfo_timetolive = 300};
	memcpy(CMSG_DATA(c), &si, sizeof(si));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_INIT;
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_initmsg));
	struct sctp_initmsg im = {.sinit_num_ostreams = 12};
	memcpy(CMSG_DATA(c), &im, sizeof(im));
	struct fc_cmsg_in in;
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), 0);
	CU_ASSERT(in.have_sndrcv && in.have_init);
	CU_ASSERT_EQUAL(in.sndrcv.sinfo_stream, 7);
	CU_ASSERT_EQUAL(in.sndrcv.sinfo_timetolive, 300);
	CU_ASSERT_EQUAL(in.init.sinit_num_ostreams, 12);
	/* a truncated item, an unknown SCTP item, a duplicate: EINVAL */
	c->cmsg_len = CMSG_LEN(2);
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), EINVAL);
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_initmsg));
	c->cmsg_type = 77;
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), EINVAL);
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_initmsg));
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), EINVAL);
	/* other levels are ignored */
	c->cmsg_level = SOL_SOCKET;
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), 0);
	CU_ASSERT(!in.have_init);
	/* length beyond the buffer */
	CMSG_FIRSTHDR(&m)->cmsg_len = sizeof(ctl.b) + 8;
	CU_ASSERT_EQUAL(fc_cmsg_parse(&m, &in), EINVAL);
	struct msghdr none = {.msg_controllen = 8};
	CU_ASSERT_EQUAL(fc_cmsg_parse(&none, &in), EINVAL);
}

static void
test_put_and_ctrunc(void)
{
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	struct sctp_sndrcvinfo si = {.sinfo_stream = 3, .sinfo_assoc_id = 42};
	struct msghdr m = {.msg_control = ctl.b, .msg_controllen = sizeof(ctl.b)};
	fc_cmsg_put_sndrcv(&m, &si);
	CU_ASSERT_EQUAL(m.msg_flags & MSG_CTRUNC, 0);
	CU_ASSERT_EQUAL(m.msg_controllen, CMSG_SPACE(sizeof(si)));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_SNDRCV);
	struct sctp_sndrcvinfo out;
	memcpy(&out, CMSG_DATA(c), sizeof(out));
	CU_ASSERT_EQUAL(out.sinfo_assoc_id, 42);
	struct msghdr small = {.msg_control = ctl.b, .msg_controllen = 8};
	fc_cmsg_put_sndrcv(&small, &si);
	CU_ASSERT(small.msg_flags & MSG_CTRUNC);
	CU_ASSERT_EQUAL(small.msg_controllen, 0);
}

static void
test_sndrcv_round_trip(void)
{
	int u = fc_udp_sock("10.0.0.1", 7000);
	int w = fc_udp_sock("10.0.0.2", 7001);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 7001);
	struct sctp_sndrcvinfo si = {.sinfo_stream = 5,
				     .sinfo_ppid = htonl(1234),
				     .sinfo_flags = MSG_UNORDERED,
				     .sinfo_context = 9};
	CU_ASSERT_EQUAL(fc_send_si(u, "abcdef", 6, &wa, &si, 0), 6);
	char buf[64];
	struct fc_rx r = fc_recv_data(w, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 6);
	CU_ASSERT(r.flags & MSG_EOR);
	CU_ASSERT(r.have_sndrcv);
	CU_ASSERT_EQUAL(r.si.sinfo_stream, 5);
	CU_ASSERT_EQUAL(r.si.sinfo_ppid, htonl(1234));
	CU_ASSERT_EQUAL(r.si.sinfo_flags, MSG_UNORDERED);
	CU_ASSERT(r.si.sinfo_assoc_id != 0);
	/* msg_name is the source */
	CU_ASSERT_EQUAL(r.fromlen, sizeof(struct sockaddr_in));
	CU_ASSERT_EQUAL(ntohs(r.from.sin_port), 7000);
	CU_ASSERT_EQUAL(r.from.sin_addr.s_addr, fc_sin("10.0.0.1", 0).sin_addr.s_addr);
	/* reply by association id alone */
	struct sctp_sndrcvinfo rep = {.sinfo_assoc_id = r.si.sinfo_assoc_id, .sinfo_stream = 1};
	CU_ASSERT_EQUAL(fc_send_si(w, "ok", 2, NULL, &rep, 0), 2);
	r = fc_recv_data(u, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 2);
	CU_ASSERT_EQUAL(r.si.sinfo_stream, 1);
	/* control buffer too small: MSG_CTRUNC, data still delivered */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "tiny", 4, 0, SA(wa), sizeof(wa)), 4);
	char cb[4];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
	struct msghdr m = {
	    .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb, .msg_controllen = sizeof(cb)};
	ssize_t n;
	do {
		m.msg_controllen = sizeof(cb);
		n = sctpdk_recvmsg(w, &m, 0);
	} while (n > 0 && (m.msg_flags & MSG_NOTIFICATION));
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT(m.msg_flags & MSG_CTRUNC);
	CU_ASSERT(m.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(m.msg_controllen, 0);
	/* not subscribed: no control data at all */
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 0};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(w, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "nocm", 4, 0, SA(wa), sizeof(wa)), 4);
	r = fc_recv(w, buf, sizeof(buf), 0);
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT(!r.have_sndrcv);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_send_errors(void)
{
	int u = fc_udp_sock("10.0.0.1", 7100);
	int w = fc_udp_sock("10.0.0.2", 7101);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 7101);
	/* no data and no control */
	struct msghdr m;
	memset(&m, 0, sizeof(m));
	CU_ASSERT_EQUAL(sctpdk_sendmsg(u, &m, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_sendmsg(u, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	/* MSG_EOF in the flags argument, unknown flags */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "x", 1, MSG_EOF, SA(wa), sizeof(wa)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "x", 1, MSG_OOB, SA(wa), sizeof(wa)), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	/* no address and no association */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "x", 1, 0, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, EDESTADDRREQ);
	/* SCTP_INIT cmsg with no data: implicit setup with those streams */
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_initmsg))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	m.msg_name = &wa;
	m.msg_namelen = sizeof(wa);
	m.msg_control = ctl.b;
	m.msg_controllen = sizeof(ctl.b);
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_INIT;
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_initmsg));
	struct sctp_initmsg im = {.sinit_num_ostreams = 2};
	memcpy(CMSG_DATA(c), &im, sizeof(im));
	CU_ASSERT_EQUAL(sctpdk_sendmsg(u, &m, 0), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_outbound_streams, 2);
	sctp_assoc_t id = n.sn_assoc_change.sac_assoc_id;
	struct sctp_sndrcvinfo si = {.sinfo_stream = 2};
	CU_ASSERT_EQUAL(fc_send_si(u, "x", 1, &wa, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* invalid stream */
	si.sinfo_flags = 0x4000;
	si.sinfo_stream = 0;
	CU_ASSERT_EQUAL(fc_send_si(u, "x", 1, &wa, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* unknown sinfo_flags */
	/* EMSGSIZE: over SO_SNDBUF, and over the path MTU without fragmentation */
	int sb = 4096;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
	static char big[8192];
	CU_ASSERT_EQUAL(sctpdk_sendto(u, big, sizeof(big), 0, SA(wa), sizeof(wa)), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	int one = 1;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_DISABLE_FRAGMENTS, &one, sizeof(one)), 0);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, big, 2000, 0, SA(wa), sizeof(wa)), -1);
	CU_ASSERT_EQUAL(errno, EMSGSIZE);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, big, 1400, 0, SA(wa), sizeof(wa)), 1400);
	/* MSG_ABORT per association (UDP-style) */
	memset(&si, 0, sizeof(si));
	si.sinfo_flags = MSG_ABORT;
	si.sinfo_assoc_id = id;
	CU_ASSERT_EQUAL(fc_send_si(u, NULL, 0, NULL, &si, 0), 0);
	do {
		CU_ASSERT_EQUAL_FATAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	} while (n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_LOST);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_assoc_id, id);
	do {
		CU_ASSERT_EQUAL_FATAL(fc_wait_note(w, SCTP_ASSOC_CHANGE, &n), 0);
	} while (n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_LOST);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_msg_eof(void)
{
	int u = fc_udp_sock("10.0.0.1", 7200);
	int w = fc_udp_sock("10.0.0.2", 7201);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 7201);
	struct sctp_sndrcvinfo si = {.sinfo_flags = MSG_EOF};
	/* data and MSG_EOF: the message goes, then the association closes */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "first", 5, 0, SA(wa), sizeof(wa)), 5);
	lb_hold(fc_lb, 1); /* keep the shutdown pending behind the data */
	CU_ASSERT_EQUAL(fc_send_si(u, "last", 4, &wa, &si, 0), 4);
	CU_ASSERT_EQUAL(fc_send_si(u, "more", 4, &wa, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, ESHUTDOWN);
	lb_hold(fc_lb, 0);
	char buf[16];
	struct fc_rx r = fc_recv_data(w, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 5);
	r = fc_recv_data(w, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT_EQUAL(memcmp(buf, "last", 4), 0);
	union sctp_notification n;
	do {
		CU_ASSERT_EQUAL_FATAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	} while (n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	/* TCP-style refuses MSG_EOF and MSG_ABORT */
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(7210, &l, &c, &s), 0);
	CU_ASSERT_EQUAL(fc_send_si(c, "x", 1, NULL, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	si.sinfo_flags = MSG_ABORT;
	CU_ASSERT_EQUAL(fc_send_si(c, "x", 1, NULL, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
	sctpdk_close(u);
	sctpdk_close(w);
}

SCTPDK_TEST_SUITE(facade_cmsg, fc_suite_init, fc_suite_clean, SCTPDK_TEST(test_parse),
		  SCTPDK_TEST(test_put_and_ctrunc), SCTPDK_TEST(test_sndrcv_round_trip),
		  SCTPDK_TEST(test_send_errors), SCTPDK_TEST(test_msg_eof))
