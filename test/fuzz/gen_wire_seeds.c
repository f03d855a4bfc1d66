/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Writes the seed corpus of the wire fuzz target: valid packets of every
 * chunk type (and a few bundles and edge cases) built with the lib/wire
 * encoders, each prefixed with the segment-split control byte.
 * Usage: wire-seed-gen <output dir>
 */
#include <stdio.h>
#include <string.h>

#include "sctpdk_wire.h"

static const char *outdir;
static int count;

static void
emit(const char *name, uint8_t ctl, const uint8_t *chunks, uint32_t n)
{
	uint8_t pkt[2048];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, pkt, sizeof(pkt));
	struct sctpdk_common_hdr h = {5000, 5001, 0x01020304u, 0};
	sctpdk_wr_u8(&w, ctl);
	sctpdk_common_hdr_encode(&w, &h);
	sctpdk_wr_bytes(&w, chunks, n);
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(pkt, 1, w.len, f) != w.len) {
		perror(path);
		if (f != NULL)
			fclose(f);
		return;
	}
	fclose(f);
	count++;
}

static void
emit_w(const char *name, uint8_t ctl, const struct sctpdk_wr *w)
{
	emit(name, ctl, w->p, w->len);
}

static void
all_causes(struct sctpdk_wr *w)
{
	static const uint8_t unk_chunk[] = {0xC7, 0, 0, 5, 0x42, 0, 0, 0};
	struct sctpdk_chunk uc;
	sctpdk_chunk_from_buf(unk_chunk, sizeof(unk_chunk), &uc);
	static const uint8_t hn[] = {0, 11, 0, 6, 'h', 0};
	struct sctpdk_wire_src hsrc = sctpdk_src_buf(hn, sizeof(hn));
	struct sctpdk_tlv ht = {0, 11, 6};
	static const uint8_t up[] = {0xC0, 0x55, 0, 5, 9};
	struct sctpdk_wire_src psrc = sctpdk_src_buf(up, sizeof(up));
	struct sctpdk_tlv pt = {0, 0xC055, 5};
	uint16_t missing[2] = {7, 5};
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 9);
	sctpdk_cause_invalid_stream_encode(w, 3);
	sctpdk_cause_missing_param_encode(w, missing, 2);
	sctpdk_cause_stale_cookie_encode(w, 250000);
	sctpdk_cause_out_of_resource_encode(w);
	sctpdk_cause_unresolvable_addr_encode(w, &hsrc, &ht);
	sctpdk_cause_unrecognized_chunk_encode(w, &uc);
	sctpdk_cause_invalid_mandatory_encode(w);
	sctpdk_cause_unrecognized_params_encode(w, &psrc, &pt, 1);
	sctpdk_cause_no_user_data_encode(w, sctpdk_tsn(17));
	sctpdk_cause_cookie_while_shutdown_encode(w);
	sctpdk_cause_restart_new_addrs_encode(w, &a, 1);
	sctpdk_cause_user_abort_encode(w, "why", 3);
	sctpdk_cause_protocol_violation_encode(w, "bad", 3);
}

/* The example packets of the shared test data, whole SCTP packets. */
static void
emit_raw_hex(const char *name, uint8_t ctl, const char *hex)
{
	uint8_t pkt[256];
	size_t n = 0;
	pkt[n++] = ctl;
	for (size_t i = 0; hex[i] != '\0' && hex[i + 1] != '\0' && n < sizeof(pkt); i += 2) {
		unsigned v;
		if (sscanf(hex + i, "%2x", &v) != 1)
			return;
		pkt[n++] = (uint8_t)v;
	}
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return;
	if (fwrite(pkt, 1, n, f) == n)
		count++;
	fclose(f);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
		return 2;
	}
	outdir = argv[1];
	uint8_t b[1500];
	struct sctpdk_wr w;
	uint32_t mark;

	struct sctpdk_data d = {.flags = 3, .tsn = sctpdk_tsn(1), .sid = 1, .ssn = sctpdk_ssn(2)};
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_data_encode(&w, &d, "hello", 5);
	emit_w("data", 0x03, &w);
	emit_w("data-split2", 0x48, &w);
	emit_w("data-split3", 0x89, &w);

	struct sctpdk_init in;
	memset(&in, 0, sizeof(in));
	in.init_tag = 0x0a0b0c0du;
	in.a_rwnd = 65535;
	in.n_out_streams = in.n_in_streams = 10;
	in.init_tsn = sctpdk_tsn(1);
	in.n_addrs = 2;
	in.addrs[0] = sctpdk_addr_v4(10, 0, 0, 1);
	in.addrs[1].family = SCTPDK_AF_INET6;
	in.addrs[1].u.v6[15] = 1;
	in.has_cookie_preservative = 1;
	in.cookie_preservative_ms = 1000;
	in.has_supported_addr_types = 1;
	in.supported_addr_types = SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6;
	in.ecn_capable = in.fwd_tsn_supported = in.has_adaptation = 1;
	in.adaptation_ind = 7;
	sctpdk_wr_init(&w, b, sizeof(b));
	mark = sctpdk_init_begin(&w, SCTPDK_CHUNK_INIT, &in);
	for (int k = 0; k < 2; k++)
		sctpdk_param_addr_encode(&w, &in.addrs[k]);
	sctpdk_param_cookie_preservative_encode(&w, 1000);
	sctpdk_param_supported_addr_types_encode(&w, in.supported_addr_types);
	sctpdk_param_host_name_encode(&w, "peer");
	sctpdk_param_ecn_capable_encode(&w);
	sctpdk_param_fwd_tsn_supported_encode(&w);
	sctpdk_param_adaptation_encode(&w, 7);
	sctpdk_tlv_put(&w, 0x8123, "skip", 4);
	sctpdk_tlv_put(&w, 0xC123, "report", 6);
	sctpdk_tlv_put(&w, 0x4123, "stop!", 5);
	sctpdk_chunk_end(&w, mark);
	emit_w("init", 0x03, &w);
	emit_w("init-split3", 0x6a, &w);

	in.cookie = "0123456789abcdef0123456789abcdef";
	in.cookie_len = 32;
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_init_encode(&w, SCTPDK_CHUNK_INIT_ACK, &in);
	emit_w("init-ack", 0x03, &w);

	struct sctpdk_gap g[3] = {{2, 3}, {5, 5}, {7, 10}};
	sctpdk_tsn_t dups[2] = {sctpdk_tsn(1), sctpdk_tsn(4)};
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_sack_encode(&w, sctpdk_tsn(1), 65535, g, 3, dups, 2);
	emit_w("sack", 0x03, &w);

	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT, "heartbeat-info", 14);
	emit_w("heartbeat", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_heartbeat_encode(&w, SCTPDK_CHUNK_HEARTBEAT_ACK, "heartbeat-info", 14);
	emit_w("heartbeat-ack", 0x03, &w);

	sctpdk_wr_init(&w, b, sizeof(b));
	mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ABORT, SCTPDK_FLAG_T);
	all_causes(&w);
	sctpdk_chunk_end(&w, mark);
	emit_w("abort-all-causes", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	mark = sctpdk_chunk_begin(&w, SCTPDK_CHUNK_ERROR, 0);
	all_causes(&w);
	sctpdk_chunk_end(&w, mark);
	emit_w("error-all-causes", 0x49, &w);

	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_shutdown_encode(&w, sctpdk_tsn(9));
	emit_w("shutdown", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_shutdown_ack_encode(&w);
	emit_w("shutdown-ack", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_shutdown_complete_encode(&w, 1);
	emit_w("shutdown-complete", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_cookie_echo_encode(&w, "state-cookie-bytes", 18);
	emit_w("cookie-echo", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_cookie_ack_encode(&w);
	emit_w("cookie-ack", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_ecn_encode(&w, SCTPDK_CHUNK_ECNE, sctpdk_tsn(3));
	emit_w("ecne", 0x03, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_ecn_encode(&w, SCTPDK_CHUNK_CWR, sctpdk_tsn(3));
	emit_w("cwr", 0x03, &w);

	/* bundles and unknown chunk types */
	sctpdk_wr_init(&w, b, sizeof(b));
	sctpdk_cookie_echo_encode(&w, "cookie", 6);
	sctpdk_data_encode(&w, &d, "abc", 3);
	sctpdk_sack_encode(&w, sctpdk_tsn(0), 1000, g, 1, NULL, 0);
	emit_w("bundle-cookie-data-sack", 0x25, &w);
	sctpdk_wr_init(&w, b, sizeof(b));
	mark = sctpdk_chunk_begin(&w, 0xC5, 0x11);
	sctpdk_wr_bytes(&w, "xyz", 3);
	sctpdk_chunk_end(&w, mark);
	mark = sctpdk_chunk_begin(&w, 0x85, 0);
	sctpdk_chunk_end(&w, mark);
	mark = sctpdk_chunk_begin(&w, 0x45, 0);
	sctpdk_chunk_end(&w, mark);
	sctpdk_data_encode(&w, &d, "after", 5);
	emit_w("unknown-chunks", 0x03, &w);
	static const uint8_t nud[] = {0, 3, 0, 16, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};
	emit("data-no-user-data", 0x03, nud, sizeof(nud));

	emit_raw_hex("example-init", 0x03,
		     "1388138900000000ffdcf2130100001c010203040000ffff000a000a00000001000c0006"
		     "00050000");
	emit_raw_hex("example-data", 0x03,
		     "138813890a0b0c0de51fa7dc0003001500000001000000000000000068656c6c6f000000");
	emit_raw_hex("example-sack", 0x03,
		     "13891388010203045911941d03000018000000010000ffff000100010002000300000001");
	emit_raw_hex("example-abort", 0x03, "13891388010203043ccdbd3706010004");

	printf("wrote %d seeds to %s\n", count, outdir);
	return count > 0 ? 0 : 1;
}
