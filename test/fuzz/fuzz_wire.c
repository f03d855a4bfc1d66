/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target over the whole lib/wire decoder: common header, chunk
 * iterator, every chunk, parameter and error cause decoder, the format
 * functions and the encoders that copy from received views. Each input is
 * decoded twice, from a flat buffer and from a 1-3 segment mbuf chain (hand
 * built over exact-size heap segments, so ASan sees any overread; no EAL),
 * and both walks must agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "fuzz_wire_util.h"
#include "sctpdk_wire.h"

#define MAX_SEGS 3

struct chain {
	struct rte_mbuf m[MAX_SEGS];
	uint8_t *seg[MAX_SEGS];
	int n;
};

static void
chain_build(struct chain *ch, const uint8_t *p, uint32_t len, const uint32_t *cuts, int ncuts)
{
	memset(ch, 0, sizeof(*ch));
	uint32_t start = 0;
	for (int i = 0; i <= ncuts; i++) {
		uint32_t stop = i < ncuts ? cuts[i] : len;
		uint32_t n = stop - start;
		ch->seg[i] = malloc(n > 0 ? n : 1);
		if (n > 0)
			memcpy(ch->seg[i], p + start, n);
		struct rte_mbuf *m = &ch->m[i];
		m->buf_addr = ch->seg[i];
		m->buf_len = (uint16_t)(n > 0 ? n : 1);
		m->data_off = 0;
		m->data_len = (uint16_t)n;
		m->nb_segs = 1;
		m->next = NULL;
		if (i > 0)
			ch->m[i - 1].next = m;
		start = stop;
		ch->n++;
	}
	ch->m[0].nb_segs = (uint16_t)ch->n;
	ch->m[0].pkt_len = len;
}

static void
chain_free(struct chain *ch)
{
	for (int i = 0; i < ch->n; i++)
		free(ch->seg[i]);
}

static uint32_t sink; /* keeps results observable */

static void
use(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		sink += b[i];
}

static void
fuzz_params(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len)
{
	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	char s[256];
	uint8_t out[512];
	struct sctpdk_wr w;
	sctpdk_param_iter_init(&it, src, off, len);
	for (int k = 0; k < 64 && sctpdk_param_iter_next(&it, &p) > 0; k++) {
		struct sctpdk_addr a;
		struct sctpdk_span v;
		uint32_t u;
		uint8_t m8;
		sctpdk_param_addr_decode(&p, &a);
		sctpdk_param_host_name_decode(&p, &v);
		sctpdk_param_supported_addr_types_decode(&p, &m8);
		sctpdk_param_heartbeat_info_decode(&p, &v);
		sctpdk_param_state_cookie_decode(&p, &v);
		if (sctpdk_param_unrecognized_decode(&p, &v) == SCTPDK_WIRE_OK)
			use(&v, sizeof(v));
		sctpdk_param_cookie_preservative_decode(&p, &u);
		sctpdk_param_ecn_capable_decode(&p);
		sctpdk_param_fwd_tsn_supported_decode(&p);
		sctpdk_param_adaptation_decode(&p, &u);
		sctpdk_param_format(&p, s, sizeof(s));
		sctpdk_param_unknown_action(p.type);
		struct sctpdk_tlv t = {p.off, p.type, p.len};
		sctpdk_wr_init(&w, out, sizeof(out));
		sctpdk_param_copy(&w, src, &t);
		sctpdk_param_unrecognized_encode(&w, src, &t);
		sctpdk_cause_unresolvable_addr_encode(&w, src, &t);
		sctpdk_cause_unrecognized_params_encode(&w, src, &t, 1);
		use(out, w.len);
	}
}

static void
fuzz_causes(const struct sctpdk_chunk *c)
{
	struct sctpdk_cause_iter it;
	struct sctpdk_cause cs;
	char s[256];
	sctpdk_cause_iter_init(&it, c);
	for (int k = 0; k < 64 && sctpdk_cause_iter_next(&it, &cs) > 0; k++) {
		uint16_t sid;
		uint32_t u;
		uint8_t t;
		sctpdk_tsn_t tsn;
		struct sctpdk_cause_missing m;
		struct sctpdk_span v;
		struct sctpdk_param p;
		sctpdk_cause_invalid_stream_decode(&cs, &sid);
		if (sctpdk_cause_missing_param_decode(&cs, &m) == SCTPDK_WIRE_OK)
			use(m.types, m.n_stored * sizeof(m.types[0]));
		sctpdk_cause_stale_cookie_decode(&cs, &u);
		sctpdk_cause_out_of_resource_decode(&cs);
		if (sctpdk_cause_unresolvable_addr_decode(&cs, &p) == SCTPDK_WIRE_OK)
			sctpdk_param_format(&p, s, sizeof(s));
		sctpdk_cause_unrecognized_chunk_decode(&cs, &t, &v);
		sctpdk_cause_invalid_mandatory_decode(&cs);
		if (sctpdk_cause_unrecognized_params_decode(&cs, &v) == SCTPDK_WIRE_OK)
			fuzz_params(&cs.src, v.off, v.len);
		sctpdk_cause_no_user_data_decode(&cs, &tsn);
		sctpdk_cause_cookie_while_shutdown_decode(&cs);
		if (sctpdk_cause_restart_new_addrs_decode(&cs, &v) == SCTPDK_WIRE_OK)
			fuzz_params(&cs.src, v.off, v.len);
		sctpdk_cause_user_abort_decode(&cs, &v);
		sctpdk_cause_protocol_violation_decode(&cs, &v);
		sctpdk_cause_format(&cs, s, sizeof(s));
	}
}

/* Re-encode what was decoded, into an output of capacity cap, and check
 * that it decodes to the same values (or that the encoder refused cleanly). */
static uint32_t out_cap = 2048;

static void
roundtrip_data(const struct sctpdk_chunk *c, const struct sctpdk_data *d)
{
	static uint8_t payload[65536], out[65600];
	if (sctpdk_src_copy(&c->src, d->payload_off, d->payload_len, payload) != 0)
		__builtin_trap();
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, out, out_cap < sizeof(out) ? out_cap : sizeof(out));
	if (sctpdk_data_encode(&w, d, payload, d->payload_len) != 0) {
		if (w.len != 0 || w.err != 0)
			__builtin_trap(); /* a refused encode leaves the writer untouched */
		return;
	}
	struct sctpdk_chunk c2;
	struct sctpdk_data d2;
	if (sctpdk_chunk_from_buf(out, w.len, &c2) != SCTPDK_WIRE_OK ||
	    sctpdk_data_decode(&c2, &d2) != SCTPDK_WIRE_OK || d2.tsn.v != d->tsn.v ||
	    d2.sid != d->sid || d2.ssn.v != d->ssn.v || d2.ppid != d->ppid ||
	    d2.flags != d->flags || d2.payload_len != d->payload_len ||
	    memcmp(out + d2.payload_off, payload, d2.payload_len) != 0)
		__builtin_trap();
}

static void
roundtrip_sack(const struct sctpdk_chunk *c, const struct sctpdk_sack *s)
{
	static struct sctpdk_gap gaps[16384];
	static sctpdk_tsn_t dups[16384];
	static uint8_t out[70000];
	for (uint32_t i = 0; i < s->n_gaps; i++)
		sctpdk_sack_gap_at(c, s, (uint16_t)i, &gaps[i]);
	for (uint32_t i = 0; i < s->n_dups; i++)
		sctpdk_sack_dup_at(c, s, (uint16_t)i, &dups[i]);
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, out, out_cap);
	int rc = sctpdk_sack_encode(&w, s->cum_tsn, s->a_rwnd, gaps, s->n_gaps, dups, s->n_dups);
	if (rc != 0) {
		if (w.len != 0 || w.err != 0)
			__builtin_trap();
		return;
	}
	struct sctpdk_chunk c2;
	struct sctpdk_sack s2;
	if (sctpdk_chunk_from_buf(out, w.len, &c2) != SCTPDK_WIRE_OK ||
	    sctpdk_sack_decode(&c2, &s2) != SCTPDK_WIRE_OK || s2.cum_tsn.v != s->cum_tsn.v ||
	    s2.a_rwnd != s->a_rwnd || s2.n_gaps != s->n_gaps || s2.n_dups != s->n_dups ||
	    memcmp(s2.gaps, s->gaps, s->n_gaps_stored * sizeof(s->gaps[0])) != 0 ||
	    memcmp(s2.dups, s->dups, s->n_dups_stored * sizeof(s->dups[0])) != 0)
		__builtin_trap();
}

static void
roundtrip_init(uint8_t type, const struct sctpdk_init *in)
{
	static uint8_t out[4096];
	struct sctpdk_init e = *in;
	e.cookie = NULL; /* INIT ACK cookie bytes live in the source: compared by length only */
	e.unrec_src = NULL;
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, out, out_cap < sizeof(out) ? out_cap : sizeof(out));
	if (sctpdk_init_encode(&w, type, &e) != 0) {
		if (w.len != 0 || w.err != 0)
			__builtin_trap();
		return;
	}
	struct sctpdk_chunk c2;
	struct sctpdk_init o;
	if (sctpdk_chunk_from_buf(out, w.len, &c2) != SCTPDK_WIRE_OK ||
	    sctpdk_init_decode(&c2, &o) != SCTPDK_WIRE_OK || o.init_tag != in->init_tag ||
	    o.a_rwnd != in->a_rwnd || o.n_out_streams != in->n_out_streams ||
	    o.n_in_streams != in->n_in_streams || o.init_tsn.v != in->init_tsn.v ||
	    o.n_addrs != in->n_addrs || o.ecn_capable != in->ecn_capable ||
	    o.fwd_tsn_supported != in->fwd_tsn_supported ||
	    o.has_adaptation != in->has_adaptation ||
	    (in->has_adaptation && o.adaptation_ind != in->adaptation_ind))
		__builtin_trap();
	for (uint16_t k = 0; k < o.n_addrs; k++)
		if (!sctpdk_addr_eq(&o.addrs[k], &in->addrs[k]))
			__builtin_trap();
}

/* Every decoder on one chunk (each rejects other types itself). */
static void
fuzz_chunk(const struct sctpdk_chunk *c)
{
	static uint8_t out[70000];
	struct sctpdk_wr w;
	char s[512];
	struct sctpdk_data d;
	struct sctpdk_init in;
	struct sctpdk_sack sk;
	struct sctpdk_heartbeat hb;
	struct sctpdk_abort ab;
	struct sctpdk_error_chunk ec;
	struct sctpdk_cookie_echo ce;
	sctpdk_tsn_t tsn;
	uint8_t t;

	if (sctpdk_data_decode(c, &d) == SCTPDK_WIRE_OK) {
		uint8_t tmp[64];
		uint32_t n = d.payload_len < sizeof(tmp) ? d.payload_len : sizeof(tmp);
		const void *p = sctpdk_src_ptr(&c->src, d.payload_off, n, tmp);
		if (p == NULL)
			__builtin_trap(); /* a decoded payload must be inside the packet */
		use(p, n);
		roundtrip_data(c, &d);
	}
	if (sctpdk_init_decode(c, &in) == SCTPDK_WIRE_OK) {
		roundtrip_init(c->type, &in);
		if (in.has_cookie) {
			uint8_t tmp[256];
			uint32_t n = in.cookie_len < sizeof(tmp) ? in.cookie_len : sizeof(tmp);
			if (sctpdk_src_copy(&c->src, in.cookie_off, n, tmp) != 0)
				__builtin_trap();
		}
		/* answer it: INIT ACK reporting the unrecognized parameters */
		in.unrec_src = &c->src;
		in.cookie = out; /* any bytes */
		in.cookie_len = 16;
		sctpdk_wr_init(&w, out + 64, sizeof(out) - 64);
		sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT_ACK, &in);
		sctpdk_init_format(c->type, &in, s, sizeof(s));
	}
	if (c->len >= SCTPDK_INIT_FIXED_LEN)
		fuzz_params(&c->src, c->off + SCTPDK_INIT_FIXED_LEN, c->len - SCTPDK_INIT_FIXED_LEN);
	fuzz_params(&c->src, c->off + SCTPDK_CHUNK_HDR_LEN,
		    c->len >= 4 ? c->len - SCTPDK_CHUNK_HDR_LEN : 0);
	if (sctpdk_sack_decode(c, &sk) == SCTPDK_WIRE_OK) {
		struct sctpdk_gap g;
		for (uint32_t i = 0; i < sk.n_gaps; i++)
			if (sctpdk_sack_gap_at(c, &sk, (uint16_t)i, &g) != SCTPDK_WIRE_OK)
				__builtin_trap();
		for (uint32_t i = 0; i < sk.n_dups; i++)
			if (sctpdk_sack_dup_at(c, &sk, (uint16_t)i, &tsn) != SCTPDK_WIRE_OK)
				__builtin_trap();
		sctpdk_sack_gap_at(c, &sk, sk.n_gaps, &g);
		roundtrip_sack(c, &sk);
	}
	if (sctpdk_heartbeat_decode(c, &hb) == SCTPDK_WIRE_OK) {
		sctpdk_wr_init(&w, out, sizeof(out));
		sctpdk_heartbeat_ack_from(&w, c);
	}
	if (sctpdk_abort_decode(c, &ab) == SCTPDK_WIRE_OK)
		fuzz_causes(c);
	if (sctpdk_error_chunk_decode(c, &ec) == SCTPDK_WIRE_OK)
		fuzz_causes(c);
	sctpdk_shutdown_decode(c, &tsn);
	sctpdk_shutdown_ack_decode(c);
	sctpdk_shutdown_complete_decode(c, &t);
	sctpdk_cookie_echo_decode(c, &ce);
	sctpdk_cookie_ack_decode(c);
	sctpdk_ecn_decode(c, &tsn);
	sctpdk_chunk_format(c, s, sizeof(s));
	/* what a receiver does with a chunk to report, and a verbatim copy */
	sctpdk_wr_init(&w, out, sizeof(out));
	uint32_t mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	sctpdk_cause_unrecognized_chunk_encode(&w, c);
	sctpdk_chunk_end(&w, mark);
	sctpdk_chunk_copy(&w, c);
	use(out, w.len < 64 ? w.len : 64);
}

/* Walk one packet; returns a digest of the actions and chunk positions. */
static uint64_t
walk(struct sctpdk_pkt_iter *it, enum sctpdk_wire_reason r)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)r;
	if (r != SCTPDK_WIRE_OK)
		return h;
	struct sctpdk_chunk c;
	enum sctpdk_chunk_action a;
	int guard = 0;
	while ((a = sctpdk_pkt_iter_next(it, &c)) != SCTPDK_CHUNK_END) {
		if (++guard > 70000)
			__builtin_trap(); /* the iterator must terminate */
		if (c.off + c.len > it->end || c.len < 4)
			__builtin_trap(); /* never hands out an out-of-bounds chunk */
		h = (h ^ (uint64_t)a) * 1099511628211ull;
		h = (h ^ c.off ^ ((uint64_t)c.len << 32)) * 1099511628211ull;
		fuzz_chunk(&c);
	}
	return h ^ it->reason;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	uint8_t ctl = data[0];
	const uint8_t *pkt = data + 1;
	/* the encoders' output room also varies with the input */
	out_cap = 64u + (uint32_t)(ctl & 0x1c) * 100u;
	uint32_t len = (uint32_t)(size - 1);

	/* flat copy of exactly len bytes */
	uint8_t *flat = malloc(len > 0 ? len : 1);
	if (len > 0)
		memcpy(flat, pkt, len);
	struct sctpdk_pkt_iter it1, it2;
	uint64_t h1 = walk(&it1, sctpdk_pkt_iter_init_buf(&it1, flat, len));

	struct chain ch;
	uint32_t cuts[2] = {0, 0};
	int ncuts = fuzz_wire_cuts(ctl, len, cuts);
	chain_build(&ch, pkt, len, cuts, ncuts);
	uint64_t h2 = walk(&it2, sctpdk_pkt_iter_init(&it2, &ch.m[0], 0));
	if (h1 != h2)
		__builtin_trap(); /* segmentation must not change the result */
	if (len >= SCTPDK_COMMON_HDR_LEN)
		sink += (uint32_t)sctpdk_pkt_cksum_check(&ch.m[0], 0);

	chain_free(&ch);
	free(flat);
	return 0;
}
