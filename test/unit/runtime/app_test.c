/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The application on the stack lcores (sctpdk_stack_set_app_poll) and
 * application threads parked in sctpdk_stack_event_wait, with the
 * protocol core: two stacks over a net_ring pair, A on lcore 1, B on
 * lcores 2 and 3 with its endpoint owned by lcore 3.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

#define RR_MSGS 200
#define RR_LEN  300

static uint64_t
now_ms(void)
{
	return rte_get_timer_cycles() * 1000 / rte_get_timer_hz();
}

static int
start_core(struct rt_two *t, const char *name)
{
	if (rt_two_setup(t, name, NULL) != 0)
		return -1;
	t->cfg_a.engine = NULL; /* the protocol core */
	t->cfg_b.engine = NULL;
	t->cfg_b.eps[0].owner = 1;
	t->cfg_a.proto.nodelay = 1;
	t->cfg_b.proto.nodelay = 1;
	return rt_two_start(t);
}

static struct rte_mbuf *
make_msg(struct sctpdk_stack *st, unsigned i)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_stack_pool(st));
	if (m == NULL)
		return NULL;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, RR_LEN);
	for (unsigned k = 0; k < RR_LEN; k++)
		p[k] = (uint8_t)(i * 31 + k);
	return m;
}

static int
msg_ok(const struct rte_mbuf *m, unsigned i)
{
	if (rte_pktmbuf_pkt_len(m) != RR_LEN || m->nb_segs != 1)
		return 0;
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	for (unsigned k = 0; k < RR_LEN; k++)
		if (p[k] != (uint8_t)(i * 31 + k))
			return 0;
	return 1;
}

/* ---- request/response, both sides on the lcores -------------------------- */

struct rr_client {
	unsigned want_lcore; /* EAL lcore id the function must run on */
	uint64_t calls;
	uint64_t wrong_lcore;
	int started, up, bad_assoc;
	uint32_t assoc;
	unsigned sent, answered, bad_msgs;
	unsigned direct_seen; /* sends visible in sent_bytes before returning */
	uint32_t rt_id;
	int closed;
	int wait_rc; /* event_wait from the lcore */
};

static unsigned
client_fn(struct sctpdk_stack *st, unsigned lcore_index, void *arg)
{
	struct rr_client *c = arg;
	struct sctpdk_rt_event ev[16];
	unsigned work = 0, n;
	__atomic_add_fetch(&c->calls, 1, __ATOMIC_RELAXED);
	if (rte_lcore_id() != c->want_lcore || lcore_index != 0)
		c->wrong_lcore++;
	if (!c->started) {
		struct sctpdk_addr peer = RT_ADDR_B;
		c->started = 1;
		/* a stack lcore never sleeps in event_wait */
		c->wait_rc = sctpdk_stack_event_wait(st, NULL, 0, -1);
		return sctpdk_stack_associate(st, 0, &peer, RT_PORT_B, 1) == 0;
	}
	while ((n = sctpdk_stack_event_poll(st, 0, ev, 16)) != 0) {
		work += n;
		for (unsigned i = 0; i < n; i++) {
			if (ev[i].type == SCTPDK_RT_EV_ASSOC_CHANGE) {
				if (ev[i].u.assoc_change.state == SCTPDK_COMM_UP) {
					c->up = 1;
					c->assoc = ev[i].assoc_id;
				} else if (ev[i].u.assoc_change.state == SCTPDK_SHUTDOWN_COMP) {
					c->closed = 1;
				}
			} else if (ev[i].type == SCTPDK_RT_EV_DATA) {
				if (ev[i].assoc_id != c->assoc)
					c->bad_assoc++;
				if (!msg_ok(ev[i].u.data.msg, ev[i].u.data.ppid) ||
				    ev[i].u.data.ppid != c->answered)
					c->bad_msgs++;
				rte_pktmbuf_free(ev[i].u.data.msg);
				__atomic_add_fetch(&c->answered, 1, __ATOMIC_RELEASE);
			} else if (ev[i].type == SCTPDK_RT_EV_SEND_FAILED) {
				rte_pktmbuf_free(ev[i].u.send_failed.msg);
				c->bad_msgs++;
			}
		}
	}
	if (c->up && c->rt_id == 0) {
		uint32_t ids[4];
		if (sctpdk_stack_assoc_ids(st, ids, 4) == 1)
			c->rt_id = ids[0];
	}
	/* one request outstanding; the answer triggers the next */
	if (c->up && c->sent == c->answered && c->sent < RR_MSGS) {
		struct rte_mbuf *m = make_msg(st, c->sent);
		struct sctpdk_rt_assoc_info before, after;
		int have = c->rt_id != 0 && sctpdk_stack_assoc_info(st, c->rt_id, &before) == 0;
		if (m != NULL && sctpdk_stack_send(st, 0, c->assoc, 0, c->sent, 0, m) == 0) {
			/* run at once on the owner lcore: already counted */
			if (have && sctpdk_stack_assoc_info(st, c->rt_id, &after) == 0 &&
			    after.sent_bytes == before.sent_bytes + RR_LEN)
				c->direct_seen++;
			c->sent++;
			work++;
		} else {
			rte_pktmbuf_free(m);
		}
	}
	if (c->sent == RR_MSGS && c->answered == RR_MSGS && c->up == 1) {
		c->up = 2; /* done: close from the lcore too */
		sctpdk_stack_shutdown(st, 0, c->assoc);
	}
	return work;
}

struct echo_server {
	unsigned want_lcore;
	uint64_t calls, wrong_lcore;
	unsigned echoed, refused;
};

static unsigned
server_fn(struct sctpdk_stack *st, unsigned lcore_index, void *arg)
{
	struct echo_server *s = arg;
	struct sctpdk_rt_event ev[16];
	unsigned n, work = 0;
	__atomic_add_fetch(&s->calls, 1, __ATOMIC_RELAXED);
	if (rte_lcore_id() != s->want_lcore || lcore_index != 0)
		s->wrong_lcore++;
	while ((n = sctpdk_stack_event_poll(st, 0, ev, 16)) != 0) {
		work += n;
		for (unsigned i = 0; i < n; i++) {
			if (ev[i].type == SCTPDK_RT_EV_DATA) {
				uint32_t ppid = ev[i].u.data.ppid;
				if (!msg_ok(ev[i].u.data.msg, ppid))
					s->refused++;
				rte_pktmbuf_free(ev[i].u.data.msg);
				/* the endpoint is owned by the other lcore: the
				 * answer travels through its command ring */
				struct rte_mbuf *m = make_msg(st, ppid);
				if (m != NULL && sctpdk_stack_send(st, 0, ev[i].assoc_id, 0, ppid,
								   0, m) == 0) {
					s->echoed++;
				} else {
					s->refused++;
					rte_pktmbuf_free(m);
				}
			} else if (ev[i].type == SCTPDK_RT_EV_SEND_FAILED) {
				rte_pktmbuf_free(ev[i].u.send_failed.msg);
				s->refused++;
			}
		}
	}
	return work;
}

static void
test_lcore_request_response(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(start_core(&t, "apprr") == 0);
	struct rr_client c = {.want_lcore = 1};
	/* B's function on lcore 2 (index 0), which does not own the endpoint */
	struct echo_server s = {.want_lcore = 2};
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.b, 0, server_fn, &s), 0);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 0, client_fn, &c), 0);
	uint64_t end = now_ms() + 10000;
	while (!__atomic_load_n(&c.closed, __ATOMIC_ACQUIRE) && now_ms() < end)
		usleep(1000);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 0, NULL, NULL), 0);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.b, 0, NULL, NULL), 0);
	printf("\n    %u round trips on the lcores, %u sends seen at once, A's function "
	       "called %lu times\n",
	       c.answered, c.direct_seen, (unsigned long)c.calls);
	CU_ASSERT_EQUAL(c.answered, RR_MSGS);
	CU_ASSERT_EQUAL(c.bad_msgs, 0);
	CU_ASSERT_EQUAL(c.bad_assoc, 0);
	CU_ASSERT_EQUAL(s.echoed, RR_MSGS);
	CU_ASSERT_EQUAL(s.refused, 0);
	CU_ASSERT(c.closed);
	CU_ASSERT_EQUAL(c.wrong_lcore, 0);
	CU_ASSERT_EQUAL(s.wrong_lcore, 0);
	CU_ASSERT(c.calls > RR_MSGS);
	/* every send after the snapshot id was known ran before returning */
	CU_ASSERT(c.direct_seen >= RR_MSGS - 2);
	CU_ASSERT_EQUAL(c.wait_rc, 0);
	struct sctpdk_stack_stats sa;
	sctpdk_stack_stats_get(t.a, &sa);
	CU_ASSERT(sa.commands >= RR_MSGS + 2); /* associate, sends, shutdown */
	rt_two_free(&t);
}

/* ---- registration life cycle --------------------------------------------- */

struct counter {
	uint64_t calls;
};

static unsigned
count_fn(struct sctpdk_stack *st, unsigned lcore_index, void *arg)
{
	(void)st;
	(void)lcore_index;
	struct counter *k = arg;
	__atomic_add_fetch(&k->calls, 1, __ATOMIC_RELEASE);
	usleep(50); /* still inside when the control thread removes it */
	return 0;
}

static uint64_t
calls_of(struct counter *k)
{
	return __atomic_load_n(&k->calls, __ATOMIC_ACQUIRE);
}

static void
test_set_remove_stop_free(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(start_core(&t, "applc") == 0);
	struct counter k1 = {0}, k2 = {0}, k3 = {0};
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 1, count_fn, &k1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(NULL, 0, count_fn, &k1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 0, count_fn, &k1), 0);
	/* running: no replacing a set function */
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 0, count_fn, &k2), SCTPDK_ERR_STATE);
	CU_ASSERT(rt_wait_u64(&k1.calls, 20, 5000) >= 20);
	/* removal returns once the lcore is out of it: no call after */
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.a, 0, NULL, NULL), 0);
	uint64_t c1 = calls_of(&k1);
	usleep(20000);
	CU_ASSERT_EQUAL(calls_of(&k1), c1);
	/* another one on both of B's lcores */
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.b, 0, count_fn, &k2), 0);
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.b, 1, count_fn, &k3), 0);
	CU_ASSERT(rt_wait_u64(&k2.calls, 10, 5000) >= 10);
	CU_ASSERT(rt_wait_u64(&k3.calls, 10, 5000) >= 10);
	/* stop with it registered: no call after stop returns; a restart
	 * resumes calling it */
	sctpdk_stack_stop(t.b);
	uint64_t c2 = calls_of(&k2), c3 = calls_of(&k3);
	usleep(20000);
	CU_ASSERT_EQUAL(calls_of(&k2), c2);
	CU_ASSERT_EQUAL(calls_of(&k3), c3);
	/* stopped: set and remove are plain stores */
	CU_ASSERT_EQUAL(sctpdk_stack_set_app_poll(t.b, 1, NULL, NULL), 0);
	CU_ASSERT_EQUAL(sctpdk_stack_start(t.b), 0);
	CU_ASSERT(rt_wait_u64(&k2.calls, c2 + 10, 5000) >= c2 + 10);
	CU_ASSERT_EQUAL(calls_of(&k3), c3);
	/* free with it registered (rt_two_free stops, then frees) */
	rt_two_free(&t);
	c2 = calls_of(&k2);
	usleep(10000);
	CU_ASSERT_EQUAL(calls_of(&k2), c2);
}

/* ---- application threads parked on the event futex ------------------------ */

struct waiter {
	struct sctpdk_stack *st;
	int rc;
	uint64_t waited_ms;
	volatile int parked;
};

static void *
wait_thread(void *arg)
{
	struct waiter *w = arg;
	unsigned ep = 0;
	uint64_t t0 = now_ms();
	w->parked = 1;
	w->rc = sctpdk_stack_event_wait(w->st, &ep, 1, 5000000);
	w->waited_ms = now_ms() - t0;
	return NULL;
}

static void
test_event_wait_parks_and_wakes(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(start_core(&t, "appwt") == 0);
	unsigned bad = 7;
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, NULL, 1, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, &bad, 0, 0), SCTPDK_ERR_INVAL);
	/* nothing to report: times out, having slept */
	uint64_t t0 = now_ms();
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, NULL, 0, 30000), 0);
	CU_ASSERT(now_ms() - t0 >= 29);
	/* an endpoint index out of range never has events */
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, &bad, 1, 1000), 0);

	/* a thread parked on A; COMM_UP wakes it long before its 5 s */
	struct waiter w = {.st = t.a};
	pthread_t th;
	CU_ASSERT_FATAL(pthread_create(&th, NULL, wait_thread, &w) == 0);
	while (!w.parked)
		usleep(100);
	usleep(20000); /* parked by now */
	struct sctpdk_addr peer = RT_ADDR_B;
	uint64_t t1 = now_ms();
	CU_ASSERT_EQUAL(sctpdk_stack_associate(t.a, 0, &peer, RT_PORT_B, 1), 0);
	pthread_join(th, NULL);
	printf("\n    parked thread woken %lu ms after the associate (waited %lu ms)\n",
	       (unsigned long)(now_ms() - t1), (unsigned long)w.waited_ms);
	CU_ASSERT_EQUAL(w.rc, 1);
	CU_ASSERT(w.waited_ms < 3000);
	/* events are there: no sleep at all */
	t0 = now_ms();
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, NULL, 0, -1), 1);
	CU_ASSERT(now_ms() - t0 < 1000);
	struct sctpdk_rt_event ev[4];
	unsigned n = sctpdk_stack_event_poll(t.a, 0, ev, 4);
	CU_ASSERT(n >= 1);
	CU_ASSERT_EQUAL(ev[0].type, SCTPDK_RT_EV_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(ev[0].u.assoc_change.state, SCTPDK_COMM_UP);
	rt_two_free(&t);
}

/* ---- sctpdk_stack_stop wakes every parked thread ---------------------------- */

struct stop_waiter {
	struct sctpdk_stack *st;
	const unsigned *eps;
	unsigned n;
	int64_t timeout_us;
	int rc;
	uint64_t waited_ms;
	volatile int parked;
};

static void *
stop_wait_thread(void *arg)
{
	struct stop_waiter *w = arg;
	uint64_t t0 = now_ms();
	w->parked = 1;
	w->rc = sctpdk_stack_event_wait(w->st, w->eps, w->n, w->timeout_us);
	w->waited_ms = now_ms() - t0;
	return NULL;
}

static void
test_event_wait_woken_by_stop(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(start_core(&t, "appws") == 0);
	unsigned ep0 = 0;
	/* three threads parked on A (one endpoint, every endpoint; timeouts
	 * far beyond the test's patience), one on B with a short timeout */
	struct stop_waiter w[4] = {
	    {.st = t.a, .eps = &ep0, .n = 1, .timeout_us = 8000000},
	    {.st = t.a, .eps = NULL, .n = 0, .timeout_us = 8000000},
	    {.st = t.a, .eps = NULL, .n = 0, .timeout_us = 8000000},
	    {.st = t.b, .eps = NULL, .n = 0, .timeout_us = 600000},
	};
	pthread_t th[4];
	for (unsigned i = 0; i < 4; i++)
		CU_ASSERT_FATAL(pthread_create(&th[i], NULL, stop_wait_thread, &w[i]) == 0);
	for (unsigned i = 0; i < 4; i++)
		while (!w[i].parked)
			usleep(100);
	usleep(50000); /* parked by now */
	uint64_t t1 = now_ms();
	sctpdk_stack_stop(t.a);
	uint64_t stop_ms = now_ms() - t1;
	for (unsigned i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		CU_ASSERT_EQUAL(w[i].rc, SCTPDK_ERR_SHUTDOWN);
		CU_ASSERT(w[i].waited_ms >= 40);  /* it really parked */
		CU_ASSERT(w[i].waited_ms < 3000); /* and the stop woke it */
	}
	printf("\n    stop returned in %lu ms, parked threads woken after %lu/%lu/%lu ms\n",
	       (unsigned long)stop_ms, (unsigned long)w[0].waited_ms,
	       (unsigned long)w[1].waited_ms, (unsigned long)w[2].waited_ms);
	/* B's waiter is not A's business: it times out */
	pthread_join(th[3], NULL);
	CU_ASSERT_EQUAL(w[3].rc, 0);
	CU_ASSERT(w[3].waited_ms >= 550);
	/* a stopped stack: no sleep at all, even without a timeout */
	uint64_t t0 = now_ms();
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, NULL, 0, -1), SCTPDK_ERR_SHUTDOWN);
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, &ep0, 1, 0), SCTPDK_ERR_SHUTDOWN);
	CU_ASSERT(now_ms() - t0 < 1000);
	/* started again: an ordinary wait (times out) */
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_start(t.a), 0);
	t0 = now_ms();
	CU_ASSERT_EQUAL(sctpdk_stack_event_wait(t.a, NULL, 0, 30000), 0);
	CU_ASSERT(now_ms() - t0 >= 29);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_app, rt_fixture_eal, NULL, SCTPDK_TEST(test_lcore_request_response),
		  SCTPDK_TEST(test_set_remove_stop_free),
		  SCTPDK_TEST(test_event_wait_parks_and_wakes),
		  SCTPDK_TEST(test_event_wait_woken_by_stop))
