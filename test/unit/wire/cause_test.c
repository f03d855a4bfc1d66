/* SPDX-License-Identifier: BSD-3-Clause */
/* Cause iterator over ABORT/ERROR bodies, value span and format. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static uint32_t
error_with_all_causes(uint8_t *b, uint32_t cap)
{
	static const uint8_t unk_chunk[] = {0xC7, 0x00, 0x00, 0x05, 0x42, 0, 0, 0};
	struct sctpdk_chunk uc;
	sctpdk_chunk_from_buf(unk_chunk, sizeof(unk_chunk), &uc);
	static const uint8_t addr_param[] = {0, 11, 0, 6, 'h', 0};
	struct sctpdk_wire_src asrc = sctpdk_src_buf(addr_param, sizeof(addr_param));
	struct sctpdk_tlv at = {0, 11, 6};
	static const uint8_t unk_param[] = {0xC0, 0x55, 0, 5, 9};
	struct sctpdk_wire_src psrc = sctpdk_src_buf(unk_param, sizeof(unk_param));
	struct sctpdk_tlv pt = {0, 0xC055, 5};
	uint16_t missing[2] = {SCTPDK_PARAM_STATE_COOKIE, SCTPDK_PARAM_IPV4};
	struct sctpdk_addr addrs[1] = {sctpdk_addr_v4(1, 2, 3, 4)};

	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, cap);
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	int rc = 0;
	rc |= sctpdk_cause_invalid_stream_encode(&w, 3);
	rc |= sctpdk_cause_missing_param_encode(&w, missing, 2);
	rc |= sctpdk_cause_stale_cookie_encode(&w, 250000);
	rc |= sctpdk_cause_out_of_resource_encode(&w);
	rc |= sctpdk_cause_unresolvable_addr_encode(&w, &asrc, &at);
	rc |= sctpdk_cause_unrecognized_chunk_encode(&w, &uc);
	rc |= sctpdk_cause_invalid_mandatory_encode(&w);
	rc |= sctpdk_cause_unrecognized_params_encode(&w, &psrc, &pt, 1);
	rc |= sctpdk_cause_no_user_data_encode(&w, sctpdk_tsn(17));
	rc |= sctpdk_cause_cookie_while_shutdown_encode(&w);
	rc |= sctpdk_cause_restart_new_addrs_encode(&w, addrs, 1);
	rc |= sctpdk_cause_user_abort_encode(&w, "why", 3);
	rc |= sctpdk_cause_protocol_violation_encode(&w, "bad", 3);
	rc |= sctpdk_chunk_end(&w, mark);
	return rc == 0 ? w.len : 0;
}

static void
test_cause_iter_all_thirteen(void)
{
	uint8_t b[256];
	uint32_t len = error_with_all_causes(b, sizeof(b));
	CU_ASSERT_FATAL(len > 0);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_cause_iter it;
	struct sctpdk_cause cs;
	sctpdk_cause_iter_init(&it, &c);
	uint16_t code = 1;
	while (sctpdk_cause_iter_next(&it, &cs) > 0) {
		CU_ASSERT_EQUAL(cs.code, code);
		CU_ASSERT_EQUAL(cs.off % 4, 0);
		char s[128];
		sctpdk_cause_format(&cs, s, sizeof(s));
		CU_ASSERT_PTR_NOT_NULL(strstr(s, sctpdk_cause_code_name(code)));
		CU_ASSERT_PTR_NULL(strstr(s, "malformed"));
		code++;
	}
	CU_ASSERT_EQUAL(code, 14);
	CU_ASSERT_EQUAL(it.reason, SCTPDK_WIRE_OK);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(e.n_causes, 13);
}

static void
test_cause_iter_malformed(void)
{
	static const uint8_t b[] = {6, 0, 0, 16, 0, 4, 0, 4, 0, 1, 0, 2, 0, 0, 0, 0};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_cause_iter it;
	struct sctpdk_cause cs;
	sctpdk_cause_iter_init(&it, &c);
	CU_ASSERT_EQUAL(sctpdk_cause_iter_next(&it, &cs), 1);
	CU_ASSERT_EQUAL(sctpdk_cause_iter_next(&it, &cs), -1);
	CU_ASSERT_EQUAL(it.reason, SCTPDK_WIRE_R_LEN_SHORT);
}

static void
test_cause_value_span(void)
{
	static const uint8_t b[] = {0, 12, 0, 7, 'a', 'b', 'c', 0};
	struct sctpdk_cause c;
	CU_ASSERT_EQUAL_FATAL(wire_test_cause(b, sizeof(b), &c), 0);
	struct sctpdk_span v = sctpdk_cause_value(&c);
	CU_ASSERT_EQUAL(v.off, 4);
	CU_ASSERT_EQUAL(v.len, 3);
}

static void
test_cause_format_unknown_and_malformed(void)
{
	static const uint8_t unk[] = {0, 99, 0, 4};
	static const uint8_t bad[] = {0, 1, 0, 6, 0, 1, 0, 0};
	struct sctpdk_cause c;
	char s[96];
	wire_test_cause(unk, sizeof(unk), &c);
	sctpdk_cause_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "cause 99 len=4");
	wire_test_cause(bad, sizeof(bad), &c);
	sctpdk_cause_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "Invalid Stream Identifier len=6 malformed: cause-bad-len");
}

static void
test_cause_encode_raw(void)
{
	uint8_t b[16];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, 10);
	const uint8_t info[2] = {0x12, 0x34};
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_encode(&w, SCTPDK_CAUSE_INVALID_STREAM, info, 2), 0);
	const uint8_t want[8] = {0, 1, 0, 6, 0x12, 0x34, 0, 0};
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_encode(&w, 1, NULL, 1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_cause_encode(&w, 1, info, 2), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 8);
}

SCTPDK_TEST_SUITE(wire_cause, NULL, NULL, SCTPDK_TEST(test_cause_encode_raw), SCTPDK_TEST(test_cause_iter_all_thirteen),
		  SCTPDK_TEST(test_cause_iter_malformed), SCTPDK_TEST(test_cause_value_span),
		  SCTPDK_TEST(test_cause_format_unknown_and_malformed))
