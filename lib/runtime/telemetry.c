/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_telemetry commands:
 *   /sctpdk/stacks             names of the stacks of this process
 *   /sctpdk/stats[,<stack>]    counters of a stack (the first by default)
 *   /sctpdk/assocs[,<stack>]   stack-wide ids of its associations
 *   /sctpdk/assoc,<id>[,<stack>]  one association
 *
 * Telemetry callbacks carry no context, so this file keeps the one piece
 * of process-wide state of the runtime: the list of live stacks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_spinlock.h>
#include <rte_telemetry.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_port.h>

#include "netif.h"
#include "rt_priv.h"
#include "rt_telemetry.h"

#define MAX_STACKS 16

static struct {
	rte_spinlock_t lock;
	struct sctpdk_stack *stacks[MAX_STACKS];
} registry = {.lock = RTE_SPINLOCK_INITIALIZER};

int
sctpdk_rt_registry_add(struct sctpdk_stack *st)
{
	int rc = SCTPDK_ERR_AGAIN;
	rte_spinlock_lock(&registry.lock);
	for (unsigned i = 0; i < MAX_STACKS; i++)
		if (registry.stacks[i] == NULL) {
			registry.stacks[i] = st;
			rc = 0;
			break;
		}
	rte_spinlock_unlock(&registry.lock);
	return rc;
}

void
sctpdk_rt_registry_del(struct sctpdk_stack *st)
{
	rte_spinlock_lock(&registry.lock);
	for (unsigned i = 0; i < MAX_STACKS; i++)
		if (registry.stacks[i] == st)
			registry.stacks[i] = NULL;
	rte_spinlock_unlock(&registry.lock);
}

struct sctpdk_stack *
sctpdk_stack_lookup(const char *name)
{
	struct sctpdk_stack *found = NULL;
	rte_spinlock_lock(&registry.lock);
	for (unsigned i = 0; i < MAX_STACKS && found == NULL; i++)
		if (registry.stacks[i] != NULL &&
		    (name == NULL || strcmp(registry.stacks[i]->cfg.name, name) == 0))
			found = registry.stacks[i];
	rte_spinlock_unlock(&registry.lock);
	return found;
}

#define KV(n, v)                                                                                   \
	do {                                                                                       \
		if (k < cap) {                                                                     \
			kv[k].name = (n);                                                          \
			kv[k].value = (v);                                                         \
		}                                                                                  \
		k++;                                                                               \
	} while (0)

unsigned
sctpdk_rt_stats_kv(const struct sctpdk_stack *st, struct sctpdk_rt_kv *kv, unsigned cap)
{
	static const char *const rx_chunk[SCTPDK_RT_CHUNK_TYPES] = {
	    "rx_chunk_data",  "rx_chunk_init",        "rx_chunk_init_ack",
	    "rx_chunk_sack",  "rx_chunk_heartbeat",   "rx_chunk_heartbeat_ack",
	    "rx_chunk_abort", "rx_chunk_shutdown",    "rx_chunk_shutdown_ack",
	    "rx_chunk_error", "rx_chunk_cookie_echo", "rx_chunk_cookie_ack",
	    "rx_chunk_ecne",  "rx_chunk_cwr",         "rx_chunk_shutdown_complete",
	    "rx_chunk_other"};
	static const char *const tx_chunk[SCTPDK_RT_CHUNK_TYPES] = {
	    "tx_chunk_data",  "tx_chunk_init",        "tx_chunk_init_ack",
	    "tx_chunk_sack",  "tx_chunk_heartbeat",   "tx_chunk_heartbeat_ack",
	    "tx_chunk_abort", "tx_chunk_shutdown",    "tx_chunk_shutdown_ack",
	    "tx_chunk_error", "tx_chunk_cookie_echo", "tx_chunk_cookie_ack",
	    "tx_chunk_ecne",  "tx_chunk_cwr",         "tx_chunk_shutdown_complete",
	    "tx_chunk_other"};
	static const char *const drop[SCTPDK_RT_DROP_COUNT] = {
	    "drop_l2",        "drop_l3",          "drop_not_sctp",  "drop_sctp_header",
	    "drop_bad_cksum", "drop_no_endpoint", "drop_ring_full", "drop_stale_assoc",
	    "drop_tx_full",   "drop_nomem",       "drop_no_route"};
	struct sctpdk_stack_stats s;
	unsigned k = 0;

	sctpdk_stack_stats_get(st, &s);
	KV("rx_frames", s.rx_frames);
	KV("tx_frames", s.tx_frames);
	KV("rx_sctp", s.rx_sctp);
	KV("tx_sctp", s.tx_sctp);
	KV("rx_bytes", s.rx_bytes);
	KV("tx_bytes", s.tx_bytes);
	KV("cksum_sw_ok", s.cksum_sw_ok);
	KV("cksum_offload_ok", s.cksum_offload_ok);
	KV("cksum_sw_tx", s.cksum_sw_tx);
	KV("cksum_offload_tx", s.cksum_offload_tx);
	KV("demux_inline", s.demux_inline);
	KV("demux_handoff", s.demux_handoff);
	KV("demux_endpoint", s.demux_endpoint);
	KV("demux_stateless", s.demux_stateless);
	KV("timers_fired", s.timers_fired);
	KV("commands", s.commands);
	KV("polls", s.polls);
	KV("idle_sleeps", s.idle_sleeps);
	KV("rx_consumed", s.rx_consumed);
	KV("rx_icmp_events", s.rx_icmp_events);
	KV("rtx_chunks", s.rtx_chunks);
	KV("rtx_t3_expiries", s.rtx_t3_expiries);
	KV("rtx_fast_events", s.rtx_fast_events);
	KV("tx_held", s.tx_held);
	KV("ootb_limited", s.ootb_limited);
	for (unsigned i = 0; i < SCTPDK_RT_CHUNK_TYPES; i++)
		KV(rx_chunk[i], s.rx_chunks[i]);
	for (unsigned i = 0; i < SCTPDK_RT_CHUNK_TYPES; i++)
		KV(tx_chunk[i], s.tx_chunks[i]);
	for (unsigned i = 0; i < SCTPDK_RT_DROP_COUNT; i++)
		KV(drop[i], s.drop[i]);
	KV("assocs", s.assocs);
	uint64_t evd = 0;
	for (unsigned e = 0; e < st->n_eps; e++)
		evd += __atomic_load_n(&st->eps[e].events_dropped, __ATOMIC_RELAXED);
	KV("events_dropped", evd);
	KV("capture_written", st->cap_written);
	/* per port: queues, RSS, checksum path (1 = the NIC) and its counters */
	_Static_assert(SCTPDK_RT_MAX_PORTS == 4, "one row of names per port");
#define PORT_KEYS(i)                                                                               	{"port" #i "_rx_queues",       "port" #i "_tx_queues",     "port" #i "_rss_sctp",         	 "port" #i "_tx_cksum_nic",    "port" #i "_rx_cksum_nic",  "port" #i "_tx_cksum_offload", 	 "port" #i "_tx_cksum_sw",     "port" #i "_rx_cksum_good", "port" #i "_rx_cksum_bad",     	 "port" #i "_rx_cksum_sw"}
	static const char *const pk[SCTPDK_RT_MAX_PORTS][10] = {PORT_KEYS(0), PORT_KEYS(1),
								 PORT_KEYS(2), PORT_KEYS(3)};
#undef PORT_KEYS
	for (unsigned p = 0; p < st->n_ports; p++) {
		const struct sctpdk_port *d = st->ports[p].dev;
		if (d == NULL)
			continue;
		struct sctpdk_port_qstats q;
		sctpdk_port_stats(d, &q);
		KV(pk[p][0], d->nb_rx_queues);
		KV(pk[p][1], d->nb_queues);
		KV(pk[p][2], d->caps.rss_sctp);
		KV(pk[p][3], d->tx_cksum_path == SCTPDK_CKSUM_OFFLOAD);
		KV(pk[p][4], d->rx_cksum_path == SCTPDK_CKSUM_OFFLOAD);
		KV(pk[p][5], q.tx_cksum_offload);
		KV(pk[p][6], q.tx_cksum_sw);
		KV(pk[p][7], q.rx_cksum_good);
		KV(pk[p][8], q.rx_cksum_bad);
		KV(pk[p][9], q.rx_cksum_sw);
	}
	/* the engine's counters, summed over the endpoints */
	const char *en[32];
	uint64_t ev[32], esum[32] = {0};
	unsigned ne = 0;
	for (unsigned e = 0; e < st->n_eps && st->eng->ep_counters != NULL; e++) {
		if (st->eps[e].state == NULL)
			continue;
		ne = st->eng->ep_counters(st->eps[e].state, en, ev, RTE_DIM(en));
		for (unsigned i = 0; i < ne; i++)
			esum[i] += ev[i];
	}
	for (unsigned i = 0; i < ne; i++)
		KV(en[i], esum[i]);
	struct sctpdk_net_stats ns;
	sctpdk_rt_netif_stats(st, &ns);
	KV("net_rx_arp", ns.rx_arp);
	KV("net_rx_nd", ns.rx_nd);
	KV("net_rx_echo", ns.rx_echo);
	KV("net_rx_frags", ns.rx_frags);
	KV("net_tx_arp_request", ns.tx_arp_request);
	KV("net_tx_arp_reply", ns.tx_arp_reply);
	KV("net_tx_garp", ns.tx_garp);
	KV("net_tx_ns", ns.tx_ns);
	KV("net_tx_na", ns.tx_na);
	KV("net_neigh_resolved", ns.neigh_resolved);
	KV("net_neigh_failed", ns.neigh_failed);
	KV("net_pending_queued", ns.pending_queued);
	return k;
}

unsigned
sctpdk_rt_assoc_kv(const struct sctpdk_rt_assoc_info *in, struct sctpdk_rt_kv *kv, unsigned cap)
{
	unsigned k = 0;
	KV("rt_id", in->rt_id);
	KV("id", in->id);
	KV("endpoint", in->ep);
	KV("local_port", in->local_port);
	KV("peer_port", in->peer_port);
	KV("local_vtag", in->local_vtag);
	KV("owner_lcore", in->owner_lcore);
	KV("state", (uint64_t)in->state);
	KV("cwnd", in->cwnd_bytes);
	KV("rto_us", in->rto_us);
	KV("srtt_us", in->srtt_us);
	KV("rwnd", in->peer_rwnd);
	KV("outstanding_bytes", in->outstanding_bytes);
	KV("retransmissions", in->retransmissions);
	KV("flight", in->flight_bytes);
	KV("ssthresh", in->ssthresh_bytes);
	KV("payload_mtu", in->payload_mtu);
	KV("paths", in->n_paths);
	KV("t3_expiries", in->t3_expiries);
	KV("fast_rtx_events", in->fast_rtx_events);
	KV("queued_bytes", in->queued_bytes);
	KV("rx_packets", in->rx_packets);
	KV("handoffs", in->handoffs);
	return k;
}

/* params: "<a>[,<b>]" -> first and second fields */
static void
split(const char *params, char *a, size_t na, char *b, size_t nb)
{
	a[0] = b[0] = '\0';
	if (params == NULL)
		return;
	const char *c = strchr(params, ',');
	size_t la = c ? (size_t)(c - params) : strlen(params);
	snprintf(a, na, "%.*s", (int)(la < na ? la : na - 1), params);
	if (c != NULL)
		snprintf(b, nb, "%s", c + 1);
}

static int
put_kv(struct rte_tel_data *d, const struct sctpdk_rt_kv *kv, unsigned n)
{
	rte_tel_data_start_dict(d);
	for (unsigned i = 0; i < n; i++)
		rte_tel_data_add_dict_u64(d, kv[i].name, kv[i].value);
	return 0;
}

int
sctpdk_rt_tel_stacks(const char *cmd, const char *params, struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	rte_spinlock_lock(&registry.lock);
	for (unsigned i = 0; i < MAX_STACKS; i++)
		if (registry.stacks[i] != NULL)
			rte_tel_data_add_array_string(d, registry.stacks[i]->cfg.name);
	rte_spinlock_unlock(&registry.lock);
	return 0;
}

int
sctpdk_rt_tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct sctpdk_rt_kv kv[256];
	const char *name = params != NULL && params[0] != '\0' ? params : NULL;
	struct sctpdk_stack *st = sctpdk_stack_lookup(name);
	if (st == NULL)
		return -1;
	unsigned n = sctpdk_rt_stats_kv(st, kv, RTE_DIM(kv));
	put_kv(d, kv, n < RTE_DIM(kv) ? n : RTE_DIM(kv));
	/* lib/net drops by its own, finer reasons */
	struct sctpdk_net_stats ns;
	sctpdk_rt_netif_stats(st, &ns);
	for (unsigned r = 1; r < SCTPDK_NET_DROP_MAX; r++) {
		char key[64];
		snprintf(key, sizeof(key), "net_drop_%s", sctpdk_net_drop_name(r));
		rte_tel_data_add_dict_u64(d, key, ns.drop[r]);
	}
	return 0;
}

int
sctpdk_rt_tel_assocs(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const char *name = params != NULL && params[0] != '\0' ? params : NULL;
	struct sctpdk_stack *st = sctpdk_stack_lookup(name);
	if (st == NULL)
		return -1;
	rte_tel_data_start_array(d, RTE_TEL_U64_VAL);
	uint32_t ids[256];
	unsigned n = sctpdk_stack_assoc_ids(st, ids, RTE_DIM(ids));
	for (unsigned i = 0; i < n && i < RTE_DIM(ids); i++)
		rte_tel_data_add_array_u64(d, ids[i]);
	return 0;
}

int
sctpdk_rt_tel_assoc(const char *cmd, const char *params, struct rte_tel_data *d)
{
	char a[32], b[SCTPDK_RT_NAME_LEN];
	split(params, a, sizeof(a), b, sizeof(b));
	char *end;
	unsigned long id = strtoul(a, &end, 10);
	if (a[0] == '\0' || *end != '\0')
		return -1;
	struct sctpdk_stack *st = sctpdk_stack_lookup(b[0] != '\0' ? b : NULL);
	struct sctpdk_rt_assoc_info info;
	if (st == NULL || id > UINT32_MAX || sctpdk_stack_assoc_info(st, (uint32_t)id, &info) != 0)
		return -1;
	struct sctpdk_rt_kv kv[32];
	unsigned n = sctpdk_rt_assoc_kv(&info, kv, RTE_DIM(kv));
	put_kv(d, kv, n);
	rte_tel_data_add_dict_string(d, "state_name", info.state_name ? info.state_name : "");
	return 0;
}

RTE_INIT(sctpdk_rt_telemetry_register)
{
	rte_telemetry_register_cmd("/sctpdk/stacks", sctpdk_rt_tel_stacks,
				   "Names of the sctpdk stacks. No parameters");
	rte_telemetry_register_cmd("/sctpdk/stats", sctpdk_rt_tel_stats,
				   "Counters of a stack. Parameter: stack name (optional)");
	rte_telemetry_register_cmd("/sctpdk/assocs", sctpdk_rt_tel_assocs,
				   "Association ids of a stack. Parameter: stack name (optional)");
	rte_telemetry_register_cmd("/sctpdk/assoc", sctpdk_rt_tel_assoc,
				   "One association. Parameters: id[,stack name]");
}
