/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_threats.c - `mdsec threats MODEL`: the threats derived from the
 * model by the rules, each with its risk before and after controls, as a
 * table, JSON or CSV. Exit 0 (the report is the result; `mdsec check` is
 * the gate), 2 for a bad model, rule file or matrix.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "mdsec/pipeline.h"
#include "base/fileio.h"
#include "base/banned.h"

struct threats_opts {
	enum mdsec_threats_format format;
	const char *output;
	struct cli_analysis_opts an; /* --rules, --no-default-rules, --matrix */
};

static int on_opt(int index, const char *value, void *payload)
{
	struct threats_opts *o = payload;

	switch (index) {
	case 0:
		if (!strcmp(value, "table"))
			o->format = MDSEC_THREATS_TABLE;
		else if (!strcmp(value, "json"))
			o->format = MDSEC_THREATS_JSON;
		else if (!strcmp(value, "csv"))
			o->format = MDSEC_THREATS_CSV;
		else
			return cli_usage(cli_find("threats"),
					 "unknown format '%s' (expected table, "
					 "json or csv)",
					 value),
			       -1;
		return 0;
	case 1:
		o->output = value;
		return 0;
	case 2:
	case 3:
	case 4:
		return cli_analysis_opt(&o->an, "threats", index - 2, value);
	}
	return -1;
}

/* Options shared with check and diff: rules and matrix (indexes 2-4). */
int cli_analysis_status(int error)
{
	if (error == MDSEC_ENOTFOUND || error == MDSEC_EINPUT ||
	    error == MDSEC_ELIMIT)
		return EXIT_INPUT;
	return cli_exit_for(error);
}

static int write_out(void *payload, const char *buf, size_t len)
{
	return atomic_write(payload, buf, len);
}

int cmd_threats(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("threats");
	struct mdsec_analysis_options ao = MDSEC_ANALYSIS_OPTIONS_INIT;
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct threats_opts o;
	mdsec_analysis *a = NULL;
	struct atomic_out out;
	int first, r, error, status = EXIT_CLEAN;

	memset(&o, 0, sizeof(o));
	o.output = "-";
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model given");
	cli_analysis_apply(&ao, &o.an);
	error = mdsec_analyze(&a, argv[first], &ao, &dl);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	if (error < 0) {
		status = cli_analysis_status(error);
		goto out;
	}
	if (atomic_open(&out, o.output) < 0) {
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
		goto out;
	}
	error = mdsec_threats_write(a, o.format, write_out, &out);
	if (error == MDSEC_ENOMEM) {
		atomic_abort(&out);
		cli_error("%s", mdsec_strerror(error));
		status = EXIT_ENV;
		goto out;
	}
	if (error < 0 || atomic_commit(&out) < 0) {
		atomic_abort(&out);
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
	}
out:
	mdsec_analysis_free(a);
	mdsec_diag_list_release(&dl);
	return status;
}
