/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Endpoint: configuration, the association list, packet demultiplexing,
 * out-of-the-blue handling (RFC 9260 8.4) and the public entry points.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk_crc32c.h>

#include "iter.h"
#include "sctpdk_wire.h" /* lib/wire encoders */
#include "sctp_int.h"

void
sctpdk_sctp_config_default(struct sctpdk_sctp_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listening = 0;
	cfg->out_streams = 10;
	cfg->max_in_streams = 65535;
	cfg->rwnd_bytes = 4u << 20;
	cfg->cookie_life_us = 60u * 1000000u;
	cfg->max_init_retrans = 8;
	cfg->max_retrans = 10;
	cfg->rto_initial_us = 1000000;
	cfg->rto_min_us = 1000000;
	cfg->rto_max_us = 60u * 1000000u;
	cfg->sack_delay_us = 200000;
	cfg->pmtu = 1500;
	cfg->ip_overhead = 20;
	cfg->max_burst = 4;
	cfg->sack_freq = 2;
	cfg->hb_interval_ms = 30000;
	cfg->path_max_retrans = 5;
	cfg->tx_ref_min = 1200;
	cfg->rx_copy_max = SCTPDK_SCTP_RX_COPY_MAX_DEFAULT;
}

static int
config_ok(const struct sctpdk_sctp_config *cfg)
{
	if (cfg->local_port == 0 || cfg->n_local_addrs == 0 ||
	    cfg->n_local_addrs > SCTPDK_SCTP_MAX_ADDRS || cfg->pool == NULL ||
	    cfg->ops.output == NULL || cfg->ops.random == NULL || cfg->out_streams == 0 ||
	    cfg->max_in_streams == 0 || cfg->rto_min_us == 0 || cfg->rto_min_us > cfg->rto_max_us ||
	    cfg->pmtu < 576 || cfg->ip_overhead >= cfg->pmtu)
		return 0;
	for (unsigned i = 0; i < cfg->n_local_addrs; i++) {
		uint8_t f = cfg->local_addrs[i].family;
		if (f != SCTPDK_AF_INET && f != SCTPDK_AF_INET6)
			return 0;
	}
	return 1;
}

struct sctpdk_sctp_ep *
sctpdk_sctp_ep_new(const struct sctpdk_sctp_config *cfg, uint64_t now_us)
{
	if (cfg == NULL || !config_ok(cfg))
		return NULL;
	struct sctpdk_sctp_ep *ep = calloc(1, sizeof(*ep));
	if (ep == NULL)
		return NULL;
	ep->cfg = *cfg;
	if (ep->cfg.rto_initial_us < ep->cfg.rto_min_us)
		ep->cfg.rto_initial_us = ep->cfg.rto_min_us;
	if (ep->cfg.rto_initial_us > ep->cfg.rto_max_us)
		ep->cfg.rto_initial_us = ep->cfg.rto_max_us;
	ep->next_id = 1;
	ep->now_us = now_us;
	ep->scratch = malloc(SCRATCH_LEN);
	if (ep->scratch == NULL || evq_init(&ep->evq, cfg->max_events) != 0) {
		free(ep->scratch);
		free(ep);
		return NULL;
	}
	sctpdk_cookie_keys_init(&ep->keys, &ep->cfg.ops);
	return ep;
}

void
sctpdk_sctp_ep_del(struct sctpdk_sctp_ep *ep)
{
	if (ep == NULL)
		return;
	while (ep->assocs != NULL)
		ep_assoc_del(ep, ep->assocs);
	evq_free(&ep->evq);
	free(ep->scratch);
	free(ep);
}

void
sctpdk_sctp_set_listening(struct sctpdk_sctp_ep *ep, int on)
{
	__atomic_store_n(&ep->cfg.listening, on != 0, __ATOMIC_RELAXED);
}

int
sctpdk_sctp_set_local_addrs(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addrs,
			    unsigned n)
{
	if (n == 0 || n > SCTPDK_SCTP_MAX_ADDRS)
		return SCTPDK_ERR_INVAL;
	for (unsigned i = 0; i < n; i++)
		if (addrs[i].family != SCTPDK_AF_INET && addrs[i].family != SCTPDK_AF_INET6)
			return SCTPDK_ERR_INVAL;
	/* shrink first, so a reader never sees more entries than are valid */
	if (n < ep->cfg.n_local_addrs)
		ep->cfg.n_local_addrs = (uint16_t)n;
	memcpy(ep->cfg.local_addrs, addrs, sizeof(addrs[0]) * n);
	ep->cfg.n_local_addrs = (uint16_t)n;
	return 0;
}

void
sctpdk_sctp_rotate_key(struct sctpdk_sctp_ep *ep)
{
	sctpdk_cookie_keys_rotate(&ep->keys, &ep->cfg.ops);
}

uint32_t
ep_random32(const struct sctpdk_sctp_ep *ep)
{
	uint32_t v;
	ep->cfg.ops.random(ep->cfg.ops.ctx, &v, sizeof(v));
	return v;
}

uint32_t
ep_random_tag(const struct sctpdk_sctp_ep *ep)
{
	uint32_t v;
	do
		v = ep_random32(ep);
	while (v == 0);
	return v;
}

void
ep_seal(const struct sctpdk_sctp_ep *ep, struct rte_mbuf *m, struct sctpdk_sctp_stats *st)
{
	if (ep->cfg.tx_cksum_offload) {
		uint8_t *h = rte_pktmbuf_mtod(m, uint8_t *);
		memset(h + 8, 0, 4);
		m->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM;
	} else {
		sctpdk_sctp_cksum_set(m, 0);
	}
	st->tx_packets++;
}

void
ep_output(struct sctpdk_sctp_ep *ep, struct rte_mbuf *m, const struct sctpdk_addr *src,
	  const struct sctpdk_addr *dst)
{
	ep_seal(ep, m, &ep->stats);
	ep->cfg.ops.output(ep->cfg.ops.ctx, m, src, dst);
}

static unsigned
peer_slot(const struct sctpdk_addr *addr, uint16_t port)
{
	/* FNV-1a over family, address bytes and port */
	uint32_t h = 2166136261u;
	const uint8_t *b = addr->family == SCTPDK_AF_INET ? (const uint8_t *)&addr->u.v4
							  : (const uint8_t *)addr->u.v6;
	unsigned n = addr->family == SCTPDK_AF_INET ? 4 : 16;
	h = (h ^ addr->family) * 16777619u;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	h = (h ^ (port & 0xff)) * 16777619u;
	h = (h ^ (port >> 8)) * 16777619u;
	return h % PEER_FILTER_SLOTS;
}

void
ep_peer_filter(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addr, uint16_t port,
	       int delta)
{
	uint32_t *c = &ep->peer_filter[peer_slot(addr, port)];
	/* one writer (the owner); release: a reader seeing the count sees
	 * the association it stands for as far as it needs to */
	__atomic_store_n(c, (uint32_t)((int64_t)*c + delta), __ATOMIC_RELEASE);
}

bool
ep_peer_maybe_known(const struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addr,
		    uint16_t port)
{
	return __atomic_load_n(&ep->peer_filter[peer_slot(addr, port)], __ATOMIC_ACQUIRE) != 0;
}

uint32_t
ep_payload_limit(const struct sctpdk_sctp_ep *ep)
{
	return ep->cfg.pmtu - ep->cfg.ip_overhead;
}

bool
ep_supports_family(const struct sctpdk_sctp_ep *ep, uint8_t family)
{
	for (unsigned i = 0; i < ep->cfg.n_local_addrs; i++)
		if (ep->cfg.local_addrs[i].family == family)
			return true;
	return false;
}

int
ep_local_addr_for(const struct sctpdk_sctp_ep *ep, uint8_t family, struct sctpdk_addr *out)
{
	for (unsigned i = 0; i < ep->cfg.n_local_addrs; i++) {
		if (ep->cfg.local_addrs[i].family == family) {
			*out = ep->cfg.local_addrs[i];
			return 0;
		}
	}
	return SCTPDK_ERR_NOTFOUND;
}

static bool
is_local_addr(const struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *a)
{
	for (unsigned i = 0; i < ep->cfg.n_local_addrs; i++)
		if (sctpdk_addr_eq(&ep->cfg.local_addrs[i], a))
			return true;
	return false;
}

struct sctpdk_sctp_assoc *
ep_assoc_new(struct sctpdk_sctp_ep *ep)
{
	if (ep->cfg.max_assocs != 0 && ep->n_assocs >= ep->cfg.max_assocs)
		return NULL;
	struct sctpdk_sctp_assoc *a = calloc(1, sizeof(*a));
	if (a == NULL) {
		ep->stats.nomem++;
		return NULL;
	}
	a->ep = ep;
	do {
		a->id = ep->next_id++;
	} while (a->id == 0 || ep_assoc_by_id(ep, a->id) != NULL);
	for (int i = 0; i < TMR_COUNT; i++)
		a->timer[i] = NO_DEADLINE;
	a->rto_us = ep->cfg.rto_initial_us;
	a->next = ep->assocs;
	ep->assocs = a;
	ep->n_assocs++;
	ep->stats.assoc_created++;
	return a;
}

void
ep_assoc_del(struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_sctp_assoc **pp = &ep->assocs;
	while (*pp != NULL && *pp != a)
		pp = &(*pp)->next;
	if (*pp == NULL)
		return;
	*pp = a->next;
	for (unsigned i = 0; i < a->n_peer; i++)
		ep_peer_filter(ep, &a->peer_addrs[i], a->peer_port, -1);
	ep->n_assocs--;
	ep->stats.assoc_freed++;
	assoc_release(a);
	free(a);
}

void
assoc_add_peer_addr(struct sctpdk_sctp_assoc *a, const struct sctpdk_addr *addr)
{
	if (assoc_has_peer_addr(a, addr) || a->n_peer >= SCTPDK_SCTP_MAX_ADDRS)
		return;
	a->peer_addrs[a->n_peer++] = *addr;
	ep_peer_filter(a->ep, addr, a->peer_port, +1);
}

struct sctpdk_sctp_assoc *
ep_assoc_by_id(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id)
{
	for (struct sctpdk_sctp_assoc *a = ep->assocs; a != NULL; a = a->next)
		if (a->id == id)
			return a;
	return NULL;
}

struct sctpdk_sctp_assoc *
ep_assoc_by_peer(const struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addr, uint16_t port)
{
	for (struct sctpdk_sctp_assoc *a = ep->assocs; a != NULL; a = a->next)
		if (a->peer_port == port && assoc_has_peer_addr(a, addr))
			return a;
	return NULL;
}

/* ABORT, ERROR (with the cause) or SHUTDOWN COMPLETE (T bit from flags). */
static int
encode_lone(struct sctpdk_wr *w, uint8_t type, uint8_t flags, uint16_t cause, const void *info,
	    uint16_t info_len)
{
	switch (type) {
	case CT_ABORT:
		return sctpdk_abort_encode_cause(w, flags & CHUNK_FLAG_T, cause, info, info_len);
	case CT_ERROR:
		return cause != 0 ? sctpdk_error_chunk_encode_cause(w, cause, info, info_len)
				  : sctpdk_chunk_encode_empty(w, CT_ERROR, 0);
	case CT_SHUTDOWN_COMPLETE:
		return sctpdk_shutdown_complete_encode(w, flags & CHUNK_FLAG_T);
	default:
		return SCTPDK_ERR_INVAL;
	}
}

struct rte_mbuf *
ep_build_lone_chunk(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st, uint16_t sport,
		    uint16_t dport, uint32_t vtag, uint8_t type, uint8_t flags, uint16_t cause,
		    const void *info, uint16_t info_len)
{
	struct pkt_builder b;
	if (pkt_begin(&b, ep->cfg.pool, ep_payload_limit(ep), sport, dport, vtag) != 0) {
		st->nomem++;
		return NULL;
	}
	uint32_t vlen = cause != 0 ? 4u + info_len : 0;
	struct sctpdk_wr w;
	int rc = pkt_wr_chunk(&b, &w, CHUNK_HDR_LEN + ((vlen + 3u) & ~3u));
	if (rc == 0)
		rc = encode_lone(&w, type, flags, cause, info, info_len);
	if (rc != 0 || pkt_wr_commit(&b, &w, 1) != 0) {
		pkt_abandon(&b);
		return NULL;
	}
	if (type == CT_ABORT)
		st->tx_abort++;
	struct rte_mbuf *m = pkt_finish(&b);
	ep_seal(ep, m, st);
	return m;
}

bool
ep_ootb_answer_ok(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st)
{
	if (ep->cfg.ops.ootb_answer == NULL || ep->cfg.ops.ootb_answer(ep->cfg.ops.ctx))
		return true;
	st->tx_ootb_limited++;
	return false;
}

void
ep_send_lone_chunk(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *src,
		   const struct sctpdk_addr *dst, uint16_t sport, uint16_t dport, uint32_t vtag,
		   uint8_t type, uint8_t flags, uint16_t cause, const void *info, uint16_t info_len)
{
	struct rte_mbuf *m = ep_build_lone_chunk(ep, &ep->stats, sport, dport, vtag, type, flags,
						 cause, info, info_len);
	if (m != NULL)
		ep->cfg.ops.output(ep->cfg.ops.ctx, m, src, dst);
}

/* A multi-homed peer may answer our INIT from another of its addresses:
 * the INIT ACK then matches by port and by our tag. */
static struct sctpdk_sctp_assoc *
find_by_tag(const struct sctpdk_sctp_ep *ep, uint16_t port, uint32_t tag, int state)
{
	for (struct sctpdk_sctp_assoc *a = ep->assocs; a != NULL; a = a->next)
		if (a->peer_port == port && a->local_vtag == tag && a->state == state)
			return a;
	return NULL;
}

/*
 * Out-of-the-blue packet (RFC 9260 8.4): no association matches.
 */
static void
ootb(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *first,
     uint32_t seen)
{
	ep->stats.rx_ootb++;
	/* 2: an ABORT anywhere: discard silently. */
	if (seen & (1u << CT_ABORT))
		return;
	/* 3: INIT with tag 0 is processed as 5.1 (INIT alone was checked). */
	if (first->type == CT_INIT) {
		hs_ootb_init(ep, rx, first);
		return;
	}
	/* 4: COOKIE ECHO first: 5.1. */
	if (first->type == CT_COOKIE_ECHO) {
		hs_ootb_cookie_echo(ep, rx, first);
		return;
	}
	/* 5: SHUTDOWN ACK: answer SHUTDOWN COMPLETE with the T bit, tag
	 * reflected (answers here and in 8 within the caller's rate limit). */
	if (seen & (1u << CT_SHUTDOWN_ACK)) {
		if (ep_ootb_answer_ok(ep, &ep->stats))
			ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port,
				   rx->hdr.vtag, CT_SHUTDOWN_COMPLETE, CHUNK_FLAG_T, 0, NULL, 0);
		return;
	}
	/* 6: SHUTDOWN COMPLETE: discard. */
	if (seen & (1u << CT_SHUTDOWN_COMPLETE))
		return;
	/* 7: COOKIE ACK, or ERROR carrying Stale Cookie: discard. */
	if (seen & (1u << CT_COOKIE_ACK))
		return;
	if ((seen & (1u << CT_ERROR)) && rx->ootb_stale_error)
		return;
	/* 8: anything else: ABORT with the T bit and the packet's tag. */
	if (ep_ootb_answer_ok(ep, &ep->stats))
		ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port, rx->hdr.vtag,
			   CT_ABORT, CHUNK_FLAG_T, 0, NULL, 0);
}

/* Does an ERROR chunk carry a Stale Cookie cause? */
static bool
error_has_stale(const struct rte_mbuf *m, const struct pkt_chunk *c)
{
	uint32_t off = c->off + CHUNK_HDR_LEN;
	uint32_t end = c->off + c->len;
	while (off + 4 <= end) {
		uint8_t h[4];
		if (pkt_read(m, off, h, 4) != 0)
			return false;
		uint16_t code = rd16(h), len = rd16(h + 2);
		if (code == CAUSE_STALE_COOKIE)
			return true;
		if (len < 4)
			return false;
		off += (len + 3u) & ~3u;
	}
	return false;
}

bool
ep_rx_begin(const struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, struct rte_mbuf *pkt,
	    struct sctpdk_sctp_stats *st, struct pkt_chunk *first, uint32_t *seen)
{
	/* The wire codec validates the whole packet structure first: chunk
	 * lengths, padding, fixed sizes, INIT / INIT ACK / SHUTDOWN COMPLETE
	 * alone (6.10). Nothing acts on a packet that fails. */
	struct sctpdk_pkt_iter it;
	if (sctpdk_pkt_iter_init(&it, pkt, 0) != SCTPDK_WIRE_OK || it.hdr.src_port == 0) {
		st->rx_malformed++;
		return false;
	}
	rx->hdr.src_port = it.hdr.src_port;
	rx->hdr.dst_port = it.hdr.dst_port;
	rx->hdr.vtag = it.hdr.vtag;
	if (rx->hdr.dst_port != ep->cfg.local_port || !is_local_addr(ep, rx->dst)) {
		st->rx_ootb++;
		return false;
	}
	*seen = 0;
	memset(first, 0, sizeof(*first));
	struct sctpdk_chunk wc;
	enum sctpdk_chunk_action act;
	while ((act = sctpdk_pkt_iter_next(&it, &wc)) != SCTPDK_CHUNK_END) {
		if (rx->n_chunks == 0) {
			first->type = wc.type;
			first->flags = wc.flags;
			first->len = wc.len;
			first->off = wc.off;
		}
		rx->n_chunks++;
		if (wc.type < 32)
			*seen |= 1u << wc.type;
		if (wc.type == CT_ERROR) {
			struct pkt_chunk pc = {.type = wc.type, .len = wc.len, .off = wc.off};
			rx->ootb_stale_error |= error_has_stale(pkt, &pc);
		}
	}
	return true;
}

void
sctpdk_sctp_input(struct sctpdk_sctp_ep *ep, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
		  const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct rx_ctx rx;
	memset(&rx, 0, sizeof(rx));
	rx.m = pkt;
	rx.src = src;
	rx.dst = dst;
	rx.now_us = now_us;
	ep->now_us = now_us;
	ep->stats.rx_packets++;

	uint32_t seen;
	struct pkt_chunk first;
	if (!ep_rx_begin(ep, &rx, pkt, &ep->stats, &first, &seen))
		goto out;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_peer(ep, src, rx.hdr.src_port);
	if (a == NULL && first.type == CT_INIT)
		a = hs_find_by_init(ep, &rx, &first);
	if (a == NULL && first.type == CT_COOKIE_ECHO)
		a = hs_find_by_cookie(ep, &rx, &first);
	if (a == NULL && first.type == CT_INIT_ACK)
		a = find_by_tag(ep, rx.hdr.src_port, rx.hdr.vtag, SCTPDK_ST_COOKIE_WAIT);
	if (a != NULL)
		assoc_input(a, &rx);
	else
		ootb(ep, &rx, &first, seen);
out:
	rte_pktmbuf_free(pkt);
}

void
sctpdk_sctp_timer(struct sctpdk_sctp_ep *ep, uint64_t now_us)
{
	ep->now_us = now_us;
	struct sctpdk_sctp_assoc *a = ep->assocs;
	while (a != NULL) {
		struct sctpdk_sctp_assoc *next = a->next;
		if (assoc_next_deadline(a) <= now_us)
			assoc_timer(a, now_us);
		a = next;
	}
}

uint64_t
sctpdk_sctp_next_deadline(const struct sctpdk_sctp_ep *ep)
{
	uint64_t d = NO_DEADLINE;
	for (const struct sctpdk_sctp_assoc *a = ep->assocs; a != NULL; a = a->next) {
		uint64_t x = assoc_next_deadline(a);
		if (x < d)
			d = x;
	}
	return d;
}

int64_t
sctpdk_sctp_associate(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *peer,
		      uint16_t peer_port, uint16_t out_streams, uint64_t now_us)
{
	if (ep == NULL || peer == NULL || peer_port == 0 ||
	    (peer->family != SCTPDK_AF_INET && peer->family != SCTPDK_AF_INET6))
		return SCTPDK_ERR_INVAL;
	ep->now_us = now_us;
	struct sctpdk_addr local;
	if (ep_local_addr_for(ep, peer->family, &local) != 0)
		return SCTPDK_ERR_INVAL;
	if (ep_assoc_by_peer(ep, peer, peer_port) != NULL)
		return SCTPDK_ERR_EXISTS;
	if (ep->cfg.max_assocs != 0 && ep->n_assocs >= ep->cfg.max_assocs)
		return SCTPDK_ERR_AGAIN;
	struct sctpdk_sctp_assoc *a = ep_assoc_new(ep);
	if (a == NULL)
		return SCTPDK_ERR_NOMEM;
	a->peer_port = peer_port;
	assoc_add_peer_addr(a, peer);
	a->local_addr = local;
	a->local_vtag = ep_random_tag(ep);
	a->local_tsn = ep_random32(ep);
	a->req_out_streams = out_streams != 0 ? out_streams : ep->cfg.out_streams;
	a->out_streams = a->req_out_streams;
	a->in_streams = ep->cfg.max_in_streams;
	if (data_init(a) != 0) {
		ep_assoc_del(ep, a);
		return SCTPDK_ERR_NOMEM;
	}
	assoc_set_state(a, SCTPDK_ST_COOKIE_WAIT);
	hs_send_init(a);
	return a->id;
}

int
sctpdk_sctp_send(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint16_t sid, uint32_t ppid,
		 uint32_t flags, uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg,
		 uint64_t now_us)
{
	ep->now_us = now_us;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (msg == NULL || rte_pktmbuf_pkt_len(msg) == 0)
		return SCTPDK_ERR_INVAL;
	if (a->state >= SCTPDK_ST_SHUTDOWN_PENDING)
		return SCTPDK_ERR_SHUTDOWN;
	int rc = data_send(a, sid, ppid, flags, ttl_ms, context, msg, now_us);
	if (rc == 0 && a->state == SCTPDK_ST_ESTABLISHED && !(flags & SCTPDK_SEND_MORE))
		assoc_flush(a, now_us);
	return rc;
}

int
sctpdk_sctp_flush(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint64_t now_us)
{
	ep->now_us = now_us;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (a->state == SCTPDK_ST_ESTABLISHED)
		assoc_flush(a, now_us);
	return 0;
}

int
sctpdk_sctp_shutdown(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint64_t now_us)
{
	ep->now_us = now_us;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED)
		return SCTPDK_ERR_STATE;
	if (a->state != SCTPDK_ST_ESTABLISHED)
		return 0; /* already shutting down */
	assoc_shutdown_start(a);
	return 0;
}

int
sctpdk_sctp_abort(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, const void *reason,
		  uint16_t reason_len, uint64_t now_us)
{
	ep->now_us = now_us;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (reason_len > 1024)
		reason_len = 1024;
	assoc_abort_with(a, CAUSE_USER_ABORT, reason, reason == NULL ? 0 : reason_len,
			 SCTPDK_COMM_LOST);
	return 0;
}

int
sctpdk_sctp_assoc_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
		       struct sctpdk_sctp_assoc_info *info)
{
	const struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	memset(info, 0, sizeof(*info));
	info->state = a->state;
	info->peer_port = a->peer_port;
	info->n_peer_addrs = a->n_peer;
	memcpy(info->peer_addrs, a->peer_addrs, sizeof(info->peer_addrs));
	info->local_vtag = a->local_vtag;
	info->peer_vtag = a->peer_vtag;
	info->out_streams = a->out_streams;
	info->in_streams = a->in_streams;
	info->peer_rwnd = data_peer_rwnd(a);
	info->outstanding_bytes = data_outstanding_bytes(a);
	info->queued_bytes = data_queued_bytes(a);
	info->rto_us = a->rto_us;
	return 0;
}

unsigned
sctpdk_sctp_assoc_count(const struct sctpdk_sctp_ep *ep)
{
	return ep->n_assocs;
}

void
sctpdk_sctp_stats_get(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st)
{
	*st = ep->stats;
}

const struct sctpdk_sctp_stats *
sctpdk_sctp_stats_ref(const struct sctpdk_sctp_ep *ep)
{
	return &ep->stats;
}

const char *
sctpdk_sctp_state_name(int state)
{
	static const char *const names[SCTPDK_ST_COUNT] = {
		[SCTPDK_ST_CLOSED] = "CLOSED",
		[SCTPDK_ST_COOKIE_WAIT] = "COOKIE-WAIT",
		[SCTPDK_ST_COOKIE_ECHOED] = "COOKIE-ECHOED",
		[SCTPDK_ST_ESTABLISHED] = "ESTABLISHED",
		[SCTPDK_ST_SHUTDOWN_PENDING] = "SHUTDOWN-PENDING",
		[SCTPDK_ST_SHUTDOWN_SENT] = "SHUTDOWN-SENT",
		[SCTPDK_ST_SHUTDOWN_RECEIVED] = "SHUTDOWN-RECEIVED",
		[SCTPDK_ST_SHUTDOWN_ACK_SENT] = "SHUTDOWN-ACK-SENT",
	};
	if (state < 0 || state >= SCTPDK_ST_COUNT)
		return "?";
	return names[state];
}
