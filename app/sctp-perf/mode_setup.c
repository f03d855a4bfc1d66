/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Setup-rate mode: every client endpoint (--depth of them, each its own
 * local port) loops association setup then graceful shutdown against the
 * listening server. A cycle counts when SHUTDOWN_COMP arrives.
 */
#include "perf.h"

static void
open_one(struct perf_node *n, unsigned i, uint64_t now)
{
	int64_t id =
	    sctpdk_sctp_associate(n->eps[i], &n->peer, PERF_SERVER_PORT, n->o->streams, now);
	n->as[i].id = id > 0 ? (sctpdk_assoc_id_t)id : 0;
	n->as[i].up = false;
	n->as[i].closing = false;
}

static void
client_start(struct perf_node *n, uint64_t now)
{
	for (unsigned i = 0; i < n->n_eps; i++)
		open_one(n, i, now);
}

static void
client_poll(struct perf_node *n, uint64_t now)
{
	if (n->sh->phase == PH_PAUSE)
		return;
	/* Endpoints whose last attempt was refused try again. */
	for (unsigned i = 0; i < n->n_eps; i++)
		if (n->as[i].id == 0)
			open_one(n, i, now);
}

static void
event(struct perf_node *n, unsigned ep_i, struct sctpdk_sctp_event *ev, uint64_t now)
{
	if (ev->type == SCTPDK_EV_ASSOC_CHANGE && n->is_client) {
		struct perf_assoc *a = &n->as[ep_i];
		switch (ev->u.assoc_change.state) {
		case SCTPDK_COMM_UP:
			n->c.setups++;
			a->up = true;
			a->closing = true;
			if (sctpdk_sctp_shutdown(n->eps[ep_i], ev->assoc_id, now) != 0)
				n->c.drops++;
			break;
		case SCTPDK_SHUTDOWN_COMP:
			n->c.teardowns++;
			n->c.msgs_rx++;
			a->id = 0;
			if (n->sh->phase != PH_PAUSE)
				open_one(n, ep_i, now);
			break;
		default: /* COMM_LOST, CANT_STR_ASSOC: count and start over */
			n->c.drops++;
			a->id = 0;
			break;
		}
	}
	sctpdk_sctp_event_release(ev);
}

static bool
ready(const struct perf_node *n)
{
	(void)n;
	return true;
}

const struct perf_mode perf_mode_setup = {
    .name = "setup",
    .client_start = client_start,
    .client_poll = client_poll,
    .event = event,
    .ready = ready,
};
