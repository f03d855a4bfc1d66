/* SPDX-License-Identifier: BSD-3-Clause */
/* INIT / INIT ACK codec and the parameter rules. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

static struct sctpdk_init
base_init(void)
{
	struct sctpdk_init i;
	memset(&i, 0, sizeof(i));
	i.init_tag = 0x01020304u;
	i.a_rwnd = 65535;
	i.n_out_streams = 10;
	i.n_in_streams = 11;
	i.init_tsn = sctpdk_tsn(0xfffffff0u);
	return i;
}

static enum sctpdk_wire_reason
decode_buf(const uint8_t *b, uint32_t len, struct sctpdk_init *o)
{
	struct sctpdk_chunk c;
	enum sctpdk_wire_reason r = sctpdk_chunk_from_buf(b, len, &c);
	if (r != SCTPDK_WIRE_OK)
		return r;
	return sctpdk_init_decode(&c, o);
}

static void
test_init_roundtrip_all_params(void)
{
	uint8_t b[256];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	i.n_addrs = 2;
	i.addrs[0] = sctpdk_addr_v4(10, 0, 0, 1);
	i.addrs[1].family = SCTPDK_AF_INET6;
	for (int k = 0; k < 16; k++)
		i.addrs[1].u.v6[k] = (uint8_t)(0x20 + k);
	i.has_cookie_preservative = 1;
	i.cookie_preservative_ms = 3000;
	i.has_supported_addr_types = 1;
	i.supported_addr_types = SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6;
	i.ecn_capable = 1;
	i.fwd_tsn_supported = 1;
	i.has_adaptation = 1;
	i.adaptation_ind = 0xa1b2c3d4u;
	CU_ASSERT_EQUAL_FATAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT, &i), 0);
	CU_ASSERT_EQUAL(w.len % 4, 0);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.init_tag, 0x01020304u);
	CU_ASSERT_EQUAL(o.a_rwnd, 65535);
	CU_ASSERT_EQUAL(o.n_out_streams, 10);
	CU_ASSERT_EQUAL(o.n_in_streams, 11);
	CU_ASSERT_EQUAL(o.init_tsn.v, 0xfffffff0u);
	CU_ASSERT_EQUAL(o.n_addrs, 2);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&o.addrs[0], &i.addrs[0]));
	CU_ASSERT_TRUE(sctpdk_addr_eq(&o.addrs[1], &i.addrs[1]));
	CU_ASSERT_TRUE(o.has_cookie_preservative);
	CU_ASSERT_EQUAL(o.cookie_preservative_ms, 3000);
	CU_ASSERT_TRUE(o.has_supported_addr_types);
	CU_ASSERT_EQUAL(o.supported_addr_types, SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6);
	CU_ASSERT_TRUE(o.ecn_capable);
	CU_ASSERT_TRUE(o.fwd_tsn_supported);
	CU_ASSERT_TRUE(o.has_adaptation);
	CU_ASSERT_EQUAL(o.adaptation_ind, 0xa1b2c3d4u);
	CU_ASSERT_FALSE(o.has_cookie);
	CU_ASSERT_EQUAL(o.n_unrec, 0);
	CU_ASSERT_FALSE(o.params_stopped);
}

static void
test_init_ack_cookie_and_unrec(void)
{
	/* an INIT with two unknown parameters to report (01 and 11 patterns
	 * would stop on 01, so use 11 twice) */
	uint8_t in[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, in, sizeof(in));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	sctpdk_tlv_put(&w, 0xC123, "abc", 3);
	sctpdk_tlv_put(&w, 0xC124, "wxyz", 4);
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_end(&w, mark), 0);
	struct sctpdk_chunk ic;
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_from_buf(in, w.len, &ic), SCTPDK_WIRE_OK);
	struct sctpdk_init peer;
	CU_ASSERT_EQUAL_FATAL(sctpdk_init_decode(&ic, &peer), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL_FATAL(peer.n_unrec, 2);

	/* INIT ACK carrying a cookie and reporting both */
	uint8_t b[256];
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init a = base_init();
	uint8_t cookie[37];
	for (int k = 0; k < 37; k++)
		cookie[k] = (uint8_t)k;
	a.cookie = cookie;
	a.cookie_len = sizeof(cookie);
	a.n_unrec = peer.n_unrec;
	memcpy(a.unrec, peer.unrec, sizeof(a.unrec));
	a.unrec_src = &ic.src;
	CU_ASSERT_EQUAL_FATAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT_ACK, &a), 0);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(o.has_cookie);
	CU_ASSERT_EQUAL(o.n_cookies, 1);
	CU_ASSERT_EQUAL(o.cookie_len, 37);
	CU_ASSERT_EQUAL(memcmp(b + o.cookie_off, cookie, 37), 0);
	CU_ASSERT_EQUAL(o.n_unrec, 0); /* Unrecognized Parameter is known in INIT ACK */

	/* the Unrecognized Parameter params wrap the original TLVs */
	struct sctpdk_chunk c;
	sctpdk_chunk_from_buf(b, w.len, &c);
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	sctpdk_param_iter_init(&it, &c.src, 20, c.len - 20);
	int seen = 0;
	while (sctpdk_param_iter_next(&it, &p) > 0) {
		if (p.type != SCTPDK_PARAM_UNRECOGNIZED)
			continue;
		struct sctpdk_span v;
		CU_ASSERT_EQUAL(sctpdk_param_unrecognized_decode(&p, &v), SCTPDK_WIRE_OK);
		CU_ASSERT_EQUAL(b[v.off], 0xC1);
		CU_ASSERT_EQUAL(b[v.off + 1], seen == 0 ? 0x23 : 0x24);
		seen++;
	}
	CU_ASSERT_EQUAL(seen, 2);
}

/* INIT with one unknown parameter of type t between two addresses. */
static uint32_t
init_with_unknown(uint8_t *b, uint32_t cap, uint16_t t)
{
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, cap);
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	struct sctpdk_addr a = sctpdk_addr_v4(1, 2, 3, 4), z = sctpdk_addr_v4(5, 6, 7, 8);
	sctpdk_param_addr_encode(&w, &a);
	sctpdk_tlv_put(&w, t, "12345", 5);
	sctpdk_param_addr_encode(&w, &z);
	sctpdk_chunk_end(&w, mark);
	return w.len;
}

static void
test_init_unknown_param_00_stop(void)
{
	uint8_t b[128];
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, init_with_unknown(b, sizeof(b), 0x0033), &o),
			      SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(o.params_stopped);
	CU_ASSERT_EQUAL(o.n_addrs, 1); /* the one after was not processed */
	CU_ASSERT_EQUAL(o.n_unrec, 0);
}

static void
test_init_unknown_param_01_stop_report(void)
{
	uint8_t b[128];
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, init_with_unknown(b, sizeof(b), 0x4033), &o),
			      SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(o.params_stopped);
	CU_ASSERT_EQUAL(o.n_addrs, 1);
	CU_ASSERT_EQUAL_FATAL(o.n_unrec, 1);
	CU_ASSERT_EQUAL(o.unrec[0].type, 0x4033);
	CU_ASSERT_EQUAL(o.unrec[0].len, 9);
	CU_ASSERT_EQUAL(o.unrec[0].off, 28);
}

static void
test_init_unknown_param_10_skip(void)
{
	uint8_t b[128];
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, init_with_unknown(b, sizeof(b), 0x8033), &o),
			      SCTPDK_WIRE_OK);
	CU_ASSERT_FALSE(o.params_stopped);
	CU_ASSERT_EQUAL(o.n_addrs, 2);
	CU_ASSERT_EQUAL(o.n_unrec, 0);
}

static void
test_init_unknown_param_11_skip_report(void)
{
	uint8_t b[128];
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, init_with_unknown(b, sizeof(b), 0xC033), &o),
			      SCTPDK_WIRE_OK);
	CU_ASSERT_FALSE(o.params_stopped);
	CU_ASSERT_EQUAL(o.n_addrs, 2);
	CU_ASSERT_EQUAL_FATAL(o.n_unrec, 1);
	CU_ASSERT_EQUAL(o.unrec[0].type, 0xC033);
}

static void
test_init_param_valid_only_in_other_chunk(void)
{
	/* a State Cookie in an INIT is unknown there: type 7 has bits 00 -> stop */
	uint8_t b[128];
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, init_with_unknown(b, sizeof(b), 7), &o),
			      SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(o.params_stopped);
	CU_ASSERT_FALSE(o.has_cookie);
}

static void
test_init_address_bound(void)
{
	uint8_t b[512];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	for (int k = 0; k < SCTPDK_INIT_MAX_ADDRS + 3; k++) {
		struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, (uint8_t)k);
		CU_ASSERT_EQUAL(sctpdk_param_addr_encode(&w, &a), 0);
	}
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_end(&w, mark), 0);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.n_addrs, SCTPDK_INIT_MAX_ADDRS);
	CU_ASSERT_EQUAL(o.n_addrs_over, 3);
	CU_ASSERT_EQUAL(((uint8_t *)&o.addrs[15].u.v4)[3], 15);
}

static void
test_init_unrec_bound(void)
{
	uint8_t b[512];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	for (int k = 0; k < SCTPDK_INIT_MAX_UNREC + 2; k++)
		sctpdk_tlv_put(&w, (uint16_t)(0xC100 + k), NULL, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_end(&w, mark), 0);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(o.n_unrec, SCTPDK_INIT_MAX_UNREC);
	CU_ASSERT_EQUAL(o.n_unrec_over, 2);
}

static void
test_init_bad_param_length(void)
{
	/* IPv4 parameter with length 7 */
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	sctpdk_tlv_put(&w, SCTPDK_PARAM_IPV4, "abc", 3);
	sctpdk_chunk_end(&w, mark);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_R_PARAM_BAD_LEN);
	/* ECN Capable with a value */
	sctpdk_wr_init(&w, b, sizeof(b));
	mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	sctpdk_tlv_put(&w, SCTPDK_PARAM_ECN_CAPABLE, "abcd", 4);
	sctpdk_chunk_end(&w, mark);
	CU_ASSERT_EQUAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_R_PARAM_BAD_LEN);
}

static void
test_init_param_structure_errors(void)
{
	uint8_t b[64];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &i);
	sctpdk_tlv_put(&w, SCTPDK_PARAM_ECN_CAPABLE, NULL, 0);
	sctpdk_chunk_end(&w, mark);
	uint32_t len = w.len; /* 24 */
	struct sctpdk_init o;
	b[23] = 3; /* parameter length 3 */
	CU_ASSERT_EQUAL(decode_buf(b, len, &o), SCTPDK_WIRE_R_LEN_SHORT);
	b[23] = 8; /* runs past the chunk */
	CU_ASSERT_EQUAL(decode_buf(b, len, &o), SCTPDK_WIRE_R_PAST_END);
	b[23] = 4;
	b[3] = 22; /* chunk ends inside the parameter header */
	CU_ASSERT_EQUAL(decode_buf(b, 24, &o), SCTPDK_WIRE_R_HDR_TRUNC);
}

static void
test_init_too_short_wrong_type(void)
{
	uint8_t b[20] = {1, 0, 0, 16};
	struct sctpdk_init o;
	CU_ASSERT_EQUAL(decode_buf(b, 16, &o), SCTPDK_WIRE_R_CHUNK_TOO_SHORT);
	b[0] = SCTPDK_CHUNK_DATA;
	b[3] = 20;
	CU_ASSERT_EQUAL(decode_buf(b, 20, &o), SCTPDK_WIRE_R_WRONG_TYPE);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	CU_ASSERT_EQUAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_SACK, &i), SCTPDK_ERR_INVAL);
}

static void
test_init_encode_nospace_rewinds(void)
{
	uint8_t b[30];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	i.n_addrs = 2;
	i.addrs[0] = sctpdk_addr_v4(1, 1, 1, 1);
	i.addrs[1] = sctpdk_addr_v4(2, 2, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT, &i), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(w.len, 0);
	CU_ASSERT_EQUAL(w.err, 0);
	i.n_addrs = 1;
	CU_ASSERT_EQUAL(sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT, &i), 0);
	CU_ASSERT_EQUAL(w.len, 28);
}

static void
test_init_host_name_and_dup_cookie(void)
{
	uint8_t b[128];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	struct sctpdk_init i = base_init();
	uint32_t mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT_ACK, &i);
	sctpdk_param_host_name_encode(&w, "peer.example");
	sctpdk_param_state_cookie_encode(&w, "AAAA", 4);
	sctpdk_param_state_cookie_encode(&w, "BBBBBB", 6);
	CU_ASSERT_EQUAL_FATAL(sctpdk_chunk_end(&w, mark), 0);
	struct sctpdk_init o;
	CU_ASSERT_EQUAL_FATAL(decode_buf(b, w.len, &o), SCTPDK_WIRE_OK);
	CU_ASSERT_TRUE(o.host_name_seen);
	CU_ASSERT_EQUAL(o.host_name.off, 20);
	CU_ASSERT_EQUAL(o.host_name.len, 17);
	/* the answer: ABORT with Unresolvable Address carrying that parameter */
	struct sctpdk_chunk ic;
	sctpdk_chunk_from_buf(b, w.len, &ic);
	uint8_t ab[64];
	struct sctpdk_wr aw;
	sctpdk_wr_init(&aw, ab, sizeof(ab));
	CU_ASSERT_EQUAL(sctpdk_cause_unresolvable_addr_encode(&aw, &ic.src, &o.host_name), 0);
	struct sctpdk_cause cs;
	wire_test_cause(ab, aw.len, &cs);
	struct sctpdk_param hp;
	CU_ASSERT_EQUAL(sctpdk_cause_unresolvable_addr_decode(&cs, &hp), SCTPDK_WIRE_OK);
	CU_ASSERT_EQUAL(hp.type, SCTPDK_PARAM_HOST_NAME);
	CU_ASSERT_EQUAL(o.n_cookies, 2);
	CU_ASSERT_EQUAL(o.cookie_len, 4); /* the first one is kept */
	CU_ASSERT_EQUAL(b[o.cookie_off], 'A');
}

static void
test_init_format(void)
{
	struct sctpdk_init i = base_init();
	i.init_tsn = sctpdk_tsn(1);
	char s[256];
	sctpdk_init_format(SCTPDK_CHUNK_INIT, &i, s, sizeof(s));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "INIT tag=0x01020304 a_rwnd=65535 os=10 mis=11 tsn=1"));
	i.params_stopped = 1;
	sctpdk_init_format(SCTPDK_CHUNK_INIT_ACK, &i, s, sizeof(s));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "INIT ACK"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "stopped"));
}

SCTPDK_TEST_SUITE(wire_init, NULL, NULL, SCTPDK_TEST(test_init_roundtrip_all_params),
		  SCTPDK_TEST(test_init_ack_cookie_and_unrec),
		  SCTPDK_TEST(test_init_unknown_param_00_stop),
		  SCTPDK_TEST(test_init_unknown_param_01_stop_report),
		  SCTPDK_TEST(test_init_unknown_param_10_skip),
		  SCTPDK_TEST(test_init_unknown_param_11_skip_report),
		  SCTPDK_TEST(test_init_param_valid_only_in_other_chunk),
		  SCTPDK_TEST(test_init_address_bound), SCTPDK_TEST(test_init_unrec_bound),
		  SCTPDK_TEST(test_init_bad_param_length),
		  SCTPDK_TEST(test_init_param_structure_errors),
		  SCTPDK_TEST(test_init_too_short_wrong_type),
		  SCTPDK_TEST(test_init_encode_nospace_rewinds),
		  SCTPDK_TEST(test_init_host_name_and_dup_cookie), SCTPDK_TEST(test_init_format))
