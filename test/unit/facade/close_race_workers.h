/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Application threads of the close-against-slot-reuse tests (doc/facade.md,
 * "Socket slots"), shared by test/unit/facade/close_race_test.c (over the
 * loopback double) and test/unit/runtime/facade_close_race_test.c (over
 * running stacks): sockets created, connected, sent on and closed as fast
 * as they can be while others are accepted, drained and churned, every
 * failure counted with the first errno.
 */
#ifndef SCTPDK_TEST_CLOSE_RACE_WORKERS_H
#define SCTPDK_TEST_CLOSE_RACE_WORKERS_H

#include <netinet/in.h>

struct cr_race {
	/* set by the test before the threads start */
	struct sockaddr_in tcp_addr;   /* the TCP-style listener's address */
	struct sockaddr_in udp_addr;   /* the UDP-style listener's address */
	int churn_bind;                /* the churner binds every other pair of sockets */
	struct sockaddr_in churn_addr; /* ... to this address */
	long poll_us;                  /* acceptor / receiver pause when nothing is there */
	long fail_backoff_us;          /* pause after a failed socket(), 0 none */
	int tcp_lsn, udp_lsn;          /* set by cr_listen() */
	volatile int stop;
	/* counted by the threads */
	unsigned long cycles, connects, refused, closes, close_failed, other_failed;
	int first_errno;
};

void cr_sleep_us(long us);
/* Count a failure (of a close or of anything else) and keep the first
 * errno. */
void cr_failed(struct cr_race *r, int is_close);
/* Close sd, counted (a failure too). */
void cr_close(struct cr_race *r, int sd);
/* The TCP-style listener (backlog 16, non-blocking) on tcp_addr and the
 * UDP-style one on udp_addr (fatal assertions). */
void cr_listen(struct cr_race *r);
/* Run the threads fn[0..n) with argument r (a test's own threads may take
 * it as the first member of their struct) for run_ms, stop and join them,
 * then close both listeners. */
void cr_run(struct cr_race *r, void *(*const fn[])(void *), unsigned n, unsigned run_ms);

/* Thread bodies (argument: the struct cr_race). */
void *cr_connector(void *arg);    /* socket / connect / send / close, TCP-style */
void *cr_acceptor(void *arg);     /* accepts and closes what the connectors set up */
void *cr_udp_sender(void *arg);   /* socket / sendto (implicit setup) / close, UDP-style */
void *cr_udp_receiver(void *arg); /* drains the UDP-style listener */
void *cr_churner(void *arg);      /* sockets created (maybe bound) and closed, no setup */

#endif
