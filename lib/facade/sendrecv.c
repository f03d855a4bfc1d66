/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sendmsg / recvmsg and their short forms (send, sendto, write, recv,
 * recvfrom, read).
 *
 * Send: msg_iov is gathered straight into a chain of mbufs from the
 * facade's pool (the one copy on the way out) and queued on the socket's
 * command ring; the bytes count against SO_SNDBUF until the stack accepts
 * the message. Receive: one delivery (message or notification) at a time
 * is copied out of its mbuf chain into msg_iov (the one copy on the way
 * in); a partly read delivery stays as the socket's current one, so the
 * next receive call continues it.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include "facade_int.h"

#define FC_NOBUF_WAIT_MS 2000

static ssize_t
fail(struct fc_sock *s, int e)
{
	fc_put(s);
	errno = e;
	return -1;
}

/* ---- send ----------------------------------------------------------- */

static uint32_t
frag_point(const struct fc_sock *s)
{
	uint32_t over = (s->domain == AF_INET6 ? 40 : 20) + 12 + 16;
	uint32_t pmtu = s->f->cfg.pmtu != 0 ? s->f->cfg.pmtu : 1500;
	return pmtu > over ? pmtu - over : 0;
}

static uint32_t
stream_ttl(const struct fc_sock *s, uint16_t sid)
{
	for (unsigned i = 0; i < s->n_strm_to; i++)
		if (sid >= s->strm_to[i].ssto_streamid_start &&
		    sid <= s->strm_to[i].ssto_streamid_end)
			return s->strm_to[i].ssto_timeout;
	return 0;
}

struct space_wait {
	uint32_t len;
};

static int
try_reserve(struct fc_sock *s, uint32_t len)
{
	uint32_t q = __atomic_load_n(&s->snd_queued, __ATOMIC_ACQUIRE);
	for (;;) {
		if ((uint64_t)q + len > (uint64_t)(uint32_t)s->sndbuf ||
		    rte_ring_free_count(s->cmd) == 0)
			return 0;
		if (__atomic_compare_exchange_n(&s->snd_queued, &q, q + len, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return 1;
	}
}

static int
space_ready(struct fc_sock *s, void *arg)
{
	struct space_wait *w = arg;
	__atomic_store_n(&s->want_out, 1, __ATOMIC_SEQ_CST);
	return try_reserve(s, w->len);
}

static void
release(struct fc_sock *s, uint32_t len)
{
	__atomic_sub_fetch(&s->snd_queued, len, __ATOMIC_ACQ_REL);
}

/* Gather msg_iov into one mbuf chain: the single copy of the send path. */
static struct rte_mbuf *
gather(struct rte_mempool *mp, const struct msghdr *msg, uint32_t len)
{
	struct rte_mbuf *head = fc_mbuf_alloc(mp), *cur = head;
	if (head == NULL)
		return NULL;
	size_t iv = 0, ioff = 0;
	uint32_t left = len;
	while (left > 0) {
		uint16_t room = rte_pktmbuf_tailroom(cur);
		if (room == 0) {
			struct rte_mbuf *n = fc_mbuf_alloc(mp);
			if (n == NULL || rte_pktmbuf_chain(head, n) != 0) {
				fc_mbuf_free(n);
				fc_mbuf_free(head);
				return NULL;
			}
			cur = n;
			continue;
		}
		while (msg->msg_iov[iv].iov_len == ioff) {
			iv++;
			ioff = 0;
		}
		size_t n = msg->msg_iov[iv].iov_len - ioff;
		if (n > room)
			n = room;
		if (n > left)
			n = left;
		/* appends to the last segment (cur) and grows head's pkt_len */
		char *dst = rte_pktmbuf_append(head, (uint16_t)n);
		memcpy(dst, (const char *)msg->msg_iov[iv].iov_base + ioff, n);
		ioff += n;
		left -= (uint32_t)n;
	}
	return head;
}

/* The message in big mbufs when it is large and there are some left, else
 * in the pool's 2 KiB mbufs. */
static struct rte_mbuf *
gather_msg(struct sctpdk_facade *f, const struct msghdr *msg, uint32_t len)
{
	if (len > SCTPDK_FACADE_BIG_MIN && f->cfg.big_pool != NULL) {
		struct rte_mbuf *m = gather(f->cfg.big_pool, msg, len);
		if (m != NULL) {
			__atomic_add_fetch(&f->stats.send_big, 1, __ATOMIC_RELAXED);
			return m;
		}
		__atomic_add_fetch(&f->stats.send_big_dry, 1, __ATOMIC_RELAXED);
	}
	return gather(f->cfg.pool, msg, len);
}

/* Resolve the association of a send; alock held. Returns slot or FC_NONE
 * with *err set (0 = none exists, an implicit setup may follow). */
static uint32_t
send_target(struct fc_sock *s, const struct sctpdk_addr *dst, uint16_t dport, int have_dst,
	    int32_t id, int *err)
{
	*err = 0;
	if (fc_one_to_one(s)) {
		if (s->assocs[0].id == 0) {
			*err = ENOTCONN;
			return FC_NONE;
		}
		return 0;
	}
	if (have_dst)
		return fc_assoc_find_addr(s, dst, dport);
	if (id != 0) {
		uint32_t slot = fc_assoc_find(s, id);
		if (slot == FC_NONE)
			*err = EINVAL;
		return slot;
	}
	*err = EDESTADDRREQ;
	return FC_NONE;
}

ssize_t
sctpdk_sendmsg(int sd, const struct msghdr *msg, int flags)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (msg == NULL || (msg->msg_iov == NULL && msg->msg_iovlen > 0))
		return fail(s, EINVAL);
	if (flags & MSG_EOF)
		return fail(s, EINVAL); /* 4.1.5: MSG_EOF belongs in sinfo_flags */
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL))
		return fail(s, EOPNOTSUPP);
	uint64_t len64 = 0;
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		if (msg->msg_iov[i].iov_base == NULL && msg->msg_iov[i].iov_len > 0)
			return fail(s, EINVAL);
		len64 += msg->msg_iov[i].iov_len;
	}
	if (len64 > UINT32_MAX / 2)
		return fail(s, EMSGSIZE);
	uint32_t len = (uint32_t)len64;
	struct fc_cmsg_in cm;
	if (fc_cmsg_parse(msg, &cm) != 0)
		return fail(s, EINVAL);
	if (len == 0 && !cm.have_sndrcv && !cm.have_init)
		return fail(s, EINVAL);
	struct sctp_sndrcvinfo si = cm.have_sndrcv ? cm.sndrcv : s->dflt_send;
	if (!cm.have_sndrcv && cm.have_init)
		si.sinfo_assoc_id = 0;
	uint16_t sf = si.sinfo_flags;
	if (sf & ~(MSG_UNORDERED | MSG_ADDR_OVER | MSG_ABORT | MSG_EOF))
		return fail(s, EINVAL);
	if (fc_one_to_one(s) && (sf & (MSG_EOF | MSG_ABORT)))
		return fail(s, EINVAL);
	if (__atomic_load_n(&s->shut_wr, __ATOMIC_ACQUIRE))
		return fail(s, EPIPE);
	struct sctpdk_addr dst;
	uint16_t dport = 0;
	int have_dst = msg->msg_name != NULL && msg->msg_namelen > 0;
	if (have_dst) {
		int e = fc_sockaddr_to(msg->msg_name, msg->msg_namelen, s->domain, &dst, &dport);
		if (e != 0)
			return fail(s, e);
	}
	int nonblock = (flags & MSG_DONTWAIT) || __atomic_load_n(&s->nonblock, __ATOMIC_RELAXED);

	/* association */
	int err;
	rte_spinlock_lock(&s->alock);
	uint32_t slot = send_target(s, &dst, dport, have_dst, si.sinfo_assoc_id, &err);
	rte_spinlock_unlock(&s->alock);
	if (slot == FC_NONE && err != 0)
		return fail(s, err);
	if (slot == FC_NONE) {
		/* 3.2 implicit setup (one-to-many, address given) */
		if (sf & (MSG_ABORT | MSG_EOF))
			return fail(s, EINVAL);
		if (dport == 0)
			return fail(s, EINVAL);
		struct sctp_initmsg init = cm.have_init ? cm.init : s->initmsg;
		int32_t id;
		pthread_mutex_lock(&s->ctl_mtx);
		rte_spinlock_lock(&s->alock);
		slot = fc_assoc_find_addr(s, &dst, dport);
		rte_spinlock_unlock(&s->alock);
		int e = 0;
		if (slot == FC_NONE)
			e = fc_start_assoc(s, &dst, dport, &init, &slot, &id);
		pthread_mutex_unlock(&s->ctl_mtx);
		if (e != 0)
			return fail(s, e);
		if (len == 0) {
			fc_put(s);
			return 0;
		}
	}
	rte_spinlock_lock(&s->alock);
	struct fc_assoc en = s->assocs[slot];
	if (en.state == FA_SHUT && !(sf & MSG_ABORT))
		err = ESHUTDOWN;
	else if (en.state == FA_PEER_SHUT && !(sf & MSG_ABORT))
		err = ESHUTDOWN;
	else if (en.state == FA_CLOSED)
		err = en.err == ECONNRESET ? ECONNRESET : EPIPE;
	else if (len > 0 && si.sinfo_stream >= en.out_streams && en.out_streams != 0)
		err = EINVAL;
	else if ((sf & MSG_EOF) && !(sf & MSG_ABORT))
		s->assocs[slot].state = FA_SHUT;
	rte_spinlock_unlock(&s->alock);
	if (err != 0)
		return fail(s, err);

	if (sf & MSG_ABORT) {
		struct fc_cmd c = {.type = FC_CMD_ABORT, .assoc = en.id, .slot = slot};
		if (fc_cmd_post(s, &c) != 0)
			return fail(s, EAGAIN);
		fc_put(s);
		return 0;
	}
	if (len > 0) {
		if (len > (uint32_t)s->sndbuf)
			err = EMSGSIZE;
		else if (s->disable_frag && len > frag_point(s))
			err = EMSGSIZE;
		if (err != 0) {
			if (sf & MSG_EOF) {
				rte_spinlock_lock(&s->alock);
				s->assocs[slot].state = en.state;
				rte_spinlock_unlock(&s->alock);
			}
			return fail(s, err);
		}
		if (!try_reserve(s, len)) {
			struct space_wait w = {len};
			if (nonblock) {
				__atomic_store_n(&s->want_out, 1, __ATOMIC_SEQ_CST);
				if (!try_reserve(s, len))
					return fail(s, EAGAIN);
			} else {
				int e = fc_wait(s, space_ready, &w, -1, 0);
				if (e != 0)
					return fail(s, e);
			}
		}
		struct rte_mbuf *m = gather_msg(s->f, msg, len);
		/* pool empty: a blocking socket waits for the stack to free
		 * mbufs (acknowledged data, delivered messages), up to
		 * FC_NOBUF_WAIT_MS, before failing with ENOBUFS */
		for (unsigned waited_us = 0, step = 50; m == NULL && !nonblock &&
						      waited_us < FC_NOBUF_WAIT_MS * 1000u;
		     waited_us += step, step = step < 2000 ? step * 2 : step) {
			if (fc_state(s) != FS_OPEN)
				break;
			struct timespec ts = {0, (long)step * 1000};
			nanosleep(&ts, NULL);
			m = gather_msg(s->f, msg, len);
		}
		if (m == NULL) {
			release(s, len);
			return fail(s, ENOBUFS);
		}
		struct fc_cmd c = {.type = FC_CMD_SEND, .assoc = en.id, .slot = slot, .len = len};
		c.m = m;
		c.si.sid = si.sinfo_stream;
		c.si.ppid = si.sinfo_ppid;
		c.si.context = si.sinfo_context;
		c.si.ttl_ms =
		    si.sinfo_timetolive != 0 ? si.sinfo_timetolive : stream_ttl(s, si.sinfo_stream);
		c.si.flags = (sf & MSG_UNORDERED) ? SCTPDK_FACADE_SEND_UNORDERED : 0;
		if ((sf & MSG_ADDR_OVER) || (have_dst && fc_one_to_one(s)))
			c.si.dst = dst;
		/* space was reserved with a free ring slot; a concurrent sender
		 * may have taken it, so wait for one again if needed */
		while (fc_cmd_post(s, &c) != 0) {
			if (nonblock) {
				fc_mbuf_free(m);
				release(s, len);
				return fail(s, EAGAIN);
			}
			struct space_wait w0 = {0};
			int e = fc_wait(s, space_ready, &w0, -1, 0);
			if (e != 0) {
				fc_mbuf_free(m);
				release(s, len);
				return fail(s, e);
			}
		}
	}
	if (sf & MSG_EOF) {
		struct fc_cmd c = {.type = FC_CMD_SHUTDOWN, .assoc = en.id, .slot = slot};
		while (fc_cmd_post(s, &c) != 0) {
			struct space_wait w0 = {0};
			(void)fc_wait(s, space_ready, &w0, -1, 1);
		}
	}
	fc_put(s);
	return (ssize_t)len;
}

ssize_t
sctpdk_sendto(int sd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	      socklen_t tolen)
{
	struct iovec iov = {.iov_base = (void *)(uintptr_t)buf, .iov_len = len};
	struct msghdr m = {.msg_name = (void *)(uintptr_t)to,
			   .msg_namelen = to ? tolen : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1};
	return sctpdk_sendmsg(sd, &m, flags);
}

ssize_t
sctpdk_send(int sd, const void *buf, size_t len, int flags)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	int ok = fc_one_to_one(s);
	fc_put(s);
	if (!ok) {
		errno = EDESTADDRREQ;
		return -1;
	}
	return sctpdk_sendto(sd, buf, len, flags, NULL, 0);
}

ssize_t
sctpdk_write(int sd, const void *buf, size_t len)
{
	return sctpdk_send(sd, buf, len, 0);
}

/* ---- receive ---------------------------------------------------------- */

/* Nothing more will arrive on a one-to-one socket: 0 = no, else the
 * errno to report (or -1 for end of file). */
int
fc_rx_final(struct fc_sock *s)
{
	if (__atomic_load_n(&s->shut_rd, __ATOMIC_ACQUIRE))
		return -1;
	if (!fc_one_to_one(s))
		return 0;
	rte_spinlock_lock(&s->alock);
	struct fc_assoc en = s->assocs[0];
	rte_spinlock_unlock(&s->alock);
	if (en.id == 0)
		return __atomic_load_n(&s->listening, __ATOMIC_ACQUIRE) ? 0 : ENOTCONN;
	if (en.state == FA_CLOSED)
		return en.err == ECONNRESET ? ECONNRESET : -1;
	return 0;
}

int
fc_rx_ready(struct fc_sock *s)
{
	return s->rx_has || !rte_ring_empty(s->dlv);
}

static int
rx_ready(struct fc_sock *s, void *arg)
{
	(void)arg;
	return fc_rx_ready(s) || fc_rx_final(s) != 0;
}

/* Copy from the current delivery; rx_mtx held. */
static ssize_t
copy_out(struct fc_sock *s, struct msghdr *msg, int peek)
{
	struct fc_dlv *d = &s->rx_cur;
	uint32_t off = s->rx_off, done = 0;
	const struct rte_mbuf *m = d->m;
	uint32_t skip = off;
	while (m != NULL && skip >= m->data_len) {
		skip -= m->data_len;
		m = m->next;
	}
	for (size_t i = 0; i < msg->msg_iovlen && m != NULL; i++) {
		size_t io = 0;
		while (io < msg->msg_iov[i].iov_len && m != NULL) {
			size_t n = m->data_len - skip;
			if (n > msg->msg_iov[i].iov_len - io)
				n = msg->msg_iov[i].iov_len - io;
			memcpy((char *)msg->msg_iov[i].iov_base + io,
			       rte_pktmbuf_mtod_offset(m, const char *, skip), n);
			io += n;
			skip += (uint32_t)n;
			done += (uint32_t)n;
			if (skip == m->data_len) {
				m = m->next;
				skip = 0;
			}
		}
	}
	int eor = off + done == d->len;
	msg->msg_flags =
	    (eor ? MSG_EOR : 0) | (d->kind == FC_DLV_NOTIFICATION ? MSG_NOTIFICATION : 0);

	/* source address and ancillary data */
	if (msg->msg_name != NULL || (d->kind == FC_DLV_DATA && s->ev.sctp_data_io_event)) {
		rte_spinlock_lock(&s->alock);
		struct fc_assoc en =
		    d->slot < s->assoc_cap ? s->assocs[d->slot] : (struct fc_assoc){0};
		rte_spinlock_unlock(&s->alock);
		if (msg->msg_name != NULL) {
			struct sockaddr_storage ss;
			socklen_t n = 0;
			if (en.id == d->assoc)
				n = fc_sockaddr_from(s->domain, &en.peer, en.peer_port, &ss);
			if (n > 0)
				memcpy(msg->msg_name, &ss,
				       msg->msg_namelen < n ? msg->msg_namelen : n);
			msg->msg_namelen = n;
		}
	}
	if (d->kind == FC_DLV_DATA && s->ev.sctp_data_io_event) {
		struct sctp_sndrcvinfo si;
		memset(&si, 0, sizeof(si));
		si.sinfo_stream = d->sid;
		si.sinfo_ssn = d->ssn;
		si.sinfo_flags = (d->flags & SCTPDK_FACADE_SEND_UNORDERED) ? MSG_UNORDERED : 0;
		si.sinfo_ppid = d->ppid;
		si.sinfo_tsn = d->tsn;
		si.sinfo_assoc_id = d->assoc;
		fc_cmsg_put_sndrcv(msg, &si);
	} else {
		msg->msg_controllen = 0;
	}
	if (!peek) {
		s->rx_off = off + done;
		if (eor) {
			fc_dlv_free(d);
			s->rx_has = 0;
		}
	}
	return (ssize_t)done;
}

ssize_t
sctpdk_recvmsg(int sd, struct msghdr *msg, int flags)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	if (msg == NULL || (msg->msg_iov == NULL && msg->msg_iovlen > 0))
		return fail(s, EINVAL);
	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_NOSIGNAL))
		return fail(s, EOPNOTSUPP);
	int nonblock = (flags & MSG_DONTWAIT) || __atomic_load_n(&s->nonblock, __ATOMIC_RELAXED);
	for (;;) {
		if (__atomic_load_n(&s->shut_rd, __ATOMIC_ACQUIRE)) {
			msg->msg_flags = 0;
			msg->msg_controllen = 0;
			fc_put(s);
			return 0;
		}
		pthread_mutex_lock(&s->rx_mtx);
		if (!s->rx_has &&
		    rte_ring_sc_dequeue_elem(s->dlv, &s->rx_cur, sizeof(s->rx_cur)) == 0) {
			s->rx_has = 1;
			s->rx_off = 0;
		}
		if (s->rx_has) {
			ssize_t n = copy_out(s, msg, (flags & MSG_PEEK) != 0);
			int more = fc_rx_ready(s);
			pthread_mutex_unlock(&s->rx_mtx);
			if (more && __atomic_load_n(&s->ext, __ATOMIC_RELAXED))
				fc_signal(s); /* keep the eventfd readable for pollers */
			fc_put(s);
			return n;
		}
		pthread_mutex_unlock(&s->rx_mtx);
		int fin = fc_rx_final(s);
		if (fin == -1) {
			msg->msg_flags = 0;
			msg->msg_controllen = 0;
			fc_put(s);
			return 0;
		}
		if (fin != 0)
			return fail(s, fin);
		if (nonblock) {
			fc_clear(s);
			if (fc_rx_ready(s))
				continue;
			return fail(s, EAGAIN);
		}
		int e = fc_wait(s, rx_ready, NULL, -1, 0);
		if (e != 0)
			return fail(s, e);
	}
}

ssize_t
sctpdk_recvfrom(int sd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	if (from != NULL && fromlen != NULL) {
		m.msg_name = from;
		m.msg_namelen = *fromlen;
	}
	ssize_t r = sctpdk_recvmsg(sd, &m, flags);
	if (r >= 0 && from != NULL && fromlen != NULL)
		*fromlen = m.msg_namelen;
	return r;
}

ssize_t
sctpdk_recv(int sd, void *buf, size_t len, int flags)
{
	return sctpdk_recvfrom(sd, buf, len, flags, NULL, NULL);
}

ssize_t
sctpdk_read(int sd, void *buf, size_t len)
{
	return sctpdk_recv(sd, buf, len, 0);
}

int
fc_tx_room(struct fc_sock *s, uint32_t len)
{
	uint32_t q = __atomic_load_n(&s->snd_queued, __ATOMIC_ACQUIRE);
	return (uint64_t)q + len <= (uint64_t)(uint32_t)s->sndbuf &&
	       rte_ring_free_count(s->cmd) > 0;
}
