/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Capture of packet events to a classic pcap file, for reading a simulated
 * run with Wireshark or tshark. Packets are SCTP only, so each record gets
 * a synthesized IPv4 or IPv6 header (LINKTYPE_RAW); timestamps are the
 * virtual clock.
 */
#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sim_priv.h"

#define PCAP_MAGIC       0xa1b2c3d4u
#define LINKTYPE_RAW     101
#define IPPROTO_SCTP_NUM 132
#define PCAP_SNAPLEN     65535u

struct pcap_rec_hdr {
	uint32_t ts_sec;
	uint32_t ts_usec;
	uint32_t incl_len;
	uint32_t orig_len;
};

int
sctpdk_sim_pcap_open(struct sctpdk_sim *sim, const char *path, uint32_t event_mask)
{
	if (sim == NULL || path == NULL)
		return SCTPDK_ERR_INVAL;
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return SCTPDK_ERR_INVAL;
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t thiszone;
		uint32_t sigfigs, snaplen, network;
	} gh = {PCAP_MAGIC, 2, 4, 0, 0, PCAP_SNAPLEN, LINKTYPE_RAW};
	if (fwrite(&gh, sizeof(gh), 1, f) != 1) {
		fclose(f);
		return SCTPDK_ERR_INVAL;
	}
	sctpdk_sim_pcap_close(sim);
	sim->pcap = f;
	sim->pcap_mask = event_mask;
	return 0;
}

int
sctpdk_sim_pcap_close(struct sctpdk_sim *sim)
{
	if (sim == NULL || sim->pcap == NULL)
		return 0;
	int rc = fclose(sim->pcap);
	sim->pcap = NULL;
	return rc == 0 ? 0 : SCTPDK_ERR_INVAL;
}

static uint16_t
ipv4_csum(const uint8_t *h)
{
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Build the IP header for an SCTP payload of len bytes; returns its size. */
static size_t
ip_header(uint8_t *h, const struct sctpdk_sim_pkt_event *ev, uint32_t len)
{
	if (ev->src->family == SCTPDK_AF_INET6) {
		memset(h, 0, 40);
		h[0] = 0x60;
		h[4] = (uint8_t)(len >> 8);
		h[5] = (uint8_t)len;
		h[6] = IPPROTO_SCTP_NUM;
		h[7] = 64;
		memcpy(h + 8, ev->src->u.v6, 16);
		memcpy(h + 24, ev->dst->u.v6, 16);
		return 40;
	}
	uint32_t tot = len + 20;
	memset(h, 0, 20);
	h[0] = 0x45;
	h[2] = (uint8_t)(tot >> 8);
	h[3] = (uint8_t)tot;
	h[4] = (uint8_t)(ev->pkt_id >> 8);
	h[5] = (uint8_t)ev->pkt_id;
	h[6] = 0x40; /* DF */
	h[8] = 64;
	h[9] = IPPROTO_SCTP_NUM;
	memcpy(h + 12, &ev->src->u.v4, 4);
	memcpy(h + 16, &ev->dst->u.v4, 4);
	uint16_t c = ipv4_csum(h);
	h[10] = (uint8_t)(c >> 8);
	h[11] = (uint8_t)c;
	return 20;
}

void
sim_pcap_write(struct sctpdk_sim *sim, const struct sctpdk_sim_pkt_event *ev)
{
	if (ev->pkt == NULL)
		return;
	uint8_t ip[40];
	uint32_t len = rte_pktmbuf_pkt_len(ev->pkt);
	size_t hl = ip_header(ip, ev, len);
	uint32_t orig = (uint32_t)hl + len;
	uint32_t incl = orig < PCAP_SNAPLEN ? orig : PCAP_SNAPLEN;
	struct pcap_rec_hdr rh = {(uint32_t)(ev->time_us / 1000000),
				  (uint32_t)(ev->time_us % 1000000), incl, orig};
	FILE *f = sim->pcap;
	int ok = fwrite(&rh, sizeof(rh), 1, f) == 1 && fwrite(ip, hl, 1, f) == 1;
	uint32_t left = incl - (uint32_t)hl;
	for (const struct rte_mbuf *seg = ev->pkt; ok && seg != NULL && left > 0; seg = seg->next) {
		uint32_t n = seg->data_len < left ? seg->data_len : left;
		ok = fwrite(rte_pktmbuf_mtod(seg, const void *), 1, n, f) == n;
		left -= n;
	}
	if (!ok)
		sctpdk_sim_pcap_close(sim); /* stop capturing rather than write garbage */
}
