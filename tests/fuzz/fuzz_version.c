/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_version.c - libFuzzer target for version comparison
 * (src/vuln/version.c): the input is read as up to three versions a, b,
 * c, one a line. In every scheme, comparing any bytes must never crash,
 * hang or leak, must give -1, 0 or 1, be reflexive and antisymmetric, be
 * transitive over the three, and mdsec_version_in_range() must agree with
 * mdsec_version_cmp(). The same holds for the CPE update fold, with b as
 * a's update field.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_version tests/fuzz/corpus/version
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void pair(enum mdsec_version_scheme s, const char *x, const char *y)
{
	int c = mdsec_version_cmp(s, x, y);

	if (c < -1 || c > 1 || c != -mdsec_version_cmp(s, y, x))
		abort();
}

/* x <= y <= z implies x <= z, with equality only when all are equal. */
static void triple(int xy, int yz, int xz)
{
	if (xy <= 0 && yz <= 0 && (xz > 0 || (xz == 0 && (xy || yz))))
		abort();
	if (xy >= 0 && yz >= 0 && (xz < 0 || (xz == 0 && (xy || yz))))
		abort();
}

static void check(enum mdsec_version_scheme s, const char *a, const char *b,
		  const char *c)
{
	int ab, bc, ac;
	bool in;

	if (mdsec_version_cmp(s, a, a) != 0)
		abort();
	pair(s, a, b);
	pair(s, b, c);
	pair(s, a, c);
	ab = mdsec_version_cmp(s, a, b);
	bc = mdsec_version_cmp(s, b, c);
	ac = mdsec_version_cmp(s, a, c);
	triple(ab, bc, ac);
	/* is a within [b, c]? within (b, c)? */
	in = mdsec_version_in_range(s, a, b, true, c, true);
	if (in != (ab >= 0 && ac <= 0))
		abort();
	in = mdsec_version_in_range(s, a, b, false, c, false);
	if (in != (ab > 0 && ac < 0))
		abort();
	if (!mdsec_version_in_range(s, a, a, true, a, true) ||
	    mdsec_version_in_range(s, a, a, false, NULL, false))
		abort();
}

static void check_update(const char *a, const char *b, const char *c)
{
	int x = mdsec_version_cmp_update(a, b, c, NULL);
	int y = mdsec_version_cmp_update(c, NULL, a, b);

	if (x < -1 || x > 1 || x != -y ||
	    mdsec_version_cmp_update(a, b, a, b) != 0 ||
	    mdsec_version_cmp_update(a, NULL, a, "-") != 0 ||
	    mdsec_version_cmp_update(c, "*", c, NULL) != 0 ||
	    mdsec_version_cmp_update(a, NULL, c, NULL) !=
		    mdsec_version_cmp(MDSEC_VER_GENERIC, a, c))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *v[3], *nl;
	int k, n = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	v[0] = buf;
	v[1] = v[2] = buf + size;
	for (n = 1; n < 3; n++) {
		nl = strchr(v[n - 1], '\n');
		if (!nl)
			break;
		*nl = '\0';
		v[n] = nl + 1;
	}
	for (k = 0; k < MDSEC_VER_NSCHEMES; k++)
		check((enum mdsec_version_scheme)k, v[0], v[1], v[2]);
	check_update(v[0], v[1], v[2]);
	free(buf);
	return 0;
}
