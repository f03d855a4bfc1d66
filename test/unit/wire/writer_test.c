/* SPDX-License-Identifier: BSD-3-Clause */
/* Bounded writer over buffers and mbuf tailroom. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_wr_integers(void)
{
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_wr_u8(&w, 0xaa);
	sctpdk_wr_u16(&w, 0x0102);
	sctpdk_wr_u32(&w, 0x03040506u);
	CU_ASSERT_EQUAL(w.len, 7);
	CU_ASSERT_EQUAL(w.err, 0);
	static const uint8_t want[] = {0xaa, 1, 2, 3, 4, 5, 6};
	CU_ASSERT_EQUAL(memcmp(b, want, 7), 0);
}

static void
test_wr_never_past_capacity(void)
{
	uint8_t b[8];
	memset(b, 0xee, sizeof(b));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, 5);
	sctpdk_wr_u32(&w, 0x01020304u);
	sctpdk_wr_u16(&w, 0xffff); /* does not fit */
	CU_ASSERT_EQUAL(w.err, SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 4);
	CU_ASSERT_EQUAL(b[4], 0xee);
	sctpdk_wr_u8(&w, 0x55); /* sticky: even this fitting byte is not written */
	CU_ASSERT_EQUAL(b[4], 0xee);
	CU_ASSERT_EQUAL(sctpdk_wr_end(&w, 0), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(w.err, 0);
	sctpdk_wr_u8(&w, 0x55);
	CU_ASSERT_EQUAL(b[0], 0x55);
}

static void
test_wr_bytes_zero_patch(void)
{
	uint8_t b[12];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_wr_bytes(&w, "abc", 3);
	sctpdk_wr_zero(&w, 3);
	sctpdk_wr_patch_u16(&w, 1, 0x4142);
	CU_ASSERT_EQUAL(w.len, 6);
	CU_ASSERT_EQUAL(memcmp(b, "aAB\0\0\0", 6), 0);
	sctpdk_wr_patch_u16(&w, 5, 0xffff); /* out of written range: ignored */
	CU_ASSERT_EQUAL(b[5], 0);
	CU_ASSERT_EQUAL(sctpdk_wr_room(&w), 6);
	CU_ASSERT_EQUAL(sctpdk_wr_end(&w, 0), 0);
}

static void
test_wr_src_from_chain(void)
{
	uint8_t src[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	uint32_t cuts[] = {5};
	struct rte_mbuf *m = wire_test_chain(src, 10, cuts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_wire_src s = sctpdk_src_mbuf(m);
	uint8_t b[8];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_wr_src(&w, &s, 3, 4);
	CU_ASSERT_EQUAL(w.err, 0);
	CU_ASSERT_EQUAL(memcmp(b, src + 3, 4), 0);
	sctpdk_wr_src(&w, &s, 8, 4); /* past the source */
	CU_ASSERT_EQUAL(w.err, SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 4);
	rte_pktmbuf_free(m);
}

static void
test_wr_mbuf_tailroom_commit(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	rte_pktmbuf_append(m, 10);
	struct sctpdk_wr w;
	CU_ASSERT_EQUAL(sctpdk_wr_init_mbuf(&w, m, 6), 0);
	CU_ASSERT_EQUAL(w.cap, 6);
	sctpdk_wr_u32(&w, 0xdeadbeefu);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 10); /* not yet committed */
	CU_ASSERT_EQUAL(sctpdk_wr_commit_mbuf(&w), 0);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 14);
	CU_ASSERT_EQUAL(*rte_pktmbuf_mtod_offset(m, uint8_t *, 10), 0xde);
	CU_ASSERT_EQUAL(w.cap, 2);
	sctpdk_wr_u32(&w, 1);
	CU_ASSERT_EQUAL(sctpdk_wr_commit_mbuf(&w), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 14);
	CU_ASSERT_EQUAL(sctpdk_wr_init_mbuf(&w, NULL, 6), SCTPDK_ERR_INVAL);
	struct sctpdk_wr wb;
	uint8_t b[4];
	sctpdk_wr_init(&wb, b, 4);
	CU_ASSERT_EQUAL(sctpdk_wr_commit_mbuf(&wb), SCTPDK_ERR_INVAL);
	rte_pktmbuf_free(m);
}

static void
test_wr_mbuf_tailroom_limit(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_wr w;
	CU_ASSERT_EQUAL(sctpdk_wr_init_mbuf(&w, m, 1u << 20), 0);
	CU_ASSERT_EQUAL(w.cap, rte_pktmbuf_tailroom(m));
	sctpdk_wr_zero(&w, w.cap + 1);
	CU_ASSERT_EQUAL(w.err, SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	rte_pktmbuf_free(m);
}

SCTPDK_TEST_SUITE(wire_writer, wire_test_eal, NULL, SCTPDK_TEST(test_wr_integers),
		  SCTPDK_TEST(test_wr_never_past_capacity), SCTPDK_TEST(test_wr_bytes_zero_patch),
		  SCTPDK_TEST(test_wr_src_from_chain), SCTPDK_TEST(test_wr_mbuf_tailroom_commit),
		  SCTPDK_TEST(test_wr_mbuf_tailroom_limit))
