/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fixed-size object pool for per-message and per-fragment bookkeeping.
 *
 * Memory comes from the allocator in slabs of `slab_objs` objects, lazily,
 * up to `max_objs` objects; objects freed go to a free list and are reused,
 * slabs are returned only by sctpdk_objpool_free(). So the per-packet path
 * never calls the allocator once the pool has grown to its working size.
 * Single-threaded: the owner of the component that embeds it uses it.
 */
#ifndef SCTPDK_SCTP_OBJPOOL_H
#define SCTPDK_SCTP_OBJPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

struct sctpdk_objpool {
	const struct sctpdk_allocator *alloc;
	size_t obj_size; /* rounded up to 16 */
	uint32_t slab_objs;
	uint32_t max_objs; /* total cap over all slabs */
	uint32_t n_objs;   /* objects in allocated slabs */
	uint32_t in_use;   /* objects handed out */
	void *free_list;
	void *slabs; /* singly linked list of slabs */
};

/*
 * Prepare a pool of objects of obj_size bytes, at most max_objs of them,
 * grown slab_objs at a time (0: 64). No memory is taken yet.
 * Errors: SCTPDK_ERR_INVAL if obj_size or max_objs is 0.
 */
int sctpdk_objpool_init(struct sctpdk_objpool *p, const struct sctpdk_allocator *a, size_t obj_size,
			uint32_t max_objs, uint32_t slab_objs);

/* Release every slab. Objects still in use become invalid. */
void sctpdk_objpool_free(struct sctpdk_objpool *p);

/* A zeroed object, or NULL when max_objs are in use or the allocator fails. */
void *sctpdk_objpool_get(struct sctpdk_objpool *p);

/* Return an object obtained from this pool (NULL is ignored). */
void sctpdk_objpool_put(struct sctpdk_objpool *p, void *obj);

/* Objects currently handed out. */
static inline uint32_t
sctpdk_objpool_in_use(const struct sctpdk_objpool *p)
{
	return p->in_use;
}

#endif
