/* SPDX-License-Identifier: BSD-3-Clause */
/* Scenario helpers for protocol tests (see scen.h). */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk_crc32c.h>

#include "scen.h"
#include "sctpdk_test.h"

static struct rte_mempool *pool;

struct rte_mempool *
sc_pool(void)
{
	if (pool == NULL)
		pool = rte_pktmbuf_pool_create("sc_pool", 32767, 256, 0, 2048 + 128, 0);
	return pool;
}

int
sc_suite_init(void)
{
	if (sctpdk_test_eal_init() != 0)
		return -1;
	return sc_pool() == NULL ? -1 : 0;
}

static unsigned base_in_use;

void
sc_baseline(void)
{
	base_in_use = rte_mempool_in_use_count(sctpdk_test_mbuf_pool());
}

int
sc_no_leak(void)
{
	return rte_mempool_in_use_count(sctpdk_test_mbuf_pool()) == base_in_use;
}

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct sc_node *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&n->rng) >> 24);
}

static void
sim_out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst)
{
	struct sc_node *n = ctx;
	sctpdk_sim_send(n->sim, pkt, src, dst);
}

static void
cap_out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst)
{
	struct sc_node *n = ctx;
	if (n->n_out < SC_MAX_OUT) {
		n->out_dst[n->n_out] = *dst;
		n->out[n->n_out++] = pkt;
	} else {
		rte_pktmbuf_free(pkt);
	}
}

void
sc_config(struct sctpdk_sctp_config *cfg, struct sc_node *n, uint16_t port,
	  struct sctpdk_addr addr)
{
	sctpdk_sctp_config_default(cfg);
	cfg->local_port = port;
	cfg->n_local_addrs = 1;
	cfg->local_addrs[0] = addr;
	cfg->pool = sc_pool();
	cfg->ops.output = sim_out;
	cfg->ops.random = rnd;
	cfg->ops.ctx = n;
}

void
sc_poll(struct sc_node *n)
{
	struct sctpdk_sctp_event ev[32];
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(n->ep, ev, 32)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			if (n->on_event != NULL) {
				n->on_event(n, &ev[i]);
				continue;
			}
			if (ev[i].type == SCTPDK_EV_DATA && !n->keep_data)
				sctpdk_sctp_event_release(&ev[i]);
			if (n->n_ev < SC_MAX_EVENTS)
				n->ev[n->n_ev++] = ev[i];
			else
				sctpdk_sctp_event_release(&ev[i]);
		}
	}
}

static void
node_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt,
	   const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct sc_node *n = ctx;
	if (!sctpdk_sctp_cksum_ok(pkt, 0)) {
		n->bad_crc++;
		rte_pktmbuf_free(pkt);
		return;
	}
	sctpdk_sctp_input(n->ep, pkt, src, dst, now_us);
	sc_poll(n);
}

static void
node_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct sc_node *n = ctx;
	sctpdk_sctp_timer(n->ep, now_us);
	sc_poll(n);
}

static uint64_t
node_deadline(void *ctx)
{
	struct sc_node *n = ctx;
	return sctpdk_sctp_next_deadline(n->ep);
}

static const struct sctpdk_sim_node_ops node_ops = {
	.input = node_input,
	.timer = node_timer,
	.next_deadline = node_deadline,
};

int
sc_pair_init(struct sc_pair *p, uint64_t seed, const struct sctpdk_sctp_config *cfg_a,
	     const struct sctpdk_sctp_config *cfg_z, const struct sctpdk_sim_link_cfg *link)
{
	memset(p, 0, sizeof(*p));
	if (sc_pool() == NULL)
		return -1;
	p->pool_in_use = rte_mempool_in_use_count(sc_pool());
	p->sim = sctpdk_sim_new(seed, sc_pool());
	if (p->sim == NULL)
		return -1;
	struct sc_node *nodes[2] = {&p->a, &p->z};
	const struct sctpdk_sctp_config *cfgs[2] = {cfg_a, cfg_z};
	for (int i = 0; i < 2; i++) {
		struct sc_node *n = nodes[i];
		n->sim = p->sim;
		n->rng = seed * 2 + (uint64_t)i + 1;
		n->addr = sctpdk_addr_v4(10, 0, 0, (uint8_t)(i + 1));
		struct sctpdk_sctp_config c;
		if (cfgs[i] != NULL) {
			c = *cfgs[i];
		} else {
			sc_config(&c, n, (uint16_t)(i == 0 ? 5000 : 6000), n->addr);
			c.listening = i == 1;
		}
		c.ops.ctx = n;
		c.ops.output = sim_out;
		c.ops.random = rnd;
		n->addr = c.local_addrs[0];
		n->ep = sctpdk_sctp_ep_new(&c, 0);
		if (n->ep == NULL)
			return -1;
		if (sctpdk_sim_node_add(p->sim, &node_ops, n, c.local_addrs, c.n_local_addrs) < 0)
			return -1;
	}
	p->link = sctpdk_sim_link_add(p->sim, &p->a.addr, &p->z.addr, link, NULL);
	if (p->link < 0)
		return -1;
	return sctpdk_sim_recorder_enable(p->sim, 4096, 2048,
					  SCTPDK_SIM_EV_MASK(SCTPDK_SIM_EV_SENT));
}

static void
release_events(struct sc_node *n)
{
	for (unsigned i = 0; i < n->n_ev; i++)
		sctpdk_sctp_event_release(&n->ev[i]);
	n->n_ev = 0;
}

void
sc_clear_events(struct sc_node *n)
{
	release_events(n);
}

sctpdk_assoc_id_t
sc_pair_up(struct sc_pair *p, uint64_t seed, const struct sctpdk_sctp_config *cfg_a,
	   const struct sctpdk_sctp_config *cfg_z, uint16_t os)
{
	CU_ASSERT_EQUAL_FATAL(sc_pair_init(p, seed, cfg_a, cfg_z, NULL), 0);
	int64_t id = sctpdk_sctp_associate(p->a.ep, &p->z.addr, 6000, os, 0);
	CU_ASSERT_FATAL(id > 0);
	sc_run(p, 10 * 1000);
	return (sctpdk_assoc_id_t)id;
}

void
sc_pair_free(struct sc_pair *p)
{
	if (p->a.ep != NULL)
		sc_poll(&p->a);
	if (p->z.ep != NULL)
		sc_poll(&p->z);
	sctpdk_sim_del(p->sim);
	release_events(&p->a);
	release_events(&p->z);
	sctpdk_sctp_ep_del(p->a.ep);
	sctpdk_sctp_ep_del(p->z.ep);
	/* Every mbuf the pair used (packets, messages, references to their
	 * buffers) is back in the pool. */
	if (p->sim != NULL)
		CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), p->pool_in_use);
	memset(p, 0, sizeof(*p));
}

void
sc_kick(struct sc_pair *p)
{
	sc_poll(&p->a);
	sc_poll(&p->z);
	sctpdk_sim_node_kick(p->sim, 0);
	sctpdk_sim_node_kick(p->sim, 1);
}

void
sc_run(struct sc_pair *p, uint64_t dt_us)
{
	sc_kick(p);
	sctpdk_sim_run_until(p->sim, sctpdk_sim_now_us(p->sim) + dt_us);
}

unsigned
sc_count(const struct sc_node *n, uint16_t type, uint16_t state)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n->n_ev; i++)
		if (n->ev[i].type == type &&
		    (state == 0 || n->ev[i].u.assoc_change.state == state))
			k++;
	return k;
}

const struct sctpdk_sctp_event *
sc_find(const struct sc_node *n, uint16_t type, uint16_t state, unsigned idx)
{
	for (unsigned i = 0; i < n->n_ev; i++)
		if (n->ev[i].type == type &&
		    (state == 0 || n->ev[i].u.assoc_change.state == state) && idx-- == 0)
			return &n->ev[i];
	return NULL;
}

struct sctpdk_sctp_ep *
sc_lone(struct sc_node *n, struct sctpdk_sctp_config *cfg)
{
	cfg->ops.output = cap_out;
	cfg->ops.random = rnd;
	cfg->ops.ctx = n;
	n->addr = cfg->local_addrs[0];
	if (n->rng == 0)
		n->rng = 99;
	n->ep = sctpdk_sctp_ep_new(cfg, 0);
	return n->ep;
}

void
sc_out_clear(struct sc_node *n)
{
	for (unsigned i = 0; i < n->n_out; i++)
		rte_pktmbuf_free(n->out[i]);
	n->n_out = 0;
}

void
sc_lone_free(struct sc_node *n)
{
	sc_poll(n);
	sc_out_clear(n);
	release_events(n);
	sctpdk_sctp_ep_del(n->ep);
	n->ep = NULL;
}

uint32_t
sc_chunk(uint8_t *buf, uint8_t type, uint8_t flags, const uint8_t *value, uint16_t vlen)
{
	buf[0] = type;
	buf[1] = flags;
	sc_wr16(buf + 2, (uint16_t)(4 + vlen));
	if (vlen)
		memcpy(buf + 4, value, vlen);
	uint32_t padded = (4u + vlen + 3u) & ~3u;
	memset(buf + 4 + vlen, 0, padded - 4 - vlen);
	return padded;
}

struct rte_mbuf *
sc_packet(uint16_t sport, uint16_t dport, uint32_t vtag, const uint8_t *chunks, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sc_pool());
	if (m == NULL)
		return NULL;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(12 + len));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	sc_wr16(p, sport);
	sc_wr16(p + 2, dport);
	sc_wr32(p + 4, vtag);
	sc_wr32(p + 8, 0);
	memcpy(p + 12, chunks, len);
	sctpdk_sctp_cksum_set(m, 0);
	return m;
}

uint32_t
sc_flat(const struct rte_mbuf *m, uint8_t *buf, uint32_t cap)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	if (len > cap)
		len = cap;
	const void *p = rte_pktmbuf_read(m, 0, len, buf);
	if (p != buf)
		memcpy(buf, p, len);
	return len;
}

int
sc_parse(const uint8_t *buf, uint32_t len, struct sc_pkt *p)
{
	memset(p, 0, sizeof(*p));
	if (len < 12)
		return -1;
	p->sport = sc_rd16(buf);
	p->dport = sc_rd16(buf + 2);
	p->vtag = sc_rd32(buf + 4);
	uint32_t off = 12;
	while (off + 4 <= len && p->n < 32) {
		uint16_t cl = sc_rd16(buf + off + 2);
		if (cl < 4 || off + cl > len)
			return -1;
		p->type[p->n] = buf[off];
		p->flags[p->n] = buf[off + 1];
		p->len[p->n] = cl;
		p->val[p->n] = buf + off + 4;
		p->n++;
		off += (cl + 3u) & ~3u;
	}
	return 0;
}

int
sc_has(const struct sc_pkt *p, uint8_t type)
{
	for (unsigned i = 0; i < p->n; i++)
		if (p->type[i] == type)
			return (int)i;
	return -1;
}

const uint8_t *
sc_param(const uint8_t *val, uint16_t vlen, uint16_t type, uint16_t *plen)
{
	uint32_t off = 16;
	while (off + 4 <= vlen) {
		uint16_t t = sc_rd16(val + off), l = sc_rd16(val + off + 2);
		if (l < 4 || off + l > vlen)
			return NULL;
		if (t == type) {
			if (plen)
				*plen = (uint16_t)(l - 4);
			return val + off + 4;
		}
		off += (l + 3u) & ~3u;
	}
	return NULL;
}

unsigned
sc_rec_count(const struct sc_pair *p, const struct sc_node *from, uint8_t type)
{
	unsigned k = 0, n = sctpdk_sim_recorder_count(p->sim);
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p->sim, i);
		if (!sctpdk_addr_eq(&r->src, &from->addr))
			continue;
		for (unsigned j = 0; j < r->n_chunks && j < SCTPDK_SIM_REC_CHUNKS; j++)
			if (r->chunks[j] == type) {
				k++;
				break;
			}
	}
	return k;
}

/* Snapshots of parsed packets stay in this buffer until the next call. */
static uint8_t rec_buf[4][2048];
static unsigned rec_slot;

bool
sc_rec_get(const struct sc_pair *p, const struct sc_node *from, uint8_t type, unsigned k,
	   struct sc_pkt *out)
{
	unsigned n = sctpdk_sim_recorder_count(p->sim);
	for (unsigned i = 0; i < n; i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(p->sim, i);
		if (!sctpdk_addr_eq(&r->src, &from->addr))
			continue;
		bool has = false;
		for (unsigned j = 0; j < r->n_chunks && j < SCTPDK_SIM_REC_CHUNKS; j++)
			has |= r->chunks[j] == type;
		if (!has || k-- != 0)
			continue;
		uint8_t *b = rec_buf[rec_slot++ & 3];
		memcpy(b, r->snap, r->snap_len);
		return sc_parse(b, r->snap_len, out) == 0;
	}
	return false;
}
