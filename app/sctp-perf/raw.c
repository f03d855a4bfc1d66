/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --compare raw: the link's own limit. The same ethdev pair carries
 * packets of the sizes the SCTP run produced (messages split at the same
 * MTU, with the same Ethernet/IPv4/SCTP/DATA header bytes) with no SCTP
 * processing: the sender copies user bytes into mbufs and bursts them, the
 * receiver copies them out and frees them. With --one-lcore one thread
 * alternates a sending and a receiving burst.
 */
#include <string.h>

#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "perf.h"

struct raw_side {
	uint16_t port;
	struct rte_mempool *pool;
	uint32_t pkt_payload; /* user bytes per packet */
	uint32_t hdr;         /* header bytes per packet */
	volatile int *stop;
	uint64_t pkts, bytes;
	uint64_t cpu_ns;
	uint8_t buf[2048];
} __rte_cache_aligned;

/* One burst: fill PERF_BURST packets, send what the link takes. */
static void
raw_tx_burst(struct raw_side *s)
{
	static uint8_t user[2048];
	struct rte_mbuf *m[PERF_BURST];
	uint32_t len = s->hdr + s->pkt_payload;
	if (rte_pktmbuf_alloc_bulk(s->pool, m, PERF_BURST) != 0)
		return;
	for (unsigned i = 0; i < PERF_BURST; i++) {
		char *d = rte_pktmbuf_append(m[i], (uint16_t)len);
		memset(d, 0, s->hdr);
		rte_memcpy(d + s->hdr, user, s->pkt_payload);
	}
	uint16_t k = rte_eth_tx_burst(s->port, 0, m, PERF_BURST);
	if (k < PERF_BURST)
		rte_pktmbuf_free_bulk(m + k, PERF_BURST - k);
	s->pkts += k;
}

static void
raw_rx_burst(struct raw_side *s)
{
	struct rte_mbuf *m[PERF_BURST];
	uint16_t nb = rte_eth_rx_burst(s->port, 0, m, PERF_BURST);
	for (uint16_t i = 0; i < nb; i++) {
		uint32_t len = rte_pktmbuf_data_len(m[i]);
		rte_memcpy(s->buf, rte_pktmbuf_mtod_offset(m[i], void *, s->hdr), len - s->hdr);
		s->bytes += len - s->hdr;
	}
	s->pkts += nb;
	if (nb != 0)
		rte_pktmbuf_free_bulk(m, nb);
}

static int
raw_rx(void *arg)
{
	struct raw_side *s = arg;
	uint64_t cpu0 = perf_thread_cpu_ns();
	while (!*s->stop)
		raw_rx_burst(s);
	s->cpu_ns = perf_thread_cpu_ns() - cpu0;
	return 0;
}

/* Sender (and with one_lcore, receiver too) on the calling lcore. */
static void
raw_tx(struct raw_side *s, struct raw_side *rx, double duration_s)
{
	uint64_t end = perf_now_us() + (uint64_t)(duration_s * 1e6);
	uint64_t cpu0 = perf_thread_cpu_ns();
	unsigned it = 0;
	while ((++it & 63) != 0 || perf_now_us() < end) {
		raw_tx_burst(s);
		if (rx != NULL)
			raw_rx_burst(rx);
	}
	s->cpu_ns = perf_thread_cpu_ns() - cpu0;
}

int
perf_raw_run(const struct perf_opts *o, uint16_t port_a, uint16_t port_b, struct rte_mempool *pool,
	     uint32_t size, struct perf_result *r)
{
	static struct raw_side tx, rx;
	volatile int stop = 0;
	/* IPv4 + SCTP common header + DATA chunk header, as the SCTP run */
	uint32_t max_payload = o->mtu - 20 - 12 - 16;
	uint32_t per_pkt = size < max_payload ? size : max_payload;
	memset(&tx, 0, sizeof(tx));
	memset(&rx, 0, sizeof(rx));
	tx.port = port_a;
	rx.port = port_b;
	tx.pool = pool;
	tx.pkt_payload = rx.pkt_payload = per_pkt;
	tx.hdr = rx.hdr = PERF_HDR_LEN + 12 + 16;
	rx.stop = &stop;
	unsigned worker = rte_get_next_lcore(-1, 1, 0);
	if (!o->one_lcore &&
	    (worker >= RTE_MAX_LCORE || rte_eal_remote_launch(raw_rx, &rx, worker) != 0))
		return -1;
	uint64_t t0 = perf_now_us();
	raw_tx(&tx, o->one_lcore ? &rx : NULL, o->duration_s);
	uint64_t t1 = perf_now_us();
	stop = 1;
	if (!o->one_lcore)
		rte_eal_wait_lcore(worker);
	else
		tx.cpu_ns /= 2; /* one thread did both: split evenly for the per-side figures */
	if (o->one_lcore)
		rx.cpu_ns = tx.cpu_ns;
	struct rte_mbuf *left[PERF_BURST];
	uint16_t nb;
	while ((nb = rte_eth_rx_burst(port_b, 0, left, PERF_BURST)) > 0)
		rte_pktmbuf_free_bulk(left, nb);
	memset(r, 0, sizeof(*r));
	r->workload = "raw";
	r->size = size;
	r->mtu = o->mtu;
	r->wall_s = (double)(t1 - t0) / 1e6;
	r->cpu_s_client = (double)tx.cpu_ns / 1e9;
	r->cpu_s_server = (double)rx.cpu_ns / 1e9;
	r->bytes = rx.bytes;
	r->msgs = rx.bytes / size;
	r->pkts = rx.pkts;
	double cpu = r->cpu_s_client + r->cpu_s_server;
	if (r->wall_s > 0) {
		r->msgs_per_s = (double)r->msgs / r->wall_s;
		r->gbit_per_s = (double)r->bytes * 8 / r->wall_s / 1e9;
		r->pkts_per_s = (double)r->pkts / r->wall_s;
	}
	if (r->msgs > 0) {
		r->cpu_us_per_msg_client = r->cpu_s_client * 1e6 / (double)r->msgs;
		r->cpu_us_per_msg_server = r->cpu_s_server * 1e6 / (double)r->msgs;
	}
	if (cpu > 0) {
		r->msgs_per_cpu_s = (double)r->msgs / cpu;
		r->gbit_per_cpu_s = (double)r->bytes * 8 / cpu / 1e9;
	}
	r->valid = r->msgs > 0;
	return 0;
}
