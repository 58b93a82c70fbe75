/* SPDX-License-Identifier: Apache-2.0
 *
 * fileio.h - reading whole files with a size cap, and writing outputs
 * atomically: a temporary file in the destination's directory, fsync,
 * rename; on any failure the temporary is removed and the destination is
 * untouched (curl Curl_altsvc_save). Documented in docs/internals/fileio.md.
 */
#ifndef MDSEC_FILEIO_H
#define MDSEC_FILEIO_H

#include <stddef.h>
#include "base/strbuf.h"

/*
 * Append the contents of path to out, refusing files over max bytes
 * (MDSEC_ELIMIT, nothing appended). Returns 0, MDSEC_ENOTFOUND (no such
 * file), MDSEC_EIO (any other failure; errno tells why) or MDSEC_ENOMEM.
 */
int file_read_capped(struct strbuf *out, const char *path, size_t max);

/*
 * Replace path with data[0..len) atomically. "-" writes to stdout.
 * Returns 0 or MDSEC_EIO (errno tells why; the destination is unchanged).
 */
int file_write_atomic(const char *path, const void *data, size_t len);

/*
 * Test shim: make the Nth write-path system call (open, write, fsync,
 * rename; counted from 1 after this call) of file_write_atomic() fail;
 * 0 turns it off.
 */
void fileio_fail_after(unsigned n);

/* True when path names an existing regular file or directory. */
int file_exists(const char *path);

#endif
