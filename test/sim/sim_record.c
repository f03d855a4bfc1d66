/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Observation: the tap callback, the bounded recorder, the run's trace
 * hash, and a minimal chunk-type walker (the real codec is lib/wire; the
 * simulator must not depend on it).
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sim_priv.h"

#define TRACE_PRIME 0xff51afd7ed558ccdULL
#define TRACE_BYTES 16 /* leading packet bytes folded into the trace */

void
sim_trace_mix(struct sctpdk_sim *sim, uint64_t v)
{
	/* one multiply-xorshift round per word: order-sensitive and cheap */
	uint64_t h = (sim->trace ^ v) * TRACE_PRIME;
	sim->trace = h ^ (h >> 29);
}

/* ---- chunk walker ---- */

#define COMMON_HDR_LEN 12

unsigned int
sctpdk_sim_buf_chunk_types(const uint8_t *buf, size_t len, uint8_t *types, unsigned int max)
{
	unsigned int n = 0;
	size_t off = COMMON_HDR_LEN;
	if (buf == NULL)
		return 0;
	while (off + 4 <= len) {
		size_t clen = (size_t)buf[off + 2] << 8 | buf[off + 3];
		if (clen < 4 || clen > len - off)
			break;
		if (types != NULL && n < max)
			types[n] = buf[off];
		n++;
		off += (clen + 3) & ~(size_t)3;
	}
	return n;
}

unsigned int
sctpdk_sim_chunk_types(const struct rte_mbuf *pkt, uint8_t *types, unsigned int max)
{
	if (pkt == NULL)
		return 0;
	uint32_t len = rte_pktmbuf_pkt_len(pkt);
	if (rte_pktmbuf_is_contiguous(pkt))
		return sctpdk_sim_buf_chunk_types(rte_pktmbuf_mtod(pkt, const uint8_t *), len,
						  types, max);
	unsigned int n = 0;
	uint32_t off = COMMON_HDR_LEN;
	while (off + 4 <= len) {
		uint8_t tmp[4];
		const uint8_t *h = rte_pktmbuf_read(pkt, off, 4, tmp);
		if (h == NULL)
			break;
		uint32_t clen = (uint32_t)h[2] << 8 | h[3];
		if (clen < 4 || clen > len - off)
			break;
		if (types != NULL && n < max)
			types[n] = h[0];
		n++;
		off += (clen + 3) & ~3u;
	}
	return n;
}

int
sctpdk_sim_has_chunk(const struct rte_mbuf *pkt, uint8_t type)
{
	uint8_t types[64];
	unsigned int n = sctpdk_sim_chunk_types(pkt, types, 64);
	if (n > 64) {
		/* rare: more chunks than the buffer; walk again without limit */
		uint8_t *all = malloc(n);
		if (all == NULL)
			return 0;
		n = sctpdk_sim_chunk_types(pkt, all, n);
		int found = memchr(all, type, n) != NULL;
		free(all);
		return found;
	}
	return memchr(types, type, n) != NULL;
}

/* ---- tap, recorder and trace ---- */

void
sctpdk_sim_set_tap(struct sctpdk_sim *sim, sctpdk_sim_tap_fn fn, void *arg)
{
	sim->tap = fn;
	sim->tap_arg = arg;
}

static void
record(struct sctpdk_sim *sim, const struct sctpdk_sim_pkt_event *ev)
{
	struct sim_recorder *r = &sim->rec;
	unsigned int slot = r->next;
	struct sctpdk_sim_record *rec = &r->recs[slot];
	uint8_t *snap = r->snaps + (size_t)slot * r->snap_bytes;
	uint32_t len = ev->pkt != NULL ? rte_pktmbuf_pkt_len(ev->pkt) : 0;

	memset(rec, 0, sizeof(*rec));
	rec->time_us = ev->time_us;
	rec->pkt_id = ev->pkt_id;
	rec->orig_id = ev->orig_id;
	rec->link = ev->link;
	rec->dir = ev->dir;
	rec->type = ev->type;
	rec->reason = ev->reason;
	rec->src = *ev->src;
	rec->dst = *ev->dst;
	rec->pkt_len = len;
	rec->snap_len = len < r->snap_bytes ? len : r->snap_bytes;
	if (rec->snap_len > 0) {
		const void *p = rte_pktmbuf_read(ev->pkt, 0, rec->snap_len, snap);
		if (p != snap)
			memcpy(snap, p, rec->snap_len);
	}
	rec->snap = snap;
	if (ev->pkt != NULL)
		rec->n_chunks = sctpdk_sim_chunk_types(ev->pkt, rec->chunks, SCTPDK_SIM_REC_CHUNKS);

	r->next = (slot + 1) % r->cap;
	if (r->count < r->cap)
		r->count++;
	r->total++;
}

void
sim_emit(struct sctpdk_sim *sim, const struct sctpdk_sim_pkt_event *ev)
{
	uint32_t len = ev->pkt != NULL ? rte_pktmbuf_pkt_len(ev->pkt) : 0;
	sim_trace_mix(sim, (uint64_t)ev->type << 56 ^ (uint64_t)ev->reason << 48 ^
			       (uint64_t)(uint32_t)ev->link << 16 ^ (uint64_t)ev->dir << 8);
	sim_trace_mix(sim, ev->time_us ^ ev->at_us << 20);
	sim_trace_mix(sim, ev->pkt_id ^ ev->orig_id << 32 ^ (uint64_t)len << 40);
	if (len > 0) {
		uint8_t tmp[TRACE_BYTES] = {0};
		uint32_t k = len < TRACE_BYTES ? len : TRACE_BYTES;
		const uint8_t *p = rte_pktmbuf_read(ev->pkt, 0, k, tmp);
		uint64_t a = 0, b = 0;
		if (p != NULL) {
			uint8_t w[TRACE_BYTES] = {0};
			memcpy(w, p, k);
			memcpy(&a, w, 8);
			memcpy(&b, w + 8, 8);
		}
		sim_trace_mix(sim, a);
		sim_trace_mix(sim, b);
	}

	if (sim->rec.cap > 0 && (sim->rec.mask & SCTPDK_SIM_EV_MASK(ev->type)))
		record(sim, ev);
	if (sim->pcap != NULL && (sim->pcap_mask & SCTPDK_SIM_EV_MASK(ev->type)))
		sim_pcap_write(sim, ev);
	if (sim->tap != NULL)
		sim->tap(sim->tap_arg, ev);
}

int
sctpdk_sim_recorder_enable(struct sctpdk_sim *sim, unsigned int capacity, unsigned int snap_bytes,
			   uint32_t event_mask)
{
	if (snap_bytes > 65535)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_sim_record *recs = NULL;
	uint8_t *snaps = NULL;
	if (capacity > 0) {
		recs = calloc(capacity, sizeof(*recs));
		snaps = calloc((size_t)capacity * snap_bytes + 1, 1);
		if (recs == NULL || snaps == NULL) {
			free(recs);
			free(snaps);
			return SCTPDK_ERR_NOMEM;
		}
	}
	sim_recorder_free(sim);
	sim->rec.recs = recs;
	sim->rec.snaps = snaps;
	sim->rec.cap = capacity;
	sim->rec.snap_bytes = snap_bytes;
	sim->rec.mask = event_mask;
	return 0;
}

void
sim_recorder_free(struct sctpdk_sim *sim)
{
	free(sim->rec.recs);
	free(sim->rec.snaps);
	memset(&sim->rec, 0, sizeof(sim->rec));
}

unsigned int
sctpdk_sim_recorder_count(const struct sctpdk_sim *sim)
{
	return sim->rec.count;
}

uint64_t
sctpdk_sim_recorder_total(const struct sctpdk_sim *sim)
{
	return sim->rec.total;
}

const struct sctpdk_sim_record *
sctpdk_sim_recorder_get(const struct sctpdk_sim *sim, unsigned int i)
{
	const struct sim_recorder *r = &sim->rec;
	if (i >= r->count)
		return NULL;
	unsigned int oldest = (r->next + r->cap - r->count) % r->cap;
	return &r->recs[(oldest + i) % r->cap];
}

void
sctpdk_sim_recorder_clear(struct sctpdk_sim *sim)
{
	sim->rec.count = 0;
	sim->rec.next = 0;
	sim->rec.total = 0;
}
