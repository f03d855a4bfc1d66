/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Input framing shared by the wire fuzz target and its seed generator: the
 * first byte chooses how the rest (one SCTP packet) is split into an mbuf
 * chain: bits 0-1 segment count - 1 (3 means 1), bits 2-4 and 5-7 place
 * the two cuts in eighths of the remaining length.
 */
#ifndef SCTPDK_FUZZ_WIRE_UTIL_H
#define SCTPDK_FUZZ_WIRE_UTIL_H

#include <stdint.h>

static inline int
fuzz_wire_cuts(uint8_t ctl, uint32_t len, uint32_t cuts[2])
{
	int nseg = (ctl & 3) == 3 ? 1 : (ctl & 3) + 1;
	if (len < 2)
		return 0;
	uint32_t c1 = 1 + (uint32_t)((ctl >> 2) & 7) * (len - 1) / 8;
	uint32_t c2 = c1 + (uint32_t)((ctl >> 5) & 7) * (len - c1) / 8;
	if (c2 <= c1 || c2 >= len)
		c2 = c1;
	cuts[0] = c1;
	cuts[1] = c2;
	if (nseg == 3 && c2 == c1)
		nseg = 2;
	return nseg - 1;
}

#endif
