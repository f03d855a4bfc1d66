/* SPDX-License-Identifier: BSD-3-Clause */
/* Port setup: queue counts, a MAC for ports without one. */
#include <string.h>

#include <rte_ethdev.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

static void
test_queues_and_mac(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "pq", NULL) == 0);
	int err = 0;
	/* B has two lcores: a port with one TX queue is refused */
	struct rt_pair p;
	CU_ASSERT_FATAL(rt_pair_create(&p, "pq1", 1, 1) == 0);
	struct sctpdk_stack_config c = t.cfg_b;
	c.ports[0].port_id = (uint16_t)p.port_b;
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_UNSUPP);
	/* a port id that does not exist, a name that does not exist */
	c.ports[0].port_id = RTE_MAX_ETHPORTS - 1;
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_NOTFOUND);
	snprintf(c.ports[0].dev_name, sizeof(c.ports[0].dev_name), "net_ring_nosuch");
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_NOTFOUND);
	rt_pair_free(&p);

	/* by name; one RX queue for two lcores is fine; ring ports have no
	 * MAC: the stack makes a locally administered unicast one */
	c = t.cfg_b;
	snprintf(c.ports[0].dev_name, sizeof(c.ports[0].dev_name),
		 "net_ring_net_ring_pqb"); /* the PMD prefixes it */
	struct sctpdk_stack *st = sctpdk_stack_create(&c, &err);
	CU_ASSERT_FATAL(st != NULL);
	uint8_t mac[6], zero[6] = {0};
	CU_ASSERT_EQUAL(sctpdk_stack_port_mac(st, 0, mac), 0);
	CU_ASSERT(memcmp(mac, zero, 6) != 0);
	CU_ASSERT_EQUAL(mac[0] & 0x03, 0x02);
	sctpdk_stack_free(st);
	rt_pair_free(&t.link);
}

SCTPDK_TEST_SUITE(runtime_port, rt_fixture_eal, NULL, SCTPDK_TEST(test_queues_and_mac))
