/* SPDX-License-Identifier: BSD-3-Clause */
#include "sendq.h"

#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk/sctpdk_error.h"
#include "mbuf_slice.h"

struct sctpdk_sendq_msg {
	struct sctpdk_sendq_msg *next;      /* stream queue / expired list */
	struct sctpdk_sendq_msg *prev;      /* stream queue */
	struct sctpdk_sendq_msg *fcfs_next; /* arrival order over all streams */
	struct sctpdk_sendq_msg *fcfs_prev;
	struct rte_mbuf *m;
	uint64_t expire_us;
	uint32_t len;
	uint32_t off; /* bytes handed out */
	uint32_t ppid;
	uint32_t context;
	uint16_t sid;
	sctpdk_ssn_t ssn;
	bool unordered;
	bool started;
};

/* ---- schedulers ---- */

static void
rr_on_enqueue(struct sctpdk_sendq *q, uint16_t sid, bool was_empty)
{
	struct sctpdk_sendq_stream *s = &q->streams[sid];
	if (!was_empty || s->rr_linked)
		return;
	s->rr_linked = true;
	if (q->rr_count++ == 0) {
		s->rr_next = s->rr_prev = sid;
	} else {
		/* after the last served stream, then count it as the last
		 * served: it is visited at the end of the current round */
		struct sctpdk_sendq_stream *c = &q->streams[q->rr_cur];
		s->rr_prev = (uint16_t)q->rr_cur;
		s->rr_next = c->rr_next;
		q->streams[c->rr_next].rr_prev = sid;
		c->rr_next = sid;
	}
	q->rr_cur = sid;
}

static int
rr_pick(struct sctpdk_sendq *q)
{
	if (q->rr_count == 0)
		return -1;
	q->rr_cur = q->streams[q->rr_cur].rr_next;
	return q->rr_cur;
}

static void
rr_on_dequeue(struct sctpdk_sendq *q, uint16_t sid, bool now_empty)
{
	struct sctpdk_sendq_stream *s = &q->streams[sid];
	if (!now_empty || !s->rr_linked)
		return;
	s->rr_linked = false;
	if (--q->rr_count == 0) {
		q->rr_cur = -1;
		return;
	}
	q->streams[s->rr_prev].rr_next = s->rr_next;
	q->streams[s->rr_next].rr_prev = s->rr_prev;
	if (q->rr_cur == sid)
		q->rr_cur = s->rr_prev;
}

const struct sctpdk_sendq_sched_ops sctpdk_sendq_sched_rr = {
    .name = "rr",
    .on_enqueue = rr_on_enqueue,
    .pick = rr_pick,
    .on_dequeue = rr_on_dequeue,
};

static void
fcfs_on_enqueue(struct sctpdk_sendq *q, uint16_t sid, bool was_empty)
{
	(void)q;
	(void)sid;
	(void)was_empty;
}

static int
fcfs_pick(struct sctpdk_sendq *q)
{
	return q->fcfs_head != NULL ? q->fcfs_head->sid : -1;
}

static void
fcfs_on_dequeue(struct sctpdk_sendq *q, uint16_t sid, bool now_empty)
{
	(void)q;
	(void)sid;
	(void)now_empty;
}

const struct sctpdk_sendq_sched_ops sctpdk_sendq_sched_fcfs = {
    .name = "fcfs",
    .on_enqueue = fcfs_on_enqueue,
    .pick = fcfs_pick,
    .on_dequeue = fcfs_on_dequeue,
};

/* ---- queue ---- */

int
sctpdk_sendq_init(struct sctpdk_sendq *q, const struct sctpdk_sendq_config *cfg,
		  const struct sctpdk_allocator *a)
{
	if (cfg == NULL || cfg->n_streams == 0 || cfg->indirect_pool == NULL)
		return SCTPDK_ERR_INVAL;
	memset(q, 0, sizeof(*q));
	q->alloc = a;
	q->indirect_pool = cfg->indirect_pool;
	q->sched = cfg->sched != NULL ? cfg->sched : &sctpdk_sendq_sched_rr;
	q->n_streams = cfg->n_streams;
	q->cur_sid = -1;
	q->rr_cur = -1;
	uint32_t max = cfg->max_msgs != 0 ? cfg->max_msgs : SCTPDK_SENDQ_MAX_MSGS_DEFAULT;
	int rc = sctpdk_objpool_init(&q->pool, a, sizeof(struct sctpdk_sendq_msg), max, 0);
	if (rc != 0)
		return rc;
	q->streams = sctpdk_alloc_zero(a, (size_t)q->n_streams * sizeof(*q->streams));
	if (q->streams == NULL)
		return SCTPDK_ERR_NOMEM;
	return 0;
}

static void
free_list(struct sctpdk_sendq *q, struct sctpdk_sendq_msg *m)
{
	while (m != NULL) {
		struct sctpdk_sendq_msg *n = m->next;
		rte_pktmbuf_free(m->m);
		sctpdk_objpool_put(&q->pool, m);
		m = n;
	}
}

void
sctpdk_sendq_free(struct sctpdk_sendq *q)
{
	if (q->streams != NULL) {
		for (uint32_t i = 0; i < q->n_streams; i++)
			free_list(q, q->streams[i].head);
		sctpdk_alloc_free(q->alloc, q->streams);
		q->streams = NULL;
	}
	free_list(q, q->exp_head);
	q->exp_head = q->exp_tail = NULL;
	q->fcfs_head = q->fcfs_tail = NULL;
	q->n_ttl = 0;
	sctpdk_objpool_free(&q->pool);
	q->queued_bytes = 0;
	q->queued_msgs = 0;
}

int
sctpdk_sendq_add(struct sctpdk_sendq *q, const struct sctpdk_sendq_msg_params *p,
		 struct rte_mbuf *m, uint64_t now_us)
{
	if (p == NULL || m == NULL || rte_pktmbuf_pkt_len(m) == 0)
		return SCTPDK_ERR_INVAL;
	if (p->sid >= q->n_streams)
		return SCTPDK_ERR_NOTFOUND;
	struct sctpdk_sendq_msg *msg = sctpdk_objpool_get(&q->pool);
	if (msg == NULL) {
		q->stats.nomem++;
		return SCTPDK_ERR_NOMEM;
	}
	msg->m = m;
	msg->len = rte_pktmbuf_pkt_len(m);
	msg->sid = p->sid;
	msg->ppid = p->ppid;
	msg->context = p->context;
	msg->unordered = p->unordered;
	msg->expire_us = p->ttl_us != 0 ? now_us + p->ttl_us : UINT64_MAX;

	struct sctpdk_sendq_stream *s = &q->streams[p->sid];
	bool was_empty = s->head == NULL;
	msg->prev = s->tail;
	if (was_empty)
		s->head = msg;
	else
		s->tail->next = msg;
	s->tail = msg;
	if (msg->expire_us != UINT64_MAX)
		q->n_ttl++;
	msg->fcfs_prev = q->fcfs_tail;
	if (q->fcfs_tail != NULL)
		q->fcfs_tail->fcfs_next = msg;
	else
		q->fcfs_head = msg;
	q->fcfs_tail = msg;
	s->queued_bytes += msg->len;
	q->queued_bytes += msg->len;
	q->queued_msgs++;
	q->stats.msgs_in++;
	q->sched->on_enqueue(q, p->sid, was_empty);
	return 0;
}

static void
fcfs_unlink(struct sctpdk_sendq *q, struct sctpdk_sendq_msg *m)
{
	if (m->fcfs_prev != NULL)
		m->fcfs_prev->fcfs_next = m->fcfs_next;
	else
		q->fcfs_head = m->fcfs_next;
	if (m->fcfs_next != NULL)
		m->fcfs_next->fcfs_prev = m->fcfs_prev;
	else
		q->fcfs_tail = m->fcfs_prev;
	m->fcfs_next = m->fcfs_prev = NULL;
	if (m->expire_us != UINT64_MAX)
		q->n_ttl--;
}

static void
stream_unlink(struct sctpdk_sendq *q, struct sctpdk_sendq_msg *m)
{
	struct sctpdk_sendq_stream *s = &q->streams[m->sid];
	if (m->prev != NULL)
		m->prev->next = m->next;
	else
		s->head = m->next;
	if (m->next != NULL)
		m->next->prev = m->prev;
	else
		s->tail = m->prev;
	m->next = m->prev = NULL;
	fcfs_unlink(q, m);
	q->queued_msgs--;
	q->sched->on_dequeue(q, m->sid, s->head == NULL);
}

static void
expire_msg(struct sctpdk_sendq *q, struct sctpdk_sendq_msg *m)
{
	struct sctpdk_sendq_stream *s = &q->streams[m->sid];
	s->queued_bytes -= m->len;
	q->queued_bytes -= m->len;
	stream_unlink(q, m);
	if (q->exp_tail != NULL)
		q->exp_tail->next = m;
	else
		q->exp_head = m;
	q->exp_tail = m;
	q->stats.msgs_expired++;
}

uint32_t
sctpdk_sendq_expire(struct sctpdk_sendq *q, uint64_t now_us)
{
	uint32_t n = 0;
	/* Called for every packet built: without messages that have a
	 * lifetime there is nothing to find, so skip the walk over the
	 * whole queue. now_us = UINT64_MAX (take every message not started,
	 * as abort reporting does) always walks. */
	if (q->n_ttl == 0 && now_us != UINT64_MAX)
		return 0;
	struct sctpdk_sendq_msg *m = q->fcfs_head;
	while (m != NULL) {
		struct sctpdk_sendq_msg *next = m->fcfs_next;
		if (!m->started && m->expire_us <= now_us) {
			expire_msg(q, m);
			n++;
		}
		m = next;
	}
	return n;
}

int
sctpdk_sendq_set_streams(struct sctpdk_sendq *q, uint16_t n_streams)
{
	if (n_streams == 0)
		return SCTPDK_ERR_INVAL;
	if (q->cur_sid >= (int)n_streams)
		return SCTPDK_ERR_STATE;
	struct sctpdk_sendq_stream *ns =
	    sctpdk_alloc_zero(q->alloc, (size_t)n_streams * sizeof(*ns));
	if (ns == NULL)
		return SCTPDK_ERR_NOMEM;
	for (uint32_t i = n_streams; i < q->n_streams; i++)
		while (q->streams[i].head != NULL)
			expire_msg(q, q->streams[i].head);
	uint16_t keep = n_streams < q->n_streams ? n_streams : q->n_streams;
	memcpy(ns, q->streams, (size_t)keep * sizeof(*ns));
	sctpdk_alloc_free(q->alloc, q->streams);
	q->streams = ns;
	q->n_streams = n_streams;
	return 0;
}

int
sctpdk_sendq_pop_expired(struct sctpdk_sendq *q, struct sctpdk_sendq_expired *out)
{
	struct sctpdk_sendq_msg *m = q->exp_head;
	if (m == NULL)
		return SCTPDK_ERR_AGAIN;
	q->exp_head = m->next;
	if (q->exp_head == NULL)
		q->exp_tail = NULL;
	out->sid = m->sid;
	out->unordered = m->unordered;
	out->ppid = m->ppid;
	out->context = m->context;
	out->len = m->len;
	out->m = m->m;
	sctpdk_objpool_put(&q->pool, m);
	return 0;
}

bool
sctpdk_sendq_check(const struct sctpdk_sendq *q)
{
	uint64_t total = 0;
	uint32_t msgs = 0, active = 0;
	for (uint32_t i = 0; i < q->n_streams; i++) {
		const struct sctpdk_sendq_stream *s = &q->streams[i];
		uint64_t bytes = 0;
		const struct sctpdk_sendq_msg *prev = NULL;
		for (const struct sctpdk_sendq_msg *m = s->head; m != NULL; prev = m, m = m->next) {
			if (m->prev != prev || m->sid != i || m->off > m->len || m->m == NULL)
				return false;
			if (m->started && (m != s->head || q->cur_sid != (int)i))
				return false;
			bytes += m->len - m->off;
			msgs++;
		}
		if (prev != s->tail || bytes != s->queued_bytes)
			return false;
		if (s->head != NULL)
			active++;
		if (q->sched == &sctpdk_sendq_sched_rr && s->rr_linked != (s->head != NULL))
			return false;
		total += bytes;
	}
	uint32_t fcfs = 0;
	for (const struct sctpdk_sendq_msg *m = q->fcfs_head; m != NULL; m = m->fcfs_next)
		fcfs++;
	if (q->sched == &sctpdk_sendq_sched_rr && q->rr_count != active)
		return false;
	return total == q->queued_bytes && msgs == q->queued_msgs && fcfs == msgs;
}

/* Messages wait in the queue long enough to leave the cache: warm the
 * next one's payload (its mbuf header was warmed a message ago) and the
 * header of the one after, so building their packets does not stall. */
static inline void
prefetch_ahead(const struct sctpdk_sendq_msg *n)
{
	if (n == NULL)
		return;
	const struct rte_mbuf *m = n->m;
	const uint8_t *d = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t k = m->data_len < 1024u ? m->data_len : 1024u;
	for (uint32_t i = 0; i < k; i += RTE_CACHE_LINE_SIZE)
		rte_prefetch0(d + i);
	if (n->next != NULL)
		rte_prefetch0(n->next->m);
}

int
sctpdk_sendq_next(struct sctpdk_sendq *q, uint64_t now_us, uint32_t max_payload,
		  sctpdk_tsn_t *next_tsn, struct sctpdk_data_chunk *out)
{
	if (max_payload == 0 || next_tsn == NULL || out == NULL)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_sendq_msg *msg;
	for (;;) {
		if (q->cur_sid >= 0) {
			msg = q->streams[q->cur_sid].head;
			break;
		}
		int sid = q->sched->pick(q);
		if (sid < 0)
			return SCTPDK_ERR_AGAIN;
		msg = q->streams[sid].head;
		if (msg->expire_us > now_us)
			break;
		expire_msg(q, msg); /* unsent and too old */
	}

	uint32_t take = msg->len - msg->off;
	if (take > max_payload)
		take = max_payload;
	bool last = msg->off + take == msg->len;
	struct rte_mbuf *data;
	if (msg->off == 0 && last) {
		data = msg->m; /* whole message in one chunk: hand it over */
	} else if (last && sctpdk_mbuf_exclusive(msg->m)) {
		data = sctpdk_mbuf_slice_take(msg->m, msg->off, take, q->indirect_pool);
	} else {
		data = sctpdk_mbuf_slice(msg->m, msg->off, take, q->indirect_pool);
		if (data == NULL) {
			q->stats.nomem++;
			return SCTPDK_ERR_NOMEM;
		}
		if (last)
			rte_pktmbuf_free(msg->m);
	}
	if (last)
		msg->m = NULL;

	struct sctpdk_sendq_stream *s = &q->streams[msg->sid];
	uint8_t flags = 0;
	if (!msg->started) {
		msg->started = true;
		flags |= SCTPDK_DATA_FLAG_B;
		if (!msg->unordered) {
			msg->ssn = s->next_ssn;
			s->next_ssn = sctpdk_ssn_next(s->next_ssn);
		}
		q->cur_sid = msg->sid;
	}
	if (msg->unordered)
		flags |= SCTPDK_DATA_FLAG_U;
	if (last)
		flags |= SCTPDK_DATA_FLAG_E;

	memset(out, 0, sizeof(*out));
	out->tsn = *next_tsn;
	*next_tsn = sctpdk_tsn_next(*next_tsn);
	out->sid = msg->sid;
	out->ssn = msg->ssn;
	out->ppid = msg->ppid;
	out->flags = flags;
	out->len = take;
	out->m = data;
	out->context = msg->context;
	out->expire_us = msg->expire_us;

	msg->off += take;
	s->queued_bytes -= take;
	q->queued_bytes -= take;
	q->stats.chunks_out++;
	if (last) {
		prefetch_ahead(msg->next);
		q->cur_sid = -1;
		stream_unlink(q, msg);
		sctpdk_objpool_put(&q->pool, msg);
		q->stats.msgs_done++;
	}
	return 0;
}
