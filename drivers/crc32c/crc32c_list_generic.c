/* SPDX-License-Identifier: BSD-3-Clause */
/* Implementations built on CPUs without a dedicated variant. */
#include "crc32c_impl.h"

static const struct sctpdk_crc32c_ops *const impls[] = {
    &sctpdk_crc32c_sw_ops,
};

const struct sctpdk_crc32c_ops *const *
sctpdk_crc32c_impl_list(unsigned *n)
{
	*n = sizeof(impls) / sizeof(impls[0]);
	return impls;
}
