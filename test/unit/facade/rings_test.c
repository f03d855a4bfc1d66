/* SPDX-License-Identifier: BSD-3-Clause */
/* Command and delivery rings (lib/facade/rings.c, lcore.c) with tiny rings:
 * ordering under back-pressure, delivery overflow, send-space accounting. */
#include <pthread.h>
#include <time.h>

#include "facade_int.h"
#include "util.h"

static int
small_rings_init(void)
{
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "sctpdk_facade_small");
	cfg.cmd_ring_size = 8;
	cfg.dlv_ring_size = 16;
	cfg.max_sockets = 16;
	fc_lb = lb_start_cfg(&cfg);
	return fc_lb != NULL ? 0 : -1;
}

struct seq_tx {
	int sd, n, fail;
};

static void *
seq_sender(void *arg)
{
	struct seq_tx *x = arg;
	for (int i = 0; i < x->n; i++)
		if (sctpdk_send(x->sd, &i, sizeof(i), 0) != (ssize_t)sizeof(i))
			x->fail++;
	return NULL;
}

static void
test_order_through_tiny_rings(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(12000, &l, &c, &s), 0);
	struct seq_tx x = {c, 3000, 0};
	pthread_t t;
	pthread_create(&t, NULL, seq_sender, &x);
	int bad = 0;
	for (int i = 0; i < x.n; i++) {
		int v = -1;
		if (sctpdk_recv(s, &v, sizeof(v), 0) != (ssize_t)sizeof(v) || v != i)
			bad++;
		if ((i & 255) == 0) { /* a slow reader now and then */
			struct timespec ts = {0, 1000000};
			nanosleep(&ts, NULL);
		}
	}
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(x.fail, 0);
	CU_ASSERT_EQUAL(bad, 0);
	/* every queued byte was given back once the stack took the messages */
	struct fc_sock *fs = &lb_facade(fc_lb)->socks[c];
	CU_ASSERT_EQUAL(__atomic_load_n(&fs->snd_queued, __ATOMIC_SEQ_CST), 0);
	CU_ASSERT(rte_ring_empty(fs->cmd));
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_delivery_overflow(void)
{
	int u = fc_udp_sock("10.0.0.1", 12100);
	int w = fc_udp_sock("10.0.0.2", 12101);
	struct sctp_event_subscribe ev = {.sctp_address_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 12101);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "x", 1, 0, SA(wa), sizeof(wa)), 1);
	char b[4];
	CU_ASSERT_EQUAL(fc_recv_data(w, b, sizeof(b)).n, 1); /* association is up */
	struct sctpdk_facade_stats st0, st1;
	sctpdk_facade_stats_get(lb_facade(fc_lb), &st0);
	/* 25 notifications for a 16-slot delivery ring nobody reads (the
	 * overflow ring has 16 slots more) */
	for (int i = 0; i < 25; i++) {
		lb_inject_paddr(fc_lb, 12100, 12101, i);
		struct timespec ts = {0, 200000};
		nanosleep(&ts, NULL);
	}
	struct timespec ts = {0, 20000000};
	nanosleep(&ts, NULL);
	sctpdk_facade_stats_get(lb_facade(fc_lb), &st1);
	CU_ASSERT(st1.dlv_overflow > st0.dlv_overflow);
	CU_ASSERT_EQUAL(st1.dlv_dropped, st0.dlv_dropped);
	/* all of them arrive, in order */
	for (int i = 0; i < 25; i++) {
		union sctp_notification n;
		CU_ASSERT_EQUAL_FATAL(fc_wait_note(u, SCTP_PEER_ADDR_CHANGE, &n), 0);
		CU_ASSERT_EQUAL(n.sn_paddr_change.spc_state, i);
	}
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_table_full(void)
{
	int sd[17];
	int n = 0;
	while (n < 17 && (sd[n] = sctpdk_socket(AF_INET, SOCK_STREAM, 0)) >= 0)
		n++;
	CU_ASSERT(n <= 16); /* max_sockets 16 (earlier sockets may still be closing) */
	CU_ASSERT_EQUAL(errno, EMFILE);
	for (int i = 0; i < n; i++)
		sctpdk_close(sd[i]);
	int again = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	CU_ASSERT(again >= 0);
	sctpdk_close(again);
}

SCTPDK_TEST_SUITE(facade_rings, small_rings_init, fc_suite_clean,
		  SCTPDK_TEST(test_order_through_tiny_rings), SCTPDK_TEST(test_delivery_overflow),
		  SCTPDK_TEST(test_table_full))
