/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet builder and bounded chunk walk of the engine. */
#include <stdbool.h>
#include <string.h>

#include <sctpdk_crc32c.h>

#include <rte_mbuf.h>

#include "pkt.h"
#include "sctpdk_wire.h" /* lib/wire: the writer */
#include "scen.h"
#include "sctpdk_test.h"

/* A chunk of vlen value bytes, each fill (zero padding), written the way
 * the encoders write theirs (pkt_wr_chunk / pkt_wr_commit). Returns 0, or
 * -1 with the packet unchanged. */
static int
raw_chunk(struct pkt_builder *b, uint8_t type, uint8_t flags, uint32_t vlen, uint8_t fill)
{
	uint32_t padded = (vlen + 3u) & ~3u;
	struct sctpdk_wr w;
	if (pkt_wr_chunk(b, &w, CHUNK_HDR_LEN + padded) != 0)
		return -1;
	sctpdk_wr_u8(&w, type);
	sctpdk_wr_u8(&w, flags);
	sctpdk_wr_u16(&w, (uint16_t)(CHUNK_HDR_LEN + vlen));
	uint8_t *v = sctpdk_wr_data(&w) + sctpdk_wr_mark(&w);
	sctpdk_wr_zero(&w, padded);
	if (pkt_wr_commit(b, &w, 1) != 0)
		return -1;
	memset(v, fill, vlen);
	return 0;
}

static void
test_builder_limit(void)
{
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 100, 1, 2, 3), 0);
	CU_ASSERT(pkt_fits(&b, 84));
	CU_ASSERT(!pkt_fits(&b, 85));
	CU_ASSERT_EQUAL(raw_chunk(&b, CT_DATA, 3, 85, 0), -1);
	CU_ASSERT_EQUAL(raw_chunk(&b, CT_DATA, 3, 81, 0), 0); /* 81 -> 84 padded */
	CU_ASSERT_EQUAL(pkt_len(&b), 100);
	CU_ASSERT_EQUAL(raw_chunk(&b, CT_COOKIE_ACK, 0, 0, 0), -1);
	CU_ASSERT_EQUAL(b.n_chunks, 1);
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
	CU_ASSERT_EQUAL(raw_chunk(&b, CT_SACK, 0, 1000, 0), 0);
	CU_ASSERT_EQUAL(pkt_set_dest(&b, 2, 1000), -1); /* holds 1016 bytes */
	CU_ASSERT_EQUAL(b.dest, 1);
	CU_ASSERT_EQUAL(b.limit, 1200);
	CU_ASSERT_EQUAL(pkt_set_dest(&b, 2, 1u << 20), 0);
	CU_ASSERT_EQUAL(b.limit, pkt_len(&b) + rte_pktmbuf_tailroom(b.m));
	pkt_abandon(&b);
}

/* A message of two segments (700 + 600 bytes), byte i = i * 3 + seed. */
static struct rte_mbuf *
two_seg_msg(uint8_t seed)
{
	struct rte_mbuf *a = rte_pktmbuf_alloc(sc_pool());
	struct rte_mbuf *b = rte_pktmbuf_alloc(sc_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	uint8_t *pa = (uint8_t *)rte_pktmbuf_append(a, 700);
	uint8_t *pb = (uint8_t *)rte_pktmbuf_append(b, 600);
	for (uint32_t i = 0; i < 700; i++)
		pa[i] = (uint8_t)(i * 3 + seed);
	for (uint32_t i = 0; i < 600; i++)
		pb[i] = (uint8_t)((700 + i) * 3 + seed);
	CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(a, b), 0);
	return a;
}

static bool
bytes_are(const uint8_t *p, uint32_t from, uint32_t len, uint8_t seed)
{
	for (uint32_t i = 0; i < len; i++)
		if (p[i] != (uint8_t)((from + i) * 3 + seed))
			return false;
	return true;
}

/* Payload by reference: a control chunk, a DATA chunk whose unaligned
 * payload crosses the message's two segments, then another chunk. The
 * packet is a chain whose bytes equal the copied layout; the message is
 * untouched and holds extra references only while the packet lives. */
static void
test_payload_by_reference(void)
{
	unsigned in_use = rte_mempool_in_use_count(sc_pool());
	struct rte_mbuf *msg = two_seg_msg(5);
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 1480, 7, 8, 0x0a0b0c0d), 0);
	b.ref_min = 64;
	CU_ASSERT_EQUAL_FATAL(raw_chunk(&b, CT_SACK, 0, 12, 0x11), 0);
	/* bytes 649..1299 of the message: 651 bytes (3 after the aligned
	 * 648), 51 in the first segment, 600 in the second */
	uint8_t *v = pkt_chunk_add_payload(&b, CT_DATA, 3, 12, msg, 649, 651);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	memset(v, 0x22, 12);
	CU_ASSERT_EQUAL(b.n_refs, 1);
	CU_ASSERT_EQUAL(b.n_copies, 0);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg), 2);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg->next), 2);
	/* A short payload is copied into the segment after the reference. */
	v = pkt_chunk_add_payload(&b, CT_DATA, 3, 12, msg, 0, 10);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	memset(v, 0x33, 12);
	CU_ASSERT_EQUAL(b.n_copies, 1);
	uint32_t want = 12 + 16 + (16 + 652) + (16 + 12);
	CU_ASSERT_EQUAL(pkt_len(&b), want);
	struct rte_mbuf *m = pkt_finish(&b);
	CU_ASSERT(m->nb_segs >= 3);
	uint32_t segs = 0, sum = 0;
	for (struct rte_mbuf *s = m; s != NULL; s = s->next, segs++)
		sum += s->data_len;
	CU_ASSERT_EQUAL(segs, m->nb_segs);
	CU_ASSERT_EQUAL(sum, want);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), want);

	uint8_t flat[2048];
	CU_ASSERT_EQUAL(sc_flat(m, flat, sizeof(flat)), want);
	struct sc_pkt pk;
	CU_ASSERT_EQUAL_FATAL(sc_parse(flat, want, &pk), 0);
	CU_ASSERT_EQUAL(pk.n, 3);
	CU_ASSERT_EQUAL(pk.type[0], CT_SACK);
	CU_ASSERT_EQUAL(pk.type[1], CT_DATA);
	CU_ASSERT_EQUAL(pk.len[1], 16 + 651);
	CU_ASSERT_EQUAL(pk.val[1][0], 0x22);
	CU_ASSERT(bytes_are(pk.val[1] + 12, 649, 651, 5));
	CU_ASSERT_EQUAL(pk.val[1][12 + 651], 0); /* zero padding */
	CU_ASSERT_EQUAL(pk.len[2], 16 + 10);
	CU_ASSERT(bytes_are(pk.val[2] + 12, 0, 10, 5));
	/* The walk agrees, and the CRC over the chain is the flat one. */
	uint32_t off = SCTP_HDR_LEN;
	struct pkt_chunk c;
	unsigned n = 0;
	while (pkt_chunk_next(m, &off, &c) == 1)
		n++;
	CU_ASSERT_EQUAL(n, 3);
	sctpdk_sctp_cksum_set(m, 0);
	CU_ASSERT_EQUAL(sc_flat(m, flat, sizeof(flat)), want);
	CU_ASSERT(sctpdk_sctp_cksum_ok_buf(flat, want));
	CU_ASSERT(sctpdk_sctp_cksum_ok(m, 0));

	rte_pktmbuf_free(m);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg), 1);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg->next), 1);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(msg), 1300);
	CU_ASSERT_EQUAL(msg->data_len, 700);
	CU_ASSERT(bytes_are(rte_pktmbuf_mtod(msg, uint8_t *), 0, 700, 5));
	rte_pktmbuf_free(msg);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), in_use);
}

/* Copy mode (ref_min above the payload): one contiguous mbuf; a chunk
 * that does not fit leaves the packet as it was. */
static void
test_payload_copied_and_limit(void)
{
	unsigned in_use = rte_mempool_in_use_count(sc_pool());
	struct rte_mbuf *msg = two_seg_msg(9);
	struct pkt_builder b;
	CU_ASSERT_EQUAL_FATAL(pkt_begin(&b, sc_pool(), 200, 7, 8, 1), 0);
	CU_ASSERT_EQUAL(b.ref_min, UINT32_MAX); /* copies unless told */
	uint8_t *v = pkt_chunk_add_payload(&b, CT_DATA, 3, 12, msg, 690, 21);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	memset(v, 0, 12);
	CU_ASSERT_EQUAL(b.m->nb_segs, 1);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg), 1);
	uint32_t len = pkt_len(&b);
	CU_ASSERT_EQUAL(len, 12 + 16 + 24);
	/* Too long for the room left; outside the message: refused. */
	b.ref_min = 0;
	CU_ASSERT_PTR_NULL(pkt_chunk_add_payload(&b, CT_DATA, 3, 12, msg, 0, 1300));
	CU_ASSERT_PTR_NULL(pkt_chunk_add_payload(&b, CT_DATA, 3, 12, msg, 1290, 20));
	CU_ASSERT_EQUAL(pkt_len(&b), len);
	CU_ASSERT_EQUAL(b.n_chunks, 1);
	CU_ASSERT_EQUAL(rte_mbuf_refcnt_read(msg), 1);
	struct rte_mbuf *m = pkt_finish(&b);
	uint8_t flat[128];
	CU_ASSERT_EQUAL(sc_flat(m, flat, sizeof(flat)), len);
	CU_ASSERT(bytes_are(flat + 12 + 16, 690, 21, 9));
	CU_ASSERT_EQUAL(flat[12 + 16 + 21], 0);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(msg);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), in_use);
}

SCTPDK_TEST_SUITE(sctp_pkt, sc_suite_init, NULL, SCTPDK_TEST(test_builder_limit), SCTPDK_TEST(test_walk_bounds),
		  SCTPDK_TEST(test_payload_by_reference), SCTPDK_TEST(test_payload_copied_and_limit),
		  SCTPDK_TEST(test_builder_dest))
