/* SPDX-License-Identifier: BSD-3-Clause */
/* State cookie: serialisation and HMAC-SHA256 sealing (RFC 9260 5.1.3). */
#include <pthread.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sctpdk/sctpdk_error.h>

#include "cookie.h"

#define COOKIE_VERSION 1
#define ADDR_BYTES 17 /* family + 16 */
#define BODY_LEN (4 + 8 + 4 + 8 * 4 + 4 * 2 + SCTPDK_SCTP_MAX_ADDRS * ADDR_BYTES)
#define COOKIE_LEN (BODY_LEN + SCTPDK_COOKIE_MAC_LEN)

size_t
sctpdk_cookie_len(void)
{
	return COOKIE_LEN;
}

#define KEY_WORDS (SCTPDK_COOKIE_KEY_LEN / 8)

/* Fill slot with a fresh key, word by word (readers may be copying the
 * other slot at the same time). */
static void
draw_key(uint64_t *slot, const struct sctpdk_sctp_ops *ops)
{
	uint64_t fresh[KEY_WORDS];
	ops->random(ops->ctx, fresh, sizeof(fresh));
	for (unsigned i = 0; i < KEY_WORDS; i++)
		__atomic_store_n(&slot[i], fresh[i], __ATOMIC_RELAXED);
}

void
sctpdk_cookie_keys_init(struct sctpdk_cookie_keys *k, const struct sctpdk_sctp_ops *ops)
{
	memset(k, 0, sizeof(*k));
	draw_key(k->key[0], ops);
}

void
sctpdk_cookie_keys_rotate(struct sctpdk_cookie_keys *k, const struct sctpdk_sctp_ops *ops)
{
	uint8_t next = (uint8_t)(k->gen + 1);
	draw_key(k->key[next & 1], ops);
	k->has_prev = 1;
	/* publish: a reader that sees next sees its key */
	__atomic_store_n(&k->gen, next, __ATOMIC_RELEASE);
}

void
sctpdk_cookie_keys_snapshot(const struct sctpdk_cookie_keys *k, struct sctpdk_cookie_keys *out)
{
	memset(out, 0, sizeof(*out));
	for (;;) {
		uint8_t g = __atomic_load_n(&k->gen, __ATOMIC_ACQUIRE);
		for (unsigned i = 0; i < KEY_WORDS; i++)
			out->key[g & 1][i] = __atomic_load_n(&k->key[g & 1][i], __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		/* the slot of g is rewritten only by the rotation after next;
		 * an unchanged generation means the copy is whole */
		if (__atomic_load_n(&k->gen, __ATOMIC_RELAXED) == g) {
			out->gen = g;
			return;
		}
	}
}

static uint8_t *
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *
put32(uint8_t *p, uint32_t v)
{
	p = put16(p, (uint16_t)(v >> 16));
	return put16(p, (uint16_t)v);
}

static uint16_t
get16(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	*pp += 2;
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t **pp)
{
	uint32_t hi = get16(pp);
	return hi << 16 | get16(pp);
}

/*
 * HMAC-SHA256 (RFC 2104) of the body: SHA256((K ^ opad) || SHA256((K ^
 * ipad) || body)), the key zero-padded to the 64-byte block. Written out
 * on an SHA-256 fetched once per process (immutable afterwards) because
 * OpenSSL 3's one-shot HMAC() looks the algorithms up by name at every
 * call: it took most of a cookie's cost, twice per association set up.
 */
#define SHA_BLOCK 64

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void
sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static void
mac(const uint64_t *key, const uint8_t *body, uint8_t *out)
{
	uint8_t kb[SCTPDK_COOKIE_KEY_LEN];
	uint8_t in[SHA_BLOCK + BODY_LEN], outer[SHA_BLOCK + SCTPDK_COOKIE_MAC_LEN];
	unsigned int len = SCTPDK_COOKIE_MAC_LEN;
	pthread_once(&sha256_once, sha256_fetch);
	const EVP_MD *md = sha256_md != NULL ? sha256_md : EVP_sha256();
	memcpy(kb, key, sizeof(kb));
	for (unsigned i = 0; i < SHA_BLOCK; i++) {
		uint8_t k = i < sizeof(kb) ? kb[i] : 0;
		in[i] = k ^ 0x36;
		outer[i] = k ^ 0x5c;
	}
	memcpy(in + SHA_BLOCK, body, BODY_LEN);
	EVP_Digest(in, sizeof(in), outer + SHA_BLOCK, &len, md, NULL);
	EVP_Digest(outer, sizeof(outer), out, &len, md, NULL);
	OPENSSL_cleanse(kb, sizeof(kb));
	OPENSSL_cleanse(in, SHA_BLOCK);
	OPENSSL_cleanse(outer, SHA_BLOCK);
}

int
sctpdk_cookie_seal(const struct sctpdk_cookie_keys *k, const struct sctpdk_cookie *c,
		   uint8_t *out, size_t cap)
{
	if (cap < COOKIE_LEN)
		return SCTPDK_ERR_NOSPACE;
	uint8_t *p = out;
	*p++ = COOKIE_VERSION;
	*p++ = k->gen;
	*p++ = c->n_peer_addrs;
	*p++ = c->has_adaptation;
	p = put32(p, (uint32_t)(c->created_us >> 32));
	p = put32(p, (uint32_t)c->created_us);
	p = put32(p, c->life_us);
	p = put32(p, c->local_vtag);
	p = put32(p, c->peer_vtag);
	p = put32(p, c->local_tsn);
	p = put32(p, c->peer_tsn);
	p = put32(p, c->local_tie);
	p = put32(p, c->peer_tie);
	p = put32(p, c->peer_rwnd);
	p = put32(p, c->peer_adaptation);
	p = put16(p, c->out_streams);
	p = put16(p, c->in_streams);
	p = put16(p, c->local_port);
	p = put16(p, c->peer_port);
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++, p += ADDR_BYTES) {
		const struct sctpdk_addr *a = &c->peer_addrs[i];
		memset(p, 0, ADDR_BYTES);
		if (i >= c->n_peer_addrs)
			continue;
		p[0] = a->family;
		if (a->family == SCTPDK_AF_INET)
			memcpy(p + 1, &a->u.v4, 4);
		else
			memcpy(p + 1, a->u.v6, 16);
	}
	mac(k->key[k->gen & 1], out, out + BODY_LEN);
	return COOKIE_LEN;
}

int
sctpdk_cookie_open(const struct sctpdk_cookie_keys *k, const uint8_t *buf, size_t len,
		   uint64_t now_us, struct sctpdk_cookie *c, uint64_t *stale_us)
{
	if (len != COOKIE_LEN || buf[0] != COOKIE_VERSION)
		return SCTPDK_ERR_MALFORMED;
	uint8_t gen = buf[1];
	if (gen != k->gen && !(k->has_prev && gen == (uint8_t)(k->gen - 1)))
		return SCTPDK_ERR_PROTOCOL;
	uint8_t want[SCTPDK_COOKIE_MAC_LEN];
	mac(k->key[gen & 1], buf, want);
	if (CRYPTO_memcmp(want, buf + BODY_LEN, SCTPDK_COOKIE_MAC_LEN) != 0)
		return SCTPDK_ERR_PROTOCOL;
	memset(c, 0, sizeof(*c));
	const uint8_t *p = buf + 2;
	c->n_peer_addrs = *p++;
	c->has_adaptation = *p++;
	if (c->n_peer_addrs > SCTPDK_SCTP_MAX_ADDRS)
		return SCTPDK_ERR_MALFORMED;
	uint64_t hi = get32(&p);
	c->created_us = hi << 32 | get32(&p);
	c->life_us = get32(&p);
	c->local_vtag = get32(&p);
	c->peer_vtag = get32(&p);
	c->local_tsn = get32(&p);
	c->peer_tsn = get32(&p);
	c->local_tie = get32(&p);
	c->peer_tie = get32(&p);
	c->peer_rwnd = get32(&p);
	c->peer_adaptation = get32(&p);
	c->out_streams = get16(&p);
	c->in_streams = get16(&p);
	c->local_port = get16(&p);
	c->peer_port = get16(&p);
	for (unsigned i = 0; i < SCTPDK_SCTP_MAX_ADDRS; i++, p += ADDR_BYTES) {
		if (i >= c->n_peer_addrs)
			continue;
		struct sctpdk_addr *a = &c->peer_addrs[i];
		a->family = p[0];
		if (a->family == SCTPDK_AF_INET)
			memcpy(&a->u.v4, p + 1, 4);
		else if (a->family == SCTPDK_AF_INET6)
			memcpy(a->u.v6, p + 1, 16);
		else
			return SCTPDK_ERR_MALFORMED;
	}
	uint64_t expiry = c->created_us + c->life_us;
	if (now_us > expiry) {
		if (stale_us)
			*stale_us = now_us - expiry;
		return SCTPDK_COOKIE_STALE;
	}
	return 0;
}
