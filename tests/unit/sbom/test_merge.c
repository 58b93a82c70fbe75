/* SPDX-License-Identifier: Apache-2.0
 *
 * test_merge.c - mdsec_sbom_merge(): components de-duplicated by PURL,
 * then CPE, then group+name+version; never merged when both PURLs (or
 * both CPEs) differ; the first occurrence keeps its fields and later ones
 * fill the gaps; hashes, evidence (an SBOM-read component without evidence
 * gets one naming its file) and dependency edges united; the first
 * document's primary stays primary and depends on the later documents'
 * primaries or, lacking one, their top-level components.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "mdsec/sbom.h"
#include "sbom/sbom_int.h"

static size_t add(mdsec_sbom *s, const char *name, const char *version,
		  const char *purl, const char *cpe, const char *file)
{
	size_t i = sbom_add_component(s);
	struct mdsec_component *c;

	assert_true(i != MDSEC_SBOM_NONE);
	c = &s->components.v[i];
	c->name = sbom_str(s, name);
	c->version = sbom_str(s, version);
	c->purl = sbom_str(s, purl);
	c->cpe = sbom_str(s, cpe);
	c->loc.file = sbom_str(s, file);
	return i;
}

static size_t find(const mdsec_sbom *s, const char *name, const char *version)
{
	size_t i;

	for (i = 0; i < s->components.n; i++)
		if (!strcmp(s->components.v[i].name, name) &&
		    !strcmp(s->components.v[i].version, version))
			return i;
	fail_msg("no component %s %s", name, version);
	return MDSEC_SBOM_NONE;
}

static bool depends(const mdsec_sbom *s, size_t from, size_t to)
{
	size_t i;

	for (i = 0; i < s->components.v[from].deps.n; i++)
		if (s->components.v[from].deps.v[i] == to)
			return true;
	return false;
}

static void test_merge_keys(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *a = mdsec_sbom_new(), *b = mdsec_sbom_new(), *m = NULL;
	mdsec_sbom *in[2];
	struct mdsec_sbom_evidence e = { MDSEC_FOUND_MODEL, "model.yaml",
					 "software sw-zlib", 100 };
	size_t dev, z, ssl, o, zb, sslb, lwb, x, y;

	(void)state;
	dev = add(a, "pump", "1.0", NULL, NULL, "a.json");
	a->primary = dev;
	z = add(a, "zlib", "1.3.1", "pkg:generic/zlib@1.3.1", NULL, "a.json");
	ssl = add(a, "openssl", "3.0.13", NULL,
		  "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*", "a.json");
	add(a, "tinycbor", "0.6.0", NULL, NULL, "a.json");
	add(a, "lwip", "2.2.0", "pkg:github/lwip-tcpip/lwip@2.2.0", NULL,
	    "a.json");
	sbom_add_evidence(&a->components.v[z], &e);
	sbom_add_dep(&a->components.v[dev], z);
	sbom_add_dep(&a->components.v[dev], ssl);

	/* same zlib by purl (another name), with a supplier to fill in */
	zb = add(b, "zlib-ng-compat", "1.3.1", "pkg:generic/zlib@1.3.1", NULL,
		 "b.json");
	b->components.v[zb].supplier = "zlib project";
	sbom_add_hash(&b->components.v[zb], "SHA-256",
		      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15"
		      "b0f00a08");
	/* same openssl by CPE (no purl on either side) */
	sslb = add(b, "OpenSSL", "3.0.13", NULL,
		   "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*", "b.json");
	/* same tinycbor by name+version */
	add(b, "tinycbor", "0.6.0", NULL, NULL, "b.json");
	/* lwip with the same name+version but another purl: not the same */
	lwb = add(b, "lwip", "2.2.0", "pkg:generic/lwip@2.2.0", NULL, "b.json");
	o = add(b, "other", "1", NULL, NULL, "b.json");
	sbom_add_dep(&b->components.v[sslb], zb);
	sbom_add_dep(&b->components.v[lwb], o);

	in[0] = a;
	in[1] = b;
	assert_int_equal(mdsec_sbom_merge(&m, in, 2, &dl), 0);
	/* pump, zlib, openssl, tinycbor, lwip x2, other */
	assert_int_equal(m->components.n, 7);
	x = find(m, "zlib", "1.3.1");
	assert_string_equal(m->components.v[x].supplier, "zlib project");
	assert_int_equal(m->components.v[x].hashes.n, 1);
	/* model evidence kept, SBOM evidence added for b.json */
	assert_int_equal(m->components.v[x].evidence.n, 2);
	assert_int_equal(m->components.v[x].evidence.v[0].method,
			 MDSEC_FOUND_MODEL);
	assert_string_equal(m->components.v[x].evidence.v[1].source, "b.json");
	y = find(m, "openssl", "3.0.13");
	assert_true(depends(m, y, x)); /* b's edge, on merged nodes */
	assert_int_equal(m->primary, find(m, "pump", "1.0"));
	/* b has no primary: the primary depends on b's roots (openssl,
	 * tinycbor, the second lwip), not on what has a parent in b */
	assert_true(depends(m, m->primary, find(m, "tinycbor", "0.6.0")));
	assert_false(depends(m, m->primary, find(m, "other", "1")));
	{
		size_t i, nlwip = 0;

		for (i = 0; i < m->components.n; i++)
			if (!strcmp(m->components.v[i].name, "lwip")) {
				nlwip++;
				assert_true(depends(m, m->primary, i) ==
					    !strcmp(m->components.v[i].purl,
						    "pkg:generic/lwip@2.2.0"));
			}
		assert_int_equal(nlwip, 2);
	}
	mdsec_sbom_free(m);

	/* merging a document with itself changes nothing */
	in[1] = a;
	assert_int_equal(mdsec_sbom_merge(&m, in, 2, &dl), 0);
	assert_int_equal(m->components.n, a->components.n);
	assert_int_equal(m->components.v[find(m, "pump", "1.0")].deps.n, 2);
	mdsec_sbom_free(m);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
	mdsec_diag_list_release(&dl);
}

/* The same component on two elements names both, each once. */
static void test_merge_elements(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *a = mdsec_sbom_new(), *b = mdsec_sbom_new(),
		   *c = mdsec_sbom_new(), *m = NULL;
	mdsec_sbom *in[3] = { a, b, c };
	size_t i;

	(void)state;
	i = add(a, "mbedtls", "3.6.4", "pkg:github/mbed-tls/mbedtls@3.6.4",
		NULL, "a.json");
	a->components.v[i].element = sbom_str(a, "pump-mcu");
	i = add(b, "mbedtls", "3.6.4", "pkg:github/mbed-tls/mbedtls@3.6.4",
		NULL, "b.json");
	b->components.v[i].element = sbom_str(b, "ble-radio");
	i = add(c, "mbedtls", "3.6.4", "pkg:github/mbed-tls/mbedtls@3.6.4",
		NULL, "c.json");
	c->components.v[i].element = sbom_str(c, "pump-mcu");
	assert_int_equal(mdsec_sbom_merge(&m, in, 3, &dl), 0);
	assert_string_equal(
		m->components.v[find(m, "mbedtls", "3.6.4")].element,
		"pump-mcu,ble-radio");
	mdsec_sbom_free(m);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
	mdsec_sbom_free(c);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_keys),
		cmocka_unit_test(test_merge_elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
