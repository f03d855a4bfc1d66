/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC-32C front end: the choice of implementation and the flat-buffer API.
 * The mbuf and SCTP checksum functions are in crc32c_sctp.c.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_branch_prediction.h>

#include "crc32c_impl.h"
#include "sctpdk_crc32c.h"
#include "sctpdk/sctpdk_error.h"

/*
 * The implementation in use. Set once, by the constructor below or by the
 * first call that gets here before it; both compute the same value, so the
 * compare-and-swap only keeps a concurrent sctpdk_crc32c_select() (tests)
 * from being overwritten. Read-only afterwards.
 */
static const struct sctpdk_crc32c_ops *active_ops;

static const struct sctpdk_crc32c_ops *
find(const char *name)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impl_list(&n);

	for (unsigned i = 0; i < n; i++)
		if (strcmp(l[i]->name, name) == 0)
			return l[i];
	return NULL;
}

static const struct sctpdk_crc32c_ops *
pick_default(void)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impl_list(&n);
	const char *want = getenv("SCTPDK_CRC32C");

	if (want != NULL) {
		const struct sctpdk_crc32c_ops *o = find(want);
		if (o != NULL && o->available())
			return o;
	}
	for (unsigned i = 0; i < n; i++)
		if (l[i]->available())
			return l[i];
	return &sctpdk_crc32c_sw_ops;
}

static const struct sctpdk_crc32c_ops *
get_active(void)
{
	const struct sctpdk_crc32c_ops *o = __atomic_load_n(&active_ops, __ATOMIC_ACQUIRE);
	const struct sctpdk_crc32c_ops *expected = NULL;

	if (likely(o != NULL))
		return o;
	o = pick_default();
	if (!__atomic_compare_exchange_n(&active_ops, &expected, o, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		o = expected;
	return o;
}

__attribute__((constructor)) static void
crc32c_choose(void)
{
	(void)get_active();
}

const struct sctpdk_crc32c_ops *const *
sctpdk_crc32c_impls(unsigned *n)
{
	return sctpdk_crc32c_impl_list(n);
}

const struct sctpdk_crc32c_ops *
sctpdk_crc32c_active(void)
{
	return get_active();
}

int
sctpdk_crc32c_select(const char *name)
{
	const struct sctpdk_crc32c_ops *o = name != NULL ? find(name) : NULL;

	if (o == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (!o->available())
		return SCTPDK_ERR_UNSUPP;
	__atomic_store_n(&active_ops, o, __ATOMIC_RELEASE);
	return 0;
}

uint32_t
sctpdk_crc32c_update(uint32_t state, const void *buf, size_t len)
{
	if (len == 0)
		return state;
	return get_active()->update(state, buf, len);
}

uint32_t
sctpdk_crc32c(const void *buf, size_t len)
{
	return ~sctpdk_crc32c_update(SCTPDK_CRC32C_INIT, buf, len);
}
