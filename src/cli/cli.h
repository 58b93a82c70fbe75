/* SPDX-License-Identifier: Apache-2.0
 *
 * cli.h - what the command files share: the option table that drives both
 * parsing and --help (git parse-options, libgit2 cli_opt_spec), output
 * helpers that honour NO_COLOR and TTYs, and the command entry points.
 */
#ifndef MDSEC_CLI_H
#define MDSEC_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "mdsec/mdsec.h"
#include "mdsec/pipeline.h"
#include "cli/exit.h"

/* One option of a command. The table ends with an entry whose name is NULL. */
struct cli_opt {
	const char *name;    /* long name without "--" */
	int short_name;	     /* 'o', or 0 */
	const char *metavar; /* argument name, NULL for a flag */
	const char *help;    /* one line */
};

/* A command: its usage line(s), summary and options. */
struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage;	    /* e.g. "mdsec check [options] MODEL" */
	const struct cli_opt *opts; /* NULL-terminated, --help implied */
};

/* The command table (main.c): dispatch, `mdsec help` and the man page. */
extern const struct cli_cmd cli_cmds[];
const struct cli_cmd *cli_find(const char *name);

/*
 * Parse argv against cmd->opts. Calls on_opt(index into opts, value,
 * payload) for each option, leaves operands in argv[*first ..argc).
 * Handles --help itself (prints help, returns 1: caller exits 0).
 * Returns 0, 1 (help shown) or -1 (usage error printed; exit 64).
 */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, int *first,
	      int (*on_opt)(int index, const char *value, void *payload),
	      void *payload);
/* Print "mdsec CMD: why" and the usage line to stderr; returns EXIT_USAGE. */
int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cli_help(const struct cli_cmd *cmd, FILE *out);

/* Print every diagnostic to stderr, one line each, colour when allowed;
 * with `verbose`, each is followed by its source line and a caret. */
void cli_print_diags(const struct mdsec_diag_list *dl, bool verbose);
/* Print "mdsec: error: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when colour may be used on fp (a TTY and NO_COLOR unset). */
bool cli_color(FILE *fp);
/* Map a library error code to an exit status. */
int cli_exit_for(int error);

/* The options every analysing command shares: --rules DIR (repeatable),
 * --no-default-rules, --matrix FILE. */
#define CLI_MAX_RULE_DIRS 16
struct cli_analysis_opts {
	const char *rule_dirs[CLI_MAX_RULE_DIRS];
	size_t nrule_dirs;
	bool no_default_rules;
	const char *matrix;
};

/* Take option `which` (0 --rules, 1 --no-default-rules, 2 --matrix) of
 * command `cmd`. Returns 0, or -1 after printing the usage error. */
int cli_analysis_opt(struct cli_analysis_opts *o, const char *cmd, int which,
		     const char *value);
/* Copy the shared options into the pipeline's options. */
void cli_analysis_apply(struct mdsec_analysis_options *ao,
			const struct cli_analysis_opts *o);

/* Exit status for an error from mdsec_analyze(). */
int cli_analysis_status(int error);

int cmd_init(int argc, char **argv);
int cmd_threats(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_cvss(int argc, char **argv);
int cmd_sbom(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_db(int argc, char **argv);
/* The index of value in the NULL-terminated choices; otherwise a usage
 * message "unknown WHAT 'value' (expected a, b or c)" and -1. */
int cli_choice(const struct cli_cmd *cmd, const char *what, const char *value,
	       const char *const *choices);

/* Days from a UTC time "YYYY-MM-DDThh:mm:ssZ" to the output time
 * (SOURCE_DATE_EPOCH, else now); -1 when it does not parse. */
long cli_days_since(const char *stamp);

int cmd_vulns(int argc, char **argv);
int cmd_triage(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
