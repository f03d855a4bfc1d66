/* SPDX-License-Identifier: BSD-3-Clause */
/* Static routes (lib/net/route.c): longest prefix match, v4 and v6, sources. */
#include <string.h>

#include "net_fixture.h"

static const uint8_t mac2[6] = {0x02, 0, 0, 0, 2, 1};

static void
test_lpm_v4(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	/* second port: 10.1.0.1/16, and 203.0.113.0/24 via 10.1.0.254 */
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 4, mac2, 0, 9000), 0);
	struct sctpdk_addr a = nf_v4(10, 1, 0, 1), gw = nf_v4(10, 1, 0, 254);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 4, &a, 16), 0);
	struct sctpdk_addr p24 = nf_v4(203, 0, 113, 77);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p24, 24, &gw, 4), 0);
	/* a host route inside it back through port 3's gateway */
	struct sctpdk_addr host = nf_v4(203, 0, 113, 5), gw3 = nf_v4(192, 0, 2, 250);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &host, 32, &gw3, NF_PORT), 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p24, 24, &gw, 4), SCTPDK_ERR_EXISTS);

	struct sctpdk_net_route_result r;
	struct sctpdk_addr d = nf_v4(203, 0, 113, 9);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.port_id, 4);
	CU_ASSERT_EQUAL(r.prefix_len, 24);
	CU_ASSERT_EQUAL(r.mtu, 9000);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &gw));
	CU_ASSERT(sctpdk_addr_eq(&r.src, &a));

	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &host, &r), 0);
	CU_ASSERT_EQUAL(r.port_id, NF_PORT);
	CU_ASSERT_EQUAL(r.prefix_len, 32);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &gw3));

	/* directly connected: next hop is the destination itself */
	d = nf_v4(10, 1, 200, 3);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.port_id, 4);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &d));

	/* everything else: the default route of the fixture */
	d = nf_v4(8, 8, 8, 8);
	struct sctpdk_addr dgw = nf_v4(192, 0, 2, 254), src = nf_v4(192, 0, 2, 1);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 0);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &dgw));
	CU_ASSERT(sctpdk_addr_eq(&r.src, &src));

	/* delete (host bits in the argument are ignored) */
	CU_ASSERT_EQUAL(sctpdk_net_route_del(net, &p24, 24), 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_del(net, &p24, 24), SCTPDK_ERR_NOTFOUND);
	d = nf_v4(203, 0, 113, 9);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.port_id, NF_PORT);
	CU_ASSERT_EQUAL(r.prefix_len, 0);
	sctpdk_net_del(net);
}

static void
test_lpm_v6_and_odd_prefix(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct sctpdk_net_route_result r;
	struct sctpdk_addr d = nf_v6(0x1234);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 64);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &d));
	/* 2001:db8:0:0:8000::/65 via ::fe -> bit 65 decides */
	struct sctpdk_addr p = nf_v6(0), gw = nf_v6(0xfe);
	p.u.v6[8] = 0x80;
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p, 65, &gw, NF_PORT), 0);
	d.u.v6[8] = 0x80;
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 65);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &gw));
	d.u.v6[8] = 0x7f;
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 64);
	/* v4 /23 */
	struct sctpdk_addr p4 = nf_v4(198, 51, 100, 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p4, 23, NULL, NF_PORT), 0);
	struct sctpdk_addr in = nf_v4(198, 51, 101, 3), out = nf_v4(198, 51, 102, 3);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &in, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 23);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &out, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 0);
	sctpdk_net_del(net);
}

static void
test_no_route_and_limits(void)
{
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.route_max = 2;
	struct sctpdk_net *net = sctpdk_net_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 1, nf_our_mac, 0, 1500), 0);
	struct sctpdk_addr a = nf_v4(192, 0, 2, 1);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 1, &a, 24), 0);
	struct sctpdk_net_route_result r;
	struct sctpdk_addr far = nf_v4(8, 8, 4, 4);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &far, &r), SCTPDK_ERR_NOTFOUND);
	/* a v6 route but no v6 source on the port */
	struct sctpdk_addr p6 = nf_v6(0), d6 = nf_v6(5);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p6, 64, NULL, 1), 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d6, &r), SCTPDK_ERR_NOTFOUND);
	struct sctpdk_addr p4 = nf_v4(10, 0, 0, 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p4, 8, NULL, 1), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p4, 33, NULL, 1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p4, 8, &p6, 1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p4, 8, NULL, 9), SCTPDK_ERR_NOTFOUND);
	/* output without a route is counted */
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t b[64];
	size_t n = nf_sctp(b, 1, 2, 3, 4);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &far, &t.tx, 0),
			SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_NO_ROUTE), 1);
	sctpdk_net_del(net);
}

/* Routes as configuration files write them, parsed and installed: the
 * lookups then go through the gateways. */
static void
test_parse_and_install(void)
{
	static const struct {
		const char *text;
		int ok;
		uint8_t family, plen, has_gw;
	} rows[] = {
	    {"203.0.113.0/24 via 192.0.2.250", 1, SCTPDK_AF_INET, 24, 1},
	    {"203.0.113.77/24 via 192.0.2.250", 1, SCTPDK_AF_INET, 24, 1}, /* host bits dropped */
	    {"198.51.100.7 via 192.0.2.251", 1, SCTPDK_AF_INET, 32, 1},
	    {"default via 192.0.2.253", 1, SCTPDK_AF_INET, 0, 1},
	    {"10.9.0.0/16", 1, SCTPDK_AF_INET, 16, 0},
	    {"2001:db8:1::/48 via 2001:db8::fe", 1, SCTPDK_AF_INET6, 48, 1},
	    {"  default   via  2001:db8::fd ", 1, SCTPDK_AF_INET6, 0, 1},
	    {"default", 0, 0, 0, 0},
	    {"203.0.113.0/33 via 192.0.2.250", 0, 0, 0, 0},
	    {"203.0.113.0/24 via 2001:db8::1", 0, 0, 0, 0},
	    {"203.0.113.0/24 through 192.0.2.250", 0, 0, 0, 0},
	    {"203.0.113.0/24 via", 0, 0, 0, 0},
	    {"203.0.113.0/x via 192.0.2.250", 0, 0, 0, 0},
	    {"203.0.113.0/ via 192.0.2.250", 0, 0, 0, 0},
	    {"nonsense", 0, 0, 0, 0},
	    {"", 0, 0, 0, 0},
	    {"10.0.0.0/8 via 192.0.2.250 extra", 0, 0, 0, 0},
	};
	for (unsigned i = 0; i < RTE_DIM(rows); i++) {
		struct sctpdk_addr p, gw;
		uint8_t plen = 99;
		int rc = sctpdk_net_route_parse(rows[i].text, &p, &plen, &gw);
		CU_ASSERT_EQUAL(rc, rows[i].ok ? 0 : SCTPDK_ERR_MALFORMED);
		if (rc != 0 || !rows[i].ok)
			continue;
		CU_ASSERT_EQUAL(p.family, rows[i].family);
		CU_ASSERT_EQUAL(plen, rows[i].plen);
		CU_ASSERT_EQUAL(gw.family != 0, rows[i].has_gw);
	}
	struct sctpdk_addr p, gw;
	uint8_t plen;
	CU_ASSERT_EQUAL(sctpdk_net_route_parse("203.0.113.77/24 via 192.0.2.250", &p, &plen, &gw),
			0);
	struct sctpdk_addr want = nf_v4(203, 0, 113, 0), want_gw = nf_v4(192, 0, 2, 250);
	CU_ASSERT(sctpdk_addr_eq(&p, &want));
	CU_ASSERT(sctpdk_addr_eq(&gw, &want_gw));

	/* installed, they steer lookups to their gateways */
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p, plen, &gw, NF_PORT), 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_parse("198.51.100.7 via 192.0.2.251", &p, &plen, &gw), 0);
	CU_ASSERT_EQUAL(sctpdk_net_route_add(net, &p, plen, &gw, NF_PORT), 0);
	struct sctpdk_net_route_result r;
	struct sctpdk_addr d = nf_v4(203, 0, 113, 9);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 24);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &want_gw));
	d = nf_v4(198, 51, 100, 7);
	struct sctpdk_addr gw2 = nf_v4(192, 0, 2, 251);
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 32);
	CU_ASSERT(sctpdk_addr_eq(&r.next_hop, &gw2));
	d = nf_v4(198, 51, 100, 8); /* next to it: the fixture's default route */
	CU_ASSERT_EQUAL(sctpdk_net_route_lookup(net, &d, &r), 0);
	CU_ASSERT_EQUAL(r.prefix_len, 0);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_route, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_lpm_v4),
		  SCTPDK_TEST(test_lpm_v6_and_odd_prefix), SCTPDK_TEST(test_no_route_and_limits),
		  SCTPDK_TEST(test_parse_and_install))
