/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Serial number arithmetic (RFC 1982) for TSNs (32 bits) and SSNs (16 bits).
 *
 * Sequence numbers are small struct types so they cannot be compared with a
 * bare `<` by mistake. a < b when a != b and (b - a) mod 2^n < 2^(n-1). When
 * the distance is exactly 2^(n-1) the order is undefined (RFC 1982 3.2): lt,
 * gt, le and ge are then all false, and only eq tells them apart.
 * diff(a, b) is the signed distance a - b; at exactly half range it is
 * INT32_MIN (TSN) / INT16_MIN (SSN).
 */
#ifndef SCTPDK_WIRE_SERIAL_H
#define SCTPDK_WIRE_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sctpdk_tsn {
	uint32_t v;
} sctpdk_tsn_t;

typedef struct sctpdk_ssn {
	uint16_t v;
} sctpdk_ssn_t;

static inline sctpdk_tsn_t
sctpdk_tsn(uint32_t v)
{
	sctpdk_tsn_t t = {v};
	return t;
}

static inline bool
sctpdk_tsn_eq(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return a.v == b.v;
}

static inline bool
sctpdk_tsn_lt(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return a.v != b.v && (uint32_t)(b.v - a.v) < 0x80000000u;
}

static inline bool
sctpdk_tsn_gt(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return sctpdk_tsn_lt(b, a);
}

static inline bool
sctpdk_tsn_le(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return a.v == b.v || sctpdk_tsn_lt(a, b);
}

static inline bool
sctpdk_tsn_ge(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return a.v == b.v || sctpdk_tsn_lt(b, a);
}

/* Signed distance a - b (positive when a is after b). */
static inline int32_t
sctpdk_tsn_diff(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	uint32_t d = a.v - b.v;
	return d <= 0x7fffffffu ? (int32_t)d : -(int32_t)(~d) - 1;
}

/* a + n, wrapping. Serial addition is only defined for n < 2^31. */
static inline sctpdk_tsn_t
sctpdk_tsn_add(sctpdk_tsn_t a, uint32_t n)
{
	return sctpdk_tsn(a.v + n);
}

static inline sctpdk_tsn_t
sctpdk_tsn_next(sctpdk_tsn_t a)
{
	return sctpdk_tsn(a.v + 1);
}

/* The later (serial order) of a and b; a when undefined. */
static inline sctpdk_tsn_t
sctpdk_tsn_max(sctpdk_tsn_t a, sctpdk_tsn_t b)
{
	return sctpdk_tsn_lt(a, b) ? b : a;
}

static inline sctpdk_ssn_t
sctpdk_ssn(uint16_t v)
{
	sctpdk_ssn_t s = {v};
	return s;
}

static inline bool
sctpdk_ssn_eq(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	return a.v == b.v;
}

static inline bool
sctpdk_ssn_lt(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	return a.v != b.v && (uint16_t)(b.v - a.v) < 0x8000u;
}

static inline bool
sctpdk_ssn_gt(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	return sctpdk_ssn_lt(b, a);
}

static inline bool
sctpdk_ssn_le(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	return a.v == b.v || sctpdk_ssn_lt(a, b);
}

static inline bool
sctpdk_ssn_ge(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	return a.v == b.v || sctpdk_ssn_lt(b, a);
}

/* Signed distance a - b. */
static inline int16_t
sctpdk_ssn_diff(sctpdk_ssn_t a, sctpdk_ssn_t b)
{
	uint16_t d = (uint16_t)(a.v - b.v);
	return d <= 0x7fffu ? (int16_t)d : (int16_t)(-(int32_t)(uint16_t)~d - 1);
}

static inline sctpdk_ssn_t
sctpdk_ssn_add(sctpdk_ssn_t a, uint16_t n)
{
	return sctpdk_ssn((uint16_t)(a.v + n));
}

static inline sctpdk_ssn_t
sctpdk_ssn_next(sctpdk_ssn_t a)
{
	return sctpdk_ssn((uint16_t)(a.v + 1));
}

#endif
