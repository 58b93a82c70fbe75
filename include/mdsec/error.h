/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/error.h - error codes and located diagnostics shared by every
 * module of the library.
 *
 * Library functions return 0 on success or one of the negative MDSEC_E*
 * codes below. Problems in the input (a model, an SBOM, a feed) are not
 * reported through the return value alone: each one becomes a diagnostic
 * with a file, line and column, appended to a caller-owned list, so that
 * one run can report every mistake at once (docs/cli.md).
 */
#ifndef MDSEC_ERROR_H
#define MDSEC_ERROR_H

#include <stddef.h>

/** Error codes: only failures a caller may handle differently. */
enum mdsec_error {
	MDSEC_OK = 0,
	MDSEC_EINPUT = -1,    /**< malformed input; details in the diag list */
	MDSEC_ENOTFOUND = -2, /**< a named file or object does not exist */
	MDSEC_EIO = -3,	      /**< reading or writing failed */
	MDSEC_ENOMEM = -4,    /**< out of memory */
	MDSEC_ELIMIT = -5,    /**< input over a documented cap */
	MDSEC_EUSAGE = -6     /**< invalid argument from the caller */
};

/** Return a static, lower-case description of `code`. Never NULL. */
const char *mdsec_strerror(int code);

/** Severity of one diagnostic. */
enum mdsec_diag_sev {
	MDSEC_DIAG_ERROR = 0,
	MDSEC_DIAG_WARNING = 1,
	MDSEC_DIAG_NOTE = 2
};

/** A place in an input file; line and col count from 1, 0 = unknown. */
struct mdsec_loc {
	const char *file; /* borrowed; NULL when the input has no name */
	unsigned line;	  /* 1-based line, 0 when unknown */
	unsigned col;	  /* 1-based column in bytes, 0 when unknown */
};

/** One problem found in an input. */
struct mdsec_diag {
	struct mdsec_loc loc;	 /* where; loc.file is owned by the list */
	enum mdsec_diag_sev sev; /* error, warning or note */
	char *msg; /* "what is wrong (what was expected)"; owned */
};

/**
 * A growable list of diagnostics. Initialise with MDSEC_DIAG_LIST_INIT,
 * release with mdsec_diag_list_release(). Filenames and messages are
 * copied into the list, so callers may pass temporaries.
 */
struct mdsec_diag_list {
	struct mdsec_diag *items; /* items[0 .. len) */
	size_t len;		  /* number of diagnostics */
	size_t alloc;		  /* private */
	size_t nerrors;		  /* how many have sev == MDSEC_DIAG_ERROR */
	size_t max;		  /* keep at most this many (0 = 10000) */
	size_t dropped;		  /* diagnostics not kept because of max */
};

#define MDSEC_DIAG_LIST_INIT                                                   \
	{                                                                      \
		NULL, 0, 0, 0, 0, 0                                            \
	}

/** Free every diagnostic and reset the list to empty. */
void mdsec_diag_list_release(struct mdsec_diag_list *dl);

/**
 * Sort the list by file (in order of first appearance), line and column;
 * diagnostics at the same place keep their order. Makes the report read
 * top to bottom whatever order the checks ran in.
 */
void mdsec_diag_list_sort(struct mdsec_diag_list *dl);

/**
 * Format one diagnostic as
 * "file:line:col: error: message" (no newline) into buf of size len.
 * Returns the length snprintf would have produced.
 */
int mdsec_diag_format(char *buf, size_t len, const struct mdsec_diag *d);

#endif
