/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/triage.h - triage decisions and VEX: per component and
 * vulnerability, whether it affects the device and why. Decisions come
 * from the device maker's own triage file (a small YAML format,
 * docs/triage.md) and from what suppliers said (OpenVEX 0.2, CycloneDX
 * VEX 1.4-1.6, CSAF 2.0 VEX and advisories, ESP-IDF's CVE exclusion
 * lists), all read into one list of statements with their origin and the
 * file:line:col they came from. A finding (an SBOM component and a
 * vulnerability id) is looked up in that list: the device maker's own
 * decision wins over a supplier's, and both stay visible. Decisions are
 * published as OpenVEX 0.2, CycloneDX 1.6 VEX or CSAF 2.0 VEX, streamed
 * in a stable order; equal inputs and SOURCE_DATE_EPOCH give equal bytes.
 *
 * Specs: OpenVEX 0.2.0 (openvex/spec); CycloneDX 1.6 vulnerabilities and
 * analysis; OASIS CSAF 2.0 (profile 4.5 VEX, section 6.1 mandatory
 * tests); package-url vers (version range specifier). The mappings
 * between the three vocabularies are tabled in docs/triage.md.
 *
 * Ownership: a mdsec_triage owns every string of its entries (an arena);
 * free it with mdsec_triage_free(). Strings are UTF-8 and NUL-terminated;
 * optional ones are NULL when absent. Entry pointers stay valid until the
 * next load or add (the array may move), indices until the free.
 */
#ifndef MDSEC_TRIAGE_H
#define MDSEC_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"
#include "mdsec/sbom.h"

/** The status of a vulnerability in a component (OpenVEX's four). */
enum mdsec_triage_state {
	MDSEC_TRIAGE_UNDER_INVESTIGATION = 0, /* also: no decision yet */
	MDSEC_TRIAGE_AFFECTED = 1,
	MDSEC_TRIAGE_NOT_AFFECTED = 2,
	MDSEC_TRIAGE_FIXED = 3
};

/** Why a component is not affected: OpenVEX's five labels, which are
 * also CSAF 2.0's flag labels. CycloneDX's nine values map onto them
 * (docs/triage.md); the value as written is kept beside. */
enum mdsec_triage_justification {
	MDSEC_TRIAGE_JUST_NONE = 0,
	MDSEC_TRIAGE_COMPONENT_NOT_PRESENT = 1,
	MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT = 2,
	MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH = 3,
	MDSEC_TRIAGE_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY = 4,
	MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST = 5
};
#define MDSEC_TRIAGE_NJUST 6 /* number of justification values */

/** What is done about it: CycloneDX analysis.response, as bits. */
enum mdsec_triage_response {
	MDSEC_TRIAGE_CAN_NOT_FIX = 1 << 0,
	MDSEC_TRIAGE_WILL_NOT_FIX = 1 << 1,
	MDSEC_TRIAGE_UPDATE = 1 << 2,
	MDSEC_TRIAGE_ROLLBACK = 1 << 3,
	MDSEC_TRIAGE_WORKAROUND_AVAILABLE = 1 << 4
};
#define MDSEC_TRIAGE_NRESPONSES 5 /* number of response bits */

/** Who said it. */
enum mdsec_triage_origin {
	MDSEC_TRIAGE_OWN = 0,	  /* the device maker's own triage file */
	MDSEC_TRIAGE_SUPPLIER = 1 /* a supplier's VEX, advisory or list */
};

/** Document formats, detected from content when reading. */
enum mdsec_triage_format {
	MDSEC_TRIAGE_FMT_UNKNOWN = 0,
	MDSEC_TRIAGE_FMT_YAML = 1,	/* mdsec.triage/1 (docs/triage.md) */
	MDSEC_TRIAGE_FMT_OPENVEX = 2,	/* OpenVEX 0.2 JSON */
	MDSEC_TRIAGE_FMT_CYCLONEDX = 3, /* CycloneDX JSON vulnerabilities */
	MDSEC_TRIAGE_FMT_CSAF = 4,	/* CSAF 2.0 JSON */
	MDSEC_TRIAGE_FMT_ESPIDF = 5	/* ESP-IDF excluded_cves.yaml or a
					 * component manifest's
					 * cve-exclude-list (read only) */
};

/**
 * What a statement is about. Every field is optional, but a statement
 * names at least one of purl, cpe, name, ref or supplier. Matching a
 * component (mdsec_triage_subject_matches()) uses the strongest
 * identifier both sides have: purl, then CPE, then name, then ref; a
 * subject with only a supplier is about every component whose supplier
 * contains that text (a vendor's "unrelated CVE" list).
 */
struct mdsec_triage_subject {
	const char *purl;     /* canonical purl; its version, when it has
			       * one, must equal the component's */
	const char *cpe;      /* CPE 2.3 formatted string; vendor, product
			       * and version (ANY: every version) compared */
	const char *name;     /* component name, compared ignoring case */
	const char *version;  /* with name: exact version; NULL: any */
	const char *range;    /* a vers range ("vers:generic/>=2.9|<=4.1")
			       * the component's version must lie in */
	const char *ref;      /* bom-ref, CycloneDX bom-link or CSAF
			       * product_id as written */
	const char *supplier; /* text the component's supplier contains */
};

/** One statement: a decision about one subject and one vulnerability. */
struct mdsec_triage_entry {
	struct mdsec_triage_subject subject;
	const char *vuln;     /* the vulnerability id (CVE-..., GHSA-...) */
	const char **aliases; /* other ids of the same vulnerability */
	size_t naliases;
	enum mdsec_triage_state state;
	const char *state_text; /* as the source wrote it: "exploitable",
				 * "known_not_affected", "excluded"... */
	enum mdsec_triage_justification justification;
	const char *justification_text; /* as written: an OpenVEX/CSAF label
					 * or a CycloneDX value; NULL none */
	unsigned responses;		/* enum mdsec_triage_response bits */
	const char *action;		/* what to do (OpenVEX action_statement,
				 * CSAF remediation details, CycloneDX
				 * recommendation) */
	const char *detail; /* why (impact statement, analysis.detail,
				 * an exclusion's reason) */
	const char *author; /* who decided (own) or published (supplier) */
	const char *date;   /* RFC 3339 full-date or date-time */
	enum mdsec_triage_origin origin;
	enum mdsec_triage_format format; /* format it was read from */
	const char *doc_id;   /* OpenVEX @id, CSAF tracking.id, CycloneDX
			     * serialNumber; NULL when none */
	struct mdsec_loc loc; /* file:line:col of the statement */
	bool used;	      /* set when a lookup found it applicable */
};

struct mdsec_triage_arena; /* private */

/** A list of statements from any number of files. */
typedef struct mdsec_triage {
	struct {
		struct mdsec_triage_entry *v; /* in load order */
		size_t n, alloc;
	} entries;
	struct mdsec_triage_arena *mem; /* private: owns the strings */
} mdsec_triage;

/** Caps for reading. */
#define MDSEC_TRIAGE_MAX_BYTES	 ((size_t)64 << 20) /* per file */
#define MDSEC_TRIAGE_MAX_ENTRIES 1000000	    /* per list */

/** A new empty list; NULL when out of memory. */
mdsec_triage *mdsec_triage_new(void);
/** Free the list and every string (NULL accepted). */
void mdsec_triage_free(mdsec_triage *t);

/**
 * Read the statements of one file into t, format detected from content
 * (mdsec_triage_detect()), each entry marked with `origin`. On any error
 * nothing is added (the list is as before) and every problem found is a
 * located diagnostic "what is wrong (expected ...)" in dl.
 * @param[out] fmt_out  the format read (may be NULL)
 * @return 0, MDSEC_EINPUT (malformed, see dl), MDSEC_ENOTFOUND,
 *         MDSEC_EIO, MDSEC_ELIMIT (over MDSEC_TRIAGE_MAX_BYTES),
 *         MDSEC_ENOMEM
 */
int mdsec_triage_load(enum mdsec_triage_format *fmt_out, mdsec_triage *t,
		      const char *path, enum mdsec_triage_origin origin,
		      struct mdsec_diag_list *dl);
/** The same on a buffer, named `name` in diagnostics and entries. */
int mdsec_triage_load_buffer(enum mdsec_triage_format *fmt_out, mdsec_triage *t,
			     const char *name, const char *buf, size_t len,
			     enum mdsec_triage_origin origin,
			     struct mdsec_diag_list *dl);
/** The format of buf[0..len) from its content, without validating it. */
enum mdsec_triage_format mdsec_triage_detect(const char *buf, size_t len);

/**
 * Append a copy of e (every string copied into t; used is cleared).
 * The subject and vulnerability are checked as the YAML reader checks
 * them: MDSEC_EUSAGE with no change when e names no subject or no vuln.
 * @return 0, MDSEC_EUSAGE, MDSEC_ENOMEM
 */
int mdsec_triage_add(mdsec_triage *t, const struct mdsec_triage_entry *e);

/* --- finding decisions ----------------------------------------------- */

/** Whether the subject is about component c (rules: docs/triage.md). */
bool mdsec_triage_subject_matches(const struct mdsec_triage_subject *s,
				  const struct mdsec_component *c);
/** Whether e is about vulnerability id or one of its aliases (ids
 * compared ignoring ASCII case, e's aliases included). */
bool mdsec_triage_entry_about(const struct mdsec_triage_entry *e,
			      const char *id, const char *const *aliases,
			      size_t naliases);

/** The statements that apply to one finding. */
struct mdsec_triage_match {
	/* the device maker's decision: the most specific own statement,
	 * then the newest date, then the last read; NULL when none */
	const struct mdsec_triage_entry *own;
	/* the supplier statement chosen by the same rule; NULL when none */
	const struct mdsec_triage_entry *supplier;
	/* the decision in force: own when there is one, else supplier;
	 * NULL: unassessed */
	const struct mdsec_triage_entry *decision;
	/* every statement that applies, own ones first, then in load
	 * order; malloc'd, release with mdsec_triage_match_release() */
	const struct mdsec_triage_entry **all;
	size_t n;
};

/**
 * Find the statements about component c and vulnerability id (or one of
 * its aliases) and mark each of them used, so that the ones never used
 * can be listed as stale afterwards (entries[i].used == false).
 * @param[out] out  filled; release with mdsec_triage_match_release()
 * @return 0 or MDSEC_ENOMEM (out is then empty)
 */
int mdsec_triage_lookup(struct mdsec_triage_match *out, mdsec_triage *t,
			const struct mdsec_component *c, const char *id,
			const char *const *aliases, size_t naliases);
void mdsec_triage_match_release(struct mdsec_triage_match *m);
/** Clear every entry's used mark (before a new run of lookups). */
void mdsec_triage_clear_used(mdsec_triage *t);

/* --- names and mappings (docs/triage.md) ---------------------------- */

/** "affected", "not_affected", "fixed", "under_investigation". */
const char *mdsec_triage_state_name(enum mdsec_triage_state s);
/** The state for one of those names; 0 or MDSEC_EINPUT. */
int mdsec_triage_state_parse(enum mdsec_triage_state *out, const char *s);
/** The OpenVEX / CSAF label; NULL for MDSEC_TRIAGE_JUST_NONE. */
const char *mdsec_triage_justification_name(enum mdsec_triage_justification j);
/** The CycloneDX analysis.justification written for j; NULL for none. */
const char *mdsec_triage_justification_cdx(enum mdsec_triage_justification j);
/** An OpenVEX/CSAF label or a CycloneDX value to its justification;
 * 0 or MDSEC_EINPUT. */
int mdsec_triage_justification_parse(enum mdsec_triage_justification *out,
				     const char *s);
/** "can_not_fix", "will_not_fix", "update", "rollback",
 * "workaround_available" for one bit; NULL otherwise. */
const char *mdsec_triage_response_name(unsigned bit);
/** The bit for one of those names; 0 or MDSEC_EINPUT. */
int mdsec_triage_response_parse(unsigned *out, const char *s);
/** "yaml", "openvex", "cyclonedx", "csaf", "esp-idf", "unknown". */
const char *mdsec_triage_format_name(enum mdsec_triage_format f);

/**
 * A subject from the text a user types: "pkg:..." is a purl, "cpe:2.3:"
 * or "cpe:/" a CPE, anything else "name" or "name@version" (the last '@'
 * not at the start splits). Strings are copied into t.
 * @param[out] out  filled on success, zeroed on error
 * @param err       receives "what is wrong (expected ...)" on error
 * @return 0, MDSEC_EINPUT, MDSEC_ENOMEM
 */
int mdsec_triage_subject_parse(struct mdsec_triage_subject *out,
			       mdsec_triage *t, const char *text, char *err,
			       size_t errlen);
/** The subject that names component c best (its purl, else its CPE, else
 * name and version); strings borrowed from c. */
void mdsec_triage_subject_of(struct mdsec_triage_subject *out,
			     const struct mdsec_component *c);

/* --- writing VEX ----------------------------------------------------- */

/** The device the VEX speaks for (the CLI fills it from the model). */
struct mdsec_triage_device {
	const char *vendor;	/* manufacturer; required */
	const char *name;	/* device name; required */
	const char *version;	/* device version; required */
	const char *author;	/* document author; NULL: vendor */
	const char *namespace_; /* CSAF publisher.namespace, a URL; NULL:
				 * "urn:mdsec:vendor:<vendor slug>" */
};

/** One finding to publish; each (component, vuln) at most once per call
 * (CSAF and OpenVEX have no place for two statuses of one product). */
struct mdsec_triage_item {
	size_t component;  /* index into the SBOM's components */
	const char *vuln;  /* vulnerability id */
	const char *fixed; /* the component's first fixed version, NULL or
			    * "" when unknown: an affected item's default
			    * action and CSAF vendor_fix remediation */
	/* the decision (mdsec_triage_match.decision); NULL: unassessed,
	 * published as under_investigation */
	const struct mdsec_triage_entry *decision;
};

/**
 * Write the items as a VEX document of format fmt (OPENVEX, CYCLONEDX or
 * CSAF) for the device and the components of s: 2-space indented JSON,
 * items sorted by vulnerability id then component (mdsec_sbom_order()),
 * the document timestamp from SOURCE_DATE_EPOCH (else now), ids derived
 * from a hash of the content. What goes where: docs/triage.md.
 * @param[out] out  malloc'd, NUL-terminated text; NULL on error
 * @param[out] len  its length (may be NULL)
 * @return 0, MDSEC_EUSAGE (bad format, component index or device; no
 *         item for OpenVEX or CSAF, which need one), MDSEC_ENOMEM
 */
int mdsec_triage_write_vex(char **out, size_t *len,
			   enum mdsec_triage_format fmt,
			   const struct mdsec_triage_device *dev,
			   const mdsec_sbom *s,
			   const struct mdsec_triage_item *items, size_t n);

/* --- the triage file (mdsec.triage/1 YAML) --------------------------- */

/**
 * The entries of t (all of them, or only those of one origin when
 * origin_filter >= 0) as a triage file: "format: mdsec.triage/1", then
 * the entries in list order. Reading it back gives the same decisions,
 * except that a not_affected statement with neither justification nor
 * detail gets the detail "No justification was recorded." and that two
 * statements about the same subject and vulnerability (which suppliers'
 * documents can hold) make a file the reader refuses.
 * @param[out] out  malloc'd text; NULL on error
 * @return 0, MDSEC_ENOMEM
 */
int mdsec_triage_write_yaml(char **out, size_t *len, const mdsec_triage *t,
			    int origin_filter);

/**
 * Record one decision in the triage file at path: the entry about the
 * same subject and vulnerability is replaced in place (its lines), or,
 * when there is none, e is appended after the last entry. Every other
 * line, comments included, is kept as it was. A missing file is created.
 * The file must read as a valid triage file first (diagnostics in dl);
 * the write is atomic (a crash leaves the old or the new file). When e
 * has no date, the output time (SOURCE_DATE_EPOCH, else now) is used.
 * @param[out] replaced  true when an entry was replaced (may be NULL)
 * @return 0, MDSEC_EINPUT, MDSEC_EUSAGE (e names no subject or vuln),
 *         MDSEC_EIO, MDSEC_ELIMIT, MDSEC_ENOMEM
 */
int mdsec_triage_record(bool *replaced, const char *path,
			const struct mdsec_triage_entry *e,
			struct mdsec_diag_list *dl);

/** Whether version v lies in the vers range (e.g. "vers:semver/>=1.0|<2");
 * an unparsable range contains nothing. */
bool mdsec_triage_vers_contains(const char *range, const char *v);

#endif
