/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/cpe.h - CPE 2.3 names: the well-formed name (WFN) of NIST IR 7695
 * section 5, its formatted-string binding ("cpe:2.3:...", section 6.2)
 * and URI binding ("cpe:/...", section 6.1, which also reads CPE 2.2
 * names), binding and unbinding both ways, and name matching as NIST IR
 * 7696 defines it: the relation of one attribute value to another (table
 * 6-2, the compare and compare_strings functions of section 7) and of one
 * name to another (CPE_DISJOINT, CPE_EQUAL, CPE_SUBSET, CPE_SUPERSET). The
 * SBOM readers canonicalise component CPEs with it; the vulnerability
 * matching compares vendor and product exactly and then calls
 * mdsec_cpe_matches() with a CVE's match criteria as the source.
 *
 * A WFN holds, per attribute, ANY, NA or a string value written as IR 7695
 * section 5.3.2 writes it: letters, digits and '_' as they are, every other
 * printable character quoted with a backslash ("8\.0\.6001",
 * "foo\\bar", "big\$money"), and the wildcards '*' (one, at the start
 * and/or the end) and '?' (a run at the start and/or the end) unquoted.
 * What is implemented, and how the places the specifications leave open
 * were decided: docs/internals/cpe.md.
 *
 * Errors: MDSEC_EINPUT with a one-line message "what is wrong (what was
 * expected)" in the caller's buffer and the 1-based byte column of the
 * problem in the input; MDSEC_ENOMEM when an allocation fails. Comparing
 * never allocates.
 */
#ifndef MDSEC_CPE_H
#define MDSEC_CPE_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"

/** Longest name accepted by the parsers (FS, URI or WFN text), in bytes. */
#define MDSEC_CPE_MAX_LEN 1024

/** A big enough error buffer for every message of this module. */
#define MDSEC_CPE_ERR_MAX 256

/** The eleven attributes of a WFN, in the order of the bindings. */
enum mdsec_cpe_attr {
	MDSEC_CPE_PART,
	MDSEC_CPE_VENDOR,
	MDSEC_CPE_PRODUCT,
	MDSEC_CPE_VERSION,
	MDSEC_CPE_UPDATE,
	MDSEC_CPE_EDITION,
	MDSEC_CPE_LANGUAGE,
	MDSEC_CPE_SW_EDITION,
	MDSEC_CPE_TARGET_SW,
	MDSEC_CPE_TARGET_HW,
	MDSEC_CPE_OTHER,
	MDSEC_CPE_NATTRS
};

/** The logical value NA ("not applicable"): this pointer, never a copy. */
extern const char mdsec_cpe_na[];
#define MDSEC_CPE_NA_VALUE mdsec_cpe_na

/**
 * A well-formed name. v[a] is NULL for ANY, MDSEC_CPE_NA_VALUE for NA, or
 * the WFN string value (quoted as above, never empty). part is "a", "h"
 * or "o" when it is a string; language an RFC 5646 tag (IR 7695 5.3.3.7:
 * 2 or 3 letters, optionally "\-" and a 2-letter or 3-digit region).
 * String values live in buf, which the name owns. Initialise with
 * MDSEC_CPE_INIT or mdsec_cpe_init() (all ANY); release with
 * mdsec_cpe_release().
 */
struct mdsec_cpe {
	const char *v[MDSEC_CPE_NATTRS];
	char *buf; /* private: storage of the string values */
};

#define MDSEC_CPE_INIT                                                         \
	{                                                                      \
		{ NULL }, NULL                                                 \
	}

/** Set every attribute to ANY, owning nothing. */
void mdsec_cpe_init(struct mdsec_cpe *c);

/** Free what `c` owns and set every attribute to ANY (NULL accepted). */
void mdsec_cpe_release(struct mdsec_cpe *c);

/**
 * Unbind the NUL-terminated name `s` into `out` (which is overwritten, not
 * released): a formatted string "cpe:2.3:" followed by exactly 11
 * attribute values separated by unquoted ':' (IR 7695 6.2.3; "*" is ANY,
 * "-" NA; '-', '.' and '_' need no quoting, every other punctuation
 * character must be quoted), or, for importers, a URI "cpe:/" followed by
 * at most 7 components (IR 7695 6.1.3: percent-encoding, "%01" and
 * "%02" for the wildcards, the packed edition "~ed~sw~tsw~thw~other";
 * letters are lower-cased, as the specification's decode does). `s` is
 * never read past MDSEC_CPE_MAX_LEN + 1 bytes.
 *
 * On error `out` is all ANY, the message is written to err (when errlen
 * > 0; truncated to errlen - 1 bytes) and *col (when col is not NULL) is
 * the 1-based byte column in `s` of the problem. On success err is ""
 * and *col 0.
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_cpe_parse(const char *s, struct mdsec_cpe *out, char *err,
		    size_t errlen, unsigned *col);

/**
 * Read the textual WFN notation IR 7695 section 5.4 uses in its examples,
 * e.g. wfn:[part="a",vendor="microsoft",version="8\.0\.6001",update=NA]:
 * attribute=value pairs in any order, each attribute at most once, values
 * ANY, NA or a WFN string value in double quotes; attributes left out are
 * ANY; spaces around ',' and '=' are allowed. Same conventions as
 * mdsec_cpe_parse().
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_cpe_parse_wfn(const char *s, struct mdsec_cpe *out, char *err,
			size_t errlen, unsigned *col);

/**
 * Set attribute `a` of `c` to `value`: NULL for ANY, MDSEC_CPE_NA_VALUE
 * for NA, otherwise a WFN string value, validated as the parsers do (the
 * message names no column). On error `c` is unchanged.
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM, MDSEC_EUSAGE (bad `a`)
 */
int mdsec_cpe_set(struct mdsec_cpe *c, enum mdsec_cpe_attr a, const char *value,
		  char *err, size_t errlen);

/** Make `dst` (overwritten, not released) a copy of `src`.
 * @return 0, MDSEC_ENOMEM (dst is then all ANY) */
int mdsec_cpe_copy(struct mdsec_cpe *dst, const struct mdsec_cpe *src);

/**
 * Bind to a formatted string (IR 7695 6.2.2): "cpe:2.3:" and the 11
 * values, ANY as "*", NA as "-", quoting removed from '.', '-' and '_'.
 * malloc'd, the caller frees it; NULL only when an allocation fails.
 */
char *mdsec_cpe_to_fs(const struct mdsec_cpe *c);

/**
 * Bind to a URI (IR 7695 6.1.2): "cpe:/" and part to language, ANY as an
 * empty component, NA as "-", quoted characters percent-encoded ('-' and
 * '.' as they are), '?' as "%01", '*' as "%02", edition packed with
 * sw_edition, target_sw, target_hw and other when one of those is not
 * ANY, trailing colons trimmed. malloc'd; NULL only on allocation failure.
 */
char *mdsec_cpe_to_uri(const struct mdsec_cpe *c);

/**
 * The WFN notation of `c`, every attribute in order, ANY and NA unquoted:
 * wfn:[part="a",vendor="microsoft",...,other=ANY]. malloc'd; NULL only on
 * allocation failure.
 */
char *mdsec_cpe_to_wfn(const struct mdsec_cpe *c);

/**
 * Parse `s` (either binding) and return its formatted string in *out
 * (malloc'd; NULL on error). Same error convention as mdsec_cpe_parse().
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_cpe_canonical(const char *s, char **out, char *err, size_t errlen,
			unsigned *col);

/** Relations of IR 7696 section 6.1 (attributes) and 6.2 (names). */
enum mdsec_cpe_rel {
	MDSEC_CPE_DISJOINT,
	MDSEC_CPE_SUBSET,
	MDSEC_CPE_SUPERSET,
	MDSEC_CPE_EQUAL,
	MDSEC_CPE_UNDEFINED
};

/**
 * The relation of the source's value of `a` to the target's (IR 7696
 * table 6-2): UNDEFINED when the target value is a string with an
 * unquoted wildcard; EQUAL for ANY/ANY, NA/NA or strings equal ignoring
 * ASCII case; SUPERSET when the source is ANY; SUBSET when the target is
 * ANY; DISJOINT when either is NA; otherwise SUPERSET when the source
 * string's wildcards match the target string, else DISJOINT. '*' matches
 * any number of characters; a run of n '?' at one end matches up to n
 * characters, as the specification's compare_strings does. UNDEFINED for
 * an `a` out of range.
 */
enum mdsec_cpe_rel mdsec_cpe_compare_attr(const struct mdsec_cpe *src,
					  const struct mdsec_cpe *tgt,
					  enum mdsec_cpe_attr a);

/**
 * The relation of two names (IR 7696 6.2): DISJOINT when an attribute is
 * DISJOINT (CPE_DISJOINT); else EQUAL when all are EQUAL (CPE_EQUAL);
 * else SUPERSET when all are SUPERSET or EQUAL (CPE_SUPERSET); else
 * SUBSET when all are SUBSET or EQUAL (CPE_SUBSET); else UNDEFINED. So
 * CPE_SUBSET(s, t) is "EQUAL or SUBSET", CPE_SUPERSET "EQUAL or SUPERSET".
 */
enum mdsec_cpe_rel mdsec_cpe_compare(const struct mdsec_cpe *src,
				     const struct mdsec_cpe *tgt);

/**
 * CPE_SUPERSET(src, tgt) of IR 7696 6.2: every attribute relation is
 * SUPERSET or EQUAL, i.e. the source (a match criterion) matches the
 * target (a product's name). Stops at the first attribute that fails.
 */
bool mdsec_cpe_matches(const struct mdsec_cpe *src,
		       const struct mdsec_cpe *tgt);

/**
 * Whether attribute `a` holds the same value in both names: both ANY,
 * both NA, or strings equal ignoring ASCII case (wildcards compared as
 * characters). The exact vendor / product test of the vulnerability
 * matching.
 */
bool mdsec_cpe_attr_equal(const struct mdsec_cpe *x, const struct mdsec_cpe *y,
			  enum mdsec_cpe_attr a);

/**
 * Attribute `a` for display, its quoting removed: "mbed_tls", "1.0",
 * "foo\bar"; "*" for ANY and "-" for NA, as a formatted string shows
 * them (so an unquoted wildcard and a quoted one look alike). Written to
 * buf; returns buf, or NULL when it does not fit in size bytes or `a` is
 * out of range.
 */
const char *mdsec_cpe_attr_get(const struct mdsec_cpe *c, enum mdsec_cpe_attr a,
			       char *buf, size_t size);

/** "part", "vendor", ..., "other" as IR 7695 names them; NULL if bad. */
const char *mdsec_cpe_attr_name(enum mdsec_cpe_attr a);

/** "DISJOINT", "SUBSET", "SUPERSET", "EQUAL" or "UNDEFINED". */
const char *mdsec_cpe_rel_name(enum mdsec_cpe_rel r);

#endif
