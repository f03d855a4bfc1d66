/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threaded stress of the socket API on running stacks (issue 6): 8
 * application threads, 64 associations, SCTPDK_STRESS_MSGS messages
 * (default 1,000,000; the sanitizer tree runs fewer, the count is
 * printed), in both styles, with blocking and sctpdk_poll readers.
 *
 * Stack A (lcore 1) holds the client endpoints, stack B (lcores 2 and 3)
 * the server endpoints, spread over both lcores.
 *
 * UDP-style: 8 client sockets x 8 server sockets, every client associated
 * with every server (64 associations); 4 sender threads (2 client sockets
 * each, blocking sendmsg round robin over the 8 servers); readers: 2
 * blocking (one server socket each) and 2 sctpdk_poll readers (3 server
 * sockets each, MSG_DONTWAIT).
 *
 * TCP-style: 64 client sockets, each bound to its own configured endpoint
 * and connected to one of 2 listeners (one per B lcore), 64 accepted
 * sockets; 4 sender threads (16 client sockets each, blocking); readers: 2
 * blocking (one accepted socket each) and 2 sctpdk_poll readers (31 each).
 *
 * Every flow (client socket -> server socket) is one stream: each message
 * must arrive exactly once, in order, intact. A watchdog closes the
 * server sockets (waking blocked readers with EBADF) if nothing moves for
 * 10 s. Then every socket closes gracefully, the stacks stop, and both
 * mbuf pools must be whole again.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_test.h"

#include "../facade/sockutil.h"
#include "facade_int.h"
#include "rt_fixture.h"
#include "rt_priv.h"

#define N_ASSOC   64
#define N_SENDERS 4
#define N_READERS 4 /* 0, 1 blocking; 2, 3 sctpdk_poll */
#define UDP_NC    8
#define UDP_NS    8
#define TCP_NL    2 /* listeners */

struct msg {
	uint32_t cli, srv, seq, check;
};

struct stress {
	int tcp;
	unsigned n_cli, n_srv; /* sockets */
	int cli[N_ASSOC], srv[N_ASSOC];
	struct sockaddr_in srv_addr[UDP_NS];
	unsigned per_flow;
	/* reader r serves srv[] indices rd_first[r] .. + rd_n[r] */
	unsigned rd_first[N_READERS], rd_n[N_READERS];
	/* next expected seq per flow: [client][server], server = 0 TCP-style */
	unsigned next[N_ASSOC][UDP_NS];
	unsigned long got[N_READERS];
	unsigned bad[N_READERS];
	unsigned send_fail[N_SENDERS];
	int first_errno[N_SENDERS];
	volatile int stop;
};

static uint32_t
check_of(uint32_t cli, uint32_t srv, uint32_t seq)
{
	return cli * 7919u + srv * 104729u + seq * 2654435761u;
}

struct targ {
	struct stress *s;
	unsigned i;
};

static void
send_one(struct stress *s, unsigned t, unsigned c, unsigned k, unsigned q)
{
	struct msg m = {c, k, q, check_of(c, k, q)};
	struct iovec iov = {.iov_base = &m, .iov_len = sizeof(m)};
	struct msghdr h = {.msg_iov = &iov, .msg_iovlen = 1};
	if (!s->tcp) {
		h.msg_name = &s->srv_addr[k];
		h.msg_namelen = sizeof(s->srv_addr[k]);
	}
	if (sctpdk_sendmsg(s->cli[c], &h, 0) != (ssize_t)sizeof(m)) {
		if (s->send_fail[t]++ == 0)
			s->first_errno[t] = errno;
	}
}

static void *
sender(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	unsigned per = s->n_cli / N_SENDERS;
	for (unsigned q = 0; q < s->per_flow && !s->stop; q++)
		for (unsigned c = t->i * per; c < (t->i + 1) * per; c++) {
			if (s->tcp)
				send_one(s, t->i, c, 0, q);
			else
				for (unsigned k = 0; k < UDP_NS; k++)
					send_one(s, t->i, c, k, q);
		}
	return NULL;
}

/* one message of srv[j]; 1 taken, 0 notification, -1 error / nothing */
static int
take(struct stress *s, unsigned r, unsigned j, int flags)
{
	struct msg m;
	struct iovec iov = {.iov_base = &m, .iov_len = sizeof(m)};
	struct msghdr h = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n = sctpdk_recvmsg(s->srv[j], &h, flags);
	if (n <= 0)
		return -1;
	if (h.msg_flags & MSG_NOTIFICATION)
		return 0;
	unsigned k = s->tcp ? 0 : j;
	if (n != (ssize_t)sizeof(m) || m.cli >= s->n_cli || m.srv != (s->tcp ? 0 : j) ||
	    m.check != check_of(m.cli, m.srv, m.seq) || m.seq != s->next[m.cli][k]) {
		s->bad[r]++;
		if (m.cli < s->n_cli)
			s->next[m.cli][k] = m.seq + 1;
	} else {
		s->next[m.cli][k]++;
	}
	__atomic_add_fetch(&s->got[r], 1, __ATOMIC_RELAXED);
	return 1;
}

static unsigned long
want_of(const struct stress *s, unsigned r)
{
	/* every server socket receives per_flow from each of its clients */
	unsigned long per_sock = s->tcp ? s->per_flow : (unsigned long)s->per_flow * UDP_NC;
	return per_sock * s->rd_n[r];
}

static void *
reader_blocking(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	unsigned j = s->rd_first[t->i];
	while (__atomic_load_n(&s->got[t->i], __ATOMIC_RELAXED) < want_of(s, t->i))
		if (take(s, t->i, j, 0) < 0 && errno != EINTR)
			break;
	return NULL;
}

static void *
reader_poll(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	struct sctpdk_pollfd p[N_ASSOC];
	unsigned n = s->rd_n[t->i], first = s->rd_first[t->i];
	while (__atomic_load_n(&s->got[t->i], __ATOMIC_RELAXED) < want_of(s, t->i) && !s->stop) {
		for (unsigned i = 0; i < n; i++)
			p[i] = (struct sctpdk_pollfd){.fd = s->srv[first + i], .events = POLLIN};
		int r = sctpdk_poll(p, n, 100);
		if (r < 0)
			break;
		int bad = 0;
		for (unsigned i = 0; i < n; i++) {
			if (p[i].revents & (POLLNVAL | POLLERR))
				bad = 1;
			if (p[i].revents & POLLIN)
				while (take(s, t->i, first + i, MSG_DONTWAIT) >= 0)
					;
		}
		if (bad)
			break;
	}
	return NULL;
}

static double
mono_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned
total_msgs(void)
{
	const char *env = getenv("SCTPDK_STRESS_MSGS");
	unsigned total = env != NULL ? (unsigned)strtoul(env, NULL, 10) : 1000000;
	return total < N_ASSOC ? N_ASSOC : total;
}

static void
stacks_setup(struct rt_two *t, const char *name, int tcp)
{
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(t, name, NULL), 0);
	t->cfg_a.engine = NULL;
	t->cfg_b.engine = NULL;
	t->cfg_a.n_eps = tcp ? N_ASSOC : UDP_NC;
	for (unsigned i = 0; i < t->cfg_a.n_eps; i++)
		t->cfg_a.eps[i] = (struct sctpdk_rt_ep_cfg){(uint16_t)(5100 + i), 0, 0};
	t->cfg_b.n_eps = tcp ? TCP_NL : UDP_NS;
	for (unsigned k = 0; k < t->cfg_b.n_eps; k++)
		t->cfg_b.eps[k] = (struct sctpdk_rt_ep_cfg){(uint16_t)(6100 + k), 1, k % 2};
	t->cfg_a.n_mbufs = t->cfg_b.n_mbufs = 31743;
	t->cfg_a.max_assocs = t->cfg_b.max_assocs = 256;
	t->cfg_a.idle_sleep_us = t->cfg_b.idle_sleep_us = 50;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(t), 0);
}

static void
open_sockets(struct stress *s)
{
	int type = s->tcp ? SOCK_STREAM : SOCK_SEQPACKET;
	unsigned n_lsn = s->tcp ? TCP_NL : UDP_NS;
	int lsn[UDP_NS];
	for (unsigned k = 0; k < n_lsn; k++) {
		s->srv_addr[k] = fc_sin("198.18.0.2", (uint16_t)(6100 + k));
		lsn[k] = sctpdk_socket(AF_INET, type, IPPROTO_SCTP);
		CU_ASSERT_FATAL(lsn[k] >= 0);
		CU_ASSERT_EQUAL(sctpdk_bind(lsn[k], SA(s->srv_addr[k]), sizeof(s->srv_addr[k])), 0);
		CU_ASSERT_EQUAL_FATAL(sctpdk_listen(lsn[k], N_ASSOC), 0);
		if (!s->tcp)
			s->srv[k] = lsn[k];
	}
	for (unsigned i = 0; i < s->n_cli; i++) {
		struct sockaddr_in a = fc_sin("198.18.0.1", (uint16_t)(5100 + i));
		s->cli[i] = sctpdk_socket(AF_INET, type, IPPROTO_SCTP);
		CU_ASSERT_FATAL(s->cli[i] >= 0);
		CU_ASSERT_EQUAL(sctpdk_bind(s->cli[i], SA(a), sizeof(a)), 0);
		/* bytes bound what waits in the facade; small messages cost an
		 * mbuf each: 256 of them per UDP-style socket, 64 per TCP-style
		 * one (64 sockets), so that with what the stack queues (it
		 * refuses more once its pool is down to a quarter) the pool
		 * is never empty (sendmsg would fail with ENOBUFS) */
		int sb = (s->tcp ? 64 : 256) * (int)sizeof(struct msg);
		CU_ASSERT_EQUAL(
		    sctpdk_setsockopt(s->cli[i], SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
		if (s->tcp)
			CU_ASSERT_EQUAL_FATAL(sctpdk_connect(s->cli[i], SA(s->srv_addr[i % TCP_NL]),
							     sizeof(s->srv_addr[0])),
					      0);
	}
	if (s->tcp) {
		/* every connect returned after COMM_UP: the accept queues hold
		 * all 64 */
		for (unsigned j = 0; j < N_ASSOC; j++) {
			s->srv[j] = sctpdk_accept(lsn[j % TCP_NL], NULL, NULL);
			CU_ASSERT_FATAL(s->srv[j] >= 0);
		}
		for (unsigned k = 0; k < TCP_NL; k++)
			CU_ASSERT_EQUAL(sctpdk_close(lsn[k]), 0);
	}
}

static unsigned
ring_n(struct rte_ring *r)
{
	return r != NULL ? rte_ring_count(r) : 0;
}

/* Where a stopped stack still holds frames (printed when its pool is not
 * whole): inbound rings of live association slots, of deleted ones
 * waiting for their grace period, endpoint inboxes (configured and
 * run-time), endpoint event rings, and what the lcores still list. */
static void
held_report(const char *name, struct sctpdk_stack *st)
{
	unsigned live = 0, dead = 0, inbox = 0, events = 0, pending = 0, ready = 0;
	for (uint32_t i = 0; i < st->n_slots; i++) {
		if (st->assocs[i].live)
			live += ring_n(st->assocs[i].ring);
		else
			dead += ring_n(st->assocs[i].ring);
	}
	for (unsigned e = 0; e < st->n_eps; e++) {
		inbox += ring_n(st->eps[e].inbox.ring);
		events += ring_n(st->eps[e].events);
	}
	for (unsigned e = 0; st->dyn != NULL && e < st->n_dyn; e++)
		inbox += ring_n(st->dyn[e].inbox.ring);
	unsigned txq = 0;
	for (unsigned l = 0; l < st->cfg.n_lcores; l++) {
		pending += st->lc[l].n_pending;
		ready += ring_n(st->lc[l].ready);
		txq += st->lc[l].txq.n;
	}
	struct sctpdk_facade_stats fs = {0};
	struct sctpdk_facade *f = __atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE);
	if (f != NULL)
		sctpdk_facade_stats_get(f, &fs);
	printf("    stress: stack %s holds frames in: live association rings %u, deleted "
	       "association rings %u (%u slots waiting for their grace period), endpoint "
	       "inboxes %u, event rings %u entries, ready rings %u entries, TX queues %u; "
	       "socket slots in use %" PRIu64 "\n",
	       name, live, dead, pending, inbox, events, ready, txq, fs.sockets);
}

static void
run(int tcp)
{
	unsigned total = total_msgs();
	struct rt_two t;
	stacks_setup(&t, tcp ? "fst" : "fsu", tcp);
	struct stress *s = calloc(1, sizeof(*s));
	CU_ASSERT_FATAL(s != NULL);
	s->tcp = tcp;
	s->n_cli = tcp ? N_ASSOC : UDP_NC;
	s->n_srv = tcp ? N_ASSOC : UDP_NS;
	s->per_flow = total / N_ASSOC;
	/* readers: two blocking ones with one socket each, two poll ones
	 * sharing the rest */
	unsigned rest = s->n_srv - 2;
	s->rd_first[0] = 0;
	s->rd_n[0] = 1;
	s->rd_first[1] = 1;
	s->rd_n[1] = 1;
	s->rd_first[2] = 2;
	s->rd_n[2] = rest / 2;
	s->rd_first[3] = 2 + rest / 2;
	s->rd_n[3] = rest - rest / 2;
	printf("\n    stress %s: %u messages (%u per flow, 64 associations, %u client and %u "
	       "server sockets, 8 threads; SCTPDK_STRESS_MSGS)\n",
	       tcp ? "TCP-style" : "UDP-style", s->per_flow * N_ASSOC, s->per_flow, s->n_cli,
	       s->n_srv);
	open_sockets(s);

	double t0 = mono_s(), c0 = cpu_s();
	pthread_t th[N_SENDERS + N_READERS];
	struct targ ta[N_SENDERS + N_READERS];
	for (unsigned i = 0; i < N_SENDERS; i++) {
		ta[i] = (struct targ){s, i};
		pthread_create(&th[i], NULL, sender, &ta[i]);
	}
	for (unsigned r = 0; r < N_READERS; r++) {
		ta[N_SENDERS + r] = (struct targ){s, r};
		pthread_create(&th[N_SENDERS + r], NULL, r < 2 ? reader_blocking : reader_poll,
			       &ta[N_SENDERS + r]);
	}
	/* watchdog: progress at least every 10 s */
	unsigned long last = 0, want = (unsigned long)s->per_flow * N_ASSOC;
	double seen = mono_s();
	int stalled = 0;
	for (;;) {
		unsigned long sum = 0;
		for (unsigned r = 0; r < N_READERS; r++)
			sum += __atomic_load_n(&s->got[r], __ATOMIC_RELAXED);
		if (sum >= want)
			break;
		if (sum != last) {
			last = sum;
			seen = mono_s();
		} else if (mono_s() - seen > 10) {
			stalled = 1;
			break;
		}
		struct timespec ts = {0, 20000000};
		nanosleep(&ts, NULL);
	}
	double dt = mono_s() - t0, dc = cpu_s() - c0;
	if (stalled) {
		printf("    stress: stalled at %lu of %lu messages\n", last, want);
		s->stop = 1;
		for (unsigned j = 0; j < s->n_srv; j++)
			sctpdk_close(s->srv[j]);
	}
	for (unsigned i = 0; i < N_SENDERS + N_READERS; i++)
		pthread_join(th[i], NULL);
	CU_ASSERT_EQUAL(stalled, 0);
	unsigned long got = 0;
	unsigned bad = 0, fail = 0, short_flows = 0;
	for (unsigned r = 0; r < N_READERS; r++) {
		got += s->got[r];
		bad += s->bad[r];
	}
	for (unsigned c = 0; c < s->n_cli; c++)
		for (unsigned k = 0; k < (tcp ? 1u : UDP_NS); k++)
			short_flows += s->next[c][k] != s->per_flow;
	for (unsigned i = 0; i < N_SENDERS; i++) {
		fail += s->send_fail[i];
		if (s->send_fail[i] != 0)
			printf("    stress: sender %u: %u send failures, first errno %d\n", i,
			       s->send_fail[i], s->first_errno[i]);
	}
	CU_ASSERT_EQUAL(got, want);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(fail, 0);
	CU_ASSERT_EQUAL(short_flows, 0);
	printf("    stress: %lu received, %u out of order/duplicate/corrupt, %u flows short, %u "
	       "send failures, %.2f s, %.0f msg/s, %.2f s CPU (%.0f msg per CPU-second)\n",
	       got, bad, short_flows, fail, dt, dt > 0 ? (double)got / dt : 0.0, dc,
	       dc > 0 ? (double)got / dc : 0.0);

	/* clean exit: graceful close of every association, then the pools
	 * are whole once the stacks stopped */
	for (unsigned i = 0; i < s->n_cli; i++)
		CU_ASSERT_EQUAL(sctpdk_close(s->cli[i]), 0);
	if (!stalled)
		for (unsigned j = 0; j < s->n_srv; j++)
			CU_ASSERT_EQUAL(sctpdk_close(s->srv[j]), 0);
	/* the shutdowns complete on the lcores */
	struct sctpdk_stack_stats sa, sb;
	double tq = mono_s();
	do {
		usleep(10000);
		sctpdk_stack_stats_get(t.a, &sa);
		sctpdk_stack_stats_get(t.b, &sb);
	} while ((sa.assocs != 0 || sb.assocs != 0) && mono_s() - tq < 10);
	CU_ASSERT_EQUAL(sa.assocs, 0);
	CU_ASSERT_EQUAL(sb.assocs, 0);
	sctpdk_stack_stop(t.a);
	sctpdk_stack_stop(t.b);
	/* frames still on the link (a last SACK or SHUTDOWN COMPLETE sent
	 * as the other side stopped) belong to the pools too */
	unsigned on_link = 0;
	void *fr;
	while (rte_ring_dequeue(t.link.ab, &fr) == 0 || rte_ring_dequeue(t.link.ba, &fr) == 0) {
		rte_pktmbuf_free(fr);
		on_link++;
	}
	CU_ASSERT(on_link < 64);
	struct rte_mempool *pa = sctpdk_stack_pool(t.a), *pb = sctpdk_stack_pool(t.b);
	if (rte_mempool_avail_count(pa) != pa->size || rte_mempool_avail_count(pb) != pb->size ||
	    on_link != 0)
		printf("    stress: pools after stop: A %u of %u, B %u of %u free (%u frames were "
		       "on the link)\n",
		       rte_mempool_avail_count(pa), pa->size, rte_mempool_avail_count(pb), pb->size,
		       on_link);
	if (rte_mempool_avail_count(pa) != pa->size)
		held_report("A", t.a);
	if (rte_mempool_avail_count(pb) != pb->size)
		held_report("B", t.b);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pa), pa->size);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pb), pb->size);
	free(s);
	rt_two_free(&t);
}

static void
test_udp_style_64_assocs_8_threads(void)
{
	run(0);
}

static void
test_tcp_style_64_assocs_8_threads(void)
{
	run(1);
}

SCTPDK_TEST_SUITE(runtime_facade_stress, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_udp_style_64_assocs_8_threads),
		  SCTPDK_TEST(test_tcp_style_64_assocs_8_threads))
