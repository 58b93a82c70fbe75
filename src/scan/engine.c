/* SPDX-License-Identifier: Apache-2.0
 *
 * engine.c - the scanner: every signature's literal anchors in one
 * vectorscan database (cached on disk), inputs streamed through it in
 * chunks that overlap by SCAN_KEEP bytes, and around each anchor hit the
 * signature's PCRE2 pattern run on a bounded window to extract the
 * version. Memory is the chunk buffer plus the database: independent of
 * the input's size. Components found go into an SBOM with scan evidence.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "sbom/sbom_int.h"
#include "scan/scan_int.h"

#include "base/banned.h"

#define CACHE_MAX_BYTES ((size_t)256 << 20)

/* --- the database and its cache --------------------------------------- */

static void cache_path(const mdsec_sigset *set, struct strbuf *out)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct utsname u;
	struct strbuf key = STRBUF_INIT;
	char hex[SHA256_HEX_LEN + 1];

	strbuf_reset(out);
	if (uname(&u) != 0)
		memset(&u, 0, sizeof(u));
	strbuf_addf(&key, "%s\n%s\n%s\n%s", set->digest, hs_version(),
		    u.machine, u.sysname);
	sha256_hex(hex, key.buf, key.len);
	strbuf_release(&key);
	if (xdg && *xdg == '/')
		strbuf_addf(out, "%s/mdsec", xdg);
	else if (home && *home == '/')
		strbuf_addf(out, "%s/.cache/mdsec", home);
	else
		return;
	strbuf_addf(out, "/signatures-%.32s.hsdb", hex);
}

static void mkdirs_for(const char *file)
{
	char *p = xstrdup(file), *s;

	if (!p)
		return;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	xfree(p);
}

static bool cache_load(mdsec_scanner *sc, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	bool ok = false;

	if (*path && file_read_capped(&text, path, CACHE_MAX_BYTES) == 0 &&
	    hs_deserialize_database(text.buf, text.len, &sc->db) == HS_SUCCESS)
		ok = true;
	strbuf_release(&text);
	return ok;
}

static void cache_store(mdsec_scanner *sc, const char *path)
{
	char *bytes = NULL;
	size_t len = 0;

	if (!*path || hs_serialize_database(sc->db, &bytes, &len) != HS_SUCCESS)
		return;
	mkdirs_for(path);
	/* a read-only or missing cache directory is not an error */
	file_write_atomic(path, bytes, len);
	free(bytes);
}

static int compile_db(mdsec_scanner *sc, size_t nanchors,
		      struct mdsec_diag_list *dl)
{
	const mdsec_sigset *set = sc->set;
	const char **exprs = xcalloc(nanchors, sizeof(*exprs));
	size_t *lens = xcalloc(nanchors, sizeof(*lens));
	unsigned *ids = xcalloc(nanchors, sizeof(*ids));
	unsigned *flags = xcalloc(nanchors, sizeof(*flags));
	hs_compile_error_t *cerr = NULL;
	size_t i, j, k = 0;
	int rc = 0;

	if (!exprs || !lens || !ids || !flags) {
		rc = MDSEC_ENOMEM;
		goto out;
	}
	for (i = 0; i < set->sigs.n; i++) {
		const struct mdsec_signature *sg = &set->sigs.v[i];

		for (j = 0; j < sg->nanchors; j++, k++) {
			exprs[k] = sg->anchors[j];
			lens[k] = sg->anchor_len[j];
			ids[k] = (unsigned)k;
			flags[k] = 0;
		}
	}
	if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)k,
				 HS_MODE_BLOCK, NULL, &sc->db,
				 &cerr) != HS_SUCCESS) {
		struct mdsec_loc l = { NULL, 0, 0 };

		if (cerr && cerr->expression >= 0 &&
		    (size_t)cerr->expression < k) {
			/* name the signature of the refused anchor */
			size_t e = (size_t)cerr->expression;

			l = set->sigs.v[sc->anchor_sig[e]].loc;
		}
		rc = diag_error(dl, l, "vectorscan refused the anchors: %s",
				cerr ? cerr->message : "unknown error");
		hs_free_compile_error(cerr);
	}
out:
	xfree(exprs);
	xfree(lens);
	xfree(ids);
	xfree(flags);
	return rc;
}

int mdsec_scanner_new(mdsec_scanner **out, const mdsec_sigset *set,
		      const struct mdsec_scan_limits *limits,
		      struct mdsec_diag_list *dl)
{
	mdsec_scanner *sc;
	struct strbuf path = STRBUF_INIT;
	size_t i, j, k = 0, nanchors = 0;
	int rc = 0;

	*out = NULL;
	sc = xcalloc(1, sizeof(*sc));
	if (!sc)
		return MDSEC_ENOMEM;
	sc->set = set;
	if (limits)
		sc->lim = *limits;
	if (!sc->lim.max_depth)
		sc->lim.max_depth = 8;
	if (!sc->lim.max_entries)
		sc->lim.max_entries = 100000;
	if (!sc->lim.max_expanded)
		sc->lim.max_expanded = (uint64_t)8 << 30;
	if (!sc->lim.max_ratio)
		sc->lim.max_ratio = 1000;
	for (i = 0; i < set->sigs.n; i++)
		nanchors += set->sigs.v[i].nanchors;
	sc->anchor_sig =
		xcalloc(nanchors ? nanchors : 1, sizeof(*sc->anchor_sig));
	sc->anchor_len =
		xcalloc(nanchors ? nanchors : 1, sizeof(*sc->anchor_len));
	sc->md = xcalloc(set->sigs.n ? set->sigs.n : 1, sizeof(*sc->md));
	sc->buf = xmalloc(SCAN_KEEP + SCAN_CHUNK);
	if (!sc->anchor_sig || !sc->anchor_len || !sc->md || !sc->buf) {
		rc = MDSEC_ENOMEM;
		goto fail;
	}
	for (i = 0; i < set->sigs.n; i++) {
		for (j = 0; j < set->sigs.v[i].nanchors; j++, k++) {
			sc->anchor_sig[k] = (unsigned)i;
			sc->anchor_len[k] = set->sigs.v[i].anchor_len[j];
		}
		sc->md[i] = pcre2_match_data_create_from_pattern(set->re.v[i],
								 NULL);
		if (!sc->md[i]) {
			rc = MDSEC_ENOMEM;
			goto fail;
		}
	}
	cache_path(set, &path);
	if (cache_load(sc, path.buf)) {
		sc->from_cache = true;
	} else {
		rc = compile_db(sc, nanchors, dl);
		if (rc < 0)
			goto fail;
		cache_store(sc, path.buf);
	}
	if (hs_alloc_scratch(sc->db, &sc->scratch) != HS_SUCCESS) {
		rc = MDSEC_ENOMEM;
		goto fail;
	}
	strbuf_release(&path);
	*out = sc;
	return 0;
fail:
	strbuf_release(&path);
	mdsec_scanner_free(sc);
	return rc;
}

void mdsec_scanner_free(mdsec_scanner *sc)
{
	size_t i;

	if (!sc)
		return;
	if (sc->scratch)
		hs_free_scratch(sc->scratch);
	if (sc->db)
		hs_free_database(sc->db);
	for (i = 0; sc->md && i < sc->set->sigs.n; i++)
		pcre2_match_data_free(sc->md[i]);
	xfree(sc->md);
	xfree(sc->anchor_sig);
	xfree(sc->anchor_len);
	xfree(sc->buf);
	xfree(sc);
}

bool mdsec_scanner_from_cache(const mdsec_scanner *sc)
{
	return sc->from_cache;
}

uint64_t mdsec_scanner_bytes(const mdsec_scanner *sc)
{
	return sc->bytes;
}

/* --- components found ------------------------------------------------- */

static const char *component_type(char part)
{
	return part == 'o'   ? "operating-system"
	       : part == 'h' ? "device"
			     : "library";
}

/* The purl of a signature for a version, canonical, or NULL. */
static const char *make_purl(mdsec_sbom *s, const char *tmpl,
			     const char *version)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = strstr(tmpl, "{version}"), *out = NULL;
	char err[256], *canon = NULL;
	unsigned col = 0;

	if (!p)
		return NULL;
	strbuf_add(&sb, tmpl, (size_t)(p - tmpl));
	for (; *version; version++) {
		/* percent-encode what a purl version may not hold raw */
		if ((*version >= 'a' && *version <= 'z') ||
		    (*version >= 'A' && *version <= 'Z') ||
		    (*version >= '0' && *version <= '9') ||
		    strchr(".-_~+", *version))
			strbuf_addch(&sb, *version);
		else
			strbuf_addf(&sb, "%%%02X", (unsigned char)*version);
	}
	strbuf_addstr(&sb, p + strlen("{version}"));
	if (mdsec_purl_canonical(sb.buf, &canon, err, sizeof(err), &col) == 0)
		out = sbom_str(s, canon);
	free(canon);
	strbuf_release(&sb);
	return out;
}

/* cpe:2.3:part:vendor:product:version:*:*:*:*:*:*:* with the version
 * quoted as a formatted string requires, or NULL. */
static const char *make_cpe(mdsec_sbom *s, const struct mdsec_signature *sg,
			    const char *version)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out = NULL;
	char err[256], *canon = NULL;
	unsigned col = 0;

	strbuf_addf(&sb, "cpe:2.3:%c:%s:%s:", sg->cpe_part, sg->cpe_vendor,
		    sg->cpe_product);
	for (; *version; version++) {
		if (!((*version >= 'a' && *version <= 'z') ||
		      (*version >= 'A' && *version <= 'Z') ||
		      (*version >= '0' && *version <= '9') ||
		      strchr("._-", *version)))
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *version);
	}
	strbuf_addstr(&sb, ":*:*:*:*:*:*:*");
	if (mdsec_cpe_canonical(sb.buf, &canon, err, sizeof(err), &col) == 0)
		out = sbom_str(s, canon);
	free(canon);
	strbuf_release(&sb);
	return out;
}

static size_t find_or_add(struct feed *f, size_t si, const char *version)
{
	const struct mdsec_signature *sg = &f->sc->set->sigs.v[si];
	mdsec_sbom *s = *f->sbom;
	struct mdsec_component *c;
	char ref[256];
	size_t i;

	/* looked up without allocating: this runs for every hit */
	snprintf(ref, sizeof(ref), "%s@%s", sg->id, version);
	for (i = 0; i < s->components.n; i++)
		if (s->components.v[i].ref &&
		    !strcmp(s->components.v[i].ref, ref))
			return i;
	i = sbom_add_component(s);
	if (i == MDSEC_SBOM_NONE)
		return i;
	c = &s->components.v[i];
	c->ref = sbom_str(s, ref);
	c->type = component_type(sg->cpe_part);
	c->name = sbom_str(s, sg->name);
	c->version = sbom_str(s, version);
	c->supplier = sbom_str(s, sg->supplier);
	c->purl = make_purl(s, sg->purl, version);
	c->cpe = make_cpe(s, sg, version);
	c->loc.file = sbom_str(s, f->source);
	return i;
}

static void record(struct feed *f, size_t si, const char *version,
		   uint64_t offset, const unsigned char *text, size_t tlen)
{
	mdsec_sbom *s = *f->sbom;
	struct mdsec_sbom_evidence e = { MDSEC_FOUND_SCAN, NULL, NULL, 90 };
	struct strbuf d = STRBUF_INIT, src = STRBUF_INIT;
	size_t ci = find_or_add(f, si, version), i, n = 0;

	if (ci == MDSEC_SBOM_NONE) {
		f->error = MDSEC_ENOMEM;
		return;
	}
	/* count before copying anything into the SBOM: an image can hold
	 * the same string thousands of times, and memory must not grow
	 * with that */
	if (f->member)
		strbuf_addf(&src, "%s!/%s", f->source, f->member);
	else
		strbuf_addstr(&src, f->source);
	for (i = 0; i < s->components.v[ci].evidence.n; i++)
		if (!strcmp(s->components.v[ci].evidence.v[i].source, src.buf))
			n++;
	if (n >= SCAN_MAX_EVIDENCE) {
		strbuf_release(&src);
		return;
	}
	e.source = sbom_strn(s, src.buf, src.len);
	strbuf_release(&src);
	strbuf_addf(&d, "offset %llu: ", (unsigned long long)offset);
	for (i = 0; i < tlen && i < 120; i++)
		strbuf_addch(&d, text[i] >= 0x20 && text[i] < 0x7f
					 ? (char)text[i]
					 : '.');
	e.detail = sbom_strn(s, d.buf, d.len);
	strbuf_release(&d);
	if (!e.source || !e.detail ||
	    sbom_add_evidence(&s->components.v[ci], &e) < 0)
		f->error = MDSEC_ENOMEM;
}

/* A plausible version: printable, no spaces, 1..64 bytes, with a digit. */
static bool plausible(const unsigned char *v, size_t n)
{
	size_t i;
	bool digit = false;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++) {
		if (v[i] <= 0x20 || v[i] >= 0x7f)
			return false;
		if (v[i] >= '0' && v[i] <= '9')
			digit = true;
	}
	return digit;
}

struct hitctx {
	struct feed *f;
	bool final;
};

static int on_hit(unsigned int id, unsigned long long from,
		  unsigned long long to, unsigned int flags, void *ctx)
{
	struct hitctx *h = ctx;
	struct feed *f = h->f;
	mdsec_scanner *sc = f->sc;
	unsigned si = sc->anchor_sig[id];
	size_t alen = sc->anchor_len[id];
	size_t astart = (size_t)to - alen, wstart, wend, off;
	pcre2_code *re = sc->set->re.v[si];
	pcre2_match_data *md = f->md[si];
	int group;

	(void)from;
	(void)flags;
	if (f->base + to <= f->done)
		return 0; /* handled in the previous chunk */
	if (!h->final && (size_t)to + SCAN_AFTER > f->len)
		return 0; /* window incomplete: the next chunk has it */
	wstart = astart > SCAN_BEFORE ? astart - SCAN_BEFORE : 0;
	wend = (size_t)to + SCAN_AFTER < f->len ? (size_t)to + SCAN_AFTER
						: f->len;
	group = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "version");
	if (group < 0)
		group = 1;
	for (off = wstart; off <= astart;) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(re, f->data + wstart, wend - wstart,
				     off - wstart, 0, md, NULL);
		size_t ms, me, vs, ve;

		if (rc <= group)
			break;
		ov = pcre2_get_ovector_pointer(md);
		ms = wstart + ov[0];
		me = wstart + ov[1];
		if (ms > astart)
			break;
		if (me >= (size_t)to && ov[2 * group] != PCRE2_UNSET) {
			vs = wstart + ov[2 * group];
			ve = wstart + ov[2 * group + 1];
			if (plausible(f->data + vs, ve - vs)) {
				char ver[65];

				memcpy(ver, f->data + vs, ve - vs);
				ver[ve - vs] = '\0';
				record(f, si, ver, f->base + ms, f->data + ms,
				       me - ms);
			}
			break;
		}
		off = ms + 1;
	}
	return f->error ? 1 : 0;
}

void feed_init(struct feed *f, mdsec_scanner *sc, const char *source,
	       const char *member, mdsec_sbom **sbom)
{
	memset(f, 0, sizeof(*f));
	f->sc = sc;
	f->source = source;
	f->member = member;
	f->sbom = sbom;
	f->scratch = sc->scratch;
	f->md = sc->md;
	f->bytes = &sc->bytes;
}

int feed_init_own(struct feed *f, mdsec_scanner *sc, const char *source,
		  mdsec_sbom **sbom, uint64_t *bytes)
{
	size_t i, n = sc->set->sigs.n;

	feed_init(f, sc, source, NULL, sbom);
	f->bytes = bytes;
	f->scratch = NULL;
	f->md = xcalloc(n ? n : 1, sizeof(*f->md));
	if (!f->md || hs_clone_scratch(sc->scratch, &f->scratch) != HS_SUCCESS)
		goto fail;
	for (i = 0; i < n; i++)
		if (!(f->md[i] = pcre2_match_data_create_from_pattern(
			      sc->set->re.v[i], NULL)))
			goto fail;
	return 0;
fail:
	feed_release_own(f);
	return MDSEC_ENOMEM;
}

void feed_release_own(struct feed *f)
{
	size_t i;

	if (f->scratch && f->scratch != f->sc->scratch)
		hs_free_scratch(f->scratch);
	f->scratch = NULL;
	if (f->md && f->md != f->sc->md) {
		for (i = 0; i < f->sc->set->sigs.n; i++)
			pcre2_match_data_free(f->md[i]);
		xfree(f->md);
	}
	f->md = NULL;
}

/* Scan f->data[0..len) (input offset f->base). Anchors whose window is
 * cut by the end are left for the next window unless final. */
static int scan_window(struct feed *f, bool final)
{
	struct hitctx h = { f, final };
	hs_error_t e;

	if (f->len == 0)
		return 0;
	e = hs_scan(f->sc->db, (const char *)f->data, (unsigned)f->len, 0,
		    f->scratch, on_hit, &h);
	if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
		return MDSEC_ENOMEM;
	if (f->error)
		return f->error;
	f->done = final ? f->base + f->len : f->base + f->len - SCAN_AFTER;
	return 0;
}

static int scan_chunk(struct feed *f, bool final)
{
	int rc;

	f->data = f->sc->buf;
	rc = scan_window(f, final);
	if (rc < 0 || final)
		return rc;
	/* keep the tail: anchors near the end are seen again, with room */
	memmove(f->sc->buf, f->sc->buf + f->len - SCAN_KEEP, SCAN_KEEP);
	f->base += f->len - SCAN_KEEP;
	f->len = SCAN_KEEP;
	return 0;
}

int feed_region(struct feed *f, const unsigned char *p, uint64_t start,
		size_t size, bool final)
{
	size_t pos = 0;
	int rc;

	if (!*f->sbom && !(*f->sbom = mdsec_sbom_new()))
		return MDSEC_ENOMEM;
	if (size == 0)
		return 0;
	/* the overlap with the previous region was counted with it */
	if (start + size > f->counted) {
		*f->bytes += start + size - f->counted;
		f->counted = start + size;
	}
	while (pos < size) {
		size_t ws = pos > SCAN_KEEP ? pos - SCAN_KEEP : 0;
		size_t we = size - pos > SCAN_CHUNK ? pos + SCAN_CHUNK : size;

		f->data = p + ws;
		f->len = we - ws;
		f->base = start + ws;
		if ((rc = scan_window(f, final && we == size)) < 0)
			return rc;
		pos = we;
	}
	return 0;
}

int feed_bytes(struct feed *f, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (!*f->sbom && !(*f->sbom = mdsec_sbom_new()))
		return MDSEC_ENOMEM;
	*f->bytes += len;
	while (len) {
		size_t room = SCAN_KEEP + SCAN_CHUNK - f->len;
		size_t n = len < room ? len : room;
		int rc;

		memcpy(f->sc->buf + f->len, p, n);
		f->len += n;
		p += n;
		len -= n;
		if (f->len == SCAN_KEEP + SCAN_CHUNK &&
		    (rc = scan_chunk(f, false)) < 0)
			return rc;
	}
	return 0;
}

int feed_finish(struct feed *f)
{
	if (!*f->sbom && !(*f->sbom = mdsec_sbom_new()))
		return MDSEC_ENOMEM;
	return scan_chunk(f, true);
}

int mdsec_scan_buffer(mdsec_scanner *sc, const void *buf, size_t len,
		      const char *name, mdsec_sbom **sbom,
		      struct mdsec_diag_list *dl)
{
	return walk_buffer(sc, buf, len, name ? name : "buffer", sbom, dl);
}

int mdsec_scan_file(mdsec_scanner *sc, const char *path, const char *display,
		    mdsec_sbom **sbom, struct mdsec_diag_list *dl)
{
	return walk_file(sc, path, display ? display : path, sbom, dl);
}
