/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Conformance of shape of include/sctpdk/sctpdk_socket.h: structure layouts
 * in the draft's field order, values equal to Linux's where Linux has them,
 * distinct notification types and option numbers, MSG_* flags that stay
 * clear of libc's, the common notification header, call signatures, and
 * agreement between the strict C99 view and this (GNU C) view.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <sctpdk/sctpdk.h>

#include "api_layout.h"
#include "sctpdk_test.h"

/* ---- helpers ------------------------------------------------------------ */

struct field {
	const char *name;
	size_t off;
	size_t size; /* 0 for a variable-length tail */
	size_t align;
};

#define FIELD(T, m)                                                                                \
	{                                                                                          \
#m, offsetof(T, m), sizeof(((T *)0)->m), __alignof__(((T *)0)->m)                  \
	}
#define TAIL(T, m)                                                                                 \
	{                                                                                          \
#m, offsetof(T, m), 0, __alignof__(((T *)0)->m[0])                                 \
	}

static size_t
up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

/*
 * The draft fixes each structure's field order and types; C's natural
 * layout then fixes every offset. Walk the fields in draft order and check
 * each sits at the next suitably aligned offset (so nothing is reordered,
 * inserted or dropped), and that the size is the end rounded to the
 * structure's alignment. Returns the number of mismatches.
 */
static int
check_layout(const char *tname, const struct field *f, size_t n, size_t tsize, size_t talign)
{
	size_t end = 0, maxal = 1;
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		size_t want = up(end, f[i].align);
		if (f[i].off != want) {
			printf("  %s.%s at %zu, draft order puts it at %zu\n", tname, f[i].name,
			       f[i].off, want);
			bad++;
		}
		end = f[i].off + f[i].size;
		if (f[i].align > maxal)
			maxal = f[i].align;
	}
	if (talign != maxal) {
		printf("  %s aligned %zu, fields need %zu\n", tname, talign, maxal);
		bad++;
	}
	if (tsize != up(end, maxal)) {
		printf("  sizeof(%s) = %zu, fields end at %zu\n", tname, tsize, up(end, maxal));
		bad++;
	}
	return bad;
}

#define CHECK_LAYOUT(T, ...)                                                                       \
	do {                                                                                       \
		const struct field f_[] = {__VA_ARGS__};                                           \
		CU_ASSERT_EQUAL(                                                                   \
		    check_layout(#T, f_, sizeof(f_) / sizeof(f_[0]), sizeof(T), __alignof__(T)),   \
		    0);                                                                            \
	} while (0)

static int
all_distinct(const long *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (v[i] == v[j]) {
				printf("  values %zu and %zu are both %ld\n", i, j, v[i]);
				return 0;
			}
	return 1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- layouts ------------------------------------------------------------ */

static void
test_draft_field_order_5x(void)
{
	CHECK_LAYOUT(struct sctp_initmsg, FIELD(struct sctp_initmsg, sinit_num_ostreams),
		     FIELD(struct sctp_initmsg, sinit_max_instreams),
		     FIELD(struct sctp_initmsg, sinit_max_attempts),
		     FIELD(struct sctp_initmsg, sinit_max_init_timeo));
	CHECK_LAYOUT(
	    struct sctp_sndrcvinfo, FIELD(struct sctp_sndrcvinfo, sinfo_stream),
	    FIELD(struct sctp_sndrcvinfo, sinfo_ssn), FIELD(struct sctp_sndrcvinfo, sinfo_flags),
	    FIELD(struct sctp_sndrcvinfo, sinfo_ppid), FIELD(struct sctp_sndrcvinfo, sinfo_context),
	    FIELD(struct sctp_sndrcvinfo, sinfo_timetolive),
	    FIELD(struct sctp_sndrcvinfo, sinfo_tsn),
	    FIELD(struct sctp_sndrcvinfo, sinfo_assoc_id));
	CHECK_LAYOUT(struct sctp_tlv, FIELD(struct sctp_tlv, sn_type),
		     FIELD(struct sctp_tlv, sn_flags), FIELD(struct sctp_tlv, sn_length));
	CHECK_LAYOUT(
	    struct sctp_assoc_change, FIELD(struct sctp_assoc_change, sac_type),
	    FIELD(struct sctp_assoc_change, sac_flags), FIELD(struct sctp_assoc_change, sac_length),
	    FIELD(struct sctp_assoc_change, sac_state), FIELD(struct sctp_assoc_change, sac_error),
	    FIELD(struct sctp_assoc_change, sac_outbound_streams),
	    FIELD(struct sctp_assoc_change, sac_inbound_streams),
	    FIELD(struct sctp_assoc_change, sac_assoc_id));
	CHECK_LAYOUT(
	    struct sctp_paddr_change, FIELD(struct sctp_paddr_change, spc_type),
	    FIELD(struct sctp_paddr_change, spc_flags), FIELD(struct sctp_paddr_change, spc_length),
	    FIELD(struct sctp_paddr_change, spc_aaddr), FIELD(struct sctp_paddr_change, spc_state),
	    FIELD(struct sctp_paddr_change, spc_error),
	    FIELD(struct sctp_paddr_change, spc_assoc_id));
	CHECK_LAYOUT(struct sctp_remote_error, FIELD(struct sctp_remote_error, sre_type),
		     FIELD(struct sctp_remote_error, sre_flags),
		     FIELD(struct sctp_remote_error, sre_length),
		     FIELD(struct sctp_remote_error, sre_error),
		     FIELD(struct sctp_remote_error, sre_assoc_id),
		     TAIL(struct sctp_remote_error, sre_data));
	CHECK_LAYOUT(
	    struct sctp_send_failed, FIELD(struct sctp_send_failed, ssf_type),
	    FIELD(struct sctp_send_failed, ssf_flags), FIELD(struct sctp_send_failed, ssf_length),
	    FIELD(struct sctp_send_failed, ssf_error), FIELD(struct sctp_send_failed, ssf_info),
	    FIELD(struct sctp_send_failed, ssf_assoc_id), TAIL(struct sctp_send_failed, ssf_data));
	CHECK_LAYOUT(struct sctp_shutdown_event, FIELD(struct sctp_shutdown_event, sse_type),
		     FIELD(struct sctp_shutdown_event, sse_flags),
		     FIELD(struct sctp_shutdown_event, sse_length),
		     FIELD(struct sctp_shutdown_event, sse_assoc_id));
	CHECK_LAYOUT(struct sctp_adaption_event, FIELD(struct sctp_adaption_event, sai_type),
		     FIELD(struct sctp_adaption_event, sai_flags),
		     FIELD(struct sctp_adaption_event, sai_length),
		     FIELD(struct sctp_adaption_event, sai_adaptation_bits),
		     FIELD(struct sctp_adaption_event, sse_assoc_id));
	CHECK_LAYOUT(struct sctp_adaptation_event, FIELD(struct sctp_adaptation_event, sai_type),
		     FIELD(struct sctp_adaptation_event, sai_flags),
		     FIELD(struct sctp_adaptation_event, sai_length),
		     FIELD(struct sctp_adaptation_event, sai_adaptation_ind),
		     FIELD(struct sctp_adaptation_event, sai_assoc_id));
	CHECK_LAYOUT(struct sctp_rcv_pdapi_event, FIELD(struct sctp_rcv_pdapi_event, pdapi_type),
		     FIELD(struct sctp_rcv_pdapi_event, pdapi_flags),
		     FIELD(struct sctp_rcv_pdapi_event, pdapi_length),
		     FIELD(struct sctp_rcv_pdapi_event, pdapi_indication),
		     FIELD(struct sctp_rcv_pdapi_event, pdapi_assoc_id));
	CHECK_LAYOUT(struct sctp_pdapi_event, FIELD(struct sctp_pdapi_event, pdapi_type),
		     FIELD(struct sctp_pdapi_event, pdapi_flags),
		     FIELD(struct sctp_pdapi_event, pdapi_length),
		     FIELD(struct sctp_pdapi_event, pdapi_indication),
		     FIELD(struct sctp_pdapi_event, pdapi_assoc_id));
}

static void
test_draft_field_order_7x(void)
{
	CHECK_LAYOUT(struct sctp_rtoinfo, FIELD(struct sctp_rtoinfo, srto_assoc_id),
		     FIELD(struct sctp_rtoinfo, srto_initial), FIELD(struct sctp_rtoinfo, srto_max),
		     FIELD(struct sctp_rtoinfo, srto_min));
	CHECK_LAYOUT(struct sctp_assocparams, FIELD(struct sctp_assocparams, sasoc_assoc_id),
		     FIELD(struct sctp_assocparams, sasoc_asocmaxrxt),
		     FIELD(struct sctp_assocparams, sasoc_number_peer_destinations),
		     FIELD(struct sctp_assocparams, sasoc_peer_rwnd),
		     FIELD(struct sctp_assocparams, sasoc_local_rwnd),
		     FIELD(struct sctp_assocparams, sasoc_cookie_life));
	CHECK_LAYOUT(struct sctp_setprim, FIELD(struct sctp_setprim, ssp_assoc_id),
		     FIELD(struct sctp_setprim, ssp_addr));
	CHECK_LAYOUT(struct sctp_setpeerprim, FIELD(struct sctp_setpeerprim, sspp_assoc_id),
		     FIELD(struct sctp_setpeerprim, sspp_addr));
	CHECK_LAYOUT(struct sctp_setadaption, FIELD(struct sctp_setadaption, ssb_adaption_ind));
	CHECK_LAYOUT(struct sctp_setadaptation,
		     FIELD(struct sctp_setadaptation, ssb_adaptation_ind));
	CHECK_LAYOUT(struct sctp_setstrm_timeout, FIELD(struct sctp_setstrm_timeout, ssto_assoc_id),
		     FIELD(struct sctp_setstrm_timeout, ssto_timeout),
		     FIELD(struct sctp_setstrm_timeout, ssto_streamid_start),
		     FIELD(struct sctp_setstrm_timeout, ssto_streamid_end));
	CHECK_LAYOUT(struct sctp_paddrparams, FIELD(struct sctp_paddrparams, spp_assoc_id),
		     FIELD(struct sctp_paddrparams, spp_address),
		     FIELD(struct sctp_paddrparams, spp_hbinterval),
		     FIELD(struct sctp_paddrparams, spp_pathmaxrxt));
	CHECK_LAYOUT(
	    struct sctp_paddrinfo, FIELD(struct sctp_paddrinfo, spinfo_assoc_id),
	    FIELD(struct sctp_paddrinfo, spinfo_address),
	    FIELD(struct sctp_paddrinfo, spinfo_state), FIELD(struct sctp_paddrinfo, spinfo_cwnd),
	    FIELD(struct sctp_paddrinfo, spinfo_srtt), FIELD(struct sctp_paddrinfo, spinfo_rto),
	    FIELD(struct sctp_paddrinfo, spinfo_mtu));
	CHECK_LAYOUT(
	    struct sctp_status, FIELD(struct sctp_status, sstat_assoc_id),
	    FIELD(struct sctp_status, sstat_state), FIELD(struct sctp_status, sstat_rwnd),
	    FIELD(struct sctp_status, sstat_unackdata), FIELD(struct sctp_status, sstat_penddata),
	    FIELD(struct sctp_status, sstat_instrms), FIELD(struct sctp_status, sstat_outstrms),
	    FIELD(struct sctp_status, sstat_fragmentation_point),
	    FIELD(struct sctp_status, sstat_primary));
	CHECK_LAYOUT(struct sctp_event_subscribe,
		     FIELD(struct sctp_event_subscribe, sctp_data_io_event),
		     FIELD(struct sctp_event_subscribe, sctp_association_event),
		     FIELD(struct sctp_event_subscribe, sctp_address_event),
		     FIELD(struct sctp_event_subscribe, sctp_send_failure_event),
		     FIELD(struct sctp_event_subscribe, sctp_peer_error_event),
		     FIELD(struct sctp_event_subscribe, sctp_shutdown_event),
		     FIELD(struct sctp_event_subscribe, sctp_partial_delivery_event),
		     FIELD(struct sctp_event_subscribe, sctp_adaption_layer_event));
	CHECK_LAYOUT(struct sctpdk_pollfd, FIELD(struct sctpdk_pollfd, fd),
		     FIELD(struct sctpdk_pollfd, events), FIELD(struct sctpdk_pollfd, revents));
}

/* Sizes the draft's fixed-width types imply, written out by hand (SS and A:
 * size and alignment of struct sockaddr_storage on this platform). */
static void
test_fixed_sizes(void)
{
	const size_t ss = sizeof(struct sockaddr_storage);
	const size_t a = __alignof__(struct sockaddr_storage);
	const size_t al = a > 4 ? a : 4;

	CU_ASSERT_EQUAL(sizeof(sctp_assoc_t), 4);
	CU_ASSERT_TRUE((sctp_assoc_t)-1 < 0); /* signed, as on Linux */
	CU_ASSERT_EQUAL(sizeof(struct sctp_initmsg), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sndrcvinfo), 28);
	CU_ASSERT_EQUAL(offsetof(struct sctp_sndrcvinfo, sinfo_ppid), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_sndrcvinfo, sinfo_assoc_id), 24);
	CU_ASSERT_EQUAL(sizeof(struct sctp_tlv), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_change), 20);
	CU_ASSERT_EQUAL(sizeof(struct sctp_remote_error), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_remote_error, sre_data), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_info), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_assoc_id), 40);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_data), 44);
	CU_ASSERT_EQUAL(sizeof(struct sctp_send_failed), 44);
	CU_ASSERT_EQUAL(sizeof(struct sctp_shutdown_event), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_adaption_event), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_rcv_pdapi_event), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_rtoinfo), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assocparams), 20);
	CU_ASSERT_EQUAL(sizeof(struct sctp_setadaption), 4);
	CU_ASSERT_EQUAL(sizeof(struct sctp_setstrm_timeout), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_event_subscribe), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctpdk_pollfd), 8);

	CU_ASSERT_EQUAL(offsetof(struct sctp_setprim, ssp_addr), up(4, a));
	CU_ASSERT_EQUAL(sizeof(struct sctp_setprim), up(up(4, a) + ss, al));
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_aaddr), up(8, a));
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddr_change), up(up(8, a) + ss + 12, al));
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddrparams), up(up(4, a) + ss + 6, al));
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddrinfo), up(up(4, a) + ss + 20, al));
	CU_ASSERT_EQUAL(offsetof(struct sctp_status, sstat_primary), up(24, al));
	CU_ASSERT_EQUAL(sizeof(struct sctp_status),
			up(up(24, al) + sizeof(struct sctp_paddrinfo), al));
}

/* Each alias spelling names the very same bytes as the draft's name. */
static void
test_alias_spellings_share_storage(void)
{
	CU_ASSERT_EQUAL(SCTPDK_SOCKET_HAVE_ALIASES, 1);

	struct sctp_paddr_change pc;
	memset(&pc, 0, sizeof(pc));
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_addr),
			offsetof(struct sctp_paddr_change, spc_aaddr));
	pc.spc_addr.ss_family = AF_INET6;
	CU_ASSERT_EQUAL(pc.spc_aaddr.ss_family, AF_INET6);

	struct sctp_adaption_event ae;
	memset(&ae, 0, sizeof(ae));
	ae.sai_adaption_bits = 0x01020304u;
	CU_ASSERT_EQUAL(ae.sai_adaptation_bits, 0x01020304u);
	CU_ASSERT_EQUAL(ae.sai_adaptation_ind, 0x01020304u);
	ae.sai_assoc_id = 77;
	CU_ASSERT_EQUAL(ae.sse_assoc_id, 77);

	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_adaptation_layer_event = 1;
	CU_ASSERT_EQUAL(ev.sctp_adaption_layer_event, 1);

	/* draft and RFC 6458 spellings of one structure: identical layouts */
	CU_ASSERT_EQUAL(sizeof(struct sctp_adaption_event), sizeof(struct sctp_adaptation_event));
	CU_ASSERT_EQUAL(offsetof(struct sctp_adaption_event, sai_assoc_id),
			offsetof(struct sctp_adaptation_event, sai_assoc_id));
	CU_ASSERT_EQUAL(offsetof(struct sctp_adaption_event, sai_adaption_bits),
			offsetof(struct sctp_adaptation_event, sai_adaptation_ind));
	CU_ASSERT_EQUAL(sizeof(struct sctp_rcv_pdapi_event), sizeof(struct sctp_pdapi_event));
	CU_ASSERT_EQUAL(offsetof(struct sctp_rcv_pdapi_event, pdapi_assoc_id),
			offsetof(struct sctp_pdapi_event, pdapi_assoc_id));
	CU_ASSERT_EQUAL(sizeof(struct sctp_setadaption), sizeof(struct sctp_setadaptation));
	CU_ASSERT_EQUAL(sizeof(struct sctp_setprim), sizeof(struct sctp_setpeerprim));
	CU_ASSERT_EQUAL(offsetof(struct sctp_setprim, ssp_addr),
			offsetof(struct sctp_setpeerprim, sspp_addr));

	union sctp_notification n;
	memset(&n, 0, sizeof(n));
	n.sn_paddr_change.spc_state = SCTP_ADDR_MADE_PRIM;
	CU_ASSERT_EQUAL(n.sn_padr_change.spc_state, SCTP_ADDR_MADE_PRIM);
	n.sn_adaptation_event.sai_adaptation_ind = 9;
	CU_ASSERT_EQUAL(n.sn_adaption_event.sai_adaption_bits, 9);
	n.sn_pdapi_event.pdapi_indication = 5;
	CU_ASSERT_EQUAL(n.sn_rcv_pdapi_event.pdapi_indication, 5);
}

/* Every notification starts with type, flags, length at the offsets and
 * sizes of struct sctp_tlv, so a reader can switch on sn_header.sn_type. */
#define HDR_AT_TLV(T, t, f, l)                                                                     \
	do {                                                                                       \
		CU_ASSERT_EQUAL(offsetof(T, t), offsetof(struct sctp_tlv, sn_type));               \
		CU_ASSERT_EQUAL(offsetof(T, f), offsetof(struct sctp_tlv, sn_flags));              \
		CU_ASSERT_EQUAL(offsetof(T, l), offsetof(struct sctp_tlv, sn_length));             \
		CU_ASSERT_EQUAL(sizeof(((T *)0)->t), sizeof(uint16_t));                            \
		CU_ASSERT_EQUAL(sizeof(((T *)0)->f), sizeof(uint16_t));                            \
		CU_ASSERT_EQUAL(sizeof(((T *)0)->l), sizeof(uint32_t));                            \
		CU_ASSERT_TRUE(sizeof(T) <= sizeof(union sctp_notification));                      \
	} while (0)

static void
test_notifications_share_header(void)
{
	CU_ASSERT_EQUAL(offsetof(struct sctp_tlv, sn_type), 0);
	CU_ASSERT_EQUAL(offsetof(struct sctp_tlv, sn_flags), 2);
	CU_ASSERT_EQUAL(offsetof(struct sctp_tlv, sn_length), 4);
	HDR_AT_TLV(struct sctp_assoc_change, sac_type, sac_flags, sac_length);
	HDR_AT_TLV(struct sctp_paddr_change, spc_type, spc_flags, spc_length);
	HDR_AT_TLV(struct sctp_remote_error, sre_type, sre_flags, sre_length);
	HDR_AT_TLV(struct sctp_send_failed, ssf_type, ssf_flags, ssf_length);
	HDR_AT_TLV(struct sctp_shutdown_event, sse_type, sse_flags, sse_length);
	HDR_AT_TLV(struct sctp_adaption_event, sai_type, sai_flags, sai_length);
	HDR_AT_TLV(struct sctp_adaptation_event, sai_type, sai_flags, sai_length);
	HDR_AT_TLV(struct sctp_rcv_pdapi_event, pdapi_type, pdapi_flags, pdapi_length);
	HDR_AT_TLV(struct sctp_pdapi_event, pdapi_type, pdapi_flags, pdapi_length);

	/* The largest fixed notification sets the union's size. */
	size_t biggest = sizeof(struct sctp_paddr_change);
	if (sizeof(struct sctp_send_failed) > biggest)
		biggest = sizeof(struct sctp_send_failed);
	CU_ASSERT_EQUAL(sizeof(union sctp_notification), biggest);

	/* Through the union: one header, four ways to read it. */
	union sctp_notification n;
	memset(&n, 0, sizeof(n));
	n.sn_send_failed.ssf_type = SCTP_SEND_FAILED;
	n.sn_send_failed.ssf_flags = SCTP_DATA_SENT;
	n.sn_send_failed.ssf_length = 1234;
	CU_ASSERT_EQUAL(n.h.sn_type, SCTP_SEND_FAILED);
	CU_ASSERT_EQUAL(n.sn_header.sn_type, SCTP_SEND_FAILED);
	CU_ASSERT_EQUAL(n.sn_type, SCTP_SEND_FAILED);
	CU_ASSERT_EQUAL(n.sn_flags, SCTP_DATA_SENT);
	CU_ASSERT_EQUAL(n.h.sn_length, 1234);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_type, SCTP_SEND_FAILED);
	CU_ASSERT_EQUAL(n.sn_shutdown_event.sse_length, 1234);
}

/* ---- values ------------------------------------------------------------- */

/*
 * sctpdk name and value, the Linux name with the same meaning and Linux's
 * value, written out by hand from the Linux headers. When <linux/sctp.h>
 * is installed, test_values_match_installed_linux_header checks these
 * literals against it. lksctp_only: defined by lksctp-tools' netinet/sctp.h
 * or libc, not by <linux/sctp.h>.
 */
struct linux_row {
	const char *ours;
	long value;
	const char *linux_name;
	long linux_value;
	int lksctp_only;
};

#define ROW(ours, lname, lval)                                                                     \
	{                                                                                          \
#ours, (long)(ours), #lname, (lval), 0                                             \
	}
#define ROW_LKSCTP(ours, lname, lval)                                                              \
	{                                                                                          \
#ours, (long)(ours), #lname, (lval), 1                                             \
	}

static const struct linux_row linux_rows[] = {
    ROW_LKSCTP(IPPROTO_SCTP, IPPROTO_SCTP, 132),
    ROW_LKSCTP(SOL_SCTP, SOL_SCTP, 132),
    ROW(SCTP_INIT, SCTP_INIT, 0),
    ROW(SCTP_SNDRCV, SCTP_SNDRCV, 1),
    ROW(MSG_UNORDERED, SCTP_UNORDERED, 1),
    ROW(SCTP_UNORDERED, SCTP_UNORDERED, 1),
    ROW(MSG_ADDR_OVER, SCTP_ADDR_OVER, 2),
    ROW(SCTP_ADDR_OVER, SCTP_ADDR_OVER, 2),
    ROW(MSG_ABORT, SCTP_ABORT, 4),
    ROW(SCTP_ABORT, SCTP_ABORT, 4),
    ROW(MSG_EOF, SCTP_EOF, 0x200),
    ROW(SCTP_EOF, SCTP_EOF, 0x200),
    ROW(MSG_NOTIFICATION, MSG_NOTIFICATION, 0x8000),
    ROW(SCTP_SN_TYPE_BASE, SCTP_SN_TYPE_BASE, 0x8000),
    ROW(SCTP_ASSOC_CHANGE, SCTP_ASSOC_CHANGE, 0x8001),
    ROW(SCTP_PEER_ADDR_CHANGE, SCTP_PEER_ADDR_CHANGE, 0x8002),
    ROW(SCTP_SEND_FAILED, SCTP_SEND_FAILED, 0x8003),
    ROW(SCTP_REMOTE_ERROR, SCTP_REMOTE_ERROR, 0x8004),
    ROW(SCTP_SHUTDOWN_EVENT, SCTP_SHUTDOWN_EVENT, 0x8005),
    ROW(SCTP_PARTIAL_DELIVERY_EVENT, SCTP_PARTIAL_DELIVERY_EVENT, 0x8006),
    ROW(SCTP_ADAPTION_INDICATION, SCTP_ADAPTATION_INDICATION, 0x8007),
    ROW(SCTP_ADAPTATION_INDICATION, SCTP_ADAPTATION_INDICATION, 0x8007),
    ROW(SCTP_COMM_UP, SCTP_COMM_UP, 0),
    ROW(SCTP_COMM_LOST, SCTP_COMM_LOST, 1),
    ROW(SCTP_RESTART, SCTP_RESTART, 2),
    ROW(SCTP_SHUTDOWN_COMP, SCTP_SHUTDOWN_COMP, 3),
    ROW(SCTP_CANT_STR_ASSOC, SCTP_CANT_STR_ASSOC, 4),
    ROW(SCTP_ADDR_AVAILABLE, SCTP_ADDR_AVAILABLE, 0),
    ROW(SCTP_ADDR_UNREACHABLE, SCTP_ADDR_UNREACHABLE, 1),
    ROW(SCTP_ADDR_UNREACHABL, SCTP_ADDR_UNREACHABLE, 1),
    ROW(SCTP_ADDR_REMOVED, SCTP_ADDR_REMOVED, 2),
    ROW(SCTP_ADDR_ADDED, SCTP_ADDR_ADDED, 3),
    ROW(SCTP_ADDR_MADE_PRIM, SCTP_ADDR_MADE_PRIM, 4),
    ROW(SCTP_ADDR_CONFIRMED, SCTP_ADDR_CONFIRMED, 5),
    ROW(SCTP_DATA_UNSENT, SCTP_DATA_UNSENT, 0),
    ROW(SCTP_DATA_SENT, SCTP_DATA_SENT, 1),
    ROW(SCTP_PARTIAL_DELIVERY_ABORTED, SCTP_PARTIAL_DELIVERY_ABORTED, 0),
    ROW(SCTP_RTOINFO, SCTP_RTOINFO, 0),
    ROW(SCTP_ASSOCINFO, SCTP_ASSOCINFO, 1),
    ROW(SCTP_ASSOCRTXINFO, SCTP_ASSOCINFO, 1),
    ROW(SCTP_INITMSG, SCTP_INITMSG, 2),
    ROW(SCTP_NODELAY, SCTP_NODELAY, 3),
    ROW(SO_NODELAY, SCTP_NODELAY, 3),
    ROW(SCTP_AUTOCLOSE, SCTP_AUTOCLOSE, 4),
    /* 7.1.9/7.1.10: same meaning, different names (see the header) */
    ROW(SCTP_SET_PRIMARY_ADDR, SCTP_SET_PEER_PRIMARY_ADDR, 5),
    ROW(SCTP_SET_PEER_PRIMARY_ADDR, SCTP_PRIMARY_ADDR, 6),
    ROW(SCTP_PRIMARY_ADDR, SCTP_PRIMARY_ADDR, 6),
    ROW(SCTP_SET_ADAPTION_LAYER, SCTP_ADAPTATION_LAYER, 7),
    ROW(SCTP_ADAPTATION_LAYER, SCTP_ADAPTATION_LAYER, 7),
    ROW(SCTP_DISABLE_FRAGMENTS, SCTP_DISABLE_FRAGMENTS, 8),
    ROW(SCTP_SET_PEER_ADDR_PARAMS, SCTP_PEER_ADDR_PARAMS, 9),
    ROW(SCTP_PEER_ADDR_PARAMS, SCTP_PEER_ADDR_PARAMS, 9),
    ROW(SCTP_SET_DEFAULT_SEND_PARAM, SCTP_DEFAULT_SEND_PARAM, 10),
    ROW(SCTP_DEFAULT_SEND_PARAM, SCTP_DEFAULT_SEND_PARAM, 10),
    ROW(SCTP_SET_EVENTS, SCTP_EVENTS, 11),
    ROW(SCTP_SET_EVENT, SCTP_EVENTS, 11),
    ROW(SCTP_EVENTS, SCTP_EVENTS, 11),
    ROW(SCTP_STATUS, SCTP_STATUS, 14),
    ROW(SCTP_GET_PEER_ADDR_INFO, SCTP_GET_PEER_ADDR_INFO, 15),
    ROW(SCTP_CLOSED, SCTP_CLOSED, 1),
    ROW(SCTP_COOKIE_WAIT, SCTP_COOKIE_WAIT, 2),
    ROW(SCTP_COOKIE_ECHOED, SCTP_COOKIE_ECHOED, 3),
    ROW(SCTP_ESTABLISHED, SCTP_ESTABLISHED, 4),
    ROW(SCTP_SHUTDOWN_PENDING, SCTP_SHUTDOWN_PENDING, 5),
    ROW(SCTP_SHUTDOWN_SENT, SCTP_SHUTDOWN_SENT, 6),
    ROW(SCTP_SHUTDOWN_RECEIVED, SCTP_SHUTDOWN_RECEIVED, 7),
    ROW(SCTP_SHUTDOWN_ACK_SENT, SCTP_SHUTDOWN_ACK_SENT, 8),
    ROW(SCTP_INACTIVE, SCTP_INACTIVE, 0),
    ROW(SCTP_ACTIVE, SCTP_ACTIVE, 2),
    ROW(SCTP_UNCONFIRMED, SCTP_UNCONFIRMED, 3),
    ROW(SCTP_BINDX_ADD_ADDR, SCTP_BINDX_ADD_ADDR, 1),
    ROW(SCTP_BINDX_REM_ADDR, SCTP_BINDX_REM_ADDR, 2),
};

static void
test_values_equal_linux(void)
{
	for (size_t i = 0; i < NELEM(linux_rows); i++) {
		const struct linux_row *r = &linux_rows[i];
		if (r->value != r->linux_value)
			printf("  %s = %ld, Linux %s = %ld\n", r->ours, r->value, r->linux_name,
			       r->linux_value);
		CU_ASSERT_EQUAL(r->value, r->linux_value);
	}
}

static int
linux_lookup(const char *name, long *v)
{
#ifdef SCTPDK_TEST_HAVE_LINUX_SCTP_H
	for (const struct sctpdk_api_fact *f = sctpdk_api_linux_values; f->name; f++)
		if (strcmp(f->name, name) == 0) {
			*v = f->value;
			return 1;
		}
#else
	(void)name;
	(void)v;
#endif
	return 0;
}

/* The hand-written Linux column against the installed <linux/sctp.h>. */
static void
test_values_match_installed_linux_header(void)
{
#ifdef SCTPDK_TEST_HAVE_LINUX_SCTP_H
	int checked = 0;
	for (size_t i = 0; i < NELEM(linux_rows); i++) {
		const struct linux_row *r = &linux_rows[i];
		long v;
		int found = linux_lookup(r->linux_name, &v);
		if (r->lksctp_only && strcmp(r->linux_name, "IPPROTO_SCTP") != 0)
			continue; /* not in <linux/sctp.h> */
		CU_ASSERT_TRUE(found);
		if (!found) {
			printf("  %s not found in <linux/sctp.h> table\n", r->linux_name);
			continue;
		}
		if (v != r->linux_value)
			printf("  <linux/sctp.h> %s = %ld, table says %ld\n", r->linux_name, v,
			       r->linux_value);
		CU_ASSERT_EQUAL(v, r->linux_value);
		checked++;
	}
	CU_ASSERT_TRUE(checked >= 70);
#else
	printf("  <linux/sctp.h> not installed: Linux values checked from the table only\n");
#endif
}

static void
test_distinct_numbers(void)
{
	const long ntypes[] = {SCTP_ASSOC_CHANGE,          SCTP_PEER_ADDR_CHANGE,
			       SCTP_REMOTE_ERROR,          SCTP_SEND_FAILED,
			       SCTP_SHUTDOWN_EVENT,        SCTP_ADAPTION_INDICATION,
			       SCTP_PARTIAL_DELIVERY_EVENT};
	CU_ASSERT_TRUE(all_distinct(ntypes, NELEM(ntypes)));
	for (size_t i = 0; i < NELEM(ntypes); i++) {
		/* 5.3.1: standard values above 2^15; they must fit sn_type */
		CU_ASSERT_TRUE(ntypes[i] > 0x8000);
		CU_ASSERT_TRUE(ntypes[i] <= 0xffff);
	}

	const long opts[] = {SCTP_RTOINFO,
			     SCTP_ASSOCINFO,
			     SCTP_INITMSG,
			     SCTP_NODELAY,
			     SCTP_AUTOCLOSE,
			     SCTP_SET_PRIMARY_ADDR,
			     SCTP_SET_PEER_PRIMARY_ADDR,
			     SCTP_SET_ADAPTION_LAYER,
			     SCTP_SET_STREAM_TIMEOUTS,
			     SCTP_DISABLE_FRAGMENTS,
			     SCTP_SET_PEER_ADDR_PARAMS,
			     SCTP_SET_DEFAULT_SEND_PARAM,
			     SCTP_SET_EVENTS,
			     SCTP_STATUS,
			     SCTP_GET_PEER_ADDR_INFO};
	CU_ASSERT_TRUE(all_distinct(opts, NELEM(opts)));
	for (size_t i = 0; i < NELEM(opts); i++)
		CU_ASSERT_TRUE(opts[i] >= 0);

	/* every second name is the same option */
	CU_ASSERT_EQUAL(SCTP_ASSOCRTXINFO, SCTP_ASSOCINFO);
	CU_ASSERT_EQUAL(SO_NODELAY, SCTP_NODELAY);
	CU_ASSERT_EQUAL(SCTP_PRIMARY_ADDR, SCTP_SET_PEER_PRIMARY_ADDR);
	CU_ASSERT_EQUAL(SCTP_ADAPTATION_LAYER, SCTP_SET_ADAPTION_LAYER);
	CU_ASSERT_EQUAL(SCTP_PEER_ADDR_PARAMS, SCTP_SET_PEER_ADDR_PARAMS);
	CU_ASSERT_EQUAL(SCTP_DEFAULT_SEND_PARAM, SCTP_SET_DEFAULT_SEND_PARAM);
	CU_ASSERT_EQUAL(SCTP_EVENTS, SCTP_SET_EVENTS);
	CU_ASSERT_EQUAL(SCTP_SET_EVENT, SCTP_SET_EVENTS);
	CU_ASSERT_EQUAL(SCTP_ADAPTATION_INDICATION, SCTP_ADAPTION_INDICATION);
	CU_ASSERT_EQUAL(SCTP_ADDR_UNREACHABL, SCTP_ADDR_UNREACHABLE);

	const long cmsgs[] = {SCTP_INIT, SCTP_SNDRCV};
	CU_ASSERT_TRUE(all_distinct(cmsgs, NELEM(cmsgs)));
	const long sac[] = {SCTP_COMM_UP, SCTP_COMM_LOST, SCTP_RESTART, SCTP_SHUTDOWN_COMP,
			    SCTP_CANT_STR_ASSOC};
	CU_ASSERT_TRUE(all_distinct(sac, NELEM(sac)));
	for (size_t i = 0; i < NELEM(sac); i++)
		CU_ASSERT_TRUE(sac[i] >= 0 && sac[i] <= 0xffff); /* fits sac_state */
	const long spc[] = {SCTP_ADDR_AVAILABLE, SCTP_ADDR_UNREACHABLE, SCTP_ADDR_REMOVED,
			    SCTP_ADDR_ADDED,     SCTP_ADDR_MADE_PRIM,   SCTP_ADDR_CONFIRMED};
	CU_ASSERT_TRUE(all_distinct(spc, NELEM(spc)));
	const long sstat[] = {SCTP_CLOSED,           SCTP_BOUND,         SCTP_LISTEN,
			      SCTP_COOKIE_WAIT,      SCTP_COOKIE_ECHOED, SCTP_ESTABLISHED,
			      SCTP_SHUTDOWN_PENDING, SCTP_SHUTDOWN_SENT, SCTP_SHUTDOWN_RECEIVED,
			      SCTP_SHUTDOWN_ACK_SENT};
	CU_ASSERT_TRUE(all_distinct(sstat, NELEM(sstat)));
	const long spinfo[] = {SCTP_ACTIVE, SCTP_INACTIVE, SCTP_UNCONFIRMED};
	CU_ASSERT_TRUE(all_distinct(spinfo, NELEM(spinfo)));
	const long ssf[] = {SCTP_DATA_UNSENT, SCTP_DATA_SENT};
	CU_ASSERT_TRUE(all_distinct(ssf, NELEM(ssf)));

	/* bindx flags: distinct single bits, so "both given" is detectable */
	CU_ASSERT_EQUAL(SCTP_BINDX_ADD_ADDR & SCTP_BINDX_REM_ADDR, 0);
	CU_ASSERT_TRUE(SCTP_BINDX_ADD_ADDR != 0 && SCTP_BINDX_REM_ADDR != 0);
	CU_ASSERT_EQUAL(SCTP_BINDX_ADD_ADDR & (SCTP_BINDX_ADD_ADDR - 1), 0);
	CU_ASSERT_EQUAL(SCTP_BINDX_REM_ADDR & (SCTP_BINDX_REM_ADDR - 1), 0);

	CU_ASSERT_EQUAL(SOL_SCTP, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(IPPROTO_SCTP, 132);
}

/* Values Linux does not have are sctpdk's own and collide with nothing. */
static void
test_private_values_are_free(void)
{
	CU_ASSERT_TRUE(SCTP_SET_STREAM_TIMEOUTS >= SCTPDK_SOCKOPT_PRIVATE_BASE);
	CU_ASSERT_TRUE(SCTPDK_SOCKOPT_PRIVATE_BASE >= 0x1000);
#ifdef SCTPDK_TEST_HAVE_LINUX_SCTP_H
	long maxopt = 0;
	for (const struct sctpdk_api_fact *f = sctpdk_api_linux_values; f->name; f++) {
		/* option numbers are the SCTP_ names Linux passes to setsockopt;
		 * no Linux constant of any kind takes this value either */
		CU_ASSERT_NOT_EQUAL(f->value, SCTP_SET_STREAM_TIMEOUTS);
		if (f->value < 0x1000 && f->value > maxopt)
			maxopt = f->value;
	}
	CU_ASSERT_TRUE(maxopt > 100); /* the table did reach the high options */
	CU_ASSERT_TRUE(SCTPDK_SOCKOPT_PRIVATE_BASE > maxopt);
	long v;
	CU_ASSERT_TRUE(linux_lookup("SCTP_SHUTDOWN_ACK_SENT", &v));
	CU_ASSERT_TRUE(SCTP_BOUND > v && SCTP_LISTEN > v); /* past Linux's last state */
#endif
}

/*
 * MSG_* flags. sinfo_flags bits: single, distinct, within 16 bits. MSG_EOF
 * must differ from every flag an application legitimately passes to a send
 * call (so a send given MSG_EOF can be refused, 4.1.5), and MSG_NOTIFICATION
 * from every flag a receive call reports in msg_flags or accepts as input.
 */
static void
test_msg_flags_clear_of_libc(void)
{
	const long sinfo[] = {MSG_UNORDERED, MSG_ADDR_OVER, MSG_ABORT, MSG_EOF};
	long all = 0;
	for (size_t i = 0; i < NELEM(sinfo); i++) {
		CU_ASSERT_TRUE(sinfo[i] > 0 && sinfo[i] <= 0xffff);
		CU_ASSERT_EQUAL(sinfo[i] & (sinfo[i] - 1), 0);
		CU_ASSERT_EQUAL(all & sinfo[i], 0);
		all |= sinfo[i];
	}
	CU_ASSERT_EQUAL(all & MSG_NOTIFICATION, 0);

#ifdef __linux__
	CU_ASSERT_EQUAL(MSG_EOF, MSG_FIN); /* as Linux's SCTP_EOF */
#endif
	const long send_flags = MSG_DONTWAIT | MSG_NOSIGNAL | MSG_MORE | MSG_OOB | MSG_DONTROUTE |
				MSG_EOR | MSG_CONFIRM;
	CU_ASSERT_EQUAL(MSG_EOF & send_flags, 0);

	const long recv_out = MSG_EOR | MSG_TRUNC | MSG_CTRUNC | MSG_OOB | MSG_ERRQUEUE;
	const long recv_in = MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL | MSG_TRUNC | MSG_OOB;
	CU_ASSERT_EQUAL(MSG_NOTIFICATION & recv_out, 0);
	CU_ASSERT_EQUAL(MSG_NOTIFICATION & recv_in, 0);
	CU_ASSERT_EQUAL(MSG_NOTIFICATION & (MSG_NOTIFICATION - 1), 0);
	CU_ASSERT_TRUE(MSG_NOTIFICATION <= 0xffff);

	/* the option level and O_NONBLOCK of sctpdk_fcntl come from libc */
	CU_ASSERT_NOT_EQUAL(O_NONBLOCK, 0);
}

/* ---- calls -------------------------------------------------------------- */

#define SIG(call, type) __builtin_types_compatible_p(__typeof__(call), type)

/* Each call has exactly its POSIX (or draft) signature, prefixed. Checked on
 * the declarations only: the implementation lands with lib/facade. */
static void
test_call_signatures(void)
{
	CU_ASSERT_TRUE(SIG(sctpdk_socket, int(int, int, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_bind, int(int, const struct sockaddr *, socklen_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_listen, int(int, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_accept, int(int, struct sockaddr *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_connect, int(int, const struct sockaddr *, socklen_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_close, int(int)));
	CU_ASSERT_TRUE(SIG(sctpdk_shutdown, int(int, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_sendmsg, ssize_t(int, const struct msghdr *, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_recvmsg, ssize_t(int, struct msghdr *, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_send, ssize_t(int, const void *, size_t, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_recv, ssize_t(int, void *, size_t, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_sendto, ssize_t(int, const void *, size_t, int,
						  const struct sockaddr *, socklen_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_recvfrom,
			   ssize_t(int, void *, size_t, int, struct sockaddr *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_read, ssize_t(int, void *, size_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_write, ssize_t(int, const void *, size_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_getsockname, int(int, struct sockaddr *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_getpeername, int(int, struct sockaddr *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_setsockopt, int(int, int, int, const void *, socklen_t)));
	CU_ASSERT_TRUE(SIG(sctpdk_getsockopt, int(int, int, int, void *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_fcntl, int(int, int, ...)));
	CU_ASSERT_TRUE(SIG(sctpdk_bindx, int(int, const struct sockaddr_storage *, int, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_peeloff, int(int, const sctp_assoc_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_getpaddrs, int(int, sctp_assoc_t, struct sockaddr_storage **)));
	CU_ASSERT_TRUE(SIG(sctpdk_freepaddrs, void(struct sockaddr_storage *)));
	CU_ASSERT_TRUE(SIG(sctpdk_getladdrs, int(int, sctp_assoc_t, struct sockaddr_storage **)));
	CU_ASSERT_TRUE(SIG(sctpdk_freeladdrs, void(struct sockaddr_storage *)));
	CU_ASSERT_TRUE(SIG(sctpdk_opt_info, int(int, sctp_assoc_t, int, void *, socklen_t *)));
	CU_ASSERT_TRUE(SIG(sctpdk_poll, int(struct sctpdk_pollfd *, nfds_t, int)));
	CU_ASSERT_TRUE(SIG(sctpdk_fileno, int(int)));
	/* a wrong expectation must be caught too */
	CU_ASSERT_FALSE(SIG(sctpdk_send, ssize_t(int, void *, size_t, int)));

	/* and, in the strict C99 unit, against libc's own declarations */
	int n = 0;
	for (const struct sctpdk_api_fact *f = sctpdk_api_libc_types_c99; f->name; f++, n++) {
		if (f->value != 1)
			printf("  sctpdk_%s differs from libc's %s\n", f->name, f->name);
		CU_ASSERT_EQUAL(f->value, 1);
	}
	CU_ASSERT_EQUAL(n, 20);
}

/* ---- language modes ----------------------------------------------------- */

#define API_SIZE(T)   {"sizeof(" #T ")", (long)sizeof(T)},
#define API_OFF(T, m) {"offsetof(" #T ", " #m ")", (long)offsetof(T, m)},
#define API_VAL(x)    {#x, (long)(x)},

static const struct sctpdk_api_fact facts_here[] = {SCTPDK_API_LAYOUT_LIST{NULL, 0}};

/* The strict C99 unit and this GNU C unit see identical layouts/values. */
static void
test_c99_and_gnu_views_agree(void)
{
	size_t n = 0;
	for (; facts_here[n].name; n++) {
		const struct sctpdk_api_fact *c = &sctpdk_api_facts_c99[n];
		CU_ASSERT_PTR_NOT_NULL_FATAL(c->name);
		CU_ASSERT_STRING_EQUAL(c->name, facts_here[n].name);
		if (c->value != facts_here[n].value)
			printf("  %s: C99 %ld, GNU C %ld\n", c->name, c->value,
			       facts_here[n].value);
		CU_ASSERT_EQUAL(c->value, facts_here[n].value);
	}
	CU_ASSERT_PTR_NULL(sctpdk_api_facts_c99[n].name);
	CU_ASSERT_TRUE(n > 100);
}

SCTPDK_TEST_SUITE(api_socket_h, NULL, NULL, SCTPDK_TEST(test_draft_field_order_5x),
		  SCTPDK_TEST(test_draft_field_order_7x), SCTPDK_TEST(test_fixed_sizes),
		  SCTPDK_TEST(test_alias_spellings_share_storage),
		  SCTPDK_TEST(test_notifications_share_header),
		  SCTPDK_TEST(test_values_equal_linux),
		  SCTPDK_TEST(test_values_match_installed_linux_header),
		  SCTPDK_TEST(test_distinct_numbers), SCTPDK_TEST(test_private_values_are_free),
		  SCTPDK_TEST(test_msg_flags_clear_of_libc), SCTPDK_TEST(test_call_signatures),
		  SCTPDK_TEST(test_c99_and_gnu_views_agree))
