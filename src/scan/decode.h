/* SPDX-License-Identifier: Apache-2.0
 *
 * decode.h - firmware container decoders for the scanner: Intel HEX,
 * Motorola S-record and UF2 files are turned into the bytes they carry
 * before the version-string search runs over them (docs/internals/decode.md).
 *
 * Data records are concatenated in file order. Address gaps are NOT
 * zero-filled: a version string never spans a gap, and filling a sparse
 * 32-bit address space could need gigabytes for a file of a few lines.
 * The decoded size never exceeds the input size.
 *
 * Formats, as implemented:
 *   - Intel HEX (Intel, "Hexadecimal Object File Format Specification",
 *     rev. A, 1988): records 00 data, 01 end of file, 02 extended segment
 *     address, 03 start segment address, 04 extended linear address,
 *     05 start linear address; everything after the end-of-file record is
 *     ignored, a missing end-of-file record is an error.
 *   - Motorola S-record (srec(5)): S0 header (skipped), S1/S2/S3 data with
 *     16/24/32-bit addresses, S5/S6 record counts (checked), S7/S8/S9
 *     termination; everything after the termination record is ignored, a
 *     missing termination record is an error.
 *   - UF2 (github.com/microsoft/uf2): 512-byte blocks with both start
 *     magics and the end magic, payloadSize <= 476, blockNo < numBlocks;
 *     blocks flagged not-main-flash (0x00000001) are checked but their
 *     payload is skipped.
 * HEX and S-record lines end in LF or CRLF, are at most DECODE_LINE_MAX
 * characters, and may be empty; hex digits are accepted in either case.
 */
#ifndef MDSEC_SCAN_DECODE_H
#define MDSEC_SCAN_DECODE_H

#include <stddef.h>

struct strbuf;

enum decode_format { DECODE_RAW = 0, DECODE_IHEX, DECODE_SREC, DECODE_UF2 };

/* Bytes decode_sniff() looks at: one UF2 block. */
#define DECODE_SNIFF_LEN 512
/* Longest HEX or S-record line, line terminator excluded. */
#define DECODE_LINE_MAX 1024
/* An err buffer of this size holds every message in full. */
#define DECODE_ERR_MAX 128

/*
 * Guess the format from the first bytes of a file (head[0..n), only the
 * first DECODE_SNIFF_LEN are read): DECODE_IHEX when the first line is an
 * Intel HEX record that checksums, DECODE_SREC when it is an S-record
 * (S0..S9 but S4) that checksums, DECODE_UF2 when head holds a full
 * 512-byte block with the UF2 start and end magics, else DECODE_RAW.
 * A first HEX or S-record line cut by the end of a full head (n >=
 * DECODE_SNIFF_LEN) counts when every digit present is hex and its byte
 * count asks for more than head holds (its checksum is beyond head); a
 * shorter head is taken to be the whole file.
 */
enum decode_format decode_sniff(const unsigned char *head, size_t n);

/* "raw", "ihex", "srec" or "uf2"; "unknown" for anything else. */
const char *decode_format_name(enum decode_format f);

/*
 * Append to out the bytes that in[0..len) carries in format f (DECODE_RAW
 * appends in as it is). Returns 0 on success, with err set to "" and
 * *where to 0.
 *
 * On a malformed record returns MDSEC_EINPUT, writes one message
 * "what is wrong (what was expected)" to err (errlen bytes, truncated
 * if need be; err may be NULL) and sets *where (may be NULL) to the
 * 1-based line of the record for HEX and S-record, the 1-based block for
 * UF2. Bytes decoded before the bad record stay in out.
 *
 * Also MDSEC_ELIMIT when out would grow past its cap, MDSEC_ENOMEM when
 * it cannot grow (err and *where set the same way, out keeps the records
 * before), and MDSEC_EUSAGE for an unknown f or in == NULL with len > 0.
 */
int decode_buffer(enum decode_format f, const unsigned char *in, size_t len,
		  struct strbuf *out, char *err, size_t errlen,
		  unsigned *where);

#endif
