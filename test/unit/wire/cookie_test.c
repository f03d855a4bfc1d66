/* SPDX-License-Identifier: BSD-3-Clause */
/* COOKIE ECHO / COOKIE ACK codecs. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_cookie_echo_roundtrip(void)
{
	uint8_t cookie[45], b[64];
	for (int k = 0; k < 45; k++)
		cookie[k] = (uint8_t)(k * 7);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cookie_echo_encode(&w, cookie, sizeof(cookie)), 0);
	CU_ASSERT_EQUAL(w.len, 52);
	CU_ASSERT_EQUAL(b[3], 49);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_cookie_echo ce;
	CU_ASSERT_EQUAL_FATAL(sctpdk_cookie_echo_decode(&c, &ce), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(ce.cookie_len, 45);
	uint8_t out[45];
	CU_ASSERT_EQUAL(sctpdk_src_copy(&c.src, ce.cookie_off, ce.cookie_len, out), 0);
	CU_ASSERT_EQUAL(memcmp(out, cookie, 45), 0);
	char s[64];
	sctpdk_cookie_echo_format(&ce, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "COOKIE ECHO len=45");
}

static void
test_cookie_echo_empty_rejected(void)
{
	static const uint8_t b[] = {10, 0, 0, 4};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_cookie_echo ce;
	CU_ASSERT_EQUAL(sctpdk_cookie_echo_decode(&c, &ce), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	uint8_t o[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, o, sizeof(o));
	CU_ASSERT_EQUAL(sctpdk_cookie_echo_encode(&w, "x", 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_cookie_echo_encode(&w, NULL, 3), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_cookie_echo_encode(&w, "12345", 5), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
}

static void
test_cookie_ack_roundtrip(void)
{
	uint8_t b[4];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cookie_ack_encode(&w), 0);
	static const uint8_t want[] = {11, 0, 0, 4};
	CU_ASSERT_EQUAL(memcmp(b, want, 4), 0);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, 4, &c);
	CU_ASSERT_EQUAL(sctpdk_cookie_ack_decode(&c), SCTPDK_WIRE_OK);
	c.type = SCTPDK_CHUNK_COOKIE_ECHO;
	CU_ASSERT_EQUAL(sctpdk_cookie_ack_decode(&c), SCTPDK_WIRE_R_WRONG_TYPE);
	static const uint8_t bad[] = {11, 0, 0, 5, 1, 0, 0, 0};
	sctpdk_chunk_from_buf(bad, sizeof(bad), &c);
	CU_ASSERT_EQUAL(sctpdk_cookie_ack_decode(&c), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
}

SCTPDK_TEST_SUITE(wire_cookie, NULL, NULL, SCTPDK_TEST(test_cookie_echo_roundtrip),
		  SCTPDK_TEST(test_cookie_echo_empty_rejected), SCTPDK_TEST(test_cookie_ack_roundtrip))
