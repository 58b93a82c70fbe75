/* SPDX-License-Identifier: Apache-2.0
 *
 * xalloc.c - allocation wrappers with optional fault injection; see
 * xalloc.h. The counters are process-global on purpose: fault injection is
 * a single-threaded test facility.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/xalloc.h"
#include "base/banned.h"

static unsigned long fail_at;  /* 0 = never fail */
static unsigned long attempts; /* allocations since xalloc_fail_after() */

static int should_fail(void)
{
	attempts++;
	return fail_at && attempts >= fail_at;
}

void xalloc_fail_after(unsigned long n)
{
	fail_at = n;
	attempts = 0;
}

unsigned long xalloc_count(void)
{
	return attempts;
}

void *xmalloc(size_t size)
{
	if (should_fail())
		return NULL;
	return malloc(size ? size : 1);
}

void *xcalloc(size_t nmemb, size_t size)
{
	if (should_fail())
		return NULL;
	if (!nmemb || !size)
		nmemb = size = 1;
	return calloc(nmemb, size);
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	size_t bytes;

	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	bytes = nmemb * size;

	if (should_fail())
		return NULL;
	return realloc(ptr, bytes ? bytes : 1);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void xfree(void *ptr)
{
	free(ptr);
}
