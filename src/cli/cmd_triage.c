/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_triage.c - working the triage queue.
 *   mdsec triage list [--db DB] [--triage FILE] [--statements FILE]...
 *                     [--format table|json] MODEL|SBOM
 *     the findings no statement decides yet (own or supplier), each with
 *     the subject to name it by; exit 1 when there are any.
 *   mdsec triage set --triage FILE --component SUBJECT --vulnerability ID
 *                    --state STATE [--justification J] [--response R]...
 *                    [--action TEXT] [--detail TEXT] [--author NAME]
 *                    [--date DATE]
 *     records one decision in the triage file: the entry about the same
 *     component and vulnerability is replaced in place, otherwise one is
 *     appended; comments and the other entries are kept; atomic write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/vulns_run.h"
#include "mdsec/triage.h"

#include "base/banned.h"

struct triage_opts {
	const char *db, *triage, *output;
	const char *statements[VULNS_MAX_STATEMENTS];
	size_t nstatements;
	bool json;
	const char *component, *vuln, *state, *justification;
	const char *action, *detail, *author, *date;
	unsigned responses;
	bool set_only; /* an option of set was given */
	const char *set_opt;
};

static int on_opt(int index, const char *value, void *payload)
{
	static const char *const formats[] = { "table", "json", NULL };
	struct triage_opts *o = payload;
	const struct cli_cmd *cmd = cli_find("triage");
	int k;
	static const char *const set_names[] = { "component", "vulnerability",
						 "state",     "justification",
						 "response",  "action",
						 "detail",    "author",
						 "date" };

	if (index >= 5 && index <= 13) {
		o->set_only = true;
		o->set_opt = set_names[index - 5];
	}
	switch (index) {
	case 0:
		o->db = value;
		return 0;
	case 1:
		o->triage = value;
		return 0;
	case 2:
		return vulns_add_statements(cmd, o->statements, &o->nstatements,
					    value);
	case 3:
		if ((k = cli_choice(cmd, "format", value, formats)) < 0)
			return -1;
		o->json = k == 1;
		return 0;
	case 4:
		o->output = value;
		return 0;
	case 5:
		o->component = value;
		return 0;
	case 6:
		o->vuln = value;
		return 0;
	case 7:
		o->state = value;
		return 0;
	case 8:
		o->justification = value;
		return 0;
	case 9: {
		unsigned bit = 0;

		if (mdsec_triage_response_parse(&bit, value) < 0) {
			cli_usage(cmd,
				  "unknown --response '%s' (expected "
				  "can_not_fix, will_not_fix, update, "
				  "rollback or workaround_available)",
				  value);
			return -1;
		}
		o->responses |= bit;
		return 0;
	}
	case 10:
		o->action = value;
		return 0;
	case 11:
		o->detail = value;
		return 0;
	case 12:
		o->author = value;
		return 0;
	case 13:
		o->date = value;
		return 0;
	}
	return -1;
}

/* The subject a finding is best named by: its PURL, else its CPE, else
 * name@version. */
static void subject_text(struct strbuf *out, const struct mdsec_component *c)
{
	if (c->purl)
		strbuf_addstr(out, c->purl);
	else if (c->cpe)
		strbuf_addstr(out, c->cpe);
	else
		strbuf_addf(out, "%s%s%s", c->name, c->version ? "@" : "",
			    c->version ? c->version : "");
}

static int list(const struct triage_opts *o, const char *input)
{
	struct vulns_run run;
	struct strbuf out = STRBUF_INIT, subj = STRBUF_INIT;
	struct jsonw w;
	size_t i, n = 0;
	int status;

	status = vulns_run_load(&run, input, o->db, o->triage, o->statements,
				o->nstatements);
	if (status != EXIT_CLEAN) {
		vulns_run_release(&run);
		return status;
	}
	if (o->json) {
		jsonw_init(&w, &out, 0);
		jsonw_object_begin(&w);
		jsonw_member(&w, "format", "mdsec.triage-queue/1");
		jsonw_member(&w, "database_digest", run.digest);
		jsonw_key(&w, "unassessed");
		jsonw_array_begin(&w);
	} else {
		strbuf_addf(&out, "%-26s %-12s %-20s %5s %-4s %s\n",
			    "COMPONENT", "VERSION", "VULNERABILITY", "CVSS",
			    "KEV", "SUBJECT");
	}
	for (i = 0; i < run.r.nfindings; i++) {
		const struct mdsec_vuln_finding *f = &run.r.findings[i];
		const struct mdsec_component *c =
			&run.s->components.v[f->component];
		char sc[16];

		if (strcmp(triage_view_state(&run.tv, i), "unassessed"))
			continue;
		n++;
		strbuf_reset(&subj);
		subject_text(&subj, c);
		if (f->score < 0)
			snprintf(sc, sizeof(sc), "-");
		else
			snprintf(sc, sizeof(sc), "%d.%d", f->score / 10,
				 f->score % 10);
		if (!o->json) {
			strbuf_addf(&out, "%-26s %-12s %-20s %5s %-4s %s\n",
				    c->name, c->version ? c->version : "-",
				    f->id, sc, f->kev ? "yes" : "no", subj.buf);
			continue;
		}
		jsonw_object_begin(&w);
		jsonw_member(&w, "id", f->id);
		jsonw_member(&w, "component", c->name);
		jsonw_member(&w, "version", c->version);
		jsonw_member(&w, "subject", subj.buf);
		jsonw_key(&w, "score");
		if (f->score < 0)
			jsonw_null(&w);
		else
			jsonw_number(&w, sc);
		jsonw_key(&w, "kev");
		jsonw_bool(&w, f->kev);
		jsonw_object_end(&w);
	}
	if (o->json) {
		jsonw_array_end(&w);
		jsonw_object_end(&w);
		strbuf_addch(&out, '\n');
	} else {
		strbuf_addf(&out,
			    "\n%zu of %zu findings unassessed; record a "
			    "decision with\n  mdsec triage set --triage %s "
			    "--component SUBJECT --vulnerability ID --state "
			    "STATE ...\n",
			    n, run.r.nfindings, o->triage ? o->triage : "FILE");
	}
	if (file_write_atomic(o->output, out.buf, out.len) < 0) {
		cli_error("cannot write '%s': %s", o->output, strerror(errno));
		status = EXIT_ENV;
	} else if (n) {
		status = EXIT_FINDINGS;
	}
	strbuf_release(&out);
	strbuf_release(&subj);
	vulns_run_release(&run);
	return status;
}

static int set(const struct triage_opts *o)
{
	const struct cli_cmd *cmd = cli_find("triage");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_triage_entry e;
	mdsec_triage *scratch;
	char err[256];
	bool replaced = false;
	int rc;

	if (!o->triage || !o->component || !o->vuln || !o->state)
		return cli_usage(cmd, "set needs --triage, --component, "
				      "--vulnerability and --state");
	memset(&e, 0, sizeof(e));
	if (mdsec_triage_state_parse(&e.state, o->state) < 0)
		return cli_usage(cmd,
				 "unknown --state '%s' (expected affected, "
				 "not_affected, fixed or under_investigation)",
				 o->state);
	if (o->justification && mdsec_triage_justification_parse(
					&e.justification, o->justification) < 0)
		return cli_usage(cmd,
				 "unknown --justification '%s' (expected "
				 "an OpenVEX label such as "
				 "vulnerable_code_not_in_execute_path; "
				 "docs/triage.md)",
				 o->justification);
	scratch = mdsec_triage_new();
	if (!scratch)
		return EXIT_ENV;
	if (mdsec_triage_subject_parse(&e.subject, scratch, o->component, err,
				       sizeof(err)) < 0) {
		mdsec_triage_free(scratch);
		return cli_usage(cmd, "--component '%s': %s", o->component,
				 err);
	}
	e.vuln = o->vuln;
	e.justification_text = o->justification;
	e.responses = o->responses;
	e.action = o->action;
	e.detail = o->detail;
	e.author = o->author;
	e.date = o->date;
	e.origin = MDSEC_TRIAGE_OWN;
	rc = mdsec_triage_record(&replaced, o->triage, &e, &dl);
	mdsec_triage_free(scratch);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	if (rc == MDSEC_EUSAGE)
		return cli_usage(cmd, "the decision is incomplete (see above)");
	if (rc < 0)
		return cli_exit_for(rc);
	fprintf(stderr, "mdsec: %s %s for %s in %s\n",
		replaced ? "replaced the decision on" : "recorded", o->vuln,
		o->component, o->triage);
	return EXIT_CLEAN;
}

int cmd_triage(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("triage");
	struct triage_opts o;
	const char *sub;
	int first, r;

	memset(&o, 0, sizeof(o));
	o.output = "-";
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first < 1)
		return cli_usage(cmd, "no subcommand (expected list or set)");
	sub = argv[first];
	if (!strcmp(sub, "list")) {
		if (o.set_only)
			return cli_usage(cmd,
					 "--%s is an option of set, not "
					 "of list",
					 o.set_opt);
		if (argc - first != 2)
			return cli_usage(cmd, argc - first < 2
						      ? "list needs a model or "
							"SBOM"
						      : "too many arguments");
		return list(&o, argv[first + 1]);
	}
	if (!strcmp(sub, "set")) {
		if (argc - first != 1)
			return cli_usage(cmd, "set takes no arguments");
		if (o.db || o.nstatements || o.json)
			return cli_usage(cmd, "set takes only --triage and the "
					      "decision's options");
		return set(&o);
	}
	return cli_usage(cmd, "unknown subcommand '%s' (expected list or set)",
			 sub);
}
