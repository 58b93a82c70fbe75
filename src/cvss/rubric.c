/* SPDX-License-Identifier: Apache-2.0
 *
 * rubric.c - the MITRE "Rubric for Applying CVSS to Medical Devices"
 * (rubric 0.12.04, CVSS v3.0): load its questions and decision logic from
 * data (data/rubric/rubric.yaml, docs/rubric.md), walk an answers file
 * through them to a v3.0 base vector, score it with the v3.0 scorer and
 * write the extended answer vector that makes the score auditable.
 * UNKNOWN takes the more severe value, as the MITRE-hosted calculator
 * does. Every problem in either file is a located diagnostic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mdsec/cvss.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/ytree.h"
#include "base/banned.h"

#define RUBRIC_MAX_BYTES ((size_t)1 << 20)
#define RUBRIC_FORMAT	 1
#define RUBRIC_MAX_Q	 64
#define RUBRIC_MAX_CAT	 16

enum { M_AV, M_AC, M_PR, M_UI, M_S, M_C, M_I, M_A, M_COUNT };
enum { ANS_YES, ANS_NO, ANS_UNKNOWN, ANS_NONE_GIVEN };
enum { ACT_SET, ACT_GOTO, ACT_KEEP };

static const char *const metric_names[] = { "AV", "AC", "PR", "UI",
					    "S",  "C",	"I",  "A" };
/* Values each metric may take, in the v3.0 specification's letters. */
static const char *const metric_values[] = { "NALP", "LH",  "NLH", "NR",
					     "UC",   "HLN", "HLN", "HLN" };
static const char *const answer_keys[] = { "yes", "no", "unknown" };
static const char ans_letter[] = { 'Y', 'N', 'U', 'U' };

struct ract {
	int kind;
	char value;	     /* ACT_SET */
	int target;	     /* ACT_GOTO: index of the question */
	const char *code;    /* ACT_GOTO: target code, until resolved */
	struct mdsec_loc at; /* where the action is written */
};

struct rq {
	const char *code;
	int metric;
	int cat; /* index of the category it modifies, or -1 */
	const char *cat_name;
	struct mdsec_loc at;
	struct ract act[3];
};

struct rcat {
	const char *name;
	const char *code[3]; /* C, I, A */
};

struct mdsec_rubric {
	struct arena a;
	struct rq q[RUBRIC_MAX_Q];
	size_t nq;
	struct rcat cat[RUBRIC_MAX_CAT];
	size_t ncat;
};

struct ctx {
	const char *file;
	struct mdsec_diag_list *dl;
	int error;
};

static struct mdsec_loc at(const struct ctx *c, const struct ynode *n)
{
	struct mdsec_loc l = { c->file, n->line, n->col };

	return l;
}

static void fail(struct ctx *c, int error)
{
	if (!c->error || error == MDSEC_ENOMEM)
		c->error = error;
}

static int metric_index(const char *s)
{
	int i;

	for (i = 0; i < M_COUNT; i++) {
		if (!strcmp(metric_names[i], s))
			return i;
	}
	return -1;
}

/* A scalar's text, or NULL with a diagnostic. */
static const char *scalar(struct ctx *c, const struct ynode *v,
			  const char *what)
{
	if (v->type == YNODE_SCALAR && !ynode_is_null(v))
		return v->str;
	fail(c, diag_error(c->dl, at(c, v), "'%s' is %s (expected a string)",
			   what, ynode_type_name(v)));
	return NULL;
}

/* Parse a text into a tree; *root NULL for an empty document. */
static int parse_text(struct ynode **root, struct arena *a, struct ctx *c,
		      const char *buf, size_t len)
{
	struct mdsec_loc l = { c->file, 1, 1 };
	size_t bad = utf8_check(buf, len);

	if (bad != len) {
		return diag_error(c->dl, l,
				  "invalid UTF-8 at byte %zu (expected UTF-8 "
				  "text)",
				  bad);
	}
	return ytree_parse(root, a, a, c->file, buf, len, c->dl);
}

static void load_action(struct ctx *c, struct mdsec_rubric *r, struct rq *q,
			int which, const struct ynode *v)
{
	struct ract *act = &q->act[which];
	const char *s = scalar(c, v, answer_keys[which]);

	act->at = at(c, v);
	if (!s)
		return;
	if (!strncmp(s, "goto ", 5) && s[5]) {
		act->kind = ACT_GOTO;
		act->code = arena_strdup(&r->a, s + 5);
		if (!act->code)
			fail(c, MDSEC_ENOMEM);
		return;
	}
	if (!strcmp(s, "keep")) {
		act->kind = ACT_KEEP;
		return;
	}
	if (!strncmp(s, "set ", 4) && strlen(s) == 5 && q->metric >= 0 &&
	    strchr(metric_values[q->metric], s[4])) {
		act->kind = ACT_SET;
		act->value = s[4];
		return;
	}
	fail(c, diag_error(c->dl, act->at,
			   "bad action '%s' for '%s' (expected goto CODE, "
			   "keep, or set one of %s)",
			   s, q->code ? q->code : "?",
			   q->metric >= 0 ? metric_values[q->metric] : "?"));
}

static void load_question(struct ctx *c, struct mdsec_rubric *r,
			  const struct ynode *m)
{
	const struct ynode *k, *v, *acts[3] = { NULL, NULL, NULL };
	struct rq *q;
	const char *s;
	int i;

	if (m->type != YNODE_MAPPING) {
		fail(c, diag_error(c->dl, at(c, m),
				   "question is %s (expected a mapping)",
				   ynode_type_name(m)));
		return;
	}
	if (r->nq == RUBRIC_MAX_Q) {
		fail(c, diag_error(c->dl, at(c, m),
				   "too many questions (expected at most %d)",
				   RUBRIC_MAX_Q));
		return;
	}
	q = &r->q[r->nq++];
	q->metric = -1;
	q->cat = -1;
	q->at = at(c, m);
	for (k = m->child; k && k->next; k = k->next->next) {
		v = k->next;
		if (!strcmp(k->str, "code")) {
			s = scalar(c, v, "code");
			q->code = s ? arena_strdup(&r->a, s) : NULL;
		} else if (!strcmp(k->str, "metric")) {
			s = scalar(c, v, "metric");
			q->metric = s ? metric_index(s) : -1;
			if (s && q->metric < 0)
				fail(c, diag_error(c->dl, at(c, v),
						   "unknown metric '%s' "
						   "(expected AV, AC, PR, UI, "
						   "S, C, I or A)",
						   s));
		} else if (!strcmp(k->str, "category")) {
			s = scalar(c, v, "category");
			q->cat_name = s ? arena_strdup(&r->a, s) : NULL;
		} else if (!strcmp(k->str, "text")) {
			scalar(c, v, "text");
		} else if (!strcmp(k->str, "yes")) {
			acts[ANS_YES] = v;
		} else if (!strcmp(k->str, "no")) {
			acts[ANS_NO] = v;
		} else if (!strcmp(k->str, "unknown")) {
			acts[ANS_UNKNOWN] = v;
		} else {
			fail(c, diag_error(c->dl, at(c, k),
					   "unknown key '%s' (expected code, "
					   "metric, category, text, yes, no "
					   "or unknown)",
					   k->str));
		}
	}
	if (!q->code || q->metric < 0) {
		fail(c, diag_error(c->dl, q->at,
				   "question lacks a code or metric (expected "
				   "both)"));
		return;
	}
	for (i = 0; i < 3; i++) {
		if (!acts[i]) {
			fail(c, diag_error(c->dl, q->at,
					   "question '%s' lacks '%s' (expected "
					   "an action for every answer)",
					   q->code, answer_keys[i]));
			continue;
		}
		load_action(c, r, q, i, acts[i]);
	}
}

static void load_category(struct ctx *c, struct mdsec_rubric *r,
			  const struct ynode *m)
{
	const struct ynode *k;
	struct rcat *cat;
	const char *s;
	int i;

	if (m->type != YNODE_MAPPING || r->ncat == RUBRIC_MAX_CAT) {
		fail(c, diag_error(c->dl, at(c, m),
				   "category is %s (expected a mapping, at "
				   "most %d of them)",
				   ynode_type_name(m), RUBRIC_MAX_CAT));
		return;
	}
	cat = &r->cat[r->ncat++];
	for (k = m->child; k && k->next; k = k->next->next) {
		i = metric_index(k->str);
		s = scalar(c, k->next, k->str);
		if (!s)
			continue;
		s = arena_strdup(&r->a, s);
		if (!s)
			fail(c, MDSEC_ENOMEM);
		if (!strcmp(k->str, "name"))
			cat->name = s;
		else if (i >= M_C)
			cat->code[i - M_C] = s;
		else if (strcmp(k->str, "text"))
			fail(c, diag_error(c->dl, at(c, k),
					   "unknown key '%s' (expected name, "
					   "text, C, I or A)",
					   k->str));
	}
	if (!cat->name || !cat->code[0] || !cat->code[1] || !cat->code[2])
		fail(c, diag_error(c->dl, at(c, m),
				   "category lacks name, C, I or A (expected "
				   "all four)"));
}

static int find_q(const struct mdsec_rubric *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nq; i++) {
		if (r->q[i].code && !strcmp(r->q[i].code, code))
			return (int)i;
	}
	return -1;
}

static int find_cat(const struct mdsec_rubric *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncat; i++) {
		if (r->cat[i].name && !strcmp(r->cat[i].name, name))
			return (int)i;
	}
	return -1;
}

/* Resolve goto targets and category names; every base metric must have
 * a first question. */
static void resolve(struct ctx *c, struct mdsec_rubric *r,
		    const struct ynode *root)
{
	struct rq *q;
	size_t i;
	int j, m;

	for (i = 0; i < r->nq; i++) {
		q = &r->q[i];
		if (!q->code)
			continue;
		if (q->cat_name) {
			q->cat = find_cat(r, q->cat_name);
			if (q->cat < 0)
				fail(c, diag_error(c->dl, q->at,
						   "unknown category '%s' "
						   "(expected a category "
						   "listed under categories)",
						   q->cat_name));
		}
		for (j = 0; j < 3; j++) {
			if (q->act[j].kind != ACT_GOTO || !q->act[j].code)
				continue;
			q->act[j].target = find_q(r, q->act[j].code);
			if (q->act[j].target < 0 ||
			    (size_t)q->act[j].target <= i ||
			    r->q[q->act[j].target].metric != q->metric)
				fail(c,
				     diag_error(c->dl, q->act[j].at,
						"bad target '%s' (expected a "
						"later question of metric "
						"%s)",
						q->act[j].code,
						metric_names[q->metric]));
		}
	}
	for (m = M_AV; m <= M_S; m++) {
		for (i = 0; i < r->nq; i++) {
			if (r->q[i].code && r->q[i].metric == m)
				break;
		}
		if (i == r->nq)
			fail(c, diag_error(c->dl, at(c, root),
					   "no question for metric %s "
					   "(expected one per base metric)",
					   metric_names[m]));
	}
}

int mdsec_rubric_load_buf(struct mdsec_rubric **out, const char *file,
			  const char *buf, size_t len,
			  struct mdsec_diag_list *dl)
{
	struct ctx c = { file ? file : "<rubric>", dl, 0 };
	struct mdsec_rubric *r;
	struct arena tree = ARENA_INIT;
	const struct ynode *root = NULL, *k, *v, *it;
	struct ynode *tmp = NULL;
	struct mdsec_loc l = { c.file, 1, 1 };
	bool fmt = false;
	int error;

	*out = NULL;
	r = xcalloc(1, sizeof(*r));
	if (!r)
		return MDSEC_ENOMEM;
	error = parse_text(&tmp, &tree, &c, buf, len);
	root = tmp;
	if (error < 0)
		goto out;
	if (!root || root->type != YNODE_MAPPING) {
		error = diag_error(dl, root ? at(&c, root) : l,
				   "rubric is %s (expected a mapping with "
				   "format, questions and categories)",
				   root ? ynode_type_name(root) : "empty");
		goto out;
	}
	for (k = root->child; k && k->next; k = k->next->next) {
		v = k->next;
		if (!strcmp(k->str, "format")) {
			fmt = true;
			if (v->type != YNODE_SCALAR || strcmp(v->str, "1") != 0)
				fail(&c, diag_error(dl, at(&c, v),
						    "unsupported format '%s' "
						    "(expected %d)",
						    v->str, RUBRIC_FORMAT));
		} else if (!strcmp(k->str, "questions") &&
			   v->type == YNODE_SEQUENCE) {
			for (it = v->child; it; it = it->next)
				load_question(&c, r, it);
		} else if (!strcmp(k->str, "categories") &&
			   v->type == YNODE_SEQUENCE) {
			for (it = v->child; it; it = it->next)
				load_category(&c, r, it);
		} else {
			fail(&c, diag_error(dl, at(&c, k),
					    "unexpected key '%s' (expected "
					    "format, and lists questions and "
					    "categories)",
					    k->str));
		}
	}
	if (!fmt)
		fail(&c, diag_error(dl, at(&c, root),
				    "missing 'format' (expected %d)",
				    RUBRIC_FORMAT));
	resolve(&c, r, root);
	error = c.error;
out:
	arena_release(&tree);
	if (error < 0) {
		mdsec_rubric_free(r);
		return error;
	}
	*out = r;
	return 0;
}

int mdsec_rubric_load(struct mdsec_rubric **out, const char *path,
		      struct mdsec_diag_list *dl)
{
	struct strbuf text = STRBUF_INIT;
	int error;

	*out = NULL;
	error = file_read_capped(&text, path, RUBRIC_MAX_BYTES);
	if (error == 0)
		error = mdsec_rubric_load_buf(out, path, text.buf, text.len,
					      dl);
	strbuf_release(&text);
	return error;
}

void mdsec_rubric_free(struct mdsec_rubric *r)
{
	if (!r)
		return;
	arena_release(&r->a);
	xfree(r);
}

/* The answers, indexed like the rubric's questions and categories. */
struct answers {
	int q[RUBRIC_MAX_Q];	     /* ANS_*, ANS_NONE_GIVEN */
	char cia[RUBRIC_MAX_CAT][3]; /* 'H', 'L', 'N', 'U'; 0 = not given */
	bool cat_given[RUBRIC_MAX_CAT];
};

static void read_category(struct ctx *c, const struct mdsec_rubric *r,
			  struct answers *A, int ci, const struct ynode *v)
{
	static const char *const names[] = { "HIGH", "LOW", "NONE", "UNKNOWN" };
	const struct ynode *k;
	int m, i;

	if (v->type != YNODE_MAPPING) {
		fail(c, diag_error(c->dl, at(c, v),
				   "'%s' is %s (expected a mapping of C, I "
				   "and A to HIGH, LOW, NONE or UNKNOWN)",
				   r->cat[ci].name, ynode_type_name(v)));
		return;
	}
	for (k = v->child; k && k->next; k = k->next->next) {
		m = metric_index(k->str);
		if (m < M_C) {
			fail(c, diag_error(c->dl, at(c, k),
					   "unknown metric '%s' in '%s' "
					   "(expected C, I or A)",
					   k->str, r->cat[ci].name));
			continue;
		}
		if (A->cia[ci][m - M_C]) {
			fail(c, diag_error(c->dl, at(c, k),
					   "duplicate answer to '%s' %s "
					   "(expected each once)",
					   r->cat[ci].name, k->str));
			continue;
		}
		for (i = 0; i < 4; i++) {
			if (k->next->type == YNODE_SCALAR &&
			    !strcasecmp(k->next->str, names[i]))
				break;
		}
		if (i == 4) {
			fail(c,
			     diag_error(c->dl, at(c, k->next),
					"unknown answer '%s' to '%s' %s "
					"(expected HIGH, LOW, NONE or "
					"UNKNOWN)",
					k->next->str, r->cat[ci].name, k->str));
			continue;
		}
		A->cia[ci][m - M_C] = "HLNU"[i];
	}
}

static void read_answers(struct ctx *c, const struct mdsec_rubric *r,
			 struct answers *A, const struct ynode *root)
{
	static const char *const names[] = { "YES", "NO", "UNKNOWN" };
	const struct ynode *k, *v;
	int qi, ci, i;

	for (k = root->child; k && k->next; k = k->next->next) {
		v = k->next;
		ci = find_cat(r, k->str);
		if (ci >= 0) {
			if (A->cat_given[ci]) {
				fail(c, diag_error(c->dl, at(c, k),
						   "duplicate answer to '%s' "
						   "(expected each once)",
						   k->str));
				continue;
			}
			A->cat_given[ci] = true;
			read_category(c, r, A, ci, v);
			continue;
		}
		qi = find_q(r, k->str);
		if (qi < 0) {
			fail(c, diag_error(c->dl, at(c, k),
					   "unknown question '%s' (expected a "
					   "question code or an impact "
					   "category)",
					   k->str));
			continue;
		}
		if (A->q[qi] != ANS_NONE_GIVEN) {
			fail(c, diag_error(c->dl, at(c, k),
					   "duplicate answer to '%s' (expected "
					   "each once)",
					   k->str));
			continue;
		}
		for (i = 0; i < 3; i++) {
			if (v->type == YNODE_SCALAR &&
			    !strcasecmp(v->str, names[i]))
				break;
		}
		if (i == 3) {
			fail(c,
			     diag_error(c->dl, at(c, v),
					"unknown answer '%s' to '%s' "
					"(expected YES, NO or UNKNOWN)",
					v->type == YNODE_SCALAR ? v->str : "",
					k->str));
			continue;
		}
		A->q[qi] = i;
	}
}

static void ext_add(struct strbuf *sb, const char *code, char v)
{
	strbuf_addf(sb, "%s%s:%c", sb->len ? "/" : "", code, v);
}

/* The answer given to question qi, or UNKNOWN. */
static int answer_of(const struct answers *A, int qi)
{
	return A->q[qi] == ANS_NONE_GIVEN ? ANS_UNKNOWN : A->q[qi];
}

/* Walk metric m's questions from its first; its value, or 0. */
static char walk(const struct mdsec_rubric *r, const struct answers *A, int m,
		 struct strbuf *ext)
{
	const struct ract *act;
	size_t i, steps;
	int qi = -1, ans;

	for (i = 0; i < r->nq; i++) {
		if (r->q[i].metric == m && r->q[i].cat < 0) {
			qi = (int)i;
			break;
		}
	}
	for (steps = 0; qi >= 0 && steps < r->nq; steps++) {
		ans = answer_of(A, qi);
		ext_add(ext, r->q[qi].code, ans_letter[A->q[qi]]);
		act = &r->q[qi].act[ans];
		if (act->kind == ACT_SET)
			return act->value;
		if (act->kind != ACT_GOTO)
			return 0;
		qi = act->target; /* always later: load checked it */
	}
	return 0;
}

static char max_level(char a, char b)
{
	static const char order[] = "NLH";

	return strchr(order, a) > strchr(order, b) ? a : b;
}

static int compute(const struct mdsec_rubric *r, const struct answers *A,
		   struct mdsec_rubric_result *out, struct ctx *c)
{
	struct strbuf ext = STRBUF_INIT;
	struct mdsec_loc l = { c->file, 1, 1 };
	char val[M_COUNT], eff;
	const struct ract *act;
	size_t ci, qi;
	int m, error;

	for (m = M_AV; m <= M_S; m++) {
		val[m] = walk(r, A, m, &ext);
		if (!val[m]) {
			strbuf_release(&ext);
			return diag_error(c->dl, l,
					  "rubric gives no value for %s "
					  "(expected every path to end in "
					  "set)",
					  metric_names[m]);
		}
	}
	val[M_C] = val[M_I] = val[M_A] = 'N';
	for (ci = 0; ci < r->ncat; ci++) {
		for (m = 0; m < 3; m++) {
			eff = A->cia[ci][m] ? A->cia[ci][m] : 'N';
			ext_add(&ext, r->cat[ci].code[m], eff);
			eff = eff == 'U' ? 'H' : eff; /* the more severe */
			for (qi = 0; m == 0 && eff != 'N' && qi < r->nq; qi++) {
				if (r->q[qi].cat != (int)ci)
					continue;
				ext_add(&ext, r->q[qi].code,
					ans_letter[A->q[qi]]);
				act = &r->q[qi].act[answer_of(A, (int)qi)];
				if (act->kind == ACT_SET)
					eff = act->value;
			}
			val[M_C + m] = max_level(val[M_C + m], eff);
		}
	}
	snprintf(out->vector, sizeof(out->vector),
		 "CVSS:3.0/AV:%c/AC:%c/PR:%c/UI:%c/S:%c/C:%c/I:%c/A:%c",
		 val[M_AV], val[M_AC], val[M_PR], val[M_UI], val[M_S], val[M_C],
		 val[M_I], val[M_A]);
	snprintf(out->extended, sizeof(out->extended), "%s",
		 ext.buf ? ext.buf : "");
	error = ext.len + 1 >= MDSEC_RUBRIC_MAX_EXT ? MDSEC_ELIMIT : 0;
	strbuf_release(&ext);
	if (error < 0)
		return diag_error(c->dl, l,
				  "extended vector too long (expected under "
				  "%d bytes)",
				  MDSEC_RUBRIC_MAX_EXT);
	error = mdsec_cvss_parse(&out->cvss, out->vector, strlen(out->vector),
				 MDSEC_CVSS_STRICT, l, c->dl);
	if (error < 0)
		return error;
	{
		struct mdsec_cvss_scores s;

		mdsec_cvss_score(&out->cvss, &s);
		out->score = s.base;
	}
	return 0;
}

int mdsec_rubric_apply_buf(const struct mdsec_rubric *r, const char *file,
			   const char *buf, size_t len,
			   struct mdsec_rubric_result *out,
			   struct mdsec_diag_list *dl)
{
	struct ctx c = { file ? file : "<answers>", dl, 0 };
	struct arena tree = ARENA_INIT;
	struct ynode *root = NULL;
	struct answers *A;
	size_t i;
	int error;

	memset(out, 0, sizeof(*out));
	A = xcalloc(1, sizeof(*A));
	if (!A)
		return MDSEC_ENOMEM;
	for (i = 0; i < RUBRIC_MAX_Q; i++)
		A->q[i] = ANS_NONE_GIVEN;
	error = parse_text(&root, &tree, &c, buf, len);
	if (error < 0)
		goto out;
	if (root && root->type != YNODE_MAPPING) {
		error = diag_error(dl, at(&c, root),
				   "answers are %s (expected a mapping of "
				   "question codes and categories to "
				   "answers)",
				   ynode_type_name(root));
		goto out;
	}
	if (root)
		read_answers(&c, r, A, root);
	error = c.error;
	if (error < 0)
		goto out;
	error = compute(r, A, out, &c);
out:
	arena_release(&tree);
	xfree(A);
	return error;
}

int mdsec_rubric_apply(const struct mdsec_rubric *r, const char *path,
		       struct mdsec_rubric_result *out,
		       struct mdsec_diag_list *dl)
{
	struct strbuf text = STRBUF_INIT;
	int error;

	error = file_read_capped(&text, path, RUBRIC_MAX_BYTES);
	if (error == 0)
		error = mdsec_rubric_apply_buf(r, path, text.buf, text.len, out,
					       dl);
	strbuf_release(&text);
	return error;
}
