"""Danish text for the command line, the terminal channel and the web server."""

from __future__ import annotations

TERMINAL_INTRO = (
    "Ringetræner i terminalen. Skriv dine replikker og tryk Enter. Tal vælger en af de "
    "nummererede muligheder. Ctrl-D eller /quit afslutter programmet – din samtale er gemt."
)
TERMINAL_CHOOSE = "(skriv tallet for dit valg)"
TERMINAL_ATTACHMENT = "  📎 Vedhæftet fil: {name} ({size} bytes)"
TERMINAL_BYE = "Farvel – din samtale er gemt, og du kan fortsætte næste gang."

CLI_DESCRIPTION = (
    "Ringetræner – øv kold kanvas i chat (Telegram, Teams og terminal) med feedback efter "
    "rubrikken. Indstillinger læses fra miljøet (DATABASE_URL, TELEGRAM_BOT_TOKEN, ...)."
)
CLI_CHAT = "Øv en samtale i terminalen (standard for 'make run')."
CLI_CHAT_USER = "Brugernavn i terminalen (standard: dit login-navn)."
CLI_SERVE = "Start HTTP-serveren med Telegram, Teams, /healthz, /readyz og påmindelser."
CLI_MIGRATE = "Opdatér databasen til nyeste skema."
CLI_ASSESS = "Vurdér replikker: JSON-linjer ind på stdin, JSON-linjer ud på stdout."
CLI_SCENARIOS = "Vis virksomhedsscenarierne."
CLI_SCENARIOS_JSON = "Skriv listen som JSON."
CLI_PRACTICE = "Spil en hel samtale fra et manuskript og skriv resultatet."
CLI_PRACTICE_SCENARIO = "Scenariets id (se 'ringetraener scenarios')."
CLI_PRACTICE_DIFFICULTY = "Sværhedsgrad: let, mellem eller svaer."
CLI_PRACTICE_SEED = "Startværdi for tilfældighed: samme værdi giver samme samtale."
CLI_PRACTICE_MODE = "coach: feedback efter hver fase; exam: kun til sidst."
CLI_PRACTICE_SCRIPT = (
    "Manuskriptfil med afsnittene [aabning], [analyse], ... og én replik pr. linje."
)
CLI_PRACTICE_JSON = "Skriv resultatet som ét JSON-objekt."
CLI_TEAM = "Administrér teams."
CLI_TEAM_CREATE = "Opret et team og skriv en administratorkode ud."
CLI_TEAM_NAME = "Teamets navn, fx 'Jobcenter Aarhus'."
CLI_TEAM_CREATED = (
    "Team oprettet: {name}\nAdministratorkode: {code} (skriv /deltag {code} til botten)"
)
CLI_TEAM_EXISTS = "Der findes allerede et team med navnet {name}."
CLI_SCENARIO_ERROR = "Fejl i scenarie: {error}"
CLI_SCRIPT_ERROR = "Fejl i manuskript: {error}"
CLI_NO_CHANNELS = (
    "Ingen kanaler er sat op (hverken TELEGRAM_BOT_TOKEN eller TEAMS_CLIENT_ID/TEAMS_ANONYMOUS). "
    "Serveren kører alligevel med /healthz og /readyz."
)
ASSESS_BAD_JSON = "linjen er ikke gyldig JSON"
ASSESS_BAD_FIELDS = "felterne 'phase' og 'text' skal være tekst"
ASSESS_UNKNOWN_PHASE = "ukendt fase: {phase}"
CLI_TEAMS_MANIFEST = "Skriv Teams-app-pakken (manifest og ikoner) som zip til sideloading."
CLI_TEAMS_PATH = "Mappe eller .zip-fil (standard: dist/ringetraener-teams.zip)."
CLI_TEAMS_WRITTEN = "Teams-app-pakke skrevet: {path}"
CLI_TEAMS_ERROR = "Teams-app-pakken kunne ikke skrives: {error}"
