"""Every Danish sentence the objection bank shows a person, in one place.

Placeholders use ``str.format`` names. Text from users or the bank is inserted as plain text;
each channel escapes it for its own markup.
"""

from __future__ import annotations

# --- Validation -----------------------------------------------------------------------------
ERR_OBJECTION_EMPTY = "Indvendingen er tom. Skriv hvad virksomheden siger, fx »Vi har ikke tid«."
ERR_OBJECTION_TOO_LONG = (
    "Indvendingen er for lang: {length} tegn, højst {limit}. Skriv den kort, som kunden siger den."
)
ERR_ANSWER_EMPTY = "Svaret er tomt. Skriv hvad du vil sige til kunden."
ERR_ANSWER_TOO_LONG = "Svaret er for langt: {length} tegn, højst {limit}. Gør det kortere."
ERR_TAGS_UNKNOWN = "Jeg kender ikke disse emneord: {items}."
TAG_UNKNOWN = "»{tag}«"
TAG_UNKNOWN_WITH_HINT = "»{tag}« (mente du »{hint}«?)"
ERR_TOO_MANY_TAGS = "Højst {limit} emneord pr. indvending."
ERR_BAD_KEY = (
    "Nøglen »{key}« kan ikke bruges: kun små bogstaver a–z, tal, - og _, højst {limit} tegn."
)
ERR_BAD_PHASE = (
    "Ukendt fase »{value}«. Brug en af: aabning, analyse, indvendinger, loesning, afslutning."
)
ERR_BAD_DIFFICULTY = "Ukendt sværhedsgrad »{value}«. Brug let, mellem eller svaer."
ERR_BAD_STATUS = "Ukendt status »{value}«. Brug aktiv, afventer eller skjult."

# --- Files (import/export) ------------------------------------------------------------------
FILE_LINE = "Linje {line}: {message}"
FILE_NOT_YAML = "Filen er ikke gyldig YAML: {detail}"
FILE_YAML_SHAPE = (
    "Filen skal have en liste »objections« (eller selv være en liste) med én indvending pr. punkt."
)
FILE_ITEM_NOT_MAPPING = "Punktet skal være en indvending med felterne text, phase, tags …"
FILE_MISSING_FIELD = "Feltet »{field}« mangler."
FILE_UNKNOWN_FIELDS = "Ukendte felter: {fields}."
FILE_FIELD_NOT_TEXT = "Feltet »{field}« skal være tekst."
FILE_TAGS_SHAPE = "Feltet »tags« skal være en liste eller tekst adskilt af semikolon."
FILE_ANSWERS_SHAPE = "Feltet »answers« skal være en liste af svar."
FILE_ANSWER_SHAPE = "Et svar skal være tekst eller have felterne text og status."
FILE_DUPLICATE_KEY = "Nøglen »{key}« findes allerede på linje {first}."
FILE_DUPLICATE_KEY_IN_FILE = "Nøglen »{key}« findes allerede i {file}."
FILE_CSV_HEADER = "Første linje skal være overskrifterne: {expected}. Fandt: {found}."
FILE_CSV_COLUMNS = "Rækken har {found} felter, men overskriften har {expected}."
FILE_CSV_CONFLICT = (
    "Rækken hører til nøglen »{key}« (linje {first}), men feltet »{field}« er anderledes."
)
FILE_CSV_EMPTY_ANSWER_STATUS = "Et tomt svar kan ikke have en status."
FILE_NOT_UTF8 = "Filen er ikke UTF-8-tekst. Gem den som UTF-8 (CSV UTF-8 i Excel) og prøv igen."
FILE_EMPTY = "Filen indeholder ingen indvendinger."
FILE_FORMAT_UNKNOWN = "Ukendt format »{value}«. Brug yaml eller csv."
