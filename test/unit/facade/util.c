/* SPDX-License-Identifier: BSD-3-Clause */
#include "util.h"

struct lb_stack *fc_lb;

int
fc_suite_init(void)
{
	fc_lb = lb_start();
	return fc_lb != NULL ? 0 : -1;
}

int
fc_suite_clean(void)
{
	lb_stop(fc_lb);
	fc_lb = NULL;
	return 0;
}
