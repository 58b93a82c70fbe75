/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_db.c - `mdsec db import [--db DB] FILE|DIR...` (NVD API 2.0 and
 * 1.1, CVE JSON 5, OSV, CISA KEV, EPSS, .gz; one transaction: on any error the
 * database is unchanged, exit 2) and `mdsec db info [--db DB] [--format
 * json] [--max-age DAYS]` (records per source, freshness, the content
 * digest; exit 1 with a warning when a source was imported more than
 * DAYS ago, default 7) and `mdsec db update [--db DB] [--only LIST]
 * [--full] [--nvd-url URL] [--kev-url URL] [--epss-url URL]` (download
 * the current feeds with libcurl and import them in one transaction:
 * exit 3 for a network or environment failure, 2 for a malformed feed;
 * src/vuln/fetch.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "base/fileio.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "mdsec/vulndb.h"
#include "base/banned.h"

struct db_opts {
	const char *db;
	bool json;
	long max_age; /* days */
	struct mdsec_update_options up;
	const char *update_only; /* an update option given, or NULL */
};

/* "nvd,kev,epss" into MDSEC_UPDATE_* bits; 0 when a name is unknown. */
static unsigned parse_sources(const char *list)
{
	static const char *const names[] = { "nvd", "kev", "epss" };
	unsigned bits = 0, k;
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		unsigned bit = 0;

		for (k = 0; k < 3; k++)
			if (n == strlen(names[k]) && !strncmp(p, names[k], n))
				bit = 1u << k;
		if (!bit)
			return 0;
		bits |= bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return bits;
}

static int on_opt(int index, const char *value, void *payload)
{
	struct db_opts *o = payload;

	switch (index) {
	case 0:
		o->db = value;
		return 0;
	case 1:
		if (!strcmp(value, "json") || !strcmp(value, "text")) {
			o->json = !strcmp(value, "json");
			return 0;
		}
		cli_usage(cli_find("db"),
			  "unknown format '%s' (expected text or json)", value);
		return -1;
	case 2: {
		char *end;

		errno = 0;
		o->max_age = strtol(value, &end, 10);
		if (errno || *end || end == value || o->max_age < 0 ||
		    o->max_age > 36500) {
			cli_usage(cli_find("db"),
				  "--max-age '%s' (expected a number of days)",
				  value);
			return -1;
		}
		return 0;
	}
	case 3:
		o->up.nvd_url = value;
		o->update_only = "--nvd-url";
		return 0;
	case 4:
		o->up.kev_url = value;
		o->update_only = "--kev-url";
		return 0;
	case 5:
		o->up.epss_url = value;
		o->update_only = "--epss-url";
		return 0;
	case 6:
		o->up.sources = parse_sources(value);
		o->update_only = "--only";
		if (o->up.sources)
			return 0;
		cli_usage(cli_find("db"),
			  "--only '%s' (expected sources from nvd, kev and "
			  "epss, comma-separated)",
			  value);
		return -1;
	case 7:
		o->up.full = true;
		o->update_only = "--full";
		return 0;
	}
	return -1;
}

static int info(mdsec_vulndb *db, bool json, long max_age)
{
	struct mdsec_vulndb_source src[16];
	struct strbuf out = STRBUF_INIT;
	char digest[65];
	uint64_t count = 0;
	size_t n = 0, i;
	int rc;

	if ((rc = mdsec_vulndb_sources(db, src, 16, &n)) < 0 ||
	    (rc = mdsec_vulndb_digest(db, digest)) < 0 ||
	    (rc = mdsec_vulndb_count(db, &count)) < 0) {
		cli_error("%s: %s", mdsec_vulndb_path(db), mdsec_strerror(rc));
		return EXIT_ENV;
	}
	if (json) {
		struct jsonw w;
		char num[32];

		jsonw_init(&w, &out, 0);
		jsonw_object_begin(&w);
		jsonw_member(&w, "format", "mdsec.db-info/1");
		jsonw_key(&w, "schema");
		jsonw_int(&w, MDSEC_VULNDB_SCHEMA);
		jsonw_key(&w, "records");
		snprintf(num, sizeof(num), "%llu", (unsigned long long)count);
		jsonw_number(&w, num);
		jsonw_member(&w, "digest", digest);
		jsonw_key(&w, "sources");
		jsonw_array_begin(&w);
		for (i = 0; i < n; i++) {
			jsonw_object_begin(&w);
			jsonw_member(&w, "name", src[i].name);
			jsonw_key(&w, "records");
			snprintf(num, sizeof(num), "%llu",
				 (unsigned long long)src[i].records);
			jsonw_number(&w, num);
			jsonw_key(&w, "newest_modified");
			jsonw_string(&w, *src[i].newest_modified
						 ? src[i].newest_modified
						 : NULL);
			jsonw_member(&w, "imported", src[i].imported);
			jsonw_member(&w, "sha256", src[i].sha256);
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
		jsonw_object_end(&w);
		strbuf_addch(&out, '\n');
	} else {
		strbuf_addf(&out,
			    "database: %s (schema %d)\nrecords: %llu\n"
			    "digest:  %s\n",
			    mdsec_vulndb_path(db), MDSEC_VULNDB_SCHEMA,
			    (unsigned long long)count, digest);
		for (i = 0; i < n; i++)
			strbuf_addf(
				&out,
				"source %-4s %8llu records, newest %s, "
				"imported %s, sha256 %.16s...\n",
				src[i].name, (unsigned long long)src[i].records,
				*src[i].newest_modified ? src[i].newest_modified
							: "-",
				src[i].imported, src[i].sha256);
	}
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	rc = EXIT_CLEAN;
	for (i = 0; i < n; i++) {
		long age = cli_days_since(src[i].imported);

		if (age > max_age) {
			fprintf(stderr,
				"%s: warning: source %s was imported %ld days "
				"ago (expected at most %ld: import current "
				"feeds)\n",
				mdsec_vulndb_path(db), src[i].name, age,
				max_age);
			rc = EXIT_FINDINGS;
		}
	}
	return rc;
}

/* Progress on a terminal: one line, rewritten at most 10 times a second. */
static void progress(void *arg, const char *name, uint64_t got, uint64_t total)
{
	static struct timespec last;
	struct timespec now;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - last.tv_sec) * 1000 +
		    (now.tv_nsec - last.tv_nsec) / 1000000 <
	    100)
		return;
	last = now;
	if (total)
		fprintf(stderr, "\r\033[Kmdsec: %s: %.1f of %.1f MiB", name,
			(double)got / 1048576.0, (double)total / 1048576.0);
	else
		fprintf(stderr, "\r\033[Kmdsec: %s: %.1f MiB", name,
			(double)got / 1048576.0);
}

/* What update takes from the environment: the NVD API key and the rate
 * window. Returns 0, or -1 after saying what is wrong. */
static int update_env(struct db_opts *o)
{
	const char *key = getenv("NVD_API_KEY");
	const char *win = getenv("MDSEC_NVD_RATE_WINDOW_MS");
	char *end;

	if (key && *key)
		o->up.api_key = key;
	if (!win || !*win)
		return 0;
	errno = 0;
	o->up.rate_window_ms = strtol(win, &end, 10);
	if (errno || *end || end == win || o->up.rate_window_ms < 1 ||
	    o->up.rate_window_ms > 3600000) {
		cli_error("MDSEC_NVD_RATE_WINDOW_MS '%s' (expected "
			  "milliseconds from 1 to 3600000)",
			  win);
		return -1;
	}
	return 0;
}

static int update(mdsec_vulndb *db, struct db_opts *o,
		  struct mdsec_diag_list *dl)
{
	struct mdsec_update_stats st;
	bool tty = isatty(fileno(stderr));
	int rc;

	if (tty) {
		o->up.progress = progress;
		o->up.progress_arg = NULL;
	}
	rc = mdsec_vulndb_update(db, &o->up, &st, dl);
	if (tty)
		fputs("\r\033[K", stderr);
	if (rc < 0) {
		if (*st.error)
			cli_error("%s", st.error);
		return rc;
	}
	fprintf(stderr,
		"mdsec: updated %s: %llu NVD records (%s%s), %llu KEV "
		"entries, %llu EPSS scores; %llu requests, %llu bytes\n",
		mdsec_vulndb_path(db), (unsigned long long)st.imported.records,
		*st.nvd_since ? "modified since " : "full download",
		st.nvd_since, (unsigned long long)st.imported.kev,
		(unsigned long long)st.imported.epss,
		(unsigned long long)st.requests, (unsigned long long)st.bytes);
	/* the notice NVD's terms of use ask services using its API to show */
	if (st.requests)
		fputs("mdsec: this product uses data from the NVD API but is "
		      "not endorsed or certified by the NVD.\n",
		      stderr);
	return 0;
}

int cmd_db(int argc, char **argv)
{
	const struct cli_cmd *cmd = cli_find("db");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct db_opts o;
	mdsec_vulndb *db = NULL;
	int first, r, rc, status = EXIT_CLEAN;
	const char *sub;

	memset(&o, 0, sizeof(o));
	o.max_age = 7;
	r = cli_parse(cmd, argc, argv, &first, on_opt, &o);
	if (r)
		return r > 0 ? EXIT_CLEAN : EXIT_USAGE;
	if (argc - first < 1)
		return cli_usage(cmd, "no subcommand (expected import, update "
				      "or info)");
	sub = argv[first];
	if (strcmp(sub, "import") && strcmp(sub, "info") &&
	    strcmp(sub, "update"))
		return cli_usage(cmd,
				 "unknown subcommand '%s' (expected "
				 "import, update or info)",
				 sub);
	if (!strcmp(sub, "import") && argc - first < 2)
		return cli_usage(cmd, "import needs files or directories");
	if (strcmp(sub, "import") && argc - first != 1)
		return cli_usage(cmd, "%s takes no arguments", sub);
	if (strcmp(sub, "update") && o.update_only)
		return cli_usage(cmd, "%s is an option of update, not of %s",
				 o.update_only, sub);
	if (!strcmp(sub, "update") && update_env(&o) < 0)
		return EXIT_ENV;
	rc = mdsec_vulndb_open(&db, o.db, &dl);
	if (rc == 0 && !strcmp(sub, "update"))
		rc = update(db, &o, &dl);
	if (rc == 0 && !strcmp(sub, "import")) {
		struct mdsec_import_stats st;

		rc = mdsec_vulndb_import(db,
					 (const char *const *)argv + first + 1,
					 (size_t)(argc - first - 1), &st, &dl);
		if (rc == 0)
			fprintf(stderr,
				"mdsec: imported %llu records and %llu KEV "
				"entries from %llu files into %s\n",
				(unsigned long long)st.records,
				(unsigned long long)st.kev,
				(unsigned long long)st.files,
				mdsec_vulndb_path(db));
	}
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	if (rc < 0)
		status = cli_exit_for(rc);
	else if (!strcmp(sub, "info"))
		status = info(db, o.json, o.max_age);
	mdsec_vulndb_close(db);
	return status;
}
