/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC-32C (Castagnoli) for the SCTP checksum, RFC 9260 section 6.8 and
 * Appendix A.
 *
 * Polynomial 0x1EDC6F41 (reflected 0x82F63B78), initial value 0xFFFFFFFF,
 * reflected input and output, final XOR 0xFFFFFFFF. The checksum covers the
 * whole SCTP packet (common header and all chunks with padding) with the
 * checksum field set to zero, and is stored least significant byte first in
 * bytes 8..11 of the common header.
 *
 * Several implementations exist (portable slicing-by-8, x86 SSE4.2, ARMv8
 * CRC extension); which ones are built is decided at configure time. The
 * fastest one the CPU supports is chosen once, on first use or from a
 * start-up constructor, whichever comes first; the environment variable
 * SCTPDK_CRC32C=<name> overrides that choice. After start-up the choice is
 * read-only: every function here is safe to call from any thread at any
 * time. sctpdk_crc32c_select() exists for tests and benchmarks only.
 */
#ifndef SCTPDK_CRC32C_H
#define SCTPDK_CRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;

/* Length of the SCTP common header and offset of its checksum field. */
#define SCTPDK_CRC32C_SCTP_HDR_LEN   12u
#define SCTPDK_CRC32C_SCTP_CKSUM_OFF 8u
/* Initial raw state for sctpdk_crc32c_update(). */
#define SCTPDK_CRC32C_INIT 0xFFFFFFFFu

/*
 * Raw CRC-32C update: feed len bytes of buf into state and return the new
 * state. No initial or final XOR is applied, so a complete CRC over several
 * pieces is
 *     s = SCTPDK_CRC32C_INIT; s = update(s, a, na); s = update(s, b, nb); crc = ~s;
 * buf may be NULL when len is 0. Any alignment is accepted.
 */
uint32_t sctpdk_crc32c_update(uint32_t state, const void *buf, size_t len);

/* Complete CRC-32C value of buf[0..len): "123456789" gives 0xE3069283. */
uint32_t sctpdk_crc32c(const void *buf, size_t len);

/*
 * Complete CRC-32C value of the bytes [off, off+len) of a (possibly chained)
 * mbuf. The range must lie within pkt_len; bytes past the end of the chain
 * are never read (the CRC then covers only the bytes that exist).
 */
uint32_t sctpdk_crc32c_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len);

/*
 * Fill in the SCTP checksum of the packet that starts at sctp_off and runs
 * to the end of the mbuf chain (pkt_len): zero the checksum field, compute
 * the CRC over the packet and store it least significant byte first. The
 * checksum field may straddle segments. A packet shorter than the 12-byte
 * common header is left untouched.
 */
void sctpdk_sctp_cksum_set(struct rte_mbuf *m, uint32_t sctp_off);

/*
 * Check the SCTP checksum of the packet at sctp_off..pkt_len without
 * modifying the mbuf. Returns 1 if the stored checksum is right, 0 if it is
 * wrong or the packet is shorter than the common header.
 */
int sctpdk_sctp_cksum_ok(const struct rte_mbuf *m, uint32_t sctp_off);

/* Same as sctpdk_sctp_cksum_ok() over a flat buffer holding the SCTP packet. */
int sctpdk_sctp_cksum_ok_buf(const void *pkt, size_t len);

/* One CRC-32C implementation. */
struct sctpdk_crc32c_ops {
	const char *name;       /* "sw", "sse42", "armv8" */
	int (*available)(void); /* 1 if this CPU can run it */
	/* Raw update, same contract as sctpdk_crc32c_update(). */
	uint32_t (*update)(uint32_t state, const void *buf, size_t len);
};

/*
 * All implementations built into this binary, fastest first, whether or not
 * the CPU supports them (check ->available()). *n receives the count.
 */
const struct sctpdk_crc32c_ops *const *sctpdk_crc32c_impls(unsigned *n);

/* The implementation sctpdk_crc32c_update() currently uses. */
const struct sctpdk_crc32c_ops *sctpdk_crc32c_active(void);

/*
 * Make the named implementation the active one (tests and benchmarks only;
 * not to be called while other threads compute CRCs).
 * Returns 0, SCTPDK_ERR_NOTFOUND if no implementation has that name, or
 * SCTPDK_ERR_UNSUPP if this CPU cannot run it.
 */
int sctpdk_crc32c_select(const char *name);

#ifdef __cplusplus
}
#endif

#endif
