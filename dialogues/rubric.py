"""The assessment rubric: the five phases of the call and the criteria each answer is judged by.

Names are the ASCII names of the shared eval README, so labelled data, the assessor, feedback and
the CLI all speak about the same criteria. Every rule is spelled out here in Danish so `/rubrik`
can show the consultant exactly what is judged: no hidden rules.
"""

from __future__ import annotations

from dataclasses import dataclass

PHASES: tuple[str, ...] = ("aabning", "analyse", "indvendinger", "loesning", "afslutning")

PHASE_LABELS: dict[str, str] = {
    "aabning": "Åbning",
    "analyse": "Analyse",
    "indvendinger": "Svar på indvendinger",
    "loesning": "Forslag til løsninger",
    "afslutning": "Afslutning",
}


class UnknownPhaseError(ValueError):
    """Raised for a phase name that is not one of `PHASES`."""


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion, with the words the coach uses to explain it."""

    name: str
    label: str
    meaning: str
    better: str


RUBRIC: dict[str, tuple[Criterion, ...]] = {
    "aabning": (
        Criterion(
            "hilsen",
            "Hilsen",
            "Du hilser på kontaktpersonen, fx »Goddag«, »Hej« eller »Godmorgen«.",
            "Start med en hilsen: »Goddag, …«",
        ),
        Criterion(
            "praesentation",
            "Præsentation",
            "Du siger dit eget navn, fx »Jeg hedder Sara« eller »Det er Martin«.",
            "Sig dit navn: »Mit navn er Sara Jensen …«",
        ),
        Criterion(
            "organisation",
            "Organisation",
            "Du nævner din organisation (jobcenter, a-kasse, kommune, virksomhedsservice) "
            "– ikke kun din jobtitel.",
            "Sig hvor du ringer fra: »… og jeg ringer fra Jobcenter Aarhus.«",
        ),
        Criterion(
            "formaal",
            "Formål",
            "Du siger, hvorfor du ringer, fx »Jeg ringer, fordi …« eller "
            "»Jeg vil gerne høre om …«.",
            "Sig formålet: »Jeg ringer, fordi vi hjælper virksomheder i jeres branche med at "
            "finde medarbejdere.«",
        ),
        Criterion(
            "tilladelse",
            "Tilladelse",
            "Du spørger, om kontaktpersonen har tid, eller om det passer nu.",
            "Spørg om lov: »Har du et par minutter lige nu?«",
        ),
    ),
    "analyse": (
        Criterion(
            "aabent_spoergsmaal",
            "Åbent spørgsmål",
            "Du stiller et åbent spørgsmål (hvad, hvordan, hvilke, hvor mange, hvorfor, hvornår, "
            "»fortæl«, »beskriv«) – ikke et ja/nej-spørgsmål.",
            "Spørg åbent: »Hvordan ser jeres behov for medarbejdere ud det næste halve år?«",
        ),
        Criterion(
            "behov",
            "Behov",
            "Du taler om virksomhedens behov for arbejdskraft: rekruttering, ledige stillinger, "
            "manglende folk, travle perioder, fastholdelse, sygefravær eller opkvalificering "
            "– ikke jobcentrets egne mål.",
            "Gå efter behovet: »Hvor mange medarbejdere mangler I til sæsonen?«",
        ),
        Criterion(
            "opsummering",
            "Opsummering",
            "Du opsummerer, hvad kontaktpersonen har sagt, fx »Hvis jeg forstår dig rigtigt …« "
            "– ikke noget, du har hørt fra andre.",
            "Opsummer: »Så hvis jeg forstår dig rigtigt, mangler I to lagerfolk til foråret.«",
        ),
        Criterion(
            "accept",
            "Accept af behov",
            "Du beder kontaktpersonen bekræfte, fx »Er det rigtigt forstået?« eller "
            "»Stemmer det?«.",
            "Bed om en bekræftelse: »Har jeg forstået det rigtigt?«",
        ),
    ),
    "indvendinger": (
        Criterion(
            "anerkendelse",
            "Anerkendelse",
            "Du anerkender kontaktpersonens synspunkt, fx »Det forstår jeg godt« eller "
            "»Det er en god pointe«.",
            "Anerkend først: »Det kan jeg sagtens forstå.«",
        ),
        Criterion(
            "afklaring",
            "Afklaring",
            "Du stiller et spørgsmål, der udforsker indvendingen, fx »Hvad mener du med …?« "
            "eller »Hvad skete der sidst?«.",
            "Undersøg indvendingen: »Hvad skal der til, for at det bliver relevant for jer?«",
        ),
        Criterion(
            "argument",
            "Argument",
            "Du svarer med en grund, en fordel eller et tilbud, fx »Vi sørger for papirarbejdet« "
            "eller »Det er gratis for jer«.",
            "Giv en fordel: »Vi sørger for alt papirarbejdet, og det er gratis for jer.«",
        ),
        Criterion(
            "accept",
            "Accept",
            "Du tjekker, om svaret landede, fx »Giver det mening?« eller »Lyder det rimeligt?«.",
            "Tjek om det landede: »Giver det mening for dig?«",
        ),
    ),
    "loesning": (
        Criterion(
            "konkret_tilbud",
            "Konkret tilbud",
            "Du nævner et konkret tilbud: virksomhedspraktik, løntilskud, jobordre, "
            "stillingsopslag, kandidater/CV'er, screening, opkvalificering, mentor, fleksjob, "
            "jobrotation, voksenlærling …",
            "Vær konkret: »Vi kan oprette en jobordre og sende jer tre kandidater.«",
        ),
        Criterion(
            "kobling",
            "Kobling til behovet",
            "Du kobler tilbuddet til virksomhedens egen situation, fx »Da du nævnte …«, "
            "»Fordi I mangler …« eller »så I kan …«.",
            "Kobl til behovet: »Da du nævnte, at I mangler folk til sæsonen, kunne en "
            "virksomhedspraktik …«",
        ),
        Criterion(
            "accept",
            "Accept af løsning",
            "Du beder om kontaktpersonens accept af løsningen, fx »Hvad siger du til det?« eller "
            "»Skal vi gøre det?«.",
            "Bed om accept: »Hvad siger du til det?«",
        ),
    ),
    "afslutning": (
        Criterion(
            "naeste_skridt",
            "Næste skridt",
            "Du aftaler et konkret næste skridt: et møde eller besøg, at sende kandidater, "
            "oprette jobordren eller et opfølgende opkald. »Jeg vender tilbage« er ikke konkret.",
            "Aftal noget konkret: »Jeg sender dig tre CV'er, og så ringer jeg dig op.«",
        ),
        Criterion(
            "tidspunkt",
            "Tidspunkt",
            "Du nævner et konkret tidspunkt: en ugedag, en dato, et klokkeslæt, »i morgen« "
            "eller »i næste uge«.",
            "Sæt tid på: »… på torsdag kl. 10.«",
        ),
        Criterion(
            "opsummering",
            "Opsummering af aftalen",
            "Du opsummerer, hvad I har aftalt, fx »Så vi aftaler …« eller »For at opsummere …«.",
            "Opsummer aftalen: »Så vi aftaler, at jeg kommer forbi på tirsdag kl. 10.«",
        ),
        Criterion(
            "tak",
            "Tak",
            "Du takker kontaktpersonen, fx »Tak for snakken«. »Nej tak« og »takket være« "
            "tæller ikke.",
            "Slut med en tak: »Tak for snakken – god dag!«",
        ),
    ),
}


def criteria_names(phase: str) -> tuple[str, ...]:
    """The criterion names of a phase in rubric order."""
    if phase not in RUBRIC:
        raise UnknownPhaseError(f"ukendt fase: {phase!r}")
    return tuple(criterion.name for criterion in RUBRIC[phase])
