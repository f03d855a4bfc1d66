/* SPDX-License-Identifier: BSD-3-Clause */
/* Parameter view, iterator, unknown-type rule, copy and format. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_param_unknown_action_bits(void)
{
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0x0001), SCTPDK_PARAM_STOP);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0x3fff), SCTPDK_PARAM_STOP);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0x4000), SCTPDK_PARAM_STOP_REPORT);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0x8000), SCTPDK_PARAM_SKIP);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0xbfff), SCTPDK_PARAM_SKIP);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0xC000), SCTPDK_PARAM_SKIP_REPORT);
	CU_ASSERT_EQUAL(sctpdk_param_unknown_action(0xffff), SCTPDK_PARAM_SKIP_REPORT);
}

static void
test_param_iter_sequence(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_addr a = sctpdk_addr_v4(192, 168, 1, 2);
	sctpdk_param_addr_encode(&w, &a);
	sctpdk_param_host_name_encode(&w, "h");
	sctpdk_param_ecn_capable_encode(&w);
	struct sctpdk_wire_src src = sctpdk_src_buf(b, w.len);
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	sctpdk_param_iter_init(&it, &src, 0, w.len);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(p.type, SCTPDK_PARAM_IPV4);
	CU_ASSERT_EQUAL(p.off, 0);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(p.type, SCTPDK_PARAM_HOST_NAME);
	CU_ASSERT_EQUAL(p.len, 6);
	CU_ASSERT_EQUAL(p.off, 8);
	struct sctpdk_span v = sctpdk_param_value(&p);
	CU_ASSERT_EQUAL(v.off, 12);
	CU_ASSERT_EQUAL(v.len, 2);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(p.off, 16);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 0);
}

static void
test_param_iter_malformed(void)
{
	static const uint8_t b[] = {0, 5, 0, 8, 1, 2, 3, 4, 0, 6, 0, 2};
	struct sctpdk_wire_src src = sctpdk_src_buf(b, sizeof(b));
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	sctpdk_param_iter_init(&it, &src, 0, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), -1);
	CU_ASSERT_EQUAL(it.reason, SCTPDK_WIRE_R_LEN_SHORT);
	/* region clipped to the source */
	sctpdk_param_iter_init(&it, &src, 8, 100);
	CU_ASSERT_EQUAL(it.end, sizeof(b));
}

static void
test_param_copy_with_padding(void)
{
	static const uint8_t b[] = {0xC0, 0x01, 0, 5, 0x77};
	struct sctpdk_wire_src src = sctpdk_src_buf(b, sizeof(b));
	struct sctpdk_tlv t = {0, 0xC001, 5};
	uint8_t o[8];
	memset(o, 0xee, sizeof(o));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, o, sizeof(o));
	CU_ASSERT_EQUAL(sctpdk_param_copy(&w, &src, &t), 0);
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(memcmp(o, b, 5), 0);
	CU_ASSERT_EQUAL(o[5], 0);
	CU_ASSERT_EQUAL(o[7], 0);
	CU_ASSERT_EQUAL(sctpdk_param_copy(&w, &src, &t), SCTPDK_ERR_NOSPACE);
}

static void
test_param_format(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	char s[96];
	struct sctpdk_param p;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1);
	sctpdk_param_addr_encode(&w, &a);
	wire_test_param(b, w.len, &p);
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "IPv4 10.0.0.1");
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_param_supported_addr_types_encode(&w, SCTPDK_ADDRTYPE_IPV4);
	wire_test_param(b, w.len, &p);
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "Supported Address Types IPv4");
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_tlv_put(&w, 0x8123, "abcd", 4);
	wire_test_param(b, w.len, &p);
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "param 0x8123 len=8");
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_param_state_cookie_encode(&w, "abcd", 4);
	wire_test_param(b, w.len, &p);
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "State Cookie len=8");
}

SCTPDK_TEST_SUITE(wire_param, NULL, NULL, SCTPDK_TEST(test_param_unknown_action_bits),
		  SCTPDK_TEST(test_param_iter_sequence), SCTPDK_TEST(test_param_iter_malformed),
		  SCTPDK_TEST(test_param_copy_with_padding), SCTPDK_TEST(test_param_format))
