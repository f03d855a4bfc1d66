/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tests of drivers/crc32c/crc32c.c: the test vectors of
 * /work/shared/testdata/crc32c-and-packets.md through the public API and
 * every implementation, the raw-update contract, and the choice of
 * implementation.
 */
#include <stdlib.h>
#include <string.h>

#include "crc32c_ref.h"
#include "sctpdk/sctpdk_error.h"
#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

struct vector {
	const char *hex;
	uint32_t crc;
	uint8_t stored[4]; /* as the bytes appear in an SCTP header */
};

static const struct vector vec_check = {
    "313233343536373839", 0xE3069283u, {0x83, 0x92, 0x06, 0xE3}};
static const struct vector vec_zeros = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    0x8A9136AAu,
    {0xAA, 0x36, 0x91, 0x8A}};
static const struct vector vec_ones = {
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    0x62A8AB43u,
    {0x43, 0xAB, 0xA8, 0x62}};
static const struct vector vec_ascending = {
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
    0x46DD794Eu,
    {0x4E, 0x79, 0xDD, 0x46}};
static const struct vector vec_descending = {
    "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100",
    0x113FDB5Cu,
    {0x5C, 0xDB, 0x3F, 0x11}};
static const struct vector vec_iscsi = {
    "01c00000000000000000000000000000 14000000000004000000001400000018"
    "28000000000000000200000000000000",
    0xD9963A56u,
    {0x56, 0x3A, 0x96, 0xD9}};
static const struct vector vec_zero_byte = {"00", 0x527D5351u, {0x51, 0x53, 0x7D, 0x52}};
static const struct vector vec_a = {"61", 0xC1D04330u, {0x30, 0x43, 0xD0, 0xC1}};
static const struct vector vec_empty = {"", 0x00000000u, {0, 0, 0, 0}};

/* A vector through the API, every available implementation and the reference. */
static void
check_vector(const struct vector *v, size_t want_len)
{
	uint8_t buf[64], stored[4];
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);
	int len = sctpdk_test_hex(v->hex, buf, sizeof(buf));

	CU_ASSERT_EQUAL_FATAL(len, (int)want_len);
	CU_ASSERT_EQUAL(sctpdk_crc32c(buf, (size_t)len), v->crc);
	CU_ASSERT_EQUAL(ref_crc(buf, (size_t)len), v->crc);
	CU_ASSERT_EQUAL(~sctpdk_crc32c_update(SCTPDK_CRC32C_INIT, buf, (size_t)len), v->crc);
	for (unsigned i = 0; i < n; i++) {
		if (!l[i]->available())
			continue;
		CU_ASSERT_EQUAL(~l[i]->update(SCTPDK_CRC32C_INIT, buf, (size_t)len), v->crc);
	}
	/* least significant byte first on the wire */
	for (unsigned i = 0; i < 4; i++)
		stored[i] = (uint8_t)(v->crc >> (8 * i));
	CU_ASSERT_EQUAL(memcmp(stored, v->stored, 4), 0);
}

static void
test_vec_check_value(void)
{
	check_vector(&vec_check, 9);
	CU_ASSERT_EQUAL(sctpdk_crc32c("123456789", 9), 0xE3069283u);
}

static void
test_vec_32_zeros(void)
{
	check_vector(&vec_zeros, 32);
}

static void
test_vec_32_ones(void)
{
	check_vector(&vec_ones, 32);
}

static void
test_vec_32_ascending(void)
{
	check_vector(&vec_ascending, 32);
}

static void
test_vec_32_descending(void)
{
	check_vector(&vec_descending, 32);
}

static void
test_vec_iscsi_read_pdu(void)
{
	check_vector(&vec_iscsi, 48);
}

static void
test_vec_one_zero_byte(void)
{
	check_vector(&vec_zero_byte, 1);
}

static void
test_vec_letter_a(void)
{
	check_vector(&vec_a, 1);
}

static void
test_vec_empty(void)
{
	check_vector(&vec_empty, 0);
	CU_ASSERT_EQUAL(sctpdk_crc32c(NULL, 0), 0u);
}

/* Splitting the input anywhere and chaining raw updates changes nothing. */
static void
test_update_split_anywhere(void)
{
	uint8_t buf[700];
	unsigned bad = 0;

	fill_random(buf, sizeof(buf), 7);
	uint32_t whole = sctpdk_crc32c(buf, sizeof(buf));
	CU_ASSERT_EQUAL(whole, ref_crc(buf, sizeof(buf)));
	for (size_t cut = 0; cut <= sizeof(buf); cut++) {
		uint32_t s = sctpdk_crc32c_update(SCTPDK_CRC32C_INIT, buf, cut);
		s = sctpdk_crc32c_update(s, buf + cut, sizeof(buf) - cut);
		bad += ~s != whole;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* The raw update neither inverts its input state nor its result. */
static void
test_update_is_raw(void)
{
	uint8_t zeros[100] = {0};

	CU_ASSERT_EQUAL(sctpdk_crc32c_update(SCTPDK_CRC32C_INIT, "123456789", 9), ~0xE3069283u);
	/* state 0 over zero bytes stays 0: no hidden init or final xor */
	CU_ASSERT_EQUAL(sctpdk_crc32c_update(0, zeros, sizeof(zeros)), 0u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_update(0x12345678u, zeros, 0), 0x12345678u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_update(0xCAFEF00Du, NULL, 0), 0xCAFEF00Du);
	CU_ASSERT_EQUAL(sctpdk_crc32c_update(0xCAFEF00Du, zeros, 13),
			ref_update(0xCAFEF00Du, zeros, 13));
}

/* Linearity: crc(a ^ b) = crc(a) ^ crc(b) ^ crc(zeros) for equal lengths. */
static void
test_update_linear(void)
{
	uint8_t a[333], b[333], x[333], z[333] = {0};

	fill_random(a, sizeof(a), 11);
	fill_random(b, sizeof(b), 12);
	for (size_t i = 0; i < sizeof(x); i++)
		x[i] = a[i] ^ b[i];
	CU_ASSERT_EQUAL(sctpdk_crc32c(x, sizeof(x)), sctpdk_crc32c(a, sizeof(a)) ^
							 sctpdk_crc32c(b, sizeof(b)) ^
							 sctpdk_crc32c(z, sizeof(z)));
}

/* Long random buffers, past the SSE4.2 block size, for every implementation. */
static void
test_long_random_buffers(void)
{
	static const size_t lens[] = {4095, 6143, 6144, 6145, 12288, 12311, 65536, 65537, 100003};
	const size_t max = 100003;
	uint8_t *buf = malloc(max + 8);
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	fill_random(buf, max + 8, 99);
	for (size_t j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
		uint32_t ref = ref_crc(buf + 3, lens[j]);
		CU_ASSERT_EQUAL(sctpdk_crc32c(buf + 3, lens[j]), ref);
		for (unsigned i = 0; i < n; i++)
			if (l[i]->available())
				CU_ASSERT_EQUAL(~l[i]->update(SCTPDK_CRC32C_INIT, buf + 3, lens[j]),
						ref);
	}
	free(buf);
}

static void
test_impls_list(void)
{
	unsigned n = 0, have_sw = 0;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(n >= 1);
	for (unsigned i = 0; i < n; i++) {
		CU_ASSERT_PTR_NOT_NULL(l[i]->name);
		CU_ASSERT_PTR_NOT_NULL(l[i]->update);
		CU_ASSERT_PTR_NOT_NULL(l[i]->available);
		for (unsigned j = i + 1; j < n; j++)
			CU_ASSERT_NOT_EQUAL(strcmp(l[i]->name, l[j]->name), 0);
		if (strcmp(l[i]->name, "sw") == 0) {
			have_sw = 1;
			CU_ASSERT_EQUAL(l[i]->available(), 1);
			/* the portable one is the fallback: last in the list */
			CU_ASSERT_EQUAL(i, n - 1);
		}
	}
	CU_ASSERT_EQUAL(have_sw, 1);
}

/* The default is the first available implementation (or SCTPDK_CRC32C). */
static void
test_default_choice(void)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);
	const struct sctpdk_crc32c_ops *act = sctpdk_crc32c_active();
	const char *env = getenv("SCTPDK_CRC32C");
	const struct sctpdk_crc32c_ops *want = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(act);
	CU_ASSERT_EQUAL(act->available(), 1);
	if (env != NULL && ref_find_impl(env) != NULL && ref_find_impl(env)->available())
		want = ref_find_impl(env);
	for (unsigned i = 0; want == NULL && i < n; i++)
		if (l[i]->available())
			want = l[i];
	CU_ASSERT_PTR_EQUAL(act, want);
	/* stable across calls */
	CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), act);
}

static void
test_select_each(void)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);
	const struct sctpdk_crc32c_ops *orig = sctpdk_crc32c_active();

	for (unsigned i = 0; i < n; i++) {
		if (!l[i]->available()) {
			CU_ASSERT_EQUAL(sctpdk_crc32c_select(l[i]->name), SCTPDK_ERR_UNSUPP);
			continue;
		}
		CU_ASSERT_EQUAL(sctpdk_crc32c_select(l[i]->name), 0);
		CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), l[i]);
		CU_ASSERT_EQUAL(sctpdk_crc32c("123456789", 9), 0xE3069283u);
	}
	CU_ASSERT_EQUAL(sctpdk_crc32c_select(orig->name), 0);
	CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), orig);
}

static void
test_select_unknown(void)
{
	const struct sctpdk_crc32c_ops *orig = sctpdk_crc32c_active();

	CU_ASSERT_EQUAL(sctpdk_crc32c_select("no-such-crc"), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_crc32c_select(""), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_crc32c_select(NULL), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), orig);
}

SCTPDK_TEST_SUITE(crc32c, NULL, NULL, SCTPDK_TEST(test_vec_check_value),
		  SCTPDK_TEST(test_vec_32_zeros), SCTPDK_TEST(test_vec_32_ones),
		  SCTPDK_TEST(test_vec_32_ascending), SCTPDK_TEST(test_vec_32_descending),
		  SCTPDK_TEST(test_vec_iscsi_read_pdu), SCTPDK_TEST(test_vec_one_zero_byte),
		  SCTPDK_TEST(test_vec_letter_a), SCTPDK_TEST(test_vec_empty),
		  SCTPDK_TEST(test_update_split_anywhere), SCTPDK_TEST(test_update_is_raw),
		  SCTPDK_TEST(test_update_linear), SCTPDK_TEST(test_long_random_buffers),
		  SCTPDK_TEST(test_impls_list), SCTPDK_TEST(test_default_choice),
		  SCTPDK_TEST(test_select_each), SCTPDK_TEST(test_select_unknown))
