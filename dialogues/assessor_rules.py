"""The rubric's criteria as constructions of Danish, one small function per criterion.

Each rule looks for what the criterion *means* (a greeting, a request to confirm, a concrete
offer …) in folded, typo-repaired sentences, and respects the rulings of the eval README:
hearsay is not a summary, "jeg vender tilbage" is not a concrete next step, "nej tak" is not
thanks, a colleague's name is not a presentation, a job title is not an organisation, and the
jobcentre's own targets are not the company's need. A rule returns where it found its evidence,
so feedback can quote the consultant's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import resources

from dialogues.assessor_patterns import Hit, find, hit_in, rx, words
from dialogues.normalize import Document, Sentence, fold

Rule = Callable[[Document], "Hit | None"]


def _load_names() -> frozenset[str]:
    text = resources.files("dialogues.data").joinpath("fornavne.txt").read_text("utf-8")
    return frozenset(
        fold(line.strip().replace("-", ""))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


FIRST_NAMES = _load_names()
AMBIGUOUS_NAMES = words("bo", "per", "mark", "tom", "hans", "tage", "sten", "ida", "liv", "kim")

# ----------------------------------------------------------------------------------------------
# Shared pieces of sentence structure

FILLERS = words(
    "og",
    "men",
    "jamen",
    "ja",
    "nej",
    "okay",
    "ok",
    "okej",
    "nå",
    "altså",
    "super",
    "fint",
    "godt",
    "perfekt",
    "fedt",
    "hmm",
    "øh",
    "eller",
    "well",
    "jo",
    "ah",
    "aha",
    "årh",
    "så",
    "nåh",
    "mmm",
    "mm",
    "javel",
    "skønt",
    "dejligt",
    "præcis",
    "klart",
    "sgu",
)
HV_WORDS = words(
    "hvad",
    "hvordan",
    "hvilke",
    "hvilken",
    "hvilket",
    "hvor",
    "hvorfor",
    "hvornår",
    "hvem",
    "hvorledes",
    "hvorhenne",
    "hvis",
)
HV_QUESTION_WORDS = HV_WORDS - {fold("hvis")}
SUBJECTS = words("du", "i", "de", "det", "der", "jeg", "vi", "man", "han", "hun", "jeres", "din")
NOT_VERBS = words(
    "for",
    "der",
    "her",
    "hvor",
    "når",
    "før",
    "efter",
    "over",
    "under",
    "eller",
    "mener",
    "nær",
    "først",
    "bagefter",
    "enter",
    "derfor",
    "hvorfor",
    "senere",
    "tidligere",
    "ellers",
    "sammen",
    "sidder",
    "heller",
    "måder",
    "kender",
)
VERBS_FIRST = words(
    "har",
    "ha",  # "ha' du …" spoken, and "hr du …" typed in a hurry
    "hr",
    "er",
    "kan",
    "vil",
    "skal",
    "må",
    "kunne",
    "ville",
    "skulle",
    "måtte",
    "havde",
    "var",
    "tror",
    "synes",
    "ved",
    "kender",
    "får",
    "tænker",
    "giver",
    "lyder",
    "passer",
    "stemmer",
    "gælder",
    "bruger",
    "mangler",
    "oplever",
    "føler",
    "mener",
    "plejer",
    "sker",
    "hænger",
    "betyder",
    "går",
    "kommer",
    "ser",
    "hører",
    "tager",
    "søger",
    "ansætter",
    "laver",
    "sidder",
    "arbejder",
    "holder",
    "gør",
    "blev",
    "bliver",
    "fik",
    "fandt",
)


def word_at(sentence: Sentence, index: int) -> str:
    """The folded word at `index`, or "" past either end of the sentence."""
    return sentence.words[index] if 0 <= index < len(sentence.words) else ""


def content_start(sentence: Sentence, start: int = 0) -> int:
    """The first word after filler such as "okay", "jamen" or "nå men".

    "Så" is skipped only before an hv-word: "Så ringer jeg …" puts the verb second, which makes
    a statement, not a question.
    """
    index = start
    so = fold("så")
    while index < len(sentence.words) and sentence.words[index] in FILLERS:
        if sentence.words[index] == so:
            following = sentence.words[index + 1] if index + 1 < len(sentence.words) else ""
            if following not in HV_QUESTION_WORDS and following not in FILLERS:
                break
        index += 1
    return index


def is_question(sentence: Sentence) -> bool:
    """A question by its mark, or by its shape when people leave the mark out.

    Any clause may carry the question: "Jeg ringer fra Jobcenter Vejle, har du et øjeblik".
    """
    if sentence.question:
        return True
    start = content_start(sentence)
    if start < len(sentence.words) and sentence.words[start] in HV_QUESTION_WORDS:
        return True
    if any(direct_hv_question(sentence, index) for index in range(len(sentence.words))):
        return True
    after_subordinate = False
    for clause in sorted(sentence.clause_starts):
        start = content_start(sentence, clause)
        if start >= len(sentence.words):
            continue
        if starts_inverted(sentence, start) and not after_subordinate:
            return True
        # After "hvis …," or "når …," the main clause puts its verb first without asking.
        opening = sentence.words[clause : clause + 2]
        after_subordinate = any(word in SUBORDINATORS for word in opening)
    return False


def starts_inverted(sentence: Sentence, start: int) -> bool:
    """Verb first, subject second: the Danish yes/no question ("Har I …", "Bruger du …")."""
    if start + 1 >= len(sentence.words):
        return False
    first, second = sentence.words[start], sentence.words[start + 1]
    if second not in SUBJECTS or first in NOT_VERBS:
        return False
    third = sentence.words[start + 2] if start + 2 < len(sentence.words) else ""
    if not sentence.question and third in _TOPIC_DROP_ADVERBS:
        return False  # "Forstår jeg godt." drops its "Det": a statement, not a question
    return first in VERBS_FIRST or (first.endswith("r") and len(first) > 3)


_QUANTIFIERS = frozenset(
    fold(word) for word in ("mange", "meget", "længe", "tit", "ofte", "stor", "store", "langt")
)
_WHICH = words("hvilke", "hvilken", "hvilket")


def direct_hv_question(sentence: Sentence, index: int) -> bool:
    """An hv-word with the verb before its subject asks directly, wherever it stands:
    "jeg har hørt …, hvordan oplever du det", "jeg ved ikke, hvad tænker du". With the subject
    first ("…, hvor I har travlt", "jeg ved ikke, hvad du tænker") it is a relative or indirect
    clause instead."""
    word = word_at(sentence, index)
    if word not in HV_QUESTION_WORDS:
        return False
    verb = index + 1
    if word == "hvor":
        if word_at(sentence, verb) in _QUANTIFIERS:
            verb += 1
            if not starts_inverted(sentence, verb):
                verb += 1  # "hvor mange timer bruger I …"
        elif not sentence.question:
            return False  # "hvor er det flot" exclaims
    elif word in _WHICH and not starts_inverted(sentence, verb):
        verb += 1  # "hvilke profiler søger I …"
    return starts_inverted(sentence, verb)


SUBORDINATORS = words(
    "hvis",
    "når",
    "da",
    "fordi",
    "selvom",
    "mens",
    "inden",
    "før",
    "eftersom",
    "siden",
    "om",
    "at",
    "efter",
    "imens",
    "såfremt",
)
_TOPIC_DROP_ADVERBS = words(
    "godt", "sagtens", "da", "nok", "også", "fuldt", "helt", "bestemt", "gerne", "egentlig"
)


V2_TOPICS = words(
    "så",
    "nu",
    "derfor",
    "da",
    "jo",
    "her",
    "der",
    "også",
    "ellers",
    "altså",
    "dog",
    "måske",
    "bare",
    "heller",
    "det",
    "den",
    "dem",
    "dette",
    "jeg",
    "vi",
    "i",
    "du",
    "de",
    "han",
    "hun",
    "nok",
    "vel",
    "sikkert",
    "netop",
    "ofte",
    "tit",
    "aldrig",
    "gerne",
    "hvis",
    "når",
    "at",
    "som",
    "om",
    "ikke",
    "kun",
    "faktisk",
    "egentlig",
    "selvfølgelig",
)


def asks_here(sentence: Sentence, index: int) -> bool:
    """Verb and subject inverted at `index` where no topic stands before them: a question,
    even when the message has no punctuation ("… fordi i søger en kok har du tid")."""
    if not starts_inverted(sentence, index):
        return False
    if index <= content_start(sentence) or index in sentence.clause_starts:
        return True
    return sentence.words[index - 1] not in V2_TOPICS


def negated(sentence: Sentence, hit: Hit, window: int = 2) -> bool:
    """An "ikke"/"aldrig"/"ingen" inside or just after the match turns it around."""
    stop = min(len(sentence.words), hit.last + 1 + window)
    return any(word in NEGATIONS for word in sentence.words[hit.first : stop])


NEGATIONS = words("ikke", "aldrig", "ingen", "intet", "ik", "ikk")

# ----------------------------------------------------------------------------------------------
# aabning

_GREETING = rx(
    "hva så",
    "hvad så",
    r"hej\w*",
    "hey",
    "hay",
    "hejhej",
    "halløj\\w*",
    "hallo",
    "hello",
    "hi",
    "yo",
    "goddag",
    "goddaw",
    "godaw",
    "goddav",
    r"godmorgen\w*",
    "godmorn",
    "godmoren",
    "godaften",
    "goaften",
    "godeftermiddag",
    "godformiddag",
    r"god (morgen|eftermiddag|formiddag|aften)",
    "go (morgen|dag)",
    "god dag",
    "dav",
    "davs",
    "daws",
    "dav dav",
    "morn",
    "mojn",
    "moin",
    "morgen",
    "goddag goddag",
)
_SAYING = words("sige", "siger", "sagde", "sagt")
_GOOD_DAY = (fold("god"), fold("dag"))
_FAREWELL_GREETING = rx("ha en", "hav en", "have en", "god dag derude", "og god dag")


def hilsen(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _GREETING)
        if hit is None:
            continue
        if sentence.words[hit.first] == fold("morgen") and hit.first > 0:
            continue
        if sentence.words[hit.first : hit.last + 1] == _GOOD_DAY and hit.first > content_start(
            sentence
        ):
            continue  # "God dag" greets only where the sentence opens, not "… en god dag"
        if hit_in(sentence, _FAREWELL_GREETING) is not None and hit.first > 0:
            continue
        if hit.first > 0 and sentence.words[hit.first - 1] in _SAYING:
            continue  # "bare sige hej" mentions a greeting, it does not greet
        if sentence.question and len(sentence.words) == 1 and sentence.words[0] == "halo":
            continue  # "Hallo?" checks the line
        return hit
    return None


ORGANISATION_WORDS = rx(
    r"jobcent\w*",
    r"jobcenter\w*",
    r"akas\w*",
    r"a kas\w*",
    r"kommune\w*",
    r"komune\w*",
    r"\w+kommune\w*",
    r"virksomhedsservice\w*",
    r"virksomhedsteam\w*",
    r"virksomhedsenhed\w*",
    r"virksomhedskontakt\w*",
    r"erhvervsservice\w*",
    r"jobservice\w*",
    r"jobhus\w*",
    r"beskæftigelses(forvaltning|afdeling|center|enhed)\w*",
    r"arbejdsmarkeds(afdeling|center|enhed)\w*",
    "det faglige hus",
    "faglige hus",
    "3f",
    r"3fs",
    "foa",
    "foas",
    "krifa",
    "krifas",
    "dsa",
    "ase",
    "hk",
    "hks",
    "djøf",
    "bupl",
    "lederne",
    "dansk metal",
    "metal",
    "ca",
    "magistrenes",
    "akademikernes",
    "akademikerne",
    "fødevareforbundet",
    "nnf",
    "serviceforbundet",
    "malerforbundet",
    "blik og rør",
    "dansk el forbund",
    "teknikernes",
    "socialpædagogernes",
    "sl",
    "min akasse",
    "fag og arbejde",
    "business danmark",
    "frie",
    "det frie",
    "kristelig",
    "star",
    "styrelsen for arbejdsmarked",
    "ungdommens uddannelsesvejledning",
)
_SHORT_ORGANISATIONS = words(
    "ase",
    "hk",
    "hks",
    "ca",
    "sl",
    "frie",
    "metal",
    "star",
    "dsa",
    "kristelig",
    "foa",
    "foas",
)
_FROM = words("fra", "i", "hos", "ved", "på", "for", "med", "til")
_OTHER_ORGANISATION = words("andet", "andre", "anden", "nabokommunen")


def organisation(document: Document) -> Hit | None:
    for sentence in document.sentences:
        start = 0
        while start < len(sentence.words):
            hit = hit_in(sentence, ORGANISATION_WORDS, start)
            if hit is None:
                break
            start = hit.last + 1
            word = sentence.words[hit.first]
            before = sentence.words[hit.first - 1] if hit.first > 0 else ""
            if before in _OTHER_ORGANISATION:
                continue
            if _asks_who_answers(sentence, hit.first):
                continue  # "Er det kommunens tekniske forvaltning?" names the contact's place
            alone = hit.first in sentence.clause_starts and (
                hit.last + 1 == len(sentence.words) or hit.last + 1 in sentence.clause_starts
            )
            if word in _SHORT_ORGANISATIONS and before not in _FROM and not alone:
                following = (
                    sentence.words[hit.last + 1] if hit.last + 1 < len(sentence.words) else ""
                )
                if not following.startswith("akas"):
                    continue
            return hit
    return None


_WHO_ANSWERS = rx(
    r"(er|var) det (her |hos |ikke |nu )*",
    r"(er|kommer) jeg (ind |igennem )?(til|hos|i|på)",
    r"(taler|snakker) jeg med",
    r"har jeg (ringet|fat i|fået fat i) (til )?",
)


def _asks_who_answers(sentence: Sentence, index: int) -> bool:
    """A question that opens by checking where the call landed: the organisation is theirs."""
    if not sentence.question:
        return False
    start = content_start(sentence, _clause_start_before(sentence, index))
    greeting = hit_in(sentence, _GREETING, start)
    if greeting is not None and greeting.first == start:
        start = content_start(sentence, greeting.last + 1)  # "hej, er det …"
    hit = hit_in(sentence, _WHO_ANSWERS, start)
    return hit is not None and hit.first == start and index <= hit.last + 3


_STRONG_NAME_FRAME = rx(
    r"jeg hedder( forresten)?",
    # "jeg hedde/heder/hedr Nadia": after "jeg" any form of the verb presents oneself.
    r"jeg (hedde|hede|hedr|hedet|heddr|hdder|heddder)",
    r"mit navn er",
    r"mit navn det er",
    r"navnet er",
)
_NAME_LAST_FRAME = rx(r"hedder jeg")
_WEAK_NAME_FRAME = rx(
    r"det er( (mig|igen|bare|så|altså|jo|faktisk|lige|nu|da))*",
    r"her er",
    r"(og )?jeg er",
    r"(du|de) (taler|snakker) med( \S*konsulent\w*| \S*koordinator\w*| \S*medarbejder\w*)?",
    r"(du|de|i) har (\S+ )?(fat i|fået fat i|fat på)",
    r"dette er",
    r"det her er",
)
_COLLEAGUE = words(
    "kollega",
    "kollegaer",
    "kolega",
    "kollegen",
    "vegne",
    "hils",
    "hilse",
    "chef",
    "leder",
    "borger",
    "kandidat",
    "medlem",
    "hedder",
    "med",
    "til",
    "spørge",
    "tale",
    "snakke",
    "efter",
    "søger",
    "kontakt",
    "om",
    "kunde",
    "ven",
    "mand",
    "kone",
    "makker",
)
_NOT_A_NAME = words(
    "det",
    "den",
    "jobcenter",
    "jobcentret",
    "jobcenteret",
    "virksomhedsservice",
    "kommune",
    "bare",
    "mig",
    "dig",
    "os",
    "jer",
    "en",
    "et",
    "fra",
    "her",
    "ikke",
    "godt",
    "dårligt",
    "nu",
    "så",
    "også",
    "lige",
    "faktisk",
    "jo",
    "din",
    "jeres",
    "vores",
    "min",
    "nok",
    "virksomhedskonsulent",
    "virksomhedskonsulenten",
    "konsulent",
    "jobkonsulent",
    "ny",
    "nyansat",
    "kollega",
    "slagteriet",
    "rigtigt",
    "svært",
    "vist",
    "ham",
    "hende",
    "hos",
    "i",
    "dem",
    "de",
    "der",
    "rart",
    "fint",
    "sjovt",
    "vigtigt",
    "muligt",
    "okay",
    "ok",
    "igen",
    "mig",
    "dig",
    "jeg",
    "du",
    "vi",
    "han",
    "hun",
    "og",
    "eller",
    "men",
    "tak",
    "hej",
    "goddag",
    "ja",
    "nej",
    "glad",
    "ked",
    "sikker",
    "klar",
    "ringer",
    "på",
    "med",
)
_IS_WAS = words("er", "var")
_COLLEAGUE_AFTER = words("kollega", "kolega", "chef", "leder", "makker", "team", "afdeling")
_HERE_FROM = words("her", "fra")


def _looks_like_name(
    document: Document, sentence: Sentence, index: int, *, lenient: bool = False
) -> bool:
    """A known first name, or a capitalised word that is neither an organisation nor a word.

    Names that are also ordinary words ("Bo", "Per", "Kim") count in lower case only where the
    frame makes a name likely (`lenient`).
    """
    if index >= len(sentence.words):
        return False
    word = sentence.words[index]
    if word in _NOT_A_NAME or not word.isalpha():
        return False
    if _is_organisation_at(sentence, index) or _is_organisation_at(sentence, index - 1):
        return False  # "Jobcenter Herlev": a place, not a person
    start, _ = sentence.spans[index]
    capitalised = document.original[start : start + 1].isupper()
    if word in FIRST_NAMES:
        return word not in AMBIGUOUS_NAMES or capitalised or lenient
    return capitalised and index > 0


def _capitalised(document: Document, sentence: Sentence, index: int) -> bool:
    """A word written with a capital: inside a sentence, usually a name of a person or a place."""
    if index >= len(sentence.words):
        return False
    start, _ = sentence.spans[index]
    return document.original[start : start + 1].isupper()


def _is_organisation_at(sentence: Sentence, index: int) -> bool:
    if index < 0:
        return False
    hit = hit_in(sentence, ORGANISATION_WORDS, index)
    return hit is not None and hit.first == index


def _colleague_before(sentence: Sentence, index: int) -> bool:
    return any(word in _COLLEAGUE for word in sentence.words[max(0, index - 3) : index])


def _name_run(document: Document, sentence: Sentence, index: int) -> int:
    """The index after a first name and the surnames that follow it."""
    end = index + 1
    while (
        end < len(sentence.words)
        and end not in sentence.clause_starts
        and (_looks_like_name(document, sentence, end))
    ):
        end += 1
    return end


def praesentation(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = _presentation_in(document, sentence)
        if hit is not None:
            return hit
    return None


def _presentation_in(document: Document, sentence: Sentence) -> Hit | None:
    count = len(sentence.words)
    strong = hit_in(sentence, _STRONG_NAME_FRAME)
    if strong is not None and strong.last + 1 < count:
        following = sentence.words[strong.last + 1]
        if following not in _NOT_A_NAME or following in FIRST_NAMES:
            return Hit(sentence, strong.first, strong.last + 1)
    last = hit_in(sentence, _NAME_LAST_FRAME)
    if (
        last is not None
        and last.first > 0
        and last.first not in sentence.clause_starts
        and sentence.words[last.first - 1] not in _NOT_A_NAME
    ):
        return Hit(sentence, max(0, last.first - 2), last.last)
    start = 0
    while start < count:
        weak = hit_in(sentence, _WEAK_NAME_FRAME, start)
        if weak is None:
            break
        start = weak.first + 1
        name = weak.last + 1
        asked = weak.first > 0 and sentence.words[weak.first - 1] in _IS_WAS
        if (
            not asked
            and _looks_like_name(document, sentence, name, lenient=True)
            and not _colleague_before(sentence, weak.first + 1)
        ):
            run_end = _name_run(document, sentence, name)
            if word_at(sentence, run_end) not in _COLLEAGUE_AFTER:
                return Hit(sentence, weak.first, run_end - 1)
    index = 0
    while index < count:
        if not _looks_like_name(document, sentence, index, lenient=True) or _colleague_before(
            sentence, index
        ):
            index += 1
            continue
        end = _name_run(document, sentence, index)
        if word_at(sentence, end) in _COLLEAGUE_AFTER:
            index = end  # "Peter Hansens kollega": someone else's name
            continue
        if sentence.words[index] in FIRST_NAMES:
            end = _past_unknown_surname(sentence, end)
        following = sentence.words[end] if end < count else ""
        strict_name = _looks_like_name(document, sentence, index)
        if following == "her" or (following == "fra" and _organisation_near(sentence, end)):
            return Hit(sentence, index, end)
        if (
            following == "fra"
            and sentence.words[index] in FIRST_NAMES
            and index in sentence.clause_starts
            and _capitalised(document, sentence, end + 1)
        ):
            return Hit(sentence, index, end)  # "Goddag, Annette Lund fra Business Kolding"
        if strict_name and end in sentence.clause_starts and _is_organisation_at(sentence, end):
            return Hit(sentence, index, end)  # "Goddag, Helle Dam, Jobcenter Viborg."
        if (
            strict_name
            and end == count
            and index in sentence.clause_starts
            and index > 0
            and _is_organisation_at(sentence, _clause_start_before(sentence, index - 1))
        ):
            return Hit(sentence, index, end - 1)  # "Jobcenter Næstved, Karen Munk."
        index = end
    return None


def _past_unknown_surname(sentence: Sentence, end: int) -> int:
    """ "peter hansen her": skip a surname or two that no name list can know."""
    for skip in (1, 2):
        probe = end + skip
        if (
            probe < len(sentence.words)
            and sentence.words[probe] in _HERE_FROM
            and all(
                sentence.words[at] not in _NOT_A_NAME and at not in sentence.clause_starts
                for at in range(end, probe + 1)
            )
        ):
            return probe
    return end


def _organisation_near(sentence: Sentence, index: int) -> bool:
    return any(_is_organisation_at(sentence, at) for at in range(index, index + 4))


def _clause_start_before(sentence: Sentence, index: int) -> int:
    starts = [start for start in sentence.clause_starts if start <= index]
    return max(starts) if starts else 0


_PURPOSE_CALL = rx(
    r"(ring\w*|kontakter|henvender|tager fat|skriver) ~10 (fordi|for at|for å|angående|ang|angaende"
    r"|vedrørende|vedr|omkring|i forlængelse af|i forbindelse med|med henblik på"
    r"|i anledning af|på grund af|pga|fordi at)",
    r"ringer (egentlig |bare |lige |faktisk |blot |primært )?om",
    r"grunden til ~4 (ringer|opkald\w*|henvendelse\w*|opringning\w*|kontakter|henvender"
    r"|tager fat)",
    r"grunden til (at )?(jeg|vi)",
    r"derfor (at )?(jeg|vi) ringer",
    r"derfor ringer (jeg|vi)",
    r"årsagen til ~4 (ringer|opkald\w*|henvendelse\w*)",
    r"(formålet|baggrunden|anledningen) (med|for|til) ~2 (opkald\w*|henvendelse\w*|ringer)",
    r"det (drejer|handler) sig om",
    r"det handler om",
    r"(handler|drejer) det (sig )?om",
    r"det gælder",
    r"det er angående",
    # "… fra Jobcenter Guldborgsund vedr. jeres opslag": the topic preposition names the errand.
    r"(vedrørende|vedr|angående|angaaende|ang) (jeres|jer|din|dit|dine|de|den|det) ",
    r"det er vedrørende",
    r"(vil|ville|skal|skulle) (gerne |bare |lige |blot |høfligt |egentlig )*(høre|vide|spørge)"
    r" ~2 (om|hvordan|hvad|hvilke|hvor|hvornår|hvorvidt)",
    r"(vil|ville|skal|skulle) (gerne |bare |lige |blot |egentlig )*(tale|snakke|fortælle"
    r"|præsentere|invitere|tilbyde|følge op|høre lidt|orientere|introducere|vise)",
    r"(snak|snakke|tale|høre|fortælle|præsentere|sparre|høre lidt|hører) (med dig |med jer )?"
    r"(lidt |lige |kort |nærmere |mere )*om (?!(du|de|i|det passer|der er tid)(?!\S))",
    r"følge op på",
    r"i forlængelse af",
    r"(jeg|vi) har (en|et|nogle|flere|to|tre|fire|fem|\d+) ~3 (kandidat\w*|ledig\w*|medlem\w*"
    r"|borger\w*|praktikant\w*)( ~6 (til|som|der|med))",
)
_PERMISSION_ONLY = rx(
    r"om (du|de|i) (lige |måske |nu )*(har|havde|kan|kunne) (lige |nu |måske )*"
    r"(tid|et|to|fem|\d+|travlt|et par|par|snakke|tale)",
    r"om det passer",
)
_PURPOSE_CONTENT_AFTER_PERMISSION = rx(r"om (?!(du|de|i|det)(?!\S))\S+")


_TALK = words("tale", "snakke", "snakker", "taler")
_THE_CONTACT = words("dig", "jer", "dem", "de", "du")
_TOPIC_MARKER = rx(
    r"(om|omkring|angående|ang|vedrørende|vedr|fordi|for at|i forbindelse med|ift|i forhold til)"
)


def _asks_for_a_person(sentence: Sentence, hit: Hit) -> bool:
    """ "Jeg skulle tale med driftslederen" asks to be put through, unless a topic follows."""
    talk = next((at for at in range(hit.first, hit.last + 1) if sentence.words[at] in _TALK), None)
    if talk is None or word_at(sentence, talk + 1) != fold("med"):
        return False
    if word_at(sentence, talk + 2) in _THE_CONTACT:
        return False
    return hit_in(sentence, _TOPIC_MARKER, talk + 2) is None


def formaal(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _PURPOSE_CALL)
        if hit is None:
            continue
        if negated(sentence, hit, window=0) or "ikke" in sentence.words[hit.first : hit.last + 2]:
            continue
        if _asks_for_a_person(sentence, hit):
            continue
        permission = hit_in(sentence, _PERMISSION_ONLY, hit.first)
        if permission is not None and permission.first <= hit.last + 2:
            later = hit_in(sentence, _PURPOSE_CONTENT_AFTER_PERMISSION, permission.last + 1)
            if later is None:
                continue
        return hit
    return None


_PERMISSION = rx(
    # "har/ha'/hr du …": the two-letter slips of "har" are too short to repair by spelling.
    r"(har|ha|hr|hra|havde|fik|får) (du|de|i) (lige |måske |vel |stadig |nu |faktisk |lige nu "
    r"|da )*(et|to|tre|fem|ti|\d+|et par|par|en|nogle|lidt|fået|faet)? ?"
    r"(minut\w*|øjeblik\w*|sek\w*|sekund\w*|tid|travlt|mulighed\w*|kort|lille|hurtig\w*"
    r"|halvt|fået tid|sec\w*|second\w*)",
    # "min" is a minute only after a number: "fik du min mail?" asks about something else.
    r"(har|ha|hr|havde|får) (du|de|i) (lige |måske |vel |nu )*(et|to|tre|fem|ti|\d+|et par|par)"
    r" min",
    r"du har (vel|sikkert|forhåbentlig|måske|lige) (et|to|fem|\d+|et par|par|lidt) "
    r"(minut\w*|min|øjeblik\w*|sek\w*|tid)",
    r"(passer|passede) det(?! (ikke|jo|også)(?!\S))",
    r"passer det$",
    r"(er|var) det (et |en |lige |stadig |nu |måske )*(dårligt|godt|ok|okay|skidt|belejligt"
    r"|ubelejligt|passende|upassende|bedre|dårlig|god|fint|fair|rigtigt|ringe|travlt)"
    r" ?(tidspunkt\w*|lige nu|nu|at ringe|at forstyrre|øjeblik\w*)?",
    r"er det nu",
    r"ringer jeg ~3 (dårligt|skidt|ubelejligt|forkert|upassende|travlt) ?(tidspunkt\w*)?",
    r"ringer jeg (på et |i et )?(dårligt|skidt|ubelejligt|forkert)",
    r"ringer jeg (\S+ ){0,2}(belejligt|ubelejligt|midt i|i et|på et|forkert|lige|nu|dårligt"
    r"|skidt|upassende|for sent|for tidligt|i en)",
    r"(kan|må|skal) (du|de|vi|jeg) (lige |godt |måske |nu )*(tale|snakke|tage den|forstyrre"
    r"|få|stjæle|låne|tage|klare) (lige |et |to |fem |\d+ |et par |par |dig )*"
    r"(nu|øjeblik\w*|minut\w*|min|sek|opkald|snak|lidt|af din tid|af din|tid)",
    r"(kan|må) (du|de|vi) (lige )?(tale|snakke)$",
    r"kan (du|de|i) (\S+ )?(tale|snakke)( nu| lige nu)?",
    r"sidder (du|de|i) (\S+ )?(midt i|i møde|til møde|med noget|optaget)",
    r"er du (midt i|optaget|i gang|på farten|ved at|i møde|travl|optaget lige)",
    r"forstyrrer jeg",
    r"er der (et|en) (bedre|andet|anden) (tidspunkt|tid|dag)",
    r"skal jeg (hellere |måske )?ringe (senere|tilbage|igen|en anden)",
    r"(et )?bedre tidspunkt (at ringe|at snakke|at tale)",
    r"om (du|de|i) (lige |måske |nu )*(har|havde) (lige |nu |måske )*(tid|et|to|fem|\d+"
    r"|travlt|et par|par|mulighed)",
    r"har du tid til",
    r"har du (et|to|2|fem|5) (sek|min|minutter)",
    r"noget (du|de) har tid til",
    r"(passer|passede) det (dig|jer)",
    r"kan du (lige )?klare",
    r"kan vi tage den",
    r"er det (et )?(ok|okay|i orden|fint) (at|hvis|tidspunkt)",
    r"tid til at (snakke|tale|høre)",
    r"(har|ha|hr) du lige",
    # Word order of the indirect question: "jeg tænkte om det passer at vi tager en snak nu".
    r"om det (lige |nu |måske )*(passer|passede)( dig| jer)?( lige)? (nu|at (vi )?(tager|tar|får"
    r"|tage|få) (en|os en|lige en) (snak|samtale|sludder)|at (vi )?(tale|snakke|snakker|taler))",
    r"kan det (lige |godt |måske )*passe( dig| jer)? (lige nu|nu|at (vi )?(tale|snakke|tage))",
    # Offering to call back at another time asks whether the moment suits.
    r"(jeg|vi) ringer (dig |jer )?(op )?(tilbage|igen senere|senere|en anden dag)",
)
_TIME_AMOUNT = rx(
    r"(lige )?(et|en|to|tre|fem|ti|\d+|et par|par|et lille|et kort|lige et) "
    r"(minut\w*|min|øjeblik\w*|sek\w*|sekund\w*)( nu| lige nu| af din tid)?$",
)


# "… hvis du har et minut": making the call depend on the contact's time asks for it, though
# the sentence is a statement.
_PERMISSION_IF = rx(
    r"hvis (du|de|i) (lige |stadig |nu )*(har|ha|hr) (lige |nu )*(et|to|tre|fem|ti|\d+|et par"
    r"|par|lidt|et lille|et kort|en) (minut\w*|min|øjeblik\w*|sek\w*|sec\w*|tid)",
)


def tilladelse(document: Document) -> Hit | None:
    for sentence in document.sentences:
        conditional = hit_in(sentence, _PERMISSION_IF)
        if conditional is not None:
            return conditional
        hit = hit_in(sentence, _PERMISSION)
        if hit is None and sentence.question:
            # "To minutter?" on its own: the elliptical ask for a moment.
            hit = hit_in(
                sentence, _TIME_AMOUNT, _clause_start_before(sentence, len(sentence.words))
            )
            if hit is not None and hit.first not in sentence.clause_starts:
                hit = None
        if hit is None or negated(sentence, hit, window=0):
            continue
        if is_question(sentence) or _indirect_question(sentence) or asks_here(sentence, hit.first):
            return hit
    return None


def _indirect_question(sentence: Sentence) -> bool:
    return " om " in sentence.text


# ----------------------------------------------------------------------------------------------
# analyse

_ASKING_VERBS = words(
    "spørge",
    "spørger",
    "fortælle",
    "fortæl",
    "fortal",
    "beskrive",
    "beskriv",
    "forklare",
    "forklar",
    "høre",
    "vide",
    "ide",
    "idé",
    "uddybe",
    "uddyb",
    "nysgerrig",
    "interesseret",
    "sætte",
    "tænke",
    "tænker",
    "forestille",
    "sige",
    "overveje",
    "undre",
    "undrer",
    "ord",
    "mærke",
    "indtryk",
    "fortalle",
    "spurgt",
    "spørgsmål",
)
_OM = fold("om")
_CONJUNCTIONS = words("og", "eller", "men", "så", "samt")
_OPEN_REQUEST = rx(
    r"fortæl",
    r"fortal",
    r"beskriv",
    r"forklar",
    r"uddyb",
    r"(kan|vil|gider|må) (du|i|de) (ikke )?(lige |godt |prøve at |evt )*(fortælle|beskrive|"
    r"forklare|uddybe|sige lidt|give et eksempel|sætte ord på|berette)",
    r"fortæl(le)? (mig |os )?(lidt |mere |gerne )*(om|hvordan|hvad)",
    r"jeg (vil|ville) (gerne|rigtig gerne|meget gerne) (høre|vide) (lidt |mere )*(om|hvordan|"
    r"hvad|hvilke|hvor)",
    r"jeg er (nysgerrig|interesseret|spændt) på",
    r"(sæt|giv) (mig )?(ord|et eksempel)",
)


def open_question_hit(sentence: Sentence) -> Hit | None:
    """An hv-question or an invitation to tell: the opposite of a yes/no question."""
    start = content_start(sentence)
    last_word = len(sentence.words) - 1
    if sentence.exclaimed and word_at(sentence, start) == fold("hvor"):
        return None  # "Hvor lyder det spændende!" exclaims; it asks nothing
    if start <= last_word and sentence.words[start] in HV_QUESTION_WORDS:
        return Hit(sentence, start, min(last_word, start + 4))
    questionish = sentence.question
    for index, word in enumerate(sentence.words):
        if word not in HV_QUESTION_WORDS or index <= start:
            continue
        if direct_hv_question(sentence, index):
            return Hit(sentence, index, min(last_word, index + 4))
        previous = sentence.words[index - 1]
        at_clause = index in sentence.clause_starts or previous in _CONJUNCTIONS
        if not at_clause and previous not in _ASKING_VERBS and previous != _OM:
            continue  # "perioder, hvor …" is a relative clause, not a question
        before = sentence.words[max(0, index - 6) : index]
        coordinated = previous in _CONJUNCTIONS and (
            questionish or index in sentence.clause_starts or index - 1 in sentence.clause_starts
        )
        asked = any(word in _ASKING_VERBS for word in before) or (
            _OM in before[-2:] and questionish
        )
        if coordinated or asked or (questionish and _hv_after_clause(sentence, index)):
            return Hit(sentence, index, min(last_word, index + 4))
    return hit_in(sentence, _OPEN_REQUEST)


def _hv_after_clause(sentence: Sentence, index: int) -> bool:
    """ "Hvis du skal sætte ord på det, hvor mange …?": an hv-word opening the main clause."""
    return index in sentence.clause_starts and any(
        word == fold("hvis") for word in sentence.words[:index]
    )


def aabent_spoergsmaal(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = open_question_hit(sentence)
        if hit is not None:
            return hit
    return None


OCCUPATION = (
    r"\w*(hjælper|hjælpere|medhjælper\w*|assistent\w*|arbejder|arbejdere|mester|mestre|svend"
    r"|svende|lærling\w*|elev|elever|chauffør\w*|tekniker\w*|montør\w*|operatør\w*"
    r"|ekspedient\w*|pædagog\w*|sygeplejerske\w*|kok|kokke|tjener\w*|smed|smede|tømrer\w*"
    r"|murer\w*|elektriker\w*|mekaniker\w*|vvs\w*|frisør\w*|konsulent\w*|sælger\w*"
    r"|bogholder\w*|udvikler\w*|ingeniør\w*|leder|ledere|vagt|vagter|pakker|pakkere"
    r"|receptionist\w*|formand|formænd|opvasker\w*|kassemedarbejder\w*|ekspedient\w*"
    r"|bager\w*|slagter\w*|gartner\w*|maler\w*|snedker\w*|maskinfører\w*|lagerfolk"
    r"|rengøringsfolk|piccolo\w*|buschauffør\w*|truckfører\w*|svejser\w*|fodermester\w*"
    r"|folk|kræfter)"
)
_NEED = rx(
    r"mangle\w*",
    r"mangel\w*",
    r"(har|få|får|fik|have|havde|haft) (\S+ ){0,3}brug for",
    r"brug for (folk|nogen|flere|en|to|tre|\d+|medarbejder\w*|hjælp|ekstra|hænder|mand)",
    r"(brug for|mangler|bruge|søger|skaffe) (\S+ ){0,2}mand",
    r"(skal|skulle|kan|kunne|ku) (\S+ ){0,3}bruge",
    r"rekrutter\w*",
    # "ansætte" (hire) and "ansatte" (staff) fold alike; only the verb speaks of a need.
    r"(at|vil|skal|kan|kunne|ville|skulle|tør|plejer|ikke) (\S+ )?ansæt\w*",
    r"ansætter",
    r"ansættelse\w*",
    r"(har|havde|blev|er) ansat (en|to|tre|nogen|flere|nye|\d+)",
    r"nyansat\w*",
    r"\w*medarbejder\w*",
    r"\w*personale\w*",
    r"arbejdskraft\w*",
    r"mandskab\w*",
    r"bemand\w*",
    r"(er|har|blev) stoppet",
    r"(sagt|sagde|siger) op",
    r"(fundet|finde|få fat i) en ny",
    r"(folk|hænder|hander|kollegaer|kolleger|stillinger|stilling|vagter|vagterne"
    r"|nattevagter\w*|weekendvagt\w*|vikarer|ansøgere|ansøgninger)",
    r"\w*stilling\w*",
    r"stillingsopslag\w*",
    r"jobopslag\w*",
    r"opslag",
    r"søger (en|to|tre|nogen|folk|\S+er)",
    r"(svært|svart|svære|svær|tungt|problemer) ~3 (finde|få|skaffe|holde|fastholde|rekruttere"
    r"|besætte|dække|tiltrække)",
    r"fasthold\w*",
    r"holde på",
    r"udskiftning\w*",
    r"personaleomsætning\w*",
    r"sygemeld\w*",
    r"sygefravær\w*",
    r"langtidssyg\w*",
    r"syg",
    r"barsel\w*",
    r"pension\w*",
    r"orlov\w*",
    r"opsig\w*",
    r"opkvalificer\w*",
    r"efteruddan\w*",
    r"videreuddan\w*",
    r"kursus",
    r"kurser",
    r"kompetence\w*",
    r"oplær\w*",
    r"oplæring\w*",
    r"oplare\w*",
    r"travl\w*",
    r"højsæson\w*",
    r"\w*sæson\w*",
    r"spidsbelastning\w*",
    r"overarbejde\w*",
    r"\w*afløser\w*",
    r"(elev|lære|lærlinge|praktik)plads\w*",
    r"besæt\w*",
    r"dække (ind|vagter\w*|\w*vagt\w*|behovet|hullet|hullerne)",
    r"daekket|dækket ind",
    r"faglært\w*",
    r"ufaglært\w*",
    r"lærling\w*",
    r"elev",
    r"elever",
    r"\w+elev\w*",
    r"praktikant\w*",
    r"stoppe\w* (efter|igen)",
    r"stopper",
    r"prøvetid\w*",
    r"nye (folk|kolleger|kollegaer|medarbejdere)",
    r"(en|to|tre|fire|fem|\d+) (ekstra|nye|flere)",
    r"flere (hænder|folk|medarbejdere)",
    r"ekstra hånd\w*",
    r"i skal bruge",
    r"(leder|søger|kigger) (\S+ )?efter",
    r"\w*profil\w*",
    r"(sommer|jule|sæson|ekstra|weekend|ferie|påske|aften|nat)hjælp\w*",
    r"(en|to|tre|fire|fem|seks|\d+|ekstra|nye|ny|flere|erfarne|faglærte) (\S+ )?" + OCCUPATION,
    r"(søger|søgte|mangler|finde|skaffe|ansætte|ansatte) (\S+ ){0,2}" + OCCUPATION,
    # Growth: how many they must be, not how many they are ("hvor mange skal I være …").
    r"hvor mange (\S+ ){0,2}(skal|skulle|vil|får) (i|jeres \S+) (\S+ ){0,2}(være|bruge|have"
    r"|ansætte|op på)",
    r"(skal|skulle) (i|de) (\S+ )?(være|blive) (\S+ )?(flere|større)",
    r"(udvide|udvider|opnormere|opnormerer) (\S+ ){0,2}(staben|holdet|bemandingen|teamet"
    r"|afdelingen)",
)
_JOBCENTRE_OWN = rx(
    r"vores (ledige|borgere|mål\w*|målsætning\w*|krav|statistik\w*|kvote\w*|måltal\w*"
    r"|resultater|kandidater)",
    r"(vi|jobcentret|kommunen) skal (op på|nå|have|leve op)",
    r"ministeriet",
    r"kravene fra",
    r"virksomhedsaftaler",
    r"hjælpe os",
    r"leve\w* op til",
    r"for os i jobcentret",
    r"vi i jobcentret",
    # The speaker's own house as the subject: "vi her i kommunen", "os i a-kassen".
    r"(vi|os) (her |herude |herinde |ovre )?(i|hos|på|fra) (jobcent\w*|kommune\w*|a-kasse\w*"
    r"|\S*kassen|virksomhedsservice\w*|\S*centret|afdelingen|teamet|huset|forvaltningen)",
)
_COMPANY_NEED = rx(
    # "I mangler …" is the company; "vi i jobcentret mangler …" is "i" as a preposition after
    # the speaker's own "vi/os" and keeps the need with the speaker.
    r"(?<!vi )(?<!os )(?<!her )(i|jeres \S+) (\S+ ){0,2}(mangler|manglede)",
    r"jeres behov",
    r"(i|jer) (\S+ ){0,2}(har|får) (\S+ ){0,2}brug for",
)


def behov(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _NEED)
        if hit is None:
            continue
        if (
            negated(sentence, hit, window=0)
            and hit.first > 0
            and sentence.words[hit.first - 1] in NEGATIONS
        ):
            pass
        if hit_in(sentence, _JOBCENTRE_OWN) is not None and hit_in(sentence, _COMPANY_NEED) is None:
            continue
        return hit
    return None


_SUMMARY = rx(
    r"(hører|høre|forstår) dig (sige|fortælle)",
    r"for at være sikker på,? at jeg (har )?(forstået|forstår|hørt)",
    r"hvis jeg (har )?(forstår|forstået|forstod|hører|hørte|har hørt|har fat i) (dig|det|jer)"
    r" ?(rigtigt|rigtig|ret|korrekt)?",
    r"hvis jeg (har )?fat i den rigtige ende",
    r"så vidt jeg (har )?(forstår|forstået|forstod|kan høre|hører)",
    r"(så )?det (du|i|de) (siger|sagde|fortæller|fortalte|beskriver|beskrev|forklarer|nævner"
    r"|nævnte)",
    r"(du|i|de) (siger|sagde|nævnte|nævner|fortalte|fortæller|forklarede|beskrev|snakkede om"
    r"|talte om|var inde på|nævnte før|har sagt|har fortalt|har nævnt) (lige |jo |før |tidligere "
    r"|selv |altså |også )*(at|om|,)?",
    r"(du|i|de) (siger|sagde|nævnte|fortalte) (lige|jo|før|tidligere|selv|altså)",
    r"lad mig (lige |lige hurtigt |kort |lige kort )?(opsummere|opsumere|samle op|gentage|se om"
    r"|sikre mig|tjekke om|høre om jeg)",
    r"(for at|for lige at|så for at|lige for at|for lige hurtigt at) (opsummere|samle op"
    r"|være sikker|gentage)",
    r"hvis jeg (lige )?(skal |må )?(lige |kort )?(opsummere\w*|gentage\w*|gentager|samle\w* op"
    r"|sammenfatte\w*|ridse\w* op|resumere\w*)",
    r"om jeg (lige |nu )?(har )?(forstået|forstod|fanget|opfattet|hørt) (dig|det|jer|alt)",
    r"(det|hvad) (jeg|vi) (lige )?(tager med|tog med|noterer|har noteret|skriver ned"
    r"|har skrevet ned|hører|har hørt|forstår|har forstået|har fanget|hæfter mig ved"
    r"|har taget med)( mig| os)?( herfra| fra samtalen)?,? (det )?er",
    r"(dvs|det vil sige|med andre ord|sagt med andre ord),? (at )?(i|du|jeres|din|dit|der er"
    r"|det er)",
    r"(kort |lige )?opsummeret",
    r"opsummer\w*",
    r"sammenfatte\w*",
    r"for at samle op",
    r"samle op",
    r"(jeg|man) (hører|kan høre|kan forstå|forstår|fornemmer|kan fornemme|kan mærke)"
    r" (på dig |på det du siger |på jer )?at",
    # "Det lyder som om …" is one's own reading; "det lyder på dig som om …" restates the contact.
    r"det lyder (altså )?på (dig|jer) som om",
    # ... but "Okay, så det lyder som om …" draws the contact's words together: the opening "så"
    # after a nod is what restates (a "så" inside the sentence is refused in `_summary_in`).
    r"så (det )?lyder (det )?(altså )?(som om|som at|til at|på dig som om)",
    # A recap announced in a few words: "så kort fortalt: I …", "kort sagt, du …".
    r"(kort fortalt|kort sagt|sagt kort|i korte træk|i en nøddeskal|summa summarum),? (så )?"
    r"(i|du|jeres|din|dit|der|de|det er|jer|er det|har i|mangler i|skal i)",
    # "Er det rigtigt forstået, at I …": understanding, not a bare fact, is what is checked.
    r"(rigtigt|rigtig|korrekt) (forstået|opfattet|hørt),? at (i|du|jeres|din|dit|der|de|det)",
    # ... and opening the sentence it frames whatever follows, a noun phrase too ("Så kort
    # fortalt: flere ordrer, samme antal hænder").
    r"^ ((okay|ok|okej|nå|jamen|altså|godt) )?(så )?(kort fortalt|kort sagt|i korte træk"
    r"|i en nøddeskal|summa summarum),? (?!(vi|jeg|vores|min|mit|mine|os)(?!\S))",
    # A request to confirm that carries the restatement in an at-clause.
    r"(har|forstår) jeg (\S+ ){1,3}at (i|du|jeres|din|dit|der|de|han|hun|det)",
    r"så (i|jeres|du|din|dit|den|det|de|der) (\S+ ){0,2}(har|er|mangler|skal|vil|kan|bruger"
    r"|har haft|går|søger|kører|savner|oplever|ønsker|står|mister|får|ansætter|altså"
    r"|egentlig|primært|især|faktisk|nu|lige|også|bliver|plejer|har altså|er altså|regner"
    r"|forventer|planlægger|overvejer)",
    r"(i|du) (har|er|mangler|skal) (altså|så altså)",
)
_HEARSAY = rx(
    r"(hører|hørt|hort|hørte|læst|læste|set|så|kan se|kan forstå|forstår|fået at vide|fik at vide)"
    r" (\S+ ){0,3}(fra|på|i|hos|af) (andre|mange|min|din|jeres nabo|naboen|kollega\w*|avisen"
    r"|nettet|jeres hjemmeside|hjemmesiden|linkedin|facebook\w*|jobnet|folkeblad\w*|\S+avis\w*"
    r"|\S+blad\w*|rygter|branchen|et par|nogle)",
    r"(min|en|vores) (kollega|chef|leder|kollegaer) (\S+ ){0,4}(sagde|fortalte|nævnte|siger)",
    r"(forstået|forstod|forstår) (\S+ ){0,2}(fra|på|af|hos) (din|jeres|en|vores|min) (\S+ )?"
    r"(kollega\w*|chef\w*|leder\w*|direktør\w*|mester|indehaver\w*|ejer\w*|formand"
    r"|nabo\w*|medarbejder\w*|sekretær\w*|makker\w*)",
    r"står der",
    r"(har|har jeg) læst",
    r"jeg kan se på",
    r"i avisen",
)


def analyse_opsummering(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = _summary_in(sentence)
        if hit is not None:
            return hit
    return _restated_then_checked(document)


_THE_CONTACTS = words("i", "du", "jeres", "din", "dit")


def _restated_then_checked(document: Document) -> Hit | None:
    """ "I skal bruge en frisør fra august, har jeg fanget det?": a statement about the contact
    in their own terms, then a request to confirm it, is a recap even without framing words.
    Hearsay stays hearsay, and a confirm that opens the sentence ("Stemmer det, at I …?")
    checks a fact rather than restating."""
    previous: Sentence | None = None
    for sentence in document.sentences:
        if hit_in(sentence, _HEARSAY) is not None:
            return None
        check = hit_in(sentence, _CONFIRM)
        if (
            check is not None
            and sentence.words[check.first] not in _TAG_WORDS
            and (sentence.question or asks_here(sentence, check.first))
        ):
            start = content_start_skipping_so(sentence)
            if check.first > start and word_at(sentence, start) in _THE_CONTACTS:
                return Hit(sentence, start, check.last)
            if check.first <= start and previous is not None and not previous.question:
                opening = content_start_skipping_so(previous)
                if word_at(previous, opening) in _THE_CONTACTS:
                    return Hit(previous, opening, len(previous.words) - 1)
        previous = sentence
    return None


def _summary_in(sentence: Sentence) -> Hit | None:
    hit = hit_in(sentence, _SUMMARY)
    if hit is None or hit_in(sentence, _HEARSAY) is not None:
        return None
    if sentence.words[hit.first] == fold("så") and (
        word_at(sentence, hit.first + 1) in HV_QUESTION_WORDS
        or (
            hit.first > content_start_skipping_so(sentence)
            and not _after_acknowledgement(sentence, hit.first)
        )
    ):
        return None  # "Så hvordan …?" asks; a "så" inside the sentence does not restate
    return hit


_ACKNOWLEDGING = FILLERS | frozenset(
    fold(word)
    for word in ("fair", "nok", "forstået", "spændende", "interessant", "tak", "helt", "klart")
)


def _after_acknowledgement(sentence: Sentence, index: int) -> bool:
    """ "Okay fair nok, så I har …": only a short nod comes before the restating "så"."""
    return index in sentence.clause_starts and all(
        word in _ACKNOWLEDGING for word in sentence.words[:index]
    )


def content_start_skipping_so(sentence: Sentence) -> int:
    """Where a sentence starts once "okay, så" and other filler is skipped, "så" included."""
    index = 0
    while index < len(sentence.words) and sentence.words[index] in FILLERS:
        index += 1
    return index


_CONFIRM = rx(
    r"(er|var) det (\S+ ){0,2}(rigtigt|rigtig|korrekt|forkert|sandt|fair|rimeligt|sådan)"
    r"( forstået| opfattet| sagt| opsummeret)?",
    r"(passer|stemmer) (det|dét|det her|det nogenlunde|det sådan|det også)",
    r"(passer|stemmer) det$",
    r"har jeg (\S+ ){0,2}(forstået|forstaaet|fanget|misforstået|opfattet|hørt|fat i|ret|styr på"
    r"|det hele|forstod|forstaet|fået)",
    r"har jeg ret",
    r"forstår jeg (det|dig|jer) (\S+ )?(ret|rigtigt|rigtig|korrekt)",
    r"(er|gælder|holder) det (\S+ )?(stadig|stadigvæk|fortsat)",
    r"har jeg det (hele )?med",
    r"misforstået (dig|jer|noget)",
    r"er du enig",
    r"er i enige",
    r"kan du (be)?kræfte",
    r"vil du (be)?kræfte",
    r"er det (sådan|saadan) (det|du|i|jeg)",
    r"hænger det sådan sammen",
    r"ikke (sandt|rigtigt)",
    r"hvis jeg har forstået (det|dig) (ret|rigtigt|korrekt)",
    r"rammer jeg (rigtigt|plet)",
    r"(rigtigt|rigtig|korrekt) (forstået|opfattet|hørt)",
    r"er jeg (helt )?(forkert|på rette spor|på sporet)",
    r"(korrekt|rigtigt|ikke)$",
)


_TAG_WORDS = words("korrekt", "rigtigt", "ikke")


def analyse_accept(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _CONFIRM)
        while hit is not None:
            if sentence.words[hit.first] in _TAG_WORDS:
                # "Korrekt?" on its own, or a tag at the end: "… til foråret, ikke?"
                if sentence.question:
                    return hit
            elif is_question(sentence) or asks_here(sentence, hit.first):
                return hit
            # "hvis jeg har forstået det rigtigt … er det rigtigt" dictated without a mark: the
            # framing matches first, the request to confirm comes later in the same sentence.
            hit = hit_in(sentence, _CONFIRM, hit.last + 1)
    for sentence in document.sentences:
        # "For at være sikker på, at jeg har forstået dig: det er weekenderne, ikke?" restates
        # and asks in one breath: the question itself asks for confirmation.
        if sentence.question and word_at(sentence, content_start(sentence)) not in HV_WORDS:
            summary = _summary_in(sentence)
            if summary is not None:
                return summary
    return None


# ----------------------------------------------------------------------------------------------
# indvendinger

_ACKNOWLEDGE = rx(
    r"(det|dét|jeg) (\S+ ){0,2}(forstår|forstar|forsår)( jeg)?( godt| fuldt ud| sagtens| da"
    r"| godt nok| så godt| helt)*",
    r"forstår (det|dig|jer|godt|fuldt|sagtens|da|udmærket|din|jeres)",
    r"jeg forstår",
    r"forstået$",
    r"forstår jeg (godt|sagtens|fuldt|udmærket|da)",
    r"(jeg|det) kan (jeg )?(godt |sagtens |fuldt ud |da godt |også godt |virkelig |godt nok )"
    r"(forstå|se|sætte mig ind)",
    r"(forståeligt|forstaaeligt|forståelig|forståelige)",
    r"(god|gode|fair|relevant|relevante|rimelig|vigtig|berettiget|klog|ærlig|forståelig"
    r"|helt naturlig|naturlig|reel|valid|sund|sunde|legitim|legitime) (pointe\w*|indvending\w*"
    r"|bekymring\w*|kritik|spørgsmål|betragtning\w*|tanke\w*|holdning\w*|skepsis|tvivl"
    r"|forbehold|reaktion|frustration|overvejelse\w*|indsigelse\w*)",
    r"(helt|fuldt|fuldt ud|fuldstændig|absolut|klart) forstået",
    r"(helt|det er|meget|fuldstændig) (fair|rimeligt|forståeligt|naturligt)",
    r"fair nok",
    r"fair point",
    r"det er fair",
    r"(helt )?i orden",
    r"det er (helt |også |jo )?(fint|ok|okay)",
    r"fint nok",
    r"respekt\w*",
    r"(det )?har du (helt |fuldstændig )?ret( i)?",
    r"du har (helt |fuldstændig )?ret",
    r"giver (god |rigtig god |fin )?mening",
    r"det lyder (\S+ ){0,2}(træls|ikke sjovt|hårdt|surt|ærgerligt|frustrerende|besværligt"
    r"|svært|fornuftigt|klogt|som noget|rigtig|dejligt|godt|irriterende|noget rod|tungt|trist)",
    r"(øv|ærgerligt|ærgeligt|argerligt|surt|træls|trælst|øv øv|av|suk)",
    r"ked af (at høre|det)",
    r"beklager",
    r"det hører jeg (tit|ofte|mange gange|fra mange|jævnligt)",
    r"(mange|flere|andre) (andre )?(siger|har sagt|oplever|tænker)( det)?( samme)?",
    r"det kender jeg (godt|fra)",
    r"kender (godt )?(den|det|følelsen)",
    r"godt (du|at du) (siger|nævner|fortæller)",
    r"tak for (din |jeres )?(ærlighed|åbenhed|input|feedback|at sige det)",
    r"selvfølgelig",
    r"naturligvis",
    r"(det|dét) gør jeg (gerne|meget gerne|selvfølgelig|med glæde)",
    r"(det|dét) kan jeg (sagtens|godt|da|selvfølgelig|gerne) (gøre|sende|klare|ordne)",
    r"(super|dejligt|fedt|godt|skønt|flot|fantastisk|fint|rart),? (at|med)",
    r"det er (jo |da )?(dejligt|godt|fedt|super|skønt|fint|flot|rart),? at",
    r"udbredt (opfattelse|holdning)",
    r"noget på sig",
    r"(det lyder|lyder) som (noget|en løsning)( der| som)? (virker|fungerer)",
    r"jeg (\S+ )?hører (godt |fuldt ud |sagtens |skam |altså )?(dig|hvad (du|i) (siger|mener"
    r"|fortæller)|det (du|i) siger|din|jeres)",
    r"jeg (kan )?godt (se|følge)",
    r"det er (en )?(forståelig|rimelig|helt naturlig|naturlig|fair|god|relevant) ",
    r"(sagtens|fuldt ud) forstå",
    r"godt spørgsmål",
    r"(det er )?helt naturligt",
    r"(det er )?(helt|fuldstændig) (fint|ok|okay|i orden)",
    r"det er (jo |da )?klart",
    r"det giver sig selv",
    r"det tror jeg (gerne|godt)",
    r"det er (en )?(svær|hård|presset|travl) (situation|tid|periode)",
    r"det må (have været|være) (\S+ )?(svært|hårdt|frustrerende|træls|surt|ærgerligt|tungt"
    r"|en udfordring|irriterende|en svær)",
    r"det er der (mange|flere|rigtig mange)( andre)?,? (der|som)",
    r"det er (helt )?(normalt|almindeligt|naturligt)",
)
_ACK_NEGATED = rx(
    r"(forstår|forstar|kan|giver|har|er) (\S+ )?(ikke|aldrig|ingen)",
)


_RELATIVE = words("der", "som")
_UNDERSTOOD = fold("forstået")
_NODS = words("forstået", "undskyld")
# Owning the company's bad experience acknowledges it, negation and all: "det er ikke godt nok".
_APOLOGY = rx(
    r"(siger|sige|sagt|give|giver) (\S+ )?undskyld",
    r"undskylder",
    r"det (er|var) (jo |simpelthen |bare |slet )?ikke (godt nok|i orden|acceptabelt|ok|okay"
    r"|sådan (det|vi) (skal|skulle|vil))",
    r"tak (fordi|for at) (du|i) (\S+ )?(er|var|siger|sagde|fortæller|fortalte|nævner|nævnte"
    r"|deler|delte|siger det|gør mig opmærksom)",
)


def anerkendelse(document: Document) -> Hit | None:
    for sentence in document.sentences:
        start = content_start(sentence)
        if word_at(sentence, start) in _NODS and (
            start + 1 in sentence.clause_starts or start + 1 == len(sentence.words)
        ):
            return Hit(sentence, start, start)  # "Forstået, det er …", "Undskyld, det er …"
        apology = hit_in(sentence, _APOLOGY)
        if apology is not None:
            return apology
        hit = hit_in(sentence, _ACKNOWLEDGE)
        if hit is None:
            continue
        window = sentence.words[hit.first : hit.last + 2]
        if sentence.words[hit.last] in _RELATIVE:
            window = sentence.words[hit.first : hit.last]  # "mange, der ikke har" is not a denial
        if any(word in NEGATIONS for word in window) and not _empathic_negation(sentence, hit):
            continue
        if starts_inverted(sentence, content_start(sentence)) and not any(
            index in sentence.clause_starts for index in range(1, hit.first + 1)
        ):
            continue  # "Er det i orden, at …?" asks; it does not acknowledge
        return hit
    return None


def _empathic_negation(sentence: Sentence, hit: Hit) -> bool:
    """ "Det lyder ikke sjovt" acknowledges with a negation."""
    return fold("sjovt") in sentence.words[hit.first : hit.last + 2] or (
        fold("lyder") in sentence.words[hit.first : hit.last + 1]
    )


_ACCEPT_CHECK = rx(
    r"giver (det|dét|det her|det så|det nu) (\S+ ){0,2}mening",
    r"lyder (det|dét|det her|det så|det ikke) ?(\S+ ){0,4}",
    r"hvordan lyder (det|dét|det her|det så)",
    r"hvad (siger|synes|tænker|mener|tror|tykkes) (du|i|de) (så |egentlig |nu )?(om|til) "
    r"(det|dét|den|dem|det her|den her|den løsning|idéen|ideen|forslaget|det forslag|at|et|en"
    r"|\S+)",
    r"hvad (siger|synes|tænker|mener|tror) (du|i|de)( så| egentlig| nu)?$",
    r"hvad (siger|synes|tænker|mener) (du|i|de) (så )?(om|til) (det|dét)$",
    # "siger" is the word most often mistyped here, and too short to repair safely ("sigr").
    r"hvad si\w{0,3} (du|i) (så |egentlig |nu )?(om|til) (det|dét|den|dem|det her|den her"
    r"|forslaget|det forslag|idéen|ideen)",
    r"(er|ville|vil|kunne) (det|dét|det her|den) (\S+ ){0,2}(ok|okay|i orden|fair|rimeligt|"
    r"en aftale|en god idé|en god ide|en ide|en idé|noget|interessant|en mulighed|en plan|"
    r"en løsning|en hjælp|relevant|attraktivt|brugbart|spændende|fint|godt|værd|en vej|acceptabelt"
    r"|en deal|et match|en handel"
    r"|et forsøg|en start|tilfredsstillende|en fordel|aktuelt|fornuftigt)",
    r"kan (du|i|de) (godt |ikke )?(se|følge|leve|bruge|acceptere) (\S+ ){0,2}(pointe\w*|det|dét"
    r"|idé\w*|ide\w*|regnestykke\w*|fordel\w*|logik\w*|tanke\w*|mig|den|med det|det for dig)",
    r"kunne (det|dét|du|i|de|den) (\S+ ){0,2}(være|tænke|lyde|passe|bruge|hjælpe|fungere|gå|"
    r"give|virke|interessere|have|blive|gøre|løse|være noget)",
    r"vil (det|dét|du|i|de|den) (\S+ ){0,2}(være|kunne|gerne|se|have|prøve|hjælpe|passe|give"
    r"|høre|modtage|fungere|virke|acceptere|overveje|tænke over|tage stilling|kigge på|tænke på)",
    r"hvis (du|i) (\S+ )?(er|synes|har lyst|vil) (\S+ )?(frisk\w*|med|med på|interesseret"
    r"|klar|til|for|enig\w*|god for|okay|ok|positiv\w*|åben\w*|det)( den| det)?$",
    r"skal (vi|jeg) (\S+ ){0,6}",
    r"skal vi (det|ikke)",
    r"skal jeg (det|gøre det|sende|melde|sætte)",
    r"kan vi (\S+ ){0,2}(aftale|køre|gøre|sige|sætte|starte|prøve|regne|blive enige|tage|lave"
    r"|gå|lande|mødes|lægge)",
    r"er (du|i|de) (\S+ ){0,1}(enig\w*|frisk\w*|med|interesseret|interesserede|klar|villig\w*"
    r"|åben\w*|okay|ok|tilfreds|tryg|positiv|positive|overbevist|solgt|game|med på)",
    r"har vi en aftale",
    r"er vi enige",
    r"hvordan har (du|i) det med (det|dét|det her)",
    r"hvad tror (du|i) (om det|på det)",
    r"(passer|passede|huer|lyder|virker) (det|dét) (\S+ )?(dig|jer|godt|fint|bedre|bedst|ok"
    r"|okay|rimeligt|fornuftigt|interessant|attraktivt)",
    r"kan (du|i) (godt |ikke )?se (\S+ ){0,2}\S+",
    r"(har|giver) (det|dét) (\S+ )?(interesse|værdi|mening)",
    r"må jeg (sende|booke|maile|komme|ringe|reservere|sætte|melde|skrive|tage)",
    r"hvad med at",
    r"(er|var) det (noget|en ting)",
    r"giver (det|dét) (\S+ ){0,1}(dig|jer) (noget|mening)",
    r"synes (du|i) (ikke|godt) om",
    r"(ok|okay|aftale|deal)$",
    r"er det (stadig )?noget for (dig|jer)",
    # Asking the contact's opinion of a proposal: "synes du, vi skal prøve det?"
    r"(synes|tror|tænker|mener) (du|i) (ikke |egentlig )?(at )?(vi|jeg) (\S+ )?(skal|skulle|bør"
    r"|burde|kan|kunne) ",
    r"(synes|tror|tænker|mener) (du|i) (ikke |egentlig )?(at )?(det|den|det her|dette) (\S+ )?"
    r"(kunne|kan|vil|ville|er|var|lyder) (\S+ ){0,2}(være|passe|fungere|hjælpe|virke|godt|fint|ok"
    r"|okay|rimeligt|værd|noget|en god|brugbart|interessant|relevant|fornuftigt|bruges|gavne"
    r"|løse|dække|lette)",
)
_EXPLORING_THING = rx(
    r"(er|var) det (\S+ )?noget (med|omkring|ved|i forhold til)",
    r"(er|var) det (\S+ )?noget,? (i|du|de|man) (selv|plejer|gør|har|bruger|allerede|normalt)",
)
# Asking to call again later, or when that suits, retreats: it neither checks that the answer
# landed nor explores the objection.
_CALL_AGAIN = rx(
    r"(må|kan|skal|gider) jeg (\S+ )?(ringe|kontakte|prøve|fange|skrive til|høre fra) (\S+ ){0,2}"
    r"(igen|tilbage|senere|en anden gang|på et andet tidspunkt)",
    r"hvornår (passer|passede|egner) (det|det sig) (\S+ )?(bedre|bedst)",
    r"hvornår (må|kan|skal) jeg (\S+ )?(ringe|kontakte|prøve|fange) (dig|jer)( igen| tilbage)?$",
)
_NOT_ACCEPT = rx(
    r"(har|nogen|nogle|flere|andre) (\S+ ){0,2}(spørgsmål|sporgsmal|spørgsmal)",
    r"kender (du|i)",
    r"har (du|i) hørt om",
)


def accept_check(document: Document) -> Hit | None:
    """A question that asks whether the answer or proposal landed with the contact."""
    for sentence in document.sentences:
        if hit_in(sentence, _NOT_ACCEPT) is not None or hit_in(sentence, _CALL_AGAIN) is not None:
            continue
        for hit in _accept_hits(sentence):
            if sentence.question or (
                hit.first <= content_start(sentence) and asks_here(sentence, hit.first)
            ):
                return hit
            if is_question(sentence) and hit.first <= content_start(sentence):
                return hit
            if direct_hv_question(sentence, hit.first) or _after_opinion_question(
                sentence, hit.first
            ):
                return hit  # unpunctuated run-on: "… og ja jeg ved ikke hvad tænker du"
            if _closes_run_on(sentence, hit):
                return hit
    return None


def _accept_hit(sentence: Sentence) -> Hit | None:
    """An acceptance check that opens its sentence or clause ("…, giver det mening?")."""
    return next(_accept_hits(sentence), None)


def _accept_hits(sentence: Sentence) -> Iterator[Hit]:
    """Every acceptance check that opens its sentence or clause, first to last."""
    start = 0
    while start < len(sentence.words):
        hit = hit_in(sentence, _ACCEPT_CHECK, start)
        if hit is None:
            return
        start = hit.first + 1
        opens = (
            hit.first <= content_start(sentence)
            or hit.first in sentence.clause_starts
            or (sentence.words[hit.first - 1] in _CONJUNCTIONS)
            or direct_hv_question(sentence, hit.first)
            or _after_opinion_question(sentence, hit.first)
            or sentence.words[hit.first] == _IF  # "… hvis du er frisk?" closes the question
            or _closes_run_on(sentence, hit)
        )
        if (
            opens
            and not _asks_for_more(sentence, hit)
            and not _second_alternative(sentence, hit)
            and not _explores_a_thing(sentence, hit)
        ):
            yield hit


def _closes_run_on(sentence: Sentence, hit: Hit) -> bool:
    """Dictation drops the marks: "… to personer fra november lyder det fornuftigt" ends in an
    inverted check that is its own unmarked clause (after a topic such as "så" it is not)."""
    return (
        not sentence.question
        and word_at(sentence, content_start(sentence)) not in HV_WORDS
        and hit.last >= len(sentence.words) - 3
        and asks_here(sentence, hit.first)
    )


def _explores_a_thing(sentence: Sentence, hit: Hit) -> bool:
    """ "Er det noget med opfølgningen?" asks what lies behind; "er det noget?" checks."""
    found = hit_in(sentence, _EXPLORING_THING, hit.first)
    return found is not None and found.first == hit.first


_OR = fold("eller")
_IF = fold("hvis")
_OPINION_VERBS = words("siger", "synes", "tænker", "mener")


def _after_opinion_question(sentence: Sentence, index: int) -> bool:
    """ "hvad siger du er vi enige": a second check run on after "hvad siger du"."""
    return (
        index >= 3
        and sentence.words[index - 3] == "hvad"
        and sentence.words[index - 2] in _OPINION_VERBS
        and sentence.words[index - 1] in SUBJECTS
    )


def _second_alternative(sentence: Sentence, hit: Hit) -> bool:
    """ "Er det en politik fra hovedkontoret, eller er det noget I selv bestemmer?" offers two
    alternatives to explore; the second half is no check that an answer landed."""
    if hit.first == 0 or sentence.words[hit.first - 1] != _OR:
        return False
    start = content_start(sentence)
    return starts_inverted(sentence, start) and hit_in(sentence, _ACCEPT_CHECK) == hit


_THINKING = words("tænker", "synes", "mener", "tror", "siger", "tykkes")
_CONTENT_FOLLOWS = words("at", "der", "det", "skal", "er", "kunne", "ville", "vil")


def _asks_for_more(sentence: Sentence, hit: Hit) -> bool:
    """ "Hvad tænker du, at en fleksjobber ville kræve?" explores; it does not check acceptance."""
    first = sentence.words[hit.first]
    if first != "hvad" or word_at(sentence, hit.first + 1) not in _THINKING:
        return False
    rest = sentence.words[hit.first + 3 :]
    return len(rest) > 2 and rest[0] in _CONTENT_FOLLOWS


_META_QUESTION = rx(
    r"(har|nogen|nogle|flere|andre) (\S+ ){0,2}(spørgsmål|sporgsmal)",
    r"(stille|spørge) (dig |jer )?(om )?(et par|nogle|et|to|tre|lige) (\S+ )?(spørgsmål|ting)",
    r"(vil|skal|kan) (\S+ )?spørge (mig|os) om",
    r"noget (du|i) vil (vide|spørge)",
    r"hvad er (din|jeres|dit) (\S+ ){0,1}(mail\w*|e-mail\w*|email\w*|nummer|telefonnummer"
    r"|adresse|navn)",
    r"(må|kan) jeg (få|bede om) (din|jeres|dit) (mail\w*|email\w*|nummer|telefonnummer"
    r"|adresse)",
)
_EXPLORE_ASK = rx(r"må jeg (lige )?(spørge|høre)", r"kan du uddybe", r"uddyb")


def afklaring(document: Document) -> Hit | None:
    for sentence in document.sentences:
        explicit = hit_in(sentence, _EXPLORE_ASK)
        if explicit is not None:
            return explicit
        if _proposes(sentence, content_start(sentence)):
            continue  # "Hvad hvis vi starter med …?" offers; it does not explore
        open_hit = open_question_hit(sentence)
        if not is_question(sentence) and open_hit is None:
            continue
        if (
            hit_in(sentence, _META_QUESTION) is not None
            or hit_in(sentence, _CALL_AGAIN) is not None
        ):
            continue
        if _is_accept_only(sentence):
            continue
        if open_hit is not None:
            return open_hit
        start = content_start(sentence)
        return Hit(sentence, start, min(len(sentence.words) - 1, start + 6))
    return None


def _is_accept_only(sentence: Sentence) -> bool:
    hit = _accept_hit(sentence)
    if hit is None:
        return False
    if not is_question(sentence):
        return False
    # The part after the acceptance check may still ask something more:
    # "Skal jeg sige det direkte: mangler I folk nu?"
    later_question = any(
        starts_inverted(sentence, content_start(sentence, clause))
        and not _accept_opens(sentence, content_start(sentence, clause))
        for clause in sentence.clause_starts
        if clause > hit.first
    )
    checks = {index for check in _accept_hits(sentence) for index in range(check.first, check.last)}
    more_hv = any(
        word in HV_QUESTION_WORDS and index not in checks
        for index, word in enumerate(sentence.words[hit.last + 1 :], start=hit.last + 1)
    )
    return sentence.words[hit.first] == "hvad" or not (more_hv or later_question)


def _accept_opens(sentence: Sentence, index: int) -> bool:
    """Whether a second acceptance check starts here ("…, og lyder det fair?")."""
    hit = hit_in(sentence, _ACCEPT_CHECK, index)
    return hit is not None and hit.first == index


_ARGUMENT = rx(
    r"gratis",
    r"(koster|koste) (\S+ ){0,2}(ikke|ingenting|intet|ikke en krone|ikke noget|ikke en øre"
    r"|nul|0)",
    r"uden (\S+ )?(omkostning\w*|udgift\w*|beregning|betaling|bureaugebyr\w*|gebyr\w*|binding\w*"
    r"|forpligtelse\w*|risiko|ekstra arbejde|papirarbejde|bøvl)",
    r"ikke en krone",
    r"(vi|kommunen|jobcentret|staten|jeg) (\S+ ){0,1}(betaler|dækker|finansierer)",
    r"refusion\w*",
    r"spar\w*",
    r"besparelse\w*",
    r"billigere",
    r"dyr",
    r"dyre",
    r"dyrt",
    r"(vi|jeg|kommunen|jobcentret|vores \S+) (\S+ ){0,2}(sørger|klarer|tager os af|står for"
    r"|hjælper|screener|matcher|sender|koordinerer|formidler|tilbyder|leverer|finder|laver"
    r"|følger op|kommer|sikrer|udvælger|håndterer|ordner|kender|uddanner|opkvalificerer"
    r"|stiller|kombinerer|garanterer|tjekker|forbereder|skræddersyr|udfylder|tager mig af)",
    r"(sørger|klarer|matcher|screener|koordinerer|formidler|tilbyder|leverer|finder|sender"
    r"|tager) (vi|jeg)",
    r"(vi|jeg) (kan|kunne|vil) (\S+ ){0,2}(tilbyde|levere|sende|hjælpe|lave|screene|matche"
    r"|finde|tage|klare|kombinere|koordinere|stille|sørge|give|skaffe|ordne|udfylde|starte"
    r"|komme|følge|ringe|aftale|fortælle|forklare|supplere|tilpasse|aflaste|afholde|arrangere"
    r"|sætte|oprette|lægge|maile|træne|oplære|opkvalificere)",
    r"(vi|jeg) har (\S+ ){0,2}(kandidat\w*|folk|en pulje|flere|mange|fået|lige fået|lavet"
    r"|erfaring\w*|gode|erfarne|et fast|en ny|nemlig|en digital|netop|\d+|ledige|medlemmer|kurser)",
    r"(?<!tak )(?<!takker )fordi",
    r"derfor",
    r"nemlig",
    r"(forskellen|fordelen|pointen|gevinsten) er",
    r"det betyder,? at",
    r"så (i|du|de|det|der|han|hun|jeres|i ikke|du ikke) (\S+ ){0,1}(kan|får|sparer|slipper|ikke|kun"
    r"|undgår|bliver|går|har|er|betaler|skal|når|står|mister|selv)",
    r"så (har|kan|får|slipper|sparer) (du|i)",
    r"(det )?tager (kun|højst|bare|maks|max|under) ",
    r"(kun|bare|højst) (to|2|fem|5|et par|ti|10|tre|3) (minutter|min|minut)",
    r"uforpligtende",
    r"(i|du) kan (\S+ ){0,2}(prøve|se|møde|ansætte|teste|vælge|sige|selv|afgøre|vurdere|stoppe"
    r"|nå|starte|få|bruge|have|ringe)",
    r"(mange|flere|andre) (\S+ ){0,2}(virksomheder|firmaer|arbejdsgivere|af dem|af vores|kunder)",
    r"i dag (går der|matcher vi|er det|tager det|har vi)",
    r"i job",
    r"(lad mig|jeg kan) (lige )?(fortælle|forklare|vise)",
    r"kan (du|i) (selv )?(afgøre|vurdere|beslutte|vælge|prøve|teste|nå|slippe|spare)",
    r"(med|hos|gennem|via) os",
    r"supplere",
    r"hurtig\w*",
    r"(nemt|nemmere|lettere|let) for (jer|dig)",
    # A gain in time or effort: "så spilder jeg ikke din tid", "hvilket gør samtalen kortere".
    r"(spilder|spilde|bruger|bruge|tager|tage) (\S+ ){0,2}(ikke|ingen) (\S+ )?(din|jeres) tid",
    r"(gør|gøre) (\S+ ){0,3}(kortere|nemmere|lettere|enklere|hurtigere|billigere|mindre)",
    r"fleksibel\w*",
    r"(dit|dine|jeres) input",
    # What has changed since the contact's bad experience ("vi har skåret ned på møderne").
    r"(vi|jeg|kommunen|jobcentret) (har )?(faktisk |nu |lige |allerede |siden )*(skåret ned"
    r"|skåret \S+ ned|ændret|forenklet|lavet om|forbedret|droppet|fjernet|indført|sat ned"
    r"|reduceret|omlagt|samlet|gjort det (nemmere|lettere|enklere|hurtigere))",
    r"kan (\S+ )?(foregå|klares|ordnes|gøres|tages|holdes) (\S+ )?(over|på|via|online"
    r"|digitalt|telefonisk|hjemmefra|hos jer|virtuelt)",
    # A person set aside for the company, and a promise about how fast they answer.
    r"(en|et|jeres|din|egen|eget) (fast|faste|dedikeret|personlig|personligt|egen|eget)"
    r" (kontakt\w*|konsulent\w*|tovholder\w*|mentor\w*|rådgiver\w*|nummer)",
    r"(vi|jeg|hun|han|de|konsulenten|kontaktpersonen) (\S+ )?(svarer|reagerer|ringer tilbage"
    r"|vender tilbage) (\S+ )?(altid|hurtigt|samme dag|inden for|indenfor|senest|med det samme)",
    # What the offered person can take off the company's hands: "hvor en praktikant kan hjælpe".
    r"(en|et|vores|jeres|nogle|to) (\S+ )?(praktikant\w*|kandidat\w*|løntilskud\w*|fleksjob\w*"
    r"|voksenlærling\w*|lærling\w*|mentor\w*|\w*ansat|\w*ansatte|vikar\w*|elev\w*)"
    r" (\S+ ){0,2}(kan|vil|kunne|ville) (\S+ ){0,2}(hjælpe|aflaste|tage sig af|klare|løfte"
    r"|dække|overtage|bidrage|supplere|tage over|passe)",
)


_ARGUMENT_STATEMENT = rx(
    r"(i|du) får (?!brug(?!\S))",
    r"får (i|du) (?!brug(?!\S))",
    r"(vi|jeg) (gør|klarer|ordner|tager|håndterer|står for) (\S+ )?(det hele|alt|resten"
    r"|papirarbejdet|papirerne|det praktiske)",
    r"(du|i) skal (bare|kun|blot) (sige ja|skrive under|sige til|godkende|ringe)",
)
_ARGUMENT_OFFER = rx(
    r"(virksomhedspraktik|praktik\w*|løntilskud\w*|fleksjob\w*|jobrotation\w*|mentor\w*"
    r"|kursus|\w+kursus|kurser|opkvalificering\w*|screening\w*|voksenlærling\w*|jobordre\w*"
    r"|kandidat\w*|cv\w*|sprogkurs\w*|danskundervisning\w*|\w*uddannelse|\w*tilskud\w*)",
)
_WE = words("vi", "jeg", "vores", "kommunen", "jobcentret")
_WHAT_IF = rx(
    r"hvad (så |nu |med )?(hvis|om) (jeg|vi)",
    r"hvad med at (jeg|vi)",
    r"hvad (så |nu |hvis |om )?med (en|et|nogle|et par|to|tre|\d+) (\S+ ){0,3}(virksomhedspraktik"
    r"|praktik\w*|løntilskud\w*|fleksjob\w*|jobrotation\w*|mentor\w*|\w*kursus|kurser"
    r"|opkvalificering\w*|screening\w*|voksenlærling\w*|jobordre\w*|kandidat\w*|cv\w*"
    r"|prøvedag\w*|forløb\w*|\w*forløb)",
)


def _proposes(sentence: Sentence, start: int) -> bool:
    """ "Hvad så hvis jeg sender dig et par CV'er?" offers something in the shape of a question."""
    hit = hit_in(sentence, _WHAT_IF, start)
    return hit is not None and hit.first == start


_BECAUSE = words("fordi", "derfor", "nemlig")


def _asks_for_reason(sentence: Sentence) -> bool:
    """ "Er det fordi bureauet er hurtigere?" asks whether that is the contact's reason; what
    it names (speed, price) is theirs, not an argument."""
    start = content_start(sentence)
    return starts_inverted(sentence, start) and any(
        word in _BECAUSE for word in sentence.words[start + 1 : start + 4]
    )


_PAST_VERBS = words("var", "havde", "kom", "blev", "gik", "fik", "brugte", "prøvede", "tog")


def _asks_about_past(sentence: Sentence) -> bool:
    """ "Var det en af vores kandidater?" asks what happened back then; it offers nothing."""
    start = content_start(sentence)
    return word_at(sentence, start) in _PAST_VERBS and word_at(sentence, start + 1) in SUBJECTS


def argument(document: Document) -> Hit | None:
    for sentence in document.sentences:
        question = is_question(sentence)
        if question and _asks_about_past(sentence):
            continue
        if (
            question
            and sentence.words
            and word_at(sentence, content_start(sentence)) in HV_QUESTION_WORDS
            and not _proposes(sentence, content_start(sentence))
        ):
            continue
        if question and _asks_for_reason(sentence):
            continue
        hit = hit_in(sentence, _ARGUMENT)
        if hit is not None:
            return hit
        if not question:
            statement = hit_in(sentence, _ARGUMENT_STATEMENT)
            if statement is not None:
                return statement
        offer = hit_in(sentence, _ARGUMENT_OFFER)
        if offer is None:
            continue
        if question and not any(word in _WE for word in sentence.words[: offer.first]):
            continue  # "Gælder stoppet også for praktikanter?" asks; it offers nothing
        return offer
    return None


# ----------------------------------------------------------------------------------------------
# loesning

_OFFER = rx(
    r"\w*praktik",
    r"\w*praktikken",
    r"\w*praktikforløb\w*",
    r"praktikant\w*",
    r"praktikplads\w*",
    r"\w*løntilskud\w*",
    r"\w*lontilskud\w*",
    r"\w*jobordre\w*",
    r"\w*stillingsopslag\w*",
    r"\w*jobopslag\w*",
    r"opslag\w*",
    r"\w*kandidat\w*",
    r"cv\w*",
    r"\w*screen\w*",
    r"opkvalificer\w*",
    r"\w*kursus",
    r"\w*kurset",
    r"\w*kurser",
    r"\w*kurserne",
    r"amu\w*",
    r"\w*mentor\w*",
    r"\w*fleksjob\w*",
    r"jobrotation\w*",
    r"\w*lærling\w*",
    r"\w*larling\w*",
    r"\w*elev",
    r"\w*elever",
    r"igu",
    r"seniorjob\w*",
    r"skånejob\w*",
    r"nytteindsats\w*",
    r"rekrutteringspakke\w*",
    r"(hele |selve )?rekrutteringen",
    r"prøvedag\w*",
    r"prøveansættelse\w*",
    r"jobsamtale\w*",
    r"\w*certifikat\w*",
    r"\w*uddannelsesløft\w*",
    r"efteruddannelse\w*",
    r"jobmesse\w*",
    r"vikar",
    r"vikarer",
    r"(finde|finder|rekruttere|rekrutterer|skaffe|skaffer|sende|sender|stille med|stiller med"
    r"|formidle|matche) (dig |jer |jeres |over )?(en|et|to|tre|fire|fem|seks|ti|\d+|et par"
    r"|nogle|flere|par) (ekstra |erfarne |erfaren |nye |ny |dygtige |dygtig |faglærte |faglært "
    r"|kvalificerede |gode |god |unge |motiverede |danske |ledige |stærke |friske )*"
    r"(?!(løsning\w*|plan|mulighed\w*|snak|aftale|mail|materiale|link|tilbud|forslag"
    r"|information|info|folder|brochure|ide|idé|måde|vej|model|ordning|løsninger|noget|hånd"
    r"|svar|tid|møde|ting)(?!\S))\S+",
    r"ansøger\w*",
)


def konkret_tilbud(document: Document) -> Hit | None:
    return find(document, _OFFER)


_LINK = rx(
    r"(da|som|fordi|eftersom|siden|nu hvor|når|nu da) (du|i|de) (\S+ ){0,1}(nævnte|sagde|fortalte"
    r"|talte|snakkede|beskrev|forklarede|nævner|siger|fortæller|har nævnt|har sagt|har fortalt)",
    r"(du|i) (nævnte|sagde|fortalte|har talt om|snakkede om|talte om|var nervøs\w*|nævner"
    r"|siger|fortæller|har nævnt|har sagt|har fortalt|var inde på|beskrev|forklarede"
    r"|efterspurgte|bad om|ønskede|ønsker|var bekymret|er bekymret|er nervøs\w*)",
    r"ud fra (det|hvad) ",
    r"(fordi|da|eftersom|siden|nu hvor|nu da|når) (i|jeres|du|din|dit|jer)",
    r"(fordi|da|eftersom|siden|nu hvor) (\S+ ){0,2}(jeres|i har|i mangler|i skal)",
    r"så (i|du|de|han|hun|jeres|i ikke|du ikke) (\S+ ){0,2}(kan|får|slipper|ikke|kun|har|sparer"
    r"|undgår|lever|når|kommer|bliver|står|skal|mister|er)",
    r"så (det|den) (bliver|er) (\S+ ){0,2}(for jer|for dig|billigere|nemmere|lettere)",
    r"(til|for|inden|med|på|hos|i) jeres (nye |egen |egne |travle )?(?!(side|vegne)(?!\S))\S+",
    r"jeres (\S+ )?(behov|problem\w*|udfordring\w*|mangel|travle|situation|sæson\w*|\w*sæson\w*"
    r"|højsæson\w*|spidsbelastning\w*|\w*problem|flaskehals\w*|sygefravær\w*|udskiftning\w*)",
    r"(matcher|passer til|løser|løse|dækker|afhjælper|aflaster) (\S+ ){0,1}(jeres|jer|jeres"
    r" behov)",
    r"hvor (i|du) (jo )?(har|mangler|skal|står)",
    r"(i|jeres \S+) (\S+ ){0,2}(mangler|manglede|har brug for|har travlt|har svært)",
    r"in mente",
    r"(det|det var) (\S+ ){0,1}(lige )?(det|præcis det),? (du|i) (var|er|nævnte|sagde)",
    r"(som|den|det|der|de) (du|i) (talte|snakkede|har talt|nævnte|sagde)",
    r"(som|hvor|når) (i|du) (\S+ )?(åbner|starter|bygger|udvider|skal|mangler|får|søger"
    r"|planlægger|har brug|står)",
    # The offer fits a fact about the company: "det passer fint med, at I åbner …".
    r"(passer|hænger|går|spiller) (\S+ ){0,2}(sammen )?med,? at (i|du|jeres|din|dit)",
    # The company's goal as the aim: "for at I kan holde åbent hele sommeren".
    r"for at (i|du|jeres \S+) (\S+ )?(kan|får|slipper|undgår|når|kommer|bliver|har|skal|ikke)",
    # What the company gets out of it: "I får en faglært truckfører ud af det".
    r"((i|du) (får|ender med|står med|sidder med)|(får|står) (i|du)) (\S+ ){0,5}ud af"
    r" (det|den|forløbet|ordningen)",
)
# The company's own situation as the condition ("hvis I skal bruge folk til høsten"), the
# company named as a definite noun that lacks someone ("Salonen mangler jo en til lørdagene"),
# and a change in its staff as the occasion ("… klar, når Bent går på pension").
_LINK_SITUATION = rx(
    r"hvis (i|du) (\S+ )?(skal bruge|mangler|har brug for|står og mangler|får brug for)"
    r" (\S+ ){0,4}(til|i|på|når|efter|før|inden)",
    r"(?!((kandidat|praktikant|borger|ledig|person|medarbejder|lærling|elev|mentor)\w*"
    r"|det|den|dem|noget|nogen|ingen|hvem)(?!\S))"
    r"\S+(et|en|erne|ene) (jo |også |stadig |altså |nu )?(mangler|manglede|har brug for"
    r"|står og mangler|skal bruge)",
)
_STAFF_CHANGE = rx(
    r"(når|da|fordi|nu hvor|inden|før) (?!(praktik|forløb|løntilskud|kursus|periode|aftale|det"
    r"|den|kandidat|vedkommende)\w*(?!\S))\S+ (\S+ )?(går på (pension|efterløn|barsel|orlov)"
    r"|stopper|holder op|siger op|rejser|bliver sygemeldt|går af|flytter|fratræder)",
)
_NOT_LINK = rx(
    r"hvis (i|du|det|der)",
    r"(vigtigt|godt|vigtig) for os",
    r"vores (mål\w*|statistik\w*|kvote\w*|krav)",
    r"(i|du) ønsker det",
)


# Suiting them in general, or asking about their need, ties nothing yet; only where it stands.
_NOT_LINK_HERE = rx(
    r"(hvad|det|noget|den|de|dem|som) (\S+ )?der (\S+ )?passer (bedst |godt )?til (jer|dig)"
    r"(?! \S)",
    r"(høre|vide|forstå|spørge|snakke|tale|finde ud af|kende) (\S+ ){0,2}(om|til|af) jeres",
)


def _link_cancelled_here(sentence: Sentence, hit: Hit) -> bool:
    start = 0
    while start < len(sentence.words):
        blocker = hit_in(sentence, _NOT_LINK_HERE, start)
        if blocker is None:
            return False
        if blocker.first <= hit.first <= blocker.last:
            return True
        start = blocker.first + 1
    return False


def kobling(document: Document) -> Hit | None:
    for sentence in document.sentences:
        for clause in sorted(sentence.clause_starts):
            situation = hit_in(sentence, _LINK_SITUATION, clause)
            if situation is not None and situation.first == content_start(sentence, clause):
                return situation
        change = hit_in(sentence, _STAFF_CHANGE)
        if change is not None:
            return change
        start = 0
        while start < len(sentence.words):
            hit = hit_in(sentence, _LINK, start)
            if hit is None:
                break
            start = hit.last + 1
            blocker = hit_in(sentence, _NOT_LINK)
            if blocker is not None and (
                blocker.first <= hit.first <= blocker.last + 3
                or sentence.words[blocker.first] != fold("hvis")
            ):
                continue
            if _link_cancelled_here(sentence, hit):
                continue
            return hit
    return None


# ----------------------------------------------------------------------------------------------
# afslutning

_WEEKDAYS_SOURCE = r"(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(en|s)?"
_NEXT_STEP = rx(
    r"\w*møde\w*",
    r"mødes",
    r"ses (til|på|hos|den|i|om|på mandag)",
    r"besøg\w*",
    r"(kommer|kigger|kikker|svinger|smutter|kører) (\S+ ){0,2}(forbi|ud|over|ned)",
    r"(komme|kigge|kikke|svinge|smutte) (\S+ ){0,2}(forbi|ud|over)",
    r"(kigger|kikker|svinger|smutter|kigge|kikke|svinge|smutte) (\S+ ){0,2}ind (til|på|hos|forbi)",
    r"(sender|sende|mailer|maile|sendes|fremsender) (\S+ ){0,8}(cv\w*|kandidat\w*|profil\w*"
    r"|link\w*|mail|aftale\w*|udkast\w*|kalenderinvitation\w*|jobordre\w*|\w*opslag\w*|invitation\w*|information\w*"
    r"|jobbeskrivelse\w*|tilbud\w*|navne|materiale\w*|oplysninger|kontrakt\w*|papirer\w*"
    r"|blanket\w*|\w*aftale\w*|ansøgning\w*|opslag\w*|dem|den|det|beskrivelse\w*|info|folder\w*"
    r"|brochure\w*|nummer|referat\w*)",
    r"(opretter|oprette|oprettes|laver|lave|sætter|sætte|lægger|lægge|slår|slå|opretter) "
    r"(\S+ ){0,3}(jobordre\w*|stillingsopslag\w*|\w*opslag\w*|aftale\w*|annonce\w*|profil\w*)",
    r"(jobordre\w*|stillingsopslag\w*|\w*opslag) (\S+ ){0,5}(oprettes|laves|sættes|lægges)",
    r"(ringer|ringe|kontakter|kontakte) (\S+ ){0,3}(op|igen|tilbage|torsdag|fredag|mandag"
    r"|tirsdag|onsdag|lørdag|søndag|i morgen|i næste|om|den|på|kl|klokken|til dig|til jer)",
    r"(booker|booke|reserverer|indkalder|indkalde|planlægger) (\S+ ){0,3}",
    r"(opfølgning\w*|opfølgende|opfølgningsmøde\w*|opfølgningsopkald\w*)",
    r"prøvedag\w*",
    r"starter (\S+ ){0,2}(i praktik|praktik|hos jer|på mandag|på)",
    r"(i praktik|praktikken) (starter|begynder)",
    r"(en )?samtale (med|hos|på)",
    r"kalender\w*",
    r"(lad os|skal vi) (tage|holde|aftale|finde|sætte|lave|booke|mødes)",
    r"(i|på) (din|jeres) (indbakke|mail|postkasse)",
    r"ses (på |til )?" + _WEEKDAYS_SOURCE,
    r"(finder|finde|skaffer|skaffe|udvælger|screener) (\S+ ){0,3}(kandidat\w*|folk|cv\w*)",
    r"(opretter|oprette|slår|slå) (\S+ ){0,3}(stilling\w*)( op)?",
    # The step told from the contact's side: "I får CV'er fra os", "du modtager udkastet".
    r"(i|du) (får|modtager|modtar) (\S+ ){0,3}(cv\w*|kandidat\w*|profil\w*|jobordre\w*"
    r"|udkast\w*|kontrakt\w*|papirer\w*|invitation\w*|besøg|referat\w*|link\w*|\w*opslag\w*"
    r"|ansøgning\w*|oplysninger\w*|materiale\w*|navne)",
)
_VAGUE_STEP = rx(
    r"vender tilbage",
    r"vende tilbage",
    r"giver lyd",
    r"give lyd",
    r"hører fra (dig|jer|hinanden)",
    r"snakkes ved",
    r"høres ved",
    r"holder kontakt\w*",
    r"følger op en af dagene",
    r"en af dagene",
    r"på et tidspunkt",
    r"en dag(?! (i|inden|før|sidst|først|midt) )",  # "en dag i næste uge" names the week
    r"måske",
    # Waiting for what may turn up: "… når jeg har nogen", "hvis der dukker nogle op".
    r"(når|hvis|såfremt) (jeg|vi|der) (\S+ ){0,2}(har|finder|får|ser|dukker|kommer|støder på)"
    r" (\S+ ){0,2}(nogen|noget|nogle|op|ind)",
    r"hvis (det|der|i|du|behovet|jeres|man) (\S+ ){0,4}(relevant|brug|behov|opstår|aktuelt"
    r"|interess\w*|lyst|ønsker|vil|dukker|får)",
    r"ring endelig",
    r"en anden gang",
    r"(må|kan) (\S+ )?gerne ringe",
    r"(du|i) må (endelig |gerne )?ringe",
    r"ikke noget",
)


def naeste_skridt(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _NEXT_STEP)
        if hit is None:
            continue
        vague_clauses = _clauses_with(sentence, _VAGUE_STEP)
        for clause, opens in _conditional_clauses(sentence):
            # "jeg kigger gerne forbi, hvis det …" and "Hvis det bliver aktuelt, kan jeg …";
            # a condition inside its own part ("… og så ringer du fredag, hvis der er nogen")
            # leaves the other parts of the plan concrete.
            vague_clauses |= {clause - 1, clause, clause + 1} if opens else {clause}
        vague_clauses |= _if_clauses(sentence)
        concrete = None
        start = 0
        while start < len(sentence.words):
            step = hit_in(sentence, _NEXT_STEP, start)
            if step is None:
                break
            start = step.last + 1
            if _clause_of(sentence, step.first) in vague_clauses:
                continue  # "jeg vender tilbage" or "en af dagene" in the same clause
            if negated(sentence, step, window=0):
                continue
            concrete = step
            break
        if concrete is not None:
            return concrete
    return None


def _clause_of(sentence: Sentence, index: int) -> int:
    """The number of the part of a plan a word stands in: commas, colons and dashes separate
    them, and so does "og (så)" before a new subject ("jeg sender CV'erne, og så ringer du")."""
    return sum(1 for start in _plan_parts(sentence) if 0 < start <= index)


_AND = fold("og")
_PART_OPENERS = SUBJECTS | {fold("så"), fold("bagefter"), fold("derefter"), fold("herefter")}


def _plan_parts(sentence: Sentence) -> frozenset[int]:
    return sentence.clause_starts | {
        index
        for index, word in enumerate(sentence.words)
        if word == _AND and word_at(sentence, index + 1) in _PART_OPENERS
    }


def _clauses_with(sentence: Sentence, pattern: re.Pattern[str]) -> set[int]:
    found: set[int] = set()
    start = 0
    while start < len(sentence.words):
        hit = hit_in(sentence, pattern, start)
        if hit is None:
            break
        found.add(_clause_of(sentence, hit.first))
        start = hit.last + 1
    return found


_VAGUE_OPENERS = words("hvis", "måske", "ring", "når", "såfremt")


def _conditional_clauses(sentence: Sentence) -> set[tuple[int, bool]]:
    """Clauses holding a condition on the contact's need ("hvis det bliver relevant") or a
    "måske", and whether the condition opens its clause: a step there, or (when it opens its
    own clause) in the clause the condition hangs on, is not concrete."""
    found: set[tuple[int, bool]] = set()
    parts = _plan_parts(sentence)
    start = 0
    while start < len(sentence.words):
        hit = hit_in(sentence, _VAGUE_STEP, start)
        if hit is None:
            break
        if sentence.words[hit.first] in _VAGUE_OPENERS:
            clause = _clause_of(sentence, hit.first)
            opening = max((part for part in parts if part <= hit.first), default=0)
            opens = all(word in FILLERS for word in sentence.words[opening : hit.first])
            found.add((clause, opens))
        start = hit.last + 1
    return found


def _if_clauses(sentence: Sentence) -> set[int]:
    """Clauses opened by "hvis": what happens there is a condition, not a plan."""
    return {
        _clause_of(sentence, start)
        for start in _plan_parts(sentence)
        if word_at(sentence, content_start(sentence, start)) == fold("hvis")
    }


_WEEKDAYS = r"(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(en|s)?"
_MONTHS = (
    r"(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)"
)
_TIME = rx(
    _WEEKDAYS,
    r"i (morgen|overmorgen|eftermiddag|formiddag|aften|nat|dag)( tidlig| formiddag"
    r"| eftermiddag| morgen)?",
    r"imorgen",
    r"idag",
    r"(i |på |næste |kommende |denne |inden |om en )(uge|weekend)( \d+)?",
    r"i (næste|denne|den kommende) (uge|måned)",
    r"næste (uge|måned|gang)",
    r"uge \d+",
    r"om (\d+|en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|fjorten|et par|en halv|halvanden"
    r"|en god) (\S+ )?(dag|dage|dages|uge|uger|uges|ugers|time|timer|times|minut\w*|måned\w*"
    r"|kvarter\w*)",
    r"kl \d+\S*",
    r"klokken \d+\S*",
    r"kl\w* (et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|halv \S+)",
    r"\d{1,2}[/.]\d{1,2}\S*",
    r"(den|d) \d+\S*",
    r"\d+ " + _MONTHS,
    r"(i|til|fra|inden|primo|ultimo|medio|start|slut|sidst i|først i|midt i|starten af"
    r"|slutningen af|udgangen af) " + _MONTHS,
    r"(til|på) (påske|jul|sommer|nytår)",
    r"(i eftermiddag|i formiddag|i aften)",
    r"om en halv time",
    r"inden (weekenden|frokost|fyraften|udgangen)",
    r"efter (frokost|weekenden|ferien|sommerferien|påske|nytår)",
    r"\d+ (?:dage|uger)",
)
_NOT_TIME = rx(
    r"(tak|takker) (\S+ ){0,2}for i dag",
    r"for i dag",
    r"god (mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|weekend|dag|aften)",
    r"(god|fortsat god|rigtig god) (dag|weekend)",
)


def tidspunkt(document: Document) -> Hit | None:
    for sentence in document.sentences:
        start = 0
        while start < len(sentence.words):
            hit = hit_in(sentence, _TIME, start)
            if hit is None:
                break
            start = hit.last + 1
            blocker = hit_in(sentence, _NOT_TIME, max(0, hit.first - 4))
            if blocker is not None and blocker.first <= hit.first <= blocker.last:
                continue
            return hit
    return None


_RECAP = rx(
    r"så (vi |det vi |det )?(aftaler|aftalte|har aftalt|er enige|er vi enige|siger|lander på"
    r"|har vi aftalt|er blevet enige|blev enige|har en aftale|aftaler vi)",
    r"så (har|er) vi (\S+ )?(aftalt|enige|landet|blevet enige|sagt)",
    r"så aftaler vi",
    r"det vi (har )?(aftalt|aftaler|lander på|er blevet enige om|er enige om|blev enige om)",
    r"(det )?vi (er|har) (\S+ )?(kommet|nået|landet) (frem )?(til|på)",
    r"for (lige )?at (vi|vi to) (\S+ )?(er|bliver|har) (\S+ )?(enige|på samme side|sikre|helt klar"
    r"|afstemt|det samme|styr på)",
    r"(så )?har vi (\S+ )?(styr på|på plads)",
    r"så er (det|alt|aftalen|den|det hele) (\S+ )?(på plads|aftalt|klappet af|i hus)",
    r"vi (har )?aftalt,? at",
    r"vi er (\S+ )?enige om",
    r"vi aftaler( altså)?,? at",
    r"(for (lige )?at|hvis jeg (lige )?skal|lad mig( lige)?|lige for at|så for (lige )?at)"
    r" (opsummere|opsumere|samle op|gentage|sammenfatte|runde af)",
    r"(kort )?opsummeret",
    r"opsummering\w*",
    r"opsumering\w*",
    r"opsummer\w*",
    r"opsumer\w*",
    r"(samler|gentager|ridser) (jeg|vi) (lige |kort |hurtigt )*(op|aftalen|det)",
    r"gentage aftalen",
    r"som aftalt",
    r"aftalen er",
    r"(er )?aftalen (er )?på plads",
    r"kort sagt",
    r"for at samle op",
    r"(kort sagt|altså),? (så )?(du|i|jeg|vi) ",
    # A frame that announces the deal before spelling it out: "så er planen: …",
    # "så har vi en aftale: …", "lad os sige det sådan: …".
    r"(så )?(er|bliver) (planen|aftalen|aftalen altså)",
    r"planen er",
    r"(så )?har vi (\S+ )?(en|vores) aftale",
    r"lad os (lige )?(sige|gøre|skrive|slå fast)( det)? (sådan|således|at)",
)
_RECAP_BOTH = rx(r"så (du|i)")
_SAYING_SO = words("siger", "gør")


_I_WE = words("jeg", "vi")


def afslutning_opsummering(document: Document) -> Hit | None:
    for sentence in document.sentences:
        hit = hit_in(sentence, _RECAP)
        if (
            hit is not None
            and not (sentence.question and starts_inverted(sentence, 0))
            and not _empty_agreement(sentence, hit)
        ):
            return hit
        both = hit_in(sentence, _RECAP_BOTH)
        if both is not None and both.first <= content_start_skipping_so(sentence):
            # "Så du vender tilbage …, og jeg ringer fredag": both parts of the deal restated
            later = [
                index
                for index in range(both.last + 1, len(sentence.words))
                if sentence.words[index] in _I_WE
                and (index in sentence.clause_starts or sentence.words[index - 1] == "og")
            ]
            if later:
                return Hit(sentence, both.first, later[0])
    return None


def _empty_agreement(sentence: Sentence, hit: Hit) -> bool:
    """ "Så siger vi det!" agrees without restating anything; "så siger vi torsdag" recaps."""
    if sentence.words[hit.last] not in _SAYING_SO:
        return False
    after = hit.last + 1
    if sentence.words[after : after + 2] == ("vi", "det"):
        after += 2
    elif word_at(sentence, after) == "det":
        after += 1
    else:
        return False
    return after >= len(sentence.words) or after in sentence.clause_starts


_THANKS = rx(
    r"tak\w*",
    r"tusind tak",
    r"1000 tak",
    r"mange tak",
    r"thanks",
    r"thx",
)
_THANK_FORMS = words("tak", "takker", "takke", "takken", "takkes")
_NOT_THANKS = words("takket", "takkede", "takketale")


def tak(document: Document) -> Hit | None:
    for sentence in document.sentences:
        start = 0
        while start < len(sentence.words):
            hit = hit_in(sentence, _THANKS, start)
            if hit is None:
                break
            start = hit.last + 1
            word = sentence.words[hit.first]
            if word in _NOT_THANKS:
                continue
            if word.startswith("tak") and word not in _THANK_FORMS:
                continue
            before = sentence.words[hit.first - 1] if hit.first > 0 else ""
            after = sentence.words[hit.first + 1] if hit.first + 1 < len(sentence.words) else ""
            if before == "nej" or (word == fold("takke") and after == "nej"):
                continue
            if word == fold("takke") and after == "nej":
                continue
            return hit
    return None


DOMAIN_WORDS = words(
    # Full forms of the words the rules match by prefix or inside compounds, so a typo in them
    # ("virksomhedspratik", "jobordern", "voksenlærlnig") is still recognised.
    "virksomhedspraktik",
    "praktikant",
    "praktikanter",
    "løntilskud",
    "løntilskudsjob",
    "jobordre",
    "jobordren",
    "stillingsopslag",
    "stillingsopslaget",
    "jobopslag",
    "kandidat",
    "kandidater",
    "kandidaterne",
    "screening",
    "screene",
    "opkvalificering",
    "opkvalificere",
    "opkvalificeringsforløb",
    "kursus",
    "mentor",
    "mentorordning",
    "fleksjob",
    "fleksjobber",
    "jobrotation",
    "voksenlærling",
    "lærling",
    "elev",
    "rekruttering",
    "rekruttere",
    "medarbejder",
    "medarbejdere",
    "sygefravær",
    "sygemeldt",
    "sygemeldte",
    "barsel",
    "fastholdelse",
    "fastholde",
    "jobcenter",
    "jobcentret",
    "jobcenteret",
    "kommune",
    "kommunen",
    "akasse",
    "akassen",
    "virksomhedsservice",
    "øjeblik",
    "minutter",
    "tidspunkt",
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
    "opsummere",
    "opsummering",
    "forstået",
    "rigtigt",
    "korrekt",
    "stemmer",
    "passer",
    "mening",
    "forstår",
    "forståeligt",
    "anerkender",
    "bekymring",
    "pointe",
    "gratis",
    "tilskud",
    "goddag",
    "godmorgen",
    "hedder",
    "angående",
    "vedrørende",
    "præsentere",
    "møde",
    "mødet",
    "besøg",
    "kalenderinvitation",
    "aftaler",
    "aftalt",
    "enige",
    "snakken",
    "samtalen",
    "interessant",
    "fornuftigt",
    "rimeligt",
    "mulighed",
    "hvordan",
    "hvilke",
    "hvornår",
    "hvorfor",
)

RULES: dict[str, dict[str, Rule]] = {
    "aabning": {
        "hilsen": hilsen,
        "praesentation": praesentation,
        "organisation": organisation,
        "formaal": formaal,
        "tilladelse": tilladelse,
    },
    "analyse": {
        "aabent_spoergsmaal": aabent_spoergsmaal,
        "behov": behov,
        "opsummering": analyse_opsummering,
        "accept": analyse_accept,
    },
    "indvendinger": {
        "anerkendelse": anerkendelse,
        "afklaring": afklaring,
        "argument": argument,
        "accept": accept_check,
    },
    "loesning": {
        "konkret_tilbud": konkret_tilbud,
        "kobling": kobling,
        "accept": accept_check,
    },
    "afslutning": {
        "naeste_skridt": naeste_skridt,
        "tidspunkt": tidspunkt,
        "opsummering": afslutning_opsummering,
        "tak": tak,
    },
}
