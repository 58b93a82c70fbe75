/* SPDX-License-Identifier: Apache-2.0
 *
 * jansson-roundtrip.c - the baseline of bench/run-sbom: load a JSON file
 * with jansson and dump it again (JSON_INDENT(2)) to a file, nothing else.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	json_error_t e;
	json_t *root;

	if (argc != 3) {
		fprintf(stderr, "usage: jansson-roundtrip IN OUT\n");
		return 64;
	}
	root = json_load_file(argv[1], 0, &e);
	if (!root) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], e.line, e.column,
			e.text);
		return 2;
	}
	if (json_dump_file(root, argv[2], JSON_INDENT(2)) != 0)
		return 3;
	json_decref(root);
	return 0;
}
