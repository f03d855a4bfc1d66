/* SPDX-License-Identifier: BSD-3-Clause */
/* Retransmission and sending policy (see rtx.h). */
#include <string.h>

#include <sctpdk/sctpdk_sctp.h>

#include "cc.h"
#include "rto.h"
#include "rtx.h"

void
rtx_init(struct rtx_state *r, const struct sctpdk_sctp_config *cfg)
{
	memset(r, 0, sizeof(*r));
	r->max_burst = cfg->max_burst;
}

void
rtx_flush_begin(struct rtx_state *r)
{
	r->burst_pkts = 0;
}

void
rtx_on_t3(struct rtx_state *r, struct rtx_dest *rd)
{
	r->one_free = true;
	rd->stats.t3_expiries++;
}

void
rtx_on_fast_rtx(struct rtx_state *r)
{
	r->one_free = true;
}

bool
rtx_may_retransmit(const struct rtx_state *r, const struct sctpdk_cc_path *cc, uint32_t flight,
		   int n)
{
	if (r->one_free)
		return true;
	/* Chunks already in this packet were allowed: the packet may exceed
	 * cwnd by less than one MTU (6.1 B). */
	return n > 0 || flight < cc->cwnd;
}

void
rtx_end_rtx_packet(struct rtx_state *r, int n)
{
	if (n > 0)
		r->one_free = false;
}

bool
rtx_burst_allows(const struct rtx_state *r)
{
	return r->max_burst == 0 || r->burst_pkts < r->max_burst;
}

void
rtx_count_packet(struct rtx_state *r)
{
	r->burst_pkts++;
}

void
rtx_note_retransmit(struct rtx_state *r, struct rtx_dest *rd, uint64_t now_us)
{
	r->last_rtx_us = now_us;
	rd->stats.retransmitted_chunks++;
}

bool
rtx_rtt_sample_ok(const struct rtx_state *r, struct rtx_dest *rd, const struct sctpdk_rto *rto,
		  uint64_t now_us, uint64_t rtt_us)
{
	/* 6.3.1 C5: only from a chunk sent after the last retransmission (no
	 * chunk at or below it can have been retransmitted since). */
	if (rtt_us > now_us || now_us - rtt_us <= r->last_rtx_us)
		return false;
	if (rd->have_rtt && now_us - rd->last_rtt_us < sctpdk_rto_srtt_us(rto))
		return false;
	rd->have_rtt = true;
	rd->last_rtt_us = now_us;
	rd->stats.rtt_samples++;
	return true;
}
