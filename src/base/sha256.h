/* SPDX-License-Identifier: Apache-2.0
 *
 * sha256.h - SHA-256 (FIPS 180-4) through OpenSSL libcrypto's EVP
 * interface, one-shot and incremental, with lower-case hex output.
 */
#ifndef MDSEC_SHA256_H
#define MDSEC_SHA256_H

#include <stddef.h>

#define SHA256_LEN     32
#define SHA256_HEX_LEN 64

struct sha256 {
	void *ctx; /* EVP_MD_CTX, owned */
};

/* 0 or MDSEC_ENOMEM. */
int sha256_init(struct sha256 *s);
int sha256_update(struct sha256 *s, const void *data, size_t len);
/* Write the digest and release the context; 0 or MDSEC_EIO. */
int sha256_final(struct sha256 *s, unsigned char out[SHA256_LEN]);
/* Release without a digest (on an error path). */
void sha256_release(struct sha256 *s);
/* One shot: hex digest of data, NUL-terminated, into hex[65]. */
int sha256_hex(char hex[SHA256_HEX_LEN + 1], const void *data, size_t len);
void sha256_to_hex(char hex[SHA256_HEX_LEN + 1],
		   const unsigned char d[SHA256_LEN]);

#endif
