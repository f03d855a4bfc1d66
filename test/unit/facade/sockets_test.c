/* SPDX-License-Identifier: BSD-3-Clause */
/* Socket life, addressing and errno rules (lib/facade/socket.c). */
#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

static void
test_socket_args(void)
{
	errno = 0;
	CU_ASSERT_EQUAL(sctpdk_socket(AF_UNIX, SOCK_STREAM, 0), -1);
	CU_ASSERT_EQUAL(errno, EAFNOSUPPORT);
	CU_ASSERT_EQUAL(sctpdk_socket(AF_INET, SOCK_DGRAM, 0), -1);
	CU_ASSERT_EQUAL(errno, ESOCKTNOSUPPORT);
	CU_ASSERT_EQUAL(sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), -1);
	CU_ASSERT_EQUAL(errno, EPROTONOSUPPORT);
	int a = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	int b = sctpdk_socket(AF_INET6, SOCK_SEQPACKET | SOCK_NONBLOCK, IPPROTO_SCTP);
	CU_ASSERT(a >= 0 && b >= 0 && a != b);
	CU_ASSERT_EQUAL(sctpdk_fcntl(a, F_GETFL), O_RDWR);
	CU_ASSERT_EQUAL(sctpdk_fcntl(b, F_GETFL), O_RDWR | O_NONBLOCK);
	CU_ASSERT_EQUAL(sctpdk_fcntl(a, F_SETFL, O_NONBLOCK), 0);
	CU_ASSERT_EQUAL(sctpdk_fcntl(a, F_GETFL), O_RDWR | O_NONBLOCK);
	CU_ASSERT_EQUAL(sctpdk_fcntl(a, F_GETFD), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	int type = 0;
	socklen_t len = sizeof(type);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(b, SOL_SOCKET, SO_TYPE, &type, &len), 0);
	CU_ASSERT_EQUAL(type, SOCK_SEQPACKET);
	CU_ASSERT(sctpdk_fileno(a) >= 0);
	CU_ASSERT_EQUAL(sctpdk_close(a), 0);
	CU_ASSERT_EQUAL(sctpdk_close(b), 0);
	/* closed descriptors are EBADF everywhere */
	CU_ASSERT_EQUAL(sctpdk_close(a), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	char c;
	CU_ASSERT_EQUAL(sctpdk_recv(a, &c, 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	CU_ASSERT_EQUAL(sctpdk_send(-1, &c, 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	CU_ASSERT_EQUAL(sctpdk_fileno(100000), -1);
	CU_ASSERT_EQUAL(errno, EBADF);
	struct sctpdk_pollfd p = {.fd = a, .events = POLLIN};
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 0), 1);
	CU_ASSERT_EQUAL(p.revents, POLLNVAL);
}

static void
test_bind_rules(void)
{
	int s = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	int t = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 5001);
	struct sockaddr_in bad = fc_sin("192.0.2.1", 5002);
	struct sockaddr_in6 a6;
	memset(&a6, 0, sizeof(a6));
	a6.sin6_family = AF_INET6;
	a6.sin6_port = htons(5003);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(a), 3), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(bad), sizeof(bad)), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(a6), sizeof(a6)), -1);
	CU_ASSERT_EQUAL(errno, EAFNOSUPPORT);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(a), sizeof(a)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* bind twice */
	CU_ASSERT_EQUAL(sctpdk_bind(t, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, EADDRINUSE);
	struct sockaddr_in got;
	socklen_t gl = sizeof(got);
	CU_ASSERT_EQUAL(sctpdk_getsockname(s, SA(got), &gl), 0);
	CU_ASSERT_EQUAL(gl, sizeof(got));
	CU_ASSERT_EQUAL(ntohs(got.sin_port), 5001);
	CU_ASSERT_EQUAL(got.sin_addr.s_addr, a.sin_addr.s_addr);
	/* ephemeral port on the wildcard address */
	struct sockaddr_in any = fc_sin("0.0.0.0", 0);
	CU_ASSERT_EQUAL(sctpdk_bind(t, SA(any), sizeof(any)), 0);
	gl = sizeof(got);
	CU_ASSERT_EQUAL(sctpdk_getsockname(t, SA(got), &gl), 0);
	CU_ASSERT(ntohs(got.sin_port) >= 49152);
	struct sockaddr_storage *la = NULL;
	CU_ASSERT_EQUAL(sctpdk_getladdrs(t, 0, &la), 2); /* both IPv4 stack addresses */
	sctpdk_freeladdrs(la);
	/* closing releases the port */
	CU_ASSERT_EQUAL(sctpdk_close(s), 0);
	s = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_bind(s, SA(a), sizeof(a)), 0);
	sctpdk_close(s);
	sctpdk_close(t);
}

struct unpriv {
	int ret, err, ret_hi;
};

static void *
unpriv_thread(void *arg)
{
	struct unpriv *u = arg;
	/* drop CAP_NET_BIND_SERVICE from this thread's effective set only */
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2];
	syscall(SYS_capget, &h, d);
	d[0].effective &= ~(1u << CAP_NET_BIND_SERVICE);
	syscall(SYS_capset, &h, d);
	int s = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 80);
	u->ret = sctpdk_bind(s, SA(a), sizeof(a));
	u->err = errno;
	struct sockaddr_in b = fc_sin("10.0.0.1", 5080);
	u->ret_hi = sctpdk_bind(s, SA(b), sizeof(b));
	sctpdk_close(s);
	return NULL;
}

static void
test_bind_privileged_port(void)
{
	struct unpriv u = {0, 0, 0};
	pthread_t t;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, unpriv_thread, &u), 0);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(u.ret, -1);
	CU_ASSERT_EQUAL(u.err, EACCES);
	CU_ASSERT_EQUAL(u.ret_hi, 0);
	/* this thread keeps the capability (tests run as root) or not */
	int s = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 81);
	int r = sctpdk_bind(s, SA(a), sizeof(a));
	if (geteuid() == 0) {
		CU_ASSERT_EQUAL(r, 0);
	} else {
		CU_ASSERT(r == -1 && errno == EACCES);
	}
	sctpdk_close(s);
}

static void
test_bindx_rules(void)
{
	int s = sctpdk_socket(AF_INET, SOCK_SEQPACKET, 0);
	struct sockaddr_storage ad[3];
	memset(ad, 0, sizeof(ad));
	*(struct sockaddr_in *)&ad[0] = fc_sin("10.0.0.1", 5100);
	*(struct sockaddr_in *)&ad[1] = fc_sin("10.0.0.2", 5100);
	*(struct sockaddr_in *)&ad[2] = fc_sin("10.0.0.2", 5101);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 1, SCTP_BINDX_ADD_ADDR | SCTP_BINDX_REM_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 0, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, &ad[1], 2, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* differing ports */
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 1, SCTP_BINDX_REM_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* nothing bound */
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 2, SCTP_BINDX_ADD_ADDR), 0);
	struct sockaddr_storage *la = NULL;
	CU_ASSERT_EQUAL(sctpdk_getladdrs(s, 0, &la), 2);
	sctpdk_freeladdrs(la);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 2, SCTP_BINDX_REM_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* cannot remove every address */
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 1, SCTP_BINDX_REM_ADDR), 0);
	CU_ASSERT_EQUAL(sctpdk_getladdrs(s, 0, &la), 1);
	CU_ASSERT_EQUAL(((struct sockaddr_in *)&la[0])->sin_addr.s_addr,
			((struct sockaddr_in *)&ad[1])->sin_addr.s_addr);
	sctpdk_freeladdrs(la);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, &ad[2], 1, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* port differs from the bound one */
	/* once the endpoint runs, addresses cannot change (no ASCONF) */
	CU_ASSERT_EQUAL(sctpdk_listen(s, 1), 0);
	CU_ASSERT_EQUAL(sctpdk_bindx(s, ad, 1, SCTP_BINDX_ADD_ADDR), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	sctpdk_close(s);
}

static void
test_tcp_connect_accept(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(5200, &l, &c, &s), 0);
	struct sockaddr_in p;
	socklen_t pl = sizeof(p);
	CU_ASSERT_EQUAL(sctpdk_getpeername(c, SA(p), &pl), 0);
	CU_ASSERT_EQUAL(ntohs(p.sin_port), 5200);
	pl = sizeof(p);
	CU_ASSERT_EQUAL(sctpdk_getpeername(s, SA(p), &pl), 0);
	CU_ASSERT(ntohs(p.sin_port) >= 49152); /* client's ephemeral port */
	pl = sizeof(p);
	CU_ASSERT_EQUAL(sctpdk_getpeername(l, SA(p), &pl), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	/* rules */
	struct sockaddr_in a = fc_sin("10.0.0.1", 5200);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, EISCONN);
	CU_ASSERT_EQUAL(sctpdk_connect(l, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* listening */
	CU_ASSERT_EQUAL(sctpdk_accept(c, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* not listening */
	CU_ASSERT_EQUAL(sctpdk_listen(c, 5), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* connected */
	sctpdk_fcntl(l, F_SETFL, O_NONBLOCK);
	CU_ASSERT_EQUAL(sctpdk_accept(l, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EAGAIN);
	/* data both ways */
	CU_ASSERT_EQUAL(sctpdk_write(c, "ping", 4), 4);
	char buf[16];
	CU_ASSERT_EQUAL(sctpdk_read(s, buf, sizeof(buf)), 4);
	CU_ASSERT_EQUAL(memcmp(buf, "ping", 4), 0);
	CU_ASSERT_EQUAL(sctpdk_send(s, "pong!", 5, 0), 5);
	CU_ASSERT_EQUAL(sctpdk_recv(c, buf, sizeof(buf), 0), 5);
	CU_ASSERT_EQUAL(memcmp(buf, "pong!", 5), 0);
	struct sockaddr_storage *pa = NULL;
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(c, 0, &pa), 1); /* listener bound to 10.0.0.1 only */
	CU_ASSERT_EQUAL(ntohs(((struct sockaddr_in *)&pa[0])->sin_port), 5200);
	sctpdk_freepaddrs(pa);
	/* close = graceful shutdown: the peer reads end of file */
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 0);
	CU_ASSERT_EQUAL(sctpdk_send(s, "x", 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_tcp_connect_errors(void)
{
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in nobody = fc_sin("10.0.0.2", 5301);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(nobody), sizeof(nobody)), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	char b;
	CU_ASSERT_EQUAL(sctpdk_recv(c, &b, 1, MSG_DONTWAIT), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL(sctpdk_send(c, "x", 1, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	struct sctp_initmsg im = {.sinit_max_init_timeo = 30};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)), 0);
	struct sockaddr_in hole = fc_sin("10.0.0.2", LB_BLACKHOLE_PORT);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(hole), sizeof(hole)), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	/* non-blocking connect: EINPROGRESS, then POLLOUT */
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.2", 5302);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(a), sizeof(a)), 0);
	CU_ASSERT_EQUAL(sctpdk_listen(l, 1), 0);
	sctpdk_fcntl(c, F_SETFL, O_NONBLOCK);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, EINPROGRESS);
	struct sctpdk_pollfd p = {.fd = c, .events = POLLOUT};
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 2000), 1);
	CU_ASSERT_EQUAL(p.revents, POLLOUT);
	int err = -1;
	socklen_t el = sizeof(err);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el), 0);
	CU_ASSERT_EQUAL(err, 0);
	/* non-blocking refused: POLLERR and SO_ERROR */
	int d = sctpdk_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(d, SA(nobody), sizeof(nobody)), -1);
	CU_ASSERT_EQUAL(errno, EINPROGRESS);
	p.fd = d;
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 2000), 1);
	CU_ASSERT(p.revents & POLLERR);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(d, SOL_SOCKET, SO_ERROR, &err, &el), 0);
	CU_ASSERT_EQUAL(err, ECONNREFUSED);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(d, SOL_SOCKET, SO_ERROR, &err, &el), 0);
	CU_ASSERT_EQUAL(err, 0); /* read clears it */
	sctpdk_close(d);
	sctpdk_close(c);
	sctpdk_close(l);
}

static void
test_backlog(void)
{
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 5400);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(a), sizeof(a)), 0);
	CU_ASSERT_EQUAL(sctpdk_listen(l, 1), 0);
	int c1 = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	int c2 = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c1, SA(a), sizeof(a)), 0);
	/* queue full (1 waiting): the second is taken down by the listener */
	CU_ASSERT_EQUAL(sctpdk_connect(c2, SA(a), sizeof(a)), 0);
	char b;
	CU_ASSERT_EQUAL(sctpdk_recv(c2, &b, 1, 0), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	int s1 = sctpdk_accept(l, SA(from), &fl);
	CU_ASSERT(s1 >= 0);
	CU_ASSERT_EQUAL(fl, sizeof(from));
	CU_ASSERT_EQUAL(from.sin_family, AF_INET);
	/* backlog 0: no longer accepting */
	CU_ASSERT_EQUAL(sctpdk_listen(l, 0), 0);
	int c3 = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c3, SA(a), sizeof(a)), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	sctpdk_close(c3);
	sctpdk_close(c2);
	sctpdk_close(c1);
	sctpdk_close(s1);
	sctpdk_close(l);
}

static void
test_udp_style_rules(void)
{
	int u = fc_udp_sock("10.0.0.1", 5500);
	int v = fc_udp_sock("10.0.0.2", 5501);
	CU_ASSERT_FATAL(u >= 0 && v >= 0);
	CU_ASSERT_EQUAL(sctpdk_accept(u, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	CU_ASSERT_EQUAL(sctpdk_shutdown(u, SHUT_WR), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	CU_ASSERT_EQUAL(sctpdk_send(u, "x", 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EDESTADDRREQ);
	struct sockaddr_in p;
	socklen_t pl = sizeof(p);
	CU_ASSERT_EQUAL(sctpdk_getpeername(u, SA(p), &pl), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	/* connect adds an association; twice is EISCONN */
	struct sockaddr_in va = fc_sin("10.0.0.2", 5501);
	CU_ASSERT_EQUAL(sctpdk_connect(u, SA(va), sizeof(va)), 0);
	CU_ASSERT_EQUAL(sctpdk_connect(u, SA(va), sizeof(va)), -1);
	CU_ASSERT_EQUAL(errno, EISCONN);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	sctp_assoc_t id = n.sn_assoc_change.sac_assoc_id;
	CU_ASSERT(id != 0);
	CU_ASSERT_EQUAL(fc_wait_note(v, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	struct sockaddr_storage *pa = NULL;
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(u, id, &pa), 1);
	sctpdk_freepaddrs(pa);
	CU_ASSERT_EQUAL(sctpdk_getpaddrs(u, id + 1000, &pa), 0);
	struct sockaddr_storage *la = NULL;
	CU_ASSERT_EQUAL(sctpdk_getladdrs(u, id + 1000, &la), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	sctpdk_close(u);
	CU_ASSERT_EQUAL(fc_wait_note(v, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	sctpdk_close(v);
}

static void
test_peeloff(void)
{
	int u = fc_udp_sock("10.0.0.1", 5600);
	int v = fc_udp_sock("10.0.0.2", 5601);
	struct sockaddr_in va = fc_sin("10.0.0.2", 5601);
	struct sockaddr_in ua = fc_sin("10.0.0.1", 5600);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "hello", 5, 0, SA(va), sizeof(va)), 5);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	sctp_assoc_t id = n.sn_assoc_change.sac_assoc_id;
	char buf[64];
	struct fc_rx r = fc_recv_data(v, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 5);
	CU_ASSERT_EQUAL(sctpdk_peeloff(u, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	sctp_assoc_t bogus = 999999;
	CU_ASSERT_EQUAL(sctpdk_peeloff(u, &bogus), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	int p = sctpdk_peeloff(u, &id);
	CU_ASSERT_FATAL(p >= 0);
	CU_ASSERT_EQUAL(sctpdk_peeloff(p, &id), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	/* the peeled socket is one-to-one: send() works, MSG_EOF refused */
	struct sockaddr_in pp;
	socklen_t pl = sizeof(pp);
	CU_ASSERT_EQUAL(sctpdk_getpeername(p, SA(pp), &pl), 0);
	CU_ASSERT_EQUAL(ntohs(pp.sin_port), 5601);
	CU_ASSERT_EQUAL(sctpdk_sendto(v, "back", 4, 0, SA(ua), sizeof(ua)), 4);
	r = fc_recv_data(p, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT_EQUAL(memcmp(buf, "back", 4), 0);
	/* the original no longer has it: sending by id fails */
	struct sctp_sndrcvinfo si = {.sinfo_assoc_id = id};
	CU_ASSERT_EQUAL(fc_send_si(u, "z", 1, NULL, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	/* closing the original does not close the peeled association */
	CU_ASSERT_EQUAL(sctpdk_close(u), 0);
	CU_ASSERT_EQUAL(sctpdk_send(p, "still", 5, 0), 5);
	r = fc_recv_data(v, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 5);
	CU_ASSERT_EQUAL(memcmp(buf, "still", 5), 0);
	sctpdk_close(p);
	sctpdk_close(v);
}

static void
test_shutdown_modes(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(5700, &l, &c, &s), 0);
	CU_ASSERT_EQUAL(sctpdk_shutdown(c, 42), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(sctpdk_shutdown(l, SHUT_WR), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	/* SHUT_RD: reads end at once, sends still work */
	CU_ASSERT_EQUAL(sctpdk_shutdown(s, SHUT_RD), 0);
	char buf[16];
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 0);
	CU_ASSERT_EQUAL(sctpdk_send(s, "ab", 2, 0), 2);
	CU_ASSERT_EQUAL(sctpdk_recv(c, buf, sizeof(buf), 0), 2);
	/* SHUT_WR: sending ends, the peer sees the shutdown, reading goes on */
	struct sctp_event_subscribe ev = {.sctp_shutdown_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_SET_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_send(c, "last", 4, 0), 4);
	CU_ASSERT_EQUAL(sctpdk_shutdown(c, SHUT_WR), 0);
	CU_ASSERT_EQUAL(sctpdk_send(c, "x", 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EPIPE);
	CU_ASSERT_EQUAL(sctpdk_recv(c, buf, sizeof(buf), 0), 0); /* shutdown completes: EOF */
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_linger_abort(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(5800, &l, &c, &s), 0);
	struct linger lg = {.l_onoff = 1, .l_linger = -1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	lg.l_linger = 0;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	struct linger got;
	socklen_t gl = sizeof(got);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, SOL_SOCKET, SO_LINGER, &got, &gl), 0);
	CU_ASSERT_EQUAL(got.l_onoff, 1);
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	char b;
	CU_ASSERT_EQUAL(sctpdk_recv(s, &b, 1, 0), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	CU_ASSERT_EQUAL(sctpdk_send(s, "x", 1, 0), -1);
	CU_ASSERT_EQUAL(errno, ECONNRESET);
	struct sctpdk_pollfd p = {.fd = s, .events = POLLIN};
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 0), 1);
	CU_ASSERT(p.revents & POLLHUP);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_linger_graceful(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(5810, &l, &c, &s), 0);
	struct linger lg = {.l_onoff = 1, .l_linger = 2};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	CU_ASSERT_EQUAL(sctpdk_send(c, "bye", 3, 0), 3);
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	char buf[8];
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 3);
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 0);
	sctpdk_close(s);
	sctpdk_close(l);
}

SCTPDK_TEST_SUITE(facade_sockets, fc_suite_init, fc_suite_clean, SCTPDK_TEST(test_socket_args),
		  SCTPDK_TEST(test_bind_rules), SCTPDK_TEST(test_bind_privileged_port),
		  SCTPDK_TEST(test_bindx_rules), SCTPDK_TEST(test_tcp_connect_accept),
		  SCTPDK_TEST(test_tcp_connect_errors), SCTPDK_TEST(test_backlog),
		  SCTPDK_TEST(test_udp_style_rules), SCTPDK_TEST(test_peeloff),
		  SCTPDK_TEST(test_shutdown_modes), SCTPDK_TEST(test_linger_abort),
		  SCTPDK_TEST(test_linger_graceful))
