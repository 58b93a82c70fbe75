/* SPDX-License-Identifier: Apache-2.0
 *
 * timeutil.h - the time stamped into outputs. Reproducible builds'
 * SOURCE_DATE_EPOCH wins over the clock so that the same inputs give
 * byte-identical evidence (https://reproducible-builds.org/specs/source-date-epoch/).
 */
#ifndef MDSEC_TIMEUTIL_H
#define MDSEC_TIMEUTIL_H

#include <time.h>

/*
 * The output time: SOURCE_DATE_EPOCH when set to a valid non-negative
 * decimal integer, else now. Returns 0, or MDSEC_EINPUT when the variable
 * is set but malformed (the caller should say so; *out is then now).
 */
int time_output(time_t *out);
/* Format t as UTC "YYYY-MM-DDTHH:MM:SSZ" into buf[21]. */
void time_iso8601(char buf[21], time_t t);
/* True when s is a valid calendar date "YYYY-MM-DD". */
int time_valid_date(const char *s);
/* 1 when s is an RFC 3339 date-time ("2026-01-01T12:00:00Z",
 * "...T12:00:00.5+01:00"), else 0. */
int time_valid_datetime(const char *s);

#endif
