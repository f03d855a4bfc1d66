/* SPDX-License-Identifier: BSD-3-Clause */
/* SCTP common header codec. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_common_hdr_roundtrip(void)
{
	uint8_t b[12];
	memset(b, 0xee, sizeof(b));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_common_hdr h = {5000, 5001, 0x0a0b0c0du, 0x12345678u};
	CU_ASSERT_EQUAL_FATAL(sctpdk_common_hdr_encode(&w, &h), 0);
	static const uint8_t want[] = {0x13, 0x88, 0x13, 0x89, 0x0a, 0x0b, 0x0c, 0x0d, 0, 0, 0, 0};
	CU_ASSERT_EQUAL(memcmp(b, want, 12), 0); /* checksum written as zero */
	struct sctpdk_wire_src s = sctpdk_src_buf(b, 12);
	struct sctpdk_common_hdr o;
	CU_ASSERT_EQUAL(sctpdk_common_hdr_decode(&s, 0, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.src_port, 5000);
	CU_ASSERT_EQUAL(o.dst_port, 5001);
	CU_ASSERT_EQUAL(o.vtag, 0x0a0b0c0du);
	CU_ASSERT_EQUAL(o.cksum, 0);
}

static void
test_common_hdr_cksum_byte_order(void)
{
	/* stored FF DC F2 13 is the CRC value 0x13F2DCFF */
	static const uint8_t b[] = {0x13, 0x88, 0x13, 0x89, 0, 0, 0, 0, 0xff, 0xdc, 0xf2, 0x13};
	struct sctpdk_wire_src s = sctpdk_src_buf(b, sizeof(b));
	struct sctpdk_common_hdr o;
	CU_ASSERT_EQUAL(sctpdk_common_hdr_decode(&s, 0, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.cksum, 0x13F2DCFFu);
}

static void
test_common_hdr_short(void)
{
	uint8_t b[12] = {0};
	struct sctpdk_wire_src s = sctpdk_src_buf(b, 11);
	struct sctpdk_common_hdr o;
	CU_ASSERT_EQUAL(sctpdk_common_hdr_decode(&s, 0, &o), SCTPDK_WIRE_R_PKT_SHORT);
	s = sctpdk_src_buf(b, 12);
	CU_ASSERT_EQUAL(sctpdk_common_hdr_decode(&s, 1, &o), SCTPDK_WIRE_R_PKT_SHORT);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, 11);
	struct sctpdk_common_hdr h = {1, 2, 3, 0};
	CU_ASSERT_EQUAL(sctpdk_common_hdr_encode(&w, &h), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
}

static void
test_common_hdr_format(void)
{
	struct sctpdk_common_hdr h = {5000, 5001, 0x01020304u, 0xdeadbeefu};
	char s[96];
	sctpdk_common_hdr_format(&h, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "sport=5000 dport=5001 vtag=0x01020304 cksum=0xdeadbeef");
}

SCTPDK_TEST_SUITE(wire_header, NULL, NULL, SCTPDK_TEST(test_common_hdr_roundtrip),
		  SCTPDK_TEST(test_common_hdr_cksum_byte_order), SCTPDK_TEST(test_common_hdr_short),
		  SCTPDK_TEST(test_common_hdr_format))
