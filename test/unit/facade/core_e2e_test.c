/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The facade over the real protocol core (lib/sctp), end to end in one
 * process: struct sctpdk_facade_stack_ops implemented with sctpdk_sctp_*,
 * packets carried between the core endpoints in memory, one thread playing
 * the stack lcore (facade commands, packet input, core timers, events ->
 * sctpdk_facade_deliver). This is the shape of the runtime wiring, minus
 * ports and the poll loop; it checks that the interface fits the core.
 * Events go to the facade through the runtime glue's own translation
 * (sctpdk_rt_fglue_event(), lib/runtime/facade_glue.c); the stack ops
 * here stay a small double, since the glue's are bound to a running
 * stack's endpoints and lcores.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_socket.h>

#include "rt_fglue.h" /* lib/runtime: core events -> facade events */
#include "sctpdk_facade.h"
#include "util.h"

#define CS_EPS  16
#define CS_PKTS 4096

struct cs_pkt {
	struct rte_mbuf *m;
	struct sctpdk_addr src, dst;
};

struct cs_ep {
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_facade_ep *fep;
	uint16_t port;
};

struct cs {
	struct sctpdk_facade *f;
	struct rte_mempool *pool;
	pthread_t thr;
	volatile int quit;
	uint64_t now_us;
	uint64_t rnd;
	struct cs_ep eps[CS_EPS];
	struct cs_pkt q[CS_PKTS];
	unsigned qh, qn;
};

static struct cs *cs;

static uint64_t
mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void
cs_output(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	  const struct sctpdk_addr *dst)
{
	struct cs *c = ctx;
	if (c->qn == CS_PKTS) {
		rte_pktmbuf_free(pkt);
		return;
	}
	c->q[(c->qh + c->qn++) % CS_PKTS] = (struct cs_pkt){pkt, *src, *dst};
}

static void
cs_random(void *ctx, void *buf, size_t len)
{
	struct cs *c = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)sctpdk_test_rand(&c->rnd);
}

/* ---- struct sctpdk_facade_stack_ops over lib/sctp ---------------------- */

static int
o_ep_open(void *ctx, struct sctpdk_facade_ep *fep, const struct sctpdk_facade_ep_params *p,
	  void **sep)
{
	struct cs *c = ctx;
	struct sctpdk_sctp_config cfg;
	sctpdk_sctp_config_default(&cfg);
	cfg.local_port = p->local_port;
	cfg.n_local_addrs = p->n_addrs;
	memcpy(cfg.local_addrs, p->addrs, sizeof(p->addrs[0]) * p->n_addrs);
	cfg.listening = p->listening;
	if (p->out_streams)
		cfg.out_streams = p->out_streams;
	if (p->max_in_streams)
		cfg.max_in_streams = p->max_in_streams;
	if (p->max_init_retrans)
		cfg.max_init_retrans = p->max_init_retrans;
	if (p->rto_initial_ms)
		cfg.rto_initial_us = p->rto_initial_ms * 1000u;
	if (p->rto_min_ms)
		cfg.rto_min_us = p->rto_min_ms * 1000u;
	if (p->rto_max_ms)
		cfg.rto_max_us = p->rto_max_ms * 1000u;
	if (p->cookie_life_ms)
		cfg.cookie_life_us = p->cookie_life_ms * 1000u;
	if (p->max_retrans)
		cfg.max_retrans = p->max_retrans;
	cfg.send_adaptation = p->send_adaptation;
	cfg.adaptation_bits = p->adaptation_bits;
	cfg.pool = c->pool;
	cfg.ops.output = cs_output;
	cfg.ops.random = cs_random;
	cfg.ops.ctx = c;
	for (int i = 0; i < CS_EPS; i++)
		if (c->eps[i].ep != NULL && c->eps[i].port == p->local_port)
			return SCTPDK_ERR_EXISTS;
	for (int i = 0; i < CS_EPS; i++)
		if (c->eps[i].ep == NULL) {
			c->eps[i].ep = sctpdk_sctp_ep_new(&cfg, c->now_us);
			if (c->eps[i].ep == NULL)
				return SCTPDK_ERR_NOMEM;
			c->eps[i].fep = fep;
			c->eps[i].port = p->local_port;
			*sep = &c->eps[i];
			return 0;
		}
	return SCTPDK_ERR_NOMEM;
}

static void
o_ep_close(void *ctx, void *sep)
{
	struct cs_ep *e = sep;
	sctpdk_sctp_ep_del(e->ep);
	e->ep = NULL;
	e->fep = NULL;
}

static int
o_ep_listen(void *ctx, void *sep, int on)
{
	/* the core takes "listening" at creation; the facade opens listening
	 * endpoints with it set, so only a change is unsupported */
	return on ? 0 : SCTPDK_ERR_UNSUPP;
}

static int64_t
o_associate(void *ctx, void *sep, const struct sctpdk_addr *peer, uint16_t port, uint16_t os,
	    uint16_t mis, uint16_t attempts, uint16_t timeo)
{
	struct cs *c = ctx;
	return sctpdk_sctp_associate(((struct cs_ep *)sep)->ep, peer, port, os, c->now_us);
}

static int
o_send(void *ctx, void *sep, uint32_t assoc, const struct sctpdk_facade_sndinfo *si,
       struct rte_mbuf *msg)
{
	struct cs *c = ctx;
	uint32_t fl = (si->flags & SCTPDK_FACADE_SEND_UNORDERED) ? SCTPDK_SEND_UNORDERED : 0;
	return sctpdk_sctp_send(((struct cs_ep *)sep)->ep, assoc, si->sid, si->ppid, fl, si->ttl_ms,
				si->context, msg, c->now_us);
}

static int
o_shutdown(void *ctx, void *sep, uint32_t assoc)
{
	struct cs *c = ctx;
	return sctpdk_sctp_shutdown(((struct cs_ep *)sep)->ep, assoc, c->now_us);
}

static int
o_abort(void *ctx, void *sep, uint32_t assoc)
{
	struct cs *c = ctx;
	return sctpdk_sctp_abort(((struct cs_ep *)sep)->ep, assoc, NULL, 0, c->now_us);
}

static int
o_assoc_info(void *ctx, void *sep, uint32_t assoc, struct sctpdk_facade_assoc_info *i)
{
	struct sctpdk_sctp_assoc_info in;
	int r = sctpdk_sctp_assoc_info(((struct cs_ep *)sep)->ep, assoc, &in);
	if (r != 0)
		return r;
	memset(i, 0, sizeof(*i));
	static const int st[] = {SCTP_CLOSED,
				 SCTP_COOKIE_WAIT,
				 SCTP_COOKIE_ECHOED,
				 SCTP_ESTABLISHED,
				 SCTP_SHUTDOWN_PENDING,
				 SCTP_SHUTDOWN_SENT,
				 SCTP_SHUTDOWN_RECEIVED,
				 SCTP_SHUTDOWN_ACK_SENT};
	i->state = in.state >= 0 && in.state < 8 ? st[in.state] : SCTP_CLOSED;
	i->peer_port = in.peer_port;
	i->n_peer_addrs = in.n_peer_addrs;
	memcpy(i->peer_addrs, in.peer_addrs, sizeof(in.peer_addrs[0]) * in.n_peer_addrs);
	for (unsigned k = 0; k < in.n_peer_addrs; k++)
		i->path_state[k] = SCTP_ACTIVE;
	i->in_streams = in.in_streams;
	i->out_streams = in.out_streams;
	i->peer_rwnd = in.peer_rwnd;
	i->rto_ms = in.rto_us / 1000;
	return 0;
}

/* ---- the "lcore" ---------------------------------------------------------- */

static unsigned
step(struct cs *c)
{
	unsigned work = 0;
	while (c->qn > 0) {
		struct cs_pkt p = c->q[c->qh];
		c->qh = (c->qh + 1) % CS_PKTS;
		c->qn--;
		uint8_t *h = rte_pktmbuf_mtod(p.m, uint8_t *);
		uint16_t dport = (uint16_t)(h[2] << 8 | h[3]);
		struct cs_ep *to = NULL;
		for (int i = 0; i < CS_EPS; i++)
			if (c->eps[i].ep != NULL && c->eps[i].port == dport)
				to = &c->eps[i];
		if (to == NULL) {
			rte_pktmbuf_free(p.m);
			continue;
		}
		sctpdk_sctp_input(to->ep, p.m, &p.src, &p.dst, c->now_us);
		work++;
	}
	for (int i = 0; i < CS_EPS; i++) {
		struct cs_ep *e = &c->eps[i];
		if (e->ep == NULL)
			continue;
		if (sctpdk_sctp_next_deadline(e->ep) <= c->now_us)
			sctpdk_sctp_timer(e->ep, c->now_us);
		struct sctpdk_sctp_event ev[32];
		unsigned n;
		while ((n = sctpdk_sctp_event_poll(e->ep, ev, 32)) != 0) {
			for (unsigned k = 0; k < n; k++)
				sctpdk_rt_fglue_event(e->fep, e->ep, &ev[k]);
			work += n;
		}
	}
	return work;
}

static void *
lcore_main(void *arg)
{
	struct cs *c = arg;
	while (!c->quit) {
		c->now_us = mono_us();
		unsigned w = sctpdk_facade_lcore_poll(c->f, 0, c->now_us);
		w += step(c);
		if (w == 0) {
			struct timespec ts = {0, 50000};
			nanosleep(&ts, NULL);
		}
	}
	return NULL;
}

static int
core_init(void)
{
	if (sctpdk_test_eal_init() != 0)
		return -1;
	cs = calloc(1, sizeof(*cs));
	cs->rnd = 0x1234567;
	cs->pool = rte_mempool_lookup("sctpdk_fc_core_pool");
	if (cs->pool == NULL)
		cs->pool = sctpdk_facade_pool_create("sctpdk_fc_core_pool", 16127, 0,
						     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (cs->pool == NULL)
		return -1;
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "sctpdk_facade_core");
	cfg.pool = cs->pool;
	cfg.n_local_addrs = 2;
	cfg.local_addrs[0] = sctpdk_addr_v4(10, 0, 0, 1);
	cfg.local_addrs[1] = sctpdk_addr_v4(10, 0, 0, 2);
	cfg.ops = (struct sctpdk_facade_stack_ops){
	    .ep_open = o_ep_open,
	    .ep_close = o_ep_close,
	    .ep_listen = o_ep_listen,
	    .associate = o_associate,
	    .send = o_send,
	    .shutdown = o_shutdown,
	    .abort = o_abort,
	    .assoc_info = o_assoc_info,
	    .ctx = cs,
	};
	int err;
	cs->f = sctpdk_facade_create(&cfg, &err);
	if (cs->f == NULL)
		return -1;
	cs->now_us = mono_us();
	return pthread_create(&cs->thr, NULL, lcore_main, cs) == 0 ? 0 : -1;
}

static int
core_clean(void)
{
	cs->quit = 1;
	pthread_join(cs->thr, NULL);
	sctpdk_facade_free(cs->f);
	while (cs->qn > 0) {
		rte_pktmbuf_free(cs->q[cs->qh].m);
		cs->qh = (cs->qh + 1) % CS_PKTS;
		cs->qn--;
	}
	free(cs);
	return 0;
}

/* ---- tests --------------------------------------------------------------- */

static void
test_tcp_style_over_core(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(13000, &l, &c, &s), 0);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	for (int i = 0; i < 200; i++) {
		struct sctp_sndrcvinfo si = {.sinfo_stream = (uint16_t)(i % 3),
					     .sinfo_ppid = htonl((uint32_t)i)};
		CU_ASSERT_EQUAL(fc_send_si(c, &i, sizeof(i), NULL, &si, 0), (ssize_t)sizeof(i));
	}
	int bad = 0;
	for (int i = 0; i < 200; i++) {
		int v = -1;
		struct fc_rx r = fc_recv(s, &v, sizeof(v), 0);
		if (r.n != (ssize_t)sizeof(v) || v != i || !r.have_sndrcv ||
		    r.si.sinfo_stream != i % 3 || r.si.sinfo_ppid != htonl((uint32_t)i))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* a 20 kB message: fragmented and reassembled by the core */
	static uint8_t big[20000], back[20000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	CU_ASSERT_EQUAL(sctpdk_send(s, big, sizeof(big), 0), (ssize_t)sizeof(big));
	size_t got = 0;
	for (int eor = 0; !eor;) {
		struct fc_rx r = fc_recv(c, back + got, sizeof(back) - got, 0);
		CU_ASSERT_FATAL(r.n > 0);
		got += (size_t)r.n;
		eor = (r.flags & MSG_EOR) != 0;
	}
	CU_ASSERT_EQUAL(got, sizeof(big));
	CU_ASSERT_EQUAL(memcmp(big, back, sizeof(big)), 0);
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	socklen_t sl = sizeof(st);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_STATUS, &st, &sl), 0);
	CU_ASSERT_EQUAL(st.sstat_state, SCTP_ESTABLISHED);
	/* graceful close: SHUTDOWN exchange in the core, EOF at the peer */
	CU_ASSERT_EQUAL(sctpdk_close(c), 0);
	char b[4];
	CU_ASSERT_EQUAL(sctpdk_recv(s, b, sizeof(b), 0), 0);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_udp_style_over_core(void)
{
	int u = fc_udp_sock("10.0.0.1", 13100);
	int w = fc_udp_sock("10.0.0.2", 13101);
	CU_ASSERT_FATAL(u >= 0 && w >= 0);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 13101);
	/* implicit setup: the message rides with the handshake */
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "hello", 5, 0, SA(wa), sizeof(wa)), 5);
	char buf[64];
	struct fc_rx r = fc_recv_data(w, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 5);
	CU_ASSERT(r.have_sndrcv);
	CU_ASSERT_EQUAL(ntohs(r.from.sin_port), 13100);
	struct sctp_sndrcvinfo rep = {.sinfo_assoc_id = r.si.sinfo_assoc_id};
	CU_ASSERT_EQUAL(fc_send_si(w, "world", 5, NULL, &rep, 0), 5);
	r = fc_recv_data(u, buf, sizeof(buf));
	CU_ASSERT_EQUAL(r.n, 5);
	CU_ASSERT_EQUAL(memcmp(buf, "world", 5), 0);
	/* MSG_EOF per association */
	struct sctp_sndrcvinfo eof = {.sinfo_flags = MSG_EOF,
				      .sinfo_assoc_id = r.si.sinfo_assoc_id};
	CU_ASSERT_EQUAL(fc_send_si(u, NULL, 0, NULL, &eof, 0), 0);
	union sctp_notification n;
	do {
		CU_ASSERT_EQUAL_FATAL(fc_wait_note(w, SCTP_ASSOC_CHANGE, &n), 0);
	} while (n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_refused_over_core(void)
{
	/* an endpoint on 10.0.0.2:13299 that does not listen (it is busy
	 * setting up an association of its own to nowhere) */
	int x = sctpdk_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in xa = fc_sin("10.0.0.2", 13299);
	CU_ASSERT_EQUAL(sctpdk_bind(x, SA(xa), sizeof(xa)), 0);
	struct sockaddr_in hole = fc_sin("10.0.0.1", 13298);
	CU_ASSERT_EQUAL(sctpdk_connect(x, SA(hole), sizeof(hole)), -1);
	CU_ASSERT_EQUAL(errno, EINPROGRESS);
	/* its core endpoint answers our INIT with ABORT */
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(xa), sizeof(xa)), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	sctpdk_close(c);
	struct linger lg = {1, 0};
	sctpdk_setsockopt(x, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	sctpdk_close(x);
}

struct core_tx {
	int sd, n, fail;
};

static void *
core_tx_thread(void *arg)
{
	struct core_tx *t = arg;
	uint8_t m[64];
	for (int i = 0; i < t->n; i++) {
		memset(m, i & 0xff, sizeof(m));
		memcpy(m, &i, sizeof(i));
		if (sctpdk_send(t->sd, m, sizeof(m), 0) != (ssize_t)sizeof(m))
			t->fail++;
	}
	return NULL;
}

/* Two application threads per direction over two associations of the
 * core, blocking readers: every message once, in order. */
static void
test_threads_over_core(void)
{
	enum { N = 20000 };
	int l[2], c[2], s[2];
	for (int i = 0; i < 2; i++)
		CU_ASSERT_EQUAL_FATAL(fc_tcp_pair((uint16_t)(13400 + i), &l[i], &c[i], &s[i]), 0);
	struct core_tx tx[2] = {{c[0], N, 0}, {c[1], N, 0}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, core_tx_thread, &tx[i]);
	int bad = 0;
	for (int k = 0; k < N; k++)
		for (int i = 0; i < 2; i++) {
			uint8_t m[64];
			int v = -1;
			if (sctpdk_recv(s[i], m, sizeof(m), 0) != (ssize_t)sizeof(m))
				bad++;
			memcpy(&v, m, sizeof(v));
			if (v != k || m[63] != (uint8_t)(k & 0xff))
				bad++;
		}
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		CU_ASSERT_EQUAL(tx[i].fail, 0);
	}
	CU_ASSERT_EQUAL(bad, 0);
	for (int i = 0; i < 2; i++) {
		sctpdk_close(c[i]);
		sctpdk_close(s[i]);
		sctpdk_close(l[i]);
	}
}

SCTPDK_TEST_SUITE(facade_over_core, core_init, core_clean, SCTPDK_TEST(test_tcp_style_over_core),
		  SCTPDK_TEST(test_udp_style_over_core), SCTPDK_TEST(test_refused_over_core),
		  SCTPDK_TEST(test_threads_over_core))
