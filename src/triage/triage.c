/* SPDX-License-Identifier: Apache-2.0
 *
 * triage.c - the list of triage statements: creating, appending, copying
 * and freeing; the names of states, justifications and responses and the
 * mapping between the OpenVEX/CSAF and CycloneDX vocabularies
 * (docs/triage.md); subjects typed by a user; and finding the statements
 * that apply to one finding (a component and a vulnerability), the
 * device maker's own first. Version ranges are package-url "vers"
 * (github.com/package-url/purl-spec, VERSION-RANGE-SPEC.rst), decided by
 * the version schemes of mdsec/version.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "mdsec/version.h"
#include "sbom/sbom_int.h"
#include "triage/triage_int.h"

#include "base/banned.h"

struct mdsec_triage_arena {
	struct arena a;
};

mdsec_triage *mdsec_triage_new(void)
{
	mdsec_triage *t = xcalloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->mem = xcalloc(1, sizeof(*t->mem));
	if (!t->mem) {
		xfree(t);
		return NULL;
	}
	return t;
}

void mdsec_triage_free(mdsec_triage *t)
{
	if (!t)
		return;
	vec_release(&t->entries);
	if (t->mem)
		arena_release(&t->mem->a);
	xfree(t->mem);
	xfree(t);
}

const char *triage_strn(mdsec_triage *t, const char *str, size_t n)
{
	if (!str)
		return NULL;
	return arena_strndup(&t->mem->a, str, n);
}

const char *triage_str(mdsec_triage *t, const char *str)
{
	return str ? triage_strn(t, str, strlen(str)) : NULL;
}

void *triage_alloc(mdsec_triage *t, size_t size)
{
	return arena_alloc(&t->mem->a, size);
}

size_t triage_new_entry(mdsec_triage *t)
{
	struct mdsec_triage_entry e;

	if (t->entries.n >= MDSEC_TRIAGE_MAX_ENTRIES)
		return (size_t)-1;
	memset(&e, 0, sizeof(e));
	if (vec_push(&t->entries, e) < 0)
		return (size_t)-1;
	return t->entries.n - 1;
}

int triage_add_alias(mdsec_triage *t, struct mdsec_triage_entry *e,
		     const char *a)
{
	const char **v;
	size_t i;

	if (!a || !*a || (e->vuln && !strcasecmp(e->vuln, a)))
		return 0;
	for (i = 0; i < e->naliases; i++)
		if (!strcasecmp(e->aliases[i], a))
			return 0;
	/* arena arrays do not grow: copy into one a size larger (aliases
	 * are few) */
	v = arena_array(&t->mem->a, e->naliases + 1, sizeof(*v));
	if (!v)
		return MDSEC_ENOMEM;
	if (e->naliases)
		memcpy(v, e->aliases, e->naliases * sizeof(*v));
	v[e->naliases] = triage_str(t, a);
	if (!v[e->naliases])
		return MDSEC_ENOMEM;
	e->aliases = v;
	e->naliases++;
	return 0;
}

bool triage_subject_empty(const struct mdsec_triage_subject *s)
{
	return !s->purl && !s->cpe && !s->name && !s->ref && !s->supplier;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

bool triage_subject_equal(const struct mdsec_triage_subject *a,
			  const struct mdsec_triage_subject *b)
{
	return str_eq(a->purl, b->purl) && str_eq(a->cpe, b->cpe) &&
	       str_eq(a->name, b->name) && str_eq(a->version, b->version) &&
	       str_eq(a->range, b->range) && str_eq(a->ref, b->ref) &&
	       str_eq(a->supplier, b->supplier);
}

int mdsec_triage_add(mdsec_triage *t, const struct mdsec_triage_entry *e)
{
	struct mdsec_triage_entry *d;
	size_t i, before = t->entries.n, k;

	if (!e->vuln || !*e->vuln || triage_subject_empty(&e->subject))
		return MDSEC_EUSAGE;
	k = triage_new_entry(t);
	if (k == (size_t)-1)
		return MDSEC_ENOMEM;
	d = &t->entries.v[k];
	*d = *e;
	d->aliases = NULL;
	d->naliases = 0;
	d->used = false;
#define COPY(f)                                                                \
	do {                                                                   \
		d->f = triage_str(t, e->f);                                    \
		if (e->f && !d->f)                                             \
			goto nomem;                                            \
	} while (0)
	COPY(subject.purl);
	COPY(subject.cpe);
	COPY(subject.name);
	COPY(subject.version);
	COPY(subject.range);
	COPY(subject.ref);
	COPY(subject.supplier);
	COPY(vuln);
	COPY(state_text);
	COPY(justification_text);
	COPY(action);
	COPY(detail);
	COPY(author);
	COPY(date);
	COPY(doc_id);
	COPY(loc.file);
#undef COPY
	for (i = 0; i < e->naliases; i++)
		if (triage_add_alias(t, d, e->aliases[i]) < 0)
			goto nomem;
	return 0;
nomem:
	t->entries.n = before;
	return MDSEC_ENOMEM;
}

/* ---------------------------------------------------------------------
 * Names and mappings (docs/triage.md, "Mappings")
 */

static const char *const state_names[] = {
	"under_investigation",
	"affected",
	"not_affected",
	"fixed",
};

const char *mdsec_triage_state_name(enum mdsec_triage_state s)
{
	if ((unsigned)s >= sizeof(state_names) / sizeof(state_names[0]))
		return "under_investigation";
	return state_names[s];
}

int mdsec_triage_state_parse(enum mdsec_triage_state *out, const char *s)
{
	unsigned i;

	for (i = 0; s && i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (!strcmp(s, state_names[i])) {
			*out = (enum mdsec_triage_state)i;
			return 0;
		}
	return MDSEC_EINPUT;
}

/* OpenVEX 0.2 "Status Justifications"; CSAF 2.0 3.2.3.5 flags label. */
static const char *const just_names[MDSEC_TRIAGE_NJUST] = {
	NULL,
	"component_not_present",
	"vulnerable_code_not_present",
	"vulnerable_code_not_in_execute_path",
	"vulnerable_code_cannot_be_controlled_by_adversary",
	"inline_mitigations_already_exist",
};

/* CycloneDX 1.6 vulnerabilities[].analysis.justification, written for
 * each label: the closest of the nine. */
static const char *const just_cdx_out[MDSEC_TRIAGE_NJUST] = {
	NULL,
	"code_not_present",
	"code_not_present",
	"code_not_reachable",
	"requires_environment",
	"protected_by_mitigating_control",
};

/* And each of the nine read as a label. */
static const struct {
	const char *cdx;
	enum mdsec_triage_justification j;
} just_cdx_in[] = {
	{ "code_not_present", MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT },
	{ "code_not_reachable",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH },
	{ "requires_configuration",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH },
	{ "requires_dependency", MDSEC_TRIAGE_COMPONENT_NOT_PRESENT },
	{ "requires_environment",
	  MDSEC_TRIAGE_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY },
	{ "protected_by_compiler",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST },
	{ "protected_at_runtime",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST },
	{ "protected_at_perimeter",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST },
	{ "protected_by_mitigating_control",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST },
};

const char *mdsec_triage_justification_name(enum mdsec_triage_justification j)
{
	if ((unsigned)j >= MDSEC_TRIAGE_NJUST)
		return NULL;
	return just_names[j];
}

const char *mdsec_triage_justification_cdx(enum mdsec_triage_justification j)
{
	if ((unsigned)j >= MDSEC_TRIAGE_NJUST)
		return NULL;
	return just_cdx_out[j];
}

bool triage_cdx_justification_known(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(just_cdx_in) / sizeof(just_cdx_in[0]); i++)
		if (!strcmp(s, just_cdx_in[i].cdx))
			return true;
	return false;
}

int mdsec_triage_justification_parse(enum mdsec_triage_justification *out,
				     const char *s)
{
	size_t i;

	if (!s)
		return MDSEC_EINPUT;
	for (i = 1; i < MDSEC_TRIAGE_NJUST; i++)
		if (!strcmp(s, just_names[i])) {
			*out = (enum mdsec_triage_justification)i;
			return 0;
		}
	for (i = 0; i < sizeof(just_cdx_in) / sizeof(just_cdx_in[0]); i++)
		if (!strcmp(s, just_cdx_in[i].cdx)) {
			*out = just_cdx_in[i].j;
			return 0;
		}
	return MDSEC_EINPUT;
}

/* CycloneDX 1.6 vulnerabilities[].analysis.response, in bit order. */
const char *const triage_response_names[MDSEC_TRIAGE_NRESPONSES] = {
	"can_not_fix", "will_not_fix",	       "update",
	"rollback",    "workaround_available",
};

const char *mdsec_triage_response_name(unsigned bit)
{
	unsigned i;

	for (i = 0; i < MDSEC_TRIAGE_NRESPONSES; i++)
		if (bit == 1u << i)
			return triage_response_names[i];
	return NULL;
}

int mdsec_triage_response_parse(unsigned *out, const char *s)
{
	unsigned i;

	for (i = 0; s && i < MDSEC_TRIAGE_NRESPONSES; i++)
		if (!strcmp(s, triage_response_names[i])) {
			*out = 1u << i;
			return 0;
		}
	return MDSEC_EINPUT;
}

const char *mdsec_triage_format_name(enum mdsec_triage_format f)
{
	switch (f) {
	case MDSEC_TRIAGE_FMT_YAML:
		return "yaml";
	case MDSEC_TRIAGE_FMT_OPENVEX:
		return "openvex";
	case MDSEC_TRIAGE_FMT_CYCLONEDX:
		return "cyclonedx";
	case MDSEC_TRIAGE_FMT_CSAF:
		return "csaf";
	case MDSEC_TRIAGE_FMT_ESPIDF:
		return "esp-idf";
	default:
		return "unknown";
	}
}

/* ---------------------------------------------------------------------
 * Subjects
 */

int mdsec_triage_subject_parse(struct mdsec_triage_subject *out,
			       mdsec_triage *t, const char *text, char *err,
			       size_t errlen)
{
	char *canon = NULL;
	const char *at;
	unsigned col;
	int rc;

	memset(out, 0, sizeof(*out));
	if (errlen)
		err[0] = '\0';
	if (!text || !*text) {
		snprintf(err, errlen,
			 "empty component (expected a purl, a CPE or "
			 "name@version)");
		return MDSEC_EINPUT;
	}
	if (!strncmp(text, "pkg:", 4)) {
		rc = mdsec_purl_canonical(text, &canon, err, errlen, &col);
		if (rc < 0)
			return rc;
		out->purl = triage_str(t, canon);
		free(canon);
		return out->purl ? 0 : MDSEC_ENOMEM;
	}
	if (!strncmp(text, "cpe:", 4)) {
		rc = mdsec_cpe_canonical(text, &canon, err, errlen, &col);
		if (rc < 0)
			return rc;
		out->cpe = triage_str(t, canon);
		free(canon);
		return out->cpe ? 0 : MDSEC_ENOMEM;
	}
	at = strrchr(text, '@');
	if (at && at > text && at[1]) {
		out->name = triage_strn(t, text, (size_t)(at - text));
		out->version = triage_str(t, at + 1);
		if (!out->name || !out->version) {
			memset(out, 0, sizeof(*out));
			return MDSEC_ENOMEM;
		}
		return 0;
	}
	out->name = triage_str(t, text);
	return out->name ? 0 : MDSEC_ENOMEM;
}

void mdsec_triage_subject_of(struct mdsec_triage_subject *out,
			     const struct mdsec_component *c)
{
	memset(out, 0, sizeof(*out));
	if (c->purl) {
		out->purl = c->purl;
	} else if (c->cpe) {
		out->cpe = c->cpe;
	} else {
		out->name = c->name;
		out->version = c->version;
	}
}

/* ---------------------------------------------------------------------
 * vers: version range specifiers (purl-spec VERSION-RANGE-SPEC.rst)
 */

#define VERS_MAX 64

enum vers_op { V_ANY, V_EQ, V_NE, V_LT, V_LE, V_GT, V_GE };

struct vers_c {
	enum vers_op op;
	char *v; /* percent-decoded, malloc'd */
};

static enum mdsec_version_scheme vers_scheme(const char *s, size_t n)
{
	static const struct {
		const char *name;
		enum mdsec_version_scheme sch;
	} map[] = {
		{ "semver", MDSEC_VER_SEMVER },
		{ "npm", MDSEC_VER_SEMVER },
		{ "cargo", MDSEC_VER_SEMVER },
		{ "golang", MDSEC_VER_SEMVER },
		{ "deb", MDSEC_VER_DEBIAN },
		{ "rpm", MDSEC_VER_RPM },
		{ "openssl", MDSEC_VER_OPENSSL },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].name) == n && !strncasecmp(s, map[i].name, n))
			return map[i].sch;
	return MDSEC_VER_GENERIC;
}

/* The version of a vers constraint, percent-decoded; NULL on no memory. */
static char *vers_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	if (sbom_pct_decode(&sb, s, n) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* Sort constraints by version (insertion sort: at most VERS_MAX). */
static void vers_sort(struct vers_c *cs, int n, enum mdsec_version_scheme sch)
{
	int i, k;

	for (i = 1; i < n; i++) {
		struct vers_c x = cs[i];

		for (k = i;
		     k > 0 && mdsec_version_cmp(sch, cs[k - 1].v, x.v) > 0; k--)
			cs[k] = cs[k - 1];
		cs[k] = x;
	}
}

/* Parse "vers:<scheme>/<c>|<c>..." into cs; the count, or -1. */
static int vers_parse(const char *range, enum mdsec_version_scheme *sch,
		      struct vers_c *cs)
{
	const char *p, *slash, *end;
	int n = 0;

	if (!range || strncasecmp(range, "vers:", 5))
		return -1;
	p = range + 5;
	slash = strchr(p, '/');
	if (!slash || slash == p)
		return -1;
	*sch = vers_scheme(p, (size_t)(slash - p));
	p = slash + 1;
	while (*p) {
		enum vers_op op = V_EQ;
		size_t len;

		while (*p == ' ')
			p++;
		end = strchr(p, '|');
		len = end ? (size_t)(end - p) : strlen(p);
		while (len && p[len - 1] == ' ')
			len--;
		if (n >= VERS_MAX || len == 0)
			goto bad;
		if (len == 1 && *p == '*') {
			op = V_ANY;
			p++;
			len = 0;
		} else if (!strncmp(p, ">=", 2) || !strncmp(p, "<=", 2) ||
			   !strncmp(p, "!=", 2)) {
			op = *p == '>' ? V_GE : *p == '<' ? V_LE : V_NE;
			p += 2;
			len -= 2;
		} else if (*p == '<' || *p == '>' || *p == '=') {
			op = *p == '<' ? V_LT : *p == '>' ? V_GT : V_EQ;
			p++;
			len--;
		}
		if (op != V_ANY && len == 0)
			goto bad;
		cs[n].op = op;
		cs[n].v = vers_decode(p, len);
		if (!cs[n].v)
			goto bad;
		n++;
		p += len;
		while (*p == ' ')
			p++;
		if (*p == '|')
			p++;
		else if (*p)
			goto bad;
	}
	if (n == 0)
		return -1;
	return n;
bad:
	while (n > 0)
		xfree(cs[--n].v);
	return -1;
}

bool mdsec_triage_vers_contains(const char *range, const char *v)
{
	struct vers_c cs[VERS_MAX], rest[VERS_MAX];
	enum mdsec_version_scheme sch = MDSEC_VER_GENERIC;
	bool result = false, had_ne = false;
	int n, m = 0, i;

	if (!v)
		return false;
	n = vers_parse(range, &sch, cs);
	if (n < 0)
		return false;
	for (i = 0; i < n; i++) {
		int c = cs[i].op == V_ANY ? 0
					  : mdsec_version_cmp(sch, v, cs[i].v);

		if (cs[i].op == V_ANY ||
		    (c == 0 && (cs[i].op == V_EQ || cs[i].op == V_LE ||
				cs[i].op == V_GE))) {
			result = true;
			goto out;
		}
		if (cs[i].op == V_NE) {
			had_ne = true;
			if (c == 0)
				goto out;
			continue;
		}
		if (cs[i].op != V_EQ)
			rest[m++] = cs[i];
	}
	if (m == 0) {
		result = had_ne;
		goto out;
	}
	vers_sort(rest, m, sch);
	for (i = 0; i < m; i++) {
		enum vers_op op = rest[i].op;
		int c = mdsec_version_cmp(sch, v, rest[i].v);

		if (i == 0 && (op == V_LT || op == V_LE) && c < 0) {
			result = true;
			break;
		}
		if (i == m - 1 && (op == V_GT || op == V_GE) && c > 0) {
			result = true;
			break;
		}
		if (i + 1 < m && (op == V_GT || op == V_GE) &&
		    (rest[i + 1].op == V_LT || rest[i + 1].op == V_LE) &&
		    c > 0 && mdsec_version_cmp(sch, v, rest[i + 1].v) < 0) {
			result = true;
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		xfree(cs[i].v);
	return result;
}

/* ---------------------------------------------------------------------
 * Matching (docs/triage.md, "How a statement finds its component")
 */

/* Case-insensitive substring. */
static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return true;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static bool purl_same_package(const struct mdsec_purl *a,
			      const struct mdsec_purl *b)
{
	return !strcmp(a->type, b->type) &&
	       str_eq(a->namespace_, b->namespace_) &&
	       !strcmp(a->name, b->name);
}

/* The subject's exact version and range against the component's
 * version v (its version, else its purl's or CPE's). */
static bool version_ok(const struct mdsec_triage_subject *s, const char *v)
{
	if (s->version && (!v || strcasecmp(s->version, v)))
		return false;
	return !s->range || mdsec_triage_vers_contains(s->range, v);
}

static bool match_purl(const struct mdsec_triage_subject *s,
		       const struct mdsec_component *c)
{
	struct mdsec_purl a, b;
	bool ok = false;

	if (mdsec_purl_parse(s->purl, &a, NULL, 0, NULL) < 0)
		return false;
	if (mdsec_purl_parse(c->purl, &b, NULL, 0, NULL) < 0) {
		mdsec_purl_release(&a);
		return false;
	}
	if (purl_same_package(&a, &b) &&
	    (!a.version || (b.version && !strcmp(a.version, b.version))))
		ok = version_ok(s, b.version ? b.version : c->version);
	mdsec_purl_release(&a);
	mdsec_purl_release(&b);
	return ok;
}

static bool match_cpe(const struct mdsec_triage_subject *s,
		      const struct mdsec_component *c)
{
	struct mdsec_cpe a = MDSEC_CPE_INIT, b = MDSEC_CPE_INIT;
	enum mdsec_cpe_rel rel;
	char vbuf[256];
	const char *v;
	bool ok = false;

	if (mdsec_cpe_parse(s->cpe, &a, NULL, 0, NULL) < 0)
		return false;
	if (mdsec_cpe_parse(c->cpe, &b, NULL, 0, NULL) < 0)
		goto out;
	if (!mdsec_cpe_attr_equal(&a, &b, MDSEC_CPE_VENDOR) ||
	    !mdsec_cpe_attr_equal(&a, &b, MDSEC_CPE_PRODUCT))
		goto out;
	rel = mdsec_cpe_compare_attr(&a, &b, MDSEC_CPE_VERSION);
	if (rel != MDSEC_CPE_EQUAL && rel != MDSEC_CPE_SUPERSET)
		goto out;
	v = c->version;
	if (!v && b.v[MDSEC_CPE_VERSION] &&
	    b.v[MDSEC_CPE_VERSION] != MDSEC_CPE_NA_VALUE)
		v = mdsec_cpe_attr_get(&b, MDSEC_CPE_VERSION, vbuf,
				       sizeof(vbuf));
	ok = version_ok(s, v);
out:
	mdsec_cpe_release(&a);
	mdsec_cpe_release(&b);
	return ok;
}

static bool match_name(const char *name, const char *version,
		       const struct mdsec_triage_subject *s,
		       const struct mdsec_component *c)
{
	if (strcasecmp(name, c->name))
		return false;
	if (version && (!c->version || strcasecmp(version, c->version)))
		return false;
	return version_ok(s, c->version);
}

/* The fragment a ref names: after '#' in a CycloneDX bom-link. */
static const char *ref_fragment(const char *ref)
{
	const char *h;

	if (!strncmp(ref, "urn:cdx:", 8)) {
		h = strchr(ref, '#');
		if (h)
			return h + 1;
	}
	return ref;
}

bool mdsec_triage_subject_matches(const struct mdsec_triage_subject *s,
				  const struct mdsec_component *c)
{
	if (triage_subject_empty(s))
		return false;
	if (s->supplier &&
	    (!c->supplier || !contains_ci(c->supplier, s->supplier)))
		return false;
	if (s->purl && c->purl)
		return match_purl(s, c);
	if (s->cpe && c->cpe)
		return match_cpe(s, c);
	if (s->name)
		return match_name(s->name, NULL, s, c);
	if (s->purl) {
		/* a purl against a component known by name: its name and
		 * version */
		struct mdsec_purl p;
		bool ok;

		if (mdsec_purl_parse(s->purl, &p, NULL, 0, NULL) < 0)
			return false;
		ok = match_name(p.name, p.version, s, c);
		mdsec_purl_release(&p);
		return ok;
	}
	if (s->ref)
		return c->ref && !strcmp(ref_fragment(s->ref), c->ref) &&
		       version_ok(s, c->version);
	if (s->cpe)
		return false;
	/* a supplier alone: every component it supplies */
	return version_ok(s, c->version);
}

bool mdsec_triage_entry_about(const struct mdsec_triage_entry *e,
			      const char *id, const char *const *aliases,
			      size_t naliases)
{
	size_t i, k;

	if (!e->vuln)
		return false;
	for (i = 0; i <= naliases; i++) {
		const char *want = i == 0 ? id : aliases[i - 1];

		if (!want)
			continue;
		if (!strcasecmp(want, e->vuln))
			return true;
		for (k = 0; k < e->naliases; k++)
			if (!strcasecmp(want, e->aliases[k]))
				return true;
	}
	return false;
}

/* How specific a subject is: a versioned purl names one package release,
 * a supplier alone a whole vendor. */
static int specificity(const struct mdsec_triage_subject *s)
{
	int v = s->version || s->range ? 5 : 0;

	if (s->purl)
		return 40 + (strchr(s->purl, '@') ? 5 : v);
	if (s->cpe)
		return 30 + v;
	if (s->name)
		return 20 + v;
	if (s->ref)
		return 10 + v;
	return v;
}

/* Whether a should be chosen over b (b chosen earlier, so read before). */
static bool better(const struct mdsec_triage_entry *a,
		   const struct mdsec_triage_entry *b)
{
	int sa = specificity(&a->subject), sb = specificity(&b->subject), c;

	if (sa != sb)
		return sa > sb;
	c = strcmp(a->date ? a->date : "", b->date ? b->date : "");
	if (c != 0)
		return c > 0;
	return true; /* the later read wins a tie */
}

int mdsec_triage_lookup(struct mdsec_triage_match *out, mdsec_triage *t,
			const struct mdsec_component *c, const char *id,
			const char *const *aliases, size_t naliases)
{
	size_t i, k = 0, n = 0;
	int pass;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < t->entries.n; i++) {
		struct mdsec_triage_entry *e = &t->entries.v[i];

		if (mdsec_triage_entry_about(e, id, aliases, naliases) &&
		    mdsec_triage_subject_matches(&e->subject, c))
			n++;
	}
	if (!n)
		return 0;
	out->all = xcalloc(n, sizeof(*out->all));
	if (!out->all)
		return MDSEC_ENOMEM;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->entries.n; i++) {
			struct mdsec_triage_entry *e = &t->entries.v[i];
			const struct mdsec_triage_entry **best;

			if ((pass == 0) != (e->origin == MDSEC_TRIAGE_OWN))
				continue;
			if (!mdsec_triage_entry_about(e, id, aliases,
						      naliases) ||
			    !mdsec_triage_subject_matches(&e->subject, c))
				continue;
			e->used = true;
			out->all[k++] = e;
			best = pass == 0 ? &out->own : &out->supplier;
			if (!*best || better(e, *best))
				*best = e;
		}
	}
	out->n = k;
	out->decision = out->own ? out->own : out->supplier;
	return 0;
}

void mdsec_triage_match_release(struct mdsec_triage_match *m)
{
	xfree(m->all);
	memset(m, 0, sizeof(*m));
}

void mdsec_triage_clear_used(mdsec_triage *t)
{
	size_t i;

	for (i = 0; i < t->entries.n; i++)
		t->entries.v[i].used = false;
}
