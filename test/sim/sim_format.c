/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Human-readable lines for packet events and records, for test logs.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sim_priv.h"

const char *
sctpdk_sim_chunk_name(uint8_t type)
{
	/* RFC 9260 section 3.2 and the extensions sctpdk knows about */
	switch (type) {
	case 0:
		return "DATA";
	case 1:
		return "INIT";
	case 2:
		return "INIT_ACK";
	case 3:
		return "SACK";
	case 4:
		return "HEARTBEAT";
	case 5:
		return "HEARTBEAT_ACK";
	case 6:
		return "ABORT";
	case 7:
		return "SHUTDOWN";
	case 8:
		return "SHUTDOWN_ACK";
	case 9:
		return "ERROR";
	case 10:
		return "COOKIE_ECHO";
	case 11:
		return "COOKIE_ACK";
	case 12:
		return "ECNE";
	case 13:
		return "CWR";
	case 14:
		return "SHUTDOWN_COMPLETE";
	case 15:
		return "AUTH";
	case 64:
		return "I_DATA";
	case 128:
		return "ASCONF_ACK";
	case 130:
		return "RE_CONFIG";
	case 132:
		return "PAD";
	case 192:
		return "FORWARD_TSN";
	case 193:
		return "ASCONF";
	case 194:
		return "I_FORWARD_TSN";
	default:
		return "?";
	}
}

static const char *const ev_names[SCTPDK_SIM_EV_MAX] = {
    [SCTPDK_SIM_EV_SENT] = "sent",           [SCTPDK_SIM_EV_DELIVERED] = "delivered",
    [SCTPDK_SIM_EV_DROPPED] = "dropped",     [SCTPDK_SIM_EV_DUPLICATED] = "duplicated",
    [SCTPDK_SIM_EV_CORRUPTED] = "corrupted", [SCTPDK_SIM_EV_DELAYED] = "delayed",
};

const char *
sctpdk_sim_ev_name(enum sctpdk_sim_ev_type type)
{
	if ((unsigned int)type >= SCTPDK_SIM_EV_MAX)
		return "unknown";
	return ev_names[type];
}

static void
addr_str(const struct sctpdk_addr *a, char *buf, size_t size)
{
	const char *r = NULL;
	if (a->family == SCTPDK_AF_INET)
		r = inet_ntop(AF_INET, &a->u.v4, buf, (socklen_t)size);
	else if (a->family == SCTPDK_AF_INET6)
		r = inet_ntop(AF_INET6, a->u.v6, buf, (socklen_t)size);
	if (r == NULL)
		snprintf(buf, size, "-");
}

/* Shared body of the two formatters. */
static int
format_line(char *buf, size_t size, uint64_t time_us, int link, const struct sctpdk_addr *src,
	    const struct sctpdk_addr *dst, enum sctpdk_sim_ev_type type,
	    enum sctpdk_sim_drop reason, uint64_t id, uint32_t len, const uint8_t *types,
	    unsigned int n_types, unsigned int n_total)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN], l[16], what[32], chunks[160];
	addr_str(src, s, sizeof(s));
	addr_str(dst, d, sizeof(d));
	if (link >= 0)
		snprintf(l, sizeof(l), "L%d", link);
	else
		snprintf(l, sizeof(l), "L-");
	if (type == SCTPDK_SIM_EV_DROPPED)
		snprintf(what, sizeof(what), "dropped(%s)", sctpdk_sim_drop_name(reason));
	else
		snprintf(what, sizeof(what), "%s", sctpdk_sim_ev_name(type));
	size_t off = 0;
	chunks[0] = '\0';
	for (unsigned int i = 0; i < n_types && off < sizeof(chunks); i++) {
		int w = snprintf(chunks + off, sizeof(chunks) - off, "%s%s", i ? "," : "",
				 sctpdk_sim_chunk_name(types[i]));
		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (n_total > n_types && off < sizeof(chunks))
		snprintf(chunks + off, sizeof(chunks) - off, ",+%u", n_total - n_types);
	return snprintf(buf, size, "%llu.%06llu %s %s>%s %s #%llu len=%u %s",
			(unsigned long long)(time_us / 1000000),
			(unsigned long long)(time_us % 1000000), l, s, d, what,
			(unsigned long long)id, len, chunks);
}

int
sctpdk_sim_format_event(const struct sctpdk_sim_pkt_event *ev, char *buf, size_t size)
{
	uint8_t types[SCTPDK_SIM_REC_CHUNKS];
	unsigned int n = 0;
	uint32_t len = 0;
	if (ev->pkt != NULL) {
		n = sctpdk_sim_chunk_types(ev->pkt, types, SCTPDK_SIM_REC_CHUNKS);
		len = rte_pktmbuf_pkt_len(ev->pkt);
	}
	unsigned int shown = n < SCTPDK_SIM_REC_CHUNKS ? n : SCTPDK_SIM_REC_CHUNKS;
	return format_line(buf, size, ev->time_us, ev->link, ev->src, ev->dst, ev->type, ev->reason,
			   ev->pkt_id, len, types, shown, n);
}

int
sctpdk_sim_format_record(const struct sctpdk_sim_record *rec, char *buf, size_t size)
{
	unsigned int shown =
	    rec->n_chunks < SCTPDK_SIM_REC_CHUNKS ? rec->n_chunks : SCTPDK_SIM_REC_CHUNKS;
	return format_line(buf, size, rec->time_us, rec->link, &rec->src, &rec->dst, rec->type,
			   rec->reason, rec->pkt_id, rec->pkt_len, rec->chunks, shown,
			   rec->n_chunks);
}

void
sctpdk_sim_recorder_dump(const struct sctpdk_sim *sim, FILE *f)
{
	char line[320];
	for (unsigned int i = 0; i < sctpdk_sim_recorder_count(sim); i++) {
		sctpdk_sim_format_record(sctpdk_sim_recorder_get(sim, i), line, sizeof(line));
		fprintf(f, "%s\n", line);
	}
}
