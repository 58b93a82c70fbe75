/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_vulns.c - `mdsec vulns MODEL|SBOM [--db DB]`: the known
 * vulnerabilities of every component (CPE matching, docs/vulndb.md), each
 * with its CVSS (version and source named), KEV flag and due date; the
 * components that could not be checked, with the reason. `--fail-on
 * kev|critical|high|any` is the CI gate (exit 1). Text table or JSON
 * (docs/schemas/vulns.schema.json).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/diag.h"
#include <jansson.h>
#include "mdsec/pipeline.h"
#include "mdsec/sbom.h"
#include "mdsec/vulndb.h"
#include "base/banned.h"

enum fail_on { FAIL_NONE, FAIL_ANY, FAIL_HIGH, FAIL_CRITICAL, FAIL_KEV };

struct vulns_opts {
	const char *db;
	const char *output;
	bool json;
	enum fail_on fail;
	const char *baseline; /* a previous --format json report */
};

static int on_opt(int index, const char *value, void *payload)
{
	struct vulns_opts *o = payload;
	const struct cli_cmd *cmd = cli_find("vulns");

	switch (index) {
	case 0:
		o->db = value;
		return 0;
	case 1:
		if (strcmp(value, "json") && strcmp(value, "table")) {
			cli_usage(cmd,
				  "unknown format '%s' (expected table or "
				  "json)",
				  value);
			return -1;
		}
		o->json = !strcmp(value, "json");
		return 0;
	case 2:
		o->output = value;
		return 0;
	case 4:
		o->baseline = value;
		return 0;
	case 3:
		if (!strcmp(value, "any"))
			o->fail = FAIL_ANY;
		else if (!strcmp(value, "high"))
			o->fail = FAIL_HIGH;
		else if (!strcmp(value, "critical"))
			o->fail = FAIL_CRITICAL;
		else if (!strcmp(value, "kev"))
			o->fail = FAIL_KEV;
		else {
			cli_usage(cmd,
				  "unknown --fail-on '%s' (expected kev, "
				  "critical, high or any)",
				  value);
			return -1;
		}
		return 0;
	}
	return -1;
}

static const mdsec_sbom *sort_s;

static int by_finding(const void *a, const void *b)
{
	const struct mdsec_vuln_finding *x = a, *y = b;
	int r = mdsec_sbom_component_cmp(&sort_s->components.v[x->component],
					 &sort_s->components.v[y->component]);

	return r ? r : strcmp(x->id, y->id);
}

static int by_unchecked(const void *a, const void *b)
{
	const struct mdsec_vuln_unchecked *x = a, *y = b;

	return mdsec_sbom_component_cmp(&sort_s->components.v[x->component],
					&sort_s->components.v[y->component]);
}

static bool trips(const struct mdsec_vuln_finding *f, enum fail_on g)
{
	switch (g) {
	case FAIL_ANY:
		return true;
	case FAIL_KEV:
		return f->kev;
	case FAIL_CRITICAL:
		return f->score >= 90;
	case FAIL_HIGH:
		return f->score >= 70;
	default:
		return false;
	}
}

/* EPSS in 1/100000 as "0.61210"; "-" when unknown. */
static void epss_text(char *buf, size_t n, int v)
{
	if (v < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%d.%05d", v / 100000, v % 100000);
}

static void score_text(char *buf, size_t n, int t)
{
	if (t < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%d.%d", t / 10, t % 10);
}

struct baseline;
static void render_baseline(const struct baseline *b, bool json,
			    struct jsonw *w, struct strbuf *out);

static void render(const mdsec_sbom *s, const struct mdsec_vulns *r,
		   const char *dbdigest, const struct baseline *b, bool json,
		   struct strbuf *out)
{
	size_t i;
	char sc[16], ep[16];

	if (!json) {
		strbuf_addf(out,
			    "%-26s %-12s %-20s %5s %-9s %-4s %-7s %-10s %s\n",
			    "COMPONENT", "VERSION", "VULNERABILITY", "CVSS",
			    "SEVERITY", "KEV", "EPSS", "FIXED IN", "SCORED BY");
		for (i = 0; i < r->nfindings; i++) {
			const struct mdsec_vuln_finding *f = &r->findings[i];
			const struct mdsec_component *c =
				&s->components.v[f->component];

			score_text(sc, sizeof(sc), f->score);
			epss_text(ep, sizeof(ep), f->epss);
			strbuf_addf(
				out,
				"%-26s %-12s %-20s %5s %-9s %-4s %-7s %-10s "
				"%s\n",
				c->name, c->version ? c->version : "-", f->id,
				sc, *f->severity ? f->severity : "-",
				f->kev ? "yes" : "no", ep,
				*f->fixed ? f->fixed : "-",
				*f->score_source ? f->score_source : "-");
		}
		strbuf_addf(out,
			    "\n%zu vulnerabilities; %zu components not "
			    "checked:\n",
			    r->nfindings, r->nunchecked);
		for (i = 0; i < r->nunchecked; i++) {
			const struct mdsec_component *c =
				&s->components.v[r->unchecked[i].component];

			strbuf_addf(out, "  %s %s: %s%s%s\n", c->name,
				    c->version ? c->version : "-",
				    r->unchecked[i].vuln,
				    *r->unchecked[i].vuln ? ": " : "",
				    r->unchecked[i].reason);
		}
		strbuf_addf(out, "database digest %s\n", dbdigest);
		render_baseline(b, false, NULL, out);
		return;
	}
	{
		struct jsonw w;

		jsonw_init(&w, out, 0);
		jsonw_object_begin(&w);
		jsonw_key(&w, "format");
		jsonw_string(&w, "mdsec.vulns/1");
		jsonw_key(&w, "database_digest");
		jsonw_string(&w, dbdigest);
		jsonw_key(&w, "vulnerabilities");
		jsonw_array_begin(&w);
		for (i = 0; i < r->nfindings; i++) {
			const struct mdsec_vuln_finding *f = &r->findings[i];
			const struct mdsec_component *c =
				&s->components.v[f->component];

			jsonw_object_begin(&w);
			jsonw_key(&w, "id");
			jsonw_string(&w, f->id);
			jsonw_key(&w, "component");
			jsonw_string(&w, c->name);
			jsonw_key(&w, "version");
			jsonw_string(&w, c->version);
			jsonw_key(&w, "cpe");
			jsonw_string(&w, c->cpe);
			jsonw_key(&w, "purl");
			jsonw_string(&w, c->purl);
			jsonw_key(&w, "elements");
			jsonw_array_begin(&w);
			if (c->element) {
				char els[1024], *t, *sv = NULL;

				snprintf(els, sizeof(els), "%s", c->element);
				for (t = strtok_r(els, ",", &sv); t;
				     t = strtok_r(NULL, ",", &sv))
					jsonw_string(&w, t);
			}
			jsonw_array_end(&w);
			jsonw_key(&w, "matched_by");
			jsonw_array_begin(&w);
			{
				char by[sizeof(f->matched_by)], *t, *sv = NULL;

				snprintf(by, sizeof(by), "%s", f->matched_by);
				for (t = strtok_r(by, "+", &sv); t;
				     t = strtok_r(NULL, "+", &sv))
					jsonw_string(&w, t);
			}
			jsonw_array_end(&w);
			jsonw_key(&w, "fixed");
			jsonw_string(&w, *f->fixed ? f->fixed : NULL);
			jsonw_key(&w, "cvss");
			if (f->score < 0) {
				jsonw_null(&w);
			} else {
				jsonw_object_begin(&w);
				jsonw_key(&w, "vector");
				jsonw_string(&w, f->vector);
				jsonw_key(&w, "score");
				score_text(sc, sizeof(sc), f->score);
				jsonw_number(&w, sc);
				jsonw_key(&w, "severity");
				jsonw_string(&w, f->severity);
				jsonw_key(&w, "source");
				jsonw_string(&w, f->score_source);
				jsonw_object_end(&w);
			}
			jsonw_key(&w, "kev");
			jsonw_bool(&w, f->kev);
			if (f->kev) {
				jsonw_key(&w, "kev_due_date");
				jsonw_string(&w, f->kev_due);
			}
			if (f->epss >= 0) {
				jsonw_key(&w, "epss");
				jsonw_object_begin(&w);
				jsonw_key(&w, "probability");
				epss_text(ep, sizeof(ep), f->epss);
				jsonw_number(&w, ep);
				jsonw_key(&w, "percentile");
				epss_text(ep, sizeof(ep), f->epss_percentile);
				jsonw_number(&w, ep);
				jsonw_object_end(&w);
			}
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		jsonw_key(&w, "not_checked");
		jsonw_array_begin(&w);
		for (i = 0; i < r->nunchecked; i++) {
			const struct mdsec_component *c =
				&s->components.v[r->unchecked[i].component];

			jsonw_object_begin(&w);
			jsonw_key(&w, "component");
			jsonw_string(&w, c->name);
			jsonw_key(&w, "version");
			jsonw_string(&w, c->version);
			if (*r->unchecked[i].vuln) {
				jsonw_key(&w, "vulnerability");
				jsonw_string(&w, r->unchecked[i].vuln);
			}
			jsonw_key(&w, "reason");
			jsonw_string(&w, r->unchecked[i].reason);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		render_baseline(b, true, &w, out);
		jsonw_object_end(&w);
		strbuf_addch(out, '\n');
	}
}

/* --baseline: what is new and what is resolved since a previous JSON
 * report, keyed by (vulnerability, component). */
struct baseline {
	bool have;
	const char *path;
	size_t nnew, nres;
	struct strbuf lines; /* "+ id component version" / "- ..." */
};

static int baseline_diff(const char *path, const mdsec_sbom *s,
			 const struct mdsec_vulns *r, struct baseline *b,
			 struct mdsec_diag_list *dl)
{
	json_error_t e;
	json_t *root = json_load_file(path, 0, &e), *vs, *v;
	struct mdsec_loc l = { path, 1, 1 };
	size_t i, j, nnew = 0, nres = 0;
	struct strbuf *body = &b->lines;

	if (!root) {
		l.line = e.line > 0 ? (unsigned)e.line : 1;
		l.col = e.column > 0 ? (unsigned)e.column : 1;
		return diag_error(dl, l,
				  "%s (expected an mdsec vulns JSON "
				  "report)",
				  e.text);
	}
	vs = json_object_get(root, "vulnerabilities");
	if (!json_is_array(vs) ||
	    !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")),
		   "mdsec.vulns/1")) {
		json_decref(root);
		return diag_error(dl, l,
				  "not an mdsec vulns report (expected "
				  "the output of mdsec vulns --format "
				  "json)");
	}
	/* new: in this run, not in the baseline */
	for (i = 0; i < r->nfindings; i++) {
		const struct mdsec_vuln_finding *f = &r->findings[i];
		const struct mdsec_component *c =
			&s->components.v[f->component];
		bool seen = false;

		json_array_foreach(vs, j, v)
		{
			const char *id =
				json_string_value(json_object_get(v, "id"));
			const char *comp = json_string_value(
				json_object_get(v, "component"));

			if (id && comp && !strcmp(id, f->id) &&
			    !strcmp(comp, c->name))
				seen = true;
		}
		if (!seen) {
			nnew++;
			strbuf_addf(body, "+ %s %s %s\n", f->id, c->name,
				    c->version ? c->version : "-");
		}
	}
	/* resolved: in the baseline, not in this run */
	json_array_foreach(vs, j, v)
	{
		const char *id = json_string_value(json_object_get(v, "id"));
		const char *comp =
			json_string_value(json_object_get(v, "component"));
		const char *ver =
			json_string_value(json_object_get(v, "version"));
		bool still = false;

		if (!id || !comp)
			continue;
		for (i = 0; i < r->nfindings; i++)
			if (!strcmp(r->findings[i].id, id) &&
			    !strcmp(s->components.v[r->findings[i].component]
					    .name,
				    comp))
				still = true;
		if (!still) {
			nres++;
			strbuf_addf(body, "- %s %s %s\n", id, comp,
				    ver ? ver : "-");
		}
	}
	b->have = true;
	b->path = path;
	b->nnew = nnew;
	b->nres = nres;
	json_decref(root);
	return 0;
}

static void render_baseline(const struct baseline *b, bool json,
			    struct jsonw *w, struct strbuf *out)
{
	if (!b->have)
		return;
	if (json) {
		jsonw_key(w, "baseline");
		jsonw_object_begin(w);
		jsonw_key(w, "file");
		jsonw_string(w, b->path);
		jsonw_key(w, "new");
		jsonw_int(w, (long long)b->nnew);
		jsonw_key(w, "resolved");
		jsonw_int(w, (long long)b->nres);
		jsonw_object_end(w);
		return;
	}
	strbuf_addf(out, "\nsince %s: %zu new, %zu resolved\n", b->path,
		    b->nnew, b->nres);
	strbuf_add(out, b->lines.buf, b->lines.len);
}

/* An SBOM (JSON) or a model (YAML), told apart by the first byte. */
static int load_input(const char *path, mdsec_sbom **s, mdsec_model **m,
		      struct mdsec_diag_list *dl)
{
	FILE *fp = fopen(path, "rb");
	int ch = ' ';

	if (fp) {
		while ((ch = fgetc(fp)) == ' ' || ch == '\n' || ch == '\r' ||
		       ch == '\t')
			;
		fclose(fp);
	}
	if (ch == '{')
		return mdsec_sbom_read(s, path, dl);
	{
		int rc = mdsec_model_load(m, path, NULL, dl);

		return rc < 0 ? rc : mdsec_model_sbom(s, *m, NULL, 0, dl);
	}
}

int cmd_vulns(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("vulns");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct vulns_opts o = { NULL, "-", false, FAIL_NONE, NULL };
	struct mdsec_vulns r;
	struct strbuf out = STRBUF_INIT;
	struct baseline base = { false, NULL, 0, 0, STRBUF_INIT };
	mdsec_vulndb *db = NULL;
	mdsec_model *m = NULL;
	mdsec_sbom *s = NULL;
	char digest[65] = "";
	size_t i;
	int first, rc, status = EXIT_CLEAN;

	memset(&r, 0, sizeof(r));
	rc = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (rc)
		return rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model or SBOM given");
	if (o.db && !file_exists(o.db)) {
		cli_error("no database '%s' (create it with mdsec db import)",
			  o.db);
		return EXIT_ENV;
	}
	rc = load_input(argv[first], &s, &m, &dl);
	if (rc == 0)
		rc = mdsec_vulndb_open(&db, o.db, &dl);
	if (rc == 0)
		rc = mdsec_vulndb_digest(db, digest);
	if (rc == 0)
		rc = mdsec_vulns_match(db, s, &r, &dl);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	if (rc < 0) {
		status = rc == MDSEC_ENOTFOUND ? EXIT_INPUT : cli_exit_for(rc);
		goto out;
	}
	sort_s = s;
	if (r.nfindings)
		qsort(r.findings, r.nfindings, sizeof(*r.findings), by_finding);
	if (r.nunchecked)
		qsort(r.unchecked, r.nunchecked, sizeof(*r.unchecked),
		      by_unchecked);
	if (o.baseline &&
	    (rc = baseline_diff(o.baseline, s, &r, &base, &dl)) < 0) {
		cli_print_diags(&dl, false);
		status = cli_exit_for(rc);
		goto out;
	}
	render(s, &r, digest, &base, o.json, &out);
	if (file_write_atomic(o.output, out.buf, out.len) < 0) {
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
		goto out;
	}
	for (i = 0; i < r.nfindings; i++)
		if (trips(&r.findings[i], o.fail))
			status = EXIT_FINDINGS;
out:
	strbuf_release(&out);
	strbuf_release(&base.lines);
	mdsec_vulns_release(&r);
	mdsec_vulndb_close(db);
	mdsec_sbom_free(s);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	return status;
}
