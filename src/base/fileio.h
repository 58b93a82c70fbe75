/* SPDX-License-Identifier: Apache-2.0
 *
 * fileio.h - reading whole files with a size cap, and writing outputs
 * atomically: a temporary file in the destination's directory, fsync,
 * rename; on any failure the temporary is removed and the destination is
 * untouched (curl Curl_altsvc_save). Documented in docs/internals/fileio.md.
 */
#ifndef MDSEC_FILEIO_H
#define MDSEC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include "base/strbuf.h"

/*
 * Append the contents of path to out, refusing files over max bytes
 * (MDSEC_ELIMIT, nothing appended). Returns 0, MDSEC_ENOTFOUND (no such
 * file), MDSEC_EIO (any other failure; errno tells why) or MDSEC_ENOMEM.
 */
int file_read_capped(struct strbuf *out, const char *path, size_t max);

/*
 * The names in dir that end with one of suffixes (a NULL-terminated list,
 * e.g. ".yaml"; NULL: every name), dot files skipped, sorted bytewise: the order every
 * directory of inputs (rules, signatures, feeds) is read in. *out is
 * NULL-terminated; free it with dir_list_free(). Returns 0,
 * MDSEC_ENOTFOUND, MDSEC_EIO (errno tells why) or MDSEC_ENOMEM.
 */
int dir_list(char ***out, const char *dir, const char *const *suffixes);
void dir_list_free(char **names);

/*
 * Replace path with data[0..len) atomically. "-" writes to stdout; an
 * existing path that is not a regular file (a device, a pipe) is written
 * to directly, never replaced.
 * Returns 0 or MDSEC_EIO (errno tells why; the destination is unchanged).
 */
int file_write_atomic(const char *path, const void *data, size_t len);

/*
 * The same as a stream, for outputs too large to build in memory:
 * atomic_open(), any number of atomic_write(), then atomic_commit() (which
 * renames into place) or atomic_abort() (which removes the temporary).
 * A failed write makes the commit fail. All return 0 or MDSEC_EIO.
 */
struct atomic_out {
	int fd;		 /* where bytes go; -1 when closed */
	bool direct;	 /* stdout, a device or a pipe: no rename */
	bool failed;	 /* a write failed */
	char path[4096]; /* destination */
	char tmp[4112];	 /* temporary file in the same directory */
	char buf[65536]; /* pending bytes, written when full */
	size_t nbuf;	 /* bytes pending in buf */
};

int atomic_open(struct atomic_out *o, const char *path);
int atomic_write(struct atomic_out *o, const void *data, size_t len);
int atomic_commit(struct atomic_out *o);
void atomic_abort(struct atomic_out *o);

/*
 * Test shim: make the Nth write-path system call (open, write, fsync,
 * rename; counted from 1 after this call) of file_write_atomic() fail;
 * 0 turns it off.
 */
void fileio_fail_after(unsigned n);

/* True when path names an existing regular file or directory. */
int file_exists(const char *path);

#endif
