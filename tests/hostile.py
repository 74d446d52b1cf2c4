"""A data folder with a hostile payload in every free-text field, generated from the model.

Walking the model's fields (``archive.fields``) means a field added later is filled
too, so the injection test cannot miss it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from archive import fields, model

# Each payload must show as literal text and never become markup, a link or a script.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<iframe src="javascript:alert(3)"></iframe>',
    "[x](javascript:alert(4))",
    '{ onclick="alert(5)" }',
    "{: #search }",
    '--8<-- "/etc/passwd"',
    "!!! note",
    "{{ config }}",
    "| a | b |",
    "---",
    '</title><script>alert(6)</script>"><svg onload=alert(7)>',
    "=HYPERLINK(\"https://evil.example\",\"x\")",
    "&lt;b&gt;entity&lt;/b&gt; &amp; &#106;avascript",
]
# Notes and annotations accept links, so a javascript: link there is refused by the check (tested elsewhere).
MARKUP_PAYLOADS = [p for p in PAYLOADS if "](javascript" not in p]
FORMULA = "=HYPERLINK(\"https://evil.example\",\"x\")"
LINE = " ".join(PAYLOADS)
TEXT = "\n".join(PAYLOADS)
MARKUP = "\n".join(MARKUP_PAYLOADS)


class _Dumper(yaml.SafeDumper):
    """Writes plain YAML: no anchors or aliases, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Every free-text field also carries a marker naming it, so a test can tell which field's text reached a page.
MARKERS: dict[str, str] = {}


def marker(path: str) -> str:
    """The marker of one field (letters only, so it survives every escaping unchanged)."""
    return "field" + "".join(part.capitalize() for part in path.replace("_", ".").split("."))


def _value(kind: fields.Kind, name: str, refs: dict[str, str]) -> Any:
    match kind:
        case fields.Reference(registry):
            return refs[registry]
        case fields.Text(rule) if rule in ("line", "text", "markup"):
            MARKERS[name] = marker(name)
            return f"{marker(name)} " + {"line": LINE, "text": TEXT, "markup": MARKUP}[rule]
        case fields.Text(rule):
            return {"id": refs["id"], "url": "https://archive.example/x?a=1&b=2"}[rule]
        case fields.ListOf(item):
            return [_value(item, name, refs)]
        case fields.Choice(options=options):
            return options[0]
        case fields.YesNo():
            return False
        case fields.Date():
            return "2001-06-16"
        case fields.Time():
            return "10:00-11:00"
        case fields.Record():
            return _record(kind, refs, name)
    raise TypeError(kind)


def _record(record: fields.Record, refs: dict[str, str], path: str) -> dict[str, Any]:
    return {f.name: _value(f.kind, f"{path}.{f.name}", refs) for f in record.fields if f.name != "draft"}


def write_data(folder: Path) -> None:
    """Write people, sources, topics and one transcript, every text field carrying the payloads."""
    refs = {"people": "speaker", "sources": "source", "topics": "topic", "excerpts": "excerpt", "id": "excerpt"}
    transcript = _record(fields.record(model.Transcript), refs, "transcript")
    transcript["claims"][0]["id"] = "claim"
    transcript["public_remarks"][0]["id"] = "remark"
    transcript["excerpts"][0]["former_ids"] = ["former-excerpt"]
    transcript["corrections"][0]["date"] = "2026-01-01"
    # Cells that start with a formula character, for the CSV downloads.
    transcript["title"] = FORMULA + " " + LINE
    transcript["claims"][0]["statement"] = FORMULA + " " + LINE
    for path in ("transcript.title", "transcript.claims.statement"):
        MARKERS.pop(path)  # checked by their own tests
    registries = {
        "people": {"speaker": _record(fields.record(model.Person), refs, "person")},
        "sources": {"source": _record(fields.record(model.Source), refs, "source")},
        "topics": {"topic": _record(fields.record(model.Topic), refs, "topic")},
    }
    (folder / "transcripts").mkdir(parents=True)
    for name, data in registries.items():
        (folder / f"{name}.yaml").write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "transcripts" / "2001-06-16-hostile.yaml").write_text(
        yaml.dump(transcript, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
