/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Serial number arithmetic (RFC 1982) for SCTP sequence numbers.
 *
 * TSNs are 32-bit and SSNs 16-bit serial numbers (RFC 9260 sections 3.3.1
 * and 1.6). They wrap, so they are never compared with a bare '<': use these
 * helpers. For two numbers exactly half the space apart RFC 1982 leaves the
 * order undefined; here a is then reported "less than" b (and b less than
 * a), which callers must not rely on.
 *
 * All helpers are pure and thread-safe.
 */
#ifndef SCTPDK_SN_H
#define SCTPDK_SN_H

#include <stdbool.h>
#include <stdint.h>

/* a < b in 32-bit serial arithmetic. */
static inline bool
sctpdk_tsn_lt(uint32_t a, uint32_t b)
{
	return a != b && (int32_t)(a - b) < 0;
}

/* a <= b in 32-bit serial arithmetic. */
static inline bool
sctpdk_tsn_le(uint32_t a, uint32_t b)
{
	return a == b || (int32_t)(a - b) < 0;
}

/* a > b in 32-bit serial arithmetic. */
static inline bool
sctpdk_tsn_gt(uint32_t a, uint32_t b)
{
	return sctpdk_tsn_lt(b, a);
}

/* a >= b in 32-bit serial arithmetic. */
static inline bool
sctpdk_tsn_ge(uint32_t a, uint32_t b)
{
	return sctpdk_tsn_le(b, a);
}

/* The larger of two TSNs in serial order. */
static inline uint32_t
sctpdk_tsn_max(uint32_t a, uint32_t b)
{
	return sctpdk_tsn_lt(a, b) ? b : a;
}

/* a < b in 16-bit serial arithmetic. */
static inline bool
sctpdk_ssn_lt(uint16_t a, uint16_t b)
{
	return a != b && (int16_t)(uint16_t)(a - b) < 0;
}

/* a <= b in 16-bit serial arithmetic. */
static inline bool
sctpdk_ssn_le(uint16_t a, uint16_t b)
{
	return a == b || (int16_t)(uint16_t)(a - b) < 0;
}

/* a > b in 16-bit serial arithmetic. */
static inline bool
sctpdk_ssn_gt(uint16_t a, uint16_t b)
{
	return sctpdk_ssn_lt(b, a);
}

/* a >= b in 16-bit serial arithmetic. */
static inline bool
sctpdk_ssn_ge(uint16_t a, uint16_t b)
{
	return sctpdk_ssn_le(b, a);
}

#endif
