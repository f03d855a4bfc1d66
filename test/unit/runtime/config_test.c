/* SPDX-License-Identifier: BSD-3-Clause */
/* INI configuration: the shipped example and bad values. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_runtime.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

static void
test_example_file(void)
{
	struct sctpdk_stack_config c;
	sctpdk_stack_config_default(&c);
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_config_load(&c, SCTPDK_SRC_ROOT "/config/sctpdk.ini"),
			      0);
	CU_ASSERT_STRING_EQUAL(c.name, "sctpdk0");
	CU_ASSERT_EQUAL(c.n_lcores, 2);
	CU_ASSERT_EQUAL(c.lcores[0], 1);
	CU_ASSERT_EQUAL(c.lcores[1], 2);
	CU_ASSERT_EQUAL(c.idle_sleep_us, 50);
	CU_ASSERT_EQUAL(c.n_ports, 1);
	CU_ASSERT_STRING_EQUAL(c.ports[0].dev_name, "net_ring0");
	CU_ASSERT_EQUAL(c.ports[0].n_addrs, 2);
	struct sctpdk_addr a1 = sctpdk_addr_v4(198, 18, 0, 11);
	CU_ASSERT(sctpdk_addr_eq(&c.ports[0].addrs[1], &a1));
	CU_ASSERT_EQUAL(c.ports[0].prefix_len[0], 24);
	CU_ASSERT_EQUAL(c.ports[0].prefix_len[1], 0); /* default */
	CU_ASSERT_EQUAL(c.n_eps, 1);
	CU_ASSERT_EQUAL(c.eps[0].local_port, 5000);
	CU_ASSERT_EQUAL(c.eps[0].listening, 1);
	CU_ASSERT_EQUAL(c.proto.rwnd_bytes, 1048576);
	CU_ASSERT_EQUAL(c.ep_ring_size, 4096);
	CU_ASSERT_EQUAL(c.proto.max_in_streams, 65535);
	CU_ASSERT_EQUAL(c.pcapng_path[0], '\0');
	CU_ASSERT_EQUAL(c.ootb_rate, 2000);
	CU_ASSERT_EQUAL(c.ootb_burst, 100);
	/* static routes with gateways */
	CU_ASSERT_EQUAL_FATAL(c.ports[0].n_routes, 2);
	struct sctpdk_addr p0 = sctpdk_addr_v4(203, 0, 113, 0), g0 = sctpdk_addr_v4(198, 18, 0, 253);
	struct sctpdk_addr p1 = sctpdk_addr_v4(0, 0, 0, 0), g1 = sctpdk_addr_v4(198, 18, 0, 254);
	CU_ASSERT(sctpdk_addr_eq(&c.ports[0].routes[0].prefix, &p0));
	CU_ASSERT_EQUAL(c.ports[0].routes[0].prefix_len, 24);
	CU_ASSERT(sctpdk_addr_eq(&c.ports[0].routes[0].gateway, &g0));
	CU_ASSERT(sctpdk_addr_eq(&c.ports[0].routes[1].prefix, &p1));
	CU_ASSERT_EQUAL(c.ports[0].routes[1].prefix_len, 0);
	CU_ASSERT(sctpdk_addr_eq(&c.ports[0].routes[1].gateway, &g1));
}

static int
load_text(const char *text, struct sctpdk_stack_config *c)
{
	char path[] = "/tmp/sctpdk-rt-cfg-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -100;
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	sctpdk_stack_config_default(c);
	int rc = sctpdk_stack_config_load(c, path);
	remove(path);
	return rc;
}

static void
test_bad_values(void)
{
	struct sctpdk_stack_config c;
	CU_ASSERT_EQUAL(load_text("[stack]\nidle_sleep_us = -3\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[stack]\nlcores = 1, x\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[stack]\nootb_rate = 10000001\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[stack]\nootb_burst = 1000001\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\naddrs = 300.1.1.1\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\naddrs = 198.18.0.1/33\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\naddrs = 198.18.0.1/x\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[endpoint.0]\nlisten = 1\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[protocol]\nout_streams = 70000\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\nroutes = 10.0.0.0/8 through 1.2.3.4\n", &c),
			SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\nroutes = default\n", &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(load_text("[port.0]\nroutes = 1.0.0.0/8, 2.0.0.0/8, 3.0.0.0/8, "
				  "4.0.0.0/8, 5.0.0.0/8, 6.0.0.0/8, 7.0.0.0/8, 8.0.0.0/8, "
				  "9.0.0.0/8\n",
				  &c),
			SCTPDK_ERR_MALFORMED); /* more than 8 */
	CU_ASSERT_EQUAL(load_text("[port.0]\nroutes = 2001:db8:5::/48 via 2001:db8::1, "
				  "10.2.0.0/16\n",
				  &c),
			0);
	CU_ASSERT_EQUAL(c.ports[0].n_routes, 2);
	CU_ASSERT_EQUAL(c.ports[0].routes[0].prefix.family, SCTPDK_AF_INET6);
	CU_ASSERT_EQUAL(c.ports[0].routes[0].prefix_len, 48);
	CU_ASSERT_EQUAL(c.ports[0].routes[1].gateway.family, 0); /* on-link */
	CU_ASSERT_EQUAL(sctpdk_stack_config_load(&c, "/nonexistent/sctpdk.ini"),
			SCTPDK_ERR_NOTFOUND);
	/* the bound of the doubling idle sleeps */
	CU_ASSERT_EQUAL(load_text("[stack]\nidle_sleep_us = 10\nidle_sleep_max_us = 80\n", &c), 0);
	CU_ASSERT_EQUAL(c.idle_sleep_us, 10);
	CU_ASSERT_EQUAL(c.idle_sleep_max_us, 80);
	/* IPv6 addresses parse, the v4/v6 mix is kept in order */
	CU_ASSERT_EQUAL(load_text("[port.0]\naddrs = 2001:db8::1/48, 198.18.0.5\n", &c), 0);
	CU_ASSERT_EQUAL(c.ports[0].prefix_len[0], 48);
	CU_ASSERT_EQUAL(c.ports[0].addrs[0].family, SCTPDK_AF_INET6);
	CU_ASSERT_EQUAL(c.ports[0].addrs[1].family, SCTPDK_AF_INET);
}

/* A config that loads but is not usable is refused by create. */
static void
test_create_rejects(void)
{
	struct sctpdk_stack_config c;
	int err = 0;
	sctpdk_stack_config_default(&c);
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err)); /* no lcores */
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_INVAL);
	c.n_lcores = 1;
	c.lcores[0] = 0; /* the main lcore */
	c.n_ports = 1;
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_INVAL);
	c.lcores[0] = 1;
	c.n_eps = 1;
	c.eps[0].local_port = 1;
	c.eps[0].owner = 1; /* out of range */
	CU_ASSERT_PTR_NULL(sctpdk_stack_create(&c, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_INVAL);
}

SCTPDK_TEST_SUITE(runtime_config, rt_fixture_eal, NULL, SCTPDK_TEST(test_example_file),
		  SCTPDK_TEST(test_bad_values), SCTPDK_TEST(test_create_rejects))
