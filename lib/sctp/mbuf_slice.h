/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Zero-copy slicing of rte_mbuf chains.
 *
 * Used where a DATA chunk's payload must become an mbuf chain of its own:
 * a fragment of a user message on send, a DATA payload inside a received
 * packet on receive. Bytes are never copied: segments are trimmed in place
 * when the caller holds the only reference to them, otherwise indirect
 * mbufs attached to the original buffers are built.
 */
#ifndef SCTPDK_SCTP_MBUF_SLICE_H
#define SCTPDK_SCTP_MBUF_SLICE_H

#include <stdbool.h>
#include <stdint.h>

struct rte_mbuf;
struct rte_mempool;

/*
 * Return a new chain holding bytes [off, off + len) of chain m, made of
 * indirect mbufs from indirect_pool (one per segment overlapped). m is not
 * modified and keeps its references; the slice holds its own.
 * Returns NULL if the range is outside m, len is 0, or the pool is empty.
 */
struct rte_mbuf *sctpdk_mbuf_slice(struct rte_mbuf *m, uint32_t off, uint32_t len,
				   struct rte_mempool *indirect_pool);

/* Does the caller hold the only reference to every segment of m? */
bool sctpdk_mbuf_exclusive(const struct rte_mbuf *m);

/*
 * Like sctpdk_mbuf_slice() but consumes the caller's reference to m:
 * when every segment of m has reference count 1 the chain is trimmed in
 * place (segments outside the range are freed; no allocation), otherwise an
 * indirect slice is built and m is freed. On failure (NULL) m has been freed
 * as well, so the caller never has to clean up.
 */
struct rte_mbuf *sctpdk_mbuf_slice_take(struct rte_mbuf *m, uint32_t off, uint32_t len,
					struct rte_mempool *indirect_pool);

#endif
