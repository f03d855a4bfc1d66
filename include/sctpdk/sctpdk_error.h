/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk error codes.
 *
 * Functions return 0 (or a non-negative size) on success and a negative
 * SCTPDK_ERR_* code on failure. Codes at or below SCTPDK_ERR_FATAL_THRESHOLD
 * are fatal to the association they concern (it must be aborted); the rest
 * are local failures that leave all state as it was.
 */
#ifndef SCTPDK_ERROR_H
#define SCTPDK_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum sctpdk_err {
	SCTPDK_OK = 0,
	SCTPDK_ERR_INVAL = -1,     /* invalid argument from the caller */
	SCTPDK_ERR_NOMEM = -2,     /* allocation (pool or heap) failed */
	SCTPDK_ERR_TRUNCATED = -3, /* input shorter than its declared length */
	SCTPDK_ERR_MALFORMED = -4, /* input violates the wire format */
	SCTPDK_ERR_NOSPACE = -5,   /* output buffer too small */
	SCTPDK_ERR_AGAIN = -6,     /* try again later (queue full, window closed) */
	SCTPDK_ERR_NOTFOUND = -7,  /* no such object (association, address, stream) */
	SCTPDK_ERR_STATE = -8,     /* operation not valid in the current state */
	SCTPDK_ERR_MSGSIZE = -9,   /* message too large (fragmentation disabled) */
	SCTPDK_ERR_UNSUPP = -10,   /* not supported by this endpoint or port */
	SCTPDK_ERR_EXISTS = -11,   /* already present (address or port in use) */
	SCTPDK_ERR_SHUTDOWN = -12, /* association is shutting down */

	SCTPDK_ERR_FATAL_THRESHOLD = -100,
	SCTPDK_ERR_PROTOCOL = -101, /* peer violated the protocol: abort */
	SCTPDK_ERR_RESOURCES = -102 /* out of resources for this association: abort */
};

/* A static, human-readable name for an SCTPDK_ERR_* code. */
const char *sctpdk_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
