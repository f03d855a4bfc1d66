/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk socket API: the SCTP sockets API of draft-ietf-tsvwg-sctpsocket-04
 * ("the draft"; section numbers below are the draft's) for application
 * threads, with every call prefixed sctpdk_ so it never clashes with libc or
 * a kernel SCTP library. This header is the contract lib/facade implements.
 *
 * Structures, option names and constants carry the draft's names (bare
 * sctp_ / SCTP_ / MSG_ names, exactly as a sockets program expects them).
 * Where Linux (<linux/sctp.h>, lksctp-tools <netinet/sctp.h>) has the same
 * constant or option, the numeric value is Linux's; where the draft's name
 * differs from RFC 6458 / Linux, both names exist with one value. Values
 * without a Linux counterpart are sctpdk's own and are marked so.
 * doc/api.md has the full value table and the reasoning for each choice.
 *
 * Do not include this header and a system SCTP header (<netinet/sctp.h>,
 * <linux/sctp.h>, <usrsctp.h>, BSD <netinet/sctp_uio.h>) in one translation
 * unit: both define struct sctp_sndrcvinfo and friends. Including this header
 * after one of those stops with an #error; including one of those after this
 * header fails on the structure redefinitions.
 *
 * Descriptors. sctpdk_socket() returns an sctpdk descriptor: a small int
 * naming a socket in the sctpdk descriptor table, NOT a kernel file
 * descriptor. Pass it only to sctpdk_* calls. sctpdk_fileno() gives the
 * socket's kernel eventfd for the application's own poll/epoll/select.
 *
 * Errors. Unlike the rest of sctpdk (negative SCTPDK_ERR_* codes), these
 * calls follow the sockets convention: -1 (or NULL) and errno set, with the
 * errno values a POSIX system gives for the same situation. Every call that
 * takes a descriptor fails with EBADF when it is not an open sctpdk socket
 * (sctpdk_poll reports POLLNVAL instead).
 *
 * Threads. Every call may be made from any application thread. No call may
 * be made from a stack lcore (an lcore running the sctpdk poll loop): the
 * protocol runs there and must never wait, so those calls fail with EDEADLK.
 * On one socket: sending calls may run concurrently with receiving calls;
 * concurrent senders are allowed (each message is queued whole; the order
 * between two concurrent senders is unspecified); concurrent receivers are
 * allowed (each call takes distinct messages; the rest of a partly read
 * message goes to whichever receive call comes next, so applications that
 * read messages in pieces use one reader per socket). Option, bind and
 * address calls on one socket are serialised inside sctpdk. sctpdk_close()
 * concurrent with other calls on the same descriptor wakes the blocked ones,
 * which fail with EBADF; the descriptor number is reused only after all of
 * them returned. Blocking calls sleep (no busy-wait) and return EINTR when a
 * signal handler interrupts the wait. sctpdk never raises SIGPIPE.
 */
#ifndef SCTPDK_SOCKET_H
#define SCTPDK_SOCKET_H

#if defined(__linux_sctp_h__) || defined(_SCTP_H) || defined(_UAPI_SCTP_H) ||                      \
    defined(__USRSCTP_H__) || defined(_NETINET_SCTP_H_) || defined(_NETINET_SCTP_UIO_H_)
#error "sctpdk_socket.h: do not include a system SCTP header in the same unit"
#endif

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Spelling aliases. Where the draft spells one field two ways (or RFC 6458
 * renamed it), both names are members of an anonymous union at the same
 * offset, so either compiles and the layout is unchanged. Anonymous members
 * need C11, C++ or a GNU-compatible compiler; elsewhere only the first
 * (draft structure) name exists. SCTPDK_SOCKET_HAVE_ALIASES tells which.
 */
#if defined(__GNUC__) || defined(__cplusplus) ||                                                   \
    (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L)
#define SCTPDK_SOCKET_HAVE_ALIASES 1
#else
#define SCTPDK_SOCKET_HAVE_ALIASES 0
#endif

#if defined(__GNUC__)
#define SCTPDK_SOCKET_EXT_ __extension__
#else
#define SCTPDK_SOCKET_EXT_
#endif

#if SCTPDK_SOCKET_HAVE_ALIASES
#define SCTPDK_SOCKET_ALIAS2_(type, a, b)                                                          \
	SCTPDK_SOCKET_EXT_ union {                                                                 \
		type a;                                                                            \
		type b;                                                                            \
	}
#define SCTPDK_SOCKET_ALIAS3_(type, a, b, c)                                                       \
	SCTPDK_SOCKET_EXT_ union {                                                                 \
		type a;                                                                            \
		type b;                                                                            \
		type c;                                                                            \
	}
#else
#define SCTPDK_SOCKET_ALIAS2_(type, a, b)    type a
#define SCTPDK_SOCKET_ALIAS3_(type, a, b, c) type a
#endif

/* Variable-length tail (sre_data, ssf_data): a C99 flexible array member;
 * C++ has none, so there a zero-length array of the same offset and size. */
#ifdef __cplusplus
#define SCTPDK_SOCKET_TAIL_(type, name) SCTPDK_SOCKET_EXT_ type name[0]
#else
#define SCTPDK_SOCKET_TAIL_(type, name) type name[]
#endif

/* ------------------------------------------------------------------------ */
/* Protocol and level numbers                                               */
/* ------------------------------------------------------------------------ */

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132 /* IANA protocol number; libc defines it normally */
#endif
#ifndef SOL_SCTP
#define SOL_SCTP 132 /* option level; same as IPPROTO_SCTP (Linux value) */
#endif

/* Association identifier (section 5.2.2 sinfo_assoc_id). Signed 32 bits as on
 * Linux. 0 names the endpoint itself in options (section 7 rule c); the ids
 * sctpdk hands out for associations are never 0. */
typedef int32_t sctp_assoc_t;

/* ------------------------------------------------------------------------ */
/* 5.2 Ancillary data (cmsg_level IPPROTO_SCTP)                             */
/* ------------------------------------------------------------------------ */

#define SCTP_INIT   0 /* 5.2.1 cmsg_type: struct sctp_initmsg (sendmsg only) */
#define SCTP_SNDRCV 1 /* 5.2.2 cmsg_type: struct sctp_sndrcvinfo */

/* 5.2.1 and 7.1.3 (SCTP_INITMSG). 0 in any field = use the endpoint default. */
struct sctp_initmsg {
	uint16_t sinit_num_ostreams;   /* outbound streams wanted */
	uint16_t sinit_max_instreams;  /* most inbound streams accepted */
	uint16_t sinit_max_attempts;   /* INIT retransmissions (Max.Init.Retransmits) */
	uint16_t sinit_max_init_timeo; /* RTO bound during setup, ms */
};

/* 5.2.2 Per-message send/receive information; also the value of
 * SCTP_SET_DEFAULT_SEND_PARAM (7.1.15) and ssf_info of SCTP_SEND_FAILED. */
struct sctp_sndrcvinfo {
	uint16_t sinfo_stream;       /* stream number */
	uint16_t sinfo_ssn;          /* recv: stream sequence number; send: ignored */
	uint16_t sinfo_flags;        /* MSG_UNORDERED, MSG_ADDR_OVER, MSG_ABORT, MSG_EOF */
	uint32_t sinfo_ppid;         /* payload protocol id, passed opaquely */
	uint32_t sinfo_context;      /* send: returned with SCTP_SEND_FAILED */
	uint32_t sinfo_timetolive;   /* send: lifetime in ms, 0 = no limit */
	uint32_t sinfo_tsn;          /* recv: a TSN of the message */
	sctp_assoc_t sinfo_assoc_id; /* association (UDP-style); ignored TCP-style */
};

/*
 * sinfo_flags (5.2.2). These live only in sinfo_flags, never in the flags
 * argument of the send calls, which keeps libc's MSG_* values there: the
 * values are Linux's (SCTP_UNORDERED 1, SCTP_ADDR_OVER 2, SCTP_ABORT 4,
 * SCTP_EOF = MSG_FIN). MSG_EOF equals no flag a send call accepts, so a
 * send call given MSG_EOF in its flags argument (4.1.5) is recognised and
 * refused. The RFC 6458 names are provided with the same values.
 */
#ifndef MSG_UNORDERED
#define MSG_UNORDERED 0x0001 /* send unordered / was sent unordered */
#endif
#ifndef MSG_ADDR_OVER
#define MSG_ADDR_OVER 0x0002 /* send to msg_name instead of the primary */
#endif
#ifndef MSG_ABORT
#define MSG_ABORT 0x0004 /* abort the association (UDP-style only) */
#endif
#ifndef MSG_EOF
#ifdef MSG_FIN
#define MSG_EOF MSG_FIN /* graceful shutdown (UDP-style only); Linux value */
#else
#define MSG_EOF 0x0200
#endif
#endif
#define SCTP_UNORDERED MSG_UNORDERED
#define SCTP_ADDR_OVER MSG_ADDR_OVER
#define SCTP_ABORT     MSG_ABORT
#define SCTP_EOF       MSG_EOF

/* msghdr.msg_flags on return from a receive call (5.1): the message is a
 * notification. Linux value; only ever reported, never accepted as input,
 * so sharing its bit with the send-only MSG_MORE is harmless (as on Linux).
 * MSG_EOR (last piece of a message) and MSG_CTRUNC (control truncated) are
 * libc's. */
#ifndef MSG_NOTIFICATION
#define MSG_NOTIFICATION 0x8000
#endif

/* ------------------------------------------------------------------------ */
/* 5.3 Notifications, read with the receive calls when MSG_NOTIFICATION set  */
/* ------------------------------------------------------------------------ */

/* sn_type values (5.3.1). Standard values are above 2^15; Linux values. */
#define SCTP_SN_TYPE_BASE           0x8000
#define SCTP_ASSOC_CHANGE           0x8001                   /* 5.3.1.1 */
#define SCTP_PEER_ADDR_CHANGE       0x8002                   /* 5.3.1.2 */
#define SCTP_SEND_FAILED            0x8003                   /* 5.3.1.4 */
#define SCTP_REMOTE_ERROR           0x8004                   /* 5.3.1.3 */
#define SCTP_SHUTDOWN_EVENT         0x8005                   /* 5.3.1.5 */
#define SCTP_PARTIAL_DELIVERY_EVENT 0x8006                   /* 5.3.1.7 */
#define SCTP_ADAPTION_INDICATION    0x8007                   /* 5.3.1.6 */
#define SCTP_ADAPTATION_INDICATION  SCTP_ADAPTION_INDICATION /* RFC 6458 name */

/* The header every notification starts with (5.3.1 "h"). */
struct sctp_tlv {
	uint16_t sn_type;   /* SCTP_ASSOC_CHANGE ... */
	uint16_t sn_flags;  /* notification-specific */
	uint32_t sn_length; /* whole notification, header included, bytes */
};

/* 5.3.1.1 */
struct sctp_assoc_change {
	uint16_t sac_type; /* SCTP_ASSOC_CHANGE */
	uint16_t sac_flags;
	uint32_t sac_length;
	uint16_t sac_state; /* SCTP_COMM_UP ... SCTP_CANT_STR_ASSOC */
	uint16_t sac_error; /* protocol error cause code, when relevant */
	uint16_t sac_outbound_streams;
	uint16_t sac_inbound_streams;
	sctp_assoc_t sac_assoc_id;
};

/* sac_state (Linux values) */
#define SCTP_COMM_UP        0 /* association ready for data */
#define SCTP_COMM_LOST      1 /* association failed; now closed */
#define SCTP_RESTART        2 /* peer restarted */
#define SCTP_SHUTDOWN_COMP  3 /* graceful close completed */
#define SCTP_CANT_STR_ASSOC 4 /* association setup failed */

/* 5.3.1.2. The draft's structure spells the address spc_aaddr (as Linux);
 * its text spells it spc_addr: both name the same member. */
struct sctp_paddr_change {
	uint16_t spc_type; /* SCTP_PEER_ADDR_CHANGE */
	uint16_t spc_flags;
	uint32_t spc_length;
	SCTPDK_SOCKET_ALIAS2_(struct sockaddr_storage, spc_aaddr, spc_addr);
	int spc_state; /* SCTP_ADDR_AVAILABLE ... */
	int spc_error;
	sctp_assoc_t spc_assoc_id;
};

/* spc_state (Linux values) */
#define SCTP_ADDR_AVAILABLE   0
#define SCTP_ADDR_UNREACHABLE 1
#define SCTP_ADDR_UNREACHABL  SCTP_ADDR_UNREACHABLE /* the draft table's spelling */
#define SCTP_ADDR_REMOVED     2
#define SCTP_ADDR_ADDED       3
#define SCTP_ADDR_MADE_PRIM   4
#define SCTP_ADDR_CONFIRMED   5 /* RFC 6458/Linux: path confirmed (RFC 9260 5.4) */

/* 5.3.1.3. sre_data holds the error cause TLV as received. */
struct sctp_remote_error {
	uint16_t sre_type; /* SCTP_REMOTE_ERROR */
	uint16_t sre_flags;
	uint32_t sre_length; /* header + sre_data */
	uint16_t sre_error;  /* error cause code, network byte order */
	sctp_assoc_t sre_assoc_id;
	SCTPDK_SOCKET_TAIL_(uint8_t, sre_data);
};

/* 5.3.1.4. ssf_data holds the undelivered message. */
struct sctp_send_failed {
	uint16_t ssf_type;   /* SCTP_SEND_FAILED */
	uint16_t ssf_flags;  /* SCTP_DATA_UNSENT or SCTP_DATA_SENT */
	uint32_t ssf_length; /* header + ssf_data */
	uint32_t ssf_error;
	struct sctp_sndrcvinfo ssf_info; /* as given to the failed send */
	sctp_assoc_t ssf_assoc_id;
	SCTPDK_SOCKET_TAIL_(uint8_t, ssf_data);
};

/* ssf_flags (values, not bits; Linux values) */
#define SCTP_DATA_UNSENT 0 /* never put on the wire */
#define SCTP_DATA_SENT   1 /* put on the wire, delivery unknown */

/* 5.3.1.5 */
struct sctp_shutdown_event {
	uint16_t sse_type; /* SCTP_SHUTDOWN_EVENT */
	uint16_t sse_flags;
	uint32_t sse_length;
	sctp_assoc_t sse_assoc_id;
};

/* 5.3.1.6. The draft's structure names the fields sai_adaptation_bits and
 * sse_assoc_id; its text says sai_adaption_bits and sai_assoc_id; RFC 6458
 * says sai_adaptation_ind. All spellings name the same members. */
struct sctp_adaption_event {
	uint16_t sai_type; /* SCTP_ADAPTION_INDICATION */
	uint16_t sai_flags;
	uint32_t sai_length;
	SCTPDK_SOCKET_ALIAS3_(uint32_t, sai_adaptation_bits, sai_adaption_bits, sai_adaptation_ind);
	SCTPDK_SOCKET_ALIAS2_(sctp_assoc_t, sse_assoc_id, sai_assoc_id);
};

/* RFC 6458 / Linux name of the same notification, same layout. */
struct sctp_adaptation_event {
	uint16_t sai_type;
	uint16_t sai_flags;
	uint32_t sai_length;
	uint32_t sai_adaptation_ind;
	sctp_assoc_t sai_assoc_id;
};

/* 5.3.1.7 */
struct sctp_rcv_pdapi_event {
	uint16_t pdapi_type; /* SCTP_PARTIAL_DELIVERY_EVENT */
	uint16_t pdapi_flags;
	uint32_t pdapi_length;
	uint32_t pdapi_indication; /* SCTP_PARTIAL_DELIVERY_ABORTED */
	sctp_assoc_t pdapi_assoc_id;
};

/* RFC 6458 / Linux name of the same notification, same layout (Linux adds
 * pdapi_stream and pdapi_seq after pdapi_assoc_id; the draft has neither). */
struct sctp_pdapi_event {
	uint16_t pdapi_type;
	uint16_t pdapi_flags;
	uint32_t pdapi_length;
	uint32_t pdapi_indication;
	sctp_assoc_t pdapi_assoc_id;
};

#define SCTP_PARTIAL_DELIVERY_ABORTED 0 /* pdapi_indication (Linux value) */

/*
 * 5.3.1 Every notification, read into a buffer of this type. h is the
 * draft's header name, sn_header RFC 6458's; the draft's Appendix A also
 * reads snp->sn_type directly, which the anonymous member allows. The two
 * spellings of each notification member overlay the same bytes.
 */
union sctp_notification {
	struct sctp_tlv h;
	struct sctp_tlv sn_header;
#if SCTPDK_SOCKET_HAVE_ALIASES
	SCTPDK_SOCKET_EXT_ struct {
		uint16_t sn_type;
		uint16_t sn_flags;
		uint32_t sn_length;
	};
#endif
	struct sctp_assoc_change sn_assoc_change;
	struct sctp_paddr_change sn_padr_change;  /* the draft's spelling */
	struct sctp_paddr_change sn_paddr_change; /* Appendix A / RFC 6458 */
	struct sctp_remote_error sn_remote_error;
	struct sctp_send_failed sn_send_failed;
	struct sctp_shutdown_event sn_shutdown_event;
	struct sctp_adaption_event sn_adaption_event;
	struct sctp_adaptation_event sn_adaptation_event;
	struct sctp_rcv_pdapi_event sn_rcv_pdapi_event;
	struct sctp_pdapi_event sn_pdapi_event;
};

/* ------------------------------------------------------------------------ */
/* 7 Socket options (level IPPROTO_SCTP unless noted)                       */
/* ------------------------------------------------------------------------ */

/*
 * Option numbers. Linux's where Linux has the option. Note 7.1.9/7.1.10: in
 * the draft SCTP_SET_PRIMARY_ADDR asks the PEER to use one of our addresses
 * and SCTP_SET_PEER_PRIMARY_ADDR sets OUR primary to a peer address; RFC 6458
 * and Linux give those two meanings the names SCTP_SET_PEER_PRIMARY_ADDR (5)
 * and SCTP_PRIMARY_ADDR (6). Values follow the meaning, so 5 and 6 mean here
 * what they mean on Linux, and SCTP_PRIMARY_ADDR means what RFC 6458 says.
 * SO_LINGER, SO_RCVBUF and SO_SNDBUF (7.1.4, 7.1.6, 7.1.7) are libc's, at
 * level SOL_SOCKET.
 */
#define SCTP_RTOINFO      0              /* 7.1.1 struct sctp_rtoinfo */
#define SCTP_ASSOCINFO    1              /* 7.1.2 struct sctp_assocparams */
#define SCTP_ASSOCRTXINFO SCTP_ASSOCINFO /* 7.1.2 text / TOC name */
#define SCTP_INITMSG      2              /* 7.1.3 struct sctp_initmsg */
#define SCTP_NODELAY      3              /* 7.1.5 int boolean */
#ifndef SO_NODELAY
#define SO_NODELAY SCTP_NODELAY /* 7.1.5 TOC name; level IPPROTO_SCTP, not SOL_SOCKET */
#endif
#define SCTP_AUTOCLOSE              4 /* 7.1.8 int seconds, UDP-style */
#define SCTP_SET_PRIMARY_ADDR       5 /* 7.1.9 struct sctp_setprim: ask peer */
#define SCTP_SET_PEER_PRIMARY_ADDR  6 /* 7.1.10 struct sctp_setpeerprim: our primary */
#define SCTP_PRIMARY_ADDR           SCTP_SET_PEER_PRIMARY_ADDR  /* RFC 6458 name of 7.1.10 */
#define SCTP_SET_ADAPTION_LAYER     7                           /* 7.1.11 struct sctp_setadaption */
#define SCTP_ADAPTATION_LAYER       SCTP_SET_ADAPTION_LAYER     /* RFC 6458 name */
#define SCTP_DISABLE_FRAGMENTS      8                           /* 7.1.13 int boolean */
#define SCTP_SET_PEER_ADDR_PARAMS   9                           /* 7.1.14 struct sctp_paddrparams */
#define SCTP_PEER_ADDR_PARAMS       SCTP_SET_PEER_ADDR_PARAMS   /* RFC 6458 name */
#define SCTP_SET_DEFAULT_SEND_PARAM 10                          /* 7.1.15 struct sctp_sndrcvinfo */
#define SCTP_DEFAULT_SEND_PARAM     SCTP_SET_DEFAULT_SEND_PARAM /* RFC 6458 name */
#define SCTP_SET_EVENTS             11              /* 7.1.16, 7.3 struct sctp_event_subscribe */
#define SCTP_EVENTS                 SCTP_SET_EVENTS /* RFC 6458 name */
#define SCTP_SET_EVENT              SCTP_SET_EVENTS /* spelling of the 7.3 example */
#define SCTP_STATUS                 14              /* 7.2.1 struct sctp_status, read-only */
#define SCTP_GET_PEER_ADDR_INFO     15              /* 7.2.2 struct sctp_paddrinfo, read-only */

/* Options Linux does not have: sctpdk numbers from here up, far above
 * every Linux SCTP option number. */
#define SCTPDK_SOCKOPT_PRIVATE_BASE 0x1000
#define SCTP_SET_STREAM_TIMEOUTS    (SCTPDK_SOCKOPT_PRIVATE_BASE + 0) /* 7.1.12 */

/* 7.1.1 RTO bounds, ms; 0 on set = leave unchanged. */
struct sctp_rtoinfo {
	sctp_assoc_t srto_assoc_id;
	uint32_t srto_initial;
	uint32_t srto_max;
	uint32_t srto_min;
};

/* 7.1.2 Association parameters. Only sasoc_asocmaxrxt and sasoc_cookie_life
 * are settable; the rest are reported. */
struct sctp_assocparams {
	sctp_assoc_t sasoc_assoc_id;
	uint16_t sasoc_asocmaxrxt;
	uint16_t sasoc_number_peer_destinations;
	uint32_t sasoc_peer_rwnd;
	uint32_t sasoc_local_rwnd;
	uint32_t sasoc_cookie_life; /* ms */
};

/* 7.1.9 SCTP_SET_PRIMARY_ADDR: ssp_addr is one of our bound addresses. */
struct sctp_setprim {
	sctp_assoc_t ssp_assoc_id;
	struct sockaddr_storage ssp_addr;
};

/* 7.1.10 SCTP_SET_PEER_PRIMARY_ADDR: sspp_addr is one of the peer's. */
struct sctp_setpeerprim {
	sctp_assoc_t sspp_assoc_id;
	struct sockaddr_storage sspp_addr;
};

/* 7.1.11 Adaption layer indication for future INIT/INIT ACK. */
struct sctp_setadaption {
	uint32_t ssb_adaption_ind;
};

/* RFC 6458 / Linux name and spelling of the same option value, same layout
 * (a one-member struct cannot carry an alias member in strict C99). */
struct sctp_setadaptation {
	uint32_t ssb_adaptation_ind;
};

/* 7.1.12 Default lifetime (ms, 0 = none) of queued messages on the streams
 * ssto_streamid_start..ssto_streamid_end inclusive. */
struct sctp_setstrm_timeout {
	sctp_assoc_t ssto_assoc_id;
	uint32_t ssto_timeout;
	uint16_t ssto_streamid_start;
	uint16_t ssto_streamid_end;
};

/* 7.1.14 Per-address heartbeat and retransmission limits. spp_hbinterval:
 * ms; 0 on set disables heartbeats; UINT32_MAX sends one now and keeps the
 * interval. */
struct sctp_paddrparams {
	sctp_assoc_t spp_assoc_id;
	struct sockaddr_storage spp_address;
	uint32_t spp_hbinterval;
	uint16_t spp_pathmaxrxt;
};

/* 7.2.2 Peer address information (read-only). */
struct sctp_paddrinfo {
	sctp_assoc_t spinfo_assoc_id;
	struct sockaddr_storage spinfo_address; /* in: the peer address asked about */
	int32_t spinfo_state;                   /* SCTP_ACTIVE, SCTP_INACTIVE, SCTP_UNCONFIRMED */
	uint32_t spinfo_cwnd;                   /* bytes */
	uint32_t spinfo_srtt;                   /* ms */
	uint32_t spinfo_rto;                    /* ms */
	uint32_t spinfo_mtu;                    /* bytes */
};

/* spinfo_state (Linux values; Linux's SCTP_PF = 1 is not used) */
#define SCTP_INACTIVE    0
#define SCTP_ACTIVE      2
#define SCTP_UNCONFIRMED 3 /* RFC 6458/Linux: not yet confirmed (RFC 9260 5.4) */

/* 7.2.1 Association status (read-only). */
struct sctp_status {
	sctp_assoc_t sstat_assoc_id;
	int32_t sstat_state;      /* SCTP_CLOSED ... */
	uint32_t sstat_rwnd;      /* peer's receive window, bytes */
	uint16_t sstat_unackdata; /* unacknowledged DATA chunks */
	uint16_t sstat_penddata;  /* DATA chunks pending receipt */
	uint16_t sstat_instrms;
	uint16_t sstat_outstrms;
	uint32_t sstat_fragmentation_point; /* bytes */
	struct sctp_paddrinfo sstat_primary;
};

/* sstat_state: Linux values; SCTP_BOUND and SCTP_LISTEN (endpoint states
 * the draft lists, Linux does not) are sctpdk's. */
#define SCTP_CLOSED            1
#define SCTP_COOKIE_WAIT       2
#define SCTP_COOKIE_ECHOED     3
#define SCTP_ESTABLISHED       4
#define SCTP_SHUTDOWN_PENDING  5
#define SCTP_SHUTDOWN_SENT     6
#define SCTP_SHUTDOWN_RECEIVED 7
#define SCTP_SHUTDOWN_ACK_SENT 8
#define SCTP_BOUND             9
#define SCTP_LISTEN            10

/* 7.3 Event and ancillary data subscription: 1 = deliver, 0 = do not.
 * Defaults: TCP-style all 0; UDP-style sctp_data_io_event and
 * sctp_association_event 1. */
struct sctp_event_subscribe {
	uint8_t sctp_data_io_event;          /* SCTP_SNDRCV cmsg on receive */
	uint8_t sctp_association_event;      /* SCTP_ASSOC_CHANGE */
	uint8_t sctp_address_event;          /* SCTP_PEER_ADDR_CHANGE */
	uint8_t sctp_send_failure_event;     /* SCTP_SEND_FAILED */
	uint8_t sctp_peer_error_event;       /* SCTP_REMOTE_ERROR */
	uint8_t sctp_shutdown_event;         /* SCTP_SHUTDOWN_EVENT */
	uint8_t sctp_partial_delivery_event; /* SCTP_PARTIAL_DELIVERY_EVENT */
	SCTPDK_SOCKET_ALIAS2_(uint8_t, sctp_adaption_layer_event, sctp_adaptation_layer_event);
};

/* 8.1 sctpdk_bindx() flags (Linux values) */
#define SCTP_BINDX_ADD_ADDR 0x01
#define SCTP_BINDX_REM_ADDR 0x02

/* ------------------------------------------------------------------------ */
/* Calls                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * sctpdk_socket - create an SCTP endpoint (3.1.1, 4.1.1).
 * domain: AF_INET (IPv4 only) or AF_INET6 (IPv6 and IPv4-mapped).
 * type: SOCK_SEQPACKET (UDP-style, one-to-many) or SOCK_STREAM (TCP-style,
 *   one-to-one), optionally or-ed with SOCK_NONBLOCK where libc defines it.
 * protocol: IPPROTO_SCTP or 0.
 * Returns a new sctpdk descriptor (>= 0), or -1 with errno:
 *   EAFNOSUPPORT (domain), EPROTONOSUPPORT (protocol), ESOCKTNOSUPPORT (type),
 *   EMFILE (descriptor table full), ENOMEM/ENOBUFS (no memory),
 *   ENETDOWN (no sctpdk stack running in this process).
 * Threads: any application thread.
 */
int sctpdk_socket(int domain, int type, int protocol);

/*
 * sctpdk_bind - give the endpoint its first local address and port (3.1.2,
 * 4.1.2). A wildcard address binds every address of the stack's interfaces;
 * port 0 picks an ephemeral port. More addresses: sctpdk_bindx().
 * addr/addrlen: sockaddr_in or sockaddr_in6 (IPv4 only on an AF_INET
 *   socket); read during the call only.
 * Returns 0, or -1 with errno: EINVAL (already bound, bad length or family),
 *   EAFNOSUPPORT (IPv6 address on an AF_INET socket), EADDRINUSE (port taken),
 *   EADDRNOTAVAIL (address not on this stack), EACCES (port < 1024 and the
 *   caller is not privileged, section 9).
 * Threads: any application thread; serialised with other control calls on
 *   the socket.
 */
int sctpdk_bind(int sd, const struct sockaddr *addr, socklen_t addrlen);

/*
 * sctpdk_listen - accept new associations (3.1.3, 4.1.3).
 * UDP-style: backlog ignored; new associations are accepted from now on and
 *   announced by SCTP_ASSOC_CHANGE/SCTP_COMM_UP.
 * TCP-style: backlog bounds the queue of ESTABLISHED associations awaiting
 *   sctpdk_accept(); 0 stops accepting new associations.
 * Unbound sockets get an ephemeral port and the wildcard address.
 * Returns 0, or -1 with errno: EINVAL (TCP-style socket that is connected),
 *   EADDRINUSE (ephemeral binding failed).
 * Threads: any application thread.
 */
int sctpdk_listen(int sd, int backlog);

/*
 * sctpdk_accept - take one established association off a listening
 * TCP-style socket's queue as a new socket (4.1.4). Blocks until one is
 * queued unless the socket is non-blocking.
 * addr/addrlen: optional (both NULL or both valid); on return the peer's
 *   primary address, truncated to *addrlen, which is set to its full length.
 *   New sockets inherit options, event subscription and O_NONBLOCK (as
 *   set by sctpdk_fcntl) from the listener.
 * Returns the new descriptor, or -1 with errno: EOPNOTSUPP (UDP-style socket),
 *   EINVAL (not listening), EAGAIN (non-blocking, queue empty), EMFILE,
 *   ENOMEM, EINTR, EBADF (closed while waiting).
 * Threads: any application thread; concurrent acceptors each get distinct
 *   associations.
 */
int sctpdk_accept(int sd, struct sockaddr *addr, socklen_t *addrlen);

/*
 * sctpdk_connect - start an association to addr (4.1.5, 3.1.6), using the
 * SCTP_INITMSG parameters. TCP-style: blocks until SCTP_COMM_UP (or
 * failure); a non-blocking socket returns EINPROGRESS and reports the
 * outcome by POLLOUT (up) or POLLERR (failed; SO_ERROR at SOL_SOCKET then
 * reads the errno and clears it). UDP-style: adds an association to the
 * socket without sending data; blocks like TCP-style unless non-blocking.
 * Returns 0, or -1 with errno: EISCONN (TCP-style, already connected;
 *   UDP-style, association to addr exists), EALREADY (setup in progress),
 *   EINPROGRESS, ECONNREFUSED (peer answered ABORT), ETIMEDOUT (INIT
 *   retransmissions exhausted), EINVAL (listening TCP-style socket, bad
 *   address), EAFNOSUPPORT, ENETUNREACH, EADDRNOTAVAIL, EINTR.
 * Threads: any application thread.
 */
int sctpdk_connect(int sd, const struct sockaddr *addr, socklen_t addrlen);

/*
 * sctpdk_close - release the descriptor (3.1.5, 4.1.6). Every association
 * of the socket (not those peeled off) is shut down gracefully; with
 * SO_LINGER on and l_linger 0 they are aborted instead; with l_linger > 0
 * close waits at most l_linger for the shutdowns to finish, then returns
 * while they continue. Undelivered received data is discarded.
 * Returns 0, or -1 with errno: EINTR (the lingering wait was interrupted;
 *   the descriptor is released all the same).
 * Threads: any application thread (see "Threads" at the top for close
 *   concurrent with other calls).
 */
int sctpdk_close(int sd);

/*
 * sctpdk_shutdown - TCP-style shutdown (4.1.7). SHUT_RD: no more receiving,
 * no protocol action. SHUT_WR: no more sending; starts the SCTP shutdown;
 * the socket stays readable so SCTP_SEND_FAILED notifications can still be
 * read. SHUT_RDWR: both.
 * Returns 0, or -1 with errno: EINVAL (bad how), ENOTCONN (no association),
 *   EOPNOTSUPP (UDP-style socket: use MSG_EOF per association).
 * Threads: any application thread.
 */
int sctpdk_shutdown(int sd, int how);

/*
 * sctpdk_sendmsg - send one message (3.1.4, 4.1.8, 5). msg_iov is gathered
 * into one user message; msg_control may carry one SCTP_SNDRCV item
 * (stream, ppid, sinfo_flags, context, time to live; defaults from
 * SCTP_SET_DEFAULT_SEND_PARAM) and, UDP-style, one SCTP_INIT item.
 * UDP-style: msg_name selects the association by a peer address; if none
 *   exists one is set up implicitly (3.2; the message may ride with the
 *   COOKIE ECHO); sinfo_assoc_id may select it instead. MSG_EOF shuts the
 *   association down gracefully and MSG_ABORT aborts it (no data needed).
 * TCP-style: msg_name, if set, is a peer address to use instead of the
 *   primary; MSG_EOF and MSG_ABORT are refused.
 * Buffers: msg and everything it points to are read during the call only;
 *   bytes are copied once into stack buffers before the call returns.
 * flags: MSG_DONTWAIT (this call non-blocking), MSG_NOSIGNAL (accepted, no
 *   effect). Blocks while the socket's send space (SO_SNDBUF) is full.
 * Returns the bytes queued (the whole message), or -1 with errno:
 *   EINVAL (no data and no control, bad stream, bad cmsg, MSG_EOF/MSG_ABORT
 *   on a TCP-style socket or in flags), EMSGSIZE (larger than SO_SNDBUF, or
 *   than the path MTU with SCTP_DISABLE_FRAGMENTS), EAGAIN (non-blocking and
 *   no space), ESHUTDOWN (association shutting down, 3.1.4), ENOTCONN
 *   (TCP-style, not connected), EPIPE (association gone), ECONNRESET
 *   (aborted by peer), EOPNOTSUPP (unsupported flag), EDESTADDRREQ (UDP-style
 *   without msg_name or association id), EINTR.
 * Threads: any application thread; concurrent senders each send whole
 *   messages.
 */
ssize_t sctpdk_sendmsg(int sd, const struct msghdr *msg, int flags);

/*
 * sctpdk_recvmsg - receive one message or notification, or the next piece
 * of one (3.1.4, 4.1.8, 5). msg_flags on return: MSG_EOR when the last byte
 * of the message was read (partial reads continue the same message);
 * MSG_NOTIFICATION for a notification (a union sctp_notification in
 * msg_iov); MSG_CTRUNC when msg_control was too small. msg_name receives
 * the source address. msg_control receives an SCTP_SNDRCV item when
 * sctp_data_io_event is subscribed.
 * Buffers: the caller owns all buffers; sctpdk writes into them during the
 *   call and keeps no reference.
 * flags: MSG_DONTWAIT, MSG_PEEK (read without consuming).
 * Returns the bytes stored in msg_iov (0 = TCP-style association closed
 *   and nothing left), or -1 with errno: EAGAIN (non-blocking, nothing
 *   queued), ENOTCONN (TCP-style, never connected), ECONNRESET (aborted),
 *   EINVAL (bad msghdr), EOPNOTSUPP (unsupported flag), EINTR.
 * Threads: any application thread; see "Threads" for concurrent receivers.
 */
ssize_t sctpdk_recvmsg(int sd, struct msghdr *msg, int flags);

/*
 * sctpdk_send - send one message of len bytes on stream 0 with the default
 * send parameters (6.1). TCP-style sockets and peeled-off UDP-style sockets
 * only. buf is read during the call only. flags, return and errno as
 * sctpdk_sendmsg(); additionally EDESTADDRREQ on a one-to-many socket.
 * Threads: any application thread.
 */
ssize_t sctpdk_send(int sd, const void *buf, size_t len, int flags);

/*
 * sctpdk_recv - receive one message (or the next piece of one) from any
 * stream into buf (6.1); the stream is not reported and notifications are
 * not delivered through it unless subscribed (they then arrive as data
 * bytes; use sctpdk_recvmsg() to tell them apart). buf is owned by the
 * caller. flags, return and errno as sctpdk_recvmsg().
 * Threads: any application thread.
 */
ssize_t sctpdk_recv(int sd, void *buf, size_t len, int flags);

/*
 * sctpdk_sendto - sctpdk_send() to the association reached at to (6.1);
 * UDP-style sets one up implicitly with the SCTP_INITMSG defaults (3.2).
 * buf and to are read during the call only. Return and errno as
 * sctpdk_sendmsg().
 * Threads: any application thread.
 */
ssize_t sctpdk_sendto(int sd, const void *buf, size_t len, int flags, const struct sockaddr *to,
		      socklen_t tolen);

/*
 * sctpdk_recvfrom - sctpdk_recv() that also stores the source address into
 * from (truncated to *fromlen, which is set to the full length) when from
 * is not NULL (6.1). Return and errno as sctpdk_recvmsg().
 * Threads: any application thread.
 */
ssize_t sctpdk_recvfrom(int sd, void *buf, size_t len, int flags, struct sockaddr *from,
			socklen_t *fromlen);

/*
 * sctpdk_read / sctpdk_write - sctpdk_recv() / sctpdk_send() with flags 0
 * (6.3). Same buffers, returns and errno.
 * Threads: any application thread.
 */
ssize_t sctpdk_read(int sd, void *buf, size_t len);
ssize_t sctpdk_write(int sd, const void *buf, size_t len);

/*
 * sctpdk_getsockname - one locally bound address of the socket (6.4),
 * truncated to *addrlen, which is set to the full length. Unbound socket:
 * the wildcard address with port 0.
 * Returns 0, or -1 with errno EINVAL (addr or addrlen NULL).
 * Threads: any application thread.
 */
int sctpdk_getsockname(int sd, struct sockaddr *addr, socklen_t *addrlen);

/*
 * sctpdk_getpeername - the peer's primary address of a TCP-style (or
 * peeled-off) socket's association (4.1.9), truncated to *addrlen, which is
 * set to the full length.
 * Returns 0, or -1 with errno: ENOTCONN (no association; also UDP-style
 *   sockets with many), EINVAL (addr or addrlen NULL).
 * Threads: any application thread.
 */
int sctpdk_getpeername(int sd, struct sockaddr *addr, socklen_t *addrlen);

/*
 * sctpdk_setsockopt - set an option (6.2, 7). level IPPROTO_SCTP (== SOL_SCTP)
 * for the SCTP_* options above, SOL_SOCKET for SO_LINGER, SO_RCVBUF,
 * SO_SNDBUF (and, read-only, SO_ERROR and SO_TYPE). Options naming an association follow 7 rules
 * a/b/c: an address selects that address's association, else the association id selects the
 * association, else (id 0, address all zero) the endpoint default for
 * future associations is set. UDP-style sockets need the id; TCP-style
 * ones ignore it, and may pass the structure without its trailing id.
 * optval is read during the call only.
 * Returns 0, or -1 with errno: ENOPROTOOPT (unknown option or level),
 *   EINVAL (optlen too small, value out of range, negative l_linger,
 *   asocmaxrxt above the sum of path limits, no such association),
 *   EADDRNOTAVAIL (address not part of the association),
 *   EOPNOTSUPP (option not supported in this style or by the peer),
 *   EACCES (section 9 parameters by an unprivileged caller).
 * Threads: any application thread.
 */
int sctpdk_setsockopt(int sd, int level, int optname, const void *optval, socklen_t optlen);

/*
 * sctpdk_getsockopt - read an option (6.2, 7). Options whose structure names
 * an association or address read it from optval first (read/write getsockopt,
 * as the draft's sctp_opt_info macro assumes); *optlen is the buffer size
 * in and the stored size out. SCTP_STATUS and SCTP_GET_PEER_ADDR_INFO report
 * live values of the association.
 * Returns 0, or -1 with errno as sctpdk_setsockopt(), plus EINVAL when
 *   *optlen is too small.
 * Threads: any application thread.
 */
int sctpdk_getsockopt(int sd, int level, int optname, void *optval, socklen_t *optlen);

/*
 * sctpdk_fcntl - file status flags (3.3). F_GETFL returns O_RDWR, or-ed
 * with O_NONBLOCK when set. F_SETFL takes an int argument; O_NONBLOCK is
 * honoured, other flags are ignored as on Linux.
 * Returns the flags (F_GETFL) or 0 (F_SETFL), or -1 with errno EINVAL
 *   (any other cmd).
 * Threads: any application thread; takes effect for calls that start after
 *   it returns.
 */
int sctpdk_fcntl(int sd, int cmd, ...);

/*
 * sctpdk_bindx - add or remove local addresses (8.1). addrs is an array of
 * addrcnt struct sockaddr_storage, each holding a sockaddr_in or
 * sockaddr_in6 (the draft's fixed-size form; Linux/RFC 6458 pack variable
 * sizes instead); read during the call only. All ports must be equal (and
 * equal the bound port, if bound). flags: exactly one of
 * SCTP_BINDX_ADD_ADDR, SCTP_BINDX_REM_ADDR.
 * Returns 0, or -1 with errno: EINVAL (both or no flags, addrcnt < 1,
 *   differing ports, removing every address, removing an unbound address),
 *   EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EACCES (port < 1024,
 *   unprivileged), EOPNOTSUPP (changing the addresses of established
 *   associations, which needs ASCONF, when the peer or sctpdk lacks it).
 * Threads: any application thread.
 */
int sctpdk_bindx(int sd, const struct sockaddr_storage *addrs, int addrcnt, int flags);

/*
 * sctpdk_peeloff - branch the association *assoc_id of a UDP-style socket
 * off into a new one-to-one socket (8.2). From then on the original socket
 * neither sees the association nor closes it. The new socket inherits the
 * options and event subscription. assoc_id is read only (the draft passes it
 * by pointer; Linux passes it by value).
 * Returns the new descriptor, or -1 with errno: EINVAL (no such association,
 *   assoc_id NULL), EOPNOTSUPP (TCP-style socket), EMFILE, ENOMEM.
 * Threads: any application thread; a receive in progress on the original
 *   socket finishes the message it started.
 */
int sctpdk_peeloff(int sd, const sctp_assoc_t *assoc_id);

/*
 * sctpdk_getpaddrs - all peer addresses of association id (ignored
 * TCP-style) (8.3). On success *addrs points to a new array, owned by the
 * caller, to be released with sctpdk_freepaddrs(); on 0 or -1 *addrs is
 * left unspecified and nothing is to be freed.
 * Returns the number of addresses, 0 when there is no association, or -1
 *   with errno: EINVAL (addrs NULL), ENOMEM.
 * Threads: any application thread.
 */
int sctpdk_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr_storage **addrs);

/* sctpdk_freepaddrs - release an array from sctpdk_getpaddrs() (8.4); NULL is
 * a no-op. Threads: any thread. */
void sctpdk_freepaddrs(struct sockaddr_storage *addrs);

/*
 * sctpdk_getladdrs - all local addresses of association id, or of the
 * endpoint when id is 0 (8.5). Ownership as sctpdk_getpaddrs(); release
 * with sctpdk_freeladdrs().
 * Returns the number of addresses, 0 when unbound, or -1 with errno:
 *   EINVAL (addrs NULL, no such association), ENOMEM.
 * Threads: any application thread.
 */
int sctpdk_getladdrs(int sd, sctp_assoc_t id, struct sockaddr_storage **addrs);

/* sctpdk_freeladdrs - release an array from sctpdk_getladdrs() (8.6); NULL is
 * a no-op. Threads: any thread. */
void sctpdk_freeladdrs(struct sockaddr_storage *addrs);

/*
 * sctpdk_opt_info - read an option of association id (7, "sctp_opt_info"):
 * stores id into the option structure's association id field, then behaves
 * as sctpdk_getsockopt(sd, IPPROTO_SCTP, opt, arg, size). Valid for
 * SCTP_RTOINFO, SCTP_ASSOCINFO, SCTP_SET_PRIMARY_ADDR,
 * SCTP_SET_PEER_PRIMARY_ADDR, SCTP_SET_STREAM_TIMEOUTS,
 * SCTP_SET_PEER_ADDR_PARAMS, SCTP_STATUS, SCTP_GET_PEER_ADDR_INFO.
 * arg (caller-owned) is read and written during the call.
 * Returns 0, or -1 with errno: EOPNOTSUPP (other options), else as
 *   sctpdk_getsockopt().
 * Threads: any application thread.
 */
int sctpdk_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size);

/* One entry of sctpdk_poll(): like struct pollfd, but fd is an sctpdk
 * descriptor; events/revents use POLLIN, POLLOUT, POLLERR, POLLHUP and
 * POLLNVAL from <poll.h>. */
struct sctpdk_pollfd {
	int fd;
	short events;
	short revents;
};

/*
 * sctpdk_poll - wait until one of nfds sctpdk sockets is ready, like
 * poll(2). POLLIN: a message, notification or (listening TCP-style) an
 * association to accept is queued; POLLOUT: send space; POLLERR: a pending
 * error; POLLHUP: association ended (TCP-style); POLLNVAL: fd not an open
 * sctpdk socket. A negative fd is skipped. timeout_ms < 0 waits forever,
 * 0 returns at once. fds is caller-owned, written during the call only.
 * Returns the number of entries with non-zero revents (0 on timeout), or
 *   -1 with errno: EINVAL (nfds too large, fds NULL with nfds > 0), EINTR.
 * Threads: any application thread; several threads may poll one socket.
 */
int sctpdk_poll(struct sctpdk_pollfd *fds, nfds_t nfds, int timeout_ms);

/*
 * sctpdk_fileno - the kernel eventfd of socket sd, for the application's
 * own poll/epoll/select beside kernel descriptors (wait for readability).
 * It is readable while sd may have something to report (what sctpdk_poll
 * with POLLIN|POLLOUT would find, POLLOUT counting only after a send failed
 * with EAGAIN). sctpdk clears it when a call on sd finds nothing more to
 * report (a receive returning EAGAIN, or sctpdk_poll reporting no events),
 * so level-triggered epoll does not spin. Spurious wake-ups are possible:
 * after one, use non-blocking calls or sctpdk_poll with timeout 0. The
 * descriptor belongs to the socket: never read, write or close it; it is
 * closed by sctpdk_close().
 * Returns the eventfd (>= 0), or -1 with errno EBADF.
 * Threads: any application thread.
 */
int sctpdk_fileno(int sd);

#undef SCTPDK_SOCKET_EXT_
#undef SCTPDK_SOCKET_ALIAS2_
#undef SCTPDK_SOCKET_ALIAS3_
#undef SCTPDK_SOCKET_TAIL_

#ifdef __cplusplus
}
#endif

#endif /* SCTPDK_SOCKET_H */
