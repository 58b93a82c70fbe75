/* SPDX-License-Identifier: Apache-2.0
 *
 * feed-parse-only.c - the baseline of bench/run-vulndb: the parse-only
 * pass over the same feed files `mdsec db import` reads, no database.
 *
 *   feed-parse-only FILE|DIR...
 *
 * Directories are read in name order (*.json, *.json.gz, like the
 * importer). Each file is read into memory (gzip decompressed in memory
 * with libarchive, as src/vuln/import.c does), decoded whole with
 * jansson's json_loadb, and every record walked: for an NVD API 2.0 page
 * every vulnerabilities[].cve's id, lastModified, and every
 * configurations[].nodes[].cpeMatch[]'s criteria, vulnerable flag and
 * four range bounds are fetched; for the KEV catalog every entry's cveID.
 * Prints counts so the work cannot be optimised away. Links jansson and
 * libarchive only; built by bench/run-vulndb:
 *   cc -O2 bench/feed-parse-only.c \
 *      $(pkg-config --cflags --libs jansson libarchive)
 */
#include <archive.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read_file.h"

struct counts {
	size_t files, records, matches, bytes, kev;
};

/* Decompress a gzip buffer in memory; returns the new buffer. */
static char *gunzip(char *gz, size_t gzlen, size_t *len_out)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0;
	la_ssize_t n;

	archive_read_support_filter_gzip(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_memory(a, gz, gzlen) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 22;
			p = realloc(buf, cap);
			if (!p)
				break;
			buf = p;
		}
		n = archive_read_data(a, buf + len, cap - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	archive_read_free(a);
	*len_out = len;
	return buf;
}

static size_t slen(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? strlen(s) : 0;
}

static void walk_cve(json_t *cve, struct counts *c)
{
	json_t *cfg, *node, *m;
	size_t i, j, k;

	c->records++;
	c->bytes += slen(cve, "id") + slen(cve, "lastModified");
	json_array_foreach(json_object_get(cve, "configurations"), i, cfg)
	{
		json_array_foreach(json_object_get(cfg, "nodes"), j, node)
		{
			c->bytes += slen(node, "operator");
			json_array_foreach(json_object_get(node, "cpeMatch"), k,
					   m)
			{
				c->matches++;
				c->bytes += slen(m, "criteria");
				c->bytes += json_is_true(
					json_object_get(m, "vulnerable"));
				c->bytes += slen(m, "versionStartIncluding");
				c->bytes += slen(m, "versionStartExcluding");
				c->bytes += slen(m, "versionEndIncluding");
				c->bytes += slen(m, "versionEndExcluding");
			}
		}
	}
}

static int parse_file(const char *path, struct counts *c)
{
	size_t len = 0, i;
	char *text = read_file(path, &len);
	json_error_t e;
	json_t *root, *vs, *v;

	if (!text) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	if (len >= 2 && (unsigned char)text[0] == 0x1f &&
	    (unsigned char)text[1] == 0x8b) {
		char *plain = gunzip(text, len, &len);

		free(text);
		if (!plain) {
			fprintf(stderr, "%s: broken gzip\n", path);
			return -1;
		}
		text = plain;
	}
	root = json_loadb(text, len, 0, &e);
	free(text);
	if (!root) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, e.line, e.column,
			e.text);
		return -1;
	}
	vs = json_object_get(root, "vulnerabilities");
	if (json_object_get(root, "catalogVersion")) {
		json_array_foreach(vs, i, v)
		{
			c->kev++;
			c->bytes += slen(v, "cveID");
		}
	} else if (json_is_array(vs)) {
		json_array_foreach(vs, i, v)
			walk_cve(json_object_get(v, "cve"), c);
	} else if (json_object_get(root, "cve")) {
		walk_cve(json_object_get(root, "cve"), c);
	} else {
		walk_cve(root, c);
	}
	json_decref(root);
	c->files++;
	return 0;
}

static int feed_name(const char *n)
{
	size_t l = strlen(n);

	return (l > 5 && !strcmp(n + l - 5, ".json")) ||
	       (l > 8 && !strcmp(n + l - 8, ".json.gz"));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int parse_path(const char *path, struct counts *c)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	char **names = NULL, full[4096];
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return parse_file(path, c);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !feed_name(de->d_name))
			continue;
		if (n == cap) {
			char **p;

			cap = cap ? cap * 2 : 64;
			p = realloc(names, cap * sizeof(*names));
			if (!p)
				break;
			names = p;
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (rc == 0)
			rc = parse_file(full, c);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	struct counts c = { 0, 0, 0, 0, 0 };
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: feed-parse-only FILE|DIR...\n");
		return 64;
	}
	for (i = 1; i < argc; i++)
		if (parse_path(argv[i], &c) < 0)
			return 2;
	printf("%zu files, %zu records, %zu cpeMatch, %zu KEV, %zu bytes "
	       "seen\n",
	       c.files, c.records, c.matches, c.kev, c.bytes);
	return 0;
}
