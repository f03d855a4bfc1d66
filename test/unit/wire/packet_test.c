/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet builder (bundling, size limit, checksum fill/offload) and the
 * receive checksum front end. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static struct rte_mbuf *
new_mbuf(void)
{
	return rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
}

static void
test_build_example_data_byte_exact(void)
{
	/* example packet 2 of the test data, checksum E5 1F A7 DC */
	uint8_t want[64];
	int n = sctpdk_test_hex("138813890a0b0c0de51fa7dc0003001500000001000000000000000068656c6c6f"
				"000000",
				want, sizeof(want));
	CU_ASSERT_EQUAL_FATAL(n, 36);
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {5000, 5001, 0x0a0b0c0du, 0};
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(1)};
	CU_ASSERT_EQUAL(sctpdk_pkt_build_added(&b, sctpdk_data_encode(&b.w, &d, "hello", 5)), 0);
	CU_ASSERT_EQUAL(b.n_chunks, 1);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 36);
	CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_pkt_len(m), 36);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(m, uint8_t *), want, 36), 0);
	rte_pktmbuf_free(m);
}

static void
test_build_example_sack_and_abort_byte_exact(void)
{
	uint8_t want[64];
	int n = sctpdk_test_hex("13891388010203045911941d03000018000000010000ffff000100010002000300"
				"000001",
				want, sizeof(want));
	CU_ASSERT_EQUAL_FATAL(n, 36);
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {5001, 5000, 0x01020304u, 0};
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	struct sctpdk_gap g = {2, 3};
	sctpdk_tsn_t dup = sctpdk_tsn(1);
	sctpdk_pkt_build_added(&b, sctpdk_sack_encode(&b.w, sctpdk_tsn(1), 65535, &g, 1, &dup, 1));
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 36);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(m, uint8_t *), want, 36), 0);
	rte_pktmbuf_free(m);

	n = sctpdk_test_hex("13891388010203043ccdbd3706010004", want, sizeof(want));
	m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	sctpdk_pkt_build_added(&b, sctpdk_abort_encode(&b.w, 1, NULL, 0));
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 16);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(m, uint8_t *), want, 16), 0);
	rte_pktmbuf_free(m);
}

static void
test_build_bundle_up_to_limit(void)
{
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {1, 2, 3, 0};
	/* 12 + 3 * 28 = 96: the fourth 28-byte DATA chunk does not fit in 100 */
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 100, &h), 0);
	uint8_t payload[12];
	memset(payload, 0x5a, sizeof(payload));
	int added = 0;
	for (uint32_t k = 0; k < 10; k++) {
		struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(k)};
		int rc = sctpdk_pkt_build_added(&b, sctpdk_data_encode(&b.w, &d, payload, 12));
		if (rc == SCTPDK_ERR_NOSPACE)
			break;
		CU_ASSERT_EQUAL(rc, 0);
		added++;
	}
	CU_ASSERT_EQUAL(added, 3);
	CU_ASSERT_EQUAL(b.n_chunks, 3);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_room(&b), 4);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 96);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.n_chunks, 3);
	for (uint32_t k = 0; k < 3; k++) {
		CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
		struct sctpdk_data d;
		CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_OK);
		CU_ASSERT_EQUAL(d.tsn.v, k);
	}
	rte_pktmbuf_free(m);
}

static void
test_build_after_headroom_prefix(void)
{
	/* the builder appends after bytes already in the mbuf (e.g. an IP header) */
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	memset(rte_pktmbuf_append(m, 20), 0x45, 20);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {7, 8, 9, 0};
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1480, &h), 0);
	CU_ASSERT_EQUAL(b.sctp_off, 20);
	sctpdk_pkt_build_added(&b, sctpdk_cookie_ack_encode(&b.w));
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 16);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 36);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 20), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(sctpdk_sctp_cksum_ok(m, 20));
	rte_pktmbuf_free(m);
}

static void
test_build_offload_flag(void)
{
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {1, 2, 3, 0};
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	sctpdk_pkt_build_added(&b, sctpdk_shutdown_ack_encode(&b.w));
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, SCTPDK_PKT_CKSUM_OFFLOAD), 16);
	CU_ASSERT_TRUE((m->ol_flags & RTE_MBUF_F_TX_SCTP_CKSUM) == RTE_MBUF_F_TX_SCTP_CKSUM);
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	CU_ASSERT_EQUAL(p[8] | p[9] | p[10] | p[11], 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_R_BAD_CKSUM);
	rte_pktmbuf_free(m);
}

static void
test_build_errors(void)
{
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {1, 2, 3, 0};
	CU_ASSERT_EQUAL(sctpdk_pkt_build_begin(&b, NULL, 1500, &h), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_begin(&b, m, 15, &h), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), SCTPDK_ERR_INVAL); /* no chunk */
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 0);
	/* tailroom smaller than a header */
	rte_pktmbuf_append(m, (uint16_t)(rte_pktmbuf_tailroom(m) - 8));
	CU_ASSERT_EQUAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), SCTPDK_ERR_NOSPACE);
	rte_pktmbuf_free(m);
}

static void
test_build_add_copies_view(void)
{
	static const uint8_t hb[] = {4, 0, 0, 9, 0, 1, 0, 5, 'z'};
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(hb, sizeof(hb), &c), SCTPDK_WIRE_OK);
	struct rte_mbuf *m = new_mbuf();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {1, 2, 3, 0};
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_add(&b, &c), 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_add(&b, &c), 0);
	CU_ASSERT_EQUAL(b.n_chunks, 2);
	CU_ASSERT_EQUAL(sctpdk_pkt_build_finish(&b, 0), 12 + 12 + 12);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.n_chunks, 2);
	rte_pktmbuf_free(m);
}

static void
test_cksum_check_examples_and_negative(void)
{
	static const char *good[] = {
		"1388138900000000ffdcf2130100001c010203040000ffff000a000a00000001000c000600050000",
		"13891388010203043ccdbd3706010004",
	};
	uint8_t b[64];
	for (int k = 0; k < 2; k++) {
		int n = sctpdk_test_hex(good[k], b, sizeof(b));
		struct rte_mbuf *m = wire_test_mbuf(b, (uint32_t)n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
		rte_pktmbuf_free(m);
	}
	int n = sctpdk_test_hex("1389138801020304deadbeef06010004", b, sizeof(b));
	uint32_t cuts[] = {9};
	struct rte_mbuf *m = wire_test_chain(b, (uint32_t)n, cuts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_R_BAD_CKSUM);
	/* the NIC's verdict wins */
	m->ol_flags |= RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
	m->ol_flags &= ~RTE_MBUF_F_RX_L4_CKSUM_MASK;
	m->ol_flags |= RTE_MBUF_F_RX_L4_CKSUM_BAD;
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_R_BAD_CKSUM);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 8), SCTPDK_WIRE_R_PKT_SHORT);
	rte_pktmbuf_free(m);
}

static void
test_build_roundtrip_every_chunk_type(void)
{
	/* one packet per chunk type built by the encoders, then iterated and
	 * decoded; this also is how the fuzz corpus is produced */
	struct rte_mbuf *m;
	struct sctpdk_pkt_builder b;
	struct sctpdk_common_hdr h = {10, 20, 30, 0};
	for (uint8_t t = 0; t <= SCTPDK_CHUNK_TYPE_MAX_KNOWN; t++) {
		m = new_mbuf();
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_build_begin(&b, m, 1500, &h), 0);
		struct sctpdk_wr *w = &b.w;
		struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(5)};
		struct sctpdk_init in = {.init_tag = 9, .n_out_streams = 1, .n_in_streams = 1};
		in.cookie = "cookie";
		in.cookie_len = 6;
		uint32_t mark;
		int rc;
		switch (t) {
		case SCTPDK_CHUNK_DATA:
			rc = sctpdk_data_encode(w, &d, "p", 1);
			break;
		case SCTPDK_CHUNK_INIT:
		case SCTPDK_CHUNK_INIT_ACK:
			rc = sctpdk_init_encode(w, t, &in);
			break;
		case SCTPDK_CHUNK_SACK:
			rc = sctpdk_sack_encode(w, sctpdk_tsn(5), 10, NULL, 0, NULL, 0);
			break;
		case SCTPDK_CHUNK_HEARTBEAT:
		case SCTPDK_CHUNK_HEARTBEAT_ACK:
			rc = sctpdk_heartbeat_encode(w, t, "hb", 2);
			break;
		case SCTPDK_CHUNK_ABORT:
		case SCTPDK_CHUNK_ERROR:
			mark = sctpdk_chunk_begin(w, t, 0);
			sctpdk_cause_protocol_violation_encode(w, "x", 1);
			rc = sctpdk_chunk_end(w, mark);
			break;
		case SCTPDK_CHUNK_SHUTDOWN:
			rc = sctpdk_shutdown_encode(w, sctpdk_tsn(4));
			break;
		case SCTPDK_CHUNK_COOKIE_ECHO:
			rc = sctpdk_cookie_echo_encode(w, "cookie", 6);
			break;
		case SCTPDK_CHUNK_ECNE:
		case SCTPDK_CHUNK_CWR:
			rc = sctpdk_ecn_encode(w, t, sctpdk_tsn(4));
			break;
		default:
			rc = sctpdk_chunk_encode_empty(w, t, 0);
			break;
		}
		CU_ASSERT_EQUAL(sctpdk_pkt_build_added(&b, rc), 0);
		CU_ASSERT(sctpdk_pkt_build_finish(&b, 0) > 12);
		CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
		struct sctpdk_pkt_iter it;
		struct sctpdk_chunk c;
		CU_ASSERT_EQUAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
		CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
		CU_ASSERT_EQUAL(c.type, t);
		char s[160];
		sctpdk_chunk_format(&c, s, sizeof(s));
		CU_ASSERT_PTR_NULL(strstr(s, "malformed"));
		rte_pktmbuf_free(m);
	}
}

SCTPDK_TEST_SUITE(wire_packet, wire_test_eal, NULL,
		  SCTPDK_TEST(test_build_example_data_byte_exact),
		  SCTPDK_TEST(test_build_example_sack_and_abort_byte_exact),
		  SCTPDK_TEST(test_build_bundle_up_to_limit),
		  SCTPDK_TEST(test_build_after_headroom_prefix), SCTPDK_TEST(test_build_offload_flag),
		  SCTPDK_TEST(test_build_errors), SCTPDK_TEST(test_build_add_copies_view),
		  SCTPDK_TEST(test_cksum_check_examples_and_negative),
		  SCTPDK_TEST(test_build_roundtrip_every_chunk_type))
