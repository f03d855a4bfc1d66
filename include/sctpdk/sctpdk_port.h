/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * drivers/port: configure any DPDK ethdev for the stack.
 *
 * One RX and one TX queue per stack lcore (fewer RX queues when the device
 * has fewer: a single-queue device such as net_ring or net_af_packet feeds
 * a multi-lcore stack, its RX queue polled by the first lcore), RSS over
 * the SCTP flow types the port supports (IP-only hashing as the fallback),
 * MTU, one mbuf pool per NUMA socket the queues live on (or the caller's
 * pool), a locally administered MAC for devices without one, and checksum
 * offload detection: the port
 * uses the NIC for SCTP CRC32c when it advertises it (TX:
 * RTE_ETH_TX_OFFLOAD_SCTP_CKSUM, RX: RTE_ETH_RX_OFFLOAD_SCTP_CKSUM), the
 * software CRC otherwise, and says which in caps and per-queue counters.
 *
 * Control functions (configure/start/stop/close) run on the main thread.
 * The per-packet helpers (tx_cksum, rx_cksum) run on the lcore that owns
 * queue q and touch only that queue's counters.
 */
#ifndef SCTPDK_PORT_H
#define SCTPDK_PORT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;

#define SCTPDK_PORT_MAX_QUEUES  64
#define SCTPDK_PORT_MAX_SOCKETS 8

struct sctpdk_port_config {
	uint16_t port_id;
	/* TX queues, one per stack lcore (>= 1; the device must have them);
	 * RX queues: as many, or all the device has when it has fewer */
	uint16_t nb_queues;
	uint16_t nb_rxd;         /* RX descriptors per queue (default 1024, clamped) */
	uint16_t nb_txd;         /* TX descriptors per queue (default 1024, clamped) */
	uint16_t mtu;            /* IP MTU; 0 = keep the port's (usually 1500) */
	uint32_t nb_mbufs;       /* mbufs per socket pool (default: enough for the rings) */
	uint16_t mbuf_data_size; /* data room incl. headroom (default 2176) */
	uint8_t promiscuous;     /* 1 = enable promiscuous mode at start */
	uint8_t no_offload;      /* 1 = use the software checksum path even if offered */
	/* NUMA socket per queue (the socket of the lcore that polls it); NULL =
	 * the port's socket for every queue. */
	const int *queue_socket;
	/* RX pool for every queue, the caller's (not freed here); NULL = one
	 * pool per NUMA socket of the RX queues, made and freed here. */
	struct rte_mempool *pool;
};

/* Fill cfg with defaults for port_id and nb_queues. */
void sctpdk_port_config_default(struct sctpdk_port_config *cfg, uint16_t port_id,
				uint16_t nb_queues);

enum sctpdk_cksum_path {
	SCTPDK_CKSUM_SW = 0,      /* software CRC32c */
	SCTPDK_CKSUM_OFFLOAD = 1, /* the NIC computes / verifies it */
};

/* What the device offers (from rte_eth_dev_info) and what we enabled. */
struct sctpdk_port_caps {
	char driver[32];
	uint64_t rx_offload_capa;
	uint64_t tx_offload_capa;
	uint64_t rss_offloads; /* dev_info.flow_type_rss_offloads */
	uint64_t rss_hf;       /* flow types enabled (0 = no RSS) */
	uint16_t max_rx_queues;
	uint16_t max_tx_queues;
	uint16_t min_mtu;
	uint16_t max_mtu;
	uint8_t tx_sctp_cksum; /* TX SCTP CRC offload offered */
	uint8_t rx_sctp_cksum; /* RX SCTP CRC check offered */
	uint8_t rss_sctp;      /* RSS hashes SCTP ports (v4 or v6) */
	uint8_t tx_multi_seg;  /* port sends mbuf chains */
	uint8_t rx_scatter;    /* RX scatter enabled (MTU > one mbuf) */
};

/* Per-queue counters, one cache line each (written by one lcore). */
struct sctpdk_port_qstats {
	uint64_t tx_cksum_offload; /* packets whose CRC the NIC fills */
	uint64_t tx_cksum_sw;      /* packets the caller must checksum */
	uint64_t rx_cksum_good;    /* NIC verified good */
	uint64_t rx_cksum_bad;     /* NIC verified bad */
	uint64_t rx_cksum_sw;      /* not verified by the NIC: software check needed */
} __attribute__((aligned(64)));

struct sctpdk_port {
	uint16_t port_id;
	uint16_t nb_queues;    /* TX queues */
	uint16_t nb_rx_queues; /* RX queues, 1..nb_queues */
	uint16_t nb_rxd;
	uint16_t nb_txd;
	uint16_t mtu;  /* IP MTU in effect */
	int socket_id; /* the device's NUMA socket (0 when unknown) */
	uint8_t mac[6];
	uint8_t started;
	uint8_t promiscuous;   /* enabled at start */
	uint8_t tx_cksum_path; /* enum sctpdk_cksum_path */
	uint8_t rx_cksum_path; /* enum sctpdk_cksum_path */
	struct sctpdk_port_caps caps;
	int queue_socket[SCTPDK_PORT_MAX_QUEUES];
	struct rte_mempool *pools[SCTPDK_PORT_MAX_SOCKETS]; /* ours, by socket index */
	struct rte_mempool *ext_pool;                       /* the caller's, or NULL */
	uint8_t mac_assigned; /* the device had no MAC: a random local one was set */
	struct sctpdk_port_qstats qstats[SCTPDK_PORT_MAX_QUEUES];
};

/*
 * Probe and configure the device: queues, RSS, MTU, offloads, descriptor
 * rings, pools. Does not start it. port is caller memory, 64-byte aligned
 * (static, rte_zmalloc or aligned_alloc; it is large: one cache line of
 * counters per queue).
 * Errors: SCTPDK_ERR_INVAL (bad config, no such port, MTU outside the
 * device's range or too big for one mbuf without scatter support),
 * SCTPDK_ERR_UNSUPP (more queues than the device has TX queues, or no RX
 * queue),
 * SCTPDK_ERR_NOMEM (pool), SCTPDK_ERR_STATE (ethdev configure/queue setup
 * failed).
 */
int sctpdk_port_configure(struct sctpdk_port *port, const struct sctpdk_port_config *cfg);

/* Start the device (and promiscuous mode when asked). 0 or SCTPDK_ERR_STATE. */
int sctpdk_port_start(struct sctpdk_port *port);

/* Stop the device, first freeing what its RX queues still hold (call it
 * when no lcore polls them any more). 0 or SCTPDK_ERR_STATE. */
int sctpdk_port_stop(struct sctpdk_port *port);

/* Stop if started and free our pools, leaving the ethdev configured and
 * open (for callers that do not own the device). */
void sctpdk_port_detach(struct sctpdk_port *port);

/* Stop if started, close the ethdev (the port id is released) and free the
 * pools. The struct may then be reused for configure. */
void sctpdk_port_close(struct sctpdk_port *port);

/* The pool of RX queue q (the caller's, or its socket's pool). */
struct rte_mempool *sctpdk_port_pool(const struct sctpdk_port *port, uint16_t q);

/* Before TX of an SCTP packet whose l2_len, l3_len and IPv4/IPv6 TX flag
 * are set (lib/net does that): on the offload path set
 * RTE_MBUF_F_TX_SCTP_CKSUM and return 1 (leave the CRC field 0 — the NIC
 * fills it); on the software path return 0 (the caller computes the CRC).
 * Counts per queue. */
static inline int sctpdk_port_tx_cksum(struct sctpdk_port *port, uint16_t q, struct rte_mbuf *m);

enum sctpdk_rx_cksum {
	SCTPDK_RX_CKSUM_SW = 0,   /* verify in software */
	SCTPDK_RX_CKSUM_GOOD = 1, /* the NIC verified it */
	SCTPDK_RX_CKSUM_BAD = 2,  /* the NIC found it wrong: drop */
};

/* After RX: what the NIC says about the SCTP CRC of m (RX offload flags
 * honoured only when the port enabled RX SCTP checksum). Counts per queue. */
static inline enum sctpdk_rx_cksum sctpdk_port_rx_cksum(struct sctpdk_port *port, uint16_t q,
							const struct rte_mbuf *m);

/* Sum of the per-queue counters. */
void sctpdk_port_stats(const struct sctpdk_port *port, struct sctpdk_port_qstats *sum);

/* "offload" or "software". */
const char *sctpdk_cksum_path_name(unsigned int path);

#ifdef __cplusplus
}
#endif

#include <rte_mbuf.h>

static inline int
sctpdk_port_tx_cksum(struct sctpdk_port *port, uint16_t q, struct rte_mbuf *m)
{
	if (port->tx_cksum_path == SCTPDK_CKSUM_OFFLOAD) {
		m->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM;
		port->qstats[q].tx_cksum_offload++;
		return 1;
	}
	port->qstats[q].tx_cksum_sw++;
	return 0;
}

static inline enum sctpdk_rx_cksum
sctpdk_port_rx_cksum(struct sctpdk_port *port, uint16_t q, const struct rte_mbuf *m)
{
	if (port->rx_cksum_path == SCTPDK_CKSUM_OFFLOAD) {
		uint64_t f = m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK;
		if (f == RTE_MBUF_F_RX_L4_CKSUM_GOOD) {
			port->qstats[q].rx_cksum_good++;
			return SCTPDK_RX_CKSUM_GOOD;
		}
		if (f == RTE_MBUF_F_RX_L4_CKSUM_BAD) {
			port->qstats[q].rx_cksum_bad++;
			return SCTPDK_RX_CKSUM_BAD;
		}
	}
	port->qstats[q].rx_cksum_sw++;
	return SCTPDK_RX_CKSUM_SW;
}

#endif
