/* SPDX-License-Identifier: Apache-2.0
 *
 * utf8.h - strict UTF-8 validation (RFC 3629 / Unicode 15 Table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF). Text from
 * strangers is checked before any parser sees it.
 */
#ifndef MDSEC_UTF8_H
#define MDSEC_UTF8_H

#include <stddef.h>

/*
 * Return len when buf[0..len) is well-formed UTF-8, else the offset of the
 * first byte of the first ill-formed sequence.
 */
size_t utf8_check(const char *buf, size_t len);

#endif
