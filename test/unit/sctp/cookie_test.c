/* SPDX-License-Identifier: BSD-3-Clause */
/* State cookie: sealing, MAC check, key rotation, lifetime. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cookie.h"
#include "sctpdk_test.h"

static void
test_random(void *ctx, void *buf, size_t len)
{
	uint64_t *st = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)sctpdk_test_rand(st);
}

static uint64_t rng_state;
static const struct sctpdk_sctp_ops ops = {.random = test_random, .ctx = &rng_state};

static struct sctpdk_cookie
sample(void)
{
	struct sctpdk_cookie c;
	memset(&c, 0, sizeof(c));
	c.created_us = 1000000;
	c.life_us = 60000000;
	c.local_vtag = 0x11223344;
	c.peer_vtag = 0x55667788;
	c.local_tsn = 100;
	c.peer_tsn = 0xfffffff0;
	c.local_tie = 7;
	c.peer_tie = 9;
	c.peer_rwnd = 65536;
	c.peer_adaptation = 0xabcdef01;
	c.has_adaptation = 1;
	c.out_streams = 16;
	c.in_streams = 12;
	c.local_port = 5000;
	c.peer_port = 6000;
	c.n_peer_addrs = 2;
	c.peer_addrs[0] = sctpdk_addr_v4(10, 0, 0, 1);
	c.peer_addrs[1].family = SCTPDK_AF_INET6;
	for (int i = 0; i < 16; i++)
		c.peer_addrs[1].u.v6[i] = (uint8_t)(0x20 + i);
	return c;
}

static void
test_roundtrip(void)
{
	struct sctpdk_cookie_keys k;
	rng_state = 1;
	sctpdk_cookie_keys_init(&k, &ops);
	struct sctpdk_cookie c = sample(), out;
	uint8_t buf[512];
	int n = sctpdk_cookie_seal(&k, &c, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(n, (int)sctpdk_cookie_len());
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, buf, n, 2000000, &out, NULL), 0);
	CU_ASSERT_EQUAL(out.local_vtag, 0x11223344);
	CU_ASSERT_EQUAL(out.peer_vtag, 0x55667788);
	CU_ASSERT_EQUAL(out.peer_tsn, 0xfffffff0);
	CU_ASSERT_EQUAL(out.local_tie, 7);
	CU_ASSERT_EQUAL(out.peer_tie, 9);
	CU_ASSERT_EQUAL(out.out_streams, 16);
	CU_ASSERT_EQUAL(out.in_streams, 12);
	CU_ASSERT_EQUAL(out.peer_port, 6000);
	CU_ASSERT_EQUAL(out.peer_adaptation, 0xabcdef01);
	CU_ASSERT_EQUAL(out.n_peer_addrs, 2);
	CU_ASSERT(sctpdk_addr_eq(&out.peer_addrs[0], &c.peer_addrs[0]));
	CU_ASSERT(sctpdk_addr_eq(&out.peer_addrs[1], &c.peer_addrs[1]));
	CU_ASSERT_EQUAL(sctpdk_cookie_seal(&k, &c, buf, 10), SCTPDK_ERR_NOSPACE);
}

static void
test_tamper_every_byte(void)
{
	struct sctpdk_cookie_keys k;
	rng_state = 2;
	sctpdk_cookie_keys_init(&k, &ops);
	struct sctpdk_cookie c = sample(), out;
	uint8_t buf[512];
	int n = sctpdk_cookie_seal(&k, &c, buf, sizeof(buf));
	int rejected = 0;
	for (int i = 0; i < n; i++) {
		buf[i] ^= 0x01;
		if (sctpdk_cookie_open(&k, buf, n, 2000000, &out, NULL) < 0)
			rejected++;
		buf[i] ^= 0x01;
	}
	CU_ASSERT_EQUAL(rejected, n);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, buf, n - 1, 2000000, &out, NULL),
			SCTPDK_ERR_MALFORMED);
	/* A different endpoint key rejects it. */
	struct sctpdk_cookie_keys k2;
	rng_state = 3;
	sctpdk_cookie_keys_init(&k2, &ops);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k2, buf, n, 2000000, &out, NULL), SCTPDK_ERR_PROTOCOL);
}

static void
test_rotation(void)
{
	struct sctpdk_cookie_keys k;
	rng_state = 4;
	sctpdk_cookie_keys_init(&k, &ops);
	struct sctpdk_cookie c = sample(), out;
	uint8_t old[512], cur[512];
	int n = sctpdk_cookie_seal(&k, &c, old, sizeof(old));
	sctpdk_cookie_keys_rotate(&k, &ops);
	sctpdk_cookie_seal(&k, &c, cur, sizeof(cur));
	CU_ASSERT(memcmp(old + n - 32, cur + n - 32, 32) != 0);
	/* Signed before the rotation: still good. */
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, old, n, 2000000, &out, NULL), 0);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, cur, n, 2000000, &out, NULL), 0);
	/* Two rotations later the old key is gone. */
	sctpdk_cookie_keys_rotate(&k, &ops);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, old, n, 2000000, &out, NULL), SCTPDK_ERR_PROTOCOL);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, cur, n, 2000000, &out, NULL), 0);
}

static void
test_stale(void)
{
	struct sctpdk_cookie_keys k;
	rng_state = 5;
	sctpdk_cookie_keys_init(&k, &ops);
	struct sctpdk_cookie c = sample(), out;
	uint8_t buf[512];
	int n = sctpdk_cookie_seal(&k, &c, buf, sizeof(buf));
	uint64_t stale = 0;
	/* created 1 s + life 60 s: good until 61 s. */
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, buf, n, 61000000, &out, &stale), 0);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, buf, n, 61000250, &out, &stale),
			SCTPDK_COOKIE_STALE);
	CU_ASSERT_EQUAL(stale, 250);
	CU_ASSERT_EQUAL(out.local_vtag, 0x11223344);
}

/* Keys whose every byte is the number of the draw (0 for the first), so a
 * torn copy is visible: all 32 bytes equal the generation. */
static void
gen_random(void *ctx, void *buf, size_t len)
{
	unsigned *draws = ctx;
	memset(buf, (int)(uint8_t)*draws, len);
	(*draws)++;
}

struct rotator {
	struct sctpdk_cookie_keys *k;
	struct sctpdk_sctp_ops ops;
	unsigned draws;
	volatile unsigned rotations;
	volatile int stop;
};

static void *
rotate_loop(void *arg)
{
	struct rotator *r = arg;
	while (!r->stop) {
		sctpdk_cookie_keys_rotate(r->k, &r->ops);
		r->rotations++;
	}
	return NULL;
}

/* A reader copies the keys while another thread rotates them as fast as
 * it can: every copy is whole (one generation's key, never a mix), and a
 * cookie sealed with a copy opens with the keys when no rotation came in
 * between. */
static void
test_snapshot_during_rotation(void)
{
	static struct sctpdk_cookie_keys k;
	struct rotator r = {.k = &k};
	r.ops.random = gen_random;
	r.ops.ctx = &r.draws;
	sctpdk_cookie_keys_init(&k, &r.ops);
	pthread_t th;
	CU_ASSERT_FATAL(pthread_create(&th, NULL, rotate_loop, &r) == 0);
	unsigned torn = 0, copies = 0, gens_seen = 0;
	uint8_t last = 0;
	while (r.rotations == 0) /* both running */
		;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;; copies++) {
		if ((copies & 1023) == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
				    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
			if (ms > 2000 || (ms > 200 && gens_seen >= 1000))
				break;
		}
		struct sctpdk_cookie_keys s;
		sctpdk_cookie_keys_snapshot(&k, &s);
		const uint8_t *b = (const uint8_t *)s.key[s.gen & 1];
		for (unsigned i = 0; i < SCTPDK_COOKIE_KEY_LEN; i++)
			if (b[i] != s.gen) {
				torn++;
				break;
			}
		if (s.gen != last) {
			gens_seen++;
			last = s.gen;
		}
	}
	r.stop = 1;
	pthread_join(th, NULL);
	printf("\n    %u copies during %u rotations (%u generation changes seen), %u torn\n",
	       copies, r.rotations, gens_seen, torn);
	CU_ASSERT_EQUAL(torn, 0);
	CU_ASSERT(gens_seen > 0);
	/* quiet now: a copy seals like the keys themselves */
	struct sctpdk_cookie_keys s;
	sctpdk_cookie_keys_snapshot(&k, &s);
	struct sctpdk_cookie c = sample(), o;
	uint8_t buf[512];
	CU_ASSERT_FATAL(sctpdk_cookie_seal(&s, &c, buf, sizeof(buf)) > 0);
	CU_ASSERT_EQUAL(sctpdk_cookie_open(&k, buf, sctpdk_cookie_len(), c.created_us, &o, NULL), 0);
	CU_ASSERT_EQUAL(o.local_vtag, c.local_vtag);
}

/* The MAC is HMAC-SHA256 of the body under the current key: compared
 * with OpenSSL's own HMAC(). */
static void
test_mac_is_hmac_sha256(void)
{
	struct sctpdk_cookie_keys k;
	rng_state = 77;
	sctpdk_cookie_keys_init(&k, &ops);
	struct sctpdk_cookie c = sample();
	size_t n = sctpdk_cookie_len();
	uint8_t buf[1024];
	CU_ASSERT_FATAL(n <= sizeof(buf) && n > 32);
	CU_ASSERT_EQUAL(sctpdk_cookie_seal(&k, &c, buf, sizeof(buf)), (int)n);
	uint8_t want[32];
	unsigned int len = sizeof(want);
	CU_ASSERT_PTR_NOT_NULL(HMAC(EVP_sha256(), k.key[k.gen & 1], SCTPDK_COOKIE_KEY_LEN, buf,
				    n - 32, want, &len));
	CU_ASSERT_EQUAL(len, 32);
	CU_ASSERT_EQUAL(memcmp(want, buf + n - 32, 32), 0);
	/* and after a rotation, under the new key */
	sctpdk_cookie_keys_rotate(&k, &ops);
	CU_ASSERT_EQUAL(sctpdk_cookie_seal(&k, &c, buf, sizeof(buf)), (int)n);
	HMAC(EVP_sha256(), k.key[k.gen & 1], SCTPDK_COOKIE_KEY_LEN, buf, n - 32, want, &len);
	CU_ASSERT_EQUAL(memcmp(want, buf + n - 32, 32), 0);
}

SCTPDK_TEST_SUITE(sctp_cookie, NULL, NULL, SCTPDK_TEST(test_roundtrip),
		  SCTPDK_TEST(test_tamper_every_byte), SCTPDK_TEST(test_rotation),
		  SCTPDK_TEST(test_stale), SCTPDK_TEST(test_snapshot_during_rotation),
		  SCTPDK_TEST(test_mac_is_hmac_sha256))
