/* SPDX-License-Identifier: BSD-3-Clause */
/* Bounded reader over flat buffers and mbuf chains. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static const uint8_t bytes8[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

static void
test_rd_integers_network_order(void)
{
	struct sctpdk_wire_src s = sctpdk_src_buf(bytes8, sizeof(bytes8));
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &s, 0, 8);
	CU_ASSERT_EQUAL(sctpdk_rd_u8(&rd), 0x01);
	CU_ASSERT_EQUAL(sctpdk_rd_u16(&rd), 0x0203);
	CU_ASSERT_EQUAL(sctpdk_rd_u32(&rd), 0x04050607u);
	CU_ASSERT_EQUAL(sctpdk_rd_left(&rd), 1);
	CU_ASSERT_EQUAL(rd.err, 0);
}

static void
test_rd_overrun_sticky(void)
{
	struct sctpdk_wire_src s = sctpdk_src_buf(bytes8, sizeof(bytes8));
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &s, 6, 2);
	CU_ASSERT_EQUAL(sctpdk_rd_u32(&rd), 0u); /* only 2 bytes left */
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(sctpdk_rd_left(&rd), 0);
	CU_ASSERT_EQUAL(sctpdk_rd_u8(&rd), 0);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
}

static void
test_rd_window_clipped(void)
{
	struct sctpdk_wire_src s = sctpdk_src_buf(bytes8, sizeof(bytes8));
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &s, 4, 100);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(sctpdk_rd_left(&rd), 4);
	sctpdk_rd_init(&rd, &s, 100, 1);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(sctpdk_rd_left(&rd), 0);
	/* window smaller than the source: reads stop at the window */
	sctpdk_rd_init(&rd, &s, 0, 3);
	CU_ASSERT_EQUAL(sctpdk_rd_u16(&rd), 0x0102);
	CU_ASSERT_EQUAL(sctpdk_rd_u16(&rd), 0);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
}

static void
test_rd_bytes_and_skip(void)
{
	struct sctpdk_wire_src s = sctpdk_src_buf(bytes8, sizeof(bytes8));
	struct sctpdk_rd rd;
	uint8_t out[4];
	sctpdk_rd_init(&rd, &s, 0, 8);
	sctpdk_rd_skip(&rd, 2);
	sctpdk_rd_bytes(&rd, out, 4);
	CU_ASSERT_EQUAL(memcmp(out, bytes8 + 2, 4), 0);
	CU_ASSERT_EQUAL(sctpdk_rd_pos(&rd), 6);
	sctpdk_rd_bytes(&rd, out, 4);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(out[0], 0); /* zero-filled */
	sctpdk_rd_init(&rd, &s, 0, 8);
	sctpdk_rd_skip(&rd, 9);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
}

static void
test_rd_mbuf_chain_straddle(void)
{
	uint32_t cuts[] = {3, 5};
	struct rte_mbuf *m = wire_test_chain(bytes8, sizeof(bytes8), cuts, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->nb_segs, 3);
	struct sctpdk_wire_src s = sctpdk_src_mbuf(m);
	CU_ASSERT_EQUAL(s.len, 8);
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &s, 1, 7);
	CU_ASSERT_EQUAL(sctpdk_rd_u32(&rd), 0x02030405u); /* spans segs 0,1 */
	CU_ASSERT_EQUAL(sctpdk_rd_u16(&rd), 0x0607);
	CU_ASSERT_EQUAL(sctpdk_rd_u8(&rd), 0x08);
	CU_ASSERT_EQUAL(rd.err, 0);
	sctpdk_rd_u8(&rd);
	CU_ASSERT_EQUAL(rd.err, SCTPDK_ERR_TRUNCATED);
	rte_pktmbuf_free(m);
}

static void
test_src_copy_and_ptr(void)
{
	uint32_t cuts[] = {4};
	struct rte_mbuf *m = wire_test_chain(bytes8, sizeof(bytes8), cuts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_wire_src s = sctpdk_src_mbuf(m);
	uint8_t out[8];
	CU_ASSERT_EQUAL(sctpdk_src_copy(&s, 2, 5, out), 0);
	CU_ASSERT_EQUAL(memcmp(out, bytes8 + 2, 5), 0);
	CU_ASSERT_EQUAL(sctpdk_src_copy(&s, 4, 5, out), SCTPDK_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(sctpdk_src_copy(&s, 0xffffffffu, 2, out), SCTPDK_ERR_TRUNCATED);
	const uint8_t *p = sctpdk_src_ptr(&s, 0, 2, out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p[1], 0x02);
	CU_ASSERT_PTR_NULL(sctpdk_src_ptr(&s, 7, 2, out));
	rte_pktmbuf_free(m);
}

SCTPDK_TEST_SUITE(wire_reader, wire_test_eal, NULL, SCTPDK_TEST(test_rd_integers_network_order),
		  SCTPDK_TEST(test_rd_overrun_sticky), SCTPDK_TEST(test_rd_window_clipped),
		  SCTPDK_TEST(test_rd_bytes_and_skip), SCTPDK_TEST(test_rd_mbuf_chain_straddle),
		  SCTPDK_TEST(test_src_copy_and_ptr))
