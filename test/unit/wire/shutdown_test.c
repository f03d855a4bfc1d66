/* SPDX-License-Identifier: BSD-3-Clause */
/* SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE codecs. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_shutdown_roundtrip(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_shutdown_encode(&w, sctpdk_tsn(0xdeadbeefu)), 0);
	static const uint8_t want[] = {7, 0, 0, 8, 0xde, 0xad, 0xbe, 0xef};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	sctpdk_tsn_t cum;
	CU_ASSERT_EQUAL(sctpdk_shutdown_decode(&c, &cum), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(cum.v, 0xdeadbeefu);
	char s[64];
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "SHUTDOWN cum=3735928559");
}

static void
test_shutdown_bad_len(void)
{
	static const uint8_t b[] = {7, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	sctpdk_tsn_t cum;
	CU_ASSERT_EQUAL(sctpdk_shutdown_decode(&c, &cum), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
	c.type = SCTPDK_CHUNK_SHUTDOWN_ACK;
	CU_ASSERT_EQUAL(sctpdk_shutdown_decode(&c, &cum), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_shutdown_ack_roundtrip(void)
{
	uint8_t b[4];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_shutdown_ack_encode(&w), 0);
	CU_ASSERT_EQUAL(b[0], 8);
	CU_ASSERT_EQUAL(b[3], 4);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	CU_ASSERT_EQUAL(sctpdk_shutdown_ack_decode(&c), SCTPDK_WIRE_OK);
	static const uint8_t bad[] = {8, 0, 0, 8, 0, 0, 0, 0};
	sctpdk_chunk_from_buf(bad, sizeof(bad), &c);
	CU_ASSERT_EQUAL(sctpdk_shutdown_ack_decode(&c), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
}

static void
test_shutdown_complete_t_bit(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_shutdown_complete_encode(&w, 1), 0);
	CU_ASSERT_EQUAL(sctpdk_shutdown_complete_encode(&w, 0), 0);
	CU_ASSERT_EQUAL(b[1], SCTPDK_FLAG_T);
	CU_ASSERT_EQUAL(b[5], 0);
	struct sctpdk_chunk c;
	uint8_t t = 9;
	sctpdk_chunk_from_buf(b, 4, &c);
	CU_ASSERT_EQUAL(sctpdk_shutdown_complete_decode(&c, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t, 1);
	sctpdk_chunk_from_buf(b + 4, 4, &c);
	CU_ASSERT_EQUAL(sctpdk_shutdown_complete_decode(&c, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t, 0);
	char s[64];
	sctpdk_chunk_from_buf(b, 4, &c);
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "SHUTDOWN COMPLETE T");
	CU_ASSERT_EQUAL(sctpdk_shutdown_complete_encode(&w, 1), SCTPDK_ERR_NOSPACE);
}

SCTPDK_TEST_SUITE(wire_shutdown, NULL, NULL, SCTPDK_TEST(test_shutdown_roundtrip),
		  SCTPDK_TEST(test_shutdown_bad_len), SCTPDK_TEST(test_shutdown_ack_roundtrip),
		  SCTPDK_TEST(test_shutdown_complete_t_bit))
