/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packets for a port without an endpoint (RFC 9260 8.4). An INIT is
 * answered with an ABORT (rule 3: T bit 0, Verification Tag = the INIT's
 * Initiate Tag), so a peer connecting to a port where nobody listens is
 * refused at once instead of retransmitting its INIT until it gives up.
 * Everything else is dropped and counted (no_endpoint).
 *
 * Answers to packets out of the blue cost us a packet each for one of the
 * sender's, to any source address it writes: a flood of INITs to closed
 * ports would make the stack a reflector. Each stack lcore therefore has
 * a token bucket (cfg.ootb_rate per second, cfg.ootb_burst deep, full at
 * start) that these ABORTs and the protocol core's out-of-the-blue answers
 * (ABORT, SHUTDOWN COMPLETE: sctpdk_rt_ootb_allow, through the core's
 * ops.ootb_answer) take from; over it the packet is dropped unanswered and
 * counted in ootb_limited. The bucket is the lcore's own: no sharing, no
 * atomics.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_crc32c.h"

#include "netif.h"
#include "rt_priv.h"

#define CHUNK_INIT  1
#define CHUNK_ABORT 6

void
sctpdk_rt_ootb_init(struct sctpdk_rt_lcore *lc)
{
	lc->ootb_tokens = (uint64_t)lc->st->cfg.ootb_burst * 1000000;
	lc->ootb_last_us = 0;
}

int
sctpdk_rt_ootb_take(struct sctpdk_rt_lcore *lc, uint64_t now)
{
	const struct sctpdk_stack_config *c = &lc->st->cfg;
	if (c->ootb_rate == 0)
		return 1;
	uint64_t full = (uint64_t)(c->ootb_burst != 0 ? c->ootb_burst : 1) * 1000000;
	uint64_t dt = now > lc->ootb_last_us ? now - lc->ootb_last_us : 0;
	lc->ootb_last_us = now;
	/* tokens in millionths: rate tokens per second = rate millionths
	 * per microsecond; past a full refill, the bucket is full */
	if (dt >= full / c->ootb_rate + 1)
		lc->ootb_tokens = full;
	else if ((lc->ootb_tokens += dt * c->ootb_rate) > full)
		lc->ootb_tokens = full;
	if (lc->ootb_tokens >= 1000000) {
		lc->ootb_tokens -= 1000000;
		return 1;
	}
	lc->stats.ootb_limited++;
	return 0;
}

int
sctpdk_rt_ootb_allow(struct sctpdk_rt_ep *ep)
{
	int self = sctpdk_rt_lcore_index(ep->st);
	if (self < 0)
		return 1;
	return sctpdk_rt_ootb_take(&ep->st->lc[self], sctpdk_rt_clock_us(ep->st));
}

void
sctpdk_rt_ootb(struct sctpdk_rt_lcore *lc, struct rte_mbuf *m, const struct sctpdk_addr *src,
	       const struct sctpdk_addr *dst, uint64_t now)
{
	struct sctpdk_stack *st = lc->st;
	uint8_t hb[20];
	/* common header, INIT chunk header and its Initiate Tag */
	const uint8_t *h = rte_pktmbuf_read(m, 0, sizeof(hb), hb);
	static const uint8_t zero_tag[4];
	int is_init = h != NULL && h[12] == CHUNK_INIT && memcmp(h + 4, zero_tag, 4) == 0 &&
		      ((uint32_t)h[14] << 8 | h[15]) >= 20 && memcmp(h + 16, zero_tag, 4) != 0;
	lc->stats.drop[SCTPDK_RT_DROP_NO_ENDPOINT]++;
	if (!is_init || !sctpdk_rt_ootb_take(lc, now)) {
		rte_pktmbuf_free(m);
		return;
	}
	uint8_t reply[16];
	memcpy(reply, h + 2, 2); /* source port: the port it was sent to */
	memcpy(reply + 2, h, 2);
	memcpy(reply + 4, h + 16, 4); /* the Initiate Tag, T bit 0 */
	memset(reply + 8, 0, 4);
	reply[12] = CHUNK_ABORT;
	reply[13] = 0;
	reply[14] = 0;
	reply[15] = 4;
	rte_pktmbuf_free(m);
	struct rte_mbuf *r = rte_pktmbuf_alloc(st->pool);
	char *p = r != NULL ? rte_pktmbuf_append(r, sizeof(reply)) : NULL;
	if (p == NULL) {
		rte_pktmbuf_free(r);
		lc->stats.drop[SCTPDK_RT_DROP_NOMEM]++;
		return;
	}
	memcpy(p, reply, sizeof(reply));
	sctpdk_sctp_cksum_set(r, 0);
	lc->stats.tx_sctp++;
	lc->stats.tx_bytes += sizeof(reply);
	sctpdk_rt_count_chunks(lc->stats.tx_chunks, r);
	sctpdk_rt_netif_output(lc, r, dst, src, now);
}
