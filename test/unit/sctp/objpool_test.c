/* SPDX-License-Identifier: BSD-3-Clause */
/* Object pool used by the data-transfer components. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "objpool.h"

struct counting {
	int allocs;
	int frees;
	int fail;
};

static void *
c_alloc(void *ctx, size_t size)
{
	struct counting *c = ctx;
	if (c->fail)
		return NULL;
	c->allocs++;
	return malloc(size);
}

static void
c_free(void *ctx, void *p)
{
	struct counting *c = ctx;
	c->frees++;
	free(p);
}

static void
test_objpool_cap_reuse_and_slabs(void)
{
	struct counting c = {0, 0, 0};
	struct sctpdk_allocator a = {c_alloc, c_free, &c};
	struct sctpdk_objpool p;
	CU_ASSERT_EQUAL(sctpdk_objpool_init(&p, &a, 0, 10, 4), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL_FATAL(sctpdk_objpool_init(&p, &a, 40, 10, 4), 0);
	CU_ASSERT_EQUAL(p.obj_size, 48);
	CU_ASSERT_EQUAL(c.allocs, 0);
	void *o[11];
	for (int i = 0; i < 10; i++) {
		o[i] = sctpdk_objpool_get(&p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(o[i]);
		CU_ASSERT_EQUAL((uintptr_t)o[i] % 16, 0);
		memset(o[i], 0xab, 40);
	}
	CU_ASSERT_EQUAL(c.allocs, 3); /* slabs of 4, 4, 2 */
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&p), 10);
	CU_ASSERT_PTR_NULL(sctpdk_objpool_get(&p)); /* cap reached */
	sctpdk_objpool_put(&p, o[3]);
	sctpdk_objpool_put(&p, NULL);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&p), 9);
	o[10] = sctpdk_objpool_get(&p);
	CU_ASSERT_PTR_EQUAL(o[10], o[3]);                 /* reused */
	CU_ASSERT_EQUAL(((unsigned char *)o[10])[39], 0); /* zeroed */
	CU_ASSERT_EQUAL(c.allocs, 3);
	sctpdk_objpool_free(&p);
	CU_ASSERT_EQUAL(c.frees, 3);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&p), 0);
}

static void
test_objpool_allocator_failure(void)
{
	struct counting c = {0, 0, 1};
	struct sctpdk_allocator a = {c_alloc, c_free, &c};
	struct sctpdk_objpool p;
	CU_ASSERT_EQUAL_FATAL(sctpdk_objpool_init(&p, &a, 8, 100, 0), 0);
	CU_ASSERT_PTR_NULL(sctpdk_objpool_get(&p));
	c.fail = 0;
	CU_ASSERT_PTR_NOT_NULL(sctpdk_objpool_get(&p));
	CU_ASSERT_EQUAL(c.allocs, 1);
	sctpdk_objpool_free(&p);
	CU_ASSERT_EQUAL(c.frees, 1);
}

SCTPDK_TEST_SUITE(sctp_objpool, NULL, NULL, SCTPDK_TEST(test_objpool_cap_reuse_and_slabs),
		  SCTPDK_TEST(test_objpool_allocator_failure))
