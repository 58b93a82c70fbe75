/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_vulns.c - `mdsec vulns MODEL|SBOM [--db DB]`: the known
 * vulnerabilities of every component (CPE and PURL matching,
 * docs/vulndb.md), each with its CVSS (version and source named), KEV
 * flag and due date, EPSS, fixed version and the data that matched; the
 * components that could not be checked, with the reason. `--triage` and
 * `--statements` apply the device maker's and suppliers' decisions
 * (docs/triage.md), `--vex` writes them as OpenVEX, CycloneDX or CSAF
 * instead of the report. `--fail-on kev|critical|high|any|unassessed` is
 * the CI gate (exit 1). Text table or JSON
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
#include "base/xalloc.h"
#include <jansson.h>
#include "mdsec/pipeline.h"
#include "mdsec/sbom.h"
#include "mdsec/vulndb.h"
#include "cli/vulns_run.h"
#include "base/banned.h"

enum fail_on {
	FAIL_NONE,
	FAIL_ANY,
	FAIL_HIGH,
	FAIL_CRITICAL,
	FAIL_KEV,
	FAIL_UNASSESSED
};

struct vulns_opts {
	const char *db;
	const char *output;
	bool json;
	enum fail_on fail;
	const char *baseline; /* a previous --format json report */
	const char *triage;   /* the device maker's own decisions */
	const char *statements[VULNS_MAX_STATEMENTS]; /* suppliers' */
	size_t nstatements;
	enum mdsec_triage_format vex; /* UNKNOWN: the report */
};

static int on_opt(int index, const char *value, void *payload)
{
	/* in the order of enum fail_on (after FAIL_NONE) */
	static const char *const fails[] = { "any", "high",	  "critical",
					     "kev", "unassessed", NULL };
	static const char *const formats[] = { "table", "json", NULL };
	static const char *const vexes[] = { "openvex", "cyclonedx", "csaf",
					     NULL };
	static const enum mdsec_triage_format vex_formats[] = {
		MDSEC_TRIAGE_FMT_OPENVEX, MDSEC_TRIAGE_FMT_CYCLONEDX,
		MDSEC_TRIAGE_FMT_CSAF
	};
	struct vulns_opts *o = payload;
	const struct cli_cmd *cmd = cli_find("vulns");
	int k;

	switch (index) {
	case 0:
		o->db = value;
		return 0;
	case 1:
		if ((k = cli_choice(cmd, "format", value, formats)) < 0)
			return -1;
		o->json = k == 1;
		return 0;
	case 2:
		o->output = value;
		return 0;
	case 4:
		o->baseline = value;
		return 0;
	case 3:
		if ((k = cli_choice(cmd, "--fail-on", value, fails)) < 0)
			return -1;
		o->fail = (enum fail_on)(k + 1);
		return 0;
	case 5:
		o->triage = value;
		return 0;
	case 6:
		return vulns_add_statements(cmd, o->statements, &o->nstatements,
					    value);
	case 7:
		if ((k = cli_choice(cmd, "--vex", value, vexes)) < 0)
			return -1;
		o->vex = vex_formats[k];
		return 0;
	}
	return -1;
}

static bool trips(const struct mdsec_vuln_finding *f, enum fail_on g,
		  const char *state)
{
	switch (g) {
	case FAIL_UNASSESSED:
		return !strcmp(state, "unassessed");
	case FAIL_ANY:
		return true;
	case FAIL_KEV:
		return f->kev;
	/* without CVSS, the CNA's own word (OpenSSL: Low to Critical) */
	case FAIL_CRITICAL:
		return f->score >= 90 ||
		       (f->score < 0 && !strcmp(f->severity, "Critical"));
	case FAIL_HIGH:
		return f->score >= 70 ||
		       (f->score < 0 && (!strcmp(f->severity, "Critical") ||
					 !strcmp(f->severity, "High") ||
					 !strcmp(f->severity, "Important")));
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
		   const char *dbdigest, const struct baseline *b,
		   const struct triage_view *tv, bool json, struct strbuf *out)
{
	size_t i;
	char sc[16], ep[16];

	if (!json) {
		strbuf_addf(out, "%-26s %-12s %-20s %5s %-9s %-4s %-7s %-10s ",
			    "COMPONENT", "VERSION", "VULNERABILITY", "CVSS",
			    "SEVERITY", "KEV", "EPSS", "FIXED IN");
		if (tv->given)
			strbuf_addf(out, "%-20s ", "TRIAGE");
		strbuf_addstr(out, "SCORED BY\n");
		for (i = 0; i < r->nfindings; i++) {
			const struct mdsec_vuln_finding *f = &r->findings[i];
			const struct mdsec_component *c =
				&s->components.v[f->component];

			score_text(sc, sizeof(sc), f->score);
			epss_text(ep, sizeof(ep), f->epss);
			strbuf_addf(out,
				    "%-26s %-12s %-20s %5s %-9s %-4s %-7s "
				    "%-10s ",
				    c->name, c->version ? c->version : "-",
				    f->id, sc, *f->severity ? f->severity : "-",
				    f->kev ? "yes" : "no", ep,
				    *f->fixed ? f->fixed : "-");
			if (tv->given) {
				char st[40];

				/* a supplier's decision is marked with '*' */
				snprintf(st, sizeof(st), "%s%s",
					 triage_view_state(tv, i),
					 tv->m[i].decision &&
							 tv->m[i].decision !=
								 tv->m[i].own
						 ? "*"
						 : "");
				strbuf_addf(out, "%-20s ", st);
			}
			strbuf_addf(out, "%s\n",
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
		triage_view_text_summary(tv, out);
		strbuf_addf(out, "database digest %s\n", dbdigest);
		render_baseline(b, false, NULL, out);
		return;
	}
	{
		struct jsonw w;

		jsonw_init(&w, out, 0);
		jsonw_object_begin(&w);
		jsonw_member(&w, "format", "mdsec.vulns/1");
		jsonw_member(&w, "database_digest", dbdigest);
		jsonw_key(&w, "vulnerabilities");
		jsonw_array_begin(&w);
		for (i = 0; i < r->nfindings; i++) {
			const struct mdsec_vuln_finding *f = &r->findings[i];
			const struct mdsec_component *c =
				&s->components.v[f->component];

			jsonw_object_begin(&w);
			jsonw_member(&w, "id", f->id);
			jsonw_member(&w, "component", c->name);
			jsonw_member(&w, "version", c->version);
			jsonw_member(&w, "cpe", c->cpe);
			jsonw_member(&w, "purl", c->purl);
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
			jsonw_member(&w, "fixed", *f->fixed ? f->fixed : NULL);
			jsonw_key(&w, "cvss");
			if (f->score < 0) {
				jsonw_null(&w);
			} else {
				jsonw_object_begin(&w);
				jsonw_member(&w, "vector", f->vector);
				jsonw_key(&w, "score");
				score_text(sc, sizeof(sc), f->score);
				jsonw_number(&w, sc);
				jsonw_member(&w, "severity", f->severity);
				jsonw_member(&w, "source", f->score_source);
				jsonw_object_end(&w);
			}
			if (f->score < 0 && *f->severity) {
				jsonw_key(&w, "qualitative_severity");
				jsonw_object_begin(&w);
				jsonw_member(&w, "text", f->severity);
				jsonw_member(&w, "source", f->score_source);
				jsonw_object_end(&w);
			}
			jsonw_key(&w, "kev");
			jsonw_bool(&w, f->kev);
			if (f->kev) {
				jsonw_member(&w, "kev_due_date", f->kev_due);
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
			triage_view_json(tv, i, &w);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		jsonw_key(&w, "not_checked");
		jsonw_array_begin(&w);
		for (i = 0; i < r->nunchecked; i++) {
			const struct mdsec_component *c =
				&s->components.v[r->unchecked[i].component];

			jsonw_object_begin(&w);
			jsonw_member(&w, "component", c->name);
			jsonw_member(&w, "version", c->version);
			if (*r->unchecked[i].vuln) {
				jsonw_member(&w, "vulnerability",
					     r->unchecked[i].vuln);
			}
			jsonw_member(&w, "reason", r->unchecked[i].reason);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		triage_view_json_summary(tv, &w);
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
		jsonw_member(w, "file", b->path);
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

/* The VEX document of the findings and their decisions; the device from
 * the model, else from the SBOM's primary component. */
static int write_vex(const struct vulns_opts *o, const mdsec_model *m,
		     const mdsec_sbom *s, const struct mdsec_vulns *r,
		     const struct triage_view *tv, struct strbuf *out)
{
	struct mdsec_triage_device dev;
	struct mdsec_triage_item *items;
	char *text = NULL;
	size_t i, len = 0;
	int rc;

	memset(&dev, 0, sizeof(dev));
	if (m) {
		dev.vendor = m->device.manufacturer;
		dev.name = m->device.name;
		dev.version = m->device.version;
	} else if (s->primary != MDSEC_SBOM_NONE) {
		const struct mdsec_component *p = &s->components.v[s->primary];

		dev.vendor = p->supplier ? p->supplier : p->author;
		dev.name = p->name;
		dev.version = p->version;
	}
	if (!dev.vendor || !dev.name || !dev.version) {
		cli_error("VEX needs the device's manufacturer, name and "
			  "version (expected a model, or an SBOM whose "
			  "primary component has a supplier, name and "
			  "version)");
		return MDSEC_EINPUT;
	}
	items = xcalloc(r->nfindings + 1, sizeof(*items));
	if (!items)
		return MDSEC_ENOMEM;
	for (i = 0; i < r->nfindings; i++) {
		items[i].component = r->findings[i].component;
		items[i].vuln = r->findings[i].id;
		items[i].fixed = r->findings[i].fixed;
		items[i].decision = tv->m ? tv->m[i].decision : NULL;
	}
	rc = mdsec_triage_write_vex(&text, &len, o->vex, &dev, s, items,
				    r->nfindings);
	xfree(items);
	if (rc == 0)
		strbuf_add(out, text, len);
	free(text);
	return rc;
}

int cmd_vulns(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("vulns");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct vulns_opts o;
	struct vulns_run run;
	struct strbuf out = STRBUF_INIT;
	struct baseline base = { false, NULL, 0, 0, STRBUF_INIT };
	size_t i;
	int first, rc, status = EXIT_CLEAN;

	memset(&o, 0, sizeof(o));
	o.output = "-";
	rc = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (rc)
		return rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first != 1)
		return cli_usage(cmd, argc - first ? "too many arguments"
						   : "no model or SBOM given");
	status = vulns_run_load(&run, argv[first], o.db, o.triage, o.statements,
				o.nstatements);
	if (status != EXIT_CLEAN)
		goto out;
	if (o.baseline &&
	    (rc = baseline_diff(o.baseline, run.s, &run.r, &base, &dl)) < 0) {
		cli_print_diags(&dl, false);
		status = cli_exit_for(rc);
		goto out;
	}
	if (o.vex != MDSEC_TRIAGE_FMT_UNKNOWN && !run.r.nfindings &&
	    o.vex != MDSEC_TRIAGE_FMT_CYCLONEDX) {
		/* OpenVEX needs a statement and a CSAF VEX a vulnerability
		 * (6.1.27.11): there is nothing to state, which is no error */
		fprintf(stderr,
			"mdsec: note: no known vulnerabilities, so no %s "
			"document (it needs at least one statement; a "
			"CycloneDX VEX can be empty); %s not written\n",
			o.vex == MDSEC_TRIAGE_FMT_CSAF ? "CSAF VEX" : "OpenVEX",
			o.output);
		goto gate;
	}
	if (o.vex != MDSEC_TRIAGE_FMT_UNKNOWN) {
		if ((rc = write_vex(&o, run.m, run.s, &run.r, &run.tv, &out)) <
		    0) {
			status = cli_exit_for(rc);
			goto out;
		}
	} else {
		render(run.s, &run.r, run.digest, &base, &run.tv, o.json, &out);
	}
	if (file_write_atomic(o.output, out.buf, out.len) < 0) {
		cli_error("cannot write '%s': %s", o.output, strerror(errno));
		status = EXIT_ENV;
		goto out;
	}
gate:
	for (i = 0; i < run.r.nfindings; i++)
		if (trips(&run.r.findings[i], o.fail,
			  triage_view_state(&run.tv, i)))
			status = EXIT_FINDINGS;
out:
	strbuf_release(&out);
	strbuf_release(&base.lines);
	vulns_run_release(&run);
	mdsec_diag_list_release(&dl);
	return status;
}
