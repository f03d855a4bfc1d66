/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Transport addresses as the stack passes them between layers: the
 * protocol core, the simulator, the runtime and the facade all use this
 * one representation (network byte order inside, like sockaddr).
 */
#ifndef SCTPDK_ADDR_H
#define SCTPDK_ADDR_H

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCTPDK_AF_INET  4
#define SCTPDK_AF_INET6 6

struct sctpdk_addr {
	uint8_t family; /* SCTPDK_AF_INET or SCTPDK_AF_INET6; 0 = unset */
	uint8_t pad[3];
	union {
		uint32_t v4;    /* network byte order */
		uint8_t v6[16]; /* network byte order */
	} u;
};

/* Equal when family and address bytes match. */
static inline int
sctpdk_addr_eq(const struct sctpdk_addr *a, const struct sctpdk_addr *b)
{
	if (a->family != b->family)
		return 0;
	if (a->family == SCTPDK_AF_INET)
		return a->u.v4 == b->u.v4;
	return memcmp(a->u.v6, b->u.v6, 16) == 0;
}

/* Build an IPv4 address from host-order a.b.c.d octets. */
static inline struct sctpdk_addr
sctpdk_addr_v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct sctpdk_addr x;
	memset(&x, 0, sizeof(x));
	x.family = SCTPDK_AF_INET;
	uint8_t *p = (uint8_t *)&x.u.v4;
	p[0] = a;
	p[1] = b;
	p[2] = c;
	p[3] = d;
	return x;
}

#ifdef __cplusplus
}
#endif

#endif
