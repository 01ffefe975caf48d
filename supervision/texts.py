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
