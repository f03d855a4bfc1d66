/* SPDX-License-Identifier: BSD-3-Clause */
#include <inttypes.h>
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "sack.h"
#include "tlv.h"

enum sctpdk_wire_reason
sctpdk_sack_decode(const struct sctpdk_chunk *c, struct sctpdk_sack *s)
{
	if (c->type != SCTPDK_CHUNK_SACK)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_SACK_FIXED_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	struct sctpdk_rd rd;
	sctpdk_chunk_value_reader(c, &rd);
	s->cum_tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	s->a_rwnd = sctpdk_rd_u32(&rd);
	s->n_gaps = sctpdk_rd_u16(&rd);
	s->n_dups = sctpdk_rd_u16(&rd);
	if (rd.err != 0)
		return SCTPDK_WIRE_R_PAST_END;
	if ((uint32_t)c->len != SCTPDK_SACK_FIXED_LEN + 4u * ((uint32_t)s->n_gaps + s->n_dups))
		return SCTPDK_WIRE_R_SACK_COUNTS;
	s->n_gaps_stored = s->n_gaps < SCTPDK_SACK_MAX_GAPS ? s->n_gaps : SCTPDK_SACK_MAX_GAPS;
	s->n_dups_stored = s->n_dups < SCTPDK_SACK_MAX_DUPS ? s->n_dups : SCTPDK_SACK_MAX_DUPS;
	for (uint16_t k = 0; k < s->n_gaps_stored; k++) {
		s->gaps[k].start = sctpdk_rd_u16(&rd);
		s->gaps[k].end = sctpdk_rd_u16(&rd);
	}
	sctpdk_rd_skip(&rd, 4u * (uint32_t)(s->n_gaps - s->n_gaps_stored));
	for (uint16_t k = 0; k < s->n_dups_stored; k++)
		s->dups[k] = sctpdk_tsn(sctpdk_rd_u32(&rd));
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

enum sctpdk_wire_reason
sctpdk_sack_gap_at(const struct sctpdk_chunk *c, const struct sctpdk_sack *s, uint16_t idx,
		   struct sctpdk_gap *g)
{
	if (idx >= s->n_gaps)
		return SCTPDK_WIRE_R_INDEX;
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &c->src, c->off + SCTPDK_SACK_FIXED_LEN + 4u * idx, 4);
	g->start = sctpdk_rd_u16(&rd);
	g->end = sctpdk_rd_u16(&rd);
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

enum sctpdk_wire_reason
sctpdk_sack_dup_at(const struct sctpdk_chunk *c, const struct sctpdk_sack *s, uint16_t idx,
		   sctpdk_tsn_t *tsn)
{
	if (idx >= s->n_dups)
		return SCTPDK_WIRE_R_INDEX;
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &c->src,
		       c->off + SCTPDK_SACK_FIXED_LEN + 4u * ((uint32_t)s->n_gaps + idx), 4);
	*tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

static inline void
be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
be32(uint8_t *p, uint32_t v)
{
	be16(p, (uint16_t)(v >> 16));
	be16(p + 2, (uint16_t)v);
}

int
sctpdk_sack_encode(struct sctpdk_wr *w, sctpdk_tsn_t cum_tsn, uint32_t a_rwnd,
		   const struct sctpdk_gap *gaps, uint16_t n_gaps, const sctpdk_tsn_t *dups,
		   uint16_t n_dups)
{
	if ((gaps == NULL && n_gaps > 0) || (dups == NULL && n_dups > 0))
		return SCTPDK_ERR_INVAL;
	/* Every receiver of DATA sends one per packet or two: the whole
	 * chunk (always a multiple of 4, no padding) in one bounds check. */
	uint32_t len = 16u + 4u * ((uint32_t)n_gaps + n_dups);
	if (len > UINT16_MAX)
		return SCTPDK_ERR_MSGSIZE;
	uint32_t mark = sctpdk_wr_mark(w);
	uint8_t *p = sctpdk_wr_take_(w, len);
	if (p == NULL)
		return sctpdk_wr_end(w, mark);
	p[0] = SCTPDK_CHUNK_SACK;
	p[1] = 0;
	be16(p + 2, (uint16_t)len);
	be32(p + 4, cum_tsn.v);
	be32(p + 8, a_rwnd);
	be16(p + 12, n_gaps);
	be16(p + 14, n_dups);
	p += 16;
	for (uint16_t k = 0; k < n_gaps; k++, p += 4) {
		be16(p, gaps[k].start);
		be16(p + 2, gaps[k].end);
	}
	for (uint16_t k = 0; k < n_dups; k++, p += 4)
		be32(p, dups[k].v);
	return 0;
}

int
sctpdk_sack_format(const struct sctpdk_sack *s, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "SACK cum=%" PRIu32 " a_rwnd=%" PRIu32 " gaps=%u", s->cum_tsn.v,
			 s->a_rwnd, s->n_gaps);
	for (uint16_t k = 0; k < s->n_gaps_stored && k < 8; k++) {
		size_t used = (size_t)n < cap ? (size_t)n : cap;
		n += snprintf(buf + used, cap - used, " [%u-%u]", s->gaps[k].start, s->gaps[k].end);
	}
	size_t used = (size_t)n < cap ? (size_t)n : cap;
	n += snprintf(buf + used, cap - used, " dups=%u", s->n_dups);
	for (uint16_t k = 0; k < s->n_dups_stored && k < 8; k++) {
		used = (size_t)n < cap ? (size_t)n : cap;
		n += snprintf(buf + used, cap - used, " [%" PRIu32 "]", s->dups[k].v);
	}
	return n;
}
