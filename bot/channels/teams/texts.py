"""Every Danish sentence the Teams channel itself says (the coaching texts live in the core)."""

from __future__ import annotations

# Sent to the core as the first message when the bot is installed: the core's welcome answers it.
WELCOME_COMMAND = "/start"

# Files. Teams lets a bot hand over a file only after the user consents to the upload.
FILE_CONSENT_DESCRIPTION = "Ringetræner vil gemme filen {filename} i din OneDrive."
FILE_SAVED = "Filen {filename} ligger nu i din OneDrive."
FILE_DECLINED = "Okay, filen {filename} blev ikke gemt."
FILE_UPLOAD_FAILED = (
    "Jeg kunne ikke gemme filen {filename} i din OneDrive. Prøv igen senere – intet er gået tabt."
)
FILE_INLINE_TITLE = "Fil: {filename}"
FILE_INLINE_PART_TITLE = "Fil: {filename} (del {part} af {parts})"
FILE_NOT_TEXT = (
    "Filen {filename} kan jeg ikke vise her i Teams. Hent den i stedet i den private chat med mig."
)

# The turn failed in the channel layer (the core answers its own errors).
TURN_FAILED = "Undskyld, der gik noget galt hos mig. Intet er gået tabt – prøv igen om et øjeblik."

# Operator-facing start-up warning: anonymous mode must never be missed in the logs.
ANONYMOUS_WARNING = (
    "\n" + "!" * 78 + "\n"
    "!!  TEAMS_ANONYMOUS er slået TIL: /api/messages tager imod anmodninger UDEN token.\n"
    "!!  Kun til lokal test (Bot Framework Emulator / Agents Playground) – aldrig i drift.\n"
    + "!"
    * 78
)

# Teams app manifest (shown in the Teams app store and the app's About page).
APP_SHORT_NAME = "Ringetræner"
APP_FULL_NAME = "Ringetræner – træning i opsøgende virksomhedsopkald"
APP_SHORT_DESCRIPTION = "Øv kolde opkald til virksomheder med en coach, der giver feedback."
APP_FULL_DESCRIPTION = (
    "Ringetræner er en chat-coach for virksomhedskonsulenter i jobcentre og a-kasser. "
    "Du øver opsøgende opkald mod en rollespillet virksomhedskontakt gennem opkaldets fem faser "
    "og BALA-modellen og får feedback efter en tydelig rubrik. Teamet deler en bank af "
    "indvendinger og gode svar, og makkerpar bliver mindet om at aftale og holde kollegial "
    "sparring mellem undervisningsdagene."
)
DEVELOPER_NAME = "Ringetræner"

# Commands offered in the Teams command menu when the core's registry is not at hand.
DEFAULT_MENU: tuple[tuple[str, str], ...] = (
    ("ny", "Øv en ny samtale"),
    ("videre", "Gå videre til næste fase"),
    ("stop", "Afslut samtalen og få din debriefing"),
    ("status", "Se hvor du er"),
    ("rubrik", "Se hvad du bliver vurderet på"),
    ("indvendinger", "Træn indvendinger"),
    ("ny_indvending", "Tilføj en indvending til teamets bank"),
    ("ringeguide", "Din personlige ringeguide"),
    ("deltag", "Bliv medlem af dit team med en kode"),
    ("hjaelp", "Alle kommandoer"),
)
