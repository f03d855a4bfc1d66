/* SPDX-License-Identifier: BSD-3-Clause */
#include "reasm.h"

#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk/sctpdk_error.h"
#include "mbuf_slice.h"
#include "sn.h"

struct sctpdk_reasm_frag {
	struct sctpdk_reasm_frag *next;
	struct sctpdk_reasm_frag *prev;
	struct rte_mbuf *m;                  /* payload chain (whole message once complete) */
	struct rte_mbuf *m_last;             /* last segment of m */
	struct sctpdk_reasm_frag *run_other; /* unordered: at each end of a run of
						 joinable fragments, the other end */
	uint32_t tsn;
	uint32_t ppid;
	uint32_t len;
	uint16_t sid;
	uint16_t ssn;
	uint8_t flags;
};

#define F_B SCTPDK_DATA_FLAG_B
#define F_E SCTPDK_DATA_FLAG_E
#define F_U SCTPDK_DATA_FLAG_U

/* Fragment records keep raw values; order them with the serial helpers. */
static inline bool
tsn_before(uint32_t a, uint32_t b)
{
	return sctpdk_tsn_lt(sctpdk_tsn(a), sctpdk_tsn(b));
}

int
sctpdk_reasm_init(struct sctpdk_reasm *r, const struct sctpdk_reasm_config *cfg,
		  const struct sctpdk_allocator *a)
{
	if (cfg == NULL || cfg->n_streams == 0 || cfg->indirect_pool == NULL)
		return SCTPDK_ERR_INVAL;
	memset(r, 0, sizeof(*r));
	r->alloc = a;
	r->indirect_pool = cfg->indirect_pool;
	r->n_streams = cfg->n_streams;
	uint32_t max = cfg->max_frags != 0 ? cfg->max_frags : SCTPDK_REASM_MAX_FRAGS_DEFAULT;
	int rc = sctpdk_objpool_init(&r->pool, a, sizeof(struct sctpdk_reasm_frag), max, 0);
	if (rc != 0)
		return rc;
	r->streams = sctpdk_alloc_zero(a, (size_t)r->n_streams * sizeof(*r->streams));
	if (r->streams == NULL)
		return SCTPDK_ERR_NOMEM;
	return 0;
}

static void
free_chain(struct sctpdk_reasm *r, struct sctpdk_reasm_frag *f)
{
	while (f != NULL) {
		struct sctpdk_reasm_frag *n = f->next;
		rte_pktmbuf_free(f->m);
		sctpdk_objpool_put(&r->pool, f);
		f = n;
	}
}

void
sctpdk_reasm_free(struct sctpdk_reasm *r)
{
	if (r->streams != NULL) {
		for (uint32_t i = 0; i < r->n_streams; i++)
			free_chain(r, r->streams[i].head);
		sctpdk_alloc_free(r->alloc, r->streams);
		r->streams = NULL;
	}
	free_chain(r, r->uo_head);
	free_chain(r, r->ready_head);
	r->uo_head = r->uo_tail = r->ready_head = r->ready_tail = NULL;
	sctpdk_objpool_free(&r->pool);
	r->buffered_bytes = 0;
	r->pd_active = false;
}

/* ---- list helpers (head/tail pointers passed by address) ---- */

static void
list_unlink_range(struct sctpdk_reasm_frag **head, struct sctpdk_reasm_frag **tail,
		  struct sctpdk_reasm_frag *first, struct sctpdk_reasm_frag *last)
{
	if (first->prev != NULL)
		first->prev->next = last->next;
	else
		*head = last->next;
	if (last->next != NULL)
		last->next->prev = first->prev;
	else
		*tail = first->prev;
	first->prev = NULL;
	last->next = NULL;
}

/* Insert f after pos (pos NULL: at the head). */
static void
list_insert_after(struct sctpdk_reasm_frag **head, struct sctpdk_reasm_frag **tail,
		  struct sctpdk_reasm_frag *pos, struct sctpdk_reasm_frag *f)
{
	f->prev = pos;
	f->next = pos != NULL ? pos->next : *head;
	if (f->next != NULL)
		f->next->prev = f;
	else
		*tail = f;
	if (pos != NULL)
		pos->next = f;
	else
		*head = f;
}

/* Chain the fragments first..last (already unlinked, linked by next) into
 * first; the other records go back to the pool. */
static void
merge(struct sctpdk_reasm *r, struct sctpdk_reasm_frag *first)
{
	struct sctpdk_reasm_frag *f = first->next;
	while (f != NULL) {
		struct sctpdk_reasm_frag *n = f->next;
		first->m_last->next = f->m;
		uint32_t segs = (uint32_t)first->m->nb_segs + f->m->nb_segs;
		first->m->nb_segs = (uint16_t)(segs > UINT16_MAX ? UINT16_MAX : segs);
		first->m->pkt_len += f->m->pkt_len;
		first->m_last = f->m_last;
		first->len += f->len;
		first->flags |= f->flags & F_E;
		sctpdk_objpool_put(&r->pool, f);
		f = n;
	}
	first->next = first->prev = NULL;
}

static void
ready_push(struct sctpdk_reasm *r, struct sctpdk_reasm_frag *msg)
{
	msg->next = NULL;
	msg->prev = r->ready_tail;
	if (r->ready_tail != NULL)
		r->ready_tail->next = msg;
	else
		r->ready_head = msg;
	r->ready_tail = msg;
}

/* ---- ordered streams ---- */

static inline uint16_t
ssn_off(const struct sctpdk_reasm_stream *s, uint16_t ssn)
{
	return (uint16_t)(ssn - s->next_ssn.v);
}

/* Extend a contiguous run of one message from e as far as it goes. */
static struct sctpdk_reasm_frag *
run_extend(struct sctpdk_reasm_frag *e)
{
	while (!(e->flags & F_E) && e->next != NULL && e->next->ssn == e->ssn &&
	       e->next->tsn == e->tsn + 1 && !(e->next->flags & F_B))
		e = e->next;
	return e;
}

static struct sctpdk_reasm_frag *
run_from_head(const struct sctpdk_reasm_stream *s)
{
	struct sctpdk_reasm_frag *h = s->head;
	if (h == NULL || !(h->flags & F_B) || h->ssn != s->next_ssn.v)
		return NULL;
	return run_extend(h);
}

/* Move every complete next-in-order message of stream sid to the ready FIFO. */
static void
stream_deliver(struct sctpdk_reasm *r, uint16_t sid)
{
	struct sctpdk_reasm_stream *s = &r->streams[sid];
	if (r->pd_active && !r->pd_unordered && r->pd_sid == sid) {
		s->run_end = NULL;
		return;
	}
	for (;;) {
		/* drop leftovers of messages already delivered (bogus peers) */
		while (s->head != NULL && sctpdk_ssn_lt(sctpdk_ssn(s->head->ssn), s->next_ssn)) {
			struct sctpdk_reasm_frag *f = s->head;
			list_unlink_range(&s->head, &s->tail, f, f);
			r->buffered_bytes -= f->len;
			r->stats.bad_frag++;
			free_chain(r, f);
		}
		if (s->run_end == NULL || !(s->run_end->flags & F_E))
			return;
		struct sctpdk_reasm_frag *first = s->head, *last = s->run_end;
		list_unlink_range(&s->head, &s->tail, first, last);
		merge(r, first);
		ready_push(r, first);
		s->next_ssn.v++;
		s->run_end = run_from_head(s);
	}
}

/* Place an ordered fragment; returns SCTPDK_ERR_EXISTS for a buffered TSN. */
static int
ordered_insert(struct sctpdk_reasm *r, struct sctpdk_reasm_frag *f)
{
	struct sctpdk_reasm_stream *s = &r->streams[f->sid];
	uint16_t fo = ssn_off(s, f->ssn);
	struct sctpdk_reasm_frag *pos = s->tail;
	const struct sctpdk_reasm_frag *h = s->head;
	if (h != NULL &&
	    (fo < ssn_off(s, h->ssn) || (fo == ssn_off(s, h->ssn) && tsn_before(f->tsn, h->tsn))))
		pos = NULL; /* new head: no walk (descending arrival stays O(1)) */
	while (pos != NULL) {
		uint16_t po = ssn_off(s, pos->ssn);
		if (po < fo || (po == fo && tsn_before(pos->tsn, f->tsn)))
			break;
		if (pos->tsn == f->tsn)
			return SCTPDK_ERR_EXISTS;
		pos = pos->prev;
	}
	list_insert_after(&s->head, &s->tail, pos, f);
	if (f == s->head)
		s->run_end = run_from_head(s);
	else if (s->run_end != NULL && f->prev == s->run_end)
		s->run_end = run_extend(s->run_end);
	stream_deliver(r, f->sid);
	return 0;
}

/* ---- unordered ---- */

/* May unordered fragment b directly follow a in one message? */
static inline bool
joinable(const struct sctpdk_reasm_frag *a, const struct sctpdk_reasm_frag *b)
{
	return b->tsn == a->tsn + 1 && b->sid == a->sid && !(a->flags & F_E) && !(b->flags & F_B);
}

static int
unordered_insert(struct sctpdk_reasm *r, struct sctpdk_reasm_frag *f)
{
	struct sctpdk_reasm_frag *pos = r->uo_tail;
	while (pos != NULL && !tsn_before(pos->tsn, f->tsn)) {
		if (pos->tsn == f->tsn)
			return SCTPDK_ERR_EXISTS;
		pos = pos->prev;
	}
	list_insert_after(&r->uo_head, &r->uo_tail, pos, f);

	/* Runs of joinable fragments (consecutive TSNs, same SID, no E before
	 * the end nor B after the start) know their two ends, so joining f to
	 * its neighbours is O(1) however long the message. */
	struct sctpdk_reasm_frag *first = f, *last = f;
	struct sctpdk_reasm_frag *p = f->prev, *n = f->next;
	if (p != NULL && joinable(p, f))
		first = p->run_other;
	if (n != NULL && joinable(f, n))
		last = n->run_other;
	first->run_other = last;
	last->run_other = first;
	if (!(first->flags & F_B) || !(last->flags & F_E))
		return 0;
	if (r->pd_active && r->pd_unordered && r->pd_sid == first->sid &&
	    r->pd_next_tsn.v == first->tsn)
		return 0; /* its first piece is due to the partial delivery */
	list_unlink_range(&r->uo_head, &r->uo_tail, first, last);
	merge(r, first);
	ready_push(r, first);
	return 0;
}

int
sctpdk_reasm_add(struct sctpdk_reasm *r, const struct sctpdk_data_chunk *c)
{
	int rc = 0;
	struct rte_mbuf *m = c->m;
	struct sctpdk_reasm_frag *f = NULL;
	r->stats.frags_in++;
	if (c->sid >= r->n_streams) {
		r->stats.bad_sid++;
		rc = SCTPDK_ERR_NOTFOUND;
		goto drop;
	}
	if (c->len == 0 || m == NULL) {
		r->stats.bad_frag++;
		rc = SCTPDK_ERR_INVAL;
		goto drop;
	}
	if ((uint64_t)c->off + c->len > rte_pktmbuf_pkt_len(m)) {
		r->stats.bad_frag++;
		rc = SCTPDK_ERR_MALFORMED;
		goto drop;
	}
	bool unordered = (c->flags & F_U) != 0;
	struct sctpdk_reasm_stream *s = &r->streams[c->sid];
	if (!unordered && sctpdk_ssn_lt(c->ssn, s->next_ssn)) {
		r->stats.bad_ssn++;
		rc = SCTPDK_ERR_MALFORMED;
		goto drop;
	}
	f = sctpdk_objpool_get(&r->pool);
	if (f == NULL) {
		r->stats.nomem++;
		rc = SCTPDK_ERR_NOMEM;
		goto drop;
	}
	f->m = sctpdk_mbuf_slice_take(m, c->off, c->len, r->indirect_pool);
	m = NULL; /* consumed */
	if (f->m == NULL) {
		r->stats.nomem++;
		rc = SCTPDK_ERR_NOMEM;
		goto drop;
	}
	f->m_last = rte_pktmbuf_lastseg(f->m);
	f->run_other = f;
	f->tsn = c->tsn.v;
	f->ppid = c->ppid;
	f->len = c->len;
	f->sid = c->sid;
	f->ssn = unordered ? 0 : c->ssn.v;
	f->flags = c->flags & (F_B | F_E | F_U);

	bool whole = (f->flags & (F_B | F_E)) == (F_B | F_E);
	if (whole && unordered) {
		ready_push(r, f); /* 6.6: deliver unordered at once */
	} else if (whole && s->head == NULL && f->ssn == s->next_ssn.v &&
		   !(r->pd_active && !r->pd_unordered && r->pd_sid == f->sid)) {
		ready_push(r, f); /* fast path: the next in-order whole message */
		s->next_ssn.v++;
	} else {
		rc = unordered ? unordered_insert(r, f) : ordered_insert(r, f);
		if (rc != 0) {
			r->stats.dup_tsn++;
			goto drop;
		}
	}
	r->buffered_bytes += c->len;
	return 0;
drop:
	rte_pktmbuf_free(m);
	if (f != NULL) {
		rte_pktmbuf_free(f->m);
		sctpdk_objpool_put(&r->pool, f);
	}
	return rc;
}

/* ---- delivery ---- */

/* Next piece of the running partial delivery, or NULL. */
static struct sctpdk_reasm_frag *
pd_take(struct sctpdk_reasm *r)
{
	struct sctpdk_reasm_frag **head, **tail, *first;
	if (r->pd_unordered) {
		head = &r->uo_head;
		tail = &r->uo_tail;
		first = r->uo_head;
		while (first != NULL &&
		       !(first->tsn == r->pd_next_tsn.v && first->sid == r->pd_sid))
			first = first->next;
	} else {
		struct sctpdk_reasm_stream *s = &r->streams[r->pd_sid];
		head = &s->head;
		tail = &s->tail;
		first = s->head;
		if (first != NULL && (first->tsn != r->pd_next_tsn.v || first->ssn != r->pd_ssn.v))
			first = NULL;
	}
	if (first == NULL)
		return NULL;
	struct sctpdk_reasm_frag *last = first;
	if (r->pd_unordered) {
		last = first->run_other; /* first starts its run: take it all */
	} else {
		while (!(last->flags & F_E) && last->next != NULL &&
		       last->next->tsn == last->tsn + 1 && !(last->next->flags & F_B) &&
		       last->next->ssn == first->ssn)
			last = last->next;
	}
	list_unlink_range(head, tail, first, last);
	r->pd_next_tsn = sctpdk_tsn(last->tsn + 1);
	merge(r, first);
	return first;
}

int
sctpdk_reasm_pull(struct sctpdk_reasm *r, struct sctpdk_reasm_msg *out)
{
	struct sctpdk_reasm_frag *f;
	uint32_t flags = 0;
	if (r->pd_active) {
		f = pd_take(r);
		if (f == NULL)
			return SCTPDK_ERR_AGAIN;
		flags = SCTPDK_REASM_MSG_PARTIAL;
		r->stats.pd_pieces++;
		f->ssn = r->pd_ssn.v;
		if (f->flags & F_E) {
			r->pd_active = false;
			if (!r->pd_unordered) {
				struct sctpdk_reasm_stream *s = &r->streams[r->pd_sid];
				s->next_ssn.v++;
				s->run_end = run_from_head(s);
				stream_deliver(r, r->pd_sid);
			}
		}
	} else {
		f = r->ready_head;
		if (f == NULL)
			return SCTPDK_ERR_AGAIN;
		r->ready_head = f->next;
		if (r->ready_head != NULL)
			r->ready_head->prev = NULL;
		else
			r->ready_tail = NULL;
		r->stats.msgs_out++;
	}
	if (f->flags & F_U)
		flags |= SCTPDK_REASM_MSG_UNORDERED;
	if (f->flags & F_E)
		flags |= SCTPDK_REASM_MSG_EOR;
	out->sid = f->sid;
	out->ssn = sctpdk_ssn(f->ssn);
	out->ppid = f->ppid;
	out->tsn = sctpdk_tsn(f->tsn);
	out->flags = flags;
	out->len = f->len;
	out->m = f->m;
	r->buffered_bytes -= f->len;
	sctpdk_objpool_put(&r->pool, f);
	return 0;
}

bool
sctpdk_reasm_ready(const struct sctpdk_reasm *r)
{
	if (!r->pd_active)
		return r->ready_head != NULL;
	if (r->pd_unordered) {
		for (const struct sctpdk_reasm_frag *f = r->uo_head; f != NULL; f = f->next)
			if (f->tsn == r->pd_next_tsn.v && f->sid == r->pd_sid)
				return true;
		return false;
	}
	const struct sctpdk_reasm_frag *h = r->streams[r->pd_sid].head;
	return h != NULL && h->tsn == r->pd_next_tsn.v && h->ssn == r->pd_ssn.v;
}

/* Bytes of the contiguous run from a B fragment f (same message). */
static uint64_t
run_bytes(const struct sctpdk_reasm_frag *f, bool ordered)
{
	uint64_t n = f->len;
	while (!(f->flags & F_E) && f->next != NULL && f->next->tsn == f->tsn + 1 &&
	       f->next->sid == f->sid && !(f->next->flags & F_B) &&
	       (!ordered || f->next->ssn == f->ssn)) {
		f = f->next;
		n += f->len;
	}
	return n;
}

int
sctpdk_reasm_pd_start(struct sctpdk_reasm *r, uint32_t min_bytes)
{
	if (r->pd_active || r->ready_head != NULL)
		return SCTPDK_ERR_STATE;
	const struct sctpdk_reasm_frag *best = NULL;
	for (uint32_t i = 0; i < r->n_streams; i++) {
		const struct sctpdk_reasm_stream *s = &r->streams[i];
		const struct sctpdk_reasm_frag *h = s->head;
		if (h == NULL || !(h->flags & F_B) || h->ssn != s->next_ssn.v)
			continue;
		if (run_bytes(h, true) >= min_bytes &&
		    (best == NULL || tsn_before(h->tsn, best->tsn)))
			best = h;
	}
	for (const struct sctpdk_reasm_frag *f = r->uo_head; f != NULL; f = f->next) {
		if (!(f->flags & F_B))
			continue;
		if (run_bytes(f, false) >= min_bytes &&
		    (best == NULL || tsn_before(f->tsn, best->tsn)))
			best = f;
	}
	if (best == NULL)
		return SCTPDK_ERR_AGAIN;
	r->pd_active = true;
	r->pd_unordered = (best->flags & F_U) != 0;
	r->pd_sid = best->sid;
	r->pd_ssn = sctpdk_ssn(best->ssn);
	r->pd_next_tsn = sctpdk_tsn(best->tsn);
	if (!r->pd_unordered)
		r->streams[best->sid].run_end = NULL;
	return 0;
}

/* Walk one list: count records and bytes, check links and order. */
static bool
check_list(const struct sctpdk_reasm_frag *h, const struct sctpdk_reasm_frag *tail, bool by_tsn,
	   uint64_t *bytes, uint32_t *recs)
{
	const struct sctpdk_reasm_frag *prev = NULL;
	for (const struct sctpdk_reasm_frag *f = h; f != NULL; prev = f, f = f->next) {
		if (f->prev != prev || f->m == NULL || rte_pktmbuf_pkt_len(f->m) != f->len)
			return false;
		if (by_tsn && prev != NULL && !tsn_before(prev->tsn, f->tsn))
			return false;
		*bytes += f->len;
		(*recs)++;
	}
	return prev == tail;
}

bool
sctpdk_reasm_check(const struct sctpdk_reasm *r)
{
	uint64_t bytes = 0;
	uint32_t recs = 0;
	for (uint32_t i = 0; i < r->n_streams; i++) {
		const struct sctpdk_reasm_stream *s = &r->streams[i];
		if (!check_list(s->head, s->tail, false, &bytes, &recs))
			return false;
		for (const struct sctpdk_reasm_frag *f = s->head; f != NULL && f->next != NULL;
		     f = f->next) {
			uint16_t a = ssn_off(s, f->ssn), b = ssn_off(s, f->next->ssn);
			if (a > b || (a == b && !tsn_before(f->tsn, f->next->tsn)))
				return false;
		}
	}
	/* each run of joinable unordered fragments knows its two ends */
	for (const struct sctpdk_reasm_frag *f = r->uo_head; f != NULL;) {
		const struct sctpdk_reasm_frag *e = f;
		while (e->next != NULL && joinable(e, e->next))
			e = e->next;
		if (f->run_other != e || e->run_other != f)
			return false;
		f = e->next;
	}
	if (!check_list(r->uo_head, r->uo_tail, true, &bytes, &recs) ||
	    !check_list(r->ready_head, r->ready_tail, false, &bytes, &recs))
		return false;
	return bytes == r->buffered_bytes && recs == sctpdk_objpool_in_use(&r->pool);
}

uint32_t
sctpdk_reasm_rwnd(uint32_t rcvbuf, uint64_t used, uint32_t last_advertised, uint32_t mtu)
{
	uint32_t avail = used >= rcvbuf ? 0 : (uint32_t)(rcvbuf - used);
	if (avail <= last_advertised)
		return avail;
	uint32_t step = rcvbuf / 2 < mtu ? rcvbuf / 2 : mtu;
	if (avail - last_advertised < step)
		return last_advertised; /* receiver SWS avoidance */
	return avail;
}
