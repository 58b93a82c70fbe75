/* SPDX-License-Identifier: Apache-2.0
 *
 * triage_view.c - triage statements applied to the findings of a run
 * (triage_view.h). The lookup rules (subject, aliases, own before
 * supplier) are the triage module's (docs/triage.md); this file gathers
 * them per finding and says what is unassessed and what is stale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "cli/triage_view.h"

#include "base/banned.h"

int triage_view_build(struct triage_view *v, const char *own,
		      const char *const *supplier, size_t nsupplier,
		      mdsec_vulndb *db, const mdsec_sbom *s,
		      const struct mdsec_vulns *r, struct mdsec_diag_list *dl)
{
	size_t i;
	int rc = 0;

	memset(v, 0, sizeof(*v));
	v->given = own || nsupplier;
	if (!(v->t = mdsec_triage_new()))
		return MDSEC_ENOMEM;
	if (own)
		rc = mdsec_triage_load(NULL, v->t, own, MDSEC_TRIAGE_OWN, dl);
	for (i = 0; i < nsupplier && rc == 0; i++)
		rc = mdsec_triage_load(NULL, v->t, supplier[i],
				       MDSEC_TRIAGE_SUPPLIER, dl);
	if (rc < 0 || !v->given)
		return rc; /* nothing to look up: every finding unassessed */
	v->m = xcalloc(r->nfindings + 1, sizeof(*v->m));
	if (!v->m)
		return MDSEC_ENOMEM;
	v->n = r->nfindings;
	for (i = 0; i < r->nfindings && rc == 0; i++) {
		const struct mdsec_vuln_finding *f = &r->findings[i];
		char **aliases = NULL;
		size_t na = 0;

		rc = mdsec_vulndb_aliases(db, f->id, &aliases, &na);
		if (rc == 0)
			rc = mdsec_triage_lookup(
				&v->m[i], v->t, &s->components.v[f->component],
				f->id, (const char *const *)aliases, na);
		mdsec_vulndb_free_ids(aliases, na);
		if (rc == 0 && !v->m[i].decision)
			v->unassessed++;
	}
	return rc;
}

void triage_view_release(struct triage_view *v)
{
	size_t i;

	for (i = 0; v->m && i < v->n; i++)
		mdsec_triage_match_release(&v->m[i]);
	xfree(v->m);
	mdsec_triage_free(v->t);
	memset(v, 0, sizeof(*v));
}

const char *triage_view_state(const struct triage_view *v, size_t i)
{
	if (!v->m || i >= v->n || !v->m[i].decision)
		return "unassessed";
	return mdsec_triage_state_name(v->m[i].decision->state);
}

static void where(char *buf, size_t n, const struct mdsec_loc *l)
{
	if (l->line)
		snprintf(buf, n, "%s:%u:%u", l->file ? l->file : "-", l->line,
			 l->col);
	else
		snprintf(buf, n, "%s", l->file ? l->file : "-");
}

static void entry_json(const struct mdsec_triage_entry *e, struct jsonw *w)
{
	char src[1200];
	unsigned bit;

	if (!e) {
		jsonw_null(w);
		return;
	}
	jsonw_object_begin(w);
	jsonw_member(w, "state", mdsec_triage_state_name(e->state));
	jsonw_member(w, "justification",
		     mdsec_triage_justification_name(e->justification));
	jsonw_key(w, "responses");
	jsonw_array_begin(w);
	for (bit = 1; bit < (1u << MDSEC_TRIAGE_NRESPONSES); bit <<= 1)
		if (e->responses & bit)
			jsonw_string(w, mdsec_triage_response_name(bit));
	jsonw_array_end(w);
	jsonw_member(w, "action", e->action);
	jsonw_member(w, "detail", e->detail);
	jsonw_member(w, "author", e->author);
	jsonw_member(w, "date", e->date);
	jsonw_member(w, "format", mdsec_triage_format_name(e->format));
	jsonw_member(w, "document", e->doc_id);
	jsonw_key(w, "source");
	where(src, sizeof(src), &e->loc);
	jsonw_string(w, src);
	jsonw_object_end(w);
}

void triage_view_json(const struct triage_view *v, size_t i, struct jsonw *w)
{
	const struct mdsec_triage_match *m;

	if (!v->given || i >= v->n)
		return;
	m = &v->m[i];
	jsonw_key(w, "triage");
	jsonw_object_begin(w);
	jsonw_member(w, "state", triage_view_state(v, i));
	jsonw_key(w, "decided_by");
	jsonw_string(w, !m->decision		? NULL
			: m->decision == m->own ? "own"
						: "supplier");
	jsonw_key(w, "own");
	entry_json(m->own, w);
	jsonw_key(w, "supplier");
	entry_json(m->supplier, w);
	jsonw_object_end(w);
}

/* The subject of an entry as a user wrote it. */
static void subject_text(char *buf, size_t n,
			 const struct mdsec_triage_subject *s)
{
	if (s->purl)
		snprintf(buf, n, "%s", s->purl);
	else if (s->cpe)
		snprintf(buf, n, "%s", s->cpe);
	else if (s->name)
		snprintf(buf, n, "%s%s%s", s->name, s->version ? "@" : "",
			 s->version ? s->version : "");
	else if (s->ref)
		snprintf(buf, n, "%s", s->ref);
	else
		snprintf(buf, n, "-");
}

/* Own entries that matched no finding: decisions about something the
 * device no longer carries (or a typo). Supplier statements usually
 * cover more than the device uses, so theirs are not listed. */
static bool stale(const struct mdsec_triage_entry *e)
{
	return e->origin == MDSEC_TRIAGE_OWN && !e->used;
}

void triage_view_json_summary(const struct triage_view *v, struct jsonw *w)
{
	size_t i;

	if (!v->given)
		return;
	jsonw_key(w, "triage");
	jsonw_object_begin(w);
	jsonw_key(w, "statements");
	jsonw_int(w, (long long)v->t->entries.n);
	jsonw_key(w, "unassessed");
	jsonw_int(w, (long long)v->unassessed);
	jsonw_key(w, "stale");
	jsonw_array_begin(w);
	for (i = 0; i < v->t->entries.n; i++) {
		const struct mdsec_triage_entry *e = &v->t->entries.v[i];
		char buf[1200];

		if (!stale(e))
			continue;
		jsonw_object_begin(w);
		jsonw_member(w, "vulnerability", e->vuln);
		jsonw_key(w, "component");
		subject_text(buf, sizeof(buf), &e->subject);
		jsonw_string(w, buf);
		jsonw_key(w, "source");
		where(buf, sizeof(buf), &e->loc);
		jsonw_string(w, buf);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

void triage_view_text_summary(const struct triage_view *v, struct strbuf *out)
{
	size_t i, nstale = 0;

	if (!v->given)
		return;
	for (i = 0; i < v->t->entries.n; i++)
		nstale += stale(&v->t->entries.v[i]);
	strbuf_addf(out,
		    "\ntriage: %zu statements, %zu unassessed, %zu stale\n",
		    v->t->entries.n, v->unassessed, nstale);
	for (i = 0; i < v->t->entries.n; i++) {
		const struct mdsec_triage_entry *e = &v->t->entries.v[i];
		char loc[1200], subj[1200];

		if (!stale(e))
			continue;
		where(loc, sizeof(loc), &e->loc);
		subject_text(subj, sizeof(subj), &e->subject);
		strbuf_addf(out, "  stale: %s: %s %s matches no finding\n", loc,
			    e->vuln, subj);
	}
}
