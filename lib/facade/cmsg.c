/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ancillary data (section 5.2): parsing SCTP_SNDRCV and SCTP_INIT items of
 * sendmsg, building the SCTP_SNDRCV item of recvmsg.
 */
#include <errno.h>
#include <string.h>

#include "facade_int.h"

int
fc_cmsg_parse(const struct msghdr *msg, struct fc_cmsg_in *out)
{
	memset(out, 0, sizeof(*out));
	if (msg->msg_controllen == 0)
		return 0;
	if (msg->msg_control == NULL)
		return EINVAL;
	/* Walk by hand: CMSG_NXTHDR takes a non-const msghdr. */
	const uint8_t *p = msg->msg_control;
	size_t left = msg->msg_controllen;
	while (left >= sizeof(struct cmsghdr)) {
		struct cmsghdr h;
		memcpy(&h, p, sizeof(h));
		if (h.cmsg_len < CMSG_LEN(0) || h.cmsg_len > left)
			return EINVAL;
		size_t dlen = h.cmsg_len - CMSG_LEN(0);
		const uint8_t *data = p + CMSG_LEN(0);
		if (h.cmsg_level == IPPROTO_SCTP) {
			if (h.cmsg_type == SCTP_SNDRCV) {
				if (dlen < sizeof(out->sndrcv) || out->have_sndrcv)
					return EINVAL;
				memcpy(&out->sndrcv, data, sizeof(out->sndrcv));
				out->have_sndrcv = 1;
			} else if (h.cmsg_type == SCTP_INIT) {
				if (dlen < sizeof(out->init) || out->have_init)
					return EINVAL;
				memcpy(&out->init, data, sizeof(out->init));
				out->have_init = 1;
			} else {
				return EINVAL;
			}
		}
		size_t step = CMSG_ALIGN(h.cmsg_len);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
	return 0;
}

void
fc_cmsg_put_sndrcv(struct msghdr *msg, const struct sctp_sndrcvinfo *si)
{
	size_t need = CMSG_SPACE(sizeof(*si));
	if (msg->msg_control == NULL || msg->msg_controllen < CMSG_LEN(sizeof(*si))) {
		msg->msg_controllen = 0;
		msg->msg_flags |= MSG_CTRUNC;
		return;
	}
	struct cmsghdr *c = (struct cmsghdr *)msg->msg_control;
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	memcpy(CMSG_DATA(c), si, sizeof(*si));
	msg->msg_controllen = msg->msg_controllen < need ? CMSG_LEN(sizeof(*si)) : need;
}
