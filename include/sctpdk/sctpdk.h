/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Umbrella header: everything an sctpdk application needs,
 *   #include <sctpdk/sctpdk.h>
 * Error codes, transport addresses and the socket API (see doc/api.md).
 */
#ifndef SCTPDK_H
#define SCTPDK_H

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_socket.h>

#endif
