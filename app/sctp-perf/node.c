/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The endpoint driver of one sctp-perf lcore: sctpdk protocol endpoints
 * (lib/sctp) on one ethdev port. RX burst, Ethernet/IPv4 checks, CRC32c
 * verification, vtag-free demux by destination port, engine input, timers,
 * events to the benchmark mode, then one TX burst for everything the
 * engine produced.
 */
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include <sctpdk_crc32c.h>

#include "perf.h"

/* Set once by main before any lcore runs. */
static uint64_t tsc0;
static double us_per_tsc;

uint64_t
perf_now_us(void)
{
	if (us_per_tsc == 0) {
		tsc0 = rte_get_tsc_cycles();
		us_per_tsc = 1e6 / (double)rte_get_tsc_hz();
	}
	return (uint64_t)((double)(rte_get_tsc_cycles() - tsc0) * us_per_tsc);
}

uint64_t
perf_thread_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Source of user bytes: what an application would hand to sendmsg. */
static uint8_t user_buf[65536 + 64];

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct perf_node *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++) {
		n->rng = n->rng * 6364136223846793005ull + 1442695040888963407ull;
		p[i] = (uint8_t)(n->rng >> 56);
	}
}

/* Retransmission count: a DATA chunk whose TSN is not beyond the highest
 * this side sent on that association (keyed by the peer's vtag). */
static void
count_retrans(struct perf_node *n, const struct rte_mbuf *m)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	uint8_t buf[8];
	const uint8_t *h = rte_pktmbuf_read(m, 4, 4, buf);
	if (h == NULL)
		return;
	uint32_t vtag;
	memcpy(&vtag, h, 4);
	unsigned slot = (unsigned)(vtag % PERF_MAX_EPS);
	uint32_t off = 12;
	while (off + 8 <= len) {
		const uint8_t *c = rte_pktmbuf_read(m, off, 8, buf);
		if (c == NULL)
			break;
		uint16_t clen = (uint16_t)(c[2] << 8 | c[3]);
		if (clen < 4)
			break;
		if (c[0] == 0) {
			uint32_t tsn = (uint32_t)c[4] << 24 | (uint32_t)c[5] << 16 |
				       (uint32_t)c[6] << 8 | c[7];
			uint32_t *mx = &n->max_tsn_sent[slot];
			if (*mx != 0 && (int32_t)(tsn - *mx) <= 0)
				n->c.retrans++;
			else
				*mx = tsn;
		}
		off += (uint32_t)(clen + 3u) & ~3u;
	}
}

/* Send what the link takes; keep the rest for the next call (the link
 * pushes back instead of dropping). */
void
perf_node_flush(struct perf_node *n)
{
	uint16_t k = 0;
	while (k < n->n_tx) {
		uint16_t s = rte_eth_tx_burst(n->port, 0, n->tx + k, (uint16_t)(n->n_tx - k));
		if (s == 0)
			break;
		k = (uint16_t)(k + s);
	}
	n->c.pkts_tx += k;
	if (k != 0 && k < n->n_tx)
		memmove(n->tx, n->tx + k, (size_t)(n->n_tx - k) * sizeof(n->tx[0]));
	n->n_tx = (uint16_t)(n->n_tx - k);
}

/* Engine output: put Ethernet and IPv4 in front, queue for the burst. */
static void
out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct perf_node *n = ctx;
	count_retrans(n, pkt);
	uint16_t l4 = (uint16_t)rte_pktmbuf_pkt_len(pkt);
	char *p = rte_pktmbuf_prepend(pkt, PERF_HDR_LEN);
	if (p == NULL) {
		n->c.drops++;
		rte_pktmbuf_free(pkt);
		return;
	}
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;
	memcpy(&eth->dst_addr, n->peer_mac, 6);
	memcpy(&eth->src_addr, n->mac, 6);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	ip->version_ihl = 0x45;
	ip->type_of_service = 0;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(l4 + 20));
	ip->packet_id = rte_cpu_to_be_16(n->ip_id++);
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_SCTP;
	ip->hdr_checksum = 0;
	ip->src_addr = src->u.v4;
	ip->dst_addr = dst->u.v4;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	pkt->l2_len = 14;
	pkt->l3_len = 20;
	if (n->n_tx == PERF_TXBUF) {
		n->c.drops++;
		rte_pktmbuf_free(pkt);
		return;
	}
	n->tx[n->n_tx++] = pkt;
	if (n->n_tx >= PERF_BURST)
		perf_node_flush(n);
}

struct rte_mbuf *
perf_msg_alloc(struct perf_node *n, uint32_t len)
{
	/* Messages larger than a standard mbuf go into large buffers: fewer
	 * segments to fill, slice and free (as a socket layer would choose
	 * its buffers by message size). */
	struct rte_mempool *mp =
	    len > PERF_SMALL_MSG && n->big_pool != NULL ? n->big_pool : n->pool;
	struct rte_mbuf *head = rte_pktmbuf_alloc(mp);
	if (head == NULL)
		return NULL;
	uint32_t off = 0;
	struct rte_mbuf *seg = head;
	for (;;) {
		uint32_t room = rte_pktmbuf_tailroom(seg);
		uint32_t k = RTE_MIN(room, len - off);
		char *d = rte_pktmbuf_append(seg, (uint16_t)k);
		if (seg != head) {
			head->pkt_len += k;
		}
		rte_memcpy(d, user_buf + (off & 63), k);
		off += k;
		if (off == len)
			break;
		struct rte_mbuf *nx = rte_pktmbuf_alloc(mp);
		if (nx == NULL || rte_pktmbuf_chain(head, nx) != 0) {
			rte_pktmbuf_free(nx);
			rte_pktmbuf_free(head);
			return NULL;
		}
		head->pkt_len -= nx->data_len; /* chain() added it; 0 anyway */
		seg = nx;
	}
	return head;
}

/* Received messages are copied to the node's buffer, as recvmsg would. */
uint32_t
perf_copy_out(struct perf_node *n, const struct rte_mbuf *m)
{
	uint32_t off = 0;
	for (; m != NULL; m = m->next) {
		uint32_t k = RTE_MIN((uint32_t)m->data_len, PERF_RX_BUF - off);
		rte_memcpy(n->rx_buf + off, rte_pktmbuf_mtod(m, const void *), k);
		off += k;
		if (off == PERF_RX_BUF)
			off = 0;
	}
	return off;
}

uint32_t
perf_next_size(struct perf_node *n)
{
	uint32_t ov = n->sh->size_override;
	if (ov != 0)
		return ov;
	uint32_t s = n->o->sizes[n->size_i];
	if (++n->size_i == n->o->n_sizes)
		n->size_i = 0;
	return s;
}

int
perf_node_init(struct perf_node *n)
{
	for (unsigned i = 0; i < sizeof(user_buf); i++)
		user_buf[i] = (uint8_t)(i * 7u + 1u);
	if (n->n_eps == 0 || n->n_eps > PERF_MAX_EPS)
		return -1;
	n->rx_buf = malloc(PERF_RX_BUF);
	if (n->rx_buf == NULL)
		return -1;
	for (unsigned i = 0; i < n->n_eps; i++) {
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(n->base_port + i);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = n->addr;
		cfg.listening = !n->is_client;
		cfg.out_streams = n->o->streams;
		cfg.max_in_streams = n->o->streams > 10 ? n->o->streams : 10;
		cfg.pmtu = n->o->mtu;
		cfg.ip_overhead = 20;
		cfg.rwnd_bytes = 524288;
		/* request/response measures latency: no Nagle-like holding,
		 * as the usrsctp comparison does (SCTP_NODELAY) */
		cfg.nodelay = n->o->wl == PERF_WL_RR;
		cfg.pool = n->pool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->eps[i] = sctpdk_sctp_ep_new(&cfg, perf_now_us());
		if (n->eps[i] == NULL)
			return -1;
	}
	return 0;
}

void
perf_node_fini(struct perf_node *n)
{
	for (unsigned i = 0; i < n->n_eps; i++) {
		struct sctpdk_sctp_event ev[32];
		unsigned k;
		if (n->eps[i] == NULL)
			continue;
		while ((k = sctpdk_sctp_event_poll(n->eps[i], ev, 32)) > 0)
			for (unsigned j = 0; j < k; j++)
				sctpdk_sctp_event_release(&ev[j]);
		sctpdk_sctp_ep_del(n->eps[i]);
		n->eps[i] = NULL;
	}
	if (n->n_tx != 0)
		rte_pktmbuf_free_bulk(n->tx, n->n_tx);
	n->n_tx = 0;
	for (unsigned i = 0; i < PERF_MAX_EPS; i++) {
		free(n->as[i].sent_tsc);
		n->as[i].sent_tsc = NULL;
		rte_pktmbuf_free(n->as[i].pending);
		n->as[i].pending = NULL;
	}
	free(n->rx_buf);
	n->rx_buf = NULL;
}

/* One received frame: checks, strip L2/L3, CRC, into the endpoint. */
static void
rx_one(struct perf_node *n, struct rte_mbuf *m, uint64_t now)
{
	if (rte_pktmbuf_data_len(m) < PERF_HDR_LEN + 12)
		goto drop;
	const struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	if (eth->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4))
		goto drop;
	const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)(eth + 1);
	unsigned ihl = (ip->version_ihl & 0xfu) * 4u;
	uint16_t tot = rte_be_to_cpu_16(ip->total_length);
	if ((ip->version_ihl >> 4) != 4 || ihl < 20 || ip->next_proto_id != IPPROTO_SCTP ||
	    tot < ihl + 12 || 14u + tot > rte_pktmbuf_pkt_len(m) ||
	    rte_pktmbuf_data_len(m) < 14u + ihl + 12u)
		goto drop;
	struct sctpdk_addr src = {.family = SCTPDK_AF_INET};
	struct sctpdk_addr dst = {.family = SCTPDK_AF_INET};
	src.u.v4 = ip->src_addr;
	dst.u.v4 = ip->dst_addr;
	if (dst.u.v4 != n->addr.u.v4)
		goto drop;
	uint32_t extra = rte_pktmbuf_pkt_len(m) - 14u - tot;
	rte_pktmbuf_adj(m, (uint16_t)(14u + ihl));
	if (extra != 0)
		rte_pktmbuf_trim(m, (uint16_t)extra);
	if (!sctpdk_sctp_cksum_ok(m, 0)) {
		n->c.bad_crc++;
		goto drop;
	}
	const uint8_t *sh = rte_pktmbuf_mtod(m, const uint8_t *);
	uint16_t dport = (uint16_t)(sh[2] << 8 | sh[3]);
	unsigned i = (unsigned)(uint16_t)(dport - n->base_port);
	if (i >= n->n_eps)
		goto drop;
	n->c.pkts_rx++;
	sctpdk_sctp_input(n->eps[i], m, &src, &dst, now);
	return;
drop:
	n->c.drops++;
	rte_pktmbuf_free(m);
}

static void
events(struct perf_node *n, uint64_t now)
{
	struct sctpdk_sctp_event ev[PERF_BURST];
	for (unsigned i = 0; i < n->n_eps; i++) {
		unsigned k;
		while ((k = sctpdk_sctp_event_poll(n->eps[i], ev, PERF_BURST)) > 0)
			for (unsigned j = 0; j < k; j++)
				n->mode->event(n, i, &ev[j], now);
	}
}

static void
timers(struct perf_node *n, uint64_t now)
{
	if (now < n->next_deadline)
		return;
	uint64_t next = UINT64_MAX;
	for (unsigned i = 0; i < n->n_eps; i++) {
		if (sctpdk_sctp_next_deadline(n->eps[i]) <= now)
			sctpdk_sctp_timer(n->eps[i], now);
		uint64_t d = sctpdk_sctp_next_deadline(n->eps[i]);
		if (d < next)
			next = d;
	}
	/* API calls may arm earlier timers: look again at least every ms. */
	n->next_deadline = RTE_MIN(next, now + 1000);
}

static void
mark(struct perf_node *n, uint64_t now)
{
	n->c0 = n->c;
	n->cpu_ns0 = perf_thread_cpu_ns();
	n->wall_us0 = now;
	n->measured = 1;
}

/* One pass of the loop; returns true when it moved something. */
static bool
node_iter(struct perf_node *n)
{
	struct rte_mbuf *pkts[PERF_BURST];
	uint64_t t0 = rte_rdtsc();
	uint64_t work0 = n->c.msgs_tx + n->c.msgs_rx + n->c.pkts_tx + n->n_tx;
	uint16_t nb = rte_eth_rx_burst(n->port, 0, pkts, PERF_BURST);
	uint64_t now = perf_now_us();
	for (uint16_t i = 0; i < nb; i++) {
		if (i + 1 < nb)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 1], void *));
		rx_one(n, pkts[i], now);
	}
	timers(n, now);
	events(n, now);
	if (n->is_client)
		n->mode->client_poll(n, now);
	else if (n->mode->server_poll != NULL)
		n->mode->server_poll(n, now);
	if (n->controls)
		perf_control(n, now);
	if (n->n_tx != 0)
		perf_node_flush(n);
	if (nb != 0 || work0 != n->c.msgs_tx + n->c.msgs_rx + n->c.pkts_tx + n->n_tx) {
		n->c.busy_tsc += rte_rdtsc() - t0;
		return true;
	}
	return false;
}

static bool
node_running(struct perf_node *n)
{
	if (n->sh->quit)
		return false;
	int ph = n->sh->phase;
	if (ph == PH_DONE)
		return false;
	if (ph == PH_RUN && !n->measured)
		mark(n, perf_now_us());
	return true;
}

static void
node_start(struct perf_node *n)
{
	n->next_deadline = 0;
	if (n->is_client && n->mode->client_start != NULL)
		n->mode->client_start(n, perf_now_us());
	perf_node_flush(n);
}

static void
node_end(struct perf_node *n)
{
	n->cpu_ns = perf_thread_cpu_ns();
	n->wall_us = perf_now_us();
	n->finished = 1;
}

int
perf_node_loop(void *arg)
{
	struct perf_node *n = arg;
	unsigned idle = 0;
	node_start(n);
	while (node_running(n)) {
		if (node_iter(n)) {
			idle = 0;
			continue;
		}
		/* Idle policy: after a run of empty polls give the CPU to
		 * whoever else wants it (the peer lcore's thread on a small
		 * machine), or sleep; spinning burns CPU the figures count. */
		if (++idle < PERF_IDLE_POLLS || n->o->idle_us < 0)
			continue;
		if (n->o->idle_us == 0)
			sched_yield();
		else
			rte_delay_us_sleep((unsigned)n->o->idle_us);
	}
	node_end(n);
	return 0;
}

void
perf_node_loop_pair(struct perf_node *cl, struct perf_node *sv)
{
	node_start(sv);
	node_start(cl);
	while (node_running(cl) && node_running(sv)) {
		node_iter(cl);
		node_iter(sv);
	}
	node_end(cl);
	node_end(sv);
}
