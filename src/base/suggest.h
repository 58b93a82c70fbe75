/* SPDX-License-Identifier: Apache-2.0
 *
 * suggest.h - "did you mean" for misspelt keys, enum values and ids:
 * the closest candidate by Damerau-Levenshtein (optimal string alignment)
 * distance, if it is close enough to be a plausible typo.
 */
#ifndef MDSEC_SUGGEST_H
#define MDSEC_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b, capped at cap+1 (stops early). */
size_t suggest_distance(const char *a, const char *b, size_t cap);
/*
 * The candidate closest to word, or NULL when none is within
 * max(1, strlen(word) / 3) edits. Ties go to the earliest candidate.
 * When none is that close, a word of 4 or more characters that begins
 * exactly one candidate suggests it ("enabled_in_prod").
 * cands is NULL-terminated when n == (size_t)-1.
 */
const char *suggest_closest(const char *word, const char *const *cands,
			    size_t n);

#endif
