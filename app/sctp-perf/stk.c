/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-perf over lib/runtime: the two stacks (client on the first worker
 * lcore, server on the second) over the net_ring pair, the application
 * threads of --api core / --api facade, and the control loop on the main
 * lcore (warm-up, measured window, per-period lines).
 *
 * CPU: each stack lcore's and each application thread's
 * CLOCK_THREAD_CPUTIME_ID over the window (client side = client stack
 * lcore + client application thread, server side likewise), and the
 * process's getrusage() over the same window, printed beside them.
 */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_runtime.h>

#include "sctpdk_facade.h"
#include "stk.h"

static uint8_t user_bytes[65536 + 64];

void
perf_side_fill(void *dst, uint32_t len)
{
	memcpy(dst, user_bytes + (len & 63), len);
}

void
perf_side_copy_out(struct perf_side *s, const void *src, uint32_t len)
{
	if (len > PERF_RX_BUF)
		len = PERF_RX_BUF;
	memcpy(s->rx_buf, src, len);
}

uint32_t
perf_side_size(struct perf_side *s)
{
	const struct perf_opts *o = s->k->o;
	uint32_t ov = s->k->app->sh.size_override;
	if (ov != 0)
		return ov;
	uint32_t z = o->sizes[s->size_i];
	if (++s->size_i == o->n_sizes)
		s->size_i = 0;
	return z;
}

void
perf_side_rtt(struct perf_side *s, uint64_t tsc)
{
	if (perf_rtt_add(&s->rtt, (double)tsc * 1e9 / (double)rte_get_tsc_hz()) == 0)
		s->c.rtt_samples++;
}

void
perf_side_idle(struct perf_side *s, unsigned *idle)
{
	int us = s->k->o->idle_us;
	if (++*idle < PERF_IDLE_POLLS || us < 0)
		return;
	if (us == 0)
		sched_yield();
	else
		usleep((useconds_t)us);
}

int
perf_side_phase(const struct perf_side *s)
{
	if (!s->client)
		return s->stop ? PH_DONE : PH_RUN;
	return s->k->app->sh.quit ? PH_DONE : s->k->app->sh.phase;
}

void
perf_side_fail(struct perf_side *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	s->failed = 1;
}

/* ---- thread CPU clocks ----------------------------------------------- */

static int
get_clock(void *arg)
{
	clockid_t *c = arg;
	return pthread_getcpuclockid(pthread_self(), c);
}

static double
clk_s(clockid_t c)
{
	struct timespec ts;
	if (clock_gettime(c, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
rusage_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* ---- stacks -------------------------------------------------------------- */

static int
stacks_create(struct perf_stk *k)
{
	struct perf_app *app = k->app;
	const struct perf_opts *o = k->o;
	unsigned n_cl = o->wl == PERF_WL_SETUP ? o->depth : o->assocs;
	k->n_eps[STK_CLIENT] = n_cl;
	k->n_eps[STK_SERVER] = 1;
	/* RTS ring: application threads allocate and free without an lcore
	 * cache (as the runtime's own pools) */
	k->pool = sctpdk_facade_pool_create("perf_stk_pool", 64511, 256, RTE_MBUF_DEFAULT_BUF_SIZE,
					    (int)rte_socket_id());
	k->big_pool = sctpdk_facade_pool_create("perf_stk_big", 1919, 32,
						PERF_BIG_BUF + RTE_PKTMBUF_HEADROOM,
						(int)rte_socket_id());
	if (k->pool == NULL || k->big_pool == NULL) {
		fprintf(stderr, "sctp-perf: no mbuf pool for the stacks (-m more memory?)\n");
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		struct sctpdk_stack_config cfg;
		sctpdk_stack_config_default(&cfg);
		snprintf(cfg.name, sizeof(cfg.name), "perf_%s", i == STK_CLIENT ? "c" : "s");
		cfg.n_lcores = 1;
		cfg.lcores[0] = k->lcore[i];
		cfg.n_ports = 1;
		cfg.ports[0].port_id = i == STK_CLIENT ? app->port_c : app->port_s;
		cfg.ports[0].mtu = (uint16_t)o->mtu;
		cfg.ports[0].n_addrs = 1;
		cfg.ports[0].addrs[0] = i == STK_CLIENT ? sctpdk_addr_v4(198, 18, 0, 1)
							: sctpdk_addr_v4(198, 18, 0, 2);
		cfg.n_eps = k->n_eps[i];
		for (unsigned e = 0; e < cfg.n_eps; e++) {
			cfg.eps[e].local_port =
			    (uint16_t)(i == STK_CLIENT ? PERF_CLIENT_PORT + e : PERF_SERVER_PORT);
			/* sockets switch listening themselves */
			cfg.eps[e].listening = i == STK_SERVER && !o->api_facade;
			cfg.eps[e].owner = 0;
		}
		cfg.proto.rwnd_bytes = o->rwnd_bytes;
		if (o->streams > cfg.proto.out_streams)
			cfg.proto.out_streams = o->streams;
		if (o->streams > cfg.proto.max_in_streams)
			cfg.proto.max_in_streams = o->streams;
		cfg.proto.nodelay = o->wl == PERF_WL_RR;
		/* a stack lcore shares the CPUs with the application threads
		 * and the other stack: spin only when asked */
		cfg.idle_sleep_us = o->idle_us < 0 ? 0 : o->idle_us > 0 ? (uint32_t)o->idle_us : 0;
		cfg.idle_yield = o->idle_us == 0;
		if (o->idle_spins != 0)
			cfg.idle_spins = o->idle_spins;
		cfg.idle_sleep_max_us = o->idle_max_us;
		cfg.max_assocs = 1024;
		/* one pool for both: each stack holds the other's mbufs
		 * (received packets, messages sliced from them) until freed */
		cfg.pool = k->pool;
		cfg.event_ring_size = 16384;
		cfg.cmd_ring_size = 4096;
		int err = 0;
		k->st[i] = sctpdk_stack_create(&cfg, &err);
		if (k->st[i] == NULL) {
			fprintf(stderr, "sctp-perf: stack %d not created: %d\n", i, err);
			return -1;
		}
	}
	uint8_t mac_c[6], mac_s[6];
	struct sctpdk_addr ic = sctpdk_addr_v4(198, 18, 0, 1), is = sctpdk_addr_v4(198, 18, 0, 2);
	if (sctpdk_stack_port_mac(k->st[0], 0, mac_c) != 0 ||
	    sctpdk_stack_port_mac(k->st[1], 0, mac_s) != 0 ||
	    sctpdk_stack_neigh_add(k->st[0], 0, &is, mac_s) != 0 ||
	    sctpdk_stack_neigh_add(k->st[1], 0, &ic, mac_c) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		if (rte_eal_remote_launch(get_clock, &k->lclk[i], k->lcore[i]) != 0 ||
		    rte_eal_wait_lcore(k->lcore[i]) != 0)
			return -1;
	}
	/* server first: the client's INIT finds it running */
	if (sctpdk_stack_start(k->st[STK_SERVER]) != 0 ||
	    sctpdk_stack_start(k->st[STK_CLIENT]) != 0)
		return -1;
	return 0;
}

/* ---- measurement ------------------------------------------------------- */

struct snap {
	struct perf_counters c[2];
	double cpu_side[2], cpu_lc[2], rusage, wall;
	uint64_t pkts[2], drops[2], rtx[2];
};

static void
take_snap(struct perf_stk *k, struct snap *s)
{
	for (int i = 0; i < 2; i++) {
		s->c[i] = k->side[i].c;
		s->cpu_side[i] = k->side[i].clk_ok ? clk_s(k->side[i].clk) : 0;
		s->cpu_lc[i] = clk_s(k->lclk[i]);
		struct sctpdk_stack_stats ss;
		sctpdk_stack_stats_get(k->st[i], &ss);
		s->pkts[i] = ss.tx_sctp;
		s->rtx[i] = ss.rtx_chunks;
		s->drops[i] = 0;
		for (unsigned d = 0; d < SCTPDK_RT_DROP_COUNT; d++)
			s->drops[i] += ss.drop[d];
	}
	s->rusage = rusage_s();
	s->wall = (double)perf_now_us() / 1e6;
}

static void
period(struct perf_stk *k, struct snap *last, double t)
{
	struct snap now;
	take_snap(k, &now);
	struct perf_counters d[2];
	for (int i = 0; i < 2; i++) {
		perf_counters_delta(&d[i], &now.c[i], &last->c[i]);
		d[i].pkts_tx = now.pkts[i] - last->pkts[i];
		d[i].drops = now.drops[i] - last->drops[i];
		d[i].retrans = now.rtx[i] - last->rtx[i];
	}
	if (k->o->wl != PERF_WL_BULK)
		d[STK_SERVER].msgs_rx = d[STK_SERVER].bytes_rx = 0;
	if (k->o->wl == PERF_WL_RR)
		d[STK_CLIENT].bytes_rx *= 2;
	double dt = now.wall - last->wall;
	if (dt > 0)
		perf_period_line(stdout, t, &d[STK_CLIENT], &d[STK_SERVER], dt);
	fflush(stdout);
	*last = now;
}

static void
fill_result(struct perf_stk *k, const struct snap *a, const struct snap *b, struct perf_result *r)
{
	const struct perf_opts *o = k->o;
	struct perf_counters dc, ds;
	perf_counters_delta(&dc, &b->c[STK_CLIENT], &a->c[STK_CLIENT]);
	perf_counters_delta(&ds, &b->c[STK_SERVER], &a->c[STK_SERVER]);
	memset(r, 0, sizeof(*r));
	r->size = o->sizes[0];
	r->mtu = o->mtu;
	r->wall_s = b->wall - a->wall;
	r->cpu_s_client =
	    (b->cpu_lc[0] - a->cpu_lc[0]) + (b->cpu_side[0] - a->cpu_side[0]);
	r->cpu_s_server =
	    (b->cpu_lc[1] - a->cpu_lc[1]) + (b->cpu_side[1] - a->cpu_side[1]);
	r->cpu_s_stack_client = b->cpu_lc[0] - a->cpu_lc[0];
	r->cpu_s_stack_server = b->cpu_lc[1] - a->cpu_lc[1];
	r->cpu_s_process = b->rusage - a->rusage;
	r->pkts = (b->pkts[0] - a->pkts[0]) + (b->pkts[1] - a->pkts[1]);
	r->drops = (b->drops[0] - a->drops[0]) + (b->drops[1] - a->drops[1]);
	r->retrans = (b->rtx[0] - a->rtx[0]) + (b->rtx[1] - a->rtx[1]);
	perf_result_workload(r, o->wl, &dc, &ds);
	perf_result_rates(r, o->wl == PERF_WL_SETUP);
}

/* Drops by reason of each stack since it started (the summary's total
 * counts the window only). */
static void
print_drops(struct perf_stk *k)
{
	for (int i = 0; i < 2; i++) {
		struct sctpdk_stack_stats ss;
		sctpdk_stack_stats_get(k->st[i], &ss);
		printf("drops, %s stack:", i == STK_CLIENT ? "client" : "server");
		for (unsigned d = 0; d < SCTPDK_RT_DROP_COUNT; d++)
			if (ss.drop[d] != 0)
				printf(" %s %" PRIu64, sctpdk_rt_drop_name(d), ss.drop[d]);
		printf(" (TX queue refusals kept for the next burst: %" PRIu64 ")\n", ss.tx_held);
	}
}

/* ---- the run ------------------------------------------------------------- */

int
perf_stk_run(struct perf_app *app, struct perf_result *r)
{
	const struct perf_opts *o = &app->o;
	static struct perf_stk k;
	int ret = -1;
	memset(&k, 0, sizeof(k));
	k.app = app;
	k.o = o;
	for (unsigned i = 0; i < sizeof(user_bytes); i++)
		user_bytes[i] = (uint8_t)(i * 7u + 1u);
	unsigned l1 = rte_get_next_lcore(-1, 1, 0);
	unsigned l2 = l1 < RTE_MAX_LCORE ? rte_get_next_lcore(l1, 1, 0) : RTE_MAX_LCORE;
	if (l2 >= RTE_MAX_LCORE) {
		fprintf(stderr, "sctp-perf: --api %s needs two worker lcores, one per stack "
				"(-l 0-2)\n",
			o->api_facade ? "facade" : "core");
		return -1;
	}
	k.lcore[STK_CLIENT] = l1;
	k.lcore[STK_SERVER] = l2;
	app->heap0 = 0;
	if (stacks_create(&k) != 0)
		goto out;
	void *(*fn)(void *) = o->api_facade ? perf_fc_side : perf_core_side;
	/* server first: a listening socket before the client connects */
	for (int i = 1; i >= 0; i--) {
		struct perf_side *s = &k.side[i];
		s->k = &k;
		s->client = i == STK_CLIENT;
		s->rx_buf = malloc(PERF_RX_BUF);
		if (s->rx_buf == NULL)
			goto out;
		if (o->app_lcore) {
			/* on the stack lcore: its CPU time is the lcore's */
			if (perf_core_lcore_start(s) != 0)
				goto out;
		} else if (pthread_create(&s->th, NULL, fn, s) != 0) {
			goto out;
		}
		if (i == STK_SERVER) {
			uint64_t t = perf_now_us();
			while (!s->up && !s->failed && perf_now_us() - t < 5000000)
				usleep(1000);
		}
	}
	app->t_start = perf_now_us();
	struct perf_side *cl = &k.side[STK_CLIENT], *sv = &k.side[STK_SERVER];
	while (!cl->up && !cl->failed && !sv->failed && !app->sh.quit &&
	       perf_now_us() - app->t_start < 10000000)
		usleep(1000);
	if (!cl->up) {
		fprintf(stderr, "sctp-perf: associations not up after 10 s%s%s%s%s\n",
			cl->failed ? ": client: " : "", cl->why, sv->failed ? "; server: " : "",
			sv->why);
		app->sh.phase = PH_DONE;
		goto join;
	}
	double warm = o->duration_s / 10 < 0.2 ? o->duration_s / 10 : 0.2;
	usleep((useconds_t)(warm * 1e6));
	struct snap a, last, b;
	take_snap(&k, &a);
	last = a;
	app->t_run = perf_now_us();
	app->sh.phase = PH_RUN;
	double next = o->stats_period_s;
	for (;;) {
		usleep(2000);
		double t = (double)(perf_now_us() - app->t_run) / 1e6;
		if (app->sh.quit || t >= o->duration_s || cl->failed || sv->failed)
			break;
		if (o->stats_period_s > 0 && t >= next) {
			period(&k, &last, t);
			next += o->stats_period_s;
		}
	}
	take_snap(&k, &b);
	app->sh.phase = PH_DONE;
	fill_result(&k, &a, &b, r);
	if (o->wl == PERF_WL_RR)
		perf_rtt_percentiles(&cl->rtt, &r->rtt_p50_us, &r->rtt_p99_us, &r->rtt_p999_us);
	printf("cpu: client stack lcore %.3f s + app thread %.3f s, server stack lcore %.3f s + "
	       "app thread %.3f s%s; process (getrusage) %.3f s over %.3f s wall\n",
	       b.cpu_lc[0] - a.cpu_lc[0], b.cpu_side[0] - a.cpu_side[0], b.cpu_lc[1] - a.cpu_lc[1],
	       b.cpu_side[1] - a.cpu_side[1], o->app_lcore ? " (application on the lcores)" : "",
	       b.rusage - a.rusage, b.wall - a.wall);
	if (r->drops != 0)
		print_drops(&k);
	ret = 0;
join:
	/* the client first: the server keeps draining (or answering) until
	 * the client's last blocking call returned */
	for (int i = 0; i < 2; i++) {
		struct perf_side *s = &k.side[i];
		if (i == STK_SERVER)
			s->stop = 1;
		perf_core_lcore_stop(s);
		if (s->th != 0) {
			uint64_t t = perf_now_us();
			while (pthread_tryjoin_np(s->th, NULL) == EBUSY) {
				if (perf_now_us() - t > 10000000) {
					fprintf(stderr, "sctp-perf: %s thread did not end\n",
						i == 0 ? "client" : "server");
					exit(3); /* a blocked thread: no clean stack stop */
				}
				usleep(1000);
			}
		}
		if (s->failed) {
			fprintf(stderr, "sctp-perf: %s: %s\n", i == 0 ? "client" : "server",
				s->why);
			ret = -1;
		}
	}
out:
	for (int i = 0; i < 2; i++)
		perf_core_lcore_stop(&k.side[i]);
	for (int i = 0; i < 2; i++) {
		sctpdk_stack_free(k.st[i]);
		k.st[i] = NULL;
		free(k.side[i].rx_buf);
		free(k.side[i].rtt.ns);
	}
	rte_mempool_free(k.pool);
	rte_mempool_free(k.big_pool);
	return ret;
}
