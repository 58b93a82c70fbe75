/* SPDX-License-Identifier: Apache-2.0
 *
 * cvss2.c - the CVSS v2 metric table and scores: base, temporal and
 * environmental (FIRST, A Complete Guide to the Common Vulnerability
 * Scoring System Version 2.0, section 3.2). Called by cvss.c.
 *
 * Evaluated in exact scaled integers (the weights have at most three
 * decimals); round_to_1_decimal is half-up (away from zero), applied to
 * the base, temporal, adjusted base, adjusted temporal and environmental
 * scores as the guide's equations say.
 */
#include <stdint.h>
#include "cvss/cvss_int.h"
#include "base/banned.h"

__extension__ typedef __int128 i128;

static const char *const av_v[] = { "L", "A", "N", NULL };
static const char *const ac_v[] = { "H", "M", "L", NULL };
static const char *const au_v[] = { "M", "S", "N", NULL };
static const char *const cia_v[] = { "N", "P", "C", NULL };
static const char *const e_v[] = { "U", "POC", "F", "H", "ND", NULL };
static const char *const rl_v[] = { "OF", "TF", "W", "U", "ND", NULL };
static const char *const rc_v[] = { "UC", "UR", "C", "ND", NULL };
static const char *const cdp_v[] = { "N", "L", "LM", "MH", "H", "ND", NULL };
static const char *const td_v[] = { "N", "L", "M", "H", "ND", NULL };
static const char *const req_v[] = { "L", "M", "H", "ND", NULL };

enum { AV, AC, AU, C, I, A, E, RL, RC, CDP, TD, CR, IR, AR, NMETRICS };

static const struct cvss_metric metrics[] = {
	{ "AV", av_v, CVSS_BASE },
	{ "AC", ac_v, CVSS_BASE },
	{ "Au", au_v, CVSS_BASE },
	{ "C", cia_v, CVSS_BASE },
	{ "I", cia_v, CVSS_BASE },
	{ "A", cia_v, CVSS_BASE },
	{ "E", e_v, CVSS_TEMPORAL },
	{ "RL", rl_v, CVSS_TEMPORAL },
	{ "RC", rc_v, CVSS_TEMPORAL },
	{ "CDP", cdp_v, CVSS_ENVIRONMENTAL },
	{ "TD", td_v, CVSS_ENVIRONMENTAL },
	{ "CR", req_v, CVSS_ENVIRONMENTAL },
	{ "IR", req_v, CVSS_ENVIRONMENTAL },
	{ "AR", req_v, CVSS_ENVIRONMENTAL },
};

const struct cvss_spec cvss2_spec = { "CVSS v2", metrics, NMETRICS };

/* Weights, by value index; x1000 for base, x100 temporal and requirements,
 * x10 CDP. Absent optional metrics count as ND (the last value). */
static const int64_t w_av[] = { 395, 646, 1000 };
static const int64_t w_ac[] = { 350, 610, 710 };
static const int64_t w_au[] = { 450, 560, 704 };
static const int64_t w_cia[] = { 0, 275, 660 };
static const int64_t w_e[] = { 85, 90, 95, 100, 100 };
static const int64_t w_rl[] = { 87, 90, 95, 100, 100 };
static const int64_t w_rc[] = { 90, 95, 100, 100 };
static const int64_t w_cdp[] = { 0, 1, 3, 4, 5, 0 };
static const int64_t w_td[] = { 0, 25, 75, 100, 100 };
static const int64_t w_req[] = { 50, 100, 151, 100 };

/* round_to_1_decimal of v / scale, in tenths: half away from zero. */
static int round1(i128 v, i128 scale)
{
	i128 unit = scale / 10;

	if (v < 0)
		return -round1(-v, scale);
	return (int)((v + unit / 2) / unit);
}

static int idx(const struct mdsec_cvss *c, int m, int absent)
{
	return c->value[m] ? c->value[m] - 1 : absent;
}

/* The base equation with impact x10^17 (capped at 10 when cap). */
static int base_eq(const struct mdsec_cvss *c, const int64_t req[3], bool cap)
{
	const i128 e17 = (i128)100000000000000000LL;
	i128 prod, imp, expl, v;

	prod = (i128)(100000 - w_cia[c->value[C] - 1] * req[0]) *
	       (100000 - w_cia[c->value[I] - 1] * req[1]) *
	       (100000 - w_cia[c->value[A] - 1] * req[2]);
	imp = 1041 * ((i128)1000000000000000LL - prod); /* x10^17 */
	if (cap && imp > 10 * e17)
		imp = 10 * e17;
	if (imp == 0)
		return 0;
	expl = (i128)20 * w_av[c->value[AV] - 1] * w_ac[c->value[AC] - 1] *
	       w_au[c->value[AU] - 1]; /* x10^9 */
	/* (0.6 imp + 0.4 expl - 1.5) x 1.176, x10^21 */
	v = (6 * imp + 4 * expl * 100000000 - 15 * e17) * 1176;
	return round1(v, (i128)1000 * 10 * e17);
}

static int temporal(const struct mdsec_cvss *c, int score)
{
	int64_t p = score * w_e[idx(c, E, 4)] * w_rl[idx(c, RL, 4)] *
		    w_rc[idx(c, RC, 3)];

	return round1(p, 10000000);
}

void cvss2_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out)
{
	static const int64_t one[3] = { 100, 100, 100 };
	int64_t req[3];
	int at;

	out->base = base_eq(c, one, false);
	out->temporal = temporal(c, out->base);
	req[0] = w_req[idx(c, CR, 3)];
	req[1] = w_req[idx(c, IR, 3)];
	req[2] = w_req[idx(c, AR, 3)];
	at = temporal(c, base_eq(c, req, true));
	/* (AT + (10 - AT) x CDP) x TD, x10^4 */
	out->environmental =
		round1(((int64_t)at * 10 + (100 - at) * w_cdp[idx(c, CDP, 5)]) *
			       w_td[idx(c, TD, 4)],
		       10000);
}
