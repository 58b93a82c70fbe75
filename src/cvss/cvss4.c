/* SPDX-License-Identifier: Apache-2.0
 *
 * cvss4.c - the CVSS v4.0 metric table and score (CVSS v4.0 Specification
 * Document sections 2-4 and 8; the MacroVector scores and the
 * interpolation of FIRST's reference calculator). Called by cvss.c.
 *
 * A vector falls into a MacroVector of six equivalence classes (EQ1-EQ6)
 * whose score is looked up; the score is then lowered by the mean, over
 * the classes that have a lower MacroVector, of the score step to that
 * MacroVector times the vector's severity distance from the class's
 * highest-severity vector, divided by the class's depth. The reference
 * evaluates this in binary64 with levels in steps of 0.1 and rounds half
 * up to one decimal after adding 10^-6; so does this file, in
 * the same order of operations, so that every result matches it.
 */
#include "cvss/cvss_int.h"
#include "base/banned.h"

static const char *const av_v[] = { "N", "A", "L", "P", NULL };
static const char *const ac_v[] = { "L", "H", NULL };
static const char *const at_v[] = { "N", "P", NULL };
static const char *const pr_v[] = { "N", "L", "H", NULL };
static const char *const ui_v[] = { "N", "P", "A", NULL };
static const char *const cia_v[] = { "H", "L", "N", NULL };
static const char *const e_v[] = { "X", "A", "P", "U", NULL };
static const char *const req_v[] = { "X", "H", "M", "L", NULL };
static const char *const mav_v[] = { "X", "N", "A", "L", "P", NULL };
static const char *const mac_v[] = { "X", "L", "H", NULL };
static const char *const mat_v[] = { "X", "N", "P", NULL };
static const char *const mpr_v[] = { "X", "N", "L", "H", NULL };
static const char *const mui_v[] = { "X", "N", "P", "A", NULL };
static const char *const mcia_v[] = { "X", "H", "L", "N", NULL };
static const char *const msia_v[] = { "X", "S", "H", "L", "N", NULL };
static const char *const s_v[] = { "X", "N", "P", NULL };
static const char *const au_v[] = { "X", "N", "Y", NULL };
static const char *const r_v[] = { "X", "A", "U", "I", NULL };
static const char *const v_v[] = { "X", "D", "C", NULL };
static const char *const re_v[] = { "X", "L", "M", "H", NULL };
static const char *const u_v[] = {
	"X", "Clear", "Green", "Amber", "Red", NULL
};

enum {
	AV,
	AC,
	AT,
	PR,
	UI,
	VC,
	VI,
	VA,
	SC,
	SI,
	SA,
	E,
	CR,
	IR,
	AR,
	MAV,
	MAC,
	MAT,
	MPR,
	MUI,
	MVC,
	MVI,
	MVA,
	MSC,
	MSI,
	MSA,
	NMETRICS = MSA + 7 /* S AU R V RE U */
};

static const struct cvss_metric metrics[] = {
	{ "AV", av_v, CVSS_BASE },
	{ "AC", ac_v, CVSS_BASE },
	{ "AT", at_v, CVSS_BASE },
	{ "PR", pr_v, CVSS_BASE },
	{ "UI", ui_v, CVSS_BASE },
	{ "VC", cia_v, CVSS_BASE },
	{ "VI", cia_v, CVSS_BASE },
	{ "VA", cia_v, CVSS_BASE },
	{ "SC", cia_v, CVSS_BASE },
	{ "SI", cia_v, CVSS_BASE },
	{ "SA", cia_v, CVSS_BASE },
	{ "E", e_v, CVSS_TEMPORAL },
	{ "CR", req_v, CVSS_ENVIRONMENTAL },
	{ "IR", req_v, CVSS_ENVIRONMENTAL },
	{ "AR", req_v, CVSS_ENVIRONMENTAL },
	{ "MAV", mav_v, CVSS_ENVIRONMENTAL },
	{ "MAC", mac_v, CVSS_ENVIRONMENTAL },
	{ "MAT", mat_v, CVSS_ENVIRONMENTAL },
	{ "MPR", mpr_v, CVSS_ENVIRONMENTAL },
	{ "MUI", mui_v, CVSS_ENVIRONMENTAL },
	{ "MVC", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MVI", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MVA", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MSC", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MSI", msia_v, CVSS_ENVIRONMENTAL },
	{ "MSA", msia_v, CVSS_ENVIRONMENTAL },
	{ "S", s_v, CVSS_SUPPLEMENTAL },
	{ "AU", au_v, CVSS_SUPPLEMENTAL },
	{ "R", r_v, CVSS_SUPPLEMENTAL },
	{ "V", v_v, CVSS_SUPPLEMENTAL },
	{ "RE", re_v, CVSS_SUPPLEMENTAL },
	{ "U", u_v, CVSS_SUPPLEMENTAL },
};

const struct cvss_spec cvss4_spec = { "CVSS v4", metrics, NMETRICS };

/*
 * MacroVector scores in tenths, by EQ1, EQ2, EQ3 (rows), then EQ4, EQ5,
 * EQ6 (columns, EQ6 fastest); -1 where no MacroVector exists (EQ3 2 with
 * EQ6 0, since EQ6 0 needs a High impact).
 */
/* clang-format off: one row per EQ1 EQ2 EQ3, by EQ4 on each line. */
static const signed char macro[18][18] = {
	/* 000 */ { 100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90,
		    89, 80, 81, 68 },
	/* 001 */
	{ 98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69,
	  48 },
	/* 002 */
	{ -1, 92, -1, 82, -1, 72, -1, 79, -1, 69, -1, 50, -1, 69, -1, 55, -1,
	  27 },
	/* 010 */
	{ 99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72,
	  53 },
	/* 011 */
	{ 95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50,
	  30 },
	/* 012 */
	{ -1, 86, -1, 75, -1, 52, -1, 71, -1, 52, -1, 29, -1, 63, -1, 29, -1,
	  17 },
	/* 100 */
	{ 98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63,
	  49 },
	/* 101 */
	{ 94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52,
	  25 },
	/* 102 */
	{ -1, 83, -1, 70, -1, 54, -1, 65, -1, 58, -1, 26, -1, 53, -1, 21, -1,
	  13 },
	/* 110 */
	{ 95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52,
	  30 },
	/* 111 */
	{ 89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24,
	  16 },
	/* 112 */
	{ -1, 71, -1, 59, -1, 30, -1, 58, -1, 26, -1, 15, -1, 23, -1, 13, -1,
	  6 },
	/* 200 */
	{ 93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40,
	  22 },
	/* 201 */
	{ 85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19,
	  8 },
	/* 202 */
	{ -1, 64, -1, 51, -1, 20, -1, 47, -1, 21, -1, 11, -1, 24, -1, 9, -1,
	  4 },
	/* 210 */
	{ 88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20,
	  11 },
	/* 211 */
	{ 75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2 },
	/* 212 */
	{ -1, 53, -1, 24, -1, 14, -1, 24, -1, 12, -1, 5, -1, 10, -1, 3, -1, 1 },
};
/* clang-format on */

/* The severity distances, in the reference's order: the levels of each
 * metric's values, from the most severe (0) in steps of one tenth. */
enum {
	D_AV,
	D_PR,
	D_UI,
	D_AC,
	D_AT,
	D_VC,
	D_VI,
	D_VA,
	D_SC,
	D_SI,
	D_SA,
	D_CR,
	D_IR,
	D_AR,
	D_E,
	NDIMS
};

static const double level[] = { 0.0, 0.1, 0.2, 0.3 };

/* The highest-severity vectors of each class, as levels. */
static const signed char max_eq1[3][3][3] = {
	{ { 0, 0, 0 }, { -1 }, { -1 } },
	{ { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
	{ { 3, 0, 0 }, { 1, 1, 1 }, { -1 } },
};
static const signed char max_eq2[2][2][2] = {
	{ { 0, 0 }, { -1 } },
	{ { 1, 0 }, { 0, 1 } },
};
/* by EQ3 and EQ6: VC VI VA CR IR AR */
static const signed char max_eq36[3][2][5][6] = {
	{ { { 0, 0, 0, 0, 0, 0 }, { -1 } },
	  { { 0, 0, 1, 1, 1, 0 }, { 0, 0, 0, 1, 1, 1 }, { -1 } } },
	{ { { 1, 0, 0, 0, 0, 0 }, { 0, 1, 0, 0, 0, 0 }, { -1 } },
	  { { 1, 0, 1, 0, 1, 0 },
	    { 1, 0, 0, 0, 1, 1 },
	    { 0, 1, 0, 1, 0, 1 },
	    { 0, 1, 1, 1, 0, 0 },
	    { 1, 1, 0, 0, 0, 1 } } },
	{ { { -1 } }, { { 1, 1, 1, 0, 0, 0 }, { -1 } } },
};
static const signed char max_eq4[3][3] = { { 1, 0, 0 },
					   { 1, 1, 1 },
					   { 2, 2, 2 } };

/* Depth of each class (max severity distance + 1), in tenths. */
static const int depth_eq1[] = { 1, 4, 5 };
static const int depth_eq2[] = { 1, 2 };
static const int depth_eq36[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
static const int depth_eq4[] = { 6, 5, 4 };

/* Effective level of a base metric whose modified metric lists X, then
 * the base metric's values; off shifts the base metric's level. */
static int eff(const struct mdsec_cvss *c, int b, int m, int off)
{
	return c->value[m] > 1 ? c->value[m] - 2 + off : c->value[b] - 1 + off;
}

/* SI, SA: modified X S H L N over base H L N (levels S 0 ... N 3). */
static int eff_s(const struct mdsec_cvss *c, int b, int m)
{
	return c->value[m] > 1 ? c->value[m] - 2 : c->value[b];
}

/* CR, IR, AR, E: X (or absent) is the most severe value. */
static int worst(const struct mdsec_cvss *c, int m)
{
	return c->value[m] > 1 ? c->value[m] - 2 : 0;
}

static int score_of(const int eq[6])
{
	if (eq[0] > 2 || eq[1] > 1 || eq[2] > 2 || eq[3] > 2 || eq[4] > 2 ||
	    eq[5] > 1)
		return -1;
	return macro[eq[0] * 6 + eq[1] * 3 + eq[2]]
		    [eq[3] * 6 + eq[4] * 2 + eq[5]];
}

/* Score of the MacroVector eq with class k one step lower, or -1. */
static int lower(const int eq[6], int k)
{
	int n[6], i;

	for (i = 0; i < 6; i++)
		n[i] = eq[i];
	n[k]++;
	return score_of(n);
}

/* Look for the first composed maximum vector that is not below the
 * vector; the distances of the last one tried are kept otherwise. */
static void distances(const int lv[NDIMS], const int eq[6], double d[NDIMS])
{
	int a, b, e3, i, mx[NDIMS];
	bool ok;

	for (a = 0; a < 3 && max_eq1[eq[0]][a][0] >= 0; a++)
		for (b = 0; b < 2 && max_eq2[eq[1]][b][0] >= 0; b++)
			for (e3 = 0;
			     e3 < 5 && max_eq36[eq[2]][eq[5]][e3][0] >= 0;
			     e3++) {
				for (i = 0; i < 3; i++)
					mx[D_AV + i] = max_eq1[eq[0]][a][i];
				for (i = 0; i < 2; i++)
					mx[D_AC + i] = max_eq2[eq[1]][b][i];
				for (i = 0; i < 3; i++) {
					mx[D_VC + i] =
						max_eq36[eq[2]][eq[5]][e3][i];
					mx[D_CR + i] = max_eq36[eq[2]][eq[5]]
							       [e3][3 + i];
					mx[D_SC + i] = max_eq4[eq[3]][i];
				}
				mx[D_E] = eq[4];
				ok = true;
				for (i = 0; i < NDIMS; i++) {
					d[i] = level[lv[i]] - level[mx[i]];
					if (d[i] < 0)
						ok = false;
				}
				if (ok)
					return;
			}
}

/* Math.round of the reference for x >= 0: nearest integer, halves up. */
static int round_half_up(double x)
{
	int r = (int)x;

	return r + (x - r >= 0.5);
}

static int score(const struct mdsec_cvss *c)
{
	int lv[NDIMS], eq[6], value, low, n = 0, k;
	double d[NDIMS], v, dist[5], norm = 0, step = 0.1, mean;
	int depth[4], lo[4];

	lv[D_AV] = eff(c, AV, MAV, 0);
	lv[D_AC] = eff(c, AC, MAC, 0);
	lv[D_AT] = eff(c, AT, MAT, 0);
	lv[D_PR] = eff(c, PR, MPR, 0);
	lv[D_UI] = eff(c, UI, MUI, 0);
	lv[D_VC] = eff(c, VC, MVC, 0);
	lv[D_VI] = eff(c, VI, MVI, 0);
	lv[D_VA] = eff(c, VA, MVA, 0);
	lv[D_SC] = eff(c, SC, MSC, 1);
	lv[D_SI] = eff_s(c, SI, MSI);
	lv[D_SA] = eff_s(c, SA, MSA);
	lv[D_CR] = worst(c, CR);
	lv[D_IR] = worst(c, IR);
	lv[D_AR] = worst(c, AR);
	lv[D_E] = worst(c, E);
	if (lv[D_VC] == 2 && lv[D_VI] == 2 && lv[D_VA] == 2 && lv[D_SC] == 3 &&
	    lv[D_SI] == 3 && lv[D_SA] == 3)
		return 0;

	if (lv[D_AV] == 0 && lv[D_PR] == 0 && lv[D_UI] == 0)
		eq[0] = 0;
	else if ((lv[D_AV] == 0 || lv[D_PR] == 0 || lv[D_UI] == 0) &&
		 lv[D_AV] != 3)
		eq[0] = 1;
	else
		eq[0] = 2;
	eq[1] = lv[D_AC] == 0 && lv[D_AT] == 0 ? 0 : 1;
	if (lv[D_VC] == 0 && lv[D_VI] == 0)
		eq[2] = 0;
	else if (lv[D_VC] == 0 || lv[D_VI] == 0 || lv[D_VA] == 0)
		eq[2] = 1;
	else
		eq[2] = 2;
	if (lv[D_SI] == 0 || lv[D_SA] == 0)
		eq[3] = 0;
	else if (lv[D_SC] == 1 || lv[D_SI] == 1 || lv[D_SA] == 1)
		eq[3] = 1;
	else
		eq[3] = 2;
	eq[4] = lv[D_E];
	eq[5] = (lv[D_CR] == 0 && lv[D_VC] == 0) ||
				(lv[D_IR] == 0 && lv[D_VI] == 0) ||
				(lv[D_AR] == 0 && lv[D_VA] == 0)
			? 0
			: 1;

	value = score_of(eq);
	v = value / 10.0;
	distances(lv, eq, d);
	dist[0] = d[D_AV] + d[D_PR] + d[D_UI];
	dist[1] = d[D_AC] + d[D_AT];
	dist[2] = d[D_VC] + d[D_VI] + d[D_VA] + d[D_CR] + d[D_IR] + d[D_AR];
	dist[3] = d[D_SC] + d[D_SI] + d[D_SA];

	lo[0] = lower(eq, 0);
	lo[1] = lower(eq, 1);
	if (eq[2] == 0 && eq[5] == 0) {
		lo[2] = lower(eq, 5);
		low = lower(eq, 2);
		if (lo[2] < 0 || low < 0)
			lo[2] = -1;
		else if (low > lo[2])
			lo[2] = low;
	} else if (eq[5] == 0) {
		lo[2] = lower(eq, 5); /* 10 to 11 */
	} else {
		lo[2] = lower(eq, 2); /* 01 to 11, 11 to 21; none after 21 */
	}
	lo[3] = lower(eq, 3);
	depth[0] = depth_eq1[eq[0]];
	depth[1] = depth_eq2[eq[1]];
	depth[2] = depth_eq36[eq[2]][eq[5]];
	depth[3] = depth_eq4[eq[3]];
	for (k = 0; k < 4; k++) {
		if (lo[k] < 0)
			continue;
		n++;
		norm += (v - lo[k] / 10.0) * (dist[k] / (depth[k] * step));
	}
	if (lower(eq, 4) >= 0)
		n++; /* EQ5: always at distance 0 */
	mean = n ? norm / n : 0;
	v -= mean;
	if (v < 0)
		v = 0;
	if (v > 10)
		v = 10;
	return round_half_up((v + 1e-6) * 10);
}

void cvss4_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out)
{
	out->base = score(c);
	out->temporal = out->base;
	out->environmental = out->base;
}
