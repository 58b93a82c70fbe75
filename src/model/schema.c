/* SPDX-License-Identifier: Apache-2.0
 *
 * schema.c - the keys of the device model (format 1) as tables; see
 * schema.h and docs/model.md. The enumerations follow the C enums of
 * include/mdsec/model.h in order; the FDA control categories are those of
 * the premarket cybersecurity guidance (2023, Appendix 1), the support
 * levels those of its SBOM section (V.A.4.b), harm severities the five
 * qualitative levels of ISO 14971:2019 Annex C / AAMI TIR57.
 */
#include <stddef.h>
#include <string.h>
#include "model/schema.h"
#include "base/banned.h"

/* ---- enumerations ----------------------------------------------------- */

/* clang-format off: the tables are laid out by hand, for reading. */

static const char *const e_element_kind[] = {
	"device",      "firmware",	  "software",
	"mobile-app",  "cloud-service",	  "server",
	"workstation", "gateway",	  "data-store",
	"hdo-network", "external-system", "update-server",
	NULL
};
static const char *const e_interface_kind[] = { "ble",
						"bluetooth",
						"wifi",
						"nfc",
						"cellular",
						"proprietary-rf",
						"ethernet",
						"usb",
						"serial",
						"jtag",
						"swd",
						"uart",
						"network-service",
						"removable-media",
						"user-interface",
						"internal",
						NULL };
static const char *const e_direction[] = { "both", "in", "out", NULL };
static const char *const e_exposure[] = { "physical", "local",	  "adjacent",
					  "network",  "internet", NULL };
static const char *const e_level[] = { "none", "low", "medium", "high", NULL };
static const char *const e_severity[] = { "negligible",	  "minor",
					  "serious",	  "critical",
					  "catastrophic", NULL };
static const char *const e_category[] = {
	"authentication", "authorization",   "cryptography",
	"integrity",	  "confidentiality", "event-logging",
	"resiliency",	  "updatability",    NULL
};
static const char *const e_protection[] = { "authentication",
					    "mutual-authentication",
					    "authorization",
					    "integrity",
					    "encryption",
					    "replay-protection",
					    "signature",
					    "rollback-protection",
					    "input-validation",
					    "rate-limiting",
					    NULL };
static const char *const e_command[] = { "therapy", "settings", "alarm",
					 "control", "query",	"service",
					 "update",  NULL };
static const char *const e_role_kind[] = {
	"patient",	 "caregiver",	 "clinician", "technician", "service",
	"administrator", "manufacturer", "attacker",  NULL
};
static const char *const e_trust[] = { "untrusted", "low", "medium", "high",
				       NULL };
static const char *const e_transport[] = { "tcp", "udp", "sctp", NULL };
static const char *const e_asset_kind[] = { "therapy-settings",
					    "phi",
					    "pii",
					    "clinical-data",
					    "credentials",
					    "keys",
					    "firmware",
					    "software",
					    "logs",
					    "configuration",
					    "alarms",
					    "other",
					    NULL };
static const char *const e_origin[] = { "third-party", "open-source", "own",
					NULL };
static const char *const e_support[] = { "actively-maintained",
					 "no-longer-maintained", "abandoned",
					 NULL };
static const char *const e_control_status[] = { "implemented", "planned",
						NULL };
static const char *const e_decision[] = { "mitigate", "accept", "transfer",
					  NULL };
static const char *const e_cia[] = { "confidentiality", "integrity",
				     "availability", NULL };
static const char *const e_submission[] = {
	"510k", "de-novo", "pma", "pma-supplement", "hde", "ide",
	"eua",	"other",   NULL
};

/* clang-format on */

static const struct {
	const char *name;
	const char *const *values;
} enums[] = {
	{ "element-kind", e_element_kind },
	{ "interface-kind", e_interface_kind },
	{ "direction", e_direction },
	{ "exposure", e_exposure },
	{ "level", e_level },
	{ "severity", e_severity },
	{ "control-category", e_category },
	{ "protection", e_protection },
	{ "command", e_command },
	{ "role-kind", e_role_kind },
	{ "trust", e_trust },
	{ "transport", e_transport },
	{ "asset-kind", e_asset_kind },
	{ "origin", e_origin },
	{ "support", e_support },
	{ "control-status", e_control_status },
	{ "decision", e_decision },
	{ "submission-type", e_submission },
	{ "cia", e_cia },
};

_Static_assert(sizeof(e_element_kind) / sizeof(*e_element_kind) ==
		       MDSEC_ELEM_KIND_COUNT + 1,
	       "element kinds out of step with model.h");
_Static_assert(sizeof(e_interface_kind) / sizeof(*e_interface_kind) ==
		       MDSEC_IF_KIND_COUNT + 1,
	       "interface kinds out of step with model.h");
_Static_assert(sizeof(e_category) / sizeof(*e_category) ==
		       MDSEC_CTRL_CATEGORY_COUNT + 1,
	       "control categories out of step with model.h");

const char *const *mdsec_enum_names(const char *enumeration)
{
	size_t i;

	for (i = 0; i < sizeof(enums) / sizeof(*enums); i++) {
		if (!strcmp(enums[i].name, enumeration))
			return enums[i].values;
	}
	return NULL;
}

int schema_enum_index(const char *enumeration, const char *value)
{
	const char *const *v = mdsec_enum_names(enumeration);
	int i;

	for (i = 0; v && v[i]; i++) {
		if (!strcmp(v[i], value))
			return i;
	}
	return -1;
}

const char *schema_enum_list(const char *enumeration)
{
	static char lists[sizeof(enums) / sizeof(*enums)][512];
	const char *const *v = mdsec_enum_names(enumeration);
	size_t i, k, len;
	char *out;

	for (k = 0; k < sizeof(enums) / sizeof(*enums); k++) {
		if (!strcmp(enums[k].name, enumeration))
			break;
	}
	if (!v)
		return "";
	out = lists[k];
	if (out[0])
		return out;
	len = 0;
	for (i = 0; v[i]; i++) {
		size_t n = strlen(v[i]);

		if (len + n + 3 >= sizeof(lists[k]))
			break;
		if (i) {
			memcpy(out + len, ", ", 2);
			len += 2;
		}
		memcpy(out + len, v[i], n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

static const char *const kind_names[] = { "clinical function",
					  "essential performance",
					  "role",
					  "zone",
					  "element",
					  "interface",
					  "asset",
					  "flow",
					  "hazard",
					  "software",
					  "control",
					  "risk decision",
					  "assumption",
					  "justification" };
_Static_assert(sizeof(kind_names) / sizeof(*kind_names) == MDSEC_KIND_COUNT,
	       "kind names out of step with model.h");

const char *mdsec_kind_name(enum mdsec_kind kind)
{
	return (unsigned)kind < MDSEC_KIND_COUNT ? kind_names[kind] : "object";
}

/* ---- value syntax checks ------------------------------------------------ */

/* Package URL: "pkg:type/...". The full grammar is checked by the SBOM
 * module (purl-spec); here only what identifies it as a purl. */
static bool check_purl(const char *s)
{
	size_t i;

	if (strncmp(s, "pkg:", 4) != 0)
		return false;
	for (i = 4; s[i] == '/'; i++)
		;
	if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return false;
	return strchr(s + i, '/') != NULL;
}

/* CPE 2.3 formatted string binding (NISTIR 7695 section 6.2): the prefix,
 * a part of a, o or h (or ANY/NA), and 13 colon-separated fields in all,
 * colons escaped with a backslash not counting. */
static bool check_cpe23(const char *s)
{
	size_t parts = 1;
	const char *p;

	if (strncmp(s, "cpe:2.3:", 8) != 0)
		return false;
	for (p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == ':')
			parts++;
	}
	return parts == 13 && strchr("aho*-", s[8]) && s[9] == ':';
}

/* ---- field tables ----------------------------------------------------- */

/* clang-format off: one key per row, as the docs list them. */

/* Entries leave out trailing members they do not use (check, and for
 * most also sub, off2, expect); C zero-fills them, which is the intent. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define ANY_KIND ((1u << MDSEC_KIND_COUNT) - 1)
#define COUNT(a) (sizeof(a) / sizeof(*(a)))
#define OBJ_FIELDS(T)                                                          \
	{ "id",                                                                \
	  F_ID,                                                                \
	  FF_REQUIRED,                                                         \
	  offsetof(T, o.id),                                                   \
	  NULL,                                                                \
	  0,                                                                   \
	  0,                                                                   \
	  0,                                                                   \
	  NULL,                                                                \
	  0,                                                                   \
	  "an id: letters, digits, '-' and '_'" },                             \
		{ "name", F_STR, 0, offsetof(T, o.name), NULL, 0, 0,           \
		  0,	  NULL,	 0, "a string" },                              \
	{                                                                      \
		"description", F_STR, 0, offsetof(T, o.description), NULL, 0,  \
			0, 0, NULL, 0, "a string"                              \
	}
#define STR(T, key, member, fl)                                                \
	{                                                                      \
		key, F_STR, fl, offsetof(T, member), NULL, 0, 0, 0, NULL, 0,   \
			"a string"                                             \
	}
#define ENUM(T, key, member, fl, en)                                           \
	{                                                                      \
		key, F_ENUM, fl, offsetof(T, member), en, 0, 0, 0, NULL, 0,    \
			NULL                                                   \
	}
#define FLAGS(T, key, member, en)                                              \
	{                                                                      \
		key, F_FLAGS, 0, offsetof(T, member), en, 0, 0, 0, NULL, 0,    \
			NULL                                                   \
	}
#define REF(T, key, member, fl, kinds, what)                                   \
	{                                                                      \
		key, F_REF, fl, offsetof(T, member), NULL, kinds, 0, 0, NULL,  \
			0, what                                                \
	}
#define REFS(T, key, member, fl, kinds, what)                                  \
	{                                                                      \
		key, F_REFS, fl, offsetof(T, member), NULL, kinds, 0, 0, NULL, \
			0, what                                                \
	}
#define STRS(T, key, member)                                                   \
	{                                                                      \
		key, F_STRS, 0, offsetof(T, member), NULL, 0, 0, 0, NULL, 0,   \
			"a list of strings"                                    \
	}
#define PATHS(T, key, member)                                                  \
	{                                                                      \
		key, F_PATHS, 0, offsetof(T, member), NULL, 0, 0, 0, NULL, 0,  \
			"a list of file paths"                                 \
	}
#define BOOL(T, key, member, fl)                                               \
	{                                                                      \
		key, F_BOOL, fl, offsetof(T, member), NULL, 0, 0, 0, NULL, 0,  \
			"true or false"                                        \
	}
#define LIST(key, type)                                                        \
	{                                                                      \
		key, F_LIST, 0, 0, NULL, 0, 0, 0, &type, 0, NULL               \
	}

static const struct field f_function[] = { OBJ_FIELDS(struct mdsec_function) };
const struct objtype schema_function = { "clinical function",
					 MDSEC_KIND_FUNCTION,
					 sizeof(struct mdsec_function),
					 f_function, COUNT(f_function) };
const struct objtype schema_performance = { "essential performance",
					    MDSEC_KIND_PERFORMANCE,
					    sizeof(struct mdsec_function),
					    f_function, COUNT(f_function) };

static const struct field f_cyber[] = {
	BOOL(struct mdsec_device, "software", has_software, FF_REQUIRED),
	BOOL(struct mdsec_device, "connectivity", can_connect, FF_REQUIRED),
	STR(struct mdsec_device, "rationale", cyber_rationale, 0),
};
const struct objtype schema_cyber = { "cyber_device", -1,
				      sizeof(struct mdsec_device), f_cyber,
				      COUNT(f_cyber) };

static const struct field f_device[] = {
	STR(struct mdsec_device, "name", name, FF_REQUIRED),
	STR(struct mdsec_device, "version", version, FF_REQUIRED),
	STR(struct mdsec_device, "manufacturer", manufacturer, FF_REQUIRED),
	STR(struct mdsec_device, "model_number", model_number, 0),
	STR(struct mdsec_device, "description", description, 0),
	STR(struct mdsec_device, "intended_use", intended_use, FF_REQUIRED),
	ENUM(struct mdsec_device, "submission_type", submission_type,
	     FF_REQUIRED, "submission-type"),
	{ "end_of_support", F_DATE, 0,
	  offsetof(struct mdsec_device, end_of_support), NULL, 0, 0, 0, NULL, 0,
	  "a calendar date written YYYY-MM-DD" },
	{ "cyber_device", F_SUB, FF_REQUIRED, 0, NULL, 0, 0, 0, &schema_cyber,
	  0, "a mapping with software, connectivity and rationale" },
	LIST("clinical_functions", schema_function),
	LIST("essential_performance", schema_performance),
};
const struct objtype schema_device = { "device", -1,
				       sizeof(struct mdsec_device), f_device,
				       COUNT(f_device) };

static const struct field f_role[] = {
	OBJ_FIELDS(struct mdsec_role),
	ENUM(struct mdsec_role, "kind", kind, FF_REQUIRED, "role-kind"),
};
const struct objtype schema_role = { "role", MDSEC_KIND_ROLE,
				     sizeof(struct mdsec_role), f_role,
				     COUNT(f_role) };

static const struct field f_zone[] = {
	OBJ_FIELDS(struct mdsec_zone),
	ENUM(struct mdsec_zone, "trust", trust, FF_REQUIRED, "trust"),
	REF(struct mdsec_zone, "parent", parent, 0, KIND_BIT(MDSEC_KIND_ZONE),
	    "a zone"),
};
const struct objtype schema_zone = { "zone", MDSEC_KIND_ZONE,
				     sizeof(struct mdsec_zone), f_zone,
				     COUNT(f_zone) };

static const struct field f_interface[] = {
	OBJ_FIELDS(struct mdsec_interface),
	ENUM(struct mdsec_interface, "kind", kind, FF_REQUIRED,
	     "interface-kind"),
	ENUM(struct mdsec_interface, "direction", direction, 0, "direction"),
	ENUM(struct mdsec_interface, "exposure", exposure, FF_REQUIRED,
	     "exposure"),
	{ "enabled_in_production", F_BOOL, FF_SEEN,
	  offsetof(struct mdsec_interface, enabled_in_production), NULL, 0, 0,
	  0, NULL, offsetof(struct mdsec_interface, enabled_given),
	  "true or false" },
	STR(struct mdsec_interface, "protocol", protocol, 0),
	ENUM(struct mdsec_interface, "transport", transport, 0, "transport"),
	{ "port", F_INT, 0, offsetof(struct mdsec_interface, port), NULL, 0, 1,
	  65535, NULL, 0, "a port number from 1 to 65535" },
	STR(struct mdsec_interface, "justification", justification, 0),
};
const struct objtype schema_interface = { "interface", MDSEC_KIND_INTERFACE,
					  sizeof(struct mdsec_interface),
					  f_interface, COUNT(f_interface) };

static const struct field f_element[] = {
	OBJ_FIELDS(struct mdsec_element),
	ENUM(struct mdsec_element, "kind", kind, FF_REQUIRED, "element-kind"),
	REF(struct mdsec_element, "zone", zone, 0, KIND_BIT(MDSEC_KIND_ZONE),
	    "a zone"),
	REF(struct mdsec_element, "runs_on", runs_on, 0,
	    KIND_BIT(MDSEC_KIND_ELEMENT), "an element"),
	REFS(struct mdsec_element, "users", users, 0, KIND_BIT(MDSEC_KIND_ROLE),
	     "a role"),
	STR(struct mdsec_element, "platform", platform, 0),
	LIST("interfaces", schema_interface),
	PATHS(struct mdsec_element, "sboms", sboms),
	PATHS(struct mdsec_element, "firmware", firmware),
};
const struct objtype schema_element = { "element", MDSEC_KIND_ELEMENT,
					sizeof(struct mdsec_element), f_element,
					COUNT(f_element) };

static const struct field f_asset[] = {
	OBJ_FIELDS(struct mdsec_asset),
	ENUM(struct mdsec_asset, "kind", kind, FF_REQUIRED, "asset-kind"),
	ENUM(struct mdsec_asset, "confidentiality", confidentiality,
	     FF_REQUIRED, "level"),
	ENUM(struct mdsec_asset, "integrity", integrity, FF_REQUIRED, "level"),
	ENUM(struct mdsec_asset, "availability", availability, FF_REQUIRED,
	     "level"),
	REFS(struct mdsec_asset, "stored_on", stored_on, 0,
	     KIND_BIT(MDSEC_KIND_ELEMENT), "an element"),
};
const struct objtype schema_asset = { "asset", MDSEC_KIND_ASSET,
				      sizeof(struct mdsec_asset), f_asset,
				      COUNT(f_asset) };

static const struct field f_flow[] = {
	OBJ_FIELDS(struct mdsec_flow),
	REF(struct mdsec_flow, "from", from, FF_REQUIRED,
	    KIND_BIT(MDSEC_KIND_ELEMENT), "an element"),
	REF(struct mdsec_flow, "to", to, FF_REQUIRED,
	    KIND_BIT(MDSEC_KIND_ELEMENT), "an element"),
	REFS(struct mdsec_flow, "via", via, 0, KIND_BIT(MDSEC_KIND_INTERFACE),
	     "an interface, written element.interface"),
	REFS(struct mdsec_flow, "assets", assets, 0, KIND_BIT(MDSEC_KIND_ASSET),
	     "an asset"),
	FLAGS(struct mdsec_flow, "commands", commands, "command"),
	BOOL(struct mdsec_flow, "code", code, 0),
	BOOL(struct mdsec_flow, "bidirectional", bidirectional, 0),
	FLAGS(struct mdsec_flow, "protections", protections, "protection"),
	STR(struct mdsec_flow, "protocol", protocol, 0),
	STR(struct mdsec_flow, "justification", justification, 0),
};
const struct objtype schema_flow = { "flow", MDSEC_KIND_FLOW,
				     sizeof(struct mdsec_flow), f_flow,
				     COUNT(f_flow) };

static const struct field f_hazard[] = {
	OBJ_FIELDS(struct mdsec_hazard),
	STR(struct mdsec_hazard, "harm", harm, FF_REQUIRED),
	ENUM(struct mdsec_hazard, "severity", severity, FF_REQUIRED,
	     "severity"),
	STR(struct mdsec_hazard, "situation", situation, 0),
	BOOL(struct mdsec_hazard, "multi_patient", multi_patient, 0),
	FLAGS(struct mdsec_hazard, "caused_by", caused_by, "cia"),
	REFS(struct mdsec_hazard, "assets", assets, 0,
	     KIND_BIT(MDSEC_KIND_ASSET), "an asset"),
	REFS(struct mdsec_hazard, "flows", flows, 0, KIND_BIT(MDSEC_KIND_FLOW),
	     "a flow"),
	REFS(struct mdsec_hazard, "functions", functions, 0,
	     KIND_BIT(MDSEC_KIND_FUNCTION) | KIND_BIT(MDSEC_KIND_PERFORMANCE),
	     "a clinical function or essential performance"),
};
const struct objtype schema_hazard = { "hazard", MDSEC_KIND_HAZARD,
				       sizeof(struct mdsec_hazard), f_hazard,
				       COUNT(f_hazard) };

static const struct field f_software[] = {
	OBJ_FIELDS(struct mdsec_software),
	REF(struct mdsec_software, "element", element, FF_REQUIRED,
	    KIND_BIT(MDSEC_KIND_ELEMENT), "an element"),
	STR(struct mdsec_software, "version", version, FF_REQUIRED),
	STR(struct mdsec_software, "supplier", supplier, FF_REQUIRED),
	ENUM(struct mdsec_software, "origin", origin, FF_REQUIRED, "origin"),
	{ "purl", F_STR, 0, offsetof(struct mdsec_software, purl), NULL, 0, 0,
	  0, NULL, 0, "a package URL 'pkg:type/namespace/name@version'",
	  check_purl },
	{ "cpe", F_STR, 0, offsetof(struct mdsec_software, cpe), NULL, 0, 0, 0,
	  NULL, 0,
	  "a CPE 2.3 formatted string 'cpe:2.3:part:vendor:product:version:"
	  "...' with 13 fields",
	  check_cpe23 },
	STR(struct mdsec_software, "license", license, 0),
	ENUM(struct mdsec_software, "support", support, FF_REQUIRED, "support"),
	{ "end_of_support", F_DATE, 0,
	  offsetof(struct mdsec_software, end_of_support), NULL, 0, 0, 0, NULL,
	  0, "a calendar date written YYYY-MM-DD" },
	STR(struct mdsec_software, "support_justification",
	    support_justification, 0),
};
const struct objtype schema_software = { "software", MDSEC_KIND_SOFTWARE,
					 sizeof(struct mdsec_software),
					 f_software, COUNT(f_software) };

static const struct field f_control[] = {
	OBJ_FIELDS(struct mdsec_control),
	ENUM(struct mdsec_control, "category", category, FF_REQUIRED,
	     "control-category"),
	ENUM(struct mdsec_control, "status", status, 0, "control-status"),
	REFS(struct mdsec_control, "protects", protects, FF_REQUIRED, ANY_KIND,
	     "any object of the model"),
	STRS(struct mdsec_control, "requirements", requirements),
	STRS(struct mdsec_control, "tests", tests),
};
const struct objtype schema_control = { "control", MDSEC_KIND_CONTROL,
					sizeof(struct mdsec_control), f_control,
					COUNT(f_control) };

static const struct field f_decision[] = {
	{ "threat", F_ID, FF_REQUIRED, offsetof(struct mdsec_decision, o.id),
	  NULL, 0, 0, 0, NULL, 0, "a threat id as printed by mdsec threats" },
	STR(struct mdsec_decision, "description", o.description, 0),
	ENUM(struct mdsec_decision, "decision", decision, FF_REQUIRED,
	     "decision"),
	REFS(struct mdsec_decision, "controls", controls, 0,
	     KIND_BIT(MDSEC_KIND_CONTROL), "a control"),
	STR(struct mdsec_decision, "rationale", rationale, 0),
	STR(struct mdsec_decision, "labeling", labeling, 0),
	{ "residual_exploitability", F_INT, 0,
	  offsetof(struct mdsec_decision, residual_exploitability), NULL, 0, 1,
	  5, NULL, 0, "1 (very low) to 5 (very high)" },
};
const struct objtype schema_decision = { "risk decision", MDSEC_KIND_DECISION,
					 sizeof(struct mdsec_decision),
					 f_decision, COUNT(f_decision) };

static const struct field f_assumption[] = {
	OBJ_FIELDS(struct mdsec_assumption),
};
const struct objtype schema_assumption = { "assumption", MDSEC_KIND_ASSUMPTION,
					   sizeof(struct mdsec_assumption),
					   f_assumption, COUNT(f_assumption) };

static const struct field f_justification[] = {
	OBJ_FIELDS(struct mdsec_justification),
	STR(struct mdsec_justification, "absent", absent, FF_REQUIRED),
	REFS(struct mdsec_justification, "subjects", subjects, 0, ANY_KIND,
	     "any object of the model"),
	STR(struct mdsec_justification, "reason", reason, FF_REQUIRED),
};
const struct objtype schema_justification = {
	"justification", MDSEC_KIND_JUSTIFICATION,
	sizeof(struct mdsec_justification), f_justification,
	COUNT(f_justification)
};

/* The root mapping. `format` and `include` are handled by the loader. */
static const struct field f_root[] = {
	{ "format", F_INT, 0, 0, NULL, 0, 1, MDSEC_MODEL_FORMAT, NULL, 0, "1" },
	STRS(struct mdsec_model, "include", files),
	{ "device", F_SUB, 0, 0, NULL, 0, 0, 0, &schema_device, 0,
	  "a mapping" },
	LIST("roles", schema_role),
	LIST("zones", schema_zone),
	LIST("elements", schema_element),
	LIST("assets", schema_asset),
	LIST("flows", schema_flow),
	LIST("hazards", schema_hazard),
	LIST("software", schema_software),
	LIST("controls", schema_control),
	LIST("risk_decisions", schema_decision),
	LIST("assumptions", schema_assumption),
	LIST("justifications", schema_justification),
};
const struct objtype schema_root = { "model", -1, 0, f_root, COUNT(f_root) };

/* clang-format on */

const struct field *schema_field(const struct objtype *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->nfields; i++) {
		if (!strcmp(t->fields[i].key, key))
			return &t->fields[i];
	}
	return NULL;
}
