/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared parts of the reliability scenarios (see reliab.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "reliab.h"
#include "sctpdk_test.h"

static struct sp_env env;

const struct sp_env *
reliab_env(void)
{
	return &env;
}

void
reliab_config(struct sctpdk_sctp_config *cfg)
{
	sctpdk_sctp_config_default(cfg);
	cfg->out_streams = N_STREAMS;
}

void
reliab_plan(struct sp_dir *d, uint64_t bytes, uint64_t seed)
{
	uint32_t cap = (uint32_t)(bytes / 1000 + 16);
	sp_dir_alloc(d, cap);
	uint64_t st = seed, total = 0;
	uint32_t k = 0;
	while (total < bytes && k < cap) {
		uint64_t r = sctpdk_test_rand(&st);
		uint32_t len = 1 + (uint32_t)((r >> 16) % MAX_MSG);
		if (total + len > bytes)
			len = (uint32_t)(bytes - total);
		d->len[k] = len;
		d->sid[k] = (uint8_t)((r >> 3) % N_STREAMS);
		total += len;
		k++;
	}
	d->n = k;
}

void
reliab_pair_init(struct sp_pair *p, uint64_t sim_seed, uint64_t rng_base, uint8_t net,
		 unsigned n_paths, const struct sctpdk_sctp_config *cfg)
{
	sp_pair_init(p, &(struct sp_pair_cfg){.env = &env,
					      .sim_seed = sim_seed,
					      .rng_base = rng_base,
					      .net = net,
					      .n_paths = n_paths,
					      .ep = cfg});
}

uint32_t
reliab_scale_pct(void)
{
	const char *e = getenv("SCTPDK_RELIAB_SCALE");
	uint32_t s = e != NULL ? (uint32_t)strtoul(e, NULL, 10) : 100u;
	return s == 0 ? 1 : s;
}

int
reliab_suite_init(void)
{
	int rc = sctpdk_test_eal_init();
	if (rc != 0)
		return rc;
	printf("\n  reliability scenarios: SCTPDK_RELIAB_SCALE=%u%%\n", reliab_scale_pct());
	return sp_env_init(&env, "reliab_pool", 4242);
}

int
reliab_suite_fini(void)
{
	sp_env_fini(&env);
	return 0;
}
