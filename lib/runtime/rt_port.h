/* SPDX-License-Identifier: BSD-3-Clause */
/* The stack's ports through drivers/port (port.c). */
#ifndef SCTPDK_RT_PORT_H
#define SCTPDK_RT_PORT_H

struct sctpdk_stack;
struct sctpdk_rt_port;

/* Resolve and configure a port (pt->cfg). 0, SCTPDK_ERR_NOTFOUND,
 * SCTPDK_ERR_UNSUPP (too few TX queues, configure failed), SCTPDK_ERR_INVAL
 * (MTU), SCTPDK_ERR_NOMEM. */
int sctpdk_rt_port_setup(struct sctpdk_stack *st, struct sctpdk_rt_port *pt);
int sctpdk_rt_port_start(struct sctpdk_rt_port *pt);
/* Stop the port and free what its RX queues still hold. */
void sctpdk_rt_port_stop(struct sctpdk_rt_port *pt);
/* Stop and forget the port (the ethdev stays configured and open). */
void sctpdk_rt_port_free(struct sctpdk_rt_port *pt);

#endif
