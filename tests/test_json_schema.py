"""The editor-facing JSON Schema: generated from the model, committed, and never stale."""

from __future__ import annotations

import json

import jsonschema
import pytest

from archive import strict_yaml
from archive.json_schema import all_schemas
from conftest import REPO

SCHEMA_DIR = REPO / "schema"


def test_committed_schema_files_match_the_model() -> None:
    generated = all_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert committed == generated, "schema/ is stale: run 'PYTHONPATH=scripts python -m archive schema'"


def _as_json(node: strict_yaml.Node) -> object:
    """The YAML tree as JSON values, reading true/false as booleans the way editors' YAML plugins do."""
    if isinstance(node, strict_yaml.Map):
        return {k: _as_json(v) for k, v in node.values.items()}
    if isinstance(node, strict_yaml.Seq):
        return [_as_json(v) for v in node.items]
    return {"true": True, "false": False}.get(node.value, node.value) if node.plain else node.value


@pytest.mark.parametrize("path", sorted((REPO / "data").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_fits_the_published_schema(path) -> None:
    name = "transcript" if path.parent.name == "transcripts" else path.stem
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(strict_yaml.load(path))))
    assert errors == []


def test_schema_rejects_a_misspelt_field() -> None:
    schema = json.loads((SCHEMA_DIR / "transcript.schema.json").read_text(encoding="utf-8"))
    instance = _as_json(strict_yaml.load(REPO / "data/transcripts/2008-04-06-sochi.yaml"))
    instance["excerpts"][0]["speker"] = instance["excerpts"][0].pop("speaker")
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)]
    assert "'speaker' is a required property" in messages
    assert "Additional properties are not allowed ('speker' was unexpected)" in messages
