/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_decode.h - the checks shared by fuzz_ihex.c, fuzz_srec.c and
 * fuzz_uf2.c (scan/decode.h): sniffing any bytes is safe; decoding them
 * returns 0 (no message, no place) or MDSEC_EINPUT (a message and a
 * 1-based line or block), and never yields more bytes than it was given;
 * decoding into a buffer capped at half the first result stops with
 * MDSEC_ELIMIT, no later than the first run's error, and holds a prefix
 * of the first result.
 */
#ifndef MDSEC_FUZZ_DECODE_H
#define MDSEC_FUZZ_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/error.h"
/* Internal headers, by path: the fuzz and replay targets have only the
 * public include/ directory on their include path. */
#include "../../src/base/strbuf.h"
#include "../../src/scan/decode.h"

static void fuzz_decode(enum decode_format f, const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, capped;
	char err[DECODE_ERR_MAX], err2[DECODE_ERR_MAX];
	unsigned where, where2;
	int rc;

	if (!decode_format_name(decode_sniff(data, size))[0])
		abort();
	rc = decode_buffer(f, data, size, &out, err, sizeof(err), &where);
	if (out.len > size)
		abort();
	if (rc == 0 && (err[0] || where != 0))
		abort();
	if (rc != 0 && (rc != MDSEC_EINPUT || !err[0] || where == 0))
		abort();
	if (out.len >= 2) {
		strbuf_init(&capped, out.len / 2);
		if (decode_buffer(f, data, size, &capped, err2, sizeof(err2),
				  &where2) != MDSEC_ELIMIT ||
		    where2 == 0 || (rc != 0 && where2 > where) ||
		    capped.len > out.len / 2 ||
		    memcmp(capped.buf, out.buf, capped.len) != 0)
			abort();
		strbuf_release(&capped);
	}
	strbuf_release(&out);
}

#endif
