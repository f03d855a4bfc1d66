/* SPDX-License-Identifier: BSD-3-Clause */
/* sctp-perf figures: per-period lines, the summary, RTT percentiles. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>

#include "perf.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

void
perf_rtt_percentiles(struct perf_rtt *rtt, double *p50, double *p99, double *p999)
{
	*p50 = *p99 = *p999 = 0;
	if (rtt->n == 0)
		return;
	qsort(rtt->ns, rtt->n, sizeof(uint32_t), cmp_u32);
	*p50 = rtt->ns[(rtt->n - 1) * 50 / 100] / 1e3;
	*p99 = rtt->ns[(rtt->n - 1) * 99 / 100] / 1e3;
	*p999 = rtt->ns[(rtt->n - 1) * 999 / 1000] / 1e3;
}

void
perf_counters_delta(struct perf_counters *d, const struct perf_counters *now,
		    const struct perf_counters *then)
{
	const uint64_t *x = (const uint64_t *)now, *y = (const uint64_t *)then;
	uint64_t *z = (uint64_t *)d;
	for (size_t i = 0; i < sizeof(*d) / sizeof(uint64_t); i++)
		z[i] = x[i] - y[i];
}

void
perf_result_workload(struct perf_result *r, enum perf_workload wl,
		     const struct perf_counters *dc, const struct perf_counters *ds)
{
	switch (wl) {
	case PERF_WL_BULK:
		r->workload = "bulk";
		r->msgs = ds->msgs_rx;
		r->bytes = ds->bytes_rx;
		break;
	case PERF_WL_RR:
		r->workload = "rr";
		r->msgs = dc->msgs_rx;
		r->bytes = dc->bytes_rx + ds->bytes_rx;
		break;
	case PERF_WL_SETUP:
		r->workload = "setup";
		r->msgs = dc->teardowns;
		break;
	}
}

void
perf_result_fill(struct perf_result *r, const struct perf_opts *o, const struct perf_node *cl,
		 const struct perf_node *sv)
{
	struct perf_counters dc, ds;
	memset(r, 0, sizeof(*r));
	memset(&ds, 0, sizeof(ds));
	perf_counters_delta(&dc, &cl->c, &cl->c0);
	if (sv != NULL)
		perf_counters_delta(&ds, &sv->c, &sv->c0);
	r->size = o->sizes[0];
	r->mtu = o->mtu;
	r->wall_s = (double)(cl->wall_us - cl->wall_us0) / 1e6;
	r->cpu_s_client = (double)(cl->cpu_ns - cl->cpu_ns0) / 1e9;
	r->cpu_s_server = sv != NULL ? (double)(sv->cpu_ns - sv->cpu_ns0) / 1e9 : 0;
	double hz = (double)rte_get_tsc_hz();
	r->busy_s_client = (double)dc.busy_tsc / hz;
	r->busy_s_server = (double)ds.busy_tsc / hz;
	r->retrans = dc.retrans + ds.retrans;
	perf_result_workload(r, o->wl, &dc, &ds); /* --both: what arrived */
	if (o->wl == PERF_WL_BULK && sv == NULL) {
		if (cl->is_client) { /* --client: what the engine took */
			r->msgs = dc.msgs_tx;
			r->bytes = dc.bytes_tx;
		} else { /* --server */
			r->msgs = dc.msgs_rx;
			r->bytes = dc.bytes_rx;
		}
	}
	r->pkts = dc.pkts_tx + ds.pkts_tx;
	r->retrans = dc.retrans + ds.retrans;
	if (sv == NULL && !cl->is_client) { /* --server: its CPU is the server's */
		r->cpu_s_server = r->cpu_s_client;
		r->cpu_s_client = 0;
		r->busy_s_server = r->busy_s_client;
		r->busy_s_client = 0;
	}
	r->drops = dc.drops + ds.drops + dc.bad_crc + ds.bad_crc;
	perf_result_rates(r, o->wl == PERF_WL_SETUP);
}

void
perf_result_rates(struct perf_result *r, bool setup)
{
	if (r->wall_s > 0) {
		r->msgs_per_s = (double)r->msgs / r->wall_s;
		r->gbit_per_s = (double)r->bytes * 8 / r->wall_s / 1e9;
		r->pkts_per_s = (double)r->pkts / r->wall_s;
	}
	double cpu = r->cpu_s_client + r->cpu_s_server;
	if (r->msgs > 0) {
		r->cpu_us_per_msg_client = r->cpu_s_client * 1e6 / (double)r->msgs;
		r->cpu_us_per_msg_server = r->cpu_s_server * 1e6 / (double)r->msgs;
	}
	if (cpu > 0) {
		r->msgs_per_cpu_s = (double)r->msgs / cpu;
		r->gbit_per_cpu_s = (double)r->bytes * 8 / cpu / 1e9;
	}
	double busy = r->busy_s_client + r->busy_s_server;
	if (busy > 0) {
		r->msgs_per_busy_s = (double)r->msgs / busy;
		r->gbit_per_busy_s = (double)r->bytes * 8 / busy / 1e9;
	}
	if (setup)
		r->setups_per_s = r->msgs_per_s;
	r->valid = r->msgs > 0;
}

void
perf_period_line(FILE *f, double t_s, const struct perf_counters *dc,
		 const struct perf_counters *ds, double dt_s)
{
	uint64_t msgs = ds->msgs_rx + dc->msgs_rx;
	uint64_t bytes = ds->bytes_rx + dc->bytes_rx;
	uint64_t pkts = dc->pkts_tx + ds->pkts_tx;
	fprintf(f,
		"  %6.1fs  msgs/s %11.0f  Gbit/s %7.3f  pkts/s %11.0f  rtx %6" PRIu64
		"  drops %6" PRIu64 "  setups %6" PRIu64 "\n",
		t_s, (double)msgs / dt_s, (double)bytes * 8 / dt_s / 1e9, (double)pkts / dt_s,
		dc->retrans + ds->retrans, dc->drops + ds->drops + dc->bad_crc + ds->bad_crc,
		dc->setups);
}

void
perf_result_print(FILE *f, const char *who, const struct perf_result *r)
{
	fprintf(f,
		"%-8s %-5s %6u B  %11.0f msg/s  %7.3f Gbit/s  %10.0f pkt/s  cpu us/msg client "
		"%.3f server %.3f  | per CPU-s: %11.0f msg  %7.3f Gbit  rtx %" PRIu64
		" drops %" PRIu64 "\n",
		who, r->workload, r->size, r->msgs_per_s, r->gbit_per_s, r->pkts_per_s,
		r->cpu_us_per_msg_client, r->cpu_us_per_msg_server, r->msgs_per_cpu_s,
		r->gbit_per_cpu_s, r->retrans, r->drops);
	if (r->rtt_p50_us > 0)
		fprintf(f, "%-8s rtt p50 %.2f us  p99 %.2f us  p99.9 %.2f us\n", who, r->rtt_p50_us,
			r->rtt_p99_us, r->rtt_p999_us);
	if (r->setups_per_s > 0)
		fprintf(f, "%-8s setups+teardowns/s %.0f\n", who, r->setups_per_s);
}
