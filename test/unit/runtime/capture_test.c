/* SPDX-License-Identifier: BSD-3-Clause */
/* pcapng capture: the file is written, tshark reads it, every frame
 * decodes as SCTP with a good CRC32c and none is malformed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

static void
test_pcapng_readable(void)
{
	char path[] = "/tmp/sctpdk-rt-cap-XXXXXX.pcapng";
	int fd = mkstemps(path, 7);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "cp", NULL) == 0);
	snprintf(t.cfg_a.pcapng_path, sizeof(t.cfg_a.pcapng_path), "%s", path);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct echo_state *ea = echo_state_of(t.a, 0);
	for (uint32_t i = 0; i < 25; i++)
		CU_ASSERT(rt_send(t.a, 1 + i % 3, i, (uint16_t)(10 + i)) == 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->ep_rx, 25, 3000), 25);
	rt_two_free(&t); /* closes the file */

	char cmd[512];
	long n_all = 0, n_sctp = 0, n_bad = 0;
	snprintf(cmd, sizeof(cmd), "tshark -r %s 2>/dev/null", path);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_all), 0);
	CU_ASSERT(n_all >= 50); /* 25 out, 25 echoed in, and ARP */
	long n_arp = 0;
	snprintf(cmd, sizeof(cmd), "tshark -r %s -Y arp 2>/dev/null", path);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_arp), 0);
	CU_ASSERT_EQUAL(n_all, 50 + n_arp);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -o sctp.checksum:CRC-32C -Y 'sctp.checksum.status == \"Good\" && "
		 "sctp.data_payload_proto_id' 2>/dev/null",
		 path);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_sctp), 0);
	CU_ASSERT_EQUAL(n_sctp, 50);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -Y '_ws.malformed || _ws.expert.severity >= 6291456' 2>/dev/null",
		 path);
	CU_ASSERT_EQUAL(rt_run_count(cmd, &n_bad), 0);
	CU_ASSERT_EQUAL(n_bad, 0);
	remove(path);
}

SCTPDK_TEST_SUITE(runtime_capture, rt_fixture_eal, NULL, SCTPDK_TEST(test_pcapng_readable))
