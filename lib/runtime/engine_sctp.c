/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The sctpdk protocol core (lib/sctp) as the runtime's engine.
 * Not wired yet: stacks must name an engine explicitly.
 */
#include "rt_priv.h"

const struct sctpdk_rt_engine_ops *
sctpdk_rt_engine_core(void)
{
	return NULL;
}
