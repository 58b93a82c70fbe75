/* SPDX-License-Identifier: Apache-2.0
 *
 * yaml.c - the device maker's triage file, "format: mdsec.triage/1"
 * (docs/triage.md): reading it with located errors, writing a list of
 * statements in its layout, and recording one decision into an existing
 * file by editing its text, so that comments, blank lines and the order
 * of the other entries stay as they were. The entry to replace is found
 * by the positions libfyaml reports (model/ytree); the new text is read
 * back before it is written (atomically, base/fileio).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "triage/triage_int.h"

#include "base/banned.h"

#define TRIAGE_FORMAT "mdsec.triage/1"

static const char *const top_keys[] = { "format", "entries", NULL };
static const char *const entry_keys[] = {
	"component",	 "vulnerability", "aliases", "state",
	"justification", "response",	  "action",  "detail",
	"author",	 "date",	  NULL,
};
static const char *const subject_keys[] = {
	"purl", "cpe", "name", "version", "range", "ref", "supplier", NULL,
};

static int unknown_key(struct triage_yreader *y, const struct ynode *k,
		       const char *where, const char *const *keys)
{
	struct strbuf sb = STRBUF_INIT;
	const char *near = suggest_closest(k->str, keys, (size_t)-1);
	size_t i;
	int rc;

	if (near)
		return ty_error(y, k,
				"unknown key '%s' in %s (did you mean "
				"'%s'?)",
				k->str, where, near);
	for (i = 0; keys[i]; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", keys[i]);
	rc = ty_error(y, k, "unknown key '%s' in %s (expected one of: %s)",
		      k->str, where, sb.buf);
	strbuf_release(&sb);
	return rc;
}

/* Check that the mapping's keys are known and not repeated: 1 (errors
 * recorded) or 0. */
static int check_keys(struct triage_yreader *y, const struct ynode *m,
		      const char *where, const char *const *keys)
{
	const struct ynode *k, *o;
	size_t i;
	int bad = 0;

	for (k = m->child; k && k->next; k = k->next->next) {
		bool known = false;

		if (k->type != YNODE_SCALAR) {
			ty_error(y, k, "a key in %s is %s (expected a name)",
				 where, ynode_type_name(k));
			bad = 1;
			continue;
		}
		for (i = 0; keys[i]; i++)
			if (!strcmp(k->str, keys[i]))
				known = true;
		if (!known) {
			unknown_key(y, k, where, keys);
			bad = 1;
			continue;
		}
		/* libfyaml's event stream does not refuse a repeated key */
		for (o = m->child; o != k; o = o->next->next)
			if (o->type == YNODE_SCALAR &&
			    !strcmp(o->str, k->str)) {
				ty_error(y, k,
					 "key '%s' appears twice in %s "
					 "(expected "
					 "each key once; the first is at line "
					 "%u)",
					 k->str, where, o->line);
				bad = 1;
				break;
			}
	}
	return bad;
}

static const char *date_value(struct triage_yreader *y, const struct ynode *v)
{
	const char *s = ty_text(y, v, "date");

	if (s && !time_valid_date(s) && !time_valid_datetime(s)) {
		ty_error(y, v,
			 "'date' is '%s' (expected an RFC 3339 date or "
			 "date-time, e.g. 2026-01-15 or "
			 "2026-01-15T10:00:00Z)",
			 s);
		return NULL;
	}
	return s;
}

static int read_subject(struct triage_yreader *y, const struct ynode *v,
			struct mdsec_triage_subject *s)
{
	char err[256];
	const struct ynode *k;
	int rc;

	if (v->type == YNODE_SCALAR && !ynode_is_null(v)) {
		rc = mdsec_triage_subject_parse(s, y->t, v->str, err,
						sizeof(err));
		if (rc == MDSEC_ENOMEM)
			return rc;
		if (rc < 0)
			return ty_error(y, v, "invalid component '%s': %s",
					v->str, err);
		return 0;
	}
	if (v->type != YNODE_MAPPING)
		return ty_error(y, v,
				"'component' is %s (expected a purl, a CPE, "
				"name@version, or a mapping with purl, cpe, "
				"name, version)",
				ynode_type_name(v));
	if (check_keys(y, v, "a component", subject_keys))
		return MDSEC_EINPUT;
	for (k = v->child; k && k->next; k = k->next->next) {
		const struct ynode *val = k->next;
		const char *text = ty_text(y, val, k->str);
		struct mdsec_triage_subject one;

		if (!text)
			return MDSEC_EINPUT;
		if (!strcmp(k->str, "purl") || !strcmp(k->str, "cpe")) {
			bool purl = k->str[0] == 'p';

			if (strncmp(text, purl ? "pkg:" : "cpe:", 4))
				return ty_error(y, val,
						"'%s' is '%s' (expected %s)",
						k->str, text,
						purl ? "a purl, pkg:..."
						     : "a CPE, cpe:2.3:...");
			rc = mdsec_triage_subject_parse(&one, y->t, text, err,
							sizeof(err));
			if (rc == MDSEC_ENOMEM)
				return rc;
			if (rc < 0)
				return ty_error(y, val, "invalid %s '%s': %s",
						purl ? "purl" : "CPE", text,
						err);
			if (purl)
				s->purl = one.purl;
			else
				s->cpe = one.cpe;
		} else if (!strcmp(k->str, "name")) {
			s->name = text;
		} else if (!strcmp(k->str, "version")) {
			s->version = text;
		} else if (!strcmp(k->str, "range")) {
			if (strncmp(text, "vers:", 5) || !strchr(text + 5, '/'))
				return ty_error(y, val,
						"'range' is '%s' (expected a "
						"vers range, e.g. "
						"vers:generic/>=1.0|<2.0)",
						text);
			s->range = text;
		} else if (!strcmp(k->str, "ref")) {
			s->ref = text;
		} else {
			s->supplier = text;
		}
	}
	if (triage_subject_empty(s))
		return ty_error(y, v,
				"the component names nothing (expected purl, "
				"cpe, name, ref or supplier)");
	return 0;
}

/* A scalar or a list of scalars, each passed to fn. */
static int each_text(struct triage_yreader *y, const struct ynode *v,
		     const char *what,
		     int (*fn)(struct triage_yreader *, const struct ynode *,
			       const char *, void *),
		     void *arg)
{
	const struct ynode *it;
	int rc;

	if (v->type == YNODE_SEQUENCE) {
		for (it = v->child; it; it = it->next) {
			const char *s = ty_text(y, it, what);

			if (!s)
				return MDSEC_EINPUT;
			rc = fn(y, it, s, arg);
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	{
		const char *s = ty_text(y, v, what);

		if (!s)
			return MDSEC_EINPUT;
		return fn(y, v, s, arg);
	}
}

static int add_response(struct triage_yreader *y, const struct ynode *n,
			const char *s, void *arg)
{
	unsigned *bits = arg, bit;

	if (mdsec_triage_response_parse(&bit, s) < 0)
		return ty_error(y, n,
				"unknown response '%s' (expected one of: "
				"can_not_fix, will_not_fix, update, rollback, "
				"workaround_available)",
				s);
	*bits |= bit;
	return 0;
}

static int add_alias(struct triage_yreader *y, const struct ynode *n,
		     const char *s, void *arg)
{
	(void)n;
	return triage_add_alias(y->t, arg, s);
}

static int read_entry(struct triage_yreader *y, const struct ynode *m)
{
	struct mdsec_triage_entry e, *d;
	const struct ynode *v;
	struct mdsec_loc l;
	size_t k;
	int rc;

	if (m->type != YNODE_MAPPING)
		return ty_error(y, m,
				"an entry is %s (expected a mapping with "
				"component, vulnerability and state)",
				ynode_type_name(m));
	if (check_keys(y, m, "an entry", entry_keys))
		return MDSEC_EINPUT;
	memset(&e, 0, sizeof(e));
	l = ty_loc(y, m);
	e.loc = l;
	e.origin = y->origin;
	e.format = MDSEC_TRIAGE_FMT_YAML;
	v = ty_get(m, "component");
	if (!v)
		return ty_error(y, m,
				"missing key 'component' in an entry "
				"(expected the purl, CPE or name@version it "
				"is about)");
	rc = read_subject(y, v, &e.subject);
	if (rc < 0)
		return rc;
	v = ty_get(m, "vulnerability");
	if (!v)
		return ty_error(y, m,
				"missing key 'vulnerability' in an entry "
				"(expected an id such as CVE-2024-1234)");
	e.vuln = ty_text(y, v, "vulnerability");
	if (!e.vuln)
		return MDSEC_EINPUT;
	v = ty_get(m, "state");
	if (!v)
		return ty_error(y, m,
				"missing key 'state' in an entry (expected "
				"affected, not_affected, fixed or "
				"under_investigation)");
	e.state_text = ty_text(y, v, "state");
	if (!e.state_text)
		return MDSEC_EINPUT;
	if (mdsec_triage_state_parse(&e.state, e.state_text) < 0)
		return ty_error(y, v,
				"unknown state '%s' (expected affected, "
				"not_affected, fixed or under_investigation)",
				e.state_text);
	v = ty_get(m, "justification");
	if (v) {
		e.justification_text = ty_text(y, v, "justification");
		if (!e.justification_text)
			return MDSEC_EINPUT;
		if (mdsec_triage_justification_parse(&e.justification,
						     e.justification_text) < 0)
			return ty_error(
				y, v,
				"unknown justification '%s' (expected "
				"component_not_present, "
				"vulnerable_code_not_present, "
				"vulnerable_code_not_in_execute_path, "
				"vulnerable_code_cannot_be_controlled_by_"
				"adversary, inline_mitigations_already_exist, "
				"or a CycloneDX justification)",
				e.justification_text);
		if (e.state != MDSEC_TRIAGE_NOT_AFFECTED)
			return ty_error(y, v,
					"'justification' with state '%s' "
					"(expected it only for not_affected)",
					e.state_text);
	}
	v = ty_get(m, "response");
	if (v) {
		rc = each_text(y, v, "response", add_response, &e.responses);
		if (rc < 0)
			return rc;
	}
	v = ty_get(m, "action");
	if (v && !(e.action = ty_text(y, v, "action")))
		return MDSEC_EINPUT;
	v = ty_get(m, "detail");
	if (v && !(e.detail = ty_text(y, v, "detail")))
		return MDSEC_EINPUT;
	v = ty_get(m, "author");
	if (v && !(e.author = ty_text(y, v, "author")))
		return MDSEC_EINPUT;
	v = ty_get(m, "date");
	if (v && !(e.date = date_value(y, v)))
		return MDSEC_EINPUT;
	if (e.state == MDSEC_TRIAGE_NOT_AFFECTED && !e.justification &&
	    !e.detail)
		return ty_error(y, m,
				"a not_affected decision without "
				"'justification' or 'detail' (expected why "
				"the device is not affected)");
	for (k = 0; k < y->t->entries.n; k++) {
		const struct mdsec_triage_entry *o = &y->t->entries.v[k];

		if (o->loc.file == y->file && o->vuln &&
		    !strcasecmp(o->vuln, e.vuln) &&
		    triage_subject_equal(&o->subject, &e.subject))
			return ty_error(y, m,
					"a second decision about '%s' for the "
					"same component (expected one; the "
					"first is at line %u)",
					e.vuln, o->loc.line);
	}
	k = triage_new_entry(y->t);
	if (k == (size_t)-1)
		return MDSEC_ENOMEM;
	d = &y->t->entries.v[k];
	*d = e;
	v = ty_get(m, "aliases");
	if (v) {
		rc = each_text(y, v, "aliases", add_alias, d);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int yaml_triage_read(struct triage_yreader *y, const struct ynode *root)
{
	const struct ynode *v, *it;
	int rc = 0;

	if (root->type != YNODE_MAPPING)
		return ty_error(y, root,
				"the triage file is %s (expected a mapping "
				"with 'format' and 'entries')",
				ynode_type_name(root));
	if (check_keys(y, root, "the triage file", top_keys))
		return MDSEC_EINPUT;
	v = ty_get(root, "format");
	if (v->type != YNODE_SCALAR || strcmp(v->str, TRIAGE_FORMAT))
		return ty_error(y, v,
				"'format' is '%s' (expected " TRIAGE_FORMAT ")",
				v->type == YNODE_SCALAR ? v->str : "not text");
	v = ty_get(root, "entries");
	if (!v || ynode_is_null(v))
		return 0;
	if (v->type != YNODE_SEQUENCE)
		return ty_error(y, v,
				"'entries' is %s (expected a list of "
				"decisions)",
				ynode_type_name(v));
	for (it = v->child; it; it = it->next) {
		int one = read_entry(y, it);

		if (one == MDSEC_ENOMEM)
			return one;
		if (one < 0)
			rc = one;
	}
	return rc;
}

/* ---------------------------------------------------------------------
 * Writing
 */

static bool looks_special(const char *s)
{
	static const char *const words[] = { "true", "false", "yes",  "no",
					     "on",   "off",   "null", "y",
					     "n",    "~",     NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return true;
	/* numbers, dates, times, versions such as 2.10 that a YAML 1.1
	 * reader would turn into something other than this text */
	if ((*s >= '0' && *s <= '9') || *s == '.' || *s == '+' || *s == '-')
		return strspn(s, "0123456789.-+:eE_ ") == strlen(s);
	return false;
}

static bool plain_ok(const char *s, bool flow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (n && (time_valid_date(s) || time_valid_datetime(s)))
		return true; /* read as text here; YAML 1.2 has no dates */
	if (!n || looks_special(s))
		return false;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	      (*p >= '0' && *p <= '9') || *p >= 0x80))
		return false;
	if (s[n - 1] == ' ' || s[n - 1] == ':')
		return false;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (flow && strchr(",[]{}", *p))
			return false;
		if (*p == ':' && p[1] == ' ')
			return false;
		if (*p == ' ' && p[1] == '#')
			return false;
	}
	return true;
}

static void scalar(struct strbuf *sb, const char *s, bool flow)
{
	const unsigned char *p;

	if (plain_ok(s, flow)) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			strbuf_addstr(sb, "\\\"");
			break;
		case '\\':
			strbuf_addstr(sb, "\\\\");
			break;
		case '\n':
			strbuf_addstr(sb, "\\n");
			break;
		case '\t':
			strbuf_addstr(sb, "\\t");
			break;
		case '\r':
			strbuf_addstr(sb, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_addf(sb, "\\x%02x", *p);
			else
				strbuf_addch(sb, *p);
		}
	}
	strbuf_addch(sb, '"');
}

static void field(struct strbuf *sb, unsigned indent, const char *key,
		  const char *value)
{
	if (!value)
		return;
	strbuf_addf(sb, "%*s%s: ", (int)indent, "", key);
	scalar(sb, value, false);
	strbuf_addch(sb, '\n');
}

/* The one-line form of a subject when it has one: its purl, its CPE or
 * name@version, each of which reads back as the same subject. */
static const char *short_subject(const struct mdsec_triage_subject *s,
				 struct strbuf *tmp)
{
	if (s->range || s->ref || s->supplier)
		return NULL;
	if (s->purl && !s->cpe && !s->name)
		return s->purl;
	if (s->cpe && !s->purl && !s->name)
		return s->cpe;
	if (s->name && !s->purl && !s->cpe && strncmp(s->name, "pkg:", 4) &&
	    strncmp(s->name, "cpe:", 4) && !strchr(s->name, '@')) {
		if (!s->version)
			return s->name;
		if (strchr(s->version, '@'))
			return NULL;
		strbuf_addf(tmp, "%s@%s", s->name, s->version);
		return tmp->buf;
	}
	return NULL;
}

int yaml_entry_write(struct strbuf *sb, const struct mdsec_triage_entry *e,
		     unsigned indent)
{
	const struct mdsec_triage_subject *s = &e->subject;
	struct strbuf tmp = STRBUF_INIT;
	unsigned in = indent + 2, i;
	const char *one = short_subject(s, &tmp);

	strbuf_addf(sb, "%*s- component:", (int)indent, "");
	if (one) {
		strbuf_addch(sb, ' ');
		scalar(sb, one, false);
		strbuf_addch(sb, '\n');
	} else {
		strbuf_addch(sb, '\n');
		field(sb, in + 2, "purl", s->purl);
		field(sb, in + 2, "cpe", s->cpe);
		field(sb, in + 2, "name", s->name);
		field(sb, in + 2, "version", s->version);
		field(sb, in + 2, "range", s->range);
		field(sb, in + 2, "ref", s->ref);
		field(sb, in + 2, "supplier", s->supplier);
	}
	strbuf_release(&tmp);
	field(sb, in, "vulnerability", e->vuln);
	if (e->naliases) {
		size_t k;

		strbuf_addf(sb, "%*saliases: [", (int)in, "");
		for (k = 0; k < e->naliases; k++) {
			if (k)
				strbuf_addstr(sb, ", ");
			scalar(sb, e->aliases[k], true);
		}
		strbuf_addstr(sb, "]\n");
	}
	field(sb, in, "state", mdsec_triage_state_name(e->state));
	if (e->state == MDSEC_TRIAGE_NOT_AFFECTED && e->justification)
		field(sb, in, "justification",
		      e->justification_text ? e->justification_text
					    : mdsec_triage_justification_name(
						      e->justification));
	if (e->responses) {
		bool first = true;

		strbuf_addf(sb, "%*sresponse: [", (int)in, "");
		for (i = 0; i < MDSEC_TRIAGE_NRESPONSES; i++) {
			if (!(e->responses & (1u << i)))
				continue;
			strbuf_addf(sb, "%s%s", first ? "" : ", ",
				    triage_response_names[i]);
			first = false;
		}
		strbuf_addstr(sb, "]\n");
	}
	field(sb, in, "action", e->action);
	/* the reader wants to know why for not_affected, as OpenVEX and
	 * CSAF do: a source that did not say gets the writers' fallback */
	field(sb, in, "detail",
	      e->detail || e->state != MDSEC_TRIAGE_NOT_AFFECTED ||
			      e->justification
		      ? e->detail
		      : "No justification was recorded.");
	field(sb, in, "author", e->author);
	field(sb, in, "date", e->date);
	return sb->buf == strbuf_empty && sb->len == 0 ? MDSEC_ENOMEM : 0;
}

static const char file_header[] =
	"# Triage decisions of the device maker: one entry per component and\n"
	"# vulnerability (docs/triage.md).\n"
	"format: " TRIAGE_FORMAT "\n";

int mdsec_triage_write_yaml(char **out, size_t *len, const mdsec_triage *t,
			    int origin_filter)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	*out = NULL;
	if (len)
		*len = 0;
	strbuf_addstr(&sb, file_header);
	for (i = 0; i < t->entries.n; i++)
		if (origin_filter < 0 ||
		    (int)t->entries.v[i].origin == origin_filter)
			n++;
	strbuf_addstr(&sb, n ? "entries:\n" : "entries: []\n");
	for (i = 0; i < t->entries.n; i++) {
		const struct mdsec_triage_entry *e = &t->entries.v[i];

		if (origin_filter >= 0 && (int)e->origin != origin_filter)
			continue;
		yaml_entry_write(&sb, e, 2);
	}
	*out = strbuf_detach(&sb, len);
	return *out ? 0 : MDSEC_ENOMEM;
}

/* ---------------------------------------------------------------------
 * Recording a decision: editing the file's text
 */

/* Byte offsets of the starts of lines; lines[n] == len. */
struct lines {
	size_t *v;
	size_t n;
};

static int split_lines(struct lines *L, const char *text, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len)
			n++;
	L->v = xcalloc(n + 1, sizeof(*L->v));
	if (!L->v)
		return MDSEC_ENOMEM;
	L->n = 0;
	L->v[L->n++] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len)
			L->v[L->n++] = i + 1;
	L->v[L->n] = len;
	return 0;
}

/* Column (1-based) of the first non-blank byte of line ln (0-based), or
 * 0 for a blank or comment-only line. */
static unsigned content_col(const char *text, const struct lines *L, size_t ln)
{
	size_t i = L->v[ln], end = L->v[ln + 1];

	while (i < end && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i >= end || text[i] == '\n' || text[i] == '\r' || text[i] == '#')
		return 0;
	return (unsigned)(i - L->v[ln]) + 1;
}

/* The lines [first, last] (0-based) of the list item starting on line
 * `start` whose '-' is at column dash. */
static void item_span(const char *text, const struct lines *L, size_t start,
		      unsigned dash, size_t *last)
{
	size_t ln;

	*last = start;
	for (ln = start + 1; ln < L->n; ln++) {
		unsigned c = content_col(text, L, ln);

		if (c == 0)
			continue;
		if (c <= dash)
			break;
		*last = ln;
	}
}

/* The line (0-based) of the '-' that starts item `it` of a block list
 * whose dashes are at column dash. */
static size_t dash_line(const char *text, const struct lines *L,
			const struct ynode *it, unsigned dash)
{
	size_t ln = it->line ? it->line - 1 : 0;

	while (ln > 0) {
		size_t off = L->v[ln] + dash - 1;

		if (off < L->v[ln + 1] && text[off] == '-' &&
		    content_col(text, L, ln) == dash)
			break;
		ln--;
	}
	return ln;
}

/* Parse text as a triage file into a new list (errors into dl). */
static int parse_text(mdsec_triage **out, struct ynode **root,
		      struct arena *nodes, struct arena *strings,
		      const char *name, const char *text, size_t len,
		      struct mdsec_diag_list *dl)
{
	enum mdsec_triage_format fmt = MDSEC_TRIAGE_FMT_UNKNOWN;
	mdsec_triage *t = mdsec_triage_new();
	int rc;

	*out = NULL;
	if (!t)
		return MDSEC_ENOMEM;
	rc = mdsec_triage_load_buffer(&fmt, t, name, text, len,
				      MDSEC_TRIAGE_OWN, dl);
	if (rc == 0 && fmt != MDSEC_TRIAGE_FMT_YAML) {
		struct mdsec_loc l = { name, 1, 1 };

		rc = diag_error(
			dl, l,
			"not a triage file: the content is %s (expected "
			"'format: " TRIAGE_FORMAT "')",
			mdsec_triage_format_name(fmt));
	}
	if (rc == 0 && root)
		rc = ytree_parse(root, nodes, strings, name, text, len, dl);
	if (rc < 0) {
		mdsec_triage_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* The entry e as the reader sees it (subject canonicalised, checked). */
static int canonical_entry(mdsec_triage **out,
			   const struct mdsec_triage_entry *e,
			   struct mdsec_diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	strbuf_addstr(&sb, "format: " TRIAGE_FORMAT "\nentries:\n");
	yaml_entry_write(&sb, e, 2);
	rc = parse_text(out, NULL, NULL, NULL, "(the decision)", sb.buf, sb.len,
			dl);
	strbuf_release(&sb);
	if (rc == 0 && (*out)->entries.n != 1) {
		mdsec_triage_free(*out);
		*out = NULL;
		rc = MDSEC_EINPUT;
	}
	return rc;
}

static bool same_decision_key(const struct mdsec_triage_entry *a,
			      const struct mdsec_triage_entry *b)
{
	return !strcasecmp(a->vuln, b->vuln) &&
	       triage_subject_equal(&a->subject, &b->subject);
}

/* Build the new text: old with the entry replaced or appended. */
static int edit_text(struct strbuf *out, bool *replaced, const char *old,
		     size_t len, const struct ynode *root,
		     const mdsec_triage *t,
		     const struct mdsec_triage_entry *want)
{
	const struct ynode *k, *seq = NULL, *key = NULL, *it;
	struct lines L = { NULL, 0 };
	size_t i, first = 0, last = 0, cut_from, cut_to;
	unsigned dash = 3;
	int rc;

	*replaced = false;
	rc = split_lines(&L, old, len);
	if (rc < 0)
		return rc;
	for (k = root->child; k && k->next; k = k->next->next)
		if (!strcmp(k->str, "entries")) {
			key = k;
			seq = k->next;
		}
	if (seq && seq->type == YNODE_SEQUENCE) {
		size_t off = L.v[seq->line - 1] + seq->col - 1;

		if (off < len && old[off] == '[') {
			/* a flow list: only the empty one, "[]", is edited */
			if (seq->n) {
				rc = MDSEC_EINPUT;
				goto out;
			}
			strbuf_add(out, old, off);
			while (out->len && out->buf[out->len - 1] == ' ')
				strbuf_setlen(out, out->len - 1);
			strbuf_addch(out, '\n');
			yaml_entry_write(out, want, 2);
			off = L.v[seq->line]; /* the rest after that line */
			if (off > len)
				off = len;
			strbuf_add(out, old + off, len - off);
			goto out;
		}
		dash = seq->col;
	}
	if (!seq || seq->type != YNODE_SEQUENCE || seq->n == 0) {
		/* no list yet: after "entries:" or at the end */
		size_t at = key ? L.v[key->line] : len;

		if (key && key->line >= L.n)
			at = len;
		strbuf_add(out, old, at);
		if (out->len && out->buf[out->len - 1] != '\n')
			strbuf_addch(out, '\n');
		if (!key)
			strbuf_addstr(out, "entries:\n");
		yaml_entry_write(out, want, 2);
		strbuf_add(out, old + at, len - at);
		goto out;
	}
	/* t's entries are the list's items, in order */
	for (it = seq->child, i = 0; it; it = it->next, i++) {
		first = dash_line(old, &L, it, dash);
		item_span(old, &L, first, dash, &last);
		if (i < t->entries.n &&
		    same_decision_key(&t->entries.v[i], want))
			break;
	}
	*replaced = it != NULL;
	if (*replaced) {
		cut_from = L.v[first];
		cut_to = L.v[last + 1];
	} else {
		cut_from = cut_to = L.v[last + 1];
	}
	strbuf_add(out, old, cut_from);
	if (out->len && out->buf[out->len - 1] != '\n')
		strbuf_addch(out, '\n');
	yaml_entry_write(out, want, dash - 1);
	strbuf_add(out, old + cut_to, len - cut_to);
out:
	xfree(L.v);
	if (rc == 0 && out->buf == strbuf_empty)
		rc = MDSEC_ENOMEM;
	return rc;
}

int mdsec_triage_record(bool *replaced_out, const char *path,
			const struct mdsec_triage_entry *e,
			struct mdsec_diag_list *dl)
{
	struct arena nodes = ARENA_INIT, strings = ARENA_INIT;
	struct mdsec_triage_entry want;
	struct strbuf old = STRBUF_INIT, text = STRBUF_INIT;
	mdsec_triage *cur = NULL, *canon = NULL, *check = NULL;
	struct ynode *root = NULL;
	struct mdsec_loc l = { path, 0, 0 };
	bool replaced = false;
	char now[21];
	size_t i;
	int rc;

	if (replaced_out)
		*replaced_out = false;
	if (!e->vuln || !*e->vuln || triage_subject_empty(&e->subject))
		return MDSEC_EUSAGE;
	want = *e;
	if (!want.date) {
		time_t t;

		time_output(&t);
		time_iso8601(now, t);
		want.date = now;
	}
	want.state_text = NULL;
	rc = canonical_entry(&canon, &want, dl);
	if (rc < 0)
		goto out;
	rc = file_read_capped(&old, path, MDSEC_TRIAGE_MAX_BYTES);
	if (rc == MDSEC_ENOTFOUND) {
		strbuf_addstr(&text, file_header);
		strbuf_addstr(&text, "entries:\n");
		rc = yaml_entry_write(&text, &canon->entries.v[0], 2);
	} else if (rc < 0) {
		if (rc != MDSEC_ENOMEM)
			diag_error(dl, l,
				   "cannot read: %s (expected a "
				   "readable triage file)",
				   rc == MDSEC_ELIMIT ? "too large"
						      : strerror(errno));
		goto out;
	} else {
		rc = parse_text(&cur, &root, &nodes, &strings, path, old.buf,
				old.len, dl);
		if (rc < 0)
			goto out;
		if (!root || root->type != YNODE_MAPPING) {
			rc = MDSEC_EINPUT;
			goto out;
		}
		rc = edit_text(&text, &replaced, old.buf, old.len, root, cur,
			       &canon->entries.v[0]);
		if (rc == MDSEC_EINPUT)
			diag_error(dl, l,
				   "'entries' is a flow list (expected a "
				   "block list, one '- ' item per entry, to "
				   "edit)");
		if (rc < 0)
			goto out;
	}
	if (rc < 0)
		goto out;
	/* read the result back: it must hold the decision, and every other
	 * entry unchanged */
	rc = parse_text(&check, NULL, NULL, NULL, path, text.buf, text.len, dl);
	if (rc < 0)
		goto out;
	rc = MDSEC_EINPUT;
	if (check->entries.n != (cur ? cur->entries.n : 0) + !replaced)
		goto out;
	for (i = 0; i < check->entries.n; i++)
		if (same_decision_key(&check->entries.v[i],
				      &canon->entries.v[0]))
			rc = 0;
	if (rc < 0)
		goto out;
	if (file_write_atomic(path, text.buf, text.len) < 0) {
		diag_error(dl, l,
			   "cannot write: %s (expected a writable "
			   "triage file)",
			   strerror(errno));
		rc = MDSEC_EIO;
		goto out;
	}
	if (replaced_out)
		*replaced_out = replaced;
out:
	mdsec_triage_free(cur);
	mdsec_triage_free(canon);
	mdsec_triage_free(check);
	arena_release(&nodes);
	arena_release(&strings);
	strbuf_release(&old);
	strbuf_release(&text);
	return rc;
}
