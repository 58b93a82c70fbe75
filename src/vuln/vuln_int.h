/* SPDX-License-Identifier: Apache-2.0
 *
 * vuln_int.h - what the vulnerability database's files share.
 */
#ifndef MDSEC_VULN_INT_H
#define MDSEC_VULN_INT_H

#include <sqlite3.h>

#include "mdsec/vulndb.h"

struct mdsec_vulndb {
	sqlite3 *h;
	char *path;
};

/* Run SQL; on failure a diagnostic naming the database (dl may be NULL). */
int vdb_exec(mdsec_vulndb *db, const char *sql, struct mdsec_diag_list *dl);

#endif
