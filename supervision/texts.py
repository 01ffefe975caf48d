"""Every Danish text of the buddy-pair (makkerpar) feature, in one place.

Placeholders are named in English (``{name}``); the words around them are the bot's Danish.
"""

from __future__ import annotations

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
DATE = "{weekday} d. {day}. {month}"  # tirsdag d. 14. oktober
DATE_TIME = "{date} kl. {hour:02d}.{minute:02d}"  # tirsdag d. 14. oktober kl. 10.00
AND = "og"

# --- nudges ----------------------------------------------------------------------------------

NUDGE_TITLE = "Kollegial sparring"
NUDGE_BOOK = (
    "Hej {name} 👋 Tak for undervisningsdagen! Nu skal I omsætte den i praksis: aftal en "
    "sparring med {partners}, hvor I lytter med på hinandens opkald.\n"
    "Book tiden inden næste undervisningsdag, {next_day}."
)
NUDGE_BOOK_AGAIN = (
    "Hej {name}. I har ikke booket jeres sparring endnu, og næste undervisningsdag er "
    "{next_day}. Find 45 minutter med {partners} i kalenderen nu – det behøver ikke være "
    "perfekt, bare det bliver til noget."
)
NUDGE_SNOOZED_BOOK = (
    "Her er påmindelsen, du bad om: book jeres sparring med {partners} inden {next_day}."
)
NUDGE_REMINDER = (
    "Påmindelse: I har sparring {when} med {partners}.\n"
    "Den, der ringer, forbereder kort: Hvad skal opkaldet opnå, og hvilke redskaber vil du "
    "afprøve?"
)
NUDGE_FOLLOW_UP = "Hvordan gik sparringen {when} med {partners}?"
NUDGE_SNOOZED_FOLLOW_UP = (
    "Her er påmindelsen, du bad om: fik I holdt sparringen {when} med {partners}?"
)

BUTTON_BOOKED = "Vi har booket"
BUTTON_SNOOZE = "Påmind mig senere"
BUTTON_HELD_EARLY = "Vi har holdt den"
BUTTON_HELD = "Holdt"
BUTTON_CANCELLED = "Aflyst"
BUTTON_MOVED = "Flyttet"
BUTTON_GUIDE = "Vis sparringsguiden"

# --- the sparring guide ----------------------------------------------------------------------

GUIDE_TITLE = "Sparringsguide: sådan holder I kollegial sparring"
GUIDE_STEPS = (
    "1. Forberedelse og forventningsafstemning (5–10 min.): Den, der skal ringe, fortæller, "
    "hvad opkaldet skal opnå (fx et møde eller en jobordre), hvilke redskaber der skal "
    "afprøves (fx åbningsreplikken, åbne spørgsmål, BALA, svar på indvendinger), og hvad "
    "makkeren særligt skal holde øje med.",
    "2. Observation (selve opkaldet): Makkeren lytter kun og tager noter – ingen indblanding "
    "undervejs. Skriv gerne ordret ned, hvad der blev sagt, og hvordan virksomheden reagerede.",
    "3. Feedback (10–15 min.): Den, der ringede, starter: Hvad gik godt, og hvad ville du gøre "
    "anderledes? Derefter makkeren: konkrete iagttagelser med citater, først det, der virkede, "
    "så et eller to forslag. Slut med én ting, der skal prøves i næste opkald – og byt roller.",
)
GUIDE_ROLE_TITLE = "Makkerens rolle – og grænserne for den"
GUIDE_ROLE = (
    "Du er sparringspartner – ikke leder, bedømmer eller ekspert. Du beskriver, hvad du så og "
    "hørte, i stedet for at dømme. Du tager ikke over i samtalen med virksomheden. Den, der "
    "ringede, bestemmer selv, hvad der skal bruges. Det, I taler om, bliver mellem jer, og "
    "oplysninger om virksomheder og borgere behandles fortroligt."
)
GUIDE_SHORT = (
    "Sådan: 1) forbered og afstem forventninger → 2) makkeren lytter kun og noterer → "
    "3) feedback – og byt roller."
)
GUIDE_FOCUS_TITLE = "Fokus denne gang"
GUIDE_FOCUS_INTRO = "Det, der oftest mangler i jeres øvelser i Ringetræner:"
GUIDE_FOCUS_LINE = "• {name}: {criteria}"

# --- the calendar invite ---------------------------------------------------------------------

ICS_SUMMARY = "Kollegial sparring: {names}"
ICS_DESCRIPTION = (
    "Kollegial sparring mellem undervisningsdagene i Ringetræner.\n{guide}\nDeltagere: {names}."
)
ICS_ALARM = "Kollegial sparring om 15 minutter"
ICS_FILENAME = "sparring.ics"

# --- reflection --------------------------------------------------------------------------------

REFLECTION_QUESTION = (
    "Godt gået! Ét spørgsmål: Hvad tager du med fra sparringen – hvad vil du gøre anderledes i "
    "dit næste opkald?"
)

# --- commands (help texts for /hjaelp and the apps' menus) --------------------------------------

HELP_COHORT_NEW = "Opret et hold (kun administratorer): /hold_ny NAVN"
HELP_COHORT = "Se dine hold: undervisningsdage, deltagere og makkerpar"
HELP_TEACHING_DAY = "Tilføj, flyt eller slet undervisningsdage på holdet"
HELP_PAIRS = "Dan makkerpar: automatisk eller i hånden"
HELP_REMOVE = "Tag en deltager af holdet og dan nye par"
HELP_JOIN = "Bliv deltager på et hold med holdets kode: /hold_deltag KODE"
HELP_SPARRING = "Se din makker og jeres sparring i denne periode"
HELP_GUIDE = "Sparringsguiden: sådan holder I kollegial sparring"
HELP_PAUSE = "Sæt påmindelser om sparring på pause (eller slå dem til igen)"

# --- admin: cohorts ----------------------------------------------------------------------------

COHORT_NAME_MISSING = "Skriv holdets navn efter kommandoen, fx /hold_ny Forår 2026."
COHORT_NAME_TOO_LONG = "Holdets navn må højst være {limit} tegn."
COHORT_NAME_TAKEN = "Teamet har allerede et hold, der hedder {name}."
COHORT_CREATED = (
    "Holdet {name} (#{id}) er oprettet. 🎉\n"
    "Deltagerne skriver /hold_deltag {code} til mig for at komme med på holdet.\n"
    "Næste skridt: tilføj undervisningsdagene, fx /undervisningsdag #{id} 1/4 20/4 18/5."
)
COHORT_NONE = "Teamet har ingen hold endnu. Opret et med /hold_ny NAVN."
COHORT_PICK = (
    "Teamet har flere hold – skriv holdets nummer først, fx /{command} #{example}.\n{cohorts}"
)
COHORT_LINE = "#{id} {name} ({members} deltagere)"
COHORT_UNKNOWN = "Holdet #{id} findes ikke i dit team."
COHORT_OVERVIEW = (
    "Hold #{id}: {name}\n"
    "Kode til deltagerne: /hold_deltag {code}\n\n"
    "Undervisningsdage:\n{days}\n\n"
    "Deltagere:\n{members}\n\n"
    "Makkerpar:\n{pairs}"
)
COHORT_NO_DAYS = "(ingen endnu – /undervisningsdag #{id} 1/4 20/4 …)"
COHORT_NO_MEMBERS = "(ingen endnu – giv dem koden ovenfor)"
COHORT_NO_PAIRS = "(ingen endnu – /makkerpar #{id} auto)"
COHORT_MEMBER_LINE = "{number}. {name}{organisation}{paused}"
COHORT_MEMBER_PAUSED = " (pause)"
COHORT_DAY_LINE = "• {day}"
COHORT_PERIOD_PAIRS = "Periode {number} ({opens} → {closes}): {pairs}"

DAYS_USAGE = (
    "Skriv datoerne efter kommandoen:\n"
    "/undervisningsdag #{id} 1/4 20/4 – tilføj dage\n"
    "/undervisningsdag #{id} flyt 20/4 21/4 – flyt en dag\n"
    "/undervisningsdag #{id} slet 20/4 – slet en dag"
)
DAYS_BAD_DATE = "»{text}« kan jeg ikke læse som en dato. Skriv fx 14/4 eller 14-04-2026."
DAYS_ADDED = "Undervisningsdagene er opdateret:\n{days}\nPåmindelserne er planlagt efter dem."
DAYS_NOT_FOUND = "{day} er ikke en undervisningsdag på holdet."
DAYS_EXISTS = "{day} er allerede en undervisningsdag på holdet."
DAYS_WEEKEND = "Bemærk: {day} er ikke en almindelig arbejdsdag."

JOIN_CODE_MISSING = "Skriv holdets kode efter kommandoen, fx /hold_deltag ABCD1234."
JOIN_CODE_INVALID = "Den holdkode kender jeg ikke. Tjek den med din underviser."
JOIN_OTHER_TEAM = (
    "Holdet hører til et andet team end dit. Bed din underviser om teamets kode først "
    "(/deltag KODE)."
)
JOINED_COHORT = (
    "Velkommen på holdet {name}! Du får en makker til kollegial sparring mellem "
    "undervisningsdagene, og jeg minder jer om at booke og holde sparringen."
)
JOINED_COHORT_ALREADY = "Du er allerede med på holdet {name}."

PAIRS_USAGE = (
    "Sådan danner du makkerpar (numrene står i /hold #{id}):\n"
    "/makkerpar #{id} auto – automatisk for næste periode uden par\n"
    "/makkerpar #{id} auto alle – automatisk for alle perioder uden par\n"
    "/makkerpar #{id} periode 2 1+4, 2+3+5 – i hånden"
)
PAIRS_NO_PERIODS = "Holdet skal have mindst to undervisningsdage, før der kan dannes par."
PAIRS_TOO_FEW = "Der skal være mindst to deltagere på holdet for at danne par."
PAIRS_NO_FREE_PERIOD = "Alle kommende perioder har allerede makkerpar."
PAIRS_BAD_PERIOD = "Periode {number} findes ikke – holdet har perioderne 1 til {count}."
PAIRS_PERIOD_STARTED = (
    "Periode {number} har allerede par, og nogle af dem er i gang. Dem ændrer jeg ikke – "
    "brug /hold_fjern, hvis en deltager er stoppet."
)
PAIRS_BAD_NUMBER = "Der er ingen deltager nummer {number} på holdet."
PAIRS_BAD_SYNTAX = "Det kunne jeg ikke læse. Skriv parrene som 1+4, 2+3+5."
PAIRS_INVALID = {
    "ukendt_medlem": "Der er et nummer, som ikke er på holdet.",
    "dobbelt_medlem": "En deltager står i mere end ét par.",
    "forkert_stoerrelse": "Et par skal være to personer (én trio, hvis I er et ulige antal).",
    "mangler_medlem": "Alle deltagere skal have en makker – der mangler nogen.",
    "for_mange_trioer": "Der må højst være én trio.",
}
PAIRS_FORMED = "Makkerpar for periode {number} ({opens} → {closes}):\n{pairs}{note}"
PAIRS_REPEAT_NOTE = "\n(Nogle har haft hinanden før – det kunne ikke undgås.)"
PAIR_LINE = "• {names}"

REMOVE_USAGE = "Skriv deltagerens nummer fra /hold #{id}, fx /hold_fjern #{id} 3."
REMOVED = "{name} er taget af holdet. Nye par i de berørte perioder:\n{pairs}"
REMOVED_NO_PAIRS = "{name} er taget af holdet."

# --- member: sparring, pause -----------------------------------------------------------------

NOT_IN_COHORT = "Du er ikke med på et hold endnu. Få holdets kode af din underviser."
SPARRING_NONE = "Du har ingen makker i denne periode endnu – din underviser danner parrene."
SPARRING_STATUS = "Periode {number} ({opens} → {closes}): sparring med {partners}.\n{state}"
STATE_LABELS = {
    "ikke_booket": "Ikke booket endnu.",
    "booket": "Booket til {when}.",
    "afventer_svar": "Booket til {when} – fortæl mig, hvordan det gik.",
    "holdt": "Holdt. ✔",
    "aflyst": "Aflyst.",
    "forsinket": "Ikke holdt inden undervisningsdagen.",
}

PAUSED = "Påmindelser om sparring er sat på pause. Skriv /pause igen for at slå dem til."
PAUSED_UNTIL = "Påmindelser om sparring er sat på pause til {day}."
RESUMED = "Påmindelser om sparring er slået til igen."
PAUSE_BAD_DATE = "Skriv en dato efter /pause, fx /pause 1/5 – eller bare /pause."
PAUSE_PAST = "Datoen skal ligge efter i dag."

# --- buttons: booking ----------------------------------------------------------------------------

PAIR_NOT_YOURS = "Den sparring hører til et andet makkerpar – den kan du ikke melde for."
PAIR_GONE = "Det makkerpar findes ikke længere – holdet har fået nye par. Se /sparring."
ALREADY_HELD = "Tak – sparringen er allerede meldt holdt{by}. 👍"
ALREADY_CANCELLED = "Sparringen er allerede meldt aflyst{by}."
REPORTED_BY = " af {name}"
BOOK_ASK_DAY = (
    "Hvilken dag har I booket? Tryk på en dag, eller skriv dag og tid, "
    "fx 14/4 eller tirsdag kl. 10."
)
BOOK_ASK_TIME = "{day} – hvornår på dagen? Tryk, eller skriv tidspunktet (fx 10.30)."
BOOK_BAD_DAY = "Den dato kan jeg ikke læse. Skriv fx 14/4, »tirsdag« eller »tirsdag kl. 10«."
BOOK_BAD_TIME = "Det tidspunkt kan jeg ikke læse. Skriv fx 10, 10.30 eller kl. 13."
BOOK_PAST = "Det tidspunkt er allerede passeret. Vælg et tidspunkt fremad."
BOOK_TOO_FAR = "Vælg en dato inden for de næste {days} dage."
BOOK_OUTSIDE_HOURS = (
    "Bemærk: det ligger uden for arbejdstiden ({start}–{end} på hverdage). Det er booket "
    "alligevel – book blot en ny tid, hvis det var en fejl."
)
BOOK_AFTER_TEACHING = (
    "Bemærk: {day} ligger efter næste undervisningsdag – det er fint, men prøv at nå det før."
)
BOOKED = (
    "Super – sparringen er booket {when} med {partners}. 📅\n"
    "Her er en kalenderinvitation; {partners} får også én. Jeg minder jer om det dagen før."
)
BOOKED_MOVED = "Bemærk: {name} havde booket {old} – nu er den flyttet til {new}."
BOOKED_SAME = "Den tid er allerede booket – her er invitationen igen."
BOOKING_CANCELLED = "Okay, jeg har ikke booket noget."
INVITATION = "{name} har booket jeres sparring {when}. Her er kalenderinvitationen. 📅"
INVITATION_NO_NAME = "Jeres sparring er booket {when}. Her er kalenderinvitationen. 📅"
SNOOZED = "Fint – jeg minder dig om det igen {when}."
SNOOZE_TOO_LATE = (
    "Næste undervisningsdag er {day}, så jeg når ikke at minde dig igen. Book gerne nu, hvis I kan."
)
SNOOZE_ALREADY_BOOKED = (
    "I har allerede booket sparringen {when} – jeg minder jer om den dagen før. 👍"
)
NOTHING_TO_SNOOZE = "Der er ikke noget at minde dig om – jeres sparring er meldt {state}."
MARKED_CANCELLED = "Noteret som aflyst. I kan stadig nå at booke en ny tid:"
MARKED_CANCELLED_ICS = (
    "Noteret som aflyst – jeg giver {partners} besked. Åbn kalenderfilen for at fjerne "
    "aftalen {when} fra din kalender. I kan stadig nå at booke en ny tid:"
)
CANCELLATION = (
    "{name} har aflyst jeres sparring {when}. Åbn kalenderfilen for at fjerne aftalen fra din "
    "kalender. Book gerne en ny tid inden næste undervisningsdag:"
)
CANCELLATION_NO_NAME = (
    "Jeres sparring {when} er aflyst. Åbn kalenderfilen for at fjerne aftalen fra din "
    "kalender. Book gerne en ny tid inden næste undervisningsdag:"
)
MOVED_ASK_DAY = "Okay, den er flyttet. Hvilken dag har I booket nu? Tryk eller skriv datoen."
REFLECTION_PROMPT = "{name} har meldt jeres sparring holdt. 👏 Vil du dele, hvad du tager med?"
REFLECTION_PROMPT_NO_NAME = "Jeres sparring er meldt holdt. 👏 Vil du dele, hvad du tager med?"
BUTTON_REFLECT = "Del min refleksion"
REFLECTION_SAVED = "Tak! Din refleksion er gemt til holdets underviser."
REFLECTION_ALREADY = "Tak – du har allerede delt din refleksion for den sparring."
REFLECTION_TOO_LONG = (
    "Din refleksion er på {length} tegn – skriv højst {limit}. Intet er gået tabt."
)
REFLECTION_EMPTY = "Skriv din refleksion som tekst – eller /annuller for at springe over."

# --- the lead's status -----------------------------------------------------------------------

STATUS_TITLE = "Makkerpar – hold {name}"
STATUS_PERIOD = "Periode {number} ({opens} → {closes}): {held}/{total} holdt ({share} %)"
STATUS_PAIR = "  • {names}: {state}"
FORMER_MEMBER = "en tidligere deltager"  # someone who deleted their data after the session
STATUS_REFLECTION = "    💬 {name}: »{text}«"
STATUS_NO_PERIODS = "  (ingen perioder med par endnu)"
STATUS_MEMBER = "Din sparring: {text}"
PROGRESS_LABELS = {
    "ikke_booket": "ikke booket",
    "booket": "booket til {when}",
    "afventer_svar": "afventer svar (booket {when})",
    "holdt": "holdt ✔",
    "aflyst": "aflyst",
    "forsinket": "forsinket ⚠",
}

# --- CLI report --------------------------------------------------------------------------------

CLI_COHORT = "Holdets makkerpar: rapport til underviseren."
CLI_COHORT_REPORT = "Skriv rapporten for et hold: par og perioder, status og refleksioner."
CLI_COHORT_ARG = "Holdets nummer eller navn."
CLI_COHORT_FORMAT = "csv (én linje pr. par og periode) eller tekst."
CLI_COHORT_UNKNOWN = "Holdet {cohort} findes ikke."
CLI_COHORT_AMBIGUOUS = "Flere hold hedder {cohort} – brug holdets nummer: {ids}."
CSV_HEADER = (
    "hold",
    "periode",
    "fra",
    "til",
    "makkerpar",
    "deltagere",
    "status",
    "booket_til",
    "andel_holdt_i_perioden",
    "refleksioner",
)

WEEKDAYS_SHORT = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
DAY_BUTTON = "{weekday} {day}/{month}"
TIME_BUTTON = "kl. {hour:02d}.{minute:02d}"
SHORT_DATE = "{day}/{month}"
