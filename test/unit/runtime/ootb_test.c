/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Out-of-the-blue answers (ootb.c, RFC 9260 8.4) and their per-lcore rate
 * limit: the ABORT refusing an INIT to a port without an endpoint (on the
 * RX lcore), and the protocol core's ABORT (rule 8) and SHUTDOWN COMPLETE
 * (rule 5) for packets no association of an endpoint claims (on the
 * endpoint's owner lcore, through sctpdk_rt_ootb_allow). Two stacks over a
 * net_ring pair with the protocol core; frames are injected on B's port
 * as if A sent them, and B's answers counted in its statistics.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "sctpdk_crc32c.h"

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"
#include "rt_net.h"

#define CT_DATA              0
#define CT_INIT              1
#define CT_ABORT             6
#define CT_SHUTDOWN_ACK      8
#define CT_SHUTDOWN_COMPLETE 14
#define CLOSED_PORT          7777
#define TEST_RATE            200 /* answers per second per lcore */
#define TEST_BURST           16

/* One SCTP packet from src to dst:dport with one chunk of the given type
 * (INIT: tag 0 and an Initiate Tag; others: the verification tag vtag). */
static struct rte_mbuf *
frame_to(const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint16_t sport,
	 uint16_t dport, uint32_t vtag, uint8_t type, const uint8_t dmac[6])
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	unsigned len = type == CT_INIT ? 32 : type == CT_DATA ? 32 : 16;
	if (m == NULL || rte_pktmbuf_append(m, (uint16_t)len) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	memset(p, 0, len);
	p[0] = (uint8_t)(sport >> 8);
	p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(dport >> 8);
	p[3] = (uint8_t)dport;
	p[12] = type;
	if (type == CT_INIT) {
		p[15] = 20;
		p[16] = (uint8_t)(vtag >> 24);
		p[17] = (uint8_t)(vtag >> 16);
		p[18] = (uint8_t)(vtag >> 8);
		p[19] = (uint8_t)(vtag | 1);
		p[22] = 0x10; /* a_rwnd 4096 */
		p[25] = 4;    /* OS */
		p[27] = 4;    /* MIS */
		p[28] = 0x12; /* initial TSN */
	} else {
		p[4] = (uint8_t)(vtag >> 24);
		p[5] = (uint8_t)(vtag >> 16);
		p[6] = (uint8_t)(vtag >> 8);
		p[7] = (uint8_t)(vtag | 1);
		if (type == CT_DATA) {
			p[13] = 3;  /* B, E */
			p[15] = 20; /* 16 + 4 bytes of payload */
			p[19] = 7;  /* TSN */
		} else {
			p[15] = 4;
		}
	}
	sctpdk_sctp_cksum_set(m, 0);
	static const uint8_t smac[6] = {2, 0, 0, 0, 0, 0x77};
	if (sctpdk_rt_net_encap(m, src, dst, smac, dmac, 1) != 0) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return m;
}

/* From A to B. */
static struct rte_mbuf *
frame(uint16_t sport, uint16_t dport, uint32_t vtag, uint8_t type, const uint8_t dmac[6])
{
	struct sctpdk_addr a = RT_ADDR_A, b = RT_ADDR_B;
	return frame_to(&a, &b, sport, dport, vtag, type, dmac);
}

static uint64_t
now_us(void)
{
	return rte_get_timer_cycles() * 1000000 / rte_get_timer_hz();
}

struct counts {
	uint64_t no_ep, aborts, shut_cpl, limited, ring_full, rx_sctp;
};

static struct counts
counts_of(struct sctpdk_stack *st)
{
	struct sctpdk_stack_stats s;
	sctpdk_stack_stats_get(st, &s);
	struct counts c = {
	    .no_ep = s.drop[SCTPDK_RT_DROP_NO_ENDPOINT],
	    .aborts = s.tx_chunks[CT_ABORT],
	    .shut_cpl = s.tx_chunks[CT_SHUTDOWN_COMPLETE],
	    .limited = s.ootb_limited,
	    .ring_full = s.drop[SCTPDK_RT_DROP_RING_FULL],
	    .rx_sctp = s.rx_sctp,
	};
	return c;
}

static uint16_t
rand_port(uint64_t *seed)
{
	uint16_t p;
	do
		p = (uint16_t)(1024 + sctpdk_test_rand(seed) % 60000);
	while (p == RT_PORT_A || p == RT_PORT_B || p == CLOSED_PORT);
	return p;
}

static void
inject_on(struct rte_ring *r, struct rte_mbuf *m)
{
	CU_ASSERT_FATAL(m != NULL);
	while (rte_ring_enqueue(r, m) != 0)
		usleep(20);
}

static void
inject(struct rt_two *t, struct rte_mbuf *m)
{
	inject_on(t->link.ab, m);
}

/* Wait until B saw n more SCTP packets than at c0 and answered or
 * suppressed each (answered(c) - answered(c0) + limited delta == n). */
static struct counts
wait_done(struct sctpdk_stack *st, const struct counts *c0, uint64_t n, int closed_port)
{
	struct counts c;
	for (int i = 0; i < 5000; i++) {
		c = counts_of(st);
		uint64_t done = (c.aborts - c0->aborts) + (c.shut_cpl - c0->shut_cpl) +
				(c.limited - c0->limited);
		if (c.rx_sctp - c0->rx_sctp >= n && done >= n &&
		    (!closed_port || c.no_ep - c0->no_ep >= n))
			break;
		usleep(1000);
	}
	return c;
}

/* A flood of n packets that each ask for an answer: every one answered
 * or counted as suppressed, at least the bucket's depth answered and no
 * more than the bucket allows over the flood's time (bound). */
static void
check_limited(uint64_t answered, uint64_t limited, unsigned n, double bound)
{
	CU_ASSERT_EQUAL(answered + limited, n);
	CU_ASSERT(answered >= TEST_BURST);
	CU_ASSERT((double)answered <= bound);
	CU_ASSERT(limited > 0);
}

static void
test_ootb_answers_rate_limited(void)
{
	enum { FLOOD = 2000, FLOOD_EP = 1000 };
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "oo", NULL) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.eps[0].owner = 1; /* closed ports on lcore 0, the endpoint's on 1 */
	t.cfg_b.ootb_rate = TEST_RATE;
	t.cfg_b.ootb_burst = TEST_BURST;
	t.cfg_a.ootb_rate = TEST_RATE;
	t.cfg_a.ootb_burst = TEST_BURST;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	uint8_t mac_a[6], mac_b[6];
	sctpdk_stack_port_mac(t.a, 0, mac_a);
	sctpdk_stack_port_mac(t.b, 0, mac_b);
	uint64_t seed = 0x00b00b;

	/* one INIT to a closed port: its ABORT, nothing suppressed */
	struct counts c0 = counts_of(t.b);
	inject(&t, frame(rand_port(&seed), CLOSED_PORT, 0x1234, CT_INIT, mac_b));
	struct counts c1 = wait_done(t.b, &c0, 1, 1);
	CU_ASSERT_EQUAL(c1.no_ep - c0.no_ep, 1);
	CU_ASSERT_EQUAL(c1.aborts - c0.aborts, 1);
	CU_ASSERT_EQUAL(c1.limited - c0.limited, 0);

	/* a flood of INITs to the closed port: at most the burst plus the
	 * rate over the flood's time answered, the rest counted */
	usleep(1000000 * TEST_BURST / TEST_RATE + 20000); /* bucket full again */
	c0 = counts_of(t.b);
	uint64_t t0 = now_us();
	for (unsigned i = 0; i < FLOOD; i++)
		inject(&t, frame(rand_port(&seed), CLOSED_PORT,
				 (uint32_t)(sctpdk_test_rand(&seed) >> 32), CT_INIT, mac_b));
	c1 = wait_done(t.b, &c0, FLOOD, 1);
	double secs = (double)(now_us() - t0) / 1e6;
	uint64_t answered = c1.aborts - c0.aborts, limited = c1.limited - c0.limited;
	double bound = TEST_BURST + TEST_RATE * secs + 1;
	printf("\n    closed port: %u INITs in %.3f s: %lu ABORTs (bound %.0f), %lu suppressed\n",
	       FLOOD, secs, (unsigned long)answered, bound, (unsigned long)limited);
	CU_ASSERT_EQUAL(c1.no_ep - c0.no_ep, FLOOD);
	check_limited(answered, limited, FLOOD, bound);

	/* out of the blue at the endpoint (owner lcore, protocol core):
	 * DATA (rule 8: ABORT) and SHUTDOWN ACK (rule 5: SHUTDOWN
	 * COMPLETE) with tags no association has */
	usleep(1000000 * TEST_BURST / TEST_RATE + 20000);
	c0 = counts_of(t.b);
	t0 = now_us();
	for (unsigned i = 0; i < FLOOD_EP; i++)
		inject(&t, frame(rand_port(&seed), RT_PORT_B,
				 (uint32_t)(sctpdk_test_rand(&seed) >> 32),
				 i % 2 ? CT_SHUTDOWN_ACK : CT_DATA, mac_b));
	c1 = wait_done(t.b, &c0, FLOOD_EP, 0);
	secs = (double)(now_us() - t0) / 1e6;
	uint64_t aborts = c1.aborts - c0.aborts, cpl = c1.shut_cpl - c0.shut_cpl;
	limited = c1.limited - c0.limited;
	bound = TEST_BURST + TEST_RATE * secs + 1;
	printf("    endpoint: %u packets in %.3f s: %lu ABORTs + %lu SHUTDOWN COMPLETEs "
	       "(bound %.0f), %lu suppressed\n",
	       FLOOD_EP, secs, (unsigned long)aborts, (unsigned long)cpl, bound,
	       (unsigned long)limited);
	CU_ASSERT_EQUAL(c1.ring_full - c0.ring_full, 0);
	CU_ASSERT(aborts > 0 && cpl > 0);
	check_limited(aborts + cpl, limited, FLOOD_EP, bound);

	/* INITs to an endpoint that does not listen (A's): its ABORT, from
	 * the protocol core's INIT answer, within A's bucket */
	enum { FLOOD_NL = 500 };
	struct sctpdk_addr a_addr = RT_ADDR_A, b_addr = RT_ADDR_B;
	c0 = counts_of(t.a);
	t0 = now_us();
	for (unsigned i = 0; i < FLOOD_NL; i++)
		inject_on(t.link.ba,
			  frame_to(&b_addr, &a_addr, rand_port(&seed), RT_PORT_A,
				   (uint32_t)(sctpdk_test_rand(&seed) >> 32), CT_INIT, mac_a));
	c1 = wait_done(t.a, &c0, FLOOD_NL, 0);
	secs = (double)(now_us() - t0) / 1e6;
	aborts = c1.aborts - c0.aborts;
	limited = c1.limited - c0.limited;
	bound = TEST_BURST + TEST_RATE * secs + 1;
	printf("    not listening: %u INITs in %.3f s: %lu ABORTs (bound %.0f), %lu suppressed\n",
	       FLOOD_NL, secs, (unsigned long)aborts, bound, (unsigned long)limited);
	check_limited(aborts, limited, FLOOD_NL, bound);

	/* the bucket refills: one INIT to the closed port is answered */
	usleep(1000000 * TEST_BURST / TEST_RATE + 20000);
	c0 = counts_of(t.b);
	inject(&t, frame(rand_port(&seed), CLOSED_PORT, 0x4321, CT_INIT, mac_b));
	c1 = wait_done(t.b, &c0, 1, 1);
	CU_ASSERT_EQUAL(c1.aborts - c0.aborts, 1);
	CU_ASSERT_EQUAL(c1.limited - c0.limited, 0);
	rt_two_free(&t);
}

/* ootb_rate 0: no limit, every INIT to a closed port answered */
static void
test_ootb_unlimited(void)
{
	enum { FLOOD = 500 };
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "ou", NULL) == 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_b.ootb_rate = 0;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	uint8_t mac_b[6];
	sctpdk_stack_port_mac(t.b, 0, mac_b);
	uint64_t seed = 0x0b0b;
	struct counts c0 = counts_of(t.b);
	for (unsigned i = 0; i < FLOOD; i++)
		inject(&t, frame(rand_port(&seed), CLOSED_PORT,
				 (uint32_t)(sctpdk_test_rand(&seed) >> 32), CT_INIT, mac_b));
	struct counts c1 = wait_done(t.b, &c0, FLOOD, 1);
	CU_ASSERT_EQUAL(c1.aborts - c0.aborts, FLOOD);
	CU_ASSERT_EQUAL(c1.limited - c0.limited, 0);
	rt_two_free(&t);
}

/* the defaults: 1000 answers per second per lcore, bursts of 64 */
static void
test_ootb_defaults(void)
{
	struct sctpdk_stack_config cfg;
	sctpdk_stack_config_default(&cfg);
	CU_ASSERT_EQUAL(cfg.ootb_rate, 1000);
	CU_ASSERT_EQUAL(cfg.ootb_burst, 64);
}

SCTPDK_TEST_SUITE(runtime_ootb, rt_fixture_eal, NULL, SCTPDK_TEST(test_ootb_defaults),
		  SCTPDK_TEST(test_ootb_answers_rate_limited), SCTPDK_TEST(test_ootb_unlimited))
