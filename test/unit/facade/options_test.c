/* SPDX-License-Identifier: BSD-3-Clause */
/* Socket options (lib/facade/options.c): section 7 rules a/b/c, defaults. */
#include <unistd.h>

#include "util.h"

static void
test_event_defaults_per_style(void)
{
	int t = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	int u = sctpdk_socket(AF_INET, SOCK_SEQPACKET, 0);
	struct sctp_event_subscribe ev;
	socklen_t l = sizeof(ev);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(t, IPPROTO_SCTP, SCTP_SET_EVENTS, &ev, &l), 0);
	CU_ASSERT_EQUAL(l, sizeof(ev));
	CU_ASSERT_EQUAL(ev.sctp_data_io_event + ev.sctp_association_event + ev.sctp_address_event +
			    ev.sctp_send_failure_event + ev.sctp_peer_error_event +
			    ev.sctp_shutdown_event + ev.sctp_partial_delivery_event +
			    ev.sctp_adaption_layer_event,
			0);
	l = sizeof(ev);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_EVENTS, &ev, &l), 0);
	CU_ASSERT_EQUAL(ev.sctp_data_io_event, 1);
	CU_ASSERT_EQUAL(ev.sctp_association_event, 1);
	CU_ASSERT_EQUAL(ev.sctp_shutdown_event, 0);
	/* a short structure sets only its leading fields */
	uint8_t two[2] = {0, 0};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_SET_EVENTS, two, 2), 0);
	l = sizeof(ev);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_SET_EVENTS, &ev, &l), 0);
	CU_ASSERT_EQUAL(ev.sctp_data_io_event, 0);
	CU_ASSERT_EQUAL(ev.sctp_association_event, 0);
	sctpdk_close(t);
	sctpdk_close(u);
}

static void
test_errors(void)
{
	int t = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	int v = 1;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_SCTP, 9999, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_IP, 1, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_SCTP, SCTP_NODELAY, &v, 2), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	struct sctp_status st;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_SCTP, SCTP_STATUS, &st, sizeof(st)), -1);
	CU_ASSERT_EQUAL(errno, ENOPROTOOPT); /* read-only */
	socklen_t l = 2;
	CU_ASSERT_EQUAL(sctpdk_getsockopt(t, IPPROTO_SCTP, SCTP_NODELAY, &v, &l), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	l = sizeof(st);
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL(sctpdk_getsockopt(t, IPPROTO_SCTP, SCTP_STATUS, &st, &l), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_SCTP, SCTP_AUTOCLOSE, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP); /* TCP-style */
	struct sctp_setprim sp;
	memset(&sp, 0, sizeof(sp));
	CU_ASSERT_EQUAL(sctpdk_setsockopt(t, IPPROTO_SCTP, SCTP_SET_PRIMARY_ADDR, &sp, sizeof(sp)),
			-1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP); /* needs ASCONF */
	int s = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	l = sizeof(v);
	CU_ASSERT_EQUAL(sctpdk_opt_info(s, 0, SCTP_NODELAY, &v, &l), -1);
	CU_ASSERT_EQUAL(errno, EOPNOTSUPP);
	v = 0;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	v = 100000;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	l = sizeof(v);
	v = 0;
	CU_ASSERT_EQUAL(sctpdk_getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	CU_ASSERT_EQUAL(v, 100000);
	sctpdk_close(s);
	sctpdk_close(t);
}

static void
test_initmsg_and_streams(void)
{
	int u = fc_udp_sock("10.0.0.1", 6000);
	int w = fc_udp_sock("10.0.0.2", 6001);
	struct sctp_initmsg im;
	socklen_t l = sizeof(im);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_INITMSG, &im, &l), 0);
	CU_ASSERT_EQUAL(im.sinit_num_ostreams, 10);
	struct sctp_initmsg set = {.sinit_num_ostreams = 3}; /* 0 fields keep defaults */
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_INITMSG, &set, sizeof(set)), 0);
	l = sizeof(im);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_INITMSG, &im, &l), 0);
	CU_ASSERT_EQUAL(im.sinit_num_ostreams, 3);
	CU_ASSERT_EQUAL(im.sinit_max_instreams, 10);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 6001);
	CU_ASSERT_EQUAL(sctpdk_connect(u, SA(wa), sizeof(wa)), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_outbound_streams, 3);
	sctp_assoc_t id = n.sn_assoc_change.sac_assoc_id;
	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	l = sizeof(st);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id, SCTP_STATUS, &st, &l), 0);
	CU_ASSERT_EQUAL(st.sstat_assoc_id, id);
	CU_ASSERT_EQUAL(st.sstat_state, SCTP_ESTABLISHED);
	CU_ASSERT_EQUAL(st.sstat_outstrms, 3);
	CU_ASSERT_EQUAL(st.sstat_instrms, 10);
	CU_ASSERT_EQUAL(ntohs(((struct sockaddr_in *)&st.sstat_primary.spinfo_address)->sin_port),
			6001);
	CU_ASSERT_EQUAL(st.sstat_primary.spinfo_state, SCTP_ACTIVE);
	/* a stream past the negotiated count fails */
	struct sctp_sndrcvinfo si = {.sinfo_stream = 3, .sinfo_assoc_id = id};
	CU_ASSERT_EQUAL(fc_send_si(u, "x", 1, NULL, &si, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	si.sinfo_stream = 2;
	CU_ASSERT_EQUAL(fc_send_si(u, "x", 1, NULL, &si, 0), 1);
	/* unknown association id: EINVAL for options */
	l = sizeof(st);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id + 77, SCTP_STATUS, &st, &l), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_rtoinfo_rules(void)
{
	int u = fc_udp_sock("10.0.0.1", 6100);
	int w = fc_udp_sock("10.0.0.2", 6101);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 6101);
	/* rule c: endpoint default */
	struct sctp_rtoinfo r = {
	    .srto_assoc_id = 0, .srto_initial = 500, .srto_min = 200, .srto_max = 0};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &r, sizeof(r)), 0);
	struct sctp_rtoinfo bad = {.srto_min = 70000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &bad, sizeof(bad)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* min > max */
	CU_ASSERT_EQUAL(sctpdk_connect(u, SA(wa), sizeof(wa)), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	sctp_assoc_t id = n.sn_assoc_change.sac_assoc_id;
	/* the new association inherited the endpoint default */
	struct sctp_rtoinfo g;
	memset(&g, 0, sizeof(g));
	socklen_t l = sizeof(g);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id, SCTP_RTOINFO, &g, &l), 0);
	CU_ASSERT_EQUAL(g.srto_initial, 500);
	CU_ASSERT_EQUAL(g.srto_min, 200);
	CU_ASSERT_EQUAL(g.srto_max, 60000);
	/* rule b: this association only */
	struct sctp_rtoinfo ra = {.srto_assoc_id = id, .srto_initial = 700};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &ra, sizeof(ra)), 0);
	l = sizeof(g);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id, SCTP_RTOINFO, &g, &l), 0);
	CU_ASSERT_EQUAL(g.srto_initial, 700);
	l = sizeof(g);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, 0, SCTP_RTOINFO, &g, &l), 0);
	CU_ASSERT_EQUAL(g.srto_initial, 500); /* endpoint unchanged */
	ra.srto_assoc_id = id + 1000;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_RTOINFO, &ra, sizeof(ra)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	/* ASSOCINFO: endpoint and association */
	struct sctp_assocparams ap = {.sasoc_assoc_id = id, .sasoc_cookie_life = 5000};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_ASSOCINFO, &ap, sizeof(ap)), 0);
	memset(&ap, 0, sizeof(ap));
	l = sizeof(ap);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, id, SCTP_ASSOCINFO, &ap, &l), 0);
	CU_ASSERT_EQUAL(ap.sasoc_cookie_life, 5000);
	CU_ASSERT_EQUAL(ap.sasoc_number_peer_destinations, 1);
	CU_ASSERT_EQUAL(ap.sasoc_peer_rwnd, 65536);
	l = sizeof(ap);
	CU_ASSERT_EQUAL(sctpdk_opt_info(u, 0, SCTP_ASSOCINFO, &ap, &l), 0);
	CU_ASSERT_EQUAL(ap.sasoc_cookie_life, 60000);
	sctpdk_close(u);
	sctpdk_close(w);
}

static void
test_paddr_options(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(6200, &l, &c, &s), 0);
	/* the peer (s) is reachable at 10.0.0.1 only; the client at its
	 * wildcard addresses 10.0.0.1 and 10.0.0.2 */
	struct sctp_paddrparams pp;
	memset(&pp, 0, sizeof(pp));
	*(struct sockaddr_in *)&pp.spp_address = fc_sin("10.0.0.1", 6200);
	pp.spp_hbinterval = 1234;
	pp.spp_pathmaxrxt = 3;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)),
			0);
	/* read back for that address; without one: the association's
	 * default, which a per-address set leaves */
	memset(&pp, 0, sizeof(pp));
	*(struct sockaddr_in *)&pp.spp_address = fc_sin("10.0.0.1", 6200);
	socklen_t len = sizeof(pp);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, &len), 0);
	CU_ASSERT_EQUAL(pp.spp_hbinterval, 1234);
	CU_ASSERT_EQUAL(pp.spp_pathmaxrxt, 3);
	struct sctp_paddrparams dp;
	memset(&dp, 0, sizeof(dp));
	len = sizeof(dp);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &dp, &len), 0);
	CU_ASSERT_EQUAL(dp.spp_hbinterval, 30000);
	CU_ASSERT_EQUAL(dp.spp_pathmaxrxt, 5);
	*(struct sockaddr_in *)&pp.spp_address = fc_sin("10.0.0.9", 6200);
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)),
			-1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	/* peer address info */
	struct sctp_paddrinfo pi;
	memset(&pi, 0, sizeof(pi));
	*(struct sockaddr_in *)&pi.spinfo_address = fc_sin("10.0.0.1", 6200);
	len = sizeof(pi);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, &len), 0);
	CU_ASSERT_EQUAL(pi.spinfo_state, SCTP_ACTIVE);
	CU_ASSERT_EQUAL(pi.spinfo_mtu, 1500);
	/* set our primary to the peer's other address (s sees two) */
	struct sctp_setpeerprim spp;
	memset(&spp, 0, sizeof(spp));
	*(struct sockaddr_in *)&spp.sspp_addr = fc_sin("10.0.0.2", 0);
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &spp, sizeof(spp)), 0);
	struct sockaddr_in peer;
	socklen_t pl = sizeof(peer);
	CU_ASSERT_EQUAL(sctpdk_getpeername(s, SA(peer), &pl), 0);
	CU_ASSERT_EQUAL(peer.sin_addr.s_addr, fc_sin("10.0.0.2", 0).sin_addr.s_addr);
	memset(&spp, 0, sizeof(spp));
	len = sizeof(spp);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(s, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &spp, &len), 0);
	CU_ASSERT_EQUAL(((struct sockaddr_in *)&spp.sspp_addr)->sin_addr.s_addr,
			fc_sin("10.0.0.2", 0).sin_addr.s_addr);
	*(struct sockaddr_in *)&spp.sspp_addr = fc_sin("10.9.9.9", 0);
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &spp, sizeof(spp)), -1);
	CU_ASSERT_EQUAL(errno, EADDRNOTAVAIL);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_default_send_and_timeouts(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(6300, &l, &c, &s), 0);
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	struct sctp_sndrcvinfo d = {
	    .sinfo_stream = 4, .sinfo_ppid = htonl(77), .sinfo_flags = MSG_UNORDERED};
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_DEFAULT_SEND_PARAM, &d, sizeof(d)), 0);
	d.sinfo_flags = MSG_EOF;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_DEFAULT_SEND_PARAM, &d, sizeof(d)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL); /* MSG_EOF on a TCP-style socket */
	CU_ASSERT_EQUAL(sctpdk_send(c, "dflt", 4, 0), 4);
	char buf[16];
	struct fc_rx r = fc_recv(s, buf, sizeof(buf), 0);
	CU_ASSERT_EQUAL(r.n, 4);
	CU_ASSERT(r.have_sndrcv);
	CU_ASSERT_EQUAL(r.si.sinfo_stream, 4);
	CU_ASSERT_EQUAL(r.si.sinfo_ppid, htonl(77));
	CU_ASSERT_EQUAL(r.si.sinfo_flags, MSG_UNORDERED);
	/* stream time-outs */
	struct sctp_setstrm_timeout to = {
	    .ssto_timeout = 250, .ssto_streamid_start = 2, .ssto_streamid_end = 5};
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_STREAM_TIMEOUTS, &to, sizeof(to)), 0);
	to.ssto_streamid_start = 9;
	to.ssto_streamid_end = 8;
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_STREAM_TIMEOUTS, &to, sizeof(to)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	memset(&to, 0, sizeof(to));
	to.ssto_streamid_start = 3;
	socklen_t len = sizeof(to);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_SET_STREAM_TIMEOUTS, &to, &len), 0);
	CU_ASSERT_EQUAL(to.ssto_timeout, 250);
	CU_ASSERT_EQUAL(to.ssto_streamid_end, 5);
	/* adaption layer, nodelay */
	struct sctp_setadaption ad = {.ssb_adaption_ind = 0x1234};
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_SET_ADAPTION_LAYER, &ad, sizeof(ad)), 0);
	memset(&ad, 0, sizeof(ad));
	len = sizeof(ad);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SCTP_ADAPTATION_LAYER, &ad, &len), 0);
	CU_ASSERT_EQUAL(ad.ssb_adaption_ind, 0x1234);
	int one = 1, v = 0;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one)), 0);
	len = sizeof(v);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(c, IPPROTO_SCTP, SO_NODELAY, &v, &len), 0);
	CU_ASSERT_EQUAL(v, 1);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

static void
test_adaption_indication(void)
{
	int l = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = fc_sin("10.0.0.1", 6350);
	struct sctp_setadaption ad = {.ssb_adaption_ind = 0xabcd};
	CU_ASSERT_EQUAL(
	    sctpdk_setsockopt(l, IPPROTO_SCTP, SCTP_SET_ADAPTION_LAYER, &ad, sizeof(ad)), 0);
	CU_ASSERT_EQUAL(sctpdk_bind(l, SA(a), sizeof(a)), 0);
	CU_ASSERT_EQUAL(sctpdk_listen(l, 2), 0);
	int c = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
	struct sctp_event_subscribe ev = {.sctp_adaption_layer_event = 1};
	CU_ASSERT_EQUAL(sctpdk_setsockopt(c, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)), 0);
	CU_ASSERT_EQUAL(sctpdk_connect(c, SA(a), sizeof(a)), 0);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(c, SCTP_ADAPTION_INDICATION, &n), 0);
	CU_ASSERT_EQUAL(n.sn_adaption_event.sai_adaptation_bits, 0xabcd);
	CU_ASSERT_EQUAL(n.sn_adaption_event.sai_length, sizeof(struct sctp_adaption_event));
	sctpdk_close(c);
	sctpdk_close(l);
}

static void
test_autoclose(void)
{
	int u = fc_udp_sock("10.0.0.1", 6400);
	int w = fc_udp_sock("10.0.0.2", 6401);
	int one = 1, v = 0;
	CU_ASSERT_EQUAL(sctpdk_setsockopt(u, IPPROTO_SCTP, SCTP_AUTOCLOSE, &one, sizeof(one)), 0);
	socklen_t len = sizeof(v);
	CU_ASSERT_EQUAL(sctpdk_getsockopt(u, IPPROTO_SCTP, SCTP_AUTOCLOSE, &v, &len), 0);
	CU_ASSERT_EQUAL(v, 1);
	struct sockaddr_in wa = fc_sin("10.0.0.2", 6401);
	CU_ASSERT_EQUAL(sctpdk_sendto(u, "idle", 4, 0, SA(wa), sizeof(wa)), 4);
	union sctp_notification n;
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	/* after a second idle the association is shut down */
	CU_ASSERT_EQUAL(fc_wait_note(u, SCTP_ASSOC_CHANGE, &n), 0);
	CU_ASSERT_EQUAL(n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	sctpdk_close(u);
	sctpdk_close(w);
}

SCTPDK_TEST_SUITE(facade_options, fc_suite_init, fc_suite_clean,
		  SCTPDK_TEST(test_event_defaults_per_style), SCTPDK_TEST(test_errors),
		  SCTPDK_TEST(test_initmsg_and_streams), SCTPDK_TEST(test_rtoinfo_rules),
		  SCTPDK_TEST(test_paddr_options), SCTPDK_TEST(test_default_send_and_timeouts),
		  SCTPDK_TEST(test_adaption_indication), SCTPDK_TEST(test_autoclose))
