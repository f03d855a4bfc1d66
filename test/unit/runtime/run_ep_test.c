/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Run-time endpoints (lib/runtime/run_ep.c) through the socket API: two
 * stacks over a net_ring pair (A on lcore 1, B on lcores 2 and 3), sockets
 * on ports no [endpoint.N] configures and on ephemeral ports. Checks the
 * endpoints exist in the runtime (association snapshots: local port,
 * owner lcore), spread over B's lcores, EADDRINUSE, the slot limit and its
 * release when the last socket and association go, implicit setup from an
 * unbound UDP-style socket, and privileged ports.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/capability.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_test.h"

#include "../facade/sockutil.h"
#include "rt_fixture.h"

#define EPHEMERAL_LO 49152

static int
start(struct rt_two *t, const char *name, uint32_t run_eps_b)
{
	if (rt_two_setup(t, name, NULL) != 0)
		return -1;
	t->cfg_a.engine = NULL; /* the protocol core */
	t->cfg_b.engine = NULL;
	t->cfg_b.max_run_eps = run_eps_b;
	return rt_two_start(t);
}

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* one message each way, compared byte for byte */
static int
ping(int c, int s, unsigned seed)
{
	uint8_t out[1200], in[1300];
	for (unsigned k = 0; k < sizeof(out); k++)
		out[k] = (uint8_t)(seed * 13 + k);
	if (sctpdk_send(c, out, sizeof(out), 0) != (ssize_t)sizeof(out))
		return -1;
	if (sctpdk_recv(s, in, sizeof(in), 0) != (ssize_t)sizeof(out) ||
	    memcmp(in, out, sizeof(out)) != 0)
		return -2;
	if (sctpdk_send(s, in, sizeof(out), 0) != (ssize_t)sizeof(out))
		return -3;
	memset(in, 0, sizeof(in));
	if (sctpdk_recv(c, in, sizeof(in), 0) != (ssize_t)sizeof(out) ||
	    memcmp(in, out, sizeof(out)) != 0)
		return -4;
	return 0;
}

/* live associations of st on local port lport; owner lcore ids or'ed in *lcores */
static unsigned
assocs_on(struct sctpdk_stack *st, uint16_t lport, uint64_t *lcores)
{
	uint32_t ids[64];
	unsigned n = sctpdk_stack_assoc_ids(st, ids, 64), k = 0;
	for (unsigned i = 0; i < n && i < 64; i++) {
		struct sctpdk_rt_assoc_info info;
		if (sctpdk_stack_assoc_info(st, ids[i], &info) != 0 || info.local_port != lport)
			continue;
		k++;
		if (lcores != NULL)
			*lcores |= 1ull << info.owner_lcore;
	}
	return k;
}

static uint16_t
port_of(int sd)
{
	struct sockaddr_in a;
	socklen_t l = sizeof(a);
	if (sctpdk_getsockname(sd, SA(a), &l) != 0)
		return 0;
	return ntohs(a.sin_port);
}

static void
test_tcp_run_time_ports(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "rep", 3), 0);
	int l[4], c[4], s[4];
	struct sockaddr_in la[4];
	for (unsigned i = 0; i < 4; i++) {
		la[i] = fc_sin("198.18.0.2", (uint16_t)(7001 + i));
		l[i] = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		CU_ASSERT_FATAL(l[i] >= 0);
		CU_ASSERT_EQUAL(sctpdk_bind(l[i], SA(la[i]), sizeof(la[i])), 0);
	}
	for (unsigned i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(sctpdk_listen(l[i], 2), 0);
	/* three run-time endpoints is B's limit here */
	CU_ASSERT_EQUAL(sctpdk_listen(l[3], 2), -1);
	CU_ASSERT_EQUAL(errno, ENOMEM);
	/* a port another socket holds */
	int x = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(x, SA(la[0]), sizeof(la[0])), -1);
	CU_ASSERT_EQUAL(errno, EADDRINUSE);
	struct sockaddr_in conf = fc_sin("198.18.0.2", RT_PORT_B);
	CU_ASSERT_EQUAL(sctpdk_bind(x, SA(conf), sizeof(conf)), 0);
	int y = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(y, SA(conf), sizeof(conf)), -1);
	CU_ASSERT_EQUAL(errno, EADDRINUSE);
	CU_ASSERT_EQUAL(sctpdk_close(y), 0);

	/* unbound clients on A: ephemeral ports, each its own endpoint */
	uint16_t eph[3];
	for (unsigned i = 0; i < 3; i++) {
		c[i] = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		CU_ASSERT_FATAL(c[i] >= 0);
		CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c[i], SA(la[i]), sizeof(la[i])), 0);
		eph[i] = port_of(c[i]);
		CU_ASSERT(eph[i] >= EPHEMERAL_LO);
		struct sockaddr_in peer;
		socklen_t pl = sizeof(peer);
		s[i] = sctpdk_accept(l[i], SA(peer), &pl);
		CU_ASSERT_FATAL(s[i] >= 0);
		CU_ASSERT_EQUAL(ntohs(peer.sin_port), eph[i]);
		CU_ASSERT_EQUAL(ping(c[i], s[i], i), 0);
	}
	CU_ASSERT(eph[0] != eph[1] && eph[1] != eph[2] && eph[0] != eph[2]);
	/* in the runtime: B's associations on the three ports, owned by both
	 * of B's lcores (2 and 3); A's on the ephemeral ports */
	uint64_t owners = 0;
	for (unsigned i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(assocs_on(t.b, (uint16_t)(7001 + i), &owners), 1);
		CU_ASSERT_EQUAL(assocs_on(t.a, eph[i], NULL), 1);
	}
	CU_ASSERT_EQUAL(owners, (1ull << 2) | (1ull << 3));
	/* the configured endpoint keeps working beside them */
	CU_ASSERT_EQUAL(sctpdk_listen(x, 1), 0);
	int cx = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(cx, SA(conf), sizeof(conf)), 0);
	int sx = sctpdk_accept(x, NULL, NULL);
	CU_ASSERT_FATAL(sx >= 0);
	CU_ASSERT_EQUAL(ping(cx, sx, 9), 0);
	CU_ASSERT_EQUAL(assocs_on(t.b, RT_PORT_B, NULL), 1);

	/* the last socket and association on 7001 go: its endpoint is freed
	 * and the fourth listener gets the slot */
	CU_ASSERT_EQUAL(sctpdk_close(c[0]), 0);
	char b;
	CU_ASSERT_EQUAL(sctpdk_recv(s[0], &b, 1, 0), 0); /* end of file */
	CU_ASSERT_EQUAL(sctpdk_close(s[0]), 0);
	CU_ASSERT_EQUAL(sctpdk_close(l[0]), 0);
	int r = -1;
	for (unsigned k = 0; k < 200 && r != 0; k++) {
		r = sctpdk_listen(l[3], 2);
		if (r != 0)
			sleep_ms(10);
	}
	CU_ASSERT_EQUAL_FATAL(r, 0);
	CU_ASSERT_EQUAL(assocs_on(t.b, 7001, NULL), 0);
	CU_ASSERT_EQUAL(assocs_on(t.a, eph[0], NULL), 0);
	c[3] = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c[3], SA(la[3]), sizeof(la[3])), 0);
	s[3] = sctpdk_accept(l[3], NULL, NULL);
	CU_ASSERT_FATAL(s[3] >= 0);
	CU_ASSERT_EQUAL(ping(c[3], s[3], 3), 0);
	/* the old port is free for a new socket and endpoint */
	l[0] = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(l[0], SA(la[0]), sizeof(la[0])), 0);
	for (unsigned i = 1; i < 4; i++) {
		CU_ASSERT_EQUAL(sctpdk_close(c[i]), 0);
		CU_ASSERT_EQUAL(sctpdk_close(s[i]), 0);
		CU_ASSERT_EQUAL(sctpdk_close(l[i]), 0);
	}
	CU_ASSERT_EQUAL(sctpdk_close(l[0]), 0);
	CU_ASSERT_EQUAL(sctpdk_close(cx), 0);
	CU_ASSERT_EQUAL(sctpdk_close(sx), 0);
	CU_ASSERT_EQUAL(sctpdk_close(x), 0);
	rt_two_free(&t);
}

/* UDP-style: an unbound socket's sendto sets up the association from an
 * ephemeral port (section 3.1.2) to a run-time listener */
static void
test_udp_implicit_ephemeral(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "reu", 8), 0);
	struct sockaddr_in wa = fc_sin("198.18.0.2", 7100);
	int w = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	int u = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_FATAL(w >= 0 && u >= 0);
	/* data only (UDP-style sockets subscribe to association events by
	 * default, section 7.3) */
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	CU_ASSERT_EQUAL(sctpdk_setsockopt(w, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(w, SA(wa), sizeof(wa)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(w, 1), 0);
	const char msg[] = "run-time endpoint, ephemeral port";
	CU_ASSERT_EQUAL(sctpdk_sendto(u, msg, sizeof(msg), 0, SA(wa), sizeof(wa)),
			(ssize_t)sizeof(msg));
	char in[128];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	CU_ASSERT_EQUAL(sctpdk_recvfrom(w, in, sizeof(in), 0, SA(from), &fl),
			(ssize_t)sizeof(msg));
	CU_ASSERT_EQUAL(memcmp(in, msg, sizeof(msg)), 0);
	uint16_t eph = port_of(u);
	CU_ASSERT(eph >= EPHEMERAL_LO);
	CU_ASSERT_EQUAL(ntohs(from.sin_port), eph);
	CU_ASSERT_EQUAL(sctpdk_sendto(w, "back", 4, 0, SA(from), fl), 4);
	struct sockaddr_in from2;
	socklen_t fl2 = sizeof(from2);
	CU_ASSERT_EQUAL(sctpdk_recvfrom(u, in, sizeof(in), 0, SA(from2), &fl2), 4);
	CU_ASSERT_EQUAL(memcmp(in, "back", 4), 0);
	CU_ASSERT_EQUAL(ntohs(from2.sin_port), 7100);
	CU_ASSERT_EQUAL(assocs_on(t.b, 7100, NULL), 1);
	CU_ASSERT_EQUAL(assocs_on(t.a, eph, NULL), 1);
	CU_ASSERT_EQUAL(sctpdk_close(u), 0);
	CU_ASSERT_EQUAL(sctpdk_close(w), 0);
	rt_two_free(&t);
}

struct unpriv {
	int ret, err;
};

/* a thread without CAP_NET_BIND_SERVICE (section 9) */
static void *
unpriv_thread(void *arg)
{
	struct unpriv *u = arg;
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	syscall(SYS_capget, &h, d);
	d[CAP_NET_BIND_SERVICE / 32].effective &= ~(1u << (CAP_NET_BIND_SERVICE % 32));
	syscall(SYS_capset, &h, d);
	int sd = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	struct sockaddr_in a = fc_sin("198.18.0.2", 999);
	u->ret = sctpdk_bind(sd, SA(a), sizeof(a));
	u->err = errno;
	sctpdk_close(sd);
	return NULL;
}

static void
test_privileged_port(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(start(&t, "rpp", 4), 0);
	struct unpriv u = {0, 0};
	pthread_t th;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, unpriv_thread, &u), 0);
	pthread_join(th, NULL);
	CU_ASSERT_EQUAL(u.ret, -1);
	CU_ASSERT_EQUAL(u.err, EACCES);
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	struct sockaddr_in a = fc_sin("198.18.0.2", 999);
	int r = sctpdk_bind(l, SA(a), sizeof(a));
	if (geteuid() != 0) {
		CU_ASSERT(r == -1 && errno == EACCES);
	} else {
		/* root: a run-time endpoint on port 999 answers */
		CU_ASSERT_EQUAL(r, 0);
		CU_ASSERT_EQUAL(sctpdk_listen(l, 1), 0);
		int c = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		CU_ASSERT_EQUAL(sctpdk_connect(c, SA(a), sizeof(a)), 0);
		int s = sctpdk_accept(l, NULL, NULL);
		CU_ASSERT(s >= 0);
		CU_ASSERT_EQUAL(assocs_on(t.b, 999, NULL), 1);
		sctpdk_close(c);
		sctpdk_close(s);
	}
	sctpdk_close(l);
	rt_two_free(&t);
}

static int
has_addr(const struct sockaddr_storage *a, int n, const char *ip)
{
	struct in_addr x;
	inet_pton(AF_INET, ip, &x);
	for (int i = 0; i < n; i++)
		if (((const struct sockaddr_in *)&a[i])->sin_addr.s_addr == x.s_addr)
			return 1;
	return 0;
}

/* sctp_bindx on a listening (running) endpoint: the address list of
 * associations set up afterwards (draft 8.1); the INIT ACK lists it */
static void
test_bindx_running(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(&t, "rbx", NULL), 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.ports[0].addrs[1] = sctpdk_addr_v4(198, 18, 0, 3);
	t.cfg_b.ports[0].n_addrs = 2;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(&t), 0);
	struct sockaddr_in la = fc_sin("198.18.0.2", 7600);
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(la), sizeof(la)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(l, 4), 0);
	/* before: one address, the INIT ACK lists none */
	int c0 = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c0, SA(la), sizeof(la)), 0);
	struct sockaddr_storage *pa = NULL;
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(c0, 0, &pa), 1);
	sctpdk_freepaddrs(pa);

	struct sockaddr_storage ad[2];
	memset(ad, 0, sizeof(ad));
	*(struct sockaddr_in *)&ad[0] = fc_sin("198.18.0.3", 7600);
	*(struct sockaddr_in *)&ad[1] = fc_sin("198.18.0.2", 7601);
	CU_ASSERT_EQUAL(sctpdk_bindx(l, ad, 1, SCTP_BINDX_ADD_ADDR | SCTP_BINDX_REM_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_bindx(l, ad, 2, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* mixed ports */
	CU_ASSERT_EQUAL(sctpdk_bindx(l, ad, 1, SCTP_BINDX_ADD_ADDR), 0);
	struct sockaddr_storage *la2 = NULL;
	CU_ASSERT_EQUAL(sctpdk_getladdrs(l, 0, &la2), 2);
	sctpdk_freeladdrs(la2);
	/* a new association: the INIT ACK lists both, the client sees them */
	int c1 = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c1, SA(la), sizeof(la)), 0);
	int n = sctpdk_getpaddrs(c1, 0, &pa);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(n == 2 && has_addr(pa, n, "198.18.0.2") && has_addr(pa, n, "198.18.0.3"));
	sctpdk_freepaddrs(pa);
	/* the association set up before keeps what it had */
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(c0, 0, &pa), 1);
	sctpdk_freepaddrs(pa);
	/* removing every address: EINVAL; the added one: back to one */
	*(struct sockaddr_in *)&ad[1] = fc_sin("198.18.0.2", 7600);
	CU_ASSERT_EQUAL(sctpdk_bindx(l, ad, 2, SCTP_BINDX_REM_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_bindx(l, ad, 1, SCTP_BINDX_REM_ADDR), 0);
	int c2 = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(sctpdk_connect(c2, SA(la), sizeof(la)), 0);
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(c2, 0, &pa), 1);
	sctpdk_freepaddrs(pa);
	/* a connected one-to-one socket: its association's addresses would
	 * change, which needs ASCONF */
	struct sockaddr_storage mine;
	memset(&mine, 0, sizeof(mine));
	*(struct sockaddr_in *)&mine = fc_sin("198.18.0.1", 0);
	CU_ASSERT_EQUAL(sctpdk_bindx(c1, &mine, 1, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	int cs[3] = {c0, c1, c2};
	for (unsigned i = 0; i < 3; i++) {
		int s = sctpdk_accept(l, NULL, NULL);
		CU_ASSERT(s >= 0);
		sctpdk_close(s);
		sctpdk_close(cs[i]);
	}
	sctpdk_close(l);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_run_ep, rt_fixture_eal, NULL, SCTPDK_TEST(test_tcp_run_time_ports),
		  SCTPDK_TEST(test_udp_implicit_ephemeral), SCTPDK_TEST(test_privileged_port),
		  SCTPDK_TEST(test_bindx_running))
