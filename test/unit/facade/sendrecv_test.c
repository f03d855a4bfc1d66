/* SPDX-License-Identifier: BSD-3-Clause */
/* sendmsg/recvmsg semantics (lib/facade/sendrecv.c): partial reads, EOR,
 * peek, gather/scatter, large messages, notifications, shutdown errors. */
#include "util.h"

static void
test_partial_reads(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(8000, &l, &c, &s), 0);
	CU_ASSERT_EQUAL(sctpdk_send(c, "0123456789", 10, 0), 10);
	CU_ASSERT_EQUAL(sctpdk_send(c, "AB", 2, 0), 2);
	char b[4];
	struct fc_rx r = fc_recv(s, b, 4, MSG_PEEK);
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT_EQUAL(r.flags & MSG_EOR, 0);
	r = fc_recv(s, b, 4, 0);
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT_EQUAL(memcmp(b, "0123", 4), 0);
	CU_ASSERT_EQUAL(r.flags & MSG_EOR, 0);
	r = fc_recv(s, b, 4, 0);
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT_EQUAL(memcmp(b, "4567", 4), 0);
	CU_ASSERT_EQUAL(r.flags & MSG_EOR, 0);
	r = fc_recv(s, b, 4, 0); /* the rest of the same message only */
	CU_ASSERT_EQUAL(r.n, 2);
	CU_ASSERT_EQUAL(memcmp(b, "89", 2), 0);
	CU_ASSERT(r.flags & MSG_EOR);
	r = fc_recv(s, b, 4, 0);
	CU_ASSERT_EQUAL(r.n, 2);
	CU_ASSERT(r.flags & MSG_EOR);
	CU_ASSERT_EQUAL(memcmp(b, "AB", 2), 0);
	r = fc_recv(s, b, 4, MSG_DONTWAIT);
	CU_ASSERT_EQUAL(r.n, -1);
	CU_ASSERT_EQUAL(errno, EAGAIN);
	CU_ASSERT_EQUAL(sctpdk_recv(s, b, 4, MSG_OOB), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_gather_scatter_large(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(8100, &l, &c, &s), 0);
	/* 3 iovecs into one message */
	struct iovec iv[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
	struct msghdr m = {.msg_iov = iv, .msg_iovlen = 3};
	CU_ASSERT_EQUAL(sctpdk_sendmsg(c, &m, 0), 8);
	char x[3], y[10];
	struct iovec ov[2] = {{x, 3}, {y, 10}};
	struct msghdr in = {.msg_iov = ov, .msg_iovlen = 2};
	CU_ASSERT_EQUAL(sctpdk_recvmsg(s, &in, 0), 8);
	CU_ASSERT(in.msg_flags & MSG_EOR);
	CU_ASSERT_EQUAL(memcmp(x, "abc", 3), 0);
	CU_ASSERT_EQUAL(memcmp(y, "defgh", 5), 0);
	/* 100 kB: many mbuf segments, copied once each way */
	enum { BIG = 100000 };
	static uint8_t out[BIG], back[BIG];
	uint64_t st = 7;
	for (int i = 0; i < BIG; i++)
		out[i] = (uint8_t)sctpdk_test_rand(&st);
	CU_ASSERT_EQUAL(sctpdk_send(c, out, BIG, 0), BIG);
	size_t got = 0;
	int eor = 0;
	while (!eor) {
		struct fc_rx r = fc_recv(s, back + got, 30000, 0);
		CU_ASSERT_FATAL(r.n > 0);
		got += (size_t)r.n;
		eor = (r.flags & MSG_EOR) != 0;
	}
	CU_ASSERT_EQUAL(got, BIG);
	CU_ASSERT_EQUAL(memcmp(out, back, BIG), 0);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

/* Sends over 1920 bytes go into the big pool's 16 KiB mbufs (few
 * segments), byte-exact from odd iovec splits; with the big pool run dry
 * (deliveries held), 2 KiB chains take over, still byte-exact. */
static void
test_big_buffers(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(8150, &l, &c, &s), 0);
	struct sctpdk_facade *f = lb_facade(fc_lb);
	struct sctpdk_facade_stats s0, s1;
	sctpdk_facade_stats_get(f, &s0);
	static const uint32_t sizes[] = {1920, 1921, 4096, 16383, 16384, 16385, 40000, 65536};
	enum { MAXB = 65536 };
	static uint8_t out[MAXB], back[MAXB];
	uint64_t seed = 11;
	unsigned big = 0;
	for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		uint32_t n = sizes[k];
		for (uint32_t i = 0; i < n; i++)
			out[i] = (uint8_t)sctpdk_test_rand(&seed);
		/* three iovecs, split off the 16 KiB boundaries */
		uint32_t a = n / 3 + 7, b = n / 3;
		struct iovec iv[3] = {{out, a}, {out + a, b}, {out + a + b, n - a - b}};
		struct msghdr m = {.msg_iov = iv, .msg_iovlen = 3};
		CU_ASSERT_EQUAL(sctpdk_sendmsg(c, &m, 0), (ssize_t)n);
		big += n > SCTPDK_FACADE_BIG_MIN;
		struct iovec ov = {back, MAXB};
		struct msghdr in = {.msg_iov = &ov, .msg_iovlen = 1};
		CU_ASSERT_EQUAL(sctpdk_recvmsg(s, &in, 0), (ssize_t)n);
		CU_ASSERT(in.msg_flags & MSG_EOR);
		CU_ASSERT_EQUAL(memcmp(out, back, n), 0);
	}
	sctpdk_facade_stats_get(f, &s1);
	CU_ASSERT_EQUAL(s1.send_big - s0.send_big, big);
	CU_ASSERT_EQUAL(s1.send_big_dry, s0.send_big_dry);
	/* 20 x 64 KiB held in the stack: 80 big mbufs wanted, 63 exist */
	enum { HELD = 20 };
	lb_hold(fc_lb, 1);
	for (unsigned k = 0; k < HELD; k++) {
		memset(out, (int)(0x40 + k), MAXB);
		CU_ASSERT_EQUAL(sctpdk_send(c, out, MAXB, 0), MAXB);
	}
	sctpdk_facade_stats_get(f, &s1);
	CU_ASSERT(s1.send_big_dry - s0.send_big_dry > 0);
	CU_ASSERT_EQUAL(s1.send_big - s0.send_big + s1.send_big_dry - s0.send_big_dry, big + HELD);
	lb_hold(fc_lb, 0);
	for (unsigned k = 0; k < HELD; k++) {
		struct iovec ov = {back, MAXB};
		struct msghdr in = {.msg_iov = &ov, .msg_iovlen = 1};
		CU_ASSERT_EQUAL(sctpdk_recvmsg(s, &in, 0), MAXB);
		memset(out, (int)(0x40 + k), MAXB);
		CU_ASSERT_EQUAL(memcmp(out, back, MAXB), 0);
	}
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_notifications(void)
{
	int u = fc_udp_sock("10.0.0.1", 8200);
	int w = fc_udp_sock("10.0.0.2", 8201);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1,
					  .sctp_association_event = 1,
					  .sctp_address_event = 1,
					  .sctp_send_failure_event = 1,
					  .sctp_peer_error_event = 1,
					  .sctp_shutdown_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 8201);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "hi", 2, 0, SA(wa), sizeof(wa)), 2);
	/* a notification is one recvmsg, with MSG_NOTIFICATION and MSG_EOR,
	 * read in pieces like a message */
	char b[8];
	struct fc_rx r = fc_recv(u, b, 8, 0);
	CU_ASSERT_EQUAL(r.n, 8);
	CU_ASSERT(r.flags & MSG_NOTIFICATION);
	CU_ASSERT_EQUAL(r.flags & MSG_EOR, 0);
	CU_ASSERT(!r.have_sndrcv);
	struct sctp_tlv h;
	memcpy(&h, b, sizeof(h));
	CU_ASSERT_EQUAL(h.sn_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(h.sn_length, sizeof(struct sctp_assoc_change));
	char rest[64];
	r = fc_recv(u, rest, sizeof(rest), 0);
	CU_ASSERT_EQUAL(r.n, (ssize_t)sizeof(struct sctp_assoc_change) - 8);
	CU_ASSERT(r.flags & MSG_NOTIFICATION);
	CU_ASSERT(r.flags & MSG_EOR);
	/* peer address change, remote error, shutdown event */
	lb_inject_paddr(fc_lb, 8200, 8201, SCTP_ADDR_UNREACHABLE);
	union sctp_notification got;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_PEER_ADDR_CHANGE, &got), 0);
	CU_ASSERT_EQUAL(got.sn_paddr_change.spc_state, SCTP_ADDR_UNREACHABLE);
	CU_ASSERT_EQUAL(ntohs(((struct sockaddr_in *)&got.sn_paddr_change.spc_aaddr)->sin_port),
			8201);
	lb_inject_remote_error(fc_lb, 8200, 8201, 0x0001);
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_REMOTE_ERROR, &got), 0);
	CU_ASSERT_EQUAL(ntohs(got.sn_remote_error.sre_error), 1);
	CU_ASSERT_EQUAL(got.sn_remote_error.sre_length, sizeof(struct sctp_remote_error) + 4);
	CU_ASSERT_EQUAL(got.sn_remote_error.sre_data[0], 0);
	CU_ASSERT_EQUAL(got.sn_remote_error.sre_data[1], 1);
	lb_inject_shutdown(fc_lb, 8200, 8201);
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_SHUTDOWN_EVENT, &got), 0);
	CU_ASSERT(got.sn_shutdown_event.sse_assoc_id != 0);
	/* after the peer's SHUTDOWN, sends fail with ESHUTDOWN */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "late", 4, 0, SA(wa), sizeof(wa)), -1);
	CU_ASSERT_EQUAL(errno, ESHUTDOWN);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_send_failed_notification(void)
{
	int u = fc_udp_sock("10.0.0.1", 8300);
	struct sctp_event_subscribe ev = {.sctp_send_failure_event = 1,
					  .sctp_association_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	/* nobody listens at 8399: setup fails; the message queued with the
	 * implicit setup comes back as SCTP_SEND_FAILED with its bytes */
	struct sockaddr_in nobody = fc_sin("10.0.0.2", 8399);
	struct sctp_sndrcvinfo si = {.sinfo_context = 4242, .sinfo_ppid = 3};
	CU_ASSERT_EQUAL(fc_send_si(u, "undeliverable", 13, &nobody, &si, 0), 13);
	/* SEND_FAILED and ASSOC_CHANGE(CANT_STR_ASSOC) come in either order */
	char buf[256], note[256];
	ssize_t fail_len = -1;
	int seen_cant = 0;
	for (int i = 0; i < 4 && !(fail_len > 0 && seen_cant); i++) {
		struct fc_rx r = fc_recv(u, note, sizeof(note), 0);
		CU_ASSERT_FATAL(r.n > 0 && (r.flags & MSG_NOTIFICATION) && (r.flags & MSG_EOR));
		union sctp_notification *nn = (union sctp_notification *)note;
		if (nn->h.sn_type == SCTP_SEND_FAILED) {
			memcpy(buf, note, (size_t)r.n);
			fail_len = r.n;
		} else if (nn->h.sn_type == SCTP_ASSOC_CHANGE) {
			CU_ASSERT_EQUAL(nn->sn_assoc_change.sac_state, SCTP_CANT_STR_ASSOC);
			seen_cant = 1;
		}
	}
	CU_ASSERT(seen_cant);
	CU_ASSERT_FATAL(fail_len > 0);
	struct sctp_send_failed *sf = (struct sctp_send_failed *)buf;
	CU_ASSERT_EQUAL(sf->ssf_flags, SCTP_DATA_UNSENT);
	CU_ASSERT_EQUAL(sf->ssf_info.sinfo_context, 4242);
	CU_ASSERT_EQUAL(sf->ssf_length, sizeof(*sf) + 13);
	CU_ASSERT_EQUAL((size_t)fail_len, sizeof(*sf) + 13);
	CU_ASSERT_EQUAL(memcmp(sf->ssf_data, "undeliverable", 13), 0);
	sctpdk_close(u);
}

static void
test_recvfrom_name_truncation(void)
{
	int u = fc_udp_sock("10.0.0.1", 8400);
	int w = fc_udp_sock("10.0.0.2", 8401);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 8401);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(w, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "n", 1, 0, SA(wa), sizeof(wa)), 1);
	char b[4];
	struct sockaddr_in from;
	socklen_t fl = 4; /* too short: truncated, full length reported */
	memset(&from, 0, sizeof(from));
	CU_ASSERT_EQUAL(sctpdk_recvfrom(w, b, sizeof(b), 0, SA(from), &fl), 1);
	CU_ASSERT_EQUAL(fl, sizeof(struct sockaddr_in));
	CU_ASSERT_EQUAL(from.sin_family, AF_INET);
	CU_ASSERT_EQUAL(ntohs(from.sin_port), 8400);
	CU_ASSERT_EQUAL(from.sin_addr.s_addr, 0); /* beyond the 4 bytes given */
	sctpdk_close(u);
	sctpdk_close(w);
}

SCTPDK_TEST_SUITE(facade_sendrecv, fc_suite_init, fc_suite_clean, SCTPDK_TEST(test_partial_reads),
		  SCTPDK_TEST(test_big_buffers),
		  SCTPDK_TEST(test_gather_scatter_large), SCTPDK_TEST(test_notifications),
		  SCTPDK_TEST(test_send_failed_notification),
		  SCTPDK_TEST(test_recvfrom_name_truncation))
