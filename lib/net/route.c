/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Static route table, IPv4 and IPv6: directly connected prefixes (added
 * with each local address) and gateway routes. Lookup is a linear
 * longest-prefix match over at most cfg.route_max entries: routes are few
 * on an SCTP endpoint and the core resolves a path once, not per packet.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_priv.h"

int
sctpdk_net_route_init(struct sctpdk_net *net)
{
	net->routes = calloc(net->cfg.route_max, sizeof(*net->routes));
	return net->routes != NULL ? 0 : SCTPDK_ERR_NOMEM;
}

void
sctpdk_net_route_fini(struct sctpdk_net *net)
{
	free(net->routes);
	net->routes = NULL;
}

static const uint8_t *
addr_bytes(const struct sctpdk_addr *a)
{
	return a->family == SCTPDK_AF_INET ? (const uint8_t *)&a->u.v4 : a->u.v6;
}

/* 1 when the first plen bits of a and prefix are equal (same family). */
int
sctpdk_net_prefix_match(const struct sctpdk_addr *a, const struct sctpdk_addr *prefix, uint8_t plen)
{
	if (a->family != prefix->family)
		return 0;
	const uint8_t *x = addr_bytes(a), *y = addr_bytes(prefix);
	uint32_t full = plen / 8u, rest = plen % 8u;
	if (memcmp(x, y, full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (x[full] & mask) == (y[full] & mask);
}

static struct sctpdk_addr
mask_prefix(const struct sctpdk_addr *a, uint8_t plen)
{
	struct sctpdk_addr r = *a;
	memset(r.pad, 0, sizeof(r.pad));
	uint8_t *b = r.family == SCTPDK_AF_INET ? (uint8_t *)&r.u.v4 : r.u.v6;
	uint32_t n = r.family == SCTPDK_AF_INET ? 4 : 16;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t bit = i * 8;
		if (bit >= plen)
			b[i] = 0;
		else if (bit + 8 > plen)
			b[i] &= (uint8_t)(0xff << (8 - (plen - bit)));
	}
	return r;
}

static int
valid_family(const struct sctpdk_addr *a)
{
	return a->family == SCTPDK_AF_INET || a->family == SCTPDK_AF_INET6;
}

static int
find_exact(const struct sctpdk_net *net, const struct sctpdk_addr *prefix, uint8_t plen)
{
	for (uint32_t i = 0; i < net->nroutes; i++)
		if (net->routes[i].plen == plen && sctpdk_addr_eq(&net->routes[i].prefix, prefix))
			return (int)i;
	return -1;
}

int
sctpdk_net_route_add(struct sctpdk_net *net, const struct sctpdk_addr *prefix, uint8_t prefix_len,
		     const struct sctpdk_addr *gateway, uint16_t port_id)
{
	if (net == NULL || prefix == NULL || !valid_family(prefix) ||
	    prefix_len > (prefix->family == SCTPDK_AF_INET ? 32 : 128))
		return SCTPDK_ERR_INVAL;
	if (gateway != NULL && gateway->family != 0 && gateway->family != prefix->family)
		return SCTPDK_ERR_INVAL;
	if (sctpdk_net_port_find(net, port_id) == NULL)
		return SCTPDK_ERR_NOTFOUND;
	struct sctpdk_addr pfx = mask_prefix(prefix, prefix_len);
	if (find_exact(net, &pfx, prefix_len) >= 0)
		return SCTPDK_ERR_EXISTS;
	if (net->nroutes >= net->cfg.route_max)
		return SCTPDK_ERR_NOSPACE;
	struct net_route *r = &net->routes[net->nroutes++];
	memset(r, 0, sizeof(*r));
	r->prefix = pfx;
	r->plen = prefix_len;
	if (gateway != NULL && gateway->family != 0)
		r->gw = *gateway;
	r->port_id = port_id;
	return 0;
}

static int
parse_addr(const char *s, struct sctpdk_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->u.v4) == 1) {
		a->family = SCTPDK_AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->u.v6) == 1) {
		a->family = SCTPDK_AF_INET6;
		return 0;
	}
	return SCTPDK_ERR_MALFORMED;
}

int
sctpdk_net_route_parse(const char *text, struct sctpdk_addr *prefix, uint8_t *prefix_len,
		       struct sctpdk_addr *gateway)
{
	char buf[160], *save = NULL;
	char *tok[4];
	unsigned n = 0;
	if (text == NULL || prefix == NULL || prefix_len == NULL || gateway == NULL ||
	    strlen(text) >= sizeof(buf))
		return SCTPDK_ERR_MALFORMED;
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *t = strtok_r(buf, " \t", &save); t != NULL; t = strtok_r(NULL, " \t", &save)) {
		if (n == RTE_DIM(tok))
			return SCTPDK_ERR_MALFORMED;
		tok[n++] = t;
	}
	if (n != 1 && n != 3)
		return SCTPDK_ERR_MALFORMED;
	memset(gateway, 0, sizeof(*gateway));
	if (n == 3 && (strcmp(tok[1], "via") != 0 || parse_addr(tok[2], gateway) != 0))
		return SCTPDK_ERR_MALFORMED;
	if (strcmp(tok[0], "default") == 0) {
		if (gateway->family == 0)
			return SCTPDK_ERR_MALFORMED; /* which family? */
		memset(prefix, 0, sizeof(*prefix));
		prefix->family = gateway->family;
		*prefix_len = 0;
		return 0;
	}
	char *slash = strchr(tok[0], '/');
	long len = -1;
	if (slash != NULL) {
		char *end;
		*slash = '\0';
		len = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end != '\0')
			return SCTPDK_ERR_MALFORMED;
	}
	if (parse_addr(tok[0], prefix) != 0)
		return SCTPDK_ERR_MALFORMED;
	long max = prefix->family == SCTPDK_AF_INET ? 32 : 128;
	if (len < 0)
		len = max;
	if (len > max || (gateway->family != 0 && gateway->family != prefix->family))
		return SCTPDK_ERR_MALFORMED;
	*prefix_len = (uint8_t)len;
	*prefix = mask_prefix(prefix, *prefix_len);
	return 0;
}

int
sctpdk_net_route_del(struct sctpdk_net *net, const struct sctpdk_addr *prefix, uint8_t prefix_len)
{
	if (net == NULL || prefix == NULL || !valid_family(prefix) ||
	    prefix_len > (prefix->family == SCTPDK_AF_INET ? 32 : 128))
		return SCTPDK_ERR_INVAL;
	struct sctpdk_addr pfx = mask_prefix(prefix, prefix_len);
	int i = find_exact(net, &pfx, prefix_len);
	if (i < 0)
		return SCTPDK_ERR_NOTFOUND;
	net->routes[i] = net->routes[--net->nroutes];
	return 0;
}

int
sctpdk_net_route_lookup(const struct sctpdk_net *net, const struct sctpdk_addr *dst,
			struct sctpdk_net_route_result *res)
{
	if (net == NULL || dst == NULL || res == NULL || !valid_family(dst))
		return SCTPDK_ERR_INVAL;
	const struct net_route *best = NULL;
	for (uint32_t i = 0; i < net->nroutes; i++) {
		const struct net_route *r = &net->routes[i];
		if ((best == NULL || r->plen > best->plen) &&
		    sctpdk_net_prefix_match(dst, &r->prefix, r->plen))
			best = r;
	}
	if (best == NULL)
		return SCTPDK_ERR_NOTFOUND;
	const struct net_port *p =
	    sctpdk_net_port_find((struct sctpdk_net *)(uintptr_t)net, best->port_id);
	if (p == NULL)
		return SCTPDK_ERR_NOTFOUND;
	res->port_id = best->port_id;
	res->mtu = p->mtu;
	res->prefix_len = best->plen;
	res->next_hop = best->gw.family != 0 ? best->gw : *dst;
	const struct sctpdk_addr *src = sctpdk_net_port_src(p, dst->family, &res->next_hop);
	if (src == NULL)
		return SCTPDK_ERR_NOTFOUND;
	res->src = *src;
	return 0;
}
