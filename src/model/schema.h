/* SPDX-License-Identifier: Apache-2.0
 *
 * schema.h - the device model's schema as data: for each kind of object,
 * the keys it accepts, their types, which are required, which enumeration
 * or which kinds of object a reference may name. The loader (load.c) is a
 * generic walker over these tables; docs/model.md documents the same keys,
 * and tests/unit/model/test_schema_docs.c checks that every key in these
 * tables appears in docs/model.md.
 */
#ifndef MDSEC_SCHEMA_H
#define MDSEC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/model.h"

enum ftype {
	F_STR,	 /* any scalar, kept as text */
	F_BOOL,	 /* true / false */
	F_INT,	 /* decimal integer in [min, max] */
	F_ENUM,	 /* one value of the enumeration `enumeration`, stored int */
	F_FLAGS, /* list of values of `enumeration`, stored as bits */
	F_DATE,	 /* YYYY-MM-DD */
	F_ID,	 /* the object's id */
	F_REF,	 /* id of one object of a kind in `refkinds` */
	F_REFS,	 /* list of ids */
	F_STRS,	 /* list of scalars */
	F_PATHS, /* list of file paths relative to the file */
	F_SUB,	 /* nested mapping whose keys are in `sub`, same struct */
	F_LIST	 /* list of objects of type `sub` (handled by the loader) */
};

enum fflags {
	FF_REQUIRED = 1 << 0, /* the key must be present */
	FF_SEEN = 1 << 1      /* for F_BOOL: also set bool at off2 */
};

struct objtype;

struct field {
	const char *key;
	enum ftype type;
	unsigned flags;		   /* enum fflags */
	size_t off;		   /* offset of the value in the struct */
	const char *enumeration;   /* F_ENUM / F_FLAGS: mdsec_enum_names() */
	unsigned refkinds;	   /* F_REF(S): bit (1 << enum mdsec_kind) */
	int min, max;		   /* F_INT range */
	const struct objtype *sub; /* F_SUB / F_LIST */
	size_t off2;		   /* FF_SEEN: offset of the "given" bool */
	const char *expect;	   /* words for "(expected ...)" messages */
	bool (*check)(const char *value); /* F_STR: extra syntax check */
};

struct objtype {
	const char *name; /* "element", used in messages */
	int kind;	  /* enum mdsec_kind, -1 for unnamed */
	size_t size;	  /* sizeof the C struct */
	const struct field *fields;
	size_t nfields;
};

/* The object types, by section. */
extern const struct objtype schema_root, schema_device, schema_function,
	schema_performance, schema_role, schema_zone, schema_element,
	schema_interface, schema_asset, schema_flow, schema_hazard,
	schema_software, schema_control, schema_decision, schema_assumption,
	schema_justification, schema_cyber;

/* Field of t named key, or NULL. */
const struct field *schema_field(const struct objtype *t, const char *key);
/* Index of value in enumeration, or -1. */
int schema_enum_index(const char *enumeration, const char *value);
/* Comma-separated list of an enumeration's values, static storage. */
const char *schema_enum_list(const char *enumeration);

#define KIND_BIT(k) (1u << (k))

#endif
