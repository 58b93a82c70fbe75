/* SPDX-License-Identifier: Apache-2.0
 *
 * fileio.c - capped reads and atomic writes; contract in fileio.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mdsec/error.h"
#include "base/fileio.h"
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

int file_write_atomic(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	int fd = -1, n, saved;

	if (!strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, data, len) < 0)
			return MDSEC_EIO;
		return 0;
	}
	n = snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return MDSEC_EIO;
	}
	if (io_fault())
		return MDSEC_EIO;
	fd = mkstemp(tmp);
	if (fd < 0)
		return MDSEC_EIO;
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 ||
	    io_fault() || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (io_fault() || rename(tmp, path) < 0)
		goto fail;
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return MDSEC_EIO;
}
