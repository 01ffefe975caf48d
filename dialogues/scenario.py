"""Company contacts to practise on, loaded from the YAML files shipped in ``dialogues/scenarios``.

Scenarios are data so course leads can add a contact without touching code; every file is
validated on load, and a mistake names the file and the field so it can be fixed in a minute.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, NoReturn

import yaml

from dialogues import texts
from dialogues.normalize import fold, parse
from dialogues.rubric import PHASES, criteria_names

DIFFICULTIES: tuple[str, ...] = ("let", "mellem", "svaer")

# The same ids as the objection bank's tags, so the core can match bank objections to a scenario.
INDUSTRIES: tuple[str, ...] = (
    "bygge_anlaeg",
    "rengoering",
    "detail",
    "aeldrepleje",
    "it",
    "transport_logistik",
    "hotel_restaurant",
    "industri",
    "landbrug_gartneri",
    "kontor_administration",
)
SIZES: tuple[str, ...] = ("mikro", "lille", "mellemstor", "stor")
THEMES: tuple[str, ...] = (
    "tid",
    "oekonomi",
    "erfaring",
    "bureaukrati",
    "kandidaternes_kvalitet",
    "vikarbureau",
    "intet_behov",
    "daarlige_erfaringer",
    "forkert_person",
    "send_materiale",
    "anden_partner",
    "sprog",
    "oplaering",
    "usikre_tider",
    "saeson",
    "tillid",
    "beslutning",
    "sikkerhed",
    "rekrutterer_selv",
    "fastholdelse",
)
# What a consultant can concretely offer; the persona recognises these in what is written.
OFFERS: tuple[str, ...] = (
    "praktik",
    "loentilskud",
    "kandidater",
    "jobordre",
    "screening",
    "opkvalificering",
    "mentor",
    "fleksjob",
    "jobrotation",
    "voksenlaerling",
    "fastholdelse",
)

PATIENCE_RANGE = (3, 30)
MIN_OBJECTIONS = 3  # svaer raises three
MAX_TEXT = 600


class ScenarioError(ValueError):
    """A scenario file (or id) is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class Company:
    name: str
    town: str
    employees: int
    facts: tuple[str, ...]


@dataclass(frozen=True)
class HiddenNeed:
    """A need the contact only mentions when a good open question touches it."""

    id: str
    topics: tuple[str, ...]  # word beginnings (ASCII-folded) an open question must touch
    hint: str  # a vague remark the contact makes on a general question at svaer
    reveal: str  # what the contact says once the need is out
    confirm: str  # what the contact says when the consultant's summary lands
    offers: tuple[str, ...]  # offers that meet this need


@dataclass(frozen=True)
class ScenarioObjection:
    id: str
    text: str
    theme: str
    phase: str
    difficulty: str
    detail: str  # what the contact adds when the consultant explores the objection


@dataclass(frozen=True)
class MeetingConditions:
    """What makes this contact say yes to a meeting."""

    needs: int  # how many hidden needs must be out before they see the point
    offers: tuple[str, ...]  # offers that would help them (any one will do)
    description: str  # in plain Danish, for the debrief


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    industry: str
    size: str
    contact_name: str
    contact_role: str
    company: Company
    pickup: str  # how the contact answers the phone
    hidden_needs: tuple[HiddenNeed, ...]
    objection_themes: tuple[str, ...]
    objections: tuple[ScenarioObjection, ...]
    patience: int
    meeting_conditions: MeetingConditions
    difficulties: tuple[str, ...] = DIFFICULTIES
    # (phase, criterion, phrasing): "Prøv fx" lines written for this company; the rubric's
    # generic suggestion is the fallback. A tuple, not a dict, so the scenario stays hashable.
    better_phrasings: tuple[tuple[str, str, str], ...] = ()

    @property
    def first_name(self) -> str:
        return self.contact_name.split()[0]

    @property
    def suggestions(self) -> dict[str, dict[str, str]]:
        """The scenario's better phrasings as phase -> criterion -> phrasing."""
        out: dict[str, dict[str, str]] = {}
        for phase, criterion, phrasing in self.better_phrasings:
            out.setdefault(phase, {})[criterion] = phrasing
        return out


class ScenarioCatalog:
    """All scenarios by id, in a stable order."""

    def __init__(self, scenarios: Iterable[Scenario]) -> None:
        self._by_id: dict[str, Scenario] = {}
        for scenario in scenarios:
            if scenario.id in self._by_id:
                raise ScenarioError(texts.SCENARIO_DUPLICATE_ID.format(id=scenario.id))
            self._by_id[scenario.id] = scenario

    def get(self, scenario_id: str) -> Scenario:
        try:
            return self._by_id[scenario_id]
        except KeyError:
            known = ", ".join(self._by_id)
            raise ScenarioError(
                texts.SCENARIO_UNKNOWN_ID.format(id=scenario_id, known=known)
            ) from None

    def all(self) -> list[Scenario]:
        return list(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


@functools.cache
def load_catalog() -> ScenarioCatalog:
    """The shipped scenarios; read and validated once per process."""
    folder = resources.files("dialogues").joinpath("scenarios")
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith((".yaml", ".yml"))),
        key=lambda entry: entry.name,
    )
    return ScenarioCatalog(parse_scenario_text(e.read_text("utf-8"), e.name) for e in entries)


def parse_scenario_text(text: str, source: str) -> Scenario:
    """One scenario from YAML text; ``source`` names the file in error messages."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(texts.SCENARIO_BAD_YAML.format(source=source, error=exc)) from None
    return parse_scenario(data, source)


def parse_scenario(data: object, source: str) -> Scenario:
    fields = _Fields(data, source, "")
    meeting = fields.mapping("meeting_conditions")
    needs = tuple(
        _need(item, source, f"hidden_needs[{i}]")
        for i, item in enumerate(fields.list_of("hidden_needs", min_items=1))
    )
    objections = tuple(
        _objection(item, source, f"objections[{i}]")
        for i, item in enumerate(fields.list_of("objections", min_items=MIN_OBJECTIONS))
    )
    _unique_ids(needs, source, "hidden_needs")
    _unique_ids(objections, source, "objections")
    company = fields.mapping("company")
    scenario = Scenario(
        id=fields.ident("id"),
        title=fields.text("title"),
        industry=fields.choice("industry", INDUSTRIES),
        size=fields.choice("size", SIZES),
        contact_name=fields.text("contact_name"),
        contact_role=fields.text("contact_role"),
        company=Company(
            name=company.text("name"),
            town=company.text("town"),
            employees=company.integer("employees", 1, 100_000),
            facts=company.texts("facts", min_items=2),
        ),
        pickup=fields.text("pickup"),
        hidden_needs=needs,
        objection_themes=fields.choices("objection_themes", THEMES, min_items=1),
        objections=objections,
        patience=fields.integer("patience", *PATIENCE_RANGE),
        meeting_conditions=MeetingConditions(
            needs=meeting.integer("needs", 1, len(needs)),
            offers=meeting.choices("offers", OFFERS, min_items=1),
            description=meeting.text("description"),
        ),
        difficulties=fields.choices(
            "difficulties", DIFFICULTIES, min_items=1, default=DIFFICULTIES
        ),
        better_phrasings=_better_phrasings(fields),
    )
    fields.no_unknown(_SCENARIO_KEYS)
    company.no_unknown({"name", "town", "employees", "facts"})
    meeting.no_unknown({"needs", "offers", "description"})
    return scenario


_SCENARIO_KEYS = frozenset(
    {
        "id",
        "title",
        "industry",
        "size",
        "contact_name",
        "contact_role",
        "company",
        "pickup",
        "hidden_needs",
        "objection_themes",
        "objections",
        "patience",
        "meeting_conditions",
        "difficulties",
        "better_phrasings",
    }
)


def _better_phrasings(fields: _Fields) -> tuple[tuple[str, str, str], ...]:
    """Optional ``better_phrasings: {phase: {criterion: phrasing}}``; names must be the rubric's."""
    if fields.data.get("better_phrasings") is None:
        return ()
    by_phase = fields.mapping("better_phrasings")
    found: list[tuple[str, str, str]] = []
    for phase in map(str, by_phase.data):
        if phase not in PHASES:
            by_phase.fail(
                phase, texts.SCENARIO_NOT_ALLOWED.format(value=phase, allowed=", ".join(PHASES))
            )
        names = criteria_names(phase)
        by_criterion = by_phase.mapping(phase)
        for criterion in map(str, by_criterion.data):
            if criterion not in names:
                by_criterion.fail(
                    criterion,
                    texts.SCENARIO_NOT_ALLOWED.format(value=criterion, allowed=", ".join(names)),
                )
            found.append((phase, criterion, by_criterion.text(criterion)))
    return tuple(found)


def _need(item: object, source: str, path: str) -> HiddenNeed:
    fields = _Fields(item, source, path)
    need = HiddenNeed(
        id=fields.ident("id"),
        topics=tuple(_fold_topic(t) for t in fields.texts("topics", min_items=1)),
        hint=fields.text("hint"),
        reveal=fields.text("reveal"),
        confirm=fields.text("confirm"),
        offers=fields.choices("offers", OFFERS, min_items=1),
    )
    fields.no_unknown({"id", "topics", "hint", "reveal", "confirm", "offers"})
    if not mentions(need.hint, need.topics):
        fields.fail("hint", texts.SCENARIO_HINT_OFF_TOPIC)
    return need


def _objection(item: object, source: str, path: str) -> ScenarioObjection:
    fields = _Fields(item, source, path)
    objection = ScenarioObjection(
        id=fields.ident("id"),
        text=fields.text("text"),
        theme=fields.choice("theme", THEMES),
        phase=fields.choice("phase", PHASES),
        difficulty=fields.choice("difficulty", DIFFICULTIES),
        detail=fields.text("detail"),
    )
    fields.no_unknown({"id", "text", "theme", "phase", "difficulty", "detail"})
    return objection


def _unique_ids(items: Sequence[HiddenNeed | ScenarioObjection], source: str, path: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ScenarioError(
                texts.SCENARIO_FIELD_ERROR.format(
                    source=source,
                    field=f"{path}[{i}].id",
                    problem=texts.SCENARIO_DUPLICATE_ITEM.format(id=item.id),
                )
            )
        seen.add(item.id)


def _fold_topic(topic: str) -> str:
    return fold("".join(topic.split()))


# Endings a short topic (under four letters) may carry; longer topics match any word they begin.
_SHORT_ENDINGS = "(?:e|er|en|et|ne|ene|erne|s|t|ens)?"


@functools.lru_cache(maxsize=1024)
def topic_pattern(topics: tuple[str, ...], *, inside_words: bool = False) -> re.Pattern[str]:
    """One regex for a set of folded topics, run over ``Sentence.text`` (" word word ").

    A topic of four letters or more matches any word it begins ("foraar" in "foråret"); a
    shorter one only itself with a plain ending ("år", "året", but not "arbejde"). With
    ``inside_words`` a topic of five letters or more also matches inside a compound
    ("praktik" in "virksomhedspraktik").
    """
    return re.compile("|".join(_topic_regex(t, inside_words) for t in topics) or "(?!)")


def _topic_regex(topic: str, inside_words: bool) -> str:
    escaped = re.escape(topic)
    if len(topic) < 4:
        return f" {escaped}{_SHORT_ENDINGS} "
    return escaped if inside_words and len(topic) >= 5 else f" {escaped}"


def mentions(text: str, topics: Sequence[str]) -> bool:
    pattern = topic_pattern(tuple(topics))
    return any(pattern.search(sentence.text) for sentence in parse(text).sentences)


class _Fields:
    """Typed access to one YAML mapping; every failure says which file and which field."""

    def __init__(self, data: object, source: str, path: str) -> None:
        self.source = source
        self.path = path
        if not isinstance(data, Mapping):
            self.fail("", texts.SCENARIO_NOT_MAPPING)
        self.data: Mapping[str, Any] = data

    def _name(self, key: str) -> str:
        if not key:
            return self.path or texts.SCENARIO_ROOT
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ScenarioError(
            texts.SCENARIO_FIELD_ERROR.format(
                source=self.source, field=self._name(key), problem=problem
            )
        )

    def _get(self, key: str) -> Any:
        if key not in self.data or self.data[key] is None:
            self.fail(key, texts.SCENARIO_MISSING)
        return self.data[key]

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, texts.SCENARIO_NOT_TEXT)
        if len(value) > MAX_TEXT:
            self.fail(key, texts.SCENARIO_TOO_LONG.format(limit=MAX_TEXT))
        return " ".join(value.split())

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not value.replace("_", "").replace("-", "").isalnum() or not value.isascii():
            self.fail(key, texts.SCENARIO_BAD_ID)
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, texts.SCENARIO_NOT_INT)
        if not low <= value <= high:
            self.fail(key, texts.SCENARIO_OUT_OF_RANGE.format(low=low, high=high))
        return int(value)

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            self.fail(
                key, texts.SCENARIO_NOT_ALLOWED.format(value=value, allowed=", ".join(allowed))
            )
        return value

    def list_of(self, key: str, *, min_items: int) -> list[Any]:
        value = self._get(key)
        if not isinstance(value, list):
            self.fail(key, texts.SCENARIO_NOT_LIST)
        if len(value) < min_items:
            self.fail(key, texts.SCENARIO_TOO_FEW.format(count=min_items))
        return list(value)

    def texts(self, key: str, *, min_items: int) -> tuple[str, ...]:
        items = self.list_of(key, min_items=min_items)
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}[{i}]", texts.SCENARIO_NOT_TEXT)
        return tuple(" ".join(item.split()) for item in items)

    def choices(
        self,
        key: str,
        allowed: Sequence[str],
        *,
        min_items: int,
        default: tuple[str, ...] | None = None,
    ) -> tuple[str, ...]:
        if default is not None and self.data.get(key) is None:
            return default
        values = self.texts(key, min_items=min_items)
        for i, value in enumerate(values):
            if value not in allowed:
                self.fail(
                    f"{key}[{i}]",
                    texts.SCENARIO_NOT_ALLOWED.format(value=value, allowed=", ".join(allowed)),
                )
        return values

    def mapping(self, key: str) -> _Fields:
        return _Fields(self._get(key), self.source, self._name(key))

    def no_unknown(self, known: Iterable[str]) -> None:
        unknown = sorted(set(map(str, self.data)) - set(known))
        if unknown:
            self.fail(unknown[0], texts.SCENARIO_UNKNOWN_FIELD)
