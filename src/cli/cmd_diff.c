/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_diff.c - `mdsec diff OLD NEW`: threats and risks added, removed and
 * changed between two versions of a model (design-change review,
 * post-market updates). Exit 0 when they are the same, 1 when they
 * differ, 2 for bad input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "mdsec/pipeline.h"
#include "base/banned.h"

struct diff_opts {
	bool json;
	struct cli_analysis_opts an; /* --rules, --no-default-rules, --matrix */
};

static int on_opt(int index, const char *value, void *payload)
{
	struct diff_opts *o = payload;

	switch (index) {
	case 0:
		if (!strcmp(value, "json") || !strcmp(value, "text")) {
			o->json = !strcmp(value, "json");
			return 0;
		}
		return cli_usage(cli_find("diff"),
				 "unknown format '%s' (expected text or json)",
				 value),
		       -1;
	case 1:
	case 2:
	case 3:
		return cli_analysis_opt(&o->an, "diff", index - 1, value);
	}
	return -1;
}

int cmd_diff(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("diff");
	struct mdsec_analysis_options ao = MDSEC_ANALYSIS_OPTIONS_INIT;
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct diff_opts o;
	mdsec_analysis *x = NULL, *y = NULL;
	char *text = NULL;
	bool differ = false;
	int first, r, error, status;

	memset(&o, 0, sizeof(o));
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 2)
		return cli_usage(cmd, "expected two models, OLD and NEW");
	cli_analysis_apply(&ao, &o.an);
	error = mdsec_analyze(&x, argv[first], &ao, &dl);
	if (error >= 0)
		error = mdsec_analyze(&y, argv[first + 1], &ao, &dl);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	if (error < 0) {
		status = cli_analysis_status(error);
		goto out;
	}
	error = mdsec_threats_diff(&text, &differ, x, y, o.json);
	if (error < 0) {
		cli_error("%s", mdsec_strerror(error));
		status = EXIT_ENV;
		goto out;
	}
	fputs(text, stdout);
	status = differ ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	free(text);
	mdsec_analysis_free(x);
	mdsec_analysis_free(y);
	mdsec_diag_list_release(&dl);
	return status;
}
