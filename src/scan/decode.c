/* SPDX-License-Identifier: Apache-2.0
 *
 * decode.c - Intel HEX, Motorola S-record and UF2 decoding for the firmware
 * scanner; see decode.h and docs/internals/decode.md. The scanner sniffs a
 * file's head, decodes the whole file here, then searches the bytes.
 *
 * Each format is a record parser that only checks (used by the sniffer
 * too) and an apply step that appends data and keeps the little state a
 * file needs (end seen, S-record data record count), so a streaming front
 * end would only have to feed lines or 512-byte blocks. Every read is
 * bounded by the buffer: no length field is used before it is checked
 * against the bytes actually present.
 *
 * Specs: Intel, "Hexadecimal Object File Format Specification", rev. A
 * (1988); Motorola S-record as in srec(5) of the SRecord package;
 * UF2 as in github.com/microsoft/uf2 README ("File format").
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "mdsec/error.h"
#include "scan/decode.h"

#include "base/banned.h"

#define UF2_BLOCK	   512
#define UF2_MAGIC_START0   0x0A324655u
#define UF2_MAGIC_START1   0x9E5D5157u
#define UF2_MAGIC_END	   0x0AB16F30u
#define UF2_PAYLOAD_MAX	   476u
#define UF2_MD5_SIZE	   24u
#define UF2_NOT_MAIN_FLASH 0x00000001u
#define UF2_MD5_PRESENT	   0x00004000u

/* Bytes of one HEX or S-record line once its hex digits are decoded. */
#define REC_MAX (DECODE_LINE_MAX / 2)

struct dstate {
	struct strbuf *out; /* NULL when only checking (sniffing) */
	char *err;
	size_t errlen;
	unsigned pos;	     /* current line or block, 1-based */
	int done;	     /* end-of-file / termination record seen */
	unsigned long ndata; /* S1/S2/S3 records so far */
};

/* One decoded record: its bytes, and where its data starts. */
struct rec {
	unsigned char b[REC_MAX];
	size_t nb;     /* bytes in b */
	unsigned type; /* HEX: 0..5; S-record: 0..9 */
	size_t data;   /* offset of the data bytes in b */
	size_t dlen;   /* number of data bytes */
	uint32_t addr; /* address field (S5/S6 record count) */
};

static int fail(struct dstate *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct dstate *st, int code, const char *fmt, ...)
{
	va_list ap;

	if (st->err && st->errlen) {
		va_start(ap, fmt);
		vsnprintf(st->err, st->errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Number of leading hex digits of s[0..n). */
static size_t hex_span(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && hexval(s[i]) >= 0)
		i++;
	return i;
}

/* A bad byte for a message: 'c' when printable, else 0xNN. */
static void show_byte(char *buf, size_t size, unsigned char c)
{
	if (c >= 0x20 && c < 0x7f && c != '\'')
		snprintf(buf, size, "character '%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", c);
}

/*
 * Decode the hex digits s[0..n) into r->b. col is the 1-based column of
 * s[0] in its line, for the message. n is below DECODE_LINE_MAX, so the
 * bytes fit in r->b.
 */
static int rec_hex(struct dstate *st, const unsigned char *s, size_t n,
		   size_t col, struct rec *r)
{
	size_t i, k = hex_span(s, n);
	char what[32];

	if (k < n) {
		show_byte(what, sizeof(what), s[k]);
		return fail(st, MDSEC_EINPUT,
			    "invalid %s in column %zu (expected a hex digit)",
			    what, col + k);
	}
	if (n % 2)
		return fail(st, MDSEC_EINPUT,
			    "odd number of hex digits (expected whole bytes)");
	for (i = 0; i < n / 2; i++)
		r->b[i] = (unsigned char)(hexval(s[2 * i]) << 4 |
					  hexval(s[2 * i + 1]));
	r->nb = n / 2;
	return 0;
}

static unsigned sum8(const unsigned char *b, size_t n)
{
	unsigned s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += b[i];
	return s & 0xff;
}

static int emit(struct dstate *st, const unsigned char *b, size_t n)
{
	int rc;

	if (n == 0 || !st->out)
		return 0;
	rc = strbuf_add(st->out, b, n);
	if (rc == MDSEC_ELIMIT)
		return fail(st, rc,
			    "decoded data over the cap of %zu bytes (expected "
			    "a smaller file)",
			    st->out->max);
	if (rc)
		return fail(
			st, rc,
			"out of memory (expected an allocation to succeed)");
	return 0;
}

/* ---- Intel HEX ---------------------------------------------------- */

static const char *const ihex_names[] = {
	"data",
	"end-of-file",
	"extended segment address",
	"start segment address",
	"extended linear address",
	"start linear address",
};
/* Data bytes each record type must carry; data records any number. */
static const unsigned ihex_dlen[] = { 0, 0, 2, 4, 2, 4 };

/* Check one non-empty line s[0..n) as an Intel HEX record. */
static int ihex_parse(struct dstate *st, const unsigned char *s, size_t n,
		      struct rec *r)
{
	unsigned cnt, want;
	int rc;

	if (s[0] != ':')
		return fail(st, MDSEC_EINPUT,
			    "line does not start with ':' (expected an Intel "
			    "HEX record)");
	rc = rec_hex(st, s + 1, n - 1, 2, r);
	if (rc)
		return rc;
	if (r->nb < 5)
		return fail(st, MDSEC_EINPUT,
			    "record of %zu bytes too short (expected at least "
			    "5: count, address, type, checksum)",
			    r->nb);
	cnt = r->b[0];
	if (r->nb - 5 != cnt)
		return fail(st, MDSEC_EINPUT,
			    "byte count '%.2s' does not match the record "
			    "(expected %u data bytes, found %zu)",
			    (const char *)s + 1, cnt, r->nb - 5);
	if (sum8(r->b, r->nb) != 0)
		return fail(st, MDSEC_EINPUT,
			    "bad checksum '%.2s' (expected '%02X')",
			    (const char *)s + n - 2,
			    (0x100 - sum8(r->b, r->nb - 1)) & 0xff);
	r->type = r->b[3];
	r->addr = (uint32_t)r->b[1] << 8 | r->b[2];
	r->data = 4;
	r->dlen = cnt;
	if (r->type > 5)
		return fail(st, MDSEC_EINPUT,
			    "unknown record type '%.2s' (expected 00 to 05)",
			    (const char *)s + 7);
	want = ihex_dlen[r->type];
	if (r->type != 0 && cnt != want)
		return fail(st, MDSEC_EINPUT,
			    "%s record with %u data byte%s (expected %u)",
			    ihex_names[r->type], cnt, cnt == 1 ? "" : "s",
			    want);
	return 0;
}

static int ihex_line(struct dstate *st, const unsigned char *s, size_t n)
{
	struct rec r;
	int rc = ihex_parse(st, s, n, &r);

	if (rc)
		return rc;
	if (r.type == 1)
		st->done = 1;
	if (r.type != 0)
		return 0; /* addresses: gaps are not filled, see decode.h */
	return emit(st, r.b + r.data, r.dlen);
}

/* ---- Motorola S-record -------------------------------------------- */

/* Address bytes of S0..S9; 0 marks the reserved S4. */
static const unsigned srec_alen[] = { 2, 2, 3, 4, 0, 2, 3, 4, 3, 2 };

/* Check one non-empty line s[0..n) as an S-record. */
static int srec_parse(struct dstate *st, const unsigned char *s, size_t n,
		      struct rec *r)
{
	unsigned cnt, alen, i;
	char what[32];
	int rc;

	if (s[0] != 'S')
		return fail(st, MDSEC_EINPUT,
			    "line does not start with 'S' (expected a "
			    "Motorola S-record)");
	if (n < 2)
		return fail(st, MDSEC_EINPUT,
			    "record type missing after 'S' (expected S0 to S3 "
			    "or S5 to S9)");
	if (s[1] < '0' || s[1] > '9' || s[1] == '4') {
		if (s[1] >= 0x20 && s[1] < 0x7f && s[1] != '\'')
			snprintf(what, sizeof(what), "'S%c'", s[1]);
		else
			snprintf(what, sizeof(what), "'S' and byte 0x%02x",
				 s[1]);
		return fail(st, MDSEC_EINPUT,
			    "unknown record type %s (expected S0 to S3 or S5 "
			    "to S9)",
			    what);
	}
	r->type = (unsigned)(s[1] - '0');
	alen = srec_alen[r->type];
	rc = rec_hex(st, s + 2, n - 2, 3, r);
	if (rc)
		return rc;
	if (r->nb == 0)
		return fail(st, MDSEC_EINPUT,
			    "record without a byte count (expected a count, "
			    "address and checksum)");
	cnt = r->b[0];
	if (r->nb - 1 != cnt)
		return fail(st, MDSEC_EINPUT,
			    "byte count '%.2s' does not match the record "
			    "(expected %u bytes after the count, found %zu)",
			    (const char *)s + 2, cnt, r->nb - 1);
	if (cnt < alen + 1)
		return fail(st, MDSEC_EINPUT,
			    "byte count '%.2s' too small for an S%u record "
			    "(expected at least %u: address and checksum)",
			    (const char *)s + 2, r->type, alen + 1);
	if (sum8(r->b, r->nb) != 0xff)
		return fail(st, MDSEC_EINPUT,
			    "bad checksum '%.2s' (expected '%02X')",
			    (const char *)s + n - 2,
			    ~sum8(r->b, r->nb - 1) & 0xff);
	r->addr = 0;
	for (i = 0; i < alen; i++)
		r->addr = r->addr << 8 | r->b[1 + i];
	r->data = 1 + alen;
	r->dlen = cnt - alen - 1;
	if (r->type >= 5 && r->dlen != 0)
		return fail(st, MDSEC_EINPUT,
			    "S%u record with %zu data byte%s (expected none)",
			    r->type, r->dlen, r->dlen == 1 ? "" : "s");
	return 0;
}

static int srec_line(struct dstate *st, const unsigned char *s, size_t n)
{
	struct rec r;
	int rc = srec_parse(st, s, n, &r);

	if (rc)
		return rc;
	switch (r.type) {
	case 1:
	case 2:
	case 3:
		st->ndata++;
		return emit(st, r.b + r.data, r.dlen);
	case 5:
	case 6:
		if (r.addr != st->ndata)
			return fail(st, MDSEC_EINPUT,
				    "record count %lu does not match the data "
				    "records before it (expected %lu)",
				    (unsigned long)r.addr, st->ndata);
		return 0;
	case 7:
	case 8:
	case 9:
		st->done = 1;
		return 0;
	default:
		return 0; /* S0 header: not firmware bytes */
	}
}

/* ---- HEX and S-record lines --------------------------------------- */

static void next_pos(struct dstate *st)
{
	if (st->pos < UINT_MAX)
		st->pos++;
}

/*
 * Feed in[0..len) to line() one line at a time: LF or CRLF ends a line,
 * the last line may lack one, empty lines are skipped. No line is looked
 * at past DECODE_LINE_MAX + 2 bytes.
 */
static int text_decode(struct dstate *st, const unsigned char *in, size_t len,
		       int (*line)(struct dstate *, const unsigned char *,
				   size_t))
{
	size_t off = 0, rest, win, n;
	const unsigned char *p, *nl;
	int rc;

	while (off < len && !st->done) {
		p = in + off;
		rest = len - off;
		win = rest < DECODE_LINE_MAX + 2 ? rest : DECODE_LINE_MAX + 2;
		nl = memchr(p, '\n', win);
		next_pos(st);
		if (nl) {
			n = (size_t)(nl - p);
			off += n + 1;
		} else if (rest == win) {
			n = rest;
			off = len;
		} else {
			return fail(st, MDSEC_EINPUT,
				    "line too long (expected at most %d "
				    "characters)",
				    DECODE_LINE_MAX);
		}
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > DECODE_LINE_MAX)
			return fail(st, MDSEC_EINPUT,
				    "line too long (expected at most %d "
				    "characters)",
				    DECODE_LINE_MAX);
		if (n == 0)
			continue;
		rc = line(st, p, n);
		if (rc)
			return rc;
	}
	if (!st->done) {
		if (st->pos == 0)
			st->pos = 1;
		if (line == ihex_line)
			return fail(st, MDSEC_EINPUT,
				    "missing end-of-file record (expected "
				    "':00000001FF' before the end of the "
				    "input)");
		return fail(st, MDSEC_EINPUT,
			    "missing termination record (expected S7, S8 or "
			    "S9 before the end of the input)");
	}
	return 0;
}

/* ---- UF2 ---------------------------------------------------------- */

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Check block p[0..n), n <= 512; sets its flags and payload size. */
static int uf2_check(struct dstate *st, const unsigned char *p, size_t n,
		     uint32_t *flags, uint32_t *size)
{
	uint32_t blockno, nblocks, max;

	if (n < UF2_BLOCK)
		return fail(st, MDSEC_EINPUT,
			    "truncated block of %zu bytes (expected %d)", n,
			    UF2_BLOCK);
	if (le32(p) != UF2_MAGIC_START0 || le32(p + 4) != UF2_MAGIC_START1)
		return fail(st, MDSEC_EINPUT,
			    "bad start magic 0x%08X 0x%08X (expected "
			    "0x%08X 0x%08X)",
			    le32(p), le32(p + 4), UF2_MAGIC_START0,
			    UF2_MAGIC_START1);
	if (le32(p + 508) != UF2_MAGIC_END)
		return fail(st, MDSEC_EINPUT,
			    "bad end magic 0x%08X (expected 0x%08X)",
			    le32(p + 508), UF2_MAGIC_END);
	*flags = le32(p + 8);
	*size = le32(p + 16);
	blockno = le32(p + 20);
	nblocks = le32(p + 24);
	max = UF2_PAYLOAD_MAX;
	if (*flags & UF2_MD5_PRESENT)
		max -= UF2_MD5_SIZE;
	if (*size > max)
		return fail(st, MDSEC_EINPUT,
			    "payload size %lu too large (expected at most "
			    "%lu%s)",
			    (unsigned long)*size, (unsigned long)max,
			    *flags & UF2_MD5_PRESENT ? " with an MD5 checksum"
						     : "");
	if (blockno >= nblocks)
		return fail(st, MDSEC_EINPUT,
			    "block number %lu out of range (expected below "
			    "the block count %lu)",
			    (unsigned long)blockno, (unsigned long)nblocks);
	return 0;
}

static int uf2_decode(struct dstate *st, const unsigned char *in, size_t len)
{
	size_t off, n;
	uint32_t flags = 0, size = 0;
	int rc;

	for (off = 0; off < len; off += n) {
		n = len - off < UF2_BLOCK ? len - off : UF2_BLOCK;
		next_pos(st);
		rc = uf2_check(st, in + off, n, &flags, &size);
		if (rc)
			return rc;
		if (flags & UF2_NOT_MAIN_FLASH)
			continue;
		rc = emit(st, in + off + 32, size);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- sniffing and the entry points -------------------------------- */

/*
 * Does head[0..n) start with a HEX (srec == 0) or S-record line? A line
 * cut by the end of a full head (n == DECODE_SNIFF_LEN) passes when its
 * digits are hex and its byte count needs more digits than head holds.
 * A shorter head is the whole file: its first line must check in full.
 */
static int sniff_text(const unsigned char *h, size_t n, int srec)
{
	struct dstate st;
	struct rec r;
	const unsigned char *nl = memchr(h, '\n', n);
	size_t ln = nl ? (size_t)(nl - h) : n;
	size_t start = srec ? 2 : 1, digits, need;

	memset(&st, 0, sizeof(st));
	if (ln > 0 && h[ln - 1] == '\r')
		ln--;
	if (ln < start + 2 || h[0] != (srec ? 'S' : ':'))
		return 0;
	if (srec && (h[1] < '0' || h[1] > '9' || h[1] == '4'))
		return 0;
	digits = ln - start;
	if (!nl && n == DECODE_SNIFF_LEN &&
	    hex_span(h + start, digits) == digits) {
		need = (size_t)(hexval(h[start]) << 4 | hexval(h[start + 1]));
		need = srec ? 2 + 2 * need : 2 * (need + 5);
		if (need > digits)
			return 1;
	}
	if (srec)
		return srec_parse(&st, h, ln, &r) == 0;
	return ihex_parse(&st, h, ln, &r) == 0;
}

enum decode_format decode_sniff(const unsigned char *head, size_t n)
{
	if (!head)
		return DECODE_RAW;
	if (n > DECODE_SNIFF_LEN)
		n = DECODE_SNIFF_LEN;
	if (n == UF2_BLOCK && le32(head) == UF2_MAGIC_START0 &&
	    le32(head + 4) == UF2_MAGIC_START1 &&
	    le32(head + 508) == UF2_MAGIC_END)
		return DECODE_UF2;
	if (sniff_text(head, n, 0))
		return DECODE_IHEX;
	if (sniff_text(head, n, 1))
		return DECODE_SREC;
	return DECODE_RAW;
}

const char *decode_format_name(enum decode_format f)
{
	switch (f) {
	case DECODE_RAW:
		return "raw";
	case DECODE_IHEX:
		return "ihex";
	case DECODE_SREC:
		return "srec";
	case DECODE_UF2:
		return "uf2";
	}
	return "unknown";
}

int decode_buffer(enum decode_format f, const unsigned char *in, size_t len,
		  struct strbuf *out, char *err, size_t errlen, unsigned *where)
{
	struct dstate st;
	int rc;

	memset(&st, 0, sizeof(st));
	st.out = out;
	st.err = err;
	st.errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	if (where)
		*where = 0;
	if (!out || (!in && len > 0))
		return fail(&st, MDSEC_EUSAGE,
			    "no input or output buffer (expected both)");
	switch (f) {
	case DECODE_RAW:
		st.pos = 1;
		rc = emit(&st, in, len);
		break;
	case DECODE_IHEX:
		rc = text_decode(&st, in, len, ihex_line);
		break;
	case DECODE_SREC:
		rc = text_decode(&st, in, len, srec_line);
		break;
	case DECODE_UF2:
		rc = uf2_decode(&st, in, len);
		break;
	default:
		return fail(&st, MDSEC_EUSAGE,
			    "unknown format %d (expected raw, ihex, srec or "
			    "uf2)",
			    (int)f);
	}
	if (rc && where)
		*where = st.pos;
	return rc;
}
