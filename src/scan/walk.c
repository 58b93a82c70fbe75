/* SPDX-License-Identifier: Apache-2.0
 *
 * walk.c - what an input is and how its bytes reach the scanner. Intel
 * HEX, S-record and UF2 images are decoded first (scan/decode); archives
 * and compressed files are read with libarchive, recursively, in memory
 * (nothing is extracted to disk), members streamed block by block; a
 * member that is itself an archive is opened on the fly from the parent's
 * stream. Limits: nesting depth, members in all, bytes expanded in all,
 * and the expansion ratio of each archive: a bomb is reported, not
 * followed. A corrupt member is a warning naming it; the scan goes on.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "sbom/sbom_int.h"
#include "scan/decode.h"
#include "scan/scan_int.h"

#include "base/banned.h"

#define BLOCK ((size_t)64 << 10)
/* encoded images are decoded whole: at most this many bytes of text */
#define ENCODED_MAX ((size_t)512 << 20)

struct walk {
	mdsec_scanner *sc;
	const char *display;
	mdsec_sbom **sbom;
	struct mdsec_diag_list *dl;
	uint64_t entries;  /* members seen, all archives */
	uint64_t expanded; /* bytes out of archives, all */
	int error;	   /* MDSEC_ENOMEM / EIO: stop */
	bool bombed;	   /* the current archive expands too much */
	unsigned warnings;
};

static void warn(struct walk *w, const char *member, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn(struct walk *w, const char *member, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_loc l = { w->display, 0, 0 };
	va_list ap;

	if (member)
		strbuf_addf(&sb, "%s: ", member);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_warning(w->dl, l, "%s", sb.buf);
	strbuf_release(&sb);
	w->warnings++;
}

/* Magic numbers of what libarchive should open (compressed or archive). */
static bool looks_archive(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) /* gzip */
		return true;
	if (n >= 6 && !memcmp(p,
			      "\xfd"
			      "7zXZ\0",
			      6)) /* xz */
		return true;
	if (n >= 3 && !memcmp(p, "BZh", 3)) /* bzip2 */
		return true;
	if (n >= 4 && !memcmp(p, "PK\x03\x04", 4)) /* zip */
		return true;
	if (n >= 4 && !memcmp(p, "\x28\xb5\x2f\xfd", 4)) /* zstd */
		return true;
	if (n >= 6 && (!memcmp(p, "070701", 6) || !memcmp(p, "070702", 6) ||
		       !memcmp(p, "070707", 6))) /* cpio */
		return true;
	if (n >= 2 && ((p[0] == 0xc7 && p[1] == 0x71) ||
		       (p[0] == 0x71 && p[1] == 0xc7))) /* binary cpio */
		return true;
	if (n >= 263 && !memcmp(p + 257, "ustar", 5)) /* tar */
		return true;
	if (n >= 6 && !memcmp(p, "7z\xbc\xaf\x27\x1c", 6))
		return true;
	if (n >= 8 && !memcmp(p, "!<arch>\n", 8)) /* ar (.deb) */
		return true;
	return false;
}

/* Feed an encoded image (HEX/SREC/UF2) held in text[0..n). */
static void feed_encoded(struct walk *w, enum decode_format fmt,
			 const unsigned char *text, size_t n,
			 const char *member)
{
	struct strbuf out = STRBUF_INIT;
	struct feed f;
	char err[256] = "";
	unsigned where = 0;
	int rc;

	rc = decode_buffer(fmt, text, n, &out, err, sizeof(err), &where);
	if (rc == MDSEC_ENOMEM) {
		w->error = rc;
		strbuf_release(&out);
		return;
	}
	if (rc < 0)
		warn(w, member,
		     "%s %s %u: %s; scanning the %zu bytes decoded "
		     "before it",
		     decode_format_name(fmt),
		     fmt == DECODE_UF2 ? "block" : "line", where, err, out.len);
	feed_init(&f, w->sc, w->display, member, w->sbom);
	if (feed_bytes(&f, out.buf, out.len) < 0 || feed_finish(&f) < 0)
		w->error = MDSEC_ENOMEM;
	strbuf_release(&out);
}

/* --- archives ---------------------------------------------------------- */

/* A nested archive reads its bytes from the parent's current member:
 * first the block already taken to look at it, then the rest. */
struct nested_src {
	struct archive *parent;
	const unsigned char *head;
	size_t headlen;
	bool head_given;
};

static la_ssize_t nested_read(struct archive *a, void *cd, const void **buf)
{
	struct nested_src *ns = cd;
	la_ssize_t n;

	(void)a;
	if (!ns->head_given) {
		ns->head_given = true;
		*buf = ns->head;
		return (la_ssize_t)ns->headlen;
	}
	n = archive_read_data(ns->parent, (void *)ns->head, BLOCK);
	if (n < 0)
		return -1;
	*buf = ns->head;
	return n;
}

static void walk_archive(struct walk *w, struct archive *a, const char *prefix,
			 unsigned depth);

/* Has this archive expanded suspiciously? (a bomb) */
static bool bomb(struct walk *w, struct archive *a)
{
	la_int64_t in = archive_filter_bytes(a, -1);
	la_int64_t out = archive_filter_bytes(a, 0);

	return out > ((la_int64_t)1 << 20) && in > 0 &&
	       out / in > (la_int64_t)w->sc->lim.max_ratio;
}

static struct archive *new_reader(void)
{
	struct archive *a = archive_read_new();

	if (!a)
		return NULL;
	archive_read_support_filter_all(a);
	/* not format_all: mtree would read the files it names from this
	 * machine's disk, and text formats would claim plain data */
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_7zip(a);
	archive_read_support_format_ar(a);
	archive_read_support_format_iso9660(a);
	archive_read_support_format_raw(a);
	return a;
}

/* Read one member's data; it goes to the scanner, or it is an archive
 * or an encoded image itself. */
static void walk_member(struct walk *w, struct archive *a, const char *name,
			unsigned depth)
{
	unsigned char *blk = xmalloc(BLOCK);
	la_ssize_t n;
	enum decode_format fmt;
	struct feed f;

	if (!blk) {
		w->error = MDSEC_ENOMEM;
		return;
	}
	n = archive_read_data(a, blk, BLOCK);
	if (n < 0) {
		warn(w, name, "cannot read: %s", archive_error_string(a));
		xfree(blk);
		return;
	}
	w->expanded += (uint64_t)n;
	if (looks_archive(blk, (size_t)n)) {
		struct nested_src ns = { a, blk, (size_t)n, false };
		struct archive *in;

		if (depth + 1 >= w->sc->lim.max_depth) {
			warn(w, name,
			     "archives nested more than %u deep: not "
			     "followed",
			     w->sc->lim.max_depth);
			xfree(blk);
			return;
		}
		in = new_reader();
		if (!in) {
			w->error = MDSEC_ENOMEM;
			xfree(blk);
			return;
		}
		if (archive_read_open(in, &ns, NULL, nested_read, NULL) !=
		    ARCHIVE_OK)
			warn(w, name, "cannot open: %s",
			     archive_error_string(in));
		else
			walk_archive(w, in, name, depth + 1);
		archive_read_free(in);
		xfree(blk);
		return;
	}
	fmt = decode_sniff(blk, (size_t)n < DECODE_SNIFF_LEN
					? (size_t)n
					: DECODE_SNIFF_LEN);
	if (fmt != DECODE_RAW) {
		struct strbuf text = STRBUF_INIT;

		strbuf_init(&text, ENCODED_MAX);
		while (n > 0) {
			if (strbuf_add(&text, blk, (size_t)n) < 0) {
				warn(w, name,
				     "%s image over %zu bytes: not "
				     "decoded",
				     decode_format_name(fmt), ENCODED_MAX);
				break;
			}
			n = archive_read_data(a, blk, BLOCK);
			if (n > 0)
				w->expanded += (uint64_t)n;
		}
		if (n < 0)
			warn(w, name, "cannot read: %s",
			     archive_error_string(a));
		feed_encoded(w, fmt, (const unsigned char *)text.buf, text.len,
			     name);
		strbuf_release(&text);
		xfree(blk);
		return;
	}
	feed_init(&f, w->sc, w->display, name, w->sbom);
	while (n > 0 && !w->error) {
		if (feed_bytes(&f, blk, (size_t)n) < 0) {
			w->error = MDSEC_ENOMEM;
			break;
		}
		if (w->expanded > w->sc->lim.max_expanded) {
			warn(w, name,
			     "over %llu bytes expanded in all: the "
			     "rest is not scanned",
			     (unsigned long long)w->sc->lim.max_expanded);
			break;
		}
		if (bomb(w, a)) {
			w->bombed = true;
			break;
		}
		n = archive_read_data(a, blk, BLOCK);
		if (n > 0)
			w->expanded += (uint64_t)n;
	}
	if (n < 0)
		warn(w, name, "corrupt member (%s); scanned what was read",
		     archive_error_string(a));
	if (feed_finish(&f) < 0)
		w->error = MDSEC_ENOMEM;
	xfree(blk);
}

static void walk_archive(struct walk *w, struct archive *a, const char *prefix,
			 unsigned depth)
{
	struct archive_entry *e;
	int r;

	while (!w->error) {
		struct strbuf name = STRBUF_INIT;
		const char *p;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_FATAL) {
			warn(w, prefix,
			     "corrupt archive (%s); the rest is not "
			     "scanned",
			     archive_error_string(a));
			break;
		}
		if (r == ARCHIVE_WARN)
			warn(w, prefix, "%s", archive_error_string(a));
		if (++w->entries > w->sc->lim.max_entries) {
			warn(w, prefix,
			     "more than %llu members: the rest is "
			     "not scanned",
			     (unsigned long long)w->sc->lim.max_entries);
			break;
		}
		p = archive_entry_pathname(e);
		if (archive_format(a) == ARCHIVE_FORMAT_RAW && !prefix) {
			/* a compressed single file: its content, unnamed */
			strbuf_addstr(&name, "");
		} else if (prefix) {
			strbuf_addf(&name, "%s!/%s", prefix,
				    p && *p ? p : "data");
		} else {
			strbuf_addstr(&name, p && *p ? p : "data");
		}
		if (archive_entry_filetype(e) == AE_IFREG ||
		    archive_format(a) == ARCHIVE_FORMAT_RAW)
			walk_member(w, a, name.len ? name.buf : NULL, depth);
		if (w->bombed || bomb(w, a)) {
			w->bombed = false;
			warn(w, name.len ? name.buf : prefix,
			     "expands more than %u times (a compression "
			     "bomb?): not followed",
			     w->sc->lim.max_ratio);
			strbuf_release(&name);
			break;
		}
		strbuf_release(&name);
	}
}

/* --- files ------------------------------------------------------------- */

static int walk_raw_stream(struct walk *w, int fd);

/* Regular files are scanned in place through mappings of MAP_WINDOW
 * bytes, each unmapped before the next: no copies, and memory bounded by
 * the window whatever the file's size. A file of SPLIT_MIN bytes or more
 * is always cut in two halves scanned by two threads (whatever the
 * machine, so that the output never depends on it), each with its own
 * scratch; the second half's results are then folded into the first's
 * in offset order, keeping the same evidence a single pass would. */
#define MAP_WINDOW ((size_t)16 << 20)
#define SPLIT_MIN  ((uint64_t)8 << 20)

/* Scan input bytes [start, end) of fd (size bytes long). */
static int scan_range(struct feed *f, int fd, uint64_t start, uint64_t end,
		      uint64_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t off = start;
	int rc = 0;

	while (off < end && rc == 0) {
		uint64_t ms = off > SCAN_KEEP ? (off - SCAN_KEEP) &
							~(uint64_t)(page - 1)
					      : 0;
		uint64_t me = end - off > MAP_WINDOW ? off + MAP_WINDOW : end;
		void *m = mmap(NULL, (size_t)(me - ms), PROT_READ, MAP_PRIVATE,
			       fd, (off_t)ms);

		if (m == MAP_FAILED)
			return MDSEC_EIO;
		rc = feed_region(f, m, ms, (size_t)(me - ms), me == size);
		munmap(m, (size_t)(me - ms));
		off = me;
	}
	return rc;
}

struct half {
	struct feed f;
	int fd;
	uint64_t start, end, size;
	int rc;
};

static void *scan_half(void *arg)
{
	struct half *h = arg;

	h->rc = scan_range(&h->f, h->fd, h->start, h->end, h->size);
	return NULL;
}

/* Fold the components of part into *into: same ref, same component;
 * evidence kept up to SCAN_MAX_EVIDENCE per component and file. */
static int fold(mdsec_sbom **into, const mdsec_sbom *part)
{
	size_t i, j, k;

	for (i = 0; i < part->components.n; i++) {
		const struct mdsec_component *pc = &part->components.v[i];
		size_t ci = mdsec_sbom_find_ref(*into, pc->ref);

		if (ci == MDSEC_SBOM_NONE) {
			ci = sbom_copy_component(*into, part, i);
			if (ci == MDSEC_SBOM_NONE)
				return MDSEC_ENOMEM;
			continue;
		}
		for (j = 0; j < pc->evidence.n; j++) {
			struct mdsec_component *c = &(*into)->components.v[ci];
			struct mdsec_sbom_evidence e = pc->evidence.v[j];
			size_t n = 0;

			for (k = 0; k < c->evidence.n; k++)
				n += !strcmp(c->evidence.v[k].source, e.source);
			if (n >= SCAN_MAX_EVIDENCE)
				continue;
			e.source = sbom_str(*into, e.source);
			e.detail = sbom_str(*into, e.detail);
			if (!e.source || !e.detail ||
			    sbom_add_evidence(c, &e) < 0)
				return MDSEC_ENOMEM;
		}
	}
	return 0;
}

static int walk_raw_fd(struct walk *w, int fd)
{
	struct stat st;
	struct feed f;
	struct half h;
	mdsec_sbom *second = NULL;
	uint64_t size, mid, bytes2 = 0;
	pthread_t t;
	int rc;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return walk_raw_stream(w, fd);
	size = (uint64_t)st.st_size;
	feed_init(&f, w->sc, w->display, NULL, w->sbom);
	if (size < SPLIT_MIN) {
		rc = scan_range(&f, fd, 0, size, size);
		if (rc == MDSEC_EIO && lseek(fd, 0, SEEK_SET) == 0)
			rc = walk_raw_stream(w, fd);
		return rc;
	}
	mid = size / 2;
	memset(&h, 0, sizeof(h));
	if (feed_init_own(&h.f, w->sc, w->display, &second, &bytes2) < 0)
		return MDSEC_ENOMEM;
	/* the second half handles every anchor ending after the first
	 * half's last complete window */
	h.f.done = mid - SCAN_AFTER;
	h.f.counted = mid;
	h.fd = fd;
	h.start = mid;
	h.end = size;
	h.size = size;
	if (pthread_create(&t, NULL, scan_half, &h) != 0) {
		scan_half(&h); /* no thread: the same work, in turn */
		rc = scan_range(&f, fd, 0, mid, size);
	} else {
		rc = scan_range(&f, fd, 0, mid, size);
		pthread_join(t, NULL);
	}
	w->sc->bytes += bytes2;
	if (rc == 0)
		rc = h.rc;
	if (rc == 0 && second)
		rc = fold(w->sbom, second);
	feed_release_own(&h.f);
	mdsec_sbom_free(second);
	return rc;
}

static int walk_raw_stream(struct walk *w, int fd)
{
	unsigned char *blk = xmalloc(BLOCK);
	struct feed f;
	ssize_t n;
	int rc = 0;

	if (!blk)
		return MDSEC_ENOMEM;
	feed_init(&f, w->sc, w->display, NULL, w->sbom);
	while ((n = read(fd, blk, BLOCK)) > 0)
		if ((rc = feed_bytes(&f, blk, (size_t)n)) < 0)
			break;
	if (n < 0)
		rc = MDSEC_EIO;
	if (rc == 0)
		rc = feed_finish(&f);
	xfree(blk);
	return rc;
}

int walk_file(mdsec_scanner *sc, const char *path, const char *display,
	      mdsec_sbom **sbom, struct mdsec_diag_list *dl)
{
	struct walk w;
	unsigned char head[512];
	ssize_t n;
	int fd, rc = 0;
	enum decode_format fmt;

	memset(&w, 0, sizeof(w));
	w.sc = sc;
	w.display = display;
	w.sbom = sbom;
	w.dl = dl;
	if (!*sbom && !(*sbom = mdsec_sbom_new()))
		return MDSEC_ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		struct mdsec_loc l = { display, 0, 0 };
		int saved = errno;

		diag_error(dl, l,
			   "cannot read: %s (expected a readable "
			   "file)",
			   strerror(saved));
		return saved == ENOENT ? MDSEC_ENOTFOUND : MDSEC_EIO;
	}
	n = read(fd, head, sizeof(head));
	if (n < 0) {
		close(fd);
		return MDSEC_EIO;
	}
	fmt = decode_sniff(head, (size_t)n);
	if (fmt != DECODE_RAW) {
		struct strbuf text = STRBUF_INIT;

		close(fd);
		strbuf_init(&text, ENCODED_MAX);
		rc = file_read_capped(&text, path, ENCODED_MAX);
		if (rc == 0)
			feed_encoded(&w, fmt, (const unsigned char *)text.buf,
				     text.len, NULL);
		else if (rc == MDSEC_ELIMIT)
			warn(&w, NULL, "%s image over %zu bytes: not decoded",
			     decode_format_name(fmt), ENCODED_MAX);
		strbuf_release(&text);
		return rc < 0 && rc != MDSEC_ELIMIT ? rc : w.error;
	}
	if (looks_archive(head, (size_t)n)) {
		struct archive *a = new_reader();

		if (!a) {
			close(fd);
			return MDSEC_ENOMEM;
		}
		if (archive_read_open_filename(a, path, BLOCK) == ARCHIVE_OK) {
			walk_archive(&w, a, NULL, 0);
			archive_read_free(a);
			close(fd);
			return w.error;
		}
		/* looked like one, is not: scan the bytes as they are */
		warn(&w, NULL,
		     "not a readable archive (%s); scanned as raw "
		     "bytes",
		     archive_error_string(a));
		archive_read_free(a);
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return MDSEC_EIO;
	}
	rc = walk_raw_fd(&w, fd);
	close(fd);
	return rc;
}

int walk_buffer(mdsec_scanner *sc, const void *buf, size_t len,
		const char *display, mdsec_sbom **sbom,
		struct mdsec_diag_list *dl)
{
	const unsigned char *p = buf;
	struct walk w;
	enum decode_format fmt;
	struct feed f;
	int rc;

	memset(&w, 0, sizeof(w));
	w.sc = sc;
	w.display = display;
	w.sbom = sbom;
	w.dl = dl;
	if (!*sbom && !(*sbom = mdsec_sbom_new()))
		return MDSEC_ENOMEM;
	fmt = decode_sniff(p, len < 512 ? len : 512);
	if (fmt != DECODE_RAW) {
		feed_encoded(&w, fmt, p, len, NULL);
		return w.error;
	}
	if (looks_archive(p, len)) {
		struct archive *a = new_reader();

		if (!a)
			return MDSEC_ENOMEM;
		if (archive_read_open_memory(a, buf, len) == ARCHIVE_OK) {
			walk_archive(&w, a, NULL, 0);
			archive_read_free(a);
			return w.error;
		}
		warn(&w, NULL,
		     "not a readable archive (%s); scanned as raw "
		     "bytes",
		     archive_error_string(a));
		archive_read_free(a);
	}
	feed_init(&f, sc, display, NULL, sbom);
	rc = feed_bytes(&f, buf, len);
	if (rc == 0)
		rc = feed_finish(&f);
	return rc;
}
