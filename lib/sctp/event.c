/* SPDX-License-Identifier: BSD-3-Clause */
/* Event queue of an endpoint: notifications and messages for the upper
 * layer, drained with sctpdk_sctp_event_poll(). */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctp_int.h"

#define EVQ_INITIAL 64

int
evq_init(struct event_queue *q, uint32_t limit)
{
	memset(q, 0, sizeof(*q));
	q->ring = calloc(EVQ_INITIAL, sizeof(*q->ring));
	if (q->ring == NULL)
		return SCTPDK_ERR_NOMEM;
	q->cap = EVQ_INITIAL;
	q->limit = limit;
	return 0;
}

void
evq_free(struct event_queue *q)
{
	while (q->count > 0) {
		sctpdk_sctp_event_release(&q->ring[q->head]);
		q->head = (q->head + 1) & (q->cap - 1);
		q->count--;
	}
	free(q->ring);
	q->ring = NULL;
}

static int
evq_grow(struct event_queue *q)
{
	uint32_t ncap = q->cap * 2;
	struct sctpdk_sctp_event *n = calloc(ncap, sizeof(*n));
	if (n == NULL)
		return SCTPDK_ERR_NOMEM;
	for (uint32_t i = 0; i < q->count; i++)
		n[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = n;
	q->cap = ncap;
	q->head = 0;
	return 0;
}

void
ev_push(struct sctpdk_sctp_ep *ep, const struct sctpdk_sctp_event *ev)
{
	struct event_queue *q = &ep->evq;
	if ((q->limit != 0 && q->count >= q->limit) ||
	    (q->count == q->cap && evq_grow(q) != 0)) {
		struct sctpdk_sctp_event tmp = *ev;
		sctpdk_sctp_event_release(&tmp);
		ep->stats.events_dropped++;
		return;
	}
	q->ring[(q->head + q->count) & (q->cap - 1)] = *ev;
	q->count++;
}

void
ev_assoc_change(struct sctpdk_sctp_assoc *a, uint16_t state, uint16_t error)
{
	struct sctpdk_sctp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCTPDK_EV_ASSOC_CHANGE;
	ev.assoc_id = a->id;
	ev.u.assoc_change.state = state;
	ev.u.assoc_change.error = error;
	ev.u.assoc_change.peer_abort = a->peer_aborted;
	ev.u.assoc_change.out_streams = a->out_streams;
	ev.u.assoc_change.in_streams = a->in_streams;
	ev_push(a->ep, &ev);
}

unsigned
sctpdk_sctp_event_poll(struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_event *ev, unsigned n)
{
	struct event_queue *q = &ep->evq;
	unsigned k = 0;
	while (k < n && q->count > 0) {
		ev[k++] = q->ring[q->head];
		q->head = (q->head + 1) & (q->cap - 1);
		q->count--;
		if (ev[k - 1].type == SCTPDK_EV_DATA) {
			/* Read by the application: the window reopens. */
			struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, ev[k - 1].assoc_id);
			if (a != NULL)
				data_on_read(a, ev[k - 1].u.data.len);
		}
	}
	return k;
}

void
sctpdk_sctp_event_release(struct sctpdk_sctp_event *ev)
{
	switch (ev->type) {
	case SCTPDK_EV_DATA:
		rte_pktmbuf_free(ev->u.data.msg);
		ev->u.data.msg = NULL;
		break;
	case SCTPDK_EV_REMOTE_ERROR:
		rte_pktmbuf_free(ev->u.remote_error.tlv);
		ev->u.remote_error.tlv = NULL;
		break;
	case SCTPDK_EV_SEND_FAILED:
		rte_pktmbuf_free(ev->u.send_failed.msg);
		ev->u.send_failed.msg = NULL;
		break;
	default:
		break;
	}
}
