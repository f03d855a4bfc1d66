/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An application built outside the tree against the installed libsctpdk
 * (install_test.sh): only <sctpdk/sctpdk.h> and pkg-config. Without a
 * stack sctpdk_socket() fails with ENETDOWN; with a started stack (EAL
 * with a net_ring port) a socket binds and listens on the configured
 * endpoint, a second listener on the same port gets EADDRINUSE.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sctpdk/sctpdk.h>

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "install-app: %s failed (errno %d)\n", #c, errno);          \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

int
main(int argc, char **argv)
{
	errno = 0;
	CHECK(sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) == -1 && errno == ENETDOWN);

	struct sctpdk_stack_config cfg;
	sctpdk_stack_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "inst");
	cfg.n_lcores = 1;
	cfg.lcores[0] = 1;
	cfg.n_ports = 1;
	snprintf(cfg.ports[0].dev_name, sizeof(cfg.ports[0].dev_name), "net_ring0");
	cfg.ports[0].n_addrs = 1;
	cfg.ports[0].addrs[0] = sctpdk_addr_v4(192, 0, 2, 1);
	cfg.n_eps = 1;
	cfg.eps[0].local_port = 9000;
	cfg.idle_sleep_us = 50;
	int err;
	/* sctpdk_start() initialises EAL; the config comes from the struct */
	struct sctpdk_stack *st = sctpdk_start(argc, argv, NULL, &err);
	CHECK(st == NULL); /* no ports in an empty configuration */
	st = sctpdk_stack_create(&cfg, &err);
	CHECK(st != NULL);
	CHECK(sctpdk_stack_start(st) == 0);

	int l = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CHECK(l >= 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(9000);
	inet_pton(AF_INET, "192.0.2.1", &a.sin_addr);
	CHECK(sctpdk_bind(l, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(sctpdk_listen(l, 4) == 0);
	int x = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CHECK(x >= 0);
	CHECK(sctpdk_bind(x, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE);
	CHECK(sctpdk_close(x) == 0);
	CHECK(sctpdk_close(l) == 0);
	sctpdk_stop(st);
	printf("install-app: ok\n");
	return 0;
}
