/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Soak: SCTPDK_SOAK_ASSOCS client endpoints (default 1000, one port each,
 * behind one simulated node) keep associating with one server endpoint for
 * SCTPDK_SOAK_SECONDS of simulated time (default 600) over an impaired link
 * (1 % loss, 1 % duplication, 1 % reordering, jitter). Each association
 * lives a random while, sends random messages (1 B..16 KiB) and ends by
 * graceful shutdown or abort; then the client starts again. At the end:
 * every message delivered at most once, byte-exact; every message of a
 * gracefully closed association delivered; no association left (nothing
 * stuck); creation and free counts equal; no mbuf left in the pool.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk_crc32c.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"

#define SOAK_PORT0 10000
#define MAX_MSGS_PER_LIFE 8
#define MSG_MAX 16384

enum { C_IDLE, C_CONNECTING, C_UP, C_CLOSING };

struct client {
	struct sctpdk_sctp_ep *ep;
	sctpdk_assoc_id_t id;
	int st;
	uint64_t next_us;   /* next action */
	bool abort_it;      /* end this life by abort */
	uint32_t first_msg; /* message numbers of this life */
	uint32_t n_msgs;
	uint32_t lives;
};

struct soak {
	struct sctpdk_sim *sim;
	struct rte_mempool *pool;
	struct sctpdk_sctp_ep *server;
	struct client *c;
	uint32_t n;
	struct sctpdk_addr caddr, saddr;
	uint64_t rng;
	uint64_t end_us;
	/* per message */
	uint32_t n_msgs, cap_msgs;
	uint32_t *len;
	uint8_t *delivered; /* count */
	uint8_t *graceful;  /* its association closed with SHUTDOWN_COMP */
	uint32_t dup, corrupt, bad_events;
	uint64_t lives, graceful_lives, aborts, comm_lost, restarts;
	uint64_t *deadline; /* cached per client */
};

static uint8_t pat[MSG_MAX + 256];

static void
s_rand(void *ctx, void *buf, size_t len)
{
	struct soak *s = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&s->rng) >> 32);
}

static void
s_out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct soak *s = ctx;
	sctpdk_sim_send(s->sim, pkt, src, dst);
}

static struct rte_mbuf *
s_msg(struct soak *s, uint32_t k)
{
	uint32_t len = s->len[k];
	struct rte_mbuf *head = NULL;
	uint32_t done = 0;
	while (done < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(s->pool);
		if (m == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		uint32_t n = len - done < 2048 ? len - done : 2048;
		memcpy(rte_pktmbuf_append(m, (uint16_t)n), pat + (k & 255) + done, n);
		if (head == NULL)
			head = m;
		else
			rte_pktmbuf_chain(head, m);
		done += n;
	}
	return head;
}

static void
server_events(struct soak *s)
{
	struct sctpdk_sctp_event ev[64];
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(s->server, ev, 64)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			if (ev[i].type == SCTPDK_EV_DATA) {
				uint32_t m = ev[i].u.data.ppid;
				if (m >= s->n_msgs || ev[i].u.data.len != s->len[m]) {
					s->corrupt++;
				} else {
					uint32_t off = 0;
					for (const struct rte_mbuf *x = ev[i].u.data.msg; x; x = x->next) {
						if (memcmp(rte_pktmbuf_mtod(x, const uint8_t *),
							   pat + (m & 255) + off, x->data_len) != 0)
							s->corrupt++;
						off += x->data_len;
					}
					if (++s->delivered[m] > 1)
						s->dup++;
				}
			} else if (ev[i].type == SCTPDK_EV_ASSOC_CHANGE &&
				   ev[i].u.assoc_change.state == SCTPDK_RESTART) {
				s->restarts++;
			}
			sctpdk_sctp_event_release(&ev[i]);
		}
	}
}

static void
life_start(struct soak *s, struct client *c, uint64_t now)
{
	uint64_t r = sctpdk_test_rand(&s->rng);
	c->n_msgs = 1 + (uint32_t)(r % MAX_MSGS_PER_LIFE);
	if (s->n_msgs + c->n_msgs > s->cap_msgs) {
		c->st = C_IDLE;
		c->next_us = UINT64_MAX;
		return;
	}
	c->first_msg = s->n_msgs;
	for (uint32_t i = 0; i < c->n_msgs; i++)
		s->len[s->n_msgs++] = 1 + (uint32_t)(sctpdk_test_rand(&s->rng) % MSG_MAX);
	c->abort_it = (r >> 8) % 4 == 0;
	int64_t id = sctpdk_sctp_associate(c->ep, &s->saddr, 6000, 2, now);
	if (id <= 0) {
		c->st = C_IDLE;
		c->next_us = now + 1000000;
		return;
	}
	c->id = (sctpdk_assoc_id_t)id;
	c->st = C_CONNECTING;
	c->lives++;
	s->lives++;
	/* The life lasts 20..120 s; stop early when the run ends. */
	c->next_us = now + 20000000 + (r >> 20) % 100000000;
}

static void
life_send(struct soak *s, struct client *c, uint64_t now)
{
	for (uint32_t i = 0; i < c->n_msgs; i++) {
		uint32_t k = c->first_msg + i;
		struct rte_mbuf *m = s_msg(s, k);
		if (m == NULL || sctpdk_sctp_send(c->ep, c->id, (uint16_t)(k % 2), k, 0, 0, k, m,
						   now) != 0) {
			rte_pktmbuf_free(m);
			s->bad_events++;
		}
	}
}

static void
client_events(struct soak *s, struct client *c, uint64_t now)
{
	struct sctpdk_sctp_event ev[16];
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(c->ep, ev, 16)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			if (ev[i].type == SCTPDK_EV_ASSOC_CHANGE) {
				uint16_t st = ev[i].u.assoc_change.state;
				if (st == SCTPDK_COMM_UP && c->st == C_CONNECTING) {
					c->st = C_UP;
					life_send(s, c, now);
				} else if (st == SCTPDK_SHUTDOWN_COMP) {
					for (uint32_t j = 0; j < c->n_msgs; j++)
						s->graceful[c->first_msg + j] = 1;
					s->graceful_lives++;
					c->st = C_IDLE;
					c->next_us = now + 100000 + sctpdk_test_rand(&s->rng) % 5000000;
				} else if (st == SCTPDK_COMM_LOST || st == SCTPDK_CANT_STR_ASSOC) {
					s->comm_lost++;
					c->st = C_IDLE;
					c->next_us = now + 100000 + sctpdk_test_rand(&s->rng) % 5000000;
				}
			}
			sctpdk_sctp_event_release(&ev[i]);
		}
	}
}

static void
client_act(struct soak *s, struct client *c, uint64_t now)
{
	if (c->next_us > now)
		return;
	if (c->st == C_IDLE) {
		if (now < s->end_us)
			life_start(s, c, now);
		else
			c->next_us = UINT64_MAX;
	} else if (c->st == C_UP || c->st == C_CONNECTING) {
		if (c->abort_it || c->st == C_CONNECTING) {
			sctpdk_sctp_abort(c->ep, c->id, "soak", 4, now);
			s->aborts++;
			c->st = C_IDLE;
			c->next_us = now + 100000 + sctpdk_test_rand(&s->rng) % 5000000;
			client_events(s, c, now);
		} else {
			sctpdk_sctp_shutdown(c->ep, c->id, now);
			c->st = C_CLOSING;
			c->next_us = now + 600000000ull; /* T5 ends it at the latest */
		}
	} else {
		c->next_us = UINT64_MAX;
	}
}

static uint64_t
client_deadline(const struct client *c)
{
	uint64_t d = sctpdk_sctp_next_deadline(c->ep);
	return c->next_us < d ? c->next_us : d;
}

static void
c_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst, uint64_t now)
{
	struct soak *s = ctx;
	(void)sim;
	const uint8_t *h = rte_pktmbuf_mtod(pkt, const uint8_t *);
	uint32_t i = (uint32_t)(h[2] << 8 | h[3]) - SOAK_PORT0;
	if (i >= s->n || !sctpdk_sctp_cksum_ok(pkt, 0)) {
		rte_pktmbuf_free(pkt);
		return;
	}
	struct client *c = &s->c[i];
	sctpdk_sctp_input(c->ep, pkt, src, dst, now);
	client_events(s, c, now);
	s->deadline[i] = client_deadline(c);
}

static void
c_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct soak *s = ctx;
	(void)sim;
	for (uint32_t i = 0; i < s->n; i++) {
		if (s->deadline[i] > now)
			continue;
		struct client *c = &s->c[i];
		sctpdk_sctp_timer(c->ep, now);
		client_events(s, c, now);
		client_act(s, c, now);
		client_events(s, c, now);
		s->deadline[i] = client_deadline(c);
	}
}

static uint64_t
c_deadline(void *ctx)
{
	struct soak *s = ctx;
	uint64_t d = UINT64_MAX;
	for (uint32_t i = 0; i < s->n; i++)
		if (s->deadline[i] < d)
			d = s->deadline[i];
	return d;
}

static void
z_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst, uint64_t now)
{
	struct soak *s = ctx;
	(void)sim;
	if (!sctpdk_sctp_cksum_ok(pkt, 0)) {
		rte_pktmbuf_free(pkt);
		return;
	}
	sctpdk_sctp_input(s->server, pkt, src, dst, now);
	server_events(s);
}

static void
z_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct soak *s = ctx;
	(void)sim;
	sctpdk_sctp_timer(s->server, now);
	server_events(s);
}

static uint64_t
z_deadline(void *ctx)
{
	return sctpdk_sctp_next_deadline(((struct soak *)ctx)->server);
}

static const struct sctpdk_sim_node_ops c_ops = {c_input, c_timer, c_deadline};
static const struct sctpdk_sim_node_ops z_ops = {z_input, z_timer, z_deadline};

static int
any_assoc(void *arg)
{
	struct soak *s = arg;
	if (sctpdk_sctp_assoc_count(s->server) != 0)
		return 1;
	for (uint32_t i = 0; i < s->n; i++)
		if (sctpdk_sctp_assoc_count(s->c[i].ep) != 0)
			return 1;
	return 0;
}

static uint32_t
env_u32(const char *name, uint32_t def)
{
	const char *v = getenv(name);
	return v != NULL ? (uint32_t)strtoul(v, NULL, 10) : def;
}

static void
test_soak(void)
{
	struct soak s;
	memset(&s, 0, sizeof(s));
	s.n = env_u32("SCTPDK_SOAK_ASSOCS", 1000);
	uint32_t secs = env_u32("SCTPDK_SOAK_SECONDS", 600);
	printf("\n  soak: %u associations, %u s simulated (SCTPDK_SOAK_ASSOCS, "
	       "SCTPDK_SOAK_SECONDS)\n",
	       s.n, secs);
	for (unsigned i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t)(i * 131 + 7);
	s.pool = rte_pktmbuf_pool_create("soak_pool", 65535, 256, 0, 2048 + 128, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.pool);
	s.cap_msgs = s.n * 80 + 1000;
	s.len = calloc(s.cap_msgs, sizeof(*s.len));
	s.delivered = calloc(s.cap_msgs, 1);
	s.graceful = calloc(s.cap_msgs, 1);
	s.c = calloc(s.n, sizeof(*s.c));
	s.deadline = calloc(s.n, sizeof(*s.deadline));
	CU_ASSERT_FATAL(s.len && s.delivered && s.graceful && s.c && s.deadline);
	s.rng = 777;
	s.sim = sctpdk_sim_new(777, s.pool);
	s.caddr = sctpdk_addr_v4(10, 9, 0, 1);
	s.saddr = sctpdk_addr_v4(10, 9, 0, 2);
	struct sctpdk_sctp_config cfg;
	sctpdk_sctp_config_default(&cfg);
	cfg.local_port = 6000;
	cfg.n_local_addrs = 1;
	cfg.local_addrs[0] = s.saddr;
	cfg.listening = 1;
	cfg.rwnd_bytes = 256u << 10;
	cfg.pool = s.pool;
	cfg.ops = (struct sctpdk_sctp_ops){.output = s_out, .random = s_rand, .ctx = &s};
	s.server = sctpdk_sctp_ep_new(&cfg, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.server);
	for (uint32_t i = 0; i < s.n; i++) {
		cfg.local_port = (uint16_t)(SOAK_PORT0 + i);
		cfg.local_addrs[0] = s.caddr;
		cfg.listening = 0;
		s.c[i].ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s.c[i].ep);
		s.c[i].next_us = sctpdk_test_rand(&s.rng) % 10000000;
		s.deadline[i] = s.c[i].next_us;
	}
	CU_ASSERT_FATAL(sctpdk_sim_node_add(s.sim, &c_ops, &s, &s.caddr, 1) >= 0);
	CU_ASSERT_FATAL(sctpdk_sim_node_add(s.sim, &z_ops, &s, &s.saddr, 1) >= 0);
	struct sctpdk_sim_link_cfg lc = {.delay_us = 10000, .jitter_us = 2000,
					 .rate_bps = 100000000, .loss = 0.01, .dup = 0.01,
					 .reorder = 0.01, .reorder_us = 3000};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(s.sim, &s.caddr, &s.saddr, &lc, NULL) >= 0);
	s.end_us = (uint64_t)secs * 1000000;
	sctpdk_sim_run_until(s.sim, s.end_us);
	/* No new lives after end_us: everything must wind down. */
	int rc = sctpdk_sim_run_while(s.sim, any_assoc, &s, 1200ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	uint32_t lost_graceful = 0, delivered = 0;
	for (uint32_t k = 0; k < s.n_msgs; k++) {
		delivered += s.delivered[k] != 0;
		lost_graceful += s.graceful[k] && !s.delivered[k];
	}
	struct sctpdk_sctp_stats st;
	sctpdk_sctp_stats_get(s.server, &st);
	uint64_t created = st.assoc_created, freed = st.assoc_freed;
	for (uint32_t i = 0; i < s.n; i++) {
		struct sctpdk_sctp_stats cs;
		sctpdk_sctp_stats_get(s.c[i].ep, &cs);
		created += cs.assoc_created;
		freed += cs.assoc_freed;
	}
	printf("  %" PRIu64 " association lives (%" PRIu64 " shut down gracefully, %" PRIu64
	       " aborted by the client, %" PRIu64 " COMM_LOST/CANT_STR_ASSOC); %u messages, %u "
	       "delivered, %u duplicated, %u corrupted, %u of gracefully closed ones missing; "
	       "associations created %" PRIu64 " freed %" PRIu64 "; wound down at %.1f s\n",
	       s.lives, s.graceful_lives, s.aborts, s.comm_lost, s.n_msgs, delivered, s.dup,
	       s.corrupt, lost_graceful, created, freed, sctpdk_sim_now_us(s.sim) / 1e6);
	CU_ASSERT(s.lives >= s.n);
	CU_ASSERT(s.graceful_lives > 0);
	CU_ASSERT(s.aborts > 0);
	CU_ASSERT_EQUAL(s.dup, 0);
	CU_ASSERT_EQUAL(s.corrupt, 0);
	CU_ASSERT_EQUAL(lost_graceful, 0);
	CU_ASSERT_EQUAL(created, freed);
	CU_ASSERT_EQUAL(s.bad_events, 0);
	sctpdk_sim_del(s.sim);
	sctpdk_sctp_ep_del(s.server);
	for (uint32_t i = 0; i < s.n; i++)
		sctpdk_sctp_ep_del(s.c[i].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(s.pool), 0);
	rte_mempool_free(s.pool);
	free(s.len);
	free(s.delivered);
	free(s.graceful);
	free(s.c);
	free(s.deadline);
}

SCTPDK_TEST_SUITE(sctp_soak, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_soak))
