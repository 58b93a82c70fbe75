/* SPDX-License-Identifier: Apache-2.0
 *
 * spdx_write.c - the component model as SPDX 2.3 JSON (SPDX specification
 * v2.3; validates against its JSON schema), streamed with jsonw in a
 * stable order: every component a package, the primary one first, the
 * others sorted by name, version, purl; the document DESCRIBES the primary
 * package (or, without one, every package nothing depends on), then one
 * DEPENDS_ON relationship per dependency. SPDX has no field for the FDA
 * level of support, justification, model element, CycloneDX group, scope
 * or evidence: they are package annotations "<property>=<value>" that
 * spdx_read.c reads back. License references are declared in
 * hasExtractedLicensingInfos. Equal inputs give equal bytes: the document
 * namespace is a version-5 UUID of the component list. The mapping is
 * docs/formats.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/map.h"
#include "base/timeutil.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "sbom/sbom_int.h"
#include "sbom/spdx_ids.h"

#include "base/banned.h"

/* mdsec's own annotations (spdx_read.c reads the same names). */
#define SPDX_ANN_GROUP	  "mdsec:group"
#define SPDX_ANN_SCOPE	  "mdsec:scope"
#define SPDX_ANN_TYPE	  "mdsec:type"
#define SPDX_ANN_EVIDENCE "mdsec:evidence"

#define SPDX_DOC_ID "SPDXRef-DOCUMENT"

/* CycloneDX type -> primaryPackagePurpose; the other types are written
 * as OTHER with an mdsec:type annotation. */
static const char *const purposes[][2] = {
	{ "application", "APPLICATION" },
	{ "framework", "FRAMEWORK" },
	{ "library", "LIBRARY" },
	{ "container", "CONTAINER" },
	{ "operating-system", "OPERATING_SYSTEM" },
	{ "device", "DEVICE" },
	{ "firmware", "FIRMWARE" },
	{ "file", "FILE" },
};

/* CycloneDX hash algorithm -> SPDX checksum algorithm. */
static const char *const checksum_algs[][2] = {
	{ "MD5", "MD5" },
	{ "SHA-1", "SHA1" },
	{ "SHA-256", "SHA256" },
	{ "SHA-384", "SHA384" },
	{ "SHA-512", "SHA512" },
	{ "SHA3-256", "SHA3-256" },
	{ "SHA3-384", "SHA3-384" },
	{ "SHA3-512", "SHA3-512" },
	{ "BLAKE2b-256", "BLAKE2b-256" },
	{ "BLAKE2b-384", "BLAKE2b-384" },
	{ "BLAKE2b-512", "BLAKE2b-512" },
	{ "BLAKE3", "BLAKE3" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct out {
	const mdsec_sbom *s;
	size_t n;	  /* components */
	size_t *idx;	  /* write order: the primary first, then sorted */
	size_t *pos;	  /* component -> its place in idx */
	char **ids;	  /* component -> SPDXID */
	char **lic;	  /* component -> license expression written, or NULL */
	VEC(char *) refs; /* LicenseRef-s used, each once */
	struct map refset;
	char ts[21];
	char annotator[64];
};

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct out *sort_out;

static int by_pos(const void *a, const void *b)
{
	size_t x = sort_out->pos[*(const size_t *)a];
	size_t y = sort_out->pos[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

static void out_release(struct out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		if (o->ids)
			xfree(o->ids[i]);
		if (o->lic)
			xfree(o->lic[i]);
	}
	for (i = 0; i < o->refs.n; i++)
		xfree(o->refs.v[i]);
	vec_release(&o->refs);
	map_release(&o->refset);
	xfree(o->idx);
	xfree(o->pos);
	xfree(o->ids);
	xfree(o->lic);
}

/* Every character outside [A-Za-z0-9.-] becomes '-' (a UTF-8 sequence
 * one '-'). */
static int add_sanitised(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		char ch = *s;

		if ((unsigned char)ch >= 0x80 && (unsigned char)ch < 0xc0)
			continue; /* continuation byte */
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'))
			ch = '-';
		if (strbuf_addch(sb, ch) < 0)
			return MDSEC_ENOMEM;
	}
	return 0;
}

/* "SPDXRef-" and the ref (else purl, name@version, name), sanitised,
 * with -2, -3... when taken. NULL on no memory. */
static char *make_id(struct map *used, const struct mdsec_component *c)
{
	struct strbuf base = STRBUF_INIT, sb = STRBUF_INIT;
	unsigned k;
	int err;

	err = strbuf_addstr(&base, "SPDXRef-");
	if (c->ref && *c->ref) {
		err |= add_sanitised(&base, c->ref);
	} else if (c->purl) {
		err |= add_sanitised(&base, c->purl);
	} else {
		err |= add_sanitised(&base, c->name ? c->name : "");
		if (c->version) {
			err |= strbuf_addch(&base, '-');
			err |= add_sanitised(&base, c->version);
		}
	}
	if (base.len == 8)
		err |= strbuf_addstr(&base, "Package");
	for (k = 1; !err; k++) {
		strbuf_reset(&sb);
		if (k == 1)
			err = strbuf_addstr(&sb, base.buf);
		else
			err = strbuf_addf(&sb, "%s-%u", base.buf, k);
		if (!map_get(used, sb.buf))
			break;
	}
	strbuf_release(&base);
	if (err) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* --- license expressions (SPDX v2.3 annex D) ------------------------ */

struct lex {
	const char *p;
};

/* The next token: '(' or ')' (length 1) or a word; 0 at the end. */
static size_t token(struct lex *l, const char **start)
{
	const char *p = l->p;

	while (*p == ' ')
		p++;
	*start = p;
	if (!*p)
		return 0;
	if (*p == '(' || *p == ')')
		return 1;
	while (*p && *p != ' ' && *p != '(' && *p != ')')
		p++;
	return (size_t)(p - *start);
}

static bool word_is(const char *t, size_t n, const char *w)
{
	return n == strlen(w) && !strncmp(t, w, n);
}

static bool idstring(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '-'))
			return false;
	return true;
}

static bool known_id(const char *t, size_t n)
{
	char buf[128];

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return spdx_id_known(buf);
}

/* A license: listed id[+], LicenseRef-x, DocumentRef-x:LicenseRef-y. */
static bool simple(const char *t, size_t n)
{
	const char *colon = memchr(t, ':', n);

	if (n > 11 && !strncmp(t, "LicenseRef-", 11))
		return idstring(t + 11, n - 11);
	if (colon && n > 12 && !strncmp(t, "DocumentRef-", 12) &&
	    idstring(t + 12, (size_t)(colon - t) - 12)) {
		size_t rest = n - (size_t)(colon + 1 - t);

		return rest > 11 && !strncmp(colon + 1, "LicenseRef-", 11) &&
		       idstring(colon + 12, rest - 11);
	}
	if (n > 1 && t[n - 1] == '+')
		n--;
	return known_id(t, n);
}

static bool expr(struct lex *l, int depth);

static bool term(struct lex *l, int depth)
{
	const char *t;
	size_t n = token(l, &t);

	if (!n)
		return false;
	if (*t == '(') {
		l->p = t + 1;
		if (depth > 32 || !expr(l, depth + 1))
			return false;
		n = token(l, &t);
		if (n != 1 || *t != ')')
			return false;
		l->p = t + 1;
		return true;
	}
	if (*t == ')' || word_is(t, n, "AND") || word_is(t, n, "OR") ||
	    word_is(t, n, "WITH") || !simple(t, n))
		return false;
	l->p = t + n;
	n = token(l, &t);
	if (word_is(t, n, "WITH")) {
		l->p = t + n;
		n = token(l, &t);
		if (!n || !known_id(t, n))
			return false;
		l->p = t + n;
	}
	return true;
}

static bool expr(struct lex *l, int depth)
{
	const char *t;
	size_t n;

	if (!term(l, depth))
		return false;
	for (;;) {
		n = token(l, &t);
		if (!word_is(t, n, "AND") && !word_is(t, n, "OR"))
			return true;
		l->p = t + n;
		if (!term(l, depth))
			return false;
	}
}

/* Remember LicenseRef t[0..n) for hasExtractedLicensingInfos. */
static int note_ref(struct out *o, const char *t, size_t n)
{
	char *ref = xstrndup(t, n);

	if (!ref)
		return MDSEC_ENOMEM;
	if (map_get(&o->refset, ref)) {
		xfree(ref);
		return 0;
	}
	if (vec_push(&o->refs, ref) < 0) {
		xfree(ref);
		return MDSEC_ENOMEM;
	}
	return map_put(&o->refset, ref, ref, NULL) < 0 ? MDSEC_ENOMEM : 0;
}

/* The expression to write for a component's license: as it is when it is
 * a valid SPDX expression (annex D; operators in capitals), else the
 * whole text as one LicenseRef, named as cdx_read.c names licenses known
 * only by name. Its LicenseRef-s are declared. NULL on no memory. */
static char *license_expr(struct out *o, const char *lic)
{
	struct strbuf sb = STRBUF_INIT;
	struct lex l;
	const char *t;
	size_t n;
	int err;

	l.p = lic;
	if (expr(&l, 0) && !token(&l, &t)) {
		l.p = lic;
		for (n = token(&l, &t); n; n = token(&l, &t)) {
			if (n > 11 && !strncmp(t, "LicenseRef-", 11) &&
			    note_ref(o, t, n) < 0)
				return NULL;
			l.p = t + n;
		}
		return xstrdup(lic);
	}
	err = strbuf_addstr(&sb, "LicenseRef-");
	err |= add_sanitised(&sb, lic);
	if (sb.len == 11)
		err |= strbuf_addstr(&sb, "unknown");
	if (err || note_ref(o, sb.buf, sb.len) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* --- layout ---------------------------------------------------------- */

static int num(const char *s, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* An RFC 3339 date-time in the form SPDX requires, YYYY-MM-DDThh:mm:ssZ:
 * in UTC, fractions of a second dropped. out is left alone when ts is not
 * a date-time. */
static void utc_seconds(const char *ts, char out[21])
{
	const char *z;
	struct tm tm;
	time_t t;

	if (!time_valid_datetime(ts))
		return;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = num(ts, 4) - 1900;
	tm.tm_mon = num(ts + 5, 2) - 1;
	tm.tm_mday = num(ts + 8, 2);
	tm.tm_hour = num(ts + 11, 2);
	tm.tm_min = num(ts + 14, 2);
	tm.tm_sec = num(ts + 17, 2);
	t = timegm(&tm);
	for (z = ts + 19; (*z >= '0' && *z <= '9') || *z == '.'; z++)
		;
	if (*z == '+' || *z == '-')
		t -= (*z == '+' ? 1 : -1) * ((time_t)num(z + 1, 2) * 3600 +
					     (time_t)num(z + 4, 2) * 60);
	time_iso8601(out, t);
}

static int out_init(struct out *o, const mdsec_sbom *s)
{
	struct map used = MAP_INIT;
	size_t i, n = s->components.n;
	int oom = 0;

	memset(o, 0, sizeof(*o));
	o->s = s;
	o->idx = mdsec_sbom_order(s);
	o->pos = xcalloc(n ? n : 1, sizeof(*o->pos));
	o->ids = xcalloc(n ? n : 1, sizeof(*o->ids));
	o->lic = xcalloc(n ? n : 1, sizeof(*o->lic));
	if (!o->idx || !o->pos || !o->ids || !o->lic)
		return MDSEC_ENOMEM;
	o->n = n;
	if (map_put(&used, SPDX_DOC_ID, (void *)1, NULL) < 0)
		oom = 1;
	for (i = 0; i < n && !oom; i++) {
		size_t c = o->idx[i];
		const struct mdsec_component *cp = &s->components.v[c];

		o->pos[c] = i;
		o->ids[c] = make_id(&used, cp);
		if (!o->ids[c] ||
		    map_put(&used, o->ids[c], (void *)1, NULL) < 0)
			oom = 1;
		if (cp->license && !oom) {
			o->lic[c] = license_expr(o, cp->license);
			if (!o->lic[c])
				oom = 1;
		}
	}
	map_release(&used);
	if (oom)
		return MDSEC_ENOMEM;
	if (o->refs.n > 1)
		qsort(o->refs.v, o->refs.n, sizeof(*o->refs.v), by_string);
	/* as cdx_write.c: SOURCE_DATE_EPOCH wins, then the document's own
	 * time, then now */
	sbom_timestamp(o->ts);
	if (!getenv("SOURCE_DATE_EPOCH") && s->timestamp)
		utc_seconds(s->timestamp, o->ts);
	snprintf(o->annotator, sizeof(o->annotator), "Tool: mdsec-%s",
		 mdsec_version());
	return 0;
}

/* The document namespace: s->serial when it is an http(s) URI, else one
 * made of the name and a version-5 UUID of the component list. */
static char *namespace_uri(const struct out *o)
{
	struct strbuf key = STRBUF_INIT, sb = STRBUF_INIT;
	const mdsec_sbom *s = o->s;
	char uuid[37];
	size_t i;
	int err = 0;

	if (s->serial && !strncmp(s->serial, "http", 4))
		return xstrdup(s->serial);
	for (i = 0; i < o->n && !err; i++) {
		const struct mdsec_component *c = &s->components.v[o->idx[i]];

		err = strbuf_addf(&key, "%s@%s %s %s\n", c->name ? c->name : "",
				  c->version ? c->version : "",
				  c->purl ? c->purl : "", c->cpe ? c->cpe : "");
	}
	sbom_uuid5(key.buf, uuid);
	strbuf_release(&key);
	err |= strbuf_addstr(&sb, "https://spdx.org/spdxdocs/");
	err |= add_sanitised(&sb, s->name && *s->name ? s->name : "mdsec-sbom");
	err |= strbuf_addf(&sb, "-%s", uuid);
	if (err) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* a, b and c as one JSON string; no memory is the writer's error */
static void string3(struct jsonw *w, const char *a, const char *b,
		    const char *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_addstr(&sb, a) < 0 || strbuf_addstr(&sb, b) < 0 ||
	    strbuf_addstr(&sb, c) < 0) {
		if (!w->error)
			w->error = MDSEC_ENOMEM;
	} else {
		jsonw_string(w, sb.buf);
	}
	strbuf_release(&sb);
}

static bool has_agent_prefix(const char *who)
{
	return !strncmp(who, "Organization:", 13) ||
	       !strncmp(who, "Person:", 7) || !strncmp(who, "Tool:", 5);
}

/* An SPDX agent: "Organization: X" unless already prefixed. */
static void agent(struct jsonw *w, const char *who)
{
	if (has_agent_prefix(who) || !strcmp(who, "NOASSERTION"))
		jsonw_string(w, who);
	else
		string3(w, "Organization: ", who, "");
}

static void annotation(struct jsonw *w, const struct out *o, const char *prop,
		       const char *value)
{
	jsonw_object_begin(w);
	jsonw_member(w, "annotationDate", o->ts);
	jsonw_member(w, "annotationType", "OTHER");
	jsonw_member(w, "annotator", o->annotator);
	jsonw_key(w, "comment");
	string3(w, prop, "=", value);
	jsonw_object_end(w);
}

/* "<method>[/<confidence>] <source> <detail>", ' ' and '%' of the source
 * percent-encoded. */
static void evidence(struct jsonw *w, const struct out *o,
		     const struct mdsec_sbom_evidence *e)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	int err;

	err = strbuf_addstr(&sb, sbom_method_name(e->method));
	if (e->confidence != 100)
		err |= strbuf_addf(&sb, "/%d",
				   e->confidence < 0	 ? 0
				   : e->confidence > 100 ? 100
							 : e->confidence);
	err |= strbuf_addch(&sb, ' ');
	for (p = e->source ? e->source : ""; *p; p++) {
		if (*p == ' ' || *p == '%')
			err |= strbuf_addf(&sb, "%%%02X", (unsigned char)*p);
		else
			err |= strbuf_addch(&sb, *p);
	}
	if (!e->source || !*e->source)
		err |= strbuf_addstr(&sb, "-");
	if (e->detail) {
		err |= strbuf_addch(&sb, ' ');
		err |= strbuf_addstr(&sb, e->detail);
	}
	if (err && !w->error)
		w->error = MDSEC_ENOMEM;
	annotation(w, o, SPDX_ANN_EVIDENCE, sb.buf);
	strbuf_release(&sb);
}

static const char *purpose(const char *type)
{
	size_t i;

	if (!type)
		return "LIBRARY";
	for (i = 0; i < NELEM(purposes); i++)
		if (!strcmp(type, purposes[i][0]))
			return purposes[i][1];
	return NULL;
}

static void write_package(struct jsonw *w, const struct out *o, size_t ci)
{
	const struct mdsec_component *c = &o->s->components.v[ci];
	const char *phrase = sbom_support_phrase(c->support);
	const char *pp = purpose(c->type);
	size_t i, k;
	bool any;

	jsonw_object_begin(w);
	jsonw_member(w, "SPDXID", o->ids[ci]);
	jsonw_member(w, "name", c->name ? c->name : "");
	if (c->version)
		jsonw_member(w, "versionInfo", c->version);
	jsonw_key(w, "supplier");
	agent(w, c->supplier ? c->supplier : "NOASSERTION");
	if (c->author) {
		jsonw_key(w, "originator");
		agent(w, c->author);
	}
	jsonw_member(w, "downloadLocation", "NOASSERTION");
	jsonw_key(w, "filesAnalyzed");
	jsonw_bool(w, false);
	any = false;
	for (i = 0; i < c->hashes.n; i++) {
		for (k = 0; k < NELEM(checksum_algs); k++)
			if (!strcmp(c->hashes.v[i].alg, checksum_algs[k][0]))
				break;
		if (k == NELEM(checksum_algs))
			continue;
		if (!any) {
			jsonw_key(w, "checksums");
			jsonw_array_begin(w);
			any = true;
		}
		jsonw_object_begin(w);
		jsonw_member(w, "algorithm", checksum_algs[k][1]);
		jsonw_member(w, "checksumValue", c->hashes.v[i].value);
		jsonw_object_end(w);
	}
	if (any)
		jsonw_array_end(w);
	/* the license as declared by whoever supplied it; mdsec concludes
	 * nothing */
	jsonw_member(w, "licenseConcluded", "NOASSERTION");
	jsonw_member(w, "licenseDeclared",
		     o->lic[ci] ? o->lic[ci] : "NOASSERTION");
	if (c->copyright)
		jsonw_member(w, "copyrightText", c->copyright);
	if (c->description)
		jsonw_member(w, "description", c->description);
	if (c->purl || c->cpe) {
		jsonw_key(w, "externalRefs");
		jsonw_array_begin(w);
		if (c->purl) {
			jsonw_object_begin(w);
			jsonw_member(w, "referenceCategory", "PACKAGE-MANAGER");
			jsonw_member(w, "referenceType", "purl");
			jsonw_member(w, "referenceLocator", c->purl);
			jsonw_object_end(w);
		}
		if (c->cpe) {
			jsonw_object_begin(w);
			jsonw_member(w, "referenceCategory", "SECURITY");
			jsonw_member(w, "referenceType", "cpe23Type");
			jsonw_member(w, "referenceLocator", c->cpe);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_member(w, "primaryPackagePurpose", pp ? pp : "OTHER");
	if (c->end_of_support) {
		char until[32];

		snprintf(until, sizeof(until), "%sT00:00:00Z",
			 c->end_of_support);
		jsonw_member(w, "validUntilDate", until);
	}
	if (phrase || c->end_of_support || c->support_justification ||
	    c->element || c->group || c->scope || !pp || c->evidence.n) {
		jsonw_key(w, "annotations");
		jsonw_array_begin(w);
		if (phrase)
			annotation(w, o, SBOM_PROP_FDA_SUPPORT, phrase);
		if (c->end_of_support)
			annotation(w, o, SBOM_PROP_FDA_EOS, c->end_of_support);
		if (c->support_justification)
			annotation(w, o, SBOM_PROP_FDA_JUSTIFICATION,
				   c->support_justification);
		if (c->element)
			annotation(w, o, SBOM_PROP_ELEMENT, c->element);
		if (c->group)
			annotation(w, o, SPDX_ANN_GROUP, c->group);
		if (c->scope)
			annotation(w, o, SPDX_ANN_SCOPE, c->scope);
		if (!pp)
			annotation(w, o, SPDX_ANN_TYPE, c->type);
		for (i = 0; i < c->evidence.n; i++)
			evidence(w, o, &c->evidence.v[i]);
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
}

static void relationship(struct jsonw *w, const char *from, const char *type,
			 const char *to)
{
	jsonw_object_begin(w);
	jsonw_member(w, "spdxElementId", from);
	jsonw_member(w, "relationshipType", type);
	jsonw_member(w, "relatedSpdxElement", to);
	jsonw_object_end(w);
}

static int write_relationships(struct jsonw *w, struct out *o)
{
	const mdsec_sbom *s = o->s;
	size_t i, j, *to = NULL;
	bool *depended;

	depended = xcalloc(o->n ? o->n : 1, sizeof(*depended));
	if (!depended)
		return MDSEC_ENOMEM;
	for (i = 0; i < o->n; i++)
		for (j = 0; j < s->components.v[i].deps.n; j++)
			if (s->components.v[i].deps.v[j] < o->n &&
			    s->components.v[i].deps.v[j] != i)
				depended[s->components.v[i].deps.v[j]] = true;
	jsonw_key(w, "relationships");
	jsonw_array_begin(w);
	if (s->primary < o->n) {
		relationship(w, SPDX_DOC_ID, "DESCRIBES", o->ids[s->primary]);
	} else {
		bool any = false;

		for (i = 0; i < o->n; i++)
			any = any || !depended[o->idx[i]];
		for (i = 0; i < o->n; i++)
			if (!any || !depended[o->idx[i]])
				relationship(w, SPDX_DOC_ID, "DESCRIBES",
					     o->ids[o->idx[i]]);
	}
	sort_out = o;
	for (i = 0; i < o->n; i++) {
		const struct mdsec_component *c = &s->components.v[o->idx[i]];
		size_t *grown;

		if (!c->deps.n)
			continue;
		grown = xreallocarray(to, c->deps.n, sizeof(*to));
		if (!grown) {
			xfree(to);
			xfree(depended);
			return MDSEC_ENOMEM;
		}
		to = grown;
		memcpy(to, c->deps.v, c->deps.n * sizeof(*to));
		qsort(to, c->deps.n, sizeof(*to), by_pos);
		for (j = 0; j < c->deps.n; j++)
			if (to[j] < o->n && to[j] != o->idx[i])
				relationship(w, o->ids[o->idx[i]], "DEPENDS_ON",
					     o->ids[to[j]]);
	}
	jsonw_array_end(w);
	xfree(to);
	xfree(depended);
	return 0;
}

int spdx_write(const mdsec_sbom *s, struct strbuf *out)
{
	struct out o;
	struct jsonw w;
	char *ns = NULL;
	size_t i;
	int rc;

	rc = out_init(&o, s);
	if (rc == 0) {
		ns = namespace_uri(&o);
		if (!ns)
			rc = MDSEC_ENOMEM;
	}
	if (rc < 0)
		goto out;
	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "spdxVersion", "SPDX-2.3");
	jsonw_member(&w, "dataLicense", "CC0-1.0");
	jsonw_member(&w, "SPDXID", SPDX_DOC_ID);
	jsonw_member(&w, "name", s->name && *s->name ? s->name : "mdsec-sbom");
	jsonw_member(&w, "documentNamespace", ns);
	jsonw_key(&w, "creationInfo");
	jsonw_object_begin(&w);
	jsonw_member(&w, "created", o.ts);
	jsonw_key(&w, "creators");
	jsonw_array_begin(&w);
	jsonw_string(&w, o.annotator);
	for (i = 0; i < s->tools.n; i++)
		if (strncmp(s->tools.v[i], "mdsec ", 6) &&
		    strncmp(s->tools.v[i], "mdsec-", 6) &&
		    strcmp(s->tools.v[i], "mdsec"))
			string3(&w, "Tool: ", s->tools.v[i], "");
	for (i = 0; i < s->authors.n; i++)
		agent(&w, s->authors.v[i]);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	if (o.refs.n) {
		jsonw_key(&w, "hasExtractedLicensingInfos");
		jsonw_array_begin(&w);
		for (i = 0; i < o.refs.n; i++) {
			jsonw_object_begin(&w);
			jsonw_member(&w, "licenseId", o.refs.v[i]);
			/* the text is not known: only the license's name */
			jsonw_member(&w, "extractedText", "NOASSERTION");
			jsonw_member(&w, "name", o.refs.v[i] + 11);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
	}
	jsonw_key(&w, "packages");
	jsonw_array_begin(&w);
	for (i = 0; i < o.n; i++)
		write_package(&w, &o, o.idx[i]);
	jsonw_array_end(&w);
	rc = write_relationships(&w, &o);
	jsonw_object_end(&w);
	if (rc == 0 && w.error)
		rc = w.error;
	if (rc == 0)
		rc = strbuf_addch(out, '\n');
out:
	xfree(ns);
	out_release(&o);
	return rc;
}
