/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Layout facts of the public socket-API header, listed once (X-macro) and
 * expanded in several translation units built in different language modes
 * (strict C99, the project's GNU C, C++11) so the tests can check that every
 * mode sees the same sizes, offsets and values.
 *
 * The including file defines API_SIZE(T), API_OFF(T, m) and API_VAL(name)
 * before expanding SCTPDK_API_LAYOUT_LIST.
 */
#ifndef SCTPDK_TEST_API_LAYOUT_H
#define SCTPDK_TEST_API_LAYOUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sctpdk_api_fact {
	const char *name; /* "sizeof(T)", "offsetof(T, m)", a macro name, ... */
	long value;
};

/* Expanded in layout_c99.c (compiled -std=c99 -pedantic, no _GNU_SOURCE);
 * terminated by a NULL name. */
extern const struct sctpdk_api_fact sctpdk_api_facts_c99[];

/* Signature checks made in the strict C99 unit against libc's own
 * declarations: value 1 = sctpdk_<call> has exactly the type of <call>. */
extern const struct sctpdk_api_fact sctpdk_api_libc_types_c99[];

/* Values of <linux/sctp.h>, from linux_values.c (only when that header
 * exists); terminated by a NULL name. */
extern const struct sctpdk_api_fact sctpdk_api_linux_values[];

#ifdef __cplusplus
}
#endif

#define SCTPDK_API_LAYOUT_LIST                                                                     \
	API_VAL(sizeof(sctp_assoc_t))                                                              \
	API_SIZE(struct sctp_initmsg)                                                              \
	API_OFF(struct sctp_initmsg, sinit_num_ostreams)                                           \
	API_OFF(struct sctp_initmsg, sinit_max_instreams)                                          \
	API_OFF(struct sctp_initmsg, sinit_max_attempts)                                           \
	API_OFF(struct sctp_initmsg, sinit_max_init_timeo)                                         \
	API_SIZE(struct sctp_sndrcvinfo)                                                           \
	API_OFF(struct sctp_sndrcvinfo, sinfo_stream)                                              \
	API_OFF(struct sctp_sndrcvinfo, sinfo_ssn)                                                 \
	API_OFF(struct sctp_sndrcvinfo, sinfo_flags)                                               \
	API_OFF(struct sctp_sndrcvinfo, sinfo_ppid)                                                \
	API_OFF(struct sctp_sndrcvinfo, sinfo_context)                                             \
	API_OFF(struct sctp_sndrcvinfo, sinfo_timetolive)                                          \
	API_OFF(struct sctp_sndrcvinfo, sinfo_tsn)                                                 \
	API_OFF(struct sctp_sndrcvinfo, sinfo_assoc_id)                                            \
	API_SIZE(struct sctp_tlv)                                                                  \
	API_OFF(struct sctp_tlv, sn_type)                                                          \
	API_OFF(struct sctp_tlv, sn_flags)                                                         \
	API_OFF(struct sctp_tlv, sn_length)                                                        \
	API_SIZE(struct sctp_assoc_change)                                                         \
	API_OFF(struct sctp_assoc_change, sac_state)                                               \
	API_OFF(struct sctp_assoc_change, sac_error)                                               \
	API_OFF(struct sctp_assoc_change, sac_outbound_streams)                                    \
	API_OFF(struct sctp_assoc_change, sac_inbound_streams)                                     \
	API_OFF(struct sctp_assoc_change, sac_assoc_id)                                            \
	API_SIZE(struct sctp_paddr_change)                                                         \
	API_OFF(struct sctp_paddr_change, spc_aaddr)                                               \
	API_OFF(struct sctp_paddr_change, spc_addr)                                                \
	API_OFF(struct sctp_paddr_change, spc_state)                                               \
	API_OFF(struct sctp_paddr_change, spc_error)                                               \
	API_OFF(struct sctp_paddr_change, spc_assoc_id)                                            \
	API_SIZE(struct sctp_remote_error)                                                         \
	API_OFF(struct sctp_remote_error, sre_error)                                               \
	API_OFF(struct sctp_remote_error, sre_assoc_id)                                            \
	API_OFF(struct sctp_remote_error, sre_data)                                                \
	API_SIZE(struct sctp_send_failed)                                                          \
	API_OFF(struct sctp_send_failed, ssf_error)                                                \
	API_OFF(struct sctp_send_failed, ssf_info)                                                 \
	API_OFF(struct sctp_send_failed, ssf_assoc_id)                                             \
	API_OFF(struct sctp_send_failed, ssf_data)                                                 \
	API_SIZE(struct sctp_shutdown_event)                                                       \
	API_OFF(struct sctp_shutdown_event, sse_assoc_id)                                          \
	API_SIZE(struct sctp_adaption_event)                                                       \
	API_OFF(struct sctp_adaption_event, sai_adaptation_bits)                                   \
	API_OFF(struct sctp_adaption_event, sai_adaption_bits)                                     \
	API_OFF(struct sctp_adaption_event, sai_adaptation_ind)                                    \
	API_OFF(struct sctp_adaption_event, sse_assoc_id)                                          \
	API_OFF(struct sctp_adaption_event, sai_assoc_id)                                          \
	API_SIZE(struct sctp_adaptation_event)                                                     \
	API_OFF(struct sctp_adaptation_event, sai_adaptation_ind)                                  \
	API_OFF(struct sctp_adaptation_event, sai_assoc_id)                                        \
	API_SIZE(struct sctp_rcv_pdapi_event)                                                      \
	API_OFF(struct sctp_rcv_pdapi_event, pdapi_indication)                                     \
	API_OFF(struct sctp_rcv_pdapi_event, pdapi_assoc_id)                                       \
	API_SIZE(struct sctp_pdapi_event)                                                          \
	API_OFF(struct sctp_pdapi_event, pdapi_indication)                                         \
	API_OFF(struct sctp_pdapi_event, pdapi_assoc_id)                                           \
	API_SIZE(union sctp_notification)                                                          \
	API_OFF(union sctp_notification, sn_type)                                                  \
	API_OFF(union sctp_notification, sn_length)                                                \
	API_OFF(union sctp_notification, sn_send_failed)                                           \
	API_SIZE(struct sctp_rtoinfo)                                                              \
	API_OFF(struct sctp_rtoinfo, srto_assoc_id)                                                \
	API_OFF(struct sctp_rtoinfo, srto_initial)                                                 \
	API_OFF(struct sctp_rtoinfo, srto_max)                                                     \
	API_OFF(struct sctp_rtoinfo, srto_min)                                                     \
	API_SIZE(struct sctp_assocparams)                                                          \
	API_OFF(struct sctp_assocparams, sasoc_asocmaxrxt)                                         \
	API_OFF(struct sctp_assocparams, sasoc_number_peer_destinations)                           \
	API_OFF(struct sctp_assocparams, sasoc_peer_rwnd)                                          \
	API_OFF(struct sctp_assocparams, sasoc_local_rwnd)                                         \
	API_OFF(struct sctp_assocparams, sasoc_cookie_life)                                        \
	API_SIZE(struct sctp_setprim)                                                              \
	API_OFF(struct sctp_setprim, ssp_addr)                                                     \
	API_SIZE(struct sctp_setpeerprim)                                                          \
	API_OFF(struct sctp_setpeerprim, sspp_addr)                                                \
	API_SIZE(struct sctp_setadaption)                                                          \
	API_SIZE(struct sctp_setadaptation)                                                        \
	API_SIZE(struct sctp_setstrm_timeout)                                                      \
	API_OFF(struct sctp_setstrm_timeout, ssto_timeout)                                         \
	API_OFF(struct sctp_setstrm_timeout, ssto_streamid_start)                                  \
	API_OFF(struct sctp_setstrm_timeout, ssto_streamid_end)                                    \
	API_SIZE(struct sctp_paddrparams)                                                          \
	API_OFF(struct sctp_paddrparams, spp_address)                                              \
	API_OFF(struct sctp_paddrparams, spp_hbinterval)                                           \
	API_OFF(struct sctp_paddrparams, spp_pathmaxrxt)                                           \
	API_SIZE(struct sctp_paddrinfo)                                                            \
	API_OFF(struct sctp_paddrinfo, spinfo_address)                                             \
	API_OFF(struct sctp_paddrinfo, spinfo_state)                                               \
	API_OFF(struct sctp_paddrinfo, spinfo_mtu)                                                 \
	API_SIZE(struct sctp_status)                                                               \
	API_OFF(struct sctp_status, sstat_state)                                                   \
	API_OFF(struct sctp_status, sstat_fragmentation_point)                                     \
	API_OFF(struct sctp_status, sstat_primary)                                                 \
	API_SIZE(struct sctp_event_subscribe)                                                      \
	API_OFF(struct sctp_event_subscribe, sctp_adaption_layer_event)                            \
	API_OFF(struct sctp_event_subscribe, sctp_adaptation_layer_event)                          \
	API_SIZE(struct sctpdk_pollfd)                                                             \
	API_OFF(struct sctpdk_pollfd, revents)                                                     \
	API_VAL(SCTP_INIT)                                                                         \
	API_VAL(SCTP_SNDRCV)                                                                       \
	API_VAL(MSG_UNORDERED)                                                                     \
	API_VAL(MSG_ADDR_OVER)                                                                     \
	API_VAL(MSG_ABORT)                                                                         \
	API_VAL(MSG_EOF)                                                                           \
	API_VAL(MSG_NOTIFICATION)                                                                  \
	API_VAL(SCTP_ASSOC_CHANGE)                                                                 \
	API_VAL(SCTP_PEER_ADDR_CHANGE)                                                             \
	API_VAL(SCTP_SEND_FAILED)                                                                  \
	API_VAL(SCTP_REMOTE_ERROR)                                                                 \
	API_VAL(SCTP_SHUTDOWN_EVENT)                                                               \
	API_VAL(SCTP_PARTIAL_DELIVERY_EVENT)                                                       \
	API_VAL(SCTP_ADAPTION_INDICATION)                                                          \
	API_VAL(SCTP_RTOINFO)                                                                      \
	API_VAL(SCTP_ASSOCINFO)                                                                    \
	API_VAL(SCTP_INITMSG)                                                                      \
	API_VAL(SCTP_NODELAY)                                                                      \
	API_VAL(SCTP_AUTOCLOSE)                                                                    \
	API_VAL(SCTP_SET_PRIMARY_ADDR)                                                             \
	API_VAL(SCTP_SET_PEER_PRIMARY_ADDR)                                                        \
	API_VAL(SCTP_SET_ADAPTION_LAYER)                                                           \
	API_VAL(SCTP_SET_STREAM_TIMEOUTS)                                                          \
	API_VAL(SCTP_DISABLE_FRAGMENTS)                                                            \
	API_VAL(SCTP_SET_PEER_ADDR_PARAMS)                                                         \
	API_VAL(SCTP_SET_DEFAULT_SEND_PARAM)                                                       \
	API_VAL(SCTP_SET_EVENTS)                                                                   \
	API_VAL(SCTP_STATUS)                                                                       \
	API_VAL(SCTP_GET_PEER_ADDR_INFO)                                                           \
	API_VAL(SCTP_BOUND)                                                                        \
	API_VAL(SCTP_LISTEN)                                                                       \
	API_VAL(SCTP_BINDX_ADD_ADDR)                                                               \
	API_VAL(SCTP_BINDX_REM_ADDR)                                                               \
	API_VAL(IPPROTO_SCTP)                                                                      \
	API_VAL(SOL_SCTP)

#endif
