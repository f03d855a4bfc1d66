/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Serial number arithmetic for the protocol core.
 *
 * The helpers (sctpdk_tsn_t / sctpdk_ssn_t and their lt, le, gt, ge, eq,
 * diff, add, next, max) live in lib/wire/serial.h, shared with the codec;
 * this header only forwards to it so that lib/sctp code can keep including
 * "sn.h".
 */
#ifndef SCTPDK_SN_H
#define SCTPDK_SN_H

#include "serial.h"

#endif
