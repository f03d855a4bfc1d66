/* SPDX-License-Identifier: BSD-3-Clause */
#include "rto.h"

#include <stddef.h>

#include "sctpdk/sctpdk_error.h"

void
sctpdk_rto_params_default(struct sctpdk_rto_params *p)
{
	p->initial_us = SCTPDK_RTO_INITIAL_US;
	p->min_us = SCTPDK_RTO_MIN_US;
	p->max_us = SCTPDK_RTO_MAX_US;
	p->granularity_us = SCTPDK_RTO_GRANULARITY_US;
}

int
sctpdk_rto_init(struct sctpdk_rto *r, const struct sctpdk_rto_params *p)
{
	struct sctpdk_rto_params d;
	if (p == NULL) {
		sctpdk_rto_params_default(&d);
		p = &d;
	}
	if (p->initial_us == 0 || p->min_us > p->max_us)
		return SCTPDK_ERR_INVAL;
	r->p = *p;
	r->srtt_us = 0;
	r->rttvar_us = 0;
	r->rto_us = p->initial_us;
	if (r->rto_us > p->max_us)
		r->rto_us = p->max_us;
	r->has_rtt = false;
	return 0;
}

static uint64_t
clamp(const struct sctpdk_rto_params *p, uint64_t v)
{
	if (v < p->min_us)
		return p->min_us;
	if (v > p->max_us)
		return p->max_us;
	return v;
}

void
sctpdk_rto_on_rtt(struct sctpdk_rto *r, uint64_t rtt_us)
{
	if (!r->has_rtt) {
		/* C2: first measurement */
		r->srtt_us = rtt_us;
		r->rttvar_us = rtt_us / 2;
		r->has_rtt = true;
	} else {
		/* C3: RTTVAR first, using the SRTT before this sample */
		uint64_t delta = r->srtt_us > rtt_us ? r->srtt_us - rtt_us : rtt_us - r->srtt_us;
		r->rttvar_us = (3 * r->rttvar_us + delta) / 4;
		r->srtt_us = (7 * r->srtt_us + rtt_us) / 8;
	}
	uint64_t var4 = 4 * r->rttvar_us;
	if (var4 < r->p.granularity_us)
		var4 = r->p.granularity_us;
	/* C6/C7: clamp to [RTO.Min, RTO.Max] */
	r->rto_us = clamp(&r->p, r->srtt_us + var4);
}

void
sctpdk_rto_backoff(struct sctpdk_rto *r)
{
	uint64_t v = r->rto_us * 2;
	r->rto_us = v > r->p.max_us ? r->p.max_us : v;
}
