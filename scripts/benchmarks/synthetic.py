"""Synthetic archives of any size for benchmarks: seeded, deterministic, shaped like real transcripts.

Never written into ``data/``: the caller names a folder, and the published site never reads it.
Each transcript has 2-6 participants, 8-40 excerpts of 20-200 words and 3-15 claims; people,
sources and topics are shared registries; some days hold several conversations.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = (
    "alliance treaty border security nuclear missile defence economy trade energy gas pipeline sanctions "
    "president minister delegation agreement cooperation proposal framework declaration summit conference "
    "question answer position interest region population history decision government parliament election "
    "military forces infrastructure expansion membership partner neighbour stability reform market investment "
    "the a of to and in that we our your they will would should could not only also very much more about "
    "with from this these those there here which what when where why how because although however therefore"
).split()
CYRILLIC = "Иван Пётр Сергей Анна Мария Ольга Дмитрий Николай Михаил Елена".split()
ASSESSMENTS = ["supported", "partly-supported", "contradicted", "disputed", "unverifiable", "opinion"]
KINDS = ["quote", "paraphrase", "summary"]
TIERS = ["primary", "secondary", "weak"]  # source-i has tier TIERS[i % 3]


def _cited(kind: str, source: int) -> int:
    """The source an excerpt of ``kind`` may cite, near ``source``: a summary the document (primary), a quote no weak one."""
    if kind == "summary":
        return source - source % 3
    return source - 1 if kind == "quote" and source % 3 == 2 else source


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _words(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def _registries(rng: random.Random, people: int, sources: int, topics: int) -> dict[str, str]:
    lines = []
    for i in range(people):
        lines += [f"person-{i}:", f"  name: {_q(f'Person {i} Example')}", f"  name_original: {_q(rng.choice(CYRILLIC) + f' {i}')}",
                  f"  description: {_q(_words(rng, 6, 14))}", "  roles:",
                  f"    - title: {_q('Minister of ' + rng.choice(WORDS))}", f"      start: {rng.randint(1940, 2000)}"]
    people_yaml = "\n".join(lines) + "\n"
    lines = []
    for i in range(sources):
        lines += [f"source-{i}:", f"  tier: {TIERS[i % 3]}", f"  title: {_q(_words(rng, 4, 10))}",
                  f"  publisher: {_q('Publisher ' + str(i % 40))}", f"  date: {rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}",
                  f"  url: https://example.org/source/{i}"]
    sources_yaml = "\n".join(lines) + "\n"
    topics_yaml = "\n".join(f"topic-{i}:\n  title: {_q('Topic ' + rng.choice(WORDS) + f' {i}')}\n  description: {_q(_words(rng, 5, 12))}" for i in range(topics)) + "\n"
    return {"people.yaml": people_yaml, "sources.yaml": sources_yaml, "topics.yaml": topics_yaml}


def _transcript(rng: random.Random, date: str, people: int, sources: int, topics: int) -> str:
    participants = rng.sample(range(people), rng.randint(2, 6))
    half = max(1, len(participants) // 2)
    sides = [("Side A", participants[:half]), ("Side B", participants[half:])]
    lines = [
        f"title: {_q('Conversation on ' + rng.choice(WORDS) + ' and ' + rng.choice(WORDS))}",
        f"date: {date}",
        f"time: \"{rng.randint(8, 17):02d}:00-{rng.randint(18, 21):02d}:30\"",
        f"place: {_q('Capital ' + str(rng.randint(1, 50)))}",
        "kind: memorandum-of-conversation",
        f"summary: {_q(_words(rng, 8, 20))}",
        f"topics: [{', '.join(f'topic-{t}' for t in rng.sample(range(topics), rng.randint(1, 3)))}]",
        "caveat:", "  kind: paraphrase", f"  text: {_q(_words(rng, 15, 30))}", f"  source: {{source: source-{rng.randrange(sources)}}}",
        "participants:",
    ]
    for name, members in sides:
        lines += [f"  - side: {name}", "    people:"] + [f"      - person: person-{p}" for p in members]
    lines += ["document:", "  archive: Example Presidential Library", "  collection: Example FOIA release",
              f"  document_id: \"{rng.randint(10_000_000, 99_999_999)}\"", f"  release: source-{rng.randrange(sources)}", "excerpts:"]
    speakers: dict[int, int] = {}
    count = rng.randint(8, 40)
    for i in range(count):
        speaker = rng.choice(participants)
        speakers[i] = speaker
        kind = rng.choice(KINDS)
        lines += [f"  - id: e{i}", f"    speaker: person-{speaker}", f"    kind: {kind}",
                  f"    text: {_q(_words(rng, 20, 200))}", f"    source: {{source: source-{_cited(kind, rng.randrange(sources))}, at: \"p. {rng.randint(1, 30)}\"}}"]
    lines.append("claims:")
    for c in range(rng.randint(3, 15)):
        excerpt = rng.randrange(count)
        lines += [f"  - id: c{c}", f"    speaker: person-{speakers[excerpt]}", f"    excerpts: [e{excerpt}]",
                  f"    statement: {_q(_words(rng, 6, 16))}", f"    topics: [topic-{rng.randrange(topics)}]",
                  f"    assessment: {(assessment := rng.choice(ASSESSMENTS))}", f"    annotation: {_q(_words(rng, 15, 50))}",
                  "    sources:"] + [f"      - source: source-{s}" for s in rng.sample(range(sources), rng.randint(2 if assessment == "disputed" else 1, 3))]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int = 1) -> Path:
    """Write a synthetic data folder of ``count`` transcripts under ``folder``; returns the data folder."""
    rng = random.Random(seed)
    people, sources, topics = max(20, count // 5), max(30, count // 3), 40
    data = folder / "data"
    (data / "transcripts").mkdir(parents=True, exist_ok=True)
    for name, text in _registries(rng, people, sources, topics).items():
        (data / name).write_text(text, encoding="utf-8")
    written = 0
    while written < count:
        date = f"{rng.randint(1945, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        same_day = min(count - written, 1 if rng.random() < 0.9 else rng.randint(2, 3))
        for n in range(same_day):
            suffix = f"-{chr(97 + n)}" if same_day > 1 else ""
            path = data / "transcripts" / f"{date}-s{written}{suffix}.yaml"
            path.write_text(_transcript(rng, date, people, sources, topics), encoding="utf-8")
            written += 1
    return data
