/* SPDX-License-Identifier: Apache-2.0
 *
 * test_fileio.c - capped reads and atomic writes, in a fresh temporary
 * directory per test. Every write-path system call is failed in turn
 * through fileio_fail_after() to show that the destination keeps its old
 * content and that no temporary file is left behind (STYLE rule 34).
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
#include <sys/stat.h>
#include <unistd.h>
#include "mdsec/error.h"
#include "base/fileio.h"
#include "base/strbuf.h"

struct tmpdir {
	char dir[256];
	char path[512]; /* scratch for dir/name */
};

static int setup(void **state)
{
	struct tmpdir *t = calloc(1, sizeof(*t));
	const char *base = getenv("TMPDIR");

	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "%s/mdsec-fileio-XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmpdir *t = *state;
	struct dirent *de;
	char p[600];
	DIR *d;

	fileio_fail_after(0);
	d = opendir(t->dir);
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", t->dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(t->dir);
	free(t);
	return 0;
}

static const char *in(struct tmpdir *t, const char *name)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	return t->path;
}

/* Number of entries in the directory other than . and .. */
static int count_entries(const struct tmpdir *t)
{
	struct dirent *de;
	DIR *d = opendir(t->dir);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	}
	closedir(d);
	return n;
}

/* True when some "*.tmp-*" file is in the directory. */
static int has_temp_file(const struct tmpdir *t)
{
	struct dirent *de;
	DIR *d = opendir(t->dir);
	int found = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (strstr(de->d_name, ".tmp-"))
			found = 1;
	}
	closedir(d);
	return found;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void assert_file_is(const char *path, const char *expect)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_read_capped(&sb, path, 1 << 20), 0);
	assert_int_equal(sb.len, strlen(expect));
	assert_string_equal(sb.buf, expect);
	strbuf_release(&sb);
}

static void test_file_read_appends_whole_file(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	put(in(t, "a.txt"), "format: 1\n");
	assert_int_equal(strbuf_addstr(&sb, ">"), 0);
	assert_int_equal(file_read_capped(&sb, in(t, "a.txt"), 100), 0);
	assert_string_equal(sb.buf, ">format: 1\n");
	strbuf_release(&sb);
}

static void test_file_read_of_empty_file_appends_nothing(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	put(in(t, "empty"), "");
	assert_int_equal(file_read_capped(&sb, in(t, "empty"), 0), 0);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_file_read_over_cap_is_elimit_and_appends_nothing(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	put(in(t, "ten"), "0123456789");
	assert_int_equal(strbuf_addstr(&sb, "kept"), 0);
	assert_int_equal(file_read_capped(&sb, in(t, "ten"), 9), MDSEC_ELIMIT);
	assert_string_equal(sb.buf, "kept");
	assert_int_equal(sb.len, 4);
	assert_int_equal(file_read_capped(&sb, in(t, "ten"), 10), 0);
	assert_string_equal(sb.buf, "kept0123456789");
	strbuf_release(&sb);
}

static void test_file_read_cap_counts_across_read_chunks(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;
	size_t big = 200000, i;
	char *data = malloc(big + 1);

	assert_non_null(data);
	for (i = 0; i < big; i++)
		data[i] = (char)('a' + i % 26);
	data[big] = '\0';
	put(in(t, "big"), data);
	assert_int_equal(file_read_capped(&sb, in(t, "big"), big - 1),
			 MDSEC_ELIMIT);
	assert_int_equal(sb.len, 0);
	assert_int_equal(file_read_capped(&sb, in(t, "big"), big), 0);
	assert_int_equal(sb.len, big);
	assert_memory_equal(sb.buf, data, big);
	strbuf_release(&sb);
	free(data);
}

static void test_file_read_over_strbuf_cap_leaves_buffer_unchanged(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb;

	strbuf_init(&sb, 8);
	put(in(t, "ten"), "0123456789");
	assert_int_equal(strbuf_addstr(&sb, "ab"), 0);
	assert_int_equal(file_read_capped(&sb, in(t, "ten"), 100),
			 MDSEC_ELIMIT);
	assert_string_equal(sb.buf, "ab");
	strbuf_release(&sb);
}

static void test_file_read_of_missing_file_is_enotfound(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_read_capped(&sb, in(t, "absent.yaml"), 100),
			 MDSEC_ENOTFOUND);
	assert_int_equal(file_read_capped(&sb, in(t, "no/such/dir"), 100),
			 MDSEC_ENOTFOUND);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_file_read_of_directory_is_eio(void **state)
{
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_read_capped(&sb, t->dir, 100), MDSEC_EIO);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_file_write_atomic_creates_file(void **state)
{
	struct tmpdir *t = *state;
	struct stat st;

	assert_int_equal(file_write_atomic(in(t, "out.json"), "{}\n", 3), 0);
	assert_file_is(in(t, "out.json"), "{}\n");
	assert_int_equal(stat(in(t, "out.json"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_entries(t), 1);
}

static void test_file_write_atomic_replaces_content(void **state)
{
	struct tmpdir *t = *state;

	put(in(t, "out.md"), "a much longer old content\n");
	assert_int_equal(file_write_atomic(in(t, "out.md"), "new\n", 4), 0);
	assert_file_is(in(t, "out.md"), "new\n");
	assert_int_equal(file_write_atomic(in(t, "out.md"), "", 0), 0);
	assert_file_is(in(t, "out.md"), "");
	assert_int_equal(count_entries(t), 1);
}

static void test_file_write_atomic_writes_binary_data(void **state)
{
	static const char bin[] = { 0, 1, 2, 0, (char)0xff };
	struct tmpdir *t = *state;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_write_atomic(in(t, "bin"), bin, sizeof(bin)), 0);
	assert_int_equal(file_read_capped(&sb, in(t, "bin"), 100), 0);
	assert_int_equal(sb.len, sizeof(bin));
	assert_memory_equal(sb.buf, bin, sizeof(bin));
	strbuf_release(&sb);
}

static void test_file_write_atomic_failure_keeps_old_content(void **state)
{
	struct tmpdir *t = *state;
	unsigned n;

	/* open, write, fsync, rename: each failure point in turn. */
	for (n = 1; n <= 4; n++) {
		put(in(t, "report.md"), "old content\n");
		fileio_fail_after(n);
		assert_int_equal(file_write_atomic(in(t, "report.md"),
						   "new content\n", 12),
				 MDSEC_EIO);
		fileio_fail_after(0);
		assert_file_is(in(t, "report.md"), "old content\n");
		assert_false(has_temp_file(t));
		assert_int_equal(count_entries(t), 1);
	}
	/* There is no fifth call to fail: the write goes through. */
	fileio_fail_after(5);
	assert_int_equal(
		file_write_atomic(in(t, "report.md"), "new content\n", 12), 0);
	fileio_fail_after(0);
	assert_file_is(in(t, "report.md"), "new content\n");
	assert_false(has_temp_file(t));
}

static void test_file_write_atomic_failure_creates_nothing(void **state)
{
	struct tmpdir *t = *state;
	unsigned n;

	for (n = 1; n <= 4; n++) {
		fileio_fail_after(n);
		assert_int_equal(
			file_write_atomic(in(t, "fresh.json"), "{}", 2),
			MDSEC_EIO);
		fileio_fail_after(0);
		assert_false(file_exists(in(t, "fresh.json")));
		assert_int_equal(count_entries(t), 0);
	}
}

static void test_file_write_atomic_into_missing_directory_is_eio(void **state)
{
	struct tmpdir *t = *state;

	assert_int_equal(file_write_atomic(in(t, "nodir/out.json"), "x", 1),
			 MDSEC_EIO);
	assert_int_equal(count_entries(t), 0);
}

static void test_file_write_to_stdout_failure_is_eio(void **state)
{
	(void)state;
	fileio_fail_after(1);
	assert_int_equal(file_write_atomic("-", "x", 1), MDSEC_EIO);
	fileio_fail_after(0);
}

static void test_file_exists_for_files_and_directories(void **state)
{
	struct tmpdir *t = *state;

	assert_true(file_exists(t->dir));
	assert_false(file_exists(in(t, "nothing")));
	put(in(t, "f"), "x");
	assert_true(file_exists(in(t, "f")));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_file_read_appends_whole_file),
		T(test_file_read_of_empty_file_appends_nothing),
		T(test_file_read_over_cap_is_elimit_and_appends_nothing),
		T(test_file_read_cap_counts_across_read_chunks),
		T(test_file_read_over_strbuf_cap_leaves_buffer_unchanged),
		T(test_file_read_of_missing_file_is_enotfound),
		T(test_file_read_of_directory_is_eio),
		T(test_file_write_atomic_creates_file),
		T(test_file_write_atomic_replaces_content),
		T(test_file_write_atomic_writes_binary_data),
		T(test_file_write_atomic_failure_keeps_old_content),
		T(test_file_write_atomic_failure_creates_nothing),
		T(test_file_write_atomic_into_missing_directory_is_eio),
		T(test_file_write_to_stdout_failure_is_eio),
		T(test_file_exists_for_files_and_directories),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
