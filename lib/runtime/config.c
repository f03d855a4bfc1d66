/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * INI configuration (rte_cfgfile) -> struct sctpdk_stack_config.
 * See config/sctpdk.ini for every key.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cfgfile.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#include "rt_priv.h"

static int
parse_u32(const char *sec, const char *key, const char *v, uint32_t max, uint32_t *out)
{
	char *end;
	errno = 0;
	unsigned long x = strtoul(v, &end, 0);
	if (errno != 0 || end == v || *end != '\0' || x > max || v[0] == '-') {
		RT_LOG(ERR, "config [%s] %s: bad number '%s'", sec, key, v);
		return SCTPDK_ERR_MALFORMED;
	}
	*out = (uint32_t)x;
	return 0;
}

/* "a, b, c" -> up to max items handed to fn; returns count or error */
static int
parse_list(const char *sec, const char *key, const char *v, unsigned max,
	   int (*fn)(const char *sec, const char *key, const char *item, unsigned i, void *arg),
	   void *arg)
{
	char buf[CFG_VALUE_LEN];
	snprintf(buf, sizeof(buf), "%s", v);
	unsigned n = 0;
	char *save = NULL;
	for (char *t = strtok_r(buf, ", \t", &save); t != NULL; t = strtok_r(NULL, ", \t", &save)) {
		if (n == max) {
			RT_LOG(ERR, "config [%s] %s: more than %u items", sec, key, max);
			return SCTPDK_ERR_MALFORMED;
		}
		int rc = fn(sec, key, t, n, arg);
		if (rc != 0)
			return rc;
		n++;
	}
	return (int)n;
}

static int
one_lcore(const char *sec, const char *key, const char *item, unsigned i, void *arg)
{
	struct sctpdk_stack_config *cfg = arg;
	return parse_u32(sec, key, item, RTE_MAX_LCORE - 1, &cfg->lcores[i]);
}

/* "a.b.c.d[/len]" or "x::y[/len]" */
static int
one_addr(const char *sec, const char *key, const char *item, unsigned i, void *arg)
{
	struct sctpdk_rt_port_cfg *p = arg;
	struct sctpdk_addr *a = &p->addrs[i];
	char buf[64];
	uint32_t len = 0;
	snprintf(buf, sizeof(buf), "%s", item);
	char *slash = strchr(buf, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (parse_u32(sec, key, slash + 1, 128, &len) != 0)
			return SCTPDK_ERR_MALFORMED;
	}
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, buf, &a->u.v4) == 1 && len <= 32) {
		a->family = SCTPDK_AF_INET;
	} else if (inet_pton(AF_INET6, buf, a->u.v6) == 1) {
		a->family = SCTPDK_AF_INET6;
	} else {
		RT_LOG(ERR, "config [%s] %s: bad address '%s'", sec, key, item);
		return SCTPDK_ERR_MALFORMED;
	}
	p->prefix_len[i] = (uint8_t)len;
	return 0;
}

/* "203.0.113.0/24 via 198.18.0.254, default via 198.18.0.1": items split
 * at commas, each parsed by lib/net */
static int
load_routes(const char *sec, const char *v, struct sctpdk_rt_port_cfg *p)
{
	char buf[CFG_VALUE_LEN];
	snprintf(buf, sizeof(buf), "%s", v);
	char *save = NULL;
	p->n_routes = 0;
	for (char *t = strtok_r(buf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if (p->n_routes == SCTPDK_RT_MAX_PORT_ROUTES) {
			RT_LOG(ERR, "config [%s] routes: more than %u", sec,
			       SCTPDK_RT_MAX_PORT_ROUTES);
			return SCTPDK_ERR_MALFORMED;
		}
		struct sctpdk_rt_route *r = &p->routes[p->n_routes];
		if (sctpdk_net_route_parse(t, &r->prefix, &r->prefix_len, &r->gateway) != 0) {
			RT_LOG(ERR, "config [%s] routes: bad route '%s'", sec, t);
			return SCTPDK_ERR_MALFORMED;
		}
		p->n_routes++;
	}
	return 0;
}

#define U32(sec, key, field, max)                                                                  \
	do {                                                                                       \
		const char *v_ = rte_cfgfile_get_entry(f, sec, key);                               \
		uint32_t x_;                                                                       \
		if (v_ != NULL) {                                                                  \
			if ((rc = parse_u32(sec, key, v_, max, &x_)) != 0)                         \
				goto out;                                                          \
			field = x_;                                                                \
		}                                                                                  \
	} while (0)

static int
load_stack(struct rte_cfgfile *f, struct sctpdk_stack_config *cfg)
{
	const char *sec = "stack";
	int rc = 0;
	const char *v;
	if (!rte_cfgfile_has_section(f, sec))
		return 0;
	if ((v = rte_cfgfile_get_entry(f, sec, "name")) != NULL)
		snprintf(cfg->name, sizeof(cfg->name), "%s", v);
	if ((v = rte_cfgfile_get_entry(f, sec, "lcores")) != NULL) {
		rc = parse_list(sec, "lcores", v, SCTPDK_RT_MAX_LCORES, one_lcore, cfg);
		if (rc < 0)
			goto out;
		cfg->n_lcores = (unsigned)rc;
		rc = 0;
	}
	if ((v = rte_cfgfile_get_entry(f, sec, "pcapng")) != NULL)
		snprintf(cfg->pcapng_path, sizeof(cfg->pcapng_path), "%s", v);
	U32(sec, "idle_sleep_us", cfg->idle_sleep_us, 1000000);
	U32(sec, "idle_spins", cfg->idle_spins, UINT32_MAX);
	U32(sec, "idle_sleep_max_us", cfg->idle_sleep_max_us, 1000000);
	U32(sec, "max_assocs", cfg->max_assocs, 1u << 24);
	U32(sec, "assoc_ring_size", cfg->assoc_ring_size, 1u << 20);
	U32(sec, "ep_ring_size", cfg->ep_ring_size, 1u << 20);
	U32(sec, "cmd_ring_size", cfg->cmd_ring_size, 1u << 20);
	U32(sec, "event_ring_size", cfg->event_ring_size, 1u << 20);
	U32(sec, "mbufs", cfg->n_mbufs, 1u << 24);
	U32(sec, "big_mbufs", cfg->n_big_mbufs, 1u << 20);
	U32(sec, "timer_tick_us", cfg->timer_tick_us, 1000000);
	U32(sec, "max_run_eps", cfg->max_run_eps, 4096);
	U32(sec, "init_on_owner", cfg->init_on_owner, 1);
	U32(sec, "ootb_rate", cfg->ootb_rate, 10000000);
	U32(sec, "ootb_burst", cfg->ootb_burst, 1000000);
out:
	return rc;
}

static int
load_port(struct rte_cfgfile *f, const char *sec, struct sctpdk_rt_port_cfg *p)
{
	int rc = 0;
	const char *v;
	memset(p, 0, sizeof(*p));
	if ((v = rte_cfgfile_get_entry(f, sec, "dev")) != NULL)
		snprintf(p->dev_name, sizeof(p->dev_name), "%s", v);
	U32(sec, "port_id", p->port_id, UINT16_MAX);
	U32(sec, "mtu", p->mtu, 9216);
	U32(sec, "rx_desc", p->rx_desc, 32768);
	U32(sec, "tx_desc", p->tx_desc, 32768);
	if ((v = rte_cfgfile_get_entry(f, sec, "addrs")) != NULL) {
		rc = parse_list(sec, "addrs", v, SCTPDK_RT_MAX_PORT_ADDR, one_addr, p);
		if (rc < 0)
			goto out;
		p->n_addrs = (uint16_t)rc;
		rc = 0;
	}
	if ((v = rte_cfgfile_get_entry(f, sec, "routes")) != NULL)
		rc = load_routes(sec, v, p);
out:
	return rc;
}

static int
load_ep(struct rte_cfgfile *f, const char *sec, struct sctpdk_rt_ep_cfg *e)
{
	int rc = 0;
	uint32_t listening = 0;
	memset(e, 0, sizeof(*e));
	U32(sec, "port", e->local_port, UINT16_MAX);
	U32(sec, "owner", e->owner, SCTPDK_RT_MAX_LCORES - 1);
	U32(sec, "listen", listening, 1);
	e->listening = (int)listening;
	if (e->local_port == 0) {
		RT_LOG(ERR, "config [%s]: port missing", sec);
		rc = SCTPDK_ERR_MALFORMED;
	}
out:
	return rc;
}

static int
load_proto(struct rte_cfgfile *f, struct sctpdk_rt_proto_cfg *p)
{
	const char *sec = "protocol";
	int rc = 0;
	U32(sec, "rto_initial_us", p->rto_initial_us, UINT32_MAX);
	U32(sec, "rto_min_us", p->rto_min_us, UINT32_MAX);
	U32(sec, "rto_max_us", p->rto_max_us, UINT32_MAX);
	U32(sec, "max_retrans", p->max_retrans, 1000);
	U32(sec, "max_init_retrans", p->max_init_retrans, 1000);
	U32(sec, "cookie_life_us", p->cookie_life_us, UINT32_MAX);
	U32(sec, "sack_delay_us", p->sack_delay_us, 500000);
	U32(sec, "rwnd_bytes", p->rwnd_bytes, UINT32_MAX);
	U32(sec, "out_streams", p->out_streams, UINT16_MAX);
	U32(sec, "max_in_streams", p->max_in_streams, UINT16_MAX);
out:
	return rc;
}

int
sctpdk_stack_config_load(struct sctpdk_stack_config *cfg, const char *path)
{
	if (cfg == NULL || path == NULL)
		return SCTPDK_ERR_INVAL;
	struct rte_cfgfile *f = rte_cfgfile_load(path, 0);
	if (f == NULL) {
		RT_LOG(ERR, "config %s: cannot load", path);
		return SCTPDK_ERR_NOTFOUND;
	}
	int rc = load_stack(f, cfg);
	if (rc == 0)
		rc = load_proto(f, &cfg->proto);
	char sec[CFG_NAME_LEN];
	for (unsigned i = 0; rc == 0 && i < SCTPDK_RT_MAX_PORTS; i++) {
		snprintf(sec, sizeof(sec), "port.%u", i);
		if (!rte_cfgfile_has_section(f, sec))
			break;
		rc = load_port(f, sec, &cfg->ports[i]);
		cfg->n_ports = i + 1;
	}
	for (unsigned i = 0; rc == 0 && i < SCTPDK_RT_MAX_EPS; i++) {
		snprintf(sec, sizeof(sec), "endpoint.%u", i);
		if (!rte_cfgfile_has_section(f, sec))
			break;
		rc = load_ep(f, sec, &cfg->eps[i]);
		cfg->n_eps = i + 1;
	}
	rte_cfgfile_close(f);
	return rc;
}
