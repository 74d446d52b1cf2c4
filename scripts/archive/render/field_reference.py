"""The field reference page, generated from the published JSON Schema so it cannot go stale."""

from __future__ import annotations

from typing import Any

from ..json_schema import DATE_PATTERN, TIME_PATTERN, registry_schema, transcript_schema
from ..model import Event, Person, Source, Topic, labels_for
from .text import front_matter, h

SRC_PATH = "reference.md"
FILES = [
    ("transcript", "data/transcripts/<id>.yaml", "One conversation. The file name (without .yaml) is its id."),
    ("people", "data/people.yaml", "A mapping from person ids to people."),
    ("sources", "data/sources.yaml", "A mapping from source ids to sources (the bibliography)."),
    ("topics", "data/topics.yaml", "A mapping from topic ids to topics."),
    ("events", "data/events.yaml", "A mapping from event ids to context events, shown beside the conversations on the timeline (optional file)."),
]


def _type(schema: dict[str, Any]) -> str:
    """A reader's name for a schema type, linking records to their section."""
    for key in ("allOf", "anyOf"):
        if key in schema and "$ref" in schema[key][0]:
            return _type(schema[key][0])
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f'<a href="#{name.lower()}">{name}</a>'
    if "enum" in schema:
        labels = labels_for(tuple(schema["enum"]))
        return "one of " + ", ".join(
            f"<code>{h(v)}</code>" + (f" (shown as “{h(labels[v])}”)" if v in labels else "") for v in schema["enum"]
        )
    if schema.get("type") == "array":
        least = f" (at least {schema['minItems']})" if schema.get("minItems") else ""
        return f"list of {_type(schema['items'])}{least}"
    if schema.get("type") == "boolean":
        return "<code>true</code> or <code>false</code>"
    if "anyOf" in schema and schema["anyOf"][0].get("pattern") == DATE_PATTERN:
        return "date (<code>YYYY</code>, <code>YYYY-MM</code> or <code>YYYY-MM-DD</code>, optional <code>~</code> or <code>?</code>)"
    if schema.get("pattern") == TIME_PATTERN:
        return "time (<code>HH:MM</code> or <code>HH:MM-HH:MM</code>)"
    if "maxLength" in schema:
        return "id"
    if schema.get("pattern", "").startswith("^https?"):
        return "link (http or https)"
    if schema.get("pattern") == "^[^\\n]*$":
        return "text, one line"
    return "text"


def _table(record: dict[str, Any]) -> str:
    rows = []
    for name, prop in record["properties"].items():
        required = "required" if name in record["required"] else "optional"
        example = prop.get("examples", [""])[0]
        rows.append(
            f"<tr><td><code>{h(name)}</code></td><td>{_type(prop)}</td><td>{required}</td>"
            f"<td>{h(prop['description'])}<br><code>{h(name)}: {h(example)}</code></td></tr>"
        )
    head = "<tr><th>field</th><th>type</th><th></th><th>meaning and example</th></tr>"
    return f'<table class="field-reference"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def render() -> str:
    """The Markdown page listing every field of every data file."""
    schemas = {
        "transcript": transcript_schema(),
        "people": registry_schema("people", Person),
        "sources": registry_schema("sources", Source),
        "topics": registry_schema("topics", Topic),
        "events": registry_schema("events", Event),
    }
    parts = [
        front_matter({"title": "Field reference", "description": "Every field of the archive's YAML files: type, whether required, allowed values and an example."}, searchable=False),
        "# Field reference {#title}",
        '<p>Generated from the JSON Schema that editors\' YAML plugins use (<code>schema/*.schema.json</code>), '
        "which is itself generated from the model the validator checks against.</p>",
    ]
    records: dict[str, dict[str, Any]] = {}
    for name, path, about in FILES:
        parts.append(f"## <code>{h(path)}</code> {{#file-{name}}}")
        parts.append(f"<p>{h(about)}</p>")
        schema = schemas[name]
        if name == "transcript":
            parts.append(_table(schema))
        else:
            parts.append(f"<p>Each entry is a {_type(schema['additionalProperties'])} record.</p>")
        records.update(schema["$defs"])
    parts.append("## Records {#records}")
    for name in sorted(records):
        parts.append(f"### {name} {{#{name.lower()}}}")
        parts.append(f"<p>{h(records[name]['description'])}</p>")
        parts.append(_table(records[name]))
    return "\n\n".join(parts) + "\n"
