"""Every Danish sentence the practice call says, in one place.

Tuples are variants of the same line; the call picks one with its seeded random source, so a
replay says the same words. Placeholders are filled with ``str.format`` on our own values only.
"""

from __future__ import annotations

# --- Names shown to the consultant -------------------------------------------------------------

DIFFICULTY_LABELS = {"let": "let", "mellem": "mellem", "svaer": "svær"}
MODE_LABELS = {"coach": "coach", "exam": "eksamen"}
OUTCOME_LABELS = {
    "moede_booket": "Møde booket",
    "aftale": "Aftale indgået",
    "opfoelgning": "Opfølgning (ingen fast aftale)",
    "afslag": "Afslag",
    "afbrudt": "Afbrudt",
    "ufuldendt": "Ufuldendt",
}
OUTCOME_EXPLAINED = {
    "moede_booket": "Du fik et møde i kalenderen med et konkret tidspunkt. Flot!",
    "aftale": "I aftalte et konkret næste skridt med et tidspunkt.",
    "opfoelgning": "Kontakten er ikke afvisende, men der er ingen fast aftale.",
    "afslag": "Kontakten sagde nej tak.",
    "afbrudt": "Samtalen blev afbrudt, før I nåede en aftale.",
    "ufuldendt": "Samtalen blev ikke gjort færdig.",
}
OUTCOME_HUNG_UP = "Kontakten lagde på: tålmodigheden slap op, før I nåede en aftale."
OUTCOME_STOPPED = "Du stoppede samtalen, før I nåede en aftale."
OFFER_LABELS = {
    "praktik": "en virksomhedspraktik",
    "loentilskud": "et job med løntilskud",
    "kandidater": "kandidater",
    "jobordre": "en jobordre",
    "screening": "screening af kandidater",
    "opkvalificering": "opkvalificering",
    "mentor": "en mentor",
    "fleksjob": "et fleksjob",
    "jobrotation": "jobrotation",
    "voksenlaerling": "en voksenlærling",
    "fastholdelse": "hjælp til fastholdelse",
}
BALA_LABELS = {
    "behov": "Behov afdækket",
    "accept_behov": "Accept af behovet",
    "loesning": "Løsning foreslået",
    "accept_loesning": "Accept af løsningen",
}
MOOD_LABELS = {"kold": "kølig", "neutral": "neutral", "varm": "positiv"}

# --- Coach: start, hints, status ---------------------------------------------------------------

CALL_INTRO = (
    "📞 Øvesamtale: {title}\n"
    "Du ringer til {contact}, {role} hos {company} i {town} ({employees} ansatte).\n"
    "Sværhedsgrad: {difficulty} · Tilstand: {mode}\n"
    "Mål: find virksomhedens behov og book et møde. Skriv det, du vil sige i telefonen. "
    "/videre går til næste fase, /stop afslutter samtalen."
)
MODE_COACH_NOTE = "Du får feedback efter hver fase."
MODE_EXAM_NOTE = "Eksamen: du får først feedback, når samtalen er slut."
PHASE_HINTS = {
    "aabning": (
        "Fase 1 · Åbning: hils, sig dit navn og hvor du ringer fra, sig hvorfor du ringer, "
        "og spørg om det passer lige nu."
    ),
    "analyse": (
        "Fase 2 · Analyse (Behov – Accept): stil åbne hv-spørgsmål om deres behov for "
        "arbejdskraft, opsummér det, du hører, og få kontakten til at bekræfte det."
    ),
    "indvendinger": (
        "Fase 3 · Svar på indvendinger: anerkend, spørg ind til indvendingen, svar med en "
        "fordel eller et tilbud, og tjek om svaret giver mening."
    ),
    "loesning": (
        "Fase 4 · Forslag til løsninger (Løsning – Accept): foreslå noget konkret, kobl det til "
        "det, de har fortalt, og spørg hvad de siger til det."
    ),
    "afslutning": (
        "Fase 5 · Afslutning: aftal et konkret næste skridt med et tidspunkt, opsummér "
        "aftalen og sig tak."
    ),
}
GUIDE_HINT = "Fra din ringeguide: {phrasings}"
BACK_TO_SOLUTION_HINT = "Indvendingen er håndteret – tilbage til dit løsningsforslag."

STATUS_RUNNING = (
    "Øvesamtale med {contact} ({role}, {company}).\n"
    "Fase: {phase} ({number}/5) · Sværhedsgrad: {difficulty} · Tilstand: {mode}\n"
    "Stemning: {mood} · Dine beskeder: {turns}\n"
    "BALA: {bala}"
)
STATUS_FINISHED = (
    "Øvesamtalen med {contact} ({company}) er slut: {outcome}. Skriv /ny for en ny samtale."
)
BALA_TICK = "{mark} {label}"

# --- Coach: bad input --------------------------------------------------------------------------

INPUT_EMPTY = "Din besked var tom. Skriv det, du vil sige til {contact}."
INPUT_TOO_LONG = (
    "Din besked er {length} tegn – det er mere end de {limit}, en telefonreplik kan bære. "
    "Del den op eller skriv den kortere. Samtalen venter, hvor den var."
)
INPUT_NO_WORDS = (
    "Jeg kan ikke finde nogen ord i din besked. Skriv med ord det, du vil sige til {contact}."
)
INPUT_COMMAND = "Kommandoen {command} kender jeg ikke under samtalen. Brug /videre eller /stop."
CALL_ALREADY_OVER = "Samtalen er slut. Skriv /ny for at starte en ny."

# --- Coach: feedback ---------------------------------------------------------------------------

FEEDBACK_TITLE = "Feedback · {phase} ({percent} %)"
FEEDBACK_MET = "✅ {label}: »{quote}«"
FEEDBACK_MISSED = "❌ {label} – {meaning}"
FEEDBACK_BETTER_OWN = "   Din egen formulering: »{phrasing}«"
FEEDBACK_BETTER = "   Prøv fx: »{phrasing}«"
FEEDBACK_SKIPPED = "Du sprang fasen over – her er, hvad du kunne have sagt:"
OBJECTION_FEEDBACK_TITLE = "Feedback · indvending: »{objection}« ({percent} %)"
OBJECTION_CONTRADICTED = "⚠️ Du modsagde kontakten – det gør folk mere afvisende."
OBJECTION_DROPPED = "Indvendingen blev ikke afklaret."
TEAM_ANSWERS_TITLE = "Holdets bedste svar på den indvending:"
TEAM_ANSWER = "• {answer}"

DEBRIEF_TITLE = "🏁 Debriefing: {outcome}"
DEBRIEF_SCORES_TITLE = "Point pr. fase:"
DEBRIEF_SCORE_LINE = "• {phase}: {percent} %"
DEBRIEF_BALA_TITLE = "BALA-tjekliste:"
DEBRIEF_PRACTISE_TITLE = "Øv dig næste gang på:"
DEBRIEF_PRACTISE_LINE = "{number}. {phase} – {label}: prøv fx »{phrasing}«"
DEBRIEF_PRACTISE_NONE = "Du ramte alle kriterier. Prøv en sværere sværhedsgrad næste gang."
DEBRIEF_MEETING = "Hvad der ville have fået {contact} til at sige ja: {description}"
DEBRIEF_NEXT = "Skriv /ny for en ny samtale eller /rubrik for at se alle kriterier."

RUBRIC_TITLE = "Rubrikken – sådan bliver hver fase bedømt"
RUBRIC_PHASE = "{label}"
RUBRIC_CRITERION = "• {label}: {meaning}"
RUBRIC_FOOTER = (
    "BALA: Behov – Accept – Løsning – Accept. Få kontakten til at bekræfte behovet, før du "
    "foreslår en løsning, og bekræfte løsningen, før du aftaler næste skridt."
)

# --- The company contact -----------------------------------------------------------------------

ASK_WHO = (
    "Undskyld, hvem taler jeg med?",
    "Hvem er det, der ringer?",
    "Og hvem er du så?",
)
ASK_PURPOSE = (
    "Og hvad drejer det sig om?",
    "Hvad kan jeg hjælpe med?",
    "Hvad er det, du ringer om?",
)
BUSY = (
    "Jeg har faktisk ret travlt lige nu…",
    "Jeg har faktisk ret travlt, så gør det kort…",
)
BUSY_AGAIN = (
    "Som sagt har jeg travlt.",
    "Jeg står altså midt i noget.",
)
GRANT_TIME = (
    "Ja, et par minutter har jeg da. Fortæl.",
    "Det går lige. Hvad tænker du?",
    "Jo, kom bare med det.",
)
GRANT_TIME_AFTER_BUSY = (
    "Okay, et par minutter så.",
    "Fint, men gør det kort.",
)
# A busy contact who knows who is calling and why, and hears a real question about their needs:
# they give the consultant a chance, but make them ask again now that they are listening.
GRANT_TIME_ON_QUESTION = (
    "Okay, du får to minutter. Tag lige spørgsmålet igen – hvad var det, du ville vide?",
    "Nå, godt. Et par minutter kan jeg godt give dig. Spørg igen, så hører jeg efter.",
)
FORCED_ON = (
    "Nå. Hvad vil du så?",
    "Ja? Hvad drejer det sig om?",
)

CLOSED_ANSWERS = (
    "Ja, det kan man godt sige.",
    "Tja, lidt.",
    "Ja, da.",
    "Nej, egentlig ikke.",
    "Ikke rigtig.",
    "Nej.",
)
STATEMENT_ONLY = ("Mm.", "Okay…", "Ja?")
PITCH_TOO_EARLY = (
    "Nu har du jo ikke spurgt, hvad vi har brug for.",
    "Det lyder som et salgsargument. Hvad ved du egentlig om os?",
)
NOTHING_TO_CONFIRM = (
    "Hvad mener du? Jeg har ikke sagt, at vi mangler noget.",
    "Det har jeg da ikke sagt.",
)
NEED_CONFIRMED = ("Ja, det er rigtigt forstået.", "Ja, præcis.", "Ja, det rammer det ret godt.")
NEED_CONFIRMED_PLAIN = ("Ja, det kan man godt sige.", "Ja… det er vel rigtigt nok.")
NOTHING_MORE = (
    "Det er vel det, jeg har fortalt.",
    "Ellers kører det sådan set.",
)

OBJECTION_INTRO = ("Men jeg skal lige sige: ", "Hør her: ", "")
OBJECTION_INTRO_IN_SOLUTION = ("Men altså… ", "Vent lige. ", "Hmm. En ting mere: ")
OBJECTION_RESTATE = ("Som jeg sagde: {objection}",)
HARDEN = (
    "Nu skal du ikke fortælle mig, hvordan min virksomhed fungerer.",
    "Det synes jeg altså ikke, du kan sige.",
    "Nej, der tager du fejl.",
)
SOFTEN_AFTER_ACK = ("Ja… det er i hvert fald sådan, jeg ser det.", "Tak. Ja, det fylder hos os.")
ANSWER_NOT_ENOUGH = (
    "Det siger I alle sammen.",
    "Mja, måske.",
    "Det har jeg hørt før.",
)
ANSWER_MISSES = (
    "Det svarer jo ikke rigtig på det, jeg siger.",
    "Ja, men det var ikke det, jeg sagde.",
)
OBJECTION_RESOLVED = (
    "Okay, det lyder faktisk rimeligt.",
    "Hmm, ja. Det kan jeg godt se.",
    "Godt, så er jeg lidt mere rolig.",
)
OBJECTION_RESOLVED_WARM = (
    "Okay, det lyder faktisk rimeligt. Tak fordi du lige spurgte ind.",
    "Det var rart, at du hørte efter. Det kan jeg godt se.",
)
OBJECTION_DROPPED_LINES = ("Nå, lad os nu lade det ligge.", "Nå, vi kommer ikke længere med det.")
THEME_DETAILS = {
    "tid": "Det er tiden. Vi har ikke hænder til at tage imod nogen lige nu.",
    "oekonomi": "Det handler om penge. Alt, hvad der koster noget, skal jeg kunne forsvare.",
    "erfaring": "Vi har brug for folk, der kan noget fra dag ét.",
    "bureaukrati": "Sidst var der skemaer og møder uden ende.",
    "kandidaternes_kvalitet": "De folk, vi har fået før, passede ikke til jobbet.",
    "vikarbureau": "Vikarbureauet leverer hurtigt, og så er vi fri for besvær.",
    "intet_behov": "Vi har faktisk dem, vi skal bruge, lige nu.",
    "daarlige_erfaringer": "Sidst vi prøvede, dukkede personen ikke op efter to dage.",
    "forkert_person": "Det er egentlig ikke mig, der ansætter.",
    "send_materiale": "Jeg har bare ikke tid til at høre på det i telefonen.",
    "anden_partner": "Vi har allerede en, vi samarbejder med.",
    "sprog": "Folk skal kunne forstå sikkerhedsinstrukser og tale med kunderne.",
    "oplaering": "Det tager tid at lære nye op, og den tid har vi ikke.",
    "usikre_tider": "Vi ved ikke, hvordan ordrebogen ser ud til efteråret.",
    "saeson": "Vi har kun brug for folk i nogle måneder om året.",
    "tillid": "Jeg ved ikke rigtig, hvad I egentlig vil os.",
    "beslutning": "Det er ikke noget, jeg kan beslutte alene.",
    "sikkerhed": "Der er krav om certifikater, og dem har de fleste ikke.",
    "rekrutterer_selv": "Vi plejer at finde folk gennem vores eget netværk.",
    "fastholdelse": "Det er mere at holde på dem, vi har, der er problemet.",
}
DETAIL_FALLBACK = "Det har bare ikke fungeret for os før."

ASK_CONCRETE = (
    "Hvad betyder det helt konkret for os?",
    "Og hvad er det så helt konkret, du foreslår?",
)
OFFER_NOT_FITTING = (
    "{offer}? Det er ikke lige det, vi mangler.",
    "Hmm, {offer} – det tror jeg ikke, vi har brug for.",
)
OFFER_NOT_FITTING_PLAIN = ("Det er ikke lige det, vi mangler.",)
OFFER_NOT_ENOUGH_NEED = (
    "Jeg er ikke sikker på, det rammer det, der virkelig fylder hos os.",
    "Måske, men du ved jo ikke rigtig, hvad vi slås med.",
)
OFFER_NEEDS_LINK = (
    "Hvordan hænger det sammen med vores situation?",
    "Og hvad skulle det gøre for os, konkret?",
)
OFFER_CONSIDERING = (
    "{offer}… det lyder ikke helt skævt.",
    "Hm, {offer}. Det kunne måske være noget.",
)
OFFER_CONSIDERING_PLAIN = ("Hm… det lyder ikke helt skævt.", "Det kunne måske være noget.")
OFFER_INTEREST_BUT = (
    "{offer} – det lyder interessant.",
    "{offer}, siger du. Det kunne være noget.",
)
SOLUTION_ACCEPTED = (
    "Ja, det kunne vi godt prøve.",
    "Okay, det lyder som noget, vi kan bruge.",
    "Ja, lad os prøve det.",
)
SOLUTION_NOT_CONVINCED = (
    "Jeg er ikke overbevist endnu.",
    "Det skal jeg lige tænke over.",
)
BACK_TO_SOLUTION = (
    "Så tilbage til det, du foreslog.",
    "Nå, men hvad var det så, du foreslog?",
)
ENTER_SOLUTION = (
    "Okay. Hvad kan I så gøre for os?",
    "Hvad har du så at tilbyde?",
)
ENTER_CLOSING_WILLING = ("Hvordan kommer vi så videre?", "Hvad er næste skridt?")
ENTER_CLOSING_COOL = ("Var der andet?", "Ja, og hvad så nu?")

AGREED_MEETING = (
    "Det passer mig fint. Jeg skriver det ind i kalenderen.",
    "Det kan jeg godt. Så ses vi.",
)
AGREED_OTHER = (
    "Det er en aftale.",
    "Fint, det gør vi.",
)
ASK_WHEN = ("Ja, det kan vi godt. Hvornår tænker du?", "Fint. Hvornår?")
ASK_WHAT = ("Og hvad skal der så ske der?", "Hvad er det, vi så gør?")
ASK_PROPOSAL = ("Hvad foreslår du så?", "Ja, og hvad så?")
VAGUE_FOLLOW_UP = ("Ja, ja, gør du bare det.", "Ja, giv bare lyd.")
SEND_MAIL = (
    "Send mig hellere en mail med det, så kigger jeg på det.",
    "Skriv det til mig på mail, så ser jeg på det.",
)
REFUSE = (
    "Nej tak, jeg tror ikke, det er noget for os lige nu.",
    "Det bliver et nej tak herfra.",
)
THANKS_BACK = ("Selv tak. Hej hej.", "Selv tak, vi ses.", "Tak i lige måde. Hej.")
CONFIRM_SUMMARY = ("Ja, præcis.", "Ja, sådan er det.")
ANYTHING_ELSE = ("Var der mere?", "Ja?")
CONSULTANT_STOPPED = ("Nå, okay. Hej.", "Hej hej.")
LOSING_PATIENCE = (
    "Du, jeg har altså ikke ret lang tid.",
    "Kan vi komme til sagen? Jeg skal videre om lidt.",
)
HANG_UP = (
    "Du, nu må jeg altså videre. Farvel.",
    "Jeg har ikke tid til mere. Hej.",
    "Jeg tror ikke, vi kommer videre. Farvel.",
)

# --- Scenario file errors (for whoever writes a scenario file) --------------------------------

SCENARIO_FIELD_ERROR = "{source}: feltet '{field}': {problem}"
SCENARIO_BAD_YAML = "{source}: filen er ikke gyldig YAML: {error}"
SCENARIO_ROOT = "(roden)"
SCENARIO_NOT_MAPPING = "skal være en samling af felter (navn: værdi)"
SCENARIO_MISSING = "mangler"
SCENARIO_NOT_TEXT = "skal være en tekst, der ikke er tom"
SCENARIO_TOO_LONG = "må højst være {limit} tegn"
SCENARIO_BAD_ID = "må kun indeholde a-z, 0-9, _ og -"
SCENARIO_NOT_INT = "skal være et heltal"
SCENARIO_OUT_OF_RANGE = "skal være mellem {low} og {high}"
SCENARIO_NOT_ALLOWED = "'{value}' er ikke tilladt; brug en af: {allowed}"
SCENARIO_NOT_LIST = "skal være en liste"
SCENARIO_TOO_FEW = "skal have mindst {count} elementer"
SCENARIO_HINT_OFF_TOPIC = (
    "nævner ingen af behovets emneord (topics), så konsulenten kan ikke spørge videre på det"
)
SCENARIO_UNKNOWN_FIELD = "er ikke et kendt felt (stavefejl?)"
SCENARIO_DUPLICATE_ITEM = "id '{id}' findes allerede"
SCENARIO_DUPLICATE_ID = "To scenarier har samme id: '{id}'"
SCENARIO_UNKNOWN_ID = "Scenariet '{id}' findes ikke. Kendte scenarier: {known}"

# --- Practice scripts --------------------------------------------------------------------------

SCRIPT_ERROR = "Linje {line}: {problem}"
SCRIPT_UNKNOWN_SECTION = "ukendt afsnit [{name}]; brug [{known}]"
SCRIPT_LINE_BEFORE_SECTION = "replik før første afsnit; start med fx [aabning]"
SCRIPT_BAD_HEADER = "afsnitsoverskriften skal se sådan ud: [aabning]"

# --- Call state errors (for the code that stores calls) ---------------------------------------

CALL_DATA_INVALID = "Den gemte samtale kan ikke læses: {problem}"
UNKNOWN_DIFFICULTY = "Ukendt sværhedsgrad '{value}'; brug let, mellem eller svaer."
UNKNOWN_MODE = "Ukendt tilstand '{value}'; brug coach eller exam."
DIFFICULTY_NOT_OFFERED = "Scenariet '{scenario}' findes ikke i sværhedsgraden '{value}'."
