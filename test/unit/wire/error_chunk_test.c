/* SPDX-License-Identifier: BSD-3-Clause */
/* ERROR chunk codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_error_chunk_roundtrip(void)
{
	uint8_t causes[32], b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, causes, sizeof(causes));
	CU_ASSERT_EQUAL(sctpdk_cause_cookie_while_shutdown_encode(&w), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_protocol_violation_encode(&w, "oops!", 5), 0);
	uint16_t clen = (uint16_t)w.len;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_error_chunk_encode(&w, causes, clen), 0);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(c.type, SCTPDK_CHUNK_ERROR);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL_FATAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(e.n_causes, 2);
	CU_ASSERT_EQUAL(e.causes_off, 4);
	CU_ASSERT_EQUAL(e.causes_len, clen);
}

static void
test_error_chunk_encode_needs_cause(void)
{
	uint8_t b[16];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_error_chunk_encode(&w, NULL, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_error_chunk_encode(&w, "ab", 2), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(w.len, 0);
}

static void
test_error_chunk_empty_accepted(void)
{
	static const uint8_t b[] = {9, 0, 0, 4};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(e.n_causes, 0);
}

static void
test_error_chunk_bad_cause_structure(void)
{
	static const uint8_t b[] = {9, 0, 0, 10, 0, 4, 0, 4, 0, 1};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_R_HDR_TRUNC);
	c.type = SCTPDK_CHUNK_ABORT;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_error_chunk_format(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	sctpdk_cause_invalid_stream_encode(&w, 4);
	sctpdk_chunk_end(&w, mark);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	char s[128];
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "ERROR causes=1 [Invalid Stream Identifier sid=4]");
}

static void
test_error_encode_cause_bytes(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	const uint8_t measure[4] = {0, 0, 0x03, 0xe8};
	CU_ASSERT_EQUAL_FATAL(sctpdk_error_chunk_encode_cause(&w, SCTPDK_CAUSE_STALE_COOKIE,
							      measure, 4),
			      0);
	const uint8_t want[12] = {9, 0, 0, 12, 0, 3, 0, 8, 0, 0, 0x03, 0xe8};
	CU_ASSERT_EQUAL(w.len, sizeof(want));
	CU_ASSERT_EQUAL(memcmp(b, want, sizeof(want)), 0);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(e.n_causes, 1);
	/* 3 bytes of info: chunk length 11, padded to 12 */
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_error_chunk_encode_cause(&w, 6, "abc", 3), 0);
	CU_ASSERT_EQUAL(w.len, 12);
	CU_ASSERT_EQUAL(b[3], 11);
	CU_ASSERT_EQUAL(b[7], 7);
	CU_ASSERT_EQUAL(b[11], 0);
	sctpdk_wr_init(&w, b, 8);
	CU_ASSERT_EQUAL(sctpdk_error_chunk_encode_cause(&w, 6, "abc", 3), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
}

SCTPDK_TEST_SUITE(wire_error_chunk, NULL, NULL, SCTPDK_TEST(test_error_encode_cause_bytes), SCTPDK_TEST(test_error_chunk_roundtrip),
		  SCTPDK_TEST(test_error_chunk_encode_needs_cause),
		  SCTPDK_TEST(test_error_chunk_empty_accepted),
		  SCTPDK_TEST(test_error_chunk_bad_cause_structure),
		  SCTPDK_TEST(test_error_chunk_format))
