/* SPDX-License-Identifier: Apache-2.0
 *
 * arena.c - bump allocation in chunks; contract in arena.h.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "base/arena.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define ARENA_CHUNK 65536
#define ALIGN	    alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk *next; /* older chunk */
	size_t size;		  /* usable bytes in data */
	size_t used;		  /* bytes handed out from data */
	alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	size_t rounded, csize;

	if (size > SIZE_MAX - ALIGN - sizeof(*c))
		return NULL;
	rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
#ifdef MDSEC_DEBUG_ARENA
	c = NULL;
#endif
	if (!c || c->size - c->used < rounded) {
		csize = rounded > ARENA_CHUNK / 4 ? rounded : ARENA_CHUNK;
#ifdef MDSEC_DEBUG_ARENA
		csize = size;
#endif
		c = xmalloc(sizeof(*c) + csize);
		if (!c)
			return NULL;
		c->size = csize;
		c->used = 0;
		/* A big block gets its own chunk behind the head, so the
		 * head's free space is not wasted. */
		if (a->head && csize != ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	a->used += size;
	{
		void *p = c->data + c->used;

		c->used += rounded > c->size ? c->size : rounded;
		memset(p, 0, size);
		return p;
	}
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	while (c) {
		next = c->next;
		xfree(c);
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}
