/* SPDX-License-Identifier: BSD-3-Clause */
/* Many application threads on the facade: concurrent senders and
 * receivers, blocking and poll-based readers, both styles. Checks no
 * loss, no duplication, per-sender order, clean exit. */
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>

#include "util.h"

#define PAIRS       4
#define PER_SENDER  5000
#define SENDERS_TCP (PAIRS + 1) /* pair 0 has two concurrent senders */

struct msg {
	uint32_t sender;
	uint32_t seq;
	uint8_t pad[24];
};

struct tx_arg {
	int sd;
	uint32_t id;
	int n;
	int failures;
};

static void *
tx_thread(void *arg)
{
	struct tx_arg *a = arg;
	struct msg m;
	memset(&m, 0, sizeof(m));
	m.sender = a->id;
	for (int i = 0; i < a->n; i++) {
		m.seq = (uint32_t)i;
		memset(m.pad, (int)(i & 0xff), sizeof(m.pad));
		if (sctpdk_send(a->sd, &m, sizeof(m), 0) != (ssize_t)sizeof(m))
			a->failures++;
	}
	return NULL;
}

struct rx_arg {
	int sd;
	int use_poll;
	int expect;
	int got;
	int bad;
	uint32_t next[SENDERS_TCP];
};

static void *
rx_thread(void *arg)
{
	struct rx_arg *a = arg;
	struct msg m;
	while (a->got < a->expect) {
		if (a->use_poll) {
			struct sctpdk_pollfd p = {.fd = a->sd, .events = POLLIN};
			if (sctpdk_poll(&p, 1, 5000) != 1 || !(p.revents & POLLIN)) {
				a->bad++;
				return NULL;
			}
			ssize_t n;
			while ((n = sctpdk_recv(a->sd, &m, sizeof(m), MSG_DONTWAIT)) > 0) {
				if (n != (ssize_t)sizeof(m) || m.sender >= SENDERS_TCP ||
				    m.seq != a->next[m.sender] ||
				    m.pad[3] != (uint8_t)(m.seq & 0xff))
					a->bad++;
				else
					a->next[m.sender]++;
				a->got++;
			}
			if (n < 0 && errno != EAGAIN) {
				a->bad++;
				return NULL;
			}
		} else {
			ssize_t n = sctpdk_recv(a->sd, &m, sizeof(m), 0);
			if (n != (ssize_t)sizeof(m)) {
				a->bad++;
				return NULL;
			}
			if (m.sender >= SENDERS_TCP || m.seq != a->next[m.sender] ||
			    m.pad[3] != (uint8_t)(m.seq & 0xff))
				a->bad++;
			else
				a->next[m.sender]++;
			a->got++;
		}
	}
	return NULL;
}

static void
test_tcp_many_threads(void)
{
	int l[PAIRS], c[PAIRS], s[PAIRS];
	for (int i = 0; i < PAIRS; i++)
		CU_ASSERT_EQUAL_FATAL(fc_tcp_pair((uint16_t)(10000 + i), &l[i], &c[i], &s[i]), 0);
	struct tx_arg tx[SENDERS_TCP];
	struct rx_arg rx[PAIRS];
	pthread_t tt[SENDERS_TCP], rt[PAIRS];
	memset(rx, 0, sizeof(rx));
	for (int i = 0; i < PAIRS; i++) {
		rx[i].sd = s[i];
		rx[i].use_poll = i % 2; /* half blocking, half poll-based readers */
		rx[i].expect = PER_SENDER * (i == 0 ? 2 : 1);
		pthread_create(&rt[i], NULL, rx_thread, &rx[i]);
	}
	for (int i = 0; i < SENDERS_TCP; i++) {
		tx[i] = (struct tx_arg){c[i == PAIRS ? 0 : i], (uint32_t)i, PER_SENDER, 0};
		pthread_create(&tt[i], NULL, tx_thread, &tx[i]);
	}
	for (int i = 0; i < SENDERS_TCP; i++) {
		pthread_join(tt[i], NULL);
		CU_ASSERT_EQUAL(tx[i].failures, 0);
	}
	for (int i = 0; i < PAIRS; i++) {
		pthread_join(rt[i], NULL);
		CU_ASSERT_EQUAL(rx[i].bad, 0);
		CU_ASSERT_EQUAL(rx[i].got, rx[i].expect);
	}
	/* pair 0: both senders complete and in order */
	CU_ASSERT_EQUAL(rx[0].next[0], PER_SENDER);
	CU_ASSERT_EQUAL(rx[0].next[PAIRS], PER_SENDER);
	for (int i = 0; i < PAIRS; i++) {
		/* nothing left over */
		struct msg m;
		CU_ASSERT_EQUAL(sctpdk_recv(s[i], &m, sizeof(m), MSG_DONTWAIT), -1);
		CU_ASSERT_EQUAL(errno, EAGAIN);
		sctpdk_close(c[i]);
		sctpdk_close(s[i]);
		sctpdk_close(l[i]);
	}
}

#define UDP_SENDERS 4
#define UDP_READERS 2
#define UDP_PER     4000

struct udp_tx {
	int sd;
	uint32_t id;
	struct sockaddr_in to;
	int failures;
};

static void *
udp_tx_thread(void *arg)
{
	struct udp_tx *a = arg;
	struct msg m;
	memset(&m, 0, sizeof(m));
	m.sender = a->id;
	for (int i = 0; i < UDP_PER; i++) {
		m.seq = (uint32_t)i;
		if (sctpdk_sendto(a->sd, &m, sizeof(m), 0, SA(a->to), sizeof(a->to)) !=
		    (ssize_t)sizeof(m))
			a->failures++;
	}
	return NULL;
}

struct udp_rx {
	int sd;
	uint8_t *seen; /* shared bitmap, UDP_SENDERS x UDP_PER */
	int *total;
	int dup;
	int bad;
};

static void *
udp_rx_thread(void *arg)
{
	struct udp_rx *a = arg;
	struct msg m;
	while (__atomic_load_n(a->total, __ATOMIC_SEQ_CST) < UDP_SENDERS * UDP_PER) {
		struct sctpdk_pollfd p = {.fd = a->sd, .events = POLLIN};
		if (sctpdk_poll(&p, 1, 100) <= 0)
			continue;
		struct fc_rx r = fc_recv(a->sd, &m, sizeof(m), MSG_DONTWAIT);
		if (r.n < 0)
			continue;
		if (r.flags & MSG_NOTIFICATION)
			continue;
		if (r.n != (ssize_t)sizeof(m) || m.sender >= UDP_SENDERS || m.seq >= UDP_PER) {
			a->bad++;
			continue;
		}
		if (__atomic_exchange_n(&a->seen[m.sender * UDP_PER + m.seq], 1, __ATOMIC_SEQ_CST))
			a->dup++;
		__atomic_add_fetch(a->total, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void
test_udp_many_threads(void)
{
	int u = fc_udp_sock("10.0.0.1", 10100);
	int w = fc_udp_sock("10.0.0.2", 10101);
	CU_ASSERT_FATAL(u >= 0 && w >= 0);
	uint8_t *seen = calloc(UDP_SENDERS * UDP_PER, 1);
	int total = 0;
	struct udp_rx rx[UDP_READERS];
	pthread_t rt[UDP_READERS], tt[UDP_SENDERS];
	for (int i = 0; i < UDP_READERS; i++) {
		rx[i] = (struct udp_rx){w, seen, &total, 0, 0};
		pthread_create(&rt[i], NULL, udp_rx_thread, &rx[i]);
	}
	struct udp_tx tx[UDP_SENDERS];
	for (int i = 0; i < UDP_SENDERS; i++) {
		tx[i] = (struct udp_tx){u, (uint32_t)i, fc_sin("10.0.0.2", 10101), 0};
		pthread_create(&tt[i], NULL, udp_tx_thread, &tx[i]);
	}
	for (int i = 0; i < UDP_SENDERS; i++) {
		pthread_join(tt[i], NULL);
		CU_ASSERT_EQUAL(tx[i].failures, 0);
	}
	for (int i = 0; i < UDP_READERS; i++) {
		pthread_join(rt[i], NULL);
		CU_ASSERT_EQUAL(rx[i].dup, 0);
		CU_ASSERT_EQUAL(rx[i].bad, 0);
	}
	CU_ASSERT_EQUAL(total, UDP_SENDERS * UDP_PER);
	int missing = 0;
	for (int i = 0; i < UDP_SENDERS * UDP_PER; i++)
		missing += !seen[i];
	CU_ASSERT_EQUAL(missing, 0);
	/* concurrent implicit setup created exactly one association */
	sctp_assoc_t id = 0;
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	socklen_t l = sizeof(st);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	id = n.sn_assoc_change.sac_assoc_id;
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id, SCTP_STATUS, &st, &l), 0);
	struct fc_rx r = fc_recv(u, &n, sizeof(n), MSG_DONTWAIT);
	CU_ASSERT_EQUAL(r.n, -1); /* no second COMM_UP */
	free(seen);
	sctpdk_close(u);
	sctpdk_close(w);
}

SCTPDK_TEST_SUITE(facade_threads, fc_suite_init, fc_suite_clean, SCTPDK_TEST(test_tcp_many_threads),
		  SCTPDK_TEST(test_udp_many_threads))
