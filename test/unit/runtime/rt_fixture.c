/* SPDX-License-Identifier: BSD-3-Clause */
#include "rt_fixture.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "sctpdk_test.h"

int
rt_fixture_eal(void)
{
	static const char *const args[] = {"--lcores=(0-3)@(0-1)"};
	static int once;
	if (!once) {
		sctpdk_test_eal_extra_args(args, 1);
		once = 1;
	}
	return sctpdk_test_eal_init();
}

int
rt_pair_create(struct rt_pair *p, const char *name, unsigned ntx_a, unsigned ntx_b)
{
	char n[64];
	struct rte_ring *txa[4], *txb[4];
	memset(p, 0, sizeof(*p));
	snprintf(n, sizeof(n), "%s_ab", name);
	p->ab = rte_ring_create(n, 1024, SOCKET_ID_ANY, 0);
	snprintf(n, sizeof(n), "%s_ba", name);
	p->ba = rte_ring_create(n, 1024, SOCKET_ID_ANY, 0);
	if (p->ab == NULL || p->ba == NULL || ntx_a > 4 || ntx_b > 4)
		return -1;
	for (unsigned i = 0; i < 4; i++) {
		txa[i] = p->ab;
		txb[i] = p->ba;
	}
	snprintf(n, sizeof(n), "net_ring_%sa", name);
	p->port_a = rte_eth_from_rings(n, &p->ba, 1, txa, ntx_a, SOCKET_ID_ANY);
	snprintf(n, sizeof(n), "net_ring_%sb", name);
	p->port_b = rte_eth_from_rings(n, &p->ab, 1, txb, ntx_b, SOCKET_ID_ANY);
	return p->port_a < 0 || p->port_b < 0 ? -1 : 0;
}

static void
drain(struct rte_ring *r)
{
	void *m;
	while (r != NULL && rte_ring_dequeue(r, &m) == 0)
		rte_pktmbuf_free(m);
}

void
rt_pair_free(struct rt_pair *p)
{
	if (p->port_a >= 0) {
		rte_eth_dev_stop((uint16_t)p->port_a);
		rte_eth_dev_close((uint16_t)p->port_a);
	}
	if (p->port_b >= 0) {
		rte_eth_dev_stop((uint16_t)p->port_b);
		rte_eth_dev_close((uint16_t)p->port_b);
	}
	drain(p->ab);
	drain(p->ba);
	rte_ring_free(p->ab);
	rte_ring_free(p->ba);
	memset(p, 0, sizeof(*p));
	p->port_a = p->port_b = -1;
}

int
rt_two_setup(struct rt_two *t, const char *name, struct rte_mempool *pool)
{
	memset(t, 0, sizeof(*t));
	t->static_neigh = 1;
	if (rt_pair_create(&t->link, name, 1, 2) != 0)
		return -1;

	t->ecfg_a.server = 0;
	t->ecfg_a.peer = RT_ADDR_B;
	t->ecfg_a.peer_port = RT_PORT_B;
	t->ecfg_b.server = 1;
	t->ecfg_b.timer_us = 20000;

	struct sctpdk_stack_config *a = &t->cfg_a, *b = &t->cfg_b;
	sctpdk_stack_config_default(a);
	snprintf(a->name, sizeof(a->name), "%s_A", name);
	a->n_lcores = 1;
	a->lcores[0] = 1;
	a->n_ports = 1;
	a->ports[0].port_id = (uint16_t)t->link.port_a;
	a->ports[0].n_addrs = 1;
	a->ports[0].addrs[0] = RT_ADDR_A;
	a->n_eps = 1;
	a->eps[0].local_port = RT_PORT_A;
	a->idle_sleep_us = 20;
	a->max_assocs = 64;
	a->n_mbufs = 2047;
	a->pool = pool;
	a->engine = &echo_engine_ops;
	a->engine_arg = &t->ecfg_a;

	sctpdk_stack_config_default(b);
	snprintf(b->name, sizeof(b->name), "%s_B", name);
	b->n_lcores = 2;
	b->lcores[0] = 2;
	b->lcores[1] = 3;
	b->n_ports = 1;
	b->ports[0].port_id = (uint16_t)t->link.port_b;
	b->ports[0].n_addrs = 1;
	b->ports[0].addrs[0] = RT_ADDR_B;
	b->n_eps = 1;
	b->eps[0].local_port = RT_PORT_B;
	b->eps[0].listening = 1;
	b->idle_sleep_us = 20;
	b->max_assocs = 64;
	b->n_mbufs = 2047;
	b->pool = pool;
	b->engine = &echo_engine_ops;
	b->engine_arg = &t->ecfg_b;
	return 0;
}

int
rt_two_start(struct rt_two *t)
{
	int err;
	t->a = sctpdk_stack_create(&t->cfg_a, &err);
	if (t->a == NULL)
		return err;
	t->b = sctpdk_stack_create(&t->cfg_b, &err);
	if (t->b == NULL)
		return err;
	/* static neighbours: traffic does not wait for ARP (tests that want
	 * ARP use rt_two_start_arp) */
	if (t->static_neigh) {
		uint8_t mac_a[6], mac_b[6];
		struct sctpdk_addr ia = RT_ADDR_A, ib = RT_ADDR_B;
		sctpdk_stack_port_mac(t->a, 0, mac_a);
		sctpdk_stack_port_mac(t->b, 0, mac_b);
		if (sctpdk_stack_neigh_add(t->a, 0, &ib, mac_b) != 0 ||
		    sctpdk_stack_neigh_add(t->b, 0, &ia, mac_a) != 0)
			return -1;
	}
	err = sctpdk_stack_start(t->a);
	if (err == 0)
		err = sctpdk_stack_start(t->b);
	return err;
}

void
rt_two_free(struct rt_two *t)
{
	sctpdk_stack_free(t->b);
	sctpdk_stack_free(t->a);
	t->a = t->b = NULL;
	rt_pair_free(&t->link);
}

uint64_t
rt_wait_u64(const uint64_t *v, uint64_t want, unsigned timeout_ms)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * timeout_ms / 1000;
	uint64_t x;
	while ((x = __atomic_load_n(v, __ATOMIC_ACQUIRE)) < want && rte_get_timer_cycles() < end)
		usleep(200);
	return x;
}

int
rt_send(struct sctpdk_stack *st, uint32_t tag, uint32_t seq, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_stack_pool(st));
	if (m == NULL)
		return -1;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return -1;
	}
	for (uint16_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seq + i);
	int rc = sctpdk_stack_send(st, 0, tag, 0, seq, 0, m);
	if (rc != 0)
		rte_pktmbuf_free(m);
	return rc;
}

int
rt_run_count(const char *cmd, long *count)
{
	FILE *f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	long n = 0;
	char line[512];
	while (fgets(line, sizeof(line), f) != NULL)
		n++;
	*count = n;
	int st = pclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
