/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TEST DOUBLE, not the protocol: a tiny engine behind the runtime's engine
 * interface so the poll loop, demux, hand-off, timers and commands can be
 * tested before (and independently of) the protocol core.
 *
 * Server mode: the first packet with an unknown non-zero verification tag V
 * registers an association with tag V owned by lcore V % n_lcores; every
 * packet is echoed back with ports and addresses swapped. Each association
 * counts what it receives and on which lcore, and arms a timer on its
 * owner's wheel when it first sees a packet.
 * Client mode: counts what arrives per tag, echoes nothing; SEND commands
 * build a one-DATA-chunk packet with tag = assoc_id to the peer.
 */
#ifndef SCTPDK_TEST_ECHO_ENGINE_H
#define SCTPDK_TEST_ECHO_ENGINE_H

#include <stdint.h>

#include "rt_engine.h"

#define ECHO_MAX_TAGS 16

struct echo_assoc {
	uint32_t vtag;
	struct sctpdk_rt_assoc *a;
	uint64_t rx;
	uint64_t wrong_lcore; /* packets processed off the owner lcore */
	uint64_t timer_armed_us;
	uint64_t timer_fired_us;
	int timer_fired_on; /* stack lcore index, -1 = not fired */
	struct sctpdk_rt_timer timer;
	struct sctpdk_rt_ep *ep;
};

struct echo_cfg {
	int server;
	uint32_t timer_us;       /* server: per-association timer delay */
	struct sctpdk_addr peer; /* client: where SEND goes */
	uint16_t peer_port;
};

struct echo_state {
	struct echo_cfg cfg;
	struct sctpdk_rt_ep *ep;
	uint64_t ep_rx;                 /* packets through ep_input */
	uint64_t by_tag[ECHO_MAX_TAGS]; /* client: echoes by tag (tag < 16) */
	uint64_t registered;
	uint64_t commands;
	uint32_t n_assocs;
	struct echo_assoc assocs[ECHO_MAX_TAGS]; /* server, indexed by tag */
};

extern const struct sctpdk_rt_engine_ops echo_engine_ops;

/* The state of endpoint 0 of a stack (tests look at counters). */
struct echo_state *echo_state_of(struct sctpdk_stack *st, unsigned ep);

/* Build a valid SCTP packet with one DATA chunk of len payload bytes. */
struct rte_mbuf *echo_packet(struct rte_mempool *mp, uint16_t sport, uint16_t dport, uint32_t vtag,
			     uint32_t tsn, const void *payload, uint16_t len);

#endif
