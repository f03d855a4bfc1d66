/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Simulator lifecycle, nodes, scheduled calls and the run loop.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sim_priv.h"

struct sctpdk_sim *
sctpdk_sim_new(uint64_t seed, struct rte_mempool *mp)
{
	struct sctpdk_sim *sim = calloc(1, sizeof(*sim));
	if (sim == NULL)
		return NULL;
	sim->seed = seed;
	sim->mp = mp;
	sim->free_ev = SIM_NONE;
	sim->trace = 0xcbf29ce484222325ULL;
	/* the simulator's own stream: derived, so it differs from link streams */
	sim->rng.s = seed ^ 0x5DEECE66DULL;
	(void)sim_prng_next(&sim->rng);
	return sim;
}

void
sctpdk_sim_del(struct sctpdk_sim *sim)
{
	if (sim == NULL)
		return;
	sim_events_free(sim);
	for (unsigned int i = 0; i < sim->n_nodes; i++)
		free(sim->nodes[i].addrs);
	free(sim->nodes);
	sim_links_free(sim);
	sim_recorder_free(sim);
	sctpdk_sim_pcap_close(sim);
	free(sim);
}

uint64_t
sctpdk_sim_now_us(const struct sctpdk_sim *sim)
{
	return sim->now_us;
}

uint64_t
sctpdk_sim_rand(struct sctpdk_sim *sim)
{
	return sim_prng_next(&sim->rng);
}

void
sctpdk_sim_rand_bytes(struct sctpdk_sim *sim, void *buf, size_t len)
{
	uint8_t *p = buf;
	while (len > 0) {
		uint64_t x = sim_prng_next(&sim->rng);
		size_t n = len < 8 ? len : 8;
		for (size_t i = 0; i < n; i++)
			p[i] = (uint8_t)(x >> (8 * i));
		p += n;
		len -= n;
	}
}

uint64_t
sctpdk_sim_pending(const struct sctpdk_sim *sim)
{
	return sim->heap_n;
}

void
sctpdk_sim_stats(const struct sctpdk_sim *sim, struct sctpdk_sim_stats *out)
{
	*out = sim->st;
	uint64_t inflight = 0;
	for (uint32_t i = 0; i < sim->heap_n; i++)
		if (sim->evs[sim->heap[i]].kind == SIM_EV_DELIVER)
			inflight++;
	out->pkts_in_flight = inflight;
}

uint64_t
sctpdk_sim_trace_hash(const struct sctpdk_sim *sim)
{
	return sim->trace;
}

/* ---- nodes ---- */

int
sim_node_of(const struct sctpdk_sim *sim, const struct sctpdk_addr *addr)
{
	for (unsigned int n = 0; n < sim->n_nodes; n++)
		for (unsigned int i = 0; i < sim->nodes[n].n_addrs; i++)
			if (sctpdk_addr_eq(&sim->nodes[n].addrs[i], addr))
				return (int)n;
	return SCTPDK_ERR_NOTFOUND;
}

int
sctpdk_sim_node_find(const struct sctpdk_sim *sim, const struct sctpdk_addr *addr)
{
	if (sim == NULL || addr == NULL)
		return SCTPDK_ERR_NOTFOUND;
	return sim_node_of(sim, addr);
}

static uint64_t
node_deadline(struct sctpdk_sim *sim, unsigned int n)
{
	struct sim_node *node = &sim->nodes[n];
	if (node->ops.next_deadline == NULL || node->ops.timer == NULL)
		return SCTPDK_SIM_NEVER;
	return node->ops.next_deadline(node->ctx);
}

/*
 * Make the node's queued timer event match deadline dl. A deadline in the
 * past is served now, except that timer() runs at most once per virtual
 * microsecond per node (so a node that never advances it cannot stall the
 * clock).
 */
static void
node_schedule(struct sctpdk_sim *sim, unsigned int n, uint64_t dl)
{
	struct sim_node *node = &sim->nodes[n];
	if (dl != SCTPDK_SIM_NEVER && dl <= sim->now_us)
		dl = node->last_timer_us == sim->now_us ? sim->now_us + 1 : sim->now_us;

	if (node->timer_ev != SIM_NONE) {
		if (dl != SCTPDK_SIM_NEVER) {
			if (sim->evs[node->timer_ev].time_us != dl)
				sim_heap_update(sim, node->timer_ev, dl);
			return;
		}
		sim_heap_remove(sim, node->timer_ev);
		sim_ev_free(sim, node->timer_ev);
		node->timer_ev = SIM_NONE;
	}
	if (dl == SCTPDK_SIM_NEVER)
		return;
	uint32_t idx = sim_ev_alloc(sim);
	if (idx == SIM_NONE)
		return; /* out of memory: the timer is lost, as a real one would be */
	struct sim_event *ev = &sim->evs[idx];
	ev->kind = SIM_EV_TIMER;
	ev->time_us = dl;
	ev->node = (int32_t)n;
	sim_heap_push(sim, idx);
	sim->nodes[n].timer_ev = idx;
}

void
sim_node_requery(struct sctpdk_sim *sim, unsigned int n)
{
	uint64_t dl = node_deadline(sim, n);
	node_schedule(sim, n, dl);
}

static void
requery_all(struct sctpdk_sim *sim)
{
	for (unsigned int n = 0; n < sim->n_nodes; n++)
		sim_node_requery(sim, n);
}

int
sctpdk_sim_node_add(struct sctpdk_sim *sim, const struct sctpdk_sim_node_ops *ops, void *ctx,
		    const struct sctpdk_addr *addrs, unsigned int n_addrs)
{
	if (sim == NULL || ops == NULL || ops->input == NULL || (addrs == NULL && n_addrs > 0))
		return SCTPDK_ERR_INVAL;
	for (unsigned int i = 0; i < n_addrs; i++) {
		if (addrs[i].family != SCTPDK_AF_INET && addrs[i].family != SCTPDK_AF_INET6)
			return SCTPDK_ERR_INVAL;
		if (sim_node_of(sim, &addrs[i]) >= 0)
			return SCTPDK_ERR_EXISTS;
		for (unsigned int j = 0; j < i; j++)
			if (sctpdk_addr_eq(&addrs[i], &addrs[j]))
				return SCTPDK_ERR_EXISTS;
	}
	struct sim_node *nodes = realloc(sim->nodes, (sim->n_nodes + 1) * sizeof(*nodes));
	if (nodes == NULL)
		return SCTPDK_ERR_NOMEM;
	sim->nodes = nodes;
	struct sim_node *node = &nodes[sim->n_nodes];
	memset(node, 0, sizeof(*node));
	if (n_addrs > 0) {
		node->addrs = malloc(n_addrs * sizeof(*addrs));
		if (node->addrs == NULL)
			return SCTPDK_ERR_NOMEM;
		memcpy(node->addrs, addrs, n_addrs * sizeof(*addrs));
	}
	node->n_addrs = n_addrs;
	node->ops = *ops;
	node->ctx = ctx;
	node->timer_ev = SIM_NONE;
	node->last_timer_us = SCTPDK_SIM_NEVER;
	unsigned int id = sim->n_nodes++;
	sim_node_requery(sim, id);
	return (int)id;
}

int
sctpdk_sim_node_addr_add(struct sctpdk_sim *sim, int node, const struct sctpdk_addr *addr)
{
	if (sim == NULL || node < 0 || (unsigned int)node >= sim->n_nodes)
		return SCTPDK_ERR_NOTFOUND;
	if (addr == NULL || (addr->family != SCTPDK_AF_INET && addr->family != SCTPDK_AF_INET6))
		return SCTPDK_ERR_INVAL;
	if (sim_node_of(sim, addr) >= 0)
		return SCTPDK_ERR_EXISTS;
	struct sim_node *n = &sim->nodes[node];
	struct sctpdk_addr *a = realloc(n->addrs, (n->n_addrs + 1) * sizeof(*a));
	if (a == NULL)
		return SCTPDK_ERR_NOMEM;
	a[n->n_addrs++] = *addr;
	n->addrs = a;
	return 0;
}

int
sctpdk_sim_node_addr_del(struct sctpdk_sim *sim, int node, const struct sctpdk_addr *addr)
{
	if (sim == NULL || addr == NULL || node < 0 || (unsigned int)node >= sim->n_nodes)
		return SCTPDK_ERR_NOTFOUND;
	struct sim_node *n = &sim->nodes[node];
	for (unsigned int i = 0; i < n->n_addrs; i++) {
		if (sctpdk_addr_eq(&n->addrs[i], addr)) {
			/* keep the order of the others */
			memmove(&n->addrs[i], &n->addrs[i + 1],
				(n->n_addrs - i - 1) * sizeof(*addr));
			n->n_addrs--;
			return 0;
		}
	}
	return SCTPDK_ERR_NOTFOUND;
}

int
sctpdk_sim_node_set_offload(struct sctpdk_sim *sim, int node, uint32_t flags)
{
	if (sim == NULL || node < 0 || (unsigned int)node >= sim->n_nodes)
		return SCTPDK_ERR_NOTFOUND;
	if (flags & ~(SCTPDK_SIM_OFFLOAD_TX_CKSUM | SCTPDK_SIM_OFFLOAD_RX_CKSUM))
		return SCTPDK_ERR_INVAL;
	sim->nodes[node].offload = flags;
	return 0;
}

int
sctpdk_sim_node_kick(struct sctpdk_sim *sim, int node)
{
	if (sim == NULL || node < 0 || (unsigned int)node >= sim->n_nodes)
		return SCTPDK_ERR_NOTFOUND;
	sim_node_requery(sim, (unsigned int)node);
	return 0;
}

/* ---- scheduled calls ---- */

int
sctpdk_sim_call_at(struct sctpdk_sim *sim, uint64_t at_us, sctpdk_sim_call_fn fn, void *arg)
{
	if (sim == NULL || fn == NULL)
		return SCTPDK_ERR_INVAL;
	uint32_t idx = sim_ev_alloc(sim);
	if (idx == SIM_NONE)
		return SCTPDK_ERR_NOMEM;
	struct sim_event *ev = &sim->evs[idx];
	ev->kind = SIM_EV_CALL;
	ev->time_us = at_us < sim->now_us ? sim->now_us : at_us;
	ev->fn = fn;
	ev->arg = arg;
	sim_heap_push(sim, idx);
	return 0;
}

/* ---- run loop ---- */

static void
run_timer(struct sctpdk_sim *sim, unsigned int n)
{
	struct sim_node *node = &sim->nodes[n];
	node->timer_ev = SIM_NONE;
	node->last_timer_us = sim->now_us;
	sim->st.timer_calls++;
	sim_trace_mix(sim, ((uint64_t)SIM_EV_TIMER << 56) ^ ((uint64_t)n << 32));
	node->ops.timer(node->ctx, sim, sim->now_us);
	uint64_t dl = node_deadline(sim, n); /* nodes may have moved: index again */
	if (dl <= sim->now_us)
		sim->st.timer_spins++;
	node_schedule(sim, n, dl);
}

/* Run the earliest event. The slot is released before any callback runs,
 * because callbacks queue events and may move the slot array. */
static void
step_one(struct sctpdk_sim *sim)
{
	uint32_t idx = sim_heap_pop(sim);
	struct sim_event ev = sim->evs[idx];
	sim_ev_free(sim, idx);
	if (ev.time_us > sim->now_us)
		sim->now_us = ev.time_us;
	sim->st.events++;
	sim_trace_mix(sim, sim->now_us);

	switch (ev.kind) {
	case SIM_EV_DELIVER:
		sim_deliver(sim, &ev);
		break;
	case SIM_EV_TIMER:
		run_timer(sim, (unsigned int)ev.node);
		break;
	case SIM_EV_CALL:
		sim->st.calls++;
		sim_trace_mix(sim, (uint64_t)SIM_EV_CALL << 56);
		ev.fn(ev.arg, sim, sim->now_us);
		requery_all(sim);
		break;
	case SIM_EV_LINK:
		sctpdk_sim_link_set_up(sim, ev.link, (enum sctpdk_sim_dir)ev.dir, ev.node);
		break;
	default:
		break;
	}
}

int
sctpdk_sim_step(struct sctpdk_sim *sim)
{
	if (sim->running)
		return 0;
	sim->running = 1;
	requery_all(sim);
	int ran = sim->heap_n > 0;
	if (ran)
		step_one(sim);
	sim->running = 0;
	return ran;
}

uint64_t
sctpdk_sim_run_until(struct sctpdk_sim *sim, uint64_t t_us)
{
	uint64_t n = 0;
	if (sim->running)
		return 0;
	sim->running = 1;
	requery_all(sim);
	for (;;) {
		struct sim_event *top = sim_heap_top(sim);
		if (top == NULL || top->time_us > t_us)
			break;
		step_one(sim);
		n++;
	}
	if (t_us > sim->now_us && t_us != SCTPDK_SIM_NEVER)
		sim->now_us = t_us;
	sim->running = 0;
	return n;
}

int
sctpdk_sim_run_while(struct sctpdk_sim *sim, int (*cond)(void *arg), void *arg, uint64_t max_us)
{
	if (sim->running)
		return SCTPDK_ERR_STATE;
	uint64_t limit = sim->now_us + max_us;
	if (limit < sim->now_us)
		limit = SCTPDK_SIM_NEVER - 1;
	int rc;
	sim->running = 1;
	requery_all(sim);
	for (;;) {
		if (!cond(arg)) {
			rc = 0;
			break;
		}
		struct sim_event *top = sim_heap_top(sim);
		if (top == NULL || top->time_us > limit) {
			if (limit > sim->now_us)
				sim->now_us = limit;
			rc = SCTPDK_ERR_AGAIN;
			break;
		}
		step_one(sim);
	}
	sim->running = 0;
	return rc;
}
