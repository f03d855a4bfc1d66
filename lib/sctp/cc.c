/* SPDX-License-Identifier: BSD-3-Clause */
#include "cc.h"

static inline uint32_t
min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static inline uint32_t
max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static inline uint32_t
four_mtu(const struct sctpdk_cc_path *p)
{
	uint64_t v = 4ULL * p->mtu;
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

uint32_t
sctpdk_cc_initial_cwnd(uint32_t mtu)
{
	uint64_t four = 4ULL * mtu, two = 2ULL * mtu;
	uint64_t hi = two > 4380 ? two : 4380;
	uint64_t v = four < hi ? four : hi;
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void
rfc_init(struct sctpdk_cc_path *p, uint32_t mtu, uint32_t peer_rwnd)
{
	p->mtu = mtu;
	p->cwnd = sctpdk_cc_initial_cwnd(mtu);
	p->ssthresh = peer_rwnd;
	p->partial_bytes_acked = 0;
	p->last_send_us = 0;
	for (unsigned i = 0; i < sizeof(p->priv) / sizeof(p->priv[0]); i++)
		p->priv[i] = 0;
}

static void
rfc_on_ack(struct sctpdk_cc_path *p, const struct sctpdk_cc_ack *a)
{
	if (p->cwnd <= p->ssthresh) {
		/* Slow start (7.2.1): grow only when cwnd was fully used, the
		 * cumulative TSN advanced and we are not in fast recovery. */
		if (a->cum_advanced && a->flight_before >= p->cwnd && !a->in_fast_recovery)
			p->cwnd += min_u32(a->bytes_acked, p->mtu);
	} else {
		/* Congestion avoidance (7.2.2). */
		p->partial_bytes_acked += a->bytes_acked;
		if (p->partial_bytes_acked >= p->cwnd) {
			if (a->flight_before >= p->cwnd) {
				p->partial_bytes_acked -= p->cwnd;
				if (a->cum_advanced && !a->in_fast_recovery)
					p->cwnd += p->mtu;
			} else {
				p->partial_bytes_acked = p->cwnd;
			}
		}
	}
	/* All data acked: partial_bytes_acked back to 0 (7.2.2). */
	if (a->flight_after == 0)
		p->partial_bytes_acked = 0;
}

static void
rfc_on_fast_rtx(struct sctpdk_cc_path *p)
{
	/* 7.2.4 step 2 / 7.2.3 */
	p->ssthresh = max_u32(p->cwnd / 2, four_mtu(p));
	p->cwnd = p->ssthresh;
	p->partial_bytes_acked = 0;
}

static void
rfc_on_t3(struct sctpdk_cc_path *p)
{
	/* 7.2.3 */
	p->ssthresh = max_u32(p->cwnd / 2, four_mtu(p));
	p->cwnd = p->mtu;
	p->partial_bytes_acked = 0;
}

static void
rfc_on_idle(struct sctpdk_cc_path *p, uint64_t now_us, uint64_t rto_us)
{
	/* 7.2.1: per RTO without sending, cwnd = max(cwnd/2, 4*MTU). We only
	 * ever lower cwnd here: a window already below 4*MTU (after a T3
	 * expiry) is left as it is. */
	if (rto_us == 0 || now_us <= p->last_send_us || now_us - p->last_send_us < rto_us)
		return;
	uint64_t periods = (now_us - p->last_send_us) / rto_us;
	uint32_t floor = four_mtu(p);
	for (uint64_t i = 0; i < periods && p->cwnd > floor; i++)
		p->cwnd = max_u32(p->cwnd / 2, floor);
	/* Those periods are accounted for: a later call counts from here. */
	p->last_send_us += periods * rto_us;
}

static void
rfc_on_mtu(struct sctpdk_cc_path *p, uint32_t mtu)
{
	p->mtu = mtu;
	if (p->cwnd < mtu)
		p->cwnd = mtu;
}

const struct sctpdk_cc_ops sctpdk_cc_rfc9260 = {
    .name = "rfc9260",
    .init = rfc_init,
    .on_ack = rfc_on_ack,
    .on_fast_rtx = rfc_on_fast_rtx,
    .on_t3 = rfc_on_t3,
    .on_idle = rfc_on_idle,
    .on_mtu = rfc_on_mtu,
};

bool
sctpdk_cc_can_send(const struct sctpdk_cc_path *p, uint32_t flight, uint32_t len)
{
	(void)len;
	return flight < p->cwnd;
}

uint32_t
sctpdk_cc_apply_max_burst(struct sctpdk_cc_path *p, uint32_t flight, uint32_t max_burst)
{
	uint64_t lim = (uint64_t)flight + (uint64_t)max_burst * p->mtu;
	if (lim < p->cwnd)
		p->cwnd = (uint32_t)lim;
	return p->cwnd;
}
