/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NIC checksum offload emulation: TX fill and RX good/bad marking, checked
 * against a reference packet whose CRC32c was verified with tshark and
 * scapy (INIT example of the shared test data).
 */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_sim.h"
#include "sctpdk_test.h"

/* SCTP INIT 10.0.0.1:5000 -> 10.0.0.2:5001, CRC 0x13F2DCFF stored ff dc f2 13 */
static const char INIT_HEX[] = "1388138900000000ffdcf2130100001c010203040000ffff000a000a0000"
			       "0001000c000600050000";

/* Keeps what it receives (up to 8 packets) for inspection. */
struct keeper {
	unsigned int n;
	struct rte_mbuf *pkts[8];
};

static void
keeper_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	     const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct keeper *k = ctx;
	if (k->n < 8)
		k->pkts[k->n++] = pkt;
	else
		rte_pktmbuf_free(pkt);
}

static const struct sctpdk_sim_node_ops keeper_ops = {.input = keeper_input};

static void
keeper_free(struct keeper *k)
{
	for (unsigned int i = 0; i < k->n; i++)
		rte_pktmbuf_free(k->pkts[i]);
	k->n = 0;
}

/* The reference INIT with its checksum field zeroed and TX offload asked for. */
static struct rte_mbuf *
init_unfilled(struct rte_mempool *mp, uint8_t *ref, int *ref_len)
{
	*ref_len = sctpdk_test_hex(INIT_HEX, ref, 64);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL || *ref_len <= 0)
		return m;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)*ref_len);
	memcpy(p, ref, (size_t)*ref_len);
	memset(p + 8, 0, 4);
	m->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM;
	return m;
}

struct bed {
	struct sctpdk_sim *sim;
	struct sctpdk_addr a, z;
	int na, nz;
	struct keeper ka, kz;
};

static void
bed_up(struct bed *b, uint64_t seed)
{
	memset(b, 0, sizeof(*b));
	b->sim = sctpdk_sim_new(seed, sctpdk_test_mbuf_pool());
	b->a = sctpdk_addr_v4(10, 0, 0, 1);
	b->z = sctpdk_addr_v4(10, 0, 0, 2);
	b->na = sctpdk_sim_node_add(b->sim, &keeper_ops, &b->ka, &b->a, 1);
	b->nz = sctpdk_sim_node_add(b->sim, &keeper_ops, &b->kz, &b->z, 1);
	sctpdk_sim_link_add(b->sim, &b->a, &b->z, NULL, NULL);
}

static void
bed_down(struct bed *b)
{
	keeper_free(&b->ka);
	keeper_free(&b->kz);
	sctpdk_sim_del(b->sim);
}

static void
test_tx_fill_matches_reference(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct bed b;
	bed_up(&b, 501);
	CU_ASSERT_EQUAL(sctpdk_sim_node_set_offload(b.sim, b.na, SCTPDK_SIM_OFFLOAD_TX_CKSUM), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_node_set_offload(b.sim, b.nz, SCTPDK_SIM_OFFLOAD_RX_CKSUM), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_node_set_offload(b.sim, 7, 0), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sim_node_set_offload(b.sim, b.na, 1u << 9), SCTPDK_ERR_INVAL);
	uint8_t ref[64];
	int len;
	struct rte_mbuf *m = init_unfilled(mp, ref, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL_FATAL(len, 40);
	sctpdk_sim_send(b.sim, m, &b.a, &b.z);
	sctpdk_sim_run_until(b.sim, 10);
	CU_ASSERT_EQUAL_FATAL(b.kz.n, 1);
	struct rte_mbuf *got = b.kz.pkts[0];
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(got), 40);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(got, uint8_t *), ref, 40), 0);
	CU_ASSERT_EQUAL(got->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_GOOD);
	CU_ASSERT_EQUAL(got->ol_flags & RTE_MBUF_F_TX_L4_MASK, 0);
	struct sctpdk_sim_stats st;
	sctpdk_sim_stats(b.sim, &st);
	CU_ASSERT_EQUAL(st.tx_cksum_filled, 1);
	CU_ASSERT_EQUAL(st.rx_cksum_bad, 0);
	bed_down(&b);
}

static void
test_no_tx_offload_and_corruption_marked_bad(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct bed b;
	bed_up(&b, 502);
	sctpdk_sim_node_set_offload(b.sim, b.nz, SCTPDK_SIM_OFFLOAD_RX_CKSUM);
	uint8_t ref[64];
	int len;
	/* A has no TX offload: the zero checksum goes out as it is */
	sctpdk_sim_send(b.sim, init_unfilled(mp, ref, &len), &b.a, &b.z);
	sctpdk_sim_run_until(b.sim, 10);
	/* with TX offload, but corrupted on the link after the fill */
	sctpdk_sim_node_set_offload(b.sim, b.na, SCTPDK_SIM_OFFLOAD_TX_CKSUM);
	struct sctpdk_sim_rule r = {.chunk_type = SCTPDK_SIM_ANY_CHUNK,
				    .action = SCTPDK_SIM_ACT_CORRUPT};
	sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, &r);
	sctpdk_sim_send(b.sim, init_unfilled(mp, ref, &len), &b.a, &b.z);
	/* the rule fired once; this one arrives intact */
	sctpdk_sim_send(b.sim, init_unfilled(mp, ref, &len), &b.a, &b.z);
	/* Z -> A: A has no RX offload, flags stay clear */
	sctpdk_sim_send(b.sim, init_unfilled(mp, ref, &len), &b.z, &b.a);
	sctpdk_sim_run_until(b.sim, 20);
	CU_ASSERT_EQUAL_FATAL(b.kz.n, 3);
	CU_ASSERT_EQUAL(b.kz.pkts[0]->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK,
			RTE_MBUF_F_RX_L4_CKSUM_BAD);
	CU_ASSERT_EQUAL(b.kz.pkts[1]->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK,
			RTE_MBUF_F_RX_L4_CKSUM_BAD);
	CU_ASSERT_EQUAL(b.kz.pkts[2]->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK,
			RTE_MBUF_F_RX_L4_CKSUM_GOOD);
	CU_ASSERT_FALSE(sctpdk_sctp_cksum_ok(b.kz.pkts[1], 0));
	CU_ASSERT_TRUE(sctpdk_sctp_cksum_ok(b.kz.pkts[2], 0));
	CU_ASSERT_EQUAL_FATAL(b.ka.n, 1);
	CU_ASSERT_EQUAL(b.ka.pkts[0]->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK, 0);
	struct sctpdk_sim_stats st;
	sctpdk_sim_stats(b.sim, &st);
	CU_ASSERT_EQUAL(st.rx_cksum_bad, 2);
	CU_ASSERT_EQUAL(st.tx_cksum_filled, 2);
	bed_down(&b);
}

static void
test_tx_fill_never_writes_shared_data(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct bed b;
	bed_up(&b, 503);
	sctpdk_sim_node_set_offload(b.sim, b.na, SCTPDK_SIM_OFFLOAD_TX_CKSUM);
	uint8_t ref[64];
	int len;
	struct rte_mbuf *orig = init_unfilled(mp, ref, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
	/* the sender keeps the original (e.g. for retransmission) and sends a clone */
	struct rte_mbuf *clone = rte_pktmbuf_clone(orig, mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(clone);
	clone->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM;
	sctpdk_sim_send(b.sim, clone, &b.a, &b.z);
	sctpdk_sim_run_until(b.sim, 10);
	CU_ASSERT_EQUAL_FATAL(b.kz.n, 1);
	CU_ASSERT_TRUE(sctpdk_sctp_cksum_ok(b.kz.pkts[0], 0));
	static const uint8_t zero[4];
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod_offset(orig, uint8_t *, 8), zero, 4), 0);
	rte_pktmbuf_free(orig);
	bed_down(&b);
}

static int
cksum_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_cksum, cksum_suite_init, NULL, SCTPDK_TEST(test_tx_fill_matches_reference),
		  SCTPDK_TEST(test_no_tx_offload_and_corruption_marked_bad),
		  SCTPDK_TEST(test_tx_fill_never_writes_shared_data))
