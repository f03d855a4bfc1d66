/* SPDX-License-Identifier: BSD-3-Clause */
/* Destinations of an association: failover, heartbeats (see path.h). */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp_path.h>

#include "path.h"
#include "sctp_int.h"
#include "sctpdk_wire.h" /* lib/wire encoders */

#define HB_INFO_LEN 24 /* nonce(8) time(8) index(1) pad(7) */
#define HB_PARAM_INFO 1

static uint64_t
rand64(struct sctpdk_sctp_ep *ep)
{
	return (uint64_t)ep_random32(ep) << 32 | ep_random32(ep);
}

static void
path_reset_one(struct sctpdk_sctp_assoc *a, struct path *p)
{
	memset(p, 0, sizeof(*p));
	p->active = true;
	p->hb_due_us = NO_DEADLINE;
	p->pmtu = a->ep->cfg.pmtu;
	const struct path_set *ps = a->data.ps;
	p->hb_interval_ms = ps != NULL ? ps->hb_interval_ms : a->ep->cfg.hb_interval_ms;
	p->path_max_retrans = ps != NULL ? ps->path_max_retrans : a->ep->cfg.path_max_retrans;
}

/* RTO of destination i (the association's before the data state exists). */
static uint64_t
rto_of(struct sctpdk_sctp_assoc *a, unsigned i)
{
	const struct sctpdk_rto *r = data_rto(a, i);
	return r != NULL ? sctpdk_rto_get_us(r) : a->rto_us;
}

/* The association's RTO (T1/T2 timers) follows the current destination's. */
static void
sync_rto(struct sctpdk_sctp_assoc *a)
{
	a->rto_us = (uint32_t)rto_of(a, path_current(a));
}

static uint64_t
hb_next(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i, uint64_t now_us)
{
	if (ps->p[i].hb_interval_ms == 0)
		return NO_DEADLINE;
	/* 5.4: an unconfirmed address is probed once per RTO */
	if (!ps->p[i].confirmed)
		return now_us + rto_of(a, i);
	/* 8.3: RTO + HB.interval, RTO jittered by +-50%. */
	uint64_t rto = rto_of(a, i);
	uint64_t jitter = rto / 2 + (rto > 0 ? ep_random32(a->ep) % rto : 0);
	return now_us + (uint64_t)ps->p[i].hb_interval_ms * 1000u + jitter;
}

static struct path_set *
ps_get(struct sctpdk_sctp_assoc *a)
{
	struct path_set *ps = a->data.ps;
	if (ps == NULL) {
		ps = calloc(1, sizeof(*ps));
		if (ps == NULL)
			return NULL;
		a->data.ps = ps;
		ps->cur = a->primary;
		ps->path_max_retrans = a->ep->cfg.path_max_retrans;
		ps->hb_interval_ms = a->ep->cfg.hb_interval_ms;
		ps->max_retrans = a->ep->cfg.max_retrans;
		ps->autoclose_us = (uint64_t)a->ep->cfg.autoclose_s * 1000000u;
		ps->disable_frag = a->ep->cfg.disable_fragments != 0;
		ps->nodelay = a->ep->cfg.nodelay != 0;
		ps->last_data_us = a->ep->now_us;
	}
	while (ps->n < a->n_peer) {
		struct path *p = &ps->p[ps->n];
		path_reset_one(a, p);
		p->confirmed = ps->n == a->primary;
		if (ps->n == ps->cur) {
			p->local = a->local_addr;
			p->local_known = true;
		}
		p->hb_due_us = hb_next(a, ps, ps->n, a->ep->now_us);
		ps->n++;
	}
	return ps;
}

struct path_set *
path_set_get(struct sctpdk_sctp_assoc *a)
{
	return ps_get(a);
}

uint32_t
path_max_retrans(struct sctpdk_sctp_assoc *a)
{
	struct path_set *ps = ps_get(a);
	return ps != NULL ? ps->max_retrans : a->ep->cfg.max_retrans;
}

void
path_note_data(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	struct path_set *ps = ps_get(a);
	if (ps != NULL)
		ps->last_data_us = now_us;
}

bool
path_nodelay(struct sctpdk_sctp_assoc *a)
{
	struct path_set *ps = ps_get(a);
	return ps != NULL ? ps->nodelay : a->ep->cfg.nodelay != 0;
}

bool
path_disable_frag(struct sctpdk_sctp_assoc *a)
{
	struct path_set *ps = ps_get(a);
	return ps != NULL ? ps->disable_frag : a->ep->cfg.disable_fragments != 0;
}

uint32_t
path_pkt_limit_to(const struct sctpdk_sctp_assoc *a, unsigned i)
{
	const struct path_set *ps = a->data.ps;
	uint32_t pmtu = ps != NULL && i < ps->n ? ps->p[i].pmtu : a->ep->cfg.pmtu;
	return pmtu - a->ep->cfg.ip_overhead;
}

uint32_t
path_pkt_limit(struct sctpdk_sctp_assoc *a)
{
	return path_pkt_limit_to(a, path_current(a));
}

uint32_t
path_stream_ttl(struct sctpdk_sctp_assoc *a, uint16_t sid)
{
	const struct path_set *ps = a->data.ps;
	return ps != NULL && sid < ps->n_stream_ttl ? ps->stream_ttl_ms[sid] : 0;
}

void
path_free(struct sctpdk_sctp_assoc *a)
{
	if (a->data.ps != NULL)
		free(a->data.ps->stream_ttl_ms);
	free(a->data.ps);
	a->data.ps = NULL;
}

static const struct sctpdk_addr *
src_for(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i)
{
	if (ps == NULL || i >= ps->n)
		return &a->local_addr;
	if (ps->p[i].local_known)
		return &ps->p[i].local;
	/* Not heard from that address yet: our address of the same index
	 * and family, else the association's. */
	const struct sctpdk_sctp_config *cfg = &a->ep->cfg;
	const struct sctpdk_addr *pa = &a->peer_addrs[i];
	if (i < cfg->n_local_addrs && cfg->local_addrs[i].family == pa->family)
		return &cfg->local_addrs[i];
	return &a->local_addr;
}

unsigned
path_current(const struct sctpdk_sctp_assoc *a)
{
	const struct path_set *ps = a->data.ps;
	return ps != NULL && ps->cur < a->n_peer ? ps->cur : a->primary;
}

/* May data go to this destination (active and verified)? */
static bool
usable(const struct path *p)
{
	return p->active && p->confirmed;
}

unsigned
path_rtx_dest(const struct sctpdk_sctp_assoc *a, unsigned last)
{
	const struct path_set *ps = a->data.ps;
	unsigned cur = path_current(a);
	if (ps == NULL || ps->n < 2)
		return cur;
	if (cur != last && cur < ps->n && usable(&ps->p[cur]))
		return cur;
	for (unsigned k = 1; k < ps->n; k++) {
		unsigned i = (last + k) % ps->n;
		if (i != last && usable(&ps->p[i]))
			return i;
	}
	return last < ps->n && ps->p[last].active ? last : cur;
}

void
path_on_rx(struct sctpdk_sctp_assoc *a, const struct rx_ctx *rx)
{
	struct path_set *ps = a->data.ps;
	if (ps == NULL)
		return;
	for (unsigned i = 0; i < ps->n; i++) {
		if (sctpdk_addr_eq(&a->peer_addrs[i], rx->src)) {
			ps->last_rx = (uint8_t)i;
			ps->have_rx = true;
			if (!ps->p[i].local_known) {
				ps->p[i].local = *rx->dst;
				ps->p[i].local_known = true;
			}
			return;
		}
	}
}

/* Where the next packet goes: the current destination; a pure receiver
 * (nothing of ours outstanding or queued) answers where the peer's last
 * packet came from (6.4: replies to the source of what they answer). */
unsigned
path_tx_index(struct sctpdk_sctp_assoc *a)
{
	struct path_set *ps = a->data.ps;
	if (ps != NULL && ps->have_rx && ps->last_rx < ps->n && usable(&ps->p[ps->last_rx]) &&
	    data_outstanding_bytes(a) == 0 && data_queued_bytes(a) == 0)
		return ps->last_rx;
	return path_current(a);
}

const struct sctpdk_addr *
path_src_to(struct sctpdk_sctp_assoc *a, unsigned i)
{
	struct path_set *ps = a->state >= SCTPDK_ST_ESTABLISHED ? ps_get(a) : a->data.ps;
	if (ps == NULL || i >= ps->n)
		return &a->local_addr;
	ps->p[i].last_tx_us = a->ep->now_us;
	return src_for(a, ps, i);
}

static void
ev_addr(struct sctpdk_sctp_assoc *a, unsigned i, uint16_t state)
{
	struct sctpdk_sctp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCTPDK_EV_PEER_ADDR_CHANGE;
	ev.assoc_id = a->id;
	ev.u.peer_addr_change.addr = a->peer_addrs[i];
	ev.u.peer_addr_change.state = state;
	ev_push(a->ep, &ev);
}

/* New data goes to destination i from now on (each destination keeps its
 * own RTO and congestion state in the data glue). */
static void
switch_to(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i)
{
	if (i == ps->cur)
		return;
	uint64_t now = a->ep->now_us;
	/* The destination we leave is idle now: heartbeat it. */
	if (ps->p[ps->cur].hb_due_us == NO_DEADLINE)
		ps->p[ps->cur].hb_due_us = hb_next(a, ps, ps->cur, now);
	ps->cur = (uint8_t)i;
	ps->failovers++;
	sync_rto(a);
}

static int
alternate(const struct sctpdk_sctp_assoc *a, const struct path_set *ps, unsigned not)
{
	for (unsigned k = 1; k <= ps->n; k++) {
		unsigned i = (not + k) % ps->n;
		if (i != not && usable(&ps->p[i]))
			return (int)i;
	}
	(void)a;
	return -1;
}

static void
path_error(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i)
{
	struct path *p = &ps->p[i];
	if (++p->error_count > p->path_max_retrans && p->active) {
		p->active = false;
		ev_addr(a, i, SCTPDK_ADDR_UNREACHABLE);
	}
}

void
path_on_t3(struct sctpdk_sctp_assoc *a, unsigned i)
{
	struct path_set *ps = ps_get(a);
	if (ps == NULL || i >= ps->n)
		return;
	path_error(a, ps, i);
	/* 6.4.1: new data leaves the current destination once it is
	 * inactive; retransmissions already go elsewhere (path_rtx_dest). */
	if (i == ps->cur && !ps->p[i].active) {
		int alt = alternate(a, ps, i);
		if (alt >= 0)
			switch_to(a, ps, (unsigned)alt);
	}
	sync_rto(a);
}

void
path_on_ack(struct sctpdk_sctp_assoc *a, uint32_t mask)
{
	struct path_set *ps = a->data.ps;
	if (ps == NULL)
		return;
	for (unsigned i = 0; i < ps->n; i++) {
		if (!(mask & (1u << i)))
			continue;
		struct path *p = &ps->p[i];
		p->error_count = 0;
		if (!p->active) {
			p->active = true;
			ev_addr(a, i, SCTPDK_ADDR_AVAILABLE);
			if (i == a->primary)
				switch_to(a, ps, i); /* the primary is back */
		}
	}
}

static void
send_hb(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i, uint64_t now_us)
{
	struct path *p = &ps->p[i];
	struct pkt_builder b;
	if (assoc_begin_packet(a, &b) != 0)
		return;
	struct sctpdk_wr w;
	if (pkt_wr_chunk(&b, &w, CHUNK_HDR_LEN + 4 + HB_INFO_LEN) != 0) {
		pkt_abandon(&b);
		return;
	}
	p->hb_nonce = rand64(a->ep);
	p->hb_sent_us = now_us;
	p->hb_pending = true;
	p->hb_sent++;
	uint8_t info[HB_INFO_LEN] = {0};
	wr32(info, (uint32_t)(p->hb_nonce >> 32));
	wr32(info + 4, (uint32_t)p->hb_nonce);
	wr32(info + 8, (uint32_t)(now_us >> 32));
	wr32(info + 12, (uint32_t)now_us);
	info[16] = (uint8_t)i;
	if (sctpdk_heartbeat_encode(&w, CT_HEARTBEAT, info, HB_INFO_LEN) != 0 ||
	    pkt_wr_commit(&b, &w, 1) != 0) {
		pkt_abandon(&b);
		return;
	}
	ep_output(a->ep, pkt_finish(&b), src_for(a, ps, i), &a->peer_addrs[i]);
	/* Unanswered within the destination's RTO: an error (8.3). */
	p->hb_due_us = now_us + rto_of(a, i);
}

void
path_on_heartbeat(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	/* 8.3: echo the Heartbeat Info to the source of the HEARTBEAT. */
	struct path_set *ps = ps_get(a);
	for (unsigned i = 0; ps != NULL && i < ps->n; i++) {
		if (sctpdk_addr_eq(&a->peer_addrs[i], rx->src)) {
			ps->p[i].local = *rx->dst;
			ps->p[i].local_known = true;
		}
	}
	struct pkt_builder b;
	if (assoc_begin_packet(a, &b) != 0)
		return;
	const struct sctpdk_chunk hb = {.src = sctpdk_src_mbuf(rx->m), .off = c->off,
					.len = c->len, .type = c->type, .flags = c->flags};
	struct sctpdk_wr w;
	if (pkt_wr_chunk(&b, &w, (c->len + 3u) & ~3u) != 0 ||
	    sctpdk_heartbeat_ack_from(&w, &hb) != 0 || pkt_wr_commit(&b, &w, 1) != 0) {
		pkt_abandon(&b);
		return;
	}
	ep_output(a->ep, pkt_finish(&b), rx->dst, rx->src);
}

void
path_on_heartbeat_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c)
{
	struct path_set *ps = ps_get(a);
	uint8_t v[4 + HB_INFO_LEN];
	if (ps == NULL || c->len != CHUNK_HDR_LEN + sizeof(v) ||
	    pkt_read(rx->m, c->off + CHUNK_HDR_LEN, v, sizeof(v)) != 0 ||
	    rd16(v) != HB_PARAM_INFO || rd16(v + 2) != sizeof(v) || v[20] >= ps->n) {
		a->ep->stats.rx_malformed++;
		return;
	}
	unsigned i = v[20];
	struct path *p = &ps->p[i];
	uint64_t nonce = (uint64_t)rd32(v + 4) << 32 | rd32(v + 8);
	uint64_t sent = (uint64_t)rd32(v + 12) << 32 | rd32(v + 16);
	if (!p->hb_pending || nonce != p->hb_nonce || sent != p->hb_sent_us ||
	    sent > rx->now_us) {
		a->ep->stats.rx_unexpected++;
		return; /* not the heartbeat we sent last: ignore (8.3) */
	}
	p->hb_pending = false;
	p->hb_acked++;
	p->error_count = 0;
	p->confirmed = true; /* 5.4: the nonce came back */
	if (data_error_count(a) != NULL)
		*data_error_count(a) = 0;
	struct sctpdk_rto *r = data_rto(a, i);
	if (r != NULL)
		sctpdk_rto_on_rtt(r, rx->now_us - sent);
	if (!p->active) {
		p->active = true;
		ev_addr(a, i, SCTPDK_ADDR_AVAILABLE);
	}
	/* The primary answers again: traffic returns to it. */
	if (i == a->primary && ps->cur != i)
		switch_to(a, ps, i);
	sync_rto(a);
	p->hb_due_us = hb_next(a, ps, i, rx->now_us);
}

uint64_t
path_deadline(const struct sctpdk_sctp_assoc *a)
{
	const struct path_set *ps = a->data.ps;
	uint64_t t = NO_DEADLINE;
	if (ps == NULL || a->state < SCTPDK_ST_ESTABLISHED)
		return t;
	for (unsigned i = 0; i < ps->n; i++)
		if (ps->p[i].hb_due_us < t)
			t = ps->p[i].hb_due_us;
	if (ps->autoclose_us != 0 && a->state == SCTPDK_ST_ESTABLISHED &&
	    ps->last_data_us + ps->autoclose_us < t)
		t = ps->last_data_us + ps->autoclose_us;
	return t;
}

int
path_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us)
{
	struct path_set *ps = ps_get(a);
	if (ps == NULL)
		return 0;
	if (ps->autoclose_us != 0 && a->state == SCTPDK_ST_ESTABLISHED &&
	    ps->last_data_us + ps->autoclose_us <= now_us) {
		if (data_all_acked(a)) {
			assoc_shutdown_start(a); /* idle: close gracefully */
			return 0;
		}
		ps->last_data_us = now_us; /* still busy: look again later */
	}
	for (unsigned i = 0; i < ps->n; i++) {
		struct path *p = &ps->p[i];
		if (p->hb_due_us > now_us)
			continue;
		if (p->hb_pending) {
			/* 8.3: unanswered heartbeat: destination and
			 * association error counters, RTO backoff. */
			p->hb_pending = false;
			path_error(a, ps, i);
			if (data_rto(a, i) != NULL)
				sctpdk_rto_backoff(data_rto(a, i));
			sync_rto(a);
			/* a probe of an address never confirmed does not
			 * count against the association */
			uint32_t *ec = p->confirmed ? data_error_count(a) : NULL;
			if (ec != NULL && ++*ec > ps->max_retrans) {
				assoc_abort_with(a, 0, NULL, 0, SCTPDK_COMM_LOST);
				return -1;
			}
			if (i == ps->cur && !p->active) {
				int alt = alternate(a, ps, i);
				if (alt >= 0)
					switch_to(a, ps, (unsigned)alt);
			}
		}
		/* Heartbeat idle destinations: nothing in flight to it and
		 * nothing sent to it for an interval (8.3); an unconfirmed
		 * one at every due time (5.4, once per RTO). */
		bool idle = !p->confirmed ||
			    (data_flight(a, i) == 0 &&
			     now_us - p->last_tx_us >= (uint64_t)p->hb_interval_ms * 1000u);
		if (p->hb_interval_ms != 0 && idle)
			send_hb(a, ps, i, now_us);
		else
			p->hb_due_us = hb_next(a, ps, i, now_us);
	}
	return 0;
}

int
sctpdk_sctp_path_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, unsigned idx,
		      struct sctpdk_sctp_path_info *pi)
{
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL || pi == NULL || idx >= a->n_peer)
		return SCTPDK_ERR_NOTFOUND;
	memset(pi, 0, sizeof(*pi));
	pi->addr = a->peer_addrs[idx];
	pi->primary = idx == a->primary;
	struct path_set *ps = a->data.ps;
	unsigned cur = path_current(a);
	pi->current = idx == cur;
	pi->active = ps == NULL || idx >= ps->n || ps->p[idx].active;
	if (ps != NULL && idx < ps->n) {
		pi->hb_sent = ps->p[idx].hb_sent;
		pi->hb_acked = ps->p[idx].hb_acked;
		pi->error_count = ps->p[idx].error_count;
		pi->confirmed = ps->p[idx].confirmed;
		pi->hb_interval_ms = ps->p[idx].hb_interval_ms;
		pi->path_max_retrans = ps->p[idx].path_max_retrans;
	} else {
		pi->hb_interval_ms = a->ep->cfg.hb_interval_ms;
		pi->path_max_retrans = a->ep->cfg.path_max_retrans;
	}
	return data_path_snapshot(a, idx, pi);
}

int
sctpdk_sctp_set_primary(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
			const struct sctpdk_addr *addr, uint64_t now_us)
{
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL || addr == NULL)
		return SCTPDK_ERR_NOTFOUND;
	for (unsigned i = 0; i < a->n_peer; i++) {
		if (!sctpdk_addr_eq(&a->peer_addrs[i], addr))
			continue;
		ep->now_us = now_us;
		struct path_set *ps = ps_get(a);
		a->primary = (uint8_t)i;
		if (ps != NULL && usable(&ps->p[i]))
			switch_to(a, ps, i); /* else once it answers a heartbeat */
		ev_addr(a, i, SCTPDK_ADDR_MADE_PRIM);
		return 0;
	}
	return SCTPDK_ERR_NOTFOUND;
}

/* New parameters of destination i (SCTPDK_PATH_KEEP: unchanged). */
static void
path_params_one(struct sctpdk_sctp_assoc *a, struct path_set *ps, unsigned i, uint32_t hb_ms,
		uint32_t pmr, uint64_t now_us)
{
	struct path *p = &ps->p[i];
	if (pmr != SCTPDK_PATH_KEEP)
		p->path_max_retrans = pmr;
	if (hb_ms == SCTPDK_HB_NOW) {
		if (a->state >= SCTPDK_ST_ESTABLISHED && !p->hb_pending)
			send_hb(a, ps, i, now_us);
	} else if (hb_ms != SCTPDK_PATH_KEEP) {
		p->hb_interval_ms = hb_ms;
		if (!p->hb_pending)
			p->hb_due_us = hb_next(a, ps, i, now_us);
	}
}

int
sctpdk_sctp_set_path_params(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int path_index,
			    uint32_t hb_interval_ms, uint32_t path_max_retrans, uint64_t now_us)
{
	struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (path_index >= 0 && (unsigned)path_index >= a->n_peer)
		return SCTPDK_ERR_NOTFOUND;
	if (path_index < -1)
		return SCTPDK_ERR_INVAL;
	ep->now_us = now_us;
	struct path_set *ps = ps_get(a);
	if (ps == NULL)
		return SCTPDK_ERR_NOMEM;
	if (path_index >= 0) {
		path_params_one(a, ps, (unsigned)path_index, hb_interval_ms, path_max_retrans,
				now_us);
		return 0;
	}
	/* every destination, and the default of those added later */
	if (path_max_retrans != SCTPDK_PATH_KEEP)
		ps->path_max_retrans = path_max_retrans;
	if (hb_interval_ms != SCTPDK_HB_NOW && hb_interval_ms != SCTPDK_PATH_KEEP)
		ps->hb_interval_ms = hb_interval_ms;
	for (unsigned i = 0; i < ps->n; i++)
		path_params_one(a, ps, i, hb_interval_ms, path_max_retrans, now_us);
	return 0;
}

int
sctpdk_sctp_set_peer_addr_params(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
				 uint32_t hb_interval_ms, uint32_t path_max_retrans,
				 uint64_t now_us)
{
	return sctpdk_sctp_set_path_params(ep, id, -1, hb_interval_ms, path_max_retrans, now_us);
}

#define PMTU_FLOOR 512

int
sctpdk_sctp_icmp_input(struct sctpdk_sctp_ep *ep, const struct sctpdk_icmp_event *ev,
		       uint64_t now_us)
{
	if (ev == NULL || ev->src_port != ep->cfg.local_port)
		return SCTPDK_ERR_NOTFOUND;
	struct sctpdk_sctp_assoc *a = ep_assoc_by_peer(ep, &ev->dst, ev->dst_port);
	if (a == NULL || !ev->have_vtag || ev->vtag != a->peer_vtag)
		return SCTPDK_ERR_NOTFOUND; /* appendix C: tag must match */
	ep->now_us = now_us;
	struct path_set *ps = ps_get(a);
	unsigned i = 0;
	while (i < a->n_peer && !sctpdk_addr_eq(&a->peer_addrs[i], &ev->dst))
		i++;
	if (ps == NULL || i >= ps->n)
		return SCTPDK_ERR_NOTFOUND;
	switch (ev->kind) {
	case SCTPDK_ICMP_PMTU: {
		uint32_t mtu = ev->mtu < PMTU_FLOOR ? PMTU_FLOOR : ev->mtu;
		if (ev->mtu == 0 || mtu >= ps->p[i].pmtu || data_outstanding_bytes(a) == 0)
			return SCTPDK_ERR_INVAL;
		ps->p[i].pmtu = mtu;
		data_set_pmtu(a, i, mtu);
		return 0;
	}
	case SCTPDK_ICMP_PROTO_UNREACH:
		assoc_close(a, SCTPDK_COMM_LOST, 0);
		return 0;
	case SCTPDK_ICMP_UNREACH:
		path_error(a, ps, i);
		return 0;
	default:
		return SCTPDK_ERR_INVAL;
	}
}
