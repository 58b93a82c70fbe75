/* SPDX-License-Identifier: Apache-2.0
 *
 * test_decode.c - scan/decode.h: Intel HEX, S-record and UF2 files decoded
 * to the exact bytes they carry (hand-checked real-world style files and
 * round trips of longer buffers through small encoders in this file),
 * tables of malformed records with their exact message and line or block,
 * format sniffing, the output cap and allocation failure, and the fuzz
 * seed corpus (tests/fuzz/corpus/{ihex,srec,uf2}/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "scan/decode.h"

#define ZLIB "zlib 1.2.13"
#define U(s) ((const unsigned char *)(s))

/* "zlib 1.2.13" as one data record and the end-of-file record. */
#define IHEX_ZLIB ":0B0000007A6C696220312E322E313301\n:00000001FF\n"
/* The same as S0 header "fw.srec", S1 data, S5 count, S9 termination. */
#define SREC_ZLIB                                                              \
	"S00A000066772E737265633D\nS10E00007A6C696220312E322E3133FD\n"         \
	"S5030001FB\nS9030000FC\n"

/* 79 bytes of a Cortex-M image: vector words, zlib's deflate banner. */
static const unsigned char fw[] =
	"\x00\x20\x00\x20\xc1\x01\x00\x08 deflate 1.2.13 Copyright "
	"1995-2022 Jean-loup Gailly and Mark Adler \x00\xff\xff";
#define FW_LEN (sizeof(fw) - 1)

/* Decode in, check success, the exact bytes and the size bound. */
static void expect_ok(enum decode_format f, const void *in, size_t len,
		      const void *want, size_t wantlen)
{
	struct strbuf out = STRBUF_INIT;
	char err[DECODE_ERR_MAX] = "x";
	unsigned where = 99;
	int rc;

	rc = decode_buffer(f, in, len, &out, err, sizeof(err), &where);
	if (rc)
		fail_msg("%s at %u", err, where);
	assert_string_equal(err, "");
	assert_int_equal(where, 0);
	assert_int_equal(out.len, wantlen);
	assert_memory_equal(out.buf, want, wantlen);
	assert_true(out.len <= len);
	strbuf_release(&out);
}

/* Decode in, check the exact error, its place and the bytes kept. */
static void expect_bad(enum decode_format f, const void *in, size_t len,
		       const char *msg, unsigned at, const void *kept,
		       size_t keptlen)
{
	struct strbuf out = STRBUF_INIT;
	char err[DECODE_ERR_MAX];
	unsigned where = 0;

	assert_int_equal(
		decode_buffer(f, in, len, &out, err, sizeof(err), &where),
		MDSEC_EINPUT);
	assert_string_equal(err, msg);
	assert_int_equal(where, at);
	assert_int_equal(out.len, keptlen);
	if (keptlen)
		assert_memory_equal(out.buf, kept, keptlen);
	assert_true(out.len <= len);
	strbuf_release(&out);
}

/* ---- small encoders for round trips ------------------------------- */

static void ihex_rec(struct strbuf *sb, unsigned type, unsigned addr,
		     const unsigned char *d, size_t n)
{
	unsigned sum = (unsigned)n + (addr >> 8 & 0xff) + (addr & 0xff) + type;
	size_t i;

	assert_int_equal(strbuf_addf(sb, ":%02X%04X%02X", (unsigned)n,
				     addr & 0xffff, type),
			 0);
	for (i = 0; i < n; i++) {
		sum += d[i];
		assert_int_equal(strbuf_addf(sb, "%02x", d[i]), 0);
	}
	assert_int_equal(
		strbuf_addf(sb, "%02X\r\n", (0x100 - (sum & 0xff)) & 0xff), 0);
}

/* n bytes at linear address base as HEX, record sizes 1..32 varying. */
static void ihex_encode(struct strbuf *sb, uint32_t base,
			const unsigned char *d, size_t n)
{
	size_t off = 0, k;
	uint32_t a, upper = 0xffffffffu;
	unsigned char ela[2];

	while (off < n) {
		a = base + (uint32_t)off;
		if (a >> 16 != upper) {
			upper = a >> 16;
			ela[0] = (unsigned char)(upper >> 8);
			ela[1] = (unsigned char)upper;
			ihex_rec(sb, 4, 0, ela, 2);
		}
		k = 1 + off % 32;
		if (k > n - off)
			k = n - off;
		if ((a & 0xffff) + k > 0x10000)
			k = 0x10000 - (a & 0xffff);
		ihex_rec(sb, 0, a & 0xffff, d + off, k);
		off += k;
	}
	ihex_rec(sb, 1, 0, NULL, 0);
}

static void srec_rec(struct strbuf *sb, unsigned type, uint32_t addr,
		     const unsigned char *d, size_t n)
{
	static const unsigned alen[] = { 2, 2, 3, 4, 0, 2, 3, 4, 3, 2 };
	unsigned sum = (unsigned)(alen[type] + n + 1), i;

	assert_int_equal(strbuf_addf(sb, "S%u%02X", type, sum), 0);
	for (i = alen[type]; i-- > 0;) {
		sum += addr >> (8 * i) & 0xff;
		assert_int_equal(
			strbuf_addf(sb, "%02X", addr >> (8 * i) & 0xff), 0);
	}
	for (i = 0; i < n; i++) {
		sum += d[i];
		assert_int_equal(strbuf_addf(sb, "%02X", d[i]), 0);
	}
	assert_int_equal(strbuf_addf(sb, "%02X\n", ~sum & 0xff), 0);
}

static void srec_encode(struct strbuf *sb, uint32_t base,
			const unsigned char *d, size_t n)
{
	size_t off, k, nrec = 0;

	srec_rec(sb, 0, 0, (const unsigned char *)"test", 4);
	for (off = 0; off < n; off += k) {
		k = n - off < 28 ? n - off : 28;
		srec_rec(sb, 3, base + (uint32_t)off, d + off, k);
		nrec++;
	}
	srec_rec(sb, 5, (uint32_t)nrec, NULL, 0);
	srec_rec(sb, 7, base, NULL, 0);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* One UF2 block; payload copied to offset 32. */
static void uf2_block(unsigned char *b, uint32_t flags, uint32_t addr,
		      uint32_t size, uint32_t blockno, uint32_t nblocks,
		      const void *payload, size_t plen)
{
	memset(b, 0, 512);
	put32(b, 0x0A324655);
	put32(b + 4, 0x9E5D5157);
	put32(b + 8, flags);
	put32(b + 12, addr);
	put32(b + 16, size);
	put32(b + 20, blockno);
	put32(b + 24, nblocks);
	put32(b + 28, 0xe48bff56); /* RP2040 family ID */
	if (plen)
		memcpy(b + 32, payload, plen);
	put32(b + 508, 0x0AB16F30);
}

static void fill(unsigned char *d, size_t n)
{
	uint32_t x = 12345;
	size_t i;

	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		d[i] = (unsigned char)(x >> 16);
	}
}

/* ---- Intel HEX ---------------------------------------------------- */

static void test_ihex_decodes_a_version_string(void **state)
{
	(void)state;
	expect_ok(DECODE_IHEX, IHEX_ZLIB, strlen(IHEX_ZLIB), ZLIB,
		  strlen(ZLIB));
}

static void test_ihex_decodes_a_firmware_with_every_record_type(void **state)
{
	/* CRLF, a lower-case record, a blank line, 04/02/05/03 records, a
	 * gap from 0x0800104F to 0x08000010 not filled, and after the
	 * end-of-file record a record that is ignored. */
	static const char in[] =
		":020000040800F2\r\n"
		":1010000000200020C1010008206465666C617465E1\r\n"
		":1010100020312e322e313320436f70797269676828\r\n"
		"\r\n"
		":101020007420313939352D32303232204A65616EC3\r\n"
		":101030002D6C6F7570204761696C6C7920616E64EE\r\n"
		":0F104000204D61726B2041646C65722000FFFFD0\r\n"
		":020000021000EC\r\n"
		":020010004F4B54\r\n"
		":04000005080001C12D\r\n"
		":0400000300000100F8\r\n"
		":00000001FF\r\n"
		":0200000041427B\r\n";
	unsigned char want[FW_LEN + 2];

	(void)state;
	memcpy(want, fw, FW_LEN);
	memcpy(want + FW_LEN, "OK", 2);
	expect_ok(DECODE_IHEX, in, strlen(in), want, sizeof(want));
}

static void test_ihex_concatenates_records_across_gaps(void **state)
{
	/* 0x0000, 0x8000, 0xFFFFFFF0: six bytes out, no final newline */
	static const char in[] = ":0200000041427B\n"
				 ":028000004344F7\n"
				 ":02000004FFFFFC\n"
				 ":02FFF000454684\n"
				 ":00000001FF";

	(void)state;
	expect_ok(DECODE_IHEX, in, strlen(in), "ABCDEF", 6);
}

static void test_ihex_accepts_a_full_length_line(void **state)
{
	/* 255 data bytes: 521 characters, the longest record. */
	struct strbuf in = STRBUF_INIT;
	unsigned char d[255];

	(void)state;
	fill(d, sizeof(d));
	ihex_rec(&in, 0, 0x1234, d, sizeof(d));
	ihex_rec(&in, 1, 0, NULL, 0);
	expect_ok(DECODE_IHEX, in.buf, in.len, d, sizeof(d));
	strbuf_release(&in);
}

static void test_ihex_round_trips_a_longer_buffer(void **state)
{
	struct strbuf in = STRBUF_INIT;
	unsigned char *d = malloc(5000);

	(void)state;
	assert_non_null(d);
	fill(d, 5000);
	memcpy(d + 4090, ZLIB, strlen(ZLIB));  /* across two records */
	ihex_encode(&in, 0x0800F000, d, 5000); /* crosses 0x08010000 */
	expect_ok(DECODE_IHEX, in.buf, in.len, d, 5000);
	strbuf_release(&in);
	free(d);
}

struct bad {
	const char *in;
	const char *msg;
	unsigned where;
	const char *kept;
};

static const struct bad ihex_bad[] = {
	{ "0B0000007A6C696220312E322E313301\n",
	  "line does not start with ':' (expected an Intel HEX record)", 1,
	  "" },
	{ " :00000001FF\n",
	  "line does not start with ':' (expected an Intel HEX record)", 1,
	  "" },
	{ ":0B00000G7A6C696220312E322E313301\n",
	  "invalid character 'G' in column 9 (expected a hex digit)", 1, "" },
	{ ":00000001FF \n",
	  "invalid character ' ' in column 12 (expected a hex digit)", 1, "" },
	{ ":0B0000007A6C6962\r20312E322E313301\n",
	  "invalid byte 0x0d in column 18 (expected a hex digit)", 1, "" },
	{ ":0B0000007A6C696220312E322E31330\n",
	  "odd number of hex digits (expected whole bytes)", 1, "" },
	{ ":\n",
	  "record of 0 bytes too short (expected at least 5: count, "
	  "address, type, checksum)",
	  1, "" },
	{ ":00000001\n",
	  "record of 4 bytes too short (expected at least 5: count, "
	  "address, type, checksum)",
	  1, "" },
	{ ":0C0000007A6C696220312E322E313301\n",
	  "byte count '0C' does not match the record (expected 12 data "
	  "bytes, found 11)",
	  1, "" },
	{ ":0a0000007A6C696220312E322E313301\n",
	  "byte count '0a' does not match the record (expected 10 data "
	  "bytes, found 11)",
	  1, "" },
	{ ":0B0000007A6C696220312E322E313302\n",
	  "bad checksum '02' (expected '01')", 1, "" },
	{ ":0b0000007a6c696220312e322e3133ff\n",
	  "bad checksum 'ff' (expected '01')", 1, "" },
	{ ":00000006FA\n", "unknown record type '06' (expected 00 to 05)", 1,
	  "" },
	{ ":0100000100FE\n", "end-of-file record with 1 data byte (expected 0)",
	  1, "" },
	{ ":0100000200FD\n",
	  "extended segment address record with 1 data byte (expected 2)", 1,
	  "" },
	{ ":0100000300FC\n",
	  "start segment address record with 1 data byte (expected 4)", 1, "" },
	{ ":03000004000000F9\n",
	  "extended linear address record with 3 data bytes (expected 2)", 1,
	  "" },
	{ ":0100000500FA\n",
	  "start linear address record with 1 data byte (expected 4)", 1, "" },
	{ IHEX_ZLIB ":0G\n", "", 0, NULL }, /* after EOF: ignored */
	{ ":0B0000007A6C696220312E322E313301\n",
	  "missing end-of-file record (expected ':00000001FF' before the end "
	  "of the input)",
	  1, ZLIB },
	{ "",
	  "missing end-of-file record (expected ':00000001FF' before the end "
	  "of the input)",
	  1, "" },
	{ "\n\n\n",
	  "missing end-of-file record (expected ':00000001FF' before the end "
	  "of the input)",
	  3, "" },
	{ ":0B0000007A6C696220312E322E313301\r\n\r\n:020000040800F2\r\n"
	  ":02001000FFFF00\r\n:00000001FF\r\n",
	  "bad checksum '00' (expected 'F0')", 4, ZLIB },
};

static void test_ihex_rejects_malformed_records(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ihex_bad) / sizeof(ihex_bad[0]); i++) {
		const struct bad *b = &ihex_bad[i];

		if (!b->kept) {
			expect_ok(DECODE_IHEX, b->in, strlen(b->in), ZLIB,
				  strlen(ZLIB));
			continue;
		}
		expect_bad(DECODE_IHEX, b->in, strlen(b->in), b->msg, b->where,
			   b->kept, strlen(b->kept));
	}
}

static void test_ihex_rejects_a_line_over_the_limit(void **state)
{
	struct strbuf in = STRBUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(strbuf_addstr(&in, IHEX_ZLIB), 0);
	strbuf_setlen(&in, in.len - strlen(":00000001FF\n"));
	assert_int_equal(strbuf_addch(&in, ':'), 0);
	for (i = 0; i < DECODE_LINE_MAX; i++)
		assert_int_equal(strbuf_addch(&in, '0'), 0);
	/* 1025 characters, with or without CRLF, and without a newline */
	expect_bad(DECODE_IHEX, in.buf, in.len,
		   "line too long (expected at most 1024 characters)", 2, ZLIB,
		   strlen(ZLIB));
	assert_int_equal(strbuf_addstr(&in, "\r\n"), 0);
	expect_bad(DECODE_IHEX, in.buf, in.len,
		   "line too long (expected at most 1024 characters)", 2, ZLIB,
		   strlen(ZLIB));
	strbuf_setlen(&in, in.len - 2);
	for (i = 0; i < 5000; i++)
		assert_int_equal(strbuf_addch(&in, '0'), 0);
	expect_bad(DECODE_IHEX, in.buf, in.len,
		   "line too long (expected at most 1024 characters)", 2, ZLIB,
		   strlen(ZLIB));
	strbuf_release(&in);
}

static void test_line_of_exactly_the_limit_is_checked_as_a_record(void **state)
{
	struct strbuf in = STRBUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(strbuf_addstr(&in, "S1"), 0);
	for (i = 2; i < DECODE_LINE_MAX; i++)
		assert_int_equal(strbuf_addch(&in, '0'), 0);
	assert_int_equal(strbuf_addstr(&in, "\r\n"), 0);
	expect_bad(DECODE_SREC, in.buf, in.len,
		   "byte count '00' does not match the record (expected 0 "
		   "bytes after the count, found 510)",
		   1, "", 0);
	strbuf_setlen(&in, in.len - 2);
	expect_bad(DECODE_SREC, in.buf, in.len,
		   "byte count '00' does not match the record (expected 0 "
		   "bytes after the count, found 510)",
		   1, "", 0);
	strbuf_setlen(&in, 0);
	assert_int_equal(strbuf_addch(&in, ':'), 0);
	for (i = 1; i < DECODE_LINE_MAX; i++)
		assert_int_equal(strbuf_addch(&in, '0'), 0);
	assert_int_equal(strbuf_addch(&in, '\n'), 0);
	expect_bad(DECODE_IHEX, in.buf, in.len,
		   "odd number of hex digits (expected whole bytes)", 1, "", 0);
	strbuf_release(&in);
}

/* ---- S-record ----------------------------------------------------- */

static void test_srec_decodes_a_version_string(void **state)
{
	(void)state;
	expect_ok(DECODE_SREC, SREC_ZLIB, strlen(SREC_ZLIB), ZLIB,
		  strlen(ZLIB));
}

static void test_srec_decodes_a_firmware_with_every_record_type(void **state)
{
	static const char in[] =
		"S00600004844521B\r\n"
		"S22401000000200020C1010008206465666C61746520312E322E313320"
		"436F70797269676833\r\n"
		"\r\n"
		"S325080000207420313939352D32303232204A65616E2D6C6F757020476169"
		"6C6C7920616E64F3\r\n"
		"S31408000040204d61726b2041646c65722000ffffd2\r\n"
		"S5030003F9\r\n"
		"S604000003F8\r\n"
		"S804010000FA\r\n"
		"S10E00007A6C696220312E322E3133FD\r\n";

	(void)state;
	expect_ok(DECODE_SREC, in, strlen(in), fw, FW_LEN);
	expect_ok(DECODE_SREC, "S1050000414277\nS70508000000F2", 29, "AB", 2);
}

static void test_srec_round_trips_a_longer_buffer(void **state)
{
	struct strbuf in = STRBUF_INIT;
	unsigned char *d = malloc(5000);

	(void)state;
	assert_non_null(d);
	fill(d, 5000);
	memcpy(d + 2795, ZLIB, strlen(ZLIB)); /* across two records */
	srec_encode(&in, 0x10000000, d, 5000);
	expect_ok(DECODE_SREC, in.buf, in.len, d, 5000);
	strbuf_release(&in);
	free(d);
}

static const struct bad srec_bad[] = {
	{ "X10E00007A6C696220312E322E3133FD\n",
	  "line does not start with 'S' (expected a Motorola S-record)", 1,
	  "" },
	{ "s10E00007A6C696220312E322E3133FD\n",
	  "line does not start with 'S' (expected a Motorola S-record)", 1,
	  "" },
	{ "S\n",
	  "record type missing after 'S' (expected S0 to S3 or S5 to S9)", 1,
	  "" },
	{ "S4030000FC\n",
	  "unknown record type 'S4' (expected S0 to S3 or S5 to S9)", 1, "" },
	{ "SX030000FC\n",
	  "unknown record type 'SX' (expected S0 to S3 or S5 to S9)", 1, "" },
	{ "S\t030000FC\n",
	  "unknown record type 'S' and byte 0x09 (expected S0 to S3 or S5 "
	  "to S9)",
	  1, "" },
	{ "S1\n",
	  "record without a byte count (expected a count, address and "
	  "checksum)",
	  1, "" },
	{ "S10E00007A6C696220312E322E3133F\n",
	  "odd number of hex digits (expected whole bytes)", 1, "" },
	{ "S10E0000 7A6C696220312E322E3133FD\n",
	  "invalid character ' ' in column 9 (expected a hex digit)", 1, "" },
	{ "S10F00007A6C696220312E322E3133FD\n",
	  "byte count '0F' does not match the record (expected 15 bytes "
	  "after the count, found 14)",
	  1, "" },
	{ "S1020000\n",
	  "byte count '02' too small for an S1 record (expected at least 3: "
	  "address and checksum)",
	  1, "" },
	{ "S30400000000\n",
	  "byte count '04' too small for an S3 record (expected at least 5: "
	  "address and checksum)",
	  1, "" },
	{ "S10E00007A6C696220312E322E3133FE\n",
	  "bad checksum 'FE' (expected 'FD')", 1, "" },
	{ "S904000000FB\n", "S9 record with 1 data byte (expected none)", 1,
	  "" },
	{ "S5050001FFFFFB\n", "S5 record with 2 data bytes (expected none)", 1,
	  "" },
	{ "S00A000066772E737265633D\nS10E00007A6C696220312E322E3133FD\n"
	  "S5030002FA\nS9030000FC\n",
	  "record count 2 does not match the data records before it "
	  "(expected 1)",
	  3, ZLIB },
	{ "S00A000066772E737265633D\nS10E00007A6C696220312E322E3133FD\n",
	  "missing termination record (expected S7, S8 or S9 before the end "
	  "of the input)",
	  2, ZLIB },
	{ "",
	  "missing termination record (expected S7, S8 or S9 before the end "
	  "of the input)",
	  1, "" },
	{ SREC_ZLIB "garbage\n", "", 0, NULL }, /* after S9: ignored */
};

static void test_srec_rejects_malformed_records(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(srec_bad) / sizeof(srec_bad[0]); i++) {
		const struct bad *b = &srec_bad[i];

		if (!b->kept) {
			expect_ok(DECODE_SREC, b->in, strlen(b->in), ZLIB,
				  strlen(ZLIB));
			continue;
		}
		expect_bad(DECODE_SREC, b->in, strlen(b->in), b->msg, b->where,
			   b->kept, strlen(b->kept));
	}
}

/* ---- UF2 ---------------------------------------------------------- */

static void test_uf2_decodes_a_version_string(void **state)
{
	unsigned char b[512];

	(void)state;
	uf2_block(b, 0x2000, 0x10000000, 11, 0, 1, ZLIB, 11);
	expect_ok(DECODE_UF2, b, sizeof(b), ZLIB, strlen(ZLIB));
}

static void test_uf2_takes_payloads_in_file_order_and_skips_others(void **state)
{
	/* 3 blocks of 256 (the usual size), one not-main-flash block
	 * between them, one full 476-byte block, one 452-byte block with
	 * the MD5 flag, and blockNo out of file order. */
	unsigned char in[6 * 512], want[256 * 3 + 476 + 452], junk[476];
	unsigned char *d = want;

	(void)state;
	fill(want, sizeof(want));
	memset(junk, 'J', sizeof(junk));
	uf2_block(in, 0x2000, 0x10000000, 256, 0, 5, d, 256);
	uf2_block(in + 512, 0x2001, 0x20000000, 476, 0, 1, junk, 476);
	uf2_block(in + 1024, 0x2000, 0x10000100, 256, 2, 5, d + 256, 256);
	uf2_block(in + 1536, 0x2000, 0x10000200, 256, 1, 5, d + 512, 256);
	uf2_block(in + 2048, 0x0000, 0x10000300, 476, 3, 5, d + 768, 476);
	uf2_block(in + 2560, 0x4000, 0x10000500, 452, 4, 5, d + 1244, 452);
	expect_ok(DECODE_UF2, in, sizeof(in), want, sizeof(want));
}

static void test_uf2_of_nothing_is_nothing(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(
		decode_buffer(DECODE_UF2, NULL, 0, &out, NULL, 0, NULL), 0);
	assert_int_equal(out.len, 0);
}

static void test_uf2_rejects_malformed_blocks(void **state)
{
	unsigned char in[1024];

	(void)state;
	uf2_block(in, 0, 0, 11, 0, 2, ZLIB, 11);
	uf2_block(in + 512, 0, 11, 11, 1, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 511,
		   "truncated block of 511 bytes (expected 512)", 1, "", 0);
	expect_bad(DECODE_UF2, in, 600,
		   "truncated block of 88 bytes (expected 512)", 2, ZLIB, 11);
	in[512] = 0x56;
	expect_bad(DECODE_UF2, in, 1024,
		   "bad start magic 0x0A324656 0x9E5D5157 (expected 0x0A324655 "
		   "0x9E5D5157)",
		   2, ZLIB, 11);
	in[512] = 0x55;
	in[512 + 7] = 0;
	expect_bad(DECODE_UF2, in, 1024,
		   "bad start magic 0x0A324655 0x005D5157 (expected 0x0A324655 "
		   "0x9E5D5157)",
		   2, ZLIB, 11);
	in[512 + 7] = 0x9e;
	in[1023] = 0;
	expect_bad(DECODE_UF2, in, 1024,
		   "bad end magic 0x00B16F30 (expected 0x0AB16F30)", 2, ZLIB,
		   11);
	uf2_block(in + 512, 0, 11, 477, 1, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "payload size 477 too large (expected at most 476)", 2, ZLIB,
		   11);
	uf2_block(in + 512, 0, 11, 0xffffffff, 1, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "payload size 4294967295 too large (expected at most 476)",
		   2, ZLIB, 11);
	uf2_block(in + 512, 0x4000, 11, 453, 1, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "payload size 453 too large (expected at most 452 with an "
		   "MD5 checksum)",
		   2, ZLIB, 11);
	uf2_block(in + 512, 0x0001, 11, 477, 1, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "payload size 477 too large (expected at most 476)", 2, ZLIB,
		   11);
	uf2_block(in + 512, 0, 11, 11, 2, 2, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "block number 2 out of range (expected below the block "
		   "count 2)",
		   2, ZLIB, 11);
	uf2_block(in, 0, 11, 11, 0, 0, ZLIB, 11);
	expect_bad(DECODE_UF2, in, 1024,
		   "block number 0 out of range (expected below the block "
		   "count 0)",
		   1, "", 0);
}

/* ---- raw, the output cap, bad arguments ---------------------------- */

static void test_raw_appends_the_input_unchanged(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	expect_ok(DECODE_RAW,
		  "\x7f"
		  "ELF\0zlib",
		  9,
		  "\x7f"
		  "ELF\0zlib",
		  9);
	assert_int_equal(strbuf_addstr(&out, "kept:"), 0);
	assert_int_equal(decode_buffer(DECODE_IHEX, U(IHEX_ZLIB),
				       strlen(IHEX_ZLIB), &out, NULL, 0, NULL),
			 0);
	assert_string_equal(out.buf, "kept:" ZLIB);
	strbuf_release(&out);
}

static void test_output_over_its_cap_stops_with_elimit(void **state)
{
	static const char in[] = ":0B0000007A6C696220312E322E313301\n"
				 ":0B0000007A6C696220312E322E313301\n"
				 ":00000001FF\n";
	struct strbuf out;
	char err[DECODE_ERR_MAX];
	unsigned where;

	(void)state;
	strbuf_init(&out, 15);
	assert_int_equal(decode_buffer(DECODE_IHEX, U(in), strlen(in), &out,
				       err, sizeof(err), &where),
			 MDSEC_ELIMIT);
	assert_string_equal(err, "decoded data over the cap of 15 bytes "
				 "(expected a smaller file)");
	assert_int_equal(where, 2);
	assert_string_equal(out.buf, ZLIB);
	strbuf_release(&out);
}

static void test_allocation_failure_gives_enomem(void **state)
{
	struct strbuf out = STRBUF_INIT;
	char err[DECODE_ERR_MAX];
	unsigned where;

	(void)state;
	xalloc_fail_after(1);
	assert_int_equal(decode_buffer(DECODE_SREC, U(SREC_ZLIB),
				       strlen(SREC_ZLIB), &out, err,
				       sizeof(err), &where),
			 MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_string_equal(
		err, "out of memory (expected an allocation to succeed)");
	assert_int_equal(where, 2);
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
}

static void test_bad_arguments_give_eusage(void **state)
{
	struct strbuf out = STRBUF_INIT;
	char err[DECODE_ERR_MAX];
	unsigned where = 7;

	(void)state;
	assert_int_equal(decode_buffer((enum decode_format)9, U("x"), 1, &out,
				       err, sizeof(err), &where),
			 MDSEC_EUSAGE);
	assert_string_equal(
		err, "unknown format 9 (expected raw, ihex, srec or uf2)");
	assert_int_equal(where, 0);
	assert_int_equal(decode_buffer(DECODE_IHEX, NULL, 3, &out, err,
				       sizeof(err), &where),
			 MDSEC_EUSAGE);
	assert_int_equal(decode_buffer(DECODE_IHEX, U("x"), 1, NULL, err,
				       sizeof(err), &where),
			 MDSEC_EUSAGE);
	assert_int_equal(out.len, 0);
}

static void test_a_short_err_buffer_is_truncated_and_terminated(void **state)
{
	struct strbuf out = STRBUF_INIT;
	char err[8];

	(void)state;
	assert_int_equal(decode_buffer(DECODE_IHEX, U("x"), 1, &out, err,
				       sizeof(err), NULL),
			 MDSEC_EINPUT);
	assert_string_equal(err, "line do");
	strbuf_release(&out);
}

static void test_format_names(void **state)
{
	(void)state;
	assert_string_equal(decode_format_name(DECODE_RAW), "raw");
	assert_string_equal(decode_format_name(DECODE_IHEX), "ihex");
	assert_string_equal(decode_format_name(DECODE_SREC), "srec");
	assert_string_equal(decode_format_name(DECODE_UF2), "uf2");
	assert_string_equal(decode_format_name((enum decode_format)42),
			    "unknown");
}

/* ---- sniffing ----------------------------------------------------- */

#define SNIFF(s) decode_sniff(U(s), strlen(s))

static void test_sniff_recognises_each_format(void **state)
{
	unsigned char b[1024];

	(void)state;
	assert_int_equal(SNIFF(IHEX_ZLIB), DECODE_IHEX);
	assert_int_equal(SNIFF(":020000040800F2\r\n:10"), DECODE_IHEX);
	assert_int_equal(SNIFF(":0b0000007a6c696220312e322e313301"),
			 DECODE_IHEX);
	assert_int_equal(SNIFF(SREC_ZLIB), DECODE_SREC);
	assert_int_equal(SNIFF("S10E00007A6C696220312E322E3133FD\r\n"),
			 DECODE_SREC);
	assert_int_equal(SNIFF("S9030000FC"), DECODE_SREC);
	uf2_block(b, 0, 0, 11, 0, 1, ZLIB, 11);
	uf2_block(b + 512, 0, 0, 11, 0, 1, ZLIB, 11);
	assert_int_equal(decode_sniff(b, 512), DECODE_UF2);
	assert_int_equal(decode_sniff(b, 1024), DECODE_UF2);
}

static void test_sniff_says_raw_for_anything_else(void **state)
{
	unsigned char b[512];

	(void)state;
	assert_int_equal(decode_sniff(NULL, 10), DECODE_RAW);
	assert_int_equal(SNIFF(""), DECODE_RAW);
	assert_int_equal(decode_sniff((const unsigned char *)"\x7f"
							     "ELF\2\1\1",
				      7),
			 DECODE_RAW);
	assert_int_equal(SNIFF(":"), DECODE_RAW);
	assert_int_equal(SNIFF(":root:x:0:0:root:/root:/bin/sh\n"), DECODE_RAW);
	assert_int_equal(SNIFF(":0B0000007A6C696220312E322E313302\n"),
			 DECODE_RAW); /* bad checksum */
	assert_int_equal(SNIFF(":00000006FA\n"), DECODE_RAW);
	assert_int_equal(SNIFF(":0B0000007A\n"), DECODE_RAW);
	assert_int_equal(SNIFF("Setup complete\n"), DECODE_RAW);
	assert_int_equal(SNIFF("S4030000FC\n"), DECODE_RAW);
	assert_int_equal(SNIFF("S10E00007A6C696220312E322E3133FE\n"),
			 DECODE_RAW);
	assert_int_equal(SNIFF("\n" IHEX_ZLIB), DECODE_RAW);
	uf2_block(b, 0, 0, 11, 0, 1, ZLIB, 11);
	assert_int_equal(decode_sniff(b, 511), DECODE_RAW);
	b[508] ^= 1;
	assert_int_equal(decode_sniff(b, 512), DECODE_RAW);
}

static void test_sniff_accepts_a_first_record_cut_by_the_head(void **state)
{
	struct strbuf in = STRBUF_INIT;
	unsigned char d[255];

	(void)state;
	fill(d, sizeof(d));
	ihex_rec(&in, 0, 0, d, sizeof(d)); /* 521 characters */
	assert_int_equal(decode_sniff((unsigned char *)in.buf, in.len),
			 DECODE_IHEX);
	in.buf[300] = 'x';
	assert_int_equal(decode_sniff((unsigned char *)in.buf, in.len),
			 DECODE_RAW);
	strbuf_reset(&in);
	srec_rec(&in, 3, 0, d, 250); /* 514 characters */
	assert_int_equal(decode_sniff((unsigned char *)in.buf, in.len),
			 DECODE_SREC);
	/* a line cut by the end of a short head (the whole file) and a
	 * cut line whose count fits in head must check */
	assert_int_equal(SNIFF(":0B0000007A"), DECODE_RAW);
	assert_int_equal(SNIFF("S10E00007A6C"), DECODE_RAW);
	strbuf_reset(&in);
	ihex_rec(&in, 0, 0, d, 11);
	strbuf_setlen(&in, in.len - 2);
	while (in.len < DECODE_SNIFF_LEN)
		assert_int_equal(strbuf_addch(&in, '0'), 0);
	assert_int_equal(decode_sniff((unsigned char *)in.buf, in.len),
			 DECODE_RAW);
	strbuf_release(&in);
}

/* ---- the fuzz seed corpus ----------------------------------------- */

static void check_corpus(const char *sub, enum decode_format f)
{
	char dir[512], path[1024];
	DIR *d;
	struct dirent *e;
	int nvalid = 0;

	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", MDSEC_TEST_SRCDIR,
		 sub);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
		char err[DECODE_ERR_MAX];
		unsigned where;
		int rc;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(file_read_capped(&in, path, 1 << 20), 0);
		rc = decode_buffer(f, (unsigned char *)in.buf, in.len, &out,
				   err, sizeof(err), &where);
		assert_true(out.len <= in.len);
		if (strncmp(e->d_name, "valid-", 6) == 0) {
			if (rc)
				fail_msg("%s: %s at %u", path, err, where);
			assert_int_equal(
				decode_sniff((unsigned char *)in.buf, in.len),
				f);
			nvalid++;
		} else {
			assert_int_equal(rc, MDSEC_EINPUT);
		}
		strbuf_release(&in);
		strbuf_release(&out);
	}
	closedir(d);
	assert_true(nvalid >= 2);
}

static void test_seed_corpus_valid_files_decode_and_bad_ones_fail(void **state)
{
	(void)state;
	check_corpus("ihex", DECODE_IHEX);
	check_corpus("srec", DECODE_SREC);
	check_corpus("uf2", DECODE_UF2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ihex_decodes_a_version_string),
		cmocka_unit_test(
			test_ihex_decodes_a_firmware_with_every_record_type),
		cmocka_unit_test(test_ihex_concatenates_records_across_gaps),
		cmocka_unit_test(test_ihex_accepts_a_full_length_line),
		cmocka_unit_test(test_ihex_round_trips_a_longer_buffer),
		cmocka_unit_test(test_ihex_rejects_malformed_records),
		cmocka_unit_test(test_ihex_rejects_a_line_over_the_limit),
		cmocka_unit_test(
			test_line_of_exactly_the_limit_is_checked_as_a_record),
		cmocka_unit_test(test_srec_decodes_a_version_string),
		cmocka_unit_test(
			test_srec_decodes_a_firmware_with_every_record_type),
		cmocka_unit_test(test_srec_round_trips_a_longer_buffer),
		cmocka_unit_test(test_srec_rejects_malformed_records),
		cmocka_unit_test(test_uf2_decodes_a_version_string),
		cmocka_unit_test(
			test_uf2_takes_payloads_in_file_order_and_skips_others),
		cmocka_unit_test(test_uf2_of_nothing_is_nothing),
		cmocka_unit_test(test_uf2_rejects_malformed_blocks),
		cmocka_unit_test(test_raw_appends_the_input_unchanged),
		cmocka_unit_test(test_output_over_its_cap_stops_with_elimit),
		cmocka_unit_test(test_allocation_failure_gives_enomem),
		cmocka_unit_test(test_bad_arguments_give_eusage),
		cmocka_unit_test(
			test_a_short_err_buffer_is_truncated_and_terminated),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_sniff_recognises_each_format),
		cmocka_unit_test(test_sniff_says_raw_for_anything_else),
		cmocka_unit_test(
			test_sniff_accepts_a_first_record_cut_by_the_head),
		cmocka_unit_test(
			test_seed_corpus_valid_files_decode_and_bad_ones_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
