/* SPDX-License-Identifier: BSD-3-Clause */
/* Unresolvable Address, Unrecognized Chunk Type, Unrecognized Parameters,
 * Restart with New Addresses, User-Initiated Abort, Protocol Violation. */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static void
test_cause_unresolvable_addr_roundtrip(void)
{
	static const uint8_t hn[] = {0, 11, 0, 9, 'h', 'o', 's', 't', 0, 0, 0, 0};
	struct sctpdk_wire_src src = sctpdk_src_buf(hn, sizeof(hn));
	struct sctpdk_tlv t = {0, 11, 9};
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_unresolvable_addr_encode(&w, &src, &t), 0);
	CU_ASSERT_EQUAL(b[3], 13);
	CU_ASSERT_EQUAL(w.len, 16);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_param p;
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_unresolvable_addr_decode(&c, &p), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(p.type, SCTPDK_PARAM_HOST_NAME);
	CU_ASSERT_EQUAL(p.len, 9);
	struct sctpdk_span name;
	CU_ASSERT_EQUAL(sctpdk_param_host_name_decode(&p, &name), SCTPDK_WIRE_OK);
	CU_ASSERT_STRING_EQUAL((const char *)b + name.off, "host");
	static const uint8_t empty[] = {0, 5, 0, 4};
	wire_test_cause(empty, 4, &c);
	CU_ASSERT_EQUAL(sctpdk_cause_unresolvable_addr_decode(&c, &p), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
}

static void
test_cause_unrecognized_chunk_from_mbuf(void)
{
	/* the reported chunk lives in a two-segment mbuf chain */
	static const uint8_t pkt[] = {0x4A, 0x01, 0x00, 0x07, 0xaa, 0xbb, 0xcc, 0x00};
	uint32_t cuts[] = {3};
	struct rte_mbuf *m = wire_test_chain(pkt, sizeof(pkt), cuts, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	struct sctpdk_chunk rc = {sctpdk_src_mbuf(m), 0, 7, 0x4A, 0x01};
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_unrecognized_chunk_encode(&w, &rc), 0);
	rte_pktmbuf_free(m);
	CU_ASSERT_EQUAL(b[3], 11);
	CU_ASSERT_EQUAL(memcmp(b + 4, pkt, 7), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	uint8_t type = 0;
	struct sctpdk_span s;
	CU_ASSERT_EQUAL(sctpdk_cause_unrecognized_chunk_decode(&c, &type, &s), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(type, 0x4A);
	CU_ASSERT_EQUAL(s.len, 7);
	char f[64];
	sctpdk_cause_format(&c, f, sizeof(f));
	CU_ASSERT_STRING_EQUAL(f, "Unrecognized Chunk Type type=74");
	static const uint8_t tiny[] = {0, 6, 0, 6, 1, 2, 0, 0};
	wire_test_cause(tiny, sizeof(tiny), &c);
	CU_ASSERT_EQUAL(sctpdk_cause_unrecognized_chunk_decode(&c, &type, &s),
			SCTPDK_WIRE_R_CAUSE_BAD_LEN);
}

static void
test_cause_unrecognized_params_roundtrip(void)
{
	static const uint8_t ps[] = {0xC0, 0x01, 0, 5, 1, 0, 0, 0, 0x40, 0x02, 0, 6, 2, 3};
	struct sctpdk_wire_src src = sctpdk_src_buf(ps, sizeof(ps));
	struct sctpdk_tlv t[2] = {{0, 0xC001, 5}, {8, 0x4002, 6}};
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_unrecognized_params_encode(&w, &src, t, 2), 0);
	CU_ASSERT_EQUAL(b[3], 18); /* 4 + 8 (padded first) + 6 (last unpadded) */
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_unrecognized_params_decode(&c, &v), SCTPDK_WIRE_OK);
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	sctpdk_param_iter_init(&it, &c.src, v.off, v.len);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(p.type, 0xC001);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(p.type, 0x4002);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_unrecognized_params_encode(&w, &src, t, 0), SCTPDK_ERR_INVAL);
}

static void
test_cause_restart_new_addrs_roundtrip(void)
{
	struct sctpdk_addr a[2] = {sctpdk_addr_v4(10, 1, 1, 1), sctpdk_addr_v4(10, 1, 1, 2)};
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_restart_new_addrs_encode(&w, a, 2), 0);
	CU_ASSERT_EQUAL(w.len, 20);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_restart_new_addrs_decode(&c, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 16);
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	struct sctpdk_addr o;
	sctpdk_param_iter_init(&it, &c.src, v.off, v.len);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(sctpdk_param_iter_next(&it, &p), 1);
	CU_ASSERT_EQUAL(sctpdk_param_addr_decode(&p, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&o, &a[1]));
	sctpdk_wr_init(&w, b, 12);
	CU_ASSERT_EQUAL(sctpdk_cause_restart_new_addrs_encode(&w, a, 2), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(w.err, 0);
}

static void
test_cause_user_abort_roundtrip(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_user_abort_encode(&w, "shutting down", 13), 0);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_cause_user_abort_decode(&c, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 13);
	CU_ASSERT_EQUAL(memcmp(b + v.off, "shutting down", 13), 0);
	CU_ASSERT_EQUAL(sctpdk_cause_protocol_violation_decode(&c, &v), SCTPDK_WIRE_R_WRONG_TYPE);
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL(sctpdk_cause_user_abort_encode(&w, NULL, 0), 0);
	CU_ASSERT_EQUAL(w.len, 4);
	CU_ASSERT_EQUAL(sctpdk_cause_user_abort_encode(&w, NULL, 2), SCTPDK_ERR_INVAL);
}

static void
test_cause_protocol_violation_roundtrip(void)
{
	uint8_t b[32];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(sctpdk_cause_protocol_violation_encode(&w, "tsn gap", 7), 0);
	CU_ASSERT_EQUAL(b[1], SCTPDK_CAUSE_PROTOCOL_VIOLATION);
	struct sctpdk_cause c;
	wire_test_cause(b, w.len, &c);
	struct sctpdk_span v;
	CU_ASSERT_EQUAL(sctpdk_cause_protocol_violation_decode(&c, &v), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(v.len, 7);
	CU_ASSERT_EQUAL(memcmp(b + v.off, "tsn gap", 7), 0);
}

SCTPDK_TEST_SUITE(wire_cause_embed, wire_test_eal, NULL,
		  SCTPDK_TEST(test_cause_unresolvable_addr_roundtrip),
		  SCTPDK_TEST(test_cause_unrecognized_chunk_from_mbuf),
		  SCTPDK_TEST(test_cause_unrecognized_params_roundtrip),
		  SCTPDK_TEST(test_cause_restart_new_addrs_roundtrip),
		  SCTPDK_TEST(test_cause_user_abort_roundtrip),
		  SCTPDK_TEST(test_cause_protocol_violation_roundtrip))
