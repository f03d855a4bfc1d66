/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the lib/wire tests: mbuf chains from flat bytes. */
#ifndef SCTPDK_WIRE_TEST_UTIL_H
#define SCTPDK_WIRE_TEST_UTIL_H

#include <stdint.h>

struct rte_mbuf;

/* Suite init: EAL fixture. */
int wire_test_eal(void);

/*
 * An mbuf chain holding p[0..len), split into segments at the given
 * increasing offsets (ncuts of them; 0 = one segment). NULL on failure.
 */
struct rte_mbuf *wire_test_chain(const void *p, uint32_t len, const uint32_t *cuts, int ncuts);

/* A one-segment mbuf holding p[0..len). */
struct rte_mbuf *wire_test_mbuf(const void *p, uint32_t len);



#include "sctpdk_wire.h"

/* Views over a flat buffer holding one TLV at offset 0 (0 on success). */
int wire_test_param(const void *b, uint32_t len, struct sctpdk_param *p);
int wire_test_cause(const void *b, uint32_t len, struct sctpdk_cause *c);
#endif
