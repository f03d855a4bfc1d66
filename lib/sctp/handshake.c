/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Association setup (RFC 9260 section 5): INIT, INIT ACK, COOKIE ECHO and
 * COOKIE ACK, the state cookie, and every case of 5.2 (collisions, INIT in
 * other states with tie-tags, the COOKIE ECHO table of 5.2.4, stale
 * cookies, restart with new addresses).
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "chunk.h"
#include "init.h"
#include "param.h"
#include "sctpdk_wire.h" /* lib/wire encoders */
#include "sctp_int.h"

#define INIT_FIXED 16        /* tag, a_rwnd, OS, MIS, initial TSN */
#define MAX_UNREC 16         /* unrecognised parameters reported */
#define MAX_PRESERVE_MS 3600000u

/* What an INIT or INIT ACK says. Pointers point into ep->scratch. */
struct init_info {
	uint32_t tag;
	uint32_t a_rwnd;
	uint16_t os;
	uint16_t mis;
	uint32_t tsn;
	uint8_t n_addrs;
	struct sctpdk_addr addrs[SCTPDK_SCTP_MAX_ADDRS];
	const uint8_t *cookie;
	uint16_t cookie_len;
	uint32_t preservative_ms;
	bool has_adaptation;
	uint32_t adaptation;
	bool has_types;
	bool type_v4;
	bool type_v6;
	const uint8_t *hostname; /* whole Host Name parameter TLV */
	uint16_t hostname_len;
	uint8_t n_unrec;
	const uint8_t *unrec[MAX_UNREC]; /* whole parameter TLVs to report */
	uint16_t unrec_len[MAX_UNREC];
	bool malformed_param;
};

static void
add_addr(struct init_info *ii, const struct sctpdk_addr *a)
{
	for (unsigned i = 0; i < ii->n_addrs; i++)
		if (sctpdk_addr_eq(&ii->addrs[i], a))
			return;
	if (ii->n_addrs < SCTPDK_SCTP_MAX_ADDRS)
		ii->addrs[ii->n_addrs++] = *a;
}

/*
 * Read an INIT / INIT ACK chunk into scratch (SCRATCH_LEN bytes) and decode it with the
 * wire codec. The source address comes first in the address list (5.1.2);
 * families we have no address of are left out. Returns 0 or -1 (chunk
 * shorter than its fixed part).
 */
static int
parse_init(const struct sctpdk_sctp_ep *ep, uint8_t *scratch, const struct rx_ctx *rx,
	   const struct pkt_chunk *c, struct init_info *ii)
{
	memset(ii, 0, sizeof(*ii));
	uint8_t *v = scratch;
	if (c->len < CHUNK_HDR_LEN + INIT_FIXED || pkt_read(rx->m, c->off, v, c->len) != 0)
		return -1;
	struct sctpdk_chunk wc;
	struct sctpdk_init wi;
	if (sctpdk_chunk_from_buf(v, c->len, &wc) != SCTPDK_WIRE_OK)
		return -1;
	enum sctpdk_wire_reason r = sctpdk_init_decode(&wc, &wi);
	if (r != SCTPDK_WIRE_OK) {
		/* A malformed parameter: keep the fixed part for the checks of
		 * the caller and flag it. */
		ii->malformed_param = true;
	}
	ii->tag = rd32(v + 4);
	ii->a_rwnd = rd32(v + 8);
	ii->os = rd16(v + 12);
	ii->mis = rd16(v + 14);
	ii->tsn = rd32(v + 16);
	if (r != SCTPDK_WIRE_OK)
		return 0;
	if (ep_supports_family(ep, rx->src->family))
		add_addr(ii, rx->src);
	for (unsigned i = 0; i < wi.n_addrs && i < SCTPDK_INIT_MAX_ADDRS; i++)
		if (ep_supports_family(ep, wi.addrs[i].family))
			add_addr(ii, &wi.addrs[i]);
	if (wi.has_cookie) {
		ii->cookie = v + wi.cookie_off;
		ii->cookie_len = wi.cookie_len;
	}
	if (wi.has_cookie_preservative)
		ii->preservative_ms = wi.cookie_preservative_ms;
	if (wi.has_supported_addr_types) {
		ii->has_types = true;
		ii->type_v4 = (wi.supported_addr_types & SCTPDK_ADDRTYPE_IPV4) != 0;
		ii->type_v6 = (wi.supported_addr_types & SCTPDK_ADDRTYPE_IPV6) != 0;
	}
	if (wi.has_adaptation) {
		ii->has_adaptation = true;
		ii->adaptation = wi.adaptation_ind;
	}
	for (unsigned i = 0; i < wi.n_unrec && i < SCTPDK_INIT_MAX_UNREC && i < MAX_UNREC; i++) {
		ii->unrec[ii->n_unrec] = v + wi.unrec[i].off;
		ii->unrec_len[ii->n_unrec++] = wi.unrec[i].len;
	}
	if (wi.host_name_seen) {
		/* The whole Host Name parameter goes back in the ABORT cause. */
		struct sctpdk_wire_src src = sctpdk_src_buf(v, c->len);
		struct sctpdk_param_iter it;
		struct sctpdk_param p;
		sctpdk_param_iter_init(&it, &src, CHUNK_HDR_LEN + INIT_FIXED,
				       c->len - CHUNK_HDR_LEN - INIT_FIXED);
		while (sctpdk_param_iter_next(&it, &p) == 1) {
			if (p.type == PT_HOST_NAME) {
				ii->hostname = v + p.off;
				ii->hostname_len = p.len;
				break;
			}
		}
		if (ii->hostname == NULL) {
			ii->hostname = v; /* never empty: report at least the fact */
			ii->hostname_len = 0;
		}
	}
	return 0;
}

/* Our parameters for an INIT ACK. */
struct ack_params {
	uint32_t tag;
	uint32_t tsn;
	uint16_t os;
	uint32_t local_tie;
	uint32_t peer_tie;
};

/* INIT / INIT ACK parameters go through lib/wire's encoders into w, the
 * writer over the chunk's room; one that does not fit is left out. */

/* Our addresses, when there are several (one goes without: 3.3.2). */
static void
add_addr_params(const struct sctpdk_sctp_ep *ep, struct sctpdk_wr *w)
{
	if (ep->cfg.n_local_addrs < 2)
		return;
	for (unsigned i = 0; i < ep->cfg.n_local_addrs; i++)
		if (sctpdk_param_addr_encode(w, &ep->cfg.local_addrs[i]) != 0)
			return;
}

static void
add_adaptation_param(const struct sctpdk_sctp_ep *ep, struct sctpdk_wr *w)
{
	if (ep->cfg.send_adaptation)
		sctpdk_param_adaptation_encode(w, ep->cfg.adaptation_bits);
}

/* Start an INIT or INIT ACK in b: its fixed part written to w (the
 * parameters follow). Returns the chunk's mark, or -1 (no room). */
static int64_t
init_begin(struct pkt_builder *b, struct sctpdk_wr *w, uint8_t type, uint32_t tag,
	   uint32_t a_rwnd, uint16_t os, uint16_t mis, uint32_t tsn)
{
	if (pkt_wr_chunk(b, w, CHUNK_HDR_LEN + INIT_FIXED) != 0)
		return -1;
	struct sctpdk_init fixed;
	fixed.init_tag = tag;
	fixed.a_rwnd = a_rwnd;
	fixed.n_out_streams = os;
	fixed.n_in_streams = mis;
	fixed.init_tsn.v = tsn;
	return sctpdk_init_begin(w, type, &fixed);
}

/* Close the chunk begun at mark and add it to b. Returns 0 or -1. */
static int
init_end(struct pkt_builder *b, struct sctpdk_wr *w, int64_t mark)
{
	if (sctpdk_chunk_end(w, (uint32_t)mark) != 0 || pkt_wr_commit(b, w, 1) != 0)
		return -1;
	return 0;
}

/* Send an answer built for rx from the address rx reached to its source. */
static void
emit(struct sctpdk_sctp_ep *ep, const struct rx_ctx *rx, struct rte_mbuf *m)
{
	if (m != NULL)
		ep->cfg.ops.output(ep->cfg.ops.ctx, m, rx->dst, rx->src);
}

/*
 * The INIT ACK answering an INIT, carrying a fresh cookie sealed with keys
 * (5.1 step B, 5.2.1, 5.2.2): built, sealed and counted in st, not sent.
 * Reads the endpoint only. NULL when no mbuf was free (counted).
 */
static struct rte_mbuf *
build_init_ack(const struct sctpdk_sctp_ep *ep, const struct sctpdk_cookie_keys *keys,
	       struct sctpdk_sctp_stats *st, const struct rx_ctx *rx, const struct init_info *ii,
	       const struct ack_params *ap)
{
	struct sctpdk_cookie ck;
	memset(&ck, 0, sizeof(ck));
	ck.created_us = rx->now_us;
	uint64_t life = ep->cfg.cookie_life_us;
	if (ii->preservative_ms != 0) /* 5.1.3: honour a bounded increment */
		life += (uint64_t)(ii->preservative_ms < MAX_PRESERVE_MS ? ii->preservative_ms
									  : MAX_PRESERVE_MS) *
			1000u;
	ck.life_us = life > UINT32_MAX ? UINT32_MAX : (uint32_t)life;
	ck.local_vtag = ap->tag;
	ck.peer_vtag = ii->tag;
	ck.local_tsn = ap->tsn;
	ck.peer_tsn = ii->tsn;
	ck.local_tie = ap->local_tie;
	ck.peer_tie = ap->peer_tie;
	ck.peer_rwnd = ii->a_rwnd;
	ck.peer_adaptation = ii->adaptation;
	ck.has_adaptation = ii->has_adaptation;
	ck.out_streams = ap->os < ii->mis ? ap->os : ii->mis;
	ck.in_streams = ii->os < ep->cfg.max_in_streams ? ii->os : ep->cfg.max_in_streams;
	ck.local_port = ep->cfg.local_port;
	ck.peer_port = rx->hdr.src_port;
	ck.n_peer_addrs = ii->n_addrs;
	memcpy(ck.peer_addrs, ii->addrs, sizeof(ck.peer_addrs));

	struct pkt_builder b;
	if (pkt_begin(&b, ep->cfg.pool, ep_payload_limit(ep), ep->cfg.local_port,
		      rx->hdr.src_port, ii->tag) != 0) {
		st->nomem++;
		return NULL;
	}
	struct sctpdk_wr w;
	int64_t mark = init_begin(&b, &w, CT_INIT_ACK, ap->tag, ep->cfg.rwnd_bytes, ap->os,
				  ep->cfg.max_in_streams, ap->tsn);
	if (mark < 0)
		goto fail;
	/* the cookie is sealed in place, in the parameter's value */
	uint32_t ck_len = (uint32_t)sctpdk_cookie_len();
	uint32_t pmark = sctpdk_tlv_begin(&w, PT_STATE_COOKIE);
	uint32_t at = sctpdk_wr_mark(&w);
	sctpdk_wr_zero(&w, ck_len);
	if (w.err == 0)
		sctpdk_cookie_seal(keys, &ck, sctpdk_wr_data(&w) + at, ck_len);
	if (sctpdk_tlv_end(&w, pmark) != 0)
		goto fail;
	add_addr_params(ep, &w);
	add_adaptation_param(ep, &w);
	for (unsigned i = 0; i < ii->n_unrec; i++)
		if (sctpdk_tlv_put(&w, PT_UNRECOGNIZED, ii->unrec[i], ii->unrec_len[i]) != 0)
			break; /* what does not fit is not reported */
	if (init_end(&b, &w, mark) != 0)
		goto fail;
	struct rte_mbuf *m = pkt_finish(&b);
	ep_seal(ep, m, st);
	return m;
fail:
	pkt_abandon(&b);
	return NULL;
}

static void
send_init_ack(struct sctpdk_sctp_ep *ep, const struct rx_ctx *rx, const struct init_info *ii,
	      const struct ack_params *ap)
{
	emit(ep, rx, build_init_ack(ep, &ep->keys, &ep->stats, rx, ii, ap));
}

/* INIT fields valid (3.3.2: tag, OS and MIS non-zero)? Counts when not. */
static bool
init_valid(struct sctpdk_sctp_stats *st, const struct init_info *ii)
{
	if (ii->tag == 0 || ii->os == 0 || ii->mis == 0 || ii->malformed_param) {
		st->rx_bad_init++;
		return false;
	}
	return true;
}

/* ABORT answering an INIT we cannot serve: the INIT's tag, T bit clear. */
static struct rte_mbuf *
build_abort_init(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st,
		 const struct rx_ctx *rx, const struct init_info *ii, uint16_t cause,
		 const void *info, uint16_t info_len)
{
	return ep_build_lone_chunk(ep, st, ep->cfg.local_port, rx->hdr.src_port, ii->tag, CT_ABORT,
				   0, cause, info, info_len);
}

static void
abort_init(struct sctpdk_sctp_ep *ep, const struct rx_ctx *rx, const struct init_info *ii,
	   uint16_t cause, const void *info, uint16_t info_len)
{
	emit(ep, rx, build_abort_init(ep, &ep->stats, rx, ii, cause, info, info_len));
}

/* Host name addresses are not supported; peers supporting none of our
 * families cannot be served (5.1.2). Returns true when refused, with the
 * ABORT in *reply (NULL if none could be built). */
static bool
refuse_addresses(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st,
		 const struct rx_ctx *rx, const struct init_info *ii, struct rte_mbuf **reply)
{
	if (ii->hostname != NULL) {
		*reply = build_abort_init(ep, st, rx, ii, CAUSE_UNRESOLVABLE_ADDR,
					  ii->hostname_len ? ii->hostname : NULL, ii->hostname_len);
		return true;
	}
	if (ii->has_types && !(ii->type_v4 && ep_supports_family(ep, SCTPDK_AF_INET)) &&
	    !(ii->type_v6 && ep_supports_family(ep, SCTPDK_AF_INET6))) {
		*reply = build_abort_init(ep, st, rx, ii, CAUSE_UNRESOLVABLE_ADDR, NULL, 0);
		return true;
	}
	return false;
}

/*
 * The answer to an INIT no association claims (8.4 rule 3, 5.1): INIT ACK,
 * ABORT or nothing (counted in st). Reads the endpoint only: its
 * immutable configuration, its listening flag and the given cookie keys;
 * scratch holds the chunk while it is parsed. Shared by the endpoint path
 * and the stateless one, so both answer alike.
 */
static struct rte_mbuf *
answer_ootb_init(const struct sctpdk_sctp_ep *ep, const struct sctpdk_cookie_keys *keys,
		 struct sctpdk_sctp_stats *st, uint8_t *scratch, const struct rx_ctx *rx,
		 const struct pkt_chunk *c)
{
	struct init_info ii;
	/* 8.5.1 A: the packet carrying INIT has a zero tag. */
	if (rx->hdr.vtag != 0) {
		st->rx_bad_vtag++;
		return NULL;
	}
	if (parse_init(ep, scratch, rx, c, &ii) != 0) {
		st->rx_malformed++;
		return NULL;
	}
	if (!init_valid(st, &ii))
		return NULL;
	/* not listening: ABORT, within the caller's out-of-the-blue rate */
	if (!__atomic_load_n(&ep->cfg.listening, __ATOMIC_RELAXED))
		return ep_ootb_answer_ok(ep, st) ? build_abort_init(ep, st, rx, &ii, 0, NULL, 0)
						 : NULL;
	struct rte_mbuf *reply = NULL;
	if (refuse_addresses(ep, st, rx, &ii, &reply))
		return reply;
	struct ack_params ap = {
		.tag = ep_random_tag(ep),
		.tsn = ep_random32(ep),
		.os = ep->cfg.out_streams,
	};
	return build_init_ack(ep, keys, st, rx, &ii, &ap);
}

void
hs_ootb_init(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	emit(ep, rx, answer_ootb_init(ep, &ep->keys, &ep->stats, ep->scratch, rx, c));
}

static void
stats_add(struct sctpdk_sctp_stats *to, const struct sctpdk_sctp_stats *from)
{
	_Static_assert(sizeof(*to) % sizeof(uint64_t) == 0, "counters are 64-bit");
	uint64_t *d = (uint64_t *)to;
	const uint64_t *s = (const uint64_t *)from;
	for (size_t i = 0; i < sizeof(*to) / sizeof(uint64_t); i++)
		d[i] += s[i];
}

int
sctpdk_sctp_input_stateless(const struct sctpdk_sctp_ep *ep, struct rte_mbuf *pkt,
			    const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
			    uint64_t now_us, struct sctpdk_sctp_stateless *sl,
			    struct rte_mbuf **reply)
{
	*reply = NULL;
	struct rx_ctx rx;
	memset(&rx, 0, sizeof(rx));
	rx.m = pkt;
	rx.src = src;
	rx.dst = dst;
	rx.now_us = now_us;
	struct sctpdk_sctp_stats st;
	memset(&st, 0, sizeof(st));
	uint32_t seen;
	struct pkt_chunk first;
	if (!ep_rx_begin(ep, &rx, pkt, &st, &first, &seen))
		goto done;
	if (first.type != CT_INIT)
		return SCTPDK_SCTP_STATELESS_PASS;
	/* Would sctpdk_sctp_input() find an association (the source or an
	 * address the INIT lists: collision, restart)? The filter may say
	 * yes wrongly, never no wrongly; the owner then decides. */
	if (ep_peer_maybe_known(ep, src, rx.hdr.src_port))
		return SCTPDK_SCTP_STATELESS_PASS;
	struct init_info ii;
	if (parse_init(ep, sl->scratch, &rx, &first, &ii) == 0)
		for (unsigned i = 0; i < ii.n_addrs; i++)
			if (ep_peer_maybe_known(ep, &ii.addrs[i], rx.hdr.src_port))
				return SCTPDK_SCTP_STATELESS_PASS;
	/* out of the blue (8.4): as ootb() in endpoint.c */
	st.rx_ootb++;
	if (!(seen & (1u << CT_ABORT))) {
		struct sctpdk_cookie_keys keys;
		sctpdk_cookie_keys_snapshot(&ep->keys, &keys);
		*reply = answer_ootb_init(ep, &keys, &st, sl->scratch, &rx, &first);
	}
done:
	st.rx_packets++;
	stats_add(&sl->stats, &st);
	rte_pktmbuf_free(pkt);
	return SCTPDK_SCTP_STATELESS_DONE;
}

/* Parse the address parameters of an INIT and find an association. */
struct sctpdk_sctp_assoc *
hs_find_by_init(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct init_info ii;
	if (parse_init(ep, ep->scratch, rx, c, &ii) != 0)
		return NULL;
	for (unsigned i = 0; i < ii.n_addrs; i++) {
		struct sctpdk_sctp_assoc *a = ep_assoc_by_peer(ep, &ii.addrs[i], rx->hdr.src_port);
		if (a != NULL)
			return a;
	}
	return NULL;
}

/* Open the cookie of a COOKIE ECHO once per packet (cached in rx). */
static int
open_cookie(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (rx->ck_done)
		return rx->ck_rc;
	rx->ck_done = true;
	uint32_t vlen = c->len - CHUNK_HDR_LEN;
	if (vlen != sctpdk_cookie_len() || pkt_read(rx->m, c->off + CHUNK_HDR_LEN, ep->scratch,
						     vlen) != 0) {
		rx->ck_rc = SCTPDK_ERR_MALFORMED;
		return rx->ck_rc;
	}
	rx->ck_rc = sctpdk_cookie_open(&ep->keys, ep->scratch, vlen, rx->now_us, &rx->ck,
				       &rx->ck_stale_us);
	return rx->ck_rc;
}

struct sctpdk_sctp_assoc *
hs_find_by_cookie(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	int rc = open_cookie(ep, rx, c);
	if (rc < 0)
		return NULL;
	for (unsigned i = 0; i < rx->ck.n_peer_addrs; i++) {
		struct sctpdk_sctp_assoc *a =
			ep_assoc_by_peer(ep, &rx->ck.peer_addrs[i], rx->hdr.src_port);
		if (a != NULL)
			return a;
	}
	return NULL;
}

/* Start a timer at now + the current RTO. */
static void
arm_rto(struct sctpdk_sctp_assoc *a, enum assoc_timer t)
{
	a->timer[t] = a->ep->now_us + a->rto_us;
}

void
hs_send_init(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct pkt_builder b;
	if (pkt_begin(&b, ep->cfg.pool, ep_payload_limit(ep), ep->cfg.local_port, a->peer_port,
		      0) != 0) {
		ep->stats.nomem++;
		arm_rto(a, TMR_T1_INIT);
		return;
	}
	struct sctpdk_wr w;
	int64_t mark = init_begin(&b, &w, CT_INIT, a->local_vtag, ep->cfg.rwnd_bytes,
				  a->req_out_streams, ep->cfg.max_in_streams, a->local_tsn);
	if (mark < 0) {
		pkt_abandon(&b);
		arm_rto(a, TMR_T1_INIT);
		return;
	}
	add_addr_params(ep, &w);
	/* Supported Address Types: the families we have addresses of. */
	uint8_t types = (ep_supports_family(ep, SCTPDK_AF_INET) ? SCTPDK_ADDRTYPE_IPV4 : 0) |
			(ep_supports_family(ep, SCTPDK_AF_INET6) ? SCTPDK_ADDRTYPE_IPV6 : 0);
	if (types != 0)
		sctpdk_param_supported_addr_types_encode(&w, types);
	else /* none: the parameter without a type, as before */
		sctpdk_tlv_put(&w, PT_SUPPORTED_ADDR_TYPES, NULL, 0);
	if (a->cookie_preservative_ms != 0)
		sctpdk_param_cookie_preservative_encode(&w, a->cookie_preservative_ms);
	add_adaptation_param(ep, &w);
	if (init_end(&b, &w, mark) != 0) {
		pkt_abandon(&b);
		arm_rto(a, TMR_T1_INIT);
		return;
	}
	ep_output(ep, pkt_finish(&b), &a->local_addr, assoc_primary(a));
	arm_rto(a, TMR_T1_INIT);
}

void
hs_send_cookie_echo(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	struct pkt_builder b;
	if (assoc_begin_packet(a, &b) != 0) {
		arm_rto(a, TMR_T1_COOKIE);
		return;
	}
	struct sctpdk_wr w;
	int rc = pkt_wr_chunk(&b, &w, CHUNK_HDR_LEN + ((a->cookie_len + 3u) & ~3u));
	if (rc == 0)
		rc = a->cookie_len != 0 ? sctpdk_cookie_echo_encode(&w, a->cookie, a->cookie_len)
					: sctpdk_chunk_encode_empty(&w, CT_COOKIE_ECHO, 0);
	if (rc != 0 || pkt_wr_commit(&b, &w, 1) != 0) {
		pkt_abandon(&b);
		arm_rto(a, TMR_T1_COOKIE);
		return;
	}
	if (a->pend_err_len != 0) {
		/* Unrecognised INIT ACK parameters: one ERROR chunk (3.2.1). */
		if (pkt_wr_chunk(&b, &w, CHUNK_HDR_LEN + a->pend_err_len) == 0 &&
		    sctpdk_error_chunk_encode(&w, a->pend_err, a->pend_err_len) == 0)
			pkt_wr_commit(&b, &w, 1);
		free(a->pend_err);
		a->pend_err = NULL;
		a->pend_err_len = 0;
	}
	data_add_data(a, &b, now_us); /* DATA may ride with the COOKIE ECHO */
	assoc_send_packet(a, &b);
	arm_rto(a, TMR_T1_COOKIE);
}

/* Copy the peer's side of the setup into the association. */
static void
take_peer_params(struct sctpdk_sctp_assoc *a, const struct init_info *ii)
{
	a->peer_vtag = ii->tag;
	a->peer_tsn = ii->tsn;
	a->peer_rwnd = ii->a_rwnd;
	a->out_streams = a->req_out_streams < ii->mis ? a->req_out_streams : ii->mis;
	a->in_streams = ii->os < a->ep->cfg.max_in_streams ? ii->os : a->ep->cfg.max_in_streams;
	for (unsigned i = 0; i < ii->n_addrs; i++)
		assoc_add_peer_addr(a, &ii->addrs[i]);
	a->peer_has_adaptation = ii->has_adaptation;
	a->peer_adaptation = ii->adaptation;
}

static void
report_adaptation(struct sctpdk_sctp_assoc *a)
{
	if (!a->peer_has_adaptation)
		return;
	struct sctpdk_sctp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCTPDK_EV_ADAPTATION;
	ev.assoc_id = a->id;
	ev.u.adaptation.bits = a->peer_adaptation;
	ev_push(a->ep, &ev);
}

/* Association is up: COMM_UP (and the peer's adaptation bits) once. */
static void
comm_up(struct sctpdk_sctp_assoc *a, uint16_t how)
{
	assoc_set_state(a, SCTPDK_ST_ESTABLISHED);
	a->timer[TMR_T1_INIT] = NO_DEADLINE;
	a->timer[TMR_T1_COOKIE] = NO_DEADLINE;
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	a->init_retrans = 0;
	if (how == SCTPDK_COMM_UP && a->comm_up_sent)
		return;
	a->comm_up_sent = true;
	ev_assoc_change(a, how, 0);
	report_adaptation(a);
}

void
hs_assoc_init_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct init_info ii;
	if (a->state != SCTPDK_ST_COOKIE_WAIT) { /* 5.2.3 */
		ep->stats.rx_unexpected++;
		return;
	}
	if (parse_init(ep, ep->scratch, rx, c, &ii) != 0) {
		ep->stats.rx_malformed++;
		return;
	}
	if (ii.tag == 0 || ii.os == 0 || ii.mis == 0) {
		/* 3.3.3: destroy the association; ABORT for debugging. */
		ep->stats.rx_bad_init++;
		assoc_abort_with(a, CAUSE_INVALID_MANDATORY, NULL, 0, SCTPDK_CANT_STR_ASSOC);
		rx->assoc_gone = true;
		return;
	}
	if (ii.cookie == NULL) {
		uint8_t missing[6];
		wr32(missing, 1);
		wr16(missing + 4, PT_STATE_COOKIE);
		ep->stats.rx_bad_init++;
		a->peer_vtag = ii.tag;
		assoc_abort_with(a, CAUSE_MISSING_PARAM, missing, sizeof(missing),
				 SCTPDK_CANT_STR_ASSOC);
		rx->assoc_gone = true;
		return;
	}
	uint8_t *ck = malloc(ii.cookie_len ? ii.cookie_len : 1);
	if (ck == NULL) {
		ep->stats.nomem++;
		return;
	}
	memcpy(ck, ii.cookie, ii.cookie_len);
	free(a->cookie);
	a->cookie = ck;
	a->cookie_len = ii.cookie_len;
	take_peer_params(a, &ii);
	if (data_peer_init(a) != 0 || data_set_streams(a) != 0) {
		assoc_abort_with(a, CAUSE_OUT_OF_RESOURCE, NULL, 0, SCTPDK_CANT_STR_ASSOC);
		rx->assoc_gone = true;
		return;
	}
	/* Unrecognised parameters go back in ERROR causes with the COOKIE ECHO. */
	free(a->pend_err);
	a->pend_err = NULL;
	a->pend_err_len = 0;
	if (ii.n_unrec > 0) {
		uint32_t total = 0;
		for (unsigned i = 0; i < ii.n_unrec; i++)
			total += 4u + ((ii.unrec_len[i] + 3u) & ~3u);
		if (total <= 1024 && (a->pend_err = calloc(1, total)) != NULL) {
			struct sctpdk_wr w;
			sctpdk_wr_init(&w, a->pend_err, total);
			for (unsigned i = 0; i < ii.n_unrec; i++)
				sctpdk_cause_encode(&w, CAUSE_UNRECOGNIZED_PARAMS, ii.unrec[i],
						    ii.unrec_len[i]);
			a->pend_err_len = (uint16_t)w.len;
		}
	}
	a->timer[TMR_T1_INIT] = NO_DEADLINE;
	a->init_retrans = 0;
	a->rto_us = ep->cfg.rto_initial_us;
	assoc_set_state(a, SCTPDK_ST_COOKIE_ECHOED);
	hs_send_cookie_echo(a, rx->now_us);
}

/* Addresses in list not yet part of the association (5.2.2). */
static unsigned
new_addresses(const struct sctpdk_sctp_assoc *a, const struct sctpdk_addr *list, unsigned n,
	      uint8_t *info, uint16_t *info_len)
{
	unsigned k = 0;
	*info_len = 0;
	for (unsigned i = 0; i < n; i++) {
		if (assoc_has_peer_addr(a, &list[i]))
			continue;
		k++;
		bool v4 = list[i].family == SCTPDK_AF_INET;
		uint8_t *p = info + *info_len;
		wr16(p, v4 ? PT_IPV4 : PT_IPV6);
		wr16(p + 2, v4 ? 8 : 20);
		memcpy(p + 4, v4 ? (const void *)&list[i].u.v4 : (const void *)list[i].u.v6,
		       v4 ? 4 : 16);
		*info_len = (uint16_t)(*info_len + (v4 ? 8 : 20));
	}
	return k;
}

void
hs_assoc_init(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct init_info ii;
	if (rx->hdr.vtag != 0) { /* 8.5.1 A */
		ep->stats.rx_bad_vtag++;
		return;
	}
	if (parse_init(ep, ep->scratch, rx, c, &ii) != 0) {
		ep->stats.rx_malformed++;
		return;
	}
	if (!init_valid(&ep->stats, &ii))
		return;
	struct rte_mbuf *refusal = NULL;
	if (refuse_addresses(ep, &ep->stats, rx, &ii, &refusal)) {
		emit(ep, rx, refusal);
		return;
	}
	uint8_t info[SCTPDK_SCTP_MAX_ADDRS * 20];
	uint16_t info_len;
	struct ack_params ap = {.os = a->req_out_streams};
	switch (a->state) {
	case SCTPDK_ST_COOKIE_WAIT:
		/* 5.2.1: our original parameters, tag unchanged, no tie-tags. */
		ap.tag = a->local_vtag;
		ap.tsn = a->local_tsn;
		break;
	case SCTPDK_ST_COOKIE_ECHOED:
		/* 5.2.1: as above unless the INIT adds an address. */
		if (new_addresses(a, ii.addrs, ii.n_addrs, info, &info_len) > 0) {
			abort_init(ep, rx, &ii, CAUSE_RESTART_NEW_ADDRS, info, info_len);
			return;
		}
		ap.tag = a->local_vtag;
		ap.tsn = a->local_tsn;
		ap.local_tie = a->local_vtag;
		ap.peer_tie = a->peer_vtag;
		break;
	case SCTPDK_ST_SHUTDOWN_ACK_SENT:
		/* 9.2: the SHUTDOWN COMPLETE was probably lost: resend the ACK. */
		assoc_send_shutdown_ack(a);
		return;
	default:
		/* 5.2.2: new addresses refuse the restart; otherwise a new tag
		 * and the current tags as tie-tags inside the cookie. */
		if (new_addresses(a, ii.addrs, ii.n_addrs, info, &info_len) > 0) {
			abort_init(ep, rx, &ii, CAUSE_RESTART_NEW_ADDRS, info, info_len);
			return;
		}
		ap.tag = ep_random_tag(ep);
		ap.tsn = ep_random32(ep);
		ap.os = a->out_streams;
		ap.local_tie = a->local_vtag;
		ap.peer_tie = a->peer_vtag;
		break;
	}
	send_init_ack(ep, rx, &ii, &ap);
}

/* Send a Stale Cookie ERROR for a cookie past its life (5.1.5 step 3). */
static void
send_stale(struct sctpdk_sctp_ep *ep, const struct rx_ctx *rx)
{
	uint8_t measure[4];
	uint64_t s = rx->ck_stale_us > UINT32_MAX ? UINT32_MAX : rx->ck_stale_us;
	wr32(measure, (uint32_t)s);
	ep->stats.rx_stale_cookie++;
	ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port,
			   rx->ck.peer_vtag, CT_ERROR, 0, CAUSE_STALE_COOKIE, measure, 4);
}

/* Check the cookie and the packet around it; false: discard. */
static bool
cookie_acceptable(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	int rc = open_cookie(ep, rx, c);
	if (rc < 0) {
		ep->stats.rx_bad_cookie++;
		return false;
	}
	/* 5.1.5 step 5: ports and tag of the packet match the cookie. */
	if (rx->ck.local_port != ep->cfg.local_port || rx->ck.peer_port != rx->hdr.src_port ||
	    rx->hdr.vtag != rx->ck.local_vtag) {
		ep->stats.rx_bad_vtag++;
		return false;
	}
	return true;
}

/* Set the association from an authentic cookie. */
static int
take_cookie(struct sctpdk_sctp_assoc *a, const struct rx_ctx *rx)
{
	const struct sctpdk_cookie *ck = &rx->ck;
	a->local_vtag = ck->local_vtag;
	a->peer_vtag = ck->peer_vtag;
	a->local_tsn = ck->local_tsn;
	a->peer_tsn = ck->peer_tsn;
	a->peer_rwnd = ck->peer_rwnd;
	a->out_streams = ck->out_streams;
	a->req_out_streams = ck->out_streams;
	a->in_streams = ck->in_streams;
	a->peer_has_adaptation = ck->has_adaptation;
	a->peer_adaptation = ck->peer_adaptation;
	return 0;
}

void
hs_ootb_cookie_echo(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (!cookie_acceptable(ep, rx, c))
		return;
	if (rx->ck_rc == SCTPDK_COOKIE_STALE) {
		send_stale(ep, rx);
		return;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_new(ep);
	if (a == NULL) {
		/* Out of resources: tell the peer (5.1.5 and 3.3.10.4). */
		ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port,
				   rx->ck.peer_vtag, CT_ABORT, 0, CAUSE_OUT_OF_RESOURCE, NULL, 0);
		return;
	}
	take_cookie(a, rx);
	a->peer_port = rx->hdr.src_port;
	for (unsigned i = 0; i < rx->ck.n_peer_addrs; i++)
		assoc_add_peer_addr(a, &rx->ck.peer_addrs[i]);
	assoc_add_peer_addr(a, rx->src);
	for (unsigned i = 0; i < a->n_peer; i++)
		if (sctpdk_addr_eq(&a->peer_addrs[i], rx->src))
			a->primary = (uint8_t)i;
	a->local_addr = *rx->dst;
	if (data_init(a) != 0 || data_peer_init(a) != 0) {
		ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port,
				   rx->ck.peer_vtag, CT_ABORT, 0, CAUSE_OUT_OF_RESOURCE, NULL, 0);
		ep_assoc_del(ep, a);
		return;
	}
	comm_up(a, SCTPDK_COMM_UP);
	assoc_queue_cookie_ack(a);
	/* The rest of the packet (DATA bundled with the COOKIE ECHO); its
	 * SACK goes at once, bundled with the COOKIE ACK. */
	rx->immediate_sack = true;
	assoc_input_from(a, rx, c->off + ((c->len + 3u) & ~3u));
}

void
hs_assoc_cookie_echo(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	if (!cookie_acceptable(ep, rx, c)) {
		rx->stop = true;
		return;
	}
	const struct sctpdk_cookie *ck = &rx->ck;
	bool lt = ck->local_vtag == a->local_vtag, pt = ck->peer_vtag == a->peer_vtag;
	if (rx->ck_rc == SCTPDK_COOKIE_STALE && !(lt && pt)) {
		send_stale(ep, rx);
		rx->stop = true;
		return;
	}
	if (!lt && !pt && ck->local_tie == a->local_vtag && ck->peer_tie == a->peer_vtag) {
		/* Action A: the peer restarted. */
		if (a->state == SCTPDK_ST_SHUTDOWN_ACK_SENT) {
			assoc_send_shutdown_ack(a);
			assoc_queue_error(a, CAUSE_COOKIE_WHILE_SHUTDOWN, NULL, 0);
			rx->stop = true;
			return;
		}
		uint8_t info[SCTPDK_SCTP_MAX_ADDRS * 20];
		uint16_t info_len;
		if (new_addresses(a, ck->peer_addrs, ck->n_peer_addrs, info, &info_len) > 0) {
			ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port,
					   rx->hdr.src_port, ck->peer_vtag, CT_ABORT, 0,
					   CAUSE_RESTART_NEW_ADDRS, info, info_len);
			rx->stop = true;
			return;
		}
		take_cookie(a, rx);
		if (data_reset(a) != 0) {
			assoc_abort_with(a, CAUSE_OUT_OF_RESOURCE, NULL, 0, SCTPDK_COMM_LOST);
			rx->assoc_gone = true;
			return;
		}
		for (int i = 0; i < TMR_COUNT; i++)
			a->timer[i] = NO_DEADLINE;
		a->shutdown_retrans = 0;
		a->shutdown_event_sent = false;
		comm_up(a, SCTPDK_RESTART);
		assoc_queue_cookie_ack(a);
		return;
	}
	if (lt && (!pt || a->peer_vtag == 0)) {
		/* Action B: setup collision. */
		bool new_peer_tsn = a->peer_vtag == 0 || a->peer_tsn != ck->peer_tsn;
		take_cookie(a, rx);
		if (new_peer_tsn && (data_peer_init(a) != 0 || data_set_streams(a) != 0)) {
			assoc_abort_with(a, CAUSE_OUT_OF_RESOURCE, NULL, 0, SCTPDK_COMM_LOST);
			rx->assoc_gone = true;
			return;
		}
		if (a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED)
			comm_up(a, SCTPDK_COMM_UP);
		assoc_queue_cookie_ack(a);
		return;
	}
	if (!lt && pt && ck->local_tie == 0 && ck->peer_tie == 0) {
		/* Action C: a late cookie: discard. */
		ep->stats.rx_unexpected++;
		rx->stop = true;
		return;
	}
	if (lt && pt) {
		/* Action D: duplicate cookie. */
		if (a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED) {
			if (data_set_streams(a) != 0) {
				assoc_abort_with(a, CAUSE_OUT_OF_RESOURCE, NULL, 0,
						 SCTPDK_COMM_LOST);
				rx->assoc_gone = true;
				return;
			}
			comm_up(a, SCTPDK_COMM_UP);
		}
		assoc_queue_cookie_ack(a);
		return;
	}
	ep->stats.rx_unexpected++; /* no row of the 5.2.4 table matches */
	rx->stop = true;
}

void
hs_assoc_cookie_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (a->state != SCTPDK_ST_COOKIE_ECHOED) { /* 5.2.5 */
		a->ep->stats.rx_unexpected++;
		return;
	}
	comm_up(a, SCTPDK_COMM_UP);
}

void
hs_stale_cookie(struct sctpdk_sctp_assoc *a, uint32_t staleness_us)
{
	/* 5.2.6: retry with a Cookie Preservative of twice the staleness. */
	if (a->state != SCTPDK_ST_COOKIE_ECHOED)
		return;
	if (++a->init_retrans > a->ep->cfg.max_init_retrans) {
		assoc_close(a, SCTPDK_CANT_STR_ASSOC, CAUSE_STALE_COOKIE);
		return;
	}
	uint64_t ms = ((uint64_t)staleness_us * 2 + 999) / 1000;
	a->cookie_preservative_ms = ms == 0 ? 1 : ms > MAX_PRESERVE_MS ? MAX_PRESERVE_MS : (uint32_t)ms;
	a->timer[TMR_T1_COOKIE] = NO_DEADLINE;
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	a->peer_vtag = 0;
	assoc_set_state(a, SCTPDK_ST_COOKIE_WAIT);
	hs_send_init(a);
}
