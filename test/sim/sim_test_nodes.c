/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_test_nodes.h"

#include <string.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>

/* Bitwise CRC32c (Castagnoli, reflected); slow and simple, tests only. */
static uint32_t
crc32c_update(uint32_t crc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
	}
	return crc;
}

static uint32_t
pkt_crc(const struct rte_mbuf *pkt)
{
	uint32_t crc = 0xffffffffu;
	uint32_t off = 0;
	for (const struct rte_mbuf *seg = pkt; seg != NULL; seg = seg->next) {
		const uint8_t *d = rte_pktmbuf_mtod(seg, const uint8_t *);
		for (uint16_t i = 0; i < seg->data_len; i++, off++) {
			uint8_t b = (off >= 8 && off < 12) ? 0 : d[i];
			crc = crc32c_update(crc, &b, 1);
		}
	}
	return ~crc;
}

int
tn_pkt_ok(const struct rte_mbuf *pkt)
{
	uint32_t stored;
	const void *p = rte_pktmbuf_read(pkt, 8, 4, &stored);
	if (p == NULL)
		return 0;
	memcpy(&stored, p, 4);
	return stored == pkt_crc(pkt);
}

struct rte_mbuf *
tn_pkt(struct rte_mempool *mp, uint32_t tag, const uint8_t *types, unsigned int n_types,
       uint16_t body_len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint16_t clen = (uint16_t)(4 + body_len);
	uint32_t padded = (clen + 3u) & ~3u;
	uint32_t total = 12 + n_types * padded;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)total);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, total);
	p[0] = 0x13;
	p[1] = 0x88; /* source port 5000 */
	p[2] = 0x13;
	p[3] = 0x89; /* destination port 5001 */
	uint32_t vt = rte_cpu_to_be_32(tag);
	memcpy(p + 4, &vt, 4);
	uint8_t *c = p + 12;
	for (unsigned int i = 0; i < n_types; i++, c += padded) {
		c[0] = types[i];
		c[2] = (uint8_t)(clen >> 8);
		c[3] = (uint8_t)clen;
		for (unsigned int k = 4; k < clen; k++)
			c[k] = (uint8_t)(tag + k);
	}
	uint32_t crc = pkt_crc(m);
	memcpy(p + 8, &crc, 4);
	return m;
}

struct rte_mbuf *
tn_pkt_len(struct rte_mempool *mp, uint32_t tag, uint32_t len)
{
	const uint8_t data = 0;
	if (len < 16 || len % 4 != 0)
		return NULL;
	return tn_pkt(mp, tag, &data, 1, (uint16_t)(len - 16));
}

uint32_t
tn_tag(const struct rte_mbuf *pkt)
{
	uint32_t vt = 0;
	const void *p = rte_pktmbuf_read(pkt, 4, 4, &vt);
	if (p == NULL)
		return UINT32_MAX;
	memcpy(&vt, p, 4);
	return rte_be_to_cpu_32(vt);
}

static void
sink_record(struct tn_sink *s, struct rte_mbuf *pkt, const struct sctpdk_addr *dst, uint64_t now_us)
{
	uint32_t len = rte_pktmbuf_pkt_len(pkt);
	if (s->n < TN_MAX_RX) {
		s->t_us[s->n] = now_us;
		s->tag[s->n] = tn_tag(pkt);
		s->len[s->n] = len;
		s->dst[s->n] = *dst;
	}
	s->n++;
	s->bytes += len;
	if (!tn_pkt_ok(pkt))
		s->bad++;
	uint64_t h = s->hash ? s->hash : 0xcbf29ce484222325ULL;
	uint64_t words[3] = {now_us, tn_tag(pkt), len};
	const uint8_t *w = (const uint8_t *)words;
	for (size_t i = 0; i < sizeof(words); i++)
		h = (h ^ w[i]) * 0x100000001b3ULL;
	for (const struct rte_mbuf *seg = pkt; seg != NULL; seg = seg->next) {
		const uint8_t *d = rte_pktmbuf_mtod(seg, const uint8_t *);
		for (uint16_t i = 0; i < seg->data_len; i++)
			h = (h ^ d[i]) * 0x100000001b3ULL;
	}
	s->hash = h;
}

static void
sink_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	sink_record(ctx, pkt, dst, now_us);
	rte_pktmbuf_free(pkt);
}

const struct sctpdk_sim_node_ops tn_sink_ops = {.input = sink_input};

static void
echo_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	   const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct tn_echo *e = ctx;
	if (e->echoed >= e->max_echo) {
		rte_pktmbuf_free(pkt);
		return;
	}
	e->echoed++;
	sctpdk_sim_send(sim, pkt, dst, src);
}

const struct sctpdk_sim_node_ops tn_echo_ops = {.input = echo_input};

static void
timer_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	    const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct tn_timer *t = ctx;
	sink_record(&t->rx, pkt, dst, now_us);
	rte_pktmbuf_free(pkt);
}

static void
timer_fire(void *ctx, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct tn_timer *t = ctx;
	if (t->next >= t->n || now_us < t->deadlines[t->next])
		return; /* spurious call: nothing due */
	if (t->fired < 16)
		t->fired_at[t->fired] = now_us;
	t->fired++;
	if (t->send_on_fire) {
		const uint8_t data = 0;
		struct rte_mbuf *m = tn_pkt(t->mp, t->next, &data, 1, 16);
		if (m != NULL)
			sctpdk_sim_send(sim, m, &t->src, &t->dst);
	}
	t->next++;
}

static uint64_t
timer_deadline(void *ctx)
{
	struct tn_timer *t = ctx;
	return t->next < t->n ? t->deadlines[t->next] : SCTPDK_SIM_NEVER;
}

const struct sctpdk_sim_node_ops tn_timer_ops = {
    .input = timer_input,
    .timer = timer_fire,
    .next_deadline = timer_deadline,
};

static void
pump_tick(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct tn_pump *p = arg;
	if (p->ticks == 0)
		return;
	p->ticks--;
	for (unsigned int i = 0; i < p->burst; i++) {
		struct rte_mbuf *m = tn_pkt_len(p->mp, p->next_tag++, p->len);
		if (m != NULL)
			sctpdk_sim_send(sim, m, &p->src, &p->dst);
	}
	if (p->ticks > 0)
		sctpdk_sim_call_at(sim, now_us + p->period_us, pump_tick, p);
}

int
tn_pump_start(struct sctpdk_sim *sim, struct tn_pump *p, uint64_t at_us)
{
	return sctpdk_sim_call_at(sim, at_us, pump_tick, p);
}
