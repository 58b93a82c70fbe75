/* SPDX-License-Identifier: Apache-2.0
 *
 * diag.h - recording located diagnostics into a caller's list
 * (struct mdsec_diag_list, include/mdsec/error.h). Nothing here prints:
 * the CLI decides how to show them. diag_error() returns MDSEC_EINPUT so
 * that `return diag_error(dl, loc, ...)` reads naturally (git error()).
 * Documented in docs/internals/diag.md.
 */
#ifndef MDSEC_DIAG_H
#define MDSEC_DIAG_H

#include <stdarg.h>
#include "mdsec/error.h"

/* Record an error at loc; returns MDSEC_EINPUT (MDSEC_ENOMEM if the
 * diagnostic itself could not be stored). */
int diag_error(struct mdsec_diag_list *dl, struct mdsec_loc loc,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Record a warning at loc; returns 0 (or MDSEC_ENOMEM). */
int diag_warning(struct mdsec_diag_list *dl, struct mdsec_loc loc,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_vadd(struct mdsec_diag_list *dl, enum mdsec_diag_sev sev,
	      struct mdsec_loc loc, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif
