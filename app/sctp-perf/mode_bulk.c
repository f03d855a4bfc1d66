/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bulk mode: the client streams messages to the server on every
 * association, as fast as the send buffers take them, in bursts of up to
 * SEND_BUDGET queued with SCTPDK_SEND_MORE and flushed once (as sendmmsg
 * or MSG_MORE would; the usrsctp baseline sends bursts of 64 too); the
 * server copies each message out (as recvmsg would) and counts it.
 */
#include <rte_mbuf.h>

#include "perf.h"

#define SEND_BUDGET 64 /* messages per loop iteration */

static void
client_start(struct perf_node *n, uint64_t now)
{
	for (unsigned i = 0; i < n->n_eps; i++) {
		int64_t id = sctpdk_sctp_associate(n->eps[i], &n->peer, PERF_SERVER_PORT,
						   n->o->streams, now);
		n->as[i].id = id > 0 ? (sctpdk_assoc_id_t)id : 0;
	}
}

/* Offer one message to association i; false when its buffer is full. */
static bool
send_one(struct perf_node *n, unsigned i, uint64_t now)
{
	struct perf_assoc *a = &n->as[i];
	struct rte_mbuf *m = a->pending;
	if (m == NULL) {
		m = perf_msg_alloc(n, perf_next_size(n));
		if (m == NULL)
			return false;
	}
	uint16_t sid = a->next_sid;
	uint32_t len = rte_pktmbuf_pkt_len(m);
	uint32_t flags = n->o->unordered ? SCTPDK_SEND_UNORDERED : 0;
	int rc = sctpdk_sctp_send(n->eps[i], a->id, sid, 0, flags | SCTPDK_SEND_MORE, 0, 0, m, now);
	if (rc == 0) {
		a->pending = NULL;
		a->unflushed = true;
		n->c.msgs_tx++;
		n->c.bytes_tx += len;
		if (++a->next_sid == n->o->streams)
			a->next_sid = 0;
		return true;
	}
	if (rc == SCTPDK_ERR_AGAIN) {
		a->pending = m;
		n->c.send_again++;
	} else {
		rte_pktmbuf_free(m);
		a->pending = NULL;
	}
	return false;
}

static void
client_poll(struct perf_node *n, uint64_t now)
{
	int ph = n->sh->phase;
	if (ph == PH_PAUSE || n->n_up == 0 || n->o->idle_assocs)
		return;
	unsigned blocked = 0;
	for (unsigned k = 0; k < SEND_BUDGET && blocked < n->n_eps;) {
		unsigned i = n->rr_i;
		if (++n->rr_i == n->n_eps)
			n->rr_i = 0;
		if (!n->as[i].up || !send_one(n, i, now)) {
			blocked++;
			continue;
		}
		k++;
	}
	for (unsigned i = 0; i < n->n_eps; i++) {
		if (n->as[i].unflushed) {
			sctpdk_sctp_flush(n->eps[i], n->as[i].id, now);
			n->as[i].unflushed = false;
		}
	}
}

static void
event(struct perf_node *n, unsigned ep_i, struct sctpdk_sctp_event *ev, uint64_t now)
{
	(void)now;
	switch (ev->type) {
	case SCTPDK_EV_DATA:
		perf_copy_out(n, ev->u.data.msg);
		n->c.msgs_rx++;
		n->c.bytes_rx += ev->u.data.len;
		rte_pktmbuf_free(ev->u.data.msg);
		return;
	case SCTPDK_EV_ASSOC_CHANGE:
		if (n->is_client && ev->u.assoc_change.state == SCTPDK_COMM_UP) {
			n->as[ep_i].up = true;
			n->n_up++;
			n->c.setups++;
		} else if (n->is_client && n->as[ep_i].up) {
			n->as[ep_i].up = false;
			n->n_up--;
		}
		break;
	default:
		break;
	}
	sctpdk_sctp_event_release(ev);
}

static bool
ready(const struct perf_node *n)
{
	return n->n_up == n->n_eps;
}

const struct perf_mode perf_mode_bulk = {
    .name = "bulk",
    .client_start = client_start,
    .client_poll = client_poll,
    .event = event,
    .ready = ready,
};
