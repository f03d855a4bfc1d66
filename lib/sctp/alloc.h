/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocator handed to protocol components at init.
 *
 * Components allocate only at init and, for object pools, when a pool
 * grows by a whole slab; never once per packet. Passing NULL wherever a
 * `const struct sctpdk_allocator *` is taken selects the libc allocator.
 */
#ifndef SCTPDK_SCTP_ALLOC_H
#define SCTPDK_SCTP_ALLOC_H

#include <stddef.h>

struct sctpdk_allocator {
	/* Return size bytes aligned to at least 16 (zeroing not required) or NULL. */
	void *(*alloc)(void *ctx, size_t size);
	/* Release memory returned by alloc; p may be NULL. */
	void (*free)(void *ctx, void *p);
	void *ctx;
};

/* Allocate size bytes through a (NULL: libc); returns zeroed memory or NULL. */
void *sctpdk_alloc_zero(const struct sctpdk_allocator *a, size_t size);

/* Free p (may be NULL) through a (NULL: libc). */
void sctpdk_alloc_free(const struct sctpdk_allocator *a, void *p);

#endif
