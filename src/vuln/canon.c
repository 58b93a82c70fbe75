/* SPDX-License-Identifier: Apache-2.0
 *
 * canon.c - a record's canonical JSON text (vdb_canonical_json()): what
 * the database stores as the payload and what the content digest hashes.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

/* The record as canonical JSON, byte for byte what jansson 2.14's
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) writes (keys in byte order;
 * '"', '\\' and control characters escaped as \" \\ \b \f \n \r \t or
 * \u00XX, every other byte as it is; integers as %lld; reals as %.17g
 * with ".0" added when neither '.' nor 'e' is there and the exponent
 * without '+' or leading zeros), appended to one buffer: jansson's own
 * dump, which allocates a key array per object and calls back per piece,
 * took a fifth of a full-size NVD import (bench/RESULTS.md, issue 7). */
struct canon_key {
	const char *k;
	size_t n;
	json_t *v;
};

static int canon_cmp(const void *a, const void *b)
{
	const struct canon_key *x = a, *y = b;
	int r = memcmp(x->k, y->k, x->n < y->n ? x->n : y->n);

	return r ? r : (x->n > y->n) - (x->n < y->n);
}

static int canon_str(struct strbuf *sb, const char *s, size_t n)
{
	size_t i, run = 0;
	int rc = strbuf_addch(sb, '"');

	for (i = 0; i < n && rc == 0; i++) {
		char u[8];
		const char *e = jsonw_escape((unsigned char)s[i], u);

		if (!e)
			continue;
		rc = strbuf_add(sb, s + run, i - run);
		if (rc == 0)
			rc = strbuf_addstr(sb, e);
		run = i + 1;
	}
	if (rc == 0)
		rc = strbuf_add(sb, s + run, n - run);
	return rc ? rc : strbuf_addch(sb, '"');
}

static int canon_real(struct strbuf *sb, double v)
{
	char num[48], *e;
	int len = snprintf(num, sizeof(num), "%.17g", v);

	if (len < 0 || (size_t)len + 3 > sizeof(num))
		return MDSEC_EINPUT;
	if ((e = strchr(num, ','))) /* a library caller's LC_NUMERIC */
		*e = '.';
	if (!strchr(num, '.') && !strchr(num, 'e')) {
		memcpy(num + len, ".0", 3);
		len += 2;
	}
	if ((e = strchr(num, 'e'))) { /* 1e+05 -> 1e5, 1e-05 -> 1e-5 */
		char *to = e + 1, *from = e + 1;

		if (*from == '+')
			from++;
		else if (*from == '-')
			from = ++to;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
		len = (int)strlen(num);
	}
	return strbuf_add(sb, num, (size_t)len);
}

int vdb_canonical_json(struct strbuf *sb, json_t *v)
{
	struct canon_key small[32], *keys = small;
	const char *k;
	json_t *x;
	char num[32];
	size_t i, n;
	int rc = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		n = json_object_size(v);
		if (n > sizeof(small) / sizeof(small[0]) &&
		    !(keys = xreallocarray(NULL, n, sizeof(*keys))))
			return MDSEC_ENOMEM;
		i = 0;
		json_object_foreach(v, k, x)
		{
			keys[i].k = k;
			keys[i].n = strlen(k);
			keys[i++].v = x;
		}
		qsort(keys, n, sizeof(*keys), canon_cmp);
		rc = strbuf_addch(sb, '{');
		for (i = 0; i < n && rc == 0; i++) {
			if (i)
				rc = strbuf_addch(sb, ',');
			if (rc == 0)
				rc = canon_str(sb, keys[i].k, keys[i].n);
			if (rc == 0)
				rc = strbuf_addch(sb, ':');
			if (rc == 0)
				rc = vdb_canonical_json(sb, keys[i].v);
		}
		if (keys != small)
			xfree(keys);
		return rc ? rc : strbuf_addch(sb, '}');
	case JSON_ARRAY:
		n = json_array_size(v);
		rc = strbuf_addch(sb, '[');
		for (i = 0; i < n && rc == 0; i++) {
			if (i)
				rc = strbuf_addch(sb, ',');
			if (rc == 0)
				rc = vdb_canonical_json(sb,
							json_array_get(v, i));
		}
		return rc ? rc : strbuf_addch(sb, ']');
	case JSON_STRING:
		return canon_str(sb, json_string_value(v),
				 json_string_length(v));
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
				     json_integer_value(v));
		return strbuf_add(sb, num, n);
	case JSON_REAL:
		return canon_real(sb, json_real_value(v));
	case JSON_TRUE:
		return strbuf_add(sb, "true", 4);
	case JSON_FALSE:
		return strbuf_add(sb, "false", 5);
	default:
		return strbuf_add(sb, "null", 4);
	}
}
