/* SPDX-License-Identifier: BSD-3-Clause */
/* Implementations built on arm64, fastest first. */
#include "crc32c_impl.h"

static const struct sctpdk_crc32c_ops *const impls[] = {
    &sctpdk_crc32c_armv8_ops,
    &sctpdk_crc32c_sw_ops,
};

const struct sctpdk_crc32c_ops *const *
sctpdk_crc32c_impl_list(unsigned *n)
{
	*n = sizeof(impls) / sizeof(impls[0]);
	return impls;
}
