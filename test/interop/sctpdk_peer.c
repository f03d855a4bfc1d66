/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk-peer: the sctpdk side of the interop tests. One stack on one DPDK
 * port (by default net_af_packet on a veth end), one endpoint, one
 * association, the traffic schedule of pattern.h in both directions,
 * checked byte for byte. Same options and JSON fields as usrsctp-peer
 * where they apply (see doc/interop.md).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_eth_ring.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_impair.h>
#include <sctpdk/sctpdk_runtime.h>
#include <sctpdk/sctpdk_sctp.h>

#include "pattern.h"

struct opts {
	bool server;
	const char *addr, *peer, *iface, *vdev, *size_mix, *shutdown, *json, *ready, *pcapng;
	unsigned port, streams, timeout_s, window_kib;
	uint64_t bytes, seed;
	double ratio, loss_pct;
	bool tx_on, rx_on, ring;
};

struct peer {
	struct opts o;
	struct sctpdk_stack *st;
	struct sctpdk_pattern txp, rxp;
	uint8_t *buf, *seen;
	int64_t *last_ordered;
	bool up, ended, shut_sent, abort_sent;
	const char *end;
	char error[160];
	uint32_t assoc, rt_id;
	uint16_t out_streams, in_streams;
	uint64_t tx_next, bytes_sent, bytes_received, msgs_received, msgs_unordered;
	uint64_t mismatches, bad_headers, length_errors, duplicates, stream_errors, order_errors,
	    flag_errors, send_failed, unacked_at_end, first_bad_seq, first_bad_offset;
	uint64_t t_up, t_end, deadline;
	bool closing;
	struct sctpdk_impair *imp;
	const char *json;
};

static void
set_error(struct peer *p, const char *msg)
{
	if (p->error[0] == '\0')
		snprintf(p->error, sizeof(p->error), "%s", msg);
}

static int
parse_ip(const char *s, struct sctpdk_addr *a)
{
	unsigned b[4];
	if (sscanf(s, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]) != 4 || b[0] > 255 || b[1] > 255 ||
	    b[2] > 255 || b[3] > 255)
		return -1;
	memset(a, 0, sizeof(*a));
	a->family = SCTPDK_AF_INET;
	uint8_t v[4] = {(uint8_t)b[0], (uint8_t)b[1], (uint8_t)b[2], (uint8_t)b[3]};
	memcpy(&a->u.v4, v, 4);
	return 0;
}

static void
on_data(struct peer *p, const struct sctpdk_rt_event *ev)
{
	const struct rte_mbuf *m = ev->u.data.msg;
	uint32_t len = rte_pktmbuf_pkt_len(m);
	p->bytes_received += len;
	p->msgs_received++;
	if (len > SCTPDK_PATTERN_MAX_MSG) {
		p->length_errors++;
		return;
	}
	const uint8_t *d = rte_pktmbuf_read(m, 0, len, p->buf);
	if (d != p->buf)
		memcpy(p->buf, d, len);
	uint64_t seq = 0;
	size_t bad = 0;
	int rc = sctpdk_pattern_check(&p->rxp, p->buf, len, &seq, &bad);
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
	struct sctpdk_pattern_msg pm;
	sctpdk_pattern_msg(&p->rxp, seq, &pm);
	bool unordered = (ev->u.data.flags & SCTPDK_MSG_UNORDERED) != 0;
	if (ev->u.data.sid != pm.stream)
		p->stream_errors++;
	if (unordered != pm.unordered)
		p->flag_errors++;
	if (!pm.unordered && ev->u.data.sid == pm.stream) {
		if (p->last_ordered[pm.stream] >= (int64_t)seq)
			p->order_errors++;
		p->last_ordered[pm.stream] = (int64_t)seq;
	}
	if (pm.unordered)
		p->msgs_unordered++;
}

static void
find_rt_id(struct peer *p)
{
	uint32_t ids[64];
	unsigned n = sctpdk_stack_assoc_ids(p->st, ids, 64);
	for (unsigned i = 0; i < n && i < 64; i++) {
		struct sctpdk_rt_assoc_info info;
		if (sctpdk_stack_assoc_info(p->st, ids[i], &info) == 0 && info.id == p->assoc) {
			p->rt_id = ids[i];
			return;
		}
	}
}

static void
poll_events(struct peer *p)
{
	struct sctpdk_rt_event ev[32];
	unsigned n;
	while ((n = sctpdk_stack_event_poll(p->st, 0, ev, 32)) != 0) {
		for (unsigned i = 0; i < n; i++) {
			switch (ev[i].type) {
			case SCTPDK_RT_EV_ASSOC_CHANGE:
				if (ev[i].u.assoc_change.state == SCTPDK_COMM_UP && !p->up) {
					p->up = true;
					p->assoc = ev[i].assoc_id;
					p->out_streams = ev[i].u.assoc_change.out_streams;
					p->in_streams = ev[i].u.assoc_change.in_streams;
					p->t_up = rte_get_timer_cycles();
					find_rt_id(p);
				} else if (ev[i].u.assoc_change.state == SCTPDK_SHUTDOWN_COMP) {
					p->ended = true;
					p->end = p->shut_sent ? "shutdown" : "peer_shutdown";
				} else if (ev[i].u.assoc_change.state == SCTPDK_COMM_LOST) {
					p->ended = true;
					p->end = p->abort_sent ? "abort" : "peer_abort";
				} else if (ev[i].u.assoc_change.state == SCTPDK_CANT_STR_ASSOC) {
					p->ended = true;
					p->end = "cant_start";
					set_error(p, "association could not be started");
				}
				break;
			case SCTPDK_RT_EV_DATA:
				on_data(p, &ev[i]);
				rte_pktmbuf_free(ev[i].u.data.msg);
				break;
			case SCTPDK_RT_EV_SEND_FAILED:
				/* while the association is up the window below
				 * should make this impossible (an ordered stream
				 * would lose its order if the message were sent
				 * again later); after an ABORT the core reports
				 * every message not yet acknowledged: counted on
				 * its own, the receiver's byte check decides */
				if (p->ended) {
					p->unacked_at_end++;
				} else {
					p->send_failed++;
					set_error(p, "stack refused a message (SEND_FAILED)");
				}
				rte_pktmbuf_free(ev[i].u.send_failed.msg);
				break;
			default:
				break;
			}
		}
	}
	if (p->up && p->rt_id == 0)
		find_rt_id(p);
}

static struct rte_mbuf *
build_msg(struct peer *p, uint64_t seq, uint32_t len)
{
	struct rte_mempool *mp = sctpdk_stack_pool(p->st);
	sctpdk_pattern_build(&p->txp, seq, p->buf);
	struct rte_mbuf *head = NULL;
	for (uint32_t off = 0; off < len;) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		if (m == NULL)
			goto fail;
		uint32_t k = rte_pktmbuf_tailroom(m);
		if (k > len - off)
			k = len - off;
		memcpy(rte_pktmbuf_append(m, (uint16_t)k), p->buf + off, k);
		off += k;
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			goto fail;
		}
	}
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

/* Send while what the stack holds of ours stays under the window: our
 * sent total minus what it has accepted, plus what it has queued. */
static void
send_some(struct peer *p)
{
	if (!p->o.tx_on || !p->up || p->ended || p->rt_id == 0)
		return;
	struct sctpdk_rt_assoc_info info;
	if (sctpdk_stack_assoc_info(p->st, p->rt_id, &info) != 0)
		return;
	uint64_t window = (uint64_t)p->o.window_kib * 1024;
	uint64_t held = p->bytes_sent - info.sent_bytes + info.queued_bytes;
	for (unsigned burst = 0; burst < 64 && p->tx_next < p->txp.nmsgs; burst++) {
		struct sctpdk_pattern_msg pm;
		sctpdk_pattern_msg(&p->txp, p->tx_next, &pm);
		if (held + pm.length > window)
			return;
		struct rte_mbuf *m = build_msg(p, p->tx_next, pm.length);
		if (m == NULL)
			return; /* pool busy: later */
		int rc = sctpdk_stack_send(p->st, 0, p->assoc, pm.stream, 0,
					   pm.unordered ? SCTPDK_SEND_UNORDERED : 0, m);
		if (rc != 0) {
			rte_pktmbuf_free(m);
			return;
		}
		held += pm.length;
		p->bytes_sent += pm.length;
		p->tx_next++;
	}
}

static bool
all_done(const struct peer *p)
{
	bool rx = !p->o.rx_on || p->msgs_received >= p->rxp.nmsgs;
	bool tx = !p->o.tx_on || p->tx_next == p->txp.nmsgs;
	return rx && tx;
}

static bool
tx_acked(struct peer *p)
{
	struct sctpdk_rt_assoc_info info;
	if (!p->o.tx_on)
		return true;
	if (p->rt_id == 0 || sctpdk_stack_assoc_info(p->st, p->rt_id, &info) != 0)
		return false;
	return info.sent_bytes == p->bytes_sent && info.queued_bytes == 0 &&
	       info.outstanding_bytes == 0;
}

static void
write_json(struct peer *p)
{
	if (p->json == NULL)
		return;
	FILE *f = strcmp(p->json, "-") == 0 ? stdout : fopen(p->json, "w");
	if (f == NULL)
		return;
	struct sctpdk_stack_stats s;
	sctpdk_stack_stats_get(p->st, &s);
	bool rx_ok = !p->o.rx_on ||
		     (p->msgs_received == p->rxp.nmsgs && p->bytes_received == p->rxp.total_bytes);
	bool ok = p->up && p->error[0] == '\0' && rx_ok && p->tx_next == p->txp.nmsgs &&
		  p->mismatches + p->bad_headers + p->length_errors + p->duplicates +
			  p->stream_errors + p->order_errors + p->flag_errors ==
		      0;
	double secs = p->t_up && p->t_end > p->t_up
			  ? (double)(p->t_end - p->t_up) / (double)rte_get_timer_hz()
			  : 0.0;
	fprintf(f, "{\n  \"ok\": %s,\n  \"role\": \"%s\",\n  \"mode\": \"%s\",\n",
		ok ? "true" : "false", p->o.server ? "server" : "client",
		p->o.tx_on && p->o.rx_on ? "both"
		: p->o.tx_on             ? "source"
					 : "sink");
	fprintf(f, "  \"close\": \"%s\",\n  \"end\": \"%s\",\n  \"error\": \"%s\",\n",
		p->o.shutdown, p->end ? p->end : "none", p->error);
	fprintf(f, "  \"streams\": %u,\n  \"out_streams\": %u,\n  \"in_streams\": %u,\n",
		p->o.streams, p->out_streams, p->in_streams);
	fprintf(f,
		"  \"expected_rx_bytes\": %" PRIu64 ",\n  \"expected_rx_messages\": %" PRIu64 ",\n",
		p->o.rx_on ? p->rxp.total_bytes : 0, p->o.rx_on ? p->rxp.nmsgs : 0);
	fprintf(f, "  \"bytes_sent\": %" PRIu64 ",\n  \"messages_sent\": %" PRIu64 ",\n",
		p->bytes_sent, p->tx_next);
	fprintf(f, "  \"bytes_received\": %" PRIu64 ",\n  \"messages_received\": %" PRIu64 ",\n",
		p->bytes_received, p->msgs_received);
	fprintf(f,
		"  \"unordered_received\": %" PRIu64 ",\n  \"mismatches\": %" PRIu64
		",\n  \"bad_headers\": %" PRIu64 ",\n  \"length_errors\": %" PRIu64
		",\n  \"duplicates\": %" PRIu64 ",\n  \"stream_errors\": %" PRIu64
		",\n  \"order_errors\": %" PRIu64 ",\n  \"unordered_flag_errors\": %" PRIu64
		",\n  \"first_bad_seq\": %" PRIu64 ",\n  \"first_bad_offset\": %" PRIu64 ",\n",
		p->msgs_unordered, p->mismatches, p->bad_headers, p->length_errors, p->duplicates,
		p->stream_errors, p->order_errors, p->flag_errors, p->first_bad_seq,
		p->first_bad_offset);
	fprintf(f,
		"  \"send_failed\": %" PRIu64 ",\n  \"unacked_at_end\": %" PRIu64
		",\n  \"seconds\": %.3f,\n  \"mbit_per_s\": %.1f,\n",
		p->send_failed, p->unacked_at_end, secs,
		secs > 0 ? (double)(p->bytes_sent + p->bytes_received) * 8 / secs / 1e6 : 0.0);
	/* the ports' own counters, summed (net_af_packet of DPDK 22.11 does
	 * not count the frames its kernel ring dropped: compare ipackets with
	 * what a capture saw the peer send) */
	struct rte_eth_stats es, sum;
	uint16_t pid;
	memset(&sum, 0, sizeof(sum));
	RTE_ETH_FOREACH_DEV(pid)
	{
		if (rte_eth_stats_get(pid, &es) != 0)
			continue;
		sum.ipackets += es.ipackets;
		sum.opackets += es.opackets;
		sum.imissed += es.imissed;
		sum.ierrors += es.ierrors;
		sum.oerrors += es.oerrors;
		sum.rx_nombuf += es.rx_nombuf;
	}
	fprintf(f,
		"  \"port\": {\"ipackets\": %" PRIu64 ", \"opackets\": %" PRIu64
		", \"imissed\": %" PRIu64 ", \"ierrors\": %" PRIu64 ", \"oerrors\": %" PRIu64
		", \"rx_nombuf\": %" PRIu64 "},\n",
		sum.ipackets, sum.opackets, sum.imissed, sum.ierrors, sum.oerrors, sum.rx_nombuf);
	fprintf(f,
		"  \"sctpdk\": {\"rx_frames\": %" PRIu64 ", \"tx_frames\": %" PRIu64
		", \"rx_sctp\": %" PRIu64 ", \"tx_sctp\": %" PRIu64 ", \"drop_bad_cksum\": %" PRIu64
		", \"drop_ring_full\": %" PRIu64 ", \"drop_tx_full\": %" PRIu64
		", \"drop_nomem\": %" PRIu64 ", \"cksum_sw_ok\": %" PRIu64 "}\n}\n",
		s.rx_frames, s.tx_frames, s.rx_sctp, s.tx_sctp, s.drop[SCTPDK_RT_DROP_BAD_CKSUM],
		s.drop[SCTPDK_RT_DROP_RING_FULL], s.drop[SCTPDK_RT_DROP_TX_FULL],
		s.drop[SCTPDK_RT_DROP_NOMEM], s.cksum_sw_ok);
	if (f != stdout)
		fclose(f);
}

/* EAL leaves its runtime directory behind: remove ours (its files, then
 * the directory). */
static void
remove_runtime_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	char path[512];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static void
usage(void)
{
	fprintf(stderr,
		"sctpdk-peer --server|--client --addr IP [--peer IP] --iface IFNAME [options]\n"
		"  --vdev ARGS          DPDK vdev instead of net_af_packet0,iface=IFNAME\n"
		"  --port N             server port (default 5001)\n"
		"  --mode M             sink | source | both (default both)\n"
		"  --bytes N            bytes each direction sends (default 1 MiB)\n"
		"  --streams N          outbound streams used (default 4)\n"
		"  --unordered-ratio R  share of unordered messages, 0..1 (default 0.25)\n"
		"  --size-mix LIST      message sizes (default 64,512,1400,4096,16384,65000)\n"
		"  --seed N             pattern seed (default 1)\n"
		"  --shutdown S         graceful | abort | wait (client default graceful, server "
		"wait)\n"
		"  --timeout S          give up after S seconds (default 120)\n"
		"  --window-kib N       bytes of ours the stack may hold (default 2048)\n"
		"  --loss PCT           drop PCT %% of received IP frames (drivers/impair)\n"
		"  --pcapng FILE        capture what the port sends and receives\n"
		"  --json FILE          result as JSON (- for stdout)\n"
		"  --ready-file FILE    server: created once listening\n"
		"  --ring               both ends in this process over a net_ring pair\n"
		"                       (server 198.18.2.1 on lcore 1, client 198.18.2.2 on\n"
		"                       lcore 2; --json FILE gets the client, FILE.server the "
		"server)\n");
	exit(2);
}

static void
parse_opts(struct opts *o, int argc, char **argv)
{
	static const struct option lo[] = {{"server", no_argument, NULL, 'S'},
					   {"client", no_argument, NULL, 'C'},
					   {"addr", required_argument, NULL, 'a'},
					   {"peer", required_argument, NULL, 'p'},
					   {"iface", required_argument, NULL, 'i'},
					   {"vdev", required_argument, NULL, 'v'},
					   {"port", required_argument, NULL, 'P'},
					   {"mode", required_argument, NULL, 'm'},
					   {"bytes", required_argument, NULL, 'b'},
					   {"streams", required_argument, NULL, 's'},
					   {"unordered-ratio", required_argument, NULL, 'u'},
					   {"size-mix", required_argument, NULL, 'z'},
					   {"seed", required_argument, NULL, 'e'},
					   {"shutdown", required_argument, NULL, 'd'},
					   {"timeout", required_argument, NULL, 't'},
					   {"window-kib", required_argument, NULL, 'w'},
					   {"loss", required_argument, NULL, 'l'},
					   {"pcapng", required_argument, NULL, 'c'},
					   {"json", required_argument, NULL, 'j'},
					   {"ready-file", required_argument, NULL, 'r'},
					   {"ring", no_argument, NULL, 'R'},
					   {NULL, 0, NULL, 0}};
	const char *mode = "both";
	bool role = false;
	memset(o, 0, sizeof(*o));
	o->port = 5001;
	o->bytes = 1u << 20;
	o->streams = 4;
	o->ratio = 0.25;
	o->size_mix = "64,512,1400,4096,16384,65000";
	o->seed = 1;
	o->timeout_s = 120;
	o->window_kib = 2048;
	int c;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'S':
			o->server = true;
			role = true;
			break;
		case 'C':
			o->server = false;
			role = true;
			break;
		case 'a':
			o->addr = optarg;
			break;
		case 'p':
			o->peer = optarg;
			break;
		case 'i':
			o->iface = optarg;
			break;
		case 'v':
			o->vdev = optarg;
			break;
		case 'P':
			o->port = (unsigned)strtoul(optarg, NULL, 0);
			break;
		case 'm':
			mode = optarg;
			break;
		case 'b':
			o->bytes = strtoull(optarg, NULL, 0);
			break;
		case 's':
			o->streams = (unsigned)strtoul(optarg, NULL, 0);
			break;
		case 'u':
			o->ratio = strtod(optarg, NULL);
			break;
		case 'z':
			o->size_mix = optarg;
			break;
		case 'e':
			o->seed = strtoull(optarg, NULL, 0);
			break;
		case 'd':
			o->shutdown = optarg;
			break;
		case 't':
			o->timeout_s = (unsigned)strtoul(optarg, NULL, 0);
			break;
		case 'w':
			o->window_kib = (unsigned)strtoul(optarg, NULL, 0);
			break;
		case 'l':
			o->loss_pct = strtod(optarg, NULL);
			break;
		case 'c':
			o->pcapng = optarg;
			break;
		case 'j':
			o->json = optarg;
			break;
		case 'r':
			o->ready = optarg;
			break;
		case 'R':
			o->ring = true;
			role = true;
			break;
		default:
			usage();
		}
	}
	if (!role || o->streams == 0 || o->streams > 64 ||
	    (!o->ring && (o->addr == NULL || (!o->server && o->peer == NULL) ||
			  (o->iface == NULL && o->vdev == NULL))))
		usage();
	if (o->shutdown == NULL)
		o->shutdown = o->server ? "wait" : "graceful";
	if (strcmp(o->shutdown, "graceful") != 0 && strcmp(o->shutdown, "abort") != 0 &&
	    strcmp(o->shutdown, "wait") != 0)
		usage();
	o->tx_on = strcmp(mode, "sink") != 0;
	o->rx_on = strcmp(mode, "source") != 0;
	if (strcmp(mode, "both") != 0 && strcmp(mode, "sink") != 0 && strcmp(mode, "source") != 0)
		usage();
}

static int
setup_patterns(struct peer *p)
{
	struct sctpdk_pattern base;
	memset(&base, 0, sizeof(base));
	base.total_bytes = p->o.bytes;
	base.streams = (uint16_t)p->o.streams;
	base.unordered_permille = (uint32_t)(p->o.ratio * 1000 + 0.5);
	if (sctpdk_pattern_parse_sizes(&base, p->o.size_mix) < 0)
		return -1;
	p->txp = base;
	p->rxp = base;
	p->txp.seed = p->o.server ? p->o.seed * 2 + 1 : p->o.seed * 2;
	p->rxp.seed = p->o.server ? p->o.seed * 2 : p->o.seed * 2 + 1;
	if (sctpdk_pattern_init(&p->txp) < 0 || sctpdk_pattern_init(&p->rxp) < 0)
		return -1;
	if (!p->o.tx_on)
		p->txp.nmsgs = 0;
	p->buf = malloc(SCTPDK_PATTERN_MAX_MSG);
	p->seen = calloc(p->rxp.nmsgs / 8 + 1, 1);
	p->last_ordered = malloc(sizeof(int64_t) * p->o.streams);
	if (p->buf == NULL || p->seen == NULL || p->last_ordered == NULL)
		return -1;
	for (unsigned i = 0; i < p->o.streams; i++)
		p->last_ordered[i] = -1;
	return 0;
}

/* Create and start p's stack on EAL lcore `lcore` with one port (device
 * name or, when dev_name is empty, port_id) and one endpoint. */
static int
stack_up(struct peer *p, const char *name, const char *dev_name, uint16_t port_id, unsigned lcore,
	 const char *addr)
{
	struct sctpdk_stack_config cfg;
	sctpdk_stack_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "%s", name);
	cfg.n_lcores = 1;
	cfg.lcores[0] = lcore;
	cfg.n_ports = 1;
	snprintf(cfg.ports[0].dev_name, sizeof(cfg.ports[0].dev_name), "%s", dev_name);
	cfg.ports[0].port_id = port_id;
	cfg.ports[0].n_addrs = 1;
	if (parse_ip(addr, &cfg.ports[0].addrs[0]) < 0)
		return -1;
	cfg.ports[0].prefix_len[0] = 24;
	cfg.n_eps = 1;
	cfg.eps[0].local_port = (uint16_t)(p->o.server ? p->o.port : p->o.port + 1000);
	cfg.eps[0].listening = p->o.server;
	cfg.eps[0].owner = 0;
	cfg.proto.out_streams = (uint16_t)p->o.streams;
	cfg.proto.max_in_streams = 64;
	cfg.n_mbufs = 31743;
	cfg.idle_sleep_us = 20;
	if (p->o.pcapng != NULL && !(p->o.ring && p->o.server))
		snprintf(cfg.pcapng_path, sizeof(cfg.pcapng_path), "%s", p->o.pcapng);
	int err = 0;
	p->st = sctpdk_stack_create(&cfg, &err);
	if (p->st == NULL || sctpdk_stack_start(p->st) != 0) {
		fprintf(stderr, "sctpdk-peer: stack create/start failed: %d\n", err);
		return -1;
	}
	if (p->o.loss_pct > 0) {
		uint16_t pid = port_id;
		struct sctpdk_impair_config ic;
		sctpdk_impair_config_default(&ic, p->o.seed);
		ic.ip_only = 1; /* leave ARP alone */
		struct sctpdk_impair_rule drop = {.action = SCTPDK_IMPAIR_DROP,
						  .when = SCTPDK_IMPAIR_PROB,
						  .ppm = (uint32_t)(p->o.loss_pct * 10000)};
		if ((dev_name[0] != '\0' && rte_eth_dev_get_port_by_name(dev_name, &pid) != 0) ||
		    sctpdk_impair_add_rule(&ic, &drop) != 0 ||
		    (p->imp = sctpdk_impair_new(&ic)) == NULL ||
		    sctpdk_impair_attach_rx(p->imp, pid, 0) != 0) {
			fprintf(stderr, "sctpdk-peer: cannot put impair on the port\n");
			return -1;
		}
	}
	p->deadline = rte_get_timer_cycles() + rte_get_timer_hz() * p->o.timeout_s;
	return 0;
}

static int
associate(struct peer *p, const char *peer_addr)
{
	struct sctpdk_addr peer;
	if (parse_ip(peer_addr, &peer) < 0)
		return -1;
	/* the first INIT may go before ARP resolves: the core retries */
	return sctpdk_stack_associate(p->st, 0, &peer, (uint16_t)p->o.port, (uint16_t)p->o.streams);
}

/* One turn of p's application loop. Returns true when p is finished. */
static bool
step(struct peer *p)
{
	if (p->ended)
		return true;
	if (rte_get_timer_cycles() > p->deadline) {
		set_error(p, "timeout");
		return true;
	}
	poll_events(p);
	send_some(p);
	if (p->up && !p->closing && all_done(p)) {
		if (strcmp(p->o.shutdown, "graceful") == 0) {
			p->shut_sent = true;
			if (sctpdk_stack_shutdown(p->st, 0, p->assoc) == 0)
				p->closing = true;
		} else if (strcmp(p->o.shutdown, "abort") == 0 && tx_acked(p)) {
			p->abort_sent = true;
			if (sctpdk_stack_abort(p->st, 0, p->assoc) == 0)
				p->closing = true;
		}
		if (p->closing)
			p->t_end = rte_get_timer_cycles();
	}
	return p->ended;
}

/* Report, stop and free p. Returns true when p is ok. */
static bool
finish(struct peer *p)
{
	if (p->t_end == 0)
		p->t_end = rte_get_timer_cycles();
	/* Keep the port up a little: frames the stack has handed to the port
	 * (the ABORT, the last SHUTDOWN COMPLETE) may still sit in a ring the
	 * peer has not read yet; net_memif loses them when this process
	 * disconnects, and nobody retransmits an ABORT. */
	uint64_t linger = rte_get_timer_cycles() + rte_get_timer_hz() / 2;
	while (rte_get_timer_cycles() < linger) {
		poll_events(p);
		usleep(1000);
	}
	poll_events(p);
	write_json(p);
	fprintf(stderr,
		"sctpdk-peer %s: end=%s sent=%" PRIu64 " received=%" PRIu64 " messages=%" PRIu64
		" error='%s'\n",
		p->o.server ? "server" : "client", p->end ? p->end : "none", p->bytes_sent,
		p->bytes_received, p->msgs_received, p->error);
	bool ok = p->up && p->error[0] == '\0' && p->ended &&
		  (!p->o.rx_on || p->msgs_received == p->rxp.nmsgs) && p->tx_next == p->txp.nmsgs &&
		  p->mismatches + p->bad_headers + p->length_errors + p->duplicates +
			  p->stream_errors + p->order_errors + p->flag_errors ==
		      0;
	if (p->imp != NULL) {
		struct sctpdk_impair_stats is;
		sctpdk_impair_stats_get(p->imp, &is);
		sctpdk_impair_detach_rx(p->imp);
		fprintf(stderr,
			"sctpdk-peer: impair on RX: %" PRIu64 " frames in, %" PRIu64 " dropped\n",
			is.in, is.dropped);
	}
	sctpdk_stop(p->st);
	sctpdk_impair_del(p->imp);
	sctpdk_pattern_fini(&p->txp);
	sctpdk_pattern_fini(&p->rxp);
	free(p->buf);
	free(p->seen);
	free(p->last_ordered);
	return ok;
}

static void
write_ready(const char *path)
{
	if (path == NULL)
		return;
	FILE *f = fopen(path, "w"); /* holds the EAL runtime dir (telemetry socket) */
	if (f != NULL) {
		fprintf(f, "%s\n", rte_eal_get_runtime_dir());
		fclose(f);
	}
}

/* --ring: a net_ring pair, server on lcore 1, client on lcore 2, both
 * application loops interleaved on the main lcore. */
static int
run_ring(struct peer *c, struct peer *s)
{
	static struct rte_ring *ab, *ba;
	ab = rte_ring_create("peer_ab", 4096, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	ba = rte_ring_create("peer_ba", 4096, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (ab == NULL || ba == NULL)
		return -1;
	int pa = rte_eth_from_rings("net_ring_peer_c", &ba, 1, &ab, 1, SOCKET_ID_ANY);
	int pb = rte_eth_from_rings("net_ring_peer_s", &ab, 1, &ba, 1, SOCKET_ID_ANY);
	if (pa < 0 || pb < 0)
		return -1;
	if (stack_up(s, "server", "", (uint16_t)pb, 1, "198.18.2.1") != 0 ||
	    stack_up(c, "client", "", (uint16_t)pa, 2, "198.18.2.2") != 0)
		return -1;
	write_ready(s->o.ready);
	associate(c, "198.18.2.1");
	bool cd = false, sd = false;
	while (!cd || !sd) {
		cd = cd || step(c);
		sd = sd || step(s);
		usleep(50);
	}
	bool ok = finish(c);
	ok = finish(s) && ok;
	rte_eth_dev_close((uint16_t)pa);
	rte_eth_dev_close((uint16_t)pb);
	rte_ring_free(ab);
	rte_ring_free(ba);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	static struct peer pr, srv;
	struct peer *p = &pr;
	parse_opts(&p->o, argc, argv);
	p->json = p->o.json;
	char sjson[512];
	if (p->o.ring) {
		/* p is the client; srv the server with the same traffic options */
		srv.o = p->o;
		srv.o.server = true;
		srv.o.shutdown = "wait";
		p->o.server = false;
		if (strcmp(p->o.shutdown, "wait") == 0)
			p->o.shutdown = "graceful";
		if (p->o.json != NULL) {
			snprintf(sjson, sizeof(sjson), "%s.server", p->o.json);
			srv.json = sjson;
		}
		if (setup_patterns(&srv) < 0) {
			fprintf(stderr, "sctpdk-peer: bad pattern options\n");
			return 2;
		}
	}
	if (setup_patterns(p) < 0) {
		fprintf(stderr, "sctpdk-peer: bad pattern options\n");
		return 2;
	}

	char vdev[160] = "", prefix[64];
	if (p->o.vdev != NULL)
		snprintf(vdev, sizeof(vdev), "%s", p->o.vdev);
	else if (p->o.iface != NULL)
		/* 8192 frames of receive ring, not the PMD's 512: at ~100k
		 * frames/s the default holds 5 ms, and a lcore held off longer
		 * than that on a busy machine lost bursts of hundreds of frames
		 * (counted nowhere: this PMD does not report the ring's drops) */
		snprintf(vdev, sizeof(vdev), "net_af_packet0,iface=%s,framecnt=8192", p->o.iface);
	snprintf(prefix, sizeof(prefix), "sctpdk-peer-%d", (int)getpid());
	char *eal[] = {argv[0],
		       p->o.ring ? "--lcores" : "-l",
		       p->o.ring ? "(0-2)@(0-1)" : "0-1",
		       "--no-huge",
		       "--no-pci",
		       "--no-shconf",
		       "-m",
		       p->o.ring ? "768" : "512",
		       "--file-prefix",
		       prefix,
		       "--log-level",
		       "lib.eal:error",
		       "--vdev",
		       vdev};
	int neal = (int)RTE_DIM(eal) - (vdev[0] == '\0' ? 2 : 0);
	if (rte_eal_init(neal, eal) < 0) {
		fprintf(stderr, "sctpdk-peer: EAL init failed\n");
		return 1;
	}

	int rc;
	if (p->o.ring) {
		rc = run_ring(p, &srv);
	} else {
		char dev[64];
		snprintf(dev, sizeof(dev), "%s", p->o.vdev != NULL ? p->o.vdev : "net_af_packet0");
		char *comma = strchr(dev, ',');
		if (comma != NULL)
			*comma = '\0';
		if (stack_up(p, "peer", dev, 0, 1, p->o.addr) != 0)
			return 1;
		write_ready(p->o.ready);
		if (!p->o.server && associate(p, p->o.peer) != 0)
			usage();
		while (!step(p))
			usleep(50);
		rc = finish(p) ? 0 : 1;
	}
	char rundir[256];
	snprintf(rundir, sizeof(rundir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	remove_runtime_dir(rundir);
	return rc;
}
