/* SPDX-License-Identifier: BSD-3-Clause */
/* Heartbeat Info, State Cookie, Unrecognized Parameter, Cookie Preservative,
 * ECN Capable, Forward-TSN-Supported, Adaptation Layer Indication. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_param_heartbeat_info_roundtrip(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_heartbeat_info_encode(&w, "0123456789", 10), 0);
	CU_ASSERT_EQUAL(w.len, 16);
	struct sctpdk_param p;
	wire_test_param(b, w.len, &p);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_param_heartbeat_info_decode(&p, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 10);
	CU_ASSERT_EQUAL(memcmp(b + v.off, "0123456789", 10), 0);
	struct sctpdk_span c;
	CU_ASSERT_EQUAL(sctpdk_param_state_cookie_decode(&p, &c), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_param_state_cookie_roundtrip(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_state_cookie_encode(&w, "COOKIE", 6), 0);
	struct sctpdk_param p;
	wire_test_param(b, w.len, &p);
	CU_ASSERT_EQUAL(p.type, SCTPDK_PARAM_STATE_COOKIE);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_param_state_cookie_decode(&p, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 6);
	CU_ASSERT_EQUAL(memcmp(b + v.off, "COOKIE", 6), 0);
}

static void
test_param_unrecognized_roundtrip(void)
{
	static const uint8_t orig[] = {0xC0, 0x99, 0, 6, 0xab, 0xcd, 0, 0};
	struct sctpdk_wire_src src = sctpdk_src_buf(orig, sizeof(orig));
	struct sctpdk_tlv t = {0, 0xC099, 6};
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_unrecognized_encode(&w, &src, &t), 0);
	CU_ASSERT_EQUAL(w.len, 12);
	CU_ASSERT_EQUAL(b[1], SCTPDK_PARAM_UNRECOGNIZED);
	struct sctpdk_param p;
	wire_test_param(b, w.len, &p);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_param_unrecognized_decode(&p, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(memcmp(b + v.off, orig, 6), 0);
	static const uint8_t tiny[] = {0, 8, 0, 6, 1, 2, 0, 0};
	wire_test_param(tiny, sizeof(tiny), &p);
	CU_ASSERT_EQUAL(sctpdk_param_unrecognized_decode(&p, &v), SCTPDK_WIRE_R_PARAM_BAD_LEN);
	struct sctpdk_tlv bad = {0, 1, 2};
	CU_ASSERT_EQUAL(sctpdk_param_unrecognized_encode(&w, &src, &bad), SCTPDK_ERR_INVAL);
}

static void
test_param_cookie_preservative_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_cookie_preservative_encode(&w, 0x01020304u), 0);
	static const uint8_t want[] = {0, 9, 0, 8, 1, 2, 3, 4};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	struct sctpdk_param p;
	wire_test_param(b, 8, &p);
	uint32_t ms = 0;
	CU_ASSERT_EQUAL(sctpdk_param_cookie_preservative_decode(&p, &ms), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(ms, 0x01020304u);
	static const uint8_t bad[] = {0, 9, 0, 6, 1, 2, 0, 0};
	wire_test_param(bad, sizeof(bad), &p);
	CU_ASSERT_EQUAL(sctpdk_param_cookie_preservative_decode(&p, &ms),
			SCTPDK_WIRE_R_PARAM_BAD_LEN);
}

static void
test_param_ecn_fwd_tsn(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_param_ecn_capable_encode(&w), 0);
	CU_ASSERT_EQUAL(sctpdk_param_fwd_tsn_supported_encode(&w), 0);
	static const uint8_t want[] = {0x80, 0, 0, 4, 0xC0, 0, 0, 4};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	struct sctpdk_param p;
	wire_test_param(b, 4, &p);
	CU_ASSERT_EQUAL(sctpdk_param_ecn_capable_decode(&p), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sctpdk_param_fwd_tsn_supported_decode(&p), SCTPDK_WIRE_R_WRONG_TYPE);
	wire_test_param(b + 4, 4, &p);
	CU_ASSERT_EQUAL(sctpdk_param_fwd_tsn_supported_decode(&p), SCTPDK_WIRE_OK);
	static const uint8_t bad[] = {0x80, 0, 0, 8, 0, 0, 0, 0};
	wire_test_param(bad, 8, &p);
	CU_ASSERT_EQUAL(sctpdk_param_ecn_capable_decode(&p), SCTPDK_WIRE_R_PARAM_BAD_LEN);
}

static void
test_param_adaptation_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_param_adaptation_encode(&w, 0xcafef00du), 0);
	CU_ASSERT_EQUAL(b[0], 0xC0);
	CU_ASSERT_EQUAL(b[1], 0x06);
	struct sctpdk_param p;
	wire_test_param(b, 8, &p);
	uint32_t ind = 0;
	CU_ASSERT_EQUAL(sctpdk_param_adaptation_decode(&p, &ind), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(ind, 0xcafef00du);
	char s[64];
	sctpdk_param_format(&p, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "Adaptation Layer Indication 0xcafef00d");
	CU_ASSERT_EQUAL(sctpdk_param_adaptation_encode(&w, 1), SCTPDK_ERR_NOSPACE);
}

SCTPDK_TEST_SUITE(wire_param_misc, NULL, NULL, SCTPDK_TEST(test_param_heartbeat_info_roundtrip),
		  SCTPDK_TEST(test_param_state_cookie_roundtrip),
		  SCTPDK_TEST(test_param_unrecognized_roundtrip),
		  SCTPDK_TEST(test_param_cookie_preservative_roundtrip),
		  SCTPDK_TEST(test_param_ecn_fwd_tsn), SCTPDK_TEST(test_param_adaptation_roundtrip))
