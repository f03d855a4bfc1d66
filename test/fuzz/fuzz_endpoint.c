/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: arbitrary packets to an endpoint in every state. */
#include <stddef.h>
#include <stdint.h>

#include "endpoint_core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_endpoint_one(data, size);
	return 0;
}
