/* SPDX-License-Identifier: BSD-3-Clause */
/* DATA chunk codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_data_roundtrip(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_data d = {.flags = SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_U,
				.tsn = sctpdk_tsn(0xfffffffeu),
				.sid = 7,
				.ssn = sctpdk_ssn(0xfffe),
				.ppid = 0x12345678u};
	CU_ASSERT_EQUAL_FATAL(sctpdk_data_encode(&w, &d, "hello", 5), 0);
	CU_ASSERT_EQUAL(w.len, 24); /* 21 padded */
	CU_ASSERT_EQUAL(b[3], 21);  /* length excludes padding */
	CU_ASSERT_EQUAL(memcmp(b + 21, "\0\0\0", 3), 0);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_data o;
	CU_ASSERT_EQUAL_FATAL(sctpdk_data_decode(&c, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.flags, d.flags);
	CU_ASSERT_EQUAL(o.tsn.v, 0xfffffffeu);
	CU_ASSERT_EQUAL(o.sid, 7);
	CU_ASSERT_EQUAL(o.ssn.v, 0xfffe);
	CU_ASSERT_EQUAL(o.ppid, 0x12345678u);
	CU_ASSERT_EQUAL(o.payload_off, 16);
	CU_ASSERT_EQUAL(o.payload_len, 5);
	CU_ASSERT_EQUAL(memcmp(b + o.payload_off, "hello", 5), 0);
}

static void
test_data_no_user_data(void)
{
	static const uint8_t b[] = {0, 3, 0, 16, 0, 0, 0, 9, 0, 1, 0, 2, 0, 0, 0, 0};
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, sizeof(b), &c), SCTPDK_WIRE_OK);
	struct sctpdk_data d;
	CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_R_NO_USER_DATA);
	CU_ASSERT_EQUAL(d.tsn.v, 9); /* still filled for the No User Data cause */
	CU_ASSERT_EQUAL(d.payload_len, 0);
}

static void
test_data_too_short_and_wrong_type(void)
{
	static const uint8_t b[] = {0, 3, 0, 12, 0, 0, 0, 9, 0, 1, 0, 2};
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, sizeof(b), &c), SCTPDK_WIRE_OK);
	struct sctpdk_data d;
	CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	c.type = SCTPDK_CHUNK_SACK;
	CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_data_encode_invalid_and_nospace(void)
{
	uint8_t b[20];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_data d = {.tsn = sctpdk_tsn(1)};
	CU_ASSERT_EQUAL(sctpdk_data_encode(&w, &d, "x", 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_data_encode(&w, &d, NULL, 3), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_data_encode(&w, &d, "hello", 5), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(sctpdk_data_encode(&w, &d, "abcd", 4), 0);
	CU_ASSERT_EQUAL(w.len, 20);
}

static void
test_data_encode_hdr_only(void)
{
	uint8_t b[16];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(1), .sid = 2, .ssn = sctpdk_ssn(3)};
	CU_ASSERT_EQUAL(sctpdk_data_encode_hdr(&w, &d, 1000), 0);
	CU_ASSERT_EQUAL(w.len, 16);
	CU_ASSERT_EQUAL(b[2] << 8 | b[3], 1016);
	CU_ASSERT_EQUAL(sctpdk_data_encode_hdr(&w, &d, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_data_encode_hdr(&w, &d, 65520), SCTPDK_ERR_INVAL);
}

static void
test_data_format(void)
{
	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(1), .payload_len = 5};
	char s[128];
	sctpdk_data_format(&d, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "DATA flags=BE tsn=1 sid=0 ssn=0 ppid=0 len=5");
	d.flags = SCTPDK_DATA_FLAG_U | SCTPDK_DATA_FLAG_I;
	sctpdk_data_format(&d, s, sizeof(s));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "flags=UI "));
}

SCTPDK_TEST_SUITE(wire_data, NULL, NULL, SCTPDK_TEST(test_data_roundtrip),
		  SCTPDK_TEST(test_data_no_user_data),
		  SCTPDK_TEST(test_data_too_short_and_wrong_type),
		  SCTPDK_TEST(test_data_encode_invalid_and_nospace),
		  SCTPDK_TEST(test_data_encode_hdr_only), SCTPDK_TEST(test_data_format))
