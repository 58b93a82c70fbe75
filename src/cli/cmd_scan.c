/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_scan.c - `mdsec scan FILE...`: the third-party components and exact
 * versions inside binaries, images and archives (docs/signatures.md).
 * Output: a table, JSON (docs/schemas/scan.schema.json) or CycloneDX 1.6
 * with scan evidence (for `mdsec sbom merge`). `--list` shows the
 * signatures, marking those without a real example as untested.
 * Exit: 0 scanned; 1 scanned, but something was not (a corrupt member, a
 * bomb, a limit: warnings say what); 2 a file could not be read or the
 * signatures are bad; 3 environment.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "mdsec/scan.h"
#include "mdsec/sbom.h"
#include "base/banned.h"

#define SCAN_JSON_FORMAT "mdsec.scan/1"
#define MAX_SIG_DIRS	 16

enum scan_fmt { FMT_TABLE, FMT_JSON, FMT_CYCLONEDX };

struct scan_opts {
	enum scan_fmt fmt;
	const char *output;
	const char *dirs[MAX_SIG_DIRS + 1];
	size_t ndirs;
	bool no_default;
	bool list;
	unsigned max_depth;
};

static int on_opt(int index, const char *value, void *payload)
{
	struct scan_opts *o = payload;
	const struct cli_cmd *cmd = cli_find("scan");
	char *end;
	long v;

	switch (index) {
	case 0:
		if (!strcmp(value, "table"))
			o->fmt = FMT_TABLE;
		else if (!strcmp(value, "json"))
			o->fmt = FMT_JSON;
		else if (!strcmp(value, "cyclonedx"))
			o->fmt = FMT_CYCLONEDX;
		else {
			cli_usage(cmd,
				  "unknown format '%s' (expected table, "
				  "json or cyclonedx)",
				  value);
			return -1;
		}
		return 0;
	case 1:
		o->output = value;
		return 0;
	case 2:
		if (o->ndirs == MAX_SIG_DIRS) {
			cli_usage(cmd, "at most %d --signatures", MAX_SIG_DIRS);
			return -1;
		}
		o->dirs[o->ndirs++] = value;
		return 0;
	case 3:
		o->no_default = true;
		return 0;
	case 4:
		o->list = true;
		return 0;
	case 5:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || *end || v < 1 || v > 64) {
			cli_usage(cmd, "--max-depth '%s' (expected 1 to 64)",
				  value);
			return -1;
		}
		o->max_depth = (unsigned)v;
		return 0;
	}
	return -1;
}

/* Evidence detail is "offset N: text". */
static void split_detail(const char *d, unsigned long long *off,
			 const char **text)
{
	char *end;

	*off = 0;
	*text = d ? d : "";
	if (d && !strncmp(d, "offset ", 7)) {
		*off = strtoull(d + 7, &end, 10);
		if (end[0] == ':' && end[1] == ' ')
			*text = end + 2;
	}
}

static int render_table(const mdsec_sbom *s, struct strbuf *out)
{
	size_t *idx = mdsec_sbom_order(s), i;

	if (!idx)
		return MDSEC_ENOMEM;
	if (!s->components.n) {
		strbuf_addstr(out, "no known component found\n");
		free(idx);
		return 0;
	}
	strbuf_addf(out, "%-22s %-14s %-52s %s\n", "COMPONENT", "VERSION",
		    "CPE", "EVIDENCE");
	for (i = 0; i < s->components.n; i++) {
		const struct mdsec_component *c = &s->components.v[idx[i]];
		unsigned long long off = 0;
		const char *text = "", *src = "";

		if (c->evidence.n) {
			split_detail(c->evidence.v[0].detail, &off, &text);
			src = c->evidence.v[0].source;
		}
		strbuf_addf(out, "%-22s %-14s %-52s %s @ %llu \"%s\"", c->name,
			    c->version ? c->version : "-",
			    c->cpe ? c->cpe : "-", src, off, text);
		if (c->evidence.n > 1)
			strbuf_addf(out, " (+%zu)", c->evidence.n - 1);
		strbuf_addch(out, '\n');
	}
	free(idx);
	return 0;
}

static int render_json(const mdsec_sbom *s, char **files, int nfiles,
		       uint64_t bytes, const struct mdsec_diag_list *dl,
		       struct strbuf *out)
{
	size_t *idx = mdsec_sbom_order(s), i, j;
	struct jsonw w;
	char num[32];
	int k;

	if (!idx)
		return MDSEC_ENOMEM;
	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "format", SCAN_JSON_FORMAT);
	jsonw_key(&w, "inputs");
	jsonw_array_begin(&w);
	for (k = 0; k < nfiles; k++)
		jsonw_string(&w, files[k]);
	jsonw_array_end(&w);
	jsonw_key(&w, "bytes_scanned");
	snprintf(num, sizeof(num), "%llu", (unsigned long long)bytes);
	jsonw_number(&w, num);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	for (i = 0; i < s->components.n; i++) {
		const struct mdsec_component *c = &s->components.v[idx[i]];

		jsonw_object_begin(&w);
		jsonw_member(&w, "name", c->name);
		jsonw_member(&w, "version", c->version);
		jsonw_member(&w, "supplier", c->supplier);
		jsonw_member(&w, "purl", c->purl);
		jsonw_member(&w, "cpe", c->cpe);
		jsonw_key(&w, "confidence");
		jsonw_number(&w, "0.9");
		jsonw_key(&w, "evidence");
		jsonw_array_begin(&w);
		for (j = 0; j < c->evidence.n; j++) {
			const struct mdsec_sbom_evidence *e = &c->evidence.v[j];
			unsigned long long off;
			const char *text, *bang = strstr(e->source, "!/");

			split_detail(e->detail, &off, &text);
			jsonw_object_begin(&w);
			jsonw_key(&w, "file");
			if (bang) {
				struct strbuf f = STRBUF_INIT;

				strbuf_add(&f, e->source,
					   (size_t)(bang - e->source));
				jsonw_string(&w, f.buf);
				strbuf_release(&f);
				jsonw_member(&w, "path", bang + 2);
			} else {
				jsonw_string(&w, e->source);
			}
			jsonw_key(&w, "offset");
			snprintf(num, sizeof(num), "%llu", off);
			jsonw_number(&w, num);
			jsonw_member(&w, "text", text);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "warnings");
	jsonw_array_begin(&w);
	for (i = 0; i < dl->len; i++) {
		char line[1024];

		if (dl->items[i].sev != MDSEC_DIAG_WARNING)
			continue;
		mdsec_diag_format(line, sizeof(line), &dl->items[i]);
		jsonw_string(&w, line);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
	free(idx);
	return w.error;
}

static int list_signatures(const mdsec_sigset *set, const char *output)
{
	struct strbuf out = STRBUF_INIT;
	size_t i, untested = 0;
	int rc;

	strbuf_addf(&out, "%-20s %-28s %-40s %s\n", "ID", "NAME", "CPE",
		    "TESTED");
	for (i = 0; i < mdsec_sigset_count(set); i++) {
		const struct mdsec_signature *sg = mdsec_sigset_get(set, i);
		struct strbuf cpe = STRBUF_INIT;

		strbuf_addf(&cpe, "%c:%s:%s", sg->cpe_part, sg->cpe_vendor,
			    sg->cpe_product);
		strbuf_addf(&out, "%-20s %-28s %-40s ", sg->id, sg->name,
			    cpe.buf);
		if (sg->untested) {
			strbuf_addstr(&out, "untested\n");
			untested++;
		} else {
			strbuf_addf(&out, "%zu example%s\n", sg->nexamples,
				    sg->nexamples == 1 ? "" : "s");
		}
		strbuf_release(&cpe);
	}
	strbuf_addf(&out, "%zu signatures, %zu untested\n",
		    mdsec_sigset_count(set), untested);
	rc = file_write_atomic(output, out.buf, out.len);
	strbuf_release(&out);
	if (rc < 0) {
		cli_error("cannot write '%s': %s", output, strerror(errno));
		return EXIT_ENV;
	}
	return EXIT_CLEAN;
}

int cmd_scan(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("scan");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct scan_opts o;
	struct mdsec_scan_limits lim;
	mdsec_sigset *set = NULL;
	mdsec_scanner *sc = NULL;
	mdsec_sbom *s = NULL;
	struct strbuf out = STRBUF_INIT;
	const char *dirs[MAX_SIG_DIRS + 2];
	size_t ndirs = 0, i;
	char datadir[4096];
	int first, r, k, status = EXIT_CLEAN, rc;

	memset(&o, 0, sizeof(o));
	o.output = "-";
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (!o.list && argc - first < 1)
		return cli_usage(cmd, "no file to scan");
	if (o.no_default && !o.ndirs)
		return cli_usage(cmd, "--no-default-signatures needs "
				      "--signatures DIR");
	if (!o.no_default) {
		snprintf(datadir, sizeof(datadir), "%s/signatures",
			 mdsec_datadir());
		dirs[ndirs++] = datadir;
	}
	for (i = 0; i < o.ndirs; i++)
		dirs[ndirs++] = o.dirs[i];
	rc = mdsec_sigset_load(&set, dirs, ndirs, &dl);
	if (rc < 0) {
		mdsec_diag_list_sort(&dl);
		cli_print_diags(&dl, false);
		mdsec_diag_list_release(&dl);
		return cli_exit_for(rc);
	}
	if (o.list) {
		status = list_signatures(set, o.output);
		goto out;
	}
	memset(&lim, 0, sizeof(lim));
	lim.max_depth = o.max_depth;
	rc = mdsec_scanner_new(&sc, set, &lim, &dl);
	if (rc < 0) {
		status = cli_exit_for(rc);
		goto out;
	}
	for (k = first; k < argc; k++) {
		rc = mdsec_scan_file(sc, argv[k], NULL, &s, &dl);
		if (rc == MDSEC_ENOMEM) {
			status = EXIT_ENV;
			goto out;
		}
		if (rc < 0)
			status = EXIT_INPUT;
	}
	if (status == EXIT_CLEAN) {
		for (i = 0; i < dl.len; i++)
			if (dl.items[i].sev == MDSEC_DIAG_WARNING)
				status = EXIT_FINDINGS;
	}
	if (status == EXIT_INPUT)
		goto out;
	if (o.fmt == FMT_TABLE)
		rc = render_table(s, &out);
	else if (o.fmt == FMT_JSON)
		rc = render_json(s, argv + first, argc - first,
				 mdsec_scanner_bytes(sc), &dl, &out);
	else {
		char *text = NULL;
		size_t len = 0;

		rc = mdsec_sbom_write(s, MDSEC_SBOM_CYCLONEDX, &text, &len);
		if (rc == 0)
			strbuf_add(&out, text, len);
		free(text);
	}
	if (rc < 0) {
		cli_error("%s", mdsec_strerror(rc));
		status = EXIT_ENV;
	} else if (file_write_atomic(o.output, out.buf, out.len) < 0) {
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
	}
out:
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	strbuf_release(&out);
	mdsec_sbom_free(s);
	mdsec_scanner_free(sc);
	mdsec_sigset_free(set);
	return status;
}
