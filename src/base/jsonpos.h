/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonpos.h - the line and column of a value inside a JSON text, found by
 * its path. jansson keeps no positions in its tree, so a reader that finds
 * a problem after decoding (a missing "name", a bad "purl") records the
 * path it was at and asks here where that is. Every token is decoded by
 * jansson itself (JSON_DISABLE_EOF_CHECK reports how many bytes a value
 * took); this file only steps over whitespace and the structural
 * characters between tokens. It runs on the error path only.
 */
#ifndef MDSEC_JSONPOS_H
#define MDSEC_JSONPOS_H

#include <stddef.h>

/* One step of a path: a member name, or (key == NULL) an array index. */
struct json_step {
	const char *key;
	size_t index;
};

/* Position of the value at path[0..n) in text[0..len). When a step does
 * not exist, the position of the deepest value that does (so "missing
 * name" points at the object that lacks it). Line and column count from
 * 1, the column in bytes. Returns 0, or -1 when the text itself is not
 * valid JSON up to there (line/col then point where walking stopped). */
int json_locate(const char *text, size_t len, const struct json_step *path,
		size_t n, unsigned *line, unsigned *col);

#endif
