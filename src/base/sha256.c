/* SPDX-License-Identifier: Apache-2.0
 *
 * sha256.c - SHA-256 over OpenSSL's EVP digest API (FIPS 180-4); see
 * sha256.h. Known-answer tests from FIPS 180-4 examples live in
 * tests/unit/base/test_sha256.c.
 */
#include <openssl/evp.h>
#include "mdsec/error.h"
#include "base/sha256.h"
#include "base/banned.h"

int sha256_init(struct sha256 *s)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	s->ctx = NULL;
	if (!ctx)
		return MDSEC_ENOMEM;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return MDSEC_ENOMEM;
	}
	s->ctx = ctx;
	return 0;
}

int sha256_update(struct sha256 *s, const void *data, size_t len)
{
	return EVP_DigestUpdate(s->ctx, data, len) == 1 ? 0 : MDSEC_EIO;
}

int sha256_final(struct sha256 *s, unsigned char out[SHA256_LEN])
{
	unsigned int n = 0;
	int ok = EVP_DigestFinal_ex(s->ctx, out, &n) == 1 && n == SHA256_LEN;

	sha256_release(s);
	return ok ? 0 : MDSEC_EIO;
}

void sha256_release(struct sha256 *s)
{
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void sha256_to_hex(char hex[SHA256_HEX_LEN + 1],
		   const unsigned char d[SHA256_LEN])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEX_LEN] = '\0';
}

int sha256_hex(char hex[SHA256_HEX_LEN + 1], const void *data, size_t len)
{
	unsigned char d[SHA256_LEN];
	struct sha256 s;
	int error;

	error = sha256_init(&s);
	if (error < 0)
		return error;
	error = sha256_update(&s, data, len);
	if (error < 0) {
		sha256_release(&s);
		return error;
	}
	error = sha256_final(&s, d);
	if (error < 0)
		return error;
	sha256_to_hex(hex, d);
	return 0;
}
