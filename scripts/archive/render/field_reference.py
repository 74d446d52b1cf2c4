"""The field reference page, generated from the model's fields so it cannot go stale."""

from __future__ import annotations

from .. import fields
from ..model import Event, Person, Source, Topic, Transcript
from .text import front_matter, h

SRC_PATH = "reference.md"
FILES = [
    ("transcript", Transcript, "data/transcripts/<id>.yaml", "One conversation. The file name (without .yaml) is its id."),
    ("people", Person, "data/people.yaml", "A mapping from person ids to people."),
    ("sources", Source, "data/sources.yaml", "A mapping from source ids to sources (the bibliography)."),
    ("topics", Topic, "data/topics.yaml", "A mapping from topic ids to topics."),
    ("events", Event, "data/events.yaml", "A mapping from event ids to context events, shown beside the conversations on the timeline (optional file)."),
]
# What readers are told each kind of value is; any other text is "text".
NAMES: dict[fields.Kind, str] = {
    fields.Text("line"): "text, one line",
    fields.Text("url"): "link (http or https)",
    fields.Text("id"): "id",
    fields.YesNo(): "<code>true</code> or <code>false</code>",
    fields.Date(): "date (<code>YYYY</code>, <code>YYYY-MM</code> or <code>YYYY-MM-DD</code>, optional <code>~</code> or <code>?</code>)",
    fields.Time(): "time (<code>HH:MM</code> or <code>HH:MM-HH:MM</code>)",
}


def _type(kind: fields.Kind) -> str:
    """A reader's name for a kind of field, linking records to their section."""
    match kind:
        case fields.Record():
            return f'<a href="#{kind.name.lower()}">{kind.name}</a>'
        case fields.Choice():
            return "one of " + ", ".join(f"<code>{h(v)}</code> (shown as “{h(label)}”)" for v, label in zip(kind.options, kind.labels))
        case fields.ListOf(item, minimum):
            return f"list of {_type(item)}" + (f" (at least {minimum})" if minimum else "")
        case fields.Reference():
            return "id"
    return NAMES.get(kind, "text")


def _table(record: fields.Record) -> str:
    rows = []
    for f in record.fields:
        rows.append(
            f"<tr><td><code>{h(f.name)}</code></td><td>{_type(f.kind)}</td><td>{'required' if f.required else 'optional'}</td>"
            f"<td>{h(f.doc)}<br><code>{h(f.name)}: {h(f.example)}</code></td></tr>"
        )
    head = "<tr><th>field</th><th>type</th><th></th><th>meaning and example</th></tr>"
    return f'<table class="field-reference"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def field_reference_page() -> str:
    """The Markdown page listing every field of every data file."""
    parts = [
        front_matter({"title": "Field reference", "description": "Every field of the archive's YAML files: type, whether required, allowed values and an example."}, searchable=False),
        "# Field reference {#title}",
        "<p>Generated from the model the validator checks against, as is the JSON Schema that editors' YAML plugins use "
        "(<code>schema/*.schema.json</code>).</p>",
    ]
    records: dict[str, fields.Record] = {}
    for name, cls, path, about in FILES:
        root = fields.record(cls)
        parts.append(f"## <code>{h(path)}</code> {{#file-{name}}}")
        parts.append(f"<p>{h(about)}</p>")
        if name == "transcript":  # one record per file: its fields are listed here, not among the records
            parts.append(_table(root))
        else:
            parts.append(f"<p>Each entry is a {_type(root)} record.</p>")
        records.update((r.name, r) for r in fields.records(root) if not (r is root and name == "transcript"))
    parts.append("## Records {#records}")
    for name in sorted(records):
        parts.append(f"### {name} {{#{name.lower()}}}")
        parts.append(f"<p>{h(records[name].doc)}</p>")
        parts.append(_table(records[name]))
    return "\n\n".join(parts) + "\n"
