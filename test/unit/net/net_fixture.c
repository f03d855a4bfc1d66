/* SPDX-License-Identifier: BSD-3-Clause */
#include "net_fixture.h"

#include <string.h>

#include <rte_ip.h>

const uint8_t nf_our_mac[6] = {0x02, 0, 0, 0, 0, 0x01};
const uint8_t nf_peer_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
const uint8_t nf_gw_mac[6] = {0x02, 0, 0, 0, 0, 0xfe};

struct sctpdk_addr
nf_v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return sctpdk_addr_v4(a, b, c, d);
}

struct sctpdk_addr
nf_v6(uint16_t last)
{
	struct sctpdk_addr x;
	memset(&x, 0, sizeof(x));
	x.family = SCTPDK_AF_INET6;
	x.u.v6[0] = 0x20;
	x.u.v6[1] = 0x01;
	x.u.v6[2] = 0x0d;
	x.u.v6[3] = 0xb8;
	x.u.v6[14] = (uint8_t)(last >> 8);
	x.u.v6[15] = (uint8_t)last;
	return x;
}

struct sctpdk_net *
nf_net(uint16_t vlan)
{
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	struct sctpdk_net *net = sctpdk_net_new(&cfg);
	if (net == NULL)
		return NULL;
	struct sctpdk_addr a4 = nf_v4(192, 0, 2, 1), a6 = nf_v6(1);
	struct sctpdk_addr gw4 = nf_v4(192, 0, 2, 254), gw6 = nf_v6(0xfe);
	struct sctpdk_addr any4 = nf_v4(0, 0, 0, 0), any6 = nf_v6(0);
	any6.u.v6[0] = any6.u.v6[1] = any6.u.v6[2] = any6.u.v6[3] = 0;
	if (sctpdk_net_port_add(net, NF_PORT, nf_our_mac, vlan, 1500) != 0 ||
	    sctpdk_net_addr_add(net, NF_PORT, &a4, 24) != 0 ||
	    sctpdk_net_addr_add(net, NF_PORT, &a6, 64) != 0 ||
	    sctpdk_net_route_add(net, &any4, 0, &gw4, NF_PORT) != 0 ||
	    sctpdk_net_route_add(net, &any6, 0, &gw6, NF_PORT) != 0) {
		sctpdk_net_del(net);
		return NULL;
	}
	return net;
}

void
nf_tx_init(struct nf_tx *t)
{
	memset(t, 0, sizeof(*t));
	t->tx.pkts = t->pkts;
	t->tx.ports = t->ports;
	t->tx.cap = 64;
}

void
nf_tx_reset(struct nf_tx *t)
{
	for (uint16_t i = 0; i < t->tx.n; i++)
		rte_pktmbuf_free(t->pkts[i]);
	t->tx.n = 0;
}

struct rte_mbuf *
nf_mbuf(const uint8_t *b, size_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	if (m == NULL)
		return NULL;
	char *p = rte_pktmbuf_append(m, (uint16_t)len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, b, len);
	return m;
}

size_t
nf_eth(uint8_t *b, const uint8_t dst[6], const uint8_t src[6], uint16_t vlan, uint16_t ethertype)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	if (vlan == 0) {
		b[12] = (uint8_t)(ethertype >> 8);
		b[13] = (uint8_t)ethertype;
		return 14;
	}
	b[12] = 0x81;
	b[13] = 0x00;
	b[14] = (uint8_t)(vlan >> 8);
	b[15] = (uint8_t)vlan;
	b[16] = (uint8_t)(ethertype >> 8);
	b[17] = (uint8_t)ethertype;
	return 18;
}

size_t
nf_ip4(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, size_t payload, uint16_t frag_field,
       size_t opt_len)
{
	size_t ihl = 20 + opt_len;
	memset(b, 0, ihl);
	b[0] = (uint8_t)(0x40 | (ihl / 4));
	size_t total = ihl + payload;
	b[2] = (uint8_t)(total >> 8);
	b[3] = (uint8_t)total;
	b[4] = 0x12;
	b[5] = 0x34;
	b[6] = (uint8_t)(frag_field >> 8);
	b[7] = (uint8_t)frag_field;
	b[8] = 64;
	b[9] = proto;
	memcpy(b + 12, &src, 4);
	memcpy(b + 16, &dst, 4);
	for (size_t i = 20; i < ihl; i++)
		b[i] = 1; /* NOP options */
	uint16_t c = nf_cksum(b, ihl);
	memcpy(b + 10, &c, 2);
	return ihl;
}

size_t
nf_ip6(uint8_t *b, const uint8_t src[16], const uint8_t dst[16], uint8_t nh, size_t payload)
{
	memset(b, 0, 40);
	b[0] = 0x60;
	b[4] = (uint8_t)(payload >> 8);
	b[5] = (uint8_t)payload;
	b[6] = nh;
	b[7] = 64;
	memcpy(b + 8, src, 16);
	memcpy(b + 24, dst, 16);
	return 40;
}

size_t
nf_sctp(uint8_t *b, uint16_t sport, uint16_t dport, uint32_t vtag, size_t chunk_len)
{
	b[0] = (uint8_t)(sport >> 8);
	b[1] = (uint8_t)sport;
	b[2] = (uint8_t)(dport >> 8);
	b[3] = (uint8_t)dport;
	b[4] = (uint8_t)(vtag >> 24);
	b[5] = (uint8_t)(vtag >> 16);
	b[6] = (uint8_t)(vtag >> 8);
	b[7] = (uint8_t)vtag;
	memset(b + 8, 0, 4);
	for (size_t i = 0; i < chunk_len; i++)
		b[12 + i] = (uint8_t)(i + 1);
	return 12 + chunk_len;
}

uint16_t
nf_cksum(const void *b, size_t len)
{
	/* independent of DPDK: plain RFC 1071 loop */
	const uint8_t *p = b;
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		s += (uint32_t)p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	uint16_t c = (uint16_t)~s;
	return rte_cpu_to_be_16(c);
}

uint16_t
nf_cksum6(const uint8_t src[16], const uint8_t dst[16], const void *msg, size_t len)
{
	uint8_t buf[2048];
	memcpy(buf, src, 16);
	memcpy(buf + 16, dst, 16);
	buf[32] = (uint8_t)(len >> 24);
	buf[33] = (uint8_t)(len >> 16);
	buf[34] = (uint8_t)(len >> 8);
	buf[35] = (uint8_t)len;
	buf[36] = buf[37] = buf[38] = 0;
	buf[39] = 58;
	memcpy(buf + 40, msg, len);
	return nf_cksum(buf, 40 + len);
}

int
nf_rx(struct sctpdk_net *net, struct rte_mbuf *m, struct sctpdk_net_rx_result *res, struct nf_tx *t,
      uint64_t now_us, struct rte_mbuf **m_out)
{
	struct rte_mbuf *pk[1] = {m};
	sctpdk_net_rx_burst(net, NF_PORT, pk, 1, res, &t->tx, now_us);
	if (m_out != NULL)
		*m_out = pk[0];
	else if (pk[0] != NULL)
		rte_pktmbuf_free(pk[0]);
	return res->verdict;
}

uint64_t
nf_drops(const struct sctpdk_net *net, int reason)
{
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	return st.drop[reason];
}

size_t
nf_flat(const struct rte_mbuf *m, uint8_t *b, size_t cap)
{
	size_t len = rte_pktmbuf_pkt_len(m);
	if (len > cap)
		return 0;
	const void *p = rte_pktmbuf_read(m, 0, (uint32_t)len, b);
	if (p != b)
		memcpy(b, p, len);
	return len;
}

size_t
nf_icmp6_frame(uint8_t *b, const uint8_t dst_mac[6], const struct sctpdk_addr *src,
	       const struct sctpdk_addr *dst, uint8_t hop, uint8_t *msg, size_t len)
{
	size_t l2 = nf_eth(b, dst_mac, nf_peer_mac, 0, 0x86dd);
	nf_ip6(b + l2, src->u.v6, dst->u.v6, 58, len);
	b[l2 + 7] = hop;
	msg[2] = msg[3] = 0;
	uint16_t c = nf_cksum6(src->u.v6, dst->u.v6, msg, len);
	memcpy(msg + 2, &c, 2);
	memcpy(b + l2 + 40, msg, len);
	return l2 + 40 + len;
}
