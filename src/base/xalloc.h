/* SPDX-License-Identifier: Apache-2.0
 *
 * xalloc.h - the one door to the heap. Library code allocates through
 * these wrappers, which return NULL on failure like malloc, and which a
 * test can tell to fail the Nth call (curl torture, SQLite OOM tests) to
 * prove that every allocation failure is handled without a leak or crash.
 */
#ifndef MDSEC_XALLOC_H
#define MDSEC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* Reallocate to nmemb * size bytes, failing (NULL) on overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void xfree(void *ptr);

/*
 * Fault injection: after xalloc_fail_after(n), allocation number n (counted
 * from 1 from this call) and every later one fail; n = 0 turns it off.
 * xalloc_count() tells how many allocations were attempted since.
 */
void xalloc_fail_after(unsigned long n);
unsigned long xalloc_count(void);

#endif
