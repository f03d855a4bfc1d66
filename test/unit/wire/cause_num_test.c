/* SPDX-License-Identifier: BSD-3-Clause */
/* Invalid Stream Identifier, Missing Mandatory Parameter, Stale Cookie Error,
 * No User Data. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_cause_invalid_stream_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_invalid_stream_encode(&w, 0xbeef), 0);
	static const uint8_t want[] = {0, 1, 0, 8, 0xbe, 0xef, 0, 0};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, 8, &c);
	uint16_t sid = 0;
	CU_ASSERT_EQUAL(sctpdk_cause_invalid_stream_decode(&c, &sid), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sid, 0xbeef);
	uint32_t us;
	CU_ASSERT_EQUAL(sctpdk_cause_stale_cookie_decode(&c, &us), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_cause_missing_param_roundtrip(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint16_t types[3] = {7, 5, 6};
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_missing_param_encode(&w, types, 3), 0);
	CU_ASSERT_EQUAL(b[3], 14);
	CU_ASSERT_EQUAL(w.len, 16);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_cause_missing m;
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_missing_param_decode(&c, &m), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(m.n, 3);
	CU_ASSERT_EQUAL(m.n_stored, 3);
	CU_ASSERT_EQUAL(m.types[0], 7);
	CU_ASSERT_EQUAL(m.types[2], 6);
}

static void
test_cause_missing_param_count_checked(void)
{
	/* claims 3 but carries 1 */
	static const uint8_t b[] = {0, 2, 0, 10, 0, 0, 0, 3, 0, 7, 0, 0};
	struct sctpdk_cause c;
	wire_test_cause(b, sizeof(b), &c);
	struct sctpdk_cause_missing m;
	CU_ASSERT_EQUAL(sctpdk_cause_missing_param_decode(&c, &m), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
	/* huge count must not overflow the check */
	static const uint8_t h[] = {0, 2, 0, 10, 0x80, 0, 0, 1, 0, 7, 0, 0};
	wire_test_cause(h, sizeof(h), &c);
	CU_ASSERT_EQUAL(sctpdk_cause_missing_param_decode(&c, &m), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
	static const uint8_t s[] = {0, 2, 0, 6, 0, 0, 0, 0};
	wire_test_cause(s, sizeof(s), &c);
	CU_ASSERT_EQUAL(sctpdk_cause_missing_param_decode(&c, &m), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
}

static void
test_cause_missing_param_bounded(void)
{
	uint8_t b[64];
	uint16_t types[SCTPDK_CAUSE_MAX_MISSING + 4];
	for (int k = 0; k < SCTPDK_CAUSE_MAX_MISSING + 4; k++)
		types[k] = (uint16_t)(100 + k);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(
		sctpdk_cause_missing_param_encode(&w, types, SCTPDK_CAUSE_MAX_MISSING + 4), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_cause_missing m;
	CU_ASSERT_EQUAL(sctpdk_cause_missing_param_decode(&c, &m), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(m.n, SCTPDK_CAUSE_MAX_MISSING + 4);
	CU_ASSERT_EQUAL(m.n_stored, SCTPDK_CAUSE_MAX_MISSING);
	CU_ASSERT_EQUAL(m.types[SCTPDK_CAUSE_MAX_MISSING - 1], 100 + SCTPDK_CAUSE_MAX_MISSING - 1);
	CU_ASSERT_EQUAL(sctpdk_cause_missing_param_encode(&w, NULL, 1), SCTPDK_ERR_INVAL);
}

static void
test_cause_stale_cookie_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_stale_cookie_encode(&w, 123456789u), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, 8, &c);
	CU_ASSERT_EQUAL(c.code, SCTPDK_CAUSE_STALE_COOKIE);
	uint32_t us = 0;
	CU_ASSERT_EQUAL(sctpdk_cause_stale_cookie_decode(&c, &us), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(us, 123456789u);
	static const uint8_t bad[] = {0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1};
	wire_test_cause(bad, sizeof(bad), &c);
	CU_ASSERT_EQUAL(sctpdk_cause_stale_cookie_decode(&c, &us), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
}

static void
test_cause_no_user_data_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_no_user_data_encode(&w, sctpdk_tsn(0xfffffffeu)), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, 8, &c);
	sctpdk_tsn_t t;
	CU_ASSERT_EQUAL(sctpdk_cause_no_user_data_decode(&c, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t.v, 0xfffffffeu);
	char s[64];
	sctpdk_cause_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "No User Data tsn=4294967294");
	CU_ASSERT_EQUAL(sctpdk_cause_no_user_data_encode(&w, t), SCTPDK_ERR_NOSPACE);
}

SCTPDK_TEST_SUITE(wire_cause_num, NULL, NULL, SCTPDK_TEST(test_cause_invalid_stream_roundtrip),
		  SCTPDK_TEST(test_cause_missing_param_roundtrip),
		  SCTPDK_TEST(test_cause_missing_param_count_checked),
		  SCTPDK_TEST(test_cause_missing_param_bounded),
		  SCTPDK_TEST(test_cause_stale_cookie_roundtrip),
		  SCTPDK_TEST(test_cause_no_user_data_roundtrip))
