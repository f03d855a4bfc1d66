/* SPDX-License-Identifier: BSD-3-Clause */
/* Application threads of the close-against-slot-reuse tests
 * (close_race_workers.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>

#include <sctpdk/sctpdk_socket.h>

#include "close_race_workers.h"
#include "sctpdk_test.h"
#include "sockutil.h"

void
cr_sleep_us(long us)
{
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	nanosleep(&ts, NULL);
}

void
cr_failed(struct cr_race *r, int is_close)
{
	int e = errno;
	__atomic_add_fetch(is_close ? &r->close_failed : &r->other_failed, 1, __ATOMIC_RELAXED);
	int zero = 0;
	__atomic_compare_exchange_n(&r->first_errno, &zero, e, 0, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
}

void
cr_close(struct cr_race *r, int sd)
{
	if (sctpdk_close(sd) != 0)
		cr_failed(r, 1);
	__atomic_add_fetch(&r->closes, 1, __ATOMIC_RELAXED);
}

/* a failed socket(): counted, then a pause if the test asks for one */
static void
socket_failed(struct cr_race *r)
{
	cr_failed(r, 0);
	if (r->fail_backoff_us > 0)
		cr_sleep_us(r->fail_backoff_us);
}

void
cr_listen(struct cr_race *r)
{
	r->tcp_lsn = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_FATAL(r->tcp_lsn >= 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_bind(r->tcp_lsn, SA(r->tcp_addr), sizeof(r->tcp_addr)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(r->tcp_lsn, 16), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_fcntl(r->tcp_lsn, F_SETFL, O_NONBLOCK), 0);
	r->udp_lsn = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_FATAL(r->udp_lsn >= 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_bind(r->udp_lsn, SA(r->udp_addr), sizeof(r->udp_addr)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(r->udp_lsn, 1), 0);
}

void
cr_run(struct cr_race *r, void *(*const fn[])(void *), unsigned n, unsigned run_ms)
{
	pthread_t th[16];
	CU_ASSERT_FATAL(n <= sizeof(th) / sizeof(th[0]));
	for (unsigned i = 0; i < n; i++)
		CU_ASSERT_FATAL(pthread_create(&th[i], NULL, fn[i], r) == 0);
	cr_sleep_us(run_ms * 1000L);
	r->stop = 1;
	for (unsigned i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	cr_close(r, r->tcp_lsn); /* drops the embryos still queued */
	cr_close(r, r->udp_lsn);
}

void *
cr_connector(void *arg)
{
	struct cr_race *r = arg;
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		if (sd < 0) {
			socket_failed(r);
			continue;
		}
		if (sctpdk_connect(sd, SA(r->tcp_addr), sizeof(r->tcp_addr)) == 0) {
			__atomic_add_fetch(&r->connects, 1, __ATOMIC_RELAXED);
			if (sctpdk_send(sd, "ping", 4, 0) != 4 && errno != EPIPE &&
			    errno != ECONNRESET && errno != ESHUTDOWN)
				cr_failed(r, 0);
		} else if (errno == ECONNREFUSED || errno == ECONNRESET) {
			/* the acceptor is behind: the listener's backlog is full
			 * (refused, or aborted right after the setup) */
			__atomic_add_fetch(&r->refused, 1, __ATOMIC_RELAXED);
		} else {
			cr_failed(r, 0);
		}
		cr_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

void *
cr_acceptor(void *arg)
{
	struct cr_race *r = arg;
	while (!r->stop) {
		int sd = sctpdk_accept(r->tcp_lsn, NULL, NULL);
		if (sd < 0) {
			if (errno != EAGAIN)
				cr_failed(r, 0);
			cr_sleep_us(r->poll_us);
			continue;
		}
		cr_close(r, sd);
	}
	return NULL;
}

void *
cr_udp_sender(void *arg)
{
	struct cr_race *r = arg;
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (sd < 0) {
			socket_failed(r);
			continue;
		}
		if (sctpdk_sendto(sd, "udp", 3, 0, SA(r->udp_addr), sizeof(r->udp_addr)) != 3)
			cr_failed(r, 0);
		cr_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

void *
cr_udp_receiver(void *arg)
{
	struct cr_race *r = arg;
	char buf[64];
	while (!r->stop)
		if (sctpdk_recv(r->udp_lsn, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			cr_sleep_us(r->poll_us);
	return NULL;
}

void *
cr_churner(void *arg)
{
	struct cr_race *r = arg;
	unsigned i = 0;
	while (!r->stop) {
		unsigned k = i++;
		int sd = sctpdk_socket(AF_INET, (k & 1) ? SOCK_STREAM : SOCK_SEQPACKET,
				       IPPROTO_SCTP);
		if (sd < 0) {
			socket_failed(r);
			continue;
		}
		if (r->churn_bind && (k & 2) &&
		    sctpdk_bind(sd, SA(r->churn_addr), sizeof(r->churn_addr)) != 0)
			cr_failed(r, 0);
		cr_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}
