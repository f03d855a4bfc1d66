/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Small nodes and packet builders for the simulator's own tests: a sink
 * that records what it receives, an echo node and a node with timers.
 */
#ifndef SCTPDK_SIM_TEST_NODES_H
#define SCTPDK_SIM_TEST_NODES_H

#include <stdint.h>

#include "sctpdk_sim.h"

struct rte_mempool;
struct rte_mbuf;

#define TN_MAX_RX 4096

/*
 * An SCTP-shaped packet: 12-byte common header (ports 5000/5001, the tag in
 * the verification tag field), then one chunk per entry of types (4-byte
 * header + body_len bytes of body, padded). NULL on pool exhaustion.
 */
struct rte_mbuf *tn_pkt(struct rte_mempool *mp, uint32_t tag, const uint8_t *types,
			unsigned int n_types, uint16_t body_len);
/* One DATA chunk (type 0) packet of exactly len bytes (len >= 16, multiple of 4). */
struct rte_mbuf *tn_pkt_len(struct rte_mempool *mp, uint32_t tag, uint32_t len);
/* The verification tag field of a packet. */
uint32_t tn_tag(const struct rte_mbuf *pkt);
/* Non-zero when the packet's checksum field matches its content (tn_pkt
 * fills it with a CRC32c over the packet, checksum field taken as zero). */
int tn_pkt_ok(const struct rte_mbuf *pkt);

/* Sink: records arrival time, tag and length of every packet, frees it. */
struct tn_sink {
	unsigned int n;
	uint64_t t_us[TN_MAX_RX];
	uint32_t tag[TN_MAX_RX];
	uint32_t len[TN_MAX_RX];
	struct sctpdk_addr dst[TN_MAX_RX];
	uint64_t bytes;
	unsigned int bad; /* packets failing the checksum (counted in n too) */
	uint64_t hash;    /* FNV-1a over (time, tag, len, content) in arrival order */
};
extern const struct sctpdk_sim_node_ops tn_sink_ops;

/* Echo: sends every packet back to its source (from the address it was
 * sent to), up to max_echo times in total; counts them. */
struct tn_echo {
	unsigned int echoed;
	unsigned int max_echo;
};
extern const struct sctpdk_sim_node_ops tn_echo_ops;

/*
 * Timer node: fires at each of deadlines[0..n) in turn, records the times it
 * was called and, if send_on_fire is set, sends a packet tagged with the
 * firing index from src to dst at every firing.
 */
struct tn_timer {
	uint64_t deadlines[16];
	unsigned int n;
	unsigned int next;
	uint64_t fired_at[16];
	unsigned int fired;
	int send_on_fire;
	struct rte_mempool *mp;
	struct sctpdk_addr src;
	struct sctpdk_addr dst;
	struct tn_sink rx; /* what it received */
};
extern const struct sctpdk_sim_node_ops tn_timer_ops;

/*
 * Pump: a scheduled call that sends `burst` packets of len bytes (tags
 * counting up from 0) from src to dst every period_us, `ticks` times.
 * Start it with tn_pump_start().
 */
struct tn_pump {
	struct rte_mempool *mp;
	struct sctpdk_addr src;
	struct sctpdk_addr dst;
	uint32_t len;
	unsigned int burst;
	uint64_t period_us;
	unsigned int ticks;
	uint32_t next_tag;
};
int tn_pump_start(struct sctpdk_sim *sim, struct tn_pump *p, uint64_t at_us);

#endif
