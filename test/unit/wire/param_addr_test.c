/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv4, IPv6, Host Name Address, Supported Address Types parameters. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_param_ipv4_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 2);
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_addr_encode(&w, &a), 0);
	static const uint8_t want[] = {0, 5, 0, 8, 10, 0, 0, 2};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	struct sctpdk_param p;
	CU_ASSERT_EQUAL_FATAL(wire_test_param(b, 8, &p), 0);
	struct sctpdk_addr o;
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&a, &o));
}

static void
test_param_ipv6_roundtrip(void)
{
	uint8_t b[20];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_addr a;
	memset(&a, 0, sizeof(a));
	a.family = SCTPDK_AF_INET6;
	a.u.v6[0] = 0xfe;
	a.u.v6[1] = 0x80;
	a.u.v6[15] = 1;
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_addr_encode(&w, &a), 0);
	CU_ASSERT_EQUAL(w.len, 20);
	CU_ASSERT_EQUAL(b[1], 6);
	struct sctpdk_param p;
	wire_test_param(b, 20, &p);
	struct sctpdk_addr o;
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&a, &o));
	char s[64];
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "IPv6 fe80:0000:0000:0000:0000:0000:0000:0001");
}

static void
test_param_addr_bad(void)
{
	static const uint8_t v4short[] = {0, 5, 0, 7, 1, 2, 3, 0};
	static const uint8_t v6short[] = {0, 6, 0, 8, 1, 2, 3, 4};
	static const uint8_t other[] = {0, 7, 0, 8, 1, 2, 3, 4};
	struct sctpdk_param p;
	struct sctpdk_addr o;
	wire_test_param(v4short, sizeof(v4short), &p);
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_R_PARAM_BAD_LEN);
	wire_test_param(v6short, sizeof(v6short), &p);
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_R_PARAM_BAD_LEN);
	wire_test_param(other, sizeof(other), &p);
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_R_WRONG_TYPE);
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_addr none;
	memset(&none, 0, sizeof(none));
	CU_ASSERT_EQUAL(sctpdk_param_addr_encode(&w, &none), SCTPDK_ERR_INVAL);
}

static void
test_param_host_name(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_host_name_encode(&w, "example"), 0);
	CU_ASSERT_EQUAL(b[3], 12); /* 4 + 7 + NUL */
	CU_ASSERT_EQUAL(w.len, 12);
	struct sctpdk_param p;
	wire_test_param(b, w.len, &p);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_param_host_name_decode(&p, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 8);
	CU_ASSERT_STRING_EQUAL((const char *)b + v.off, "example");
	static const uint8_t empty[] = {0, 11, 0, 4};
	wire_test_param(empty, 4, &p);
	CU_ASSERT_EQUAL(sctpdk_param_host_name_decode(&p, &v), SCTPDK_WIRE_R_PARAM_BAD_LEN);
	CU_ASSERT_EQUAL(sctpdk_param_host_name_encode(&w, NULL), SCTPDK_ERR_INVAL);
}

static void
test_param_supported_addr_types(void)
{
	uint8_t b[16];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_supported_addr_types_encode(
				      &w, SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6 |
						  SCTPDK_ADDRTYPE_HOSTNAME),
			      0);
	CU_ASSERT_EQUAL(b[3], 10);
	CU_ASSERT_EQUAL(w.len, 12);
	struct sctpdk_param p;
	wire_test_param(b, w.len, &p);
	uint8_t m = 0;
	CU_ASSERT_EQUAL(sctpdk_param_supported_addr_types_decode(&p, &m), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(m, SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6 | SCTPDK_ADDRTYPE_HOSTNAME);
	/* odd value length and unknown types */
	static const uint8_t odd[] = {0, 12, 0, 7, 0, 5, 9, 0};
	wire_test_param(odd, sizeof(odd), &p);
	CU_ASSERT_EQUAL(sctpdk_param_supported_addr_types_decode(&p, &m),
			SCTPDK_WIRE_R_PARAM_BAD_LEN);
	static const uint8_t unk[] = {0, 12, 0, 8, 0, 99, 0, 6};
	wire_test_param(unk, sizeof(unk), &p);
	CU_ASSERT_EQUAL(sctpdk_param_supported_addr_types_decode(&p, &m), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(m, SCTPDK_ADDRTYPE_IPV6);
	CU_ASSERT_EQUAL(sctpdk_param_supported_addr_types_encode(&w, 0), SCTPDK_ERR_INVAL);
}

SCTPDK_TEST_SUITE(wire_param_addr, NULL, NULL, SCTPDK_TEST(test_param_ipv4_roundtrip),
		  SCTPDK_TEST(test_param_ipv6_roundtrip), SCTPDK_TEST(test_param_addr_bad),
		  SCTPDK_TEST(test_param_host_name), SCTPDK_TEST(test_param_supported_addr_types))
