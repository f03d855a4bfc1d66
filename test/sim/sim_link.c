/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Links, explicit rules and the packet path: admission on send (rules,
 * loss, drop-tail queue, serialisation, propagation, reordering,
 * corruption, duplication) and delivery on arrival.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_crc32c.h"
#include "sim_priv.h"

#define PS_PER_US           1000000ULL
#define PS_PER_S            1000000000000ULL
#define DEFAULT_QUEUE_BYTES 65536ULL
#define DEFAULT_REORDER_US  100ULL

static const char *const drop_names[SCTPDK_SIM_DROP_MAX] = {
    [SCTPDK_SIM_DROP_LOSS] = "loss",       [SCTPDK_SIM_DROP_QUEUE] = "queue",
    [SCTPDK_SIM_DROP_DOWN] = "down",       [SCTPDK_SIM_DROP_RULE] = "rule",
    [SCTPDK_SIM_DROP_NOROUTE] = "noroute", [SCTPDK_SIM_DROP_MTU] = "mtu",
    [SCTPDK_SIM_DROP_NOMEM] = "nomem",
};

const char *
sctpdk_sim_drop_name(enum sctpdk_sim_drop reason)
{
	if ((unsigned int)reason >= SCTPDK_SIM_DROP_MAX)
		return "unknown";
	return drop_names[reason];
}

/* ---- configuration ---- */

static int
prob_ok(double p)
{
	return p >= 0.0 && p <= 1.0; /* false for NaN */
}

static int
cfg_ok(const struct sctpdk_sim_link_cfg *c)
{
	return prob_ok(c->loss) && prob_ok(c->dup) && prob_ok(c->reorder) && prob_ok(c->corrupt) &&
	       prob_ok(c->burst_enter) && prob_ok(c->burst_leave) && prob_ok(c->burst_loss);
}

static void
dir_apply_cfg(struct sim_dir *d, const struct sctpdk_sim_link_cfg *cfg)
{
	static const struct sctpdk_sim_link_cfg ideal;
	d->cfg = cfg != NULL ? *cfg : ideal;
	if (d->cfg.queue_bytes != 0) {
		d->queue_cap = d->cfg.queue_bytes;
	} else {
		/* about one bandwidth-delay product, taking RTT as twice this delay */
		unsigned __int128 bdp =
		    (unsigned __int128)d->cfg.rate_bps * 2 * d->cfg.delay_us / (8 * 1000000ULL);
		d->queue_cap = bdp > DEFAULT_QUEUE_BYTES ? (uint64_t)bdp : DEFAULT_QUEUE_BYTES;
	}
}

static uint64_t
stream_seed(uint64_t seed, unsigned int link, unsigned int dir)
{
	struct sim_prng p = {seed ^ ((uint64_t)(link * 2 + dir + 1) * 0xD1B54A32D192ED03ULL)};
	return sim_prng_next(&p);
}

static int
addr_ok(const struct sctpdk_addr *a)
{
	return a != NULL && (a->family == SCTPDK_AF_INET || a->family == SCTPDK_AF_INET6);
}

int
sctpdk_sim_link_find(const struct sctpdk_sim *sim, const struct sctpdk_addr *src,
		     const struct sctpdk_addr *dst, enum sctpdk_sim_dir *dir)
{
	if (sim == NULL || src == NULL || dst == NULL)
		return SCTPDK_ERR_NOTFOUND;
	for (unsigned int i = 0; i < sim->n_links; i++) {
		const struct sim_link *l = &sim->links[i];
		if (sctpdk_addr_eq(&l->a, src) && sctpdk_addr_eq(&l->b, dst)) {
			if (dir != NULL)
				*dir = SCTPDK_SIM_AB;
			return (int)i;
		}
		if (sctpdk_addr_eq(&l->b, src) && sctpdk_addr_eq(&l->a, dst)) {
			if (dir != NULL)
				*dir = SCTPDK_SIM_BA;
			return (int)i;
		}
	}
	return SCTPDK_ERR_NOTFOUND;
}

int
sctpdk_sim_link_add(struct sctpdk_sim *sim, const struct sctpdk_addr *a,
		    const struct sctpdk_addr *b, const struct sctpdk_sim_link_cfg *cfg_ab,
		    const struct sctpdk_sim_link_cfg *cfg_ba)
{
	if (sim == NULL || !addr_ok(a) || !addr_ok(b) || sctpdk_addr_eq(a, b))
		return SCTPDK_ERR_INVAL;
	if (cfg_ba == NULL)
		cfg_ba = cfg_ab;
	if ((cfg_ab != NULL && !cfg_ok(cfg_ab)) || (cfg_ba != NULL && !cfg_ok(cfg_ba)))
		return SCTPDK_ERR_INVAL;
	if (sctpdk_sim_link_find(sim, a, b, NULL) >= 0)
		return SCTPDK_ERR_EXISTS;
	struct sim_link *links = realloc(sim->links, (sim->n_links + 1) * sizeof(*links));
	if (links == NULL)
		return SCTPDK_ERR_NOMEM;
	sim->links = links;
	unsigned int id = sim->n_links++;
	struct sim_link *l = &links[id];
	memset(l, 0, sizeof(*l));
	l->a = *a;
	l->b = *b;
	dir_apply_cfg(&l->d[SCTPDK_SIM_AB], cfg_ab);
	dir_apply_cfg(&l->d[SCTPDK_SIM_BA], cfg_ba);
	for (unsigned int d = 0; d < 2; d++) {
		l->d[d].up = 1;
		l->d[d].rng.s = stream_seed(sim->seed, id, d);
	}
	return (int)id;
}

static int
dir_range(enum sctpdk_sim_dir dir, unsigned int *lo, unsigned int *hi)
{
	switch (dir) {
	case SCTPDK_SIM_AB:
	case SCTPDK_SIM_BA:
		*lo = *hi = (unsigned int)dir;
		return 0;
	case SCTPDK_SIM_BOTH:
		*lo = 0;
		*hi = 1;
		return 0;
	default:
		return SCTPDK_ERR_INVAL;
	}
}

int
sctpdk_sim_link_set_cfg(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
			const struct sctpdk_sim_link_cfg *cfg)
{
	unsigned int lo, hi;
	if (sim == NULL || link < 0 || (unsigned int)link >= sim->n_links)
		return SCTPDK_ERR_NOTFOUND;
	if (dir_range(dir, &lo, &hi) < 0 || (cfg != NULL && !cfg_ok(cfg)))
		return SCTPDK_ERR_INVAL;
	for (unsigned int d = lo; d <= hi; d++)
		dir_apply_cfg(&sim->links[link].d[d], cfg);
	return 0;
}

int
sctpdk_sim_link_set_up(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir, int up)
{
	unsigned int lo, hi;
	if (sim == NULL || link < 0 || (unsigned int)link >= sim->n_links)
		return SCTPDK_ERR_NOTFOUND;
	if (dir_range(dir, &lo, &hi) < 0)
		return SCTPDK_ERR_INVAL;
	for (unsigned int d = lo; d <= hi; d++) {
		struct sim_dir *sd = &sim->links[link].d[d];
		if (sd->up && !up)
			sd->down_epoch++; /* whatever is on the wire now is lost */
		sd->up = up != 0;
	}
	sim_trace_mix(sim, 0x4c494e4bULL ^ (uint64_t)link << 8 ^ (uint64_t)dir << 4 ^ (up != 0));
	return 0;
}

int
sctpdk_sim_link_set_up_at(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir, int up,
			  uint64_t at_us)
{
	unsigned int lo, hi;
	if (sim == NULL || link < 0 || (unsigned int)link >= sim->n_links)
		return SCTPDK_ERR_NOTFOUND;
	if (dir_range(dir, &lo, &hi) < 0)
		return SCTPDK_ERR_INVAL;
	uint32_t idx = sim_ev_alloc(sim);
	if (idx == SIM_NONE)
		return SCTPDK_ERR_NOMEM;
	struct sim_event *ev = &sim->evs[idx];
	ev->kind = SIM_EV_LINK;
	ev->time_us = at_us < sim->now_us ? sim->now_us : at_us;
	ev->link = link;
	ev->dir = (uint8_t)dir;
	ev->node = up != 0;
	sim_heap_push(sim, idx);
	return 0;
}

/* Gilbert-Elliott step: non-zero when this packet is lost to a burst. */
static int
burst_lost(struct sim_dir *d)
{
	if (!(d->cfg.burst_enter > 0.0))
		return 0;
	if (!d->burst_bad) {
		if (sim_prng_chance(&d->rng, d->cfg.burst_enter)) {
			d->burst_bad = 1;
			d->st.bursts++;
		}
	} else if (sim_prng_chance(&d->rng, d->cfg.burst_leave)) {
		d->burst_bad = 0;
	}
	if (!d->burst_bad)
		return 0;
	return d->cfg.burst_loss > 0.0 ? sim_prng_chance(&d->rng, d->cfg.burst_loss) : 1;
}

int
sctpdk_sim_link_stats(const struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
		      struct sctpdk_sim_link_stats *out)
{
	if (sim == NULL || link < 0 || (unsigned int)link >= sim->n_links)
		return SCTPDK_ERR_NOTFOUND;
	if ((dir != SCTPDK_SIM_AB && dir != SCTPDK_SIM_BA) || out == NULL)
		return SCTPDK_ERR_INVAL;
	*out = sim->links[link].d[dir].st;
	return 0;
}

void
sim_links_free(struct sctpdk_sim *sim)
{
	free(sim->links);
	free(sim->rules);
	sim->links = NULL;
	sim->rules = NULL;
	sim->n_links = 0;
	sim->n_rules = 0;
}

/* ---- rules ---- */

int
sctpdk_sim_rule_add(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
		    const struct sctpdk_sim_rule *rule)
{
	unsigned int lo, hi;
	if (sim == NULL || rule == NULL)
		return SCTPDK_ERR_INVAL;
	if (link < -1 || (link >= 0 && (unsigned int)link >= sim->n_links))
		return SCTPDK_ERR_NOTFOUND;
	if (dir_range(dir, &lo, &hi) < 0)
		return SCTPDK_ERR_INVAL;
	if (rule->chunk_type < SCTPDK_SIM_ANY_CHUNK || rule->chunk_type > 255)
		return SCTPDK_ERR_INVAL;
	if ((unsigned int)rule->action > SCTPDK_SIM_ACT_CORRUPT)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_sim_rule r = *rule;
	if (r.first == 0)
		r.first = 1;
	if (r.last == 0)
		r.last = r.first;
	if (r.last < r.first)
		return SCTPDK_ERR_INVAL;
	struct sim_rule *rules = realloc(sim->rules, (sim->n_rules + 1) * sizeof(*rules));
	if (rules == NULL)
		return SCTPDK_ERR_NOMEM;
	sim->rules = rules;
	struct sim_rule *sr = &rules[sim->n_rules];
	memset(sr, 0, sizeof(*sr));
	sr->r = r;
	sr->link = link;
	sr->dir = (int)dir;
	sr->live = 1;
	return (int)sim->n_rules++;
}

int
sctpdk_sim_rule_del(struct sctpdk_sim *sim, int rule)
{
	if (sim == NULL || rule < 0 || (unsigned int)rule >= sim->n_rules || !sim->rules[rule].live)
		return SCTPDK_ERR_NOTFOUND;
	sim->rules[rule].live = 0;
	return 0;
}

int
sctpdk_sim_rule_counts(const struct sctpdk_sim *sim, int rule, uint64_t *matched, uint64_t *fired)
{
	if (sim == NULL || rule < 0 || (unsigned int)rule >= sim->n_rules)
		return SCTPDK_ERR_NOTFOUND;
	if (matched != NULL)
		*matched = sim->rules[rule].matched;
	if (fired != NULL)
		*fired = sim->rules[rule].fired;
	return 0;
}

/* What the rules decided for one packet. */
struct verdict {
	int drop;
	int dup;
	int corrupt;
	uint64_t delay_us;
};

/* Set of chunk types in a packet, parsed lazily once. */
struct chunk_set {
	int parsed;
	uint64_t bits[4];
};

static int
chunk_set_has(struct chunk_set *cs, const struct rte_mbuf *pkt, int type)
{
	if (!cs->parsed) {
		uint8_t types[256];
		unsigned int n = sctpdk_sim_chunk_types(pkt, types, 256);
		if (n > 256)
			n = 256; /* a 256-chunk prefix is plenty for matching */
		memset(cs->bits, 0, sizeof(cs->bits));
		for (unsigned int i = 0; i < n; i++)
			cs->bits[types[i] >> 6] |= 1ULL << (types[i] & 63);
		cs->parsed = 1;
	}
	return (cs->bits[type >> 6] >> (type & 63)) & 1;
}

static void
apply_rules(struct sctpdk_sim *sim, unsigned int link, unsigned int dir, const struct rte_mbuf *pkt,
	    const struct sctpdk_addr *src, const struct sctpdk_addr *dst, struct verdict *v)
{
	struct chunk_set cs = {0};
	for (unsigned int i = 0; i < sim->n_rules; i++) {
		struct sim_rule *sr = &sim->rules[i];
		if (!sr->live || (sr->link >= 0 && (unsigned int)sr->link != link) ||
		    (sr->dir != SCTPDK_SIM_BOTH && (unsigned int)sr->dir != dir))
			continue;
		if (sr->r.chunk_type != SCTPDK_SIM_ANY_CHUNK &&
		    !chunk_set_has(&cs, pkt, sr->r.chunk_type))
			continue;
		if (sr->r.match != NULL && !sr->r.match(sr->r.match_arg, pkt, src, dst))
			continue;
		uint64_t nth = ++sr->matched;
		if (nth < sr->r.first || nth > sr->r.last)
			continue;
		sr->fired++;
		switch (sr->r.action) {
		case SCTPDK_SIM_ACT_DROP:
			v->drop = 1;
			break;
		case SCTPDK_SIM_ACT_DUP:
			v->dup = 1;
			break;
		case SCTPDK_SIM_ACT_DELAY:
			v->delay_us += sr->r.delay_us;
			break;
		case SCTPDK_SIM_ACT_CORRUPT:
			v->corrupt = 1;
			break;
		}
	}
}

/* ---- packet path ---- */

struct pkt_ctx {
	struct rte_mbuf *pkt;
	const struct sctpdk_addr *src;
	const struct sctpdk_addr *dst;
	int link;
	unsigned int dir;
	uint64_t id;
};

static void
emit(struct sctpdk_sim *sim, const struct pkt_ctx *p, enum sctpdk_sim_ev_type type,
     enum sctpdk_sim_drop reason, uint64_t at_us, uint64_t orig_id)
{
	struct sctpdk_sim_pkt_event ev = {
	    .type = type,
	    .reason = reason,
	    .link = p->link,
	    .dir = (enum sctpdk_sim_dir)p->dir,
	    .time_us = sim->now_us,
	    .at_us = at_us,
	    .pkt_id = p->id,
	    .orig_id = orig_id,
	    .pkt = p->pkt,
	    .src = p->src,
	    .dst = p->dst,
	};
	sim_emit(sim, &ev);
}

static void
drop(struct sctpdk_sim *sim, struct pkt_ctx *p, struct sim_dir *d, enum sctpdk_sim_drop reason)
{
	if (d != NULL) {
		d->st.dropped[reason]++;
		d->st.dropped_pkts++;
	}
	emit(sim, p, SCTPDK_SIM_EV_DROPPED, reason, 0, p->id);
	rte_pktmbuf_free(p->pkt);
	p->pkt = NULL;
}

static struct rte_mbuf *
deep_copy(struct sctpdk_sim *sim, const struct rte_mbuf *m)
{
	struct rte_mempool *mp = sim->mp != NULL ? sim->mp : m->pool;
	return rte_pktmbuf_copy(m, mp, 0, UINT32_MAX);
}

/* XOR one random byte of m (which the simulator owns) with a random
 * non-zero value. */
static void
flip_byte(struct sim_prng *rng, struct rte_mbuf *m)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	if (len == 0)
		return;
	uint32_t off = (uint32_t)sim_prng_below(rng, len);
	uint8_t x = (uint8_t)(1 + sim_prng_below(rng, 255));
	struct rte_mbuf *seg = m;
	while (seg != NULL && off >= seg->data_len) {
		off -= seg->data_len;
		seg = seg->next;
	}
	if (seg != NULL)
		*rte_pktmbuf_mtod_offset(seg, uint8_t *, off) ^= x;
}

/*
 * TX checksum offload of the sending node, if it has it and the packet asks
 * for it. Writes in place only into a direct, unshared first segment that
 * holds the whole common header; otherwise into a private copy. Returns the
 * packet to carry on with, or NULL if a needed copy failed.
 */
static struct rte_mbuf *
tx_offload(struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src)
{
	if ((pkt->ol_flags & RTE_MBUF_F_TX_L4_MASK) != RTE_MBUF_F_TX_SCTP_CKSUM)
		return pkt;
	int n = sim_node_of(sim, src);
	if (n < 0 || !(sim->nodes[n].offload & SCTPDK_SIM_OFFLOAD_TX_CKSUM))
		return pkt; /* no offload there: leaves unfilled */
	if (!RTE_MBUF_DIRECT(pkt) || rte_mbuf_refcnt_read(pkt) != 1 || pkt->data_len < 12) {
		struct rte_mbuf *c = deep_copy(sim, pkt);
		if (c == NULL)
			return NULL;
		rte_pktmbuf_free(pkt);
		pkt = c;
	}
	sctpdk_sctp_cksum_set(pkt, 0);
	pkt->ol_flags &= ~RTE_MBUF_F_TX_L4_MASK;
	sim->st.tx_cksum_filled++;
	return pkt;
}

static int
queue_packet(struct sctpdk_sim *sim, const struct pkt_ctx *p, uint64_t at_us)
{
	uint32_t idx = sim_ev_alloc(sim);
	if (idx == SIM_NONE)
		return SCTPDK_ERR_NOMEM;
	struct sim_event *ev = &sim->evs[idx];
	ev->kind = SIM_EV_DELIVER;
	ev->time_us = at_us;
	ev->link = p->link;
	ev->dir = (uint8_t)p->dir;
	ev->pkt_id = p->id;
	ev->down_epoch = sim->links[p->link].d[p->dir].down_epoch;
	ev->pkt = p->pkt;
	ev->src = *p->src;
	ev->dst = *p->dst;
	sim_heap_push(sim, idx);
	return 0;
}

/*
 * Serialiser and drop-tail queue: returns the time the last bit leaves,
 * in us (rounded up), or SCTPDK_SIM_NEVER when the queue is full.
 */
static uint64_t
serialise(struct sctpdk_sim *sim, struct sim_dir *d, uint32_t len)
{
	if (d->cfg.rate_bps == 0)
		return sim->now_us;
	uint64_t now_ps = sim->now_us * PS_PER_US;
	uint64_t wire = (uint64_t)len + d->cfg.overhead_bytes;
	uint64_t backlog = 0;
	if (d->busy_until_ps > now_ps) {
		unsigned __int128 bits =
		    (unsigned __int128)(d->busy_until_ps - now_ps) * d->cfg.rate_bps;
		backlog = (uint64_t)((bits + 8 * PS_PER_S - 1) / (8 * PS_PER_S));
	}
	if (backlog > 0 && backlog + wire > d->queue_cap)
		return SCTPDK_SIM_NEVER;
	if (backlog + wire > d->st.queue_max_bytes)
		d->st.queue_max_bytes = backlog + wire;
	uint64_t start = d->busy_until_ps > now_ps ? d->busy_until_ps : now_ps;
	unsigned __int128 t = (unsigned __int128)wire * 8 * PS_PER_S + d->cfg.rate_bps - 1;
	d->busy_until_ps = start + (uint64_t)(t / d->cfg.rate_bps);
	return (d->busy_until_ps + PS_PER_US - 1) / PS_PER_US;
}

void
sctpdk_sim_send(struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
		const struct sctpdk_addr *dst)
{
	if (sim == NULL || pkt == NULL) {
		rte_pktmbuf_free(pkt);
		return;
	}
	struct pkt_ctx p = {
	    .pkt = pkt, .src = src, .dst = dst, .link = -1, .id = ++sim->next_pkt_id};
	sim->st.sent_pkts++;
	enum sctpdk_sim_dir dir = SCTPDK_SIM_AB;
	int link = sctpdk_sim_link_find(sim, src, dst, &dir);
	if (link < 0) {
		static const struct sctpdk_addr none;
		p.src = src != NULL ? src : &none;
		p.dst = dst != NULL ? dst : &none;
		sim->st.noroute_pkts++;
		emit(sim, &p, SCTPDK_SIM_EV_SENT, 0, 0, p.id);
		drop(sim, &p, NULL, SCTPDK_SIM_DROP_NOROUTE);
		return;
	}
	p.link = link;
	p.dir = (unsigned int)dir;
	struct sim_dir *d = &sim->links[link].d[dir];
	uint32_t len = rte_pktmbuf_pkt_len(pkt);
	d->st.sent_pkts++;
	d->st.sent_bytes += len;
	p.pkt = tx_offload(sim, pkt, src);
	if (p.pkt == NULL) {
		p.pkt = pkt; /* still ours: tx_offload frees only after a copy */
		emit(sim, &p, SCTPDK_SIM_EV_SENT, 0, 0, p.id);
		drop(sim, &p, d, SCTPDK_SIM_DROP_NOMEM);
		return;
	}
	pkt = p.pkt;

	enum sctpdk_sim_drop why = SCTPDK_SIM_DROP_MAX;
	struct verdict v = {0};
	uint64_t at = 0, extra = 0;
	int reordered = 0;
	if (!d->up) {
		why = SCTPDK_SIM_DROP_DOWN;
	} else if (d->cfg.mtu_bytes != 0 && len > d->cfg.mtu_bytes) {
		why = SCTPDK_SIM_DROP_MTU;
	} else {
		apply_rules(sim, (unsigned int)link, p.dir, pkt, src, dst, &v);
		/* random loss happens on the wire: the packet has taken its
		 * place in the queue and its time on the link */
		if (v.drop)
			why = SCTPDK_SIM_DROP_RULE;
		else if ((at = serialise(sim, d, len)) == SCTPDK_SIM_NEVER)
			why = SCTPDK_SIM_DROP_QUEUE;
		else if (burst_lost(d) || sim_prng_chance(&d->rng, d->cfg.loss))
			why = SCTPDK_SIM_DROP_LOSS;
	}
	if (why != SCTPDK_SIM_DROP_MAX) {
		emit(sim, &p, SCTPDK_SIM_EV_SENT, 0, 0, p.id);
		drop(sim, &p, d, why);
		return;
	}

	/* propagation; in-order arrivals never overtake each other */
	at += d->cfg.delay_us;
	if (d->cfg.jitter_us > 0)
		at += sim_prng_below(&d->rng, d->cfg.jitter_us + 1);
	if (at < d->last_fifo_us)
		at = d->last_fifo_us;
	d->last_fifo_us = at;
	if (sim_prng_chance(&d->rng, d->cfg.reorder)) {
		reordered = 1;
		extra += d->cfg.reorder_us != 0
			     ? d->cfg.reorder_us
			     : (d->cfg.delay_us > DEFAULT_REORDER_US ? d->cfg.delay_us
								     : DEFAULT_REORDER_US);
		d->st.reordered++;
	}
	if (v.delay_us > 0) {
		extra += v.delay_us;
		d->st.delayed++;
	}
	at += extra;
	emit(sim, &p, SCTPDK_SIM_EV_SENT, 0, at, p.id);

	if (v.corrupt || sim_prng_chance(&d->rng, d->cfg.corrupt)) {
		struct rte_mbuf *c = deep_copy(sim, p.pkt);
		if (c == NULL) {
			drop(sim, &p, d, SCTPDK_SIM_DROP_NOMEM);
			return;
		}
		flip_byte(&d->rng, c);
		rte_pktmbuf_free(p.pkt);
		p.pkt = c;
		d->st.corrupted++;
		emit(sim, &p, SCTPDK_SIM_EV_CORRUPTED, 0, at, p.id);
	}
	if (extra > 0 || reordered)
		emit(sim, &p, SCTPDK_SIM_EV_DELAYED, 0, at, p.id);
	if (queue_packet(sim, &p, at) < 0) {
		drop(sim, &p, d, SCTPDK_SIM_DROP_NOMEM);
		return;
	}
	if (v.dup || sim_prng_chance(&d->rng, d->cfg.dup)) {
		struct pkt_ctx q = p;
		q.pkt = deep_copy(sim, p.pkt);
		if (q.pkt == NULL)
			return; /* no copy, no duplicate */
		q.id = ++sim->next_pkt_id;
		d->st.duplicated++;
		emit(sim, &q, SCTPDK_SIM_EV_DUPLICATED, 0, at, p.id);
		if (queue_packet(sim, &q, at) < 0)
			rte_pktmbuf_free(q.pkt);
	}
}

void
sim_deliver(struct sctpdk_sim *sim, struct sim_event *ev)
{
	struct pkt_ctx p = {.pkt = ev->pkt,
			    .src = &ev->src,
			    .dst = &ev->dst,
			    .link = ev->link,
			    .dir = ev->dir,
			    .id = ev->pkt_id};
	struct sim_dir *d = &sim->links[ev->link].d[ev->dir];
	if (!d->up || d->down_epoch != ev->down_epoch) {
		drop(sim, &p, d, SCTPDK_SIM_DROP_DOWN);
		return;
	}
	int n = sim_node_of(sim, &ev->dst);
	if (n < 0) {
		drop(sim, &p, d, SCTPDK_SIM_DROP_NOROUTE);
		return;
	}
	d->st.delivered_pkts++;
	d->st.delivered_bytes += rte_pktmbuf_pkt_len(p.pkt);
	sim->st.deliveries++;
	if (sim->nodes[n].offload & SCTPDK_SIM_OFFLOAD_RX_CKSUM) {
		int good = sctpdk_sctp_cksum_ok(p.pkt, 0);
		p.pkt->ol_flags &= ~RTE_MBUF_F_RX_L4_CKSUM_MASK;
		p.pkt->ol_flags |= good ? RTE_MBUF_F_RX_L4_CKSUM_GOOD : RTE_MBUF_F_RX_L4_CKSUM_BAD;
		sim->st.rx_cksum_bad += !good;
	}
	emit(sim, &p, SCTPDK_SIM_EV_DELIVERED, 0, sim->now_us, p.id);
	struct sim_node *node = &sim->nodes[n];
	node->ops.input(node->ctx, sim, p.pkt, &ev->src, &ev->dst, sim->now_us);
	sim_node_requery(sim, (unsigned int)n);
}
