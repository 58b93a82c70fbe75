/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_model.c - `mdsec model MODEL`: the resolved model as JSON
 * (docs/schemas/model.schema.json), to stdout or atomically to a file.
 * Nothing is written unless the whole model is valid.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "base/banned.h"

struct model_opts {
	const char *output;
};

static int on_opt(int index, const char *value, void *payload)
{
	struct model_opts *o = payload;

	switch (index) {
	case 0:
		if (strcmp(value, "json") != 0) {
			cli_usage(cli_find("model"),
				  "unknown format '%s' (expected json)", value);
			return -1;
		}
		return 0;
	case 1:
		o->output = value;
		return 0;
	}
	return -1;
}

int cmd_model(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("model");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct model_opts o = { "-" };
	mdsec_model *m = NULL;
	char *json = NULL;
	int first, r, error, status = EXIT_CLEAN;

	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model given");
	error = mdsec_model_load(&m, argv[first], NULL, &dl);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	if (error < 0) {
		status = error == MDSEC_ENOTFOUND ? EXIT_INPUT
						  : cli_exit_for(error);
		goto out;
	}
	error = mdsec_model_to_json(&json, m);
	if (error < 0) {
		cli_error("%s", mdsec_strerror(error));
		status = EXIT_ENV;
		goto out;
	}
	if (file_write_atomic(o.output, json, strlen(json)) < 0) {
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
	}
out:
	free(json);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	return status;
}
