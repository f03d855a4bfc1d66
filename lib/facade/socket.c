/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Socket life and addressing: socket, bind, bindx, listen, accept,
 * connect, close, shutdown, peeloff, getsockname, getpeername,
 * getpaddrs/getladdrs, fcntl, fileno.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "facade_int.h"

#define EPHEMERAL_LO 49152u

/* ---- association table ------------------------------------------------ */

uint32_t
fc_assoc_find(struct fc_sock *s, int32_t id)
{
	if (fc_one_to_one(s))
		return s->assocs[0].id != 0 ? 0 : FC_NONE;
	if (id == 0)
		return FC_NONE;
	for (uint32_t i = 0; i < s->assoc_cap; i++)
		if (s->assocs[i].id == id)
			return i;
	return FC_NONE;
}

uint32_t
fc_assoc_find_addr(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port)
{
	for (uint32_t i = 0; i < s->assoc_cap; i++) {
		struct fc_assoc *e = &s->assocs[i];
		if (e->id != 0 && e->state != FA_CLOSED && e->peer_port == port &&
		    sctpdk_addr_eq(&e->peer, a))
			return i;
	}
	return FC_NONE;
}

uint32_t
fc_assoc_alloc(struct fc_sock *s)
{
	uint32_t n = fc_one_to_one(s) ? 1 : s->assoc_cap;
	for (uint32_t i = 0; i < n; i++)
		if (s->assocs[i].id == 0)
			return i;
	/* reclaim an ended association; its stack side is gone (the lcore
	 * removed it from the endpoint map and cleared stack_id) */
	for (uint32_t i = 0; i < n; i++)
		if (s->assocs[i].state == FA_CLOSED && s->assocs[i].stack_id == 0)
			return i;
	return FC_NONE;
}

/* ---- helpers --------------------------------------------------------- */

static int
fail(struct fc_sock *s, int e)
{
	if (s != NULL)
		fc_put(s);
	errno = e;
	return -1;
}

/* Section 9: ports below 1024 need CAP_NET_BIND_SERVICE in the calling
 * thread's effective set (root has it unless dropped). */
static int
privileged(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return geteuid() == 0;
	return (d[CAP_NET_BIND_SERVICE / 32].effective & (1u << (CAP_NET_BIND_SERVICE % 32))) != 0;
}

static int
is_wildcard(const struct sctpdk_addr *a)
{
	if (a->family == SCTPDK_AF_INET)
		return a->u.v4 == 0;
	static const uint8_t z[16];
	return memcmp(a->u.v6, z, 16) == 0;
}

static int
stack_has_addr(const struct sctpdk_facade *f, const struct sctpdk_addr *a)
{
	unsigned n = __atomic_load_n(&f->cfg.n_local_addrs, __ATOMIC_ACQUIRE);
	for (unsigned i = 0; i < n; i++)
		if (sctpdk_addr_eq(&f->cfg.local_addrs[i], a))
			return 1;
	return 0;
}

/* Reserve port (0 = ephemeral) in the table's port map. */
static int
port_take(struct sctpdk_facade *f, uint16_t *port)
{
	int e = 0;
	rte_spinlock_lock(&f->tlock);
	if (*port == 0) {
		/* next fit from the last one handed out, so a port just released
		 * (its endpoint may still finish associations) is not taken
		 * again at once */
		e = EADDRINUSE;
		uint32_t n = 65536 - EPHEMERAL_LO;
		for (uint32_t i = 0; i < n; i++) {
			uint32_t p = EPHEMERAL_LO + (f->eph_next + i) % n;
			if (!(f->port_map[p / 8] & (1u << (p % 8)))) {
				*port = (uint16_t)p;
				f->eph_next = (p + 1 - EPHEMERAL_LO) % n;
				e = 0;
				break;
			}
		}
	} else if (f->port_map[*port / 8] & (1u << (*port % 8))) {
		e = EADDRINUSE;
	}
	if (e == 0)
		f->port_map[*port / 8] |= (uint8_t)(1u << (*port % 8));
	rte_spinlock_unlock(&f->tlock);
	return e;
}

static void
bind_wildcard(struct fc_sock *s)
{
	const struct sctpdk_facade *f = s->f;
	s->wildcard = 1;
	s->n_laddrs = 0;
	for (unsigned i = 0; i < f->cfg.n_local_addrs && s->n_laddrs < SCTPDK_FACADE_MAX_ADDRS;
	     i++) {
		if (s->domain == AF_INET && f->cfg.local_addrs[i].family != SCTPDK_AF_INET)
			continue;
		s->laddrs[s->n_laddrs++] = f->cfg.local_addrs[i];
	}
}

/* ctl_mtx held */
static int
do_bind(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port)
{
	if (port != 0 && port < 1024 && !privileged())
		return EACCES;
	if (!is_wildcard(a) && !stack_has_addr(s->f, a))
		return EADDRNOTAVAIL;
	int e = port_take(s->f, &port);
	if (e != 0)
		return e;
	s->port = port;
	if (is_wildcard(a)) {
		bind_wildcard(s);
	} else {
		s->wildcard = 0;
		s->n_laddrs = 1;
		s->laddrs[0] = *a;
	}
	s->bound = 1;
	return 0;
}

int
fc_ensure_ep(struct fc_sock *s)
{
	if (s->ep_open)
		return 0;
	if (!s->bound) {
		struct sctpdk_addr any;
		memset(&any, 0, sizeof(any));
		any.family = s->domain == AF_INET6 ? SCTPDK_AF_INET6 : SCTPDK_AF_INET;
		int e = do_bind(s, &any, 0);
		if (e != 0)
			return e;
	}
	/* nothing was posted for this socket yet: it may still change owner */
	const struct sctpdk_facade_stack_ops *ops = &s->f->cfg.ops;
	if (ops->ep_lcore != NULL) {
		int l = ops->ep_lcore(ops->ctx, s->port, s->laddrs, s->wildcard ? 0 : s->n_laddrs);
		if (l >= 0 && (unsigned)l < s->f->cfg.n_lcores)
			s->owner = (unsigned)l;
	}
	struct fc_cmd c = {.type = FC_CMD_EP_OPEN};
	int r = fc_ctl_call(s, &c);
	if (r != 0)
		return fc_errno_of(r);
	s->ep_open = 1;
	return 0;
}

/* ---- calls ------------------------------------------------------------ */

int
sctpdk_socket(int domain, int type, int protocol)
{
	struct sctpdk_facade *f = __atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE);
	if (sctpdk_facade_on_lcore_) {
		errno = EDEADLK;
		return -1;
	}
	if (f == NULL) {
		errno = ENETDOWN;
		return -1;
	}
	if (domain != AF_INET && domain != AF_INET6) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	int nonblock = 0;
#ifdef SOCK_NONBLOCK
	if (type & SOCK_NONBLOCK) {
		nonblock = 1;
		type &= ~SOCK_NONBLOCK;
	}
#endif
#ifdef SOCK_CLOEXEC
	type &= ~SOCK_CLOEXEC;
#endif
	int style;
	if (type == SOCK_SEQPACKET)
		style = FC_UDP;
	else if (type == SOCK_STREAM)
		style = FC_TCP;
	else {
		errno = ESOCKTNOSUPPORT;
		return -1;
	}
	if (protocol != 0 && protocol != IPPROTO_SCTP) {
		errno = EPROTONOSUPPORT;
		return -1;
	}
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0) {
		errno = ENOBUFS;
		return -1;
	}
	struct fc_sock *s = fc_slot_alloc_wait(f, style, domain, FS_EMBRYO);
	if (s == NULL) {
		close(efd);
		errno = EMFILE;
		return -1;
	}
	s->efd = efd;
	s->nonblock = nonblock;
	fc_life_move(s, FS_EMBRYO, FS_OPEN);
	return (int)s->idx;
}

int
sctpdk_bind(int sd, const struct sockaddr *addr, socklen_t addrlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	struct sctpdk_addr a;
	uint16_t port;
	int e = fc_sockaddr_to(addr, addrlen, s->domain, &a, &port);
	if (e != 0)
		return fail(s, e);
	pthread_mutex_lock(&s->ctl_mtx);
	e = s->bound ? EINVAL : do_bind(s, &a, port);
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

static int
bindx_locked(struct fc_sock *s, const struct sockaddr_storage *addrs, int cnt, int flags)
{
	struct sctpdk_addr a[SCTPDK_FACADE_MAX_ADDRS];
	uint16_t port = 0;
	if (cnt > SCTPDK_FACADE_MAX_ADDRS)
		return EINVAL;
	for (int i = 0; i < cnt; i++) {
		uint16_t p;
		int e = fc_sockaddr_to((const struct sockaddr *)&addrs[i], sizeof(addrs[i]),
				       s->domain, &a[i], &p);
		if (e != 0)
			return e;
		if (i > 0 && p != port)
			return EINVAL;
		port = p;
		if (is_wildcard(&a[i]))
			return EINVAL;
		if (!stack_has_addr(s->f, &a[i]))
			return EADDRNOTAVAIL;
	}
	if (s->bound && port != 0 && port != s->port)
		return EINVAL;
	if (s->ep_open) {
		/* a running endpoint: the address list of associations set up
		 * from now on (draft 8.1). Changing the addresses of an
		 * association in use needs ASCONF (RFC 5061, optional in the
		 * draft): not for a connected one-to-one socket. */
		if (fc_one_to_one(s) && !__atomic_load_n(&s->listening, __ATOMIC_ACQUIRE))
			return EOPNOTSUPP;
		if (s->f->cfg.ops.ep_addrs == NULL)
			return EOPNOTSUPP;
	}
	struct sctpdk_addr nl[SCTPDK_FACADE_MAX_ADDRS];
	unsigned nn = s->n_laddrs;
	memcpy(nl, s->laddrs, sizeof(nl));
	if (flags == SCTP_BINDX_ADD_ADDR) {
		int start = 0;
		if (!s->bound) {
			int e = do_bind(s, &a[0], port);
			if (e != 0)
				return e;
			nn = s->n_laddrs;
			memcpy(nl, s->laddrs, sizeof(nl));
			start = 1;
		} else if (s->wildcard) {
			return EINVAL; /* already bound to every address */
		}
		for (int i = start; i < cnt; i++) {
			int dup = 0;
			for (unsigned j = 0; j < nn; j++)
				dup |= sctpdk_addr_eq(&nl[j], &a[i]);
			if (dup)
				continue;
			if (nn >= SCTPDK_FACADE_MAX_ADDRS)
				return ENOMEM;
			nl[nn++] = a[i];
		}
	} else {
		if (!s->bound || s->wildcard)
			return EINVAL;
		unsigned left = nn;
		for (int i = 0; i < cnt; i++) {
			int found = 0;
			for (unsigned j = 0; j < nn; j++)
				found |= sctpdk_addr_eq(&nl[j], &a[i]);
			if (!found)
				return EINVAL;
			left--;
		}
		if (left == 0)
			return EINVAL; /* cannot remove every address */
		for (int i = 0; i < cnt; i++)
			for (unsigned j = 0; j < nn; j++)
				if (sctpdk_addr_eq(&nl[j], &a[i])) {
					nl[j] = nl[--nn];
					break;
				}
	}
	if (s->ep_open) {
		s->ctl.n_addrs = (uint16_t)nn;
		memcpy(s->ctl.addrs, nl, sizeof(nl));
		struct fc_cmd c = {.type = FC_CMD_EP_ADDRS};
		int r = fc_ctl_call(s, &c);
		if (r != 0)
			return fc_errno_of(r);
	}
	s->n_laddrs = (uint16_t)nn;
	memcpy(s->laddrs, nl, sizeof(nl));
	return 0;
}

int
sctpdk_bindx(int sd, const struct sockaddr_storage *addrs, int addrcnt, int flags)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (addrs == NULL || addrcnt < 1 ||
	    (flags != SCTP_BINDX_ADD_ADDR && flags != SCTP_BINDX_REM_ADDR))
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	int e = bindx_locked(s, addrs, addrcnt, flags);
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

int
sctpdk_listen(int sd, int backlog)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (s->peeled)
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	int e = 0;
	if (s->style == FC_TCP && s->assocs[0].id != 0) {
		e = EINVAL;
		goto out;
	}
	int on = s->style == FC_UDP || backlog > 0;
	int was = s->listening;
	/* stacks that fix "listening" when the endpoint opens see it set */
	__atomic_store_n(&s->listening, on, __ATOMIC_RELEASE);
	e = fc_ensure_ep(s);
	if (e != 0) {
		__atomic_store_n(&s->listening, was, __ATOMIC_RELEASE);
		goto out;
	}
	struct fc_cmd c = {.type = FC_CMD_LISTEN};
	s->ctl.listen_on = on;
	int r = fc_ctl_call(s, &c);
	if (r != 0) {
		e = fc_errno_of(r);
		goto out;
	}
	s->backlog = backlog < 0 ? 0 : backlog;
	__atomic_store_n(&s->listening, on, __ATOMIC_RELEASE);
out:
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

static void
put_addr(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port, struct sockaddr *addr,
	 socklen_t *addrlen)
{
	struct sockaddr_storage ss;
	socklen_t n = fc_sockaddr_from(s->domain, a, port, &ss);
	memcpy(addr, &ss, *addrlen < n ? *addrlen : n);
	*addrlen = n;
}

static int
accq_ready(struct fc_sock *s, void *arg)
{
	(void)arg;
	return !rte_ring_empty(s->accq);
}

int
sctpdk_accept(int sd, struct sockaddr *addr, socklen_t *addrlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (s->style != FC_TCP || s->peeled)
		return fail(s, EOPNOTSUPP);
	if ((addr == NULL) != (addrlen == NULL))
		return fail(s, EINVAL);
	if (!__atomic_load_n(&s->listening, __ATOMIC_ACQUIRE))
		return fail(s, EINVAL);
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0)
		return fail(s, ENFILE);
	uint32_t idx;
	while (rte_ring_dequeue_elem(s->accq, &idx, sizeof(idx)) != 0) {
		int e = EAGAIN;
		if (!__atomic_load_n(&s->nonblock, __ATOMIC_RELAXED))
			e = fc_wait(s, accq_ready, NULL, -1, 0);
		else
			fc_clear(s);
		if (e != 0) {
			close(efd);
			return fail(s, e);
		}
	}
	struct fc_sock *n = &s->f->socks[idx];
	n->efd = efd;
	n->nonblock = __atomic_load_n(&s->nonblock, __ATOMIC_RELAXED);
	rte_spinlock_lock(&n->alock);
	struct sctpdk_addr peer = n->assocs[0].peer;
	uint16_t pport = n->assocs[0].peer_port;
	rte_spinlock_unlock(&n->alock);
	fc_life_move(n, FS_EMBRYO, FS_OPEN);
	if (addr != NULL)
		put_addr(s, &peer, pport, addr, addrlen);
	fc_put(s);
	return (int)idx;
}

int
fc_start_assoc(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port,
	       const struct sctp_initmsg *init, uint32_t *slotp, int32_t *idp)
{
	int e = fc_ensure_ep(s);
	if (e != 0)
		return e;
	rte_spinlock_lock(&s->alock);
	uint32_t slot = fc_assoc_alloc(s);
	int32_t id = 0;
	if (slot != FC_NONE) {
		struct fc_assoc *en = &s->assocs[slot];
		memset(en, 0, sizeof(*en));
		en->id = id = fc_new_assoc_id(s->f);
		en->state = FA_SETUP;
		en->peer = *a;
		en->peer_port = port;
		en->out_streams = init->sinit_num_ostreams != 0 ? init->sinit_num_ostreams
								: s->initmsg.sinit_num_ostreams;
	}
	rte_spinlock_unlock(&s->alock);
	if (slot == FC_NONE)
		return ENOBUFS;
	struct fc_cmd c = {.type = FC_CMD_CONNECT, .assoc = id, .slot = slot};
	c.init = *init;
	c.si.dst = *a;
	c.si.sid = port; /* CONNECT: the peer port rides in si.sid */
	if (fc_cmd_post(s, &c) != 0) {
		rte_spinlock_lock(&s->alock);
		s->assocs[slot].id = 0;
		s->assocs[slot].state = FA_FREE;
		rte_spinlock_unlock(&s->alock);
		return EAGAIN;
	}
	*slotp = slot;
	*idp = id;
	return 0;
}

struct conn_wait {
	int32_t id;
	uint32_t slot;
};

static int
conn_done(struct fc_sock *s, void *arg)
{
	struct conn_wait *w = arg;
	rte_spinlock_lock(&s->alock);
	struct fc_assoc *e = &s->assocs[w->slot];
	int done = e->id != w->id || e->state != FA_SETUP;
	rte_spinlock_unlock(&s->alock);
	return done;
}

int
sctpdk_connect(int sd, const struct sockaddr *addr, socklen_t addrlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	struct sctpdk_addr a;
	uint16_t port;
	int e = fc_sockaddr_to(addr, addrlen, s->domain, &a, &port);
	if (e != 0)
		return fail(s, e);
	if (port == 0 || is_wildcard(&a))
		return fail(s, EINVAL);
	if (s->style == FC_TCP && __atomic_load_n(&s->listening, __ATOMIC_ACQUIRE))
		return fail(s, EINVAL);
	if (s->peeled)
		return fail(s, EISCONN);
	pthread_mutex_lock(&s->ctl_mtx);
	e = fc_ensure_ep(s);
	if (e != 0) {
		pthread_mutex_unlock(&s->ctl_mtx);
		return fail(s, e);
	}
	struct conn_wait w = {0, 0};
	rte_spinlock_lock(&s->alock);
	if (s->style == FC_TCP && s->assocs[0].id != 0 &&
	    !(s->assocs[0].state == FA_CLOSED && s->assocs[0].stack_id == 0))
		e = s->assocs[0].state == FA_SETUP ? EALREADY : EISCONN;
	else if (s->style == FC_UDP && fc_assoc_find_addr(s, &a, port) != FC_NONE)
		e = EISCONN;
	rte_spinlock_unlock(&s->alock);
	if (e == 0)
		e = fc_start_assoc(s, &a, port, &s->initmsg, &w.slot, &w.id);
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	if (__atomic_load_n(&s->nonblock, __ATOMIC_RELAXED))
		return fail(s, EINPROGRESS);
	e = fc_wait(s, conn_done, &w, -1, 0);
	if (e != 0)
		return fail(s, e);
	rte_spinlock_lock(&s->alock);
	struct fc_assoc *en = &s->assocs[w.slot];
	if (en->id != w.id)
		e = ECONNREFUSED;
	else if (en->state == FA_CLOSED && en->err != ECONNRESET)
		e = en->err != 0 ? en->err : ECONNREFUSED;
	/* ECONNRESET: the association came up and was aborted before this
	 * thread ran; connect succeeded, and the next call reports the reset
	 * (as it does when the abort comes a moment later) */
	if (e != 0 && s->style == FC_TCP && en->id == w.id)
		memset(en, 0, sizeof(*en)); /* a failed connect can be retried */
	rte_spinlock_unlock(&s->alock);
	/* the error is reported here, not again through SO_ERROR */
	__atomic_store_n(&s->so_error, 0, __ATOMIC_RELEASE);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

static int
all_closed(struct fc_sock *s, void *arg)
{
	(void)arg;
	int live = 0;
	rte_spinlock_lock(&s->alock);
	for (uint32_t i = 0; i < s->assoc_cap; i++)
		if (s->assocs[i].id != 0 && s->assocs[i].state != FA_CLOSED)
			live = 1;
	rte_spinlock_unlock(&s->alock);
	return !live;
}

int
sctpdk_close(int sd)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (!fc_life_move(s, FS_OPEN, FS_CLOSING))
		return fail(s, EBADF);
	/* wake every blocked call on this descriptor: they fail with EBADF */
	fc_wake_all(s);
	int ret = 0;
	pthread_mutex_lock(&s->ctl_mtx);
	if (s->ep_open) {
		int abort = s->linger.l_onoff && s->linger.l_linger == 0;
		struct fc_cmd c = {.type = FC_CMD_CLOSE_ASSOCS, .flags = (uint16_t)abort};
		while (fc_cmd_post(s, &c) != 0) {
			struct timespec ts = {0, 100000};
			nanosleep(&ts, NULL);
		}
		if (s->linger.l_onoff && s->linger.l_linger > 0) {
			int e = fc_wait(s, all_closed, NULL, s->linger.l_linger * 1000, 1);
			if (e == EINTR)
				ret = EINTR;
		}
		struct fc_cmd d = {.type = FC_CMD_DETACH};
		fc_ctl_call(s, &d);
	} else {
		fc_release(s); /* no endpoint: the lcore never had the socket */
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	fc_put(s);
	if (ret != 0) {
		errno = ret;
		return -1;
	}
	return 0;
}

int
sctpdk_shutdown(int sd, int how)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (!fc_one_to_one(s))
		return fail(s, EOPNOTSUPP);
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	int e = 0;
	rte_spinlock_lock(&s->alock);
	struct fc_assoc *en = &s->assocs[0];
	int32_t id = en->id;
	if (id == 0)
		e = ENOTCONN;
	else if ((how == SHUT_WR || how == SHUT_RDWR) && !s->shut_wr &&
		 (en->state == FA_UP || en->state == FA_PEER_SHUT || en->state == FA_SETUP))
		en->state = FA_SHUT;
	rte_spinlock_unlock(&s->alock);
	if (e == 0) {
		if (how == SHUT_RD || how == SHUT_RDWR)
			__atomic_store_n(&s->shut_rd, 1, __ATOMIC_RELEASE);
		if ((how == SHUT_WR || how == SHUT_RDWR) && !s->shut_wr) {
			__atomic_store_n(&s->shut_wr, 1, __ATOMIC_RELEASE);
			struct fc_cmd c = {.type = FC_CMD_SHUTDOWN, .assoc = id, .slot = 0};
			while (fc_cmd_post(s, &c) != 0) {
				struct timespec ts = {0, 100000};
				nanosleep(&ts, NULL);
			}
		}
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return 0;
}

int
sctpdk_peeloff(int sd, const sctp_assoc_t *assoc_id)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (fc_one_to_one(s))
		return fail(s, EOPNOTSUPP);
	if (assoc_id == NULL || *assoc_id == 0)
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	int e = 0;
	rte_spinlock_lock(&s->alock);
	uint32_t slot = fc_assoc_find(s, *assoc_id);
	if (slot == FC_NONE || s->assocs[slot].state == FA_CLOSED || s->assocs[slot].stack_id == 0)
		e = EINVAL;
	rte_spinlock_unlock(&s->alock);
	struct fc_sock *n = NULL;
	int efd = -1;
	if (e == 0) {
		efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		n = efd < 0 ? NULL : fc_slot_alloc_wait(s->f, FC_UDP, s->domain, FS_EMBRYO);
		if (n == NULL)
			e = EMFILE;
	}
	if (e == 0) {
		n->peeled = 1;
		fc_inherit(n, s);
		n->owner = s->owner;
		n->efd = efd;
		n->parent = s->idx; /* shares the port: never releases it */
		struct fc_cmd c = {.type = FC_CMD_PEELOFF, .assoc = *assoc_id, .slot = slot};
		s->ctl.peel_sock = n->idx;
		int r = fc_ctl_call(s, &c);
		if (r != 0) {
			e = fc_errno_of(r);
			n->efd = -1;
			fc_life_move(n, FS_EMBRYO, FS_INIT); /* never handed out */
			fc_slot_free(n);
		} else {
			fc_life_move(n, FS_EMBRYO, FS_OPEN);
		}
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0) {
		if (efd >= 0)
			close(efd);
		return fail(s, e);
	}
	fc_put(s);
	return (int)n->idx;
}

int
sctpdk_getsockname(int sd, struct sockaddr *addr, socklen_t *addrlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (addr == NULL || addrlen == NULL)
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	struct sctpdk_addr a;
	memset(&a, 0, sizeof(a));
	uint16_t port = 0;
	if (s->bound) {
		port = s->port;
		if (!s->wildcard && s->n_laddrs > 0)
			a = s->laddrs[0];
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	put_addr(s, &a, port, addr, addrlen);
	fc_put(s);
	return 0;
}

int
sctpdk_getpeername(int sd, struct sockaddr *addr, socklen_t *addrlen)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (addr == NULL || addrlen == NULL)
		return fail(s, EINVAL);
	if (!fc_one_to_one(s))
		return fail(s, ENOTCONN);
	rte_spinlock_lock(&s->alock);
	struct fc_assoc en = s->assocs[0];
	rte_spinlock_unlock(&s->alock);
	if (en.id == 0 || en.state == FA_SETUP || en.state == FA_CLOSED)
		return fail(s, ENOTCONN);
	put_addr(s, &en.peer, en.peer_port, addr, addrlen);
	fc_put(s);
	return 0;
}

int
sctpdk_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr_storage **addrs)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (addrs == NULL)
		return fail(s, EINVAL);
	pthread_mutex_lock(&s->ctl_mtx);
	rte_spinlock_lock(&s->alock);
	uint32_t slot = fc_assoc_find(s, id);
	int32_t fid = 0;
	if (slot != FC_NONE && s->assocs[slot].state != FA_CLOSED && s->assocs[slot].stack_id != 0)
		fid = s->assocs[slot].id;
	rte_spinlock_unlock(&s->alock);
	int n = 0, e = 0;
	if (fid != 0) {
		struct fc_cmd c = {.type = FC_CMD_ASSOC_INFO, .assoc = fid, .slot = slot};
		int r = fc_ctl_call(s, &c);
		if (r == 0) {
			n = s->ctl.info.n_peer_addrs;
			*addrs = n > 0 ? calloc((size_t)n, sizeof(**addrs)) : NULL;
			if (n > 0 && *addrs == NULL)
				e = ENOMEM;
			for (int i = 0; e == 0 && i < n; i++)
				fc_sockaddr_from(s->domain, &s->ctl.info.peer_addrs[i],
						 s->ctl.info.peer_port, &(*addrs)[i]);
		}
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return n;
}

void
sctpdk_freepaddrs(struct sockaddr_storage *addrs)
{
	free(addrs);
}

int
sctpdk_getladdrs(int sd, sctp_assoc_t id, struct sockaddr_storage **addrs)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (addrs == NULL)
		return fail(s, EINVAL);
	if (id != 0 && !fc_one_to_one(s)) {
		rte_spinlock_lock(&s->alock);
		uint32_t slot = fc_assoc_find(s, id);
		rte_spinlock_unlock(&s->alock);
		if (slot == FC_NONE)
			return fail(s, EINVAL);
	}
	pthread_mutex_lock(&s->ctl_mtx);
	int n = s->bound ? s->n_laddrs : 0;
	int e = 0;
	if (n > 0) {
		*addrs = calloc((size_t)n, sizeof(**addrs));
		if (*addrs == NULL)
			e = ENOMEM;
		for (int i = 0; e == 0 && i < n; i++)
			fc_sockaddr_from(s->domain, &s->laddrs[i], s->port, &(*addrs)[i]);
	}
	pthread_mutex_unlock(&s->ctl_mtx);
	if (e != 0)
		return fail(s, e);
	fc_put(s);
	return n;
}

void
sctpdk_freeladdrs(struct sockaddr_storage *addrs)
{
	free(addrs);
}

int
sctpdk_fcntl(int sd, int cmd, ...)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	int r = 0;
	if (cmd == F_GETFL) {
		r = O_RDWR | (__atomic_load_n(&s->nonblock, __ATOMIC_RELAXED) ? O_NONBLOCK : 0);
	} else if (cmd == F_SETFL) {
		va_list ap;
		va_start(ap, cmd);
		int fl = va_arg(ap, int);
		va_end(ap);
		__atomic_store_n(&s->nonblock, (fl & O_NONBLOCK) != 0, __ATOMIC_RELAXED);
	} else {
		return fail(s, EINVAL);
	}
	fc_put(s);
	return r;
}
