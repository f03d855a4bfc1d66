/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario helpers for protocol tests: endpoints as simulator nodes (A and
 * Z joined by one link, with a recorder of the packets that crossed), a
 * lone endpoint driven by hand-made packets with its output captured, and
 * a small parser of captured packets.
 */
#ifndef SCTPDK_TEST_SCEN_H
#define SCTPDK_TEST_SCEN_H

#include <stdbool.h>
#include <stdint.h>

#include <sctpdk/sctpdk_sctp.h>

#include "sctpdk_sim.h"

struct rte_mbuf;
struct rte_mempool;

#define SC_MAX_EVENTS 256
#define SC_MAX_OUT 64

/* An endpoint node. Events are kept (DATA messages freed unless keep_data). */
struct sc_node {
	struct sctpdk_sim *sim;
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_addr addr;
	uint64_t rng;
	unsigned bad_crc;
	unsigned n_ev;
	struct sctpdk_sctp_event ev[SC_MAX_EVENTS];
	bool keep_data;
	/* optional hook called for each event instead of storing it */
	void (*on_event)(struct sc_node *n, struct sctpdk_sctp_event *ev);
	void *user;
	/* capture mode (no simulator): packets the endpoint sent */
	unsigned n_out;
	struct rte_mbuf *out[SC_MAX_OUT];
	struct sctpdk_addr out_dst[SC_MAX_OUT];
};

/* A sim with nodes A (10.0.0.1:5000) and Z (10.0.0.2:6000), link cfg
 * (NULL = ideal), recorder of SENT events with full snapshots. */
struct sc_pair {
	struct sctpdk_sim *sim;
	struct sc_node a;
	struct sc_node z;
	int link;
	unsigned pool_in_use; /* sc_pool() mbufs in use at sc_pair_init() */
};

struct rte_mempool *sc_pool(void);
/* Suite fixture: EAL and sc_pool(). */
int sc_suite_init(void);
/* Mark the harness pool's mbufs in use at a test's start; later, are they
 * back to that mark? */
void sc_baseline(void);
int sc_no_leak(void);
void sc_config(struct sctpdk_sctp_config *cfg, struct sc_node *n, uint16_t port,
	       struct sctpdk_addr addr);
/* Set up the pair; cfg_a / cfg_z may be NULL for defaults (Z listens). */
int sc_pair_init(struct sc_pair *p, uint64_t seed, const struct sctpdk_sctp_config *cfg_a,
		 const struct sctpdk_sctp_config *cfg_z, const struct sctpdk_sim_link_cfg *link);
/* ... then A associates with Z (os outbound streams, 0 the default) and
 * the pair runs 10 ms; returns A's association id (fatal assertions). */
sctpdk_assoc_id_t sc_pair_up(struct sc_pair *p, uint64_t seed, const struct sctpdk_sctp_config *cfg_a,
			     const struct sctpdk_sctp_config *cfg_z, uint16_t os);
void sc_pair_free(struct sc_pair *p);
/* Run the simulator until time t (absolute) or until idle. */
void sc_run(struct sc_pair *p, uint64_t dt_us);
/* Re-query deadlines after calling an endpoint from outside. */
void sc_kick(struct sc_pair *p);

/* Count events of a type (and assoc-change state when state != 0). */
unsigned sc_count(const struct sc_node *n, uint16_t type, uint16_t state);
/* The i-th event of that type, or NULL. */
const struct sctpdk_sctp_event *sc_find(const struct sc_node *n, uint16_t type, uint16_t state,
					unsigned i);
void sc_clear_events(struct sc_node *n);

/* ---- capture mode ---- */
/* A lone endpoint whose packets are captured (n->out). */
struct sctpdk_sctp_ep *sc_lone(struct sc_node *n, struct sctpdk_sctp_config *cfg);
void sc_lone_free(struct sc_node *n);
void sc_out_clear(struct sc_node *n);
void sc_poll(struct sc_node *n);

/* ---- packets ---- */
/* Hand-made packet: common header then raw chunk bytes (CRC filled). */
struct rte_mbuf *sc_packet(uint16_t sport, uint16_t dport, uint32_t vtag, const uint8_t *chunks,
			   uint32_t len);
/* Chunk builder into buf: returns bytes written (padded). */
uint32_t sc_chunk(uint8_t *buf, uint8_t type, uint8_t flags, const uint8_t *value, uint16_t vlen);
/* Flat copy of a packet into buf (returns length). */
uint32_t sc_flat(const struct rte_mbuf *m, uint8_t *buf, uint32_t cap);

/* Parsed view of a flat SCTP packet. */
struct sc_pkt {
	uint16_t sport, dport;
	uint32_t vtag;
	unsigned n;
	uint8_t type[32];
	uint8_t flags[32];
	uint16_t len[32];
	const uint8_t *val[32]; /* chunk value (after the 4-byte header) */
};
int sc_parse(const uint8_t *buf, uint32_t len, struct sc_pkt *p);
/* Index of the first chunk of type in p, -1 if none. */
int sc_has(const struct sc_pkt *p, uint8_t type);
/* Find a parameter in an INIT/INIT ACK value; returns pointer to its value. */
const uint8_t *sc_param(const uint8_t *val, uint16_t vlen, uint16_t type, uint16_t *plen);

/* Recorded packets that crossed the link (SENT) from src node. */
unsigned sc_rec_count(const struct sc_pair *p, const struct sc_node *from, uint8_t type);
/* Parse the k-th recorded packet from `from` carrying chunk type; false if none. */
bool sc_rec_get(const struct sc_pair *p, const struct sc_node *from, uint8_t type, unsigned k,
		struct sc_pkt *out);

static inline uint16_t
sc_rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t
sc_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void
sc_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
static inline void
sc_wr32(uint8_t *p, uint32_t v)
{
	sc_wr16(p, (uint16_t)(v >> 16));
	sc_wr16(p + 2, (uint16_t)v);
}

#endif
