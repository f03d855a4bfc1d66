/* SPDX-License-Identifier: BSD-3-Clause */
/* Names for error codes, reason codes, chunk types, parameters and causes. */
#include <stddef.h>

#include <sctpdk/sctpdk_error.h>

#include "defs.h"

const char *
sctpdk_strerror(int err)
{
	switch (err) {
	case SCTPDK_OK:
		return "success";
	case SCTPDK_ERR_INVAL:
		return "invalid argument";
	case SCTPDK_ERR_NOMEM:
		return "out of memory";
	case SCTPDK_ERR_TRUNCATED:
		return "input truncated";
	case SCTPDK_ERR_MALFORMED:
		return "malformed input";
	case SCTPDK_ERR_NOSPACE:
		return "no space in output buffer";
	case SCTPDK_ERR_AGAIN:
		return "try again";
	case SCTPDK_ERR_NOTFOUND:
		return "not found";
	case SCTPDK_ERR_STATE:
		return "invalid in current state";
	case SCTPDK_ERR_MSGSIZE:
		return "message too large";
	case SCTPDK_ERR_UNSUPP:
		return "not supported";
	case SCTPDK_ERR_EXISTS:
		return "already exists";
	case SCTPDK_ERR_SHUTDOWN:
		return "association shutting down";
	case SCTPDK_ERR_FATAL_THRESHOLD:
		return "fatal error threshold";
	case SCTPDK_ERR_PROTOCOL:
		return "protocol violation by peer";
	case SCTPDK_ERR_RESOURCES:
		return "out of resources for association";
	default:
		return "unknown error";
	}
}

static const char *const reason_names[SCTPDK_WIRE_R_COUNT] = {
	[SCTPDK_WIRE_OK] = "ok",
	[SCTPDK_WIRE_R_PKT_SHORT] = "pkt-short",
	[SCTPDK_WIRE_R_NO_CHUNKS] = "no-chunks",
	[SCTPDK_WIRE_R_BAD_CKSUM] = "bad-cksum",
	[SCTPDK_WIRE_R_HDR_TRUNC] = "hdr-trunc",
	[SCTPDK_WIRE_R_LEN_SHORT] = "len-short",
	[SCTPDK_WIRE_R_PAST_END] = "past-end",
	[SCTPDK_WIRE_R_PAD_PARTIAL] = "pad-partial",
	[SCTPDK_WIRE_R_CHUNK_TOO_SHORT] = "chunk-too-short",
	[SCTPDK_WIRE_R_CHUNK_BAD_LEN] = "chunk-bad-len",
	[SCTPDK_WIRE_R_NO_USER_DATA] = "no-user-data",
	[SCTPDK_WIRE_R_BUNDLED] = "bundled",
	[SCTPDK_WIRE_R_WRONG_TYPE] = "wrong-type",
	[SCTPDK_WIRE_R_PARAM_BAD_LEN] = "param-bad-len",
	[SCTPDK_WIRE_R_SACK_COUNTS] = "sack-counts",
	[SCTPDK_WIRE_R_HB_NO_INFO] = "hb-no-info",
	[SCTPDK_WIRE_R_CAUSE_BAD_LEN] = "cause-bad-len",
	[SCTPDK_WIRE_R_INDEX] = "index",
};

const char *
sctpdk_wire_reason_str(enum sctpdk_wire_reason r)
{
	if ((unsigned)r >= SCTPDK_WIRE_R_COUNT || reason_names[r] == NULL)
		return "?";
	return reason_names[r];
}

static const char *const chunk_names[] = {
	[SCTPDK_CHUNK_DATA] = "DATA",
	[SCTPDK_CHUNK_INIT] = "INIT",
	[SCTPDK_CHUNK_INIT_ACK] = "INIT ACK",
	[SCTPDK_CHUNK_SACK] = "SACK",
	[SCTPDK_CHUNK_HEARTBEAT] = "HEARTBEAT",
	[SCTPDK_CHUNK_HEARTBEAT_ACK] = "HEARTBEAT ACK",
	[SCTPDK_CHUNK_ABORT] = "ABORT",
	[SCTPDK_CHUNK_SHUTDOWN] = "SHUTDOWN",
	[SCTPDK_CHUNK_SHUTDOWN_ACK] = "SHUTDOWN ACK",
	[SCTPDK_CHUNK_ERROR] = "ERROR",
	[SCTPDK_CHUNK_COOKIE_ECHO] = "COOKIE ECHO",
	[SCTPDK_CHUNK_COOKIE_ACK] = "COOKIE ACK",
	[SCTPDK_CHUNK_ECNE] = "ECNE",
	[SCTPDK_CHUNK_CWR] = "CWR",
	[SCTPDK_CHUNK_SHUTDOWN_COMPLETE] = "SHUTDOWN COMPLETE",
};

const char *
sctpdk_chunk_type_name(uint8_t type)
{
	if (type > SCTPDK_CHUNK_TYPE_MAX_KNOWN)
		return NULL;
	return chunk_names[type];
}

static const char *const cause_names[] = {
	[SCTPDK_CAUSE_INVALID_STREAM] = "Invalid Stream Identifier",
	[SCTPDK_CAUSE_MISSING_PARAM] = "Missing Mandatory Parameter",
	[SCTPDK_CAUSE_STALE_COOKIE] = "Stale Cookie Error",
	[SCTPDK_CAUSE_OUT_OF_RESOURCE] = "Out of Resource",
	[SCTPDK_CAUSE_UNRESOLVABLE_ADDR] = "Unresolvable Address",
	[SCTPDK_CAUSE_UNRECOGNIZED_CHUNK] = "Unrecognized Chunk Type",
	[SCTPDK_CAUSE_INVALID_MANDATORY_PARAM] = "Invalid Mandatory Parameter",
	[SCTPDK_CAUSE_UNRECOGNIZED_PARAMS] = "Unrecognized Parameters",
	[SCTPDK_CAUSE_NO_USER_DATA] = "No User Data",
	[SCTPDK_CAUSE_COOKIE_WHILE_SHUTDOWN] = "Cookie Received While Shutting Down",
	[SCTPDK_CAUSE_RESTART_NEW_ADDRS] = "Restart of an Association with New Addresses",
	[SCTPDK_CAUSE_USER_ABORT] = "User-Initiated Abort",
	[SCTPDK_CAUSE_PROTOCOL_VIOLATION] = "Protocol Violation",
};

const char *
sctpdk_cause_code_name(uint16_t code)
{
	if (code == 0 || code > SCTPDK_CAUSE_CODE_MAX_KNOWN)
		return NULL;
	return cause_names[code];
}

const char *
sctpdk_param_type_name(uint16_t type)
{
	switch (type) {
	case SCTPDK_PARAM_HEARTBEAT_INFO:
		return "Heartbeat Info";
	case SCTPDK_PARAM_IPV4:
		return "IPv4 Address";
	case SCTPDK_PARAM_IPV6:
		return "IPv6 Address";
	case SCTPDK_PARAM_STATE_COOKIE:
		return "State Cookie";
	case SCTPDK_PARAM_UNRECOGNIZED:
		return "Unrecognized Parameter";
	case SCTPDK_PARAM_COOKIE_PRESERVATIVE:
		return "Cookie Preservative";
	case SCTPDK_PARAM_HOST_NAME:
		return "Host Name Address";
	case SCTPDK_PARAM_SUPPORTED_ADDR_TYPES:
		return "Supported Address Types";
	case SCTPDK_PARAM_ECN_CAPABLE:
		return "ECN Capable";
	case SCTPDK_PARAM_FWD_TSN_SUPPORTED:
		return "Forward-TSN-Supported";
	case SCTPDK_PARAM_ADAPTATION:
		return "Adaptation Layer Indication";
	default:
		return NULL;
	}
}
