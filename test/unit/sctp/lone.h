/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Driving one endpoint with hand-made packets from a scripted peer
 * (10.0.0.9:7000) and looking at what it answers. Shared by the
 * handshake, out-of-the-blue and hostile-input tests.
 */
#ifndef SCTPDK_TEST_LONE_H
#define SCTPDK_TEST_LONE_H

#include "scen.h"

#define PEER_PORT 7000
#define LOCAL_PORT 6000

struct lone {
	struct sc_node n;
	struct sctpdk_addr peer;
	uint64_t now;
	uint8_t flat[SC_MAX_OUT][2048];
	struct sc_pkt out[SC_MAX_OUT];
	unsigned n_out;
	unsigned pool_in_use; /* sc_pool() mbufs in use at lone_init() */
};

/* Endpoint 10.0.0.2:6000; listening as told; cookie life in us (0: default). */
void lone_init(struct lone *l, int listening, uint32_t cookie_life_us);
void lone_free(struct lone *l);
/* Feed a packet of raw chunks from the peer (or from src when not NULL);
 * the answers are parsed into l->out[0..n_out). */
void lone_feed_from(struct lone *l, const struct sctpdk_addr *src, uint16_t sport,
		    uint32_t vtag, const uint8_t *chunks, uint32_t len);
void lone_feed(struct lone *l, uint32_t vtag, const uint8_t *chunks, uint32_t len);
/* Run timers up to now + dt. */
void lone_advance(struct lone *l, uint64_t dt_us);
/* Parse what the endpoint sent since the last call. */
void lone_collect(struct lone *l);

/* INIT / INIT ACK value with optional extra parameter bytes. Returns the
 * chunk length written to buf (padded). */
uint32_t lone_init_chunk(uint8_t *buf, uint8_t type, uint32_t tag, uint32_t rwnd, uint16_t os,
			 uint16_t mis, uint32_t tsn, const uint8_t *params, uint16_t plen);
/* Bring up an association: INIT(peer_tag) -> INIT ACK -> COOKIE ECHO ->
 * COOKIE ACK. Returns the endpoint's tag; cookie and clen get a copy of
 * the cookie used. */
uint32_t lone_establish(struct lone *l, uint32_t peer_tag, uint32_t peer_tsn, uint8_t *cookie,
			uint16_t *clen);
/* Send INIT(peer_tag) and return the INIT ACK's tag and cookie. */
uint32_t lone_get_cookie(struct lone *l, const struct sctpdk_addr *src, uint32_t peer_tag,
			 uint32_t peer_tsn, const uint8_t *params, uint16_t plen, uint8_t *cookie,
			 uint16_t *clen);

#endif
