/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_cvss.c - `mdsec cvss VECTOR...` and `mdsec cvss -`: score CVSS
 * vectors (v2.0, v3.0, v3.1, v4.0; strict parsing), one answer per vector, in
 * order. Text: "score severity canonical-vector"; `--format json`: one
 * object per line (docs/schemas/cvss.schema.json). With `-`, vectors come
 * one per line from stdin, a bad line gives an error for that line and
 * the run goes on; exit 2 at the end if any vector was bad.
 * `mdsec cvss --rubric ANSWERS` applies the MITRE medical-device rubric
 * (mdsec_datadir()/rubric/rubric.yaml, docs/rubric.md) to an answers
 * file: text "score severity vector" and "extended: VECTOR"; json one
 * object of format mdsec.cvss-rubric/1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "mdsec/cvss.h"
#include "mdsec/mdsec.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/banned.h"

#define CVSS_JSON_FORMAT   "mdsec.cvss/1"
#define RUBRIC_JSON_FORMAT "mdsec.cvss-rubric/1"

struct cvss_opts {
	bool json;
	const char *rubric; /* answers file, or NULL */
};

static int on_opt(int index, const char *value, void *payload)
{
	struct cvss_opts *o = payload;

	if (index == 1) {
		o->rubric = value;
		return 0;
	}
	if (index != 0)
		return -1;
	if (!strcmp(value, "json") || !strcmp(value, "text")) {
		o->json = !strcmp(value, "json");
		return 0;
	}
	cli_usage(cli_find("cvss"),
		  "unknown format '%s' (expected text or json)", value);
	return -1;
}

/* "7.5" from 75 (scores are 0..100 tenths); no printf in the hot path. */
static void tenths(char *buf, size_t n, int t)
{
	size_t i = 0;

	if (n < 6)
		return;
	if (t < 0 || t > 100)
		t = 0;
	if (t >= 100)
		buf[i++] = '1';
	if (t >= 10)
		buf[i++] = (char)('0' + (t / 10) % 10);
	else
		buf[i++] = '0';
	buf[i++] = '.';
	buf[i++] = (char)('0' + t % 10);
	buf[i] = '\0';
}

/* Answer one vector; returns 0 or MDSEC_EINPUT. */
static int answer(const char *vec, size_t len, const char *file, unsigned line,
		  bool json)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { file, line, 1 };
	struct mdsec_cvss c;
	struct mdsec_cvss_scores s;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char canon[MDSEC_CVSS_MAX_LEN + 16], b[24], t[24], e[24], *raw;
	int error, score;

	error = mdsec_cvss_parse(&c, vec, len, MDSEC_CVSS_STRICT, at, &dl);
	raw = strndup(vec, len);
	if (error < 0) {
		if (json && raw) {
			jsonw_init(&w, &sb, 0);
			w.compact = true;
			jsonw_object_begin(&w);
			jsonw_member(&w, "format", CVSS_JSON_FORMAT);
			jsonw_member(&w, "vector", raw);
			jsonw_key(&w, "error");
			jsonw_string(&w, dl.len ? dl.items[0].msg
						: mdsec_strerror(error));
			jsonw_key(&w, "column");
			jsonw_int(&w, dl.len ? dl.items[0].loc.col : 0);
			jsonw_object_end(&w);
			puts(sb.buf);
		}
		cli_print_diags(&dl, false);
		goto out;
	}
	mdsec_cvss_score(&c, &s);
	mdsec_cvss_format(canon, sizeof(canon), &c);
	score = c.has_environmental ? s.environmental
		: c.has_temporal    ? s.temporal
				    : s.base;
	tenths(b, sizeof(b), s.base);
	tenths(t, sizeof(t), s.temporal);
	tenths(e, sizeof(e), s.environmental);
	if (!json) {
		char sc[24];

		tenths(sc, sizeof(sc), score);
		fputs(sc, stdout);
		putchar(' ');
		fputs(mdsec_cvss_severity(c.version, score), stdout);
		putchar(' ');
		fputs(canon, stdout);
		if (c.version == MDSEC_CVSS_V4_0) {
			putchar(' ');
			fputs(mdsec_cvss_nomenclature(&c), stdout);
		}
		putchar('\n');
		goto out;
	}
	jsonw_init(&w, &sb, 0);
	w.compact = true;
	jsonw_object_begin(&w);
	jsonw_member(&w, "format", CVSS_JSON_FORMAT);
	jsonw_member(&w, "version", mdsec_cvss_version_name(c.version));
	jsonw_member(&w, "vector", canon);
	if (c.version == MDSEC_CVSS_V4_0) {
		/* v4.0 has one score, named by the metrics it rests on. */
		jsonw_key(&w, "score");
		jsonw_number(&w, b);
		jsonw_member(&w, "nomenclature", mdsec_cvss_nomenclature(&c));
		jsonw_member(&w, "severity",
			     mdsec_cvss_severity(c.version, s.base));
		jsonw_object_end(&w);
		puts(sb.buf);
		goto out;
	}
	jsonw_key(&w, "base_score");
	jsonw_number(&w, b);
	if (c.has_temporal) {
		jsonw_key(&w, "temporal_score");
		jsonw_number(&w, t);
	}
	if (c.has_environmental) {
		jsonw_key(&w, "environmental_score");
		jsonw_number(&w, e);
	}
	tenths(b, sizeof(b), score);
	jsonw_key(&w, "score");
	jsonw_number(&w, b);
	jsonw_member(&w, "severity", mdsec_cvss_severity(c.version, score));
	jsonw_object_end(&w);
	puts(sb.buf);
out:
	free(raw);
	strbuf_release(&sb);
	mdsec_diag_list_release(&dl);
	return error < 0 ? MDSEC_EINPUT : 0;
}

/* `--rubric ANSWERS`: load the rubric data, apply it, print. */
static int rubric(const char *answers, bool json)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric *r = NULL;
	struct mdsec_rubric_result res;
	struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
	struct jsonw w;
	char sc[24];
	int error, status = EXIT_CLEAN;

	if (strbuf_addf(&path, "%s/rubric/rubric.yaml", mdsec_datadir()) < 0) {
		status = cli_exit_for(MDSEC_ENOMEM);
		goto out;
	}
	error = mdsec_rubric_load(&r, path.buf, &dl);
	if (error < 0) {
		cli_print_diags(&dl, false);
		if (error != MDSEC_EINPUT)
			cli_error("cannot read rubric data '%s': %s", path.buf,
				  mdsec_strerror(error));
		status = cli_exit_for(error);
		goto out;
	}
	error = mdsec_rubric_apply(r, answers, &res, &dl);
	if (error < 0) {
		cli_print_diags(&dl, false);
		if (error != MDSEC_EINPUT)
			cli_error("cannot read answers '%s': %s", answers,
				  mdsec_strerror(error));
		status = error == MDSEC_ENOTFOUND ? EXIT_INPUT
						  : cli_exit_for(error);
		goto out;
	}
	tenths(sc, sizeof(sc), res.score);
	if (!json) {
		printf("%s %s %s\nextended: %s\n", sc,
		       mdsec_cvss_severity(MDSEC_CVSS_V3_0, res.score),
		       res.vector, res.extended);
		goto out;
	}
	jsonw_init(&w, &sb, 0);
	w.compact = true;
	jsonw_object_begin(&w);
	jsonw_member(&w, "format", RUBRIC_JSON_FORMAT);
	jsonw_member(&w, "version", "3.0");
	jsonw_member(&w, "vector", res.vector);
	jsonw_key(&w, "score");
	jsonw_number(&w, sc);
	jsonw_member(&w, "severity",
		     mdsec_cvss_severity(MDSEC_CVSS_V3_0, res.score));
	jsonw_member(&w, "extended_vector", res.extended);
	jsonw_object_end(&w);
	puts(sb.buf);
out:
	mdsec_rubric_free(r);
	strbuf_release(&path);
	strbuf_release(&sb);
	mdsec_diag_list_release(&dl);
	return status;
}

int cmd_cvss(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("cvss");
	struct cvss_opts o = { false, NULL };
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned lineno = 0;
	int first, r, i, bad = 0;

	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (o.rubric) {
		if (argc - first > 0)
			return cli_usage(cmd, "--rubric takes no vectors");
		return rubric(o.rubric, o.json);
	}
	if (argc - first < 1)
		return cli_usage(cmd, "no vector given (expected vectors, or - "
				      "to read them from standard input)");
	if (argc - first == 1 && !strcmp(argv[first], "-")) {
		/* One vector per line; never trust a length: lines over
		 * the parser's cap are rejected by it, not buffered. */
		while ((n = getline(&line, &cap, stdin)) >= 0) {
			lineno++;
			while (n > 0 &&
			       (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			if (n == 0)
				continue;
			bad |= answer(line, (size_t)n, "<stdin>", lineno,
				      o.json) < 0;
		}
		free(line);
		return bad ? EXIT_INPUT : EXIT_CLEAN;
	}
	for (i = first; i < argc; i++)
		bad |= answer(argv[i], strlen(argv[i]), "<argument>",
			      (unsigned)(i - first + 1), o.json) < 0;
	return bad ? EXIT_INPUT : EXIT_CLEAN;
}
