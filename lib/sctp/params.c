/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-association and per-endpoint parameters behind the socket options of
 * the API draft (SCTP_RTOINFO, SCTP_ASSOCINFO, SO_SNDBUF, SCTP_AUTOCLOSE,
 * SCTP_DISABLE_FRAGMENTS). id 0 changes the endpoint's defaults for new
 * associations.
 */
#include <stdlib.h>
#include <string.h>

#include <sctpdk/sctpdk_sctp_path.h>

#include "path.h"
#include "rto.h"
#include "sctp_int.h"

static void
rto_set(struct sctpdk_rto *r, uint32_t initial_us, uint32_t min_us, uint32_t max_us)
{
	if (initial_us != 0)
		r->p.initial_us = initial_us;
	if (min_us != 0)
		r->p.min_us = min_us;
	if (max_us != 0)
		r->p.max_us = max_us;
	if (!r->has_rtt && initial_us != 0)
		r->rto_us = initial_us;
	if (r->rto_us < r->p.min_us)
		r->rto_us = r->p.min_us;
	if (r->rto_us > r->p.max_us)
		r->rto_us = r->p.max_us;
}

int
sctpdk_sctp_set_rtoinfo(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t initial_us,
			uint32_t min_us, uint32_t max_us)
{
	uint32_t mn = min_us != 0 ? min_us : ep->cfg.rto_min_us;
	uint32_t mx = max_us != 0 ? max_us : ep->cfg.rto_max_us;
	if (id == 0) {
		if (mn > mx)
			return SCTPDK_ERR_INVAL;
		if (initial_us != 0)
			ep->cfg.rto_initial_us = initial_us;
		ep->cfg.rto_min_us = mn;
		ep->cfg.rto_max_us = mx;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	struct sctpdk_rto *cur = data_rto(a, 0);
	if (cur != NULL) {
		mn = min_us != 0 ? min_us : (uint32_t)cur->p.min_us;
		mx = max_us != 0 ? max_us : (uint32_t)cur->p.max_us;
	}
	if (mn > mx)
		return SCTPDK_ERR_INVAL;
	/* every destination */
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS && data_rto(a, i) != NULL; i++)
		rto_set(data_rto(a, i), initial_us, min_us, max_us);
	if (cur != NULL)
		a->rto_us = (uint32_t)sctpdk_rto_get_us(data_rto(a, path_current(a)));
	return 0;
}

int
sctpdk_sctp_set_max_retrans(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t max_retrans)
{
	if (id == 0) {
		ep->cfg.max_retrans = max_retrans;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	struct path_set *ps = a != NULL ? path_set_get(a) : NULL;
	if (ps == NULL)
		return SCTPDK_ERR_NOTFOUND;
	ps->max_retrans = max_retrans;
	return 0;
}

int
sctpdk_sctp_set_sndbuf(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t bytes)
{
	if (bytes == 0)
		return SCTPDK_ERR_INVAL;
	if (id == 0) {
		ep->cfg.sndbuf_bytes = bytes;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	data_set_sndbuf(a, bytes);
	return 0;
}

int
sctpdk_sctp_set_autoclose(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t seconds,
			  uint64_t now_us)
{
	if (id == 0) {
		ep->cfg.autoclose_s = seconds;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	struct path_set *ps = a != NULL ? path_set_get(a) : NULL;
	if (ps == NULL)
		return SCTPDK_ERR_NOTFOUND;
	ps->autoclose_us = (uint64_t)seconds * 1000000u;
	ps->last_data_us = now_us;
	return 0;
}

int
sctpdk_sctp_set_disable_fragments(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int on)
{
	if (id == 0) {
		ep->cfg.disable_fragments = on != 0;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	struct path_set *ps = a != NULL ? path_set_get(a) : NULL;
	if (ps == NULL)
		return SCTPDK_ERR_NOTFOUND;
	ps->disable_frag = on != 0;
	return 0;
}

int
sctpdk_sctp_set_nodelay(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int on)
{
	if (id == 0) {
		ep->cfg.nodelay = on != 0;
		return 0;
	}
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	struct path_set *ps = a != NULL ? path_set_get(a) : NULL;
	if (ps == NULL)
		return SCTPDK_ERR_NOTFOUND;
	ps->nodelay = on != 0;
	return 0;
}

int
sctpdk_sctp_set_stream_timeout(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint16_t sid,
			       uint32_t ttl_ms)
{
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	struct path_set *ps = a != NULL ? path_set_get(a) : NULL;
	if (ps == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (sid >= a->out_streams)
		return SCTPDK_ERR_INVAL;
	if (sid >= ps->n_stream_ttl) {
		uint32_t n = a->out_streams;
		uint32_t *t = realloc(ps->stream_ttl_ms, n * sizeof(*t));
		if (t == NULL)
			return SCTPDK_ERR_NOMEM;
		for (uint32_t i = ps->n_stream_ttl; i < n; i++)
			t[i] = 0;
		ps->stream_ttl_ms = t;
		ps->n_stream_ttl = n;
	}
	ps->stream_ttl_ms[sid] = ttl_ms;
	return 0;
}

int
sctpdk_sctp_set_cookie_life(struct sctpdk_sctp_ep *ep, uint32_t life_us)
{
	if (life_us == 0)
		return SCTPDK_ERR_INVAL;
	ep->cfg.cookie_life_us = life_us;
	return 0;
}

int
sctpdk_sctp_get_params(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
		       struct sctpdk_sctp_assoc_params *p)
{
	const struct sctpdk_sctp_config *c = &ep->cfg;
	memset(p, 0, sizeof(*p));
	p->rto_initial_us = c->rto_initial_us;
	p->rto_min_us = c->rto_min_us;
	p->rto_max_us = c->rto_max_us;
	p->max_retrans = c->max_retrans;
	p->max_init_retrans = c->max_init_retrans;
	p->cookie_life_us = c->cookie_life_us;
	p->hb_interval_ms = c->hb_interval_ms;
	p->path_max_retrans = c->path_max_retrans;
	p->autoclose_s = c->autoclose_s;
	p->nodelay = c->nodelay;
	p->disable_fragments = c->disable_fragments;
	p->sndbuf_bytes = c->sndbuf_bytes != 0 ? c->sndbuf_bytes : 4 * c->rwnd_bytes;
	p->rwnd_bytes = c->rwnd_bytes;
	if (id == 0)
		return 0;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	const struct sctpdk_rto *r = data_rto(a, 0);
	if (r != NULL) {
		p->rto_initial_us = (uint32_t)r->p.initial_us;
		p->rto_min_us = (uint32_t)r->p.min_us;
		p->rto_max_us = (uint32_t)r->p.max_us;
	}
	const struct path_set *ps = a->data.ps;
	if (ps != NULL) {
		p->max_retrans = ps->max_retrans;
		p->hb_interval_ms = ps->hb_interval_ms;
		p->path_max_retrans = ps->path_max_retrans;
		p->autoclose_s = (uint32_t)(ps->autoclose_us / 1000000u);
		p->nodelay = ps->nodelay;
		p->disable_fragments = ps->disable_frag;
	}
	uint64_t sb = data_sndbuf(a);
	if (sb != 0)
		p->sndbuf_bytes = sb > UINT32_MAX ? UINT32_MAX : (uint32_t)sb;
	return 0;
}
