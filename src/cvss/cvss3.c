/* SPDX-License-Identifier: Apache-2.0
 *
 * cvss3.c - the CVSS v3.0 and v3.1 metric table and scores: base, temporal
 * and environmental, including modified scope (CVSS v3.1 Specification
 * Document sections 7.1-7.4 and Appendix A; CVSS v3.0 Specification
 * Document section 8). Called by cvss.c.
 *
 * Every formula is evaluated in exact scaled integers (weights have two
 * decimals), except the scope-changed power term (x^15, or x^13 in the
 * v3.1 modified impact), which is a long double correction subtracted
 * from the exact part. That term never makes the value an exact multiple
 * of a tenth, so the rounding decision is unaffected by its tiny error.
 * Roundup: v3.1 per Appendix A (round to five decimals, then up to one);
 * v3.0 the smallest one-decimal number not below the exact value.
 */
#include <stdint.h>
#include "cvss/cvss_int.h"
#include "base/banned.h"

static const char *const av_v[] = { "N", "A", "L", "P", NULL };
static const char *const ac_v[] = { "L", "H", NULL };
static const char *const pr_v[] = { "N", "L", "H", NULL };
static const char *const ui_v[] = { "N", "R", NULL };
static const char *const s_v[] = { "U", "C", NULL };
static const char *const cia_v[] = { "H", "L", "N", NULL };
static const char *const e_v[] = { "X", "H", "F", "P", "U", NULL };
static const char *const rl_v[] = { "X", "U", "W", "T", "O", NULL };
static const char *const rc_v[] = { "X", "C", "R", "U", NULL };
static const char *const req_v[] = { "X", "H", "M", "L", NULL };
static const char *const mav_v[] = { "X", "N", "A", "L", "P", NULL };
static const char *const mac_v[] = { "X", "L", "H", NULL };
static const char *const mpr_v[] = { "X", "N", "L", "H", NULL };
static const char *const mui_v[] = { "X", "N", "R", NULL };
static const char *const ms_v[] = { "X", "U", "C", NULL };
static const char *const mcia_v[] = { "X", "H", "L", "N", NULL };

enum {
	AV,
	AC,
	PR,
	UI,
	S,
	C,
	I,
	A,
	E,
	RL,
	RC,
	CR,
	IR,
	AR,
	MAV,
	MAC,
	MPR,
	MUI,
	MS,
	MC,
	MI,
	MA,
	NMETRICS
};

static const struct cvss_metric metrics[] = {
	{ "AV", av_v, CVSS_BASE },
	{ "AC", ac_v, CVSS_BASE },
	{ "PR", pr_v, CVSS_BASE },
	{ "UI", ui_v, CVSS_BASE },
	{ "S", s_v, CVSS_BASE },
	{ "C", cia_v, CVSS_BASE },
	{ "I", cia_v, CVSS_BASE },
	{ "A", cia_v, CVSS_BASE },
	{ "E", e_v, CVSS_TEMPORAL },
	{ "RL", rl_v, CVSS_TEMPORAL },
	{ "RC", rc_v, CVSS_TEMPORAL },
	{ "CR", req_v, CVSS_ENVIRONMENTAL },
	{ "IR", req_v, CVSS_ENVIRONMENTAL },
	{ "AR", req_v, CVSS_ENVIRONMENTAL },
	{ "MAV", mav_v, CVSS_ENVIRONMENTAL },
	{ "MAC", mac_v, CVSS_ENVIRONMENTAL },
	{ "MPR", mpr_v, CVSS_ENVIRONMENTAL },
	{ "MUI", mui_v, CVSS_ENVIRONMENTAL },
	{ "MS", ms_v, CVSS_ENVIRONMENTAL },
	{ "MC", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MI", mcia_v, CVSS_ENVIRONMENTAL },
	{ "MA", mcia_v, CVSS_ENVIRONMENTAL },
};

const struct cvss_spec cvss3_spec = { "CVSS v3", metrics, NMETRICS };

/* Weights x100, indexed by the base metric's value index. */
static const int64_t w_av[] = { 85, 62, 55, 20 };
static const int64_t w_ac[] = { 77, 44 };
static const int64_t w_pr[2][3] = { { 85, 62, 27 },   /* scope unchanged */
				    { 85, 68, 50 } }; /* scope changed */
static const int64_t w_ui[] = { 85, 62 };
static const int64_t w_cia[] = { 56, 22, 0 };
/* Temporal and requirement weights x100, indexed by value index (X first). */
static const int64_t w_e[] = { 100, 100, 97, 94, 91 };
static const int64_t w_rl[] = { 100, 100, 97, 96, 95 };
static const int64_t w_rc[] = { 100, 100, 96, 92 };
static const int64_t w_req[] = { 100, 150, 100, 50 };

#define P10(n) ((int64_t)P10_##n)
#define P10_5  100000LL
#define P10_9  1000000000LL
#define P10_7  10000000LL
#define P10_10 10000000000LL
#define P10_12 1000000000000LL
#define P10_14 100000000000000LL
#define P10_16 10000000000000000LL

/* Roundup of (p - t) / scale, in tenths; p exact, t a real correction in
 * the same scale (0 when the value is exact); the value is positive. */
static int roundup(int minor, int64_t p, long double t, int64_t scale)
{
	int64_t unit = scale / P10(5), tenth = scale / 10, i5;
	long double v, q;

	if (t == 0) {
		if (minor == 0)
			return (int)((p + tenth - 1) / tenth);
		i5 = p / unit + ((p % unit) * 2 >= unit);
	} else {
		v = (long double)p - t;
		if (minor == 0) {
			q = v / (long double)tenth;
			i5 = (int64_t)q;
			return (int)(i5 + ((long double)i5 < q));
		}
		i5 = (int64_t)(v / (long double)unit + 0.5L);
	}
	return (int)(i5 / 10000 + (i5 % 10000 != 0));
}

static long double powi(long double x, int n)
{
	long double r = 1;

	while (n-- > 0)
		r *= x;
	return r;
}

/*
 * The rounded min(impact + exploitability, 10) of the base or the
 * environmental equation, in tenths. iss12: ISS or MISS x10^12;
 * expl10: 8.22 x AV x AC x PR x UI x10^10; modern: v3.1 modified impact.
 */
static int subscore(int minor, bool changed, bool modern, int64_t iss12,
		    int64_t expl10)
{
	int64_t imp, sum, scale = P10(14);
	long double t = 0, x;

	if (!changed) {
		imp = 642 * iss12;
		if (imp <= 0)
			return 0;
		sum = imp + expl10 * 10000;
	} else {
		imp = 752 * (iss12 - 29 * P10(9));
		if (modern) {
			x = (long double)(iss12 * 9731 - 2 * P10(14)) /
			    (long double)P10(16);
			t = 3.25L * powi(x, 13) * (long double)P10(14);
		} else {
			x = (long double)(iss12 - 2 * P10(10)) /
			    (long double)P10(12);
			t = 3.25L * powi(x, 15) * (long double)P10(14);
		}
		if ((long double)imp - t <= 0)
			return 0;
		sum = 108 * (imp + expl10 * 10000);
		t *= 108;
		scale = P10(16);
	}
	if ((long double)sum - t >= 10 * (long double)scale)
		return 100;
	return roundup(minor, sum, t, scale);
}

/* Roundup(score x E x RL x RC), score in tenths. */
static int temporal(int minor, int score, const struct mdsec_cvss *c)
{
	int64_t p = score * w_e[c->value[E] ? c->value[E] - 1 : 0] *
		    w_rl[c->value[RL] ? c->value[RL] - 1 : 0] *
		    w_rc[c->value[RC] ? c->value[RC] - 1 : 0];

	return p ? roundup(minor, p, 0, P10(7)) : 0;
}

/* Value index of a modified metric, falling back to the base metric:
 * modified tables have X first, then the base metric's values. */
static int mod(const struct mdsec_cvss *c, int m, int base)
{
	return c->value[m] > 1 ? c->value[m] - 2 : c->value[base] - 1;
}

static int req(const struct mdsec_cvss *c, int m)
{
	return (int)w_req[c->value[m] ? c->value[m] - 1 : 0];
}

void cvss3_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out)
{
	int minor = c->version == MDSEC_CVSS_V3_1 ? 1 : 0;
	bool changed = c->value[S] - 1 == 1, mchanged;
	int64_t iss, expl, miss, mexpl;
	int env;

	iss = 1000000 - (100 - w_cia[c->value[C] - 1]) *
				(100 - w_cia[c->value[I] - 1]) *
				(100 - w_cia[c->value[A] - 1]);
	expl = 822 * w_av[c->value[AV] - 1] * w_ac[c->value[AC] - 1] *
	       w_pr[changed][c->value[PR] - 1] * w_ui[c->value[UI] - 1];
	out->base = subscore(minor, changed, false, iss * 1000000, expl);
	out->temporal = temporal(minor, out->base, c);

	mchanged = c->value[MS] > 1 ? c->value[MS] - 2 == 1 : changed;
	miss = P10(12) - (10000 - req(c, CR) * w_cia[mod(c, MC, C)]) *
				 (10000 - req(c, IR) * w_cia[mod(c, MI, I)]) *
				 (10000 - req(c, AR) * w_cia[mod(c, MA, A)]);
	if (miss > 915 * P10(9))
		miss = 915 * P10(9);
	mexpl = 822 * w_av[mod(c, MAV, AV)] * w_ac[mod(c, MAC, AC)] *
		w_pr[mchanged][mod(c, MPR, PR)] * w_ui[mod(c, MUI, UI)];
	env = subscore(minor, mchanged, minor == 1, miss, mexpl);
	out->environmental = temporal(minor, env, c);
}
