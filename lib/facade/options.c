/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Socket options (section 7). Endpoint defaults live in the socket object;
 * values of a live association are read and changed on the owning lcore
 * (FC_CMD_ASSOC_INFO / FC_CMD_ASSOC_SET). Which of the two an option call
 * addresses follows section 7 rules a/b/c: an address selects the
 * association that has it, else an association id selects one, else (id 0,
 * address all zero) the endpoint default is meant. One-to-one sockets
 * ignore the id: they address their association when they have one, and
 * set the endpoint default as well so a later association keeps it.
 */
#include <errno.h>
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "facade_int.h"

static int
fail(struct fc_sock *s, int e)
{
	fc_put(s);
	errno = e;
	return -1;
}

static int
addr_is_zero(const struct sockaddr_storage *ss)
{
	static const struct sockaddr_storage z;
	if (ss == NULL)
		return 1;
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr == 0;
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return memcmp(ss, &z, sizeof(z)) == 0;
}

/* Find the target of an option. Returns 0 with *slot FC_NONE for the
 * endpoint, 0 with a slot for an association, or an errno. */
static int
resolve(struct fc_sock *s, sctp_assoc_t id, const struct sockaddr_storage *addr, uint32_t *slot,
	int32_t *fid)
{
	*slot = FC_NONE;
	*fid = 0;
	int e = 0;
	rte_spinlock_lock(&s->alock);
	if (fc_one_to_one(s)) {
		struct fc_assoc *en = &s->assocs[0];
		if (en->id != 0 && en->state != FA_CLOSED && en->stack_id != 0) {
			*slot = 0;
			*fid = en->id;
		}
	} else if (!addr_is_zero(addr)) {
		struct sctpdk_addr a;
		uint16_t port = 0;
		e = fc_sockaddr_to((const struct sockaddr *)addr, sizeof(*addr), s->domain, &a,
				   &port);
		if (e == 0) {
			e = EINVAL;
			for (uint32_t i = 0; i < s->assoc_cap; i++) {
				struct fc_assoc *en = &s->assocs[i];
				if (en->id != 0 && en->state != FA_CLOSED &&
				    (id == 0 || en->id == id) && sctpdk_addr_eq(&en->peer, &a) &&
				    (port == 0 || port == en->peer_port)) {
					*slot = i;
					*fid = en->id;
					e = 0;
					break;
				}
			}
			if (e != 0 && id != 0 && fc_assoc_find(s, id) != FC_NONE)
				e = EADDRNOTAVAIL;
		}
	} else if (id != 0) {
		uint32_t i = fc_assoc_find(s, id);
		if (i == FC_NONE || s->assocs[i].state == FA_CLOSED)
			e = EINVAL;
		else {
			*slot = i;
			*fid = id;
		}
	}
	if (e == 0 && *slot != FC_NONE && s->assocs[*slot].stack_id == 0)
		e = EAGAIN; /* setup not yet started on the lcore */
	rte_spinlock_unlock(&s->alock);
	return e;
}

/* ctl_mtx held */
static int
assoc_info(struct fc_sock *s, uint32_t slot, int32_t fid)
{
	struct fc_cmd c = {.type = FC_CMD_ASSOC_INFO, .assoc = fid, .slot = slot};
	int r = fc_ctl_call(s, &c);
	return r == 0 ? 0 : (r == SCTPDK_ERR_NOTFOUND ? EINVAL : fc_errno_of(r));
}

static int
assoc_set(struct fc_sock *s, uint32_t slot, int32_t fid, uint32_t mask)
{
	struct fc_cmd c = {.type = FC_CMD_ASSOC_SET, .assoc = fid, .slot = slot};
	s->ctl.set_mask = mask;
	int r = fc_ctl_call(s, &c);
	return r == 0 ? 0 : (r == SCTPDK_ERR_NOTFOUND ? EINVAL : fc_errno_of(r));
}

/* The target of one option call (rules a/b/c, see resolve()). */
struct target {
	uint32_t slot; /* FC_NONE: the endpoint default */
	int32_t fid;
};

/* Resolve the target; for an association, read its values from the stack
 * into s->ctl.info. ctl_mtx held. Returns 0 or an errno. */
static int
target_of(struct fc_sock *s, sctp_assoc_t id, const struct sockaddr_storage *addr,
	  struct target *t)
{
	int e = resolve(s, id, addr, &t->slot, &t->fid);
	if (e != 0 || t->slot == FC_NONE)
		return e;
	return assoc_info(s, t->slot, t->fid);
}

/* Whether a set call changes the endpoint default: when it addresses the
 * endpoint, and always on a one-to-one socket (a later association keeps
 * the value). */
static bool
sets_default(const struct fc_sock *s, const struct target *t)
{
	return t->slot == FC_NONE || fc_one_to_one(s);
}

/* errno of an association-only option with no association to address. */
static int
no_assoc(const struct fc_sock *s)
{
	return fc_one_to_one(s) ? ENOTCONN : EINVAL;
}

/* Rule (b) where only the endpoint value exists: on a one-to-many socket
 * a non-zero id must name an association of the socket. */
static int
check_assoc_id(struct fc_sock *s, sctp_assoc_t id)
{
	if (fc_one_to_one(s) || id == 0)
		return 0;
	rte_spinlock_lock(&s->alock);
	uint32_t i = fc_assoc_find(s, id);
	rte_spinlock_unlock(&s->alock);
	return i == FC_NONE ? EINVAL : 0;
}

static int
peer_index(struct fc_sock *s, const struct sockaddr_storage *ss)
{
	struct sctpdk_addr a;
	uint16_t port;
	if (fc_sockaddr_to((const struct sockaddr *)ss, sizeof(*ss), s->domain, &a, &port) != 0)
		return -1;
	for (unsigned i = 0; i < s->ctl.info.n_peer_addrs; i++)
		if (sctpdk_addr_eq(&s->ctl.info.peer_addrs[i], &a))
			return (int)i;
	return -1;
}

/* An address given with an association option must be one of its peer's
 * (all zero: none given). */
static int
check_peer_addr(struct fc_sock *s, const struct sockaddr_storage *ss)
{
	return !addr_is_zero(ss) && peer_index(s, ss) < 0 ? EADDRNOTAVAIL : 0;
}

static void
paddrinfo_fill(struct fc_sock *s, unsigned i, struct sctp_paddrinfo *pi)
{
	const struct sctpdk_facade_assoc_info *in = &s->ctl.info;
	fc_sockaddr_from(s->domain, &in->peer_addrs[i], in->peer_port, &pi->spinfo_address);
	pi->spinfo_state = in->path_state[i];
	pi->spinfo_cwnd = in->path[i].cwnd;
	pi->spinfo_srtt = in->path[i].srtt_ms;
	pi->spinfo_rto = in->path[i].rto_ms;
	pi->spinfo_mtu = in->path[i].mtu;
}

/* ---- set -------------------------------------------------------------- */

static int
set_rto(struct fc_sock *s, const struct sctp_rtoinfo *v)
{
	struct target t;
	int e = target_of(s, v->srto_assoc_id, NULL, &t);
	if (e != 0)
		return e;
	struct sctp_rtoinfo cur = s->rto;
	if (t.slot != FC_NONE) {
		cur.srto_initial = s->ctl.info.rto_initial_ms;
		cur.srto_max = s->ctl.info.rto_max_ms;
		cur.srto_min = s->ctl.info.rto_min_ms;
	}
	if (v->srto_initial)
		cur.srto_initial = v->srto_initial;
	if (v->srto_max)
		cur.srto_max = v->srto_max;
	if (v->srto_min)
		cur.srto_min = v->srto_min;
	if (cur.srto_min > cur.srto_max || cur.srto_initial < cur.srto_min ||
	    cur.srto_initial > cur.srto_max)
		return EINVAL;
	if (t.slot != FC_NONE) {
		s->ctl.info.rto_initial_ms = cur.srto_initial;
		s->ctl.info.rto_max_ms = cur.srto_max;
		s->ctl.info.rto_min_ms = cur.srto_min;
		if ((e = assoc_set(s, t.slot, t.fid, SCTPDK_FACADE_SET_RTO)) != 0)
			return e;
	}
	if (sets_default(s, &t)) {
		cur.srto_assoc_id = 0;
		s->rto = cur;
		s->dflt_set |= SCTPDK_FACADE_SET_RTO;
	}
	return 0;
}

static int
set_associnfo(struct fc_sock *s, const struct sctp_assocparams *v)
{
	struct target t;
	int e = target_of(s, v->sasoc_assoc_id, NULL, &t);
	if (e != 0)
		return e;
	if (t.slot != FC_NONE) {
		uint32_t mask = 0;
		if (v->sasoc_asocmaxrxt) {
			/* Association.Max.Retrans must not exceed the sum of the
			 * destinations' own Path.Max.Retrans (draft 7.1.2, RFC
			 * 9260 8.2's note), checked, as Linux does, only when the
			 * peer has more than one address (the defaults, 10 and
			 * 5, break it for one) */
			const struct sctpdk_facade_assoc_info *in = &s->ctl.info;
			uint32_t sum = 0;
			for (unsigned k = 0; k < in->n_peer_addrs && k < SCTPDK_FACADE_MAX_ADDRS; k++)
				sum += in->path[k].path_max_retrans;
			if (in->n_peer_addrs > 1 && v->sasoc_asocmaxrxt > sum)
				return EINVAL;
			s->ctl.info.max_retrans = v->sasoc_asocmaxrxt;
			mask |= SCTPDK_FACADE_SET_MAXRXT;
		}
		if (v->sasoc_cookie_life) {
			s->ctl.info.cookie_life_ms = v->sasoc_cookie_life;
			mask |= SCTPDK_FACADE_SET_COOKIE_LIFE;
		}
		if (mask != 0 && (e = assoc_set(s, t.slot, t.fid, mask)) != 0)
			return e;
	}
	if (sets_default(s, &t)) {
		if (v->sasoc_asocmaxrxt) {
			s->ap.sasoc_asocmaxrxt = v->sasoc_asocmaxrxt;
			s->dflt_set |= SCTPDK_FACADE_SET_MAXRXT;
		}
		if (v->sasoc_cookie_life) {
			s->ap.sasoc_cookie_life = v->sasoc_cookie_life;
			s->dflt_set |= SCTPDK_FACADE_SET_COOKIE_LIFE;
		}
	}
	return 0;
}

static int
set_paddrparams(struct fc_sock *s, const struct sctp_paddrparams *v)
{
	struct target t;
	int e = target_of(s, v->spp_assoc_id, &v->spp_address, &t);
	if (e != 0)
		return e;
	if (t.slot != FC_NONE) {
		if ((e = check_peer_addr(s, &v->spp_address)) != 0)
			return e;
		/* with an address: that destination only; without: every
		 * destination of the association and its default */
		struct sctpdk_facade_assoc_info *in = &s->ctl.info;
		int k = addr_is_zero(&v->spp_address) ? -1 : peer_index(s, &v->spp_address);
		uint32_t mask = SCTPDK_FACADE_SET_HB;
		in->set_path = (uint16_t)(k + 1);
		if (k < 0)
			in->hb_interval_ms = v->spp_hbinterval;
		else
			in->path[k].hb_interval_ms = v->spp_hbinterval;
		if (v->spp_pathmaxrxt) {
			if (k < 0)
				in->path_max_retrans = v->spp_pathmaxrxt;
			else
				in->path[k].path_max_retrans = v->spp_pathmaxrxt;
			mask |= SCTPDK_FACADE_SET_PATHMAXRXT;
		}
		e = assoc_set(s, t.slot, t.fid, mask);
		in->set_path = 0;
		if (e != 0)
			return e;
	}
	if (sets_default(s, &t)) {
		if (v->spp_hbinterval != UINT32_MAX) {
			s->hb_interval_ms = v->spp_hbinterval;
			s->dflt_set |= SCTPDK_FACADE_SET_HB;
		}
		if (v->spp_pathmaxrxt) {
			s->path_max_retrans = v->spp_pathmaxrxt;
			s->dflt_set |= SCTPDK_FACADE_SET_PATHMAXRXT;
		}
	}
	return 0;
}

/* Options of the whole socket (an int, no association id): the endpoint
 * default and every live association of the socket take the value. */
static int
set_socket_wide(struct fc_sock *s, uint32_t mask)
{
	s->dflt_set |= mask;
	for (uint32_t i = 0; i < s->assoc_cap; i++) {
		rte_spinlock_lock(&s->alock);
		struct fc_assoc en = s->assocs[i];
		rte_spinlock_unlock(&s->alock);
		if (en.id == 0 || en.state == FA_CLOSED || en.stack_id == 0)
			continue;
		s->ctl.info.nodelay = s->nodelay;
		s->ctl.info.disable_frag = s->disable_frag;
		s->ctl.info.autoclose_s = (uint32_t)s->autoclose;
		s->ctl.info.sndbuf_bytes = (uint32_t)s->sndbuf;
		int e = assoc_set(s, i, en.id, mask);
		/* EINVAL: it ended meanwhile; EOPNOTSUPP: a stack without it
		 * keeps the endpoint default only */
		if (e != 0 && e != EINVAL && e != EOPNOTSUPP)
			return e;
	}
	return 0;
}

static int
set_peer_primary(struct fc_sock *s, const struct sctp_setpeerprim *v)
{
	struct target t;
	int e = target_of(s, v->sspp_assoc_id, NULL, &t);
	if (e != 0)
		return e;
	if (t.slot == FC_NONE)
		return EINVAL; /* a primary belongs to an association */
	int i = peer_index(s, &v->sspp_addr);
	if (i < 0)
		return EADDRNOTAVAIL;
	s->ctl.info.primary = (uint16_t)i;
	if ((e = assoc_set(s, t.slot, t.fid, SCTPDK_FACADE_SET_PRIMARY)) != 0)
		return e;
	rte_spinlock_lock(&s->alock);
	if (s->assocs[t.slot].id == t.fid)
		s->assocs[t.slot].peer = s->ctl.info.peer_addrs[i];
	rte_spinlock_unlock(&s->alock);
	return 0;
}

static int
set_strm_timeout(struct fc_sock *s, const struct sctp_setstrm_timeout *v)
{
	if (v->ssto_streamid_start > v->ssto_streamid_end)
		return EINVAL;
	int e = check_assoc_id(s, v->ssto_assoc_id);
	if (e != 0)
		return e;
	/* replace a range with the same bounds, else add one */
	for (unsigned i = 0; i < s->n_strm_to; i++)
		if (s->strm_to[i].ssto_streamid_start == v->ssto_streamid_start &&
		    s->strm_to[i].ssto_streamid_end == v->ssto_streamid_end) {
			s->strm_to[i].ssto_timeout = v->ssto_timeout;
			return 0;
		}
	if (s->n_strm_to >= FC_MAX_STRM_TIMEOUTS)
		return ENOMEM;
	s->strm_to[s->n_strm_to++] = *v;
	return 0;
}

static int
set_default_send(struct fc_sock *s, const struct sctp_sndrcvinfo *v)
{
	if (v->sinfo_flags & ~(MSG_UNORDERED | MSG_ADDR_OVER | MSG_ABORT | MSG_EOF))
		return EINVAL;
	if (fc_one_to_one(s) && (v->sinfo_flags & (MSG_ABORT | MSG_EOF)))
		return EINVAL;
	int e = check_assoc_id(s, v->sinfo_assoc_id);
	if (e != 0)
		return e;
	s->dflt_send = *v;
	return 0;
}

static int
get_int(const void *optval, socklen_t optlen, int *v)
{
	if (optval == NULL || optlen < (socklen_t)sizeof(int))
		return EINVAL;
	memcpy(v, optval, sizeof(int));
	return 0;
}

static int
setopt_sctp(struct fc_sock *s, int optname, const void *optval, socklen_t optlen)
{
	int v;
#define NEED(T)                                                                                    \
	do {                                                                                       \
		if (optval == NULL || optlen < (socklen_t)sizeof(T))                               \
			return EINVAL;                                                             \
	} while (0)
	switch (optname) {
	case SCTP_RTOINFO: {
		NEED(struct sctp_rtoinfo);
		struct sctp_rtoinfo x;
		memcpy(&x, optval, sizeof(x));
		return set_rto(s, &x);
	}
	case SCTP_ASSOCINFO: {
		NEED(struct sctp_assocparams);
		struct sctp_assocparams x;
		memcpy(&x, optval, sizeof(x));
		return set_associnfo(s, &x);
	}
	case SCTP_INITMSG: {
		NEED(struct sctp_initmsg);
		struct sctp_initmsg x;
		memcpy(&x, optval, sizeof(x));
		if (x.sinit_num_ostreams)
			s->initmsg.sinit_num_ostreams = x.sinit_num_ostreams;
		if (x.sinit_max_instreams)
			s->initmsg.sinit_max_instreams = x.sinit_max_instreams;
		if (x.sinit_max_attempts)
			s->initmsg.sinit_max_attempts = x.sinit_max_attempts;
		if (x.sinit_max_init_timeo)
			s->initmsg.sinit_max_init_timeo = x.sinit_max_init_timeo;
		s->dflt_set |= SCTPDK_FACADE_SET_INIT;
		return 0;
	}
	case SCTP_NODELAY:
		if (get_int(optval, optlen, &v))
			return EINVAL;
		s->nodelay = v != 0;
		return set_socket_wide(s, SCTPDK_FACADE_SET_NODELAY);
	case SCTP_AUTOCLOSE:
		if (fc_one_to_one(s))
			return EOPNOTSUPP;
		if (get_int(optval, optlen, &v) || v < 0)
			return EINVAL;
		s->autoclose = v;
		return set_socket_wide(s, SCTPDK_FACADE_SET_AUTOCLOSE);
	case SCTP_SET_PRIMARY_ADDR:
		/* asking the peer to change its primary needs ASCONF (RFC 5061),
		 * which the stack does not implement */
		NEED(struct sctp_setprim);
		return EOPNOTSUPP;
	case SCTP_SET_PEER_PRIMARY_ADDR: {
		NEED(struct sctp_setpeerprim);
		struct sctp_setpeerprim x;
		memcpy(&x, optval, sizeof(x));
		return set_peer_primary(s, &x);
	}
	case SCTP_SET_ADAPTION_LAYER: {
		NEED(struct sctp_setadaption);
		struct sctp_setadaption x;
		memcpy(&x, optval, sizeof(x));
		s->adapt_ind = x.ssb_adaption_ind;
		s->adapt_set = 1;
		return 0;
	}
	case SCTP_SET_STREAM_TIMEOUTS: {
		NEED(struct sctp_setstrm_timeout);
		struct sctp_setstrm_timeout x;
		memcpy(&x, optval, sizeof(x));
		return set_strm_timeout(s, &x);
	}
	case SCTP_DISABLE_FRAGMENTS:
		if (get_int(optval, optlen, &v))
			return EINVAL;
		s->disable_frag = v != 0;
		return set_socket_wide(s, SCTPDK_FACADE_SET_FRAG);
	case SCTP_SET_PEER_ADDR_PARAMS: {
		NEED(struct sctp_paddrparams);
		struct sctp_paddrparams x;
		memcpy(&x, optval, sizeof(x));
		return set_paddrparams(s, &x);
	}
	case SCTP_SET_DEFAULT_SEND_PARAM: {
		NEED(struct sctp_sndrcvinfo);
		struct sctp_sndrcvinfo x;
		memcpy(&x, optval, sizeof(x));
		return set_default_send(s, &x);
	}
	case SCTP_SET_EVENTS: {
		if (optval == NULL || optlen == 0)
			return EINVAL;
		struct sctp_event_subscribe x = s->ev;
		memcpy(&x, optval, optlen < sizeof(x) ? optlen : sizeof(x));
		s->ev = x;
		return 0;
	}
	case SCTP_STATUS:
	case SCTP_GET_PEER_ADDR_INFO:
		return ENOPROTOOPT; /* read-only */
	default:
		return ENOPROTOOPT;
	}
#undef NEED
}

static int
setopt_socket(struct fc_sock *s, int optname, const void *optval, socklen_t optlen)
{
	int v;
	switch (optname) {
	case SO_LINGER: {
		if (optval == NULL || optlen < (socklen_t)sizeof(struct linger))
			return EINVAL;
		struct linger l;
		memcpy(&l, optval, sizeof(l));
		if (l.l_linger < 0)
			return EINVAL;
		s->linger = l;
		return 0;
	}
	case SO_SNDBUF:
	case SO_RCVBUF:
		if (get_int(optval, optlen, &v) || v <= 0)
			return EINVAL;
		if (v < 2048)
			v = 2048; /* like Linux, keep room for one message */
		if (optname == SO_RCVBUF) {
			/* the window is announced in INIT / INIT ACK: for
			 * associations set up from now on */
			s->rcvbuf = v;
			s->dflt_set |= SCTPDK_FACADE_SET_RCVBUF;
			return 0;
		}
		s->sndbuf = v;
		return set_socket_wide(s, SCTPDK_FACADE_SET_SNDBUF);
	default:
		return ENOPROTOOPT;
	}
}

int
sctpdk_setsockopt(int sd, int level, int optname, const void *optval, socklen_t optlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	int e;
	pthread_mutex_lock(&s->ctl_mtx);
	if (level == IPPROTO_SCTP)
		e = setopt_sctp(s, optname, optval, optlen);
	else if (level == SOL_SOCKET)
		e = setopt_socket(s, optname, optval, optlen);
	else
		e = ENOPROTOOPT;
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

/* ---- get -------------------------------------------------------------- */

static int
get_status(struct fc_sock *s, struct sctp_status *st)
{
	struct target t;
	int e = target_of(s, st->sstat_assoc_id, NULL, &t);
	if (e != 0)
		return e;
	if (t.slot == FC_NONE)
		return no_assoc(s);
	const struct sctpdk_facade_assoc_info *in = &s->ctl.info;
	memset(st, 0, sizeof(*st));
	st->sstat_assoc_id = fc_one_to_one(s) ? 0 : t.fid;
	st->sstat_state = in->state;
	st->sstat_rwnd = in->peer_rwnd;
	st->sstat_unackdata = (uint16_t)in->unacked_chunks;
	st->sstat_penddata = (uint16_t)in->pending_chunks;
	st->sstat_instrms = in->in_streams;
	st->sstat_outstrms = in->out_streams;
	st->sstat_fragmentation_point = in->frag_point;
	st->sstat_primary.spinfo_assoc_id = st->sstat_assoc_id;
	if (in->n_peer_addrs > 0)
		paddrinfo_fill(s, in->primary < in->n_peer_addrs ? in->primary : 0,
			       &st->sstat_primary);
	return 0;
}

static int
get_paddrinfo(struct fc_sock *s, struct sctp_paddrinfo *pi)
{
	struct target t;
	int e = target_of(s, pi->spinfo_assoc_id, &pi->spinfo_address, &t);
	if (e != 0)
		return e;
	if (t.slot == FC_NONE)
		return no_assoc(s);
	int i = peer_index(s, &pi->spinfo_address);
	if (i < 0)
		return EADDRNOTAVAIL;
	paddrinfo_fill(s, (unsigned)i, pi);
	return 0;
}

/* A one-to-one socket's live association: its values read from the stack
 * into s->ctl.info (returns 0), else -1 (the endpoint default answers). */
static int
live_of_one(struct fc_sock *s)
{
	struct target t;
	if (!fc_one_to_one(s) || target_of(s, 0, NULL, &t) != 0 || t.slot == FC_NONE)
		return -1;
	return 0;
}

#define PUT(T, val)                                                                                \
	do {                                                                                       \
		if (*optlen < (socklen_t)sizeof(T))                                                \
			return EINVAL;                                                             \
		T tmp_ = (val);                                                                    \
		memcpy(optval, &tmp_, sizeof(T));                                                  \
		*optlen = sizeof(T);                                                               \
	} while (0)

#define TAKE(T, var)                                                                               \
	T var;                                                                                     \
	do {                                                                                       \
		if (*optlen < (socklen_t)sizeof(T))                                                \
			return EINVAL;                                                             \
		memcpy(&var, optval, sizeof(T));                                                   \
	} while (0)

static int
getopt_sctp(struct fc_sock *s, int optname, void *optval, socklen_t *optlen)
{
	struct target t;
	int e;
	switch (optname) {
	case SCTP_RTOINFO: {
		TAKE(struct sctp_rtoinfo, x);
		if ((e = target_of(s, x.srto_assoc_id, NULL, &t)) != 0)
			return e;
		struct sctp_rtoinfo r = s->rto;
		r.srto_assoc_id = x.srto_assoc_id;
		if (t.slot != FC_NONE) {
			r.srto_initial = s->ctl.info.rto_initial_ms;
			r.srto_max = s->ctl.info.rto_max_ms;
			r.srto_min = s->ctl.info.rto_min_ms;
		}
		PUT(struct sctp_rtoinfo, r);
		return 0;
	}
	case SCTP_ASSOCINFO: {
		TAKE(struct sctp_assocparams, x);
		if ((e = target_of(s, x.sasoc_assoc_id, NULL, &t)) != 0)
			return e;
		struct sctp_assocparams r = s->ap;
		r.sasoc_assoc_id = x.sasoc_assoc_id;
		r.sasoc_local_rwnd = (uint32_t)s->rcvbuf;
		r.sasoc_peer_rwnd = 0;
		r.sasoc_number_peer_destinations = 0;
		if (t.slot != FC_NONE) {
			r.sasoc_asocmaxrxt = (uint16_t)s->ctl.info.max_retrans;
			r.sasoc_cookie_life = s->ctl.info.cookie_life_ms;
			r.sasoc_peer_rwnd = s->ctl.info.peer_rwnd;
			r.sasoc_local_rwnd = s->ctl.info.local_rwnd;
			r.sasoc_number_peer_destinations = s->ctl.info.n_peer_addrs;
		}
		PUT(struct sctp_assocparams, r);
		return 0;
	}
	case SCTP_INITMSG:
		PUT(struct sctp_initmsg, s->initmsg);
		return 0;
	case SCTP_NODELAY:
		if ((e = live_of_one(s)) < 0)
			PUT(int, s->nodelay);
		else
			PUT(int, s->ctl.info.nodelay);
		return 0;
	case SCTP_AUTOCLOSE:
		if (fc_one_to_one(s))
			return EOPNOTSUPP;
		PUT(int, s->autoclose);
		return 0;
	case SCTP_SET_PRIMARY_ADDR:
		return EOPNOTSUPP; /* see setopt_sctp */
	case SCTP_SET_PEER_PRIMARY_ADDR: {
		TAKE(struct sctp_setpeerprim, x);
		if ((e = target_of(s, x.sspp_assoc_id, NULL, &t)) != 0)
			return e;
		if (t.slot == FC_NONE)
			return no_assoc(s);
		const struct sctpdk_facade_assoc_info *in = &s->ctl.info;
		unsigned p = in->primary < in->n_peer_addrs ? in->primary : 0;
		fc_sockaddr_from(s->domain, &in->peer_addrs[p], in->peer_port, &x.sspp_addr);
		PUT(struct sctp_setpeerprim, x);
		return 0;
	}
	case SCTP_SET_ADAPTION_LAYER: {
		struct sctp_setadaption x = {.ssb_adaption_ind = s->adapt_ind};
		PUT(struct sctp_setadaption, x);
		return 0;
	}
	case SCTP_SET_STREAM_TIMEOUTS: {
		TAKE(struct sctp_setstrm_timeout, x);
		x.ssto_timeout = 0;
		for (unsigned i = 0; i < s->n_strm_to; i++)
			if (x.ssto_streamid_start >= s->strm_to[i].ssto_streamid_start &&
			    x.ssto_streamid_start <= s->strm_to[i].ssto_streamid_end) {
				x.ssto_timeout = s->strm_to[i].ssto_timeout;
				x.ssto_streamid_start = s->strm_to[i].ssto_streamid_start;
				x.ssto_streamid_end = s->strm_to[i].ssto_streamid_end;
				break;
			}
		PUT(struct sctp_setstrm_timeout, x);
		return 0;
	}
	case SCTP_DISABLE_FRAGMENTS:
		if ((e = live_of_one(s)) < 0)
			PUT(int, s->disable_frag);
		else
			PUT(int, s->ctl.info.disable_frag);
		return 0;
	case SCTP_SET_PEER_ADDR_PARAMS: {
		TAKE(struct sctp_paddrparams, x);
		if ((e = target_of(s, x.spp_assoc_id, &x.spp_address, &t)) != 0)
			return e;
		x.spp_hbinterval = s->hb_interval_ms;
		x.spp_pathmaxrxt = s->path_max_retrans;
		if (t.slot != FC_NONE) {
			if ((e = check_peer_addr(s, &x.spp_address)) != 0)
				return e;
			/* with an address: that destination's values */
			int k = addr_is_zero(&x.spp_address) ? -1 : peer_index(s, &x.spp_address);
			x.spp_hbinterval = k < 0 ? s->ctl.info.hb_interval_ms
						 : s->ctl.info.path[k].hb_interval_ms;
			x.spp_pathmaxrxt = k < 0 ? s->ctl.info.path_max_retrans
						 : s->ctl.info.path[k].path_max_retrans;
		}
		PUT(struct sctp_paddrparams, x);
		return 0;
	}
	case SCTP_SET_DEFAULT_SEND_PARAM:
		PUT(struct sctp_sndrcvinfo, s->dflt_send);
		return 0;
	case SCTP_SET_EVENTS: {
		socklen_t n = *optlen < sizeof(s->ev) ? *optlen : (socklen_t)sizeof(s->ev);
		if (n == 0)
			return EINVAL;
		memcpy(optval, &s->ev, n);
		*optlen = n;
		return 0;
	}
	case SCTP_STATUS: {
		TAKE(struct sctp_status, x);
		if ((e = get_status(s, &x)) != 0)
			return e;
		PUT(struct sctp_status, x);
		return 0;
	}
	case SCTP_GET_PEER_ADDR_INFO: {
		TAKE(struct sctp_paddrinfo, x);
		if ((e = get_paddrinfo(s, &x)) != 0)
			return e;
		PUT(struct sctp_paddrinfo, x);
		return 0;
	}
	default:
		return ENOPROTOOPT;
	}
}

static int
getopt_socket(struct fc_sock *s, int optname, void *optval, socklen_t *optlen)
{
	switch (optname) {
	case SO_LINGER:
		PUT(struct linger, s->linger);
		return 0;
	case SO_SNDBUF:
		if (live_of_one(s) < 0)
			PUT(int, s->sndbuf);
		else
			PUT(int, (int)s->ctl.info.sndbuf_bytes);
		return 0;
	case SO_RCVBUF:
		PUT(int, s->rcvbuf);
		return 0;
	case SO_TYPE:
		PUT(int, s->style == FC_TCP ? SOCK_STREAM : SOCK_SEQPACKET);
		return 0;
	case SO_ERROR:
		PUT(int, __atomic_exchange_n(&s->so_error, 0, __ATOMIC_ACQ_REL));
		return 0;
	default:
		return ENOPROTOOPT;
	}
}

int
sctpdk_getsockopt(int sd, int level, int optname, void *optval, socklen_t *optlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (optval == NULL || optlen == NULL)
		return fail(s, EINVAL);
	int e;
	pthread_mutex_lock(&s->ctl_mtx);
	if (level == IPPROTO_SCTP)
		e = getopt_sctp(s, optname, optval, optlen);
	else if (level == SOL_SOCKET)
		e = getopt_socket(s, optname, optval, optlen);
	else
		e = ENOPROTOOPT;
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

int
sctpdk_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size)
{
	switch (opt) {
	case SCTP_RTOINFO:
	case SCTP_ASSOCINFO:
	case SCTP_SET_PRIMARY_ADDR:
	case SCTP_SET_PEER_PRIMARY_ADDR:
	case SCTP_SET_STREAM_TIMEOUTS:
	case SCTP_SET_PEER_ADDR_PARAMS:
	case SCTP_STATUS:
	case SCTP_GET_PEER_ADDR_INFO:
		break;
	default: {
		struct fc_sock *s = fc_get(sd);
		if (s == NULL)
			return -1;
		return fail(s, EOPNOTSUPP);
	}
	}
	if (arg == NULL || size == NULL || *size < (socklen_t)sizeof(sctp_assoc_t)) {
		errno = EINVAL;
		return -1;
	}
	/* every one of these structures starts with its association id */
	memcpy(arg, &id, sizeof(id));
	return sctpdk_getsockopt(sd, IPPROTO_SCTP, opt, arg, size);
}
