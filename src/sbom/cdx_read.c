/* SPDX-License-Identifier: Apache-2.0
 *
 * cdx_read.c - CycloneDX JSON 1.2 to 1.6 into the component model. Strict
 * where mdsec relies on the data (identity of the document, component
 * type/name/identifiers/hashes/licenses, bom-refs, the dependency graph)
 * and where the schema constrains it cheaply; every other member is read
 * past. The constraints enforced are listed in docs/formats.md.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/timeutil.h"
#include "sbom/sbom_int.h"
#include "sbom/spdx_ids.h"

#include "base/banned.h"

struct cdx {
	struct sbom_reader *r;
	int minor;	     /* 2..6 */
	struct map services; /* bom-refs of services: dependencies may
			      * name them; they are not components */
};

static const struct {
	const char *name;
	int since; /* first 1.x minor version with it */
} component_types[] = {
	{ "application", 2 },
	{ "framework", 2 },
	{ "library", 2 },
	{ "container", 2 },
	{ "operating-system", 2 },
	{ "device", 2 },
	{ "firmware", 2 },
	{ "file", 2 },
	{ "platform", 5 },
	{ "device-driver", 5 },
	{ "machine-learning-model", 5 },
	{ "data", 5 },
	{ "cryptographic-asset", 6 },
};

static const struct {
	const char *alg;
	size_t len; /* hex digits; 0 = any length the schema allows */
} hash_algs[] = {
	{ "MD5", 32 },	       { "SHA-1", 40 },	       { "SHA-256", 64 },
	{ "SHA-384", 96 },     { "SHA-512", 128 },     { "SHA3-256", 64 },
	{ "SHA3-384", 96 },    { "SHA3-512", 128 },    { "BLAKE2b-256", 64 },
	{ "BLAKE2b-384", 96 }, { "BLAKE2b-512", 128 }, { "BLAKE3", 0 },
};

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(v, *set))
			return true;
	return false;
}

/* An enum member: absent is fine; present must be one of set. */
static void check_enum(struct sbom_reader *r, json_t *obj, const char *key,
		       const char *const *set, const char *expected)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return;
	if (!json_is_string(v) || !one_of(json_string_value(v), set))
		rd_error(r, key, "\"%s\" %s%s%s is not allowed (expected %s)",
			 key, json_is_string(v) ? "'" : "",
			 json_is_string(v) ? json_string_value(v) : "value",
			 json_is_string(v) ? "'" : "", expected);
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

static void read_hashes(struct cdx *x, json_t *obj, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, obj, "hashes"), *h;
	size_t i, k;

	if (!a)
		return;
	rd_push_key(r, "hashes");
	json_array_foreach(a, i, h)
	{
		const char *alg, *content;
		char *low;
		size_t n, j;

		rd_push_index(r, i);
		if (!json_is_object(h)) {
			rd_error(r, NULL,
				 "a hash is not an object (expected "
				 "{\"alg\": ..., \"content\": ...})");
			rd_pop(r);
			continue;
		}
		alg = rd_string(r, h, "alg", true);
		content = rd_string(r, h, "content", true);
		if (!alg || !content) {
			rd_pop(r);
			continue;
		}
		for (k = 0; k < sizeof(hash_algs) / sizeof(hash_algs[0]); k++)
			if (!strcmp(alg, hash_algs[k].alg))
				break;
		n = strlen(content);
		if (k == sizeof(hash_algs) / sizeof(hash_algs[0])) {
			rd_error(r, "alg",
				 "unknown hash algorithm '%s' "
				 "(expected MD5, SHA-1, SHA-256, SHA-384, "
				 "SHA-512, SHA3-256, SHA3-384, SHA3-512, "
				 "BLAKE2b-256, BLAKE2b-384, BLAKE2b-512 or "
				 "BLAKE3)",
				 alg);
		} else if (!is_hex(content, n) ||
			   (hash_algs[k].len ? n != hash_algs[k].len
					     : (n != 32 && n != 40 && n != 64 &&
						n != 96 && n != 128))) {
			rd_error(r, "content",
				 "%s hash '%s' is not %zu "
				 "hexadecimal digits (expected the digest in "
				 "hex)",
				 alg, content,
				 hash_algs[k].len ? hash_algs[k].len : 64);
		} else {
			low = (char *)content; /* arena copy, ours */
			for (j = 0; j < n; j++)
				if (low[j] >= 'A' && low[j] <= 'F')
					low[j] = (char)(low[j] - 'A' + 'a');
			sbom_add_hash(&r->s->components.v[ci], alg, content);
		}
		rd_pop(r);
	}
	rd_pop(r);
}

/* A license known only by name becomes an SPDX LicenseRef: the name
 * with every character outside [A-Za-z0-9.-] replaced by '-'. */
static void add_license_ref(struct strbuf *sb, const char *name)
{
	strbuf_addstr(sb, "LicenseRef-");
	for (; *name; name++) {
		char ch = *name;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'))
			ch = '-';
		strbuf_addch(sb, ch);
	}
}

/* licenses: either license objects (id or name) or one expression.
 * Returns the SPDX expression they amount to, arena-owned, or NULL: the
 * expression as written, or the listed licenses joined with " AND " (all
 * of them apply, as SPDX tools read a list of declared licenses). */
static const char *read_licenses(struct cdx *x, json_t *obj)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, obj, "licenses"), *l;
	struct strbuf sb = STRBUF_INIT;
	const char *out = NULL, *expr = NULL;
	size_t i, nlic = 0;

	if (!a)
		return NULL;
	rd_push_key(r, "licenses");
	json_array_foreach(a, i, l)
	{
		json_t *lic;

		rd_push_index(r, i);
		if (!json_is_object(l)) {
			rd_error(r, NULL,
				 "a license entry is not an object "
				 "(expected {\"license\": ...} or "
				 "{\"expression\": ...})");
			rd_pop(r);
			continue;
		}
		lic = json_object_get(l, "license");
		if (json_object_get(l, "expression")) {
			if (lic)
				rd_error(r, NULL,
					 "a license entry has both "
					 "\"license\" and \"expression\" "
					 "(expected one of them)");
			expr = rd_string(r, l, "expression", true);
			if (json_array_size(a) > 1)
				rd_error(r, NULL,
					 "an expression must be the "
					 "only license entry (expected one "
					 "\"expression\" or a list of "
					 "\"license\" objects)");
		} else if (lic) {
			const char *id, *name;
			json_t *text;

			rd_push_key(r, "license");
			if (!json_is_object(lic)) {
				rd_error(r, NULL,
					 "\"license\" is not an "
					 "object (expected {\"id\": ...} or "
					 "{\"name\": ...})");
				rd_pop(r);
				rd_pop(r);
				continue;
			}
			id = rd_string(r, lic, "id", false);
			name = rd_string(r, lic, "name", false);
			if (id && name)
				rd_error(r, NULL,
					 "a license has both \"id\" "
					 "and \"name\" (expected one of "
					 "them)");
			else if (!id && !name)
				rd_error(r, NULL,
					 "a license has neither "
					 "\"id\" nor \"name\" (expected one "
					 "of them)");
			else if (id && !spdx_id_known(id))
				rd_error(r, "id",
					 "'%s' is not an SPDX "
					 "license identifier (expected one "
					 "from the SPDX license list, or "
					 "\"name\" for others)",
					 id);
			text = rd_object(r, lic, "text");
			if (text) {
				static const char *const enc[] = { "base64",
								   NULL };

				rd_push_key(r, "text");
				check_enum(r, text, "encoding", enc, "base64");
				rd_pop(r);
			}
			if (id || name) {
				if (nlic++)
					strbuf_addstr(&sb, " AND ");
				if (id)
					strbuf_addstr(&sb, id);
				else
					add_license_ref(&sb, name);
			}
			rd_pop(r);
		} else {
			rd_error(r, NULL,
				 "a license entry has neither "
				 "\"license\" nor \"expression\" (expected "
				 "one of them)");
		}
		rd_pop(r);
	}
	rd_pop(r);
	if (expr)
		out = expr;
	else if (nlic == 1 && sb.len)
		out = sbom_strn(r->s, sb.buf, sb.len);
	else if (sb.len)
		out = sbom_printf(r->s, "(%s)", sb.buf);
	strbuf_release(&sb);
	return out;
}

static void read_properties(struct cdx *x, json_t *obj, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, obj, "properties"), *p;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "properties");
	json_array_foreach(a, i, p)
	{
		const char *name, *value;
		struct mdsec_component *c;

		rd_push_index(r, i);
		if (!json_is_object(p)) {
			rd_error(r, NULL,
				 "a property is not an object "
				 "(expected {\"name\": ..., \"value\": "
				 "...})");
			rd_pop(r);
			continue;
		}
		name = rd_string(r, p, "name", true);
		value = rd_string(r, p, "value", false);
		rd_pop(r);
		if (!name || !value || ci == MDSEC_SBOM_NONE)
			continue;
		c = &r->s->components.v[ci];
		if (!strcmp(name, SBOM_PROP_FDA_SUPPORT)) {
			c->support = sbom_support_from_phrase(value);
			if (!c->support) {
				rd_push_index(r, i);
				rd_warning(r, "value",
					   "unknown level of support "
					   "'%s' (expected actively "
					   "maintained, no longer maintained "
					   "or abandoned)",
					   value);
				rd_pop(r);
			}
		} else if (!strcmp(name, SBOM_PROP_FDA_EOS) ||
			   !strcmp(name, SBOM_PROP_EOS_MILESTONE)) {
			char date[11];

			/* ISO 8601 date or date-time: keep the date */
			if (strlen(value) >= 10) {
				memcpy(date, value, 10);
				date[10] = '\0';
			} else {
				date[0] = '\0';
			}
			if (time_valid_date(date)) {
				c->end_of_support = sbom_str(r->s, date);
			} else {
				rd_push_index(r, i);
				rd_error(r, "value",
					 "end-of-support '%s' is "
					 "not a date (expected YYYY-MM-DD)",
					 value);
				rd_pop(r);
			}
		} else if (!strcmp(name, SBOM_PROP_FDA_JUSTIFICATION)) {
			const char *t = value;
			const char *colon = strstr(value, ": ");

			/* "<property-name>: <text>" as the proposal writes */
			if (colon && !strncmp(value, "cdx:", 4))
				t = colon + 2;
			c->support_justification = t;
		} else if (!strcmp(name, SBOM_PROP_ELEMENT)) {
			c->element = value;
		}
	}
	rd_pop(r);
}

/* evidence.occurrences written by mdsec carry "method: detail" in
 * additionalContext; other tools' occurrences count as SBOM evidence. */
static void read_evidence(struct cdx *x, json_t *obj, size_t ci)
{
	struct sbom_reader *r = x->r;
	json_t *ev = rd_object(r, obj, "evidence"), *occ, *o;
	size_t i;

	if (!ev)
		return;
	rd_push_key(r, "evidence");
	occ = rd_array(r, ev, "occurrences");
	rd_push_key(r, "occurrences");
	json_array_foreach(occ, i, o)
	{
		struct mdsec_sbom_evidence e = { MDSEC_FOUND_SBOM, NULL, NULL,
						 100 };
		const char *ctx, *colon;

		rd_push_index(r, i);
		if (!json_is_object(o)) {
			rd_error(r, NULL,
				 "an occurrence is not an object "
				 "(expected {\"location\": ...})");
			rd_pop(r);
			continue;
		}
		e.source = rd_string(r, o, "location", true);
		ctx = rd_string(r, o, "additionalContext", false);
		if (ctx && (colon = strstr(ctx, ": ")) != NULL) {
			if (sbom_method_parse(ctx, (size_t)(colon - ctx),
					      &e.method) < 0)
				e.method = MDSEC_FOUND_SBOM;
			e.detail = colon + 2;
		} else {
			e.detail = ctx;
		}
		if (e.source)
			sbom_add_evidence(&r->s->components.v[ci], &e);
		rd_pop(r);
	}
	rd_pop(r);
	rd_pop(r);
}

static const char *const scopes[] = { "required", "optional", "excluded",
				      NULL };

static void read_pedigree(struct cdx *x, json_t *c)
{
	static const char *const patch_types[] = { "unofficial", "monkey",
						   "backport", "cherry-pick",
						   NULL };
	static const char *const issue_types[] = { "defect", "enhancement",
						   "security", NULL };
	struct sbom_reader *r = x->r;
	json_t *ped = rd_object(r, c, "pedigree"), *patches, *p;
	size_t i, j;

	if (!ped)
		return;
	rd_push_key(r, "pedigree");
	patches = rd_array(r, ped, "patches");
	rd_push_key(r, "patches");
	json_array_foreach(patches, i, p)
	{
		json_t *res, *is;

		rd_push_index(r, i);
		if (json_is_object(p)) {
			if (!json_object_get(p, "type"))
				rd_error(r, NULL,
					 "a patch has no \"type\" "
					 "(expected unofficial, monkey, "
					 "backport or cherry-pick)");
			check_enum(r, p, "type", patch_types,
				   "unofficial, monkey, backport or "
				   "cherry-pick");
			res = rd_array(r, p, "resolves");
			rd_push_key(r, "resolves");
			json_array_foreach(res, j, is)
			{
				rd_push_index(r, j);
				if (json_is_object(is))
					check_enum(r, is, "type", issue_types,
						   "defect, enhancement or "
						   "security");
				rd_pop(r);
			}
			rd_pop(r);
		}
		rd_pop(r);
	}
	rd_pop(r);
	rd_pop(r);
}

static size_t read_component(struct cdx *x, json_t *c, struct mdsec_loc loc);

/* components[] of obj. Top-level components are located with a cursor
 * (one pass); nested ones, rare, carry the file name only, so that deep
 * nesting cannot make reading quadratic. */
static void read_components(struct cdx *x, json_t *obj, bool top)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, obj, "components"), *c;
	struct rd_cursor cu = RD_CURSOR_INIT;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "components");
	if (top && json_array_size(a))
		rd_cursor_first(r, &cu);
	json_array_foreach(a, i, c)
	{
		struct mdsec_loc loc = { r->jp.file, 0, 0 };

		if (top && i)
			rd_cursor_next(r, &cu);
		rd_push_index(r, i);
		if (top)
			loc = rd_cursor_loc(r, &cu);
		read_component(x, c, loc);
		rd_pop(r);
	}
	rd_pop(r);
}

static size_t read_component(struct cdx *x, json_t *c, struct mdsec_loc loc)
{
	struct sbom_reader *r = x->r;
	struct mdsec_component *comp;
	const char *type, *name, *ref, *s;
	json_t *sup, *swid;
	size_t ci, k;

	if (!json_is_object(c)) {
		rd_error(r, NULL,
			 "a component is not an object (expected "
			 "{\"type\": ..., \"name\": ...})");
		return MDSEC_SBOM_NONE;
	}
	type = rd_string(r, c, "type", true);
	name = rd_string(r, c, "name", true);
	if (type) {
		for (k = 0;
		     k < sizeof(component_types) / sizeof(component_types[0]);
		     k++)
			if (!strcmp(type, component_types[k].name) &&
			    component_types[k].since <= x->minor)
				break;
		if (k == sizeof(component_types) / sizeof(component_types[0]))
			rd_error(r, "type",
				 "'%s' is not a CycloneDX 1.%d "
				 "component type (expected application, "
				 "framework, library, container, "
				 "operating-system, device, firmware, file%s)",
				 type, x->minor,
				 x->minor >= 6	 ? ", platform, device-driver, "
						   "machine-learning-model, data "
						   "or cryptographic-asset"
				 : x->minor == 5 ? ", platform, device-driver, "
						   "machine-learning-model or "
						   "data"
						 : "");
	}
	ci = sbom_add_component(r->s);
	if (ci == MDSEC_SBOM_NONE)
		return ci;
	comp = &r->s->components.v[ci];
	comp->loc = loc;
	comp->type = type;
	comp->name = name ? name : "";
	ref = rd_string(r, c, "bom-ref", false);
	if (ref && rd_register_ref(r, ref, ci, "bom-ref") == 0)
		r->s->components.v[ci].ref = ref;
	comp = &r->s->components.v[ci];
	comp->group = rd_string(r, c, "group", false);
	comp->version = rd_string(r, c, "version", false);
	comp->author = rd_string(r, c, "author", false);
	comp->description = rd_string(r, c, "description", false);
	comp->copyright = rd_string(r, c, "copyright", false);
	check_enum(r, c, "scope", scopes, "required, optional or excluded");
	comp->scope = rd_string(r, c, "scope", false);
	sup = rd_object(r, c, "supplier");
	if (sup) {
		rd_push_key(r, "supplier");
		comp->supplier = rd_string(r, sup, "name", false);
		rd_pop(r);
	}
	if (!comp->supplier && (s = rd_string(r, c, "publisher", false)))
		comp->supplier = s;
	if (!comp->supplier && x->minor >= 6) {
		json_t *man = rd_object(r, c, "manufacturer");

		if (man) {
			rd_push_key(r, "manufacturer");
			comp->supplier = rd_string(r, man, "name", false);
			rd_pop(r);
		}
	}
	if (!comp->author && x->minor >= 6) {
		json_t *authors = rd_array(r, c, "authors");

		if (json_array_size(authors) &&
		    json_is_object(json_array_get(authors, 0))) {
			rd_push_key(r, "authors");
			rd_push_index(r, 0);
			comp->author = rd_string(r, json_array_get(authors, 0),
						 "name", false);
			rd_pop(r);
			rd_pop(r);
		}
	}
	comp->purl = rd_purl(r, c, "purl");
	s = rd_string(r, c, "cpe", false);
	comp = &r->s->components.v[ci];
	if (s)
		comp->cpe = rd_cpe(r, s, "cpe");
	swid = rd_object(r, c, "swid");
	if (swid) {
		rd_push_key(r, "swid");
		rd_string(r, swid, "tagId", true);
		rd_string(r, swid, "name", true);
		rd_pop(r);
	}
	read_hashes(x, c, ci);
	comp = &r->s->components.v[ci];
	comp->license = read_licenses(x, c);
	read_properties(x, c, ci);
	read_evidence(x, c, ci);
	read_pedigree(x, c);
	read_components(x, c, false);
	return ci;
}

static bool valid_serial(const char *s)
{
	/* urn:uuid: and 8-4-4-4-12 hex digits, version 1-5, variant 8/9/a/b */
	static const char pat[] = "urn:uuid:........-....-....-....-"
				  "............";
	size_t i;

	if (strlen(s) != sizeof(pat) - 1)
		return false;
	for (i = 0; i < sizeof(pat) - 1; i++) {
		if (pat[i] == '.') {
			if (!is_hex(s + i, 1))
				return false;
		} else if (s[i] != pat[i]) {
			return false;
		}
	}
	return s[23] >= '1' && s[23] <= '5' && strchr("89abAB", s[28]);
}

static void read_metadata(struct cdx *x, json_t *root)
{
	struct sbom_reader *r = x->r;
	json_t *md = rd_object(r, root, "metadata"), *a, *v, *comp;
	size_t i;

	if (!md)
		return;
	rd_push_key(r, "metadata");
	r->s->timestamp = rd_datetime(r, md, "timestamp", false);
	a = rd_array(r, md, "authors");
	rd_push_key(r, "authors");
	json_array_foreach(a, i, v)
	{
		const char *n;

		rd_push_index(r, i);
		n = json_is_object(v) ? rd_string(r, v, "name", false) : NULL;
		if (n)
			sbom_add_author(r->s, n);
		rd_pop(r);
	}
	rd_pop(r);
	/* tools: an array of {vendor, name, version} (1.2-1.4, deprecated
	 * since) or {components: [...], services: [...]} (1.5+) */
	v = json_object_get(md, "tools");
	if (json_is_object(v))
		a = json_object_get(v, "components");
	else
		a = v;
	if (a && !json_is_array(a)) {
		rd_error(r, "tools",
			 "\"tools\" is %s (expected an array, or "
			 "an object with \"components\")",
			 json_is_object(v) ? "an object without a components "
					     "array"
					   : "not an array");
	} else {
		json_t *t;

		json_array_foreach(a, i, t)
		{
			const char *n, *ver;

			if (!json_is_object(t))
				continue;
			n = json_string_value(json_object_get(t, "name"));
			ver = json_string_value(json_object_get(t, "version"));
			if (n)
				sbom_add_tool(
					r->s,
					ver ? sbom_printf(r->s, "%s %s", n, ver)
					    : sbom_str(r->s, n));
		}
	}
	comp = json_object_get(md, "component");
	if (comp) {
		size_t ci;

		rd_push_key(r, "component");
		ci = read_component(x, comp, rd_loc(r, NULL));
		if (ci != MDSEC_SBOM_NONE) {
			r->s->primary = ci;
			r->s->name = r->s->components.v[ci].name;
		}
		rd_pop(r);
	}
	v = rd_object(r, md, "supplier");
	if (v && !r->s->authors.n) {
		const char *n = json_string_value(json_object_get(v, "name"));

		if (n)
			sbom_add_author(r->s, sbom_str(r->s, n));
	}
	if (json_object_get(md, "licenses")) {
		read_licenses(x, md);
	}
	a = rd_array(r, md, "properties");
	if (a)
		read_properties(x, md, MDSEC_SBOM_NONE);
	rd_pop(r);
}

/* services[] (and nested services): only their bom-refs matter here. */
static void read_services(struct cdx *x, json_t *obj)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, obj, "services"), *sv;
	size_t i;

	if (!a)
		return;
	rd_push_key(r, "services");
	json_array_foreach(a, i, sv)
	{
		const char *ref;

		rd_push_index(r, i);
		if (json_is_object(sv)) {
			ref = rd_string(r, sv, "bom-ref", false);
			if (ref && *ref &&
			    rd_lookup_ref(r, ref) != MDSEC_SBOM_NONE)
				rd_error(r, "bom-ref",
					 "duplicate \"bom-ref\" "
					 "'%s' (expected identifiers unique in "
					 "the document)",
					 ref);
			else if (ref && *ref)
				map_put(&x->services, ref, (void *)1, NULL);
			read_services(x, sv);
		}
		rd_pop(r);
	}
	rd_pop(r);
}

static void read_dependencies(struct cdx *x, json_t *root)
{
	struct sbom_reader *r = x->r;
	json_t *a = rd_array(r, root, "dependencies"), *d, *on, *t;
	size_t i, j;

	if (!a)
		return;
	rd_push_key(r, "dependencies");
	json_array_foreach(a, i, d)
	{
		const char *ref;
		size_t from;

		rd_push_index(r, i);
		if (!json_is_object(d)) {
			rd_error(r, NULL,
				 "a dependency is not an object "
				 "(expected {\"ref\": ..., \"dependsOn\": "
				 "[...]})");
			rd_pop(r);
			continue;
		}
		ref = rd_string(r, d, "ref", true);
		if (!ref) {
			rd_pop(r);
			continue;
		}
		from = rd_lookup_ref(r, ref);
		if (from == MDSEC_SBOM_NONE && map_get(&x->services, ref)) {
			rd_pop(r);
			continue;
		}
		if (!*ref) {
			rd_error(r, "ref",
				 "\"ref\" is empty (expected the "
				 "bom-ref of a component)");
			rd_pop(r);
			continue;
		}
		if (from == MDSEC_SBOM_NONE) {
			rd_error(r, "ref",
				 "no component has bom-ref '%s' "
				 "(expected the bom-ref of a component in "
				 "this document)",
				 ref);
			rd_pop(r);
			continue;
		}
		on = rd_array(r, d, "dependsOn");
		if (!on)
			on = rd_array(r, d, "provides");
		rd_push_key(r, json_object_get(d, "dependsOn") ? "dependsOn"
							       : "provides");
		json_array_foreach(on, j, t)
		{
			size_t to;

			rd_push_index(r, j);
			if (!json_is_string(t) || !*json_string_value(t)) {
				rd_error(r, NULL,
					 "a dependency target is not "
					 "a non-empty string (expected a "
					 "bom-ref)");
			} else if ((to = rd_lookup_ref(r,
						       json_string_value(t))) ==
					   MDSEC_SBOM_NONE &&
				   map_get(&x->services,
					   json_string_value(t))) {
				/* a service: not part of the component graph */
			} else if (to == MDSEC_SBOM_NONE) {
				rd_error(r, NULL,
					 "no component has bom-ref "
					 "'%s' (expected the bom-ref of a "
					 "component in this document)",
					 json_string_value(t));
			} else if (to != from) {
				sbom_add_dep(&r->s->components.v[from], to);
			}
			rd_pop(r);
		}
		rd_pop(r);
		rd_pop(r);
	}
	rd_pop(r);
}

int cdx_read(struct sbom_reader *r, json_t *root)
{
	struct cdx x = { r, 0, MAP_INIT };
	const char *fmt, *ver, *serial;
	json_t *v;

	fmt = rd_string(r, root, "bomFormat", true);
	if (fmt && strcmp(fmt, "CycloneDX"))
		return rd_error(r, "bomFormat",
				"\"bomFormat\" is '%s' "
				"(expected \"CycloneDX\")",
				fmt);
	ver = rd_string(r, root, "specVersion", true);
	if (!ver)
		return MDSEC_EINPUT;
	if (strlen(ver) == 3 && ver[0] == '1' && ver[1] == '.' &&
	    ver[2] >= '2' && ver[2] <= '6')
		x.minor = ver[2] - '0';
	else
		return rd_error(r, "specVersion",
				"unsupported CycloneDX "
				"version '%s' (expected 1.2 to 1.6)",
				ver);
	r->s->spec_version = ver;
	serial = rd_string(r, root, "serialNumber", false);
	if (serial && !valid_serial(serial))
		rd_error(r, "serialNumber",
			 "'%s' is not a UUID URN (expected "
			 "urn:uuid: and an RFC 4122 UUID)",
			 serial);
	else
		r->s->serial = serial;
	v = json_object_get(root, "version");
	if (v && (!json_is_integer(v) || json_integer_value(v) < 1))
		rd_error(r, "version",
			 "\"version\" is not a positive integer "
			 "(expected the BOM's version, 1 or more)");
	read_metadata(&x, root);
	read_components(&x, root, true);
	read_services(&x, root);
	read_dependencies(&x, root);
	map_release(&x.services);
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}
