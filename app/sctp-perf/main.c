/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-perf: testpmd-style benchmark of sctpdk (doc/performance.md).
 *
 *   sctp-perf [EAL args] -- [options]
 *
 * --both (default): client and server endpoints in one process over an
 * in-memory link (a net_ring pair), the server on the first worker lcore,
 * the client on the main lcore. --server / --client: one side on the
 * ethdev port given to EAL (e.g. a net_memif vdev), for two processes.
 * --compare usrsctp runs the same workload through usrsctp afterwards;
 * --compare raw measures the link alone.
 */
#include <getopt.h>
#include <malloc.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "perf.h"
#include "stk.h"
#ifdef SCTPDK_PERF_USRSCTP
#include "usrsctp_bench.h"
#endif

static struct perf_app *sig_app;

static void
on_signal(int sig)
{
	(void)sig;
	if (sig_app != NULL) {
		sig_app->sh.quit = 1;
		sig_app->sh.phase = PH_DONE;
	}
}

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: sctp-perf [EAL args] -- [options]\n"
		"  --both | --server | --client   endpoints in this process (default --both:\n"
		"                     both over an in-memory net_ring pair, one lcore each)\n"
		"  --size N[,N...]    message size, or a mix used in turn (default 1024)\n"
		"  --streams N        outbound streams, used round-robin (default 1)\n"
		"  --unordered        send unordered messages\n"
		"  --assocs N         associations at once (default 1, at most %d)\n"
		"  --duration S       measured seconds (default 5)\n"
		"  --rr               request/response instead of a one-way stream\n"
		"  --depth N          --rr: requests outstanding per association (default 1);\n"
		"                     --setup-rate: setups in parallel (default 8)\n"
		"  --setup-rate       association setup + graceful teardown cycles\n"
		"  --style stream|seqpacket   socket style of --api facade (default stream)\n"
		"  --api core|facade|engine   core (default): application threads on the\n"
		"                     runtime's command/event interface, two stacks on two\n"
		"                     lcores (-l 0-2); facade: application threads on sctpdk\n"
		"                     sockets over the same stacks; engine: the protocol core\n"
		"                     on sctp-perf's own loop, no runtime (reference)\n"
		"  --app lcore|thread --api core: the application logic in each stack lcore's\n"
		"                     poll function (lcore, default: two busy threads), or\n"
		"                     on one application thread per side (thread)\n"
		"  --mtu N            IP MTU of the link (default 1500)\n"
		"  --idle spin|yield|N  after %d empty polls: keep spinning, sched_yield()\n"
		"                     (engine default) or sleep N us (core --app thread and\n"
		"                     facade default 100: stack lcores and application\n"
		"                     threads share the CPUs; core --app lcore: 10)\n"
		"  --idle-spins N     --api core/facade: empty polls of a stack lcore before\n"
		"                     its --idle policy applies (default 64; --app lcore\n"
		"                     without --idle: 2000 then 10 us sleeps)\n"
		"  --idle-max N       --api core/facade: idle sleeps in a row double from\n"
		"                     --idle N up to N us (--app lcore without --idle: 80;\n"
		"                     else no doubling)\n"
		"  --idle-assocs      set --assocs associations up, send nothing, report the\n"
		"                     memory per association\n"
		"  --rwnd N           receive window bytes; send buffer 4x (default 131072:\n"
		"                     queued data stays in cache)\n"
		"  --stats-period S   print a line every S seconds (default 1, 0 = none)\n"
		"  --json FILE        write the results as JSON\n"
		"  --compare usrsctp|raw   also run the workload through usrsctp (Debian's\n"
		"                     libusrsctp, AF_CONN) or over the bare link; repeatable\n"
		"  --one-lcore        --both with both endpoints driven in turn by one lcore\n"
		"                     (the usrsctp baseline's method: exact CPU per message)\n"
		"  --port N           --server/--client: ethdev port (default 0)\n"
		"  -i, --interactive  command line: start, stop, show stats, show assoc,\n"
		"                     set size N, quit\n",
		PERF_MAX_EPS, PERF_IDLE_POLLS);
}

static int
parse_sizes(const char *s, struct perf_opts *o)
{
	o->n_sizes = 0;
	while (*s != '\0') {
		char *end;
		unsigned long v = strtoul(s, &end, 0);
		if (end == s || v == 0 || v > 65536 || o->n_sizes == PERF_MAX_SIZES)
			return -1;
		o->sizes[o->n_sizes++] = (uint32_t)v;
		if (*end != ',' && *end != '\0')
			return -1;
		s = *end == ',' ? end + 1 : end;
	}
	return o->n_sizes > 0 ? 0 : -1;
}

static int
parse_args(int argc, char **argv, struct perf_opts *o)
{
	enum {
		O_BOTH = 256,
		O_SERVER,
		O_CLIENT,
		O_SIZE,
		O_STREAMS,
		O_UNORD,
		O_ASSOCS,
		O_DUR,
		O_RR,
		O_DEPTH,
		O_SETUP,
		O_STYLE,
		O_API,
		O_MTU,
		O_PERIOD,
		O_JSON,
		O_CMP,
		O_PORT,
		O_QUIET,
		O_ONE,
		O_RWND,
		O_IDLE,
		O_APP,
		O_SPINS,
		O_IDLEMAX,
		O_IDLEA
	};
	static const struct option lo[] = {
	    {"both", no_argument, NULL, O_BOTH},
	    {"server", no_argument, NULL, O_SERVER},
	    {"client", no_argument, NULL, O_CLIENT},
	    {"size", required_argument, NULL, O_SIZE},
	    {"streams", required_argument, NULL, O_STREAMS},
	    {"unordered", no_argument, NULL, O_UNORD},
	    {"assocs", required_argument, NULL, O_ASSOCS},
	    {"duration", required_argument, NULL, O_DUR},
	    {"rr", no_argument, NULL, O_RR},
	    {"depth", required_argument, NULL, O_DEPTH},
	    {"setup-rate", no_argument, NULL, O_SETUP},
	    {"style", required_argument, NULL, O_STYLE},
	    {"api", required_argument, NULL, O_API},
	    {"mtu", required_argument, NULL, O_MTU},
	    {"stats-period", required_argument, NULL, O_PERIOD},
	    {"json", required_argument, NULL, O_JSON},
	    {"compare", required_argument, NULL, O_CMP},
	    {"port", required_argument, NULL, O_PORT},
	    {"quiet", no_argument, NULL, O_QUIET},
	    {"one-lcore", no_argument, NULL, O_ONE},
	    {"rwnd", required_argument, NULL, O_RWND},
	    {"idle", required_argument, NULL, O_IDLE},
	    {"app", required_argument, NULL, O_APP},
	    {"idle-spins", required_argument, NULL, O_SPINS},
	    {"idle-max", required_argument, NULL, O_IDLEMAX},
	    {"idle-assocs", no_argument, NULL, O_IDLEA},
	    {"interactive", no_argument, NULL, 'i'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	unsigned depth = 0;
	bool app_set = false;
	memset(o, 0, sizeof(*o));
	o->role = PERF_BOTH;
	o->wl = PERF_WL_BULK;
	o->sizes[0] = 1024;
	o->n_sizes = 1;
	o->streams = 1;
	o->assocs = 1;
	o->duration_s = 5;
	o->mtu = 1500;
	o->rwnd_bytes = 128u * 1024u;
	o->stats_period_s = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ih", lo, NULL)) != -1) {
		switch (c) {
		case O_BOTH:
			o->role = PERF_BOTH;
			break;
		case O_SERVER:
			o->role = PERF_SERVER;
			break;
		case O_CLIENT:
			o->role = PERF_CLIENT;
			break;
		case O_SIZE:
			if (parse_sizes(optarg, o) != 0)
				return -1;
			break;
		case O_STREAMS:
			o->streams = (uint16_t)atoi(optarg);
			break;
		case O_UNORD:
			o->unordered = true;
			break;
		case O_ASSOCS:
			o->assocs = (unsigned)atoi(optarg);
			break;
		case O_DUR:
			o->duration_s = atof(optarg);
			break;
		case O_RR:
			o->wl = PERF_WL_RR;
			break;
		case O_DEPTH:
			depth = (unsigned)atoi(optarg);
			break;
		case O_SETUP:
			o->wl = PERF_WL_SETUP;
			break;
		case O_STYLE:
			if (strcmp(optarg, "seqpacket") == 0)
				o->seqpacket = true;
			else if (strcmp(optarg, "stream") != 0)
				return -1;
			break;
		case O_API:
			o->api_facade = strcmp(optarg, "facade") == 0;
			o->api_engine = strcmp(optarg, "engine") == 0;
			if (!o->api_facade && !o->api_engine && strcmp(optarg, "core") != 0)
				return -1;
			break;
		case O_MTU:
			o->mtu = (uint32_t)atoi(optarg);
			break;
		case O_PERIOD:
			o->stats_period_s = atof(optarg);
			break;
		case O_JSON:
			o->json_path = optarg;
			break;
		case O_CMP:
			if (strcmp(optarg, "usrsctp") == 0)
				o->cmp_usrsctp = true;
			else if (strcmp(optarg, "raw") == 0)
				o->cmp_raw = true;
			else
				return -1;
			break;
		case O_PORT:
			o->port_id = (uint16_t)atoi(optarg);
			break;
		case O_QUIET:
			o->quiet = true;
			break;
		case O_ONE:
			o->one_lcore = true;
			break;
		case O_IDLEA:
			o->idle_assocs = true;
			break;
		case O_RWND:
			o->rwnd_bytes = (uint32_t)atoi(optarg);
			break;
		case O_IDLEMAX:
			if (atoi(optarg) <= 0)
				return -1;
			o->idle_max_us = (uint32_t)atoi(optarg);
			break;
		case O_SPINS:
			if (atoi(optarg) <= 0)
				return -1;
			o->idle_spins = (uint32_t)atoi(optarg);
			break;
		case O_APP:
			app_set = true;
			if (strcmp(optarg, "lcore") == 0)
				o->app_lcore = true;
			else if (strcmp(optarg, "thread") == 0)
				o->app_lcore = false;
			else
				return -1;
			break;
		case O_IDLE:
			o->idle_set = true;
			if (strcmp(optarg, "spin") == 0)
				o->idle_us = -1;
			else if (strcmp(optarg, "yield") == 0)
				o->idle_us = 0;
			else if (atoi(optarg) > 0)
				o->idle_us = atoi(optarg);
			else
				return -1;
			break;
		case 'i':
			o->interactive = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			return -1;
		}
	}
	if (optind != argc || o->streams == 0 || o->assocs == 0 || o->assocs > PERF_MAX_EPS ||
	    o->duration_s <= 0 || o->mtu < 576 || o->mtu > 9000 || o->stats_period_s < 0 ||
	    o->rwnd_bytes < 4096 || o->rwnd_bytes > (16u << 20))
		return -1;
	if (app_set && o->app_lcore && (o->api_engine || o->api_facade))
		return -1; /* the facade's sockets block: application threads */
	if (!app_set)
		o->app_lcore = !o->api_engine && !o->api_facade;
	/* application on the lcores: two threads on two CPUs that spin
	 * while traffic flows (2000 empty polls, 100-200 us, far above a
	 * round trip) and sleep 10 us after that, so that a shared machine's
	 * scheduler still runs them promptly; else stack lcores and
	 * application threads share the CPUs: sleep 100 us */
	if (!o->idle_set && !o->api_engine)
		o->idle_us = o->app_lcore ? 10 : 100;
	if (o->idle_spins == 0 && o->app_lcore && !o->idle_set)
		o->idle_spins = 2000;
	/* and the 10 us sleeps double up to 80 us while idle lasts: a peer
	 * descheduled for a time slice costs 10-20 wake-ups instead of
	 * hundreds (two context switches each) */
	if (o->idle_max_us == 0 && o->app_lcore && !o->idle_set && !o->api_engine)
		o->idle_max_us = 80;
	o->depth = depth != 0 ? depth : (o->wl == PERF_WL_SETUP ? 8 : 1);
	if (o->depth > (o->wl == PERF_WL_SETUP ? PERF_MAX_EPS : 4096))
		return -1;
	return 0;
}

/* ---- ports -------------------------------------------------------- */

static int
port_start(uint16_t port, struct rte_mempool *pool)
{
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(port, 0, 1024, rte_eth_dev_socket_id(port), NULL, pool) != 0 ||
	    rte_eth_tx_queue_setup(port, 0, 1024, rte_eth_dev_socket_id(port), NULL) != 0 ||
	    rte_eth_dev_start(port) != 0)
		return -1;
	return 0;
}

/* The in-memory link: two rings, two net_ring ports facing each other. */
static int
link_create(struct perf_app *app)
{
	int sock = (int)rte_socket_id();
	struct rte_ring *c2s =
	    rte_ring_create("perf_c2s", 4096, sock, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *s2c =
	    rte_ring_create("perf_s2c", 4096, sock, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (c2s == NULL || s2c == NULL)
		return -1;
	int pc = rte_eth_from_rings("perf_client", &s2c, 1, &c2s, 1, (unsigned)sock);
	int ps = rte_eth_from_rings("perf_server", &c2s, 1, &s2c, 1, (unsigned)sock);
	if (pc < 0 || ps < 0)
		return -1;
	app->port_c = (uint16_t)pc;
	app->port_s = (uint16_t)ps;
	/* --api core / facade: the runtime configures and starts the ports */
	if (app->o.api_engine &&
	    (port_start(app->port_c, app->pool_c) != 0 || port_start(app->port_s, app->pool_s) != 0))
		return -1;
	return 0;
}

static struct perf_node *
node_new(struct perf_app *app, bool client, uint16_t port, struct rte_mempool *pool)
{
	struct perf_node *n = rte_zmalloc("perf_node", sizeof(*n), RTE_CACHE_LINE_SIZE);
	if (n == NULL)
		return NULL;
	n->app = app;
	n->o = &app->o;
	n->mode = app->mode;
	n->sh = &app->sh;
	n->is_client = client;
	n->port = port;
	n->pool = pool;
	n->big_pool = client ? app->big_c : app->big_s;
	n->addr = client ? sctpdk_addr_v4(198, 18, 0, 1) : sctpdk_addr_v4(198, 18, 0, 2);
	n->peer = client ? sctpdk_addr_v4(198, 18, 0, 2) : sctpdk_addr_v4(198, 18, 0, 1);
	n->rng = client ? 0x9e3779b97f4a7c15ull : 0xd1b54a32d192ed03ull;
	n->rng ^= rte_rdtsc();
	n->base_port = client ? PERF_CLIENT_PORT : PERF_SERVER_PORT;
	n->n_eps = !client ? 1 : app->o.wl == PERF_WL_SETUP ? app->o.depth : app->o.assocs;
	struct rte_ether_addr mac;
	if (rte_eth_macaddr_get(port, &mac) == 0)
		memcpy(n->mac, mac.addr_bytes, 6);
	memset(n->peer_mac, 0xff, 6);
	if (perf_node_init(n) != 0) {
		perf_node_fini(n);
		rte_free(n);
		return NULL;
	}
	return n;
}

static void
node_del(struct perf_node *n)
{
	if (n == NULL)
		return;
	perf_node_fini(n);
	free(n->rtt.ns);
	rte_free(n);
}

/* ---- control (client lcore, or the server in --server) ------------ */

static uint64_t
heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

static void
sum_counters(struct perf_counters *z, const struct perf_node *n)
{
	if (n != NULL)
		*z = n->c;
	else
		memset(z, 0, sizeof(*z));
}

void
perf_app_period(struct perf_app *app, uint64_t now)
{
	struct perf_counters c, s, dc, ds;
	sum_counters(&c, app->cl);
	sum_counters(&s, app->sv);
	perf_counters_delta(&dc, &c, &app->last_c);
	perf_counters_delta(&ds, &s, &app->last_s);
	/* One-way bulk: count messages where they arrive only. */
	if (app->o.wl == PERF_WL_RR) {
		ds.msgs_rx = 0;
		ds.bytes_rx = 0;
		dc.bytes_rx *= 2;
	} else if (app->o.wl == PERF_WL_SETUP) {
		ds.msgs_rx = 0;
	} else if (app->sv == NULL) {
		dc.msgs_rx = dc.msgs_tx; /* --client: what the engine took */
		dc.bytes_rx = dc.bytes_tx;
	}
	double dt = (double)(now - app->last_t) / 1e6;
	double t = (double)(now - (app->t_run ? app->t_run : app->t_start)) / 1e6;
	if (dt > 0)
		perf_period_line(stdout, t, &dc, &ds, dt);
	fflush(stdout);
	app->last_c = c;
	app->last_s = s;
	app->last_t = now;
}

void
perf_app_show_assoc(struct perf_app *app)
{
	struct perf_node *ns[2] = {app->cl, app->sv};
	for (int k = 0; k < 2; k++) {
		struct perf_node *n = ns[k];
		if (n == NULL)
			continue;
		for (unsigned i = 0; i < n->n_eps; i++) {
			printf("%s endpoint port %u: %u association(s)\n",
			       n->is_client ? "client" : "server", n->base_port + i,
			       sctpdk_sctp_assoc_count(n->eps[i]));
			if (!n->is_client || n->as[i].id == 0)
				continue;
			struct sctpdk_sctp_assoc_info ai;
			/* Read from another thread: a snapshot for the eye. */
			if (sctpdk_sctp_assoc_info(n->eps[i], n->as[i].id, &ai) == 0)
				printf("  id %u %s peer_rwnd %u outstanding %u queued %u rto %u us "
				       "streams %u/%u\n",
				       n->as[i].id, sctpdk_sctp_state_name(ai.state), ai.peer_rwnd,
				       ai.outstanding_bytes, ai.queued_bytes, ai.rto_us,
				       ai.out_streams, ai.in_streams);
		}
	}
}

void
perf_control(struct perf_node *n, uint64_t now)
{
	struct perf_app *app = n->app;
	const struct perf_opts *o = &app->o;
	int ph = app->sh.phase;
	if (app->cli != NULL && now >= app->next_cli) {
		app->next_cli = now + 20000;
		perf_cli_poll(app);
		return;
	}
	if (ph == PH_SETUP) {
		if (!n->is_client || n->mode->ready(n)) {
			if (app->t_ready == 0) {
				app->t_ready = now;
				/* Both sides' heap growth since the endpoints were
				 * made, over both sides' associations. */
				if (n->is_client && app->sv != NULL)
					app->heap_per_assoc =
					    (double)(heap_in_use() - app->heap0) / (2.0 * n->n_eps);
			}
			double warm = o->duration_s / 10 < 0.2 ? o->duration_s / 10 : 0.2;
			if (!n->is_client || now - app->t_ready >= (uint64_t)(warm * 1e6)) {
				app->t_run = now;
				app->last_t = now;
				sum_counters(&app->last_c, app->cl);
				sum_counters(&app->last_s, app->sv);
				app->next_period = now + (uint64_t)(o->stats_period_s * 1e6);
				app->sh.phase = o->interactive ? PH_PAUSE : PH_RUN;
				if (o->interactive)
					printf("associations up; type start\n");
			}
		} else if (now - app->t_start > 10000000) {
			fprintf(stderr, "sctp-perf: associations not up after 10 s\n");
			app->sh.phase = PH_DONE;
		}
		return;
	}
	if (ph != PH_RUN)
		return;
	if (o->stats_period_s > 0 && now >= app->next_period && !o->interactive) {
		perf_app_period(app, now);
		app->next_period += (uint64_t)(o->stats_period_s * 1e6);
	}
	if (!o->interactive && now - app->t_run >= (uint64_t)(o->duration_s * 1e6))
		app->sh.phase = PH_DONE;
}

/* ---- comparison and output --------------------------------------- */

struct ref_row {
	uint32_t size;
	double msgs_per_s, cpu_us, gbit;
};

/* usrsctp figures quoted in issue 7 (this machine, one thread, AF_CONN,
 * checksums on). */
static const struct ref_row ref_bulk[] = {
    {64, 1.22e6, 0.82, 0},   {256, 0.74e6, 1.34, 0}, {1024, 0.35e6, 2.8, 0},
    {4096, 95e3, 10.5, 3.1}, {16384, 25e3, 0, 0},    {65536, 6.3e3, 0, 3.3},
};

static void
print_reference(const struct perf_opts *o)
{
	if (o->wl == PERF_WL_RR) {
		printf("issue #7 reference (usrsctp, quoted): 256 B ping-pong 263 k round trips/s "
		       "(3.8 us)\n");
		return;
	}
	if (o->wl == PERF_WL_SETUP) {
		printf(
		    "issue #7 reference (usrsctp, quoted): setup + graceful teardown 15.5 k/s\n");
		return;
	}
	for (size_t i = 0; i < RTE_DIM(ref_bulk); i++) {
		const struct ref_row *r = &ref_bulk[i];
		if (r->size != o->sizes[0])
			continue;
		printf("issue #7 reference (usrsctp, quoted): %u B %.0f msg/s", r->size,
		       r->msgs_per_s);
		if (r->cpu_us > 0)
			printf(" (%.2f us CPU/msg)", r->cpu_us);
		if (r->gbit > 0)
			printf(" %.1f Gbit/s", r->gbit);
		printf("\n");
	}
}

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

struct ratios {
	double msgs_per_s, gbit_per_s, msgs_per_cpu_s, gbit_per_cpu_s, cpu_us_per_msg;
	double rtt_p50, rtt_p99;
};

static void
ratios_fill(struct ratios *x, const struct perf_result *a, const struct perf_result *b)
{
	x->msgs_per_s = ratio(a->msgs_per_s, b->msgs_per_s);
	x->gbit_per_s = ratio(a->gbit_per_s, b->gbit_per_s);
	x->msgs_per_cpu_s = ratio(a->msgs_per_cpu_s, b->msgs_per_cpu_s);
	x->gbit_per_cpu_s = ratio(a->gbit_per_cpu_s, b->gbit_per_cpu_s);
	x->cpu_us_per_msg = ratio(a->cpu_us_per_msg_client + a->cpu_us_per_msg_server,
				  b->cpu_us_per_msg_client + b->cpu_us_per_msg_server);
	x->rtt_p50 = ratio(a->rtt_p50_us, b->rtt_p50_us);
	x->rtt_p99 = ratio(a->rtt_p99_us, b->rtt_p99_us);
}

static void
ratios_print(const char *name, const struct ratios *x, const struct perf_opts *o)
{
	printf("ratio sctpdk/%s: msgs/cpu-s %.2fx  Gbit/cpu-s %.2fx  msgs/s %.2fx  Gbit/s %.2fx  "
	       "cpu us/msg %.2fx (lower is better)",
	       name, x->msgs_per_cpu_s, x->gbit_per_cpu_s, x->msgs_per_s, x->gbit_per_s,
	       x->cpu_us_per_msg);
	if (o->wl == PERF_WL_RR)
		printf("  rtt p50 %.2fx p99 %.2fx (lower is better)", x->rtt_p50, x->rtt_p99);
	printf("\n");
}

static void
json_result(FILE *f, const struct perf_result *r)
{
	fprintf(
	    f,
	    "{\"workload\": \"%s\", \"size\": %u, \"mtu\": %u, \"wall_s\": %.6f, "
	    "\"cpu_s_client\": %.6f, \"cpu_s_server\": %.6f, \"messages\": %" PRIu64
	    ", \"bytes\": %" PRIu64 ", \"packets\": %" PRIu64 ", \"retransmissions\": %" PRIu64
	    ", \"drops\": %" PRIu64 ", \"msgs_per_s\": %.1f, \"gbit_per_s\": %.6f, "
	    "\"pkts_per_s\": %.1f, \"cpu_us_per_msg_client\": %.6f, "
	    "\"cpu_us_per_msg_server\": %.6f, \"cpu_us_per_msg\": %.6f, \"msgs_per_cpu_s\": %.1f, "
	    "\"gbit_per_cpu_s\": %.6f, \"rtt_p50_us\": %.3f, \"rtt_p99_us\": %.3f, "
	    "\"rtt_p999_us\": %.3f, \"setups_per_s\": %.1f, \"busy_s_client\": %.6f, "
	    "\"busy_s_server\": %.6f, \"cpu_s_stack_client\": %.6f, \"cpu_s_stack_server\": %.6f, "
	    "\"cpu_s_process\": %.6f}",
	    r->workload, r->size, r->mtu, r->wall_s, r->cpu_s_client, r->cpu_s_server, r->msgs,
	    r->bytes, r->pkts, r->retrans, r->drops, r->msgs_per_s, r->gbit_per_s, r->pkts_per_s,
	    r->cpu_us_per_msg_client, r->cpu_us_per_msg_server,
	    r->cpu_us_per_msg_client + r->cpu_us_per_msg_server, r->msgs_per_cpu_s,
	    r->gbit_per_cpu_s, r->rtt_p50_us, r->rtt_p99_us, r->rtt_p999_us, r->setups_per_s,
	    r->busy_s_client, r->busy_s_server, r->cpu_s_stack_client, r->cpu_s_stack_server,
	    r->cpu_s_process);
}

static void
json_ratios(FILE *f, const struct ratios *x)
{
	fprintf(f,
		"{\"msgs_per_s\": %.4f, \"gbit_per_s\": %.4f, \"msgs_per_cpu_s\": %.4f, "
		"\"gbit_per_cpu_s\": %.4f, \"cpu_us_per_msg\": %.4f, \"rtt_p50_us\": %.4f, "
		"\"rtt_p99_us\": %.4f}",
		x->msgs_per_s, x->gbit_per_s, x->msgs_per_cpu_s, x->gbit_per_cpu_s,
		x->cpu_us_per_msg, x->rtt_p50, x->rtt_p99);
}

/* Issue 7 targets for this workload; returns how many apply (0 or 1). */
static int
target_eval(const struct perf_opts *o, const struct perf_result *r, const struct ratios *u,
	    bool have_u, const struct perf_result *ur, char *txt, size_t len, bool *met)
{
	uint32_t s = o->sizes[0];
	if (o->n_sizes != 1 || o->assocs != 1)
		return 0;
	if (o->wl == PERF_WL_BULK && (s == 64 || s == 256 || s == 1024) && have_u) {
		*met = u->msgs_per_cpu_s >= 4;
		snprintf(txt, len, "msgs per CPU-second >= 4x usrsctp: %.2fx", u->msgs_per_cpu_s);
		return 1;
	}
	if (o->wl == PERF_WL_BULK && (s == 4096 || s == 16384 || s == 65536) && have_u) {
		*met = u->gbit_per_cpu_s >= 4;
		snprintf(txt, len, "Gbit per CPU-second >= 4x usrsctp: %.2fx", u->gbit_per_cpu_s);
		return 1;
	}
	if (o->wl == PERF_WL_RR && s == 256 && have_u) {
		*met = r->rtt_p50_us <= ur->rtt_p50_us && r->rtt_p99_us < 10;
		snprintf(txt, len, "rr p50 <= usrsctp (%.2f vs %.2f us) and p99 < 10 us (%.2f us)",
			 r->rtt_p50_us, ur->rtt_p50_us, r->rtt_p99_us);
		return 1;
	}
	if (o->wl == PERF_WL_SETUP) {
		*met = r->setups_per_s >= 100000;
		snprintf(txt, len, "setups+teardowns >= 100000/s: %.0f/s", r->setups_per_s);
		return 1;
	}
	return 0;
}

static const char *
api_name(const struct perf_opts *o)
{
	return o->api_facade ? "facade" : o->api_engine ? "engine" : "core";
}

static const char *
role_name(enum perf_role r)
{
	return r == PERF_BOTH ? "both" : r == PERF_CLIENT ? "client" : "server";
}

static void
write_json(const struct perf_app *app, const struct perf_result *r, const struct perf_result *ur,
	   bool have_u, const char *ulib, const struct perf_result *raw, bool have_raw)
{
	const struct perf_opts *o = &app->o;
	FILE *f = fopen(o->json_path, "w");
	if (f == NULL) {
		fprintf(stderr, "sctp-perf: cannot write %s\n", o->json_path);
		return;
	}
	fprintf(f,
		"{\n\"tool\": \"sctp-perf\",\n\"config\": {\"role\": \"%s\", \"workload\": \"%s\", "
		"\"api\": \"%s\", \"style\": \"%s\", \"sizes\": [",
		role_name(o->role), app->mode->name, api_name(o),
		o->seqpacket ? "seqpacket" : "stream");
	for (unsigned i = 0; i < o->n_sizes; i++)
		fprintf(f, "%s%u", i ? ", " : "", o->sizes[i]);
	fprintf(f,
		"], \"streams\": %u, \"unordered\": %s, \"assocs\": %u, \"depth\": %u, "
		"\"duration_s\": %.3f, \"mtu\": %u, \"rwnd\": %u, \"idle_us\": %d, \"lcores\": %u, "
		"\"one_lcore\": %s, \"app\": \"%s\", \"idle_spins\": %u, \"idle_max_us\": %u},\n",
		o->streams, o->unordered ? "true" : "false", o->assocs, o->depth, o->duration_s,
		o->mtu, o->rwnd_bytes, o->idle_us, rte_lcore_count(),
		o->one_lcore ? "true" : "false",
		o->api_engine ? "engine" : o->app_lcore ? "lcore" : "thread",
		o->idle_spins != 0 ? o->idle_spins : 64, o->idle_max_us);
	fprintf(f, "\"heap_bytes_per_assoc\": %.0f,\n\"sctpdk\": ", app->heap_per_assoc);
	json_result(f, r);
	struct ratios x;
	if (have_u) {
		fprintf(f, ",\n\"usrsctp\": ");
		json_result(f, ur);
		fprintf(f, ",\n\"usrsctp_library\": \"%s\",\n\"ratio_usrsctp\": ", ulib);
		ratios_fill(&x, r, ur);
		json_ratios(f, &x);
	}
	if (have_raw) {
		struct ratios y;
		fprintf(f, ",\n\"raw\": ");
		json_result(f, raw);
		fprintf(f, ",\n\"ratio_raw\": ");
		ratios_fill(&y, r, raw);
		json_ratios(f, &y);
	}
	char txt[160];
	bool met = false;
	if (target_eval(o, r, &x, have_u, ur, txt, sizeof(txt), &met))
		fprintf(f, ",\n\"target\": {\"text\": \"%s\", \"met\": %s}", txt,
			met ? "true" : "false");
	fprintf(f, "\n}\n");
	fclose(f);
}

#ifdef SCTPDK_PERF_USRSCTP
static int
run_usrsctp(const struct perf_opts *o, struct perf_result *r, const char **lib)
{
	struct sctpdk_usrsctp_bench *b;
	struct sctpdk_usrsctp_bench_cfg cfg;
	struct sctpdk_usrsctp_bench_result ur;
	memset(&cfg, 0, sizeof(cfg));
	cfg.kind = o->wl == PERF_WL_RR      ? SCTPDK_USRSCTP_BENCH_RR
		   : o->wl == PERF_WL_SETUP ? SCTPDK_USRSCTP_BENCH_SETUP
					    : SCTPDK_USRSCTP_BENCH_BULK;
	cfg.msg_size = o->sizes[0];
	cfg.duration_s = o->duration_s;
	cfg.streams = o->streams;
	cfg.unordered = o->unordered;
	cfg.mtu = o->mtu;
	if (sctpdk_usrsctp_bench_new(&b) != 0)
		return -1;
	int rc = sctpdk_usrsctp_bench_run(b, &cfg, &ur);
	sctpdk_usrsctp_bench_del(b);
	if (rc != 0)
		return -1;
	*lib = sctpdk_usrsctp_bench_library();
	memset(r, 0, sizeof(*r));
	r->workload = o->wl == PERF_WL_RR ? "rr" : o->wl == PERF_WL_SETUP ? "setup" : "bulk";
	r->size = ur.msg_size;
	r->mtu = ur.mtu;
	r->wall_s = ur.wall_s;
	/* One thread drives both endpoints: its CPU is the pair's. */
	r->cpu_s_client = ur.cpu_s;
	r->msgs = ur.messages;
	r->bytes = ur.bytes;
	r->pkts = ur.packets;
	r->retrans = ur.retransmissions;
	r->drops = ur.link_drops + ur.crc_errors;
	r->msgs_per_s = ur.msgs_per_s;
	r->gbit_per_s = ur.gbit_per_s;
	r->pkts_per_s = ur.wall_s > 0 ? (double)ur.packets / ur.wall_s : 0;
	r->cpu_us_per_msg_client = ur.cpu_us_per_msg;
	r->msgs_per_cpu_s = ur.msgs_per_cpu_s;
	r->gbit_per_cpu_s = ur.gbit_per_cpu_s;
	r->rtt_p50_us = ur.rtt_p50_us;
	r->rtt_p99_us = ur.rtt_p99_us;
	r->rtt_p999_us = ur.rtt_p999_us;
	if (o->wl == PERF_WL_SETUP)
		r->setups_per_s = ur.msgs_per_s;
	r->valid = ur.messages > 0;
	if (!ur.crc_rejects_corrupt)
		fprintf(stderr, "sctp-perf: usrsctp did not reject a corrupted packet\n");
	return 0;
}
#endif

/* ---- main --------------------------------------------------------- */

static int
run_sctpdk(struct perf_app *app, struct perf_result *r)
{
	const struct perf_opts *o = &app->o;
	if (!o->api_engine) {
		int rc = perf_stk_run(app, r);
		/* the stacks stopped the ports; --compare raw starts them again */
		if (o->cmp_raw && (port_start(app->port_c, app->pool_c) != 0 ||
				   port_start(app->port_s, app->pool_s) != 0))
			fprintf(stderr, "sctp-perf: ports not restarted for --compare raw\n");
		return rc;
	}
	app->t_start = perf_now_us();
	app->heap0 = heap_in_use();
	if (o->role == PERF_BOTH && o->one_lcore) {
		app->cl->controls = true;
		perf_node_loop_pair(app->cl, app->sv);
	} else if (o->role == PERF_BOTH) {
		app->cl->controls = true;
		if (rte_eal_remote_launch(perf_node_loop, app->sv, app->worker) != 0)
			return -1;
		perf_node_loop(app->cl);
		app->sh.phase = PH_DONE;
		rte_eal_wait_lcore(app->worker);
	} else {
		struct perf_node *n = app->cl != NULL ? app->cl : app->sv;
		n->controls = true;
		perf_node_loop(n);
	}
	if (app->cl != NULL && app->cl->measured) {
		perf_result_fill(r, o, app->cl, app->sv);
		if (o->one_lcore) {
			/* One thread ran both: its CPU is the pair's (as the
			 * usrsctp baseline reports it), split by busy time. */
			double cpu = r->cpu_s_client;
			double b = r->busy_s_client + r->busy_s_server;
			r->cpu_s_client = b > 0 ? cpu * r->busy_s_client / b : cpu;
			r->cpu_s_server = cpu - r->cpu_s_client;
			perf_result_rates(r, o->wl == PERF_WL_SETUP);
		}
	} else if (app->sv != NULL && app->sv->measured)
		perf_result_fill(r, o, app->sv, NULL);
	else
		return -1;
	if (app->cl != NULL && o->wl == PERF_WL_RR)
		perf_rtt_percentiles(&app->cl->rtt, &r->rtt_p50_us, &r->rtt_p99_us,
				     &r->rtt_p999_us);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct perf_app app;
	struct perf_opts *o = &app.o;
	bool link_up = false, port_up = false;
	int ret = 1;
	int n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "sctp-perf: EAL init failed\n");
		return 1;
	}
	argv[n] = argv[0];
	if (parse_args(argc - n, argv + n, &app.o) != 0) {
		usage(stderr);
		goto out;
	}
	if (o->seqpacket && !o->api_facade) {
		fprintf(stderr, "sctp-perf: --style seqpacket needs --api facade (sockets); core "
				"and engine have no socket style\n");
		goto out;
	}
	if (!o->api_engine && (o->role != PERF_BOTH || o->one_lcore || o->idle_assocs ||
			       o->interactive)) {
		fprintf(stderr, "sctp-perf: --server/--client, --one-lcore, --idle-assocs and -i "
				"run with --api engine only\n");
		goto out;
	}
	app.mode = o->wl == PERF_WL_RR      ? &perf_mode_rr
		   : o->wl == PERF_WL_SETUP ? &perf_mode_setup
					    : &perf_mode_bulk;
	sig_app = &app;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	perf_now_us();

	/* --api core / facade: the stacks have their own pools; these serve
	 * --compare raw only */
	unsigned np = o->api_engine ? 1 : 8;
	app.pool_c = rte_pktmbuf_pool_create("perf_pool_c", 65536 / np - 1, 256, 0,
					     RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	app.pool_s = rte_pktmbuf_pool_create("perf_pool_s", 16384 / np - 1, 256, 0,
					     RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	app.big_c = rte_pktmbuf_pool_create("perf_big_c", 1024 / np - 1, 32, 0,
					    PERF_BIG_BUF + RTE_PKTMBUF_HEADROOM, (int)rte_socket_id());
	app.big_s = rte_pktmbuf_pool_create("perf_big_s", 1024 / np - 1, 32, 0,
					    PERF_BIG_BUF + RTE_PKTMBUF_HEADROOM, (int)rte_socket_id());
	if (app.pool_c == NULL || app.pool_s == NULL || app.big_c == NULL || app.big_s == NULL) {
		fprintf(stderr, "sctp-perf: cannot create mbuf pools (-m more memory?)\n");
		goto out;
	}
	if (o->role == PERF_BOTH) {
		app.worker = rte_get_next_lcore(-1, 1, 0);
		if (app.worker >= RTE_MAX_LCORE && !(o->api_engine && o->one_lcore)) {
			fprintf(stderr, "sctp-perf: --both needs two lcores (-l 0-1)\n");
			goto out;
		}
		if (link_create(&app) != 0) {
			fprintf(stderr, "sctp-perf: cannot create the net_ring link\n");
			goto out;
		}
		link_up = true;
	} else {
		if (!rte_eth_dev_is_valid_port(o->port_id) ||
		    port_start(o->port_id, o->role == PERF_CLIENT ? app.pool_c : app.pool_s) != 0) {
			fprintf(stderr,
				"sctp-perf: port %u unusable (give EAL a device, e.g. "
				"--vdev net_memif0)\n",
				o->port_id);
			goto out;
		}
		app.port_c = app.port_s = o->port_id;
		port_up = true;
	}
	if (o->role != PERF_SERVER && o->api_engine)
		app.cl = node_new(&app, true, app.port_c, app.pool_c);
	if (o->role != PERF_CLIENT && o->api_engine)
		app.sv = node_new(&app, false, app.port_s, app.pool_s);
	if (o->api_engine && ((o->role != PERF_SERVER && app.cl == NULL) ||
			      (o->role != PERF_CLIENT && app.sv == NULL))) {
		fprintf(stderr, "sctp-perf: cannot create endpoints\n");
		goto out;
	}
	if (o->interactive && perf_cli_open(&app) != 0)
		goto out;
	printf("sctp-perf: %s, api %s%s, %s, size", role_name(o->role), api_name(o),
	       o->api_facade ? (o->seqpacket ? " (seqpacket)" : " (stream)") : "",
	       app.mode->name);
	for (unsigned i = 0; i < o->n_sizes; i++)
		printf("%s%u", i ? "," : " ", o->sizes[i]);
	printf(" B, streams %u%s, assocs %u, depth %u, mtu %u, %.1f s, %s\n", o->streams,
	       o->unordered ? " unordered" : "", o->assocs, o->depth, o->mtu, o->duration_s,
	       o->app_lcore	? "one stack lcore per endpoint, the application on it"
	       : !o->api_engine ? "one stack lcore per endpoint + one application thread per side"
	       : o->one_lcore ? "one lcore drives both endpoints"
			      : "one lcore per endpoint");
	fflush(stdout);

	struct perf_result r, ur, raw;
	bool have_u = false, have_raw = false;
	const char *ulib = "";
	memset(&ur, 0, sizeof(ur));
	memset(&raw, 0, sizeof(raw));
	int run_rc = run_sctpdk(&app, &r);
	if (app.heap_per_assoc > 0) {
		printf(
		    "memory: %u association(s) per side up: %.0f bytes of heap per association "
		    "(one side, no data queued: %s); the runtime adds an inbound ring of %zd bytes "
		    "(256 slots) per association\n",
		    app.cl->n_eps, app.heap_per_assoc,
		    o->idle_assocs || o->wl == PERF_WL_SETUP ? "idle" : "traffic had started",
		    rte_ring_get_memsize(256));
		if (o->idle_assocs)
			printf(
			    "memory: 100000 idle associations need %.2f GiB of heap (+ %.2f GiB of "
			    "runtime rings)\n",
			    app.heap_per_assoc * 1e5 / (1u << 30),
			    (double)rte_ring_get_memsize(256) * 1e5 / (1u << 30));
	}
	if (o->idle_assocs) {
		ret = app.heap_per_assoc > 0 ? 0 : 1;
		goto out;
	}
	if (run_rc != 0) {
		fprintf(stderr, "sctp-perf: nothing measured\n");
		perf_cli_close(&app);
		goto out;
	}
	perf_cli_close(&app);
	printf("---- summary (%.2f s measured; CPU: client %.2f s, server %.2f s) ----\n", r.wall_s,
	       r.cpu_s_client, r.cpu_s_server);
	perf_result_print(stdout, "sctpdk", &r);
	if (o->cmp_usrsctp) {
#ifdef SCTPDK_PERF_USRSCTP
		if (o->role != PERF_BOTH || o->n_sizes != 1 || o->assocs != 1)
			fprintf(stderr, "sctp-perf: --compare usrsctp runs one association of one "
					"size in --both; comparing the first size\n");
		fflush(stdout);
		if (run_usrsctp(o, &ur, &ulib) == 0) {
			have_u = true;
			perf_result_print(stdout, "usrsctp", &ur);
			printf("usrsctp: %s (one thread drives both endpoints; its CPU us/msg is "
			       "under \"client\")\n",
			       ulib);
			struct ratios x;
			ratios_fill(&x, &r, &ur);
			ratios_print("usrsctp", &x, o);
		} else {
			fprintf(stderr, "sctp-perf: the usrsctp run failed\n");
		}
#else
		fprintf(stderr, "sctp-perf: built without libusrsctp; no usrsctp comparison\n");
#endif
		print_reference(o);
	}
	if (o->cmp_raw && o->role == PERF_BOTH) {
		uint16_t ports[2] = {app.port_c, app.port_s};
		for (int k = 0; k < 2; k++) {
			struct rte_mbuf *left[PERF_BURST];
			uint16_t nb;
			while ((nb = rte_eth_rx_burst(ports[k], 0, left, PERF_BURST)) > 0)
				rte_pktmbuf_free_bulk(left, nb);
		}
		if (perf_raw_run(o, app.port_c, app.port_s, app.pool_c, o->sizes[0], &raw) == 0) {
			have_raw = true;
			perf_result_print(stdout, "raw", &raw);
			struct ratios y;
			ratios_fill(&y, &r, &raw);
			ratios_print("raw", &y, o);
		}
	}
	{
		char txt[160];
		bool met = false;
		struct ratios x;
		ratios_fill(&x, &r, &ur);
		if (target_eval(o, &r, &x, have_u, &ur, txt, sizeof(txt), &met))
			printf("issue #7 target: %s -> %s\n", txt, met ? "MET" : "MISSED");
	}
	if (o->json_path != NULL)
		write_json(&app, &r, &ur, have_u, ulib, &raw, have_raw);
	ret = r.valid ? 0 : 2;
out:
	node_del(app.cl);
	node_del(app.sv);
	if (port_up) {
		rte_eth_dev_stop(o->port_id);
		rte_eth_dev_close(o->port_id);
	}
	if (link_up) {
		rte_eth_dev_stop(app.port_c);
		rte_eth_dev_stop(app.port_s);
	}
	rte_eal_cleanup();
	return ret;
}
