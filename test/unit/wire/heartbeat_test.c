/* SPDX-License-Identifier: BSD-3-Clause */
/* HEARTBEAT / HEARTBEAT ACK codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_heartbeat_roundtrip(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, "info-13bytes!", 13),
			      0);
	CU_ASSERT_EQUAL(w.len, 24);
	CU_ASSERT_EQUAL(b[3], 21); /* 4 + 4 + 13, last parameter's padding excluded */
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_heartbeat hb;
	CU_ASSERT_EQUAL_FATAL(sctpdk_heartbeat_decode(&c, &hb), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(hb.info_len, 13);
	CU_ASSERT_EQUAL(hb.info_off, 8);
	CU_ASSERT_EQUAL(memcmp(b + hb.info_off, "info-13bytes!", 13), 0);
}

static void
test_heartbeat_ack_echoes_info(void)
{
	uint8_t b[64], a[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, "abcdefgh", 8), 0);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_wr wa;
	sctpdk_wr_init(&wa, a, sizeof(a));
	CU_ASSERT_EQUAL_FATAL(sctpdk_heartbeat_ack_from(&wa, &c), 0);
	CU_ASSERT_EQUAL(wa.len, w.len);
	CU_ASSERT_EQUAL(a[0], SCTPDK_CHUNK_HEARTBEAT_ACK);
	CU_ASSERT_EQUAL(memcmp(a + 1, b + 1, w.len - 1), 0);
	struct sctpdk_chunk ac;
	sctpdk_chunk_from_buf(a, wa.len, &ac);
	struct sctpdk_heartbeat hb;
	CU_ASSERT_EQUAL(sctpdk_heartbeat_decode(&ac, &hb), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(hb.info_len, 8);
	/* only a HEARTBEAT can be answered */
	CU_ASSERT_EQUAL(sctpdk_heartbeat_ack_from(&wa, &ac), SCTPDK_ERR_INVAL);
}

static void
test_heartbeat_missing_info(void)
{
	/* parameter of another type */
	static const uint8_t b[] = {4, 0, 0, 8, 0, 2, 0, 4};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_heartbeat hb;
	CU_ASSERT_EQUAL(sctpdk_heartbeat_decode(&c, &hb), SCTPDK_WIRE_R_HB_NO_INFO);
	static const uint8_t e[] = {4, 0, 0, 4};
	sctpdk_chunk_from_buf(e, sizeof(e), &c);
	CU_ASSERT_EQUAL(sctpdk_heartbeat_decode(&c, &hb), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
}

static void
test_heartbeat_info_past_chunk(void)
{
	static const uint8_t b[] = {5, 0, 0, 12, 0, 1, 0, 12, 1, 2, 3, 4};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_heartbeat hb;
	CU_ASSERT_EQUAL(sctpdk_heartbeat_decode(&c, &hb), SCTPDK_WIRE_R_PAST_END);
}

static void
test_heartbeat_encode_errors(void)
{
	uint8_t b[12];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_DATA, "x", 1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, NULL, 1),
			SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, "12345", 5),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, "1234", 4), 0);
}

static void
test_heartbeat_format(void)
{
	struct sctpdk_heartbeat hb = {8, 12};
	char s[64];
	sctpdk_heartbeat_format(SCTPDK_CHUNK_HEARTBEAT_ACK, &hb, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "HEARTBEAT ACK info_len=12");
}

SCTPDK_TEST_SUITE(wire_heartbeat, NULL, NULL, SCTPDK_TEST(test_heartbeat_roundtrip),
		  SCTPDK_TEST(test_heartbeat_ack_echoes_info),
		  SCTPDK_TEST(test_heartbeat_missing_info),
		  SCTPDK_TEST(test_heartbeat_info_past_chunk),
		  SCTPDK_TEST(test_heartbeat_encode_errors), SCTPDK_TEST(test_heartbeat_format))
