/* SPDX-License-Identifier: BSD-3-Clause */
/* Generic chunk helpers: classification, begin/end, copy, format. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_chunk_unknown_action_bits(void)
{
	CU_ASSERT_EQUAL(sctpdk_chunk_unknown_action(0x0F), SCTPDK_CHUNK_STOP);
	CU_ASSERT_EQUAL(sctpdk_chunk_unknown_action(0x40), SCTPDK_CHUNK_STOP_REPORT);
	CU_ASSERT_EQUAL(sctpdk_chunk_unknown_action(0x81), SCTPDK_CHUNK_SKIP);
	CU_ASSERT_EQUAL(sctpdk_chunk_unknown_action(0xC0), SCTPDK_CHUNK_SKIP_REPORT);
}

static void
test_chunk_from_buf_checks(void)
{
	struct sctpdk_chunk c;
	static const uint8_t ok[] = {11, 0x10, 0, 4};
	CU_ASSERT_EQUAL(sctpdk_chunk_from_buf(ok, 4, &c), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(c.type, 11);
	CU_ASSERT_EQUAL(c.flags, 0x10);
	CU_ASSERT_EQUAL(sctpdk_chunk_from_buf(ok, 3, &c), SCTPDK_WIRE_R_HDR_TRUNC);
	CU_ASSERT_EQUAL(sctpdk_chunk_from_buf(ok, 0, &c), SCTPDK_WIRE_R_HDR_TRUNC);
	static const uint8_t big[] = {11, 0, 0, 8};
	CU_ASSERT_EQUAL(sctpdk_chunk_from_buf(big, 4, &c), SCTPDK_WIRE_R_PAST_END);
}

static void
test_chunk_begin_end_lengths(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, 0x81, 0x02);
	sctpdk_wr_bytes(&w, "abcde", 5);
	CU_ASSERT_EQUAL(sctpdk_chunk_end(&w, mark), 0);
	CU_ASSERT_EQUAL(w.len, 12);
	CU_ASSERT_EQUAL(b[0], 0x81);
	CU_ASSERT_EQUAL(b[1], 0x02);
	CU_ASSERT_EQUAL(b[3], 9);
	CU_ASSERT_EQUAL(sctpdk_chunk_encode_empty(&w, SCTPDK_CHUNK_COOKIE_ACK, 0), 0);
	CU_ASSERT_EQUAL(w.len, 16);
	CU_ASSERT_EQUAL(b[15], 4);
}

static void
test_chunk_end_excludes_trailing_param_padding(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	sctpdk_cause_user_abort_encode(&w, "a", 1);  /* 5, padded to 8 */
	sctpdk_cause_user_abort_encode(&w, "bc", 2); /* 6, padded to 8 */
	CU_ASSERT_EQUAL(sctpdk_chunk_end(&w, mark), 0);
	CU_ASSERT_EQUAL(w.len, 20);
	CU_ASSERT_EQUAL(b[3], 18); /* inner padding counted, last one not */
	struct sctpdk_chunk c;
	CU_ASSERT_EQUAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
	struct sctpdk_error_chunk e;
	CU_ASSERT_EQUAL(sctpdk_error_chunk_decode(&c, &e), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(e.n_causes, 2);
}

static void
test_chunk_end_nospace_and_msgsize(void)
{
	uint8_t b[10];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_COOKIE_ECHO, 0);
	sctpdk_wr_bytes(&w, "12345", 5); /* 9, padding does not fit */
	CU_ASSERT_EQUAL(sctpdk_chunk_end(&w, mark), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	static uint8_t big[70000];
	sctpdk_wr_init(&w, big, sizeof(big));
	mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_COOKIE_ECHO, 0);
	sctpdk_wr_zero(&w, 65532);
	CU_ASSERT_EQUAL(sctpdk_chunk_end(&w, mark), SCTPDK_ERR_MSGSIZE);
	CU_ASSERT_EQUAL(w.len, 0);
}

static void
test_chunk_copy_from_chain(void)
{
	static const uint8_t ch[] = {0xC3, 1, 0, 6, 'x', 'y'}; /* unpadded, last in packet */
	uint32_t cuts[] = {2};
	struct rte_mbuf *m = wire_test_chain(ch, sizeof(ch), cuts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_chunk c = {sctpdk_src_mbuf(m), 0, 6, 0xC3, 1};
	uint8_t b[16];
	memset(b, 0xee, sizeof(b));
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_chunk_copy(&w, &c), 0);
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(memcmp(b, ch, 6), 0);
	CU_ASSERT_EQUAL(b[6], 0);
	CU_ASSERT_EQUAL(b[7], 0);
	rte_pktmbuf_free(m);
	/* padding that was received non-zero is written as zeros */
	static const uint8_t nz[] = {0xC3, 1, 0, 5, 'x', 0xaa, 0xbb, 0xcc};
	struct sctpdk_chunk c2;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(nz, sizeof(nz), &c2), SCTPDK_WIRE_OK);
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_chunk_copy(&w, &c2), 0);
	CU_ASSERT_EQUAL(w.len, 8);
	CU_ASSERT_EQUAL(b[4], 'x');
	CU_ASSERT_EQUAL(b[5] | b[6] | b[7], 0);
}

static void
test_chunk_format_every_type(void)
{
	uint8_t b[128];
	struct sctpdk_wr w;
	struct sctpdk_chunk c;
	char s[256];
	struct {
		uint8_t type;
		const char *want;
	} cases[] = {
		{SCTPDK_CHUNK_DATA, "DATA flags=BE tsn=9"},
		{SCTPDK_CHUNK_INIT, "INIT tag=0x00000005"},
		{SCTPDK_CHUNK_INIT_ACK, "INIT ACK tag=0x00000005"},
		{SCTPDK_CHUNK_SACK, "SACK cum=9 a_rwnd=100 gaps=0 dups=0"},
		{SCTPDK_CHUNK_HEARTBEAT, "HEARTBEAT info_len=3"},
		{SCTPDK_CHUNK_HEARTBEAT_ACK, "HEARTBEAT ACK info_len=3"},
		{SCTPDK_CHUNK_ABORT, "ABORT causes=0"},
		{SCTPDK_CHUNK_SHUTDOWN, "SHUTDOWN cum=9"},
		{SCTPDK_CHUNK_SHUTDOWN_ACK, "SHUTDOWN ACK"},
		{SCTPDK_CHUNK_ERROR, "ERROR causes=1 [Out of Resource len=4]"},
		{SCTPDK_CHUNK_COOKIE_ECHO, "COOKIE ECHO len=3"},
		{SCTPDK_CHUNK_COOKIE_ACK, "COOKIE ACK"},
		{SCTPDK_CHUNK_ECNE, "ECNE tsn=9"},
		{SCTPDK_CHUNK_CWR, "CWR tsn=9"},
		{SCTPDK_CHUNK_SHUTDOWN_COMPLETE, "SHUTDOWN COMPLETE"},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		sctpdk_wr_init(&w, b, sizeof(b));
		struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(9)};
		struct sctpdk_init in = {.init_tag = 5};
		uint32_t mark;
		int rc = 0;
		switch (cases[k].type) {
		case SCTPDK_CHUNK_DATA:
			rc = sctpdk_data_encode(&w, &d, "xyz", 3);
			break;
		case SCTPDK_CHUNK_INIT:
		case SCTPDK_CHUNK_INIT_ACK:
			rc = sctpdk_init_encode(&w, cases[k].type, &in);
			break;
		case SCTPDK_CHUNK_SACK:
			rc = sctpdk_sack_encode(&w, sctpdk_tsn(9), 100, NULL, 0, NULL, 0);
			break;
		case SCTPDK_CHUNK_HEARTBEAT:
		case SCTPDK_CHUNK_HEARTBEAT_ACK:
			rc = sctpdk_heartbeat_encode(&w, cases[k].type, "abc", 3);
			break;
		case SCTPDK_CHUNK_ABORT:
			rc = sctpdk_abort_encode(&w, 0, NULL, 0);
			break;
		case SCTPDK_CHUNK_SHUTDOWN:
			rc = sctpdk_shutdown_encode(&w, sctpdk_tsn(9));
			break;
		case SCTPDK_CHUNK_ERROR:
			mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
			sctpdk_cause_out_of_resource_encode(&w);
			rc = sctpdk_chunk_end(&w, mark);
			break;
		case SCTPDK_CHUNK_COOKIE_ECHO:
			rc = sctpdk_cookie_echo_encode(&w, "abc", 3);
			break;
		case SCTPDK_CHUNK_ECNE:
		case SCTPDK_CHUNK_CWR:
			rc = sctpdk_ecn_encode(&w, cases[k].type, sctpdk_tsn(9));
			break;
		default:
			rc = sctpdk_chunk_encode_empty(&w, cases[k].type, 0);
			break;
		}
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(b, w.len, &c), SCTPDK_WIRE_OK);
		sctpdk_chunk_format(&c, s, sizeof(s));
		if (strncmp(s, cases[k].want, strlen(cases[k].want)) != 0)
			fprintf(stderr, "format: got '%s' want '%s'\n", s, cases[k].want);
		CU_ASSERT_EQUAL(strncmp(s, cases[k].want, strlen(cases[k].want)), 0);
	}
}

static void
test_chunk_format_malformed_and_unknown(void)
{
	char s[128];
	struct sctpdk_chunk c;
	static const uint8_t sack[] = {3, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 0, 0, 0, 0, 0, 0};
	sctpdk_chunk_from_buf(sack, sizeof(sack), &c);
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "SACK flags=0x00 len=20 malformed: sack-counts");
	static const uint8_t unk[] = {0x85, 7, 0, 4};
	sctpdk_chunk_from_buf(unk, sizeof(unk), &c);
	sctpdk_chunk_format(&c, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "chunk type=133 flags=0x07 len=4 (skip)");
	/* truncation: NUL-terminated, returns the wanted length */
	char t[8];
	int n = sctpdk_chunk_format(&c, t, sizeof(t));
	CU_ASSERT_EQUAL(n, (int)strlen(s));
	CU_ASSERT_EQUAL(t[7], '\0');
}

SCTPDK_TEST_SUITE(wire_chunk, wire_test_eal, NULL, SCTPDK_TEST(test_chunk_unknown_action_bits),
		  SCTPDK_TEST(test_chunk_from_buf_checks), SCTPDK_TEST(test_chunk_begin_end_lengths),
		  SCTPDK_TEST(test_chunk_end_excludes_trailing_param_padding),
		  SCTPDK_TEST(test_chunk_end_nospace_and_msgsize),
		  SCTPDK_TEST(test_chunk_copy_from_chain), SCTPDK_TEST(test_chunk_format_every_type),
		  SCTPDK_TEST(test_chunk_format_malformed_and_unknown))
