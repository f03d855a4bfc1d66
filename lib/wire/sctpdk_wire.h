/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/wire: the RFC 9260 wire format codec. Include this one header.
 * See doc/wire.md for the coverage, the iterator rules and the reason codes.
 */
#ifndef SCTPDK_WIRE_H
#define SCTPDK_WIRE_H

#include "defs.h"
#include "serial.h"
#include "reader.h"
#include "writer.h"
#include "tlv.h"
#include "header.h"
#include "chunk.h"
#include "iter.h"
#include "param.h"
#include "cause.h"
#include "data.h"
#include "init.h"
#include "sack.h"
#include "heartbeat.h"
#include "abort.h"
#include "error_chunk.h"
#include "shutdown.h"
#include "cookie.h"
#include "ecn.h"
#include "packet.h"

#endif
