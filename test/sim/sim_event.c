/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event slots and the event queue: a binary min-heap keyed by
 * (time, sequence number). The sequence number is taken when an event is
 * queued, so events due at the same time run in queueing order and a run
 * never depends on heap internals or addresses.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sim_priv.h"

uint32_t
sim_ev_alloc(struct sctpdk_sim *sim)
{
	if (sim->free_ev == SIM_NONE) {
		uint32_t n = sim->n_evs ? sim->n_evs * 2 : 64;
		if (n <= sim->n_evs || n >= SIM_NONE)
			return SIM_NONE;
		struct sim_event *e = realloc(sim->evs, (size_t)n * sizeof(*e));
		if (e == NULL)
			return SIM_NONE;
		uint32_t *h = realloc(sim->heap, (size_t)n * sizeof(*h));
		if (h == NULL) {
			sim->evs = e;
			return SIM_NONE;
		}
		sim->evs = e;
		sim->heap = h;
		/* chain the new slots, lowest index first */
		for (uint32_t i = n; i-- > sim->n_evs;) {
			memset(&e[i], 0, sizeof(e[i]));
			e[i].heap_pos = SIM_NONE;
			e[i].next_free = sim->free_ev;
			sim->free_ev = i;
		}
		sim->n_evs = n;
	}
	uint32_t idx = sim->free_ev;
	struct sim_event *ev = &sim->evs[idx];
	sim->free_ev = ev->next_free;
	memset(ev, 0, sizeof(*ev));
	ev->heap_pos = SIM_NONE;
	ev->next_free = SIM_NONE;
	ev->link = -1;
	ev->node = -1;
	return idx;
}

void
sim_ev_free(struct sctpdk_sim *sim, uint32_t idx)
{
	struct sim_event *ev = &sim->evs[idx];
	ev->kind = 0;
	ev->pkt = NULL;
	ev->heap_pos = SIM_NONE;
	ev->next_free = sim->free_ev;
	sim->free_ev = idx;
}

static int
ev_before(const struct sctpdk_sim *sim, uint32_t x, uint32_t y)
{
	const struct sim_event *a = &sim->evs[x], *b = &sim->evs[y];
	if (a->time_us != b->time_us)
		return a->time_us < b->time_us;
	return a->seq < b->seq;
}

static void
heap_set(struct sctpdk_sim *sim, uint32_t pos, uint32_t idx)
{
	sim->heap[pos] = idx;
	sim->evs[idx].heap_pos = pos;
}

static void
sift_up(struct sctpdk_sim *sim, uint32_t pos)
{
	uint32_t idx = sim->heap[pos];
	while (pos > 0) {
		uint32_t parent = (pos - 1) / 2;
		if (!ev_before(sim, idx, sim->heap[parent]))
			break;
		heap_set(sim, pos, sim->heap[parent]);
		pos = parent;
	}
	heap_set(sim, pos, idx);
}

static void
sift_down(struct sctpdk_sim *sim, uint32_t pos)
{
	uint32_t idx = sim->heap[pos];
	for (;;) {
		uint32_t l = 2 * pos + 1, best = pos;
		uint32_t best_idx = idx;
		if (l < sim->heap_n && ev_before(sim, sim->heap[l], best_idx)) {
			best = l;
			best_idx = sim->heap[l];
		}
		if (l + 1 < sim->heap_n && ev_before(sim, sim->heap[l + 1], best_idx)) {
			best = l + 1;
			best_idx = sim->heap[l + 1];
		}
		if (best == pos)
			break;
		heap_set(sim, pos, best_idx);
		pos = best;
	}
	heap_set(sim, pos, idx);
}

void
sim_heap_push(struct sctpdk_sim *sim, uint32_t idx)
{
	sim->evs[idx].seq = sim->seq++;
	uint32_t pos = sim->heap_n++;
	heap_set(sim, pos, idx);
	sift_up(sim, pos);
}

uint32_t
sim_heap_pop(struct sctpdk_sim *sim)
{
	if (sim->heap_n == 0)
		return SIM_NONE;
	uint32_t idx = sim->heap[0];
	sim_heap_remove(sim, idx);
	return idx;
}

void
sim_heap_update(struct sctpdk_sim *sim, uint32_t idx, uint64_t time_us)
{
	/* a fresh sequence number, exactly as if removed and queued again */
	struct sim_event *ev = &sim->evs[idx];
	ev->time_us = time_us;
	ev->seq = sim->seq++;
	sift_up(sim, ev->heap_pos);
	sift_down(sim, ev->heap_pos);
}

void
sim_heap_remove(struct sctpdk_sim *sim, uint32_t idx)
{
	uint32_t pos = sim->evs[idx].heap_pos;
	if (pos == SIM_NONE)
		return;
	sim->evs[idx].heap_pos = SIM_NONE;
	uint32_t last = sim->heap[--sim->heap_n];
	if (pos == sim->heap_n)
		return;
	heap_set(sim, pos, last);
	sift_up(sim, pos);
	sift_down(sim, sim->evs[last].heap_pos);
}

void
sim_events_free(struct sctpdk_sim *sim)
{
	for (uint32_t i = 0; i < sim->heap_n; i++) {
		struct sim_event *ev = &sim->evs[sim->heap[i]];
		if (ev->pkt != NULL)
			rte_pktmbuf_free(ev->pkt);
	}
	free(sim->evs);
	free(sim->heap);
	sim->evs = NULL;
	sim->heap = NULL;
	sim->heap_n = 0;
	sim->n_evs = 0;
	sim->free_ev = SIM_NONE;
}
