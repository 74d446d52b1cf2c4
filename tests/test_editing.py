"""Editing tools: the schema in editors, `new`, drafts, output formats, edit links and the field reference."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive import model
from archive.problems import Problem
from archive.report import github_line, github_summary
from conftest import CLEAN_ENV, ENV, LAKESIDE, REPO, build, edit, make_project, page, problems_in
from positions import at, line_col

BIN = Path(sys.executable).parent


def archive(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m archive`` on a project."""
    return subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), *args],
        capture_output=True, text=True, env={**ENV, **(env or {})}, check=False,
    )


# --- the schema editors use -------------------------------------------------------


@pytest.mark.parametrize("path", sorted((REPO / "data").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_names_its_schema_on_the_first_line(path: Path) -> None:
    name = "transcript" if path.parent.name == "transcripts" else path.stem
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert first.startswith("# yaml-language-server: $schema=")
    assert schema == REPO / "schema" / f"{name}.schema.json"


def test_an_independent_validator_accepts_every_data_file() -> None:
    checks = [("transcript", sorted((REPO / "data" / "transcripts").glob("*.yaml")))]
    checks += [(name, [REPO / "data" / f"{name}.yaml"]) for name in ("people", "sources", "topics")]
    for name, files in checks:
        result = subprocess.run(
            [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schema" / f"{name}.schema.json"), *map(str, files)],
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_independent_validator_also_catches_a_typo(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text((REPO / "data/transcripts/2008-04-06-sochi.yaml").read_text(encoding="utf-8").replace("    speaker:", "    speker:", 1), encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schema/transcript.schema.json"), str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "'speker' was unexpected" in result.stdout


# --- new ----------------------------------------------------------------------------

NEW = ["new", "--id", "2002-05-24-lakeside", "--date", "2002-05-24", "--title", "Second lakeside meeting",
       "--side", "Alpha: alpha, gamma", "--side", "Beta: beta", "--topic", "borders", "--source", "report-1"]


def test_new_writes_a_draft_that_passes_the_check(project: Path) -> None:
    result = archive(project, *NEW)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote data/transcripts/2002-05-24-lakeside.yaml (a draft). Fill it in, then run 'make check'.\n"
    assert problems_in(project) == []
    text = (project / "data/transcripts/2002-05-24-lakeside.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/transcript.schema.json\n")
    assert "draft: true\n" in text and "      - person: gamma\n" in text


def test_new_refuses_to_overwrite(project: Path) -> None:
    before = (project / LAKESIDE).read_bytes()
    same = {"2002-05-24-lakeside": "2001-06-16-lakeside", "2002-05-24": "2001-06-16"}
    result = archive(project, *[same.get(a, a) for a in NEW])
    assert result.returncode == 1
    assert result.stderr == "new: --id: data/transcripts/2001-06-16-lakeside.yaml already exists; choose another id\n"
    assert (project / LAKESIDE).read_bytes() == before


def test_new_names_unknown_ids_and_writes_nothing(project: Path) -> None:
    result = archive(project, *[("Beta: betta" if a == "Beta: beta" else a) for a in NEW])
    assert result.returncode == 1
    assert result.stderr == "new: unknown person 'betta'; did you mean beta? (or add it to data/people.yaml first)\n"
    assert not (project / "data/transcripts/2002-05-24-lakeside.yaml").exists()


def test_new_without_a_terminal_or_answers_prints_its_usage_and_exits_2(project: Path) -> None:
    result = archive(project, "new")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m archive new [-h] [--id ID]")
    assert "new: no terminal to ask at" in result.stderr
    assert not list((project / "data/transcripts").glob("2002-*"))


def _at_a_terminal(project: Path, answers: list[str]) -> str:
    """What ``new`` shows when these answers are typed at a pseudo-terminal, as a person types them."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the archive's command with the terminal as its input
        os.execve(sys.executable, [sys.executable, "-m", "archive", "--project", str(project), "new"], {**os.environ, **ENV})
    os.write(fd, ("\n".join(answers) + "\n").encode())
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    return output.decode().replace("\r", "")


def test_new_at_a_terminal_asks_in_order_and_asks_a_wrong_answer_again(project: Path) -> None:
    """Driven through a pseudo-terminal, as a person types: every answer given once is kept."""
    answers = ["Bad Id", "2002-05-24-lakeside", "2002-05-25", "2002-05-24", "Second meeting",
               "Alpha: alpah; Beta: beta", "Alpha: alpha; Beta: beta", "bordrs", "borders", "report-1"]
    shown = _at_a_terminal(project, answers)
    # Typed-ahead answers are echoed at once, so the prompts are read in the order they appear, wherever they stand.
    names = {"Id (the file name": "id", "Date, e.g. 2002-05-24:": "date", "Title:": "title", "Sides, e.g.": "sides",
             "Topic ids, separated": "topics", "Id of the source you read it in": "source"}
    found = sorted((m.start(), names[m.group()]) for m in re.finditer("|".join(re.escape(n) for n in names), shown))
    assert [name for _, name in found] == ["id", "id", "date", "date", "title", "sides", "sides", "topics", "topics", "source"]
    assert "  'Bad Id' is not a valid id" in shown
    assert "  the id '2002-05-24-lakeside' begins with the date 2002-05-24; give that date" in shown
    assert "  unknown person 'alpah'; did you mean alpha? (or add it to data/people.yaml first)" in shown
    assert "  unknown topic 'bordrs'; did you mean borders? (or add it to data/topics.yaml first)" in shown
    assert "Wrote data/transcripts/2002-05-24-lakeside.yaml (a draft)." in shown
    assert problems_in(project) == []


def test_new_refuses_an_id_whose_date_is_no_date_at_once_and_helps_with_every_prompt(project: Path) -> None:
    """An impossible date in the id is refused at the id, so the date prompt can be answered; an empty answer, a
    topic named by part of its id and one not known at all each get help."""
    answers = ["2004-02-30-lakeside", "2004-02-10-lakeside", "2004-02-10", "", "A winter meeting", "Alpha: alpha; Beta: beta",
               "bord", "nato", "borders", "memo-1"]
    shown = _at_a_terminal(project, answers)
    assert ("  the id begins with 2004-02-30, which is not a date (day 30 does not exist in February 2004 ('2004-02-30')); "
            "start it with the conversation's date") in shown
    assert "  an answer is needed" in shown
    assert "  unknown topic 'bord'; did you mean borders? (or add it to data/topics.yaml first)" in shown
    assert "  unknown topic 'nato'; add it to data/topics.yaml first (known: borders, trade)" in shown
    assert "Wrote data/transcripts/2004-02-10-lakeside.yaml (a draft)." in shown
    written = (project / "data/transcripts/2004-02-10-lakeside.yaml").read_text(encoding="utf-8")
    assert "    kind: summary\n" in written  # its source is the document (primary): the method's summary
    assert problems_in(project) == []


def test_new_with_some_options_names_the_missing_ones_as_options(project: Path) -> None:
    result = archive(project, "new", "--id", "2002-05-24-lakeside", "--side", "Alpha: alpha", "--topic", "borders", "--source", "report-1")
    assert result.returncode == 1
    assert result.stderr == ("new: --date is missing; give it, e.g. --date 2002-05-24; "
                             "--title is missing; give it, e.g. --title 'Bush and Putin in Moscow'\n")
    assert archive(project, *NEW).returncode == 0  # its source is a secondary report: the draft's excerpt is a paraphrase
    assert "    kind: paraphrase\n" in (project / "data/transcripts/2002-05-24-lakeside.yaml").read_text(encoding="utf-8")


def test_drafts_are_previewed_but_not_published(project: Path) -> None:
    assert archive(project, *NEW).returncode == 0
    assert build(project).returncode == 0
    assert not (project / "site/transcripts/2002-05-24-lakeside").exists()
    assert "Second lakeside meeting" not in (project / "site/timeline/index.html").read_text(encoding="utf-8")
    preview = archive(project, "build", "--site-dir", str(project / "preview"), env={"ARCHIVE_DRAFTS": "1"})
    assert preview.returncode == 0, preview.stderr
    draft = page(project / "preview", "transcripts/2002-05-24-lakeside")
    assert draft.select_one("div.draft") is not None


# --- output formats ------------------------------------------------------------------


def test_github_format_escapes_text_that_could_inject_workflow_commands() -> None:
    hostile = Problem("data/a,b:c.yaml", 3, 5, ("excerpts", 0, "speaker"), "unknown person 'x%0A::warning::y'\n::error::z\r")
    assert github_line(hostile) == (
        "::error file=data/a%2Cb%3Ac.yaml,line=3,col=5,title=excerpts[0].speaker"
        "::unknown person 'x%250A::warning::y'\\x0a::error::z\\x0d"
    )


def test_github_format_writes_every_problem_to_the_job_summary(project: Path, tmp_path: Path) -> None:
    edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: '<img src=x>|'\n    kind: paraphrase")
    summary = tmp_path / "summary.md"
    result = archive(project, "check", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    line, col = line_col(project / LAKESIDE, "'<img src=x>|'")
    assert result.stdout.startswith(f"::error file={LAKESIDE},line={line},col={col},title=excerpts[1].speaker::")
    text = summary.read_text(encoding="utf-8")
    assert "<img" not in text and "&#60;img src=x&#62;&#124;" in text
    assert text.startswith("### 1 problem(s) in the archive's data")
    assert github_summary([]).startswith("### 0 problem(s)")


def test_reports_show_control_and_escape_characters_instead_of_obeying_them(project: Path) -> None:
    edit(project, LAKESIDE, "kind: memorandum-of-conversation", 'kind: "memo\\e]0;owned\\a\\e[2J\\u202eevil"')
    for fmt in ("human", "github", "json"):
        result = archive(project, "check", "--format", fmt)
        assert result.returncode == 1
        output = result.stdout + result.stderr
        assert not any(c in output for c in "\x1b\x07\u202e"), fmt
    where = at(project / LAKESIDE, '"memo')
    assert archive(project, "check").stderr.splitlines()[0] == (
        f"{LAKESIDE}:{where}: kind: expected one of memorandum-of-conversation, telephone-conversation (Memorandum of telephone conversation), transcript, notes; "
        "got 'memo\\x1b]0;owned\\x07\\x1b[2J\\u202eevil'"
    )


def test_the_job_summary_cannot_be_formatted_by_a_value() -> None:
    hostile = Problem("data/x|y.yaml", 1, 2, ("title",), "got '**bold** [link](https://evil.example/) | cell\n# heading `code` <b>'")
    row = github_summary([hostile]).splitlines()[-1]
    assert row.count("|") == 4
    for raw in ("**", "[link]", "`", "<b>", "\n#"):
        assert raw not in row


def test_json_format(project: Path) -> None:
    edit(project, LAKESIDE, "place: Lakeside Castle", "place: [x]")
    result = archive(project, "check", "--format", "json")
    assert result.returncode == 1
    line, col = line_col(project / LAKESIDE, "[x]", after="place: ")
    assert json.loads(result.stdout) == [
        {"file": LAKESIDE, "line": line, "col": col, "field": "place", "message": "expected text, got a list"}
    ]
    assert json.loads(archive(make_project(project.parent / "ok"), "check", "--format", "json").stdout) == []


# --- the published site ----------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("editing") / "project")
    assert build(project).returncode == 0
    return project / "site"


def test_edit_buttons_open_the_source_file(site: Path) -> None:
    repo = "https://github.com/leaders-archive/conversations/edit/main/"
    edit_link = lambda path: page(site, path).select_one('a[rel~="edit"]')  # noqa: E731
    assert edit_link("transcripts/2001-06-16-lakeside")["href"] == repo + "data/transcripts/2001-06-16-lakeside.yaml"
    assert edit_link("contributing")["href"] == repo + "docs/contributing.md"
    assert edit_link("reference")["href"] == repo + "scripts/archive/model.py"
    assert edit_link("timeline") is None


def test_schema_is_published_with_the_site(site: Path) -> None:
    for path in (REPO / "schema").glob("*.json"):
        assert (site / "schema" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_field_reference_lists_every_field_with_an_example(site: Path) -> None:
    soup = page(site, "reference")
    records = [model.Transcript, model.Person, model.Source, model.Topic]
    seen = set(records)
    while records:
        cls = records.pop()
        section = soup.select_one(f"#{cls.__name__.lower()} + p + table") or soup.select_one("#file-transcript + p + table")
        rows = {tr.select_one("td code").get_text(): tr for tr in section.select("tbody tr")}
        for f in dataclasses.fields(cls):
            if f.metadata.get("derived"):
                continue
            assert f.name in rows, f"{cls.__name__}.{f.name} missing from the reference"
            assert f"{f.name}: " in rows[f.name].select("td")[3].get_text()
        for f in dataclasses.fields(cls):
            for candidate in vars(model).values():
                if dataclasses.is_dataclass(candidate) and candidate.__module__ == model.__name__ and candidate.__name__ in str(f.type) and candidate not in seen:
                    seen.add(candidate)
                    records.append(candidate)
    assert {c.__name__ for c in seen} >= {"Excerpt", "Claim", "Citation", "Note", "Side", "Participant", "Document", "Role"}


# --- pre-commit -------------------------------------------------------------------------


def test_pre_commit_runs_the_data_check_on_changed_yaml(tmp_path: Path) -> None:
    from test_contributing_walkthrough import _copy_repository

    project = _copy_repository(tmp_path)
    shutil.copy2(REPO / ".pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    git = lambda *a: subprocess.run(["git", *a], cwd=project, capture_output=True, text=True, check=True)  # noqa: E731
    git("init", "-q")
    git("add", "-A")
    env = {**CLEAN_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = lambda: subprocess.run(  # noqa: E731
        [str(BIN / "pre-commit"), "run", "archive-check", "--files", "data/transcripts/2008-04-06-sochi.yaml"],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )
    assert run().returncode == 0
    path = project / "data/transcripts/2008-04-06-sochi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: memorandum-of-conversation", "kind: memcon"), encoding="utf-8")
    failed = run()
    line = path.read_text(encoding="utf-8").splitlines().index("kind: memcon") + 1
    assert failed.returncode == 1
    assert f"data/transcripts/2008-04-06-sochi.yaml:{line}:7: kind: expected one of" in failed.stdout
