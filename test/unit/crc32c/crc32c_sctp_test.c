/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tests of drivers/crc32c/crc32c_sctp.c: CRC over mbuf ranges and the SCTP
 * checksum field, with the complete example packets of
 * /work/shared/testdata/crc32c-and-packets.md (checked against Wireshark),
 * chained mbufs split at every offset, and error detection.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "crc32c_ref.h"
#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

#define MAX_PKT 2048

struct packet {
	const char *sctp_hex;
	const char *ipv4_hex;
	uint32_t crc;
	uint8_t stored[4];
};

static const struct packet pkt_init = {
    "1388138900000000ffdcf2130100001c010203040000ffff000a000a00000001000c000600050000",
    "4500003c000040004084263c0a0000010a000002"
    "1388138900000000ffdcf2130100001c010203040000ffff000a000a00000001000c000600050000",
    0x13F2DCFFu,
    {0xFF, 0xDC, 0xF2, 0x13}};
static const struct packet pkt_data = {
    "138813890a0b0c0de51fa7dc0003001500000001000000000000000068656c6c6f000000",
    "4500003800004000408426400a0000010a000002"
    "138813890a0b0c0de51fa7dc0003001500000001000000000000000068656c6c6f000000",
    0xDCA71FE5u,
    {0xE5, 0x1F, 0xA7, 0xDC}};
static const struct packet pkt_sack = {
    "13891388010203045911941d03000018000000010000ffff000100010002000300000001",
    "4500003800004000408426400a0000020a000001"
    "13891388010203045911941d03000018000000010000ffff000100010002000300000001",
    0x1D941159u,
    {0x59, 0x11, 0x94, 0x1D}};
static const struct packet pkt_abort = {"13891388010203043ccdbd3706010004",
					"4500002400004000408426540a0000020a000001"
					"13891388010203043ccdbd3706010004",
					0x37BDCD3Cu,
					{0x3C, 0xCD, 0xBD, 0x37}};
static const char *const negative_hex = "1389138801020304deadbeef06010004";

static const struct packet *const all_packets[] = {&pkt_init, &pkt_data, &pkt_sack, &pkt_abort};

static int
suite_init(void)
{
	return sctpdk_test_eal_init();
}

/*
 * An mbuf chain holding p[0..len) split at the ascending offsets cuts[]
 * (equal cuts give empty segments). NULL if the pool is exhausted.
 */
static struct rte_mbuf *
chain_from(const uint8_t *p, size_t len, const size_t *cuts, unsigned n_cuts)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct rte_mbuf *head = NULL, *tail = NULL;
	size_t start = 0;

	for (unsigned i = 0; i <= n_cuts; i++) {
		size_t end = i < n_cuts ? cuts[i] : len;
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *d;
		if (m == NULL)
			goto fail;
		d = rte_pktmbuf_append(m, (uint16_t)(end - start));
		if (d == NULL && end > start) {
			rte_pktmbuf_free(m);
			goto fail;
		}
		if (end > start)
			memcpy(d, p + start, end - start);
		if (head == NULL) {
			head = m;
		} else {
			tail->next = m;
			head->nb_segs++;
			head->pkt_len += m->data_len;
		}
		tail = m;
		start = end;
	}
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

static struct rte_mbuf *
mbuf_from(const uint8_t *p, size_t len)
{
	return chain_from(p, len, NULL, 0);
}

/* Copy the whole chain out; returns pkt_len. */
static size_t
flatten(const struct rte_mbuf *m, uint8_t *out, size_t cap)
{
	size_t n = rte_pktmbuf_pkt_len(m);
	const void *p;

	CU_ASSERT_FATAL(n <= cap);
	p = rte_pktmbuf_read(m, 0, (uint32_t)n, out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	if (p != out)
		memcpy(out, p, n);
	return n;
}

/* The four checks of one example packet, flat and in an mbuf, bare and in IPv4. */
static void
check_packet(const struct packet *pk)
{
	uint8_t pkt[MAX_PKT], zeroed[MAX_PKT], ip[MAX_PKT], out[MAX_PKT];
	int n = sctpdk_test_hex(pk->sctp_hex, pkt, sizeof(pkt));
	int ipn = sctpdk_test_hex(pk->ipv4_hex, ip, sizeof(ip));
	struct rte_mbuf *m;

	CU_ASSERT_FATAL(n >= 12 && ipn == n + 20);
	CU_ASSERT_EQUAL(memcmp(pkt + 8, pk->stored, 4), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(pkt, (size_t)n), 1);

	/* zero bytes 8..11, recompute, compare value */
	memcpy(zeroed, pkt, (size_t)n);
	memset(zeroed + 8, 0, 4);
	CU_ASSERT_EQUAL(sctpdk_crc32c(zeroed, (size_t)n), pk->crc);
	CU_ASSERT_EQUAL(ref_crc(zeroed, (size_t)n), pk->crc);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(zeroed, (size_t)n), 0);

	/* cksum_set on the zeroed packet restores the stored bytes */
	m = mbuf_from(zeroed, (size_t)n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 0);
	sctpdk_sctp_cksum_set(m, 0);
	CU_ASSERT_EQUAL(flatten(m, out, sizeof(out)), (size_t)n);
	CU_ASSERT_EQUAL(memcmp(out, pkt, (size_t)n), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 1);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 0, (uint32_t)n), ref_crc(pkt, (size_t)n));
	rte_pktmbuf_free(m);

	/* the same inside the full IPv4 datagram, SCTP at offset 20 */
	m = mbuf_from(ip, (size_t)ipn);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 20), 1);
	memset(rte_pktmbuf_mtod_offset(m, uint8_t *, 28), 0xA5, 4);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 20), 0);
	sctpdk_sctp_cksum_set(m, 20);
	CU_ASSERT_EQUAL(flatten(m, out, sizeof(out)), (size_t)ipn);
	CU_ASSERT_EQUAL(memcmp(out, ip, (size_t)ipn), 0);
	rte_pktmbuf_free(m);
}

static void
test_sctp_packet_init(void)
{
	check_packet(&pkt_init);
}

static void
test_sctp_packet_data(void)
{
	check_packet(&pkt_data);
}

static void
test_sctp_packet_sack(void)
{
	check_packet(&pkt_sack);
}

static void
test_sctp_packet_abort(void)
{
	check_packet(&pkt_abort);
}

/* Packet 4 with DE AD BE EF as checksum must fail, and checking leaves it as is. */
static void
test_sctp_negative_vector(void)
{
	uint8_t pkt[16], good[16], out[16];
	struct rte_mbuf *m;

	CU_ASSERT_EQUAL_FATAL(sctpdk_test_hex(negative_hex, pkt, sizeof(pkt)), 16);
	CU_ASSERT_EQUAL_FATAL(sctpdk_test_hex(pkt_abort.sctp_hex, good, sizeof(good)), 16);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(pkt, sizeof(pkt)), 0);
	m = mbuf_from(pkt, sizeof(pkt));
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 0);
	flatten(m, out, sizeof(out));
	CU_ASSERT_EQUAL(memcmp(out, pkt, sizeof(pkt)), 0);
	/* setting the checksum turns it into the valid packet 4 */
	sctpdk_sctp_cksum_set(m, 0);
	flatten(m, out, sizeof(out));
	CU_ASSERT_EQUAL(memcmp(out, good, sizeof(good)), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 1);
	rte_pktmbuf_free(m);
}

/* Every example packet with every available implementation selected. */
static void
test_sctp_packets_every_impl(void)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);
	const struct sctpdk_crc32c_ops *orig = sctpdk_crc32c_active();
	uint8_t pkt[MAX_PKT];

	for (unsigned i = 0; i < n; i++) {
		if (!l[i]->available())
			continue;
		CU_ASSERT_EQUAL_FATAL(sctpdk_crc32c_select(l[i]->name), 0);
		for (size_t k = 0; k < sizeof(all_packets) / sizeof(all_packets[0]); k++) {
			int len = sctpdk_test_hex(all_packets[k]->sctp_hex, pkt, sizeof(pkt));
			CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(pkt, (size_t)len), 1);
			struct rte_mbuf *m = chain_from(pkt, (size_t)len, (size_t[]){10}, 1);
			CU_ASSERT_PTR_NOT_NULL_FATAL(m);
			CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 1);
			rte_pktmbuf_free(m);
		}
		pkt[0] ^= 1;
		CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(pkt, 16), 0);
	}
	CU_ASSERT_EQUAL(sctpdk_crc32c_select(orig->name), 0);
}

/* DATA packet in 2 and 3 segments cut at every position, field straddling included. */
static void
test_sctp_set_chained_every_split(void)
{
	uint8_t pkt[64], zeroed[64], out[64];
	int n = sctpdk_test_hex(pkt_data.sctp_hex, pkt, sizeof(pkt));
	unsigned bad = 0, runs = 0;

	CU_ASSERT_EQUAL_FATAL(n, 36);
	memcpy(zeroed, pkt, (size_t)n);
	memset(zeroed + 8, 0, 4);
	for (size_t i = 0; i <= (size_t)n; i++) {
		for (size_t j = i; j <= (size_t)n; j++) {
			size_t cuts[2] = {i, j};
			struct rte_mbuf *m = chain_from(zeroed, (size_t)n, cuts, 2);
			CU_ASSERT_PTR_NOT_NULL_FATAL(m);
			bad += sctpdk_sctp_cksum_ok(m, 0) != 0;
			sctpdk_sctp_cksum_set(m, 0);
			flatten(m, out, sizeof(out));
			bad += memcmp(out, pkt, (size_t)n) != 0;
			bad += sctpdk_sctp_cksum_ok(m, 0) != 1;
			bad += sctpdk_crc32c_mbuf(m, 0, (uint32_t)n) != ref_crc(pkt, (size_t)n);
			rte_pktmbuf_free(m);
			runs++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(runs, 37 * 38 / 2);
}

/* SCTP behind a 34-byte Ethernet+IPv4 header, chain cut inside the header. */
static void
test_sctp_offset_in_chain(void)
{
	uint8_t buf[600], out[600];
	const uint32_t off = 34;
	unsigned bad = 0;

	fill_random(buf, sizeof(buf), 0x34);
	for (size_t cut = 30; cut <= 50; cut++) {
		size_t cuts[2] = {cut, cut + 200};
		struct rte_mbuf *m = chain_from(buf, sizeof(buf), cuts, 2);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		sctpdk_sctp_cksum_set(m, off);
		flatten(m, out, sizeof(out));
		/* only bytes off+8..off+11 may change */
		bad += memcmp(out, buf, off + 8) != 0;
		bad += memcmp(out + off + 12, buf + off + 12, sizeof(buf) - off - 12) != 0;
		bad += sctpdk_sctp_cksum_ok_buf(out + off, sizeof(buf) - off) != 1;
		bad += sctpdk_sctp_cksum_ok(m, off) != 1;
		/* the same bytes checked at another offset are not a valid packet */
		bad += sctpdk_sctp_cksum_ok(m, off - 1) != 0;
		rte_pktmbuf_free(m);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* cksum_ok never writes: contents and lengths unchanged, good or bad checksum. */
static void
test_sctp_ok_does_not_modify(void)
{
	uint8_t buf[300], out[300];
	size_t cuts[3] = {5, 9, 11};

	fill_random(buf, sizeof(buf), 0x0c);
	for (int good = 0; good < 2; good++) {
		struct rte_mbuf *m = chain_from(buf, sizeof(buf), cuts, 3);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		if (good)
			sctpdk_sctp_cksum_set(m, 0);
		flatten(m, buf, sizeof(buf));
		CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), good);
		CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), sizeof(buf));
		CU_ASSERT_EQUAL(m->nb_segs, 4);
		flatten(m, out, sizeof(out));
		CU_ASSERT_EQUAL(memcmp(out, buf, sizeof(buf)), 0);
		rte_pktmbuf_free(m);
	}
}

/* Garbage in the checksum field before cksum_set does not leak into the CRC. */
static void
test_sctp_set_overwrites_garbage(void)
{
	uint8_t pkt[64], out[64];
	int n = sctpdk_test_hex(pkt_sack.sctp_hex, pkt, sizeof(pkt));
	static const uint8_t junk[][4] = {{0, 0, 0, 0}, {0xFF, 0xFF, 0xFF, 0xFF}, {1, 2, 3, 4}};

	CU_ASSERT_FATAL(n > 12);
	for (size_t j = 0; j < sizeof(junk) / sizeof(junk[0]); j++) {
		uint8_t tmp[64];
		memcpy(tmp, pkt, (size_t)n);
		memcpy(tmp + 8, junk[j], 4);
		struct rte_mbuf *m = mbuf_from(tmp, (size_t)n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		sctpdk_sctp_cksum_set(m, 0);
		flatten(m, out, sizeof(out));
		CU_ASSERT_EQUAL(memcmp(out, pkt, (size_t)n), 0);
		rte_pktmbuf_free(m);
	}
}

/* A packet of just the common header. */
static void
test_sctp_header_only(void)
{
	uint8_t hdr[12] = {0x13, 0x88, 0x13, 0x89, 0xAA, 0xBB, 0xCC, 0xDD, 0, 0, 0, 0};
	uint8_t out[12];
	uint32_t want = ref_crc(hdr, sizeof(hdr));
	struct rte_mbuf *m = mbuf_from(hdr, sizeof(hdr));

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	sctpdk_sctp_cksum_set(m, 0);
	flatten(m, out, sizeof(out));
	CU_ASSERT_EQUAL(out[8] | out[9] << 8 | out[10] << 16 | (uint32_t)out[11] << 24, want);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0), 1);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(out, sizeof(out)), 1);
	rte_pktmbuf_free(m);
}

/* Shorter than a common header: never valid, never written. */
static void
test_sctp_too_short(void)
{
	uint8_t buf[16] = {0}, out[16];
	unsigned bad = 0;

	for (size_t len = 0; len < 12; len++) {
		struct rte_mbuf *m = mbuf_from(buf, len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		/* all-zero data of this length could only match a zero CRC */
		bad += sctpdk_sctp_cksum_ok_buf(buf, len) != 0;
		bad += sctpdk_sctp_cksum_ok(m, 0) != 0;
		sctpdk_sctp_cksum_set(m, 0);
		bad += rte_pktmbuf_pkt_len(m) != len;
		if (len > 0) {
			flatten(m, out, sizeof(out));
			bad += memcmp(out, buf, len) != 0;
		}
		rte_pktmbuf_free(m);
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(NULL, 100), 0);
}

/* sctp_off at or past the end of the packet. */
static void
test_sctp_offset_past_end(void)
{
	uint8_t buf[40], out[40];
	struct rte_mbuf *m;

	fill_random(buf, sizeof(buf), 40);
	m = mbuf_from(buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 29), 0); /* 11 bytes left */
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 40), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 0xFFFFFFF0u), 0);
	sctpdk_sctp_cksum_set(m, 29);
	sctpdk_sctp_cksum_set(m, 0xFFFFFFF0u);
	flatten(m, out, sizeof(out));
	CU_ASSERT_EQUAL(memcmp(out, buf, sizeof(buf)), 0);
	/* exactly 12 bytes left is a valid (header-only) packet */
	sctpdk_sctp_cksum_set(m, 28);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok(m, 28), 1);
	rte_pktmbuf_free(m);
}

/* Random packets: set then check; any single flipped bit is caught. */
static void
test_sctp_roundtrip_random(void)
{
	static uint8_t buf[4000];
	uint64_t rs = 2024;
	unsigned bad = 0;

	for (int round = 0; round < 100; round++) {
		size_t len = 12 + (size_t)(sctpdk_test_rand(&rs) % 3000);
		size_t cut1 = (size_t)(sctpdk_test_rand(&rs) % (len + 1));
		size_t cut2 = cut1 + (size_t)(sctpdk_test_rand(&rs) % (len - cut1 + 1));
		size_t cuts[2] = {cut1 < 1800 ? cut1 : 1800, cut2};
		if (cuts[1] < cuts[0])
			cuts[1] = cuts[0];
		if (cuts[1] - cuts[0] > 1800)
			cuts[1] = cuts[0] + 1800;
		if (len - cuts[1] > 1800)
			len = cuts[1] + 1800;
		fill_random(buf, len, (uint64_t)round + 1);
		struct rte_mbuf *m = chain_from(buf, len, cuts, 2);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		sctpdk_sctp_cksum_set(m, 0);
		bad += sctpdk_sctp_cksum_ok(m, 0) != 1;
		flatten(m, buf, sizeof(buf));
		bad += sctpdk_sctp_cksum_ok_buf(buf, len) != 1;
		size_t bit = (size_t)(sctpdk_test_rand(&rs) % (len * 8));
		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bad += sctpdk_sctp_cksum_ok_buf(buf, len) != 0;
		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bad += sctpdk_sctp_cksum_ok_buf(buf, len) != 1;
		rte_pktmbuf_free(m);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* On the 128-bit ABORT packet every 1- and 2-bit error is detected. */
static void
test_sctp_detects_1_and_2_bit_errors(void)
{
	uint8_t pkt[16];
	unsigned missed = 0, tried = 0;

	CU_ASSERT_EQUAL_FATAL(sctpdk_test_hex(pkt_abort.sctp_hex, pkt, sizeof(pkt)), 16);
	for (unsigned a = 0; a < 128; a++) {
		pkt[a / 8] ^= (uint8_t)(1u << (a % 8));
		missed += sctpdk_sctp_cksum_ok_buf(pkt, 16);
		tried++;
		for (unsigned b = a + 1; b < 128; b++) {
			pkt[b / 8] ^= (uint8_t)(1u << (b % 8));
			missed += sctpdk_sctp_cksum_ok_buf(pkt, 16);
			tried++;
			pkt[b / 8] ^= (uint8_t)(1u << (b % 8));
		}
		pkt[a / 8] ^= (uint8_t)(1u << (a % 8));
	}
	CU_ASSERT_EQUAL(missed, 0);
	CU_ASSERT_EQUAL(tried, 128 + 128 * 127 / 2);
	CU_ASSERT_EQUAL(sctpdk_sctp_cksum_ok_buf(pkt, 16), 1);
}

/* CRC of a whole chain cut at every offset equals the flat CRC. */
static void
test_crc_mbuf_split_every_offset(void)
{
	uint8_t buf[300];
	unsigned bad = 0;

	fill_random(buf, sizeof(buf), 300);
	uint32_t whole = ref_crc(buf, sizeof(buf));
	uint32_t inner = ref_crc(buf + 7, 280);
	for (size_t cut = 0; cut <= sizeof(buf); cut++) {
		struct rte_mbuf *m = chain_from(buf, sizeof(buf), &cut, 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		bad += sctpdk_crc32c_mbuf(m, 0, sizeof(buf)) != whole;
		bad += sctpdk_crc32c_mbuf(m, 7, 280) != inner;
		rte_pktmbuf_free(m);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Random ranges over a five-segment chain. */
static void
test_crc_mbuf_random_ranges(void)
{
	static uint8_t buf[5000];
	size_t cuts[4] = {1, 1500, 1501, 3300};
	uint64_t rs = 55;
	unsigned bad = 0;
	struct rte_mbuf *m;

	fill_random(buf, sizeof(buf), 5000);
	m = chain_from(buf, sizeof(buf), cuts, 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->nb_segs, 5);
	for (int i = 0; i < 300; i++) {
		uint32_t off = (uint32_t)(sctpdk_test_rand(&rs) % sizeof(buf));
		uint32_t len = (uint32_t)(sctpdk_test_rand(&rs) % (sizeof(buf) - off + 1));
		bad += sctpdk_crc32c_mbuf(m, off, len) != sctpdk_crc32c(buf + off, len);
	}
	CU_ASSERT_EQUAL(bad, 0);
	rte_pktmbuf_free(m);
}

/* Empty ranges give the empty CRC; ranges past the end cover existing bytes only. */
static void
test_crc_mbuf_empty_and_clipped(void)
{
	uint8_t buf[100];
	size_t cut = 60;
	struct rte_mbuf *m;

	fill_random(buf, sizeof(buf), 100);
	m = chain_from(buf, sizeof(buf), &cut, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 0, 0), 0u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 100, 0), 0u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 100, 50), 0u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 500, 10), 0u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 90, 1000), ref_crc(buf + 90, 10));
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 60, 40), ref_crc(buf + 60, 40));
	CU_ASSERT_EQUAL(sctpdk_crc32c_mbuf(m, 59, 2), ref_crc(buf + 59, 2));
	rte_pktmbuf_free(m);
}

SCTPDK_TEST_SUITE(crc32c_sctp, suite_init, NULL, SCTPDK_TEST(test_sctp_packet_init),
		  SCTPDK_TEST(test_sctp_packet_data), SCTPDK_TEST(test_sctp_packet_sack),
		  SCTPDK_TEST(test_sctp_packet_abort), SCTPDK_TEST(test_sctp_negative_vector),
		  SCTPDK_TEST(test_sctp_packets_every_impl),
		  SCTPDK_TEST(test_sctp_set_chained_every_split),
		  SCTPDK_TEST(test_sctp_offset_in_chain), SCTPDK_TEST(test_sctp_ok_does_not_modify),
		  SCTPDK_TEST(test_sctp_set_overwrites_garbage), SCTPDK_TEST(test_sctp_header_only),
		  SCTPDK_TEST(test_sctp_too_short), SCTPDK_TEST(test_sctp_offset_past_end),
		  SCTPDK_TEST(test_sctp_roundtrip_random),
		  SCTPDK_TEST(test_sctp_detects_1_and_2_bit_errors),
		  SCTPDK_TEST(test_crc_mbuf_split_every_offset),
		  SCTPDK_TEST(test_crc_mbuf_random_ranges),
		  SCTPDK_TEST(test_crc_mbuf_empty_and_clipped))
