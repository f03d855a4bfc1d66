/* SPDX-License-Identifier: BSD-3-Clause */
#include "sctpdk_test.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mbuf.h>

static struct sctpdk_test_suite *suites;
static int eal_state; /* 0 not tried, 1 up, -1 failed */
static struct rte_mempool *mbuf_pool;
static const char *extra_argv[16];
static int extra_argc;

void
sctpdk_test_suite_add(struct sctpdk_test_suite *suite)
{
	/* keep file order: append */
	struct sctpdk_test_suite **p = &suites;
	while (*p != NULL)
		p = &(*p)->next;
	suite->next = NULL;
	*p = suite;
}

void
sctpdk_test_eal_extra_args(const char *const *argv, int argc)
{
	for (int i = 0; i < argc && extra_argc < (int)(sizeof(extra_argv) / sizeof(extra_argv[0]));
	     i++)
		extra_argv[extra_argc++] = argv[i];
}

int
sctpdk_test_eal_init(void)
{
	if (eal_state != 0)
		return eal_state == 1 ? 0 : -1;

	char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"sctpdk-test";
	argv[argc++] = (char *)"--no-huge";
	argv[argc++] = (char *)"--no-pci";
	argv[argc++] = (char *)"--no-shconf"; /* --in-memory needs hugepages */
	argv[argc++] = (char *)"--no-telemetry";
	argv[argc++] = (char *)"--log-level=error";
	argv[argc++] = (char *)"-m";
	argv[argc++] = (char *)"512";
	for (int i = 0; i < extra_argc; i++)
		argv[argc++] = (char *)extra_argv[i];

	rte_log_set_global_level(RTE_LOG_ERR);
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "sctpdk-test: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		eal_state = -1;
		return -1;
	}
	mbuf_pool = rte_pktmbuf_pool_create("sctpdk_test_pool", 8191, 256, 0,
					    RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mbuf_pool == NULL) {
		fprintf(stderr, "sctpdk-test: mbuf pool: %s\n", rte_strerror(rte_errno));
		eal_state = -1;
		return -1;
	}
	eal_state = 1;
	return 0;
}

struct rte_mempool *
sctpdk_test_mbuf_pool(void)
{
	return mbuf_pool;
}

int
sctpdk_test_hex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1;
	for (const char *p = hex; *p != '\0'; p++) {
		if (isspace((unsigned char)*p))
			continue;
		if (!isxdigit((unsigned char)*p))
			return -1;
		int v = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
		if (hi < 0) {
			hi = v;
		} else {
			if (n >= cap)
				return -1;
			buf[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return hi < 0 ? (int)n : -1;
}

static int
selected(const char *name, int argc, char **argv)
{
	if (argc <= 1)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		return 2;
	}
	for (struct sctpdk_test_suite *s = suites; s != NULL; s = s->next) {
		if (!selected(s->name, argc, argv))
			continue;
		CU_pSuite cs = CU_add_suite(s->name, s->init, s->cleanup);
		if (cs == NULL) {
			fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
			return 2;
		}
		for (const struct sctpdk_test_case *t = s->cases; t->name != NULL; t++)
			if (CU_add_test(cs, t->name, t->fn) == NULL) {
				fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
				return 2;
			}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	printf("\n");
	CU_basic_show_failures(CU_get_failure_list());
	printf("\n");

	unsigned int tests = CU_get_number_of_tests_run();
	unsigned int failed = CU_get_number_of_tests_failed();
	unsigned int asserts = CU_get_number_of_asserts();
	unsigned int afailed = CU_get_number_of_failures();
	unsigned int sfailed = CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	if (eal_state == 1) {
		rte_mempool_free(mbuf_pool);
		rte_eal_cleanup();
	}
	if (tests == 0) {
		fprintf(stderr, "no test ran\n");
		return 1;
	}
	printf("sctpdk-test: %u tests, %u failed; %u asserts, %u failed; %u suites failed to init\n",
	       tests, failed, asserts, afailed, sfailed);
	return (failed != 0 || afailed != 0 || sfailed != 0) ? 1 : 0;
}
