/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The socket facade (lib/facade) on the runtime's lcores, see
 * facade_glue.c, and what the glue needs from the core engine
 * (engine_sctp.c).
 */
#ifndef SCTPDK_RT_FGLUE_H
#define SCTPDK_RT_FGLUE_H

#include <stdint.h>

struct sctpdk_stack;
struct sctpdk_rt_lcore;
struct sctpdk_facade_ep;
struct sctpdk_sctp_ep;
struct sctpdk_sctp_event;

/* facade_glue.c: join the process's socket facade when a stack starts
 * (creating it for the first stack), leave it when the stack is freed
 * (freeing it with the last one). Control thread. */
void sctpdk_rt_fglue_attach(struct sctpdk_stack *st);
void sctpdk_rt_fglue_detach(struct sctpdk_stack *st);
/* One facade step of a stack lcore (in its poll loop). */
unsigned sctpdk_rt_fglue_poll(struct sctpdk_rt_lcore *lc, uint64_t now_us);
/* Hand one core event of an attached endpoint to the facade. */
void sctpdk_rt_fglue_event(struct sctpdk_facade_ep *fep, const struct sctpdk_sctp_ep *ep,
			   struct sctpdk_sctp_event *ev);

/* engine_sctp.c: the core endpoint of an engine state, and attaching a
 * facade endpoint to it (events then go to the facade, not to the
 * endpoint's event ring; after a detach they are dropped). */
struct sctpdk_sctp_ep *sctpdk_rt_core_sctp(void *state);
struct sctpdk_facade_ep *sctpdk_rt_core_fep(void *state);
void sctpdk_rt_core_attach(void *state, struct sctpdk_facade_ep *fep);
/* Route queued core events and re-arm the endpoint's timer (after calls
 * into the core made from outside the engine). */
void sctpdk_rt_core_after(void *state);
/* A closed run-time endpoint waiting for its grace period: timer
 * cancelled, held events released, nothing more reported. Owner lcore. */
void sctpdk_rt_core_quiesce(void *state);
/* 1 when events wait for room at their socket. */
int sctpdk_rt_core_has_held(void *state);

/* The stack stopped: application threads' cached mbufs go back to their
 * pools (the pool may be freed next). */
void sctpdk_rt_fglue_stopped(struct sctpdk_stack *st);

/* Socket send on the core endpoint: queued with SCTPDK_SEND_MORE, sent by
 * the next sctpdk_rt_core_after() (same iteration). sctpdk_sctp_send's
 * return codes. */
int sctpdk_rt_core_send(void *state, uint32_t assoc, uint16_t sid, uint32_t ppid, uint32_t flags,
			uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg, uint64_t now_us);

#endif
