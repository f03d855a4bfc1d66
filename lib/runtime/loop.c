/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The per-lcore poll loop: RX burst -> classify -> CRC32c -> tag lookup ->
 * inline or hand-off -> ready associations -> timers -> application
 * commands -> TX burst (one doorbell per port per iteration).
 */
#include <sched.h>
#include <sys/prctl.h>
#include <string.h>
#include <unistd.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>

#include <sctpdk/sctpdk_port.h>

#include "sctpdk_crc32c.h"

#include "netif.h"
#include "rt_fglue.h"
#include "rt_priv.h"

void
sctpdk_rt_count_chunks(uint64_t *by_type, const struct rte_mbuf *m)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	uint32_t off = 12;
	/* bounded: at most one chunk per 4 bytes */
	while (off + 4 <= len) {
		uint8_t hb[4];
		const uint8_t *h = rte_pktmbuf_read(m, off, 4, hb);
		if (h == NULL)
			break;
		uint32_t clen = (uint32_t)h[2] << 8 | h[3];
		by_type[h[0] < SCTPDK_RT_CHUNK_TYPES - 1 ? h[0] : SCTPDK_RT_CHUNK_TYPES - 1]++;
		if (clen < 4)
			break;
		off += (clen + 3) & ~3u;
	}
}

/* Send what is queued: the frames of each port in one burst, in order
 * (one doorbell per port). Frames a TX queue does not take stay at the
 * front of the queue, in order, for the next burst (the core would
 * otherwise retransmit them a round trip later); at most RT_TX_HOLD of
 * them, the newest beyond that are dropped and counted. */
void
sctpdk_rt_tx_flush(struct sctpdk_rt_lcore *lc)
{
	struct sctpdk_stack *st = lc->st;
	uint16_t n = lc->txq.n;
	if (n == 0)
		return;
	uint16_t old = lc->tx_held; /* kept from earlier bursts: captured already */
	uint64_t sent_before = lc->stats.tx_frames;
	for (unsigned p = 0; p < st->n_ports; p++) {
		struct rte_mbuf *burst[RT_TX_CAP];
		uint16_t idx[RT_TX_CAP];
		uint16_t k = 0, k_old = 0;
		uint16_t pid = st->ports[p].port_id;
		for (uint16_t i = 0; i < n; i++)
			if (lc->tx_ports[i] == pid) {
				k_old += i < old;
				idx[k] = i;
				burst[k++] = lc->tx_pkts[i];
			}
		if (k == 0)
			continue;
		if (st->pcapng != NULL && k > k_old)
			sctpdk_rt_capture(st, pid, (uint16_t)lc->index, burst + k_old,
					  (uint16_t)(k - k_old), 1);
		uint16_t sent = rte_eth_tx_burst(pid, (uint16_t)lc->index, burst, k);
		lc->stats.tx_frames += sent;
		for (uint16_t i = 0; i < sent; i++)
			lc->tx_pkts[idx[i]] = NULL;
	}
	uint16_t keep = 0;
	for (uint16_t i = 0; i < n; i++) {
		if (lc->tx_pkts[i] == NULL)
			continue;
		if (keep == RT_TX_HOLD) {
			rte_pktmbuf_free(lc->tx_pkts[i]);
			lc->stats.drop[SCTPDK_RT_DROP_TX_FULL]++;
			continue;
		}
		lc->tx_pkts[keep] = lc->tx_pkts[i];
		lc->tx_ports[keep] = lc->tx_ports[i];
		keep++;
	}
	lc->stats.tx_held += keep;
	lc->txq.n = keep;
	lc->tx_held = keep;
	lc->tx_moved = lc->stats.tx_frames != sent_before;
}

static int
port_of(const struct sctpdk_stack *st, const struct sctpdk_addr *src)
{
	for (unsigned p = 0; p < st->n_ports; p++)
		for (unsigned i = 0; i < st->ports[p].cfg.n_addrs; i++)
			if (sctpdk_addr_eq(&st->ports[p].cfg.addrs[i], src))
				return (int)p;
	return -1;
}

void
sctpdk_rt_output(struct sctpdk_rt_ep *ep, struct rte_mbuf *m, const struct sctpdk_addr *src,
		 const struct sctpdk_addr *dst)
{
	struct sctpdk_stack *st = ep->st;
	int self = sctpdk_rt_lcore_index(st);
	if (self < 0) {
		/* only stack lcores transmit */
		rte_pktmbuf_free(m);
		return;
	}
	struct sctpdk_rt_lcore *lc = &st->lc[self];
	int p = port_of(st, src);
	if (p < 0) {
		lc->stats.drop[SCTPDK_RT_DROP_NO_ROUTE]++;
		rte_pktmbuf_free(m);
		return;
	}
	struct sctpdk_rt_port *pt = &st->ports[p];
	sctpdk_rt_count_chunks(lc->stats.tx_chunks, m);
	struct sctpdk_port_qstats *pq = &pt->dev->qstats[self];
	if (st->eng->fills_cksum) {
		/* the engine filled it, or left it to the NIC */
		if (m->ol_flags & RTE_MBUF_F_TX_SCTP_CKSUM) {
			lc->stats.cksum_offload_tx++;
			pq->tx_cksum_offload++;
		} else {
			lc->stats.cksum_sw_tx++;
			pq->tx_cksum_sw++;
		}
	} else {
		if (sctpdk_port_tx_cksum(pt->dev, (uint16_t)self, m)) {
			lc->stats.cksum_offload_tx++;
		} else {
			sctpdk_sctp_cksum_set(m, 0);
			lc->stats.cksum_sw_tx++;
		}
	}
	lc->stats.tx_sctp++;
	lc->stats.tx_bytes += rte_pktmbuf_pkt_len(m);
	sctpdk_rt_netif_output(lc, m, src, dst, sctpdk_rt_clock_us(st));
}

/* Packet for association a (or endpoint inbox) on its owner lcore. */
void
sctpdk_rt_deliver(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
		  const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now)
{
	struct sctpdk_stack *st = lc->st;
	if (!__atomic_load_n(&a->live, __ATOMIC_ACQUIRE)) {
		lc->stats.drop[SCTPDK_RT_DROP_STALE_ASSOC]++;
		rte_pktmbuf_free(m);
		return;
	}
	if (a->is_inbox) {
		st->eng->ep_input(a->ep->state, m, src, dst, now);
		return;
	}
	a->rx_packets++;
	st->eng->assoc_input(a->ep->state, a, m, src, dst, now);
	if (__atomic_load_n(&a->live, __ATOMIC_ACQUIRE))
		sctpdk_rt_snapshot_later(lc, a);
}

/* Hand m to a's owner: its inbound ring, then its owner's ready ring the
 * first time (the ready flag keeps an association there at most once). */
static void
handoff(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
	const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct sctpdk_stack *st = lc->st;
	if (rte_pktmbuf_headroom(m) < RT_STASH_LEN) {
		lc->stats.drop[SCTPDK_RT_DROP_NOMEM]++;
		rte_pktmbuf_free(m);
		return;
	}
	sctpdk_rt_stash_addrs(m, src, dst);
	if (rte_ring_mp_enqueue(a->ring, m) != 0) {
		lc->stats.drop[SCTPDK_RT_DROP_RING_FULL]++;
		rte_pktmbuf_free(m);
		return;
	}
	lc->stats.demux_handoff++;
	if (__atomic_exchange_n(&a->ready, 1, __ATOMIC_ACQ_REL) == 0)
		rte_ring_mp_enqueue(st->lc[a->owner].ready, a); /* sized for all */
}

static struct sctpdk_rt_ep *
ep_by_port(struct sctpdk_stack *st, uint16_t lport)
{
	return sctpdk_rt_ep_by_port(st, lport);
}

/* One SCTP packet lib/net handed over (SCTP header first). */
static void
rx_sctp(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_port *pt, struct rte_mbuf *m,
	const struct sctpdk_addr *srcp, const struct sctpdk_addr *dstp, uint64_t now)
{
	struct sctpdk_stack *st = lc->st;
	struct sctpdk_addr src = *srcp, dst = *dstp;

	/* the NIC's verdict when the port offloads it (counted per port) */
	enum sctpdk_rx_cksum ck = sctpdk_port_rx_cksum(pt->dev, (uint16_t)lc->index, m);
	if (ck == SCTPDK_RX_CKSUM_GOOD) {
		lc->stats.cksum_offload_ok++;
	} else if (ck == SCTPDK_RX_CKSUM_BAD) {
		lc->stats.drop[SCTPDK_RT_DROP_BAD_CKSUM]++;
		rte_pktmbuf_free(m);
		return;
	} else if (sctpdk_sctp_cksum_ok(m, 0)) {
		lc->stats.cksum_sw_ok++;
	} else {
		lc->stats.drop[SCTPDK_RT_DROP_BAD_CKSUM]++;
		rte_pktmbuf_free(m);
		return;
	}
	lc->stats.rx_sctp++;
	lc->stats.rx_bytes += rte_pktmbuf_pkt_len(m);
	sctpdk_rt_count_chunks(lc->stats.rx_chunks, m);

	/* common header: ports, then the verification tag */
	uint8_t hb[12];
	const uint8_t *h = rte_pktmbuf_read(m, 0, 12, hb);
	uint16_t lport_be, lport;
	uint32_t vtag_be;
	memcpy(&lport_be, h + 2, 2);
	memcpy(&vtag_be, h + 4, 4);
	lport = rte_be_to_cpu_16(lport_be);

	struct sctpdk_rt_assoc *a =
	    vtag_be != 0 ? sctpdk_rt_table_lookup(st, vtag_be, lport_be) : NULL;
	if (a != NULL) {
		if (a->owner == lc->index) {
			lc->stats.demux_inline++;
			sctpdk_rt_deliver(lc, a, m, &src, &dst, now);
		} else {
			handoff(lc, a, m, &src, &dst);
		}
		return;
	}
	struct sctpdk_rt_ep *ep = ep_by_port(st, lport);
	if (ep == NULL) {
		sctpdk_rt_ootb(lc, m, &src, &dst, now);
		return;
	}
	lc->stats.demux_endpoint++;
	if (st->eng->stateless_ep_input || ep->cfg.owner == lc->index)
		st->eng->ep_input(ep->state, m, &src, &dst, now);
	else if (st->eng->ep_input_any != NULL && !st->cfg.init_on_owner &&
		 st->eng->ep_input_any(ep->state, m, &src, &dst, now) == 0)
		lc->stats.demux_stateless++; /* INIT answered here */
	else
		handoff(lc, &ep->inbox, m, &src, &dst);
}

static unsigned
drain_ready(struct sctpdk_rt_lcore *lc, uint64_t now)
{
	struct sctpdk_rt_assoc *ready[RT_BURST];
	struct rte_mbuf *pkts[RT_BURST];
	unsigned n = rte_ring_sc_dequeue_burst(lc->ready, (void **)ready, RT_BURST, NULL);
	for (unsigned i = 0; i < n; i++) {
		struct sctpdk_rt_assoc *a = ready[i];
		/* clear before draining: a producer that enqueues after our
		 * dequeue sees 0 and queues the association again */
		__atomic_store_n(&a->ready, 0, __ATOMIC_SEQ_CST);
		/* one burst per association per iteration, so a busy one cannot
		 * starve the others, RX or the timers */
		unsigned k = rte_ring_sc_dequeue_burst(a->ring, (void **)pkts, RT_BURST, NULL);
		if (!a->is_inbox)
			a->handoffs += k;
		for (unsigned j = 0; j < k; j++) {
			struct sctpdk_addr src, dst;
			sctpdk_rt_unstash_addrs(pkts[j], &src, &dst);
			sctpdk_rt_deliver(lc, a, pkts[j], &src, &dst, now);
		}
		/* more left: back on the ready ring unless a producer did it */
		if (!rte_ring_empty(a->ring) &&
		    __atomic_exchange_n(&a->ready, 1, __ATOMIC_ACQ_REL) == 0)
			rte_ring_mp_enqueue(lc->ready, a);
	}
	return n;
}

/* Application commands, in bursts: up to RT_CMD_BUDGET per iteration;
 * engines that batch (command_end) get one call per endpoint touched. */
#define RT_CMD_BUDGET 256

static unsigned
drain_commands(struct sctpdk_rt_lcore *lc, uint64_t now)
{
	struct sctpdk_stack *st = lc->st;
	struct sctpdk_rt_cmd c[RT_BURST];
	uint64_t touched[(SCTPDK_RT_MAX_EPS + 63) / 64] = {0};
	unsigned n = 0, k;
	while (n < RT_CMD_BUDGET &&
	       (k = rte_ring_sc_dequeue_burst_elem(lc->cmd, c, sizeof(c[0]), RT_BURST, NULL)) !=
		   0) {
		n += k;
		lc->stats.commands += k;
		for (unsigned i = 0; i < k; i++) {
			if (c[i].ep >= st->n_eps) {
				rte_pktmbuf_free(c[i].msg);
				continue;
			}
			st->eng->command(st->eps[c[i].ep].state, &c[i], now);
			touched[c[i].ep / 64] |= 1ull << (c[i].ep % 64);
		}
		if (k < RT_BURST)
			break;
	}
	if (n != 0 && st->eng->command_end != NULL)
		for (unsigned e = 0; e < st->n_eps; e++)
			if (touched[e / 64] & (1ull << (e % 64)))
				st->eng->command_end(st->eps[e].state, now);
	return n;
}

/* Before lib/net parses a burst: the mbuf headers of the whole burst, then
 * the first line of each packet (Ethernet, IP, SCTP and the first chunk
 * header), so their misses overlap instead of coming one packet at a time
 * (the frames were written by another CPU: each first touch is a miss). */
static inline void
rx_prefetch(struct rte_mbuf **pkts, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++)
		rte_prefetch0(pkts[i]);
	for (uint16_t i = 0; i < n; i++)
		rte_prefetch0(rte_pktmbuf_mtod(pkts[i], const void *));
}

int
sctpdk_rt_lcore_main(void *arg)
{
	struct sctpdk_rt_lcore *lc = arg;
	struct sctpdk_stack *st = lc->st;
	struct rte_mbuf *pkts[RT_BURST];
	uint32_t idle = 0;
	uint32_t sleep_us = st->cfg.idle_sleep_us;

	/* idle sleeps of a few us must not last the default 50 us timer
	 * slack longer (latency of every packet that arrives meanwhile) */
	if (st->cfg.idle_sleep_us != 0)
		(void)prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
	rte_rcu_qsbr_thread_register(st->rcu, lc->index);
	rte_rcu_qsbr_thread_online(st->rcu, lc->index);
	sctpdk_rt_netif_start(lc, sctpdk_rt_clock_us(st));
	while (!__atomic_load_n(&st->quit, __ATOMIC_ACQUIRE)) {
		uint64_t now = sctpdk_rt_clock_us(st);
		unsigned work = 0;
		lc->stats.polls++;
		/* neighbours first: commands of this iteration may need them */
		sctpdk_rt_netif_poll(lc, now);
		for (unsigned p = 0; p < st->n_ports; p++) {
			struct sctpdk_rt_port *pt = &st->ports[p];
			if (lc->index >= pt->nb_rxq)
				continue;
			uint16_t n =
			    rte_eth_rx_burst(pt->port_id, (uint16_t)lc->index, pkts, RT_BURST);
			if (n == 0)
				continue;
			rx_prefetch(pkts, n);
			work += n;
			lc->stats.rx_frames += n;
			if (st->pcapng != NULL)
				sctpdk_rt_capture(st, pt->port_id, (uint16_t)lc->index, pkts, n, 0);
			sctpdk_rt_netif_rx(lc, pt, pkts, n, now, rx_sctp);
		}
		work += drain_ready(lc, now);
		unsigned fired = sctpdk_wheel_run(&lc->wheel, now);
		lc->stats.timers_fired += fired;
		work += fired;
		/* what RX did, visible to the application (and others) */
		if (lc->n_dirty != 0)
			sctpdk_rt_snapshot_flush(lc);
		/* a TX queue that refused frames: no new application data
		 * until they left (it waits in the command rings, and the
		 * application's poll function is not called) */
		int room = lc->tx_held <= RT_TX_BATCH / 4;
		if (room) {
			work += drain_commands(lc, now);
			if (lc->fc != NULL)
				work += sctpdk_rt_fglue_poll(lc, now);
		}
		work += sctpdk_rt_app_run(lc, now, room);
		sctpdk_rt_tx_flush(lc);
		/* held frames that left are work (no idle sleep); held frames
		 * a full TX queue keeps refusing wait with the idle policy */
		work += lc->tx_held != 0 && lc->tx_moved;
		if (lc->ev_pushed) {
			/* application threads parked in event_wait (a fence; a
			 * syscall only when one is parked) */
			lc->ev_pushed = 0;
			sctpdk_park_wake(&st->ev_park);
		}
		/* before the quiescent point: no slot on the list is reused */
		if (lc->n_dirty != 0)
			sctpdk_rt_snapshot_flush(lc);
		rte_rcu_qsbr_quiescent(st->rcu, lc->index);
		if (lc->n_pending != 0)
			sctpdk_rt_pending_run(lc, 0);
		if (work != 0) {
			idle = 0;
			sleep_us = st->cfg.idle_sleep_us;
			continue;
		}
		if (st->cfg.idle_sleep_us == 0) {
			if (st->cfg.idle_yield && ++idle >= st->cfg.idle_spins) {
				rte_rcu_qsbr_thread_offline(st->rcu, lc->index);
				sched_yield();
				rte_rcu_qsbr_thread_online(st->rcu, lc->index);
			} else {
				rte_pause();
			}
		} else if (++idle >= st->cfg.idle_spins) {
			lc->stats.idle_sleeps++;
			rte_rcu_qsbr_thread_offline(st->rcu, lc->index);
			usleep(sleep_us);
			rte_rcu_qsbr_thread_online(st->rcu, lc->index);
			/* idle on: fewer wake-ups (each costs two context
			 * switches) up to the configured bound */
			if (sleep_us < st->cfg.idle_sleep_max_us)
				sleep_us = RTE_MIN(sleep_us * 2, st->cfg.idle_sleep_max_us);
		}
	}
	/* last packets out (a few tries for a TX queue that refuses), then
	 * leave the grace-period accounting */
	sctpdk_rt_tx_flush(lc);
	for (unsigned i = 0; i < 100 && lc->txq.n != 0; i++) {
		rte_delay_us_sleep(10);
		sctpdk_rt_tx_flush(lc);
	}
	/* still refused (the peer stopped reading): dropped, as a stopped
	 * stack holds no frames */
	for (uint16_t i = 0; i < lc->txq.n; i++) {
		rte_pktmbuf_free(lc->tx_pkts[i]);
		lc->stats.drop[SCTPDK_RT_DROP_TX_FULL]++;
	}
	lc->txq.n = 0;
	lc->tx_held = 0;
	sctpdk_rt_snapshot_flush(lc);
	rte_rcu_qsbr_thread_offline(st->rcu, lc->index);
	rte_rcu_qsbr_thread_unregister(st->rcu, lc->index);
	return 0;
}
