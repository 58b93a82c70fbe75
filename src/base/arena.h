/* SPDX-License-Identifier: Apache-2.0
 *
 * arena.h - a bump allocator for the many small, same-lifetime objects of
 * a loaded model or rule set (libgit2 git_pool). Everything is freed at
 * once by arena_release(). Built with MDSEC_DEBUG_ARENA, each allocation
 * is its own malloc so ASan and valgrind see overflows and leaks.
 * Documented in docs/internals/arena.md.
 */
#ifndef MDSEC_ARENA_H
#define MDSEC_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t used;		  /* bytes handed out (statistics) */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, 0                                                        \
	}

/* Zeroed memory of size bytes aligned for any type, or NULL (no memory). */
void *arena_alloc(struct arena *a, size_t size);
/* Zeroed array of n elements of size bytes; NULL on overflow or no memory. */
void *arena_array(struct arena *a, size_t n, size_t size);
/* NUL-terminated copy of s[0..n); NULL on no memory. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Free every allocation; the arena is empty and reusable. */
void arena_release(struct arena *a);

#endif
