"""Objection files: every bad row named by line, and export → import → export loses nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from objection_bank.formats import (
    CSV_COLUMNS,
    BankFileError,
    FileFormat,
    load_seed,
    read_bank,
    write_bank,
    write_csv,
    write_yaml,
)
from objection_bank.model import (
    MAX_ANSWER_CHARS,
    MAX_OBJECTION_CHARS,
    Answer,
    Objection,
    ValidationError,
    derive_key,
)
from objection_bank.tags import TAGS, Difficulty, Phase, Status, TagKind, sort_tags


def _lines(error: BankFileError) -> list[int | None]:
    return [e.line for e in error.errors]


# --- seed ------------------------------------------------------------------------------------


def test_seed_bank_is_big_broad_and_answered() -> None:
    seed = load_seed()
    assert len(seed) >= 60
    assert len({o.key for o in seed}) == len(seed)
    assert {o.phase for o in seed} == set(Phase)
    assert all(sum(o.phase is p for o in seed) >= 8 for p in Phase)
    assert {o.difficulty for o in seed} == set(Difficulty)
    industries = {t for o in seed for t in o.industries}
    assert len(industries) >= 6
    assert all(len(o.answers) >= 2 for o in seed)
    assert all(o.status is Status.AKTIV and o.team_id is None for o in seed)


def test_seed_answers_each_acknowledge_explore_argue_and_check() -> None:
    """A cheap structural check (the assessor test scores them properly): every seed answer
    asks at least two questions — one to explore, one to check acceptance."""
    for objection in load_seed():
        for answer in objection.answers:
            assert answer.text.count("?") >= 2, (objection.key, answer.text)


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FileFormat))
def test_seed_round_trips_exactly(fmt: FileFormat) -> None:
    seed = load_seed()
    written = write_bank(seed, fmt)
    again = read_bank(written, fmt)
    assert again == seed
    assert write_bank(again, fmt) == written
    assert read_bank(written.encode("utf-8"), fmt) == seed


_text = (
    st.text(
        alphabet=st.sampled_from(list("abcæøåÆØÅ xyz,;:\"'»«#-!?0123456789😅")),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_answer_text = st.lists(_text, min_size=1, max_size=3).map("\n".join)
_answers = st.lists(
    st.builds(Answer, text=_answer_text, status=st.sampled_from(list(Status))), max_size=3
)


@st.composite
def _objections(draw: st.DrawFn) -> list[Objection]:
    items = draw(
        st.lists(
            st.builds(
                Objection,
                key=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True),
                text=_text,
                phase=st.sampled_from(list(Phase)),
                tags=st.lists(st.sampled_from(sorted(TAGS)), max_size=4).map(sort_tags),
                difficulty=st.sampled_from(list(Difficulty)),
                status=st.sampled_from(list(Status)),
                answers=_answers.map(tuple),
            ),
            min_size=1,
            max_size=5,
            unique_by=lambda o: o.key,
        )
    )
    return items


@settings(max_examples=80, deadline=None)
@given(objections=_objections(), fmt=st.sampled_from(list(FileFormat)))
def test_any_bank_round_trips(objections: list[Objection], fmt: FileFormat) -> None:
    assert read_bank(write_bank(objections, fmt), fmt) == objections


# --- YAML errors -----------------------------------------------------------------------------

BROKEN_YAML = """\
version: 1
objections:
  - key: ok-1
    text: "Vi har ikke tid."
    phase: aabning
    tags: [tid]
  - text: "Mangler fasen."
    tags: [tid]
  - text: "Ukendt emneord."
    phase: analyse
    tags: [tid, oekonomy]
  - key: ok-1
    text: "Samme nøgle igen."
    phase: analyse
  - text: "Forkert sværhedsgrad og status."
    phase: loesning
    difficulty: umulig
    status: slettet
  - text: "Svar med fejl."
    phase: afslutning
    answers:
      - "Fint svar? Ja?"
      - 42
      - {text: "", status: aktiv}
  - text: "Ukendt felt."
    phase: analyse
    colour: blue
  - just a string
"""


def test_every_bad_yaml_row_is_reported_with_its_line() -> None:
    with pytest.raises(BankFileError) as caught:
        read_bank(BROKEN_YAML, FileFormat.YAML)
    errors = caught.value.errors
    assert _lines(caught.value) == [7, 9, 12, 15, 15, 23, 24, 25, 28]
    messages = [e.message for e in errors]
    assert "phase" in messages[0]
    assert "oekonomy" in messages[1] and "oekonomi" in messages[1]
    assert "ok-1" in messages[2] and "3" in messages[2]
    assert "umulig" in messages[3] and "slettet" in messages[4]
    assert "colour" in messages[7]
    assert "Linje 7:" in str(caught.value)


def test_yaml_syntax_errors_point_at_the_line() -> None:
    with pytest.raises(BankFileError) as caught:
        read_bank("objections:\n  - text: 'ok'\n    phase: [aabning\n", FileFormat.YAML)
    assert caught.value.errors[0].line is not None
    assert "YAML" in caught.value.errors[0].message


@pytest.mark.parametrize(
    "document",
    ["", "version: 1\n", "objections: []\n", "hello\n", "objections: 3\n"],
)
def test_yaml_without_objections_is_refused(document: str) -> None:
    with pytest.raises(BankFileError):
        read_bank(document, FileFormat.YAML)


def test_yaml_limits_and_types() -> None:
    long_text = "x" * (MAX_OBJECTION_CHARS + 1)
    long_answer = "y" * (MAX_ANSWER_CHARS + 1)
    document = f"""\
- text: "{long_text}"
  phase: aabning
- text: "Ok."
  phase: aabning
  answers: ["{long_answer}"]
- text: 12
  phase: aabning
- text: "Tags forkert."
  phase: aabning
  tags: {{a: 1}}
- text: "Svar forkert."
  phase: aabning
  answers: "ikke en liste"
- text: "Nøgle forkert."
  key: "Med Mellemrum"
  phase: aabning
"""
    with pytest.raises(BankFileError) as caught:
        read_bank(document, FileFormat.YAML)
    assert _lines(caught.value) == [1, 5, 6, 8, 11, 14]


def test_a_bare_list_and_tags_as_text_and_defaults_are_fine() -> None:
    objections = read_bank(
        "- text: ' Det er  for dyrt '\n  phase: Løsning\n  tags: Økonomi; byggeri\n",
        FileFormat.YAML,
    )
    assert objections == [
        Objection(
            key=derive_key("Det er for dyrt"),
            text="Det er for dyrt",
            phase=Phase.LOESNING,
            tags=("oekonomi", "bygge_anlaeg"),
        )
    ]


# --- CSV errors ------------------------------------------------------------------------------


def test_csv_one_row_per_answer_and_multiline_answers_keep_line_numbers() -> None:
    document = (
        "key,text,phase,tags,difficulty,status,answer,answer_status\n"
        'a,Vi har ikke tid.,aabning,tid,let,aktiv,"Første svar?\nMed to linjer?",\n'
        "a,Vi har ikke tid.,aabning,tid,let,aktiv,Andet svar?,skjult\n"
        "b,Det er for dyrt.,loesning,oekonomi;bygge_anlaeg,mellem,aktiv,,\n"
        ",,,,,,,\n"
        "a,,,,,,Tredje svar?,\n"
        "c,Forkert fase.,fase9,,,,,\n"
    )
    with pytest.raises(BankFileError) as caught:
        read_bank(document, FileFormat.CSV)
    assert _lines(caught.value) == [8]
    good = read_bank(document.rsplit("c,", 1)[0], FileFormat.CSV)
    assert [o.key for o in good] == ["a", "b"]
    assert [a.text for a in good[0].answers] == [
        "Første svar?\nMed to linjer?",
        "Andet svar?",
        "Tredje svar?",
    ]
    assert good[0].answers[1].status is Status.SKJULT
    assert good[1].answers == () and good[1].tags == ("oekonomi", "bygge_anlaeg")


def test_every_bad_csv_row_is_reported_with_its_line() -> None:
    document = (
        "key,text,phase,tags,difficulty,status,answer,answer_status\n"  # 1
        "a,Vi har ikke tid.,aabning,tid,let,aktiv,Svar?,\n"  # 2
        "a,Vi har ikke tid.,analyse,tid,let,aktiv,Svar to?,\n"  # 3 phase conflict
        "b,Kort.,aabning,tid\n"  # 4 too few columns
        "c,Ukendt tag.,aabning,rumfart,,,,\n"  # 5
        "d,Status.,aabning,,,,Svar?,væk\n"  # 6 bad answer status
        "e,Tomt svar med status.,aabning,,,,,skjult\n"  # 7
        ",,aabning,,,,,\n"  # 8 no key, no text
        "Bad Key,Tekst.,aabning,,,,,\n"  # 9
    )
    with pytest.raises(BankFileError) as caught:
        read_bank(document, FileFormat.CSV)
    assert _lines(caught.value) == [3, 4, 5, 6, 7, 8, 9]


def test_csv_header_must_be_known() -> None:
    with pytest.raises(BankFileError) as caught:
        read_bank("tekst,fase\nVi har ikke tid,aabning\n", FileFormat.CSV)
    assert _lines(caught.value) == [1]
    assert ",".join(CSV_COLUMNS) in caught.value.errors[0].message
    with pytest.raises(BankFileError):
        read_bank("text,text,phase\n", FileFormat.CSV)


def test_csv_from_danish_excel_semicolons_and_bom() -> None:
    document = "\ufefftext;phase;tags\r\nVi har ikke tid;Åbning;tid, oekonomi\r\n"
    objections = read_bank(document.encode("utf-8"), FileFormat.CSV)
    assert [(o.text, o.phase, o.tags) for o in objections] == [
        ("Vi har ikke tid", Phase.AABNING, ("oekonomi", "tid"))
    ]


def test_files_that_are_not_utf8_or_empty_are_refused_politely() -> None:
    with pytest.raises(BankFileError) as caught:
        read_bank("text,phase\nFor dyrt,løsning\n".encode("latin-1"), FileFormat.CSV)
    assert "UTF-8" in str(caught.value)
    with pytest.raises(BankFileError) as empty:
        read_bank("key,text,phase\n", FileFormat.CSV)
    assert "ingen indvendinger" in str(empty.value)


def test_written_csv_has_the_documented_columns() -> None:
    objection = Objection(key="a", text="x", phase=Phase.AABNING, tags=("tid",))
    assert write_csv([objection]).splitlines() == [
        ",".join(CSV_COLUMNS),
        "a,x,aabning,tid,mellem,aktiv,,",
    ]
    assert "answers: []" in write_yaml([objection])


def test_file_format_names() -> None:
    assert FileFormat.parse("YAML") is FileFormat.YAML
    assert FileFormat.parse("yml") is FileFormat.YAML
    assert FileFormat.for_path("bank.csv") is FileFormat.CSV
    assert FileFormat.for_path("/tmp/x.yaml") is FileFormat.YAML
    with pytest.raises(ValidationError):
        FileFormat.parse("xlsx")


def test_tag_kinds_survive_files() -> None:
    objection = Objection(
        key="k", text="x", phase=Phase.ANALYSE, tags=sort_tags(["stor", "it", "tid"])
    )
    (again,) = read_bank(write_yaml([objection]), FileFormat.YAML)
    assert again.sizes == {"stor"} and again.industries == {"it"} and again.themes == {"tid"}
    assert {TAGS[t].kind for t in again.tags} == set(TagKind)
