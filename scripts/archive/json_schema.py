"""The editor-facing JSON Schema, generated from the model so that it cannot say anything else.

Editors' YAML plugins read these files (``# yaml-language-server: $schema=...``)
to complete field names and flag mistakes while typing. The validator that
publishes the site is ``shape.py``; both work from the model's fields as
``fields.py`` reads them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import fields
from .model import Event, Person, Source, Topic, Transcript
from .safe_write import make_folders, write_text
from .values import ID_MAX, ID_PATTERN

SCHEMA_DIR = "schema"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$"
TIME_PATTERN = r"^[0-9]{2}:[0-9]{2}(-[0-9]{2}:[0-9]{2})?$"
REGISTRY_NOUNS = {"people": "a person in people.yaml", "sources": "a source in sources.yaml",
                  "topics": "a topic in topics.yaml", "excerpts": "an excerpt in this file"}


def _id(registry: str = "") -> dict[str, Any]:
    """An id, or with ``registry`` a reference to an entry there."""
    schema: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}
    if registry:
        schema["description"] = f"Id of {REGISTRY_NOUNS[registry]}."
    return schema


def _text(rule: str) -> dict[str, Any]:
    if rule == "id":
        return _id()
    if rule == "url":
        return {"type": "string", "pattern": "^https?://[^\\s<>\"'`\\\\]+$"}
    # The archive reads every value as the text typed; editors' YAML tools read 1954 as a number.
    if rule == "line":
        return {"type": ["string", "number"], "minLength": 1, "pattern": r"^[^\n]*$"}
    return {"type": ["string", "number"], "minLength": 1}


def _type(kind: fields.Kind, defs: dict[str, Any]) -> dict[str, Any]:
    match kind:
        case fields.Text(rule):
            return _text(rule)
        case fields.Reference(registry):
            return _id(registry)
        case fields.ListOf(item, minimum):
            return {"type": "array", "items": _type(item, defs), **({"minItems": minimum} if minimum else {})}
        case fields.Choice(options=options):
            return {"enum": list(options)}
        case fields.YesNo():
            return {"type": "boolean"}
        case fields.Date():
            return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
        case fields.Time():
            return {"type": "string", "pattern": TIME_PATTERN}
        case fields.Record():
            if kind.name not in defs:
                defs[kind.name] = {}
                defs[kind.name] = _record(kind, defs)
            return {"$ref": f"#/$defs/{kind.name}"}
    raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - fields.py describes no other kind


def _record(record: fields.Record, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in record.fields:
        prop = _type(f.kind, defs)
        about = {"description": f.doc, "examples": [f.example]}
        properties[f.name] = {**prop, **about} if "$ref" not in prop else {"allOf": [prop], **about}
    return {
        "type": "object",
        "description": record.doc,
        "properties": properties,
        "required": [f.name for f in record.fields if f.required],
        "additionalProperties": False,
    }


def _document(title: str, root: dict[str, Any], defs: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": title,
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def transcript_schema() -> dict[str, Any]:
    """Schema of one file in data/transcripts/."""
    defs: dict[str, Any] = {}
    root = _record(fields.record(Transcript), defs)
    return _document("A conversation in the archive (data/transcripts/<id>.yaml)", root, defs, "transcript")


def registry_schema(name: str, cls: type) -> dict[str, Any]:
    """Schema of a registry file: a mapping from ids to records."""
    defs: dict[str, Any] = {}
    entry = _type(fields.record(cls), defs)
    root = {
        "type": "object",
        "description": f"data/{name}.yaml: a mapping from ids to entries.",
        "propertyNames": {"pattern": ID_PATTERN, "maxLength": ID_MAX},
        "additionalProperties": entry,
    }
    return _document(f"The {name} registry (data/{name}.yaml)", root, defs, name)


def all_schemas() -> dict[str, str]:
    """Every schema file, as file name -> JSON text."""
    schemas = {
        "transcript": transcript_schema(),
        "people": registry_schema("people", Person),
        "sources": registry_schema("sources", Source),
        "topics": registry_schema("topics", Topic),
        "events": registry_schema("events", Event),
    }
    return {f"{name}.schema.json": json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in schemas.items()}


def write_schemas(project: Path) -> list[Path]:
    """Write the schema files into PROJECT/schema/; returns the paths written."""
    folder = make_folders(project, SCHEMA_DIR)  # neither the folder nor a file in it is written through a link
    written = []
    for name, text in all_schemas().items():
        write_text(folder, name, text)
        written.append(folder / name)
    return written
