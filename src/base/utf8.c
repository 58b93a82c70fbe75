/* SPDX-License-Identifier: Apache-2.0
 *
 * utf8.c - strict UTF-8 validation; see utf8.h. The byte ranges are those
 * of the Unicode Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences".
 */
#include "base/utf8.h"
#include "base/banned.h"

size_t utf8_check(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, need, k;
	unsigned char lo, hi;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0; /* no overlong */
			if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90; /* no overlong */
			if (c == 0xF4)
				hi = 0x8F; /* nothing above U+10FFFF */
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k <= need; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		}
		i += need + 1;
	}
	return len;
}
