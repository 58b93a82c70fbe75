/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_check.c - `mdsec check MODEL`: load and validate a device model and
 * report every problem at once. Exit 0 when the model is valid (warnings
 * allowed), 2 when it has errors. The JSON report is described by
 * docs/schemas/check.schema.json.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli/cli.h"
#include "base/banned.h"

#define CHECK_JSON_FORMAT "mdsec.check/1"
#define S(n)		  ((n) == 1 ? "" : "s")

struct check_opts {
	bool json;
	bool no_warnings;
	bool verbose;
};

static int on_opt(int index, const char *value, void *payload)
{
	struct check_opts *o = payload;

	switch (index) {
	case 0:
		if (!strcmp(value, "json")) {
			o->json = true;
		} else if (!strcmp(value, "text")) {
			o->json = false;
		} else {
			cli_usage(cli_find("check"),
				  "unknown format '%s' (expected text or json)",
				  value);
			return -1;
		}
		return 0;
	case 1:
		o->no_warnings = true;
		return 0;
	case 2:
		o->verbose = true;
		return 0;
	}
	return -1;
}

static void drop_warnings(struct mdsec_diag_list *dl)
{
	size_t i, j = 0;

	for (i = 0; i < dl->len; i++) {
		if (dl->items[i].sev == MDSEC_DIAG_ERROR) {
			dl->items[j++] = dl->items[i];
		} else {
			free((char *)dl->items[i].loc.file);
			free(dl->items[i].msg);
		}
	}
	dl->len = j;
}

static int print_json(const char *path, const mdsec_model *m,
		      const struct mdsec_diag_list *dl)
{
	static const char *const sev[] = { "error", "warning", "note" };
	json_t *root = json_object(), *diags = json_array(), *counts;
	size_t i, nwarn = 0;
	char *text;

	for (i = 0; i < dl->len; i++) {
		const struct mdsec_diag *d = &dl->items[i];

		nwarn += d->sev == MDSEC_DIAG_WARNING;
		json_array_append_new(
			diags,
			json_pack("{s:s, s:I, s:I, s:s, s:s}", "file",
				  d->loc.file ? d->loc.file : "<input>", "line",
				  (json_int_t)d->loc.line, "column",
				  (json_int_t)d->loc.col, "severity",
				  sev[d->sev], "message", d->msg));
	}
	json_object_set_new(root, "format", json_string(CHECK_JSON_FORMAT));
	json_object_set_new(root, "model", json_string(path));
	json_object_set_new(root, "valid", json_boolean(m != NULL));
	json_object_set_new(root, "errors",
			    json_integer((json_int_t)dl->nerrors));
	json_object_set_new(root, "warnings", json_integer((json_int_t)nwarn));
	counts = json_object();
	if (m) {
		json_object_set_new(counts, "elements",
				    json_integer((json_int_t)m->nelements));
		json_object_set_new(counts, "interfaces",
				    json_integer((json_int_t)m->ninterfaces));
		json_object_set_new(counts, "flows",
				    json_integer((json_int_t)m->nflows));
		json_object_set_new(counts, "assets",
				    json_integer((json_int_t)m->nassets));
		json_object_set_new(counts, "hazards",
				    json_integer((json_int_t)m->nhazards));
		json_object_set_new(counts, "software",
				    json_integer((json_int_t)m->nsoftware));
		json_object_set_new(counts, "controls",
				    json_integer((json_int_t)m->ncontrols));
	}
	json_object_set_new(root, "counts", counts);
	json_object_set_new(root, "diagnostics", diags);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text) {
		cli_error("out of memory");
		return -1;
	}
	fputs(text, stdout);
	fputc('\n', stdout);
	free(text);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("check");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct check_opts o = { false, false, false };
	mdsec_model *m = NULL;
	int first, r, error, status;

	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model given");
	error = mdsec_model_load(&m, argv[first], NULL, &dl);
	mdsec_diag_list_sort(&dl);
	if (o.no_warnings)
		drop_warnings(&dl);
	if (o.json) {
		if (print_json(argv[first], m, &dl) < 0)
			error = MDSEC_ENOMEM;
	} else {
		cli_print_diags(&dl, o.verbose);
		if (m)
			printf("%s: ok: %zu element%s, %zu interface%s, "
			       "%zu flow%s, %zu asset%s, %zu hazard%s, "
			       "%zu software component%s, %zu control%s\n",
			       argv[first], m->nelements, S(m->nelements),
			       m->ninterfaces, S(m->ninterfaces), m->nflows,
			       S(m->nflows), m->nassets, S(m->nassets),
			       m->nhazards, S(m->nhazards), m->nsoftware,
			       S(m->nsoftware), m->ncontrols, S(m->ncontrols));
	}
	if (error == MDSEC_ENOTFOUND)
		status = EXIT_INPUT;
	else
		status = cli_exit_for(error);
	if (error == MDSEC_ENOMEM)
		cli_error("out of memory");
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	return status;
}
