/* SPDX-License-Identifier: BSD-3-Clause */
/* SACK codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_sack_roundtrip(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_gap g[2] = {{2, 3}, {5, 9}};
	sctpdk_tsn_t d[1] = {sctpdk_tsn(77)};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_encode(&w, sctpdk_tsn(100), 4096, g, 2, d, 1), 0);
	CU_ASSERT_EQUAL(w.len, 28);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_sack s;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(s.cum_tsn.v, 100);
	CU_ASSERT_EQUAL(s.a_rwnd, 4096);
	CU_ASSERT_EQUAL(s.n_gaps, 2);
	CU_ASSERT_EQUAL(s.n_dups, 1);
	CU_ASSERT_EQUAL(s.gaps[1].start, 5);
	CU_ASSERT_EQUAL(s.gaps[1].end, 9);
	CU_ASSERT_EQUAL(s.dups[0].v, 77);
}

static void
test_sack_counts_mismatch(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_gap g[1] = {{1, 1}};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_encode(&w, sctpdk_tsn(1), 1, g, 1, NULL, 0), 0);
	b[13] = 2; /* claim two gap blocks */
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_sack s;
	CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_R_SACK_COUNTS);
	b[13] = 0; /* fewer than present */
	CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_R_SACK_COUNTS);
	b[13] = 1;
	b[15] = 0xff; /* dup count way beyond */
	CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_R_SACK_COUNTS);
}

static void
test_sack_bounded_storage_and_accessors(void)
{
	enum { NG = SCTPDK_SACK_MAX_GAPS + 5, ND = SCTPDK_SACK_MAX_DUPS + 3 };
	static uint8_t b[16 + 4 * (NG + ND)];
	struct sctpdk_gap g[NG];
	sctpdk_tsn_t d[ND];
	for (int k = 0; k < NG; k++) {
		g[k].start = (uint16_t)(2 * k + 2);
		g[k].end = (uint16_t)(2 * k + 2);
	}
	for (int k = 0; k < ND; k++)
		d[k] = sctpdk_tsn((uint32_t)(1000 + k));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_encode(&w, sctpdk_tsn(0), 0, g, NG, d, ND), 0);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_sack s;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(s.n_gaps, NG);
	CU_ASSERT_EQUAL(s.n_gaps_stored, SCTPDK_SACK_MAX_GAPS);
	CU_ASSERT_EQUAL(s.n_dups_stored, SCTPDK_SACK_MAX_DUPS);
	CU_ASSERT_EQUAL(s.dups[0].v, 1000); /* skipped the unstored gaps correctly */
	struct sctpdk_gap x;
	CU_ASSERT_EQUAL(sctpdk_sack_gap_at(&c, &s, NG - 1, &x), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(x.start, 2 * (NG - 1) + 2);
	CU_ASSERT_EQUAL(sctpdk_sack_gap_at(&c, &s, NG, &x), SCTPDK_WIRE_R_INDEX);
	sctpdk_tsn_t t;
	CU_ASSERT_EQUAL(sctpdk_sack_dup_at(&c, &s, ND - 1, &t), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(t.v, 1000 + ND - 1);
	CU_ASSERT_EQUAL(sctpdk_sack_dup_at(&c, &s, ND, &t), SCTPDK_WIRE_R_INDEX);
}

static void
test_sack_too_short_wrong_type(void)
{
	static const uint8_t b[] = {3, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_sack s;
	CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	c.type = SCTPDK_CHUNK_DATA;
	CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_sack_encode_errors(void)
{
	uint8_t b[20];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_sack_encode(&w, sctpdk_tsn(1), 1, NULL, 1, NULL, 0),
			SCTPDK_ERR_INVAL);
	struct sctpdk_gap g[2] = {{1, 1}, {3, 3}};
	CU_ASSERT_EQUAL(sctpdk_sack_encode(&w, sctpdk_tsn(1), 1, g, 2, NULL, 0),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(sctpdk_sack_encode(&w, sctpdk_tsn(1), 1, g, 1, NULL, 0), 0);
	CU_ASSERT_EQUAL(w.len, 20);
}

static void
test_sack_format(void)
{
	struct sctpdk_sack s;
	memset(&s, 0, sizeof(s));
	s.cum_tsn = sctpdk_tsn(1);
	s.a_rwnd = 65535;
	s.n_gaps = s.n_gaps_stored = 1;
	s.gaps[0].start = 2;
	s.gaps[0].end = 3;
	s.n_dups = s.n_dups_stored = 1;
	s.dups[0] = sctpdk_tsn(1);
	char t[128];
	sctpdk_sack_format(&s, t, sizeof(t));
	CU_ASSERT_STRING_EQUAL(t, "SACK cum=1 a_rwnd=65535 gaps=1 [2-3] dups=1 [1]");
	char small[10];
	int n = sctpdk_sack_format(&s, small, sizeof(small));
	CU_ASSERT_EQUAL(n, (int)strlen(t));
	CU_ASSERT_EQUAL(strlen(small), 9);
}

SCTPDK_TEST_SUITE(wire_sack, NULL, NULL, SCTPDK_TEST(test_sack_roundtrip),
		  SCTPDK_TEST(test_sack_counts_mismatch),
		  SCTPDK_TEST(test_sack_bounded_storage_and_accessors),
		  SCTPDK_TEST(test_sack_too_short_wrong_type), SCTPDK_TEST(test_sack_encode_errors),
		  SCTPDK_TEST(test_sack_format))
