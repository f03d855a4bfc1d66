/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-perf internals: options, the per-lcore node that drives sctpdk
 * endpoints over an ethdev port, and the benchmark mode struct that each
 * workload file fills (mode_bulk.c, mode_rr.c, mode_setup.c).
 */
#ifndef SCTPDK_PERF_H
#define SCTPDK_PERF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>

struct rte_mbuf;
struct rte_mempool;

#define PERF_MAX_SIZES   8
#define PERF_MAX_EPS     64 /* client endpoints (one association each) */
#define PERF_BURST       32
#define PERF_IDLE_POLLS  64   /* empty polls before the idle policy applies */
#define PERF_TXBUF       8192 /* packets held while the link is full */
#define PERF_SERVER_PORT 7000
#define PERF_CLIENT_PORT 5000
#define PERF_RX_BUF      (256u * 1024u)
#define PERF_BIG_BUF     16384u
#define PERF_SMALL_MSG   1920u /* larger messages use big_pool */
#define PERF_HDR_LEN     34    /* Ethernet + IPv4 without options */

enum perf_role { PERF_BOTH, PERF_CLIENT, PERF_SERVER };
enum perf_workload { PERF_WL_BULK, PERF_WL_RR, PERF_WL_SETUP };

struct perf_opts {
	enum perf_role role;
	enum perf_workload wl;
	uint32_t sizes[PERF_MAX_SIZES];
	unsigned n_sizes;
	uint16_t streams;
	bool unordered;
	unsigned assocs;
	double duration_s;
	unsigned depth;
	bool seqpacket; /* --style seqpacket (one-to-many) */
	bool api_facade; /* --api facade: sockets over lib/runtime */
	bool api_engine; /* --api engine: the core on sctp-perf's own loop */
	bool app_lcore;  /* --api core --app lcore: application on the stack lcores */
	double stats_period_s;
	const char *json_path;
	bool cmp_usrsctp;
	bool cmp_raw;
	bool interactive;
	uint32_t mtu;        /* IP MTU */
	uint32_t rwnd_bytes; /* receive window (send buffer = 4x) */
	uint16_t port_id;    /* --server / --client: the ethdev port */
	bool quiet;
	int idle_us;      /* idle policy: -1 spin, 0 yield, N sleep N us */
	bool idle_set;    /* --idle given (core / facade default: sleep 100 us) */
	uint32_t idle_spins; /* --idle-spins: stack lcores' empty polls first (0: 64) */
	uint32_t idle_max_us; /* --idle-max: bound of the doubling idle sleeps (0: none) */
	bool one_lcore;   /* --both on one lcore, as the usrsctp baseline */
	bool idle_assocs; /* set associations up, send nothing: memory */
};

/* Counters of one side, written by its lcore only. */
struct perf_counters {
	uint64_t msgs_tx;
	uint64_t msgs_rx;
	uint64_t bytes_rx; /* payload */
	uint64_t bytes_tx; /* payload the engine accepted */
	uint64_t pkts_tx;
	uint64_t pkts_rx;
	uint64_t retrans; /* DATA chunks sent with a TSN already sent */
	uint64_t drops;   /* TX queue full, bad frame, bad CRC */
	uint64_t bad_crc;
	uint64_t send_again; /* send refused: buffer full */
	uint64_t setups;     /* associations up (client side) */
	uint64_t teardowns;  /* SHUTDOWN_COMP seen (client side) */
	uint64_t rtt_samples;
	uint64_t busy_tsc; /* TSC cycles of loop iterations that did work */
};

/* RTT samples of --rr, in nanoseconds. */
struct perf_rtt {
	uint32_t *ns;
	uint64_t n;
	uint64_t cap;
};

/* Record one round trip of ns nanoseconds (UINT32_MAX above 4 s); the
 * array doubles as needed. Returns 0, or -1 when it could not grow. */
static inline int
perf_rtt_add(struct perf_rtt *r, double ns)
{
	if (r->n == r->cap) {
		uint64_t cap = r->cap ? r->cap * 2 : 1u << 20;
		uint32_t *p = realloc(r->ns, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		r->ns = p;
		r->cap = cap;
	}
	r->ns[r->n++] = ns > 4e9 ? UINT32_MAX : (uint32_t)ns;
	return 0;
}

struct perf_node;

/* One benchmark mode: what the client and the server do. */
struct perf_mode {
	const char *name;
	/* Client: open associations (called once at start). */
	void (*client_start)(struct perf_node *n, uint64_t now_us);
	/* Called every loop iteration after RX and events. */
	void (*client_poll)(struct perf_node *n, uint64_t now_us);
	void (*server_poll)(struct perf_node *n, uint64_t now_us);
	/* Event of endpoint ep_i of the node (ownership of mbufs passes). */
	void (*event)(struct perf_node *n, unsigned ep_i, struct sctpdk_sctp_event *ev,
		      uint64_t now_us);
	/* Client: ready to measure (associations up). */
	bool (*ready)(const struct perf_node *n);
};

extern const struct perf_mode perf_mode_bulk;
extern const struct perf_mode perf_mode_rr;
extern const struct perf_mode perf_mode_setup;

/* Phase shared by both lcores (written by the client lcore). */
enum perf_phase { PH_SETUP = 0, PH_RUN, PH_PAUSE, PH_DONE };

struct perf_shared {
	volatile int phase;
	volatile int quit;
	volatile uint32_t size_override; /* interactive "set size" */
};

/* Per-association client state. */
struct perf_assoc {
	sctpdk_assoc_id_t id;
	bool up;
	bool closing;
	bool unflushed; /* bulk: sent with SCTPDK_SEND_MORE since the flush */
	uint16_t next_sid;
	uint32_t inflight;        /* rr: requests outstanding */
	struct rte_mbuf *pending; /* bulk: refused by a full send buffer */
	uint64_t *sent_tsc;       /* rr: depth slots */
	uint32_t next_slot;
};

struct perf_app;

struct perf_node {
	struct perf_app *app;
	bool controls; /* runs perf_control() */
	const struct perf_opts *o;
	const struct perf_mode *mode;
	struct perf_shared *sh;
	bool is_client;
	unsigned lcore;
	uint16_t port;
	struct rte_mempool *pool;
	struct rte_mempool *big_pool; /* message buffers of PERF_BIG_BUF bytes */
	struct sctpdk_addr addr;
	struct sctpdk_addr peer;
	uint8_t mac[6];
	uint8_t peer_mac[6];
	uint16_t ip_id;
	unsigned n_eps;
	uint16_t base_port;
	struct sctpdk_sctp_ep *eps[PERF_MAX_EPS];
	struct perf_assoc as[PERF_MAX_EPS];
	uint64_t next_deadline;
	uint32_t max_tsn_sent[PERF_MAX_EPS];
	uint16_t n_tx;
	struct rte_mbuf *tx[PERF_TXBUF];
	uint64_t rng;
	unsigned n_up;   /* client associations up */
	unsigned rr_i;   /* bulk: next association */
	unsigned size_i; /* next size of the mix */
	/* setup mode */
	uint64_t setup_t0;
	struct perf_rtt rtt;
	uint8_t *rx_buf; /* PERF_RX_BUF bytes: where messages are copied out */
	/* measured window: counters at its start and CPU time */
	struct perf_counters c __rte_cache_aligned;
	struct perf_counters c0;
	uint64_t cpu_ns0, cpu_ns;
	uint64_t wall_us0, wall_us;
	volatile int measured; /* c0/cpu_ns0 taken */
	volatile int finished; /* cpu_ns taken, loop left */
} __rte_cache_aligned;

/* ---- node.c: the endpoint driver ---------------------------------- */

/* Create the node's endpoints (client: n_eps, server: one listener). */
int perf_node_init(struct perf_node *n);
void perf_node_fini(struct perf_node *n);
/* The lcore loop: RX, CRC check, input, timers, events, mode poll, TX. */
int perf_node_loop(void *arg);
/* --one-lcore: both nodes in turn on the calling lcore. */
void perf_node_loop_pair(struct perf_node *cl, struct perf_node *sv);
void perf_node_flush(struct perf_node *n);
/* Client lcore, every iteration: phase changes, periodic lines, the
 * interactive command line (main.c). */
void perf_control(struct perf_node *n, uint64_t now_us);
/* Copy a received message out, as recvmsg would (returns bytes). */
uint32_t perf_copy_out(struct perf_node *n, const struct rte_mbuf *m);
uint64_t perf_now_us(void);
/* A message mbuf of len payload bytes (pattern filled), NULL if none. */
struct rte_mbuf *perf_msg_alloc(struct perf_node *n, uint32_t len);
/* Next message size (of the mix, or the interactive override). */
uint32_t perf_next_size(struct perf_node *n);
uint64_t perf_thread_cpu_ns(void);

/* ---- report.c ------------------------------------------------------ */

struct perf_result {
	const char *workload;
	uint32_t size; /* first size (the mix is in the text) */
	uint32_t mtu;
	double wall_s;
	double cpu_s_client, cpu_s_server;
	/* --api core / facade: the stack lcores' share of the above, and the
	 * process's CPU (getrusage) over the same window */
	double cpu_s_stack_client, cpu_s_stack_server, cpu_s_process;
	/* Seconds of loop iterations that moved something: the CPU the work
	 * took, without the spinning of an lcore whose peer is descheduled
	 * (a shared, loaded machine). */
	double busy_s_client, busy_s_server;
	double msgs_per_busy_s, gbit_per_busy_s;
	uint64_t msgs; /* delivered messages / round trips / setups */
	uint64_t bytes;
	uint64_t pkts;
	uint64_t retrans;
	uint64_t drops;
	double msgs_per_s, gbit_per_s, pkts_per_s;
	double cpu_us_per_msg_client, cpu_us_per_msg_server;
	double msgs_per_cpu_s, gbit_per_cpu_s;
	double rtt_p50_us, rtt_p99_us, rtt_p999_us;
	double setups_per_s;
	bool valid;
};

/* d = now - then, counter by counter. */
void perf_counters_delta(struct perf_counters *d, const struct perf_counters *now,
			 const struct perf_counters *then);
/* The workload's name and its messages and bytes from the client's (dc)
 * and server's (ds) counters over the window: bulk what arrived at the
 * server, rr the client's round trips and what both received, setup the
 * client's teardowns. */
void perf_result_workload(struct perf_result *r, enum perf_workload wl,
			  const struct perf_counters *dc, const struct perf_counters *ds);
void perf_result_fill(struct perf_result *r, const struct perf_opts *o, const struct perf_node *cl,
		      const struct perf_node *sv);
/* Rates from the totals (msgs, bytes, pkts, wall, cpu, busy). */
void perf_result_rates(struct perf_result *r, bool setup);
void perf_period_line(FILE *f, double t_s, const struct perf_counters *dc,
		      const struct perf_counters *ds, double dt_s);
void perf_result_print(FILE *f, const char *who, const struct perf_result *r);
void perf_rtt_percentiles(struct perf_rtt *rtt, double *p50, double *p99, double *p999);

/* ---- raw.c: the link without SCTP ---------------------------------- */
int perf_raw_run(const struct perf_opts *o, uint16_t port_a, uint16_t port_b,
		 struct rte_mempool *pool, uint32_t size, struct perf_result *r);

/* ---- main.c: the application -------------------------------------- */
struct cmdline;

struct perf_app {
	struct perf_opts o;
	struct perf_shared sh;
	const struct perf_mode *mode;
	struct perf_node *cl; /* NULL in --server */
	struct perf_node *sv; /* NULL in --client */
	struct rte_mempool *pool_c, *pool_s, *big_c, *big_s;
	uint16_t port_c, port_s;
	unsigned worker;
	uint64_t t_start, t_ready, t_run, next_period, next_cli;
	struct perf_counters last_c, last_s;
	uint64_t last_t;
	struct cmdline *cli;
	uint64_t heap0;        /* heap in use before the associations */
	double heap_per_assoc; /* bytes per association, one side, when all came up */
};

/* Print counters of both sides since the last call (interactive "show
 * stats" and the --stats-period lines). */
void perf_app_period(struct perf_app *app, uint64_t now_us);
void perf_app_show_assoc(struct perf_app *app);

/* ---- cli.c: interactive mode on rte_cmdline ------------------------ */
int perf_cli_open(struct perf_app *app);
/* Non-blocking: read what is typed, run complete commands. */
void perf_cli_poll(struct perf_app *app);
void perf_cli_close(struct perf_app *app);

#endif
