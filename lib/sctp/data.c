/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data transfer glue (RFC 9260 section 6): DATA and SACK chunks in and out,
 * wired to the send queue, outstanding queue, TSN tracker, reassembly, RTO
 * and congestion control components.
 *
 * Every destination (peer address index) has its own RTO estimate,
 * congestion state, T3-rtx timer and counters (struct dest_tx); the outq
 * counts flight per destination and remembers where each chunk was last
 * sent, so a SACK credits acked bytes, flight and partial_bytes_acked to
 * the destination each chunk went to, fast retransmit cuts the cwnd of the
 * destinations of the missing chunks (7.2.4) and a T3-rtx expiry acts on
 * its destination only (6.3.3, 7.2.3). Which destination a packet goes to
 * is path.c's choice (new data: the current one; retransmissions: an
 * alternate when there is one); one packet carries DATA for one
 * destination (the builder's dest).
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

/* Bit masks of destinations (uint32_t) and outq destination ids. */
_Static_assert(SCTPDK_SCTP_MAX_ADDRS <= SCTPDK_XFER_MAX_DEST && SCTPDK_XFER_MAX_DEST <= 32,
	       "destination ids must fit the outq and the masks");

/* Transfer state of one destination (peer address index). */
struct dest_tx {
	struct sctpdk_rto rto;
	struct sctpdk_cc_path cc; /* cc.mtu: DATA payload bytes in a full packet to it */
	uint64_t t3_us;           /* T3-rtx expiry, NO_DEADLINE when stopped */
	struct rtx_dest rx;       /* RTT sampling, counters */
};

struct data_state {
	struct sctpdk_sendq sq;
	struct sctpdk_outq oq;
	struct sctpdk_tracker tr;
	struct sctpdk_reasm rs;
	struct dest_tx dst[SCTPDK_SCTP_MAX_ADDRS];
	bool sq_ok, oq_ok, tr_ok, rs_ok;
	sctpdk_tsn_t next_tsn;
	uint32_t last_rwnd;       /* last a_rwnd advertised */
	uint32_t error_count;     /* association: consecutive timeouts (8.1) */
	uint64_t sndbuf_bytes;
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

/* DATA payload bytes in a full packet to destination i. */
static uint32_t
dest_payload_mtu(const struct sctpdk_sctp_assoc *a, unsigned i)
{
	return path_pkt_limit_to(a, i) - SCTP_HDR_LEN - DATA_HDR_LEN;
}

/* Idem for the current destination (new data, window arithmetic). */
static uint32_t
cur_mtu(const struct sctpdk_sctp_assoc *a, const struct data_state *d)
{
	return d->dst[path_current(a)].cc.mtu;
}

static void
t3_start(struct data_state *d, unsigned i, uint64_t now_us)
{
	d->dst[i].t3_us = now_us + sctpdk_rto_get_us(&d->dst[i].rto);
}

/* The association's RTO (setup and shutdown timers) follows the current
 * destination's. */
static void
sync_rto(struct sctpdk_sctp_assoc *a, const struct data_state *d)
{
	a->rto_us = (uint32_t)sctpdk_rto_get_us(&d->dst[path_current(a)].rto);
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
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++) {
		struct dest_tx *t = &d->dst[i];
		sctpdk_rto_init(&t->rto, &rp);
		sctpdk_cc_rfc9260.init(&t->cc, dest_payload_mtu(a, i), a->peer_rwnd);
		t->t3_us = NO_DEADLINE;
		memset(&t->rx, 0, sizeof(t->rx));
	}
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
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++)
		sctpdk_cc_rfc9260.init(&d->dst[i].cc, dest_payload_mtu(a, i), a->peer_rwnd);
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
	if (path_disable_frag(a) && rte_pktmbuf_pkt_len(msg) > cur_mtu(a, d))
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

/* Bytes [off, off + len) of packet m in a new mbuf from mp, or NULL (pool
 * empty, or len over one mbuf's room: the caller slices instead). */
static struct rte_mbuf *
copy_payload(struct rte_mempool *mp, const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	struct rte_mbuf *cm = rte_pktmbuf_alloc(mp);
	if (cm == NULL)
		return NULL;
	char *dst = len <= rte_pktmbuf_tailroom(cm) ? rte_pktmbuf_append(cm, (uint16_t)len) : NULL;
	if (dst == NULL) {
		rte_pktmbuf_free(cm);
		return NULL;
	}
	/* contiguous: a pointer into m to copy from; else gathered into dst */
	const void *src = rte_pktmbuf_read(m, off, len, dst);
	if (src != dst)
		memcpy(dst, src, len);
	return cm;
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
	/* a small payload: copied into an mbuf of its own; else a reference
	 * on the packet for the slice reassembly makes */
	struct rte_mbuf *cm = NULL;
	if (dc.len <= ep->cfg.rx_copy_max)
		cm = copy_payload(ep->cfg.pool, rx->m, dc.off, dc.len);
	if (cm != NULL) {
		dc.m = cm;
		dc.off = 0;
		ep->stats.rx_payload_copies++;
	} else {
		mbuf_ref_all(rx->m);
		ep->stats.rx_payload_refs++;
	}
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
	bool in_fr = sctpdk_outq_in_fast_recovery(&d->oq);
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++) {
		struct dest_tx *t = &d->dst[i];
		uint32_t bit = 1u << i;
		/* RTT of the destination the sampled chunk went to (6.3.1) */
		if ((res.rtt_dests & bit) &&
		    rtx_rtt_sample_ok(&d->rx, &t->rx, &t->rto, now_us, res.rtt_dest_us[i]))
			sctpdk_rto_on_rtt(&t->rto, res.rtt_dest_us[i]);
		/* cwnd of the destination the acked chunks went to (7.2.1, 7.2.2) */
		if (res.bytes_acked[i] > 0) {
			struct sctpdk_cc_ack ack = {
				.bytes_acked = res.bytes_acked[i],
				.flight_before = res.flight_before[i],
				.flight_after = res.flight_after[i],
				.cum_advanced = res.cum_advanced,
				.in_fast_recovery = in_fr,
			};
			sctpdk_cc_rfc9260.on_ack(&t->cc, &ack);
		}
		/* 7.2.4 step 2: the destinations of the missing chunks */
		if (res.fast_rtx_dests & bit) {
			sctpdk_cc_rfc9260.on_fast_rtx(&t->cc);
			t->rx.stats.fast_rtx_events++;
			a->ep->stats.fast_rtx_events++;
		}
		/* 6.3.2 R2 / R3: stop the destination's T3-rtx when nothing
		 * sent to it is in flight, restart it when its earliest
		 * outstanding chunk was acked (start it when a renege put
		 * chunks back in flight). */
		if (sctpdk_outq_flight(&d->oq, i) == 0)
			t->t3_us = NO_DEADLINE;
		else if ((res.earliest_acked_dests & bit) || t->t3_us == NO_DEADLINE)
			t3_start(d, i, now_us);
	}
	if (res.fast_rtx_dests != 0)
		rtx_on_fast_rtx(&d->rx);
	sync_rto(a, d);
	a->peer_rwnd = res.peer_rwnd;
	if (res.newly_acked_bytes > 0) {
		d->error_count = 0;
		/* Destination error counters clear on chunks acked while in
		 * flight: one a T3-rtx expiry already declared lost there
		 * (marked for retransmission) was sent before that error. */
		path_on_ack(a, res.acked_live_dests);
	}
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
				 cur_mtu(a, d));
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
	/* lib/wire encodes the chunk into the packet's room, the blocks
	 * sized to what is left after the 16 fixed bytes. */
	struct sctpdk_wr w;
	if (!pkt_fits(b, 12) || pkt_wr_begin(b, &w, 16) != 0)
		return 0;
	uint32_t max4 = w.cap > 16 ? (w.cap - 16) / 4 : 0;
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
	if (sctpdk_sack_encode(&w, s.cum_tsn, s.a_rwnd, gaps, s.n_gaps, dups, s.n_dups) != 0 ||
	    pkt_wr_commit(b, &w, 1) != 0)
		return 0;
	return 1;
}

/* Write one DATA chunk: its payload is referenced from the chunk's mbuf
 * chain (kept by the outstanding queue for retransmission), or copied when
 * short (pkt_chunk_add_payload, ref_min). */
static int
put_data(struct pkt_builder *b, const struct sctpdk_data_chunk *c)
{
	uint8_t flags = c->flags & 0x0f;
	uint8_t *v = pkt_chunk_add_payload(b, CT_DATA, flags, 12u, c->m, c->off, c->len);
	if (v == NULL)
		return -1;
	/* lib/wire writes the 16 header bytes the builder kept. */
	const struct sctpdk_data wd = {
	    .flags = flags, .tsn = c->tsn, .sid = c->sid, .ssn = c->ssn, .ppid = c->ppid};
	sctpdk_data_hdr_put(v - CHUNK_HDR_LEN, &wd, (uint16_t)c->len);
	return 0;
}

static uint32_t
room_for_payload(const struct pkt_builder *b)
{
	uint32_t used = pkt_len(b) + CHUNK_HDR_LEN + 12;
	return b->limit > used ? (b->limit - used) & ~3u : 0;
}

/* May a new chunk of len bytes go to destination i? Peer window (6.1 A)
 * on the association's flight, cwnd (6.1 B) on the destination's. */
static bool
window_allows(const struct data_state *d, unsigned i, uint32_t len)
{
	uint32_t flight = sctpdk_outq_flight_total(&d->oq);
	/* 6.1 A: a zero window still lets one chunk probe when nothing flies. */
	if (sctpdk_outq_peer_rwnd(&d->oq) < len && flight > 0)
		return false;
	return sctpdk_cc_can_send(&d->dst[i].cc, sctpdk_outq_flight(&d->oq, (uint8_t)i), len);
}

/* Send the packet to destination i unless DATA already binds it to
 * another one (a packet carries DATA for one destination). */
static bool
target(struct sctpdk_sctp_assoc *a, struct pkt_builder *b, unsigned i)
{
	if (b->dest_set)
		return b->dest == i;
	return pkt_set_dest(b, (uint8_t)i, path_pkt_limit_to(a, i)) == 0;
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
	/* Retransmissions first (6.3.3), in TSN order, each to an active
	 * destination other than the one it was last sent to when there is
	 * one (6.4), limited by that destination's cwnd (6.1 B); a packet
	 * takes chunks for one destination. */
	const struct sctpdk_outq_entry *lo;
	while ((lo = sctpdk_outq_peek_rtx(&d->oq)) != NULL) {
		unsigned to = path_rtx_dest(a, lo->dest);
		if (!target(a, b, to))
			break;
		/* A chunk cut for a larger PMTU than this destination's goes
		 * as it is (the IP layer may fragment it, 7.3). */
		if (n == 0 && b->n_chunks == 0 && b->limit < ep_payload_limit(a->ep) &&
		    lo->len > room_for_payload(b))
			b->limit = ep_payload_limit(a->ep);
		struct dest_tx *t = &d->dst[to];
		if (!rtx_may_retransmit(&d->rx, &t->cc, sctpdk_outq_flight(&d->oq, (uint8_t)to), n))
			break;
		uint32_t room = room_for_payload(b);
		if (room == 0 ||
		    sctpdk_outq_next_rtx(&d->oq, now_us, (uint8_t)to, room, false, &c) != 0)
			break;
		if (put_data(b, &c) != 0)
			break;
		b->dest_set = true;
		n++;
		rtx_note_retransmit(&d->rx, &t->rx, now_us);
		a->ep->stats.tx_rtx_chunks++;
		if (t->t3_us == NO_DEADLINE)
			t3_start(d, to, now_us); /* 6.3.2 R4 */
	}
	rtx_end_rtx_packet(&d->rx, n);
	/* New data goes to the current destination. Retransmissions waiting
	 * for the same destination go first (6.1 D); those waiting for
	 * another one do not hold it up. */
	unsigned to = path_current(a);
	lo = sctpdk_outq_peek_rtx(&d->oq);
	if (lo != NULL && n == 0 && path_rtx_dest(a, lo->dest) == to)
		return 0;
	if (!target(a, b, to))
		return n;
	struct dest_tx *t = &d->dst[to];
	uint32_t mtu = t->cc.mtu;
	if (sctpdk_sendq_has_data(&d->sq) && sctpdk_outq_flight(&d->oq, (uint8_t)to) == 0)
		sctpdk_cc_rfc9260.on_idle(&t->cc, now_us, sctpdk_rto_get_us(&t->rto));
	int n_rtx = n;
	while (sctpdk_sendq_has_data(&d->sq) && !sctpdk_outq_full(&d->oq) &&
	       rtx_burst_allows(&d->rx)) {
		uint32_t room = room_for_payload(b);
		if (room < MIN_FRAG ||
		    (room < mtu / 2 && n > 0 && sctpdk_sendq_queued_bytes(&d->sq) > room))
			break;
		if (!window_allows(d, to, room < mtu ? room : mtu))
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
		c.dest = (uint8_t)to;
		if (put_data(b, &c) != 0 || sctpdk_outq_add(&d->oq, &c, now_us) != 0) {
			/* Cannot happen with the checks above; keep the TSN
			 * sequence intact by dropping the association's data. */
			rte_pktmbuf_free(c.m);
			a->ep->stats.nomem++;
			break;
		}
		b->dest_set = true;
		sctpdk_cc_on_send(&t->cc, now_us);
		n++;
		if (t->t3_us == NO_DEADLINE)
			t3_start(d, to, now_us); /* 6.3.2 R1 */
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
	uint32_t mtu = cur_mtu(a, d);
	return window_allows(d, path_current(a), mtu < 512 ? mtu : 512);
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
	uint64_t t = NO_DEADLINE;
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++)
		if (d->dst[i].t3_us < t)
			t = d->dst[i].t3_us;
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
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++) {
		struct dest_tx *t = &d->dst[i];
		if (t->t3_us > now_us)
			continue;
		t->t3_us = NO_DEADLINE;
		if (!d->oq_ok || sctpdk_outq_flight(&d->oq, (uint8_t)i) == 0)
			continue; /* nothing sent there is outstanding any more */
		/* 6.3.3: T3-rtx of destination i expired: the association's
		 * error counter, back off i's RTO, mark what was sent to i for
		 * retransmission (it leaves i's flight), i's cwnd to 1 MTU
		 * (7.2.3). The retransmission restarts the timer of the
		 * destination it goes to (6.3.2 R4). */
		if (++d->error_count > path_max_retrans(a)) {
			assoc_abort_with(a, 0, NULL, 0, SCTPDK_COMM_LOST);
			return -1;
		}
		sctpdk_rto_backoff(&t->rto);
		sctpdk_outq_on_t3(&d->oq, (int)i);
		sctpdk_cc_rfc9260.on_t3(&t->cc);
		rtx_on_t3(&d->rx, &t->rx);
		a->ep->stats.t3_expiries++;
		/* A timeout ends fast recovery: slow start may grow cwnd again. */
		d->oq.in_fast_recovery = false;
		path_on_t3(a, i); /* i's error counter; failover when inactive */
	}
	sync_rto(a, d);
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
data_path_snapshot(const struct sctpdk_sctp_assoc *a, unsigned i, struct sctpdk_sctp_path_info *pi)
{
	const struct data_state *d = a->data.s;
	if (d == NULL || !d->oq_ok || i >= SCTPDK_SCTP_MAX_ADDRS)
		return SCTPDK_ERR_STATE;
	const struct dest_tx *t = &d->dst[i];
	pi->cwnd = t->cc.cwnd;
	pi->ssthresh = t->cc.ssthresh;
	pi->partial_bytes_acked = t->cc.partial_bytes_acked;
	pi->mtu = t->cc.mtu;
	pi->flight = sctpdk_outq_flight(&d->oq, (uint8_t)i);
	pi->srtt_us = sctpdk_rto_srtt_us(&t->rto);
	pi->rttvar_us = t->rto.rttvar_us;
	pi->rto_us = sctpdk_rto_get_us(&t->rto);
	pi->t3_expiries = t->rx.stats.t3_expiries;
	pi->fast_rtx_events = t->rx.stats.fast_rtx_events;
	pi->retransmitted_chunks = t->rx.stats.retransmitted_chunks;
	pi->rtt_samples = t->rx.stats.rtt_samples;
	pi->t3_running = t->t3_us != NO_DEADLINE;
	return 0;
}

struct sctpdk_rto *
data_rto(struct sctpdk_sctp_assoc *a, unsigned i)
{
	return a->data.s != NULL && i < SCTPDK_SCTP_MAX_ADDRS ? &a->data.s->dst[i].rto : NULL;
}

uint32_t
data_flight(const struct sctpdk_sctp_assoc *a, unsigned i)
{
	const struct data_state *d = a->data.s;
	return d != NULL && d->oq_ok ? sctpdk_outq_flight(&d->oq, (uint8_t)i) : 0;
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
	if (before >= 2 * cur_mtu(a, d) || data_rwnd(a) <= before ||
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
data_set_pmtu(struct sctpdk_sctp_assoc *a, unsigned i, uint32_t pmtu)
{
	struct data_state *d = a->data.s;
	if (d == NULL || i >= SCTPDK_SCTP_MAX_ADDRS)
		return;
	uint32_t hdr = a->ep->cfg.ip_overhead + SCTP_HDR_LEN + DATA_HDR_LEN;
	sctpdk_cc_rfc9260.on_mtu(&d->dst[i].cc, pmtu > hdr + MIN_FRAG ? pmtu - hdr : MIN_FRAG);
}
