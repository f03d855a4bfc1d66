/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Umbrella header: everything an sctpdk application needs,
 *   #include <sctpdk/sctpdk.h>
 * Error codes, transport addresses, the socket API and the runtime (stack
 * start/stop) (see doc/api.md).
 */
#ifndef SCTPDK_H
#define SCTPDK_H

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_socket.h>
#include <sctpdk/sctpdk_runtime.h>

#endif
