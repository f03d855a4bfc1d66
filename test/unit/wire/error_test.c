/* SPDX-License-Identifier: BSD-3-Clause */
/* sctpdk_strerror() and the name tables. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"

static void
test_strerror_known(void)
{
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(SCTPDK_OK), "success");
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(SCTPDK_ERR_NOSPACE), "no space in output buffer");
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(SCTPDK_ERR_PROTOCOL), "protocol violation by peer");
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(SCTPDK_ERR_TRUNCATED), "input truncated");
}

static void
test_strerror_distinct(void)
{
	static const int codes[] = {
		SCTPDK_OK,	       SCTPDK_ERR_INVAL,    SCTPDK_ERR_NOMEM,     SCTPDK_ERR_TRUNCATED,
		SCTPDK_ERR_MALFORMED,  SCTPDK_ERR_NOSPACE,  SCTPDK_ERR_AGAIN,     SCTPDK_ERR_NOTFOUND,
		SCTPDK_ERR_STATE,      SCTPDK_ERR_MSGSIZE,  SCTPDK_ERR_UNSUPP,    SCTPDK_ERR_EXISTS,
		SCTPDK_ERR_SHUTDOWN,   SCTPDK_ERR_PROTOCOL, SCTPDK_ERR_RESOURCES,
	};
	size_t n = sizeof(codes) / sizeof(codes[0]);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_STRING_NOT_EQUAL(sctpdk_strerror(codes[i]), "unknown error");
		for (size_t j = i + 1; j < n; j++)
			CU_ASSERT_STRING_NOT_EQUAL(sctpdk_strerror(codes[i]),
						   sctpdk_strerror(codes[j]));
	}
}

static void
test_strerror_unknown(void)
{
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(-55), "unknown error");
	CU_ASSERT_STRING_EQUAL(sctpdk_strerror(7), "unknown error");
}

static void
test_reason_names_distinct(void)
{
	for (int i = 0; i < SCTPDK_WIRE_R_COUNT; i++) {
		CU_ASSERT_STRING_NOT_EQUAL(sctpdk_wire_reason_str(i), "?");
		for (int j = i + 1; j < SCTPDK_WIRE_R_COUNT; j++)
			CU_ASSERT_STRING_NOT_EQUAL(sctpdk_wire_reason_str(i),
						   sctpdk_wire_reason_str(j));
	}
	CU_ASSERT_STRING_EQUAL(sctpdk_wire_reason_str(SCTPDK_WIRE_R_COUNT), "?");
}

static void
test_type_names(void)
{
	CU_ASSERT_STRING_EQUAL(sctpdk_chunk_type_name(SCTPDK_CHUNK_INIT_ACK), "INIT ACK");
	CU_ASSERT_STRING_EQUAL(sctpdk_chunk_type_name(14), "SHUTDOWN COMPLETE");
	CU_ASSERT_PTR_NULL(sctpdk_chunk_type_name(15));
	for (int c = 1; c <= 13; c++)
		CU_ASSERT_PTR_NOT_NULL(sctpdk_cause_code_name((uint16_t)c));
	CU_ASSERT_PTR_NULL(sctpdk_cause_code_name(0));
	CU_ASSERT_PTR_NULL(sctpdk_cause_code_name(14));
	CU_ASSERT_STRING_EQUAL(sctpdk_param_type_name(0xC000), "Forward-TSN-Supported");
	CU_ASSERT_PTR_NULL(sctpdk_param_type_name(0x1234));
}

SCTPDK_TEST_SUITE(wire_error, NULL, NULL, SCTPDK_TEST(test_strerror_known),
		  SCTPDK_TEST(test_strerror_distinct), SCTPDK_TEST(test_strerror_unknown),
		  SCTPDK_TEST(test_reason_names_distinct), SCTPDK_TEST(test_type_names))
