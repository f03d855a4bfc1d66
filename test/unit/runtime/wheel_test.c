/* SPDX-License-Identifier: BSD-3-Clause */
/* Hashed timer wheel on a virtual clock. */
#include <string.h>

#include "sctpdk_test.h"

#include "wheel.h"

struct rec {
	unsigned fired;
	uint64_t at;
	struct sctpdk_wheel *w;
	struct sctpdk_rt_timer *other; /* cancel this from the callback */
	uint64_t rearm_us;             /* re-arm self this much later */
};

static void
cb(struct sctpdk_rt_timer *t, void *arg, uint64_t now)
{
	struct rec *r = arg;
	r->fired++;
	r->at = now;
	if (r->other != NULL)
		sctpdk_wheel_cancel(r->other);
	if (r->rearm_us != 0 && r->fired < 3)
		sctpdk_wheel_arm(r->w, t, now + r->rearm_us);
}

static struct sctpdk_wheel w;

static void
test_not_early_not_late(void)
{
	sctpdk_wheel_init(&w, 100, 1000);
	struct sctpdk_rt_timer t;
	struct rec r = {0};
	sctpdk_rt_timer_init(&t, cb, &r);
	sctpdk_wheel_arm(&w, &t, 1550);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 1549), 0);
	CU_ASSERT_EQUAL(r.fired, 0);
	/* due at 1550, rounded up to the 1600 tick: never early */
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 1599), 0);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 1600), 1);
	CU_ASSERT_EQUAL(r.fired, 1);
	CU_ASSERT_EQUAL(r.at, 1600);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 5000), 0);
	CU_ASSERT_EQUAL(w.n_armed, 0);
}

static void
test_rounds_and_long_absence(void)
{
	sctpdk_wheel_init(&w, 10, 0);
	struct sctpdk_rt_timer t[3];
	struct rec r[3] = {{0}};
	/* same slot, different rounds */
	uint64_t span = (uint64_t)SCTPDK_WHEEL_SLOTS * 10;
	for (int i = 0; i < 3; i++) {
		sctpdk_rt_timer_init(&t[i], cb, &r[i]);
		sctpdk_wheel_arm(&w, &t[i], 50 + (uint64_t)i * span);
	}
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 60), 1);
	CU_ASSERT_EQUAL(r[0].fired, 1);
	CU_ASSERT_EQUAL(r[1].fired, 0);
	/* away for several rotations: both remaining fire at once */
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 50 + 5 * span), 2);
	CU_ASSERT_EQUAL(r[1].fired, 1);
	CU_ASSERT_EQUAL(r[2].fired, 1);
}

static void
test_cancel_and_rearm_from_callback(void)
{
	sctpdk_wheel_init(&w, 10, 0);
	struct sctpdk_rt_timer a, b, c;
	struct rec ra = {0}, rb = {0}, rc = {0};
	ra.other = &b; /* a cancels b, both due in the same tick */
	rc.w = &w;
	rc.rearm_us = 100; /* c re-arms itself twice */
	sctpdk_rt_timer_init(&a, cb, &ra);
	sctpdk_rt_timer_init(&b, cb, &rb);
	sctpdk_rt_timer_init(&c, cb, &rc);
	sctpdk_wheel_arm(&w, &a, 100);
	sctpdk_wheel_arm(&w, &b, 100);
	sctpdk_wheel_arm(&w, &c, 100);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 100), 2);
	CU_ASSERT_EQUAL(ra.fired, 1);
	CU_ASSERT_EQUAL(rb.fired, 0);
	CU_ASSERT_EQUAL(rc.fired, 1);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 199), 0);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 200), 1);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 300), 1);
	CU_ASSERT_EQUAL(rc.fired, 3);
	CU_ASSERT_EQUAL(w.n_armed, 0);
	/* a timer armed in the past fires on the next run */
	sctpdk_wheel_arm(&w, &a, 5);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 300), 0); /* tick 300 already processed */
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 310), 1);
	/* re-arm moves, cancel of an idle timer is a no-op */
	sctpdk_wheel_arm(&w, &a, 1000);
	sctpdk_wheel_arm(&w, &a, 2000);
	CU_ASSERT_EQUAL(w.n_armed, 1);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 1500), 0);
	sctpdk_wheel_cancel(&a);
	sctpdk_wheel_cancel(&a);
	CU_ASSERT_EQUAL(sctpdk_wheel_run(&w, 3000), 0);
	CU_ASSERT_EQUAL(w.n_armed, 0);
}

/* many random timers: each fires once, never early, at most a tick late */
static void
test_random_many(void)
{
	enum { NT = 2000 };
	static struct sctpdk_rt_timer t[NT];
	static struct rec r[NT];
	static uint64_t due[NT];
	uint64_t seed = 42;
	sctpdk_wheel_init(&w, 100, 0);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < NT; i++) {
		due[i] = 1 + sctpdk_test_rand(&seed) % 3000000;
		sctpdk_rt_timer_init(&t[i], cb, &r[i]);
		sctpdk_wheel_arm(&w, &t[i], due[i]);
	}
	unsigned total = 0;
	for (uint64_t now = 0; now <= 3100000; now += 1 + sctpdk_test_rand(&seed) % 700)
		total += sctpdk_wheel_run(&w, now);
	CU_ASSERT_EQUAL(total, NT);
	unsigned bad = 0;
	for (int i = 0; i < NT; i++)
		if (r[i].fired != 1 || r[i].at < due[i] || r[i].at > due[i] + 100 + 700)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
}

SCTPDK_TEST_SUITE(runtime_wheel, NULL, NULL, SCTPDK_TEST(test_not_early_not_late),
		  SCTPDK_TEST(test_rounds_and_long_absence),
		  SCTPDK_TEST(test_cancel_and_rearm_from_callback), SCTPDK_TEST(test_random_many))
