/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet access for the association engine: a bounded walk over the chunks
 * of a received packet (mbuf chain) and a builder for packets to send.
 * Every read is bounded by the packet length; nothing past the end of a
 * chunk or of the packet can be touched.
 */
#ifndef SCTPDK_SCTP_PKT_H
#define SCTPDK_SCTP_PKT_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>

/* Chunk types (RFC 9260 3.2). */
enum {
	CT_DATA = 0,
	CT_INIT = 1,
	CT_INIT_ACK = 2,
	CT_SACK = 3,
	CT_HEARTBEAT = 4,
	CT_HEARTBEAT_ACK = 5,
	CT_ABORT = 6,
	CT_SHUTDOWN = 7,
	CT_SHUTDOWN_ACK = 8,
	CT_ERROR = 9,
	CT_COOKIE_ECHO = 10,
	CT_COOKIE_ACK = 11,
	CT_ECNE = 12,
	CT_CWR = 13,
	CT_SHUTDOWN_COMPLETE = 14,
	CT_KNOWN_MAX = 15,
};

/* Parameter types (RFC 9260 3.3.2). */
enum {
	PT_IPV4 = 5,
	PT_IPV6 = 6,
	PT_STATE_COOKIE = 7,
	PT_UNRECOGNIZED = 8,
	PT_COOKIE_PRESERVATIVE = 9,
	PT_HOST_NAME = 11,
	PT_SUPPORTED_ADDR_TYPES = 12,
	PT_ECN = 0x8000,
	PT_FORWARD_TSN = 0xC000,
	PT_ADAPTATION = 0xC006,
};

/* Error causes (RFC 9260 3.3.10). */
enum {
	CAUSE_INVALID_STREAM = 1,
	CAUSE_MISSING_PARAM = 2,
	CAUSE_STALE_COOKIE = 3,
	CAUSE_OUT_OF_RESOURCE = 4,
	CAUSE_UNRESOLVABLE_ADDR = 5,
	CAUSE_UNRECOGNIZED_CHUNK = 6,
	CAUSE_INVALID_MANDATORY = 7,
	CAUSE_UNRECOGNIZED_PARAMS = 8,
	CAUSE_NO_USER_DATA = 9,
	CAUSE_COOKIE_WHILE_SHUTDOWN = 10,
	CAUSE_RESTART_NEW_ADDRS = 11,
	CAUSE_USER_ABORT = 12,
	CAUSE_PROTOCOL_VIOLATION = 13,
};

#define CHUNK_FLAG_T 0x01 /* ABORT and SHUTDOWN COMPLETE: tag reflected */
#define SCTP_HDR_LEN 12
#define CHUNK_HDR_LEN 4
#define DATA_HDR_LEN 16

/* One chunk of a received packet. */
struct pkt_chunk {
	uint8_t type;
	uint8_t flags;
	uint16_t len; /* declared length, header included, without padding */
	uint32_t off; /* offset of the chunk header in the packet */
};

/* Common header of a received packet, host order. */
struct pkt_hdr {
	uint16_t src_port;
	uint16_t dst_port;
	uint32_t vtag;
};

/*
 * Read the common header. Returns 0 or -1 when the packet is shorter than
 * 12 bytes.
 */
int pkt_hdr_read(const struct rte_mbuf *m, struct pkt_hdr *h);

/*
 * Next chunk at *off (start with SCTP_HDR_LEN). Returns 1 with c filled and
 * *off moved past the chunk and its padding, 0 at the end of the packet,
 * -1 for a malformed chunk (length below 4 or past the end of the packet).
 * Padding of the last chunk may be missing.
 */
int pkt_chunk_next(const struct rte_mbuf *m, uint32_t *off, struct pkt_chunk *c);

/* Copy len bytes at off into buf. Returns 0, or -1 if the range is out of
 * the packet. */
int pkt_read(const struct rte_mbuf *m, uint32_t off, void *buf, uint32_t len);

/* Big-endian reads from a flat buffer. */
static inline uint16_t
rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void
wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/*
 * Packet builder. Headers and control chunks are written into direct mbufs
 * from the pool given at start (the first one holds the common header and
 * has the headroom for lower layers); DATA payloads of at least ref_min
 * bytes are not copied but referenced: indirect mbufs attached to the
 * buffers of the message (refcounted; the message's own chain and its
 * retransmissions stay untouched), so a packet may be a chain. Bytes after
 * such a reference go into a new direct segment. The packet's length never
 * exceeds the limit given at start (the path MTU minus the IP header).
 * dest is the index of the peer address the packet goes to; dest_set says
 * a chunk bound to that destination (DATA) is in it, so it may not go
 * elsewhere.
 */
struct pkt_builder {
	struct rte_mbuf *m;    /* head segment (pkt_len: the whole packet) */
	struct rte_mbuf *last; /* last segment */
	struct rte_mempool *mp;
	uint32_t limit;
	uint32_t ref_min;      /* payloads this long or longer go by reference */
	uint32_t n_chunks;
	uint32_t n_refs;       /* payloads referenced, not copied */
	uint32_t n_copies;     /* payloads copied */
	struct rte_mbuf *spare; /* segment a writer (pkt_wr_begin) may fill */
	uint8_t dest;          /* peer address index */
	bool dest_set;         /* bound to dest */
};

/* Start a packet with the common header; payloads are copied (ref_min =
 * UINT32_MAX) until the caller sets ref_min. Returns 0 or -1 (no mbuf). */
int pkt_begin(struct pkt_builder *b, struct rte_mempool *mp, uint32_t limit, uint16_t sport,
	      uint16_t dport, uint32_t vtag);

/* Send the packet to destination dest whose packets take at most limit
 * bytes. Returns 0, or -1 (nothing changed) when what the packet already
 * holds exceeds that limit. */
int pkt_set_dest(struct pkt_builder *b, uint8_t dest, uint32_t limit);

/* Room left for one more chunk of value length vlen? */
int pkt_fits(const struct pkt_builder *b, uint32_t vlen);

/* Bytes in the packet so far. */
static inline uint32_t
pkt_len(const struct pkt_builder *b)
{
	return rte_pktmbuf_pkt_len(b->m);
}

/*
 * Append a chunk whose value is hlen header bytes (returned, contiguous, for
 * the caller to fill) followed by the payload bytes [off, off + len) of the
 * chain pay, padded to 4 with zeros. A payload of at least b->ref_min bytes
 * is referenced (pay keeps its own references and is never modified; the
 * packet holds new ones), a shorter one copied. Returns NULL, the packet
 * unchanged, when the chunk does not fit, the range is outside pay or no
 * mbuf is left.
 */
uint8_t *pkt_chunk_add_payload(struct pkt_builder *b, uint8_t type, uint8_t flags,
			       uint32_t hlen, struct rte_mbuf *pay, uint32_t off, uint32_t len);

/*
 * Chunks encoded by lib/wire (struct sctpdk_wr encoders): pkt_wr_begin()
 * points w at the contiguous room at the end of the packet (in the last
 * segment, or a new one when that has fewer than need bytes left), at most
 * what the limit leaves; encode whole chunks into it, then pkt_wr_commit()
 * adds what was written as n_chunks chunks. Returns 0 or -1 (no mbuf).
 */
struct sctpdk_wr;
int pkt_wr_begin(struct pkt_builder *b, struct sctpdk_wr *w, uint32_t need);

/* Returns 0, or the writer's pending error (nothing added). */
int pkt_wr_commit(struct pkt_builder *b, struct sctpdk_wr *w, uint32_t n_chunks);

/* pkt_wr_begin() for one chunk of need bytes (its padding included):
 * -1 when the packet's limit leaves less room or no mbuf is left. */
static inline int
pkt_wr_chunk(struct pkt_builder *b, struct sctpdk_wr *w, uint32_t need)
{
	return pkt_len(b) + need <= b->limit ? pkt_wr_begin(b, w, need) : -1;
}

/* Take the finished packet (caller owns it). */
struct rte_mbuf *pkt_finish(struct pkt_builder *b);

/* Drop an unfinished packet. */
void pkt_abandon(struct pkt_builder *b);

#endif
