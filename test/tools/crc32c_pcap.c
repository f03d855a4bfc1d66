/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * crc32c-pcap: write a pcap of SCTP/IPv4 packets (link type 101, raw IP)
 * whose SCTP checksums were filled in by sctpdk_sctp_cksum_set(), so an
 * independent decoder (tshark) can judge them. One packet is corrupted
 * after its checksum was set.
 *
 * Usage: crc32c-pcap OUT.pcap
 * Prints one line per frame on stdout: "<frame number> good|bad".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ip.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include "sctpdk_crc32c.h"

#define LINKTYPE_RAW 101
#define SEG_BYTES    1000 /* bytes per segment: longer packets become chains */
#define MAX_PKT      9100

/* SCTP packets from the shared test data, checksum fields zeroed. */
static const char *const sctp_hex[] = {
    /* INIT */
    "1388138900000000000000000100001c010203040000ffff000a000a00000001000c000600050000",
    /* DATA "hello" */
    "138813890a0b0c0d000000000003001500000001000000000000000068656c6c6f000000",
    /* SACK with a gap block and a duplicate */
    "13891388010203040000000003000018000000010000ffff000100010002000300000001",
    /* ABORT with the T bit */
    "13891388010203040000000006010004",
};

struct pcap_out {
	FILE *f;
	unsigned frames;
};

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* pcap is written in host order; the magic says which */
}

static int
pcap_open(struct pcap_out *o, const char *path)
{
	uint8_t h[24] = {0};

	o->f = fopen(path, "wb");
	if (o->f == NULL)
		return -1;
	o->frames = 0;
	put32(h, 0xa1b2c3d4u);
	memcpy(h + 4, &(uint16_t){2}, 2); /* version 2.4 */
	memcpy(h + 6, &(uint16_t){4}, 2);
	put32(h + 16, 65535);
	put32(h + 20, LINKTYPE_RAW);
	return fwrite(h, sizeof(h), 1, o->f) == 1 ? 0 : -1;
}

static int
pcap_write(struct pcap_out *o, const struct rte_mbuf *m)
{
	static uint8_t buf[MAX_PKT];
	uint8_t rec[16];
	uint32_t len = rte_pktmbuf_pkt_len(m);
	const void *p = rte_pktmbuf_read(m, 0, len, buf);

	if (p == NULL || len > sizeof(buf))
		return -1;
	put32(rec, 1700000000u + o->frames);
	put32(rec + 4, 0);
	put32(rec + 8, len);
	put32(rec + 12, len);
	o->frames++;
	return fwrite(rec, sizeof(rec), 1, o->f) == 1 && fwrite(p, len, 1, o->f) == 1 ? 0 : -1;
}

static int
hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/*
 * Build IPv4 (10.0.0.1 -> 10.0.0.2, proto 132) + SCTP into an mbuf chain of
 * SEG_BYTES segments and fill in the SCTP checksum with sctpdk.
 */
static struct rte_mbuf *
build(struct rte_mempool *mp, const uint8_t *sctp, size_t sctp_len)
{
	uint8_t pkt[MAX_PKT];
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)pkt;
	size_t len = sizeof(*ip) + sctp_len, done = 0;
	struct rte_mbuf *head = NULL, *tail = NULL;

	if (len > sizeof(pkt))
		return NULL;
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)len);
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_SCTP;
	ip->src_addr = rte_cpu_to_be_32(0x0a000001);
	ip->dst_addr = rte_cpu_to_be_32(0x0a000002);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	memcpy(pkt + sizeof(*ip), sctp, sctp_len);

	while (done < len) {
		size_t n = len - done < SEG_BYTES ? len - done : SEG_BYTES;
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *d = m != NULL ? rte_pktmbuf_append(m, (uint16_t)n) : NULL;
		if (d == NULL) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
		memcpy(d, pkt + done, n);
		if (head == NULL) {
			head = m;
		} else {
			tail->next = m;
			head->nb_segs++;
			head->pkt_len += (uint32_t)n;
		}
		tail = m;
		done += n;
	}
	sctpdk_sctp_cksum_set(head, sizeof(*ip));
	return head;
}

/* A DATA chunk of payload_len bytes (padded) in an SCTP packet. */
static size_t
make_data(uint8_t *p, size_t payload_len, uint32_t tsn)
{
	size_t chunk = 16 + payload_len, total = 12 + ((chunk + 3) & ~(size_t)3);

	memset(p, 0, total);
	p[0] = 0x13, p[1] = 0x88, p[2] = 0x13, p[3] = 0x89; /* ports 5000 -> 5001 */
	p[4] = 0x0a, p[5] = 0x0b, p[6] = 0x0c, p[7] = 0x0d; /* vtag */
	p[12] = 0;                                          /* DATA */
	p[13] = 0x03;                                       /* B+E */
	p[14] = (uint8_t)(chunk >> 8), p[15] = (uint8_t)chunk;
	p[16] = (uint8_t)(tsn >> 24), p[17] = (uint8_t)(tsn >> 16);
	p[18] = (uint8_t)(tsn >> 8), p[19] = (uint8_t)tsn;
	for (size_t i = 0; i < payload_len; i++)
		p[28 + i] = (uint8_t)(i * 7 + tsn);
	return total;
}

int
main(int argc, char **argv)
{
	char *eal_argv[] = {
	    argv[0], "--no-huge", "--no-pci", "--no-shconf", "--no-telemetry", "--log-level=error",
	    "-m",    "64",        NULL};
	static const size_t data_sizes[] = {1, 100, 1452, 3000, 8900};
	struct rte_mempool *mp;
	struct pcap_out out = {NULL, 0};
	uint8_t sctp[MAX_PKT];
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUT.pcap\n", argv[0]);
		return 2;
	}
	rte_log_set_global_level(RTE_LOG_ERR);
	if (rte_eal_init(8, eal_argv) < 0) {
		fprintf(stderr, "crc32c-pcap: EAL: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	mp = rte_pktmbuf_pool_create("crc32c_pcap", 255, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
				     SOCKET_ID_ANY);
	if (mp == NULL || pcap_open(&out, argv[1]) != 0) {
		fprintf(stderr, "crc32c-pcap: setup failed\n");
		goto done;
	}
	for (size_t i = 0; i < sizeof(sctp_hex) / sizeof(sctp_hex[0]); i++) {
		size_t n = strlen(sctp_hex[i]) / 2;
		for (size_t j = 0; j < n; j++)
			sctp[j] = (uint8_t)(hexval(sctp_hex[i][2 * j]) << 4 |
					    hexval(sctp_hex[i][2 * j + 1]));
		struct rte_mbuf *m = build(mp, sctp, n);
		int w = m != NULL ? pcap_write(&out, m) : -1;
		rte_pktmbuf_free(m);
		if (w != 0)
			goto done;
		printf("%u good\n", out.frames);
	}
	for (size_t i = 0; i <= sizeof(data_sizes) / sizeof(data_sizes[0]); i++) {
		int corrupt = i == sizeof(data_sizes) / sizeof(data_sizes[0]);
		size_t n = make_data(sctp, corrupt ? 500 : data_sizes[i], (uint32_t)i + 10);
		struct rte_mbuf *m = build(mp, sctp, n);
		if (m == NULL)
			goto done;
		if (corrupt) /* one payload byte changed after the checksum was set */
			*rte_pktmbuf_mtod_offset(m, uint8_t *, 20 + 40) ^= 0x20;
		int w = pcap_write(&out, m);
		rte_pktmbuf_free(m);
		if (w != 0)
			goto done;
		printf("%u %s\n", out.frames, corrupt ? "bad" : "good");
	}
	rc = 0;
done:
	if (out.f != NULL && fclose(out.f) != 0)
		rc = 1;
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return rc;
}
