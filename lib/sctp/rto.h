/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Retransmission timeout calculation for one destination
 * (RFC 9260 section 6.3.1, rules C1-C7).
 *
 * Integer microseconds throughout, no floating point, so results are exact
 * and reproducible: with alpha = 1/8 and beta = 1/4,
 *   first sample R:   SRTT = R, RTTVAR = R / 2
 *   later sample R':  RTTVAR = (3 * RTTVAR + |SRTT - R'|) / 4   (old SRTT)
 *                     SRTT   = (7 * SRTT + R') / 8
 *   RTO = clamp(SRTT + max(G, 4 * RTTVAR), RTO.Min, RTO.Max)
 * where each division truncates. Backoff (C7/E2 of 6.3.3) doubles RTO up to
 * RTO.Max; the next RTT sample recomputes RTO from SRTT/RTTVAR.
 * Karn's rule (no samples from retransmitted chunks) is the caller's (outq).
 */
#ifndef SCTPDK_SCTP_RTO_H
#define SCTPDK_SCTP_RTO_H

#include <stdbool.h>
#include <stdint.h>

#define SCTPDK_RTO_INITIAL_US     1000000ULL  /* RTO.Initial 1 s */
#define SCTPDK_RTO_MIN_US         1000000ULL  /* RTO.Min 1 s */
#define SCTPDK_RTO_MAX_US         60000000ULL /* RTO.Max 60 s */
#define SCTPDK_RTO_GRANULARITY_US 1000ULL     /* G: 1 ms default clock granularity */

struct sctpdk_rto_params {
	uint64_t initial_us;
	uint64_t min_us;
	uint64_t max_us;
	uint64_t granularity_us;
};

struct sctpdk_rto {
	struct sctpdk_rto_params p;
	uint64_t srtt_us;
	uint64_t rttvar_us;
	uint64_t rto_us;
	bool has_rtt; /* at least one sample taken */
};

/* Fill p with the RFC 9260 defaults (1 s, 1 s, 60 s, G = 1 ms). */
void sctpdk_rto_params_default(struct sctpdk_rto_params *p);

/*
 * Start with RTO = initial (C1). p NULL selects the defaults.
 * Errors: SCTPDK_ERR_INVAL if min > max or initial is 0.
 */
int sctpdk_rto_init(struct sctpdk_rto *r, const struct sctpdk_rto_params *p);

/* Feed one RTT measurement in microseconds (C2/C3); recomputes RTO. */
void sctpdk_rto_on_rtt(struct sctpdk_rto *r, uint64_t rtt_us);

/* Double RTO, capped at RTO.Max (T3-rtx or other timer expiry). */
void sctpdk_rto_backoff(struct sctpdk_rto *r);

/* Current RTO in microseconds. */
static inline uint64_t
sctpdk_rto_get_us(const struct sctpdk_rto *r)
{
	return r->rto_us;
}

/* Smoothed RTT (0 before the first sample). */
static inline uint64_t
sctpdk_rto_srtt_us(const struct sctpdk_rto *r)
{
	return r->srtt_us;
}

#endif
