/* SPDX-License-Identifier: BSD-3-Clause */
/* Error causes without a value: Out of Resource, Invalid Mandatory
 * Parameter, Cookie Received While Shutting Down. */
#include "cause.h"

static enum sctpdk_wire_reason
empty_decode(const struct sctpdk_cause *c, uint16_t code)
{
	if (c->code != code)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	return c->len == SCTPDK_TLV_HDR_LEN ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_CAUSE_BAD_LEN;
}

enum sctpdk_wire_reason
sctpdk_cause_out_of_resource_decode(const struct sctpdk_cause *c)
{
	return empty_decode(c, SCTPDK_CAUSE_OUT_OF_RESOURCE);
}

int
sctpdk_cause_out_of_resource_encode(struct sctpdk_wr *w)
{
	return sctpdk_tlv_put(w, SCTPDK_CAUSE_OUT_OF_RESOURCE, NULL, 0);
}

enum sctpdk_wire_reason
sctpdk_cause_invalid_mandatory_decode(const struct sctpdk_cause *c)
{
	return empty_decode(c, SCTPDK_CAUSE_INVALID_MANDATORY_PARAM);
}

int
sctpdk_cause_invalid_mandatory_encode(struct sctpdk_wr *w)
{
	return sctpdk_tlv_put(w, SCTPDK_CAUSE_INVALID_MANDATORY_PARAM, NULL, 0);
}

enum sctpdk_wire_reason
sctpdk_cause_cookie_while_shutdown_decode(const struct sctpdk_cause *c)
{
	return empty_decode(c, SCTPDK_CAUSE_COOKIE_WHILE_SHUTDOWN);
}

int
sctpdk_cause_cookie_while_shutdown_encode(struct sctpdk_wr *w)
{
	return sctpdk_tlv_put(w, SCTPDK_CAUSE_COOKIE_WHILE_SHUTDOWN, NULL, 0);
}
