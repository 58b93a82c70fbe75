/* SPDX-License-Identifier: Apache-2.0
 *
 * espidf.c - Espressif's own triage lists for ESP-IDF, the ESP32
 * firmware SDK, read as supplier statements (github espressif/
 * esp-idf-sbom): excluded_cves.yaml, whose top-level keys are CVE ids,
 * each with either a reason (the CVE concerns no Espressif product) or
 * `cpes` (NVD cpeMatch shape, version ranges included) and a `reason`
 * (the CVE is handled for those CPEs); and the components manifest
 * (`manifests: [{dest, manifest: {name, version, cpe, cve-exclude-list}}]`).
 * Every exclusion is a supplier's not_affected with its reason as the
 * detail. docs/triage.md says how a reason-only exclusion is scoped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "mdsec/cpe.h"
#include "triage/triage_int.h"

#include "base/banned.h"

/* Who says it: the supplier every reason-only exclusion is scoped to. */
#define ESPIDF_SUPPLIER "Espressif"
#define ESPIDF_AUTHOR	"Espressif Systems"

static bool cve_like(const char *s)
{
	size_t n;

	if (strncmp(s, "CVE-", 4) || strspn(s + 4, "0123456789") != 4 ||
	    s[8] != '-')
		return false;
	n = strspn(s + 9, "0123456789");
	return n >= 4 && s[9 + n] == '\0';
}

bool espidf_detect(const struct ynode *root)
{
	const struct ynode *m;

	if (!root || root->type != YNODE_MAPPING || !root->child)
		return false;
	m = ty_get(root, "manifests");
	if (m && m->type == YNODE_SEQUENCE)
		return true;
	return root->child->type == YNODE_SCALAR && cve_like(root->child->str);
}

static struct mdsec_triage_entry *new_entry(struct triage_yreader *y,
					    const struct ynode *at,
					    const char *cve, const char *reason)
{
	struct mdsec_triage_entry *e;
	size_t k = triage_new_entry(y->t);

	if (k == (size_t)-1) {
		y->nerrors++;
		return NULL;
	}
	e = &y->t->entries.v[k];
	e->vuln = cve;
	e->state = MDSEC_TRIAGE_NOT_AFFECTED;
	e->state_text = "excluded";
	e->detail = reason;
	e->author = ESPIDF_AUTHOR;
	e->origin = y->origin;
	e->format = MDSEC_TRIAGE_FMT_ESPIDF;
	e->loc = ty_loc(y, at);
	return e;
}

static const char *canonical_cpe(struct triage_yreader *y,
				 const struct ynode *v, const char *text)
{
	char err[MDSEC_CPE_ERR_MAX], *canon = NULL;
	const char *out;

	if (mdsec_cpe_canonical(text, &canon, err, sizeof(err), NULL) < 0) {
		ty_error(y, v, "invalid CPE '%s': %s", text, err);
		return NULL;
	}
	out = triage_str(y->t, canon);
	free(canon);
	if (!out)
		y->nerrors++;
	return out;
}

/* One cpeMatch-shaped item: cpe and the NVD range keys. */
static int read_cpe_match(struct triage_yreader *y, const struct ynode *m,
			  const char *cve, const char *reason)
{
	static const struct {
		const char *key, *op;
	} bounds[] = {
		{ "versionStartIncluding", ">=" },
		{ "versionStartExcluding", ">" },
		{ "versionEndIncluding", "<=" },
		{ "versionEndExcluding", "<" },
	};
	struct strbuf range = STRBUF_INIT;
	struct mdsec_triage_entry *e;
	const struct ynode *k, *v;
	const char *cpe, *text;
	size_t i;
	int rc = 0;

	if (m->type != YNODE_MAPPING)
		return ty_error(y, m,
				"a 'cpes' item is %s (expected a mapping "
				"with 'cpe' and optional version bounds)",
				ynode_type_name(m));
	for (k = m->child; k && k->next; k = k->next->next) {
		bool known = !strcmp(k->str, "cpe");

		for (i = 0; i < 4; i++)
			known = known || !strcmp(k->str, bounds[i].key);
		if (!known)
			return ty_error(y, k,
					"unknown key '%s' in a 'cpes' item "
					"(expected cpe, versionStartIncluding, "
					"versionStartExcluding, "
					"versionEndIncluding, "
					"versionEndExcluding)",
					k->str);
	}
	v = ty_get(m, "cpe");
	if (!v)
		return ty_error(y, m,
				"missing key 'cpe' in a 'cpes' item "
				"(expected a CPE 2.3 name)");
	text = ty_text(y, v, "cpe");
	if (!text)
		return MDSEC_EINPUT;
	cpe = canonical_cpe(y, v, text);
	if (!cpe)
		return MDSEC_EINPUT;
	for (i = 0; i < 4; i++) {
		v = ty_get(m, bounds[i].key);
		if (!v)
			continue;
		text = ty_text(y, v, bounds[i].key);
		if (!text) {
			rc = MDSEC_EINPUT;
			goto out;
		}
		strbuf_addf(&range, "%s%s%s", range.len ? "|" : "vers:generic/",
			    bounds[i].op, text);
	}
	e = new_entry(y, m, cve, reason);
	if (!e) {
		rc = MDSEC_ENOMEM;
		goto out;
	}
	e->subject.cpe = cpe;
	if (range.len) {
		e->subject.range = triage_strn(y->t, range.buf, range.len);
		if (!e->subject.range)
			rc = MDSEC_ENOMEM;
	}
out:
	strbuf_release(&range);
	return rc;
}

static int read_exclusion(struct triage_yreader *y, const struct ynode *k)
{
	const struct ynode *v = k->next, *cpes, *r, *it, *kk;
	const char *cve, *reason;
	struct mdsec_triage_entry *e;
	int rc;

	if (k->type != YNODE_SCALAR || !cve_like(k->str))
		return ty_error(y, k,
				"key '%s' is not a CVE id (expected "
				"CVE-YYYY-NNNN, as ESP-IDF's "
				"excluded_cves.yaml lists them)",
				k->type == YNODE_SCALAR ? k->str : "");
	cve = triage_strn(y->t, k->str, k->len);
	if (!cve)
		return MDSEC_ENOMEM;
	if (v->type == YNODE_SCALAR) {
		reason = ty_text(y, v, cve);
		if (!reason)
			return MDSEC_EINPUT;
		e = new_entry(y, k, cve, reason);
		if (!e)
			return MDSEC_ENOMEM;
		e->subject.supplier = ESPIDF_SUPPLIER;
		return 0;
	}
	if (v->type != YNODE_MAPPING)
		return ty_error(y, v,
				"'%s' is %s (expected a reason, or a mapping "
				"with 'cpes' and 'reason')",
				cve, ynode_type_name(v));
	for (kk = v->child; kk && kk->next; kk = kk->next->next)
		if (strcmp(kk->str, "cpes") && strcmp(kk->str, "reason"))
			return ty_error(y, kk,
					"unknown key '%s' in '%s' (expected "
					"cpes, reason)",
					kk->str, cve);
	r = ty_get(v, "reason");
	if (!r)
		return ty_error(y, v,
				"missing key 'reason' in '%s' (expected why "
				"it is excluded)",
				cve);
	reason = ty_text(y, r, "reason");
	if (!reason)
		return MDSEC_EINPUT;
	cpes = ty_get(v, "cpes");
	if (!cpes || cpes->type != YNODE_SEQUENCE || !cpes->n)
		return ty_error(y, cpes ? cpes : v,
				"%s 'cpes' in '%s' (expected a list of CPE "
				"matches)",
				cpes ? "empty or malformed" : "missing", cve);
	for (it = cpes->child; it; it = it->next) {
		rc = read_cpe_match(y, it, cve, reason);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The components manifest: each manifest's cve-exclude-list. */
static int read_manifests(struct triage_yreader *y, const struct ynode *list)
{
	const struct ynode *it;
	int rc = 0;

	for (it = list->child; it; it = it->next) {
		const struct ynode *man = ty_get(it, "manifest"), *v, *x;
		const char *name = NULL, *version = NULL, *cpe = NULL;
		struct strbuf sb = STRBUF_INIT;

		if (it->type != YNODE_MAPPING)
			return ty_error(y, it,
					"a manifest entry is %s (expected a "
					"mapping with 'dest' and 'manifest')",
					ynode_type_name(it));
		if (!man)
			continue;
		x = ty_get(man, "cve-exclude-list");
		if (!x)
			continue;
		if (x->type != YNODE_SEQUENCE)
			return ty_error(y, x,
					"'cve-exclude-list' is %s (expected "
					"a list of cve and reason)",
					ynode_type_name(x));
		v = ty_get(man, "name");
		if (!v) {
			const char *dest, *slash;

			v = ty_get(it, "dest");
			if (!v)
				return ty_error(y, man,
						"a manifest without 'name' "
						"or 'dest' (expected the "
						"component's name)");
			dest = ty_text(y, v, "dest");
			if (!dest)
				return MDSEC_EINPUT;
			slash = strrchr(dest, '/');
			name = slash ? slash + 1 : dest;
		} else if (!(name = ty_text(y, v, "name"))) {
			return MDSEC_EINPUT;
		}
		v = ty_get(man, "version");
		if (v && !(version = ty_text(y, v, "version")))
			return MDSEC_EINPUT;
		v = ty_get(man, "cpe");
		if (v && v->type == YNODE_SEQUENCE)
			v = v->child;
		if (v && v->type == YNODE_SCALAR && version) {
			/* the template's "{}" is the version */
			const char *p = strstr(v->str, "{}");

			if (p) {
				strbuf_add(&sb, v->str, (size_t)(p - v->str));
				strbuf_addstr(&sb, version);
				strbuf_addstr(&sb, p + 2);
			} else {
				strbuf_addstr(&sb, v->str);
			}
			cpe = canonical_cpe(y, v, sb.buf);
			strbuf_release(&sb);
			if (!cpe)
				return MDSEC_EINPUT;
		}
		for (v = x->child; v; v = v->next) {
			const struct ynode *c = ty_get(v, "cve"),
					   *r = ty_get(v, "reason");
			const char *cve, *reason;
			struct mdsec_triage_entry *e;

			if (!c || !r)
				return ty_error(y, v,
						"an exclusion without 'cve' "
						"and 'reason' (expected both)");
			cve = ty_text(y, c, "cve");
			reason = ty_text(y, r, "reason");
			if (!cve || !reason)
				return MDSEC_EINPUT;
			if (!cve_like(cve))
				return ty_error(y, c,
						"'cve' is '%s' (expected "
						"CVE-YYYY-NNNN)",
						cve);
			e = new_entry(y, v, cve, reason);
			if (!e)
				return MDSEC_ENOMEM;
			e->subject.name = name;
			e->subject.version = version;
			e->subject.cpe = cpe;
		}
	}
	return rc;
}

int espidf_read(struct triage_yreader *y, const struct ynode *root)
{
	const struct ynode *k;
	int rc = 0;

	k = ty_get(root, "manifests");
	if (k)
		return read_manifests(y, k);
	for (k = root->child; k && k->next; k = k->next->next) {
		int one = read_exclusion(y, k);

		if (one == MDSEC_ENOMEM)
			return one;
		if (one < 0)
			rc = one;
	}
	return rc;
}
