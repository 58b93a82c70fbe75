/* SPDX-License-Identifier: Apache-2.0
 *
 * strbuf.c - growable, capped byte strings; contract in strbuf.h.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t max)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->max = max ? max : STRBUF_DEFAULT_MAX;
}

void strbuf_release(struct strbuf *sb)
{
	size_t max = sb->max;

	if (sb->alloc)
		xfree(sb->buf);
	strbuf_init(sb, max);
}

void strbuf_reset(struct strbuf *sb)
{
	if (sb->alloc)
		sb->buf[0] = '\0';
	sb->len = 0;
}

char *strbuf_detach(struct strbuf *sb, size_t *len_out)
{
	char *p;

	if (len_out)
		*len_out = sb->len;
	if (!sb->alloc) {
		p = xstrdup("");
	} else {
		p = sb->buf;
	}
	strbuf_init(sb, sb->max);
	return p;
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need, alloc;
	char *p;

	if (extra > sb->max - sb->len)
		return MDSEC_ELIMIT;
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return 0;
	alloc = sb->alloc ? sb->alloc : 64;
	while (alloc < need)
		alloc = alloc < ((size_t)-1) / 2 ? alloc * 2 : need;
	p = xreallocarray(sb->alloc ? sb->buf : NULL, alloc, 1);
	if (!p)
		return MDSEC_ENOMEM;
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = alloc;
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	int error = strbuf_grow(sb, len);

	if (error < 0)
		return error;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n, error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return MDSEC_EINPUT;
	error = strbuf_grow(sb, (size_t)n);
	if (error < 0)
		return error;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return error;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	assert(len <= sb->len);
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}
