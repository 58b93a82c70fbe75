/* SPDX-License-Identifier: Apache-2.0
 *
 * main.c - the mdsec command: one table of commands, the single source for
 * dispatch, `mdsec help` and the man page's command list
 * (tests/unit/cli/test_man.sh checks the man page against it).
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "base/banned.h"

static const struct cli_opt no_opts[] = { { NULL, 0, NULL, NULL } };

static const struct cli_opt init_opts[] = {
	{ "force", 'f', NULL, "overwrite an existing model.yaml" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt check_opts[] = {
	{ "format", 0, "FORMAT", "text (default) or json" },
	{ "no-warnings", 0, NULL, "do not show warnings" },
	{ "verbose", 'v', NULL,
	  "show the source line and a caret under each problem" },
	{ "rules", 0, "DIR", "also load the rule files in DIR (repeatable)" },
	{ "no-default-rules", 0, NULL, "do not load the rules mdsec ships" },
	{ "matrix", 0, "FILE", "risk acceptability matrix (docs/risk.md)" },
	{ "model-only", 0, NULL,
	  "validate the model only; derive no threats (exit 0 or 2)" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt model_opts[] = {
	{ "format", 0, "FORMAT", "json (the only format, and the default)" },
	{ "output", 'o', "FILE", "write to FILE atomically instead of stdout" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt threats_opts[] = {
	{ "format", 0, "FORMAT", "table (default), json or csv" },
	{ "output", 'o', "FILE", "write to FILE atomically instead of stdout" },
	{ "rules", 0, "DIR", "also load the rule files in DIR (repeatable)" },
	{ "no-default-rules", 0, NULL, "do not load the rules mdsec ships" },
	{ "matrix", 0, "FILE", "risk acceptability matrix (docs/risk.md)" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt diff_opts[] = {
	{ "format", 0, "FORMAT", "text (default) or json" },
	{ "rules", 0, "DIR", "also load the rule files in DIR (repeatable)" },
	{ "no-default-rules", 0, NULL, "do not load the rules mdsec ships" },
	{ "matrix", 0, "FILE", "risk acceptability matrix (docs/risk.md)" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt cvss_opts[] = {
	{ "format", 0, "FORMAT",
	  "text (default) or json (one object per line)" },
	{ "rubric", 0, "ANSWERS",
	  "score an answers file with the MITRE medical-device rubric" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt sbom_opts[] = {
	{ "format", 0, "FORMAT",
	  "cyclonedx or spdx (SBOM output; default from the -o file name "
	  ".cdx.json/.spdx.json, else CycloneDX, or for convert the other "
	  "format); text or json (check, diff)" },
	{ "output", 'o', "FILE", "write to FILE atomically instead of stdout" },
	{ "fail-under", 0, "N",
	  "check: exit 1 when the quality score is below N (0-100)" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt scan_opts[] = {
	{ "format", 0, "FORMAT", "table (default), json or cyclonedx" },
	{ "output", 'o', "FILE", "write to FILE atomically instead of stdout" },
	{ "signatures", 0, "DIR",
	  "also load the signature files in DIR (repeatable)" },
	{ "no-default-signatures", 0, NULL,
	  "do not load the signatures mdsec ships" },
	{ "list", 0, NULL, "list the signatures (untested ones marked)" },
	{ "max-depth", 0, "N", "follow archives nested at most N deep (8)" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt db_opts[] = {
	{ "db", 0, "FILE",
	  "the database (default $XDG_DATA_HOME/mdsec/vuln.db, or "
	  "~/.local/share/mdsec/vuln.db)" },
	{ "format", 0, "FORMAT", "info: text (default) or json" },
	{ "max-age", 0, "DAYS",
	  "info: warn and exit 1 when a source is older than DAYS (7)" },
	{ "nvd-url", 0, "URL",
	  "update: the NVD CVE API 2.0 (default "
	  "https://services.nvd.nist.gov/rest/json/cves/2.0; key from "
	  "$NVD_API_KEY)" },
	{ "kev-url", 0, "URL",
	  "update: the CISA KEV catalog (default: CISA's JSON feed)" },
	{ "epss-url", 0, "URL",
	  "update: FIRST's EPSS scores (default: the current .csv.gz)" },
	{ "only", 0, "LIST",
	  "update: only these sources, comma-separated: nvd, kev, epss" },
	{ "full", 0, NULL,
	  "update: every NVD record, not only those changed since the "
	  "last update" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt vulns_opts[] = {
	{ "db", 0, "FILE", "the vulnerability database (see mdsec db)" },
	{ "format", 0, "FORMAT", "table (default) or json" },
	{ "output", 'o', "FILE", "write to FILE atomically instead of stdout" },
	{ "fail-on", 0, "WHAT",
	  "exit 1 when a vulnerability is kev, critical, high (or worse), "
	  "any, or unassessed (no triage decision)" },
	{ "baseline", 0, "OLD.json",
	  "also show what is new and what is resolved since a previous "
	  "--format json report" },
	{ "triage", 0, "FILE",
	  "the device maker's decisions (mdsec triage YAML or OpenVEX; "
	  "docs/triage.md)" },
	{ "statements", 0, "FILE",
	  "a supplier's statements: CycloneDX VEX, OpenVEX, CSAF, "
	  "ESP-IDF exclusions (repeatable)" },
	{ "vex", 0, "FORMAT",
	  "write VEX instead of the report: openvex, cyclonedx or csaf" },
	{ NULL, 0, NULL, NULL }
};

static const struct cli_opt triage_opts[] = {
	{ "db", 0, "FILE", "list: the vulnerability database (see mdsec db)" },
	{ "triage", 0, "FILE",
	  "the triage file (mdsec triage YAML; set creates it when missing)" },
	{ "statements", 0, "FILE",
	  "list: a supplier's statements (CycloneDX VEX, OpenVEX, CSAF, "
	  "ESP-IDF exclusions; repeatable)" },
	{ "format", 0, "FORMAT", "list: table (default) or json" },
	{ "output", 'o', "FILE", "list: write to FILE atomically" },
	{ "component", 0, "SUBJECT",
	  "set: a PURL, a CPE 2.3 name, or NAME@VERSION" },
	{ "vulnerability", 0, "ID", "set: the CVE (or OSV, GHSA) id" },
	{ "state", 0, "STATE",
	  "set: affected, not_affected, fixed or under_investigation" },
	{ "justification", 0, "LABEL",
	  "set: why not affected (OpenVEX label, e.g. "
	  "vulnerable_code_not_in_execute_path)" },
	{ "response", 0, "WHAT",
	  "set: can_not_fix, will_not_fix, update, rollback or "
	  "workaround_available (repeatable)" },
	{ "action", 0, "TEXT", "set: what is done or to do about it" },
	{ "detail", 0, "TEXT", "set: the reasoning" },
	{ "author", 0, "NAME", "set: who decided" },
	{ "date", 0, "DATE",
	  "set: when (RFC 3339; default SOURCE_DATE_EPOCH or now)" },
	{ NULL, 0, NULL, NULL }
};

const struct cli_cmd cli_cmds[] = {
	{ "init", cmd_init, "write a commented starter model",
	  "mdsec init [options] [DIR]", init_opts },
	{ "check", cmd_check,
	  "validate a model, derive its threats and risks, gate on findings",
	  "mdsec check [options] MODEL", check_opts },
	{ "model", cmd_model, "print the resolved device model as JSON",
	  "mdsec model [options] MODEL", model_opts },
	{ "threats", cmd_threats,
	  "derive the threats of a model and their risk before and after "
	  "controls",
	  "mdsec threats [options] MODEL", threats_opts },
	{ "diff", cmd_diff,
	  "compare the threats and risks of two versions of a model",
	  "mdsec diff [options] OLD NEW", diff_opts },
	{ "cvss", cmd_cvss,
	  "score CVSS v2.0, v3.0, v3.1 and v4.0 vectors (arguments, or - for "
	  "stdin)",
	  "mdsec cvss [--format text|json] VECTOR... | - | --rubric ANSWERS",
	  cvss_opts },
	{ "sbom", cmd_sbom,
	  "write the SBOM of a model; convert, merge, check and compare SBOMs",
	  "mdsec sbom [options] MODEL\n"
	  "       mdsec sbom convert [options] IN\n"
	  "       mdsec sbom merge [options] SBOM...\n"
	  "       mdsec sbom check [--format text|json] [--fail-under N] SBOM\n"
	  "       mdsec sbom diff [--format text|json] OLD NEW",
	  sbom_opts },
	{ "scan", cmd_scan,
	  "find third-party components and exact versions in binaries, "
	  "images and archives",
	  "mdsec scan [options] FILE...\n       mdsec scan --list", scan_opts },
	{ "db", cmd_db,
	  "the vulnerability database: import feeds, show what it holds",
	  "mdsec db import [--db FILE] FEED|DIR...\n"
	  "       mdsec db update [--db FILE] [--only nvd,kev,epss] [--full] "
	  "[--nvd-url URL]\n"
	  "                       [--kev-url URL] [--epss-url URL]\n"
	  "       mdsec db info [--db FILE] [--format text|json] "
	  "[--max-age DAYS]",
	  db_opts },
	{ "vulns", cmd_vulns,
	  "list the known vulnerabilities of a model's or an SBOM's "
	  "components",
	  "mdsec vulns [options] MODEL|SBOM", vulns_opts },
	{ "triage", cmd_triage,
	  "work the triage queue: list unassessed findings, record "
	  "decisions",
	  "mdsec triage list [--db FILE] [--triage FILE] [--statements "
	  "FILE]... MODEL|SBOM\n"
	  "       mdsec triage set --triage FILE --component SUBJECT "
	  "--vulnerability ID\n"
	  "                        --state STATE [--justification LABEL] "
	  "[--response WHAT]...\n"
	  "                        [--action TEXT] [--detail TEXT] "
	  "[--author NAME] [--date DATE]",
	  triage_opts },
	{ "help", cmd_help, "show the commands, or one command's help",
	  "mdsec help [COMMAND]", no_opts },
	{ "version", cmd_version, "print the version", "mdsec version",
	  no_opts },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct cli_cmd *cli_find(const char *name)
{
	const struct cli_cmd *c;

	for (c = cli_cmds; c->name; c++) {
		if (!strcmp(c->name, name))
			return c;
	}
	return NULL;
}

static void overview(FILE *out)
{
	const struct cli_cmd *c;

	fprintf(out, "usage: mdsec [--version] [--help] COMMAND [ARGS]\n\n"
		     "Medical device cybersecurity evidence from one device "
		     "model.\n\ncommands:\n");
	for (c = cli_cmds; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\n'mdsec COMMAND --help' shows a command's options; "
		     "'man mdsec' the manual.\n");
}

static int no_opt(int index, const char *value, void *payload)
{
	(void)index;
	(void)value;
	(void)payload;
	return -1;
}

int cmd_help(int argc, char **argv)
{
	const struct cli_cmd *c;
	int first, r;

	r = cli_parse(cli_find("help"), argc, argv, &first, no_opt, NULL);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first > 1)
		return cli_usage(cli_find("help"), "too many arguments");
	if (argc - first < 1) {
		overview(stdout);
		return EXIT_CLEAN;
	}
	c = cli_find(argv[first]);
	if (!c) {
		cli_error("unknown command '%s' (see 'mdsec help')",
			  argv[first]);
		return EXIT_USAGE;
	}
	cli_help(c, stdout);
	return EXIT_CLEAN;
}

int cmd_version(int argc, char **argv)
{
	int first, r;

	r = cli_parse(cli_find("version"), argc, argv, &first, no_opt, NULL);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first > 0)
		return cli_usage(cli_find("version"), "too many arguments");
	printf("mdsec %s\n", mdsec_version());
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	const struct cli_cmd *c;
	int status;

	if (argc < 2) {
		overview(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("mdsec %s\n", mdsec_version());
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		overview(stdout);
		return EXIT_CLEAN;
	}
	c = cli_find(argv[1]);
	if (!c) {
		cli_error("unknown command '%s' (see 'mdsec help')", argv[1]);
		return EXIT_USAGE;
	}
	status = c->fn(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		return EXIT_ENV;
	}
	return status;
}
