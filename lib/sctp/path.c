/* SPDX-License-Identifier: BSD-3-Clause */
/* Destinations of an association: inspection. */
#include <string.h>

#include <sctpdk/sctpdk_sctp_path.h>

#include "sctp_int.h"

int
sctpdk_sctp_path_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, unsigned idx,
		      struct sctpdk_sctp_path_info *pi)
{
	const struct sctpdk_sctp_assoc *a = ep_assoc_by_id(ep, id);
	if (a == NULL || pi == NULL || idx >= a->n_peer)
		return SCTPDK_ERR_NOTFOUND;
	memset(pi, 0, sizeof(*pi));
	pi->addr = a->peer_addrs[idx];
	if (idx != a->primary)
		return 0; /* data goes to the primary only */
	return data_path_snapshot(a, pi);
}
