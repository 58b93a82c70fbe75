/* SPDX-License-Identifier: Apache-2.0
 *
 * import_osv.c - OSV records (ossf.github.io/osv-schema). Each affected
 * package becomes rows of osv_range keyed by the package-URL type,
 * namespace and name it corresponds to (its "purl" when given, else the
 * ecosystem and name mapped as the PURL spec and OSV do): one row per
 * affected interval of an ECOSYSTEM or SEMVER range (events paired in
 * order: introduced opens, fixed closes excluding, last_affected closes
 * including; "0" is the beginning), one per listed version, and the GIT
 * ranges kept (repository and commits) but never matched: without the
 * commit graph a version cannot be placed between commits, and the
 * report says so. The version scheme of each row is chosen from the
 * ecosystem (docs/versions.md).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "mdsec/purl.h"
#include "mdsec/version.h"
#include "vuln/import_int.h"

#include "base/banned.h"

/* OSV ecosystem (before any ':' release suffix) to PURL type and, for
 * distributions, namespace; the version scheme for ECOSYSTEM ranges. */
static const struct eco {
	const char *ecosystem, *type, *ns;
	enum mdsec_version_scheme scheme;
} ecos[] = {
	{ "AlmaLinux", "rpm", "almalinux", MDSEC_VER_RPM },
	{ "Alpine", "apk", "alpine", MDSEC_VER_GENERIC },
	{ "CRAN", "cran", NULL, MDSEC_VER_GENERIC },
	{ "Chainguard", "apk", "chainguard", MDSEC_VER_GENERIC },
	{ "ConanCenter", "conan", NULL, MDSEC_VER_GENERIC },
	{ "Debian", "deb", "debian", MDSEC_VER_DEBIAN },
	{ "GitHub Actions", "github", NULL, MDSEC_VER_SEMVER },
	{ "Go", "golang", NULL, MDSEC_VER_SEMVER },
	{ "Hackage", "hackage", NULL, MDSEC_VER_GENERIC },
	{ "Hex", "hex", NULL, MDSEC_VER_SEMVER },
	{ "Mageia", "rpm", "mageia", MDSEC_VER_RPM },
	{ "Maven", "maven", NULL, MDSEC_VER_GENERIC },
	{ "NuGet", "nuget", NULL, MDSEC_VER_SEMVER },
	{ "Packagist", "composer", NULL, MDSEC_VER_GENERIC },
	{ "Pub", "pub", NULL, MDSEC_VER_SEMVER },
	{ "PyPI", "pypi", NULL, MDSEC_VER_GENERIC },
	{ "Red Hat", "rpm", "redhat", MDSEC_VER_RPM },
	{ "Rocky Linux", "rpm", "rocky-linux", MDSEC_VER_RPM },
	{ "RubyGems", "gem", NULL, MDSEC_VER_GENERIC },
	{ "SUSE", "rpm", "suse", MDSEC_VER_RPM },
	{ "SwiftURL", "swift", NULL, MDSEC_VER_SEMVER },
	{ "Ubuntu", "deb", "ubuntu", MDSEC_VER_DEBIAN },
	{ "Wolfi", "apk", "wolfi", MDSEC_VER_GENERIC },
	{ "crates.io", "cargo", NULL, MDSEC_VER_SEMVER },
	{ "npm", "npm", NULL, MDSEC_VER_SEMVER },
	{ "openSUSE", "rpm", "opensuse", MDSEC_VER_RPM },
};

static const struct eco *eco_of(const char *ecosystem)
{
	size_t i, n;

	if (!ecosystem)
		return NULL;
	n = strcspn(ecosystem, ":");
	for (i = 0; i < sizeof(ecos) / sizeof(ecos[0]); i++)
		if (strlen(ecos[i].ecosystem) == n &&
		    !strncmp(ecos[i].ecosystem, ecosystem, n))
			return &ecos[i];
	return NULL;
}

/* The (type, namespace, name) key of a package, as mdsec_purl_parse
 * would canonicalise it: from its purl, else from ecosystem and name
 * (Maven "group:artifact", Go and Packagist "a/b/c" split at the last
 * '/'). False when the ecosystem has no PURL type (e.g. OSS-Fuzz). */
static bool package_key(json_t *pkg, const struct eco *e, struct strbuf *type,
			struct strbuf *ns, struct strbuf *name)
{
	const char *purl = imp_jstr(pkg, "purl"), *n = imp_jstr(pkg, "name");
	struct strbuf s = STRBUF_INIT;
	struct mdsec_purl p;
	char err[MDSEC_PURL_ERR_MAX];
	const char *cut;
	bool ok = false;

	if (purl) {
		memset(&p, 0, sizeof(p));
		if (mdsec_purl_parse(purl, &p, err, sizeof(err), NULL) == 0) {
			strbuf_addstr(type, p.type);
			strbuf_addstr(ns, p.namespace_ ? p.namespace_ : "");
			strbuf_addstr(name, p.name);
			ok = true;
		}
		mdsec_purl_release(&p);
		if (ok)
			return true;
	}
	if (!e || !n || !*n)
		return false;
	/* build the purl and parse it: the same canonical form (case, PyPI
	 * '_' -> '-') as a component's */
	strbuf_addf(&s, "pkg:%s/", e->type);
	if (e->ns)
		strbuf_addf(&s, "%s/", e->ns);
	if (!strcmp(e->type, "maven") && (cut = strchr(n, ':')))
		strbuf_addf(&s, "%.*s/%s", (int)(cut - n), n, cut + 1);
	else
		strbuf_addstr(&s, n);
	memset(&p, 0, sizeof(p));
	if (mdsec_purl_parse(s.buf, &p, err, sizeof(err), NULL) == 0) {
		strbuf_addstr(type, p.type);
		strbuf_addstr(ns, p.namespace_ ? p.namespace_ : "");
		strbuf_addstr(name, p.name);
		ok = true;
	}
	mdsec_purl_release(&p);
	strbuf_release(&s);
	return ok;
}

struct key {
	const char *id, *eco, *type, *ns, *name, *scheme;
	int aff;
};

static int row(struct importer *im, const struct key *k, const char *kind,
	       const char *start, const char *end, bool end_incl,
	       const char *repo)
{
	sqlite3_stmt *st = im->ins_osv;

	imp_bind_text(st, 1, k->id);
	sqlite3_bind_int(st, 2, k->aff);
	imp_bind_text(st, 3, k->eco);
	imp_bind_text(st, 4, k->type);
	imp_bind_text(st, 5, k->ns);
	imp_bind_text(st, 6, k->name);
	imp_bind_text(st, 7, kind);
	imp_bind_text(st, 8, k->scheme);
	imp_bind_text(st, 9, start && strcmp(start, "0") ? start : NULL);
	imp_bind_text(st, 10, end);
	sqlite3_bind_int(st, 11, end_incl);
	imp_bind_text(st, 12, repo);
	return imp_step(im, st);
}

static int range_rows(struct importer *im, const struct key *k, json_t *r,
		      size_t ri)
{
	const char *type = imp_jstr(r, "type"), *open = NULL;
	bool git, is_open = false;
	json_t *ev;
	size_t i;
	int rc;

	im->at[0] = (struct json_step){ "affected", 0 };
	im->at[1] = (struct json_step){ NULL, (size_t)k->aff };
	im->at[2] = (struct json_step){ "ranges", 0 };
	im->at[3] = (struct json_step){ NULL, ri };
	im->nat = 4;
	if (!type || !json_is_array(json_object_get(r, "events")))
		return imp_err(im, k->id,
			       "ranges[%zu] lacks \"type\" or \"events\" "
			       "(expected an OSV range)",
			       ri);
	git = !strcmp(type, "GIT");
	if (!git && strcmp(type, "SEMVER") && strcmp(type, "ECOSYSTEM"))
		return imp_err(im, k->id,
			       "ranges[%zu]: unknown type '%s' (expected "
			       "ECOSYSTEM, SEMVER or GIT)",
			       ri, type);
	json_array_foreach(json_object_get(r, "events"), i, ev)
	{
		const char *in = imp_jstr(ev, "introduced");
		const char *fx = imp_jstr(ev, "fixed");
		const char *la = imp_jstr(ev, "last_affected");

		if (in) {
			if (!is_open)
				open = in;
			is_open = true;
		} else if ((fx || la) && is_open) {
			rc = row(im, k, git ? "GIT" : type, open, fx ? fx : la,
				 !fx, imp_jstr(r, "repo"));
			if (rc < 0)
				return rc;
			is_open = false;
		} else if (!fx && !la && !imp_jstr(ev, "limit")) {
			im->at[4] = (struct json_step){ "events", 0 };
			im->at[5] = (struct json_step){ NULL, i };
			im->nat = 6;
			return imp_err(im, k->id,
				       "ranges[%zu].events[%zu] is none of "
				       "introduced, fixed, last_affected, "
				       "limit (expected an OSV event)",
				       ri, i);
		}
	}
	im->nat = 0;
	if (is_open)
		return row(im, k, git ? "GIT" : type, open, NULL, false,
			   imp_jstr(r, "repo"));
	return 0;
}

static int severity(struct importer *im, const char *id, json_t *sev)
{
	json_t *s;
	size_t i;
	int rc;

	json_array_foreach(sev, i, s)
	{
		const char *type = imp_jstr(s, "type");
		const char *vec = imp_jstr(s, "score");
		const char *ver;

		if (!type || !vec)
			continue;
		if (!strcmp(type, "CVSS_V4"))
			ver = "4.0";
		else if (!strcmp(type, "CVSS_V2"))
			ver = "2.0";
		else if (!strcmp(type, "CVSS_V3"))
			ver = strncmp(vec, "CVSS:3.0/", 9) ? "3.1" : "3.0";
		else
			continue; /* Ubuntu's own priority words */
		if ((rc = imp_metric(im, SRC_OSV, id, "osv", "Secondary", ver,
				     vec, -1)) < 0)
			return rc;
	}
	return 0;
}

int imp_osv(struct importer *im, json_t *root)
{
	const char *id = imp_jstr(root, "id"),
		   *mod = imp_jstr(root, "modified");
	json_t *a, *r, *v;
	size_t i, j;
	int rc;

	if (!id || !*id || !mod)
		return imp_err(im, NULL,
			       "not an OSV record (expected \"id\" and "
			       "\"modified\")");
	if (strlen(id) >= 64)
		return imp_err(im, NULL, "OSV id '%.40s...' over 63 bytes", id);
	rc = imp_record(im, SRC_OSV, id, imp_jstr(root, "published"), mod,
			imp_jstr(root, "withdrawn") ? "WITHDRAWN" : NULL,
			imp_jstr(root, "summary"), root);
	if (rc < 0)
		return rc;
	imp_seen(im, SRC_OSV, mod);
	json_array_foreach(json_object_get(root, "aliases"), i, v)
	{
		if (json_string_value(v) &&
		    (rc = imp_alias(im, SRC_OSV, id, json_string_value(v))) < 0)
			return rc;
	}
	if ((rc = severity(im, id, json_object_get(root, "severity"))) < 0)
		return rc;
	if (imp_jstr(root, "withdrawn"))
		return 0; /* withdrawn: kept, never matched */
	json_array_foreach(json_object_get(root, "affected"), i, a)
	{
		json_t *pkg = json_object_get(a, "package");
		const char *eco_name = imp_jstr(pkg, "ecosystem");
		const struct eco *e = eco_of(eco_name);
		struct strbuf type = STRBUF_INIT, ns = STRBUF_INIT,
			      name = STRBUF_INIT;
		struct key k;

		rc = 0;
		if (!package_key(pkg, e, &type, &ns, &name)) {
			/* no PURL type (OSS-Fuzz, ...): kept as the
			 * ecosystem's name, never a PURL candidate */
			strbuf_addstr(&name, imp_jstr(pkg, "name")
						     ? imp_jstr(pkg, "name")
						     : "");
		}
		k.id = id;
		k.aff = (int)i;
		k.eco = eco_name ? eco_name : "";
		k.type = type.buf ? type.buf : "";
		k.ns = ns.buf ? ns.buf : "";
		k.name = name.buf ? name.buf : "";
		k.scheme = mdsec_version_scheme_name(e ? e->scheme
						       : MDSEC_VER_GENERIC);
		json_array_foreach(json_object_get(a, "ranges"), j, r)
		{
			struct key kr = k;
			const char *t = imp_jstr(r, "type");

			if (t && !strcmp(t, "SEMVER"))
				kr.scheme = mdsec_version_scheme_name(
					MDSEC_VER_SEMVER);
			if (rc == 0)
				rc = range_rows(im, &kr, r, j);
		}
		json_array_foreach(json_object_get(a, "versions"), j, v)
		{
			if (rc == 0 && json_string_value(v))
				rc = row(im, &k, "VERSION",
					 json_string_value(v), NULL, false,
					 NULL);
		}
		strbuf_release(&type);
		strbuf_release(&ns);
		strbuf_release(&name);
		if (rc < 0)
			return rc;
	}
	return 0;
}
