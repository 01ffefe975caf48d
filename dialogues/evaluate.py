"""`make eval`: how well the assessor agrees with labelled utterances, per criterion.

Prints precision, recall and F1 per criterion and the macro-F1 for each labelled set: the
shared sets (`$RINGETRAENER_EVAL_DIR`, by default `<repo>/../shared/eval`) and the project's
own `tests/data/assess-*.jsonl` (our set and the independent holdout). It also scores a
"typed carelessly" copy of the shared sets (lower case, no æøå, no "?" or "!") to show
robustness. Exits non-zero when the macro-F1 on `assess-dev.jsonl` is below 0.95.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dialogues.assessor import assess
from dialogues.rubric import PHASES, criteria_names

REQUIRED_MACRO_F1 = 0.95
REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_DATA = REPO_ROOT / "tests" / "data"
OWN_SET = OWN_DATA / "assess-extra.jsonl"


def eval_dir() -> Path:
    """Where the shared labelled sets live."""
    configured = os.environ.get("RINGETRAENER_EVAL_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "eval"


@dataclass(frozen=True)
class Example:
    id: str
    phase: str
    text: str
    objection: str | None
    expect: dict[str, bool]


def load(path: Path) -> list[Example]:
    """Read a labelled JSON-lines file; a malformed row is an error worth stopping for."""
    examples = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["phase"] not in PHASES or set(row["expect"]) != set(criteria_names(row["phase"])):
            raise ValueError(f"{path}:{number}: criteria do not match the rubric")
        examples.append(
            Example(row["id"], row["phase"], row["text"], row.get("objection"), row["expect"])
        )
    return examples


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    name: str
    counts: dict[str, Counts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        if not self.counts:
            return 0.0
        return sum(counts.f1 for counts in self.counts.values()) / len(self.counts)


def score(name: str, examples: Iterable[Example]) -> Report:
    """Compare the assessor with the labels, criterion by criterion (phase.criterion)."""
    report = Report(name)
    for phase in PHASES:
        for criterion in criteria_names(phase):
            report.counts[f"{phase}.{criterion}"] = Counts()
    seen: set[str] = set()
    for example in examples:
        result = assess(example.phase, example.text, example.objection)
        for criterion, expected in example.expect.items():
            key = f"{example.phase}.{criterion}"
            seen.add(key)
            got = result.criteria[criterion]
            counts = report.counts[key]
            if got and expected:
                counts.true_positive += 1
            elif got:
                counts.false_positive += 1
                report.misses.append(f"  FP {key:32} {example.id}")
            elif expected:
                counts.false_negative += 1
                report.misses.append(f"  FN {key:32} {example.id}")
    report.counts = {key: counts for key, counts in report.counts.items() if key in seen}
    return report


_CARELESS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_PUNCTUATION = re.compile(r"[!?]")


def typed_carelessly(examples: Iterable[Example]) -> Iterator[Example]:
    """The same utterances in lower case, without æøå and without question or exclamation marks."""
    for example in examples:
        text = _PUNCTUATION.sub(" ", example.text.translate(_CARELESS).lower())
        yield Example(example.id, example.phase, text, example.objection, example.expect)


def render(report: Report, *, show_misses: bool) -> str:
    lines = [f"== {report.name}", f"  {'criterion':34} {'P':>5} {'R':>5} {'F1':>5}"]
    for key, counts in report.counts.items():
        lines.append(f"  {key:34} {counts.precision:5.2f} {counts.recall:5.2f} {counts.f1:5.2f}")
    lines.append(f"  macro-F1 {report.macro_f1:.3f}")
    if show_misses and report.misses:
        lines.append("  misses:")
        lines.extend(report.misses)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    show_misses = "--misses" in args
    shared = eval_dir()
    dev_path = shared / "assess-dev.jsonl"
    sets: list[tuple[str, list[Example]]] = []
    own_sets = sorted(OWN_DATA.glob("assess-*.jsonl"))
    for path in (dev_path, shared / "assess-dev-2.jsonl", *own_sets):
        if path.is_file():
            sets.append((path.name, load(path)))
        else:
            print(f"(missing: {path})")
    for name, examples in list(sets):
        if name in (dev_path.name, "assess-dev-2.jsonl"):
            sets.append((f"{name} typed carelessly", list(typed_carelessly(examples))))
    dev_macro: float | None = None
    for name, examples in sets:
        report = score(name, examples)
        print(render(report, show_misses=show_misses))
        if name == dev_path.name:
            dev_macro = report.macro_f1
    if dev_macro is None:
        print(f"FAIL: {dev_path} not found (set RINGETRAENER_EVAL_DIR)")
        return 2
    if dev_macro < REQUIRED_MACRO_F1:
        print(f"FAIL: macro-F1 {dev_macro:.3f} on {dev_path.name} < {REQUIRED_MACRO_F1}")
        return 1
    print(f"OK: macro-F1 {dev_macro:.3f} on {dev_path.name} >= {REQUIRED_MACRO_F1}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
