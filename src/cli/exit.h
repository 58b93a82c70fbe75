/* SPDX-License-Identifier: Apache-2.0
 *
 * exit.h - the exit statuses of every mdsec command, one table for all
 * (docs/cli.md, "Exit codes"). Only src/cli/ exits.
 */
#ifndef MDSEC_CLI_EXIT_H
#define MDSEC_CLI_EXIT_H

#define EXIT_CLEAN    0	 /* success, nothing to report */
#define EXIT_FINDINGS 1	 /* success, with findings or differences */
#define EXIT_INPUT    2	 /* bad input: model, SBOM, feed, vector */
#define EXIT_ENV      3	 /* environment: missing database, I/O, memory */
#define EXIT_USAGE    64 /* bad command line (sysexits.h EX_USAGE) */

#endif
