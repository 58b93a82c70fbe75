/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/version.h - comparing version strings the way each ecosystem does,
 * for matching a component's version against the affected ranges of a
 * vulnerability (NVD CPE ranges, OSV ranges, vendor advisories). Schemes:
 * generic NVD/CPE style, SemVer 2.0.0, Debian (policy 5.6.12), RPM
 * (rpmvercmp) and OpenSSL letter releases. docs/versions.md gives the
 * rules of each scheme with examples, and the choices made where
 * ecosystems disagree.
 *
 * Comparison never fails: every byte string, including the empty string,
 * has a place in the order of every scheme, and what a scheme cannot parse
 * falls back to a documented rule (bytewise). NULL compares as "".
 */
#ifndef MDSEC_VERSION_H
#define MDSEC_VERSION_H

#include <stdbool.h>
#include "mdsec/error.h"

/** Version schemes. */
enum mdsec_version_scheme {
	/* NVD/CPE style: dotted numbers with letters, e.g. 1.1.1w, 2016.73,
	 * 0.9.33.2; numbers compare numerically, "2.0" == "2.0.0",
	 * dev < alpha < beta < pre < rc < (release) < letters and p1/patch */
	MDSEC_VER_GENERIC = 0,
	/* semver.org 2.0.0 precedence; build metadata ignored */
	MDSEC_VER_SEMVER,
	/* Debian policy 5.6.12: [epoch:]upstream[-revision], '~' first */
	MDSEC_VER_DEBIAN,
	/* RPM: [epoch:]version[-release], each part by rpmvercmp */
	MDSEC_VER_RPM,
	/* OpenSSL: 1.0.2zh > 1.0.2z > 1.0.2b > 1.0.2 > 1.0.2-beta1 */
	MDSEC_VER_OPENSSL
};

#define MDSEC_VER_NSCHEMES 5 /* number of schemes */

/**
 * Compare versions `a` and `b` in scheme `s`: less than, equal to or
 * greater than zero as `a` sorts before, with, or after `b` (like strcmp;
 * the result is always -1, 0 or 1). Antisymmetric and transitive for any
 * byte strings. "Equal" means equal precedence: "1.0.0+a" and "1.0.0+b"
 * in SemVer, "2.0" and "2.0.0" in the generic scheme.
 */
int mdsec_version_cmp(enum mdsec_version_scheme s, const char *a,
		      const char *b);

/**
 * Generic comparison with the CPE 2.3 update field folded into the
 * version: ("9.2", "p1") compares as "9.2p1", ("1.2.0", "rc1") as
 * "1.2.0rc1", below "1.2.0". An update that starts with a digit is joined
 * with a dot (("1.0", "1") is "1.0.1"). A NULL or empty update, and the
 * CPE logical values "*" (ANY) and "-" (NA), add nothing.
 */
int mdsec_version_cmp_update(const char *a, const char *a_update, const char *b,
			     const char *b_update);

/**
 * Whether `v` lies within the range from `start` to `end` in scheme `s`:
 * each bound is included when its flag is set, excluded otherwise; a NULL
 * bound leaves that side open. A NULL `v` is in no range.
 */
bool mdsec_version_in_range(enum mdsec_version_scheme s, const char *v,
			    const char *start, bool start_incl, const char *end,
			    bool end_incl);

/**
 * The scheme for a package-URL type (case-insensitive): "deb" is
 * DEBIAN, "rpm" is RPM, "npm", "cargo" and "golang" are SEMVER, anything
 * else (and NULL) is GENERIC.
 */
enum mdsec_version_scheme mdsec_version_scheme_for(const char *purl_type);

/** The scheme's name: "generic", "semver", "debian", "rpm", "openssl";
 * "unknown" for a value outside the enum. Never NULL. */
const char *mdsec_version_scheme_name(enum mdsec_version_scheme s);

/**
 * The scheme named `name` (one of the names above, case-insensitive) in
 * `*out`. Returns 0, or MDSEC_EUSAGE for any other name (`*out` is left
 * alone).
 */
int mdsec_version_scheme_from_name(const char *name,
				   enum mdsec_version_scheme *out);

#endif
