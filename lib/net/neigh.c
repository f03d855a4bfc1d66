/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Neighbour cache shared by ARP (IPv4) and Neighbour Discovery (IPv6).
 *
 * A fixed array of cfg.neigh_max entries with a chained hash index, all
 * allocated at creation. An entry is INCOMPLETE while its address is being
 * resolved (it then holds up to SCTPDK_NET_PENDING_PER_NB complete frames
 * waiting for the destination MAC, with cfg.pending_max over all entries)
 * and RESOLVED until its lifetime ends. A full cache evicts the resolved
 * entry closest to expiry; incomplete entries are never evicted.
 * Expired entries are removed, not kept stale: the next packet re-resolves.
 */
#include <stdlib.h>
#include <string.h>

#include "net_priv.h"

static uint32_t
nb_hash(uint16_t port_id, const struct sctpdk_addr *ip)
{
	uint32_t h = port_id * 0x9e3779b1u;
	if (ip->family == SCTPDK_AF_INET) {
		h ^= ip->u.v4;
	} else {
		uint32_t w[4];
		memcpy(w, ip->u.v6, 16);
		h ^= w[0] ^ w[1] * 31u ^ w[2] * 131u ^ w[3];
	}
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

int
sctpdk_net_neigh_init(struct sctpdk_net *net)
{
	uint32_t cap = net->cfg.neigh_max;
	uint32_t nbuckets = 1;
	while (nbuckets < cap * 2)
		nbuckets <<= 1;
	net->nb = calloc(cap, sizeof(*net->nb));
	net->buckets = malloc(nbuckets * sizeof(*net->buckets));
	if (net->nb == NULL || net->buckets == NULL)
		return SCTPDK_ERR_NOMEM;
	net->bucket_mask = nbuckets - 1;
	for (uint32_t i = 0; i < nbuckets; i++)
		net->buckets[i] = -1;
	for (uint32_t i = 0; i < cap; i++)
		net->nb[i].next = i + 1 < cap ? (int32_t)(i + 1) : -1;
	net->nb_free = 0;
	return 0;
}

void
sctpdk_net_neigh_fini(struct sctpdk_net *net)
{
	if (net->nb != NULL)
		for (uint32_t i = 0; i < net->cfg.neigh_max; i++)
			for (uint32_t j = 0; j < net->nb[i].npending; j++)
				rte_pktmbuf_free(net->nb[i].pending[j]);
	free(net->nb);
	free(net->buckets);
	net->nb = NULL;
	net->buckets = NULL;
}

struct net_neigh *
sctpdk_net_neigh_find(const struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *ip)
{
	int32_t i = net->buckets[nb_hash(port_id, ip) & net->bucket_mask];
	while (i >= 0) {
		struct net_neigh *nb = &net->nb[i];
		if (nb->port_id == port_id && sctpdk_addr_eq(&nb->ip, ip))
			return nb;
		i = nb->next;
	}
	return NULL;
}

void
sctpdk_net_neigh_remove(struct sctpdk_net *net, struct net_neigh *nb, int reason)
{
	for (uint32_t j = 0; j < nb->npending; j++) {
		rte_pktmbuf_free(nb->pending[j]);
		sctpdk_net_count_drop(net, reason);
	}
	net->pending_total -= nb->npending;
	nb->npending = 0;
	int32_t idx = (int32_t)(nb - net->nb);
	int32_t *pp = &net->buckets[nb_hash(nb->port_id, &nb->ip) & net->bucket_mask];
	while (*pp >= 0 && *pp != idx)
		pp = &net->nb[*pp].next;
	if (*pp == idx)
		*pp = nb->next;
	memset(nb, 0, sizeof(*nb));
	nb->state = NB_FREE;
	nb->next = net->nb_free;
	net->nb_free = idx;
	net->nb_used--;
}

static struct net_neigh *
evict_one(struct sctpdk_net *net)
{
	struct net_neigh *victim = NULL;
	for (uint32_t i = 0; i < net->cfg.neigh_max; i++) {
		struct net_neigh *nb = &net->nb[i];
		if (nb->state != NB_RESOLVED || nb->is_static)
			continue;
		if (victim == NULL || nb->deadline_us < victim->deadline_us)
			victim = nb;
	}
	return victim;
}

/* A new INCOMPLETE entry, or NULL when the cache holds only incomplete or
 * static entries. */
struct net_neigh *
sctpdk_net_neigh_create(struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *ip)
{
	if (net->nb_free < 0) {
		struct net_neigh *victim = evict_one(net);
		if (victim == NULL)
			return NULL;
		sctpdk_net_neigh_remove(net, victim, SCTPDK_NET_DROP_NEIGH_FULL);
	}
	int32_t idx = net->nb_free;
	struct net_neigh *nb = &net->nb[idx];
	net->nb_free = nb->next;
	memset(nb, 0, sizeof(*nb));
	nb->state = NB_INCOMPLETE;
	nb->port_id = port_id;
	nb->ip = *ip;
	uint32_t b = nb_hash(port_id, ip) & net->bucket_mask;
	nb->next = net->buckets[b];
	net->buckets[b] = idx;
	net->nb_used++;
	return nb;
}

/* Record nb's MAC (lifetime UINT64_MAX = static) and release its queued
 * frames into tx. A learned MAC never overrides a static entry: returns 1
 * when the MAC was taken, 0 when a static entry kept its own. */
int
sctpdk_net_neigh_learn(struct sctpdk_net *net, struct net_neigh *nb, const uint8_t mac[6],
		       uint64_t lifetime_us, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	int is_static = lifetime_us == UINT64_MAX;
	if (nb->is_static && !is_static)
		return 0;
	if (nb->state != NB_RESOLVED)
		net->st.neigh_resolved++;
	memcpy(nb->mac, mac, 6);
	nb->state = NB_RESOLVED;
	nb->is_static = (uint8_t)is_static;
	nb->deadline_us = net_sat_add(now_us, lifetime_us);
	nb->tries = 0;
	for (uint32_t j = 0; j < nb->npending; j++) {
		struct rte_mbuf *m = nb->pending[j];
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), mac, 6);
		if (sctpdk_net_tx_push(net, tx, m, nb->port_id) == 0)
			net->st.tx_sctp++;
	}
	net->pending_total -= nb->npending;
	nb->npending = 0;
	return 1;
}

static void
solicit(struct sctpdk_net *net, struct net_neigh *nb, struct sctpdk_net_tx *tx)
{
	struct net_port *p = sctpdk_net_port_find(net, nb->port_id);
	if (p == NULL)
		return;
	const struct sctpdk_addr *src = sctpdk_net_port_src(p, nb->ip.family, &nb->ip);
	if (nb->ip.family == SCTPDK_AF_INET)
		sctpdk_net_arp_request(net, p, src != NULL ? src->u.v4 : 0, nb->ip.u.v4, tx);
	else
		sctpdk_net_nd_solicit(net, p, src, &nb->ip, tx);
}

static int
usable(const struct net_neigh *nb, uint64_t now_us)
{
	return nb->state == NB_RESOLVED && (nb->is_static || now_us < nb->deadline_us);
}

/* Send a complete frame (destination MAC still unset) to next_hop: at once
 * when resolved, else queued behind a request. Takes m. Returns 0 (sent),
 * 1 (queued) or a negative error (dropped and counted). */
int
sctpdk_net_neigh_send(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
		      const struct sctpdk_addr *next_hop, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	struct net_neigh *nb = sctpdk_net_neigh_find(net, p->port_id, next_hop);
	if (nb != NULL && usable(nb, now_us)) {
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), nb->mac, 6);
		int rc = sctpdk_net_tx_push(net, tx, m, p->port_id);
		if (rc == 0)
			net->st.tx_sctp++;
		return rc;
	}
	if (nb != NULL && nb->state == NB_RESOLVED) {
		net->st.neigh_expired++;
		sctpdk_net_neigh_remove(net, nb, SCTPDK_NET_DROP_UNRESOLVED);
		nb = NULL;
	}
	if (nb == NULL) {
		nb = sctpdk_net_neigh_create(net, p->port_id, next_hop);
		if (nb == NULL) {
			rte_pktmbuf_free(m);
			sctpdk_net_count_drop(net, SCTPDK_NET_DROP_NEIGH_FULL);
			return SCTPDK_ERR_NOSPACE;
		}
	}
	if (nb->npending >= SCTPDK_NET_PENDING_PER_NB ||
	    net->pending_total >= net->cfg.pending_max) {
		rte_pktmbuf_free(m);
		sctpdk_net_count_drop(net, SCTPDK_NET_DROP_PENDING_FULL);
		return SCTPDK_ERR_NOSPACE;
	}
	nb->pending[nb->npending++] = m;
	net->pending_total++;
	net->st.pending_queued++;
	if (nb->tries == 0) {
		solicit(net, nb, tx);
		nb->tries = 1;
		nb->deadline_us = net_sat_add(now_us, net->cfg.neigh_retry_us);
	}
	return 1;
}

uint64_t
sctpdk_net_neigh_timer(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	uint64_t next = UINT64_MAX;
	for (uint32_t i = 0; i < net->cfg.neigh_max; i++) {
		struct net_neigh *nb = &net->nb[i];
		if (nb->state == NB_FREE || nb->is_static)
			continue;
		if (now_us >= nb->deadline_us) {
			if (nb->state == NB_RESOLVED) {
				net->st.neigh_expired++;
				sctpdk_net_neigh_remove(net, nb, SCTPDK_NET_DROP_UNRESOLVED);
				continue;
			}
			if (nb->tries >= net->cfg.neigh_retries) {
				net->st.neigh_failed++;
				sctpdk_net_neigh_remove(net, nb, SCTPDK_NET_DROP_UNRESOLVED);
				continue;
			}
			solicit(net, nb, tx);
			nb->tries++;
			nb->deadline_us = net_sat_add(now_us, net->cfg.neigh_retry_us);
		}
		if (nb->deadline_us < next)
			next = nb->deadline_us;
	}
	return next;
}

int
sctpdk_net_neigh_add(struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *ip,
		     const uint8_t mac[6], uint64_t lifetime_us, struct sctpdk_net_tx *tx,
		     uint64_t now_us)
{
	if (net == NULL || ip == NULL || mac == NULL || lifetime_us == 0 ||
	    (ip->family != SCTPDK_AF_INET && ip->family != SCTPDK_AF_INET6) || (mac[0] & 1) != 0)
		return SCTPDK_ERR_INVAL;
	if (sctpdk_net_port_find(net, port_id) == NULL)
		return SCTPDK_ERR_NOTFOUND;
	struct net_neigh *nb = sctpdk_net_neigh_find(net, port_id, ip);
	if (nb == NULL)
		nb = sctpdk_net_neigh_create(net, port_id, ip);
	if (nb == NULL)
		return SCTPDK_ERR_NOSPACE;
	nb->is_static = 0; /* an explicit add may replace a static entry */
	sctpdk_net_neigh_learn(net, nb, mac, lifetime_us, tx, now_us);
	return 0;
}

int
sctpdk_net_neigh_lookup(const struct sctpdk_net *net, uint16_t port_id,
			const struct sctpdk_addr *ip, uint8_t mac[6], uint64_t now_us)
{
	const struct net_neigh *nb = sctpdk_net_neigh_find(net, port_id, ip);
	if (nb == NULL || !usable(nb, now_us))
		return SCTPDK_ERR_NOTFOUND;
	memcpy(mac, nb->mac, 6);
	return 0;
}
