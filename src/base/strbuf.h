/* SPDX-License-Identifier: Apache-2.0
 *
 * strbuf.h - a growable, size-capped byte string (git strbuf with curl's
 * dynbuf cap). Invariants, checked by the unit tests after every call:
 *   - buf is never NULL and buf[len] == '\0' (binary data may hold NULs);
 *   - len < alloc whenever alloc > 0; alloc == 0 means buf is the shared
 *     empty string and nothing is owned;
 *   - len never exceeds max; an append that would is refused whole with
 *     MDSEC_ELIMIT and leaves the buffer unchanged;
 *   - strbuf_detach() is the only way to take ownership of buf.
 * Documented in docs/internals/strbuf.md.
 */
#ifndef MDSEC_STRBUF_H
#define MDSEC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;    /* contents, NUL-terminated */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* private: bytes allocated, 0 = static empty */
	size_t max;   /* cap on len; STRBUF_DEFAULT_MAX when 0 at init */
};

#define STRBUF_DEFAULT_MAX ((size_t)256 << 20) /* 256 MiB */

extern char strbuf_empty[];
#define STRBUF_INIT                                                            \
	{                                                                      \
		strbuf_empty, 0, 0, STRBUF_DEFAULT_MAX                         \
	}

/* Initialise an empty buffer capped at max bytes (0 = default cap). */
void strbuf_init(struct strbuf *sb, size_t max);
/* Free the contents; the buffer is empty and reusable afterwards. */
void strbuf_release(struct strbuf *sb);
/* Empty the buffer, keeping its allocation. */
void strbuf_reset(struct strbuf *sb);
/* Hand over buf (malloc'ed, NUL-terminated); the strbuf is reset to empty.
 * Returns NULL only when allocation of an empty string fails. */
char *strbuf_detach(struct strbuf *sb, size_t *len_out);
/* Ensure room for extra more bytes; 0, MDSEC_ENOMEM or MDSEC_ELIMIT. */
int strbuf_grow(struct strbuf *sb, size_t extra);
/* Append bytes; 0, MDSEC_ENOMEM or MDSEC_ELIMIT (buffer unchanged). */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shorten to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

#endif
