/* SPDX-License-Identifier: BSD-3-Clause */
/* The shared TLV length/padding helper. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"

static int
next(const uint8_t *b, uint32_t len, uint32_t *pos, struct sctpdk_tlv *t,
     enum sctpdk_wire_reason *why)
{
	struct sctpdk_wire_src s = sctpdk_src_buf(b, len);
	return sctpdk_tlv_next(&s, pos, len, t, why);
}

static void
test_tlv_padded_sequence(void)
{
	/* len 5 (padded to 8), then len 4 */
	static const uint8_t b[] = {0, 7, 0, 5, 0xaa, 0, 0, 0, 0x80, 0, 0, 4};
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 1);
	CU_ASSERT_EQUAL(t.type, 7);
	CU_ASSERT_EQUAL(t.len, 5);
	CU_ASSERT_EQUAL(t.off, 0);
	CU_ASSERT_EQUAL(pos, 8);
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 1);
	CU_ASSERT_EQUAL(t.type, 0x8000);
	CU_ASSERT_EQUAL(pos, 12);
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 0);
}

static void
test_tlv_last_unpadded_ok(void)
{
	static const uint8_t b[] = {0, 7, 0, 5, 0xaa};
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 1);
	CU_ASSERT_EQUAL(pos, 5);
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 0);
}

static void
test_tlv_pad_partial(void)
{
	static const uint8_t b[] = {0, 7, 0, 5, 0xaa, 0, 0};
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), -1);
	CU_ASSERT_EQUAL(why, SCTPDK_WIRE_R_PAD_PARTIAL);
	CU_ASSERT_EQUAL(pos, 0);
}

static void
test_tlv_len_short_and_past_end(void)
{
	static const uint8_t s3[] = {0, 7, 0, 3, 0, 0, 0, 0};
	static const uint8_t big[] = {0, 7, 0, 9, 0, 0, 0, 0};
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(next(s3, sizeof(s3), &pos, &t, &why), -1);
	CU_ASSERT_EQUAL(why, SCTPDK_WIRE_R_LEN_SHORT);
	pos = 0;
	CU_ASSERT_EQUAL(next(big, sizeof(big), &pos, &t, &why), -1);
	CU_ASSERT_EQUAL(why, SCTPDK_WIRE_R_PAST_END);
}

static void
test_tlv_hdr_trunc(void)
{
	static const uint8_t b[] = {0, 7, 0, 4, 1, 2, 3};
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), 1);
	CU_ASSERT_EQUAL(next(b, sizeof(b), &pos, &t, &why), -1);
	CU_ASSERT_EQUAL(why, SCTPDK_WIRE_R_HDR_TRUNC);
}

static void
test_tlv_walk_counts(void)
{
	static const uint8_t b[] = {0, 1, 0, 4, 0, 2, 0, 6, 1, 2, 0, 0, 0, 3, 0, 4};
	struct sctpdk_wire_src s = sctpdk_src_buf(b, sizeof(b));
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	CU_ASSERT_EQUAL(sctpdk_tlv_walk(&s, 0, sizeof(b), &why), 3);
	CU_ASSERT_EQUAL(sctpdk_tlv_walk(&s, 0, 0, &why), 0);
	CU_ASSERT_EQUAL(sctpdk_tlv_walk(&s, 0, 14, &why), -1);
	CU_ASSERT_EQUAL(why, SCTPDK_WIRE_R_HDR_TRUNC);
}

static void
test_tlv_encode_pads_and_excludes_padding(void)
{
	uint8_t b[16];
	memset(b, 0xee, sizeof(b));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 0x1234, "xyz", 3), 0);
	CU_ASSERT_EQUAL(w.len, 8);
	static const uint8_t want[] = {0x12, 0x34, 0, 7, 'x', 'y', 'z', 0};
	CU_ASSERT_EQUAL(memcmp(b, want, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 1, NULL, 0), 0);
	CU_ASSERT_EQUAL(w.len, 12);
	CU_ASSERT_EQUAL(b[11], 4);
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 1, NULL, 3), SCTPDK_ERR_INVAL);
}

static void
test_tlv_encode_nospace_rewinds(void)
{
	uint8_t b[10];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 1, "ab", 2), 0); /* 8 bytes */
	/* value fits exactly but padding would not */
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 2, NULL, 0), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(w.err, 0);
	sctpdk_wr_init(&w, b, 7);
	CU_ASSERT_EQUAL(sctpdk_tlv_put(&w, 1, "abc", 3), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
}

static void
test_tlv_encode_msgsize(void)
{
	static uint8_t big[70000];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, big, sizeof(big));
	uint32_t mark = sctpdk_tlv_begin(&w, 9);
	sctpdk_wr_zero(&w, 65535);
	CU_ASSERT_EQUAL(sctpdk_tlv_end(&w, mark), SCTPDK_ERR_MSGSIZE);
	CU_ASSERT_EQUAL(w.len, 0);
	mark = sctpdk_tlv_begin(&w, 9);
	sctpdk_wr_zero(&w, 65531);
	CU_ASSERT_EQUAL(sctpdk_tlv_end(&w, mark), 0);
	CU_ASSERT_EQUAL(w.len, 65536);
	CU_ASSERT_EQUAL(big[2], 0xff);
	CU_ASSERT_EQUAL(big[3], 0xff);
}

static void
test_pad4(void)
{
	CU_ASSERT_EQUAL(sctpdk_pad4(0), 0);
	CU_ASSERT_EQUAL(sctpdk_pad4(1), 4);
	CU_ASSERT_EQUAL(sctpdk_pad4(4), 4);
	CU_ASSERT_EQUAL(sctpdk_pad4(21), 24);
	CU_ASSERT_EQUAL(sctpdk_pad4(65535), 65536);
}

SCTPDK_TEST_SUITE(wire_tlv, NULL, NULL, SCTPDK_TEST(test_tlv_padded_sequence),
		  SCTPDK_TEST(test_tlv_last_unpadded_ok), SCTPDK_TEST(test_tlv_pad_partial),
		  SCTPDK_TEST(test_tlv_len_short_and_past_end), SCTPDK_TEST(test_tlv_hdr_trunc),
		  SCTPDK_TEST(test_tlv_walk_counts),
		  SCTPDK_TEST(test_tlv_encode_pads_and_excludes_padding),
		  SCTPDK_TEST(test_tlv_encode_nospace_rewinds), SCTPDK_TEST(test_tlv_encode_msgsize),
		  SCTPDK_TEST(test_pad4))
