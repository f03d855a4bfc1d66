/* SPDX-License-Identifier: BSD-3-Clause */
/* Blocking, non-blocking and wake-ups (lib/facade/wait.c, poll.c). */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "facade_int.h"
#include "util.h"

static uint64_t
ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static int
lcore_noop(void *arg)
{
	(void)arg;
	return 0;
}

/* Return once the lcore thread has run a whole poll that began after this
 * call: what it could take from the command rings by then, it took. (One
 * call may land at the end of a poll that began before.) */
static void
lcore_settle(void)
{
	lb_call_on_lcore(fc_lb, lcore_noop, NULL);
	lb_call_on_lcore(fc_lb, lcore_noop, NULL);
}

static uint64_t
wakeups(void)
{
	struct sctpdk_facade_stats st;
	sctpdk_facade_stats_get(lb_facade(fc_lb), &st);
	return st.wakeups;
}

struct delayed {
	int sd;
	int ms;
	const char *what;
	const struct fc_sock *receiver; /* when set: send only once it waits */
};

static void *
delayed_send(void *arg)
{
	struct delayed *d = arg;
	/* a busy machine can hold the receiving thread off for longer than
	 * d->ms; had the message come first, its call would not sleep at all */
	for (int i = 0; d->receiver != NULL && i < 5000 &&
			__atomic_load_n(&d->receiver->park.waiters, __ATOMIC_SEQ_CST) == 0;
	     i++)
		sleep_ms(1);
	sleep_ms(d->ms);
	sctpdk_send(d->sd, d->what, strlen(d->what), 0);
	return NULL;
}

static void
test_blocking_recv_wakes(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9000, &l, &c, &s), 0);
	uint64_t w0 = wakeups();
	struct fc_sock *rs = fc_get(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
	struct delayed d = {c, 100, "wake", rs};
	pthread_t t;
	pthread_create(&t, NULL, delayed_send, &d);
	uint64_t t0 = ms_now();
	char buf[8];
	CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), 4);
	uint64_t dt = ms_now() - t0;
	pthread_join(t, NULL);
	fc_put(rs);
	CU_ASSERT(dt >= 90);
	/* the lcore counts a wake-up after the FUTEX_WAKE: let it finish */
	lcore_settle();
	CU_ASSERT(wakeups() > w0); /* it slept, and was woken by the lcore */
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_no_syscall_when_ready(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9010, &l, &c, &s), 0);
	lcore_settle(); /* let the wake-ups of the setup itself be counted */
	uint64_t w0 = wakeups();
	for (int i = 0; i < 200; i++)
		CU_ASSERT_EQUAL(sctpdk_send(c, &i, sizeof(i), 0), (ssize_t)sizeof(i));
	/* wait until all are queued, without blocking in the facade */
	int got = 0;
	uint64_t t0 = ms_now();
	while (got < 200 && ms_now() - t0 < 5000) {
		int v;
		ssize_t n = sctpdk_recv(s, &v, sizeof(v), MSG_DONTWAIT);
		if (n == (ssize_t)sizeof(v)) {
			CU_ASSERT_EQUAL(v, got);
			got++;
		} else {
			CU_ASSERT(n == -1 && errno == EAGAIN);
			sleep_ms(1);
		}
	}
	CU_ASSERT_EQUAL(got, 200);
	lcore_settle();
	/* nobody waited and nobody polls the eventfd: no eventfd write */
	CU_ASSERT_EQUAL(wakeups(), w0);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

struct closer {
	int sd;
	ssize_t ret;
	int err;
};

static void *
blocked_reader(void *arg)
{
	struct closer *k = arg;
	char b[4];
	k->ret = sctpdk_recv(k->sd, b, sizeof(b), 0);
	k->err = errno;
	return NULL;
}

static void
test_close_wakes_blocked(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9020, &l, &c, &s), 0);
	struct closer k = {s, 0, 0};
	pthread_t t;
	pthread_create(&t, NULL, blocked_reader, &k);
	sleep_ms(50);
	CU_ASSERT_EQUAL(sctpdk_close(s), 0);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(k.ret, -1);
	CU_ASSERT_EQUAL(k.err, EBADF);
	sctpdk_close(c);
	sctpdk_close(l);
}

static void
on_usr1(int sig)
{
	(void)sig;
}

static void
test_eintr(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9030, &l, &c, &s), 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1; /* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	struct closer k = {s, 0, 0};
	pthread_t t;
	pthread_create(&t, NULL, blocked_reader, &k);
	sleep_ms(50);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(k.ret, -1);
	CU_ASSERT_EQUAL(k.err, EINTR);
	signal(SIGUSR1, SIG_DFL);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

struct sender {
	int sd;
	int n;
	size_t len;
	int sent;
};

static void *
blocking_sender(void *arg)
{
	struct sender *x = arg;
	static char data[4096];
	for (int i = 0; i < x->n; i++)
		if (sctpdk_send(x->sd, data, x->len, 0) == (ssize_t)x->len)
			x->sent++;
	return NULL;
}

static void
test_sndbuf_blocks_and_eagain(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9040, &l, &c, &s), 0);
	int sb = 8192;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
	lb_hold(fc_lb, 1);      /* the peer takes nothing: the double's window fills */
	static char data[1024]; /* 8 of them fill SO_SNDBUF exactly */
	int sent = 0;
	uint64_t t0 = ms_now();
	while (ms_now() - t0 < 5000) {
		ssize_t n = sctpdk_send(c, data, sizeof(data), MSG_DONTWAIT);
		if (n < 0) {
			CU_ASSERT_EQUAL(errno, EAGAIN);
			/* the lcore may not have moved the queued messages into the
			 * double yet (a busy machine can hold it off for many ms):
			 * once it has polled since, a refusal is final */
			lcore_settle();
			if (sctpdk_send(c, data, sizeof(data), MSG_DONTWAIT) < 0) {
				CU_ASSERT_EQUAL(errno, EAGAIN);
				break;
			}
		}
		sent++;
	}
	/* LB_WINDOW messages in the double, at most SO_SNDBUF bytes queued */
	CU_ASSERT(sent >= LB_WINDOW);
	CU_ASSERT(sent <= LB_WINDOW + 8 + 1);
	struct sctpdk_pollfd p = {.fd = c, .events = POLLOUT};
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 20), 0);
	/* a blocking sender now blocks until the receiver drains */
	struct sender x = {c, 3, sizeof(data), 0};
	pthread_t t;
	pthread_create(&t, NULL, blocking_sender, &x);
	sleep_ms(50);
	CU_ASSERT_EQUAL(__atomic_load_n(&x.sent, __ATOMIC_SEQ_CST), 0);
	lb_hold(fc_lb, 0);
	char buf[1024];
	for (int i = 0; i < sent + 3; i++)
		CU_ASSERT_EQUAL(sctpdk_recv(s, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(x.sent, 3);
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 1000), 1);
	CU_ASSERT_EQUAL(p.revents, POLLOUT);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

struct acceptor {
	int l;
	int got;
};

static void *
do_accept(void *arg)
{
	struct acceptor *a = arg;
	a->got = sctpdk_accept(a->l, NULL, NULL);
	return NULL;
}

static void
test_accept_blocks(void)
{
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 9050);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(a), sizeof(a)), 0);
	CU_ASSERT_EQUAL(sctpdk_listen(l, 4), 0);
	struct acceptor ac = {l, -1};
	pthread_t t;
	pthread_create(&t, NULL, do_accept, &ac);
	sleep_ms(30);
	CU_ASSERT_EQUAL(ac.got, -1);
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(a), sizeof(a)), 0);
	pthread_join(t, NULL);
	CU_ASSERT(ac.got >= 0);
	/* POLLIN on a listener means an association to accept */
	int c2 = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c2, SA(a), sizeof(a)), 0);
	struct sctpdk_pollfd p = {.fd = l, .events = POLLIN};
	CU_ASSERT_EQUAL(sctpdk_poll(&p, 1, 1000), 1);
	CU_ASSERT_EQUAL(p.revents, POLLIN);
	int s2 = sctpdk_accept(l, NULL, NULL);
	CU_ASSERT(s2 >= 0);
	sctpdk_close(s2);
	sctpdk_close(c2);
	sctpdk_close(ac.got);
	sctpdk_close(c);
	sctpdk_close(l);
}

static void
test_poll_timeout_and_many(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9060, &l, &c, &s), 0);
	struct sctpdk_pollfd p[3] = {{s, POLLIN, 0}, {-1, POLLIN, 0}, {c, POLLIN, 0}};
	uint64_t t0 = ms_now();
	CU_ASSERT_EQUAL(sctpdk_poll(p, 3, 60), 0);
	CU_ASSERT(ms_now() - t0 >= 55);
	struct delayed d = {c, 40, "x", NULL};
	pthread_t t;
	pthread_create(&t, NULL, delayed_send, &d);
	CU_ASSERT_EQUAL(sctpdk_poll(p, 3, 5000), 1);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(p[0].revents, POLLIN);
	CU_ASSERT_EQUAL(p[1].revents, 0);
	CU_ASSERT_EQUAL(p[2].revents, 0);
	CU_ASSERT_EQUAL(sctpdk_poll(NULL, 1, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

/* On a stack lcore every call fails with EDEADLK: the lcore must never
 * wait for itself. Returns a bit mask of the checks that held. */
static int
calls_on_lcore(void *arg)
{
	int sd = *(int *)arg, ok = 0;
	char b;
	errno = 0;
	ok |= (sctpdk_socket(AF_INET, SOCK_STREAM, 0) == -1 && errno == EDEADLK) << 0;
	errno = 0;
	ok |= (sctpdk_recv(sd, &b, 1, 0) == -1 && errno == EDEADLK) << 1;
	errno = 0;
	ok |= (sctpdk_send(sd, "x", 1, 0) == -1 && errno == EDEADLK) << 2;
	struct sctpdk_pollfd p = {.fd = sd, .events = POLLIN};
	errno = 0;
	ok |= (sctpdk_poll(&p, 1, 1000) == -1 && errno == EDEADLK) << 3;
	errno = 0;
	ok |= (sctpdk_close(sd) == -1 && errno == EDEADLK) << 4;
	return ok;
}

static void
test_edeadlk_on_lcore(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(9070, &l, &c, &s), 0);
	CU_ASSERT_EQUAL(lb_call_on_lcore(fc_lb, calls_on_lcore, &s), 0x1f);
	/* the socket is untouched */
	CU_ASSERT_EQUAL(sctpdk_send(c, "y", 1, 0), 1);
	char b;
	CU_ASSERT_EQUAL(sctpdk_recv(s, &b, 1, 0), 1);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

SCTPDK_TEST_SUITE(facade_blocking, fc_suite_init, fc_suite_clean,
		  SCTPDK_TEST(test_blocking_recv_wakes), SCTPDK_TEST(test_no_syscall_when_ready),
		  SCTPDK_TEST(test_close_wakes_blocked), SCTPDK_TEST(test_eintr),
		  SCTPDK_TEST(test_sndbuf_blocks_and_eagain), SCTPDK_TEST(test_accept_blocks),
		  SCTPDK_TEST(test_poll_timeout_and_many), SCTPDK_TEST(test_edeadlk_on_lcore))
