/* SPDX-License-Identifier: BSD-3-Clause */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void *
sctpdk_alloc_zero(const struct sctpdk_allocator *a, size_t size)
{
	void *p = a != NULL ? a->alloc(a->ctx, size) : malloc(size);
	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void
sctpdk_alloc_free(const struct sctpdk_allocator *a, void *p)
{
	if (p == NULL)
		return;
	if (a != NULL)
		a->free(a->ctx, p);
	else
		free(p);
}
