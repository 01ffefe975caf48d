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

# --- Commands (descriptions shown in /hjaelp and the apps' menus) ---------------------------
CMD_NEW_OBJECTION = "Tilføj en indvending til teamets bank"
CMD_SEARCH = "Søg i indvendingsbanken, fx /soeg vikarbureau"
CMD_SHOW = "Vis en indvending med svar, fx /indvending 12"
CMD_DRILL = "Øv indvendinger hurtigt – dem, du har svært ved, kommer oftere"
CMD_GUIDE = "Din personlige ringeguide med egne formuleringer"
CMD_MODERATE = "Godkend, skjul og flet teamets indvendinger"

# --- Buttons --------------------------------------------------------------------------------
BTN_BACK = "◀ Tilbage"
BTN_CANCEL = "Annullér"
BTN_SKIP = "Spring over"
BTN_DONE = "Færdig"
BTN_MORE_THEMES = "Flere…"
BTN_FIRST_THEMES = "◀ De første"
BTN_USE_DRAFT = "Brug det som svar"
BTN_ADD_ANSWER_THERE = "Ja, tilføj mit svar dér"
BTN_IT_IS_NEW = "Nej, den er ny"
BTN_ALL_INDUSTRIES = "Alle brancher"
BTN_SHOW = "Vis #{id}"
BTN_ADD_ANSWER = "Tilføj dit svar"
BTN_VOTE = "👍 Svar {n} virkede"
BTN_APPROVE = "✓ Godkend"
BTN_HIDE = "Skjul"
BTN_MERGE = "Flet med en anden"
BTN_KEEP = "Behold #{id}: {text}"
BTN_MODERATE_ANSWERS = "Skjul et svar"
BTN_HIDE_ANSWER = "Skjul: {text}"
BTN_STOP = "Stop"
BTN_PRACTISE_ANYWAY = "Øv alligevel"
BTN_GUIDE_ADD = "Tilføj formulering"
BTN_GUIDE_EXPORT = "Hent som Markdown"
BTN_GUIDE_DELETE = "Slet en formulering"
BTN_GUIDE_DELETE_ONE = "Slet: {text}"
CHECKED = "✓ {label}"

# --- Access ---------------------------------------------------------------------------------
NEEDS_TEAM = (
    "Indvendingsbanken deles i et team, så det kræver, at du er med i et. "
    "Få en kode af din teamleder og skriv /deltag KODE. "
    "Du kan stadig øve den fælles bank med /indvendinger og søge med /soeg."
)
ADMIN_ONLY = "Det er kun teamets administratorer, der kan godkende, skjule og flette indvendinger."
NOT_FOUND = "Jeg kan ikke finde indvending #{id} i dit teams bank."
SHOW_USAGE = "Skriv nummeret på indvendingen, fx /indvending 12. Find numre med /soeg."
ONLY_TEAM_OBJECTIONS = (
    "Kun teamets egne indvendinger kan godkendes, skjules eller flettes – den fælles bank ændres "
    "af Ringetræners redaktion."
)
CANCELLED = "Okay, det er annulleret."
# One line when a new bank flow replaces one the person was in the middle of.
STOPPED_DRILL = "Din indvendingstræning er stoppet – skriv /indvendinger for at fortsætte."
STOPPED_ADD = "Den indvending, du var i gang med, er ikke gemt – start igen med /ny_indvending."
STOPPED_ANSWER = "Det svar, du var i gang med, er ikke gemt."
STOPPED_MERGE = "Fletningen er afbrudt – intet er ændret."
STOPPED_GUIDE = "Den formulering, du var i gang med, er ikke gemt – /ringeguide for at prøve igen."
STALE = "Den knap er ikke aktuel længere. Start forfra med /ny_indvending."

# --- Adding an objection --------------------------------------------------------------------
ADD_ASK_TEXT = (
    "Hvad siger virksomheden? Skriv indvendingen, som kunden siger den (højst {limit} tegn)."
)
ADD_DUPLICATE = "Den ligner: »{text}« (#{id}) — vil du tilføje dit svar dér i stedet?"
ADD_ASK_PHASE = "»{text}«\n\nHvornår i samtalen kommer den typisk?"
ADD_PHASE_UNKNOWN = "Den fase kender jeg ikke. Tryk på en af knapperne, eller skriv fx »analyse«."
ADD_ASK_THEMES = (
    "Hvad handler den om? Vælg et eller flere emner og tryk »Færdig« – "
    "eller skriv dem, adskilt af komma (du kan også skrive branche og størrelse, fx »it, stor«)."
)
ADD_THEMES_CHOSEN = "Valgt indtil nu: {tags}."
ADD_THEMES_NONE = "Intet valgt endnu."
ADD_THEME_ADDED = "✓ {label}"
ADD_THEME_REMOVED = "Fjernet: {label}"
ADD_THEMES_NOT_TAGS = (
    "Det ligner et svar – her vælger du kun, hvad indvendingen handler om: tryk på emnerne, "
    "eller skriv nogle få ord adskilt af komma (fx »tid, økonomi«). Svaret kommer et par trin "
    "længere fremme, og jeg har gemt det, du skrev, til dér."
)
ADD_DRAFT_OFFER = "Du skrev tidligere: »{text}«\nTryk »{button}« – eller skriv et andet svar."
ADD_THEMES_MORE = "Flere emner ({page} af {pages}):"
ADD_ASK_INDUSTRY = "Hører den til en bestemt branche?"
ADD_ASK_DIFFICULTY = "Hvor svær er den at svare på?"
ADD_ASK_ANSWER = (
    "Har du et svar, der virker? Skriv det (højst {limit} tegn) – eller tryk »Spring over«."
)
ADD_SAVED_ACTIVE = "Tak! Indvendingen er gemt som #{id} og er nu med i teamets bank."
ADD_SAVED_PENDING = (
    "Tak! Indvendingen er gemt som #{id}. Den kommer med i øvelserne, "
    "når en administrator har godkendt den."
)
ADD_SAVED_WITH_ANSWER = "Dit svar er gemt sammen med den."
ADD_CANCELLED = "Okay, indvendingen er ikke gemt."
ADD_USE_BUTTONS = "Tryk på en af knapperne ovenfor – eller »Annullér« for at stoppe."

# --- Answers and votes ----------------------------------------------------------------------
ANSWER_ASK = "Skriv dit svar på »{text}« (højst {limit} tegn)."
ANSWER_SAVED = "Tak! Dit svar er gemt under #{id}."
ANSWER_CHECK = "Dit svar rammer {met} af {total} kriterier for et godt svar på en indvending:"
ANSWER_CANCELLED = "Okay, svaret er ikke gemt."
CRITERION_MET = "✓ {label}"
CRITERION_MISSED = "✗ {label} – prøv fx: »{better}«"
VOTE_THANKS = "Tak! Svaret har nu {votes} 👍 fra dit team."
VOTE_ALREADY = "Du har allerede sagt, at det svar virkede for dig – én stemme pr. person. Tak!"
VOTE_GONE = "Det svar findes ikke længere i dit teams bank."

# --- Showing and searching ------------------------------------------------------------------
VIEW_HEADER = "#{id} · {phase} · {difficulty}"
VIEW_TAGS = "Emner: {tags}"
VIEW_PENDING = "Venter på godkendelse."
VIEW_HIDDEN = "Skjult."
VIEW_SHARED = "Fra den fælles bank."
VIEW_ANSWERS = "Svar (flest 👍 først):"
VIEW_ANSWER = "{n}. {text} ({votes} 👍)"
VIEW_NO_ANSWERS = "Ingen svar endnu – vær den første."
SEARCH_USAGE = "Skriv hvad du leder efter, fx: /soeg vikarbureau"
SEARCH_NONE = (
    "Jeg fandt ingen indvendinger om »{query}«. Prøv et andet ord, "
    "eller tilføj den med /ny_indvending."
)
SEARCH_RESULTS = "Det fandt jeg om »{query}«:"
SEARCH_LINE = "#{id} {text} ({phase})"
SEARCH_LINE_PENDING = "#{id} {text} ({phase}, venter på godkendelse)"

# --- Moderation -----------------------------------------------------------------------------
MOD_NONE = "Ingen indvendinger venter på godkendelse. Brug /soeg for at finde andre at rydde op i."
MOD_LIST = "Disse venter på godkendelse:"
MOD_APPROVED = "#{id} er godkendt og er nu med i teamets bank."
MOD_HIDDEN = "#{id} er skjult. Den bliver ikke vist eller brugt i øvelser."
MOD_MERGE_PICK = (
    "Hvilken skal #{id} flettes ind i? Svar og stemmer flyttes til den, du beholder. "
    "Tryk på en af de lignende – eller skriv nummeret på den, du vil beholde."
)
MOD_MERGE_NO_CANDIDATES = (
    "Jeg fandt ingen, der ligner #{id}. Skriv nummeret på den indvending, du vil beholde."
)
MOD_MERGE_SELF = "En indvending kan ikke flettes med sig selv. Skriv et andet nummer."
MOD_MERGE_TARGET_MISSING = "Jeg kan ikke finde #{id} i dit teams bank. Skriv et andet nummer."
MOD_MERGE_NUMBER = "Skriv nummeret på den indvending, du vil beholde, fx 12."
MOD_MERGED = (
    "#{source} er flettet ind i #{target}: {answers} svar og {votes} stemmer er flyttet med."
)
MOD_PICK_ANSWER = "Hvilket svar skal skjules?"
MOD_ANSWER_HIDDEN = "Svaret er skjult."
MOD_ANSWER_NOT_TEAM = "Kun dit teams egne svar kan skjules."

# --- Drill ----------------------------------------------------------------------------------
DRILL_INTRO = (
    "Hurtig træning i indvendinger. Svar, som du ville sige det i telefonen: anerkend, "
    "afklar, argumentér og tjek accept. Dem, du har svært ved, kommer hurtigere igen."
)
DRILL_PROMPT = "Indvending ({phase}, {difficulty}):\n»{text}«\n\nHvad svarer du?"
DRILL_RESULT = "Du ramte {met} af {total}:"
DRILL_BEST = "Sådan svarer dit team (flest 👍):"
DRILL_BEST_LINE = "»{text}«"
DRILL_AGAIN_SOON = "Den kommer igen om lidt."
DRILL_AGAIN_TOMORROW = "Den kommer igen i morgen."
DRILL_AGAIN_DAYS = "Den kommer igen om {days} dage."
DRILL_MASTERED = "Den sidder! Den kommer kun igen om {days} dage for at holde den ved lige."
DRILL_NEXT = "Næste:"
DRILL_CAUGHT_UP = "Du er ajour – ingen indvendinger venter lige nu. Næste gentagelse: {when}."
DRILL_CAUGHT_UP_NOTHING = "Du er ajour med alle indvendinger."
DRILL_EMPTY = "Der er ingen indvendinger at øve endnu."
DRILL_STOPPED = "Godt arbejde!"
DRILL_SKIPPED = "Sprunget over."
DRILL_ANSWER_TOO_LONG = "Svaret er for langt: {length} tegn, højst {limit}. Gør det kortere."
PROGRESS = "Indvendinger: {seen} af {total} øvet · {mastered} mestret · {due} klar til gentagelse."
PROGRESS_MISSED = "Det glemmer du oftest: {criteria}."
PROGRESS_NONE = "Indvendinger: ikke øvet endnu – prøv /indvendinger."
WHEN_FORMAT = "{day}. {month} kl. {hour:02d}:{minute:02d}"
MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip

# --- Call guide (ringeguide) ----------------------------------------------------------------
GUIDE_EMPTY = (
    "Din ringeguide er tom. Gem dine egne formuleringer til hver fase – fx din åbningsreplik "
    "eller dit opsummeringsspørgsmål – så viser coachen dem før fasen og bruger dem i "
    "forslag til bedre formuleringer."
)
GUIDE_HOW_TO_ADD = (
    "Tryk »{button}« – eller skriv det i én besked, fx "
    "»/ringeguide åbning Goddag, jeg ringer fra jobcentret, har du to minutter?«"
)
GUIDE_NOTHING_TO_EXPORT = "Din ringeguide er tom, så der er intet at hente endnu."
GUIDE_HEADER = "Din ringeguide:"
GUIDE_PHASE = "{phase}:"
GUIDE_LINE = "  {n}. {text}"
GUIDE_ASK_PHASE = "Til hvilken fase af samtalen?"
GUIDE_ASK_TEXT = "Skriv din formulering til {phase} (højst {limit} tegn)."
GUIDE_SAVED = "Gemt under {phase}. Coachen viser den før fasen i dine øveopkald."
GUIDE_FULL = "Du har allerede {limit} formuleringer til {phase}. Slet en, før du tilføjer flere."
GUIDE_TOO_LONG = "Formuleringen er for lang: {length} tegn, højst {limit}."
GUIDE_EMPTY_TEXT = "Formuleringen er tom. Skriv den, som du vil sige den."
GUIDE_PICK_DELETE = "Hvilken vil du slette?"
GUIDE_NOTHING_TO_DELETE = "Der er ingen formuleringer at slette."
GUIDE_DELETED = "Slettet."
GUIDE_EXPORTED = "Her er din ringeguide som Markdown."
GUIDE_CANCELLED = "Okay, intet er gemt."
GUIDE_FILENAME = "ringeguide.md"
GUIDE_MD_TITLE = "# Min ringeguide"
GUIDE_MD_PHASE = "## {phase}"
GUIDE_MD_LINE = "- {text}"
GUIDE_MD_NONE = "_(ingen formuleringer endnu)_"

# --- Status ---------------------------------------------------------------------------------
STATUS_BANK = "Indvendingsbank: {own} egne indvendinger og {shared} fra den fælles bank."
STATUS_PENDING = "{count} venter på din godkendelse (/moderer)."

# --- CLI (operators) ------------------------------------------------------------------------
CLI_TEAM_UNKNOWN = "Ukendt team »{team}«. Opret det med: ringetraener team create NAVN"
CLI_IMPORTED = (
    "Importeret til {scope}: {created} nye, {updated} opdaterede, {unchanged} uændrede "
    "indvendinger; {answers} nye svar."
)
CLI_IMPORT_FAILED = "Intet er importeret. Ret disse fejl og prøv igen:"
CLI_SCOPE_GLOBAL = "den fælles bank"
CLI_SCOPE_TEAM = "teamet {team}"
CLI_FILE_MISSING = "Filen {path} findes ikke."
CLI_OBJECTIONS = "Indvendingsbanken: eksport og import af YAML- eller CSV-filer"
CLI_EXPORT = "Skriv banken (den fælles eller et teams) til standard-output"
CLI_IMPORT = "Læs en fil ind i banken – alt eller intet, fejl vises med linjenummer"
CLI_FORMAT = "Filformat: yaml eller csv"
CLI_TEAM_ARG = "Teamets navn (uden: den fælles bank)"
CLI_FILE_ARG = "Filen der skal importeres (.yaml, .yml eller .csv)"
CLI_IMPORT_FORMAT = "Filformat, hvis filnavnet ikke siger det"
