/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_purl.c - libFuzzer target for the Package URL module. The bytes
 * are parsed as one purl string (exactly size bytes and a NUL, so that
 * ASan sees any read past it), and, split on '\n', used as components to
 * build one: type, namespace, name, version, subpath, then key=value
 * qualifiers ("-" is a NULL component). Nothing may crash, hang or leak;
 * a refusal must come with a message, a column inside the input and a
 * zeroed purl; and whatever parses or builds must have a canonical string
 * that parses back to the same components and is its own canonical
 * string.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_purl tests/fuzz/corpus/purl
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/purl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FIELDS 16

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static int same_purl(const struct mdsec_purl *a, const struct mdsec_purl *b)
{
	size_t i;

	if (!same(a->type, b->type) || !same(a->namespace_, b->namespace_) ||
	    !same(a->name, b->name) || !same(a->version, b->version) ||
	    !same(a->subpath, b->subpath) || a->nqualifiers != b->nqualifiers)
		return 0;
	for (i = 0; i < a->nqualifiers; i++)
		if (!same(a->qualifiers[i].key, b->qualifiers[i].key) ||
		    !same(a->qualifiers[i].value, b->qualifiers[i].value))
			return 0;
	return 1;
}

static int zeroed(const struct mdsec_purl *p)
{
	return !p->type && !p->namespace_ && !p->name && !p->version &&
	       !p->qualifiers && !p->nqualifiers && !p->subpath;
}

/* p is valid: its canonical string parses back to p and is stable. */
static void check(const struct mdsec_purl *p)
{
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl again;
	char *s, *s2, *s3 = NULL;
	size_t i;

	if (!p->type || !p->name || !*p->name)
		abort();
	for (i = 1; i < p->nqualifiers; i++)
		if (strcmp(p->qualifiers[i - 1].key, p->qualifiers[i].key) >= 0)
			abort();
	s = mdsec_purl_to_string(p);
	if (!s)
		abort();
	if (strlen(s) <= MDSEC_PURL_MAX_LEN) {
		if (mdsec_purl_parse(s, &again, err, sizeof(err), NULL) != 0 ||
		    !same_purl(p, &again))
			abort();
		s2 = mdsec_purl_to_string(&again);
		if (!s2 || strcmp(s, s2) ||
		    mdsec_purl_canonical(s, &s3, err, sizeof(err), NULL) ||
		    strcmp(s, s3))
			abort();
		free(s2);
		free(s3);
		mdsec_purl_release(&again);
	}
	free(s);
}

static void parse_string(const uint8_t *data, size_t size)
{
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p;
	unsigned col = 0;
	size_t len;
	char *s = malloc(size + 1);

	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	if (mdsec_purl_parse(s, &p, err, sizeof(err), &col) == 0) {
		check(&p);
		mdsec_purl_release(&p);
	} else if (!err[0] || col < 1 || col > len + 1 || !zeroed(&p)) {
		abort();
	}
	free(s);
}

static void build_fields(const uint8_t *data, size_t size)
{
	struct mdsec_purl_qualifier q[MAX_FIELDS];
	char *f[MAX_FIELDS], *copy, *p, *nl;
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl out;
	size_t n = 0, nq = 0, i;

	copy = malloc(size + 1);
	if (!copy)
		return;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy; n < MAX_FIELDS; p = nl + 1) {
		f[n++] = p;
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
	}
	for (i = 0; i < n; i++)
		if (!strcmp(f[i], "-"))
			f[i] = NULL;
	for (i = n; i < 5; i++)
		f[i] = NULL;
	for (i = 5; i < n; i++) {
		q[nq].key = f[i];
		q[nq].value = f[i] ? strchr(f[i], '=') : NULL;
		if (q[nq].value)
			*q[nq].value++ = '\0';
		nq++;
	}
	if (mdsec_purl_build(f[0], f[1], f[2], f[3], q, nq, f[4], &out, err,
			     sizeof(err)) == 0) {
		check(&out);
		mdsec_purl_release(&out);
	} else if (!err[0] || !zeroed(&out)) {
		abort();
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_string(data, size);
	if (memchr(data, '\n', size))
		build_fields(data, size);
	return 0;
}
