/* SPDX-License-Identifier: Apache-2.0
 *
 * cli.c - option parsing from each command's table, usage and help text,
 * diagnostics on stderr. The same table drives parsing and --help, so
 * help is never written twice.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/banned.h"

bool cli_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc && *nc)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(fp));
}

void cli_help(const struct cli_cmd *cmd, FILE *out)
{
	const struct cli_opt *o;
	char left[64];

	fprintf(out, "usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	fprintf(out, "\noptions:\n");
	for (o = cmd->opts; o && o->name; o++) {
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 o->short_name, o->name, o->metavar ? " " : "",
				 o->metavar ? o->metavar : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 o->metavar ? " " : "",
				 o->metavar ? o->metavar : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
	fprintf(out, "  %-26s %s\n", "-h, --help", "show this help and exit");
	fprintf(out, "\nexit status: 0 clean, 1 findings, 2 bad input, "
		     "3 environment or I/O, 64 usage (see docs/cli.md)\n");
}

int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mdsec %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n(see 'mdsec %s --help')\n", cmd->usage,
		cmd->name);
	return EXIT_USAGE;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, int *first,
	      int (*on_opt)(int index, const char *value, void *payload),
	      void *payload)
{
	struct option longopts[32];
	char shortopts[80] = ":h";
	size_t n = 0, slen = strlen(shortopts);
	const struct cli_opt *o;
	int c, idx;

	for (o = cmd->opts; o && o->name && n < 30; o++, n++) {
		longopts[n].name = o->name;
		longopts[n].has_arg =
			o->metavar ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = 256 + (int)n;
		if (o->short_name && slen + 3 < sizeof(shortopts)) {
			shortopts[slen++] = (char)o->short_name;
			if (o->metavar)
				shortopts[slen++] = ':';
			shortopts[slen] = '\0';
		}
	}
	longopts[n].name = "help";
	longopts[n].has_arg = no_argument;
	longopts[n].flag = NULL;
	longopts[n].val = 'h';
	memset(&longopts[n + 1], 0, sizeof(longopts[n + 1]));
	optind = 1;
	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (c == -1)
			break;
		if (c == 'h') {
			cli_help(cmd, stdout);
			return 1;
		}
		if (c == '?') {
			if (optopt)
				cli_usage(cmd, "unknown option '-%c'", optopt);
			else
				cli_usage(cmd, "unknown option '%s'",
					  argv[optind - 1]);
			return -1;
		}
		if (c == ':') {
			cli_usage(cmd, "option '%s' needs a value",
				  argv[optind - 1]);
			return -1;
		}
		idx = -1;
		if (c >= 256) {
			idx = c - 256;
		} else {
			for (o = cmd->opts, n = 0; o && o->name; o++, n++) {
				if (o->short_name == c)
					idx = (int)n;
			}
		}
		if (idx < 0 || on_opt(idx, optarg, payload) < 0)
			return -1;
	}
	*first = optind;
	return 0;
}

void cli_error(const char *fmt, ...)
{
	bool color = cli_color(stderr);
	va_list ap;

	fprintf(stderr, "mdsec: %serror:%s ", color ? "\033[1;31m" : "",
		color ? "\033[0m" : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Print line `line` of `file` and a caret under byte column `col`. */
static void print_source(const char *file, unsigned line, unsigned col)
{
	char buf[4096];
	unsigned n = 0, i;
	FILE *f = fopen(file, "r");

	if (!f)
		return;
	while (fgets(buf, sizeof(buf), f)) {
		size_t len = strlen(buf);

		if (len && buf[len - 1] == '\n')
			n++;
		else if (!feof(f))
			continue; /* a longer line: keep reading it */
		else
			n++;
		if (n == line) {
			while (len &&
			       (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
				buf[--len] = '\0';
			fprintf(stderr, "  %s\n  ", buf);
			/* Keep tabs so the caret lines up under them. */
			for (i = 1; i < col && i - 1 < len; i++)
				fputc(buf[i - 1] == '\t' ? '\t' : ' ', stderr);
			fputs("^\n", stderr);
			break;
		}
	}
	fclose(f);
}

void cli_print_diags(const struct mdsec_diag_list *dl, bool verbose)
{
	static const char *const sev[] = { "error", "warning", "note" };
	static const char *const col[] = { "\033[1;31m", "\033[1;35m",
					   "\033[1;36m" };
	bool color = cli_color(stderr);
	size_t i;

	for (i = 0; i < dl->len; i++) {
		const struct mdsec_diag *d = &dl->items[i];
		const char *file = d->loc.file ? d->loc.file : "<input>";

		if (d->loc.line && d->loc.col)
			fprintf(stderr, "%s:%u:%u: ", file, d->loc.line,
				d->loc.col);
		else if (d->loc.line)
			fprintf(stderr, "%s:%u: ", file, d->loc.line);
		else
			fprintf(stderr, "%s: ", file);
		fprintf(stderr, "%s%s:%s %s\n", color ? col[d->sev] : "",
			sev[d->sev], color ? "\033[0m" : "", d->msg);
		if (verbose && d->loc.file && d->loc.line)
			print_source(d->loc.file, d->loc.line, d->loc.col);
	}
	if (dl->dropped)
		fprintf(stderr, "mdsec: %zu more diagnostics not shown\n",
			dl->dropped);
}

int cli_exit_for(int error)
{
	switch (error) {
	case 0:
		return EXIT_CLEAN;
	case MDSEC_EINPUT:
	case MDSEC_ELIMIT:
		return EXIT_INPUT;
	case MDSEC_EUSAGE:
		return EXIT_USAGE;
	default:
		return EXIT_ENV;
	}
}

int cli_analysis_opt(struct cli_analysis_opts *o, const char *cmd, int which,
		     const char *value)
{
	switch (which) {
	case 0:
		if (o->nrule_dirs == CLI_MAX_RULE_DIRS) {
			cli_usage(cli_find(cmd),
				  "too many --rules (at most %d)",
				  CLI_MAX_RULE_DIRS);
			return -1;
		}
		o->rule_dirs[o->nrule_dirs++] = value;
		return 0;
	case 1:
		o->no_default_rules = true;
		return 0;
	case 2:
		o->matrix = value;
		return 0;
	}
	return -1;
}

void cli_analysis_apply(struct mdsec_analysis_options *ao,
			const struct cli_analysis_opts *o)
{
	ao->rule_dirs = o->rule_dirs;
	ao->nrule_dirs = o->nrule_dirs;
	ao->no_default_rules = o->no_default_rules;
	ao->matrix = o->matrix;
}

long cli_days_since(const char *stamp)
{
	struct tm tm;
	time_t now, then;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	then = timegm(&tm);
	time_output(&now);
	return now > then ? (long)((now - then) / 86400) : 0;
}

int cli_choice(const struct cli_cmd *cmd, const char *what, const char *value,
	       const char *const *choices)
{
	struct strbuf list = STRBUF_INIT;
	int i, n;

	for (n = 0; choices[n]; n++)
		if (!strcmp(value, choices[n]))
			return n;
	for (i = 0; i < n; i++)
		strbuf_addf(&list, "%s%s",
			    i == 0	 ? ""
			    : i == n - 1 ? " or "
					 : ", ",
			    choices[i]);
	cli_usage(cmd, "unknown %s '%s' (expected %s)", what, value, list.buf);
	strbuf_release(&list);
	return -1;
}
