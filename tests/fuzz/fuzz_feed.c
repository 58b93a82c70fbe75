/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_feed.c - libFuzzer target for the feed importers (NVD API 2.0
 * pages and records, NVD 1.1, CVE JSON 5, OSV, KEV, EPSS, gzip): any bytes, written to a temporary file,
 * import into an in-memory database or are refused with a diagnostic;
 * a refused import leaves the database empty. No crash, no leak.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_feed tests/fuzz/corpus/feed
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "mdsec/vulndb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_import_stats st;
	char path[] = "/tmp/mdsec-fuzz-feed-XXXXXX";
	const char *paths[1] = { path };
	mdsec_vulndb *db = NULL;
	uint64_t n = 1;
	int fd = mkstemp(path), rc;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (mdsec_vulndb_open(&db, ":memory:", &dl) != 0)
		abort();
	rc = mdsec_vulndb_import(db, paths, 1, &st, &dl);
	if (rc != 0 &&
	    (dl.nerrors == 0 || mdsec_vulndb_count(db, &n) != 0 || n != 0))
		abort();
	mdsec_vulndb_close(db);
	mdsec_diag_list_release(&dl);
	unlink(path);
	return 0;
}
