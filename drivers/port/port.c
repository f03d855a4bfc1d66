/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port adapter: configure an ethdev for the stack (queues, RSS, MTU, pools,
 * checksum offload detection). See include/sctpdk/sctpdk_port.h.
 */
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_port.h>

/* Ethernet header + one VLAN tag + FCS around the IP MTU. */
#define PORT_L2_OVERHEAD (14 + 4 + 4)

/* What we ask RSS for, masked by what the device hashes: SCTP ports first;
 * plain IP keeps each peer pair on one queue when SCTP is not offered. */
#define PORT_RSS_WANTED                                                                            \
	(RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_IPV4 |        \
	 RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV4 | RTE_ETH_RSS_FRAG_IPV6)

void
sctpdk_port_config_default(struct sctpdk_port_config *cfg, uint16_t port_id, uint16_t nb_queues)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->port_id = port_id;
	cfg->nb_queues = nb_queues;
	cfg->nb_rxd = 1024;
	cfg->nb_txd = 1024;
	cfg->mbuf_data_size = RTE_MBUF_DEFAULT_BUF_SIZE;
}

const char *
sctpdk_cksum_path_name(unsigned int path)
{
	return path == SCTPDK_CKSUM_OFFLOAD ? "offload" : "software";
}

static int
socket_index(int socket)
{
	return socket < 0 ? 0 : socket % SCTPDK_PORT_MAX_SOCKETS;
}

static void
record_caps(struct sctpdk_port *port, const struct rte_eth_dev_info *di)
{
	struct sctpdk_port_caps *c = &port->caps;
	snprintf(c->driver, sizeof(c->driver), "%s", di->driver_name ? di->driver_name : "?");
	c->rx_offload_capa = di->rx_offload_capa;
	c->tx_offload_capa = di->tx_offload_capa;
	c->rss_offloads = di->flow_type_rss_offloads;
	c->max_rx_queues = di->max_rx_queues;
	c->max_tx_queues = di->max_tx_queues;
	c->min_mtu = di->min_mtu;
	c->max_mtu = di->max_mtu;
	c->tx_sctp_cksum = (di->tx_offload_capa & RTE_ETH_TX_OFFLOAD_SCTP_CKSUM) != 0;
	c->rx_sctp_cksum = (di->rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCTP_CKSUM) != 0;
	c->tx_multi_seg = (di->tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS) != 0;
}

static int
make_pools(struct sctpdk_port *port, const struct sctpdk_port_config *cfg)
{
	if (cfg->pool != NULL) {
		port->ext_pool = cfg->pool;
		return 0;
	}
	uint32_t n = cfg->nb_mbufs;
	if (n == 0) {
		/* fill every ring of the queues on one socket, plus bursts in flight */
		n = (uint32_t)(cfg->nb_rxd + cfg->nb_txd) * cfg->nb_queues + 2048;
		if (n < 4095)
			n = 4095;
	}
	uint16_t data = cfg->mbuf_data_size != 0 ? cfg->mbuf_data_size : RTE_MBUF_DEFAULT_BUF_SIZE;
	for (uint16_t q = 0; q < port->nb_rx_queues; q++) {
		int s = port->queue_socket[q];
		int idx = socket_index(s);
		if (port->pools[idx] != NULL)
			continue;
		char name[RTE_MEMPOOL_NAMESIZE];
		snprintf(name, sizeof(name), "sctpdk_p%u_s%d", port->port_id, idx);
		port->pools[idx] = rte_pktmbuf_pool_create(name, n, 256, 0, data, s);
		if (port->pools[idx] == NULL)
			return SCTPDK_ERR_NOMEM;
	}
	return 0;
}

static void
free_pools(struct sctpdk_port *port)
{
	for (int i = 0; i < SCTPDK_PORT_MAX_SOCKETS; i++) {
		rte_mempool_free(port->pools[i]);
		port->pools[i] = NULL;
	}
}

struct rte_mempool *
sctpdk_port_pool(const struct sctpdk_port *port, uint16_t q)
{
	if (q >= port->nb_rx_queues)
		return NULL;
	if (port->ext_pool != NULL)
		return port->ext_pool;
	return port->pools[socket_index(port->queue_socket[q])];
}

static int
check_config(const struct sctpdk_port_config *cfg, struct rte_eth_dev_info *di)
{
	if (cfg == NULL || cfg->nb_queues == 0 || cfg->nb_queues > SCTPDK_PORT_MAX_QUEUES ||
	    !rte_eth_dev_is_valid_port(cfg->port_id))
		return SCTPDK_ERR_INVAL;
	if (rte_eth_dev_info_get(cfg->port_id, di) != 0)
		return SCTPDK_ERR_INVAL;
	/* a TX queue per lcore is needed; fewer RX queues are fine */
	if (cfg->nb_queues > di->max_tx_queues || di->max_rx_queues == 0)
		return SCTPDK_ERR_UNSUPP;
	if (cfg->mtu != 0 && (cfg->mtu < 68 || cfg->mtu < di->min_mtu || cfg->mtu > di->max_mtu))
		return SCTPDK_ERR_INVAL;
	return 0;
}

static int
setup_queues(struct sctpdk_port *port, const struct rte_eth_dev_info *di,
	     const struct rte_eth_conf *conf)
{
	for (uint16_t q = 0; q < port->nb_queues; q++) {
		int s = port->queue_socket[q];
		struct rte_eth_rxconf rxc = di->default_rxconf;
		rxc.offloads = conf->rxmode.offloads;
		struct rte_eth_txconf txc = di->default_txconf;
		txc.offloads = conf->txmode.offloads;
		if (q < port->nb_rx_queues &&
		    rte_eth_rx_queue_setup(port->port_id, q, port->nb_rxd, s, &rxc,
					   sctpdk_port_pool(port, q)) != 0)
			return SCTPDK_ERR_STATE;
		if (rte_eth_tx_queue_setup(port->port_id, q, port->nb_txd, s, &txc) != 0)
			return SCTPDK_ERR_STATE;
	}
	return 0;
}

/* A unicast MAC: the device's, or a random locally administered one for
 * devices without (net_ring); a device that cannot take it does not filter
 * by MAC anyway. */
static void
port_mac(struct sctpdk_port *port)
{
	struct rte_ether_addr mac;
	if (rte_eth_macaddr_get(port->port_id, &mac) != 0 || rte_is_zero_ether_addr(&mac)) {
		rte_eth_random_addr(mac.addr_bytes);
		rte_eth_dev_default_mac_addr_set(port->port_id, &mac);
		port->mac_assigned = 1;
	}
	memcpy(port->mac, mac.addr_bytes, 6);
}

int
sctpdk_port_configure(struct sctpdk_port *port, const struct sctpdk_port_config *cfg)
{
	struct rte_eth_dev_info di;
	if (port == NULL)
		return SCTPDK_ERR_INVAL;
	int rc = check_config(cfg, &di);
	if (rc != 0)
		return rc;
	memset(port, 0, sizeof(*port));
	port->port_id = cfg->port_id;
	port->nb_queues = cfg->nb_queues;
	port->nb_rx_queues = RTE_MIN(cfg->nb_queues, di.max_rx_queues);
	port->promiscuous = cfg->promiscuous;
	port->socket_id = rte_eth_dev_socket_id(cfg->port_id);
	if (port->socket_id < 0)
		port->socket_id = 0;
	for (uint16_t q = 0; q < cfg->nb_queues; q++)
		port->queue_socket[q] =
		    cfg->queue_socket != NULL ? cfg->queue_socket[q] : port->socket_id;
	record_caps(port, &di);

	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	/* RSS: the flow types we want that the device hashes. */
	port->caps.rss_hf = PORT_RSS_WANTED & di.flow_type_rss_offloads;
	port->caps.rss_sctp = (port->caps.rss_hf & RTE_ETH_RSS_SCTP) != 0;
	if (port->nb_rx_queues > 1 && port->caps.rss_hf != 0) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = port->caps.rss_hf;
	} else {
		port->caps.rss_hf = 0;
		port->caps.rss_sctp = 0;
	}
	/* Checksum offloads. */
	if (!cfg->no_offload && port->caps.tx_sctp_cksum) {
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_SCTP_CKSUM;
		port->tx_cksum_path = SCTPDK_CKSUM_OFFLOAD;
	}
	if (!cfg->no_offload && port->caps.rx_sctp_cksum) {
		conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCTP_CKSUM;
		port->rx_cksum_path = SCTPDK_CKSUM_OFFLOAD;
	}
	if (port->caps.tx_multi_seg)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	/* MTU: a frame must fit one mbuf unless the device scatters. */
	uint16_t data = cfg->mbuf_data_size != 0 ? cfg->mbuf_data_size : RTE_MBUF_DEFAULT_BUF_SIZE;
	if (cfg->mtu != 0) {
		conf.rxmode.mtu = cfg->mtu;
		if ((uint32_t)cfg->mtu + PORT_L2_OVERHEAD > (uint32_t)data - RTE_PKTMBUF_HEADROOM) {
			if (!(di.rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCATTER))
				return SCTPDK_ERR_INVAL;
			conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
			port->caps.rx_scatter = 1;
		}
	}
	port->nb_rxd = cfg->nb_rxd != 0 ? cfg->nb_rxd : 1024;
	port->nb_txd = cfg->nb_txd != 0 ? cfg->nb_txd : 1024;
	if (rte_eth_dev_configure(cfg->port_id, port->nb_rx_queues, cfg->nb_queues, &conf) != 0)
		return SCTPDK_ERR_STATE;
	if (rte_eth_dev_adjust_nb_rx_tx_desc(cfg->port_id, &port->nb_rxd, &port->nb_txd) != 0)
		return SCTPDK_ERR_STATE;
	struct sctpdk_port_config c2 = *cfg;
	c2.nb_rxd = port->nb_rxd;
	c2.nb_txd = port->nb_txd;
	rc = make_pools(port, &c2);
	if (rc == 0)
		rc = setup_queues(port, &di, &conf);
	if (rc != 0) {
		free_pools(port);
		return rc;
	}
	uint16_t mtu = 0;
	port->mtu = rte_eth_dev_get_mtu(cfg->port_id, &mtu) == 0 && mtu != 0 ? mtu : 1500;
	if (cfg->mtu != 0)
		port->mtu = cfg->mtu;
	port_mac(port);
	return 0;
}

int
sctpdk_port_start(struct sctpdk_port *port)
{
	if (port == NULL || port->nb_queues == 0)
		return SCTPDK_ERR_INVAL;
	if (port->started)
		return 0;
	if (rte_eth_dev_start(port->port_id) != 0)
		return SCTPDK_ERR_STATE;
	if (port->promiscuous && rte_eth_promiscuous_enable(port->port_id) != 0) {
		rte_eth_dev_stop(port->port_id);
		return SCTPDK_ERR_STATE;
	}
	port->started = 1;
	return 0;
}

int
sctpdk_port_stop(struct sctpdk_port *port)
{
	if (port == NULL)
		return SCTPDK_ERR_INVAL;
	if (!port->started)
		return 0;
	/* give back what the RX queues still hold */
	struct rte_mbuf *pkts[32];
	for (uint16_t q = 0; q < port->nb_rx_queues; q++) {
		uint16_t n;
		while ((n = rte_eth_rx_burst(port->port_id, q, pkts, RTE_DIM(pkts))) != 0)
			rte_pktmbuf_free_bulk(pkts, n);
	}
	if (rte_eth_dev_stop(port->port_id) != 0)
		return SCTPDK_ERR_STATE;
	port->started = 0;
	return 0;
}

void
sctpdk_port_detach(struct sctpdk_port *port)
{
	if (port == NULL || port->nb_queues == 0)
		return;
	sctpdk_port_stop(port);
	free_pools(port);
	port->nb_queues = 0;
	port->nb_rx_queues = 0;
}

void
sctpdk_port_close(struct sctpdk_port *port)
{
	if (port == NULL || port->nb_queues == 0)
		return;
	sctpdk_port_stop(port);
	rte_eth_dev_close(port->port_id);
	free_pools(port);
	port->nb_queues = 0;
	port->nb_rx_queues = 0;
}

void
sctpdk_port_stats(const struct sctpdk_port *port, struct sctpdk_port_qstats *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (uint16_t q = 0; q < port->nb_queues; q++) {
		const struct sctpdk_port_qstats *s = &port->qstats[q];
		sum->tx_cksum_offload += s->tx_cksum_offload;
		sum->tx_cksum_sw += s->tx_cksum_sw;
		sum->rx_cksum_good += s->rx_cksum_good;
		sum->rx_cksum_bad += s->rx_cksum_bad;
		sum->rx_cksum_sw += s->rx_cksum_sw;
	}
}
