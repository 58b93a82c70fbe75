/* SPDX-License-Identifier: Apache-2.0
 *
 * timeutil.c - SOURCE_DATE_EPOCH and ISO 8601 dates; see timeutil.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/timeutil.h"
#include "base/banned.h"

int time_output(time_t *out)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	*out = time(NULL);
	if (!s || !*s)
		return 0;
	/* strtoll() would also take leading blanks and a sign. */
	if (*s < '0' || *s > '9')
		return MDSEC_EINPUT;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL) /* 9999-12-31 */
		return MDSEC_EINPUT;
	*out = (time_t)v;
	return 0;
}

void time_iso8601(char buf[21], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int time_valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int y, m, d, i, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static int digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int time_valid_datetime(const char *s)
{
	char date[11];
	const char *p;

	if (strlen(s) < 20)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!time_valid_date(date) || (s[10] != 'T' && s[10] != 't'))
		return 0;
	p = s + 11;
	if (!digits(p, 2) || p[2] != ':' || !digits(p + 3, 2) || p[5] != ':' ||
	    !digits(p + 6, 2))
		return 0;
	if ((p[0] - '0') * 10 + (p[1] - '0') > 23 ||
	    (p[3] - '0') * 10 + (p[4] - '0') > 59 ||
	    (p[6] - '0') * 10 + (p[7] - '0') > 60) /* leap second */
		return 0;
	p += 8;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return 1;
	if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' &&
	    digits(p + 4, 2) && p[6] == '\0')
		return (p[1] - '0') * 10 + (p[2] - '0') <= 23 &&
		       (p[4] - '0') * 10 + (p[5] - '0') <= 59;
	return 0;
}
