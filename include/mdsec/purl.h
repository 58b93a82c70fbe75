/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/purl.h - Package URLs (purl, ECMA-427 and the package-url/purl-spec
 * repository): parsing a purl string into its decoded components, building
 * one from components, and the canonical string. The SBOM readers use it
 * to canonicalise the purls of components (merging de-duplicates by the
 * canonical purl); the vulnerability matching compares canonical purls.
 *
 * Type-specific rules come from the registered type definitions
 * (types/<type>-definition.json): required or prohibited namespace,
 * lower-casing of case-insensitive components, required qualifiers, and
 * the few per-type name rules (pypi, pub, mlflow, cpan, chrome-extension,
 * swid, git). Unregistered types get the generic rules only. What is
 * implemented, and how the ambiguities of the specification were
 * resolved: docs/internals/purl.md.
 *
 * Errors: MDSEC_EINPUT with a one-line message "what is wrong (what was
 * expected)" in the caller's buffer and, for strings, the 1-based byte
 * column of the problem; MDSEC_ENOMEM when an allocation fails.
 */
#ifndef MDSEC_PURL_H
#define MDSEC_PURL_H

#include <stddef.h>
#include "mdsec/error.h"

/** Longest purl string accepted by mdsec_purl_parse(), in bytes. */
#define MDSEC_PURL_MAX_LEN 8192

/** A big enough error buffer for every message of this module. */
#define MDSEC_PURL_ERR_MAX 256

/** One qualifier: key lower-case, value percent-decoded, never empty. */
struct mdsec_purl_qualifier {
	char *key;
	char *value;
};

/**
 * A purl as decoded components (UTF-8, NUL-terminated, each malloc'd).
 * Every string is percent-decoded; optional ones are NULL when absent.
 * Release with mdsec_purl_release().
 */
struct mdsec_purl {
	char *type;	  /* lower-cased; never NULL after a parse or build */
	char *namespace_; /* NULL when absent; segments joined by '/' */
	char *name;	  /* never NULL nor empty after a parse or build; for
			   * the git type the repository path, segments
			   * joined by '/' */
	char *version;	  /* NULL when absent */
	struct mdsec_purl_qualifier *qualifiers; /* sorted by key, unique
						  * keys, no empty value */
	size_t nqualifiers;
	char *subpath; /* NULL when absent; segments joined by '/', none
			* empty, "." or ".." */
};

/**
 * Parse the NUL-terminated purl `s` (at most MDSEC_PURL_MAX_LEN bytes,
 * well-formed UTF-8, no control characters) into `out`, applying the
 * normalisation of its type. `s` is never read past its NUL, nor past
 * MDSEC_PURL_MAX_LEN + 1 bytes.
 *
 * On error `out` is zeroed, the message is written to err (when errlen >
 * 0; truncated to errlen - 1 bytes) and *col (when col is not NULL) is
 * the 1-based byte column in `s` of the problem (1 when there is no better
 * place). On success err is "" and *col 0.
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_purl_parse(const char *s, struct mdsec_purl *out, char *err,
		     size_t errlen, unsigned *col);

/**
 * The canonical purl string of `p` (malloc'd, the caller frees it):
 * "pkg:", the lower-case type, the type-specific normalisation, every
 * namespace, name and subpath segment, the version and each qualifier
 * value percent-encoded except for ASCII letters, digits, ".-_~" and ':',
 * qualifiers sorted by lower-cased key, those with an empty value left
 * out, empty, "." and ".." subpath segments left out. `p` need not come
 * from a parse or build: it is not validated, only normalised.
 * Returns NULL only when an allocation fails.
 */
char *mdsec_purl_to_string(const struct mdsec_purl *p);

/**
 * Build `out` from decoded components, validating them as a parse does
 * (the "build" tests of the purl test suite): type required; name
 * required; namespace and subpath split on '/', empty segments dropped;
 * qualifier keys lower-cased and checked, duplicates refused, pairs with
 * a NULL or empty value dropped; then the type's rules. namespace_,
 * version, q and subpath may be NULL (q when nq is 0). Same error
 * convention as mdsec_purl_parse(), without a column.
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_purl_build(const char *type, const char *namespace_, const char *name,
		     const char *version, const struct mdsec_purl_qualifier *q,
		     size_t nq, const char *subpath, struct mdsec_purl *out,
		     char *err, size_t errlen);

/**
 * Parse `s` and return its canonical string in *out (malloc'd; NULL on
 * error). Same error convention as mdsec_purl_parse().
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_purl_canonical(const char *s, char **out, char *err, size_t errlen,
			 unsigned *col);

/** The value of qualifier `key` (lower-case) in `p`, or NULL. */
const char *mdsec_purl_qualifier(const struct mdsec_purl *p, const char *key);

/** Free the contents of `p` and zero it (NULL and a zeroed purl are fine). */
void mdsec_purl_release(struct mdsec_purl *p);

#endif
