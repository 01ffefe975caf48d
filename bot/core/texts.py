"""Every Danish sentence the core and its own features say, in one place for review."""

from __future__ import annotations

MAX_TEXT_CHARS = 4000

WELCOME = (
    "Hej og velkommen til Ringetræner! 📞\n"
    "Her kan du øve kold kanvas mellem undervisningsdagene: jeg spiller virksomheden, "
    "du ringer op, og jeg giver feedback efter rubrikken.\n\n"
    "Kom i gang:\n"
    "/ny – øv en ny samtale\n"
    "/rubrik – se, hvad du bliver vurderet på\n"
    "/deltag KODE – bliv medlem af dit team\n"
    "/hjaelp – alle kommandoer"
)
WELCOME_BACK = "Velkommen tilbage – du fortsætter, hvor du slap."
IN_FLOW_HINT = "Du er midt i noget. Skriv videre, eller /annuller for at komme ud af det."
HELP_HEADER = "Det kan du skrive til mig:"
HELP_LINE = "/{name} – {help}"
HELP_FOOTER = (
    "Hvor der er knapper, kan du trykke på dem. Du kan altid skrive /annuller for at komme ud "
    "af det, du er i gang med."
)

GROUP_INVITE = (
    "Træningen foregår i en privat chat, så dine kolleger ikke ser med. "
    "Skriv til mig privat, så går vi i gang. 🙂"
)
UNSUPPORTED = (
    "Jeg kan kun læse tekst – billeder, stickers, lyd og filer forstår jeg ikke. "
    "Skriv gerne dit svar som tekst."
)
EMPTY = "Din besked var tom. Skriv dit svar som tekst, eller /hjaelp for at se mulighederne."
TOO_LONG = (
    "Din besked er på {length} tegn – jeg kan højst tage {limit}. "
    "Prøv at sige det kortere, som du ville gøre i telefonen. Intet er gået tabt."
)
UNKNOWN_COMMAND = "Kommandoen /{name} kender jeg ikke."
UNKNOWN_COMMAND_SUGGEST = "Kommandoen /{name} kender jeg ikke. Mente du /{suggestion}?"
UNKNOWN_COMMAND_HINT = "Skriv /hjaelp for at se alle kommandoer."
NO_FLOW = (
    "Du er ikke i gang med noget lige nu. Skriv /ny for at øve en samtale, "
    "eller /hjaelp for at se, hvad jeg kan."
)
ADMIN_ONLY = "Det er kun for teamets administratorer."
TEAM_ONLY = (
    "Det kræver, at du er medlem af et team. Få en kode af din teamleder og skriv /deltag KODE."
)
BUTTON_NOT_YOURS = "Den knap hører til en anden persons samtale – den kan du ikke bruge."
BUTTON_STALE = "Den knap er ikke aktuel længere. Brug knapperne i den nyeste besked."
BUTTON_UNKNOWN = "Den knap kender jeg ikke. Skriv /hjaelp, hvis du er i tvivl."
INTERNAL_ERROR = (
    "Undskyld, der gik noget galt hos mig. Intet er gået tabt – prøv igen om et øjeblik."
)
CANCELLED = "Okay, det er annulleret."
NOTHING_TO_CANCEL = "Der er ikke noget at annullere."

# Teams, invites and linking
JOINED = "Velkommen i teamet {team}! Du er nu {role}."
ALREADY_MEMBER = "Du er allerede med i teamet {team}."
SWITCHED_TEAM = "Du er flyttet fra {old} til teamet {team} som {role}."
ROLE_LABELS = {"admin": "administrator", "medlem": "medlem"}
CODE_MISSING = "Skriv koden efter kommandoen, fx /deltag ABCD1234."
CODE_INVALID = "Den kode kender jeg ikke, eller den er udløbet. Tjek den med din teamleder."
INVITE_CREATED = (
    "Ny invitationskode til {team}: {code}\n"
    "Dine kolleger skriver /deltag {code} til mig. Koden gælder i {days} dage."
)
INVITE_ADMIN_CREATED = "Ny administratorkode til {team}: {code} (gælder i {days} dage)."
LINK_CREATED = (
    "Din forbindelseskode er {code}. Skriv /forbind {code} til mig i den anden app "
    "inden for {minutes} minutter, så er du den samme person begge steder."
)
LINK_DONE = "Fint – denne konto er nu forbundet med din anden konto."
LINK_SAME = "Den kode hører allerede til denne konto."
LINK_INVALID = "Den forbindelseskode kender jeg ikke, eller den er udløbet. Lav en ny med /forbind."
NAME_SET = "Tak – jeg kalder dig {name}."
NAME_MISSING = "Skriv dit navn efter kommandoen, fx /navn Sara Holm."
NAME_TOO_LONG = "Navnet må højst være {limit} tegn."

# Privacy
MY_DATA_INTRO = (
    "Her er alt, jeg har gemt om dig (også vedhæftet som fil). Vil du have det slettet, "
    "så skriv /slet_mig."
)
MY_DATA_FILENAME = "mine_data.json"
DELETE_CONFIRM = (
    "Vil du slette alt, jeg har gemt om dig: dine samtaler, din ringeguide, dine stemmer og "
    "din plads i teamet? Det kan ikke fortrydes."
)
DELETE_YES = "Ja, slet alt"
DELETE_NO = "Nej, behold"
DELETED = "Alt om dig er slettet. Tak for nu – du er velkommen tilbage når som helst."
DELETE_KEPT = "Godt, intet er slettet."

# Practice
STATUS_NOTHING = "Du har ingen samtale i gang. Skriv /ny for at starte en."
STATUS_TITLE = "Status"
PICK_SCENARIO = "Hvilken virksomhed vil du ringe til?"
PICK_DIFFICULTY = "Hvor svær skal {contact} være?"
PICK_MODE = "Hvordan vil du have feedback?"
DIFFICULTY_LABELS = {"let": "Let", "mellem": "Mellem", "svaer": "Svær"}
MODE_LABELS = {"coach": "Coach – feedback efter hver fase", "exam": "Eksamen – feedback til sidst"}
SCENARIO_UNKNOWN = "Den virksomhed kender jeg ikke. Skriv /ny og vælg fra listen."
DIFFICULTY_UNKNOWN = "Sværhedsgraden skal være let, mellem eller svær."
CALL_IN_PROGRESS = (
    "Du har allerede en samtale i gang med {contact}. Vil du fortsætte den eller starte forfra?"
)
CONTINUE_CALL = "Fortsæt samtalen"
RESTART_CALL = "Start forfra"
CONTINUING = "Fint, vi fortsætter. Du er i fasen: {phase}."
NOT_IN_CALL = "Du er ikke i en samtale. Skriv /ny for at starte en."
NEXT_BUTTON = "Videre ▶"
STOP_BUTTON = "Afslut ⏹"
SPEAKER_COMPANY = "🏢 {name}"
SPEAKER_COACH = "🎓 Coach"
CALL_STARTED = "Samtalen starter. Du ringer til {contact}, {role} hos {company}."
IN_OTHER_FLOW = "Du er i gang med noget andet. Skriv /annuller først, eller gør det færdigt."

# Command menu (shown by /hjaelp and registered with the chat apps)
CMD_START = "Kom i gang"
CMD_HELP = "Alle kommandoer"
CMD_NEW = "Øv en ny samtale"
CMD_NEXT = "Gå videre til næste fase"
CMD_STOP = "Afslut samtalen og få feedback"
CMD_STATUS = "Hvor er jeg?"
CMD_RUBRIC = "Se vurderingskriterierne"
CMD_CANCEL = "Kom ud af det, du er i gang med"
CMD_JOIN = "Bliv medlem af dit team med en kode"
CMD_INVITE = "Lav en invitationskode (administratorer)"
CMD_LINK = "Forbind Telegram, Teams og terminal"
CMD_NAME = "Skift dit viste navn"
CMD_MY_DATA = "Se alt, der er gemt om dig"
CMD_DELETE_ME = "Slet alt om dig"
