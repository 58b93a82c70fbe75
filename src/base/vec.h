/* SPDX-License-Identifier: Apache-2.0
 *
 * vec.h - typed growable arrays. VEC(T) declares an anonymous struct with
 * v (items), n (count) and alloc; vec_push() appends a copy of a value.
 * Growth doubles through vec_grow(), which refuses an overflowing size.
 * Documented in docs/internals/vec.md.
 */
#ifndef MDSEC_VEC_H
#define MDSEC_VEC_H

#include <stddef.h>

#define VEC(T)                                                                 \
	struct {                                                               \
		T *v;	      /* items v[0 .. n) */                            \
		size_t n;     /* number of items */                            \
		size_t alloc; /* private: capacity */                          \
	}

#define VEC_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Ensure *items holds at least need elements of size elem bytes.
 * Returns 0 or MDSEC_ENOMEM (the array is unchanged). */
int vec_grow(void **items, size_t *alloc, size_t need, size_t elem);

/* Append x; evaluates to 0 or MDSEC_ENOMEM. */
#define vec_push(vec, x)                                                       \
	(vec_grow((void **)&(vec)->v, &(vec)->alloc, (vec)->n + 1,             \
		  sizeof(*(vec)->v)) < 0                                       \
		 ? -4                                                          \
		 : ((vec)->v[(vec)->n++] = (x), 0))

/* Free the items; the vector is empty and reusable. */
#define vec_release(vec)                                                       \
	do {                                                                   \
		xfree((vec)->v);                                               \
		(vec)->v = NULL;                                               \
		(vec)->n = (vec)->alloc = 0;                                   \
	} while (0)

#endif
