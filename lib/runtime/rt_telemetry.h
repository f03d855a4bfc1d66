/* SPDX-License-Identifier: BSD-3-Clause */
/* Telemetry commands and their name/value views (tests read these). */
#ifndef SCTPDK_RT_TELEMETRY_H
#define SCTPDK_RT_TELEMETRY_H

#include <stdint.h>

#include <sctpdk/sctpdk_runtime.h>

struct rte_tel_data;

struct sctpdk_rt_kv {
	const char *name;
	uint64_t value;
};

/* Fill up to cap name/value pairs; returns how many exist. */
unsigned sctpdk_rt_stats_kv(const struct sctpdk_stack *st, struct sctpdk_rt_kv *kv, unsigned cap);
unsigned sctpdk_rt_assoc_kv(const struct sctpdk_rt_assoc_info *in, struct sctpdk_rt_kv *kv,
			    unsigned cap);

/* The registered callbacks (rte_telemetry's telemetry_cb). */
int sctpdk_rt_tel_stacks(const char *cmd, const char *params, struct rte_tel_data *d);
int sctpdk_rt_tel_stats(const char *cmd, const char *params, struct rte_tel_data *d);
int sctpdk_rt_tel_assocs(const char *cmd, const char *params, struct rte_tel_data *d);
int sctpdk_rt_tel_assoc(const char *cmd, const char *params, struct rte_tel_data *d);

#endif
