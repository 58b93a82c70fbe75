/* SPDX-License-Identifier: Apache-2.0
 *
 * fileio.c - capped reads and atomic writes; contract in fileio.h.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mdsec/error.h"
#include "base/fileio.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "base/banned.h"

static unsigned io_fail_at, io_calls;

void fileio_fail_after(unsigned n)
{
	io_fail_at = n;
	io_calls = 0;
}

static int io_fault(void)
{
	io_calls++;
	if (io_fail_at && io_calls >= io_fail_at) {
		errno = EIO;
		return 1;
	}
	return 0;
}

int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int file_read_capped(struct strbuf *out, const char *path, size_t max)
{
	char chunk[65536];
	size_t start = out->len;
	ssize_t n;
	int fd, error = 0;
	struct stat st;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? MDSEC_ENOTFOUND
							   : MDSEC_EIO;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return MDSEC_EIO;
	}
	/* Never trust st_size: read until EOF, counting against max. */
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = MDSEC_EIO;
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n > max - (out->len - start)) {
			error = MDSEC_ELIMIT;
			break;
		}
		error = strbuf_add(out, chunk, (size_t)n);
		if (error < 0)
			break;
	}
	close(fd);
	if (error < 0)
		strbuf_setlen(out, start);
	return error;
}

static int write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		if (io_fault())
			return -1;
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_open(struct atomic_out *o, const char *path)
{
	struct stat st;
	int n;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (!strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		o->direct = true;
		return 0;
	}
	/* A device or pipe (-o /dev/null, -o /dev/stdout) is written to as
	 * it is: renaming a temporary file over it would replace it. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->fd = open(path, O_WRONLY | O_CLOEXEC);
		o->direct = true;
		return o->fd < 0 ? MDSEC_EIO : 0;
	}
	n = snprintf(o->path, sizeof(o->path), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(o->path) - 16) {
		errno = ENAMETOOLONG;
		return MDSEC_EIO;
	}
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp-XXXXXX", path);
	if (io_fault())
		return MDSEC_EIO;
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0)
		return MDSEC_EIO;
	if (fchmod(o->fd, 0644) < 0) {
		atomic_abort(o);
		return MDSEC_EIO;
	}
	return 0;
}

static int flush_buf(struct atomic_out *o)
{
	if (o->nbuf && write_all(o->fd, o->buf, o->nbuf) < 0)
		o->failed = true;
	o->nbuf = 0;
	return o->failed ? MDSEC_EIO : 0;
}

int atomic_write(struct atomic_out *o, const void *data, size_t len)
{
	if (o->failed)
		return MDSEC_EIO;
	if (len > sizeof(o->buf) - o->nbuf) {
		if (flush_buf(o) < 0)
			return MDSEC_EIO;
		if (len > sizeof(o->buf)) {
			if (write_all(o->fd, data, len) < 0)
				o->failed = true;
			return o->failed ? MDSEC_EIO : 0;
		}
	}
	memcpy(o->buf + o->nbuf, data, len);
	o->nbuf += len;
	return 0;
}

int atomic_commit(struct atomic_out *o)
{
	int saved;

	flush_buf(o);
	if (o->direct) {
		if (o->fd == STDOUT_FILENO)
			return o->failed ? MDSEC_EIO : 0;
		saved = close(o->fd);
		o->fd = -1;
		return o->failed || saved < 0 ? MDSEC_EIO : 0;
	}
	if (o->failed || io_fault() || fsync(o->fd) < 0)
		goto fail;
	saved = close(o->fd);
	o->fd = -1;
	if (saved < 0 || io_fault() || rename(o->tmp, o->path) < 0)
		goto fail;
	return 0;
fail:
	atomic_abort(o);
	return MDSEC_EIO;
}

void atomic_abort(struct atomic_out *o)
{
	int saved = errno;

	if (o->fd >= 0 && o->fd != STDOUT_FILENO)
		close(o->fd);
	o->fd = -1;
	if (!o->direct && o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
	errno = saved;
}

int file_write_atomic(const char *path, const void *data, size_t len)
{
	struct atomic_out o;
	int error;

	error = atomic_open(&o, path);
	if (error < 0)
		return error;
	error = atomic_write(&o, data, len);
	if (error < 0) {
		atomic_abort(&o);
		return error;
	}
	return atomic_commit(&o);
}

static bool has_suffix(const char *name, const char *const *suffixes)
{
	size_t n = strlen(name), m;

	if (!suffixes)
		return true;
	for (; *suffixes; suffixes++) {
		m = strlen(*suffixes);
		if (n > m && !strcmp(name + n - m, *suffixes))
			return true;
	}
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dir_list_free(char **names)
{
	size_t i;

	for (i = 0; names && names[i]; i++)
		xfree(names[i]);
	xfree(names);
}

int dir_list(char ***out, const char *dir, const char *const *suffixes)
{
	VEC(char *) names = VEC_INIT;
	struct dirent *d;
	DIR *dp = opendir(dir);
	char *p;
	int rc = 0;

	*out = NULL;
	if (!dp)
		return errno == ENOENT ? MDSEC_ENOTFOUND : MDSEC_EIO;
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.' || !has_suffix(d->d_name, suffixes))
			continue;
		p = xstrdup(d->d_name);
		if (!p || vec_push(&names, p) < 0) {
			xfree(p);
			rc = MDSEC_ENOMEM;
			break;
		}
	}
	closedir(dp);
	if (rc == 0 && vec_push(&names, (char *)NULL) < 0)
		rc = MDSEC_ENOMEM;
	if (rc < 0) {
		size_t i;

		for (i = 0; i < names.n; i++)
			xfree(names.v[i]);
		vec_release(&names);
		return rc;
	}
	qsort(names.v, names.n - 1, sizeof(*names.v), cmp_name);
	*out = names.v;
	return 0;
}
