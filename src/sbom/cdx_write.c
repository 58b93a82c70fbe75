/* SPDX-License-Identifier: Apache-2.0
 *
 * cdx_write.c - the component model as CycloneDX 1.6 JSON, streamed with
 * jsonw in a stable order: the primary component in metadata.component,
 * the others sorted by name, version, purl; a dependencies entry for every
 * component; the FDA fields as properties (official
 * cdx:lifecycle:milestone:endOfSupport and the proposed cdx:fda:* names);
 * evidence as evidence.identity and evidence.occurrences. The serial
 * number is a version-5 UUID of the content, so equal inputs give equal
 * bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "sbom/sbom_int.h"
#include "sbom/spdx_ids.h"

#include "base/banned.h"

static char *unique_ref(struct map *used, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned k;

	for (k = 1;; k++) {
		strbuf_reset(&sb);
		if (k == 1)
			strbuf_addstr(&sb, want);
		else
			strbuf_addf(&sb, "%s-%u", want, k);
		if (!sb.buf || !map_get(used, sb.buf))
			break;
	}
	return strbuf_detach(&sb, NULL);
}

void sbom_cdx_refs_free(const mdsec_sbom *s, char **refs)
{
	size_t i;

	for (i = 0; refs && i < s->components.n; i++)
		xfree(refs[i]);
	xfree(refs);
}

char **sbom_cdx_refs(const mdsec_sbom *s, const size_t *order)
{
	struct map used = MAP_INIT;
	size_t i, n = s->components.n;
	char **refs = xcalloc(n ? n : 1, sizeof(*refs));

	if (!refs)
		return NULL;
	for (i = 0; i < n; i++) {
		size_t c = order[i];
		const struct mdsec_component *cp = &s->components.v[c];

		if (cp->ref && *cp->ref)
			refs[c] = unique_ref(&used, cp->ref);
		else if (cp->purl)
			refs[c] = unique_ref(&used, cp->purl);
		else if (cp->version) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "%s@%s", cp->name, cp->version);
			refs[c] = unique_ref(&used, sb.buf ? sb.buf : cp->name);
			strbuf_release(&sb);
		} else {
			refs[c] = unique_ref(&used, cp->name);
		}
		if (!refs[c] || map_put(&used, refs[c], refs[c], NULL) < 0) {
			map_release(&used);
			sbom_cdx_refs_free(s, refs);
			return NULL;
		}
	}
	map_release(&used);
	return refs;
}

/* Unique bom-refs for every component, and the write order. */
struct order {
	const mdsec_sbom *s;
	char **refs; /* per component: sbom_cdx_refs() */
	size_t *idx; /* mdsec_sbom_order(): the primary first */
};

static void order_release(struct order *o)
{
	sbom_cdx_refs_free(o->s, o->refs);
	xfree(o->idx);
}

static int order_init(struct order *o, const mdsec_sbom *s)
{
	memset(o, 0, sizeof(*o));
	o->s = s;
	o->idx = mdsec_sbom_order(s);
	if (!o->idx)
		return MDSEC_ENOMEM;
	/* in write order: the primary first so it keeps its own ref */
	o->refs = sbom_cdx_refs(s, o->idx);
	return o->refs ? 0 : MDSEC_ENOMEM;
}

/* The content name the serial number UUID is derived from. */
static void content_key(const struct order *o, struct strbuf *sb)
{
	const mdsec_sbom *s = o->s;
	size_t i;

	strbuf_addf(sb, "%s\n", s->name ? s->name : "");
	for (i = 0; i < s->components.n; i++) {
		const struct mdsec_component *cp = &s->components.v[o->idx[i]];

		strbuf_addf(sb, "%s\t%s\t%s\t%s\n", cp->name,
			    cp->version ? cp->version : "",
			    cp->purl ? cp->purl : "", cp->cpe ? cp->cpe : "");
	}
}

static void confidence(struct jsonw *w, int pct)
{
	char buf[16];

	if (pct >= 100)
		snprintf(buf, sizeof(buf), "1");
	else if (pct <= 0)
		snprintf(buf, sizeof(buf), "0");
	else
		snprintf(buf, sizeof(buf), "0.%02d", pct);
	/* "0.50" is a valid JSON number; trim a trailing zero for looks */
	if (buf[0] == '0' && buf[1] == '.' && buf[3] == '0')
		buf[3] = '\0';
	jsonw_number(w, buf);
}

static const char *technique(enum mdsec_sbom_method m)
{
	switch (m) {
	case MDSEC_FOUND_MODEL:
		return "attestation";
	case MDSEC_FOUND_SCAN:
		return "binary-analysis";
	default:
		return "manifest-analysis";
	}
}

static void property(struct jsonw *w, const char *name, const char *value)
{
	jsonw_object_begin(w);
	jsonw_member(w, "name", name);
	jsonw_member(w, "value", value);
	jsonw_object_end(w);
}

static void write_licenses(struct jsonw *w, const char *lic)
{
	jsonw_key(w, "licenses");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	if (spdx_id_known(lic)) {
		jsonw_key(w, "license");
		jsonw_object_begin(w);
		jsonw_member(w, "id", lic);
		jsonw_object_end(w);
	} else {
		jsonw_member(w, "expression", lic);
	}
	jsonw_object_end(w);
	jsonw_array_end(w);
}

static void write_evidence(struct jsonw *w, const struct mdsec_component *c)
{
	const char *field = c->purl ? "purl" : c->cpe ? "cpe" : "name";
	int best = 0;
	size_t i;

	for (i = 0; i < c->evidence.n; i++)
		if (c->evidence.v[i].confidence > best)
			best = c->evidence.v[i].confidence;
	jsonw_key(w, "evidence");
	jsonw_object_begin(w);
	jsonw_key(w, "identity");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member(w, "field", field);
	jsonw_key(w, "confidence");
	confidence(w, best);
	jsonw_key(w, "methods");
	jsonw_array_begin(w);
	for (i = 0; i < c->evidence.n; i++) {
		const struct mdsec_sbom_evidence *e = &c->evidence.v[i];

		jsonw_object_begin(w);
		jsonw_member(w, "technique", technique(e->method));
		jsonw_key(w, "confidence");
		confidence(w, e->confidence);
		jsonw_member(w, "value", e->source);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_key(w, "occurrences");
	jsonw_array_begin(w);
	for (i = 0; i < c->evidence.n; i++) {
		const struct mdsec_sbom_evidence *e = &c->evidence.v[i];
		struct strbuf sb = STRBUF_INIT;

		jsonw_object_begin(w);
		jsonw_member(w, "location", e->source);
		/* a scan's detail starts "offset N: ": CycloneDX 1.6 has a
		 * field for it */
		if (e->method == MDSEC_FOUND_SCAN && e->detail &&
		    !strncmp(e->detail, "offset ", 7) && e->detail[7] >= '0' &&
		    e->detail[7] <= '9') {
			char num[24];
			size_t n = strspn(e->detail + 7, "0123456789");

			if (n < sizeof(num)) {
				memcpy(num, e->detail + 7, n);
				num[n] = '\0';
				jsonw_key(w, "offset");
				jsonw_number(w, num);
			}
		}
		strbuf_addf(&sb, "%s: %s", sbom_method_name(e->method),
			    e->detail ? e->detail : "");
		jsonw_member(w, "additionalContext", sb.buf ? sb.buf : "");
		strbuf_release(&sb);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

static void write_component(struct jsonw *w, const struct order *o, size_t ci)
{
	const struct mdsec_component *c = &o->s->components.v[ci];
	const char *phrase = sbom_support_phrase(c->support);
	size_t i;

	jsonw_object_begin(w);
	jsonw_member(w, "type", c->type ? c->type : "library");
	jsonw_member(w, "bom-ref", o->refs[ci]);
	if (c->supplier) {
		jsonw_key(w, "supplier");
		jsonw_object_begin(w);
		jsonw_member(w, "name", c->supplier);
		jsonw_object_end(w);
	}
	if (c->author) {
		jsonw_key(w, "authors");
		jsonw_array_begin(w);
		jsonw_object_begin(w);
		jsonw_member(w, "name", c->author);
		jsonw_object_end(w);
		jsonw_array_end(w);
	}
	jsonw_member_opt(w, "group", c->group);
	jsonw_member(w, "name", c->name);
	jsonw_member_opt(w, "version", c->version);
	jsonw_member_opt(w, "description", c->description);
	jsonw_member_opt(w, "scope", c->scope);
	if (c->hashes.n) {
		jsonw_key(w, "hashes");
		jsonw_array_begin(w);
		for (i = 0; i < c->hashes.n; i++) {
			jsonw_object_begin(w);
			jsonw_member(w, "alg", c->hashes.v[i].alg);
			jsonw_member(w, "content", c->hashes.v[i].value);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	if (c->license)
		write_licenses(w, c->license);
	jsonw_member_opt(w, "copyright", c->copyright);
	jsonw_member_opt(w, "cpe", c->cpe);
	jsonw_member_opt(w, "purl", c->purl);
	if (c->evidence.n)
		write_evidence(w, c);
	if (phrase || c->end_of_support || c->support_justification ||
	    c->element) {
		jsonw_key(w, "properties");
		jsonw_array_begin(w);
		if (c->end_of_support)
			property(w, SBOM_PROP_EOS_MILESTONE, c->end_of_support);
		if (phrase)
			property(w, SBOM_PROP_FDA_SUPPORT, phrase);
		if (c->end_of_support)
			property(w, SBOM_PROP_FDA_EOS, c->end_of_support);
		if (c->support_justification) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "%s: %s",
				    c->end_of_support ? SBOM_PROP_FDA_SUPPORT
						      : SBOM_PROP_FDA_EOS,
				    c->support_justification);
			property(w, SBOM_PROP_FDA_JUSTIFICATION,
				 sb.buf ? sb.buf : "");
			strbuf_release(&sb);
		}
		if (c->element)
			property(w, SBOM_PROP_ELEMENT, c->element);
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
}

static int by_ref(const void *a, const void *b, const struct order *o)
{
	return strcmp(o->refs[*(const size_t *)a], o->refs[*(const size_t *)b]);
}

static const struct order *sort_order;

static int by_ref_q(const void *a, const void *b)
{
	return by_ref(a, b, sort_order);
}

static int write_dependencies(struct jsonw *w, const struct order *o)
{
	const mdsec_sbom *s = o->s;
	size_t n = s->components.n, i, j, *all, *to = NULL;

	all = xcalloc(n ? n : 1, sizeof(*all));
	if (!all)
		return MDSEC_ENOMEM;
	for (i = 0; i < n; i++)
		all[i] = i;
	sort_order = o;
	qsort(all, n, sizeof(*all), by_ref_q);
	jsonw_key(w, "dependencies");
	jsonw_array_begin(w);
	for (i = 0; i < n; i++) {
		const struct mdsec_component *c = &s->components.v[all[i]];

		jsonw_object_begin(w);
		jsonw_member(w, "ref", o->refs[all[i]]);
		jsonw_key(w, "dependsOn");
		jsonw_array_begin(w);
		if (c->deps.n) {
			to = xreallocarray(to, c->deps.n, sizeof(*to));
			if (!to) {
				xfree(all);
				return MDSEC_ENOMEM;
			}
			memcpy(to, c->deps.v, c->deps.n * sizeof(*to));
			qsort(to, c->deps.n, sizeof(*to), by_ref_q);
			for (j = 0; j < c->deps.n; j++)
				jsonw_string(w, o->refs[to[j]]);
		}
		jsonw_array_end(w);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	xfree(to);
	xfree(all);
	return 0;
}

int cdx_write(const mdsec_sbom *s, struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;
	struct order o;
	struct jsonw w;
	char uuid[37], ts[21];
	size_t i;
	int rc;

	rc = order_init(&o, s);
	if (rc < 0) {
		order_release(&o);
		return rc;
	}
	content_key(&o, &key);
	sbom_uuid5(key.buf ? key.buf : "", uuid);
	strbuf_release(&key);
	if (sbom_timestamp(ts) == 0 && !getenv("SOURCE_DATE_EPOCH") &&
	    s->timestamp && strlen(s->timestamp) < sizeof(ts))
		snprintf(ts, sizeof(ts), "%s", s->timestamp);

	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "$schema",
		     "http://cyclonedx.org/schema/bom-1.6.schema.json");
	jsonw_member(&w, "bomFormat", "CycloneDX");
	jsonw_member(&w, "specVersion", "1.6");
	jsonw_key(&w, "serialNumber");
	{
		char serial[64];

		snprintf(serial, sizeof(serial), "urn:uuid:%s", uuid);
		jsonw_string(&w, serial);
	}
	jsonw_key(&w, "version");
	jsonw_int(&w, 1);
	jsonw_key(&w, "metadata");
	jsonw_object_begin(&w);
	jsonw_member(&w, "timestamp", ts);
	jsonw_key(&w, "tools");
	jsonw_object_begin(&w);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	jsonw_object_begin(&w);
	jsonw_member(&w, "type", "application");
	jsonw_member(&w, "name", "mdsec");
	jsonw_member(&w, "version", mdsec_version());
	jsonw_object_end(&w);
	for (i = 0; i < s->tools.n; i++) {
		if (!strncmp(s->tools.v[i], "mdsec ", 6) ||
		    !strncmp(s->tools.v[i], "mdsec-", 6) ||
		    !strcmp(s->tools.v[i], "mdsec"))
			continue;
		jsonw_object_begin(&w);
		jsonw_member(&w, "type", "application");
		jsonw_member(&w, "name", s->tools.v[i]);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	if (s->authors.n) {
		jsonw_key(&w, "authors");
		jsonw_array_begin(&w);
		for (i = 0; i < s->authors.n; i++) {
			jsonw_object_begin(&w);
			jsonw_member(&w, "name", s->authors.v[i]);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
	}
	if (s->primary != MDSEC_SBOM_NONE) {
		jsonw_key(&w, "component");
		write_component(&w, &o, s->primary);
	}
	jsonw_object_end(&w);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	for (i = 0; i < s->components.n; i++)
		if (o.idx[i] != s->primary)
			write_component(&w, &o, o.idx[i]);
	jsonw_array_end(&w);
	rc = write_dependencies(&w, &o);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
	order_release(&o);
	if (rc == 0 && w.error)
		rc = w.error;
	return rc;
}
