/* SPDX-License-Identifier: BSD-3-Clause */
/* Port configuration for the runtime (replaced by drivers/port later). */
#ifndef SCTPDK_RT_PORT_H
#define SCTPDK_RT_PORT_H

struct sctpdk_stack;
struct sctpdk_rt_port;

/* Resolve and configure a port. 0, SCTPDK_ERR_NOTFOUND, SCTPDK_ERR_UNSUPP. */
int sctpdk_rt_port_setup(struct sctpdk_stack *st, struct sctpdk_rt_port *pt);
int sctpdk_rt_port_start(struct sctpdk_rt_port *pt);
/* Stop the port and free what its RX queues still hold. */
void sctpdk_rt_port_stop(struct sctpdk_rt_port *pt);

#endif
