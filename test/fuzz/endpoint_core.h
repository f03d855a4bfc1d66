/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Endpoint fuzzing core shared by the libFuzzer target (fuzz-endpoint) and
 * the replay test that runs in every build.
 *
 * Input: byte 0 picks the association state the target endpoint is put in
 * first (CLOSED, COOKIE-WAIT, COOKIE-ECHOED, ESTABLISHED, SHUTDOWN-PENDING,
 * SHUTDOWN-SENT, SHUTDOWN-RECEIVED, SHUTDOWN-ACK-SENT); byte 1 holds flags
 * (bit 0: overwrite each packet's verification tag with the one the target
 * expects, bit 1: overwrite the ports, bit 2: let the peer endpoint answer).
 * Then records: 2-byte length, that many packet bytes (SCTP common header
 * first), 1 byte of time to advance (x 10 ms).
 */
#ifndef SCTPDK_FUZZ_ENDPOINT_CORE_H
#define SCTPDK_FUZZ_ENDPOINT_CORE_H

#include <stddef.h>
#include <stdint.h>

/* Start EAL and the mbuf pool once; 0 or -1. */
int fuzz_endpoint_init(void);

/* Run one input. Returns the state actually reached before the packets
 * were fed (enum sctpdk_sctp_state, or -1 when setup failed). Aborts on
 * a leaked mbuf. */
int fuzz_endpoint_one(const uint8_t *data, size_t size);

/* Packets seen while setting up state `state`, as seeds for mutation:
 * copies up to max packets of up to cap bytes into bufs, lengths into lens.
 * Returns how many. */
unsigned fuzz_endpoint_seeds(int state, uint8_t (*bufs)[2048], uint16_t *lens, unsigned max);

#endif
