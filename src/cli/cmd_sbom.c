/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_sbom.c - `mdsec sbom`: the SBOM of a device model, and the SBOM
 * tools beside it:
 *   mdsec sbom MODEL            CycloneDX 1.6 or SPDX 2.3 of the model
 *   mdsec sbom convert IN       CycloneDX <-> SPDX (input detected)
 *   mdsec sbom merge A B...     one SBOM, components de-duplicated
 *   mdsec sbom check FILE       quality report (NTIA + FDA fields)
 *   mdsec sbom diff OLD NEW     what changed
 * Output goes to stdout or atomically to -o FILE; nothing is written when
 * an input is bad (exit 2).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "mdsec/sbom.h"
#include "mdsec/sbom_report.h"
#include "base/banned.h"

struct sbom_opts {
	const char *format; /* as given, or NULL */
	const char *output;
	int fail_under; /* -1 = not given */
};

static int on_opt(int index, const char *value, void *payload)
{
	struct sbom_opts *o = payload;
	char *end;
	long v;

	switch (index) {
	case 0:
		o->format = value;
		return 0;
	case 1:
		o->output = value;
		return 0;
	case 2:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || *end || end == value || v < 0 || v > 100) {
			cli_usage(cli_find("sbom"),
				  "--fail-under '%s' is not a score (expected "
				  "an integer 0 to 100)",
				  value);
			return -1;
		}
		o->fail_under = (int)v;
		return 0;
	}
	return -1;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* The SBOM format to write: --format, else the output file's name, else
 * fallback. 0 on a bad --format (usage printed). */
static enum mdsec_sbom_format out_format(const struct sbom_opts *o,
					 enum mdsec_sbom_format fallback)
{
	if (o->format) {
		if (!strcmp(o->format, "cyclonedx"))
			return MDSEC_SBOM_CYCLONEDX;
		if (!strcmp(o->format, "spdx"))
			return MDSEC_SBOM_SPDX;
		cli_usage(cli_find("sbom"),
			  "unknown SBOM format '%s' (expected cyclonedx or "
			  "spdx)",
			  o->format);
		return MDSEC_SBOM_UNKNOWN;
	}
	if (ends_with(o->output, ".cdx.json") ||
	    ends_with(o->output, ".bom.json"))
		return MDSEC_SBOM_CYCLONEDX;
	if (ends_with(o->output, ".spdx.json"))
		return MDSEC_SBOM_SPDX;
	return fallback;
}

/* text/json for reports; -1 on a bad --format (usage printed). */
static int report_format(const struct sbom_opts *o)
{
	if (!o->format || !strcmp(o->format, "text"))
		return MDSEC_REPORT_TEXT;
	if (!strcmp(o->format, "json"))
		return MDSEC_REPORT_JSON;
	cli_usage(cli_find("sbom"),
		  "unknown format '%s' (expected text or json)", o->format);
	return -1;
}

static int write_out(const char *path, const char *data, size_t len)
{
	if (file_write_atomic(path, data, len) < 0) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_ENV;
	}
	return EXIT_CLEAN;
}

static int write_sbom(const mdsec_sbom *s, enum mdsec_sbom_format fmt,
		      const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc = mdsec_sbom_write(s, fmt, &text, &len);

	if (rc < 0) {
		cli_error("cannot write the SBOM: %s", mdsec_strerror(rc));
		return EXIT_ENV;
	}
	rc = write_out(path, text, len);
	free(text);
	return rc;
}

/* Read every path; on failure print diagnostics and return the exit. */
static int read_all(mdsec_sbom **docs, char **paths, int n)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	int i, status = EXIT_CLEAN;

	for (i = 0; i < n; i++) {
		int rc = mdsec_sbom_read(&docs[i], paths[i], &dl);

		if (rc < 0 && status == EXIT_CLEAN)
			status = rc == MDSEC_ENOTFOUND ? EXIT_INPUT
						       : cli_exit_for(rc);
	}
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	return status;
}

static void free_all(mdsec_sbom **docs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		mdsec_sbom_free(docs[i]);
}

static int from_model(const struct sbom_opts *o, const char *path)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	enum mdsec_sbom_format fmt = out_format(o, MDSEC_SBOM_CYCLONEDX);
	mdsec_model *m = NULL;
	mdsec_sbom *s = NULL;
	int rc, status = EXIT_CLEAN;

	if (fmt == MDSEC_SBOM_UNKNOWN)
		return EXIT_USAGE;
	rc = mdsec_model_load(&m, path, NULL, &dl);
	if (rc == 0)
		rc = mdsec_model_sbom(&s, m, NULL, 0, &dl);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	if (rc < 0)
		status = rc == MDSEC_ENOTFOUND ? EXIT_INPUT : cli_exit_for(rc);
	else
		status = write_sbom(s, fmt, o->output);
	mdsec_sbom_free(s);
	mdsec_model_free(m);
	return status;
}

static int convert(const struct sbom_opts *o, char *path)
{
	mdsec_sbom *s = NULL;
	enum mdsec_sbom_format fmt;
	int status = read_all(&s, &path, 1);

	if (status == EXIT_CLEAN) {
		fmt = out_format(o, s->format == MDSEC_SBOM_SPDX
					    ? MDSEC_SBOM_CYCLONEDX
					    : MDSEC_SBOM_SPDX);
		status = fmt == MDSEC_SBOM_UNKNOWN
				 ? EXIT_USAGE
				 : write_sbom(s, fmt, o->output);
	}
	mdsec_sbom_free(s);
	return status;
}

static int merge(const struct sbom_opts *o, char **paths, int n)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom **docs = calloc((size_t)n, sizeof(*docs)), *out = NULL;
	enum mdsec_sbom_format fmt;
	int status, rc;

	if (!docs) {
		cli_error("out of memory");
		return EXIT_ENV;
	}
	status = read_all(docs, paths, n);
	if (status == EXIT_CLEAN) {
		fmt = out_format(o, docs[0]->format);
		if (fmt == MDSEC_SBOM_UNKNOWN) {
			status = EXIT_USAGE;
		} else {
			rc = mdsec_sbom_merge(&out, docs, (size_t)n, &dl);
			cli_print_diags(&dl, false);
			status = rc < 0 ? cli_exit_for(rc)
					: write_sbom(out, fmt, o->output);
		}
	}
	mdsec_diag_list_release(&dl);
	mdsec_sbom_free(out);
	free_all(docs, n);
	free(docs);
	return status;
}

static int check(const struct sbom_opts *o, char *path)
{
	mdsec_sbom *s = NULL;
	char *text = NULL;
	int score = 0, rc, status, fmt = report_format(o);

	if (fmt < 0)
		return EXIT_USAGE;
	status = read_all(&s, &path, 1);
	if (status == EXIT_CLEAN) {
		rc = mdsec_sbom_check_report(s, fmt, &text, &score);
		if (rc < 0) {
			cli_error("%s", mdsec_strerror(rc));
			status = EXIT_ENV;
		} else {
			status = write_out(o->output, text, strlen(text));
			if (status == EXIT_CLEAN && o->fail_under >= 0 &&
			    score < o->fail_under)
				status = EXIT_FINDINGS;
		}
	}
	free(text);
	mdsec_sbom_free(s);
	return status;
}

static int diff(const struct sbom_opts *o, char **paths)
{
	mdsec_sbom *docs[2] = { NULL, NULL };
	char *text = NULL;
	size_t changes = 0;
	int rc, status, fmt = report_format(o);

	if (fmt < 0)
		return EXIT_USAGE;
	status = read_all(docs, paths, 2);
	if (status == EXIT_CLEAN) {
		rc = mdsec_sbom_diff_report(docs[0], docs[1], fmt, &text,
					    &changes);
		if (rc < 0) {
			cli_error("%s", mdsec_strerror(rc));
			status = EXIT_ENV;
		} else {
			status = write_out(o->output, text, strlen(text));
			if (status == EXIT_CLEAN && changes)
				status = EXIT_FINDINGS;
		}
	}
	free(text);
	free_all(docs, 2);
	return status;
}

int cmd_sbom(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("sbom");
	struct sbom_opts o = { NULL, "-", -1 };
	const char *sub;
	int first, r, n;

	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	n = argc - first;
	if (n < 1)
		return cli_usage(cmd, "no model or subcommand given");
	sub = argv[first];
	if (o.fail_under >= 0 && strcmp(sub, "check"))
		return cli_usage(cmd, "--fail-under applies to 'sbom check' "
				      "only");
	if (!strcmp(sub, "convert")) {
		if (n != 2)
			return cli_usage(cmd, "convert takes one input SBOM");
		return convert(&o, argv[first + 1]);
	}
	if (!strcmp(sub, "merge")) {
		if (n < 2)
			return cli_usage(cmd, "merge takes one or more SBOMs");
		return merge(&o, argv + first + 1, n - 1);
	}
	if (!strcmp(sub, "check")) {
		if (n != 2)
			return cli_usage(cmd, "check takes one SBOM");
		return check(&o, argv[first + 1]);
	}
	if (!strcmp(sub, "diff")) {
		if (n != 3)
			return cli_usage(cmd, "diff takes two SBOMs: OLD NEW");
		return diff(&o, argv + first + 1);
	}
	if (n != 1)
		return cli_usage(cmd, "too many arguments");
	return from_model(&o, sub);
}
