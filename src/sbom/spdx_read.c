/* SPDX-License-Identifier: Apache-2.0
 *
 * spdx_read.c - SPDX 2.2 and 2.3 JSON (SPDX specification v2.3, clauses 6
 * to 11: document creation information, packages, files, snippets,
 * relationships, annotations) into the component model. Packages become
 * components; files and snippets are known by their SPDXID only, so that
 * relationships naming them are recognised and skipped. Dependencies come
 * from the dependency, containment and linking relationships between
 * packages. The FDA fields travel in package annotations whose comment is
 * "<property>=<value>" with the CycloneDX property names. Strict where
 * mdsec relies on the data (identity of the document and of the
 * packages, names, identifiers, hashes, the relationship graph), tolerant
 * of the rest: unknown members are read past. The mapping and the
 * constraints enforced are listed in docs/formats.md. Tag-value SPDX is
 * not read.
 */
#include <stdio.h>
#include <string.h>

#include "base/map.h"
#include "base/timeutil.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

/* mdsec's own annotations, beside the FDA properties of sbom_int.h;
 * spdx_write.c writes the same names. */
#define SPDX_ANN_GROUP	  "mdsec:group"
#define SPDX_ANN_SCOPE	  "mdsec:scope"
#define SPDX_ANN_TYPE	  "mdsec:type"
#define SPDX_ANN_EVIDENCE "mdsec:evidence"

#define SPDX_DOC_ID "SPDXRef-DOCUMENT"

struct spdx {
	struct sbom_reader *r;
	struct map others; /* SPDXID of the document, files, snippets */
	int oom;
};

/* primaryPackagePurpose -> CycloneDX type. SPDX's JSON schema spells the
 * operating system with '_', its specification text with '-'. SOURCE
 * (source code of a package) reads as library, ARCHIVE as file and
 * INSTALL (an installer) as application; OTHER as the default, library. */
static const char *const purposes[][2] = {
	{ "APPLICATION", "application" },
	{ "FRAMEWORK", "framework" },
	{ "LIBRARY", "library" },
	{ "CONTAINER", "container" },
	{ "OPERATING_SYSTEM", "operating-system" },
	{ "OPERATING-SYSTEM", "operating-system" },
	{ "DEVICE", "device" },
	{ "FIRMWARE", "firmware" },
	{ "FILE", "file" },
	{ "SOURCE", "library" },
	{ "ARCHIVE", "file" },
	{ "INSTALL", "application" },
	{ "OTHER", "library" },
};

static const char *const cdx_types[] = {
	"application",
	"framework",
	"library",
	"container",
	"operating-system",
	"device",
	"firmware",
	"file",
	"platform",
	"device-driver",
	"machine-learning-model",
	"data",
	"cryptographic-asset",
	NULL,
};

/* SPDX checksum algorithm -> CycloneDX name and digest length in hex. */
static const struct {
	const char *spdx, *cdx;
	size_t len;
} checksum_algs[] = {
	{ "MD5", "MD5", 32 },
	{ "SHA1", "SHA-1", 40 },
	{ "SHA256", "SHA-256", 64 },
	{ "SHA384", "SHA-384", 96 },
	{ "SHA512", "SHA-512", 128 },
	{ "SHA3-256", "SHA3-256", 64 },
	{ "SHA3-384", "SHA3-384", 96 },
	{ "SHA3-512", "SHA3-512", 128 },
	{ "BLAKE2b-256", "BLAKE2b-256", 64 },
	{ "BLAKE2b-384", "BLAKE2b-384", 96 },
	{ "BLAKE2b-512", "BLAKE2b-512", 128 },
	{ "BLAKE3", "BLAKE3", 64 },
	/* SPDX only: read past with a warning */
	{ "SHA224", NULL, 56 },
	{ "MD2", NULL, 32 },
	{ "MD4", NULL, 32 },
	{ "MD6", NULL, 0 },
	{ "ADLER32", NULL, 8 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(v, *set))
			return true;
	return false;
}

static bool id_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
}

/* ^SPDXRef-[A-Za-z0-9.-]+$ */
static bool valid_spdxid(const char *id)
{
	const char *p;

	if (strncmp(id, "SPDXRef-", 8) || !id[8])
		return false;
	for (p = id + 8; *p; p++)
		if (!id_char(*p))
			return false;
	return true;
}

static bool is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

static bool no_value(const char *v)
{
	return !strcmp(v, "NOASSERTION") || !strcmp(v, "NONE");
}

/* "Organization: X" / "Person: X" -> X; NOASSERTION -> NULL. Another
 * form is kept whole with a warning. v is arena-owned. */
static const char *agent(struct sbom_reader *r, const char *v, const char *key)
{
	static const char *const prefixes[] = { "Organization:", "Person:" };
	size_t i, n;

	if (!v || !strcmp(v, "NOASSERTION"))
		return NULL;
	for (i = 0; i < NELEM(prefixes); i++) {
		n = strlen(prefixes[i]);
		if (!strncmp(v, prefixes[i], n)) {
			v += n;
			while (*v == ' ')
				v++;
			return *v ? v : NULL;
		}
	}
	rd_warning(r, key,
		   "\"%s\" '%s' is neither \"Organization: ...\" nor "
		   "\"Person: ...\" (expected the SPDX agent syntax; kept as "
		   "written)",
		   key, v);
	return v;
}

/* YYYY-MM-DD of a date or date-time; false when it is neither. */
static bool date_part(const char *v, char out[11])
{
	if (strlen(v) < 10)
		return false;
	memcpy(out, v, 10);
	out[10] = '\0';
	if (!time_valid_date(out))
		return false;
	return v[10] == '\0' || time_valid_datetime(v);
}

static void read_checksums(struct spdx *x, json_t *pkg, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, pkg, "checksums"), *h;
	size_t i, k;

	if (!a)
		return;
	rd_push_key(r, "checksums");
	json_array_foreach(a, i, h)
	{
		const char *alg, *value;
		char low[129];
		size_t n, j;

		rd_push_index(r, i);
		if (!json_is_object(h)) {
			rd_error(r, NULL,
				 "a checksum is not an object "
				 "(expected {\"algorithm\": ..., "
				 "\"checksumValue\": ...})");
			rd_pop(r);
			continue;
		}
		alg = rd_string(r, h, "algorithm", true);
		value = rd_string(r, h, "checksumValue", true);
		if (!alg || !value) {
			rd_pop(r);
			continue;
		}
		for (k = 0; k < NELEM(checksum_algs); k++)
			if (!strcmp(alg, checksum_algs[k].spdx))
				break;
		n = strlen(value);
		if (k == NELEM(checksum_algs)) {
			rd_error(r, "algorithm",
				 "unknown checksum algorithm "
				 "'%s' (expected SHA1, SHA256, SHA384, "
				 "SHA512, MD5, SHA3-256, SHA3-384, SHA3-512, "
				 "BLAKE2b-256, BLAKE2b-384, BLAKE2b-512, "
				 "BLAKE3, SHA224, MD2, MD4, MD6 or ADLER32)",
				 alg);
		} else if (!is_hex(value, n) ||
			   (checksum_algs[k].len &&
			    n != checksum_algs[k].len) ||
			   !n) {
			rd_error(r, "checksumValue",
				 "%s checksum '%s' is not "
				 "%zu hexadecimal digits (expected the digest "
				 "in hex)",
				 alg, value,
				 checksum_algs[k].len ? checksum_algs[k].len
						      : (size_t)64);
		} else if (!checksum_algs[k].cdx) {
			rd_warning(r, "algorithm",
				   "checksum algorithm '%s' "
				   "is not kept (expected one CycloneDX also "
				   "names, such as SHA256)",
				   alg);
		} else {
			for (j = 0; j < n; j++)
				low[j] = (value[j] >= 'A' && value[j] <= 'F')
						 ? (char)(value[j] - 'A' + 'a')
						 : value[j];
			low[n] = '\0';
			value = sbom_str(r->s, low);
			if (!value ||
			    sbom_add_hash(&r->s->components.v[ci],
					  checksum_algs[k].cdx, value) < 0)
				x->oom = 1;
		}
		rd_pop(r);
	}
	rd_pop(r);
}

/* A referenceType may be written as the full URI of the SPDX appendix
 * ("http://spdx.org/rdf/references/purl"): compare its last segment. */
static const char *ref_type_name(const char *t)
{
	const char *slash = strrchr(t, '/');

	return slash ? slash + 1 : t;
}

static void read_external_refs(struct spdx *x, json_t *pkg, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, pkg, "externalRefs"), *e;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "externalRefs");
	json_array_foreach(a, i, e)
	{
		const char *type, *cat, *loc;
		struct mdsec_component *c;

		rd_push_index(r, i);
		if (!json_is_object(e)) {
			rd_error(r, NULL,
				 "an external reference is not an "
				 "object (expected {\"referenceCategory\": "
				 "..., \"referenceType\": ..., "
				 "\"referenceLocator\": ...})");
			rd_pop(r);
			continue;
		}
		cat = rd_string(r, e, "referenceCategory", false);
		type = rd_string(r, e, "referenceType", true);
		if (!type) {
			rd_pop(r);
			continue;
		}
		type = ref_type_name(type);
		c = &r->s->components.v[ci];
		if (!strcmp(type, "purl")) {
			if (cat && strcmp(cat, "PACKAGE-MANAGER") &&
			    strcmp(cat, "PACKAGE_MANAGER"))
				rd_warning(r, "referenceCategory",
					   "a purl reference in category '%s' "
					   "(expected PACKAGE-MANAGER)",
					   cat);
			loc = rd_purl(r, e, "referenceLocator");
			if (!json_object_get(e, "referenceLocator"))
				rd_string(r, e, "referenceLocator", true);
			c = &r->s->components.v[ci];
			if (loc && c->purl)
				rd_warning(r, "referenceLocator",
					   "a second purl '%s' is ignored "
					   "(expected one purl per package; "
					   "the first, '%s', is kept)",
					   loc, c->purl);
			else if (loc)
				c->purl = loc;
		} else if (!strcmp(type, "cpe23Type") ||
			   !strcmp(type, "cpe22Type")) {
			loc = rd_string(r, e, "referenceLocator", true);
			if (loc && !c->cpe) {
				loc = rd_cpe(r, loc, "referenceLocator");
				r->s->components.v[ci].cpe = loc;
			}
		} else {
			rd_string(r, e, "referenceLocator", true);
		}
		rd_pop(r);
	}
	rd_pop(r);
}

/* "<method>[/<confidence>] <source> <detail>": source with ' ' and '%'
 * percent-encoded, detail the rest (absent: no detail). */
static int parse_evidence(struct sbom_reader *r, const char *v,
			  struct mdsec_sbom_evidence *e)
{
	const char *sp = strchr(v, ' '), *slash, *src, *end;
	struct strbuf sb = STRBUF_INIT;
	size_t mlen;

	e->method = MDSEC_FOUND_SBOM;
	e->confidence = 100;
	e->detail = NULL;
	if (!sp || sp == v || sp[1] == ' ' || !sp[1])
		return -1;
	mlen = (size_t)(sp - v);
	slash = memchr(v, '/', mlen);
	if (slash) {
		const char *d;
		int conf = 0;

		if (slash + 1 == sp || sp - slash > 4)
			return -1;
		for (d = slash + 1; d < sp; d++) {
			if (*d < '0' || *d > '9')
				return -1;
			conf = conf * 10 + (*d - '0');
		}
		if (conf > 100)
			return -1;
		e->confidence = conf;
		mlen = (size_t)(slash - v);
	}
	if (sbom_method_parse(v, mlen, &e->method) < 0)
		return -1;
	src = sp + 1;
	end = strchr(src, ' ');
	if (!end)
		end = src + strlen(src);
	e->source = NULL;
	if (sbom_pct_decode(&sb, src, (size_t)(end - src)) == 0)
		e->source = sbom_strn(r->s, sb.buf, sb.len);
	strbuf_release(&sb);
	if (*end)
		e->detail = end + 1;
	return e->source ? 0 : MDSEC_ENOMEM;
}

/* An annotation "<property>=<value>" (c is re-fetched by the caller). */
static void read_annotation(struct spdx *x, size_t ci, const char *comment,
			    bool *eos_set)
{
	struct sbom_reader *r = x->r;
	struct mdsec_component *c = &r->s->components.v[ci];
	const char *eq = strchr(comment, '='), *v;
	size_t n;

	if (!eq)
		return;
	n = (size_t)(eq - comment);
	v = eq + 1;
#define IS(name) (n == strlen(name) && !strncmp(comment, name, n))
	if (IS(SBOM_PROP_FDA_SUPPORT)) {
		c->support = sbom_support_from_phrase(v);
		if (!c->support)
			rd_warning(r, "comment",
				   "unknown level of support "
				   "'%s' (expected actively maintained, no "
				   "longer maintained or abandoned)",
				   v);
	} else if (IS(SBOM_PROP_FDA_EOS) || IS(SBOM_PROP_EOS_MILESTONE)) {
		char date[11];

		if (!date_part(v, date))
			rd_error(r, "comment",
				 "end-of-support '%s' is not a "
				 "date (expected YYYY-MM-DD)",
				 v);
		else if (!*eos_set)
			c->end_of_support = sbom_str(r->s, date);
	} else if (IS(SBOM_PROP_FDA_JUSTIFICATION)) {
		const char *colon = strstr(v, ": ");

		/* "<property-name>: <text>" as the CycloneDX proposal
		 * writes it */
		if (colon && !strncmp(v, "cdx:", 4))
			v = colon + 2;
		c->support_justification = v;
	} else if (IS(SBOM_PROP_ELEMENT)) {
		c->element = v;
	} else if (IS(SPDX_ANN_GROUP)) {
		c->group = *v ? v : NULL;
	} else if (IS(SPDX_ANN_SCOPE)) {
		static const char *const scopes[] = { "required", "optional",
						      "excluded", NULL };

		if (one_of(v, scopes))
			c->scope = v;
		else
			rd_error(r, "comment",
				 "scope '%s' is not allowed "
				 "(expected required, optional or excluded)",
				 v);
	} else if (IS(SPDX_ANN_TYPE)) {
		if (one_of(v, cdx_types))
			c->type = v;
		else
			rd_error(r, "comment",
				 "'%s' is not a CycloneDX "
				 "component type (expected application, "
				 "framework, library, container, "
				 "operating-system, device, firmware, file, "
				 "platform, device-driver, "
				 "machine-learning-model, data or "
				 "cryptographic-asset)",
				 v);
	} else if (IS(SPDX_ANN_EVIDENCE)) {
		struct mdsec_sbom_evidence e;
		int rc = parse_evidence(r, v, &e);

		if (rc == MDSEC_ENOMEM)
			x->oom = 1;
		else if (rc < 0)
			rd_error(r, "comment",
				 "evidence '%s' is malformed "
				 "(expected \"<model|sbom|scan>[/<confidence>] "
				 "<source> <detail>\")",
				 v);
		else if (sbom_add_evidence(&r->s->components.v[ci], &e) < 0)
			x->oom = 1;
	}
#undef IS
}

static void read_annotations(struct spdx *x, json_t *pkg, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, pkg, "annotations"), *an;
	bool eos_set = r->s->components.v[ci].end_of_support != NULL;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "annotations");
	json_array_foreach(a, i, an)
	{
		const char *comment;

		rd_push_index(r, i);
		if (!json_is_object(an)) {
			rd_error(r, NULL,
				 "an annotation is not an object "
				 "(expected {\"annotator\": ..., "
				 "\"comment\": ...})");
			rd_pop(r);
			continue;
		}
		comment = rd_string(r, an, "comment", false);
		if (comment)
			read_annotation(x, ci, comment, &eos_set);
		rd_pop(r);
	}
	rd_pop(r);
}

/* A package's SPDXID must not name the document, a file or a snippet. */
static bool taken_by_other(struct spdx *x, const char *id)
{
	if (!map_get(&x->others, id))
		return false;
	rd_error(x->r, "SPDXID",
		 "duplicate \"SPDXID\" '%s' (expected "
		 "identifiers unique in the document)",
		 id);
	return true;
}

static void read_package(struct spdx *x, json_t *pkg, struct mdsec_loc loc)
{
	struct sbom_reader *r = x->r;
	struct mdsec_component *c;
	const char *id, *name, *v;
	size_t ci, k;

	if (!json_is_object(pkg)) {
		rd_error(r, NULL,
			 "a package is not an object (expected "
			 "{\"SPDXID\": ..., \"name\": ...})");
		return;
	}
	id = rd_string(r, pkg, "SPDXID", true);
	name = rd_string(r, pkg, "name", true);
	ci = sbom_add_component(r->s);
	if (ci == MDSEC_SBOM_NONE) {
		x->oom = 1;
		return;
	}
	c = &r->s->components.v[ci];
	c->loc = loc;
	c->name = name ? name : "";
	c->type = "library";
	if (id && !valid_spdxid(id))
		rd_error(r, "SPDXID",
			 "\"SPDXID\" '%s' is not an SPDX "
			 "identifier (expected SPDXRef- followed by letters, "
			 "digits, '.' or '-')",
			 id);
	/* registered whole (relationships name it) even when malformed,
	 * so that one mistake is reported once; kept without the prefix:
	 * written back as SPDXRef-<ref> */
	if (id && *id && !taken_by_other(x, id) &&
	    rd_register_ref(r, id, ci, "SPDXID") == 0 && valid_spdxid(id))
		r->s->components.v[ci].ref = id + 8;
	c = &r->s->components.v[ci];
	c->version = rd_string(r, pkg, "versionInfo", false);
	c->supplier =
		agent(r, rd_string(r, pkg, "supplier", false), "supplier");
	c->author =
		agent(r, rd_string(r, pkg, "originator", false), "originator");
	v = rd_string(r, pkg, "licenseConcluded", false);
	if (!v || no_value(v))
		v = rd_string(r, pkg, "licenseDeclared", false);
	c->license = v && !no_value(v) ? v : NULL;
	v = rd_string(r, pkg, "description", false);
	if (!v)
		v = rd_string(r, pkg, "summary", false);
	c->description = v;
	v = rd_string(r, pkg, "copyrightText", false);
	c->copyright = v && !no_value(v) ? v : NULL;
	v = rd_string(r, pkg, "primaryPackagePurpose", false);
	if (v) {
		for (k = 0; k < NELEM(purposes); k++)
			if (!strcmp(v, purposes[k][0]))
				break;
		if (k < NELEM(purposes))
			c->type = purposes[k][1];
		else
			rd_error(r, "primaryPackagePurpose",
				 "'%s' is not a package purpose (expected "
				 "APPLICATION, "
				 "FRAMEWORK, LIBRARY, CONTAINER, "
				 "OPERATING_SYSTEM, DEVICE, FIRMWARE, SOURCE, "
				 "ARCHIVE, FILE, INSTALL or OTHER)",
				 v);
	}
	v = rd_string(r, pkg, "validUntilDate", false);
	if (v) {
		char date[11];

		if (date_part(v, date))
			c->end_of_support = sbom_str(r->s, date);
		else
			rd_error(r, "validUntilDate",
				 "'%s' is not a date-time "
				 "(expected YYYY-MM-DDThh:mm:ssZ)",
				 v);
	}
	read_checksums(x, pkg, ci);
	read_external_refs(x, pkg, ci);
	read_annotations(x, pkg, ci);
}

/* Files and snippets: their SPDXIDs only, for the relationships. */
static void read_others(struct spdx *x, json_t *root, const char *key)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, root, key), *e;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, key);
	json_array_foreach(a, i, e)
	{
		json_t *idv;
		const char *id;

		rd_push_index(r, i);
		idv = json_object_get(e, "SPDXID");
		id = json_string_value(idv);
		if (!json_is_object(e)) {
			rd_error(r, NULL,
				 "an entry of \"%s\" is not an "
				 "object (expected {\"SPDXID\": ...})",
				 key);
		} else if (!id) {
			rd_string(r, e, "SPDXID", true);
		} else if (!valid_spdxid(id)) {
			rd_error(r, "SPDXID",
				 "\"SPDXID\" '%s' is not an SPDX "
				 "identifier (expected SPDXRef- followed by "
				 "letters, digits, '.' or '-')",
				 id);
		} else if (rd_lookup_ref(r, id) != MDSEC_SBOM_NONE ||
			   map_get(&x->others, id)) {
			rd_error(r, "SPDXID",
				 "duplicate \"SPDXID\" '%s' "
				 "(expected identifiers unique in the "
				 "document)",
				 id);
		} else if (map_put(&x->others, id, (void *)1, NULL) < 0) {
			x->oom = 1;
		}
		rd_pop(r);
	}
	rd_pop(r);
}

enum element { EL_UNKNOWN, EL_DOCUMENT, EL_PACKAGE, EL_OTHER, EL_SKIP };

static enum element resolve(struct spdx *x, const char *id, size_t *ci)
{
	*ci = MDSEC_SBOM_NONE;
	if (!strcmp(id, SPDX_DOC_ID))
		return EL_DOCUMENT;
	if (no_value(id))
		return EL_SKIP;
	if (!strncmp(id, "DocumentRef-", 12) && strchr(id, ':'))
		return EL_SKIP; /* an element of another document */
	*ci = rd_lookup_ref(x->r, id);
	if (*ci != MDSEC_SBOM_NONE)
		return EL_PACKAGE;
	if (map_get(&x->others, id))
		return EL_OTHER;
	return EL_UNKNOWN;
}

static void unknown_element(struct sbom_reader *r, const char *key,
			    const char *id)
{
	rd_error(r, key,
		 "unknown SPDX element '%s' (expected the SPDXID of "
		 "the document or of a package, file or snippet in it, or "
		 "DocumentRef-<id>:<SPDXID>)",
		 id);
}

static void read_describes(struct spdx *x, json_t *root)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, root, "documentDescribes"), *v;
	size_t i, ci;

	if (!a)
		return;
	rd_push_key(r, "documentDescribes");
	json_array_foreach(a, i, v)
	{
		enum element el;

		rd_push_index(r, i);
		if (!json_is_string(v)) {
			rd_error(r, NULL,
				 "a described element is not a "
				 "string (expected an SPDXID)");
		} else {
			el = resolve(x, json_string_value(v), &ci);
			if (el == EL_UNKNOWN)
				unknown_element(r, NULL, json_string_value(v));
			else if (el == EL_PACKAGE &&
				 r->s->primary == MDSEC_SBOM_NONE)
				r->s->primary = ci;
		}
		rd_pop(r);
	}
	rd_pop(r);
}

/* Relationship types that are a dependency edge, and their direction:
 * 1 element -> related, -1 related -> element. */
static const struct {
	const char *type;
	int dir;
} dep_types[] = {
	{ "DEPENDS_ON", 1 },
	{ "CONTAINS", 1 },
	{ "STATIC_LINK", 1 },
	{ "DYNAMIC_LINK", 1 },
	{ "DEPENDENCY_OF", -1 },
	{ "CONTAINED_BY", -1 },
	{ "BUILD_DEPENDENCY_OF", -1 },
	{ "DEV_DEPENDENCY_OF", -1 },
	{ "OPTIONAL_DEPENDENCY_OF", -1 },
	{ "PROVIDED_DEPENDENCY_OF", -1 },
	{ "TEST_DEPENDENCY_OF", -1 },
	{ "RUNTIME_DEPENDENCY_OF", -1 },
};

static void read_relationship(struct spdx *x, json_t *rel)
{
	struct sbom_reader *r = x->r;
	const char *from, *type, *to;
	enum element ef, et;
	size_t fi, ti, k;

	if (!json_is_object(rel)) {
		rd_error(r, NULL,
			 "a relationship is not an object (expected "
			 "{\"spdxElementId\": ..., \"relationshipType\": ..., "
			 "\"relatedSpdxElement\": ...})");
		return;
	}
	from = rd_string(r, rel, "spdxElementId", true);
	type = rd_string(r, rel, "relationshipType", true);
	to = rd_string(r, rel, "relatedSpdxElement", true);
	if (!from || !type || !to)
		return;
	ef = resolve(x, from, &fi);
	et = resolve(x, to, &ti);
	if (ef == EL_UNKNOWN)
		unknown_element(r, "spdxElementId", from);
	if (et == EL_UNKNOWN)
		unknown_element(r, "relatedSpdxElement", to);
	if (ef == EL_UNKNOWN || et == EL_UNKNOWN)
		return;
	if (!strcmp(type, "DESCRIBES") && ef == EL_DOCUMENT &&
	    et == EL_PACKAGE) {
		if (r->s->primary == MDSEC_SBOM_NONE)
			r->s->primary = ti;
		return;
	}
	if (!strcmp(type, "DESCRIBED_BY") && ef == EL_PACKAGE &&
	    et == EL_DOCUMENT) {
		if (r->s->primary == MDSEC_SBOM_NONE)
			r->s->primary = fi;
		return;
	}
	if (ef != EL_PACKAGE || et != EL_PACKAGE || fi == ti)
		return;
	for (k = 0; k < NELEM(dep_types); k++) {
		if (strcmp(type, dep_types[k].type))
			continue;
		if (dep_types[k].dir > 0
			    ? sbom_add_dep(&r->s->components.v[fi], ti)
			    : sbom_add_dep(&r->s->components.v[ti], fi))
			x->oom = 1;
		break;
	}
}

static void read_relationships(struct spdx *x, json_t *root)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, root, "relationships"), *rel;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "relationships");
	json_array_foreach(a, i, rel)
	{
		rd_push_index(r, i);
		read_relationship(x, rel);
		rd_pop(r);
	}
	rd_pop(r);
}

static void read_creation_info(struct spdx *x, json_t *root)
{
	struct sbom_reader *r = x->r;
	json_t *ci = rd_object(r, root, "creationInfo"), *a, *v;
	size_t i;

	if (!ci) {
		if (!json_object_get(root, "creationInfo"))
			rd_error(r, NULL,
				 "missing \"creationInfo\" (an object "
				 "with \"created\" is required here)");
		return;
	}
	rd_push_key(r, "creationInfo");
	r->s->timestamp = rd_datetime(r, ci, "created", true);
	a = rd_array(r, ci, "creators");
	rd_push_key(r, "creators");
	json_array_foreach(a, i, v)
	{
		const char *t;

		rd_push_index(r, i);
		if (!json_is_string(v)) {
			rd_error(r, NULL,
				 "a creator is not a string (expected "
				 "\"Tool: ...\", \"Organization: ...\" or "
				 "\"Person: ...\")");
		} else {
			t = sbom_str(r->s, json_string_value(v));
			if (!t) {
				x->oom = 1;
			} else if (!strncmp(t, "Tool:", 5)) {
				t += 5;
				while (*t == ' ')
					t++;
				if (*t && sbom_add_tool(r->s, t) < 0)
					x->oom = 1;
			} else if (*t && sbom_add_author(r->s, t) < 0) {
				x->oom = 1;
			}
		}
		rd_pop(r);
	}
	rd_pop(r);
	rd_pop(r);
}

int spdx_read(struct sbom_reader *r, json_t *root)
{
	struct spdx x;
	struct rd_cursor cu = RD_CURSOR_INIT;
	const char *ver, *id, *ns;
	json_t *a, *pkg;
	size_t i;

	memset(&x, 0, sizeof(x));
	x.r = r;
	ver = rd_string(r, root, "spdxVersion", true);
	if (!ver)
		return MDSEC_EINPUT;
	if (strcmp(ver, "SPDX-2.2") && strcmp(ver, "SPDX-2.3"))
		return rd_error(r, "spdxVersion",
				"unsupported SPDX version '%s' (expected "
				"SPDX-2.2 or SPDX-2.3)",
				ver);
	r->s->spec_version = ver;
	id = rd_string(r, root, "SPDXID", true);
	if (id && strcmp(id, SPDX_DOC_ID))
		rd_error(r, "SPDXID",
			 "the document's \"SPDXID\" is '%s' "
			 "(expected SPDXRef-DOCUMENT)",
			 id);
	r->s->name = rd_string(r, root, "name", true);
	ns = rd_string(r, root, "documentNamespace", true);
	if (ns && !*ns)
		rd_error(r, "documentNamespace",
			 "\"documentNamespace\" is empty (expected the "
			 "document's unique URI)");
	else
		r->s->serial = ns;
	read_creation_info(&x, root);
	if (map_put(&x.others, SPDX_DOC_ID, (void *)1, NULL) < 0)
		x.oom = 1;
	a = rd_array(r, root, "packages");
	rd_push_key(r, "packages");
	if (json_array_size(a))
		rd_cursor_first(r, &cu);
	json_array_foreach(a, i, pkg)
	{
		struct mdsec_loc loc;

		if (i)
			rd_cursor_next(r, &cu);
		rd_push_index(r, i);
		loc = rd_cursor_loc(r, &cu);
		read_package(&x, pkg, loc);
		rd_pop(r);
	}
	rd_pop(r);
	read_others(&x, root, "files");
	read_others(&x, root, "snippets");
	read_describes(&x, root);
	read_relationships(&x, root);
	map_release(&x.others);
	if (x.oom)
		return MDSEC_ENOMEM;
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}
