/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC-32C over mbuf chains and the SCTP checksum field (RFC 9260 section
 * 6.8 and Appendix A): the CRC covers the whole SCTP packet with the
 * checksum field taken as zero, and the value is stored least significant
 * byte first. Byte order is handled byte by byte, so no #if is needed.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_crc32c.h"

/* Raw update over [off, off+len) of an mbuf chain, clipped to the chain. */
static uint32_t
mbuf_update(uint32_t s, const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	const struct sctpdk_crc32c_ops *o = sctpdk_crc32c_active();

	while (m != NULL && off >= m->data_len) {
		off -= m->data_len;
		m = m->next;
	}
	while (m != NULL && len > 0) {
		uint32_t n = m->data_len - off;
		if (n > len)
			n = len;
		if (n > 0)
			s = o->update(s, rte_pktmbuf_mtod_offset(m, const uint8_t *, off), n);
		len -= n;
		off = 0;
		m = m->next;
	}
	return s;
}

uint32_t
sctpdk_crc32c_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	return ~mbuf_update(SCTPDK_CRC32C_INIT, m, off, len);
}

/* CRC of the SCTP packet at [off, pkt_len) with its checksum field read as zero. */
static uint32_t
sctp_crc_mbuf(const struct rte_mbuf *m, uint32_t off)
{
	static const uint8_t zero[4];
	uint32_t end = rte_pktmbuf_pkt_len(m);
	uint32_t s = SCTPDK_CRC32C_INIT;

	s = mbuf_update(s, m, off, SCTPDK_CRC32C_SCTP_CKSUM_OFF);
	s = sctpdk_crc32c_active()->update(s, zero, sizeof(zero));
	s = mbuf_update(s, m, off + SCTPDK_CRC32C_SCTP_HDR_LEN,
			end - off - SCTPDK_CRC32C_SCTP_HDR_LEN);
	return ~s;
}

static int
sctp_len_ok(const struct rte_mbuf *m, uint32_t off)
{
	uint32_t plen = rte_pktmbuf_pkt_len(m);
	return off <= plen && plen - off >= SCTPDK_CRC32C_SCTP_HDR_LEN;
}

static inline void
store_le32(uint8_t b[4], uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

void
sctpdk_sctp_cksum_set(struct rte_mbuf *m, uint32_t sctp_off)
{
	uint8_t b[4];
	uint32_t off = sctp_off + SCTPDK_CRC32C_SCTP_CKSUM_OFF;

	if (!sctp_len_ok(m, sctp_off))
		return;
	store_le32(b, sctp_crc_mbuf(m, sctp_off));
	/* Write the four bytes, which may straddle segments. */
	for (unsigned i = 0; i < 4 && m != NULL;) {
		if (off >= m->data_len) {
			off -= m->data_len;
			m = m->next;
			continue;
		}
		*rte_pktmbuf_mtod_offset(m, uint8_t *, off) = b[i++];
		off++;
	}
}

int
sctpdk_sctp_cksum_ok(const struct rte_mbuf *m, uint32_t sctp_off)
{
	uint8_t b[4], want[4];
	const void *stored;

	if (!sctp_len_ok(m, sctp_off))
		return 0;
	stored = rte_pktmbuf_read(m, sctp_off + SCTPDK_CRC32C_SCTP_CKSUM_OFF, sizeof(b), b);
	if (stored == NULL)
		return 0;
	store_le32(want, sctp_crc_mbuf(m, sctp_off));
	return memcmp(stored, want, sizeof(want)) == 0;
}

int
sctpdk_sctp_cksum_ok_buf(const void *pkt, size_t len)
{
	static const uint8_t zero[4];
	const uint8_t *p = pkt;
	const struct sctpdk_crc32c_ops *o;
	uint8_t want[4];
	uint32_t s = SCTPDK_CRC32C_INIT;

	if (pkt == NULL || len < SCTPDK_CRC32C_SCTP_HDR_LEN)
		return 0;
	o = sctpdk_crc32c_active();
	s = o->update(s, p, SCTPDK_CRC32C_SCTP_CKSUM_OFF);
	s = o->update(s, zero, sizeof(zero));
	if (len > SCTPDK_CRC32C_SCTP_HDR_LEN)
		s = o->update(s, p + SCTPDK_CRC32C_SCTP_HDR_LEN, len - SCTPDK_CRC32C_SCTP_HDR_LEN);
	store_le32(want, ~s);
	return memcmp(p + SCTPDK_CRC32C_SCTP_CKSUM_OFF, want, sizeof(want)) == 0;
}
