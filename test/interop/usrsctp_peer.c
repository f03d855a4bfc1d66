/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * usrsctp-peer: a real SCTP peer for sctpdk interop tests.
 *
 * It runs usrsctp (Debian's libusrsctp) in native mode: SCTP straight over
 * IPv4 through a raw IPPROTO_SCTP socket (needs root or CAP_NET_RAW), no UDP
 * encapsulation. Run it inside a network namespace whose interface carries
 * --addr; usrsctp learns the local addresses when it starts.
 *
 * Traffic follows the deterministic schedule of pattern.h, so each received
 * message is checked byte for byte. The result goes to --json FILE.
 * doc/interop.md describes the options and the exit protocol.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <usrsctp.h>

#include "pattern.h"

enum peer_mode { MODE_SINK, MODE_SOURCE, MODE_ECHO, MODE_BOTH };
enum peer_close { CLOSE_WAIT, CLOSE_GRACEFUL, CLOSE_ABORT };

struct peer_opts {
	bool server;
	const char *addr;
	const char *peer;
	uint16_t port;
	enum peer_mode mode;
	enum peer_close close;
	bool close_set;
	uint64_t bytes;
	uint16_t streams;
	double unordered_ratio;
	const char *size_mix;
	uint64_t seed;
	unsigned timeout_s;
	int raw_rcvbuf;
	const char *json;
	const char *ready_file;
	bool verbose;
};

/* Wake-up channel between usrsctp's threads (upcall) and the main loop. */
struct peer_wait {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t events;
};

struct peer {
	struct peer_opts o;
	struct peer_wait w;
	struct socket *lsock; /* server: listening socket */
	struct socket *so;    /* the association's socket */

	bool tx_on, rx_on, echo;
	struct sctpdk_pattern txp, rxp;

	/* transmit side */
	uint64_t tx_next;
	bool tx_built;
	uint8_t *txbuf;
	uint64_t bytes_sent, msgs_sent;
	bool tx_complete;

	/* receive side */
	uint8_t *rxbuf;
	size_t rx_fill;
	uint8_t *seen;
	int64_t *last_ordered; /* per stream, last ordered seq, -1 none */
	uint64_t bytes_received, msgs_received, msgs_unordered;
	uint64_t mismatches, bad_headers, length_errors, duplicates;
	uint64_t stream_errors, order_errors, flag_errors;
	uint64_t first_bad_seq;
	size_t first_bad_offset;

	/* echo side: one message waiting to be sent back */
	bool echo_pending;
	size_t echo_len;
	uint16_t echo_sid;
	uint16_t echo_flags;

	/* association events */
	bool comm_up, shutdown_event, shutdown_comp, comm_lost, eof, reset;
	uint16_t out_streams, in_streams;
	uint64_t dry_events;
	bool dry_after_tx;
	bool close_started;
	const char *end;
	char error[160];

	int raw_rcvbuf; /* what the kernel reports for usrsctp's raw socket */

	struct timespec t_start, t_up, t_end;
};

static double
ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
set_error(struct peer *p, const char *fmt, ...)
{
	va_list ap;

	if (p->error[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(p->error, sizeof(p->error), fmt, ap);
	va_end(ap);
}

static void
upcall(struct socket *so, void *arg, int flags)
{
	struct peer_wait *w = arg;

	pthread_mutex_lock(&w->lock);
	w->events++;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* Sleep until usrsctp signals the socket or timeout_ms passes. */
static void
wait_event(struct peer_wait *w, uint64_t *seen, unsigned timeout_ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (long)timeout_ms * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&w->lock);
	while (w->events == *seen) {
		if (pthread_cond_timedwait(&w->cond, &w->lock, &ts) != 0)
			break;
	}
	*seen = w->events;
	pthread_mutex_unlock(&w->lock);
}

static int
sockopt(struct socket *so, int level, int name, const void *v, socklen_t len, const char *what)
{
	if (usrsctp_setsockopt(so, level, name, v, len) < 0) {
		fprintf(stderr, "usrsctp-peer: setsockopt %s: %s\n", what, strerror(errno));
		return -1;
	}
	return 0;
}

static int
configure_socket(struct peer *p, struct socket *so)
{
	static const uint16_t ev[] = {SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT, SCTP_SENDER_DRY_EVENT};
	struct sctp_initmsg init;
	const int on = 1;
	int buf = 4 * 1024 * 1024;
	size_t i;

	memset(&init, 0, sizeof(init));
	init.sinit_num_ostreams = p->o.streams;
	init.sinit_max_instreams = p->o.streams > 64 ? p->o.streams : 64;
	if (sockopt(so, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof(init), "SCTP_INITMSG") ||
	    sockopt(so, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on), "SCTP_RECVRCVINFO") ||
	    sockopt(so, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof(on), "SCTP_NODELAY") ||
	    sockopt(so, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf), "SO_SNDBUF") ||
	    sockopt(so, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf), "SO_RCVBUF"))
		return -1;
	for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		struct sctp_event e = {.se_assoc_id = SCTP_FUTURE_ASSOC, .se_type = ev[i], .se_on = 1};

		if (sockopt(so, IPPROTO_SCTP, SCTP_EVENT, &e, sizeof(e), "SCTP_EVENT"))
			return -1;
	}
	if (usrsctp_set_non_blocking(so, 1) < 0)
		return -1;
	return usrsctp_set_upcall(so, upcall, &p->w);
}

static int
make_addr(const char *ip, uint16_t port, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	return inet_pton(AF_INET, ip, &sin->sin_addr) == 1 ? 0 : -1;
}

static void
on_notification(struct peer *p, const uint8_t *buf, size_t len)
{
	const union sctp_notification *n = (const void *)buf;

	if (len < sizeof(n->sn_header))
		return;
	switch (n->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		if (len < sizeof(struct sctp_assoc_change))
			return;
		switch (n->sn_assoc_change.sac_state) {
		case SCTP_COMM_UP:
		case SCTP_RESTART:
			p->comm_up = true;
			p->out_streams = n->sn_assoc_change.sac_outbound_streams;
			p->in_streams = n->sn_assoc_change.sac_inbound_streams;
			clock_gettime(CLOCK_MONOTONIC, &p->t_up);
			break;
		case SCTP_SHUTDOWN_COMP:
			p->shutdown_comp = true;
			break;
		case SCTP_COMM_LOST:
		case SCTP_CANT_STR_ASSOC:
			p->comm_lost = true;
			break;
		default:
			break;
		}
		break;
	case SCTP_SHUTDOWN_EVENT:
		p->shutdown_event = true;
		break;
	case SCTP_SENDER_DRY_EVENT:
		p->dry_events++;
		if (p->tx_complete)
			p->dry_after_tx = true;
		break;
	default:
		break;
	}
}

static void
check_message(struct peer *p, const uint8_t *buf, size_t len, const struct sctp_rcvinfo *ri)
{
	struct sctpdk_pattern_msg m;
	size_t bad = 0;
	uint64_t seq = 0;
	int rc = sctpdk_pattern_check(&p->rxp, buf, len, &seq, &bad);

	if (rc == -1) {
		p->bad_headers++;
		return;
	}
	if (rc == -2 || rc == -3) {
		if (rc == -2)
			p->length_errors++;
		else
			p->mismatches++;
		if (p->mismatches + p->length_errors == 1) {
			p->first_bad_seq = seq;
			p->first_bad_offset = bad;
		}
		return;
	}
	if (p->seen[seq / 8] & (1u << (seq % 8))) {
		p->duplicates++;
		return;
	}
	p->seen[seq / 8] |= (uint8_t)(1u << (seq % 8));
	sctpdk_pattern_msg(&p->rxp, seq, &m);
	if (ri != NULL) {
		bool unordered = (ri->rcv_flags & SCTP_UNORDERED) != 0;

		if (ri->rcv_sid != m.stream)
			p->stream_errors++;
		if (unordered != m.unordered)
			p->flag_errors++;
		if (!m.unordered && ri->rcv_sid == m.stream) {
			if (p->last_ordered[m.stream] >= (int64_t)seq)
				p->order_errors++;
			p->last_ordered[m.stream] = (int64_t)seq;
		}
	}
	if (m.unordered)
		p->msgs_unordered++;
}

static bool
rx_complete(const struct peer *p)
{
	return !p->rx_on || p->msgs_received == p->rxp.nmsgs;
}

/* Send the pending echo message. Returns true on progress. */
static bool
flush_echo(struct peer *p)
{
	struct sctp_sndinfo si = {.snd_sid = p->echo_sid, .snd_flags = p->echo_flags};

	if (usrsctp_sendv(p->so, p->rxbuf, p->echo_len, NULL, 0, &si, sizeof(si),
			  SCTP_SENDV_SNDINFO, 0) < 0) {
		if (errno != EWOULDBLOCK && errno != EAGAIN)
			set_error(p, "echo send: %s", strerror(errno));
		return false;
	}
	p->echo_pending = false;
	p->bytes_sent += p->echo_len;
	p->msgs_sent++;
	p->rx_fill = 0;
	return true;
}

/* Read everything available. Returns true on progress. */
static bool
do_recv(struct peer *p)
{
	bool progress = false;

	while (!p->echo_pending && !p->eof) {
		struct sctp_rcvinfo ri;
		struct sockaddr_in from;
		socklen_t fromlen = sizeof(from), infolen = sizeof(ri);
		unsigned int infotype = 0;
		int flags = 0;
		size_t cap = SCTPDK_PATTERN_MAX_MSG + 1 - p->rx_fill;
		ssize_t n;

		memset(&ri, 0, sizeof(ri));
		n = usrsctp_recvv(p->so, p->rxbuf + p->rx_fill, cap, (struct sockaddr *)&from,
				  &fromlen, &ri, &infolen, &infotype, &flags);
		if (n < 0) {
			if (errno == EWOULDBLOCK || errno == EAGAIN)
				break;
			if (errno == ECONNRESET || errno == ENOTCONN)
				p->reset = true;
			else
				set_error(p, "recv: %s", strerror(errno));
			p->eof = true;
			break;
		}
		if (n == 0) {
			p->eof = true;
			break;
		}
		progress = true;
		if (flags & MSG_NOTIFICATION) {
			on_notification(p, p->rxbuf + p->rx_fill, (size_t)n);
			continue;
		}
		p->rx_fill += (size_t)n;
		p->bytes_received += (size_t)n;
		if (!(flags & MSG_EOR)) {
			if (p->rx_fill > SCTPDK_PATTERN_MAX_MSG) {
				p->length_errors++;
				p->rx_fill = 0;
			}
			continue;
		}
		p->msgs_received++;
		if (p->echo) {
			p->echo_pending = true;
			p->echo_len = p->rx_fill;
			p->echo_sid = infotype == SCTP_RECVV_RCVINFO ? ri.rcv_sid : 0;
			p->echo_flags = infotype == SCTP_RECVV_RCVINFO ?
				(uint16_t)(ri.rcv_flags & SCTP_UNORDERED) : 0;
			flush_echo(p);
			continue;
		}
		if (p->rx_on)
			check_message(p, p->rxbuf, p->rx_fill,
				      infotype == SCTP_RECVV_RCVINFO ? &ri : NULL);
		p->rx_fill = 0;
	}
	return progress;
}

/* Queue as many pattern messages as the socket takes. Returns true on progress. */
static bool
do_send(struct peer *p)
{
	bool progress = false;

	while (p->tx_next < p->txp.nmsgs) {
		struct sctpdk_pattern_msg m;
		struct sctp_sndinfo si;

		sctpdk_pattern_msg(&p->txp, p->tx_next, &m);
		if (!p->tx_built) {
			sctpdk_pattern_build(&p->txp, p->tx_next, p->txbuf);
			p->tx_built = true;
		}
		memset(&si, 0, sizeof(si));
		si.snd_sid = m.stream;
		si.snd_flags = m.unordered ? SCTP_UNORDERED : 0;
		if (usrsctp_sendv(p->so, p->txbuf, m.length, NULL, 0, &si, sizeof(si),
				  SCTP_SENDV_SNDINFO, 0) < 0) {
			if (errno != EWOULDBLOCK && errno != EAGAIN) {
				set_error(p, "send: %s", strerror(errno));
				p->tx_next = p->txp.nmsgs;
			}
			break;
		}
		p->tx_built = false;
		p->tx_next++;
		p->msgs_sent++;
		p->bytes_sent += m.length;
		progress = true;
	}
	if (p->tx_next == p->txp.nmsgs)
		p->tx_complete = true;
	return progress;
}

static bool
all_acked(struct peer *p)
{
	struct sctp_status st;
	socklen_t len = sizeof(st);

	if (!p->dry_after_tx)
		return false;
	memset(&st, 0, sizeof(st));
	if (usrsctp_getsockopt(p->so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return false;
	return st.sstat_unackdata == 0;
}

/* Our side ends the association once its own work is complete. */
static void
maybe_close(struct peer *p)
{
	struct linger l = {.l_onoff = 1, .l_linger = 0};

	if (p->close_started || p->o.close == CLOSE_WAIT || !p->comm_up)
		return;
	if ((p->tx_on && !p->tx_complete) || !rx_complete(p))
		return;
	if (p->o.close == CLOSE_GRACEFUL) {
		/* SHUTDOWN waits for our queued data itself (RFC 9260 9.2). */
		if (usrsctp_shutdown(p->so, SHUT_WR) < 0)
			set_error(p, "shutdown: %s", strerror(errno));
		p->close_started = true;
		return;
	}
	if (p->tx_on && !all_acked(p))
		return;
	usrsctp_setsockopt(p->so, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	usrsctp_close(p->so);
	p->so = NULL;
	p->close_started = true;
	p->end = "abort";
}

static bool
assoc_over(struct peer *p)
{
	if (p->so == NULL)
		return true;
	return p->shutdown_comp || p->comm_lost || p->eof;
}

static void
classify_end(struct peer *p)
{
	if (p->end != NULL)
		return;
	if (p->close_started && p->shutdown_comp)
		p->end = "shutdown";
	else if (p->shutdown_event || (p->shutdown_comp && !p->comm_lost))
		p->end = "peer_shutdown";
	else if (p->comm_lost || p->reset)
		p->end = "peer_abort";
	else if (p->eof)
		p->end = "eof";
	else
		p->end = "none";
}

/*
 * usrsctp reads SCTP from one raw IPv4 socket whose receive buffer it sets
 * to 128 KiB. A window's worth of packets overflows it; Linux then counts
 * the packet as not delivered to any raw socket and, having no SCTP of its
 * own, answers ICMP protocol-unreachable. usrsctp offers no knob, so find
 * its socket among our descriptors and enlarge the buffer (root may exceed
 * net.core.rmem_max with SO_RCVBUFFORCE). Returns the resulting size, or
 * -1 when no such socket was found.
 */
static int
grow_raw_rcvbuf(int bytes)
{
	int fd, found = -1;

	for (fd = 0; fd < 4096; fd++) {
		int dom = 0, type = 0, proto = 0, v = 0;
		socklen_t l = sizeof(int);

		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &l) < 0 || dom != AF_INET)
			continue;
		l = sizeof(int);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l) < 0 || type != SOCK_RAW)
			continue;
		l = sizeof(int);
		if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &l) < 0 ||
		    proto != IPPROTO_SCTP)
			continue;
		if (bytes > 0 &&
		    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) < 0)
			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
		l = sizeof(int);
		if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &l) == 0)
			found = v;
	}
	return found;
}

static int
setup_association(struct peer *p, const struct timespec *deadline)
{
	struct sockaddr_in local, remote;
	uint64_t seen = 0;
	struct socket *so;

	so = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0, NULL);
	if (so == NULL) {
		set_error(p, "usrsctp_socket: %s", strerror(errno));
		return -1;
	}
	if (configure_socket(p, so) < 0) {
		set_error(p, "socket options failed");
		usrsctp_close(so);
		return -1;
	}
	if (make_addr(p->o.addr, p->o.server ? p->o.port : 0, &local) < 0 ||
	    usrsctp_bind(so, (struct sockaddr *)&local, sizeof(local)) < 0) {
		set_error(p, "bind %s: %s", p->o.addr, strerror(errno));
		usrsctp_close(so);
		return -1;
	}
	if (p->o.server) {
		p->lsock = so;
		if (usrsctp_listen(so, 1) < 0) {
			set_error(p, "listen: %s", strerror(errno));
			return -1;
		}
		if (p->o.ready_file != NULL) {
			FILE *f = fopen(p->o.ready_file, "w");

			if (f != NULL)
				fclose(f);
		}
		for (;;) {
			struct timespec now;

			p->so = usrsctp_accept(so, NULL, NULL);
			if (p->so != NULL)
				break;
			if (errno != EWOULDBLOCK && errno != EAGAIN) {
				set_error(p, "accept: %s", strerror(errno));
				return -1;
			}
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (ts_diff(&now, deadline) < 0) {
				set_error(p, "timeout waiting for an association");
				return -1;
			}
			wait_event(&p->w, &seen, 20);
		}
		/* The accepted socket inherits the options; it needs its own upcall. */
		if (configure_socket(p, p->so) < 0) {
			set_error(p, "accepted socket options failed");
			return -1;
		}
		return 0;
	}
	p->so = so;
	if (make_addr(p->o.peer, p->o.port, &remote) < 0) {
		set_error(p, "bad --peer %s", p->o.peer);
		return -1;
	}
	if (usrsctp_connect(so, (struct sockaddr *)&remote, sizeof(remote)) < 0 &&
	    errno != EINPROGRESS) {
		set_error(p, "connect: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int
run(struct peer *p)
{
	struct timespec deadline;
	uint64_t seen = 0;

	clock_gettime(CLOCK_MONOTONIC, &p->t_start);
	deadline = p->t_start;
	deadline.tv_sec += p->o.timeout_s;
	if (setup_association(p, &deadline) < 0)
		return -1;
	for (;;) {
		struct timespec now;
		bool progress = false;

		if (p->so != NULL) {
			if (p->echo_pending)
				progress |= flush_echo(p);
			progress |= do_recv(p);
			if (p->comm_up && p->tx_on && !p->close_started)
				progress |= do_send(p);
			if (p->comm_up && p->o.streams > p->out_streams) {
				set_error(p, "peer granted %u outbound streams, need %u",
					  p->out_streams, p->o.streams);
				break;
			}
			maybe_close(p);
		}
		if (assoc_over(p) || p->error[0] != '\0')
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ts_diff(&now, &deadline) < 0) {
			set_error(p, "timeout after %u s", p->o.timeout_s);
			break;
		}
		if (!progress)
			wait_event(&p->w, &seen, 5);
	}
	clock_gettime(CLOCK_MONOTONIC, &p->t_end);
	classify_end(p);
	return 0;
}

static bool
result_ok(const struct peer *p)
{
	if (p->error[0] != '\0' || !p->comm_up)
		return false;
	if (p->mismatches || p->bad_headers || p->length_errors || p->duplicates ||
	    p->stream_errors || p->order_errors || p->flag_errors)
		return false;
	if (!rx_complete(p))
		return false;
	if (p->tx_on && !p->tx_complete)
		return false;
	return true;
}

static void
write_json(const struct peer *p, FILE *f)
{
	static const char *const modes[] = {"sink", "source", "echo", "both"};
	static const char *const closes[] = {"wait", "graceful", "abort"};
	struct sctpstat st;
	double secs = ts_diff(&p->t_start, &p->t_end);
	double up = p->comm_up ? ts_diff(&p->t_up, &p->t_end) : 0.0;

	memset(&st, 0, sizeof(st));
	usrsctp_get_stat(&st);
	fprintf(f, "{\n  \"ok\": %s,\n", result_ok(p) ? "true" : "false");
	fprintf(f, "  \"role\": \"%s\",\n  \"mode\": \"%s\",\n  \"close\": \"%s\",\n",
		p->o.server ? "server" : "client", modes[p->o.mode], closes[p->o.close]);
	fprintf(f, "  \"end\": \"%s\",\n  \"error\": \"%s\",\n", p->end ? p->end : "none", p->error);
	fprintf(f, "  \"streams\": %u,\n  \"out_streams\": %u,\n  \"in_streams\": %u,\n",
		p->o.streams, p->out_streams, p->in_streams);
	fprintf(f, "  \"expected_rx_bytes\": %" PRIu64 ",\n  \"expected_rx_messages\": %" PRIu64 ",\n",
		p->rx_on ? p->rxp.total_bytes : 0, p->rx_on ? p->rxp.nmsgs : 0);
	fprintf(f, "  \"bytes_sent\": %" PRIu64 ",\n  \"messages_sent\": %" PRIu64 ",\n",
		p->bytes_sent, p->msgs_sent);
	fprintf(f, "  \"bytes_received\": %" PRIu64 ",\n  \"messages_received\": %" PRIu64 ",\n",
		p->bytes_received, p->msgs_received);
	fprintf(f, "  \"unordered_received\": %" PRIu64 ",\n", p->msgs_unordered);
	fprintf(f, "  \"mismatches\": %" PRIu64 ",\n  \"bad_headers\": %" PRIu64 ",\n",
		p->mismatches, p->bad_headers);
	fprintf(f, "  \"length_errors\": %" PRIu64 ",\n  \"duplicates\": %" PRIu64 ",\n",
		p->length_errors, p->duplicates);
	fprintf(f, "  \"stream_errors\": %" PRIu64 ",\n  \"order_errors\": %" PRIu64 ",\n",
		p->stream_errors, p->order_errors);
	fprintf(f, "  \"unordered_flag_errors\": %" PRIu64 ",\n", p->flag_errors);
	fprintf(f, "  \"first_bad_seq\": %" PRIu64 ",\n  \"first_bad_offset\": %zu,\n",
		p->first_bad_seq, p->first_bad_offset);
	fprintf(f, "  \"raw_rcvbuf\": %d,\n", p->raw_rcvbuf);
	fprintf(f, "  \"seconds\": %.3f,\n  \"mbit_per_s\": %.1f,\n", secs,
		up > 0 ? (double)(p->bytes_sent + p->bytes_received) * 8 / up / 1e6 : 0.0);
	fprintf(f, "  \"usrsctp\": {\"packets_in\": %u, \"packets_out\": %u, "
		   "\"checksum_errors\": %u, \"retransmitted_chunks\": %u, "
		   "\"sw_crc_checked\": %u, \"sw_crc_computed\": %u}\n}\n",
		st.sctps_recvpackets, st.sctps_sendpackets, st.sctps_checksumerrors,
		st.sctps_sendretransdata, st.sctps_recvswcrc, st.sctps_sendswcrc);
}

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: usrsctp-peer --server|--client --addr IP [--peer IP] [options]\n"
		"  --port N             server port (default 5001)\n"
		"  --mode M             sink | source | echo | both (default both)\n"
		"                       echo: the server reflects, the client checks the echo\n"
		"  --bytes N            bytes each direction sends (default 1048576)\n"
		"  --streams N          outbound streams used (default 4)\n"
		"  --unordered-ratio R  share of unordered messages, 0..1 (default 0.25)\n"
		"  --size-mix LIST      message sizes chosen per message (default 64,512,1400,4096,16384,65000)\n"
		"  --seed N             pattern seed (default 1); both sides must agree\n"
		"  --shutdown S         graceful | abort | wait: how this side ends the association\n"
		"                       once its work is done (client default graceful, server wait)\n"
		"  --timeout S          give up after S seconds (default 120)\n"
		"  --raw-rcvbuf BYTES   receive buffer of usrsctp's raw socket (default 33554432;\n"
		"                       0 keeps usrsctp's 128 KiB, which overflows: see doc/interop.md)\n"
		"  --json FILE          write the result as JSON (- for stdout)\n"
		"  --ready-file FILE    server: create FILE once listening\n"
		"  --verbose            usrsctp debug output\n");
}

static int
parse_opts(int argc, char **argv, struct peer_opts *o)
{
	static const struct option longopts[] = {
		{"server", no_argument, NULL, 's'},
		{"client", no_argument, NULL, 'c'},
		{"addr", required_argument, NULL, 'a'},
		{"peer", required_argument, NULL, 'p'},
		{"port", required_argument, NULL, 'P'},
		{"mode", required_argument, NULL, 'm'},
		{"bytes", required_argument, NULL, 'b'},
		{"streams", required_argument, NULL, 'S'},
		{"unordered-ratio", required_argument, NULL, 'u'},
		{"size-mix", required_argument, NULL, 'z'},
		{"seed", required_argument, NULL, 'e'},
		{"shutdown", required_argument, NULL, 'd'},
		{"timeout", required_argument, NULL, 't'},
		{"json", required_argument, NULL, 'j'},
		{"raw-rcvbuf", required_argument, NULL, 'R'},
		{"ready-file", required_argument, NULL, 'r'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool role = false;
	int c;

	*o = (struct peer_opts){
		.port = 5001, .mode = MODE_BOTH, .bytes = 1048576, .streams = 4,
		.unordered_ratio = 0.25, .size_mix = "64,512,1400,4096,16384,65000",
		.seed = 1, .timeout_s = 120, .raw_rcvbuf = 32 * 1024 * 1024,
	};
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
		case 'c':
			o->server = c == 's';
			role = true;
			break;
		case 'a': o->addr = optarg; break;
		case 'p': o->peer = optarg; break;
		case 'P': o->port = (uint16_t)strtoul(optarg, NULL, 0); break;
		case 'm':
			if (!strcmp(optarg, "sink")) o->mode = MODE_SINK;
			else if (!strcmp(optarg, "source")) o->mode = MODE_SOURCE;
			else if (!strcmp(optarg, "echo")) o->mode = MODE_ECHO;
			else if (!strcmp(optarg, "both")) o->mode = MODE_BOTH;
			else return -1;
			break;
		case 'b': o->bytes = strtoull(optarg, NULL, 0); break;
		case 'S': o->streams = (uint16_t)strtoul(optarg, NULL, 0); break;
		case 'u': o->unordered_ratio = strtod(optarg, NULL); break;
		case 'z': o->size_mix = optarg; break;
		case 'e': o->seed = strtoull(optarg, NULL, 0); break;
		case 'd':
			o->close_set = true;
			if (!strcmp(optarg, "graceful")) o->close = CLOSE_GRACEFUL;
			else if (!strcmp(optarg, "abort")) o->close = CLOSE_ABORT;
			else if (!strcmp(optarg, "wait")) o->close = CLOSE_WAIT;
			else return -1;
			break;
		case 't': o->timeout_s = (unsigned)strtoul(optarg, NULL, 0); break;
		case 'j': o->json = optarg; break;
		case 'R': o->raw_rcvbuf = (int)strtol(optarg, NULL, 0); break;
		case 'r': o->ready_file = optarg; break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (!role || o->addr == NULL || (!o->server && o->peer == NULL) || o->streams == 0 ||
	    o->port == 0 || o->unordered_ratio < 0 || o->unordered_ratio > 1 ||
	    o->bytes < SCTPDK_PATTERN_HDR_LEN || optind != argc)
		return -1;
	if (!o->close_set)
		o->close = o->server ? CLOSE_WAIT : CLOSE_GRACEFUL;
	if (o->server && o->mode == MODE_ECHO && o->close != CLOSE_WAIT) {
		fprintf(stderr, "usrsctp-peer: an echo server only waits for the peer to end\n");
		return -1;
	}
	return 0;
}

/* Direction seeds differ so that a reflected stream is never mistaken for the other one. */
static int
setup_patterns(struct peer *p)
{
	struct sctpdk_pattern base;
	uint64_t client_seed = p->o.seed * 2, server_seed = p->o.seed * 2 + 1;
	enum peer_mode m = p->o.mode;

	memset(&base, 0, sizeof(base));
	base.total_bytes = p->o.bytes;
	base.streams = p->o.streams;
	base.unordered_permille = (uint32_t)(p->o.unordered_ratio * 1000 + 0.5);
	if (sctpdk_pattern_parse_sizes(&base, p->o.size_mix) < 0) {
		fprintf(stderr, "usrsctp-peer: bad --size-mix %s\n", p->o.size_mix);
		return -1;
	}
	p->txp = base;
	p->rxp = base;
	p->txp.seed = p->o.server ? server_seed : client_seed;
	p->rxp.seed = p->o.server ? client_seed : server_seed;
	p->tx_on = m == MODE_SOURCE || m == MODE_BOTH || (m == MODE_ECHO && !p->o.server);
	p->rx_on = m == MODE_SINK || m == MODE_BOTH || (m == MODE_ECHO && !p->o.server);
	p->echo = m == MODE_ECHO && p->o.server;
	if (m == MODE_ECHO && !p->o.server)
		p->rxp.seed = p->txp.seed;
	if ((p->tx_on && sctpdk_pattern_init(&p->txp) < 0) ||
	    (p->rx_on && sctpdk_pattern_init(&p->rxp) < 0))
		return -1;
	p->txbuf = malloc(SCTPDK_PATTERN_MAX_MSG);
	p->rxbuf = malloc(SCTPDK_PATTERN_MAX_MSG + 1);
	p->seen = calloc(p->rx_on ? p->rxp.nmsgs / 8 + 1 : 1, 1);
	p->last_ordered = malloc(sizeof(int64_t) * p->o.streams);
	if (p->txbuf == NULL || p->rxbuf == NULL || p->seen == NULL || p->last_ordered == NULL)
		return -1;
	for (unsigned i = 0; i < p->o.streams; i++)
		p->last_ordered[i] = -1;
	return 0;
}

static void
debug_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

int
main(int argc, char **argv)
{
	struct peer p;
	FILE *f = stdout;
	bool ok;
	int i;

	memset(&p, 0, sizeof(p));
	if (parse_opts(argc, argv, &p.o) < 0) {
		usage(stderr);
		return 2;
	}
	if (setup_patterns(&p) < 0) {
		fprintf(stderr, "usrsctp-peer: cannot set up the traffic pattern\n");
		return 2;
	}
	pthread_mutex_init(&p.w.lock, NULL);
	pthread_cond_init(&p.w.cond, NULL);

	/* Port 0: no UDP encapsulation, SCTP straight over IP via raw sockets. */
	usrsctp_init(0, NULL, p.o.verbose ? debug_printf : NULL);
	p.raw_rcvbuf = grow_raw_rcvbuf(p.o.raw_rcvbuf);
	if (p.raw_rcvbuf < 0)
		fprintf(stderr, "usrsctp-peer: usrsctp opened no raw IPv4 SCTP socket (root needed)\n");
#ifdef SCTP_DEBUG
	if (p.o.verbose)
		usrsctp_sysctl_set_sctp_debug_on(SCTP_DEBUG_ALL);
#endif

	run(&p);

	if (p.so != NULL)
		usrsctp_close(p.so);
	if (p.lsock != NULL)
		usrsctp_close(p.lsock);
	p.so = p.lsock = NULL;

	if (p.o.json != NULL && strcmp(p.o.json, "-") != 0) {
		f = fopen(p.o.json, "w");
		if (f == NULL) {
			perror(p.o.json);
			f = stdout;
		}
	}
	ok = result_ok(&p);
	write_json(&p, f);
	if (f != stdout)
		fclose(f);
	fprintf(stderr, "usrsctp-peer %s: %s, sent %" PRIu64 " B, received %" PRIu64
		" B, end %s%s%s\n", p.o.server ? "server" : "client", ok ? "OK" : "FAILED",
		p.bytes_sent, p.bytes_received, p.end ? p.end : "none",
		p.error[0] ? ", error: " : "", p.error);

	/* Let usrsctp finish sending SHUTDOWN ACK/COMPLETE or ABORT, then stop it. */
	for (i = 0; i < 300 && usrsctp_finish() != 0; i++)
		usleep(10000);
	sctpdk_pattern_fini(&p.txp);
	sctpdk_pattern_fini(&p.rxp);
	free(p.txbuf);
	free(p.rxbuf);
	free(p.seen);
	free(p.last_ordered);
	return ok ? 0 : 1;
}
