/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data transfer glue (RFC 9260 section 6): DATA and SACK chunks in and out,
 * wired to the send queue, outstanding queue, TSN tracker, reassembly, RTO
 * and congestion control components. One destination (the primary); path
 * selection and failover come with multi-homing.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "cc.h"
#include "outq.h"
#include "reasm.h"
#include "rto.h"
#include "sctp_int.h"
#include "sctpdk_wire.h" /* lib/wire: DATA and SACK decoders */
#include "sendq.h"
#include "tracker.h"
#include "rtx.h"
#include "path.h"
#include <sctpdk/sctpdk_sctp_path.h>

#define MAX_GAPS_TX 320 /* as many as a 1500-byte packet holds */
#define MAX_GAPS_RX 512
#define MAX_DUPS_TX 32
#define MIN_FRAG 64          /* do not start a fragment smaller than this */
#define SNDBUF_FACTOR 4      /* send buffer = 4 x rwnd */

struct data_state {
	struct sctpdk_sendq sq;
	struct sctpdk_outq oq;
	struct sctpdk_tracker tr;
	struct sctpdk_reasm rs;
	struct sctpdk_rto rto;
	struct sctpdk_cc_path cc;
	bool sq_ok, oq_ok, tr_ok, rs_ok;
	sctpdk_tsn_t next_tsn;
	uint32_t last_rwnd;       /* last a_rwnd advertised */
	uint64_t t3_us;           /* T3-rtx expiry, NO_DEADLINE when stopped */
	uint32_t error_count;     /* consecutive T3 expiries */
	uint64_t sndbuf_bytes;
	uint32_t payload_mtu;     /* DATA payload bytes in a full packet */
	struct rtx_state rx;      /* retransmission policy (rtx.h) */
	uint64_t rx_unread;       /* delivered bytes the application has not polled */
	bool pd_open;             /* a partial delivery handed out pieces, not the end */
	uint16_t pd_sid, pd_ssn;
	struct sctpdk_gap rx_gaps[MAX_GAPS_RX];
};

static struct data_state *
ds_get(struct sctpdk_sctp_assoc *a)
{
	if (a->data.s == NULL)
		a->data.s = calloc(1, sizeof(struct data_state));
	return a->data.s;
}

int
data_init(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct data_state *d = ds_get(a);
	if (d == NULL)
		return SCTPDK_ERR_NOMEM;
	if (d->sq_ok) {
		sctpdk_sendq_free(&d->sq);
		d->sq_ok = false;
	}
	if (d->oq_ok) {
		sctpdk_outq_free(&d->oq);
		d->oq_ok = false;
	}
	struct sctpdk_sendq_config sc = {
		.n_streams = a->out_streams != 0 ? a->out_streams : 1,
		.indirect_pool = ep->cfg.pool,
	};
	if (sctpdk_sendq_init(&d->sq, &sc, NULL) != 0)
		return SCTPDK_ERR_NOMEM;
	d->sq_ok = true;
	if (sctpdk_outq_init(&d->oq, 0, sctpdk_tsn(a->local_tsn), a->peer_rwnd, NULL) != 0)
		return SCTPDK_ERR_NOMEM;
	d->oq_ok = true;
	d->next_tsn = sctpdk_tsn(a->local_tsn);
	struct sctpdk_rto_params rp = {
		.initial_us = ep->cfg.rto_initial_us,
		.min_us = ep->cfg.rto_min_us,
		.max_us = ep->cfg.rto_max_us,
		.granularity_us = SCTPDK_RTO_GRANULARITY_US,
	};
	sctpdk_rto_init(&d->rto, &rp);
	d->payload_mtu = ep_payload_limit(ep) - SCTP_HDR_LEN - DATA_HDR_LEN;
	sctpdk_cc_rfc9260.init(&d->cc, d->payload_mtu, a->peer_rwnd);
	d->t3_us = NO_DEADLINE;
	d->error_count = 0;
	rtx_init(&d->rx, &ep->cfg);
	d->sndbuf_bytes = ep->cfg.sndbuf_bytes != 0 ? ep->cfg.sndbuf_bytes
						 : (uint64_t)ep->cfg.rwnd_bytes * SNDBUF_FACTOR;
	return 0;
}

static void report_expired(struct sctpdk_sctp_assoc *a, struct data_state *d);

int
data_set_streams(struct sctpdk_sctp_assoc *a)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->sq_ok)
		return data_init(a);
	if (d->sq.n_streams == a->out_streams)
		return 0;
	/* Messages queued on streams the peer did not grant are unsent. */
	int rc = sctpdk_sendq_set_streams(&d->sq, a->out_streams != 0 ? a->out_streams : 1);
	report_expired(a, d);
	return rc == SCTPDK_ERR_NOMEM ? rc : 0;
}

int
data_peer_init(struct sctpdk_sctp_assoc *a)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct data_state *d = ds_get(a);
	if (d == NULL)
		return SCTPDK_ERR_NOMEM;
	if (d->tr_ok) {
		sctpdk_tracker_free(&d->tr);
		d->tr_ok = false;
	}
	if (d->rs_ok) {
		sctpdk_reasm_free(&d->rs);
		d->rs_ok = false;
	}
	struct sctpdk_tracker_config tc = {.sack_delay_us = ep->cfg.sack_delay_us,
					  .sack_freq = ep->cfg.sack_freq};
	if (sctpdk_tracker_init(&d->tr, &tc, NULL, sctpdk_tsn(a->peer_tsn)) != 0)
		return SCTPDK_ERR_NOMEM;
	d->tr_ok = true;
	struct sctpdk_reasm_config rc = {
		.n_streams = a->in_streams != 0 ? a->in_streams : 1,
		.indirect_pool = ep->cfg.pool,
	};
	if (sctpdk_reasm_init(&d->rs, &rc, NULL) != 0)
		return SCTPDK_ERR_NOMEM;
	d->rs_ok = true;
	d->last_rwnd = ep->cfg.rwnd_bytes;
	if (d->oq_ok)
		d->oq.peer_rwnd = a->peer_rwnd;
	sctpdk_cc_rfc9260.init(&d->cc, d->payload_mtu, a->peer_rwnd);
	return 0;
}

void
data_free(struct sctpdk_sctp_assoc *a)
{
	struct data_state *d = a->data.s;
	path_free(a);
	if (d == NULL)
		return;
	if (d->sq_ok)
		sctpdk_sendq_free(&d->sq);
	if (d->oq_ok)
		sctpdk_outq_free(&d->oq);
	if (d->tr_ok)
		sctpdk_tracker_free(&d->tr);
	if (d->rs_ok)
		sctpdk_reasm_free(&d->rs);
	free(d);
	a->data.s = NULL;
}

void
data_report_undelivered(struct sctpdk_sctp_assoc *a)
{
	struct data_state *d = a->data.s;
	if (d == NULL)
		return;
	if (d->pd_open) {
		/* The message being delivered in pieces will never end. */
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_PARTIAL_DELIVERY;
		ev.assoc_id = a->id;
		ev.u.partial_delivery.indication = SCTPDK_PARTIAL_DELIVERY_ABORTED;
		ev.u.partial_delivery.sid = d->pd_sid;
		ev.u.partial_delivery.ssn = d->pd_ssn;
		ev_push(a->ep, &ev);
		d->pd_open = false;
	}
	/* Sent, not acknowledged: once per message, at its first chunk left. */
	if (d->oq_ok) {
		bool in_msg = false;
		for (sctpdk_tsn_t t = sctpdk_tsn_next(sctpdk_outq_cum_tsn(&d->oq));
		     sctpdk_tsn_lt(t, sctpdk_outq_next_tsn(&d->oq)); t = sctpdk_tsn_next(t)) {
			const struct sctpdk_outq_entry *e = sctpdk_outq_find(&d->oq, t);
			if (e == NULL)
				continue;
			if (!in_msg || (e->flags & SCTPDK_DATA_FLAG_B)) {
				struct sctpdk_sctp_event ev;
				memset(&ev, 0, sizeof(ev));
				ev.type = SCTPDK_EV_SEND_FAILED;
				ev.assoc_id = a->id;
				ev.u.send_failed.flags = SCTPDK_DATA_SENT;
				ev.u.send_failed.sid = e->sid;
				ev.u.send_failed.ppid = e->ppid;
				ev.u.send_failed.context = e->context;
				ev_push(a->ep, &ev);
			}
			in_msg = (e->flags & SCTPDK_DATA_FLAG_E) == 0;
		}
	}
	/* Never sent: every message not started, with its bytes. */
	if (d->sq_ok) {
		sctpdk_sendq_expire(&d->sq, UINT64_MAX);
		report_expired(a, d);
	}
}

int
data_reset(struct sctpdk_sctp_assoc *a)
{
	data_free(a);
	int rc = data_init(a);
	if (rc == 0)
		rc = data_peer_init(a);
	return rc;
}

int
data_send(struct sctpdk_sctp_assoc *a, uint16_t sid, uint32_t ppid, uint32_t flags,
	  uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg, uint64_t now_us)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->sq_ok)
		return SCTPDK_ERR_STATE;
	if (sid >= a->out_streams)
		return SCTPDK_ERR_INVAL;
	if (path_disable_frag(a) && rte_pktmbuf_pkt_len(msg) > d->payload_mtu)
		return SCTPDK_ERR_MSGSIZE; /* SCTP_DISABLE_FRAGMENTS: EMSGSIZE */
	path_note_data(a, now_us);
	if (sctpdk_sendq_queued_bytes(&d->sq) + rte_pktmbuf_pkt_len(msg) > d->sndbuf_bytes &&
	    sctpdk_sendq_has_data(&d->sq))
		return SCTPDK_ERR_AGAIN;
	if (ttl_ms == 0)
		ttl_ms = path_stream_ttl(a, sid); /* SCTP_SET_STREAM_TIMEOUTS */
	struct sctpdk_sendq_msg_params p = {
		.sid = sid,
		.unordered = (flags & SCTPDK_SEND_UNORDERED) != 0,
		.ppid = ppid,
		.context = context,
		.ttl_us = (uint64_t)ttl_ms * 1000u,
	};
	int rc = sctpdk_sendq_add(&d->sq, &p, msg, now_us);
	if (rc == SCTPDK_ERR_NOMEM)
		return SCTPDK_ERR_AGAIN;
	if (rc == SCTPDK_ERR_NOTFOUND)
		return SCTPDK_ERR_INVAL;
	return rc;
}

/* Messages completed by reassembly become DATA events. */
static void
deliver(struct sctpdk_sctp_assoc *a, struct data_state *d)
{
	struct sctpdk_reasm_msg m;
	/* 6.9: the buffer holds an incomplete message that fills half the
	 * window and nothing is deliverable: hand out its head in pieces. */
	uint32_t pd_point = a->ep->cfg.rwnd_bytes / 2;
	if (!sctpdk_reasm_pd_active(&d->rs) && !sctpdk_reasm_ready(&d->rs) &&
	    sctpdk_reasm_buffered_bytes(&d->rs) >= pd_point)
		(void)sctpdk_reasm_pd_start(&d->rs, pd_point / 2);
	while (sctpdk_reasm_pull(&d->rs, &m) == 0) {
		if (m.flags & SCTPDK_REASM_MSG_PARTIAL) {
			d->pd_sid = m.sid;
			d->pd_ssn = m.ssn.v;
			d->pd_open = (m.flags & SCTPDK_REASM_MSG_EOR) == 0;
		}
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_DATA;
		ev.assoc_id = a->id;
		ev.u.data.sid = m.sid;
		ev.u.data.ssn = m.ssn.v;
		ev.u.data.flags = (m.flags & SCTPDK_REASM_MSG_UNORDERED) ? SCTPDK_MSG_UNORDERED : 0;
		ev.u.data.ppid = m.ppid;
		ev.u.data.tsn = m.tsn.v;
		ev.u.data.len = m.len;
		ev.u.data.msg = m.m;
		ev.u.data.more = (m.flags & SCTPDK_REASM_MSG_PARTIAL) && !(m.flags & SCTPDK_REASM_MSG_EOR);
		uint64_t dropped = a->ep->stats.events_dropped;
		ev_push(a->ep, &ev);
		if (a->ep->stats.events_dropped == dropped)
			d->rx_unread += m.len; /* counts in the window until polled */
	}
}

static void
mbuf_ref_all(struct rte_mbuf *m)
{
	for (; m != NULL; m = m->next)
		rte_mbuf_refcnt_update(m, 1);
}

void
data_on_data(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct sctpdk_sctp_ep *ep = a->ep;
	struct data_state *d = a->data.s;
	struct sctpdk_chunk wc = {
		.src = sctpdk_src_mbuf(rx->m),
		.off = c->off,
		.len = c->len,
		.type = c->type,
		.flags = c->flags,
	};
	struct sctpdk_data wd;
	enum sctpdk_wire_reason r = sctpdk_data_decode(&wc, &wd);
	if (d == NULL || !d->tr_ok || (r != SCTPDK_WIRE_OK && r != SCTPDK_WIRE_R_NO_USER_DATA)) {
		ep->stats.rx_malformed++;
		rx->stop = true;
		return;
	}
	struct sctpdk_data_chunk dc = {
		.tsn = wd.tsn,
		.sid = wd.sid,
		.ssn = wd.ssn,
		.ppid = wd.ppid,
		.flags = wd.flags & (SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_E | SCTPDK_DATA_FLAG_U |
				     SCTPDK_DATA_FLAG_I),
		.len = wd.payload_len,
		.off = wd.payload_off,
		.m = rx->m,
	};
	if (r == SCTPDK_WIRE_R_NO_USER_DATA) {
		/* 6.2: DATA without user data: ABORT with No User Data. */
		uint8_t h[4];
		wr32(h, wd.tsn.v);
		ep->stats.rx_protocol_violation++;
		assoc_abort_with(a, CAUSE_NO_USER_DATA, h, 4, SCTPDK_COMM_LOST);
		rx->assoc_gone = true;
		return;
	}
	rx->had_data = true;
	path_note_data(a, rx->now_us);
	if (dc.flags & SCTPDK_DATA_FLAG_I)
		rx->immediate_sack = true;
	enum sctpdk_tracker_verdict v = sctpdk_tracker_peek(&d->tr, dc.tsn);
	if (v == SCTPDK_TRACKER_OUT_OF_WINDOW) {
		return;
	}
	if (v == SCTPDK_TRACKER_DUPLICATE) {
		sctpdk_tracker_on_data(&d->tr, dc.tsn);
		return;
	}
	if (!sctpdk_reasm_sid_valid(&d->rs, dc.sid)) {
		/* 6.5: acknowledge, report Invalid Stream Identifier, drop. */
		uint8_t info[4];
		wr16(info, dc.sid);
		wr16(info + 2, 0);
		ep->stats.rx_invalid_stream++;
		sctpdk_tracker_on_data(&d->tr, dc.tsn);
		assoc_queue_error(a, CAUSE_INVALID_STREAM, info, 4);
		return;
	}
	/* 6.2: no room in the receive buffer: drop (the peer retransmits),
	 * unless it is the next in-order TSN. */
	if (sctpdk_reasm_buffered_bytes(&d->rs) + d->rx_unread + dc.len >
		    (uint64_t)ep->cfg.rwnd_bytes * 2 &&
	    !sctpdk_tsn_eq(dc.tsn, sctpdk_tsn_next(sctpdk_tracker_cum_tsn(&d->tr))))
		return;
	mbuf_ref_all(rx->m);
	int rc = sctpdk_reasm_add(&d->rs, &dc);
	if (rc == SCTPDK_ERR_NOMEM) {
		ep->stats.nomem++;
		return; /* not recorded: the peer will retransmit it */
	}
	sctpdk_tracker_on_data(&d->tr, dc.tsn);
	if (rc == SCTPDK_ERR_MALFORMED)
		ep->stats.rx_protocol_violation++;
}

void
data_on_packet_end(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->tr_ok)
		return;
	sctpdk_tracker_on_packet_end(&d->tr, rx->now_us, rx->immediate_sack);
	deliver(a, d);
}

static void
t3_restart(struct sctpdk_sctp_assoc *a, struct data_state *d, uint64_t now_us)
{
	d->t3_us = sctpdk_outq_empty(&d->oq) ? NO_DEADLINE : now_us + sctpdk_rto_get_us(&d->rto);
}

/* Apply an acknowledgment (SACK or SHUTDOWN's cumulative TSN). Returns -1
 * when it violated the protocol and the association was aborted (freed). */
static int
apply_ack(struct sctpdk_sctp_assoc *a, struct data_state *d, const struct sctpdk_sack_desc *s,
	  uint64_t now_us)
{
	struct sctpdk_outq_sack_result res;
	int rc = sctpdk_outq_on_sack(&d->oq, s, now_us, &res);
	if (rc == SCTPDK_ERR_PROTOCOL) {
		a->ep->stats.rx_protocol_violation++;
		static const char why[] = "SACK acks a TSN never sent";
		assoc_abort_with(a, CAUSE_PROTOCOL_VIOLATION, why, sizeof(why) - 1,
				 SCTPDK_COMM_LOST);
		return -1;
	}
	if (rc != 0 || res.stale)
		return 0;
	if (res.rtt_valid && rtx_rtt_sample_ok(&d->rx, &d->rto, now_us, res.rtt_us))
		sctpdk_rto_on_rtt(&d->rto, res.rtt_us);
	a->rto_us = (uint32_t)sctpdk_rto_get_us(&d->rto);
	a->peer_rwnd = res.peer_rwnd;
	if (res.newly_acked_bytes > 0) {
		struct sctpdk_cc_ack ack = {
			.bytes_acked = res.bytes_acked[0],
			.flight_before = res.flight_before[0],
			.flight_after = res.flight_after[0],
			.cum_advanced = res.cum_advanced,
			.in_fast_recovery = sctpdk_outq_in_fast_recovery(&d->oq),
		};
		sctpdk_cc_rfc9260.on_ack(&d->cc, &ack);
		d->error_count = 0;
		path_on_ack(a);
	}
	if (res.fast_rtx_dests & 1u) {
		sctpdk_cc_rfc9260.on_fast_rtx(&d->cc);
		rtx_on_fast_rtx(&d->rx);
	}
	if (sctpdk_outq_empty(&d->oq))
		d->t3_us = NO_DEADLINE;
	else if (res.earliest_acked_dests & 1u)
		t3_restart(a, d, now_us);
	return 0;
}

void
data_on_sack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct data_state *d = a->data.s;
	struct sctpdk_chunk wc = {
		.src = sctpdk_src_mbuf(rx->m),
		.off = c->off,
		.len = c->len,
		.type = c->type,
		.flags = c->flags,
	};
	struct sctpdk_sack ws;
	if (d == NULL || !d->oq_ok || sctpdk_sack_decode(&wc, &ws) != SCTPDK_WIRE_OK) {
		a->ep->stats.rx_malformed++;
		rx->stop = true;
		return;
	}
	struct sctpdk_sack_desc s = {
		.cum_tsn = ws.cum_tsn,
		.a_rwnd = ws.a_rwnd,
		.n_gaps = ws.n_gaps < MAX_GAPS_RX ? ws.n_gaps : MAX_GAPS_RX,
	};
	/* Blocks beyond MAX_GAPS_RX only delay fast retransmit. */
	for (uint16_t i = 0; i < s.n_gaps; i++)
		if (sctpdk_sack_gap_at(&wc, &ws, i, &d->rx_gaps[i]) != SCTPDK_WIRE_OK)
			s.n_gaps = i;
	s.gaps = d->rx_gaps;
	s.n_dups = 0;
	if (apply_ack(a, d, &s, rx->now_us) != 0)
		rx->assoc_gone = true;
}

int
data_on_cum_ack(struct sctpdk_sctp_assoc *a, uint32_t cum_tsn, uint64_t now_us)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->oq_ok)
		return 0;
	/* A SHUTDOWN acks like a SACK without gaps; keep the window as is. */
	if (sctpdk_tsn_le(sctpdk_tsn(cum_tsn), sctpdk_outq_cum_tsn(&d->oq)))
		return 0;
	struct sctpdk_sack_desc s = {
		.cum_tsn = sctpdk_tsn(cum_tsn),
		.a_rwnd = d->oq.peer_rwnd + sctpdk_outq_flight_total(&d->oq),
	};
	return apply_ack(a, d, &s, now_us);
}

uint32_t
data_rwnd(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	if (d == NULL || !d->rs_ok)
		return a->ep->cfg.rwnd_bytes;
	return sctpdk_reasm_rwnd(a->ep->cfg.rwnd_bytes,
				 sctpdk_reasm_buffered_bytes(&d->rs) + d->rx_unread, d->last_rwnd,
				 d->payload_mtu);
}

uint32_t
data_cum_tsn(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	if (d == NULL || !d->tr_ok)
		return a->peer_tsn - 1;
	return sctpdk_tracker_cum_tsn(&d->tr).v;
}

int
data_add_sack(struct sctpdk_sctp_assoc *a, struct pkt_builder *b, bool force)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->tr_ok)
		return 0;
	if (!force && !sctpdk_tracker_sack_due(&d->tr))
		return 0;
	struct sctpdk_gap gaps[MAX_GAPS_TX];
	sctpdk_tsn_t dups[MAX_DUPS_TX];
	/* Size the blocks to the room left in the packet. */
	uint32_t room = b->limit > pkt_len(b) + CHUNK_HDR_LEN + 12 ? b->limit - pkt_len(b) - 16 : 0;
	if (!pkt_fits(b, 12))
		return 0;
	uint32_t max4 = room / 4;
	struct sctpdk_sack_desc s = {
		.max_gaps = (uint16_t)(max4 < MAX_GAPS_TX ? max4 : MAX_GAPS_TX),
		.gaps = gaps,
		.dups = dups,
	};
	uint32_t left = max4 - s.max_gaps;
	s.max_dups = (uint16_t)(left < MAX_DUPS_TX ? left : MAX_DUPS_TX);
	uint32_t rwnd = data_rwnd(a);
	sctpdk_tracker_build_sack(&d->tr, rwnd, &s);
	d->last_rwnd = rwnd;
	uint8_t *v = pkt_chunk_add(b, CT_SACK, 0, 12u + 4u * (s.n_gaps + s.n_dups));
	if (v == NULL)
		return 0;
	wr32(v, s.cum_tsn.v);
	wr32(v + 4, s.a_rwnd);
	wr16(v + 8, s.n_gaps);
	wr16(v + 10, s.n_dups);
	uint8_t *p = v + 12;
	for (unsigned i = 0; i < s.n_gaps; i++, p += 4) {
		wr16(p, gaps[i].start);
		wr16(p + 2, gaps[i].end);
	}
	for (unsigned i = 0; i < s.n_dups; i++, p += 4)
		wr32(p, dups[i].v);
	return 1;
}

/* Write one DATA chunk (payload copied from its mbuf chain). */
static int
put_data(struct pkt_builder *b, const struct sctpdk_data_chunk *c)
{
	uint8_t *v = pkt_chunk_add(b, CT_DATA, c->flags & 0x0f, 12u + c->len);
	if (v == NULL)
		return -1;
	wr32(v, c->tsn.v);
	wr16(v + 4, c->sid);
	wr16(v + 6, c->ssn.v);
	wr32(v + 8, c->ppid);
	if (pkt_read(c->m, c->off, v + 12, c->len) != 0)
		return -1;
	return 0;
}

static uint32_t
room_for_payload(const struct pkt_builder *b)
{
	uint32_t used = pkt_len(b) + CHUNK_HDR_LEN + 12;
	return b->limit > used ? (b->limit - used) & ~3u : 0;
}

static bool
window_allows(struct data_state *d, uint32_t len)
{
	uint32_t flight = sctpdk_outq_flight_total(&d->oq);
	/* 6.1 A: a zero window still lets one chunk probe when nothing flies. */
	if (sctpdk_outq_peer_rwnd(&d->oq) < len && flight > 0)
		return false;
	return sctpdk_cc_can_send(&d->cc, flight, len);
}

/* Messages whose lifetime ended before any of it was sent: SEND_FAILED
 * with DATA_UNSENT, their context and their bytes. */
static void
report_expired(struct sctpdk_sctp_assoc *a, struct data_state *d)
{
	struct sctpdk_sendq_expired x;
	while (sctpdk_sendq_pop_expired(&d->sq, &x) == 0) {
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_SEND_FAILED;
		ev.assoc_id = a->id;
		ev.u.send_failed.flags = SCTPDK_DATA_UNSENT;
		ev.u.send_failed.sid = x.sid;
		ev.u.send_failed.ppid = x.ppid;
		ev.u.send_failed.context = x.context;
		ev.u.send_failed.msg = x.m;
		ev_push(a->ep, &ev);
	}
}

int
data_add_data(struct sctpdk_sctp_assoc *a, struct pkt_builder *b, uint64_t now_us)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->oq_ok || !d->tr_ok)
		return 0; /* the peer's side is not known yet */
	int n = 0;
	struct sctpdk_data_chunk c;
	if (sctpdk_sendq_expire(&d->sq, now_us) > 0)
		report_expired(a, d);
	/* Retransmissions first (6.3.3). */
	while (sctpdk_outq_rtx_pending(&d->oq) > 0) {
		if (n == 0 && b->n_chunks == 0 && b->limit < ep_payload_limit(a->ep)) {
			/* A chunk cut for a larger PMTU than the current one
			 * goes as it is (the IP layer may fragment it, 7.3). */
			const struct sctpdk_outq_entry *lo = NULL;
			for (sctpdk_tsn_t t = sctpdk_tsn_next(sctpdk_outq_cum_tsn(&d->oq));
			     lo == NULL && sctpdk_tsn_lt(t, sctpdk_outq_next_tsn(&d->oq));
			     t = sctpdk_tsn_next(t)) {
				const struct sctpdk_outq_entry *e = sctpdk_outq_find(&d->oq, t);
				if (e != NULL && e->state == SCTPDK_OUTQ_RTX)
					lo = e;
			}
			if (lo != NULL && lo->len > room_for_payload(b))
				b->limit = ep_payload_limit(a->ep);
		}
		uint32_t room = room_for_payload(b);
		if (!rtx_may_retransmit(&d->rx, &d->cc, sctpdk_outq_flight_total(&d->oq), n))
			break;
		if (room == 0 ||
		    sctpdk_outq_next_rtx(&d->oq, now_us, 0, room, false, &c) != 0)
			break;
		if (put_data(b, &c) != 0)
			break;
		n++;
		rtx_note_retransmit(&d->rx, now_us);
		if (d->t3_us == NO_DEADLINE)
			t3_restart(a, d, now_us);
	}
	rtx_end_rtx_packet(&d->rx, n);
	if (sctpdk_outq_rtx_pending(&d->oq) > 0 && n == 0)
		return 0; /* retransmissions go before new data (6.1 D) */
	if (sctpdk_sendq_has_data(&d->sq) && sctpdk_outq_flight_total(&d->oq) == 0)
		sctpdk_cc_rfc9260.on_idle(&d->cc, now_us, sctpdk_rto_get_us(&d->rto));
	int n_rtx = n;
	while (sctpdk_sendq_has_data(&d->sq) && !sctpdk_outq_full(&d->oq) &&
	       rtx_burst_allows(&d->rx)) {
		uint32_t room = room_for_payload(b);
		if (room < MIN_FRAG || (room < d->payload_mtu / 2 && n > 0 &&
					sctpdk_sendq_queued_bytes(&d->sq) > room))
			break;
		if (!window_allows(d, room < d->payload_mtu ? room : d->payload_mtu))
			break;
		/* Nagle-like rule (6.1): with data in flight, do not start a
		 * packet that less than a full chunk's worth would leave
		 * half empty; it waits for an ack or more data. The tail of
		 * a message fragmented to the PMTU is never held: waiting
		 * would only delay a message the user already completed
		 * (and meet the peer's delayed SACK on every message). */
		if (n == 0 && !path_nodelay(a) && sctpdk_outq_flight_total(&d->oq) > 0 &&
		    !sctpdk_sendq_mid_message(&d->sq) &&
		    sctpdk_sendq_queued_bytes(&d->sq) < room && a->state == SCTPDK_ST_ESTABLISHED)
			break;
		if (sctpdk_sendq_next(&d->sq, now_us, room, &d->next_tsn, &c) != 0)
			break;
		c.dest = 0;
		if (put_data(b, &c) != 0 || sctpdk_outq_add(&d->oq, &c, now_us) != 0) {
			/* Cannot happen with the checks above; keep the TSN
			 * sequence intact by dropping the association's data. */
			rte_pktmbuf_free(c.m);
			a->ep->stats.nomem++;
			break;
		}
		sctpdk_cc_on_send(&d->cc, now_us);
		n++;
		if (d->t3_us == NO_DEADLINE)
			t3_restart(a, d, now_us);
	}
	if (n > n_rtx)
		rtx_count_packet(&d->rx);
	report_expired(a, d); /* met on the way by sctpdk_sendq_next */
	return n;
}

bool
data_want_tx(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	if (d == NULL || !d->oq_ok || !d->tr_ok)
		return false;
	if (sctpdk_tracker_sack_due(&d->tr))
		return true;
	if (sctpdk_outq_rtx_pending(&d->oq) > 0)
		return true;
	if (!sctpdk_sendq_has_data(&d->sq) || sctpdk_outq_full(&d->oq))
		return false;
	return window_allows((struct data_state *)d, d->payload_mtu < 512 ? d->payload_mtu : 512);
}

bool
data_all_acked(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	if (d == NULL)
		return true;
	return (!d->sq_ok || !sctpdk_sendq_has_data(&d->sq)) &&
	       (!d->oq_ok || sctpdk_outq_empty(&d->oq));
}

uint64_t
data_deadline(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	if (d == NULL)
		return NO_DEADLINE;
	uint64_t t = d->t3_us;
	if (d->tr_ok && sctpdk_tracker_deadline(&d->tr) < t)
		t = sctpdk_tracker_deadline(&d->tr);
	return t;
}

int
data_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	struct data_state *d = a->data.s;
	if (d == NULL)
		return 0;
	if (d->tr_ok && sctpdk_tracker_deadline(&d->tr) <= now_us)
		sctpdk_tracker_on_timer(&d->tr, now_us);
	if (d->t3_us <= now_us) {
		/* 6.3.3: T3-rtx expired: back off, mark for retransmission. */
		if (++d->error_count > path_max_retrans(a)) {
			assoc_abort_with(a, 0, NULL, 0, SCTPDK_COMM_LOST);
			return -1;
		}
		sctpdk_rto_backoff(&d->rto);
		a->rto_us = (uint32_t)sctpdk_rto_get_us(&d->rto);
		sctpdk_outq_on_t3(&d->oq, -1);
		sctpdk_cc_rfc9260.on_t3(&d->cc);
		rtx_on_t3(&d->rx);
		/* A timeout ends fast recovery: slow start may grow cwnd again. */
		d->oq.in_fast_recovery = false;
		path_on_t3(a, now_us); /* may move traffic to an alternate */
		d->t3_us = now_us + sctpdk_rto_get_us(&d->rto);
	}
	return 0;
}

void
data_set_immediate_sack(struct sctpdk_sctp_assoc *a, bool on)
{
	struct data_state *d = a->data.s;
	if (d != NULL && d->tr_ok)
		sctpdk_tracker_set_immediate(&d->tr, on);
}

uint32_t
data_outstanding_bytes(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	return d != NULL && d->oq_ok ? sctpdk_outq_flight_total(&d->oq) : 0;
}

uint32_t
data_peer_rwnd(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	return d != NULL && d->oq_ok ? sctpdk_outq_peer_rwnd(&d->oq) : a->peer_rwnd;
}

uint32_t
data_queued_bytes(const struct sctpdk_sctp_assoc *a)
{
	const struct data_state *d = a->data.s;
	return d != NULL && d->sq_ok ? (uint32_t)sctpdk_sendq_queued_bytes(&d->sq) : 0;
}

void
data_flush_begin(struct sctpdk_sctp_assoc *a)
{
	struct data_state *d = a->data.s;
	if (d != NULL)
		rtx_flush_begin(&d->rx);
}

int
data_path_snapshot(const struct sctpdk_sctp_assoc *a, struct sctpdk_sctp_path_info *pi)
{
	const struct data_state *d = a->data.s;
	if (d == NULL || !d->oq_ok)
		return SCTPDK_ERR_STATE;
	pi->cwnd = d->cc.cwnd;
	pi->ssthresh = d->cc.ssthresh;
	pi->partial_bytes_acked = d->cc.partial_bytes_acked;
	pi->mtu = d->cc.mtu;
	pi->flight = sctpdk_outq_flight_total(&d->oq);
	pi->srtt_us = sctpdk_rto_srtt_us(&d->rto);
	pi->rttvar_us = d->rto.rttvar_us;
	pi->rto_us = sctpdk_rto_get_us(&d->rto);
	pi->error_count = d->error_count;
	pi->t3_expiries = d->rx.stats.t3_expiries;
	pi->fast_rtx_events = d->rx.stats.fast_rtx_events;
	pi->retransmitted_chunks = d->rx.stats.retransmitted_chunks;
	pi->rtt_samples = d->rx.stats.rtt_samples;
	return 0;
}

struct sctpdk_rto *
data_rto(struct sctpdk_sctp_assoc *a)
{
	return a->data.s != NULL ? &a->data.s->rto : NULL;
}

struct sctpdk_cc_path *
data_cc(struct sctpdk_sctp_assoc *a)
{
	return a->data.s != NULL ? &a->data.s->cc : NULL;
}

uint32_t *
data_error_count(struct sctpdk_sctp_assoc *a)
{
	return a->data.s != NULL ? &a->data.s->error_count : NULL;
}

void
data_on_read(struct sctpdk_sctp_assoc *a, uint32_t bytes)
{
	struct data_state *d = a->data.s;
	if (d == NULL || !d->rs_ok)
		return;
	d->rx_unread = d->rx_unread > bytes ? d->rx_unread - bytes : 0;
	/* The window was (nearly) closed and reading reopened it by enough
	 * (receiver SWS rule in data_rwnd): tell the peer at once. */
	uint32_t before = d->last_rwnd;
	if (before >= 2 * d->payload_mtu || data_rwnd(a) <= before ||
	    (a->state != SCTPDK_ST_ESTABLISHED && a->state != SCTPDK_ST_SHUTDOWN_PENDING))
		return;
	struct pkt_builder b;
	if (assoc_begin_packet(a, &b) != 0)
		return;
	data_add_sack(a, &b, true);
	assoc_send_packet(a, &b);
}

void
data_set_sndbuf(struct sctpdk_sctp_assoc *a, uint64_t bytes)
{
	if (a->data.s != NULL)
		a->data.s->sndbuf_bytes = bytes;
}

uint64_t
data_sndbuf(const struct sctpdk_sctp_assoc *a)
{
	return a->data.s != NULL ? a->data.s->sndbuf_bytes : 0;
}

void
data_set_pmtu(struct sctpdk_sctp_assoc *a, uint32_t pmtu)
{
	struct data_state *d = a->data.s;
	if (d == NULL)
		return;
	uint32_t hdr = a->ep->cfg.ip_overhead + SCTP_HDR_LEN + DATA_HDR_LEN;
	d->payload_mtu = pmtu > hdr + MIN_FRAG ? pmtu - hdr : MIN_FRAG;
	sctpdk_cc_rfc9260.on_mtu(&d->cc, d->payload_mtu);
}
