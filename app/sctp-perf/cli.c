/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-perf -i: a testpmd-like command line on rte_cmdline, polled
 * without blocking from the client lcore's loop (so the two lcores of a
 * small machine stay the client and the server).
 *
 *   start | stop | show stats | show assoc | set size N | quit
 */
#include <stdio.h>
#include <string.h>

#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>

#include "perf.h"

/* The command handlers reach the application through this (set once). */
static struct perf_app *cli_app;

struct one_word {
	cmdline_fixed_string_t w;
};

static void
do_start(void *res, struct cmdline *cl, void *data)
{
	(void)res, (void)cl, (void)data;
	cli_app->sh.phase = PH_RUN;
	cli_app->last_t = perf_now_us();
	cmdline_printf(cl, "sending\n");
}

static void
do_stop(void *res, struct cmdline *cl, void *data)
{
	(void)res, (void)data;
	cli_app->sh.phase = PH_PAUSE;
	cmdline_printf(cl, "stopped\n");
}

static void
do_quit(void *res, struct cmdline *cl, void *data)
{
	(void)res, (void)data;
	cli_app->sh.phase = PH_DONE;
	cmdline_quit(cl);
}

static cmdline_parse_token_string_t tok_start =
    TOKEN_STRING_INITIALIZER(struct one_word, w, "start");
static cmdline_parse_token_string_t tok_stop = TOKEN_STRING_INITIALIZER(struct one_word, w, "stop");
static cmdline_parse_token_string_t tok_quit = TOKEN_STRING_INITIALIZER(struct one_word, w, "quit");

static cmdline_parse_inst_t cmd_start = {
    .f = do_start, .help_str = "start: send traffic", .tokens = {(void *)&tok_start, NULL}};
static cmdline_parse_inst_t cmd_stop = {
    .f = do_stop, .help_str = "stop: pause traffic", .tokens = {(void *)&tok_stop, NULL}};
static cmdline_parse_inst_t cmd_quit = {
    .f = do_quit, .help_str = "quit: summary and exit", .tokens = {(void *)&tok_quit, NULL}};

struct show_cmd {
	cmdline_fixed_string_t show;
	cmdline_fixed_string_t what;
};

static void
do_show(void *res, struct cmdline *cl, void *data)
{
	struct show_cmd *c = res;
	(void)cl, (void)data;
	if (strcmp(c->what, "stats") == 0)
		perf_app_period(cli_app, perf_now_us());
	else
		perf_app_show_assoc(cli_app);
	fflush(stdout);
}

static cmdline_parse_token_string_t tok_show =
    TOKEN_STRING_INITIALIZER(struct show_cmd, show, "show");
static cmdline_parse_token_string_t tok_what =
    TOKEN_STRING_INITIALIZER(struct show_cmd, what, "stats#assoc");
static cmdline_parse_inst_t cmd_show = {
    .f = do_show,
    .help_str = "show stats|assoc: rates since the last show, association state",
    .tokens = {(void *)&tok_show, (void *)&tok_what, NULL}};

struct set_cmd {
	cmdline_fixed_string_t set;
	cmdline_fixed_string_t size;
	uint32_t n;
};

static void
do_set(void *res, struct cmdline *cl, void *data)
{
	struct set_cmd *c = res;
	(void)data;
	if (c->n == 0 || c->n > 65536) {
		cmdline_printf(cl, "size must be 1..65536\n");
		return;
	}
	cli_app->sh.size_override = c->n;
	cmdline_printf(cl, "message size %u\n", c->n);
}

static cmdline_parse_token_string_t tok_set = TOKEN_STRING_INITIALIZER(struct set_cmd, set, "set");
static cmdline_parse_token_string_t tok_size =
    TOKEN_STRING_INITIALIZER(struct set_cmd, size, "size");
static cmdline_parse_token_num_t tok_n = TOKEN_NUM_INITIALIZER(struct set_cmd, n, RTE_UINT32);
static cmdline_parse_inst_t cmd_set = {
    .f = do_set,
    .help_str = "set size N: message size from now on",
    .tokens = {(void *)&tok_set, (void *)&tok_size, (void *)&tok_n, NULL}};

static cmdline_parse_ctx_t cli_ctx[] = {
    &cmd_start, &cmd_stop, &cmd_show, &cmd_set, &cmd_quit, NULL,
};

int
perf_cli_open(struct perf_app *app)
{
	cli_app = app;
	app->cli = cmdline_stdin_new(cli_ctx, "sctp-perf> ");
	if (app->cli == NULL) {
		fprintf(stderr, "sctp-perf: cannot start the command line\n");
		return -1;
	}
	return 0;
}

void
perf_cli_poll(struct perf_app *app)
{
	if (cmdline_poll(app->cli) == RDLINE_EXITED)
		app->sh.phase = PH_DONE;
}

void
perf_cli_close(struct perf_app *app)
{
	if (app->cli == NULL)
		return;
	cmdline_stdin_exit(app->cli);
	app->cli = NULL;
}
