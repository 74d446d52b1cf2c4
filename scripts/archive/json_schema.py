"""The editor-facing JSON Schema, generated from the model so that it cannot say anything else.

Editors' YAML plugins read these files (``# yaml-language-server: $schema=...``)
to complete field names and flag mistakes while typing. The validator that
publishes the site is ``shape.py``; both read the same type hints.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal

from .model import Event, Person, Source, Topic, Transcript, is_required
from .values import ID_MAX, ID_PATTERN, PartialDate, TextRule, TimeSpan

SCHEMA_DIR = "schema"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$"
TIME_PATTERN = r"^[0-9]{2}:[0-9]{2}(-[0-9]{2}:[0-9]{2})?$"
REGISTRY_NOUNS = {"people": "a person in people.yaml", "sources": "a source in sources.yaml",
                  "topics": "a topic in topics.yaml", "excerpts": "an excerpt in this file"}


def _text(rule: TextRule) -> dict[str, Any]:
    if rule.kind in ("id", "ref"):
        schema: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}
        if rule.kind == "ref":
            schema["description"] = f"Id of {REGISTRY_NOUNS[rule.registry]}."
        return schema
    if rule.kind == "url":
        return {"type": "string", "pattern": "^https?://[^\\s<>\"'`\\\\]+$"}
    # The archive reads every value as the text typed; editors' YAML tools read 1954 as a number.
    if rule.kind == "line":
        return {"type": ["string", "number"], "minLength": 1, "pattern": r"^[^\n]*$"}
    return {"type": ["string", "number"], "minLength": 1}


def _type(tp: Any, defs: dict[str, Any], minimum: int = 0) -> dict[str, Any]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return _text(args[1])
    if origin in (typing.Union, types.UnionType):
        return _type(next(a for a in args if a is not type(None)), defs, minimum)
    if origin is list:
        schema = {"type": "array", "items": _type(args[0], defs)}
        if minimum:
            schema["minItems"] = minimum
        return schema
    if origin is Literal:
        return {"enum": list(args)}
    if tp is bool:
        return {"type": "boolean"}
    if tp is PartialDate:
        return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    if tp is TimeSpan:
        return {"type": "string", "pattern": TIME_PATTERN}
    if tp is str:
        return _text(TextRule("line"))
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _record(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a model bug, found by any test


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("derived"):
            continue
        prop = _type(hints[f.name], defs, f.metadata.get("min", 0))
        about = {"description": f.metadata["doc"], "examples": [f.metadata["eg"]]}
        prop = {**prop, **about} if "$ref" not in prop else {"allOf": [prop], **about}
        properties[f.name] = prop
        if is_required(f):
            required.append(f.name)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "properties": properties,
        "required": required,
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
    root = _record(Transcript, defs)
    return _document("A conversation in the archive (data/transcripts/<id>.yaml)", root, defs, "transcript")


def registry_schema(name: str, cls: type) -> dict[str, Any]:
    """Schema of a registry file: a mapping from ids to records."""
    defs: dict[str, Any] = {}
    entry = _type(cls, defs)
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
    folder = project / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in all_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
