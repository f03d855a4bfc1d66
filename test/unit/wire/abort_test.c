/* SPDX-License-Identifier: BSD-3-Clause */
/* ABORT codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_abort_with_causes_roundtrip(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ABORT, SCTPDK_FLAG_T);
	CU_ASSERT_EQUAL(sctpdk_cause_invalid_stream_encode(&w, 9), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_user_abort_encode(&w, "bye", 3), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_end(&w, mark), 0);
	CU_ASSERT_EQUAL(w.len, 20);
	CU_ASSERT_EQUAL(b[3], 19);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_abort a;
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(a.t_bit);
	CU_ASSERT_EQUAL(a.n_causes, 2);
	CU_ASSERT_EQUAL(a.causes_off, 4);
	CU_ASSERT_EQUAL(a.causes_len, 15);
	struct sctpdk_cause_iter it;
	struct sctpdk_cause cs;
	sctpdk_cause_iter_init(&it, &c);
	CU_ASSERT_EQUAL(sctpdk_cause_iter_next(&it, &cs), 1);
	uint16_t sid = 0;
	CU_ASSERT_EQUAL(sctpdk_cause_invalid_stream_decode(&cs, &sid), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sid, 9);
	CU_ASSERT_EQUAL(sctpdk_cause_iter_next(&it, &cs), 1);
	CU_ASSERT_EQUAL(cs.code, SCTPDK_CAUSE_USER_ABORT);
	CU_ASSERT_EQUAL(sctpdk_cause_iter_next(&it, &cs), 0);
}

static void
test_abort_empty_no_t(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_encode(&w, 0, NULL, 0), 0);
	CU_ASSERT_EQUAL(w.len, 4);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_abort a;
	CU_ASSERT_EQUAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_OK);
	CU_ASSERT_FALSE(a.t_bit);
	CU_ASSERT_EQUAL(a.n_causes, 0);
}

static void
test_abort_encode_prebuilt_causes(void)
{
	uint8_t causes[16], b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, causes, sizeof(causes));
	CU_ASSERT_EQUAL(sctpdk_cause_out_of_resource_encode(&w), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_no_user_data_encode(&w, sctpdk_tsn(5)), 0);
	uint16_t clen = (uint16_t)w.len;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_encode(&w, 1, causes, clen), 0);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_abort a;
	CU_ASSERT_EQUAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(a.n_causes, 2);
	CU_ASSERT_EQUAL(sctpdk_abort_encode(&w, 1, NULL, 4), SCTPDK_ERR_INVAL);
}

static void
test_abort_malformed_cause(void)
{
	static const uint8_t b[] = {6, 0, 0, 12, 0, 1, 0, 9, 0, 0, 0, 0};
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, sizeof(b), &c);
	struct sctpdk_abort a;
	CU_ASSERT_EQUAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_R_PAST_END);
	c.type = SCTPDK_CHUNK_ERROR;
	CU_ASSERT_EQUAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_R_WRONG_TYPE);
}

static void
test_abort_format_with_causes(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ABORT, SCTPDK_FLAG_T);
	sctpdk_cause_stale_cookie_encode(&w, 1500);
	sctpdk_chunk_end(&w, mark);
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	char s[160];
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "ABORT T causes=1 [Stale Cookie Error staleness=1500us]");
}

/* One cause from its wire-form info: the exact bytes, padding counted
 * only after the chunk. */
static void
test_abort_encode_cause_bytes(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	const uint8_t info[5] = {1, 2, 3, 4, 5};
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_encode_cause(&w, 1, SCTPDK_CAUSE_PROTOCOL_VIOLATION,
							info, sizeof(info)),
			      0);
	const uint8_t want[16] = {6, 1, 0, 13, 0, 13, 0, 9, 1, 2, 3, 4, 5, 0, 0, 0};
	CU_ASSERT_EQUAL(w.len, sizeof(want));
	CU_ASSERT_EQUAL(memcmp(b, want, sizeof(want)), 0);
	/* no cause (code 0), T bit clear */
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_encode_cause(&w, 0, 0, NULL, 0), 0);
	CU_ASSERT_EQUAL(w.len, 4);
	CU_ASSERT_EQUAL(b[1], 0);
	CU_ASSERT_EQUAL(b[3], 4);
	/* a cause with no info: 8 bytes */
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_encode_cause(&w, 0, SCTPDK_CAUSE_OUT_OF_RESOURCE, NULL,
							0),
			      0);
	const uint8_t want2[8] = {6, 0, 0, 8, 0, 4, 0, 4};
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(memcmp(b, want2, 8), 0);
	/* what does not fit leaves nothing, the writer usable */
	sctpdk_wr_init(&w, b, 12);
	CU_ASSERT_EQUAL(sctpdk_abort_encode_cause(&w, 0, 13, info, sizeof(info)),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(w.err, 0);
	CU_ASSERT_EQUAL(sctpdk_abort_encode_cause(&w, 0, 13, NULL, 3), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(w.len, 0);
}

SCTPDK_TEST_SUITE(wire_abort, NULL, NULL, SCTPDK_TEST(test_abort_with_causes_roundtrip),
		  SCTPDK_TEST(test_abort_empty_no_t), SCTPDK_TEST(test_abort_encode_cause_bytes), SCTPDK_TEST(test_abort_encode_prebuilt_causes),
		  SCTPDK_TEST(test_abort_malformed_cause), SCTPDK_TEST(test_abort_format_with_causes))
