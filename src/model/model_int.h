/* SPDX-License-Identifier: Apache-2.0
 *
 * model_int.h - what the model module's files share: the loader state
 * (load.c), reference resolution and semantic checks (validate.c), and
 * the private part of a loaded model (id index, arena).
 */
#ifndef MDSEC_MODEL_INT_H
#define MDSEC_MODEL_INT_H

#include <stdbool.h>
#include "mdsec/model.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/vec.h"
#include "model/schema.h"
#include "model/ytree.h"

/* Where an id was defined: the value stored in the id index. */
struct idrec {
	enum mdsec_kind kind;
	size_t index;	      /* in the kind's array */
	struct mdsec_loc loc; /* where the id was written */
};

/* A growable array of objects of one kind (elements, flows, ...). */
struct objvec {
	char *data; /* n objects of `size` bytes */
	size_t n;
	size_t alloc;
	size_t size;
};

struct model_priv {
	struct arena arena;   /* every string and small array of the model */
	struct map ids;	      /* id -> struct idrec (in arena) */
	struct map decisions; /* threat id -> struct idrec */
	char *rootdir;	      /* directory of the root file, for output paths */
};

/* Loader state while files are read. */
struct loader {
	struct model_priv *priv;
	struct arena *a; /* == &priv->arena */
	struct mdsec_diag_list *dl;
	struct mdsec_model_options opts;
	struct objvec objs[MDSEC_KIND_COUNT];
	VEC(const char *) files;	   /* loaded files, for output */
	VEC(const char *) realpaths;	   /* same order: canonical paths */
	VEC(struct mdsec_loc) included_at; /* where each file was included */
	const char *stack[32];		   /* include chain, canonical paths */
	const char *stack_names[32];	   /* the same, as written */
	unsigned depth;
	struct mdsec_device device;
	struct mdsec_loc device_key; /* where 'device:' is written */
	bool have_device;
	int format;
	bool nomem; /* an allocation failed */
};

/* The schema type of each object kind. */
const struct objtype *model_objtype(enum mdsec_kind kind);
/* Pointer to object i of kind k in the loader. */
void *loader_obj(struct loader *L, enum mdsec_kind k, size_t i);

/* Resolve every reference and run the semantic checks; diagnostics go to
 * L->dl. Returns 0, MDSEC_EINPUT or MDSEC_ENOMEM. */
int model_validate(struct loader *L);

#endif
