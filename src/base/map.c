/* SPDX-License-Identifier: Apache-2.0
 *
 * map.c - string-keyed open-addressing hash map; contract in map.h.
 */
#include <stdint.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "base/banned.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a 64-bit */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct map_slot *find(struct map_slot *slots, size_t cap,
			     const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

void *map_get(const struct map *m, const char *key)
{
	struct map_slot *s;

	if (!m->capacity)
		return NULL;
	s = find(m->slots, m->capacity, key);
	return s->key ? s->value : NULL;
}

static int rehash(struct map *m, size_t cap)
{
	struct map_slot *slots = xcalloc(cap, sizeof(*slots));
	size_t i;

	if (!slots)
		return MDSEC_ENOMEM;
	for (i = 0; i < m->capacity; i++) {
		if (m->slots[i].key)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	}
	xfree(m->slots);
	m->slots = slots;
	m->capacity = cap;
	return 0;
}

int map_put(struct map *m, const char *key, void *value, void **existing_out)
{
	struct map_slot *s;

	/* Keep the load factor under 1/2 so probes stay short. */
	if ((m->len + 1) * 2 > m->capacity) {
		if (m->capacity > SIZE_MAX / 4)
			return MDSEC_ENOMEM;
		if (rehash(m, m->capacity ? m->capacity * 2 : 16) < 0)
			return MDSEC_ENOMEM;
	}
	s = find(m->slots, m->capacity, key);
	if (s->key) {
		if (existing_out)
			*existing_out = s->value;
		return 1;
	}
	s->key = key;
	s->value = value;
	m->len++;
	return 0;
}

void map_release(struct map *m)
{
	xfree(m->slots);
	m->slots = NULL;
	m->capacity = m->len = 0;
}
