/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CUnit harness shared by every sctpdk unit test executable.
 *
 * A test file declares its suite with SCTPDK_TEST_SUITE(); the suite is
 * registered before main() runs, so adding a file to a test executable's
 * meson.build is all it takes. The harness main() runs every registered
 * suite (or those named on the command line) in CUnit's verbose basic mode
 * and prints CUnit's run summary; the exit status is non-zero on any failure.
 */
#ifndef SCTPDK_TEST_H
#define SCTPDK_TEST_H

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

struct rte_mempool;

struct sctpdk_test_case {
	const char *name;
	CU_TestFunc fn;
};

struct sctpdk_test_suite {
	const char *name;
	CU_InitializeFunc init;
	CU_CleanupFunc cleanup;
	const struct sctpdk_test_case *cases;
	struct sctpdk_test_suite *next;
};

void sctpdk_test_suite_add(struct sctpdk_test_suite *suite);

#define SCTPDK_TEST(fn) { #fn, fn }

/* Declare and register a suite: SCTPDK_TEST_SUITE(name, init, cleanup,
 * SCTPDK_TEST(a), SCTPDK_TEST(b), ...). init/cleanup may be NULL. */
#define SCTPDK_TEST_SUITE(sname, sinit, sclean, ...)                                         \
	static const struct sctpdk_test_case sname##_cases[] = {__VA_ARGS__, {NULL, NULL}};  \
	static struct sctpdk_test_suite sname##_suite = {#sname, sinit, sclean,              \
							 sname##_cases, NULL};               \
	__attribute__((constructor)) static void sname##_register(void)                      \
	{                                                                                    \
		sctpdk_test_suite_add(&sname##_suite);                                       \
	}

/*
 * EAL fixture: starts EAL once per process with --no-huge --no-pci
 * --in-memory and quiet logs, so tests needing mbufs run as any user and
 * without hugepages. Usable directly as a suite init function.
 * Returns 0 on success, -1 if EAL could not start.
 */
int sctpdk_test_eal_init(void);

/* A packet mbuf pool (8191 mbufs of 2048 B data room) created by the EAL
 * fixture; NULL before sctpdk_test_eal_init() succeeded. */
struct rte_mempool *sctpdk_test_mbuf_pool(void);

/* Extra EAL arguments a test executable wants (e.g. --vdev); set before
 * the first sctpdk_test_eal_init() call, typically from a constructor. */
void sctpdk_test_eal_extra_args(const char *const *argv, int argc);

/* Deterministic xorshift64* generator for test data. */
static inline uint64_t
sctpdk_test_rand(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Parse a hex string (whitespace ignored) into buf; returns byte count or -1. */
int sctpdk_test_hex(const char *hex, uint8_t *buf, size_t cap);

#endif
