/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-echo [EAL args] -- --server|--client [--server --client]
 *     --style stream|seqpacket --local ADDR[,ADDR..] --remote ADDR[,ADDR..]
 *     --port N [--lport N] --count N --size N --streams N
 *     [--dev ETHDEV] [--config FILE.ini] [--once]
 *
 * One role: one stack on the first worker lcore and the ethdev --dev
 * (default port 0; e.g. --vdev=net_af_packet0,iface=veth0), addresses
 * --local, one endpoint (the server's --port, listening, or the client's
 * --lport, default port + 1). --config loads an INI on top.
 * Both roles: one process, two stacks joined by a net_ring pair (server on
 * --remote, first worker; client on --local, second worker); the server
 * serves one association, the client's result is the exit status.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_lcore.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_runtime.h>

#include "echo.h"

static void
usage(void)
{
	fprintf(stderr, "usage: sctp-echo [EAL args] -- --server|--client --style "
			"stream|seqpacket --local ADDR[,ADDR..] --remote ADDR[,ADDR..] --port N "
			"[--lport N] --count N --size N --streams N [--dev ETHDEV] "
			"[--config FILE] [--once]\n");
}

static int
parse_addrs(const char *s, struct sctpdk_addr *out, unsigned *n)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", s);
	*n = 0;
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t != NULL;
	     t = strtok_r(NULL, ",", &save)) {
		if (*n == ECHO_MAX_ADDRS)
			return -1;
		struct sctpdk_addr *a = &out[(*n)++];
		memset(a, 0, sizeof(*a));
		if (inet_pton(AF_INET, t, &a->u.v4) == 1)
			a->family = SCTPDK_AF_INET;
		else if (inet_pton(AF_INET6, t, a->u.v6) == 1)
			a->family = SCTPDK_AF_INET6;
		else
			return -1;
	}
	return *n > 0 ? 0 : -1;
}

static int
parse(int argc, char **argv, struct echo_opts *o)
{
	static const struct option lo[] = {
	    {"server", no_argument, NULL, 'S'},       {"client", no_argument, NULL, 'C'},
	    {"style", required_argument, NULL, 's'},  {"local", required_argument, NULL, 'l'},
	    {"remote", required_argument, NULL, 'r'}, {"port", required_argument, NULL, 'p'},
	    {"lport", required_argument, NULL, 'P'},  {"count", required_argument, NULL, 'n'},
	    {"size", required_argument, NULL, 'z'},   {"streams", required_argument, NULL, 't'},
	    {"dev", required_argument, NULL, 'd'},    {"config", required_argument, NULL, 'c'},
	    {"once", no_argument, NULL, 'o'},         {NULL, 0, NULL, 0}};
	memset(o, 0, sizeof(*o));
	o->port = 5001;
	o->count = 100;
	o->size = 64;
	o->streams = 1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'S':
			o->server = 1;
			break;
		case 'C':
			o->client = 1;
			break;
		case 's':
			if (strcmp(optarg, "stream") == 0)
				o->seqpacket = 0;
			else if (strcmp(optarg, "seqpacket") == 0)
				o->seqpacket = 1;
			else
				return -1;
			break;
		case 'l':
			if (parse_addrs(optarg, o->local, &o->n_local) != 0)
				return -1;
			break;
		case 'r':
			if (parse_addrs(optarg, o->remote, &o->n_remote) != 0)
				return -1;
			break;
		case 'p':
			o->port = (uint16_t)atoi(optarg);
			break;
		case 'P':
			o->lport = (uint16_t)atoi(optarg);
			break;
		case 'n':
			o->count = (unsigned)atoi(optarg);
			break;
		case 'z':
			o->size = (unsigned)atoi(optarg);
			break;
		case 't':
			o->streams = (unsigned)atoi(optarg);
			break;
		case 'd':
			o->dev = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'o':
			o->once = 1;
			break;
		default:
			return -1;
		}
	}
	if (o->lport == 0)
		o->lport = (uint16_t)(o->port + 1);
	if ((!o->server && !o->client) || o->n_local == 0 || o->port == 0 || o->size == 0 ||
	    o->size > 65536 || o->streams == 0 || o->streams > 65535 ||
	    (o->client && o->n_remote == 0))
		return -1;
	return 0;
}

static struct sctpdk_stack *
stack_up(const char *name, const struct echo_opts *o, unsigned lcore, int port_id,
	 const struct sctpdk_addr *addrs, unsigned n, uint16_t ep_port, int listening)
{
	struct sctpdk_stack_config cfg;
	sctpdk_stack_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "%s", name);
	cfg.n_lcores = 1;
	cfg.lcores[0] = lcore;
	cfg.n_ports = 1;
	if (port_id >= 0)
		cfg.ports[0].port_id = (uint16_t)port_id;
	else if (o->dev != NULL)
		snprintf(cfg.ports[0].dev_name, sizeof(cfg.ports[0].dev_name), "%s", o->dev);
	for (unsigned i = 0; i < n && i < SCTPDK_RT_MAX_PORT_ADDR; i++)
		cfg.ports[0].addrs[cfg.ports[0].n_addrs++] = addrs[i];
	cfg.n_eps = 1;
	cfg.eps[0].local_port = ep_port;
	cfg.eps[0].listening = listening;
	cfg.idle_sleep_us = 20; /* do not spin a shared CPU */
	if (o->config != NULL && sctpdk_stack_config_load(&cfg, o->config) != 0) {
		fprintf(stderr, "sctp-echo: cannot load %s\n", o->config);
		return NULL;
	}
	int err;
	struct sctpdk_stack *st = sctpdk_stack_create(&cfg, &err);
	if (st == NULL) {
		fprintf(stderr, "sctp-echo: stack %s: error %d\n", name, err);
		return NULL;
	}
	return st;
}

static void *
server_thread(void *arg)
{
	const struct echo_opts *o = arg;
	intptr_t rc = o->seqpacket ? echo_server_seqpacket(o) : echo_server_stream(o);
	echo_set_ready(o, rc == 0 ? 1 : -1); /* a failed server must not leave the client waiting */
	return (void *)rc;
}

static int
both(const struct echo_opts *o)
{
	unsigned w1 = rte_get_next_lcore(-1, 1, 0);
	unsigned w2 = rte_get_next_lcore(w1, 1, 0);
	if (w1 >= RTE_MAX_LCORE || w2 >= RTE_MAX_LCORE) {
		fprintf(stderr, "sctp-echo: --server --client needs two worker lcores\n");
		return -1;
	}
	struct rte_ring *sc = rte_ring_create("echo_sc", 1024, SOCKET_ID_ANY, 0);
	struct rte_ring *cs = rte_ring_create("echo_cs", 1024, SOCKET_ID_ANY, 0);
	if (sc == NULL || cs == NULL)
		return -1;
	int ps = rte_eth_from_rings("net_ring_echo_s", &cs, 1, &sc, 1, SOCKET_ID_ANY);
	int pc = rte_eth_from_rings("net_ring_echo_c", &sc, 1, &cs, 1, SOCKET_ID_ANY);
	struct echo_opts so = *o;
	memcpy(so.local, o->remote, sizeof(so.local));
	so.n_local = o->n_remote;
	so.once = 1;
	struct sctpdk_stack *s =
	    stack_up("echo_srv", o, w1, ps, o->remote, o->n_remote, o->port, 1);
	struct sctpdk_stack *c = stack_up("echo_cli", o, w2, pc, o->local, o->n_local, o->lport, 0);
	if (s == NULL || c == NULL)
		return -1;
	uint8_t ms[6], mc[6];
	sctpdk_stack_port_mac(s, 0, ms);
	sctpdk_stack_port_mac(c, 0, mc);
	for (unsigned i = 0; i < o->n_local; i++)
		sctpdk_stack_neigh_add(s, 0, &o->local[i], mc);
	for (unsigned i = 0; i < o->n_remote; i++)
		sctpdk_stack_neigh_add(c, 0, &o->remote[i], ms);
	if (sctpdk_stack_start(s) != 0 || sctpdk_stack_start(c) != 0)
		return -1;
	int ready = 0;
	so.ready = &ready;
	pthread_t thr;
	if (pthread_create(&thr, NULL, server_thread, &so) != 0)
		return -1;
	/* connect only once the server listens: an INIT that arrives first is
	 * answered with ABORT (nobody listens), as it should be */
	while (__atomic_load_n(&ready, __ATOMIC_ACQUIRE) == 0)
		usleep(1000);
	int rc = ready > 0 ? echo_client(o) : -1;
	void *src;
	pthread_join(thr, &src);
	sctpdk_stack_free(c);
	sctpdk_stack_free(s);
	rte_ring_free(sc);
	rte_ring_free(cs);
	return rc == 0 && src == NULL ? 0 : -1;
}

static int
one(const struct echo_opts *o)
{
	unsigned w = rte_get_next_lcore(-1, 1, 0);
	if (w >= RTE_MAX_LCORE) {
		fprintf(stderr, "sctp-echo: needs a worker lcore\n");
		return -1;
	}
	struct sctpdk_stack *st = stack_up("echo", o, w, o->dev != NULL ? -1 : 0, o->local,
					   o->n_local, o->server ? o->port : o->lport, o->server);
	if (st == NULL || sctpdk_stack_start(st) != 0)
		return -1;
	int rc;
	if (o->server)
		rc = o->seqpacket ? echo_server_seqpacket(o) : echo_server_stream(o);
	else
		rc = echo_client(o);
	sctpdk_stack_free(st);
	return rc;
}

int
main(int argc, char **argv)
{
	int n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "sctp-echo: EAL init failed\n");
		return 1;
	}
	argc -= n;
	argv += n;
	struct echo_opts o;
	if (parse(argc, argv, &o) != 0) {
		usage();
		rte_eal_cleanup();
		return 2;
	}
	int rc = o.server && o.client ? both(&o) : one(&o);
	rte_eal_cleanup();
	return rc == 0 ? 0 : 1;
}
