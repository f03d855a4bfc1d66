/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk-selfcheck: a quick end-to-end check of the codec and CRC32c paths
 * that needs no EAL, no port and no privileges. It checks the published
 * CRC-32C vectors with every CRC implementation built for this CPU, then
 * verifies and decodes the reference SCTP packets (checked against
 * Wireshark) chunk by chunk, and prints what it did. Exit status 0 when
 * every check passed.
 */
#include <stdio.h>
#include <string.h>

#include "iter.h"
#include "sctpdk_crc32c.h"

struct vec {
	const char *name;
	const char *hex;
	uint32_t crc;
};

static const struct vec vecs[] = {
    {"\"123456789\"", "313233343536373839", 0xE3069283u},
    {"32 x 0x00", "0000000000000000000000000000000000000000000000000000000000000000", 0x8A9136AAu},
    {"32 x 0xFF", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 0x62A8AB43u},
    {"0x00..0x1F", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 0x46DD794Eu},
    {"iSCSI read PDU",
     "01c0000000000000000000000000000014000000000004000000001400000018"
     "28000000000000000200000000000000",
     0xD9963A56u},
};

static const struct vec pkts[] = {
    {"INIT", "1388138900000000ffdcf2130100001c010203040000ffff000a000a00000001000c000600050000", 1},
    {"DATA", "138813890a0b0c0de51fa7dc0003001500000001000000000000000068656c6c6f000000", 1},
    {"SACK", "13891388010203045911941d03000018000000010000ffff000100010002000300000001", 1},
    {"ABORT(T)", "13891388010203043ccdbd3706010004", 1},
    {"bad checksum", "1389138801020304deadbeef06010004", 0},
};

static int
hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s) / 2;
	if (n > cap)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (int)n;
}

static int
check_crc(void)
{
	unsigned n_impl = 0;
	const struct sctpdk_crc32c_ops *const *impls = sctpdk_crc32c_impls(&n_impl);
	int bad = 0;

	printf("CRC-32C (active implementation: %s)\n", sctpdk_crc32c_active()->name);
	for (unsigned i = 0; i < n_impl; i++) {
		if (!impls[i]->available()) {
			printf("  %-8s not available on this CPU\n", impls[i]->name);
			continue;
		}
		int ok = 0;
		for (size_t v = 0; v < sizeof(vecs) / sizeof(vecs[0]); v++) {
			uint8_t buf[64];
			int len = hex(vecs[v].hex, buf, sizeof(buf));
			uint32_t crc = ~impls[i]->update(SCTPDK_CRC32C_INIT, buf, (size_t)len);
			if (len >= 0 && crc == vecs[v].crc)
				ok++;
			else
				printf("  %-8s %s: got 0x%08X want 0x%08X\n", impls[i]->name,
				       vecs[v].name, crc, vecs[v].crc);
		}
		printf("  %-8s %d/%zu vectors ok\n", impls[i]->name, ok,
		       sizeof(vecs) / sizeof(vecs[0]));
		bad += (int)(sizeof(vecs) / sizeof(vecs[0])) - ok;
	}
	return bad;
}

static int
check_packets(void)
{
	int bad = 0;

	printf("SCTP reference packets (checksum, then every chunk decoded)\n");
	for (size_t p = 0; p < sizeof(pkts) / sizeof(pkts[0]); p++) {
		uint8_t buf[128];
		int len = hex(pkts[p].hex, buf, sizeof(buf));
		int good = len > 0 && sctpdk_sctp_cksum_ok_buf(buf, (size_t)len);
		printf("  %-13s %3d bytes  checksum %s%s\n", pkts[p].name, len,
		       good ? "good" : "bad", good == (int)pkts[p].crc ? "" : "  <-- UNEXPECTED");
		if (good != (int)pkts[p].crc) {
			bad++;
			continue;
		}
		if (!good)
			continue;

		struct sctpdk_pkt_iter it;
		enum sctpdk_wire_reason r = sctpdk_pkt_iter_init_buf(&it, buf, (uint32_t)len);
		if (r != SCTPDK_WIRE_OK) {
			printf("    iterator refused the packet: %s\n", sctpdk_wire_reason_str(r));
			bad++;
			continue;
		}
		char line[512];
		sctpdk_common_hdr_format(&it.hdr, line, sizeof(line));
		printf("    %s\n", line);
		struct sctpdk_chunk c;
		enum sctpdk_chunk_action a;
		int n = 0;
		while ((a = sctpdk_pkt_iter_next(&it, &c)) != SCTPDK_CHUNK_END) {
			if (a != SCTPDK_CHUNK_PROCESS) {
				printf("    unexpected action %s\n", sctpdk_chunk_action_str(a));
				bad++;
				break;
			}
			if (sctpdk_chunk_format(&c, line, sizeof(line)) < 0) {
				printf("    chunk %d did not decode\n", n);
				bad++;
				break;
			}
			printf("    %s\n", line);
			n++;
		}
		if (n == 0) {
			printf("    no chunk decoded\n");
			bad++;
		}
	}
	return bad;
}

int
main(void)
{
	int bad = check_crc() + check_packets();
	printf("sctpdk-selfcheck: %s (%d failure%s)\n", bad == 0 ? "PASS" : "FAIL", bad,
	       bad == 1 ? "" : "s");
	return bad == 0 ? 0 : 1;
}
