"""Objection files: YAML and CSV, read with every bad row named by its line, written losslessly.

A file holds objections with their answers, never votes or authors: votes are personal and stay
in the team's database. Export → import → export gives the same file.

YAML::

    version: 1
    objections:
      - key: seed-aab-01            # optional; derived from the text when left out
        text: "Jeg har ikke tid lige nu."
        phase: aabning              # aabning | analyse | indvendinger | loesning | afslutning
        tags: [tid]                 # known tags, see objection_bank.tags
        difficulty: let             # let | mellem | svaer (default mellem)
        status: aktiv               # aktiv | afventer | skjult (default aktiv)
        answers:
          - "Det forstår jeg godt …"
          - {text: "Et skjult svar …", status: skjult}

CSV: one row per answer, the objection's columns repeated (``key,text,phase,tags,difficulty,
status,answer,answer_status``; tags separated by ``;``). An objection without answers is one row
with an empty ``answer``. Comma or semicolon as delimiter; UTF-8 with or without BOM.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from objection_bank import texts
from objection_bank.model import (
    Answer,
    Objection,
    ValidationError,
    clean_answer_text,
    clean_key,
    clean_objection_text,
    clean_tags,
    derive_key,
)
from objection_bank.tags import (
    Difficulty,
    Status,
    parse_difficulty,
    parse_phase,
    parse_status,
)

SEED_DIR = Path(__file__).parent / "seed"
# libyaml's parser where installed (ten times faster; same nodes, same line marks).
_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_AnyLoader = yaml.SafeLoader | yaml.CSafeLoader
FILE_VERSION = 1
CSV_COLUMNS = ("key", "text", "phase", "tags", "difficulty", "status", "answer", "answer_status")
_OBJECTION_COLUMNS = ("text", "phase", "tags", "difficulty", "status")
_YAML_FIELDS = frozenset({"key", "text", "phase", "tags", "difficulty", "status", "answers"})


class FileFormat(StrEnum):
    YAML = "yaml"
    CSV = "csv"

    @classmethod
    def parse(cls, raw: str) -> FileFormat:
        value = raw.strip().lower().lstrip(".")
        if value == "yml":
            value = "yaml"
        try:
            return cls(value)
        except ValueError:
            raise ValidationError(texts.FILE_FORMAT_UNKNOWN.format(value=raw)) from None

    @classmethod
    def for_path(cls, path: str | Path) -> FileFormat:
        return cls.parse(Path(path).suffix or str(path))


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in a file; ``line`` is 1-based, None when it concerns the whole file."""

    line: int | None
    message: str
    source: str = ""

    def __str__(self) -> str:
        text = (
            self.message
            if self.line is None
            else texts.FILE_LINE.format(line=self.line, message=self.message)
        )
        return f"{self.source}: {text}" if self.source else text


class BankFileError(ValueError):
    """A file that cannot be imported; carries every problem found, not just the first."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


# --- reading -------------------------------------------------------------------------------


def read_bank(data: bytes | str, fmt: FileFormat, *, source: str = "") -> list[Objection]:
    """Parse a whole file; raises :class:`BankFileError` listing every bad row."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BankFileError([RowError(None, texts.FILE_NOT_UTF8, source)]) from None
    data = data.removeprefix("\ufeff")
    objections, errors = _read_yaml(data) if fmt is FileFormat.YAML else _read_csv(data)
    if not errors and not objections:
        errors = [RowError(None, texts.FILE_EMPTY)]
    if errors:
        ordered = sorted(errors, key=lambda e: e.line or 0)  # stable: a row's errors keep order
        raise BankFileError([RowError(e.line, e.message, source) for e in ordered])
    return objections


def load_seed(directory: Path = SEED_DIR) -> list[Objection]:
    """The global seed bank shipped with the package; keys are unique across its files.

    Read once per process and directory: every start-up and many tests ask for it.
    """
    return list(_load_seed(directory))


@functools.lru_cache(maxsize=4)
def _load_seed(directory: Path) -> tuple[Objection, ...]:
    objections: list[Objection] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            found = read_bank(path.read_bytes(), FileFormat.YAML, source=path.name)
        except BankFileError as exc:
            errors.extend(exc.errors)
            continue
        for objection in found:
            if objection.key in seen:
                message = texts.FILE_DUPLICATE_KEY_IN_FILE.format(
                    key=objection.key, file=seen[objection.key]
                )
                errors.append(RowError(None, message, path.name))
            seen[objection.key] = path.name
            objections.append(objection)
    if errors:
        raise BankFileError(errors)
    return tuple(objections)


class _Rows:
    """Collects objections and errors; remembers where each key was first seen."""

    def __init__(self) -> None:
        self.objections: list[Objection] = []
        self.errors: list[RowError] = []
        self.first_line: dict[str, int] = {}

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(RowError(line, message))

    def claim_key(self, key: str, line: int) -> bool:
        if key in self.first_line:
            self.error(line, texts.FILE_DUPLICATE_KEY.format(key=key, first=self.first_line[key]))
            return False
        self.first_line[key] = line
        return True


def _read_yaml(text: str) -> tuple[list[Objection], list[RowError]]:
    rows = _Rows()
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            items = _yaml_items(loader, root, rows)
            for node in items:
                _read_yaml_item(loader, node, rows)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(exc, "problem", None) or str(exc)
        return [], [RowError(line, texts.FILE_NOT_YAML.format(detail=detail))]
    return rows.objections, rows.errors


def _yaml_items(loader: _AnyLoader, root: yaml.Node | None, rows: _Rows) -> list[yaml.Node]:
    if root is None:
        return []
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if key_node.value == "objections" and isinstance(value_node, yaml.SequenceNode):
                return list(value_node.value)
    elif isinstance(root, yaml.SequenceNode):
        return list(root.value)
    rows.error(root.start_mark.line + 1, texts.FILE_YAML_SHAPE)
    return []


def _read_yaml_item(loader: _AnyLoader, node: yaml.Node, rows: _Rows) -> None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        rows.error(line, texts.FILE_ITEM_NOT_MAPPING)
        return
    fields: dict[str, Any] = {}
    answer_lines: list[int] = []
    for key_node, value_node in node.value:
        name = str(loader.construct_object(key_node, deep=True))
        fields[name] = loader.construct_object(value_node, deep=True)
        if name == "answers" and isinstance(value_node, yaml.SequenceNode):
            answer_lines = [child.start_mark.line + 1 for child in value_node.value]
    unknown = sorted(set(fields) - _YAML_FIELDS)
    if unknown:
        rows.error(line, texts.FILE_UNKNOWN_FIELDS.format(fields=", ".join(unknown)))
        return
    answers = _yaml_answers(fields.get("answers"), answer_lines, line, rows)
    objection = _build(fields, answers, line, rows)
    if objection is not None and rows.claim_key(objection.key, line):
        rows.objections.append(objection)


def _yaml_answers(raw: object, lines: Sequence[int], line: int, rows: _Rows) -> list[Answer] | None:
    if raw is None:
        return []
    if not isinstance(raw, list):
        rows.error(line, texts.FILE_ANSWERS_SHAPE)
        return None
    answers: list[Answer] = []
    ok = True
    for index, item in enumerate(raw):
        answer_line = lines[index] if index < len(lines) else line
        text: object
        status: object = None
        if isinstance(item, str):
            text = item
        elif isinstance(item, Mapping) and set(item) <= {"text", "status"} and "text" in item:
            text, status = item["text"], item.get("status")
        else:
            rows.error(answer_line, texts.FILE_ANSWER_SHAPE)
            ok = False
            continue
        answer = _build_answer(text, status, answer_line, rows)
        if answer is None:
            ok = False
        else:
            answers.append(answer)
    return answers if ok else None


def _build_answer(text: object, status: object, line: int, rows: _Rows) -> Answer | None:
    if not isinstance(text, str):
        rows.error(line, texts.FILE_FIELD_NOT_TEXT.format(field="answer"))
        return None
    parsed_status = _status(status, line, rows)
    try:
        clean = clean_answer_text(text)
    except ValidationError as exc:
        rows.error(line, exc.message)
        return None
    return None if parsed_status is None else Answer(clean, parsed_status)


def _status(raw: object, line: int, rows: _Rows) -> Status | None:
    if raw is None or raw == "":
        return Status.AKTIV
    parsed = parse_status(str(raw))
    if parsed is None:
        rows.error(line, texts.ERR_BAD_STATUS.format(value=raw))
    return parsed


def _build(
    fields: Mapping[str, Any], answers: list[Answer] | None, line: int, rows: _Rows
) -> Objection | None:
    """Validate one objection's fields, reporting each problem on its line."""
    before = len(rows.errors)
    for name in ("text", "phase"):
        if fields.get(name) in (None, ""):
            rows.error(line, texts.FILE_MISSING_FIELD.format(field=name))
    for name in ("key", "text", "phase", "difficulty", "status"):
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            rows.error(line, texts.FILE_FIELD_NOT_TEXT.format(field=name))
    if len(rows.errors) > before:
        return None

    text = phase = difficulty = key = None
    try:
        text = clean_objection_text(fields["text"])
    except ValidationError as exc:
        rows.error(line, exc.message)
    phase = parse_phase(fields["phase"])
    if phase is None:
        rows.error(line, texts.ERR_BAD_PHASE.format(value=fields["phase"]))
    raw_difficulty = fields.get("difficulty") or Difficulty.MELLEM.value
    difficulty = parse_difficulty(raw_difficulty)
    if difficulty is None:
        rows.error(line, texts.ERR_BAD_DIFFICULTY.format(value=raw_difficulty))
    status = _status(fields.get("status"), line, rows)
    tags = _tags(fields.get("tags"), line, rows)
    if fields.get("key"):
        try:
            key = clean_key(fields["key"])
        except ValidationError as exc:
            rows.error(line, exc.message)
    if len(rows.errors) > before or answers is None:
        return None
    assert text is not None and phase is not None and difficulty is not None
    assert status is not None and tags is not None
    return Objection(
        key=key or derive_key(text),
        text=text,
        phase=phase,
        tags=tags,
        difficulty=difficulty,
        status=status,
        answers=tuple(answers),
    )


def _tags(raw: object, line: int, rows: _Rows) -> tuple[str, ...] | None:
    if raw is None:
        return ()
    if isinstance(raw, str):
        items: list[str] = [raw]
    elif isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        items = list(raw)
    else:
        rows.error(line, texts.FILE_TAGS_SHAPE)
        return None
    try:
        return clean_tags(";".join(items))
    except ValidationError as exc:
        rows.error(line, exc.message)
        return None


def _read_csv(text: str) -> tuple[list[Objection], list[RowError]]:
    rows = _Rows()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [RowError(1, str(exc))]
    if header is None:
        return [], []
    columns = [name.strip().lower() for name in header]
    if (
        len(set(columns)) != len(columns)
        or not set(columns) <= set(CSV_COLUMNS)
        or not {"text", "phase"} <= set(columns)
    ):
        found = ",".join(header)
        rows.error(1, texts.FILE_CSV_HEADER.format(expected=",".join(CSV_COLUMNS), found=found))
        return [], rows.errors

    groups: dict[str, _CsvGroup] = {}
    order: list[str] = []
    start = reader.line_num + 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(columns):
                message = texts.FILE_CSV_COLUMNS.format(found=len(record), expected=len(columns))
                rows.error(line, message)
                continue
            _csv_record(dict(zip(columns, record, strict=True)), line, groups, order, rows)
    except csv.Error as exc:
        rows.error(start, str(exc))
    for key in order:
        group = groups[key]
        objection = _build(group.fields, group.answers, group.line, rows)
        if objection is not None:
            rows.objections.append(objection)
    return rows.objections, rows.errors


@dataclass(slots=True)
class _CsvGroup:
    line: int
    fields: dict[str, str]
    answers: list[Answer] | None


def _csv_record(
    record: dict[str, str],
    line: int,
    groups: dict[str, _CsvGroup],
    order: list[str],
    rows: _Rows,
) -> None:
    fields = {name: value.strip() for name, value in record.items() if name != "answer"}
    raw_key = fields.pop("key", "")
    if raw_key:
        try:
            key = clean_key(raw_key)
        except ValidationError as exc:
            rows.error(line, exc.message)
            return
    elif fields.get("text"):
        try:
            key = derive_key(clean_objection_text(fields["text"]))
        except ValidationError as exc:
            rows.error(line, exc.message)
            return
    else:
        rows.error(line, texts.FILE_MISSING_FIELD.format(field="text"))
        return

    answer_text = record.get("answer", "")
    answer_status = fields.pop("answer_status", "")
    group = groups.get(key)
    if group is None:
        fields["key"] = raw_key
        group = groups[key] = _CsvGroup(line, fields, [])
        order.append(key)
    else:
        for name in _OBJECTION_COLUMNS:
            value = fields.get(name, "")
            if value and _differs(name, value, group.fields.get(name, "")):
                rows.error(
                    line,
                    texts.FILE_CSV_CONFLICT.format(key=key, first=group.line, field=name),
                )
                group.answers = None
    if not answer_text.strip():
        if answer_status:
            rows.error(line, texts.FILE_CSV_EMPTY_ANSWER_STATUS)
            group.answers = None
        return
    answer = _build_answer(answer_text, answer_status, line, rows)
    if answer is None:
        group.answers = None
    elif group.answers is not None:
        group.answers.append(answer)


def _differs(name: str, value: str, first: str) -> bool:
    """Continuation rows may spell a field differently (tag order, case) but not mean another."""
    if name == "tags":
        try:
            return clean_tags(value) != clean_tags(first)
        except ValidationError:
            return True
    if name == "text":
        return " ".join(value.split()) != " ".join(first.split())
    return value.lower() != first.lower()


# --- writing -------------------------------------------------------------------------------


def write_bank(objections: Iterable[Objection], fmt: FileFormat) -> str:
    return write_yaml(objections) if fmt is FileFormat.YAML else write_csv(objections)


def write_yaml(objections: Iterable[Objection]) -> str:
    items = []
    for objection in objections:
        items.append(
            {
                "key": objection.key,
                "text": objection.text,
                "phase": objection.phase.value,
                "tags": list(objection.tags),
                "difficulty": objection.difficulty.value,
                "status": objection.status.value,
                "answers": [_yaml_answer(a) for a in objection.answers],
            }
        )
    document = {"version": FILE_VERSION, "objections": items}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _yaml_answer(answer: Answer) -> str | dict[str, str]:
    if answer.status is Status.AKTIV:
        return answer.text
    return {"text": answer.text, "status": answer.status.value}


def write_csv(objections: Iterable[Objection]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for objection in objections:
        base = [
            objection.key,
            objection.text,
            objection.phase.value,
            ";".join(objection.tags),
            objection.difficulty.value,
            objection.status.value,
        ]
        if not objection.answers:
            writer.writerow([*base, "", ""])
        for answer in objection.answers:
            status = "" if answer.status is Status.AKTIV else answer.status.value
            writer.writerow([*base, answer.text, status])
    return out.getvalue()
