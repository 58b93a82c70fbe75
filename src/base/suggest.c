/* SPDX-License-Identifier: Apache-2.0
 *
 * suggest.c - typo suggestions by optimal string alignment distance.
 */
#include <string.h>
#include "base/suggest.h"
#include "base/banned.h"

#define SUGGEST_MAXLEN 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t suggest_distance(const char *a, const char *b, size_t cap)
{
	size_t d[3][SUGGEST_MAXLEN + 1]; /* rows i-2, i-1, i (rotating) */
	size_t la = strlen(a), lb = strlen(b), i, j, best;

	if (la > SUGGEST_MAXLEN || lb > SUGGEST_MAXLEN)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *cur = d[i % 3], *prev = d[(i - 1) % 3],
		       *prev2 = d[(i + 1) % 3];

		cur[0] = i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > cap)
			return cap + 1;
	}
	best = d[la % 3][lb];
	return best > cap ? cap + 1 : best;
}

const char *suggest_closest(const char *word, const char *const *cands,
			    size_t n)
{
	size_t cap = strlen(word) / 3, i, dist, best_dist;
	const char *best = NULL;

	if (cap < 1)
		cap = 1;
	best_dist = cap + 1;
	for (i = 0; n == (size_t)-1 ? cands[i] != NULL : i < n; i++) {
		dist = suggest_distance(word, cands[i], cap);
		if (dist < best_dist) {
			best = cands[i];
			best_dist = dist;
		}
	}
	if (best)
		return best;
	/* A truncation ("enabled_in_prod") is far by edits but obvious to a
	 * reader: suggest the one candidate it begins, if only one. */
	if (strlen(word) < 4)
		return NULL;
	for (i = 0; n == (size_t)-1 ? cands[i] != NULL : i < n; i++) {
		if (!strncmp(cands[i], word, strlen(word))) {
			if (best)
				return NULL;
			best = cands[i];
		}
	}
	return best;
}
