/* SPDX-License-Identifier: Apache-2.0
 *
 * test_suggest.c - "did you mean": optimal string alignment distance and
 * the choice of a suggestion, as tables of cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "base/suggest.h"

#define LONG65                                                                 \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct {
	const char *a, *b;
	size_t cap;
	size_t expect; /* min(distance, cap + 1) */
} distances[] = {
	{ "", "", 3, 0 },
	{ "zone", "zone", 3, 0 },
	{ "zone", "zones", 3, 1 }, /* insertion */
	{ "zones", "zone", 3, 1 }, /* deletion */
	{ "zone", "bone", 3, 1 },  /* substitution */
	{ "zoen", "zone", 3, 1 },  /* transposition */
	{ "ab", "ba", 3, 1 },
	{ "knid", "kind", 3, 1 },
	{ "abcd", "badc", 3, 2 }, /* two transpositions */
	{ "ca", "abc", 3, 3 },	  /* OSA, not unrestricted: 3, not 2 */
	{ "kitten", "sitting", 5, 3 },
	{ "", "abc", 5, 3 },
	{ "abc", "", 5, 3 },
	{ "kitten", "sitting", 2, 3 }, /* over the cap: cap + 1 */
	{ "kitten", "sitting", 0, 1 },
	{ "a", "abcdef", 2, 3 },  /* length alone exceeds the cap */
	{ "aaa", "bbabb", 2, 3 }, /* row minimum under cap, result over */
	{ "bab", "accaaa", 3, 4 },
	{ LONG65, LONG65, 3, 4 }, /* too long to compare */
};

static void test_suggest_distance_table(void **state)
{
	size_t i, got;

	(void)state;
	for (i = 0; i < sizeof(distances) / sizeof(*distances); i++) {
		got = suggest_distance(distances[i].a, distances[i].b,
				       distances[i].cap);
		if (got != distances[i].expect)
			fail_msg("distance('%s', '%s', cap %zu) = %zu, "
				 "expected %zu",
				 distances[i].a, distances[i].b,
				 distances[i].cap, got, distances[i].expect);
	}
}

static void test_suggest_distance_never_exceeds_cap_plus_one(void **state)
{
	static const char *const words[] = { "",      "a",	"ab",
					     "ba",    "abc",	"cab",
					     "aaaa",  "bbbbbb", "abcabc",
					     "cbacba" };
	size_t i, j, cap, d, full;
	const size_t n = sizeof(words) / sizeof(*words);

	(void)state;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			full = suggest_distance(words[i], words[j], 100);
			assert_int_equal(full, suggest_distance(words[j],
								words[i], 100));
			for (cap = 0; cap < 7; cap++) {
				d = suggest_distance(words[i], words[j], cap);
				assert_int_equal(d,
						 full <= cap ? full : cap + 1);
			}
		}
	}
}

static const char *const keys[] = { "id",	"name",	      "description",
				    "kind",	"zone",	      "runs_on",
				    "users",	"interfaces", "sboms",
				    "firmware", NULL };

static const struct {
	const char *word;
	const char *expect; /* NULL: no suggestion */
} suggestions[] = {
	{ "zoen", "zone" },
	{ "knid", "kind" },
	{ "intefaces", "interfaces" },
	{ "interface", "interfaces" },
	{ "runs-on", "runs_on" },
	{ "runson", "runs_on" },
	{ "descriptoin", "description" },
	{ "sbom", "sboms" },
	{ "ID", NULL },	      /* two edits, allowed one */
	{ "usr", NULL },      /* two edits, allowed one */
	{ "frimwear", NULL }, /* three edits, allowed two */
	{ "protocol", NULL },
	{ "di", "id" }, /* one edit even for short words */
	{ "x", NULL },
	{ "zone", "zone" },	    /* exact */
	{ "interf", "interfaces" }, /* a truncation of one key */
	{ "firm", "firmware" },	    /* a truncation of one key */
	{ "de", NULL },		    /* too short to be a truncation */
};

static void test_suggest_closest_table(void **state)
{
	size_t i;
	const char *got;

	(void)state;
	for (i = 0; i < sizeof(suggestions) / sizeof(*suggestions); i++) {
		got = suggest_closest(suggestions[i].word, keys, (size_t)-1);
		if (!suggestions[i].expect && got)
			fail_msg("'%s' suggested '%s', expected nothing",
				 suggestions[i].word, got);
		if (suggestions[i].expect &&
		    (!got || strcmp(got, suggestions[i].expect)))
			fail_msg("'%s' suggested '%s', expected '%s'",
				 suggestions[i].word, got ? got : "(none)",
				 suggestions[i].expect);
	}
}

static void test_suggest_closest_ties_go_to_the_earliest(void **state)
{
	static const char *const cands[] = { "cat", "bat", "hit", NULL };

	(void)state;
	assert_string_equal(suggest_closest("hat", cands, (size_t)-1), "cat");
	assert_string_equal(suggest_closest("hat", cands + 1, (size_t)-1),
			    "bat");
}

static void test_suggest_closest_looks_only_at_n_candidates(void **state)
{
	static const char *const cands[] = { "alpha", "zone", "beta" };

	(void)state;
	assert_null(suggest_closest("zoen", cands, 1));
	assert_string_equal(suggest_closest("zoen", cands, 2), "zone");
	assert_null(suggest_closest("zoen", cands, 0));
}

static void test_suggest_closest_with_no_candidates_is_null(void **state)
{
	static const char *const none[] = { NULL };

	(void)state;
	assert_null(suggest_closest("anything", none, (size_t)-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_distance_table),
		cmocka_unit_test(
			test_suggest_distance_never_exceeds_cap_plus_one),
		cmocka_unit_test(test_suggest_closest_table),
		cmocka_unit_test(test_suggest_closest_ties_go_to_the_earliest),
		cmocka_unit_test(
			test_suggest_closest_looks_only_at_n_candidates),
		cmocka_unit_test(
			test_suggest_closest_with_no_candidates_is_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
