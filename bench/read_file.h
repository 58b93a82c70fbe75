/* SPDX-License-Identifier: Apache-2.0
 *
 * read_file.h - a whole file into a malloc'd buffer, for the benchmarks'
 * baseline programs (bench/parse-only.c, bench/feed-parse-only.c), which
 * are built with `cc` alone and so share no code with mdsec.
 */
#ifndef BENCH_READ_FILE_H
#define BENCH_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path, size_t *len_out)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;

	if (!fp)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*len_out = len;
	return buf;
}

#endif
