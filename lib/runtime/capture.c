/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pcapng capture of every frame the stack's ports send and receive. The
 * frames are copied (rte_pcapng_copy) into a pool of the capture and
 * written under a lock shared by the stack lcores: a debugging aid, not
 * a fast path.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_pcapng.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_priv.h"

int
sctpdk_rt_capture_open(struct sctpdk_stack *st)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	int fd = open(st->cfg.pcapng_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		RT_LOG(ERR, "capture %s: cannot open", st->cfg.pcapng_path);
		return SCTPDK_ERR_NOTFOUND;
	}
	st->pcapng = rte_pcapng_fdopen(fd, NULL, NULL, "sctpdk", st->cfg.name);
	if (st->pcapng == NULL) {
		close(fd);
		return SCTPDK_ERR_NOMEM;
	}
	snprintf(name, sizeof(name), "%s_cap", st->tag);
	st->cap_pool = rte_pktmbuf_pool_create(
	    name, 1023, 0, 0, (uint16_t)rte_pcapng_mbuf_size(RTE_MBUF_DEFAULT_DATAROOM),
	    SOCKET_ID_ANY);
	if (st->cap_pool == NULL)
		return SCTPDK_ERR_NOMEM;
	return 0;
}

void
sctpdk_rt_capture_close(struct sctpdk_stack *st)
{
	if (st->pcapng != NULL)
		rte_pcapng_close(st->pcapng); /* closes the file descriptor */
	st->pcapng = NULL;
	rte_mempool_free(st->cap_pool);
	st->cap_pool = NULL;
}

void
sctpdk_rt_capture(struct sctpdk_stack *st, uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
		  uint16_t n, int out)
{
	uint64_t ts = rte_get_tsc_cycles();
	/* a TX burst may hold more than RT_BURST frames: copy them all, a
	 * batch at a time */
	for (uint16_t done = 0; done < n;) {
		struct rte_mbuf *copies[RT_BURST];
		uint16_t k = 0;
		for (; done < n && k < RT_BURST; done++) {
			struct rte_mbuf *c = rte_pcapng_copy(
			    port, queue, pkts[done], st->cap_pool, UINT32_MAX, ts,
			    out ? RTE_PCAPNG_DIRECTION_OUT : RTE_PCAPNG_DIRECTION_IN);
			if (c != NULL)
				copies[k++] = c;
		}
		if (k == 0)
			continue;
		rte_spinlock_lock(&st->cap_lock);
		if (rte_pcapng_write_packets(st->pcapng, copies, k) > 0)
			st->cap_written += k;
		rte_spinlock_unlock(&st->cap_lock);
		rte_pktmbuf_free_bulk(copies, k);
	}
}
