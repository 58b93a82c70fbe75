/* SPDX-License-Identifier: Apache-2.0
 *
 * threat_int.h - the compiled form of rule conditions (docs/rules.md),
 * shared by the rule loader (rules.c) and the engine (engine.c).
 */
#ifndef MDSEC_THREAT_INT_H
#define MDSEC_THREAT_INT_H

#include <stdbool.h>
#include "mdsec/threat.h"
#include "base/arena.h"

/* Value types of attributes. */
enum vtype {
	V_ENUM, /* unordered enumeration: int */
	V_ORD,	/* ordered enumeration: int, comparable */
	V_BOOL, /* bool */
	V_SET,	/* bit set: unsigned */
	V_TEXT, /* string, may be absent */
	V_INT	/* number, 0 = absent */
};

/* Attributes a condition can test (docs/rules.md, "Attributes"). */
enum attr_id {
	A_ID,
	A_NAME,
	A_DESCRIPTION,
	A_EL_KIND,
	A_EL_PLATFORM,
	A_EL_TRUST,
	A_EL_EXPOSURE,
	A_EL_MULTI,
	A_EL_USERS,
	A_IF_KIND,
	A_IF_EXPOSURE,
	A_IF_DIRECTION,
	A_IF_ENABLED,
	A_IF_PROTOCOL,
	A_IF_PORT,
	A_FL_COMMANDS,
	A_FL_PROTECTIONS,
	A_FL_CODE,
	A_FL_CROSSES,
	A_FL_PROTOCOL,
	A_FL_EXPOSURE,
	A_FL_UPHILL,
	A_SW_ORIGIN,
	A_SW_SUPPORT,
	A_SW_EXPIRED,
	A_SW_BEFORE_DEVICE,
	A_SW_PURL,
	A_SW_CPE,
	A_SW_LICENSE,
	A_AS_KIND,
	A_AS_CONF,
	A_AS_INTEG,
	A_AS_AVAIL
};

struct attr {
	const char *name; /* key in a condition */
	int target;	  /* enum mdsec_kind, -1 = every target */
	enum attr_id id;
	enum vtype type;
	const char *enumeration; /* mdsec_enum_names() name, for enums/sets */
};

/* Relations from a target to related objects (docs/rules.md). */
enum rel_id {
	R_FROM,
	R_TO,
	R_EITHER_END,
	R_VIA_ANY,
	R_ASSETS_ANY,
	R_ASSETS_NONE,
	R_HOST,
	R_IFACES_ANY,
	R_IFACES_NONE,
	R_SW_ANY,
	R_SW_NONE,
	R_STORES_ANY,
	R_FLOWS_IN_ANY,
	R_FLOWS_OUT_ANY,
	R_REACHABLE_FROM,
	R_ELEMENT,
	R_STORED_ON_ANY,
	R_CARRIED_BY_ANY
};

struct relation {
	const char *name;
	enum mdsec_kind from, to; /* target kind and related kind */
	enum rel_id id;
};

enum cond_op { C_ALL, C_ANY, C_NOT, C_TEST, C_REL, C_CONTROLLED, C_JUSTIFIED };

enum test_kind {
	T_IN,	     /* enum/ord value in `bits`; bool equal to `bval` */
	T_MIN,	     /* ord >= ord */
	T_MAX,	     /* ord <= ord */
	T_HAS_ANY,   /* set & bits */
	T_HAS_ALL,   /* (set & bits) == bits */
	T_LACKS_ALL, /* !(set & bits) */
	T_LACKS_ANY, /* (set & bits) != bits */
	T_CONTAINS,  /* text contains one of words */
	T_PRESENT    /* value written == bval */
};

struct cond {
	enum cond_op op;
	struct cond **kids; /* C_ALL, C_ANY; kids[0] for C_NOT */
	size_t nkids;
	const struct attr *attr; /* C_TEST */
	enum test_kind test;
	unsigned long bits; /* T_IN, set tests, C_CONTROLLED */
	int ord;	    /* T_MIN, T_MAX */
	bool bval;	    /* T_IN on bools, T_PRESENT, C_JUSTIFIED */
	const char **words; /* T_CONTAINS, lower case */
	size_t nwords;
	const struct relation *rel; /* C_REL */
	struct cond *sub;	    /* C_REL: condition on related objects */
	size_t memo;		    /* C_REL reachable_from: memo slot */
};

struct rules_priv {
	struct arena arena;
	size_t nmemo; /* reachable_from nodes in all rules */
};

/* Evaluate rule r's condition on object (kind, index); engine.c. */
struct eval;
bool cond_eval(struct eval *ev, const struct cond *c, enum mdsec_kind kind,
	       size_t index);

#endif
