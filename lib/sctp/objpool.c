/* SPDX-License-Identifier: BSD-3-Clause */
#include "objpool.h"

#include <string.h>

#include "sctpdk/sctpdk_error.h"

#define SLAB_HDR 16 /* keeps objects 16-byte aligned after the slab link */

int
sctpdk_objpool_init(struct sctpdk_objpool *p, const struct sctpdk_allocator *a, size_t obj_size,
		    uint32_t max_objs, uint32_t slab_objs)
{
	if (obj_size == 0 || max_objs == 0)
		return SCTPDK_ERR_INVAL;
	memset(p, 0, sizeof(*p));
	p->alloc = a;
	p->obj_size = (obj_size + 15) & ~(size_t)15;
	p->slab_objs = slab_objs != 0 ? slab_objs : 64;
	p->max_objs = max_objs;
	return 0;
}

void
sctpdk_objpool_free(struct sctpdk_objpool *p)
{
	void *s = p->slabs;
	while (s != NULL) {
		void *next = *(void **)s;
		sctpdk_alloc_free(p->alloc, s);
		s = next;
	}
	p->slabs = NULL;
	p->free_list = NULL;
	p->n_objs = 0;
	p->in_use = 0;
}

static int
grow(struct sctpdk_objpool *p)
{
	uint32_t n = p->slab_objs;
	if (n > p->max_objs - p->n_objs)
		n = p->max_objs - p->n_objs;
	if (n == 0)
		return -1;
	char *s = sctpdk_alloc_zero(p->alloc, SLAB_HDR + (size_t)n * p->obj_size);
	if (s == NULL)
		return -1;
	*(void **)s = p->slabs;
	p->slabs = s;
	for (uint32_t i = n; i-- > 0;) {
		void *o = s + SLAB_HDR + (size_t)i * p->obj_size;
		*(void **)o = p->free_list;
		p->free_list = o;
	}
	p->n_objs += n;
	return 0;
}

void *
sctpdk_objpool_get(struct sctpdk_objpool *p)
{
	if (p->free_list == NULL && grow(p) != 0)
		return NULL;
	void *o = p->free_list;
	p->free_list = *(void **)o;
	memset(o, 0, p->obj_size);
	p->in_use++;
	return o;
}

void
sctpdk_objpool_put(struct sctpdk_objpool *p, void *obj)
{
	if (obj == NULL)
		return;
	*(void **)obj = p->free_list;
	p->free_list = obj;
	p->in_use--;
}
