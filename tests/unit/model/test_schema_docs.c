/* SPDX-License-Identifier: Apache-2.0
 *
 * test_schema_docs.c - every key the loader accepts (the tables of
 * src/model/schema.c) is documented: it appears in docs/model.md written
 * as `key`. A key added to the schema without documentation fails here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "base/fileio.h"
#include "base/strbuf.h"
#include "model/schema.h"

#define DOC MDSEC_TEST_SRCDIR "/docs/model.md"

static const struct objtype *const tables[] = {
	&schema_root,	    &schema_device,	   &schema_cyber,
	&schema_function,   &schema_performance,   &schema_role,
	&schema_zone,	    &schema_element,	   &schema_interface,
	&schema_asset,	    &schema_flow,	   &schema_hazard,
	&schema_software,   &schema_control,	   &schema_decision,
	&schema_assumption, &schema_justification,
};

static void test_schema_tables_are_not_empty(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		assert_non_null(tables[i]->name);
		assert_true(tables[i]->nfields > 0);
	}
	assert_non_null(schema_field(&schema_element, "runs_on"));
	assert_non_null(schema_field(&schema_root, "risk_decisions"));
}

static void test_every_schema_key_is_documented_in_model_md(void **state)
{
	struct strbuf doc = STRBUF_INIT, missing = STRBUF_INIT;
	char quoted[128];
	const char *key;
	size_t i, j, nkeys = 0;
	int error;

	(void)state;
	error = file_read_capped(&doc, DOC, (size_t)4 << 20);
	if (error < 0)
		fail_msg("cannot read %s (%d): every key of the model must be "
			 "documented there",
			 DOC, error);
	for (i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		for (j = 0; j < tables[i]->nfields; j++) {
			key = tables[i]->fields[j].key;
			snprintf(quoted, sizeof(quoted), "`%s`", key);
			nkeys++;
			if (!strstr(doc.buf, quoted))
				strbuf_addf(&missing, "\n  %s: `%s`",
					    tables[i]->name, key);
		}
	}
	assert_true(nkeys > 80);
	if (missing.len)
		fail_msg("keys missing from docs/model.md:%s", missing.buf);
	strbuf_release(&missing);
	strbuf_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_tables_are_not_empty),
		cmocka_unit_test(
			test_every_schema_key_is_documented_in_model_md),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
