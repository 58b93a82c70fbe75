/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_check.c - `mdsec check MODEL`: the CI gate. Loads and validates the
 * model (every problem at once), derives its threats and assesses their
 * risks, and reports the findings a reviewer must see (docs/risk.md).
 * Exit 0 clean, 1 with gating findings, 2 when the model (or a rule file
 * or the matrix) is malformed. The JSON report is described by
 * docs/schemas/check.schema.json.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli/cli.h"
#include "mdsec/pipeline.h"
#include "base/banned.h"

#define CHECK_JSON_FORMAT "mdsec.check/1"
#define S(n)		  ((n) == 1 ? "" : "s")

struct check_opts {
	bool json;
	bool no_warnings;
	bool verbose;
	struct cli_analysis_opts an; /* --rules, --no-default-rules, --matrix */
	bool model_only;
};

static int on_opt(int index, const char *value, void *payload)
{
	struct check_opts *o = payload;

	switch (index) {
	case 0:
		if (!strcmp(value, "json") || !strcmp(value, "text")) {
			o->json = !strcmp(value, "json");
			return 0;
		}
		cli_usage(cli_find("check"),
			  "unknown format '%s' (expected text or json)", value);
		return -1;
	case 1:
		o->no_warnings = true;
		return 0;
	case 2:
		o->verbose = true;
		return 0;
	case 3:
	case 4:
	case 5:
		return cli_analysis_opt(&o->an, "check", index - 3, value);
	case 6:
		o->model_only = true;
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

static const char *const finding_names[] = { "unmitigated", "unacceptable",
					     "stale-decision" };

static json_t *counts_json(const mdsec_analysis *a)
{
	const mdsec_model *m = a->model;
	json_t *c = json_object();

	json_object_set_new(c, "elements",
			    json_integer((json_int_t)m->nelements));
	json_object_set_new(c, "interfaces",
			    json_integer((json_int_t)m->ninterfaces));
	json_object_set_new(c, "flows", json_integer((json_int_t)m->nflows));
	json_object_set_new(c, "assets", json_integer((json_int_t)m->nassets));
	json_object_set_new(c, "hazards",
			    json_integer((json_int_t)m->nhazards));
	json_object_set_new(c, "software",
			    json_integer((json_int_t)m->nsoftware));
	json_object_set_new(c, "controls",
			    json_integer((json_int_t)m->ncontrols));
	if (a->threats)
		json_object_set_new(c, "threats",
				    json_integer((json_int_t)a->threats->n));
	return c;
}

static int print_json(const char *path, const mdsec_analysis *a,
		      const struct mdsec_diag_list *dl)
{
	static const char *const sev[] = { "error", "warning", "note" };
	json_t *root = json_object(), *diags = json_array();
	json_t *findings = json_array();
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
	for (i = 0; a && a->assessment && i < a->assessment->nfindings; i++) {
		const struct mdsec_finding *f = &a->assessment->findings[i];

		json_array_append_new(
			findings,
			json_pack("{s:s, s:b, s:s, s:s, s:I, s:I, s:s}", "kind",
				  finding_names[f->kind], "gating", f->gating,
				  "threat", f->threat, "file", f->loc.file,
				  "line", (json_int_t)f->loc.line, "column",
				  (json_int_t)f->loc.col, "message", f->msg));
	}
	json_object_set_new(root, "format", json_string(CHECK_JSON_FORMAT));
	json_object_set_new(root, "model", json_string(path));
	json_object_set_new(root, "valid", json_boolean(a != NULL));
	json_object_set_new(root, "errors",
			    json_integer((json_int_t)dl->nerrors));
	json_object_set_new(root, "warnings", json_integer((json_int_t)nwarn));
	json_object_set_new(root, "counts", a ? counts_json(a) : json_object());
	json_object_set_new(root, "diagnostics", diags);
	json_object_set_new(root, "findings", findings);
	json_object_set_new(
		root, "gating_findings",
		json_integer(a && a->assessment
				     ? (json_int_t)a->assessment->ngating
				     : 0));
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

static void print_text(const char *path, const mdsec_analysis *a)
{
	const mdsec_model *m = a->model;
	const mdsec_assessment *as = a->assessment;
	size_t i;

	if (!as) {
		printf("%s: ok: %zu element%s, %zu interface%s, %zu flow%s, "
		       "%zu asset%s, %zu hazard%s, %zu software component%s, "
		       "%zu control%s (model only)\n",
		       path, m->nelements, S(m->nelements), m->ninterfaces,
		       S(m->ninterfaces), m->nflows, S(m->nflows), m->nassets,
		       S(m->nassets), m->nhazards, S(m->nhazards), m->nsoftware,
		       S(m->nsoftware), m->ncontrols, S(m->ncontrols));
		return;
	}
	for (i = 0; i < as->nfindings; i++) {
		const struct mdsec_finding *f = &as->findings[i];

		printf("%s:%u:%u: %s: %s\n", f->loc.file, f->loc.line,
		       f->loc.col, f->gating ? "finding" : "note", f->msg);
	}
	printf("%s: %s: %zu element%s, %zu interface%s, %zu flow%s, "
	       "%zu asset%s, %zu hazard%s, %zu software component%s, "
	       "%zu control%s; %zu threat%s, %zu finding%s\n",
	       path, as->ngating ? "FINDINGS" : "ok", m->nelements,
	       S(m->nelements), m->ninterfaces, S(m->ninterfaces), m->nflows,
	       S(m->nflows), m->nassets, S(m->nassets), m->nhazards,
	       S(m->nhazards), m->nsoftware, S(m->nsoftware), m->ncontrols,
	       S(m->ncontrols), a->threats->n, S(a->threats->n), as->ngating,
	       S(as->ngating));
}

int cmd_check(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("check");
	struct mdsec_analysis_options ao = MDSEC_ANALYSIS_OPTIONS_INIT;
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct check_opts o;
	mdsec_analysis *a = NULL;
	int first, r, error, status;

	memset(&o, 0, sizeof(o));
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model given");
	cli_analysis_apply(&ao, &o.an);
	ao.model_only = o.model_only;
	error = mdsec_analyze(&a, argv[first], &ao, &dl);
	mdsec_diag_list_sort(&dl);
	if (o.no_warnings)
		drop_warnings(&dl);
	if (o.json) {
		if (print_json(argv[first], a, &dl) < 0)
			error = MDSEC_ENOMEM;
	} else {
		cli_print_diags(&dl, o.verbose);
		if (a)
			print_text(argv[first], a);
	}
	if (error < 0)
		status = cli_analysis_status(error);
	else
		status = a->assessment && a->assessment->ngating ? EXIT_FINDINGS
								 : EXIT_CLEAN;
	if (error == MDSEC_ENOMEM)
		cli_error("out of memory");
	mdsec_analysis_free(a);
	mdsec_diag_list_release(&dl);
	return status;
}
