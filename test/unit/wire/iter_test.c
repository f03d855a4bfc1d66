/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet iterator: the example packets, every structure rule, unknown chunk
 * types and chunks straddling mbuf segments. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

/* Example packets of /work/shared/testdata/crc32c-and-packets.md (SCTP part). */
static const char pkt_init_hex[] = "1388138900000000ffdcf2130100001c010203040000ffff000a000a0000"
				   "0001000c000600050000";
static const char pkt_data_hex[] = "138813890a0b0c0de51fa7dc0003001500000001000000000000000068"
				   "656c6c6f000000";
static const char pkt_sack_hex[] = "13891388010203045911941d03000018000000010000ffff00010001000"
				   "2000300000001";
static const char pkt_abort_hex[] = "13891388010203043ccdbd3706010004";
static const char ip_data_hex[] = "4500003800004000408426400a0000010a000002138813890a0b0c0de51fa7"
				  "dc0003001500000001000000000000000068656c6c6f000000";

static int
hex(const char *h, uint8_t *b, size_t cap)
{
	return sctpdk_test_hex(h, b, cap);
}

/* Common header (ports 1/2, vtag 7) followed by the given chunk bytes. */
static uint32_t
mkpkt(uint8_t *b, const uint8_t *chunks, uint32_t n)
{
	static const uint8_t hdr[12] = {0, 1, 0, 2, 0, 0, 0, 7, 0, 0, 0, 0};
	memcpy(b, hdr, 12);
	memcpy(b + 12, chunks, n);
	return 12 + n;
}

static enum sctpdk_wire_reason
init_chunks(struct sctpdk_pkt_iter *it, uint8_t *b, const uint8_t *chunks, uint32_t n)
{
	return sctpdk_pkt_iter_init_buf(it, b, mkpkt(b, chunks, n));
}

static void
test_example_init(void)
{
	uint8_t b[64];
	int n = hex(pkt_init_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 40);
	struct rte_mbuf *m = wire_test_mbuf(b, (uint32_t)n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.hdr.src_port, 5000);
	CU_ASSERT_EQUAL(it.hdr.dst_port, 5001);
	CU_ASSERT_EQUAL(it.hdr.vtag, 0);
	CU_ASSERT_EQUAL(it.hdr.cksum, 0x13F2DCFFu);
	CU_ASSERT_EQUAL(it.n_chunks, 1);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(c.type, SCTPDK_CHUNK_INIT);
	CU_ASSERT_EQUAL(c.flags, 0);
	CU_ASSERT_EQUAL(c.len, 28);
	CU_ASSERT_EQUAL(c.off, 12);
	struct sctpdk_init i;
	CU_ASSERT_EQUAL_FATAL(sctpdk_init_decode(&c, &i), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(i.init_tag, 0x01020304u);
	CU_ASSERT_EQUAL(i.a_rwnd, 65535);
	CU_ASSERT_EQUAL(i.n_out_streams, 10);
	CU_ASSERT_EQUAL(i.n_in_streams, 10);
	CU_ASSERT_EQUAL(i.init_tsn.v, 1);
	CU_ASSERT_TRUE(i.has_supported_addr_types);
	CU_ASSERT_EQUAL(i.supported_addr_types, SCTPDK_ADDRTYPE_IPV4);
	CU_ASSERT_EQUAL(i.n_addrs, 0);
	CU_ASSERT_EQUAL(i.n_unrec, 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
	rte_pktmbuf_free(m);
}

static void
test_example_data(void)
{
	uint8_t b[64];
	int n = hex(pkt_data_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 36);
	struct rte_mbuf *m = wire_test_mbuf(b, (uint32_t)n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.hdr.src_port, 5000);
	CU_ASSERT_EQUAL(it.hdr.dst_port, 5001);
	CU_ASSERT_EQUAL(it.hdr.vtag, 0x0A0B0C0Du);
	CU_ASSERT_EQUAL(it.hdr.cksum, 0xDCA71FE5u);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(c.len, 21);
	struct sctpdk_data d;
	CU_ASSERT_EQUAL_FATAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(d.flags, SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_E);
	CU_ASSERT_EQUAL(d.tsn.v, 1);
	CU_ASSERT_EQUAL(d.sid, 0);
	CU_ASSERT_EQUAL(d.ssn.v, 0);
	CU_ASSERT_EQUAL(d.ppid, 0);
	CU_ASSERT_EQUAL(d.payload_off, 28);
	CU_ASSERT_EQUAL(d.payload_len, 5);
	char p[5];
	CU_ASSERT_EQUAL(sctpdk_src_copy(&c.src, d.payload_off, d.payload_len, p), 0);
	CU_ASSERT_EQUAL(memcmp(p, "hello", 5), 0);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 0), SCTPDK_WIRE_OK);
	rte_pktmbuf_free(m);
}

static void
test_example_sack(void)
{
	uint8_t b[64];
	int n = hex(pkt_sack_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 36);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init_buf(&it, b, (uint32_t)n), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.hdr.src_port, 5001);
	CU_ASSERT_EQUAL(it.hdr.dst_port, 5000);
	CU_ASSERT_EQUAL(it.hdr.vtag, 0x01020304u);
	CU_ASSERT_EQUAL(it.hdr.cksum, 0x1D941159u);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	struct sctpdk_sack s;
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(s.cum_tsn.v, 1);
	CU_ASSERT_EQUAL(s.a_rwnd, 65535);
	CU_ASSERT_EQUAL(s.n_gaps, 1);
	CU_ASSERT_EQUAL(s.gaps[0].start, 2);
	CU_ASSERT_EQUAL(s.gaps[0].end, 3);
	CU_ASSERT_EQUAL(s.n_dups, 1);
	CU_ASSERT_EQUAL(s.dups[0].v, 1);
	char f[96];
	sctpdk_chunk_format(&c, f, sizeof(f));
	CU_ASSERT_STRING_EQUAL(f, "SACK cum=1 a_rwnd=65535 gaps=1 [2-3] dups=1 [1]");
}

static void
test_example_abort(void)
{
	uint8_t b[32];
	int n = hex(pkt_abort_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 16);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init_buf(&it, b, (uint32_t)n), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.hdr.vtag, 0x01020304u);
	CU_ASSERT_EQUAL(it.hdr.cksum, 0x37BDCD3Cu);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	struct sctpdk_abort a;
	CU_ASSERT_EQUAL_FATAL(sctpdk_abort_decode(&c, &a), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(a.t_bit);
	CU_ASSERT_EQUAL(a.n_causes, 0);
	CU_ASSERT_EQUAL(c.len, 4);
}

static void
test_example_behind_ip_header(void)
{
	uint8_t b[64];
	int n = hex(ip_data_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 56);
	struct rte_mbuf *m = wire_test_mbuf(b, (uint32_t)n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init(&it, m, 20), SCTPDK_WIRE_OK);
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(c.off, 32);
	struct sctpdk_data d;
	CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(d.payload_off, 48); /* absolute in the mbuf */
	CU_ASSERT_EQUAL(*rte_pktmbuf_mtod_offset(m, char *, d.payload_off), 'h');
	CU_ASSERT_EQUAL(sctpdk_pkt_cksum_check(m, 20), SCTPDK_WIRE_OK);
	rte_pktmbuf_free(m);
}

static void
test_straddle_every_cut(void)
{
	/* DATA + SACK bundle, cut into 2 and 3 segments at every position */
	uint8_t chunks[64], b[80];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, chunks, sizeof(chunks));
	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(0x11223344u), .sid = 5};
	CU_ASSERT_EQUAL_FATAL(sctpdk_data_encode(&w, &d, "abcdefg", 7), 0);
	struct sctpdk_gap g = {1, 4};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sack_encode(&w, sctpdk_tsn(99), 1000, &g, 1, NULL, 0), 0);
	uint32_t len = mkpkt(b, chunks, w.len);
	int checked = 0;
	for (uint32_t x = 1; x < len; x++) {
		for (uint32_t y = x; y < len; y += 5) {
			uint32_t cuts[2] = {x, y};
			struct rte_mbuf *m = wire_test_chain(b, len, cuts, y == x ? 1 : 2);
			CU_ASSERT_PTR_NOT_NULL_FATAL(m);
			struct sctpdk_pkt_iter it;
			struct sctpdk_chunk c;
			CU_ASSERT_EQUAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
			CU_ASSERT_EQUAL(it.hdr.vtag, 7);
			CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
			struct sctpdk_data o;
			CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &o), SCTPDK_WIRE_OK);
			CU_ASSERT_EQUAL(o.tsn.v, 0x11223344u);
			CU_ASSERT_EQUAL(o.sid, 5);
			char p[7];
			CU_ASSERT_EQUAL(sctpdk_src_copy(&c.src, o.payload_off, 7, p), 0);
			CU_ASSERT_EQUAL(memcmp(p, "abcdefg", 7), 0);
			CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
			struct sctpdk_sack s;
			CU_ASSERT_EQUAL(sctpdk_sack_decode(&c, &s), SCTPDK_WIRE_OK);
			CU_ASSERT_EQUAL(s.cum_tsn.v, 99);
			CU_ASSERT_EQUAL(s.gaps[0].end, 4);
			CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
			rte_pktmbuf_free(m);
			checked++;
		}
	}
	CU_ASSERT(checked > 100);
}

static void
test_rule_packet_too_short(void)
{
	uint8_t b[16] = {0};
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_init_buf(&it, b, 11), SCTPDK_WIRE_R_PKT_SHORT);
	CU_ASSERT_EQUAL(it.reason, SCTPDK_WIRE_R_PKT_SHORT);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_init_buf(&it, b, 12), SCTPDK_WIRE_R_NO_CHUNKS);
	/* offset beyond the mbuf */
	struct rte_mbuf *m = wire_test_mbuf(b, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_init(&it, m, 8), SCTPDK_WIRE_R_PKT_SHORT);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_init(&it, m, 100), SCTPDK_WIRE_R_PKT_SHORT);
	rte_pktmbuf_free(m);
}

static void
test_rule_chunk_len_below_4(void)
{
	static const uint8_t ch[] = {SCTPDK_CHUNK_COOKIE_ACK, 0, 0, 3};
	uint8_t b[32];
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_R_LEN_SHORT);
	static const uint8_t z[] = {SCTPDK_CHUNK_COOKIE_ACK, 0, 0, 0};
	CU_ASSERT_EQUAL(init_chunks(&it, b, z, sizeof(z)), SCTPDK_WIRE_R_LEN_SHORT);
}

static void
test_rule_chunk_past_end(void)
{
	static const uint8_t ch[] = {SCTPDK_CHUNK_ABORT, 0, 0, 12, 0, 1, 0, 4};
	uint8_t b[32];
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_R_PAST_END);
	/* a second chunk running past the end, after a good first one */
	static const uint8_t two[] = {11, 0, 0, 4, 9, 0, 0, 0xff, 0, 0, 0, 0};
	CU_ASSERT_EQUAL(init_chunks(&it, b, two, sizeof(two)), SCTPDK_WIRE_R_PAST_END);
}

static void
test_rule_truncated_chunk_header(void)
{
	static const uint8_t ch[] = {11, 0, 0, 4, 11, 0};
	uint8_t b[32];
	struct sctpdk_pkt_iter it;
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_R_HDR_TRUNC);
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, 3), SCTPDK_WIRE_R_HDR_TRUNC);
}

static void
test_rule_padding(void)
{
	uint8_t b[64];
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	/* DATA of 17 bytes as the last chunk with no padding: accepted */
	static const uint8_t last[] = {0, 3, 0, 17, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x'};
	CU_ASSERT_EQUAL(init_chunks(&it, b, last, sizeof(last)), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
	/* partial padding (2 of 3 bytes) at the end: rejected */
	static const uint8_t part[] = {0, 3, 0, 17, 0, 0, 0, 1, 0, 0, 0, 0,
				       0, 0, 0, 0, 'x', 0, 0};
	CU_ASSERT_EQUAL(init_chunks(&it, b, part, sizeof(part)), SCTPDK_WIRE_R_PAD_PARTIAL);
	/* the same DATA followed by a chunk without the padding in between:
	 * the next header is read at the padded offset and is misaligned */
	static const uint8_t nopad[] = {0, 3, 0, 17, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x',
					11, 0, 0, 4};
	CU_ASSERT_NOT_EQUAL(init_chunks(&it, b, nopad, sizeof(nopad)), SCTPDK_WIRE_OK);
	/* padded properly and followed by COOKIE ACK: two chunks */
	static const uint8_t good[] = {0, 3, 0, 17, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x',
				       0, 0, 0, 11, 0, 0, 4};
	CU_ASSERT_EQUAL(init_chunks(&it, b, good, sizeof(good)), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.n_chunks, 2);
	/* non-zero padding bytes are ignored (RFC 9260 3.2) */
	uint8_t nz[sizeof(good)];
	memcpy(nz, good, sizeof(good));
	nz[17] = 0xaa;
	CU_ASSERT_EQUAL(init_chunks(&it, b, nz, sizeof(nz)), SCTPDK_WIRE_OK);
}

static void
test_rule_min_and_fixed_lengths(void)
{
	uint8_t b[64];
	struct sctpdk_pkt_iter it;
	static const uint8_t sack12[] = {3, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1};
	CU_ASSERT_EQUAL(init_chunks(&it, b, sack12, sizeof(sack12)),
			SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	static const uint8_t data12[] = {0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1};
	CU_ASSERT_EQUAL(init_chunks(&it, b, data12, sizeof(data12)),
			SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	static const uint8_t init16[] = {1, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1};
	CU_ASSERT_EQUAL(init_chunks(&it, b, init16, sizeof(init16)),
			SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	static const uint8_t shut12[] = {7, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1};
	CU_ASSERT_EQUAL(init_chunks(&it, b, shut12, sizeof(shut12)), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
	static const uint8_t cack8[] = {11, 0, 0, 8, 0, 0, 0, 1};
	CU_ASSERT_EQUAL(init_chunks(&it, b, cack8, sizeof(cack8)), SCTPDK_WIRE_R_CHUNK_BAD_LEN);
	static const uint8_t hb4[] = {4, 0, 0, 4};
	CU_ASSERT_EQUAL(init_chunks(&it, b, hb4, sizeof(hb4)), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
}

static void
test_rule_init_not_bundled(void)
{
	uint8_t init[64], ch[96], b[128];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, init, sizeof(init));
	struct sctpdk_init i;
	memset(&i, 0, sizeof(i));
	i.init_tag = 1;
	i.n_out_streams = i.n_in_streams = 1;
	CU_ASSERT_EQUAL_FATAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT, &i), 0);
	uint32_t il = w.len;
	static const uint8_t cack[] = {11, 0, 0, 4};
	struct sctpdk_pkt_iter it;
	/* INIT then COOKIE ACK */
	memcpy(ch, init, il);
	memcpy(ch + il, cack, 4);
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, il + 4), SCTPDK_WIRE_R_BUNDLED);
	/* COOKIE ACK then INIT */
	memcpy(ch, cack, 4);
	memcpy(ch + 4, init, il);
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, il + 4), SCTPDK_WIRE_R_BUNDLED);
	/* INIT ACK with anything */
	init[0] = SCTPDK_CHUNK_INIT_ACK;
	memcpy(ch, init, il);
	memcpy(ch + il, cack, 4);
	CU_ASSERT_EQUAL(init_chunks(&it, b, ch, il + 4), SCTPDK_WIRE_R_BUNDLED);
	/* INIT alone is fine */
	CU_ASSERT_EQUAL(init_chunks(&it, b, init, il), SCTPDK_WIRE_OK);
	/* SHUTDOWN COMPLETE with an ABORT */
	static const uint8_t sc[] = {14, 0, 0, 4, 6, 0, 0, 4};
	CU_ASSERT_EQUAL(init_chunks(&it, b, sc, sizeof(sc)), SCTPDK_WIRE_R_BUNDLED);
	CU_ASSERT_EQUAL(init_chunks(&it, b, sc, 4), SCTPDK_WIRE_OK);
	/* the whole packet is rejected before anything is handed out */
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL(init_chunks(&it, b, sc, sizeof(sc)), SCTPDK_WIRE_R_BUNDLED);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
}

/* COOKIE ACK, unknown chunk of the given type, SHUTDOWN ACK. */
static void
check_unknown(uint8_t type, enum sctpdk_chunk_action want, int continues)
{
	uint8_t ch[] = {11, 0, 0, 4, type, 0x5a, 0, 6, 1, 2, 0, 0, 8, 0, 0, 4};
	uint8_t b[64];
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(it.n_chunks, 3);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), want);
	CU_ASSERT_EQUAL(c.type, type);
	CU_ASSERT_EQUAL(c.flags, 0x5a);
	CU_ASSERT_EQUAL(c.len, 6);
	CU_ASSERT_EQUAL(c.off, 16);
	if (continues) {
		CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
		CU_ASSERT_EQUAL(c.type, SCTPDK_CHUNK_SHUTDOWN_ACK);
	}
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
}

static void
test_unknown_chunk_00_stop(void)
{
	check_unknown(0x0F, SCTPDK_CHUNK_STOP, 0);
	check_unknown(0x3F, SCTPDK_CHUNK_STOP, 0);
}

static void
test_unknown_chunk_01_stop_report(void)
{
	check_unknown(0x40, SCTPDK_CHUNK_STOP_REPORT, 0);
	check_unknown(0x7F, SCTPDK_CHUNK_STOP_REPORT, 0);
}

static void
test_unknown_chunk_10_skip(void)
{
	check_unknown(0x80, SCTPDK_CHUNK_SKIP, 1);
	check_unknown(0xBF, SCTPDK_CHUNK_SKIP, 1);
}

static void
test_unknown_chunk_11_skip_report(void)
{
	check_unknown(0xC0, SCTPDK_CHUNK_SKIP_REPORT, 1);
	check_unknown(0xFF, SCTPDK_CHUNK_SKIP_REPORT, 1);
}

static void
test_unknown_report_builds_error(void)
{
	/* the caller turns a *_REPORT action into an ERROR with the chunk */
	uint8_t ch[] = {0xC1, 0x00, 0x00, 0x05, 0x99, 0, 0, 0};
	uint8_t b[64], out[32];
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_SKIP_REPORT);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, out, sizeof(out));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	CU_ASSERT_EQUAL(sctpdk_cause_unrecognized_chunk_encode(&w, &c), 0);
	CU_ASSERT_EQUAL(sctpdk_chunk_end(&w, mark), 0);
	CU_ASSERT_EQUAL(out[3], 13); /* 4 + 4 + 5 */
	CU_ASSERT_EQUAL(out[8], 0xC1);
	CU_ASSERT_EQUAL(out[12], 0x99);
}

static void
test_data_no_user_data_action(void)
{
	static const uint8_t ch[] = {11, 0, 0, 4, 0, 3, 0, 16, 0, 0, 0, 42, 0, 0, 0, 0,
				     0, 0, 0, 0, 8, 0, 0, 4};
	uint8_t b[64];
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(init_chunks(&it, b, ch, sizeof(ch)), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_NO_USER_DATA);
	CU_ASSERT_EQUAL(it.reason, SCTPDK_WIRE_R_NO_USER_DATA);
	struct sctpdk_data d;
	CU_ASSERT_EQUAL(sctpdk_data_decode(&c, &d), SCTPDK_WIRE_R_NO_USER_DATA);
	CU_ASSERT_EQUAL(d.tsn.v, 42);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
}

static void
test_iter_chunk_header_straddles_segments(void)
{
	/* three COOKIE ACK-sized chunks with segment cuts inside each header */
	static const uint8_t ch[] = {11, 0, 0, 4, 8, 0, 0, 4, 0xC5, 0x21, 0, 4};
	uint8_t b[64];
	uint32_t len = mkpkt(b, ch, sizeof(ch));
	uint32_t cuts[2] = {14, 21};
	struct rte_mbuf *m = wire_test_chain(b, len, cuts, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->nb_segs, 3);
	struct sctpdk_pkt_iter it;
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pkt_iter_init(&it, m, 0), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(c.type, 11);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_PROCESS);
	CU_ASSERT_EQUAL(c.type, 8);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_SKIP_REPORT);
	CU_ASSERT_EQUAL(c.flags, 0x21);
	CU_ASSERT_EQUAL(sctpdk_pkt_iter_next(&it, &c), SCTPDK_CHUNK_END);
	rte_pktmbuf_free(m);
}

static void
test_chunk_action_helpers(void)
{
	CU_ASSERT_TRUE(sctpdk_chunk_type_known(0));
	CU_ASSERT_TRUE(sctpdk_chunk_type_known(14));
	CU_ASSERT_FALSE(sctpdk_chunk_type_known(15));
	CU_ASSERT_FALSE(sctpdk_chunk_type_known(0xC0)); /* not implemented: FORWARD TSN */
	CU_ASSERT_STRING_EQUAL(sctpdk_chunk_action_str(SCTPDK_CHUNK_STOP_REPORT), "stop-report");
	CU_ASSERT_STRING_EQUAL(sctpdk_chunk_action_str(SCTPDK_CHUNK_NO_USER_DATA),
			       "no-user-data");
}

SCTPDK_TEST_SUITE(wire_iter, wire_test_eal, NULL, SCTPDK_TEST(test_example_init),
		  SCTPDK_TEST(test_example_data), SCTPDK_TEST(test_example_sack),
		  SCTPDK_TEST(test_example_abort), SCTPDK_TEST(test_example_behind_ip_header),
		  SCTPDK_TEST(test_straddle_every_cut), SCTPDK_TEST(test_rule_packet_too_short),
		  SCTPDK_TEST(test_rule_chunk_len_below_4), SCTPDK_TEST(test_rule_chunk_past_end),
		  SCTPDK_TEST(test_rule_truncated_chunk_header), SCTPDK_TEST(test_rule_padding),
		  SCTPDK_TEST(test_rule_min_and_fixed_lengths),
		  SCTPDK_TEST(test_rule_init_not_bundled), SCTPDK_TEST(test_unknown_chunk_00_stop),
		  SCTPDK_TEST(test_unknown_chunk_01_stop_report),
		  SCTPDK_TEST(test_unknown_chunk_10_skip),
		  SCTPDK_TEST(test_unknown_chunk_11_skip_report),
		  SCTPDK_TEST(test_unknown_report_builds_error),
		  SCTPDK_TEST(test_data_no_user_data_action),
		  SCTPDK_TEST(test_iter_chunk_header_straddles_segments),
		  SCTPDK_TEST(test_chunk_action_helpers))
