/* SPDX-License-Identifier: Apache-2.0
 *
 * parse-only.c - libfyaml baselines for bench/run: how long libfyaml alone
 * takes to read a model file, to set beside `mdsec check`.
 *
 *   parse-only events FILE    read FILE into memory (as mdsec does), run
 *                             the event parser (fy_parser_parse) over it and
 *                             visit every event; scalars have their text
 *                             fetched, as ytree.c does, but not copied
 *   parse-only document FILE  fy_document_build_from_file: libfyaml's own
 *                             full document tree
 *
 * Both use the parse flags of src/model/ytree.c. Prints a count so the
 * work cannot be optimised away. Links libfyaml only; built by bench/run:
 *   cc -O2 bench/parse-only.c $(pkg-config --cflags --libs libfyaml)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>

#include "read_file.h"

#define PARSE_FLAGS (FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE)

static int run_events(const char *path)
{
	struct fy_parse_cfg cfg;
	struct fy_parser *fyp;
	struct fy_event *ev;
	unsigned long events = 0, marks = 0, bytes = 0;
	const char *text;
	size_t len = 0, tlen;
	char *buf;
	int bad;

	buf = read_file(path, &len);
	if (!buf) {
		perror(path);
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = PARSE_FLAGS;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, buf, len) != 0) {
		fprintf(stderr, "%s: cannot create parser\n", path);
		free(buf);
		return 1;
	}
	while ((ev = fy_parser_parse(fyp)) != NULL) {
		events++;
		if (fy_event_start_mark(ev)) /* as ytree.c does */
			marks++;
		if (ev->type == FYET_SCALAR && ev->scalar.value) {
			tlen = 0;
			text = fy_token_get_text(ev->scalar.value, &tlen);
			if (text)
				bytes += tlen;
		}
		fy_parser_event_free(fyp, ev);
	}
	bad = fy_parser_get_stream_error(fyp);
	fy_parser_destroy(fyp);
	free(buf);
	if (bad) {
		fprintf(stderr, "%s: YAML error\n", path);
		return 1;
	}
	printf("%s: %lu events, %lu marks, %lu scalar bytes\n", path, events,
	       marks, bytes);
	return 0;
}

static int run_document(const char *path)
{
	struct fy_parse_cfg cfg;
	struct fy_document *fyd;
	struct fy_node *root;

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = PARSE_FLAGS;
	fyd = fy_document_build_from_file(&cfg, path);
	if (!fyd) {
		fprintf(stderr, "%s: cannot build document\n", path);
		return 1;
	}
	root = fy_document_root(fyd);
	printf("%s: root has %d items\n", path,
	       root && fy_node_is_mapping(root)
		       ? fy_node_mapping_item_count(root)
		       : 0);
	fy_document_destroy(fyd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "events"))
		return run_events(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "document"))
		return run_document(argv[2]);
	fprintf(stderr, "usage: parse-only events|document FILE\n");
	return 2;
}
