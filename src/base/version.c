/* SPDX-License-Identifier: Apache-2.0
 *
 * version.c - the library's version and where its shipped data lives.
 * Data is looked for, in order: $MDSEC_DATADIR; the source tree's data/
 * when the running program sits in the build tree (so `build/mdsec` works
 * without installing); <prefix>/share/mdsec next to the program's own
 * prefix (a relocated install); the configured install prefix.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mdsec/mdsec.h"
#include "base/fileio.h"
#include "base/banned.h"

#ifndef MDSEC_BUILD_DIR
#define MDSEC_BUILD_DIR ""
#endif
#ifndef MDSEC_SOURCE_DATADIR
#define MDSEC_SOURCE_DATADIR ""
#endif
#ifndef MDSEC_INSTALL_DATADIR
#define MDSEC_INSTALL_DATADIR "/usr/local/share/mdsec"
#endif

const char *mdsec_version(void)
{
	return MDSEC_VERSION;
}

/* Directory of the running executable into buf, "" when unknown. */
static void exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
}

const char *mdsec_datadir(void)
{
	static char found[PATH_MAX];
	char dir[PATH_MAX], cand[PATH_MAX + 32];
	static const char build_dir[] = MDSEC_BUILD_DIR;
	const char *env = getenv("MDSEC_DATADIR");
	size_t blen = strlen(build_dir);

	if (env && *env)
		return env;
	if (found[0])
		return found;
	exe_dir(dir, sizeof(dir));
	if (blen && strlen(dir) >= blen && !memcmp(dir, build_dir, blen) &&
	    (dir[blen] == '\0' || dir[blen] == '/') &&
	    file_exists(MDSEC_SOURCE_DATADIR)) {
		snprintf(found, sizeof(found), "%s", MDSEC_SOURCE_DATADIR);
		return found;
	}
	if (dir[0]) {
		snprintf(cand, sizeof(cand), "%s/../share/mdsec", dir);
		if (file_exists(cand) && strlen(cand) < sizeof(found)) {
			snprintf(found, sizeof(found), "%s", cand);
			return found;
		}
	}
	snprintf(found, sizeof(found), "%s", MDSEC_INSTALL_DATADIR);
	return found;
}
