/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Request/response mode: the client keeps --depth requests outstanding on
 * every association; the server copies each request out and answers with
 * a message of the same size. The PPID carries the request's slot, whose
 * send time gives the round-trip time.
 */
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>

#include "perf.h"

static double ns_per_tsc;

static void
client_start(struct perf_node *n, uint64_t now)
{
	ns_per_tsc = 1e9 / (double)rte_get_tsc_hz();
	for (unsigned i = 0; i < n->n_eps; i++) {
		n->as[i].sent_tsc = calloc(n->o->depth, sizeof(uint64_t));
		int64_t id = sctpdk_sctp_associate(n->eps[i], &n->peer, PERF_SERVER_PORT,
						   n->o->streams, now);
		n->as[i].id = id > 0 ? (sctpdk_assoc_id_t)id : 0;
	}
}

static int
request(struct perf_node *n, unsigned ep_i, sctpdk_assoc_id_t id, uint32_t slot, uint32_t size,
	uint64_t now)
{
	struct perf_assoc *a = &n->as[ep_i];
	struct rte_mbuf *m = perf_msg_alloc(n, size);
	if (m == NULL)
		return -1;
	uint32_t flags = n->o->unordered ? SCTPDK_SEND_UNORDERED : 0;
	if (n->is_client)
		a->sent_tsc[slot] = rte_rdtsc();
	int rc = sctpdk_sctp_send(n->eps[ep_i], id, a->next_sid, slot, flags, 0, 0, m, now);
	if (rc != 0) {
		n->c.send_again++;
		rte_pktmbuf_free(m);
		return -1;
	}
	if (++a->next_sid == n->o->streams)
		a->next_sid = 0;
	n->c.msgs_tx++;
	return 0;
}

static void
client_poll(struct perf_node *n, uint64_t now)
{
	if (n->sh->phase == PH_PAUSE)
		return;
	/* Fill the window of associations that have room (after start, a
	 * pause or a refused send). */
	for (unsigned i = 0; i < n->n_eps; i++) {
		struct perf_assoc *a = &n->as[i];
		while (a->up && a->inflight < n->o->depth) {
			if (request(n, i, a->id, a->next_slot, perf_next_size(n), now) != 0)
				break;
			a->inflight++;
			if (++a->next_slot == n->o->depth)
				a->next_slot = 0;
		}
	}
}

static void
rtt_add(struct perf_node *n, uint64_t tsc)
{
	if (perf_rtt_add(&n->rtt, (double)tsc * ns_per_tsc) == 0)
		n->c.rtt_samples++;
}

static void
event(struct perf_node *n, unsigned ep_i, struct sctpdk_sctp_event *ev, uint64_t now)
{
	switch (ev->type) {
	case SCTPDK_EV_DATA: {
		uint32_t len = ev->u.data.len;
		uint32_t slot = ev->u.data.ppid;
		perf_copy_out(n, ev->u.data.msg);
		rte_pktmbuf_free(ev->u.data.msg);
		n->c.msgs_rx++;
		n->c.bytes_rx += len;
		if (!n->is_client) {
			request(n, ep_i, ev->assoc_id, slot, len, now);
			return;
		}
		struct perf_assoc *a = &n->as[ep_i];
		if (slot >= n->o->depth || a->inflight == 0)
			return;
		uint64_t t = rte_rdtsc() - a->sent_tsc[slot];
		if (n->sh->phase == PH_RUN)
			rtt_add(n, t);
		a->inflight--;
		if (n->sh->phase != PH_PAUSE &&
		    request(n, ep_i, a->id, slot, perf_next_size(n), now) == 0)
			a->inflight++;
		return;
	}
	case SCTPDK_EV_ASSOC_CHANGE:
		if (n->is_client && ev->u.assoc_change.state == SCTPDK_COMM_UP) {
			n->as[ep_i].up = true;
			n->n_up++;
			n->c.setups++;
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

const struct perf_mode perf_mode_rr = {
    .name = "rr",
    .client_start = client_start,
    .client_poll = client_poll,
    .event = event,
    .ready = ready,
};
