/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared parts of the reliability scenarios (sctp-reliab): the message
 * plan, the endpoint configuration, the simulated pair, the scale factor
 * and the suite fixture. The scenarios themselves are in reliab_*_test.c,
 * one file per group.
 *
 * SCTPDK_RELIAB_SCALE (percent, default 100) scales the bulk transfer
 * sizes; the sanitizer tree sets it (printed in the log).
 */
#ifndef SCTPDK_TEST_RELIAB_H
#define SCTPDK_TEST_RELIAB_H

#include <stdint.h>

#include <sctpdk/sctpdk_sctp.h>

#include "simpair.h"

#define N_STREAMS 8
#define MAX_MSG 16384 /* largest planned message */
#define RTT_US 50000u
#define RATE_BPS 100000000ull

/* The pool and pattern of the running suite. */
const struct sp_env *reliab_env(void);
/* Endpoint defaults of every scenario: N_STREAMS outbound streams. */
void reliab_config(struct sctpdk_sctp_config *cfg);
/* Plan random messages (1..MAX_MSG bytes, N_STREAMS streams, ordered)
 * totalling bytes. */
void reliab_plan(struct sp_dir *d, uint64_t bytes, uint64_t seed);
/* A pair on network 10.net.0.0 (n_paths paths) with cfg as template. */
void reliab_pair_init(struct sp_pair *p, uint64_t sim_seed, uint64_t rng_base, uint8_t net,
		      unsigned n_paths, const struct sctpdk_sctp_config *cfg);
/* SCTPDK_RELIAB_SCALE in percent (at least 1). */
uint32_t reliab_scale_pct(void);
/* Suite fixture: EAL, pool and pattern. */
int reliab_suite_init(void);
int reliab_suite_fini(void);

#endif
