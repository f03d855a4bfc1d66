/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet builder and bounded chunk walk of the engine. */
#include <string.h>

#include <rte_mbuf.h>

#include "pkt.h"
#include "scen.h"
#include "sctpdk_test.h"

static int
suite_init(void)
{
	if (sctpdk_test_eal_init() != 0)
		return -1;
	return sc_pool() == NULL ? -1 : 0;
}

static void
test_builder_params_padded(void)
{
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 1480, 5000, 6000, 0x01020304), 0);
	uint8_t *v = pkt_chunk_add(&b, CT_INIT, 0, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	memset(v, 0xaa, 16);
	/* A 6-byte parameter, then an 8-byte one: the second starts on a
	 * 4-byte boundary (the bug this test was written for). */
	uint8_t *p = pkt_chunk_extend(&b, 6);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	wr16(p, PT_SUPPORTED_ADDR_TYPES);
	wr16(p + 2, 6);
	wr16(p + 4, PT_IPV4);
	p = pkt_chunk_extend(&b, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	wr16(p, PT_COOKIE_PRESERVATIVE);
	wr16(p + 2, 8);
	wr32(p + 4, 600);
	struct rte_mbuf *m = pkt_finish(&b);
	uint8_t flat[256];
	uint32_t len = sc_flat(m, flat, sizeof(flat));
	CU_ASSERT_EQUAL(len, 12 + 4 + 16 + 8 + 8);
	CU_ASSERT_EQUAL(rd16(flat + 12 + 2), 4 + 16 + 8 + 8); /* last param unpadded */
	CU_ASSERT_EQUAL(rd16(flat + 12 + 4 + 16), PT_SUPPORTED_ADDR_TYPES);
	CU_ASSERT_EQUAL(rd16(flat + 12 + 4 + 16 + 6), 0); /* zero padding */
	CU_ASSERT_EQUAL(rd16(flat + 12 + 4 + 24), PT_COOKIE_PRESERVATIVE);
	CU_ASSERT_EQUAL(rd32(flat + 12 + 4 + 28), 600);
	CU_ASSERT_EQUAL(rd32(flat + 4), 0x01020304);
	/* The walk sees one chunk of that length. */
	uint32_t off = SCTP_HDR_LEN;
	struct pkt_chunk c;
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), 1);
	CU_ASSERT_EQUAL(c.type, CT_INIT);
	CU_ASSERT_EQUAL(c.len, 36);
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), 0);
	rte_pktmbuf_free(m);
}

static void
test_builder_limit(void)
{
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 100, 1, 2, 3), 0);
	CU_ASSERT(pkt_fits(&b, 84));
	CU_ASSERT(!pkt_fits(&b, 85));
	CU_ASSERT_PTR_NULL(pkt_chunk_add(&b, CT_DATA, 3, 85));
	CU_ASSERT_PTR_NOT_NULL(pkt_chunk_add(&b, CT_DATA, 3, 81)); /* 81 -> 84 padded */
	CU_ASSERT_EQUAL(pkt_len(&b), 100);
	CU_ASSERT_PTR_NULL(pkt_chunk_add(&b, CT_COOKIE_ACK, 0, 0));
	CU_ASSERT_PTR_NULL(pkt_chunk_extend(&b, 4));
	pkt_abandon(&b);
}

static void
test_walk_bounds(void)
{
	uint8_t ch[64];
	uint32_t n = sc_chunk(ch, CT_DATA, 3, (const uint8_t *)"0123456789abcdefg", 17);
	n += sc_chunk(ch + n, CT_SACK, 0, (const uint8_t *)"000011112222", 12);
	struct rte_mbuf *m = sc_packet(1, 2, 3, ch, n);
	struct pkt_hdr h;
	CU_ASSERT_EQUAL(pkt_hdr_read(m, &h), 0);
	CU_ASSERT_EQUAL(h.src_port, 1);
	CU_ASSERT_EQUAL(h.vtag, 3);
	uint32_t off = SCTP_HDR_LEN;
	struct pkt_chunk c;
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), 1);
	CU_ASSERT_EQUAL(c.len, 21);
	CU_ASSERT_EQUAL(off, 12 + 24);
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), 1);
	CU_ASSERT_EQUAL(c.type, CT_SACK);
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), 0);
	uint8_t buf[8];
	CU_ASSERT_EQUAL(pkt_read(m, rte_pktmbuf_pkt_len(m) - 4, buf, 4), 0);
	CU_ASSERT_EQUAL(pkt_read(m, rte_pktmbuf_pkt_len(m) - 3, buf, 4), -1);
	/* A length past the end and one below 4 are malformed. */
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	wr16(p + 12 + 2, 200);
	off = SCTP_HDR_LEN;
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), -1);
	wr16(p + 12 + 2, 3);
	off = SCTP_HDR_LEN;
	CU_ASSERT_EQUAL(pkt_chunk_next(m, &off, &c), -1);
	rte_pktmbuf_trim(m, rte_pktmbuf_pkt_len(m) - 10);
	CU_ASSERT_EQUAL(pkt_hdr_read(m, &h), -1);
	rte_pktmbuf_free(m);
}

/* A packet is retargeted to another destination: its limit follows (never
 * above the mbuf's room), unless what it holds already exceeds it. */
static void
test_builder_dest(void)
{
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 1480, 5000, 6000, 1), 0);
	CU_ASSERT_EQUAL(b.dest, 0);
	CU_ASSERT_FALSE(b.dest_set);
	CU_ASSERT_EQUAL(pkt_set_dest(&b, 1, 1200), 0);
	CU_ASSERT_EQUAL(b.dest, 1);
	CU_ASSERT_EQUAL(b.limit, 1200);
	CU_ASSERT_PTR_NOT_NULL(pkt_chunk_add(&b, CT_SACK, 0, 1000));
	CU_ASSERT_EQUAL(pkt_set_dest(&b, 2, 1000), -1); /* holds 1016 bytes */
	CU_ASSERT_EQUAL(b.dest, 1);
	CU_ASSERT_EQUAL(b.limit, 1200);
	CU_ASSERT_EQUAL(pkt_set_dest(&b, 2, 1u << 20), 0);
	CU_ASSERT_EQUAL(b.limit, pkt_len(&b) + rte_pktmbuf_tailroom(b.m));
	pkt_abandon(&b);
}

SCTPDK_TEST_SUITE(sctp_pkt, suite_init, NULL, SCTPDK_TEST(test_builder_params_padded),
		  SCTPDK_TEST(test_builder_limit), SCTPDK_TEST(test_walk_bounds),
		  SCTPDK_TEST(test_builder_dest))
