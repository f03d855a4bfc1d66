/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Association: the state machine (a table indexed by chunk type and state),
 * verification tag rules (RFC 9260 8.5, 8.5.1), shutdown (9.2), abort
 * (9.1), ERROR chunks and the association timers. Setup lives in
 * handshake.c, data transfer in data.c.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "chunk.h"
#include "sctpdk_wire.h" /* lib/wire encoders */
#include "sctp_int.h"
#include "path.h"

typedef void (*chunk_fn)(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx,
			 const struct pkt_chunk *c);

const struct sctpdk_addr *
assoc_primary(const struct sctpdk_sctp_assoc *a)
{
	return &a->peer_addrs[a->primary];
}

bool
assoc_has_peer_addr(const struct sctpdk_sctp_assoc *a, const struct sctpdk_addr *addr)
{
	for (unsigned i = 0; i < a->n_peer; i++)
		if (sctpdk_addr_eq(&a->peer_addrs[i], addr))
			return true;
	return false;
}

void
assoc_set_state(struct sctpdk_sctp_assoc *a, int state)
{
	a->state = state;
	/* 9.2: while shutting down every DATA packet is acknowledged at once. */
	if (state == SCTPDK_ST_SHUTDOWN_SENT || state == SCTPDK_ST_SHUTDOWN_RECEIVED)
		data_set_immediate_sack(a, true);
}

int
assoc_begin_packet(struct sctpdk_sctp_assoc *a, struct pkt_builder *b)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	if (pkt_begin(b, ep->cfg.pool, path_pkt_limit(a), ep->cfg.local_port, a->peer_port,
		      a->peer_vtag) != 0) {
		ep->stats.nomem++;
		return -1;
	}
	b->ref_min = ep->cfg.tx_ref_min;
	b->dest = (uint8_t)path_current(a);
	return 0;
}

void
assoc_send_packet(struct sctpdk_sctp_assoc *a, struct pkt_builder *b)
{
	if (b->m == NULL)
		return;
	if (b->n_chunks == 0) {
		pkt_abandon(b);
		return;
	}
	/* DATA binds the packet to its destination (b->dest); other chunks
	 * go where replies go (path.c). */
	unsigned i = b->dest_set && b->dest < a->n_peer ? b->dest : path_tx_index(a);
	const struct sctpdk_addr *src = path_src_to(a, i);
	a->ep->stats.tx_payload_refs += b->n_refs;
	a->ep->stats.tx_payload_copies += b->n_copies;
	ep_output(a->ep, pkt_finish(b), src, &a->peer_addrs[i]);
}

/* A writer over room for a control chunk of need bytes (padding included)
 * in the association's open packet; when that packet cannot take it, it
 * leaves and the chunk starts the next one. Returns 0 or -1 (no mbuf). */
static int
ctl_room(struct sctpdk_sctp_assoc *a, struct sctpdk_wr *w, uint32_t need)
{
	if (a->out.m == NULL && assoc_begin_packet(a, &a->out) != 0)
		return -1;
	if (pkt_wr_chunk(&a->out, w, need) == 0)
		return 0;
	assoc_send_packet(a, &a->out);
	if (assoc_begin_packet(a, &a->out) != 0)
		return -1;
	return pkt_wr_chunk(&a->out, w, need);
}

/* Add the chunk an encoder wrote into w (rc: its result). */
static void
ctl_done(struct sctpdk_sctp_assoc *a, struct sctpdk_wr *w, int rc)
{
	if (rc == 0)
		pkt_wr_commit(&a->out, w, 1);
}

void
assoc_queue_cookie_ack(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_wr w;
	if (ctl_room(a, &w, CHUNK_HDR_LEN) == 0)
		ctl_done(a, &w, sctpdk_cookie_ack_encode(&w));
}

void
assoc_queue_error(struct sctpdk_sctp_assoc *a, uint16_t cause, const void *info,
		  uint16_t info_len)
{
	if (info_len > 1024)
		info_len = 1024;
	struct sctpdk_wr w;
	if (ctl_room(a, &w, CHUNK_HDR_LEN + 4u + ((info_len + 3u) & ~3u)) == 0)
		ctl_done(a, &w, sctpdk_error_chunk_encode_cause(&w, cause, info, info_len));
}

static bool
data_states(int st)
{
	return st == SCTPDK_ST_ESTABLISHED || st == SCTPDK_ST_SHUTDOWN_PENDING ||
	       st == SCTPDK_ST_SHUTDOWN_RECEIVED || st == SCTPDK_ST_SHUTDOWN_SENT;
}

static void
send_shutdown(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_wr w;
	if (ctl_room(a, &w, CHUNK_HDR_LEN + 4) == 0)
		ctl_done(a, &w, sctpdk_shutdown_encode(&w, (sctpdk_tsn_t){data_cum_tsn(a)}));
	a->timer[TMR_T2_SHUTDOWN] = a->ep->now_us + a->rto_us;
}

void
assoc_send_shutdown_ack(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_wr w;
	if (ctl_room(a, &w, CHUNK_HDR_LEN) == 0)
		ctl_done(a, &w, sctpdk_shutdown_ack_encode(&w));
	a->timer[TMR_T2_SHUTDOWN] = a->ep->now_us + a->rto_us;
}

/* Move a shutdown forward once all our data is acknowledged (9.2). */
static void
shutdown_progress(struct sctpdk_sctp_assoc *a)
{
	if (!data_all_acked(a))
		return;
	if (a->state == SCTPDK_ST_SHUTDOWN_PENDING) {
		assoc_set_state(a, SCTPDK_ST_SHUTDOWN_SENT);
		a->shutdown_retrans = 0;
		send_shutdown(a);
		a->timer[TMR_T5_GUARD] = a->ep->now_us + 5ull * a->ep->cfg.rto_max_us;
	} else if (a->state == SCTPDK_ST_SHUTDOWN_RECEIVED) {
		assoc_set_state(a, SCTPDK_ST_SHUTDOWN_ACK_SENT);
		a->shutdown_retrans = 0;
		assoc_send_shutdown_ack(a);
	}
}

void
assoc_flush(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	if (data_states(a->state)) {
		data_flush_begin(a);
		shutdown_progress(a);
		/* Control chunks first, then a SACK, then DATA, up to the PMTU. */
		if (a->out.m != NULL) {
			data_add_sack(a, &a->out, false);
			data_add_data(a, &a->out, now_us);
			assoc_send_packet(a, &a->out);
		}
		while (data_want_tx(a)) {
			struct pkt_builder b;
			if (assoc_begin_packet(a, &b) != 0)
				break;
			data_add_sack(a, &b, false);
			data_add_data(a, &b, now_us);
			if (b.n_chunks == 0) {
				pkt_abandon(&b);
				break;
			}
			assoc_send_packet(a, &b);
		}
		shutdown_progress(a);
	}
	assoc_send_packet(a, &a->out);
}

void
assoc_release(struct sctpdk_sctp_assoc *a)
{
	if (a->out.m != NULL)
		pkt_abandon(&a->out);
	data_free(a);
	free(a->cookie);
	free(a->pend_err);
	a->cookie = NULL;
	a->pend_err = NULL;
}

void
assoc_close(struct sctpdk_sctp_assoc *a, uint16_t report_state, uint16_t error)
{
	if (report_state != 0)
		ev_assoc_change(a, report_state, error);
	/* COMM_LOST / CANT_STR_ASSOC are followed by one SEND_FAILED per
	 * undelivered message (sockets API draft 5.3.1.1). */
	if (report_state != 0 && report_state != SCTPDK_SHUTDOWN_COMP)
		data_report_undelivered(a);
	ep_assoc_del(a->ep, a);
}

void
assoc_abort_with(struct sctpdk_sctp_assoc *a, uint16_t cause, const void *info,
		 uint16_t info_len, uint16_t report_state)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	/* Queued control chunks would be pointless: the ABORT goes alone. */
	if (a->out.m != NULL)
		pkt_abandon(&a->out);
	/* Before the peer's tag is known it has no state to abort. */
	if (a->peer_vtag != 0)
		ep_send_lone_chunk(ep, &a->local_addr, assoc_primary(a), ep->cfg.local_port,
				   a->peer_port, a->peer_vtag, CT_ABORT, 0, cause, info, info_len);
	assoc_close(a, report_state, cause);
}

void
assoc_shutdown_start(struct sctpdk_sctp_assoc *a)
{
	assoc_set_state(a, SCTPDK_ST_SHUTDOWN_PENDING);
	assoc_flush(a, a->ep->now_us);
}

/* ---- chunk handlers ------------------------------------------------- */

static void
on_data(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	data_on_data(a, rx, c);
}

static void
on_sack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	data_on_sack(a, rx, c);
}

static void
on_heartbeat(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	path_on_heartbeat(a, rx, c); /* path.c */
}

static void
on_abort(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	uint16_t error = 0;
	uint8_t h[4];
	if (c->len >= CHUNK_HDR_LEN + 4 && pkt_read(rx->m, c->off + CHUNK_HDR_LEN, h, 4) == 0)
		error = rd16(h);
	a->ep->stats.rx_abort++;
	bool setup = a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED;
	if (a->out.m != NULL)
		pkt_abandon(&a->out);
	a->peer_aborted = true;
	assoc_close(a, setup ? SCTPDK_CANT_STR_ASSOC : SCTPDK_COMM_LOST, error);
	rx->assoc_gone = true;
}

static void
on_shutdown(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	uint8_t v[4];
	if (c->len != CHUNK_HDR_LEN + 4 || pkt_read(rx->m, c->off + CHUNK_HDR_LEN, v, 4) != 0) {
		a->ep->stats.rx_malformed++;
		rx->stop = true;
		return;
	}
	if (a->state == SCTPDK_ST_SHUTDOWN_ACK_SENT) {
		/* Our SHUTDOWN ACK was lost: send it again at once. */
		assoc_send_shutdown_ack(a);
		return;
	}
	if (data_on_cum_ack(a, rd32(v), rx->now_us) != 0) {
		rx->assoc_gone = true;
		return;
	}
	if (a->state == SCTPDK_ST_SHUTDOWN_SENT) {
		/* 9.2: both sides shut down: acknowledge at once. */
		assoc_set_state(a, SCTPDK_ST_SHUTDOWN_ACK_SENT);
		a->timer[TMR_T5_GUARD] = NO_DEADLINE;
		assoc_send_shutdown_ack(a);
		return;
	}
	if (!a->shutdown_event_sent) {
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_SHUTDOWN;
		ev.assoc_id = a->id;
		ev_push(a->ep, &ev);
		a->shutdown_event_sent = true;
	}
	if (a->state != SCTPDK_ST_SHUTDOWN_ACK_SENT)
		assoc_set_state(a, SCTPDK_ST_SHUTDOWN_RECEIVED);
}

static void
on_shutdown_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	if (a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED) {
		/* 8.5.1 E: as out of the blue (8.4 rule 5). */
		ep_send_lone_chunk(ep, rx->dst, rx->src, ep->cfg.local_port, rx->hdr.src_port,
				   rx->hdr.vtag, CT_SHUTDOWN_COMPLETE, CHUNK_FLAG_T, 0, NULL, 0);
		rx->stop = true;
		return;
	}
	if (a->state != SCTPDK_ST_SHUTDOWN_SENT && a->state != SCTPDK_ST_SHUTDOWN_ACK_SENT) {
		ep->stats.rx_unexpected++;
		return;
	}
	if (a->out.m != NULL)
		pkt_abandon(&a->out);
	ep_send_lone_chunk(ep, &a->local_addr, assoc_primary(a), ep->cfg.local_port,
			   a->peer_port, a->peer_vtag, CT_SHUTDOWN_COMPLETE, 0, 0, NULL, 0);
	assoc_close(a, SCTPDK_SHUTDOWN_COMP, 0);
	rx->assoc_gone = true;
}

static void
on_shutdown_complete(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (a->state != SCTPDK_ST_SHUTDOWN_ACK_SENT) { /* 8.5.1 C */
		a->ep->stats.rx_unexpected++;
		return;
	}
	if (a->out.m != NULL)
		pkt_abandon(&a->out);
	assoc_close(a, SCTPDK_SHUTDOWN_COMP, 0);
	rx->assoc_gone = true;
}

/* Hand each cause of an ERROR chunk to the upper layer (whole TLV). */
static void
on_error(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	uint32_t off = c->off + CHUNK_HDR_LEN, end = c->off + c->len;
	while (off + 4 <= end) {
		uint8_t h[8];
		if (pkt_read(rx->m, off, h, 4) != 0)
			break;
		uint16_t code = rd16(h), len = rd16(h + 2);
		if (len < 4 || off + len > end) {
			ep->stats.rx_malformed++;
			break;
		}
		if (code == CAUSE_STALE_COOKIE && a->state == SCTPDK_ST_COOKIE_ECHOED) {
			uint32_t staleness = 0;
			if (len >= 8 && pkt_read(rx->m, off + 4, h + 4, 4) == 0)
				staleness = rd32(h + 4);
			hs_stale_cookie(a, staleness);
			if (ep_assoc_by_id(ep, a->id) == NULL) {
				rx->assoc_gone = true;
				return;
			}
			rx->stop = true;
			return;
		}
		struct rte_mbuf *tlv = rte_pktmbuf_alloc(ep->cfg.pool);
		if (tlv != NULL && (len > rte_pktmbuf_tailroom(tlv) ||
				    pkt_read(rx->m, off, rte_pktmbuf_append(tlv, len), len) != 0)) {
			rte_pktmbuf_free(tlv);
			tlv = NULL;
		}
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_REMOTE_ERROR;
		ev.assoc_id = a->id;
		ev.u.remote_error.cause = code;
		ev.u.remote_error.len = len;
		ev.u.remote_error.tlv = tlv;
		ev_push(ep, &ev);
		off += (len + 3u) & ~3u;
	}
}

static void
on_cookie_echo(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (c->off != SCTP_HDR_LEN) { /* COOKIE ECHO must come first (6.10) */
		a->ep->stats.rx_unexpected++;
		return;
	}
	hs_assoc_cookie_echo(a, rx, c);
}

static void
on_unexpected(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	a->ep->stats.rx_unexpected++;
}

#define ALL_STATES(fn)                                                                        \
	{                                                                                     \
		[SCTPDK_ST_COOKIE_WAIT] = fn, [SCTPDK_ST_COOKIE_ECHOED] = fn,                 \
		[SCTPDK_ST_ESTABLISHED] = fn, [SCTPDK_ST_SHUTDOWN_PENDING] = fn,              \
		[SCTPDK_ST_SHUTDOWN_SENT] = fn, [SCTPDK_ST_SHUTDOWN_RECEIVED] = fn,           \
		[SCTPDK_ST_SHUTDOWN_ACK_SENT] = fn,                                           \
	}

/*
 * What each chunk does in each state. An empty slot: the chunk is not
 * expected there and is discarded (counted).
 */
static const chunk_fn chunk_table[CT_KNOWN_MAX][SCTPDK_ST_COUNT] = {
	[CT_DATA] = {
		[SCTPDK_ST_ESTABLISHED] = on_data,
		[SCTPDK_ST_SHUTDOWN_PENDING] = on_data,
		[SCTPDK_ST_SHUTDOWN_SENT] = on_data, /* 9.2: still accepted */
	},
	[CT_INIT] = ALL_STATES(hs_assoc_init),
	[CT_INIT_ACK] = ALL_STATES(hs_assoc_init_ack),
	[CT_SACK] = {
		[SCTPDK_ST_ESTABLISHED] = on_sack,
		[SCTPDK_ST_SHUTDOWN_PENDING] = on_sack,
		[SCTPDK_ST_SHUTDOWN_SENT] = on_sack,
		[SCTPDK_ST_SHUTDOWN_RECEIVED] = on_sack,
	},
	[CT_HEARTBEAT] = {
		[SCTPDK_ST_ESTABLISHED] = on_heartbeat,
		[SCTPDK_ST_SHUTDOWN_PENDING] = on_heartbeat,
		[SCTPDK_ST_SHUTDOWN_SENT] = on_heartbeat,
		[SCTPDK_ST_SHUTDOWN_RECEIVED] = on_heartbeat,
		[SCTPDK_ST_SHUTDOWN_ACK_SENT] = on_heartbeat,
	},
	[CT_HEARTBEAT_ACK] = {
		[SCTPDK_ST_ESTABLISHED] = path_on_heartbeat_ack,
		[SCTPDK_ST_SHUTDOWN_PENDING] = path_on_heartbeat_ack,
		[SCTPDK_ST_SHUTDOWN_SENT] = path_on_heartbeat_ack,
		[SCTPDK_ST_SHUTDOWN_RECEIVED] = path_on_heartbeat_ack,
		[SCTPDK_ST_SHUTDOWN_ACK_SENT] = path_on_heartbeat_ack,
	},
	[CT_ABORT] = ALL_STATES(on_abort),
	[CT_SHUTDOWN] = {
		[SCTPDK_ST_ESTABLISHED] = on_shutdown,
		[SCTPDK_ST_SHUTDOWN_PENDING] = on_shutdown,
		[SCTPDK_ST_SHUTDOWN_SENT] = on_shutdown,
		[SCTPDK_ST_SHUTDOWN_RECEIVED] = on_shutdown,
		[SCTPDK_ST_SHUTDOWN_ACK_SENT] = on_shutdown,
	},
	[CT_SHUTDOWN_ACK] = ALL_STATES(on_shutdown_ack),
	[CT_ERROR] = ALL_STATES(on_error),
	[CT_COOKIE_ECHO] = ALL_STATES(on_cookie_echo),
	[CT_COOKIE_ACK] = ALL_STATES(hs_assoc_cookie_ack),
	[CT_ECNE] = {0}, /* ECN is never negotiated */
	[CT_CWR] = {0},
	[CT_SHUTDOWN_COMPLETE] = ALL_STATES(on_shutdown_complete),
};

/*
 * Verification tag rules (8.5, 8.5.1) for one chunk of the packet. INIT and
 * COOKIE ECHO are checked by their handlers.
 */
static bool
vtag_ok(const struct sctpdk_sctp_assoc *a, const struct rx_ctx *rx, const struct pkt_chunk *c)
{
	uint32_t tag = rx->hdr.vtag;
	switch (c->type) {
	case CT_INIT:
	case CT_COOKIE_ECHO:
		return true;
	case CT_ABORT:
	case CT_SHUTDOWN_COMPLETE:
		if (c->flags & CHUNK_FLAG_T)
			return a->peer_vtag != 0 && tag == a->peer_vtag;
		return tag == a->local_vtag;
	case CT_SHUTDOWN_ACK:
		if (a->state == SCTPDK_ST_COOKIE_WAIT || a->state == SCTPDK_ST_COOKIE_ECHOED)
			return true; /* 8.5.1 E: handled as OOTB */
		return tag == a->local_vtag;
	default:
		return tag == a->local_vtag;
	}
}

/* Unknown chunk type: its upper two bits decide (3.2). Returns true when
 * processing of the packet goes on. */
static bool
unknown_chunk(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	a->ep->stats.rx_unknown_chunk++;
	enum sctpdk_chunk_action act = sctpdk_chunk_unknown_action(c->type);
	if (act == SCTPDK_CHUNK_STOP_REPORT || act == SCTPDK_CHUNK_SKIP_REPORT) {
		uint8_t buf[1024];
		uint16_t n = c->len < sizeof(buf) ? c->len : sizeof(buf);
		if (pkt_read(rx->m, c->off, buf, n) == 0)
			assoc_queue_error(a, CAUSE_UNRECOGNIZED_CHUNK, buf, n);
	}
	return act == SCTPDK_CHUNK_SKIP || act == SCTPDK_CHUNK_SKIP_REPORT;
}

static void
dispatch(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	if (!vtag_ok(a, rx, c)) {
		a->ep->stats.rx_bad_vtag++;
		rx->stop = true;
		return;
	}
	if (c->type >= CT_KNOWN_MAX) {
		if (!unknown_chunk(a, rx, c))
			rx->stop = true;
		return;
	}
	chunk_fn fn = chunk_table[c->type][a->state];
	if (fn == NULL)
		fn = on_unexpected;
	fn(a, rx, c);
}

void
assoc_input_from(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, uint32_t off)
{
	struct pkt_chunk c;
	int prev_state = a->state;
	while (!rx->stop && !rx->assoc_gone && pkt_chunk_next(rx->m, &off, &c) == 1)
		dispatch(a, rx, &c);
	if (rx->assoc_gone)
		return;
	if (rx->had_data) {
		data_on_packet_end(a, rx);
		/* 9.2: in SHUTDOWN-SENT answer DATA with SHUTDOWN, restart T2. */
		if (a->state == SCTPDK_ST_SHUTDOWN_SENT && prev_state == SCTPDK_ST_SHUTDOWN_SENT)
			send_shutdown(a);
	}
	assoc_flush(a, rx->now_us);
}

void
assoc_input(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx)
{
	path_on_rx(a, rx); /* replies follow the peer's source address */
	assoc_input_from(a, rx, SCTP_HDR_LEN);
}

/* ---- timers --------------------------------------------------------- */

static void
backoff(struct sctpdk_sctp_assoc *a)
{
	uint64_t r = (uint64_t)a->rto_us * 2;
	a->rto_us = r > a->ep->cfg.rto_max_us ? a->ep->cfg.rto_max_us : (uint32_t)r;
}

static void
t1_init_expired(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	a->timer[TMR_T1_INIT] = NO_DEADLINE;
	if (++a->init_retrans > a->ep->cfg.max_init_retrans) {
		assoc_close(a, SCTPDK_CANT_STR_ASSOC, 0);
		return;
	}
	backoff(a);
	hs_send_init(a);
}

static void
t1_cookie_expired(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	a->timer[TMR_T1_COOKIE] = NO_DEADLINE;
	if (++a->init_retrans > a->ep->cfg.max_init_retrans) {
		assoc_close(a, SCTPDK_CANT_STR_ASSOC, 0);
		return;
	}
	backoff(a);
	hs_send_cookie_echo(a, now_us);
}

static void
t2_expired(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	a->timer[TMR_T2_SHUTDOWN] = NO_DEADLINE;
	if (++a->shutdown_retrans > a->ep->cfg.max_retrans) {
		assoc_abort_with(a, 0, NULL, 0, SCTPDK_COMM_LOST);
		return;
	}
	backoff(a);
	if (a->state == SCTPDK_ST_SHUTDOWN_SENT)
		send_shutdown(a);
	else if (a->state == SCTPDK_ST_SHUTDOWN_ACK_SENT)
		assoc_send_shutdown_ack(a);
	assoc_flush(a, now_us);
}

static void
t5_expired(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	/* 9.2: the shutdown took too long: abort. */
	assoc_abort_with(a, 0, NULL, 0, SCTPDK_COMM_LOST);
}

uint64_t
assoc_next_deadline(const struct sctpdk_sctp_assoc *a)
{
	uint64_t d = data_deadline(a);
	if (path_deadline(a) < d)
		d = path_deadline(a);
	for (int i = 0; i < TMR_COUNT; i++)
		if (a->timer[i] < d)
			d = a->timer[i];
	return d;
}

void
assoc_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	sctpdk_assoc_id_t id = a->id;
	static void (*const handlers[TMR_COUNT])(struct sctpdk_sctp_assoc *, uint64_t) = {
		[TMR_T1_INIT] = t1_init_expired,
		[TMR_T1_COOKIE] = t1_cookie_expired,
		[TMR_T2_SHUTDOWN] = t2_expired,
		[TMR_T5_GUARD] = t5_expired,
	};
	/* T5 first: it overrides T2. */
	static const int order[TMR_COUNT] = {TMR_T5_GUARD, TMR_T1_INIT, TMR_T1_COOKIE,
					     TMR_T2_SHUTDOWN};
	for (int k = 0; k < TMR_COUNT; k++) {
		int i = order[k];
		if (a->timer[i] <= now_us) {
			handlers[i](a, now_us);
			if (ep_assoc_by_id(ep, id) != a)
				return;
		}
	}
	if (data_deadline(a) <= now_us) {
		if (data_timer(a, now_us) != 0)
			return;
		assoc_flush(a, now_us);
	}
	if (path_deadline(a) <= now_us) {
		if (path_timer(a, now_us) != 0)
			return;
		assoc_flush(a, now_us);
	}
}
