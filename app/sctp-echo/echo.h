/* SPDX-License-Identifier: BSD-3-Clause */
/* sctp-echo: the echo servers of the sockets API draft (Appendix A,
 * TCP-style; Appendix B, UDP-style) and a client, over sctpdk sockets. */
#ifndef SCTP_ECHO_H
#define SCTP_ECHO_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#define ECHO_MAX_ADDRS 4

struct echo_opts {
	int server, client;
	int seqpacket;
	unsigned n_local, n_remote;
	struct sctpdk_addr local[ECHO_MAX_ADDRS], remote[ECHO_MAX_ADDRS];
	uint16_t port;  /* the server's port */
	uint16_t lport; /* the client's port (default port + 1) */
	unsigned count, size, streams;
	int once;           /* server: stop after one association */
	const char *dev;    /* ethdev of a single-role run (default port 0) */
	const char *config; /* INI for the runtime (optional) */
	int *ready;         /* server: set to 1 once listening, -1 on failure (optional) */
};

/* Server side: publish the listening state to a waiting client thread. */
static inline void
echo_set_ready(const struct echo_opts *o, int v)
{
	if (o->ready != NULL)
		__atomic_store_n(o->ready, v, __ATOMIC_RELEASE);
}

/* Appendix A / B servers: serve on o->local:o->port. 0 or -1. */
int echo_server_stream(const struct echo_opts *o);
int echo_server_seqpacket(const struct echo_opts *o);
/* The client: o->count messages of o->size bytes over o->streams streams,
 * each echo compared byte for byte. 0 when all came back intact. */
int echo_client(const struct echo_opts *o);

#endif
