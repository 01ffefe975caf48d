"""The bank's fixed vocabulary: phases, difficulties, statuses and tags with Danish labels.

Ids are ASCII so they survive every channel, file format and keyboard; users may type them
the way they speak (``økonomi``, ``Bygge og anlæg``), so lookup goes through :func:`tag_id` and a
small alias table before anything is rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Self, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


class _Labelled(StrEnum):
    """A vocabulary value with its Danish label: ``Phase.AABNING == "aabning"``, label Åbning."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


L = TypeVar("L", bound=_Labelled)


class Phase(_Labelled):
    AABNING = ("aabning", "Åbning")
    ANALYSE = ("analyse", "Analyse")
    INDVENDINGER = ("indvendinger", "Svar på indvendinger")
    LOESNING = ("loesning", "Forslag til løsninger")
    AFSLUTNING = ("afslutning", "Afslutning")


class Difficulty(_Labelled):
    LET = ("let", "Let")
    MELLEM = ("mellem", "Mellem")
    SVAER = ("svaer", "Svær")


class Status(_Labelled):
    """Moderation state: ``afventer`` waits for an admin, ``skjult`` is kept but never shown."""

    AKTIV = ("aktiv", "Aktiv")
    AFVENTER = ("afventer", "Afventer")
    SKJULT = ("skjult", "Skjult")


class TagKind(_Labelled):
    TEMA = ("tema", "Tema")
    BRANCHE = ("branche", "Branche")
    STOERRELSE = ("stoerrelse", "Virksomhedsstørrelse")


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    kind: TagKind
    label: str


_TAG_ROWS: tuple[tuple[TagKind, str, str], ...] = (
    # Themes: what the objection is really about.
    (TagKind.TEMA, "tid", "Tid"),
    (TagKind.TEMA, "oekonomi", "Økonomi"),
    (TagKind.TEMA, "erfaring", "Erfaring"),
    (TagKind.TEMA, "bureaukrati", "Bureaukrati"),
    (TagKind.TEMA, "kandidaternes_kvalitet", "Kandidaternes kvalitet"),
    (TagKind.TEMA, "vikarbureau", "Vikarbureau"),
    (TagKind.TEMA, "intet_behov", "Intet behov lige nu"),
    (TagKind.TEMA, "daarlige_erfaringer", "Dårlige erfaringer"),
    (TagKind.TEMA, "forkert_person", "Forkert person"),
    (TagKind.TEMA, "send_materiale", "Send en mail"),
    (TagKind.TEMA, "anden_partner", "Har allerede en partner"),
    (TagKind.TEMA, "sprog", "Sprog"),
    (TagKind.TEMA, "oplaering", "Oplæring"),
    (TagKind.TEMA, "usikre_tider", "Usikre tider"),
    (TagKind.TEMA, "saeson", "Sæsonarbejde"),
    (TagKind.TEMA, "tillid", "Tillid"),
    (TagKind.TEMA, "beslutning", "Beslutning udskydes"),
    (TagKind.TEMA, "sikkerhed", "Sikkerhed og certifikater"),
    (TagKind.TEMA, "rekrutterer_selv", "Rekrutterer selv"),
    (TagKind.TEMA, "fastholdelse", "Fastholdelse og sygefravær"),
    # Industries.
    (TagKind.BRANCHE, "bygge_anlaeg", "Bygge og anlæg"),
    (TagKind.BRANCHE, "rengoering", "Rengøring"),
    (TagKind.BRANCHE, "detail", "Detailhandel"),
    (TagKind.BRANCHE, "aeldrepleje", "Ældrepleje og omsorg"),
    (TagKind.BRANCHE, "it", "IT"),
    (TagKind.BRANCHE, "transport_logistik", "Transport og logistik"),
    (TagKind.BRANCHE, "hotel_restaurant", "Hotel og restauration"),
    (TagKind.BRANCHE, "industri", "Industri og produktion"),
    (TagKind.BRANCHE, "landbrug_gartneri", "Landbrug og gartneri"),
    (TagKind.BRANCHE, "kontor_administration", "Kontor og administration"),
    # Company sizes.
    (TagKind.STOERRELSE, "mikro", "1–9 ansatte"),
    (TagKind.STOERRELSE, "lille", "10–49 ansatte"),
    (TagKind.STOERRELSE, "mellemstor", "50–249 ansatte"),
    (TagKind.STOERRELSE, "stor", "250+ ansatte"),
)

TAGS: dict[str, Tag] = {tag_id_: Tag(tag_id_, kind, label) for kind, tag_id_, label in _TAG_ROWS}

# Words people (and scenario files) use for a tag; keys go through tag_id() first.
_ALIASES: dict[str, str] = {
    "penge": "oekonomi",
    "pris": "oekonomi",
    "omkostninger": "oekonomi",
    "kvalitet": "kandidaternes_kvalitet",
    "kandidater": "kandidaternes_kvalitet",
    "vikar": "vikarbureau",
    "vikarer": "vikarbureau",
    "bureau": "vikarbureau",
    "behov": "intet_behov",
    "ingen_behov": "intet_behov",
    "mail": "send_materiale",
    "email": "send_materiale",
    "materiale": "send_materiale",
    "daarlig_erfaring": "daarlige_erfaringer",
    "papirarbejde": "bureaukrati",
    "dansk": "sprog",
    "sikkerhedskrav": "sikkerhed",
    "certifikater": "sikkerhed",
    "sygefravaer": "fastholdelse",
    "byg": "bygge_anlaeg",
    "byggeri": "bygge_anlaeg",
    "bygge_og_anlaeg": "bygge_anlaeg",
    "haandvaerk": "bygge_anlaeg",
    "handel": "detail",
    "detailhandel": "detail",
    "butik": "detail",
    "aeldrepleje_og_omsorg": "aeldrepleje",
    "aeldreomsorg": "aeldrepleje",
    "omsorg": "aeldrepleje",
    "sundhed": "aeldrepleje",
    "pleje": "aeldrepleje",
    "transport": "transport_logistik",
    "logistik": "transport_logistik",
    "transport_og_logistik": "transport_logistik",
    "hotel": "hotel_restaurant",
    "restaurant": "hotel_restaurant",
    "restauration": "hotel_restaurant",
    "hotel_og_restauration": "hotel_restaurant",
    "hoteller_og_restauranter": "hotel_restaurant",
    "produktion": "industri",
    "industri_og_produktion": "industri",
    "landbrug": "landbrug_gartneri",
    "gartneri": "landbrug_gartneri",
    "kontor": "kontor_administration",
    "administration": "kontor_administration",
    "micro": "mikro",
    "smv": "lille",
    "small": "lille",
    "medium": "mellemstor",
    "large": "stor",
}

MAX_TAGS = 12

# Offered first when themes are picked with buttons (a phone shows only a few): the themes
# the seed bank uses most, so most objections are tagged without paging.
COMMON_THEMES: tuple[str, ...] = (
    "tid",
    "oekonomi",
    "kandidaternes_kvalitet",
    "tillid",
    "intet_behov",
    "beslutning",
)
MORE_THEMES_PER_PAGE = 7


def theme_pages() -> tuple[tuple[str, ...], ...]:
    """Theme ids page by page: the common ones, then the rest in vocabulary order."""
    rest = [t.id for t in tags_by_kind(TagKind.TEMA) if t.id not in COMMON_THEMES]
    more = (
        tuple(rest[i : i + MORE_THEMES_PER_PAGE]) for i in range(0, len(rest), MORE_THEMES_PER_PAGE)
    )
    return (COMMON_THEMES, *more)


def tag_id(raw: str) -> str:
    """Fold how a person writes a tag into the id form: lower case, æøå spelt out, underscores."""
    folded = raw.strip().lower().translate(_ASCII_FOLD)
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


_ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe"})


def resolve_tag(raw: str) -> str | None:
    """The known tag id a user meant, or None. Labels and aliases count as well as ids."""
    candidate = tag_id(raw)
    if candidate in TAGS:
        return candidate
    if candidate in _BY_LABEL:
        return _BY_LABEL[candidate]
    return _ALIASES.get(candidate)


_BY_LABEL = {tag_id(tag.label): tag.id for tag in TAGS.values()}


def suggest_tag(raw: str) -> str | None:
    """The closest known tag, for 'mente du …?' hints when a typed tag is unknown."""
    candidate = tag_id(raw)
    if not candidate:
        return None
    choices = list(TAGS) + list(_ALIASES)
    found = process.extractOne(
        candidate, choices, scorer=Levenshtein.normalized_similarity, score_cutoff=0.6
    )
    if found is None:
        return None
    return resolve_tag(found[0])


@dataclass(frozen=True, slots=True)
class TagCheck:
    """Outcome of reading user-typed tags: what was understood and what was not."""

    tags: tuple[str, ...]
    unknown: tuple[str, ...]


def parse_tags(raw: str | Iterable[str]) -> TagCheck:
    """Read tags from a list or from text separated by commas, semicolons or line breaks."""
    items = re.split(r"[,;\n]+", raw) if isinstance(raw, str) else list(raw)
    found: list[str] = []
    unknown: list[str] = []
    for item in items:
        if not item.strip():
            continue
        resolved = resolve_tag(item)
        if resolved is None:
            unknown.append(item.strip())
        elif resolved not in found:
            found.append(resolved)
    return TagCheck(sort_tags(found), tuple(unknown))


TAG_LIST_MAX_CHARS = 60
_WORDS_IN_A_TAG = 3
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def looks_like_tag_list(raw: str) -> bool:
    """False for text that is plainly something else (a typed answer, a sentence), so it gets
    'this step wants topics' rather than every word named back as an unknown tag."""
    check = parse_tags(raw)
    if not check.unknown:
        return True
    if len(raw.strip()) > TAG_LIST_MAX_CHARS or _SENTENCE_END.search(raw):
        return False
    return all(len(item.split()) <= _WORDS_IN_A_TAG for item in check.unknown)


def sort_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Canonical order (themes, industries, sizes; then by id) so files round-trip exactly."""
    kind_order = {TagKind.TEMA: 0, TagKind.BRANCHE: 1, TagKind.STOERRELSE: 2}
    return tuple(sorted(set(tags), key=lambda t: (kind_order[TAGS[t].kind], t)))


def tags_of_kind(tags: Iterable[str], kind: TagKind) -> frozenset[str]:
    return frozenset(t for t in tags if t in TAGS and TAGS[t].kind is kind)


def tags_by_kind(kind: TagKind) -> tuple[Tag, ...]:
    return tuple(tag for tag in TAGS.values() if tag.kind is kind)


def tag_label(tag: str) -> str:
    known = TAGS.get(tag)
    return known.label if known else tag


def _parse(kind: type[L], raw: str, aliases: Mapping[str, L] | None = None) -> L | None:
    """A member from its id or Danish label as typed (any case, æøå or ae/oe/aa)."""
    candidate = tag_id(raw)
    for member in kind:
        if candidate in (member.value, tag_id(member.label)):
            return member
    return (aliases or {}).get(candidate)


def parse_phase(raw: str) -> Phase | None:
    """``åbning``, ``Aabning``, ``løsning``, ``Svar på indvendinger`` …"""
    return _parse(Phase, raw, _PHASE_ALIASES)


_PHASE_ALIASES = {
    "indvending": Phase.INDVENDINGER,
    "svar_paa_indvendinger": Phase.INDVENDINGER,
    "loesninger": Phase.LOESNING,
    "forslag": Phase.LOESNING,
    "luk": Phase.AFSLUTNING,
}


def parse_difficulty(raw: str) -> Difficulty | None:
    return _parse(Difficulty, raw, {"svar": Difficulty.SVAER})


def parse_status(raw: str) -> Status | None:
    return _parse(Status, raw)
