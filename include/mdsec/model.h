/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/model.h - the device security model: what the device is, the
 * elements of its system, their interfaces, the data flows between them,
 * trust zones, assets, hazards, software, controls and risk decisions.
 *
 * The model is the single reviewed source every later stage derives from
 * (threats, risks, SBOM, documents). It is written in YAML (docs/model.md)
 * and may span several files through `include:`. Loading parses every
 * file, checks every key, type and reference, and reports every problem
 * with its file:line:col; it either returns a complete, resolved model or
 * nothing at all.
 *
 * Ownership: a loaded model owns all of its strings and arrays; every
 * pointer reached from it is valid until mdsec_model_free(). The structs
 * are transparent for reading; callers must not modify them.
 */
#ifndef MDSEC_MODEL_H
#define MDSEC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"

/** Highest model `format:` this library reads. */
#define MDSEC_MODEL_FORMAT 1

/** Kinds of named objects; every id lives in one namespace. */
enum mdsec_kind {
	MDSEC_KIND_FUNCTION,	  /* clinical function of the device */
	MDSEC_KIND_PERFORMANCE,	  /* essential performance (IEC 60601-1) */
	MDSEC_KIND_ROLE,	  /* user role */
	MDSEC_KIND_ZONE,	  /* trust zone (boundary) */
	MDSEC_KIND_ELEMENT,	  /* system element */
	MDSEC_KIND_INTERFACE,	  /* interface of an element, id "elem.if" */
	MDSEC_KIND_ASSET,	  /* asset to protect */
	MDSEC_KIND_FLOW,	  /* data flow */
	MDSEC_KIND_HAZARD,	  /* ISO 14971 hazard */
	MDSEC_KIND_SOFTWARE,	  /* software component */
	MDSEC_KIND_CONTROL,	  /* security control */
	MDSEC_KIND_DECISION,	  /* risk decision for a threat */
	MDSEC_KIND_ASSUMPTION,	  /* stated assumption */
	MDSEC_KIND_JUSTIFICATION, /* why an expected item is absent */
	MDSEC_KIND_COUNT
};

/** Element kinds (docs/model.md, "elements"). */
enum mdsec_element_kind {
	MDSEC_ELEM_DEVICE,
	MDSEC_ELEM_FIRMWARE,
	MDSEC_ELEM_SOFTWARE,
	MDSEC_ELEM_MOBILE_APP,
	MDSEC_ELEM_CLOUD_SERVICE,
	MDSEC_ELEM_SERVER,
	MDSEC_ELEM_WORKSTATION,
	MDSEC_ELEM_GATEWAY,
	MDSEC_ELEM_DATA_STORE,
	MDSEC_ELEM_HDO_NETWORK,
	MDSEC_ELEM_EXTERNAL_SYSTEM,
	MDSEC_ELEM_UPDATE_SERVER,
	MDSEC_ELEM_KIND_COUNT
};

/** Interface kinds. */
enum mdsec_interface_kind {
	MDSEC_IF_BLE,
	MDSEC_IF_BLUETOOTH,
	MDSEC_IF_WIFI,
	MDSEC_IF_NFC,
	MDSEC_IF_CELLULAR,
	MDSEC_IF_PROPRIETARY_RF,
	MDSEC_IF_ETHERNET,
	MDSEC_IF_USB,
	MDSEC_IF_SERIAL,
	MDSEC_IF_JTAG,
	MDSEC_IF_SWD,
	MDSEC_IF_UART,
	MDSEC_IF_NETWORK_SERVICE,
	MDSEC_IF_REMOVABLE_MEDIA,
	MDSEC_IF_USER_INTERFACE,
	MDSEC_IF_INTERNAL, /* on-board bus between parts of one device */
	MDSEC_IF_KIND_COUNT
};

enum mdsec_direction { MDSEC_DIR_BOTH, MDSEC_DIR_IN, MDSEC_DIR_OUT };

/** Exposure, from least to most reachable; order is meaningful. */
enum mdsec_exposure {
	MDSEC_EXPOSE_PHYSICAL,
	MDSEC_EXPOSE_LOCAL,
	MDSEC_EXPOSE_ADJACENT,
	MDSEC_EXPOSE_NETWORK,
	MDSEC_EXPOSE_INTERNET
};

/** Need for confidentiality, integrity or availability; ordered. */
enum mdsec_level {
	MDSEC_LEVEL_NONE,
	MDSEC_LEVEL_LOW,
	MDSEC_LEVEL_MEDIUM,
	MDSEC_LEVEL_HIGH
};

/** ISO 14971 harm severity, five levels, ordered. */
enum mdsec_severity {
	MDSEC_SEV_NEGLIGIBLE,
	MDSEC_SEV_MINOR,
	MDSEC_SEV_SERIOUS,
	MDSEC_SEV_CRITICAL,
	MDSEC_SEV_CATASTROPHIC
};

/** The eight FDA control categories (premarket guidance, Appendix 1). */
enum mdsec_control_category {
	MDSEC_CTRL_AUTHENTICATION,
	MDSEC_CTRL_AUTHORIZATION,
	MDSEC_CTRL_CRYPTOGRAPHY,
	MDSEC_CTRL_INTEGRITY,
	MDSEC_CTRL_CONFIDENTIALITY,
	MDSEC_CTRL_EVENT_LOGGING,
	MDSEC_CTRL_RESILIENCY,
	MDSEC_CTRL_UPDATABILITY,
	MDSEC_CTRL_CATEGORY_COUNT
};

/** Protections a flow may have; a bit set in mdsec_flow.protections. */
enum mdsec_protection {
	MDSEC_PROT_AUTHENTICATION = 1 << 0,
	MDSEC_PROT_MUTUAL_AUTHENTICATION = 1 << 1,
	MDSEC_PROT_AUTHORIZATION = 1 << 2,
	MDSEC_PROT_INTEGRITY = 1 << 3,
	MDSEC_PROT_ENCRYPTION = 1 << 4,
	MDSEC_PROT_REPLAY_PROTECTION = 1 << 5,
	MDSEC_PROT_SIGNATURE = 1 << 6,
	MDSEC_PROT_ROLLBACK_PROTECTION = 1 << 7,
	MDSEC_PROT_INPUT_VALIDATION = 1 << 8,
	MDSEC_PROT_RATE_LIMITING = 1 << 9
};

/** Kinds of commands a flow carries; a bit set in mdsec_flow.commands. */
enum mdsec_command {
	MDSEC_CMD_THERAPY = 1 << 0,
	MDSEC_CMD_SETTINGS = 1 << 1,
	MDSEC_CMD_ALARM = 1 << 2,
	MDSEC_CMD_CONTROL = 1 << 3,
	MDSEC_CMD_QUERY = 1 << 4,
	MDSEC_CMD_SERVICE = 1 << 5,
	MDSEC_CMD_UPDATE = 1 << 6
};

/** A reference by id to another object, resolved at load time. */
struct mdsec_ref {
	const char *id;	      /* as written; NULL when the key is absent */
	struct mdsec_loc loc; /* where the id was written */
	enum mdsec_kind kind; /* kind of the target, once resolved */
	size_t index;	      /* index of the target in its model array;
				 for an interface, index in model->interfaces */
};

struct mdsec_refs {
	struct mdsec_ref *v;
	size_t n;
};

/** A list of strings (requirement ids, test ids, file paths). */
struct mdsec_strs {
	const char **v;
	struct mdsec_loc *loc; /* loc[i] is where v[i] was written */
	size_t n;
};

/** Header fields shared by every named object. */
struct mdsec_obj {
	const char *id;		 /* unique across the whole model */
	struct mdsec_loc loc;	 /* where the object starts */
	const char *name;	 /* human title; defaults to the id */
	const char *description; /* NULL when absent */
};

struct mdsec_function {
	struct mdsec_obj o;
};

struct mdsec_role {
	struct mdsec_obj o;
	int kind; /* index into mdsec_enum_names("role-kind") */
};

struct mdsec_zone {
	struct mdsec_obj o;
	int trust;		 /* 0 untrusted .. 3 high, see docs/model.md */
	struct mdsec_ref parent; /* enclosing zone, id NULL when top level */
};

struct mdsec_interface {
	struct mdsec_obj o;   /* o.id is the qualified "element.local" id */
	const char *local_id; /* the id as written inside the element */
	size_t element;	      /* index of the owning element */
	enum mdsec_interface_kind kind;
	enum mdsec_direction direction;
	enum mdsec_exposure exposure;
	bool enabled_in_production;
	bool enabled_given;   /* enabled_in_production was written */
	const char *protocol; /* e.g. "https", "hl7-mllp"; may be NULL */
	int transport;	      /* mdsec_enum_names("transport"), default tcp */
	int port;	      /* 0 = none, else 1..65535 */
	const char *justification;
};

struct mdsec_element {
	struct mdsec_obj o;
	enum mdsec_element_kind kind;
	struct mdsec_ref zone; /* resolved; inherited from runs_on if absent */
	struct mdsec_ref runs_on;   /* host element, id NULL when none */
	struct mdsec_refs users;    /* roles */
	const char *platform;	    /* OS or runtime, e.g. "Windows 10 LTSC" */
	size_t first_interface;	    /* this element's interfaces are */
	size_t ninterfaces;	    /* model->interfaces[first ..+n) */
	struct mdsec_strs sboms;    /* supplier SBOM files, resolved paths */
	struct mdsec_strs firmware; /* firmware images, resolved paths */
};

struct mdsec_asset {
	struct mdsec_obj o;
	int kind; /* mdsec_enum_names("asset-kind") */
	enum mdsec_level confidentiality, integrity, availability;
	struct mdsec_refs stored_on; /* elements */
};

struct mdsec_flow {
	struct mdsec_obj o;
	struct mdsec_ref from, to; /* elements */
	struct mdsec_refs via;	   /* interfaces used, "element.if" */
	struct mdsec_refs assets;  /* assets carried */
	unsigned commands;	   /* enum mdsec_command bits */
	bool code;		   /* carries executable code or firmware */
	bool bidirectional;
	unsigned protections; /* enum mdsec_protection bits */
	const char *protocol;
	const char *justification;
};

struct mdsec_hazard {
	struct mdsec_obj o;
	const char *harm; /* the harm to the patient or user */
	enum mdsec_severity severity;
	const char *situation; /* hazardous situation, may be NULL */
	bool multi_patient;    /* can harm many patients at once */
	unsigned caused_by;    /* loss of: bit 0 confidentiality, 1 integrity,
				  2 availability; 0 = any (not stated) */
	struct mdsec_refs assets, flows, functions;
};

struct mdsec_software {
	struct mdsec_obj o;
	struct mdsec_ref element; /* where it runs */
	const char *version;
	const char *supplier;
	int origin;		    /* mdsec_enum_names("origin") */
	const char *purl;	    /* may be NULL */
	const char *cpe;	    /* may be NULL */
	const char *license;	    /* SPDX expression, may be NULL */
	int support;		    /* mdsec_enum_names("support") */
	const char *end_of_support; /* "YYYY-MM-DD" or NULL */
	const char *support_justification;
};

struct mdsec_control {
	struct mdsec_obj o;
	enum mdsec_control_category category;
	int status;		    /* mdsec_enum_names("control-status") */
	struct mdsec_refs protects; /* any object kind */
	struct mdsec_strs requirements;
	struct mdsec_strs tests;
};

struct mdsec_decision {
	struct mdsec_obj o; /* o.id is the threat id it decides */
	int decision;	    /* mdsec_enum_names("decision") */
	struct mdsec_refs controls;
	const char *rationale;
	const char *labeling;
	int residual_exploitability; /* 1..5 stated by the model, 0 = compute */
};

struct mdsec_assumption {
	struct mdsec_obj o;
};

struct mdsec_justification {
	struct mdsec_obj o;
	const char *absent;	    /* what is deliberately absent */
	struct mdsec_refs subjects; /* objects it is absent from */
	const char *reason;
};

struct mdsec_device {
	struct mdsec_loc loc;
	const char *name, *version, *manufacturer, *model_number;
	const char *description, *intended_use;
	int submission_type; /* mdsec_enum_names("submission-type") */
	bool has_software;   /* cyber device test 1 */
	bool can_connect;    /* cyber device test 2 */
	const char *cyber_rationale;
	const char *end_of_support; /* "YYYY-MM-DD" the maker plans, or NULL */
};

/** A loaded, validated, resolved model. Read-only for callers. */
typedef struct mdsec_model {
	int format;		 /* the `format:` of the root file */
	const char *root;	 /* path of the root file */
	struct mdsec_strs files; /* every file loaded, root first */
	struct mdsec_device device;
	struct mdsec_function *functions;
	size_t nfunctions;
	struct mdsec_function *performance;
	size_t nperformance;
	struct mdsec_role *roles;
	size_t nroles;
	struct mdsec_zone *zones;
	size_t nzones;
	struct mdsec_element *elements;
	size_t nelements;
	struct mdsec_interface *interfaces;
	size_t ninterfaces;
	struct mdsec_asset *assets;
	size_t nassets;
	struct mdsec_flow *flows;
	size_t nflows;
	struct mdsec_hazard *hazards;
	size_t nhazards;
	struct mdsec_software *software;
	size_t nsoftware;
	struct mdsec_control *controls;
	size_t ncontrols;
	struct mdsec_decision *decisions;
	size_t ndecisions;
	struct mdsec_assumption *assumptions;
	size_t nassumptions;
	struct mdsec_justification *justifications;
	size_t njustifications;
	void *priv; /* private: arena and id index */
} mdsec_model;

/** Options for mdsec_model_load(). */
struct mdsec_model_options {
	unsigned version;	    /* MDSEC_MODEL_OPTIONS_VERSION */
	size_t max_file_bytes;	    /* per file; 0 = 64 MiB */
	unsigned max_include_depth; /* 0 = 16 */
	bool check_paths;	    /* check referenced SBOMs/firmware exist */
};

#define MDSEC_MODEL_OPTIONS_VERSION 1
#define MDSEC_MODEL_OPTIONS_INIT                                               \
	{                                                                      \
		MDSEC_MODEL_OPTIONS_VERSION, 0, 0, true                        \
	}

/**
 * Load the model whose root file is `path`, with its includes.
 *
 * @param[out] out  the model on success; NULL on failure
 * @param path      root YAML file
 * @param opts      options, or NULL for MDSEC_MODEL_OPTIONS_INIT
 * @param dl        receives every problem found, errors and warnings
 * @return 0; MDSEC_EINPUT when any error was found (see dl);
 *         MDSEC_ENOTFOUND / MDSEC_EIO when the root cannot be read (also
 *         in dl); MDSEC_ENOMEM
 */
int mdsec_model_load(mdsec_model **out, const char *path,
		     const struct mdsec_model_options *opts,
		     struct mdsec_diag_list *dl);

/**
 * Load a model from a buffer, for tests and fuzzing. `name` is the file
 * name used in diagnostics and as the base for relative includes.
 */
int mdsec_model_load_buffer(mdsec_model **out, const char *name,
			    const char *buf, size_t len,
			    const struct mdsec_model_options *opts,
			    struct mdsec_diag_list *dl);

/** Free a model and everything it owns. Accepts NULL. */
void mdsec_model_free(mdsec_model *model);

/**
 * Look an object up by id. Returns its kind and index through the out
 * parameters and 0, or MDSEC_ENOTFOUND.
 */
int mdsec_model_lookup(enum mdsec_kind *kind_out, size_t *index_out,
		       const mdsec_model *model, const char *id);

/**
 * Render the resolved model as JSON (docs/schemas/model.schema.json),
 * pretty-printed, newline-terminated, deterministic.
 *
 * @param[out] out  malloc'ed NUL-terminated text; caller frees with free()
 * @return 0 or MDSEC_ENOMEM
 */
int mdsec_model_to_json(char **out, const mdsec_model *model);

/**
 * The accepted spellings of one of the model's enumerations ("element-kind",
 * "interface-kind", "exposure", "role-kind", ...), NULL-terminated, in
 * the order of the matching C enum. NULL for an unknown name.
 */
const char *const *mdsec_enum_names(const char *enumeration);

/** Index of the risk decision for threat id `threat`, or -1. */
long mdsec_model_decision(const mdsec_model *model, const char *threat);

/**
 * `path` (a file of the model) as shown in outputs: relative to the root
 * model's directory when it lies under it. Borrowed from `path`.
 */
const char *mdsec_model_display_path(const mdsec_model *model,
				     const char *path);

/** Name of an object kind, e.g. "element". */
const char *mdsec_kind_name(enum mdsec_kind kind);

#endif
