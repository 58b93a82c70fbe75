/* SPDX-License-Identifier: Apache-2.0
 *
 * ytree.c - build a positioned node tree from libfyaml events; see ytree.h.
 * YAML 1.2.2, sections 3.2 (the representation graph) and 7-8 (styles).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfyaml.h>
#include "base/diag.h"
#include "base/utf8.h"
#include "model/ytree.h"
#include "base/banned.h"

/* The first error libfyaml reports, as "file:line:col: error: message". */
struct syntax_error {
	bool seen;
	unsigned line, col;
	char msg[256];
};

static void on_fy_diag(struct fy_diag *diag, void *user, const char *buf,
		       size_t len)
{
	struct syntax_error *se = user;
	const char *p = buf, *end = buf + len, *msg;
	unsigned long line, col;
	char *q;
	size_t n;

	(void)diag;
	if (se->seen || len == 0)
		return;
	/* Skip the file name up to ":<digits>:<digits>: ". */
	for (; p < end; p++) {
		if (*p != ':' || p + 1 >= end || p[1] < '0' || p[1] > '9')
			continue;
		line = strtoul(p + 1, &q, 10);
		if (q >= end || *q != ':')
			continue;
		col = strtoul(q + 1, &q, 10);
		if (q >= end || *q != ':')
			continue;
		msg = q + 1;
		while (msg < end && *msg == ' ')
			msg++;
		if ((size_t)(end - msg) > 7 && !memcmp(msg, "error: ", 7))
			msg += 7;
		n = (size_t)(end - msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			n--;
		if (n >= sizeof(se->msg))
			n = sizeof(se->msg) - 1;
		memcpy(se->msg, msg, n);
		se->msg[n] = '\0';
		se->line = (unsigned)line;
		se->col = (unsigned)col;
		se->seen = true;
		return;
	}
}

bool ynode_is_null(const struct ynode *n)
{
	return n->type == YNODE_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") ||
		!strcmp(n->str, "null") || !strcmp(n->str, "Null") ||
		!strcmp(n->str, "NULL"));
}

const char *ynode_type_name(const struct ynode *n)
{
	switch (n->type) {
	case YNODE_MAPPING:
		return "a mapping";
	case YNODE_SEQUENCE:
		return "a list";
	default:
		return ynode_is_null(n) ? "an empty value" : "a scalar";
	}
}

/*
 * Offset of the first byte YAML does not allow, or len. We accept UTF-8
 * only: libfyaml 0.7.12 loops forever on a directive line followed by an
 * ill-formed byte ("%\xb7", found by tests/fuzz/fuzz_model.c), and stops
 * silently at a NUL. C0 controls other than tab, LF and CR, and DEL, are
 * outside YAML's printable set (c-printable, 5.1).
 */
static size_t check_text(const char *buf, size_t len)
{
	size_t bad = utf8_check(buf, len), i;

	for (i = 0; i < bad; i++) {
		unsigned char b = (unsigned char)buf[i];

		if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') ||
		    b == 0x7f)
			return i;
	}
	return bad;
}

/* 1-based line and byte column of offset off in buf. */
static void position_of(struct mdsec_loc *loc, const char *buf, size_t off)
{
	size_t i;

	loc->line = 1;
	loc->col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			loc->line++;
			loc->col = 1;
		} else {
			loc->col++;
		}
	}
}

/* An open collection while the tree is built, and its last child. */
struct open_node {
	struct ynode *node;
	struct ynode *last;
};

static void add_child(struct open_node *parent, struct ynode *child)
{
	if (parent->last)
		parent->last->next = child;
	else
		parent->node->child = child;
	parent->last = child;
	parent->node->n++;
}

int ytree_parse(struct ynode **root_out, struct arena *nodes,
		struct arena *strings, const char *file, const char *buf,
		size_t len, struct mdsec_diag_list *dl)
{
	struct open_node stack[YTREE_MAX_DEPTH + 1];
	struct syntax_error se = { 0 };
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg cfg;
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp = NULL;
	struct fy_event *ev = NULL;
	struct ynode *root = NULL, *node;
	const struct fy_mark *m;
	struct mdsec_loc loc = { file, 0, 0 };
	int depth = 0, docs = 0, error = 0;
	const char *text;
	size_t tlen;

	*root_out = NULL;
	/* YAML 1.2.2 sections 5.1-5.2: checked before libfyaml sees it. */
	{
		size_t bad = check_text(buf, len);

		if (bad < len) {
			unsigned char b = (unsigned char)buf[bad];

			position_of(&loc, buf, bad);
			if (b < 0x80)
				return diag_error(
					dl, loc,
					"control character 0x%02x in "
					"the text (expected printable "
					"text, tabs and line breaks)",
					b);
			return diag_error(dl, loc,
					  "invalid UTF-8 byte 0x%02x (expected "
					  "UTF-8 text)",
					  b);
		}
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = on_fy_diag;
	dcfg.user = &se;
	dcfg.colorize = false;
	dcfg.show_source = false;
	dcfg.show_position = true;
	dcfg.show_type = true;
	dcfg.show_module = false;
	dcfg.source_width = dcfg.position_width = 0;
	dcfg.type_width = dcfg.module_width = 0;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return MDSEC_ENOMEM;
	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
	cfg.diag = diag;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, buf, len) != 0) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	for (;;) {
		ev = fy_parser_parse(fyp);
		if (!ev)
			break;
		/* An empty scalar has no token and no mark: it sits where the
		 * previous event was, which is where a reader looks. */
		m = fy_event_start_mark(ev);
		if (m) {
			loc.line = (unsigned)m->line + 1;
			loc.col = (unsigned)m->column + 1;
		} else if (!loc.line) {
			loc.line = loc.col = 1;
		}
		node = NULL;
		switch (ev->type) {
		case FYET_DOCUMENT_START:
			if (++docs > 1) {
				error = diag_error(
					dl, loc,
					"more than one YAML document "
					"(expected one document per "
					"file)");
				goto out;
			}
			break;
		case FYET_ALIAS:
			/* libfyaml marks the alias's name, after the '*'. */
			if (m && m->input_pos > 0 && m->input_pos <= len &&
			    buf[m->input_pos - 1] == '*' && loc.col > 1)
				loc.col--;
			error = diag_error(
				dl, loc,
				"YAML aliases are not supported in "
				"a model (expected the value written "
				"out)");
			goto out;
		case FYET_SCALAR:
		case FYET_MAPPING_START:
		case FYET_SEQUENCE_START:
			node = arena_alloc(nodes, sizeof(*node));
			if (!node) {
				error = MDSEC_ENOMEM;
				goto out;
			}
			node->line = loc.line;
			node->col = loc.col;
			node->str = "";
			if (ev->type == FYET_SCALAR) {
				struct fy_token *t = ev->scalar.value;

				node->type = YNODE_SCALAR;
				tlen = 0;
				text = t ? fy_token_get_text(t, &tlen) : "";
				if (!text) {
					text = "";
					tlen = 0;
				}
				node->plain = !t || fy_token_scalar_style(t) ==
							    FYSS_PLAIN;
				/* A quoted scalar is marked after its quote;
				 * point at the quote, as editors do. */
				if (!node->plain && m && m->input_pos > 0 &&
				    m->input_pos <= len && node->col > 1 &&
				    (buf[m->input_pos - 1] == '"' ||
				     buf[m->input_pos - 1] == '\''))
					node->col--;
				node->str = arena_strndup(strings, text, tlen);
				node->len = (unsigned)tlen;
				if (!node->str) {
					error = MDSEC_ENOMEM;
					goto out;
				}
			} else {
				node->type = ev->type == FYET_MAPPING_START
						     ? YNODE_MAPPING
						     : YNODE_SEQUENCE;
			}
			if (depth > 0)
				add_child(&stack[depth - 1], node);
			else
				root = node;
			if (node->type != YNODE_SCALAR) {
				if (depth >= YTREE_MAX_DEPTH) {
					error = diag_error(
						dl, loc,
						"nesting deeper than %d levels "
						"(expected a shallower "
						"document)",
						YTREE_MAX_DEPTH);
					goto out;
				}
				stack[depth].node = node;
				stack[depth++].last = NULL;
			}
			break;
		case FYET_MAPPING_END:
		case FYET_SEQUENCE_END:
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
		fy_parser_event_free(fyp, ev);
		ev = NULL;
	}
	if (fy_parser_get_stream_error(fyp) || se.seen) {
		loc.line = se.line;
		loc.col = se.col;
		error = diag_error(dl, loc, "invalid YAML: %s",
				   se.seen ? se.msg : "syntax error");
		/*
		 * libfyaml 0.7.12 can crash in fy_parser_destroy() after some
		 * syntax errors (a NULL dereference in fy_indent_vacuum_internal;
		 * tests/fuzz/corpus/model/libfyaml-crash-destroy-after-error.yaml,
		 * found by fuzz_model). After a syntax error the parser is left
		 * undestroyed: a bounded leak, once per malformed file, instead
		 * of a crash. tests/fuzz/lsan.supp names it.
		 */
		fyp = NULL;
		goto out;
	}
	*root_out = root;
out:
	if (ev && fyp)
		fy_parser_event_free(fyp, ev);
	if (fyp)
		fy_parser_destroy(fyp);
	fy_diag_unref(diag);
	return error;
}
