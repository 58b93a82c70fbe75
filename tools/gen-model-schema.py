#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Generate docs/schemas/model.schema.json from the enumerations in
# src/model/schema.c, so the JSON Schema of `mdsec model` output cannot
# drift from the loader. `--check` compares instead of writing (a test).
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = (ROOT / "src/model/schema.c").read_text()
OUT = ROOT / "docs/schemas/model.schema.json"


def enum(name):
    m = re.search(r"static const char \*const " + name + r"\[\] = \{(.*?)\};", SRC, re.S)
    return {"enum": re.findall(r'"([^"]+)"', m.group(1))}


ID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"}
IFACE_ID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*\\.[A-Za-z0-9][A-Za-z0-9_-]*$"}
REF = {"type": "string", "minLength": 1}
REFS = {"type": "array", "items": REF}
STRS = {"type": "array", "items": {"type": "string"}}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
SRCLOC = {"type": "string", "pattern": "^.+:[0-9]+:[0-9]+$",
          "description": "file:line:col where the object is written"}


def obj(req, props, idschema=ID):
    p = {"id": idschema, "name": STR, "description": STR}
    p.update(props)
    p["source"] = SRCLOC
    return {"type": "object", "additionalProperties": False,
            "required": ["id", "name", "source"] + req, "properties": p}


def build():
    defs = {
        "function": obj([], {}),
        "role": obj(["kind"], {"kind": enum("e_role_kind")}),
        "zone": obj(["trust"], {"trust": enum("e_trust"), "parent": REF}),
        "interface": obj(["kind", "direction", "exposure", "enabled_in_production"], {
            "kind": enum("e_interface_kind"), "direction": enum("e_direction"),
            "exposure": enum("e_exposure"), "enabled_in_production": BOOL,
            "protocol": STR, "transport": enum("e_transport"),
            "port": {"type": "integer", "minimum": 1, "maximum": 65535},
            "justification": STR}, IFACE_ID),
        "element": obj(["kind", "users", "interfaces", "sboms", "firmware"], {
            "kind": enum("e_element_kind"), "zone": REF, "runs_on": REF, "users": REFS,
            "platform": STR,
            "interfaces": {"type": "array", "items": {"$ref": "#/$defs/interface"}},
            "sboms": STRS, "firmware": STRS}),
        "asset": obj(["kind", "confidentiality", "integrity", "availability", "stored_on"], {
            "kind": enum("e_asset_kind"), "confidentiality": enum("e_level"),
            "integrity": enum("e_level"), "availability": enum("e_level"), "stored_on": REFS}),
        "flow": obj(["from", "to", "via", "assets", "commands", "code", "bidirectional",
                     "protections", "crosses_boundary"], {
            "from": REF, "to": REF, "via": REFS, "assets": REFS,
            "commands": {"type": "array", "uniqueItems": True, "items": enum("e_command")},
            "code": BOOL, "bidirectional": BOOL,
            "protections": {"type": "array", "uniqueItems": True, "items": enum("e_protection")},
            "protocol": STR, "justification": STR,
            "crosses_boundary": {"type": "boolean",
                                 "description": "derived: its ends sit in different zones"}}),
        "hazard": obj(["harm", "severity", "multi_patient", "caused_by", "assets", "flows", "functions"], {
            "harm": STR, "severity": enum("e_severity"), "situation": STR,
            "multi_patient": BOOL,
            "caused_by": {"type": "array", "uniqueItems": True, "items": enum("e_cia")},
            "assets": REFS, "flows": REFS, "functions": REFS}),
        "software": obj(["element", "version", "supplier", "origin", "support"], {
            "element": REF, "version": STR, "supplier": STR, "origin": enum("e_origin"),
            "purl": {"type": "string", "pattern": "^pkg:"},
            "cpe": {"type": "string", "pattern": "^cpe:2\\.3:"},
            "license": STR, "support": enum("e_support"),
            "end_of_support": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "support_justification": STR}),
        "control": obj(["category", "status", "protects", "requirements", "tests"], {
            "category": enum("e_category"), "status": enum("e_control_status"),
            "protects": {"type": "array", "minItems": 1, "items": REF},
            "requirements": STRS, "tests": STRS}),
        "decision": {"type": "object", "additionalProperties": False,
                     "required": ["threat", "decision", "controls", "source"],
                     "properties": {"threat": {"type": "string", "minLength": 1},
                                    "description": STR, "decision": enum("e_decision"),
                                    "controls": REFS, "rationale": STR, "labeling": STR,
                                    "residual_exploitability": {"type": "integer", "minimum": 1, "maximum": 5},
                                    "source": SRCLOC}},
        "assumption": obj([], {}),
        "justification": obj(["absent", "subjects", "reason"],
                             {"absent": STR, "subjects": REFS, "reason": STR}),
    }
    defs["software"]["anyOf"] = [{"required": ["end_of_support"]},
                                 {"required": ["support_justification"]}]
    device = {
        "type": "object", "additionalProperties": False,
        "required": ["name", "version", "manufacturer", "intended_use", "submission_type",
                     "cyber_device", "clinical_functions", "essential_performance", "source"],
        "properties": {
            "name": STR, "version": STR, "manufacturer": STR, "model_number": STR,
            "description": STR, "intended_use": STR, "submission_type": enum("e_submission"),
            "end_of_support": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "cyber_device": {
                "type": "object", "additionalProperties": False,
                "required": ["software", "connectivity", "connections"],
                "properties": {
                    "software": BOOL, "connectivity": BOOL, "rationale": STR,
                    "connections": {"type": "array", "uniqueItems": True,
                                    "items": enum("e_interface_kind"),
                                    "description": "derived: kinds of enabled interfaces "
                                                   "on device and firmware elements"}}},
            "clinical_functions": {"type": "array", "items": {"$ref": "#/$defs/function"}},
            "essential_performance": {"type": "array", "items": {"$ref": "#/$defs/function"}},
            "source": SRCLOC}}
    single = {"roles": "role", "zones": "zone", "elements": "element", "assets": "asset",
              "flows": "flow", "hazards": "hazard", "software": "software",
              "controls": "control", "risk_decisions": "decision",
              "assumptions": "assumption", "justifications": "justification"}
    props = {"format": {"const": "mdsec.model/1"}, "model_format": {"const": 1},
             "files": {"type": "array", "minItems": 1, "items": STR}, "device": device}
    for k, v in single.items():
        props[k] = {"type": "array", "items": {"$ref": "#/$defs/" + v}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mdsec.dev/schemas/model.schema.json",
        "title": "mdsec resolved device model",
        "description": "Output of `mdsec model MODEL` (format mdsec.model/1): the model with "
                       "references checked, defaults filled in and derived facts added. "
                       "Generated from src/model/schema.c by tools/gen-model-schema.py.",
        "type": "object", "additionalProperties": False,
        "required": ["format", "model_format", "files", "device"] + list(single),
        "properties": props, "$defs": defs}


text = json.dumps(build(), indent=2) + "\n"
if len(sys.argv) > 1 and sys.argv[1] == "--check":
    if OUT.read_text() != text:
        sys.exit("docs/schemas/model.schema.json is out of date: run tools/gen-model-schema.py")
else:
    OUT.write_text(text)
