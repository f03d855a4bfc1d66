/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * wire-bench: cost of the lib/wire codec per packet, in nanoseconds.
 *
 *   decode-data-sack   iterator (validation + walk) and decode of a packet
 *                      holding a SACK and a 1200-byte DATA chunk (flat buffer)
 *   decode-chain       the same packet in a 3-segment mbuf chain
 *   decode-init        an INIT with 4 addresses and the usual parameters
 *   encode-sack-data   common header + SACK + DATA header into a buffer
 *   build-cksum        the same through the packet builder into an mbuf,
 *                      software CRC32c over the 1200-byte payload included
 *
 * No EAL is started: mbufs are built by hand over static buffers. Each case
 * runs for --min-ms milliseconds, --repeat times; the best run is reported.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include "sctpdk_wire.h"

static volatile uint32_t sink;
static uint8_t pkt[1500];
static uint32_t pkt_len;
static uint8_t init_pkt[256];
static uint32_t init_len;
static uint8_t seg_buf[3][1024];
static struct rte_mbuf chain[3];
static uint8_t out_buf[2048];
static struct rte_mbuf out_m;

static uint64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
decode_pkt(struct sctpdk_pkt_iter *it)
{
	struct sctpdk_chunk c;
	while (sctpdk_pkt_iter_next(it, &c) == SCTPDK_CHUNK_PROCESS) {
		if (c.type == SCTPDK_CHUNK_DATA) {
			struct sctpdk_data d;
			sctpdk_data_decode(&c, &d);
			sink += d.tsn.v + d.payload_off;
		} else if (c.type == SCTPDK_CHUNK_SACK) {
			struct sctpdk_sack s;
			sctpdk_sack_decode(&c, &s);
			sink += s.cum_tsn.v;
		} else if (c.type == SCTPDK_CHUNK_INIT) {
			struct sctpdk_init i;
			sctpdk_init_decode(&c, &i);
			sink += i.n_addrs;
		}
	}
}

static void
case_decode_flat(uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		struct sctpdk_pkt_iter it;
		if (sctpdk_pkt_iter_init_buf(&it, pkt, pkt_len) == SCTPDK_WIRE_OK)
			decode_pkt(&it);
	}
}

static void
case_decode_chain(uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		struct sctpdk_pkt_iter it;
		if (sctpdk_pkt_iter_init(&it, &chain[0], 0) == SCTPDK_WIRE_OK)
			decode_pkt(&it);
	}
}

static void
case_decode_init(uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		struct sctpdk_pkt_iter it;
		if (sctpdk_pkt_iter_init_buf(&it, init_pkt, init_len) == SCTPDK_WIRE_OK)
			decode_pkt(&it);
	}
}

static const struct sctpdk_gap gap = {2, 3};

static void
case_encode(uint32_t n)
{
	struct sctpdk_common_hdr h = {5000, 5001, 0x01020304u, 0};
	for (uint32_t k = 0; k < n; k++) {
		struct sctpdk_wr w;
		sctpdk_wr_init(&w, out_buf, sizeof(out_buf));
		sctpdk_common_hdr_encode(&w, &h);
		sctpdk_sack_encode(&w, sctpdk_tsn(k), 65535, &gap, 1, NULL, 0);
		struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(k)};
		sctpdk_data_encode_hdr(&w, &d, 1200);
		sink += w.len;
	}
}

static void
case_build(uint32_t n)
{
	static uint8_t payload[1200];
	struct sctpdk_common_hdr h = {5000, 5001, 0x01020304u, 0};
	for (uint32_t k = 0; k < n; k++) {
		out_m.data_len = 0;
		out_m.pkt_len = 0;
		struct sctpdk_pkt_builder b;
		if (sctpdk_pkt_build_begin(&b, &out_m, 1452, &h) != 0)
			continue;
		sctpdk_pkt_build_added(
			&b, sctpdk_sack_encode(&b.w, sctpdk_tsn(k), 65535, &gap, 1, NULL, 0));
		struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(k)};
		sctpdk_pkt_build_added(&b, sctpdk_data_encode(&b.w, &d, payload, 1200));
		sink += (uint32_t)sctpdk_pkt_build_finish(&b, 0);
	}
}

static void
setup(void)
{
	static uint8_t payload[1200];
	struct sctpdk_wr w;
	struct sctpdk_common_hdr h = {5000, 5001, 0x01020304u, 0};
	sctpdk_wr_init(&w, pkt, sizeof(pkt));
	sctpdk_common_hdr_encode(&w, &h);
	sctpdk_sack_encode(&w, sctpdk_tsn(1), 65535, &gap, 1, NULL, 0);
	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(5)};
	sctpdk_data_encode(&w, &d, payload, sizeof(payload));
	pkt_len = w.len;

	/* 3 segments: cuts inside the DATA header and inside the payload */
	uint32_t cuts[4] = {0, 40, 700, pkt_len};
	for (int s = 0; s < 3; s++) {
		uint32_t n = cuts[s + 1] - cuts[s];
		memcpy(seg_buf[s], pkt + cuts[s], n);
		chain[s].buf_addr = seg_buf[s];
		chain[s].buf_len = sizeof(seg_buf[s]);
		chain[s].data_len = (uint16_t)n;
		chain[s].nb_segs = 1;
		chain[s].next = s < 2 ? &chain[s + 1] : NULL;
	}
	chain[0].nb_segs = 3;
	chain[0].pkt_len = pkt_len;

	out_m.buf_addr = out_buf;
	out_m.buf_len = sizeof(out_buf);
	out_m.nb_segs = 1;

	sctpdk_wr_init(&w, init_pkt, sizeof(init_pkt));
	h.vtag = 0;
	sctpdk_common_hdr_encode(&w, &h);
	struct sctpdk_init in;
	memset(&in, 0, sizeof(in));
	in.init_tag = 0x11223344u;
	in.a_rwnd = 65535;
	in.n_out_streams = in.n_in_streams = 10;
	in.n_addrs = 4;
	for (int k = 0; k < 4; k++)
		in.addrs[k] = sctpdk_addr_v4(10, 0, 0, (uint8_t)(k + 1));
	in.has_supported_addr_types = 1;
	in.supported_addr_types = SCTPDK_ADDRTYPE_IPV4;
	in.ecn_capable = in.fwd_tsn_supported = 1;
	sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT, &in);
	init_len = w.len;
}

struct bench_case {
	const char *name;
	void (*fn)(uint32_t n);
};

static const struct bench_case cases[] = {
	{"decode-data-sack", case_decode_flat}, {"decode-chain", case_decode_chain},
	{"decode-init", case_decode_init},      {"encode-sack-data", case_encode},
	{"build-cksum", case_build},
};

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--min-ms MS] [--repeat N]\n"
		"  --min-ms MS   time per run (default 200)\n"
		"  --repeat N    runs per case, best reported (default 3)\n",
		prog);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"min-ms", required_argument, NULL, 'm'},
		{"repeat", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	unsigned min_ms = 200, repeat = 3;
	int c;
	while ((c = getopt_long(argc, argv, "m:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			min_ms = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'r':
			repeat = (unsigned)strtoul(optarg, NULL, 10);
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}
	if (min_ms == 0 || repeat == 0) {
		usage(argv[0]);
		return 2;
	}
	setup();
	printf("%-18s %10s\n", "case", "ns/pkt");
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		double best = 1e30;
		for (unsigned r = 0; r < repeat; r++) {
			uint64_t iters = 0, t0 = now_ns(), t;
			do {
				cases[k].fn(10000);
				iters += 10000;
				t = now_ns();
			} while (t - t0 < (uint64_t)min_ms * 1000000u);
			double ns = (double)(t - t0) / (double)iters;
			if (ns < best)
				best = ns;
		}
		printf("%-18s %10.1f\n", cases[k].name, best);
	}
	return 0;
}
