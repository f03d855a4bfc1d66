/* SPDX-License-Identifier: BSD-3-Clause */
/* ECNE / CWR codecs. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_ecne_cwr_roundtrip(void)
{
	uint8_t b[16];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_ecn_encode(&w, SCTPDK_CHUNK_ECNE, sctpdk_tsn(42)), 0);
	CU_ASSERT_EQUAL(sctpdk_ecn_encode(&w, SCTPDK_CHUNK_CWR, sctpdk_tsn(43)), 0);
	CU_ASSERT_EQUAL(w.len, 16);
	struct sctpdk_chunk c;
	sctpdk_tsn_t t;
	sctpdk_chunk_from_buf(b, 8, &c);
	CU_ASSERT_EQUAL(sctpdk_ecn_decode(&c, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t.v, 42);
	sctpdk_chunk_from_buf(b + 8, 8, &c);
	CU_ASSERT_EQUAL(c.type, SCTPDK_CHUNK_CWR);
	CU_ASSERT_EQUAL(sctpdk_ecn_decode(&c, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t.v, 43);
	char s[32];
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "CWR tsn=43");
}

static void
test_ecn_errors(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_ecn_encode(&w, SCTPDK_CHUNK_SACK, sctpdk_tsn(1)), SCTPDK_ERR_INVAL);
	static const uint8_t bad[] = {12, 0, 0, 4};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(bad, sizeof(bad), &c);
	sctpdk_tsn_t t;
	CU_ASSERT_EQUAL(sctpdk_ecn_decode(&c, &t), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
	c.type = SCTPDK_CHUNK_DATA;
	CU_ASSERT_EQUAL(sctpdk_ecn_decode(&c, &t), SCTPDK_WIRE_R_WRONG_TYPE);
}

SCTPDK_TEST_SUITE(wire_ecn, NULL, NULL, SCTPDK_TEST(test_ecne_cwr_roundtrip),
		  SCTPDK_TEST(test_ecn_errors))
