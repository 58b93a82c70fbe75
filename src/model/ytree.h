/* SPDX-License-Identifier: Apache-2.0
 *
 * ytree.h - a small YAML node tree with source positions, built from
 * libfyaml's event stream (YAML 1.2). libfyaml does the parsing; this
 * layer keeps, for every node, the line and column where it starts, which
 * the public document API of libfyaml 0.7 does not expose for
 * collections, and it enforces the model's limits: one document per file,
 * no aliases (no billion-laughs expansion), a nesting cap.
 *
 * Nodes live in the `nodes` arena and scalar text in the `strings` arena,
 * so a caller can free the tree once it has taken what it needs and keep
 * the text (the model keeps its strings, not the tree). A mapping's
 * children alternate key, value; a sequence's children are its items.
 */
#ifndef MDSEC_YTREE_H
#define MDSEC_YTREE_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"
#include "base/arena.h"

enum ynode_type { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING };

struct ynode {
	enum ynode_type type;
	unsigned line, col; /* 1-based start position */
	bool plain;	    /* scalar written unquoted (may be bool/int/null) */
	const char *str;    /* scalar text, NUL-terminated; "" otherwise */
	unsigned len;	    /* scalar length in bytes (files are < 4 GiB) */
	unsigned n;	    /* number of children */
	struct ynode *child; /* first child */
	struct ynode *next;  /* next sibling */
};

#define YTREE_MAX_DEPTH 64

/*
 * Parse buf[0..len) (named `file` in diagnostics) into a tree.
 * *root_out is NULL for an empty document. Syntax errors, aliases, extra
 * documents and over-deep nesting become one diagnostic each.
 * Returns 0, MDSEC_EINPUT or MDSEC_ENOMEM.
 */
int ytree_parse(struct ynode **root_out, struct arena *nodes,
		struct arena *strings, const char *file, const char *buf,
		size_t len, struct mdsec_diag_list *dl);

/* True for a plain null scalar: "", "~", "null", "Null", "NULL". */
bool ynode_is_null(const struct ynode *n);
/* Name of the node's type for messages: "a mapping", "a list", "a string". */
const char *ynode_type_name(const struct ynode *n);

#endif
