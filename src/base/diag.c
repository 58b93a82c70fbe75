/* SPDX-License-Identifier: Apache-2.0
 *
 * diag.c - the diagnostic list: record, sort, format; and mdsec_strerror.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define DIAG_DEFAULT_MAX 10000

const char *mdsec_strerror(int code)
{
	switch (code) {
	case MDSEC_OK:
		return "success";
	case MDSEC_EINPUT:
		return "malformed input";
	case MDSEC_ENOTFOUND:
		return "not found";
	case MDSEC_EIO:
		return "input/output error";
	case MDSEC_ENOMEM:
		return "out of memory";
	case MDSEC_ELIMIT:
		return "input exceeds a limit";
	case MDSEC_EUSAGE:
		return "invalid usage";
	default:
		return "unknown error";
	}
}

int diag_vadd(struct mdsec_diag_list *dl, enum mdsec_diag_sev sev,
	      struct mdsec_loc loc, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT;
	struct mdsec_diag d;
	size_t max = dl->max ? dl->max : DIAG_DEFAULT_MAX;

	if (sev == MDSEC_DIAG_ERROR)
		dl->nerrors++;
	if (dl->len >= max) {
		dl->dropped++;
		return 0;
	}
	if (strbuf_vaddf(&msg, fmt, ap) < 0)
		goto nomem;
	d.loc = loc;
	d.loc.file = NULL;
	d.sev = sev;
	if (loc.file) {
		d.loc.file = xstrdup(loc.file);
		if (!d.loc.file)
			goto nomem;
	}
	d.msg = strbuf_detach(&msg, NULL);
	if (!d.msg || vec_grow((void **)&dl->items, &dl->alloc, dl->len + 1,
			       sizeof(*dl->items)) < 0) {
		xfree((char *)d.loc.file);
		xfree(d.msg);
		goto nomem;
	}
	dl->items[dl->len++] = d;
	return 0;
nomem:
	strbuf_release(&msg);
	dl->dropped++;
	return MDSEC_ENOMEM;
}

int diag_error(struct mdsec_diag_list *dl, struct mdsec_loc loc,
	       const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = diag_vadd(dl, MDSEC_DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
	return error < 0 ? error : MDSEC_EINPUT;
}

int diag_warning(struct mdsec_diag_list *dl, struct mdsec_loc loc,
		 const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = diag_vadd(dl, MDSEC_DIAG_WARNING, loc, fmt, ap);
	va_end(ap);
	return error;
}

void mdsec_diag_list_release(struct mdsec_diag_list *dl)
{
	size_t i, max = dl->max;

	for (i = 0; i < dl->len; i++) {
		xfree((char *)dl->items[i].loc.file);
		xfree(dl->items[i].msg);
	}
	xfree(dl->items);
	memset(dl, 0, sizeof(*dl));
	dl->max = max;
}

/* Sorting: files rank by first appearance, then line, col, then the
 * original position, which keeps the sort stable under qsort. */
struct rank {
	struct mdsec_diag d;
	size_t file_rank;
	size_t pos;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->file_rank != y->file_rank)
		return x->file_rank < y->file_rank ? -1 : 1;
	if (x->d.loc.line != y->d.loc.line)
		return x->d.loc.line < y->d.loc.line ? -1 : 1;
	if (x->d.loc.col != y->d.loc.col)
		return x->d.loc.col < y->d.loc.col ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void mdsec_diag_list_sort(struct mdsec_diag_list *dl)
{
	struct rank *r;
	size_t i, j;

	if (dl->len < 2)
		return;
	r = xcalloc(dl->len, sizeof(*r));
	if (!r)
		return; /* unsorted is still correct, only less tidy */
	for (i = 0; i < dl->len; i++) {
		r[i].d = dl->items[i];
		r[i].pos = i;
		r[i].file_rank = i;
		for (j = 0; j < i; j++) {
			const char *f = dl->items[j].loc.file;
			const char *g = dl->items[i].loc.file;

			if ((!f && !g) || (f && g && !strcmp(f, g))) {
				r[i].file_rank = r[j].file_rank;
				break;
			}
		}
	}
	qsort(r, dl->len, sizeof(*r), cmp_rank);
	for (i = 0; i < dl->len; i++)
		dl->items[i] = r[i].d;
	xfree(r);
}

int mdsec_diag_format(char *buf, size_t len, const struct mdsec_diag *d)
{
	static const char *const sev[] = { "error", "warning", "note" };
	const char *file = d->loc.file ? d->loc.file : "<input>";

	if (d->loc.line && d->loc.col)
		return snprintf(buf, len, "%s:%u:%u: %s: %s", file, d->loc.line,
				d->loc.col, sev[d->sev], d->msg);
	if (d->loc.line)
		return snprintf(buf, len, "%s:%u: %s: %s", file, d->loc.line,
				sev[d->sev], d->msg);
	return snprintf(buf, len, "%s: %s: %s", file, sev[d->sev], d->msg);
}
