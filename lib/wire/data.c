/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "data.h"
#include "tlv.h"

enum sctpdk_wire_reason
sctpdk_data_decode(const struct sctpdk_chunk *c, struct sctpdk_data *d)
{
	if (c->type != SCTPDK_CHUNK_DATA)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_DATA_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	struct sctpdk_rd rd;
	sctpdk_chunk_value_reader(c, &rd);
	d->flags = c->flags;
	d->tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	d->sid = sctpdk_rd_u16(&rd);
	d->ssn = sctpdk_ssn(sctpdk_rd_u16(&rd));
	d->ppid = sctpdk_rd_u32(&rd);
	d->payload_off = c->off + SCTPDK_DATA_HDR_LEN;
	d->payload_len = (uint16_t)(c->len - SCTPDK_DATA_HDR_LEN);
	if (rd.err != 0)
		return SCTPDK_WIRE_R_PAST_END;
	return d->payload_len == 0 ? SCTPDK_WIRE_R_NO_USER_DATA : SCTPDK_WIRE_OK;
}

_Static_assert(SCTPDK_CHUNK_DATA == 0 && SCTPDK_DATA_HDR_LEN == 16, "sctpdk_data_hdr_put");

/* The 16 header bytes in one bounds check (DATA headers are written for
 * every chunk sent: the per-field checks of sctpdk_wr_u* cost more than
 * the stores). Returns 0 or SCTPDK_ERR_NOSPACE (nothing written). */
static int
put_hdr(struct sctpdk_wr *w, const struct sctpdk_data *d, uint16_t payload_len)
{
	uint8_t *p = sctpdk_wr_take_(w, SCTPDK_DATA_HDR_LEN);
	if (p == NULL)
		return SCTPDK_ERR_NOSPACE;
	sctpdk_data_hdr_put(p, d, payload_len);
	return 0;
}

int
sctpdk_data_encode_hdr(struct sctpdk_wr *w, const struct sctpdk_data *d, uint16_t payload_len)
{
	if (payload_len == 0 || payload_len > UINT16_MAX - SCTPDK_DATA_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_wr_mark(w);
	if (put_hdr(w, d, payload_len) != 0)
		return sctpdk_wr_end(w, mark);
	return 0;
}

int
sctpdk_data_encode(struct sctpdk_wr *w, const struct sctpdk_data *d, const void *payload,
		   uint16_t payload_len)
{
	if (payload == NULL || payload_len == 0 ||
	    payload_len > UINT16_MAX - SCTPDK_DATA_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_wr_mark(w);
	if (put_hdr(w, d, payload_len) != 0)
		return sctpdk_wr_end(w, mark);
	sctpdk_wr_bytes(w, payload, payload_len);
	sctpdk_wr_zero(w, sctpdk_pad4(payload_len) - payload_len);
	return sctpdk_wr_end(w, mark);
}

int
sctpdk_data_format(const struct sctpdk_data *d, char *buf, size_t cap)
{
	char fl[5];
	int k = 0;
	if (d->flags & SCTPDK_DATA_FLAG_U)
		fl[k++] = 'U';
	if (d->flags & SCTPDK_DATA_FLAG_B)
		fl[k++] = 'B';
	if (d->flags & SCTPDK_DATA_FLAG_E)
		fl[k++] = 'E';
	if (d->flags & SCTPDK_DATA_FLAG_I)
		fl[k++] = 'I';
	if (k == 0)
		fl[k++] = '-';
	fl[k] = '\0';
	return snprintf(buf, cap, "DATA flags=%s tsn=%u sid=%u ssn=%u ppid=%u len=%u", fl, d->tsn.v,
			d->sid, d->ssn.v, d->ppid, d->payload_len);
}
