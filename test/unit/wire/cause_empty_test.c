/* SPDX-License-Identifier: BSD-3-Clause */
/* Out of Resource, Invalid Mandatory Parameter, Cookie Received While Shutting Down. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"
#include "wire_test_util.h"

typedef int (*enc_fn)(struct sctpdk_wr *);
typedef enum sctpdk_wire_reason (*dec_fn)(const struct sctpdk_cause *);

static void
check_empty(enc_fn enc, dec_fn dec, uint16_t code)
{
	uint8_t b[4];
	struct sctpdk_wr w;
	sctpdk_wr_init(&w, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(enc(&w), 0);
	CU_ASSERT_EQUAL(w.len, 4);
	CU_ASSERT_EQUAL(b[0] << 8 | b[1], code);
	CU_ASSERT_EQUAL(b[3], 4);
	struct sctpdk_cause c;
	wire_test_cause(b, 4, &c);
	CU_ASSERT_EQUAL(dec(&c), SCTPDK_WIRE_OK);
	/* with a value it is malformed */
	uint8_t x[8] = {(uint8_t)(code >> 8), (uint8_t)code, 0, 8, 1, 2, 3, 4};
	wire_test_cause(x, 8, &c);
	CU_ASSERT_EQUAL(dec(&c), SCTPDK_WIRE_R_CAUSE_BAD_LEN);
	/* another code */
	x[1] ^= 0x40;
	x[3] = 4;
	wire_test_cause(x, 4, &c);
	CU_ASSERT_EQUAL(dec(&c), SCTPDK_WIRE_R_WRONG_TYPE);
	CU_ASSERT_EQUAL(enc(&w), SCTPDK_ERR_NOSPACE);
}

static void
test_cause_out_of_resource(void)
{
	check_empty(sctpdk_cause_out_of_resource_encode, sctpdk_cause_out_of_resource_decode,
		    SCTPDK_CAUSE_OUT_OF_RESOURCE);
}

static void
test_cause_invalid_mandatory(void)
{
	check_empty(sctpdk_cause_invalid_mandatory_encode, sctpdk_cause_invalid_mandatory_decode,
		    SCTPDK_CAUSE_INVALID_MANDATORY_PARAM);
}

static void
test_cause_cookie_while_shutdown(void)
{
	check_empty(sctpdk_cause_cookie_while_shutdown_encode,
		    sctpdk_cause_cookie_while_shutdown_decode, SCTPDK_CAUSE_COOKIE_WHILE_SHUTDOWN);
}

SCTPDK_TEST_SUITE(wire_cause_empty, NULL, NULL, SCTPDK_TEST(test_cause_out_of_resource),
		  SCTPDK_TEST(test_cause_invalid_mandatory),
		  SCTPDK_TEST(test_cause_cookie_while_shutdown))
