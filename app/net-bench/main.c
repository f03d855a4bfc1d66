/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk-net-bench: cost per packet of the lib/net RX classifier, the
 * lib/net SCTP output path and the impairment engine, on in-memory mbufs.
 *
 *   sctpdk-net-bench [EAL args] -- [--packets N] [--burst B]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_impair.h>
#include <sctpdk/sctpdk_net.h>

static const uint8_t our_mac[6] = {0x02, 0, 0, 0, 0, 1};
static const uint8_t peer_mac[6] = {0x02, 0, 0, 0, 0, 2};

static void
usage(const char *prog)
{
	printf("usage: %s [EAL args] -- [--packets N] [--burst B]\n"
	       "  --packets N  packets per measurement (default 2000000)\n"
	       "  --burst B    burst size, 1..64 (default 32)\n",
	       prog);
}

/* An SCTP/IPv4 frame 192.0.2.2 -> 192.0.2.1 with 100 bytes of chunks. */
static struct rte_mbuf *
sctp_frame(struct rte_mempool *mp)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	uint8_t *b = (uint8_t *)rte_pktmbuf_append(m, 14 + 20 + 112);
	if (b == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(b, 0, 14 + 20 + 112);
	memcpy(b, our_mac, 6);
	memcpy(b + 6, peer_mac, 6);
	b[12] = 0x08;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(b + 14);
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16(132);
	ip->time_to_live = 64;
	ip->next_proto_id = 132;
	ip->src_addr = rte_cpu_to_be_32(0xc0000202);
	ip->dst_addr = rte_cpu_to_be_32(0xc0000201);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	return m;
}

static double
ns_per(uint64_t cycles, uint64_t n)
{
	return (double)cycles * 1e9 / (double)rte_get_tsc_hz() / (double)n;
}

int
main(int argc, char **argv)
{
	int eal = rte_eal_init(argc, argv);
	if (eal < 0) {
		fprintf(stderr, "EAL init failed\n");
		return 1;
	}
	argc -= eal;
	argv += eal;
	uint64_t packets = 2000000;
	unsigned int burst = 32;
	static const struct option opts[] = {{"packets", required_argument, NULL, 'n'},
					     {"burst", required_argument, NULL, 'b'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "n:b:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			packets = strtoull(optarg, NULL, 0);
			break;
		case 'b':
			burst = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 0 : 1;
		}
	}
	if (burst == 0 || burst > 64 || packets == 0) {
		usage(argv[0]);
		return 1;
	}
	struct rte_mempool *mp =
	    rte_pktmbuf_pool_create("bench", 4095, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	cfg.pool = mp;
	struct sctpdk_net *net = mp != NULL ? sctpdk_net_new(&cfg) : NULL;
	if (net == NULL) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	struct sctpdk_addr us = sctpdk_addr_v4(192, 0, 2, 1), peer = sctpdk_addr_v4(192, 0, 2, 2);
	sctpdk_net_port_add(net, 0, our_mac, 0, 1500);
	sctpdk_net_addr_add(net, 0, &us, 24);
	sctpdk_net_neigh_add(net, 0, &peer, peer_mac, UINT64_MAX, NULL, 0);

	struct rte_mbuf *pk[64], *txp[64];
	uint16_t ports[64];
	struct sctpdk_net_rx_result res[64];
	struct sctpdk_net_tx tx = {txp, ports, 64, 0};
	uint64_t rx_cycles = 0, tx_cycles = 0, done = 0;
	while (done < packets) {
		for (unsigned int i = 0; i < burst; i++)
			if ((pk[i] = sctp_frame(mp)) == NULL)
				return 1;
		uint64_t t0 = rte_rdtsc();
		uint16_t ns = sctpdk_net_rx_burst(net, 0, pk, (uint16_t)burst, res, &tx, 0);
		rx_cycles += rte_rdtsc() - t0;
		if (ns != burst) {
			fprintf(stderr, "unexpected verdicts\n");
			return 1;
		}
		/* output: the same mbufs, stripped back to the SCTP packet */
		for (unsigned int i = 0; i < burst; i++)
			rte_pktmbuf_adj(pk[i], res[i].l4_off);
		t0 = rte_rdtsc();
		for (unsigned int i = 0; i < burst; i++)
			sctpdk_net_output(net, pk[i], &us, &peer, &tx, 0);
		tx_cycles += rte_rdtsc() - t0;
		rte_pktmbuf_free_bulk(tx.pkts, tx.n);
		tx.n = 0;
		done += burst;
	}
	printf("net rx classify (SCTP/IPv4, burst %u): %.1f ns/packet\n", burst,
	       ns_per(rx_cycles, done));
	printf("net output (IPv4 + Ethernet, resolved): %.1f ns/packet\n", ns_per(tx_cycles, done));

	struct sctpdk_impair_config ic;
	sctpdk_impair_config_default(&ic, 1);
	ic.pool = mp;
	struct sctpdk_impair_rule drop = {
	    .action = SCTPDK_IMPAIR_DROP, .when = SCTPDK_IMPAIR_PROB, .ppm = 50000};
	struct sctpdk_impair_rule reo = {
	    .action = SCTPDK_IMPAIR_REORDER, .when = SCTPDK_IMPAIR_PROB, .ppm = 10000};
	sctpdk_impair_add_rule(&ic, &drop);
	sctpdk_impair_add_rule(&ic, &reo);
	struct sctpdk_impair *imp = sctpdk_impair_new(&ic);
	uint64_t imp_cycles = 0;
	struct rte_mbuf *out[128];
	for (done = 0; done < packets; done += burst) {
		for (unsigned int i = 0; i < burst; i++)
			if ((pk[i] = sctp_frame(mp)) == NULL)
				return 1;
		uint64_t t0 = rte_rdtsc();
		uint16_t k = sctpdk_impair_apply(imp, pk, (uint16_t)burst, out, 128, done);
		imp_cycles += rte_rdtsc() - t0;
		rte_pktmbuf_free_bulk(out, k);
	}
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	printf("impair apply (5%% drop + 1%% reorder): %.1f ns/packet, dropped %.2f%%\n",
	       ns_per(imp_cycles, done), 100.0 * (double)st.dropped / (double)st.in);
	sctpdk_impair_del(imp);
	sctpdk_net_del(net);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
