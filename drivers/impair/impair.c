/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Seeded packet impairment: drop, duplicate, reorder, delay, corrupt.
 * See include/sctpdk/sctpdk_impair.h for the model and why RX uses an
 * ethdev callback and TX a wrapper burst function.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_impair.h>

#define IMPAIR_SCRATCH 2048

enum { HELD_DELAY = 1, HELD_REORDER, HELD_OVERFLOW };

struct held {
	struct rte_mbuf *m;
	uint8_t kind;
	uint32_t left;       /* REORDER: later packets still to pass */
	uint64_t release_us; /* DELAY: due time; REORDER: latest release */
};

struct sctpdk_impair {
	struct sctpdk_impair_config cfg;
	uint64_t rng;
	uint64_t seen[SCTPDK_IMPAIR_MAX_RULES];
	struct held *held;
	uint32_t nheld;
	struct sctpdk_impair_stats st;
	/* the apply() call in progress */
	struct rte_mbuf **out;
	uint16_t out_n, out_cap;
	uint64_t now_us;
	/* ethdev attachment */
	const struct rte_eth_rxtx_callback *rx_cb;
	uint16_t rx_port, rx_queue;
	struct rte_mbuf *scratch[IMPAIR_SCRATCH];
};

void
sctpdk_impair_config_default(struct sctpdk_impair_config *cfg, uint64_t seed)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->seed = seed;
	cfg->hold_max = 1024;
	cfg->reorder_max_us = 10000;
}

int
sctpdk_impair_add_rule(struct sctpdk_impair_config *cfg, const struct sctpdk_impair_rule *r)
{
	if (cfg == NULL || r == NULL || r->action < SCTPDK_IMPAIR_DROP ||
	    r->action > SCTPDK_IMPAIR_CORRUPT || r->when < SCTPDK_IMPAIR_PROB ||
	    r->when > SCTPDK_IMPAIR_NTH || (r->when == SCTPDK_IMPAIR_PROB && r->ppm > 1000000) ||
	    (r->when != SCTPDK_IMPAIR_PROB && r->n == 0))
		return SCTPDK_ERR_INVAL;
	if (cfg->nrules >= SCTPDK_IMPAIR_MAX_RULES)
		return SCTPDK_ERR_NOSPACE;
	cfg->rules[cfg->nrules++] = *r;
	return 0;
}

static uint64_t
tsc_now_us(void *arg)
{
	(void)arg;
	uint64_t hz = rte_get_tsc_hz();
	uint64_t per_us = hz >= 1000000 ? hz / 1000000 : 1;
	return rte_get_tsc_cycles() / per_us;
}

struct sctpdk_impair *
sctpdk_impair_new(const struct sctpdk_impair_config *cfg)
{
	if (cfg == NULL || cfg->nrules > SCTPDK_IMPAIR_MAX_RULES || cfg->hold_max == 0 ||
	    cfg->hold_max > (1u << 20))
		return NULL;
	for (uint32_t i = 0; i < cfg->nrules; i++)
		if (cfg->rules[i].action == SCTPDK_IMPAIR_DUP && cfg->pool == NULL)
			return NULL;
	struct sctpdk_impair *imp = calloc(1, sizeof(*imp));
	if (imp == NULL)
		return NULL;
	imp->held = calloc(cfg->hold_max, sizeof(*imp->held));
	if (imp->held == NULL) {
		free(imp);
		return NULL;
	}
	imp->cfg = *cfg;
	if (imp->cfg.now_us == NULL)
		imp->cfg.now_us = tsc_now_us;
	/* xorshift64* must not start at 0 */
	imp->rng = cfg->seed ^ 0x9e3779b97f4a7c15ULL;
	if (imp->rng == 0)
		imp->rng = 1;
	return imp;
}

void
sctpdk_impair_del(struct sctpdk_impair *imp)
{
	if (imp == NULL)
		return;
	sctpdk_impair_detach_rx(imp);
	for (uint32_t i = 0; i < imp->nheld; i++)
		rte_pktmbuf_free(imp->held[i].m);
	free(imp->held);
	free(imp);
}

static uint64_t
rnd(struct sctpdk_impair *imp)
{
	uint64_t x = imp->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	imp->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static int
hold(struct sctpdk_impair *imp, struct rte_mbuf *m, uint8_t kind, uint32_t left,
     uint64_t release_us)
{
	if (imp->nheld >= imp->cfg.hold_max) {
		rte_pktmbuf_free(m);
		imp->st.overflow++;
		return -1;
	}
	imp->held[imp->nheld++] = (struct held){m, kind, left, release_us};
	return 0;
}

static void
unhold(struct sctpdk_impair *imp, uint32_t i)
{
	memmove(&imp->held[i], &imp->held[i + 1], (imp->nheld - i - 1) * sizeof(imp->held[0]));
	imp->nheld--;
}

static void
push(struct sctpdk_impair *imp, struct rte_mbuf *m)
{
	if (imp->out_n < imp->out_cap) {
		imp->out[imp->out_n++] = m;
		imp->st.out++;
	} else {
		hold(imp, m, HELD_OVERFLOW, 0, 0);
	}
}

/* Emit m, then let every reordered packet count it; those whose count
 * reaches zero follow (and count in turn). */
static void
emit(struct sctpdk_impair *imp, struct rte_mbuf *m)
{
	push(imp, m);
	uint32_t passes = 1;
	while (passes > 0) {
		passes--;
		uint32_t i = 0;
		while (i < imp->nheld) {
			struct held *h = &imp->held[i];
			if (h->kind == HELD_REORDER && h->left > 0 && --h->left == 0) {
				struct rte_mbuf *r = h->m;
				unhold(imp, i);
				push(imp, r);
				passes++;
				continue;
			}
			i++;
		}
	}
}

static void
release_due(struct sctpdk_impair *imp, uint64_t now_us)
{
	uint32_t i = 0;
	while (i < imp->nheld) {
		struct held *h = &imp->held[i];
		int due = h->kind == HELD_OVERFLOW ||
			  (h->kind != HELD_OVERFLOW && now_us >= h->release_us);
		if (!due) {
			i++;
			continue;
		}
		struct rte_mbuf *m = h->m;
		unhold(imp, i);
		emit(imp, m);
	}
}

static int
is_ip(const struct rte_mbuf *m)
{
	uint8_t b[4];
	const uint8_t *p = rte_pktmbuf_read(m, 12, 2, b);
	if (p == NULL)
		return 0;
	uint16_t et = (uint16_t)(p[0] << 8 | p[1]);
	if (et == 0x8100) {
		p = rte_pktmbuf_read(m, 16, 2, b);
		if (p == NULL)
			return 0;
		et = (uint16_t)(p[0] << 8 | p[1]);
	}
	return et == 0x0800 || et == 0x86dd;
}

/* Flip one bit in [offset, pkt_len). Shared or indirect data is copied
 * first so a clone kept elsewhere (a retransmission) stays intact. */
static struct rte_mbuf *
corrupt(struct sctpdk_impair *imp, struct rte_mbuf *m, uint32_t offset)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	if (offset >= len)
		return m;
	uint64_t r = rnd(imp);
	uint32_t off = offset + (uint32_t)(r % (len - offset));
	int shared = 0;
	for (struct rte_mbuf *s = m; s != NULL; s = s->next)
		if (!RTE_MBUF_DIRECT(s) || rte_mbuf_refcnt_read(s) > 1)
			shared = 1;
	if (shared) {
		if (imp->cfg.pool == NULL)
			return m;
		struct rte_mbuf *c = rte_pktmbuf_copy(m, imp->cfg.pool, 0, UINT32_MAX);
		if (c == NULL)
			return m;
		rte_pktmbuf_free(m);
		m = c;
	}
	struct rte_mbuf *s = m;
	while (s != NULL && off >= s->data_len) {
		off -= s->data_len;
		s = s->next;
	}
	if (s == NULL)
		return m;
	rte_pktmbuf_mtod(s, uint8_t *)[off] ^= (uint8_t)(1u << ((r >> 40) % 8));
	imp->st.corrupted++;
	return m;
}

static int
rule_hits(struct sctpdk_impair *imp, uint32_t i)
{
	const struct sctpdk_impair_rule *r = &imp->cfg.rules[i];
	uint64_t seen = ++imp->seen[i];
	switch (r->when) {
	case SCTPDK_IMPAIR_PROB:
		return rnd(imp) % 1000000 < r->ppm;
	case SCTPDK_IMPAIR_EVERY_NTH:
		return seen % r->n == 0;
	default:
		return seen == r->n;
	}
}

static void
impair_one(struct sctpdk_impair *imp, struct rte_mbuf *m)
{
	struct rte_mbuf *dup = NULL;
	int gone = 0;
	imp->st.in++;
	if (imp->cfg.ip_only && !is_ip(m)) {
		emit(imp, m);
		return;
	}
	for (uint32_t i = 0; i < imp->cfg.nrules && !gone; i++) {
		if (!rule_hits(imp, i))
			continue;
		const struct sctpdk_impair_rule *r = &imp->cfg.rules[i];
		imp->st.hits[i]++;
		switch (r->action) {
		case SCTPDK_IMPAIR_DROP:
			rte_pktmbuf_free(m);
			imp->st.dropped++;
			gone = 1;
			break;
		case SCTPDK_IMPAIR_CORRUPT:
			m = corrupt(imp, m, r->offset);
			break;
		case SCTPDK_IMPAIR_DUP:
			if (dup != NULL)
				break;
			dup = rte_pktmbuf_copy(m, imp->cfg.pool, 0, UINT32_MAX);
			if (dup == NULL)
				imp->st.dup_nomem++;
			else
				imp->st.duplicated++;
			break;
		case SCTPDK_IMPAIR_DELAY:
			if (hold(imp, m, HELD_DELAY, 0, imp->now_us + r->delay_us) == 0)
				imp->st.delayed++;
			gone = 1;
			break;
		case SCTPDK_IMPAIR_REORDER:
			if (hold(imp, m, HELD_REORDER, r->count != 0 ? r->count : 1,
				 imp->now_us + imp->cfg.reorder_max_us) == 0)
				imp->st.reordered++;
			gone = 1;
			break;
		default:
			break;
		}
	}
	if (!gone)
		emit(imp, m);
	if (dup != NULL)
		emit(imp, dup);
}

uint16_t
sctpdk_impair_apply(struct sctpdk_impair *imp, struct rte_mbuf **in, uint16_t n,
		    struct rte_mbuf **out, uint16_t cap, uint64_t now_us)
{
	imp->out = out;
	imp->out_n = 0;
	imp->out_cap = cap;
	imp->now_us = now_us;
	release_due(imp, now_us);
	for (uint16_t i = 0; i < n; i++)
		impair_one(imp, in[i]);
	imp->out = NULL;
	return imp->out_n;
}

uint16_t
sctpdk_impair_flush(struct sctpdk_impair *imp, struct rte_mbuf **out, uint16_t cap)
{
	uint16_t k = 0;
	while (k < cap && imp->nheld > 0) {
		out[k++] = imp->held[0].m;
		unhold(imp, 0);
	}
	imp->st.out += k;
	return k;
}

static uint16_t
rx_cb(uint16_t port_id, uint16_t queue, struct rte_mbuf *pkts[], uint16_t nb_pkts,
      uint16_t max_pkts, void *arg)
{
	struct sctpdk_impair *imp = arg;
	(void)port_id;
	(void)queue;
	if (nb_pkts > IMPAIR_SCRATCH)
		return nb_pkts; /* larger than any PMD burst: left untouched */
	memcpy(imp->scratch, pkts, nb_pkts * sizeof(pkts[0]));
	return sctpdk_impair_apply(imp, imp->scratch, nb_pkts, pkts, max_pkts,
				   imp->cfg.now_us(imp->cfg.now_arg));
}

int
sctpdk_impair_attach_rx(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue)
{
	if (imp == NULL)
		return SCTPDK_ERR_INVAL;
	if (imp->rx_cb != NULL)
		return SCTPDK_ERR_STATE;
	imp->rx_cb = rte_eth_add_rx_callback(port_id, queue, rx_cb, imp);
	if (imp->rx_cb == NULL)
		return SCTPDK_ERR_INVAL;
	imp->rx_port = port_id;
	imp->rx_queue = queue;
	return 0;
}

int
sctpdk_impair_detach_rx(struct sctpdk_impair *imp)
{
	if (imp == NULL || imp->rx_cb == NULL)
		return 0;
	int rc = rte_eth_remove_rx_callback(imp->rx_port, imp->rx_queue, imp->rx_cb);
	/* ethdev unlinks but never frees callback memory (a reader may still
	 * hold it); it was allocated with rte_zmalloc. */
	if (rc == 0)
		rte_free((void *)(uintptr_t)imp->rx_cb);
	imp->rx_cb = NULL;
	return rc == 0 ? 0 : SCTPDK_ERR_INVAL;
}

static void
tx_send(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue, uint16_t k)
{
	uint16_t sent = rte_eth_tx_burst(port_id, queue, imp->scratch, k);
	for (uint16_t i = sent; i < k; i++) {
		imp->st.out--; /* not out after all */
		if (hold(imp, imp->scratch[i], HELD_OVERFLOW, 0, 0) == 0)
			imp->st.tx_backlog++;
	}
}

uint16_t
sctpdk_impair_tx_burst(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue,
		       struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t k = sctpdk_impair_apply(imp, pkts, n, imp->scratch, IMPAIR_SCRATCH,
					 imp->cfg.now_us(imp->cfg.now_arg));
	tx_send(imp, port_id, queue, k);
	return n;
}

uint16_t
sctpdk_impair_tx_flush(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue)
{
	uint16_t k = sctpdk_impair_flush(imp, imp->scratch, IMPAIR_SCRATCH);
	uint32_t before = imp->nheld;
	tx_send(imp, port_id, queue, k);
	return (uint16_t)(k - (imp->nheld - before));
}

void
sctpdk_impair_stats_get(const struct sctpdk_impair *imp, struct sctpdk_impair_stats *st)
{
	*st = imp->st;
	st->held = imp->nheld;
}
