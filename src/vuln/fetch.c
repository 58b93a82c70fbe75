/* SPDX-License-Identifier: Apache-2.0
 *
 * fetch.c - `mdsec db update`: download the current feeds with libcurl,
 * then import them with mdsec_vulndb_import() in one transaction, so a
 * failed download or a malformed feed changes nothing.
 *
 * NVD CVE API 2.0 (nvd.nist.gov/developers/vulnerabilities): pages of
 * resultsPerPage=2000 walked by startIndex up to totalResults; after the
 * first update only the records modified since the newest one stored
 * (source "nvd", newest_modified) are asked for, with lastModStartDate
 * and lastModEndDate in windows of at most 120 days (the API's limit);
 * the key goes in the apiKey header; requests keep to the rolling rate
 * limit (5 per 30 s, 50 with a key). 403, 429 and 502-504 answers and
 * transient transfer errors are retried with exponential backoff, a
 * bounded number of times. The CISA KEV catalog and FIRST's EPSS CSV are
 * downloaded whole; a partial file left by an interrupted run is
 * continued with a Range request guarded by If-Range, so a file that
 * changed meanwhile is downloaded again rather than spliced.
 *
 * Everything goes to <db>.download/ (beside the database, not $TMPDIR:
 * a full NVD download is gigabytes), locked against a concurrent update
 * and removed after a successful import. Documented in docs/vulndb.md.
 */
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

#define FETCH_MAX_BYTES	   ((curl_off_t)1 << 30) /* per file, as the importer */
#define FETCH_TRIES	   5			 /* tries per request */
#define FETCH_MAX_REDIRS   5
#define FETCH_ERRBODY_MAX  65536  /* error page bytes read, then dropped */
#define FETCH_MAX_DELAY_MS 300000 /* the longest wait before a retry */
#define NVD_PAGE_SIZE	   2000	  /* the API's maximum resultsPerPage */
#define NVD_WINDOW_MS	   (120LL * 86400 * 1000) /* lastMod range limit */
#define NVD_MAX_PAGES	   100000
#define RATE_MAX	   50 /* requests per window with a key */
#define RATE_NO_KEY	   5  /* and without */

struct fetch {
	CURL *h;
	const struct mdsec_update_options *o;
	struct mdsec_update_stats *st;
	struct mdsec_diag_list *dl;
	struct strbuf dir; /* <db>.download */
	char **files;	   /* downloaded, in import order */
	size_t nfiles;
	long window_ms;
	int rate_limit;
	long long rate_times[RATE_MAX]; /* ring of request times (ms) */
	int rate_head, rate_n;

	/* the current transfer */
	const char *name; /* file name, for progress */
	int fd;
	curl_off_t off; /* bytes in the file before this transfer */
	curl_off_t got; /* bytes written by this transfer */
	curl_off_t dropped;
	bool body_started, discard, resumable, too_big, bad_range;
	int write_errno;
	curl_off_t range_start; /* from Content-Range, -1 none */
	long retry_after;	/* seconds, -1 none */
	char etag[256], lastmod[128], message[256];
	const char *info_path, *url;
	char errbuf[CURL_ERROR_SIZE];
	struct strbuf why; /* what went wrong (retry or fail) */
	const char *expect;
};

/* The URL as shown in messages: user:password@ hidden. */
static void url_shown(struct strbuf *out, const char *url)
{
	const char *s = strstr(url, "://"), *end, *at;

	if (!s) {
		strbuf_addstr(out, url);
		return;
	}
	s += 3;
	end = s + strcspn(s, "/?#");
	at = memchr(s, '@', (size_t)(end - s));
	if (!at) {
		strbuf_addstr(out, url);
		return;
	}
	strbuf_add(out, url, (size_t)(s - url));
	strbuf_addstr(out, "***");
	strbuf_addstr(out, at);
}

/* Record the failure of url: "URL: what (expected ...)"; MDSEC_EIO. */
static int fail(struct fetch *f, const char *url, const char *expect,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(struct fetch *f, const char *url, const char *expect,
		const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (url) {
		url_shown(&sb, url);
		strbuf_addstr(&sb, ": ");
	}
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addf(&sb, " (expected %s)", expect);
	snprintf(f->st->error, sizeof(f->st->error), "%s", sb.buf);
	strbuf_release(&sb);
	return MDSEC_EIO;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Wait until one more NVD request keeps within the rolling window. */
static void rate_wait(struct fetch *f)
{
	if (f->rate_n < f->rate_limit)
		return;
	sleep_ms(f->rate_times[f->rate_head] + f->window_ms - now_ms());
}

/* Count a request, at its end: the window runs from there. */
static void rate_note(struct fetch *f)
{
	f->rate_times[f->rate_head] = now_ms();
	f->rate_head = (f->rate_head + 1) % f->rate_limit;
	if (f->rate_n < f->rate_limit)
		f->rate_n++;
}

static bool header_is(const char *line, size_t n, const char *name,
		      const char **value, size_t *vlen)
{
	size_t k = strlen(name);

	if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
		return false;
	line += k + 1;
	n -= k + 1;
	while (n && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' ||
		     line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	*value = line;
	*vlen = n;
	return true;
}

/* Copy a header value; one that does not fit is dropped, not cut.
 * Control characters become '?' (a message may reach a terminal). */
static void header_copy(char *dst, size_t size, const char *v, size_t n)
{
	size_t i;

	if (n >= size)
		n = 0;
	for (i = 0; i < n; i++)
		dst[i] =
			(unsigned char)v[i] < 0x20 || v[i] == 0x7f ? '?' : v[i];
	dst[n] = '\0';
}

/* A decimal number of at most 18 digits, the whole of [p, p + n). */
static bool decimal(const char *p, size_t n, long long *out)
{
	size_t i;

	if (n == 0 || n > 18)
		return false;
	*out = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*out = *out * 10 + (p[i] - '0');
	}
	return true;
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct fetch *f = arg;
	const char *v;
	size_t vlen, len = size * n;
	long long num;

	if (len >= 5 && !memcmp(line, "HTTP/", 5)) {
		/* a new response (after a redirect): forget the last one */
		f->etag[0] = f->lastmod[0] = f->message[0] = '\0';
		f->range_start = -1;
		f->retry_after = -1;
		f->body_started = false;
		f->discard = false;
	} else if (header_is(line, len, "ETag", &v, &vlen)) {
		/* If-Range needs a strong validator */
		if (vlen < 2 || memcmp(v, "W/", 2))
			header_copy(f->etag, sizeof(f->etag), v, vlen);
	} else if (header_is(line, len, "Last-Modified", &v, &vlen)) {
		header_copy(f->lastmod, sizeof(f->lastmod), v, vlen);
	} else if (header_is(line, len, "message", &v, &vlen)) {
		/* NVD explains a refused request in this header */
		header_copy(f->message, sizeof(f->message), v, vlen);
	} else if (header_is(line, len, "Retry-After", &v, &vlen)) {
		if (decimal(v, vlen, &num))
			f->retry_after = (long)(num > 3600 ? 3600 : num);
	} else if (header_is(line, len, "Content-Range", &v, &vlen)) {
		const char *dash;

		if (vlen > 6 && !memcmp(v, "bytes ", 6)) {
			dash = memchr(v + 6, '-', vlen - 6);
			if (dash &&
			    decimal(v + 6, (size_t)(dash - v - 6), &num))
				f->range_start = (curl_off_t)num;
		}
	}
	return len;
}

/* What a resumable download was started from: its URL and validator. */
static void save_validator(struct fetch *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *val = *f->etag ? f->etag : f->lastmod;

	if (!f->info_path)
		return;
	unlink(f->info_path);
	if (!*val)
		return; /* no validator: the file cannot be resumed safely */
	strbuf_addf(&sb, "%s\n%s\n", f->url, val);
	if (file_write_atomic(f->info_path, sb.buf, sb.len) < 0)
		unlink(f->info_path);
	strbuf_release(&sb);
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct fetch *f = arg;
	size_t len = size * n, done = 0;
	long status = 0;

	if (!f->body_started) {
		f->body_started = true;
		curl_easy_getinfo(f->h, CURLINFO_RESPONSE_CODE, &status);
		if (status == 206) {
			if (f->range_start != f->off) {
				f->bad_range = true;
				return 0;
			}
		} else if (status == 200) {
			if (f->off > 0) {
				/* the whole file again (it changed) */
				if (ftruncate(f->fd, 0) < 0 ||
				    lseek(f->fd, 0, SEEK_SET) < 0) {
					f->write_errno = errno;
					return 0;
				}
				f->off = 0;
			}
			if (f->resumable)
				save_validator(f);
		} else {
			f->discard = true;
		}
	}
	if (f->discard) {
		f->dropped += (curl_off_t)len;
		return f->dropped > FETCH_ERRBODY_MAX ? 0 : len;
	}
	if (f->off + f->got + (curl_off_t)len > FETCH_MAX_BYTES) {
		f->too_big = true;
		return 0;
	}
	while (done < len) {
		ssize_t w = write(f->fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->write_errno = w < 0 ? errno : EIO;
			return 0;
		}
		done += (size_t)w;
	}
	f->got += (curl_off_t)len;
	f->st->bytes += len;
	return len;
}

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct fetch *f = arg;

	(void)ultotal;
	(void)ulnow;
	if (f->discard)
		return 0;
	f->o->progress(f->o->progress_arg, f->name, (uint64_t)(f->off + dlnow),
		       dltotal > 0 ? (uint64_t)(f->off + dltotal) : 0);
	return 0;
}

static bool retryable_status(long status)
{
	return status == 403 || status == 429 || status == 502 ||
	       status == 503 || status == 504;
}

static bool retryable_curl(CURLcode c)
{
	return c == CURLE_PARTIAL_FILE || c == CURLE_OPERATION_TIMEDOUT ||
	       c == CURLE_RECV_ERROR || c == CURLE_SEND_ERROR ||
	       c == CURLE_GOT_NOTHING || c == CURLE_HTTP2 ||
	       c == CURLE_HTTP2_STREAM;
}

static const char *curl_expect(CURLcode c)
{
	switch (c) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return "an http or https URL";
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		return "a reachable server: check the URL, the network and "
		       "the proxy variables";
	case CURLE_OPERATION_TIMEDOUT:
		return "a server that connects within 30 s and keeps sending";
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		return "a certificate the CA bundle trusts (CURL_CA_BUNDLE, "
		       "SSL_CERT_FILE)";
	case CURLE_TOO_MANY_REDIRECTS:
		return "at most 5 redirects";
	case CURLE_FILESIZE_EXCEEDED:
		return "a feed of at most 1 GiB";
	default:
		return "a complete HTTP response";
	}
}

static void set_ca(CURL *h)
{
	const char *bundle = getenv("CURL_CA_BUNDLE"), *dir;

	if (!bundle || !*bundle)
		bundle = getenv("SSL_CERT_FILE");
	if (bundle && *bundle)
		curl_easy_setopt(h, CURLOPT_CAINFO, bundle);
	dir = getenv("SSL_CERT_DIR");
	if (dir && *dir)
		curl_easy_setopt(h, CURLOPT_CAPATH, dir);
}

/* The "If-Range: validator" header that resumes what url started
 * (info file: the URL, then the validator); -1 when there is none. */
static int read_validator(const char *info, const char *url, struct strbuf *out)
{
	struct strbuf saved = STRBUF_INIT;
	size_t n = strlen(url);
	const char *val;
	int rc = -1;

	if (file_read_capped(&saved, info, 8192) == 0 && saved.len > n + 2 &&
	    !memcmp(saved.buf, url, n) && saved.buf[n] == '\n' &&
	    saved.buf[saved.len - 1] == '\n') {
		val = saved.buf + n + 1;
		saved.buf[saved.len - 1] = '\0';
		if (*val && !strpbrk(val, "\r\n")) {
			strbuf_addf(out, "If-Range: %s", val);
			rc = 0;
		}
	}
	strbuf_release(&saved);
	return rc;
}

/* One GET of url into path: 0 done, 1 worth another try, < 0 failed
 * (st->error says why). f->why and f->expect describe a retry. */
static int transfer(struct fetch *f, const char *url, const char *path,
		    const char *info, bool nvd, struct curl_slist *hdrs)
{
	struct curl_slist *h = hdrs, *extra = NULL;
	struct strbuf range = STRBUF_INIT, ifrange = STRBUF_INIT;
	struct stat sb;
	bool https = !strncasecmp(url, "https:", 6);
	long status = 0;
	CURLcode c;
	int rc;

	f->off = 0;
	if (info && stat(path, &sb) == 0 && sb.st_size > 0 &&
	    read_validator(info, url, &ifrange) == 0) {
		f->off = (curl_off_t)sb.st_size;
		strbuf_addf(&range, "%lld-", (long long)f->off);
		/* resumable downloads send no other header */
		extra = curl_slist_append(NULL, ifrange.buf);
		if (!extra) {
			strbuf_release(&range);
			strbuf_release(&ifrange);
			return MDSEC_ENOMEM;
		}
		h = extra;
	}
	f->fd = open(path,
		     O_WRONLY | O_CREAT | O_CLOEXEC | (f->off ? 0 : O_TRUNC),
		     0600);
	if (f->fd < 0 || lseek(f->fd, f->off, SEEK_SET) < 0) {
		rc = fail(f, NULL, "a writable directory beside the database",
			  "cannot write '%s': %s", path, strerror(errno));
		if (f->fd >= 0)
			close(f->fd);
		curl_slist_free_all(extra);
		strbuf_release(&range);
		strbuf_release(&ifrange);
		return rc;
	}
	f->got = f->dropped = 0;
	f->body_started = f->discard = f->too_big = f->bad_range = false;
	f->write_errno = 0;
	f->range_start = -1;
	f->retry_after = -1;
	f->etag[0] = f->lastmod[0] = f->message[0] = f->errbuf[0] = '\0';
	f->resumable = info != NULL;
	f->info_path = info;
	f->url = url;

	curl_easy_reset(f->h);
	curl_easy_setopt(f->h, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(f->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(f->h, CURLOPT_REDIR_PROTOCOLS_STR,
			 https ? "https" : "http,https");
#else
	curl_easy_setopt(f->h, CURLOPT_PROTOCOLS,
			 (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(f->h, CURLOPT_REDIR_PROTOCOLS,
			 https ? (long)CURLPROTO_HTTPS
			       : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	/* the API key stays with NVD: its requests follow no redirect */
	curl_easy_setopt(f->h, CURLOPT_FOLLOWLOCATION, nvd ? 0L : 1L);
	curl_easy_setopt(f->h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRS);
	curl_easy_setopt(f->h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(f->h, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(f->h, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(f->h, CURLOPT_MAXFILESIZE_LARGE, FETCH_MAX_BYTES);
	curl_easy_setopt(f->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(f->h, CURLOPT_USERAGENT, "mdsec/" MDSEC_VERSION);
	curl_easy_setopt(f->h, CURLOPT_ERRORBUFFER, f->errbuf);
	curl_easy_setopt(f->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(f->h, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(f->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(f->h, CURLOPT_HEADERDATA, f);
	if (h)
		curl_easy_setopt(f->h, CURLOPT_HTTPHEADER, h);
	if (f->off)
		curl_easy_setopt(f->h, CURLOPT_RANGE, range.buf);
	if (nvd) /* pages are JSON text: let the server compress them */
		curl_easy_setopt(f->h, CURLOPT_ACCEPT_ENCODING, "");
	if (f->o->progress) {
		curl_easy_setopt(f->h, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(f->h, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(f->h, CURLOPT_XFERINFODATA, f);
	}
	set_ca(f->h);

	c = curl_easy_perform(f->h);
	f->st->requests++;
	curl_easy_getinfo(f->h, CURLINFO_RESPONSE_CODE, &status);
	if (c == CURLE_OK && !f->body_started) {
		/* an empty body: on_body() never decided about the file */
		if (status == 206)
			f->bad_range = true;
		else if (status == 200 && f->off > 0 && ftruncate(f->fd, 0) < 0)
			f->write_errno = errno;
	}
	curl_slist_free_all(extra);
	strbuf_release(&range);
	strbuf_release(&ifrange);
	if (close(f->fd) < 0 && !f->write_errno && c == CURLE_OK)
		f->write_errno = errno;
	strbuf_reset(&f->why);
	if (f->too_big)
		return fail(f, url, "a feed of at most 1 GiB",
			    "larger than %lld bytes",
			    (long long)FETCH_MAX_BYTES);
	if (f->write_errno)
		return fail(f, NULL, "a writable directory beside the database",
			    "cannot write '%s': %s", path,
			    strerror(f->write_errno));
	if (f->bad_range || status == 416) {
		/* the partial file is of no use: start again */
		unlink(path);
		if (info)
			unlink(info);
		strbuf_addf(&f->why, "answered the Range request with "
				     "other bytes");
		f->expect = "the rest of the file from its Content-Range";
		return 1;
	}
	if (c != CURLE_OK && !(c == CURLE_WRITE_ERROR && f->discard)) {
		/* libcurl's detailed message, else its generic one, as a
		 * message of ours: lower case, no line break */
		strbuf_addstr(&f->why,
			      *f->errbuf ? f->errbuf : curl_easy_strerror(c));
		while (f->why.len && f->why.buf[f->why.len - 1] == '\n')
			strbuf_setlen(&f->why, f->why.len - 1);
		if (f->why.buf[0] >= 'A' && f->why.buf[0] <= 'Z' &&
		    f->why.buf[1] >= 'a' && f->why.buf[1] <= 'z')
			f->why.buf[0] = (char)(f->why.buf[0] - 'A' + 'a');
		f->expect = curl_expect(c);
		if (retryable_curl(c))
			return 1;
		return fail(f, url, f->expect, "%s", f->why.buf);
	}
	if (status == 200 || status == 206)
		return 0;
	strbuf_addf(&f->why, "HTTP %ld", status);
	if (*f->message)
		strbuf_addf(&f->why, ": %s", f->message);
	f->expect = "200 OK";
	if (retryable_status(status))
		return 1;
	return fail(f, url, f->expect, "%s", f->why.buf);
}

/* GET url into path with retries (NVD requests within the rate limit).
 * A resumable download goes to path.part, renamed to path when done. */
static int get(struct fetch *f, const char *url, const char *path, bool nvd,
	       bool resumable, struct curl_slist *hdrs)
{
	struct strbuf part = STRBUF_INIT, info = STRBUF_INIT;
	long long base = f->window_ms / 5, delay;
	int tries, rc = 0;

	if (resumable) {
		strbuf_addf(&part, "%s.part", path);
		strbuf_addf(&info, "%s.part.info", path);
	}
	for (tries = 1;; tries++) {
		if (nvd)
			rate_wait(f);
		rc = transfer(f, url, resumable ? part.buf : path,
			      resumable ? info.buf : NULL, nvd, hdrs);
		if (nvd)
			rate_note(f);
		if (rc <= 0)
			break;
		if (tries == FETCH_TRIES) {
			rc = fail(f, url, f->expect, "%s, %d times", f->why.buf,
				  tries);
			break;
		}
		delay = base << (tries - 1);
		if (f->retry_after >= 0 && f->retry_after * 1000LL > delay)
			delay = f->retry_after * 1000LL;
		if (delay > FETCH_MAX_DELAY_MS)
			delay = FETCH_MAX_DELAY_MS;
		sleep_ms(delay);
	}
	if (rc == 0 && resumable) {
		if (rename(part.buf, path) < 0)
			rc = fail(f, NULL,
				  "a writable directory beside the database",
				  "cannot rename '%s': %s", part.buf,
				  strerror(errno));
		unlink(info.buf);
	}
	strbuf_release(&part);
	strbuf_release(&info);
	return rc;
}

static int add_file(struct fetch *f, const char *path)
{
	char **grown, *copy = xstrdup(path);

	grown = copy ? xreallocarray(f->files, f->nfiles + 1, sizeof(*f->files))
		     : NULL;
	if (!grown) {
		xfree(copy);
		return MDSEC_ENOMEM;
	}
	f->files = grown;
	f->files[f->nfiles++] = copy;
	return 0;
}

/* "YYYY-MM-DDThh:mm[:ss[.fff]]" (UTC: API 2.0 writes seconds and
 * milliseconds, the 1.1 feeds minutes and "Z") in ms, or -1. */
static long long parse_time(const char *s)
{
	struct tm tm;
	int ms = 0, scale = 100, used = 0;
	const char *p;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &used) != 5 ||
	    used != 16 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59)
		return -1;
	p = s + 16;
	if (p[0] == ':') {
		if (p[1] < '0' || p[1] > '5' || p[2] < '0' || p[2] > '9')
			return -1;
		tm.tm_sec = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9' && scale; p++) {
				ms += (*p - '0') * scale;
				scale /= 10;
			}
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm) * 1000 + ms;
}

/* The NVD API's date-time form, the zone's "+" written as plus ("%2B"
 * in a URL). */
static void format_time(char *buf, size_t n, long long ms, const char *plus)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char tmp[128]; /* room for any int, so no truncation to think of */
	size_t len;

	gmtime_r(&t, &tm);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s00:00",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (int)(ms % 1000), plus);
	len = strlen(tmp);
	if (len >= n)
		len = n - 1;
	memcpy(buf, tmp, len);
	buf[len] = '\0';
}

/* Read one downloaded NVD page: its totalResults and record count. */
static int nvd_page(struct fetch *f, const char *path, long long *total,
		    size_t *n)
{
	json_error_t e;
	json_t *root = json_load_file(path, 0, &e), *tr, *vs;
	struct mdsec_loc l = { path, 1, 1 };
	int rc = 0;

	if (!root) {
		l.line = e.line > 0 ? (unsigned)e.line : 1;
		l.col = e.column > 0 ? (unsigned)e.column : 1;
		return diag_error(f->dl, l, "%s (expected a JSON feed)",
				  e.text);
	}
	tr = json_object_get(root, "totalResults");
	vs = json_object_get(root, "vulnerabilities");
	if (!json_is_integer(tr) || json_integer_value(tr) < 0 ||
	    !json_is_array(vs)) {
		rc = diag_error(f->dl, l,
				"not an NVD CVE API 2.0 page (expected "
				"\"totalResults\" and \"vulnerabilities\")");
	} else {
		*total = (long long)json_integer_value(tr);
		*n = json_array_size(vs);
	}
	json_decref(root);
	return rc;
}

/* Every page of one query (from and to in ms, or -1 for no dates). */
static int nvd_query(struct fetch *f, const char *base, int window,
		     long long from, long long to, struct curl_slist *hdrs)
{
	char start[40], end[40];
	long long index = 0, total = 0;
	int page, rc = 0;

	if (from >= 0) {
		format_time(start, sizeof(start), from, "%2B");
		format_time(end, sizeof(end), to, "%2B");
	}
	for (page = 0; page < NVD_MAX_PAGES; page++) {
		struct strbuf url = STRBUF_INIT, path = STRBUF_INIT;
		size_t n = 0;

		strbuf_addf(&url, "%s%cresultsPerPage=%d&startIndex=%lld", base,
			    strchr(base, '?') ? '&' : '?', NVD_PAGE_SIZE,
			    index);
		if (from >= 0)
			strbuf_addf(&url,
				    "&lastModStartDate=%s&lastModEndDate=%s",
				    start, end);
		strbuf_addf(&path, "%s/nvd-%03d-%05d.json", f->dir.buf, window,
			    page);
		f->name = path.buf + f->dir.len + 1;
		rc = get(f, url.buf, path.buf, true, false, hdrs);
		if (rc == 0)
			rc = nvd_page(f, path.buf, &total, &n);
		if (rc == 0)
			rc = add_file(f, path.buf);
		if (rc == 0 && n == 0 && index < total)
			rc = fail(f, url.buf, "records up to totalResults",
				  "an empty page at startIndex %lld of %lld",
				  index, total);
		strbuf_release(&url);
		strbuf_release(&path);
		if (rc < 0)
			return rc;
		index += (long long)n;
		if (index >= total)
			return 0;
	}
	return fail(f, base, "fewer pages", "more than %d pages",
		    NVD_MAX_PAGES);
}

static int fetch_nvd(struct fetch *f, mdsec_vulndb *db)
{
	struct mdsec_vulndb_source src[16];
	struct curl_slist *hdrs = NULL;
	const char *base = f->o->nvd_url ? f->o->nvd_url : MDSEC_NVD_URL;
	const char *key = f->o->api_key;
	long long since = -1, now, from;
	size_t n = 0, i;
	int window = 0, rc;

	if (key && *key) {
		struct strbuf h = STRBUF_INIT;

		if (strpbrk(key, "\r\n"))
			return fail(f, NULL, "the key NVD sent",
				    "NVD_API_KEY holds a line break");
		strbuf_addf(&h, "apiKey: %s", key);
		hdrs = curl_slist_append(NULL, h.buf);
		strbuf_release(&h);
		if (!hdrs)
			return MDSEC_ENOMEM;
	}
	if (!f->o->full && mdsec_vulndb_sources(db, src, 16, &n) == 0)
		for (i = 0; i < n; i++)
			if (!strcmp(src[i].name, "nvd") &&
			    *src[i].newest_modified)
				since = parse_time(src[i].newest_modified);
	if (since < 0) {
		f->st->nvd_since[0] = '\0';
		rc = nvd_query(f, base, 0, -1, -1, hdrs);
		curl_slist_free_all(hdrs);
		return rc;
	}
	format_time(f->st->nvd_since, sizeof(f->st->nvd_since), since, "+");
	now = (long long)time(NULL) * 1000;
	if (now < since)
		now = since;
	from = since;
	do {
		long long to =
			now - from > NVD_WINDOW_MS ? from + NVD_WINDOW_MS : now;

		rc = nvd_query(f, base, window++, from, to, hdrs);
		from = to;
	} while (rc == 0 && from < now);
	curl_slist_free_all(hdrs);
	return rc;
}

/* A file name for a whole-file download, from the URL's last segment. */
static void file_name(struct strbuf *out, const char *prefix, const char *url)
{
	const char *p = url + strcspn(url, "?#"), *s = p;
	size_t n = 0;

	while (s > url && s[-1] != '/')
		s--;
	strbuf_addf(out, "%s-", prefix);
	for (; s < p && n < 100; s++, n++)
		strbuf_addch(out, (*s >= 'a' && *s <= 'z') ||
						  (*s >= 'A' && *s <= 'Z') ||
						  (*s >= '0' && *s <= '9') ||
						  *s == '.' || *s == '-' ||
						  *s == '_'
					  ? *s
					  : '_');
	if (n == 0)
		strbuf_addstr(out, "feed");
}

static int fetch_whole(struct fetch *f, const char *prefix, const char *url)
{
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
	int rc;

	file_name(&name, prefix, url);
	strbuf_addf(&path, "%s/%s", f->dir.buf, name.buf);
	f->name = name.buf;
	rc = get(f, url, path.buf, false, true, NULL);
	if (rc == 0)
		rc = add_file(f, path.buf);
	strbuf_release(&name);
	strbuf_release(&path);
	return rc;
}

/* A partial download worth keeping: name.part, not empty, with its
 * name.part.info (or that info file, of such a part). */
static bool resumable_file(const char *dir, const char *name)
{
	struct strbuf part = STRBUF_INIT, info = STRBUF_INIT;
	size_t n = strlen(name);
	struct stat sb;
	bool keep = false;

	if (n > 5 && !strcmp(name + n - 5, ".part"))
		strbuf_addf(&part, "%s/%s", dir, name);
	else if (n > 10 && !strcmp(name + n - 10, ".part.info"))
		strbuf_addf(&part, "%s/%.*s", dir, (int)(n - 5), name);
	if (part.len) {
		strbuf_addf(&info, "%s.info", part.buf);
		keep = stat(part.buf, &sb) == 0 && sb.st_size > 0 &&
		       stat(info.buf, &sb) == 0;
	}
	strbuf_release(&part);
	strbuf_release(&info);
	return keep;
}

/* Remove the download directory's files but the lock, and those that
 * can be resumed if asked; true when nothing else is left. */
static bool clean_dir(struct fetch *f, bool keep_partial)
{
	DIR *d = opendir(f->dir.buf);
	struct dirent *e;
	bool empty = true;

	if (!d)
		return false;
	while ((e = readdir(d))) {
		struct strbuf p = STRBUF_INIT;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, "lock"))
			continue;
		if (keep_partial && resumable_file(f->dir.buf, e->d_name)) {
			empty = false;
			continue;
		}
		strbuf_addf(&p, "%s/%s", f->dir.buf, e->d_name);
		if (unlink(p.buf) < 0)
			empty = false;
		strbuf_release(&p);
	}
	closedir(d);
	return empty;
}

/* Lock <db>.download/lock; the file must still be the one locked (a
 * finishing update removes it). */
static int lock_dir(struct fetch *f, const char *lock, int *fd)
{
	struct stat a, b;

	*fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		return fail(f, NULL, "a writable directory beside the database",
			    "cannot create '%s': %s", lock, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0 || fstat(*fd, &a) < 0 ||
	    stat(lock, &b) < 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev)
		return fail(f, NULL, "one update of a database at a time",
			    "cannot lock '%s': another update is running",
			    lock);
	return 0;
}

int mdsec_vulndb_update(mdsec_vulndb *db, const struct mdsec_update_options *o,
			struct mdsec_update_stats *st,
			struct mdsec_diag_list *dl)
{
	unsigned which = o->sources ? o->sources : MDSEC_UPDATE_ALL;
	struct strbuf lock = STRBUF_INIT;
	struct fetch f;
	int lockfd = -1, rc = 0;
	size_t i;

	memset(st, 0, sizeof(*st));
	memset(&f, 0, sizeof(f));
	f.o = o;
	f.st = st;
	f.dl = dl;
	f.fd = -1;
	f.window_ms = o->rate_window_ms > 0 ? o->rate_window_ms : 30000;
	f.rate_limit = o->api_key && *o->api_key ? RATE_MAX : RATE_NO_KEY;
	strbuf_init(&f.dir, 0);
	strbuf_init(&f.why, 0);
	strbuf_addf(&f.dir, "%s.download", db->path);
	strbuf_addf(&lock, "%s/lock", f.dir.buf);
	if (mkdir(f.dir.buf, 0700) < 0 && errno != EEXIST) {
		rc = fail(&f, NULL, "a writable directory beside the database",
			  "cannot create '%s': %s", f.dir.buf, strerror(errno));
		goto out;
	}
	rc = lock_dir(&f, lock.buf, &lockfd);
	if (rc < 0)
		goto out;
	/* pages of an earlier run are stale; partial files are resumed */
	clean_dir(&f, true);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = fail(&f, NULL, "a working libcurl",
			  "cannot initialise libcurl");
		goto out;
	}
	f.h = curl_easy_init();
	if (!f.h)
		rc = MDSEC_ENOMEM;
	if (rc == 0 && (which & MDSEC_UPDATE_NVD))
		rc = fetch_nvd(&f, db);
	if (rc == 0 && (which & MDSEC_UPDATE_KEV))
		rc = fetch_whole(&f, "kev",
				 o->kev_url ? o->kev_url : MDSEC_KEV_URL);
	if (rc == 0 && (which & MDSEC_UPDATE_EPSS))
		rc = fetch_whole(&f, "epss",
				 o->epss_url ? o->epss_url : MDSEC_EPSS_URL);
	if (f.h)
		curl_easy_cleanup(f.h);
	curl_global_cleanup();
	if (rc == 0)
		rc = mdsec_vulndb_import(db, (const char *const *)f.files,
					 f.nfiles, &st->imported, dl);
	/* a malformed feed stays for a look (the diagnostics name it);
	 * after other failures only what can be resumed is kept */
	if (rc != MDSEC_EINPUT && clean_dir(&f, rc != 0)) {
		unlink(lock.buf);
		rmdir(f.dir.buf);
	}
out:
	if (lockfd >= 0)
		close(lockfd);
	for (i = 0; i < f.nfiles; i++)
		xfree(f.files[i]);
	xfree(f.files);
	strbuf_release(&f.dir);
	strbuf_release(&f.why);
	strbuf_release(&lock);
	return rc;
}
