/* SPDX-License-Identifier: Apache-2.0
 *
 * map.h - a hash map from NUL-terminated string keys to pointers, with
 * open addressing and linear probing (FNV-1a hash). Keys are borrowed: the
 * caller keeps them alive (typically in an arena) for the map's lifetime.
 * Iteration order is the slot order, which is not meaningful: callers that
 * print must sort. Documented in docs/internals/map.md.
 */
#ifndef MDSEC_MAP_H
#define MDSEC_MAP_H

#include <stddef.h>

struct map_slot {
	const char *key; /* NULL = empty */
	void *value;
};

struct map {
	struct map_slot *slots; /* capacity entries, a power of two */
	size_t capacity;
	size_t len; /* keys stored */
};

#define MAP_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* The value for key, or NULL when absent. */
void *map_get(const struct map *m, const char *key);
/*
 * Insert key -> value. When the key is already present, nothing changes
 * and *existing_out (if not NULL) receives its value; returns 1 then.
 * Returns 0 on insertion, MDSEC_ENOMEM on failure.
 */
int map_put(struct map *m, const char *key, void *value, void **existing_out);
/* Free the table (not keys or values). */
void map_release(struct map *m);

#endif
