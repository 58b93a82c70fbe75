/* SPDX-License-Identifier: Apache-2.0
 *
 * vec.c - growth helper behind VEC(T); see vec.h.
 */
#include "mdsec/error.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "base/banned.h"

_Static_assert(MDSEC_ENOMEM == -4, "vec_push hard-codes MDSEC_ENOMEM");

int vec_grow(void **items, size_t *alloc, size_t need, size_t elem)
{
	size_t n = *alloc ? *alloc : 8;
	void *p;

	if (need <= *alloc)
		return 0;
	while (n < need) {
		if (n > ((size_t)-1) / 2)
			return MDSEC_ENOMEM;
		n *= 2;
	}
	p = xreallocarray(*items, n, elem);
	if (!p)
		return MDSEC_ENOMEM;
	*items = p;
	*alloc = n;
	return 0;
}
