/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stack's ports, configured by drivers/port: one TX queue per stack
 * lcore (required), one RX queue per stack lcore up to what the device
 * offers (lcores past that poll no RX queue of this port), RSS over the
 * SCTP flow types the device hashes, the configured MTU, checksum
 * offloads when offered, a locally administered MAC for devices without
 * one. RX queues fill from the stack's pool. This file only resolves the
 * configured device and maps the result.
 */
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_port.h>

#include "rt_port.h"
#include "rt_priv.h"

int
sctpdk_rt_port_setup(struct sctpdk_stack *st, struct sctpdk_rt_port *pt)
{
	uint16_t pid;
	if (pt->cfg.dev_name[0] != '\0') {
		if (rte_eth_dev_get_port_by_name(pt->cfg.dev_name, &pid) != 0) {
			RT_LOG(ERR, "no port named %s", pt->cfg.dev_name);
			return SCTPDK_ERR_NOTFOUND;
		}
	} else {
		pid = pt->cfg.port_id;
		if (!rte_eth_dev_is_valid_port(pid))
			return SCTPDK_ERR_NOTFOUND;
	}
	pt->port_id = pid;
	pt->dev = rte_zmalloc("sctpdk_rt_port", sizeof(*pt->dev), RTE_CACHE_LINE_SIZE);
	if (pt->dev == NULL)
		return SCTPDK_ERR_NOMEM;
	struct sctpdk_port_config pc;
	sctpdk_port_config_default(&pc, pid, (uint16_t)st->cfg.n_lcores);
	pc.nb_rxd = pt->cfg.rx_desc ? pt->cfg.rx_desc : 1024;
	pc.nb_txd = pt->cfg.tx_desc ? pt->cfg.tx_desc : 1024;
	pc.mtu = pt->cfg.mtu;
	pc.pool = st->pool;
	pc.mbuf_data_size = rte_pktmbuf_data_room_size(st->pool);
	int sockets[SCTPDK_RT_MAX_LCORES];
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		unsigned s = rte_lcore_to_socket_id(st->cfg.lcores[i]);
		sockets[i] = s == (unsigned)SOCKET_ID_ANY ? 0 : (int)s;
	}
	pc.queue_socket = sockets;
	int rc = sctpdk_port_configure(pt->dev, &pc);
	if (rc != 0) {
		RT_LOG(ERR, "port %u: cannot configure %u TX queues (and up to as many RX): %d", pid,
		       st->cfg.n_lcores, rc);
		rte_free(pt->dev);
		pt->dev = NULL;
		return rc == SCTPDK_ERR_STATE ? SCTPDK_ERR_UNSUPP : rc;
	}
	pt->nb_rxq = pt->dev->nb_rx_queues;
	pt->nb_txq = pt->dev->nb_queues;
	pt->tx_cksum_offload = pt->dev->tx_cksum_path == SCTPDK_CKSUM_OFFLOAD;
	pt->rx_cksum_offload = pt->dev->rx_cksum_path == SCTPDK_CKSUM_OFFLOAD;
	/* DATA payloads may go by reference (mbuf chains, sctpdk_sctp.h
	 * tx_ref_min) only to a port that sends chains: drivers/port enables
	 * MULTI_SEGS when the device offers it */
	pt->tx_multi_seg = pt->dev->caps.tx_multi_seg;
	memcpy(pt->mac, pt->dev->mac, 6);
	return 0;
}

int
sctpdk_rt_port_start(struct sctpdk_rt_port *pt)
{
	if (pt->started)
		return 0;
	if (sctpdk_port_start(pt->dev) != 0) {
		RT_LOG(ERR, "port %u: cannot start", pt->port_id);
		return SCTPDK_ERR_UNSUPP;
	}
	pt->started = 1;
	return 0;
}

void
sctpdk_rt_port_stop(struct sctpdk_rt_port *pt)
{
	if (!pt->started)
		return;
	sctpdk_port_stop(pt->dev); /* frees what the RX queues still hold */
	pt->started = 0;
}

void
sctpdk_rt_port_free(struct sctpdk_rt_port *pt)
{
	if (pt->dev == NULL)
		return;
	sctpdk_port_detach(pt->dev); /* the device stays open for its owner */
	rte_free(pt->dev);
	pt->dev = NULL;
	pt->started = 0;
}
