"""Why a line of scraped text is web chrome, wherever it stands on the page.

By its own text: encoded data (a uuencoded or base64 attachment), navigation and form text, photo
captions and credits, share buttons, teasers, menus, newsletter prompts, cookie and copyright notices,
author bios, publisher blurbs, reporting credits; or by repetition: a line, sentence or template the
other documents print too.
"""

from __future__ import annotations

import functools
import re

from topics.ingest.captions import sentence_spans
from topics.ingest.headline import LABELLED_LIST
from topics.ingest.lines import SENTENCE_MIN_WORDS, is_sentence, normalise_line, word_count
from topics.ingest.pageboxes import own_box_line
from topics.ingest.pagedates import COPYRIGHT
from topics.ingest.prose import ENCODED_MIN_CHARS, is_encoded
from topics.ingest.repeats import Repeats, coded_key, template_key

# Navigation, comment-form and advertising text, matched against a whole
# line after normalisation (lower case, edge punctuation removed).
KNOWN_CHROME = re.compile(  # the last lines: web video players' screen-reader text ("This is a modal window.")
    r"""^(?:
      advertisement|advertisements|ad|ads|sponsored(?:\ content)?|promoted
    | most\ (?:read|popular|viewed|shared)|trending(?:\ now)?|editor'?s?\ picks?
    | exit\ mobile\ version|skip\ to\ (?:main\ )?content|toggle\ navigation|menu|home|search
    | (?:jump|skip)\ to\ (?:navigation|search|content|main\ content)(?:\ (?:jump|skip)\ to\ (?:navigation|search|content))?
    | leave\ a\ (?:reply|comment)|cancel\ reply|post\ comment|submit(?:\ comment)?|comments?|\d+\ comments?
    | (?:please\ )?enter\ your\ (?:comment|name|email|e-mail)(?:\ address)?(?:\ here)?
    | save\ my\ name.*|notify\ me\ of\ .*|your\ email\ address\ will\ not\ be\ published.*
    | required\ fields\ are\ marked.*
    | more\ (?:articles|stories(?:\ today)?|from(?:\ category|\ author)?|news|on\ this\ topic)
    | related(?:\ (?:articles|posts|stories|news|topics))?|read\ (?:more|next|also)(?:\ .{0,60})?
    | you\ (?:may|might)\ also\ like|recommended(?:\ for\ you)?|latest(?:\ news|\ stories)?
    | share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ .{0,40})?|follow\ (?:us\ )?(?:\w+\ ){0,3}on.*
    | subscribe.*|sign\ (?:up|in).*|log\ ?in|newsletter
    | published|updated|posted|published\ on|updated\ on|posted\ (?:on|in)|on|by|print|email|e-mail
    | tags?:.*|filed\ under.*|categories:.*
    | all\ rights\ reserved.*|copyright.*|©.*
    | loading.*|click\ here.*|continue\ reading.*
    | related\ (?:videos?|coverage|content|links|reading)|watch\ (?:the\ )?(?:video|now)|(?:photo|image)\ gallery
    | facebook|twitter|linkedin|whatsapp|pinterest|reddit|tumblr|tweet|pin\ it|reblog|copy\ link|copied|read\ later
    | print\ this\ (?:page|article|story)|share\ (?:on|via)\ .{0,30}|(?:facebook\ )?twitter\ (?:email|facebook)
    | this\ is\ a\ modal\ window.*|close\ modal\ dialog|(?:beginning|end)\ of\ dialog\ window.*
    | (?:captions|subtitles|descriptions|chapters)(?:\ (?:off|settings))?(?:,\ (?:selected|opens\ \w+\ settings\ dialog))+
    | stream\ ?type\ ?live|seek\ to\ live,.*|(?:current|remaining|duration)\ time(?:\ -?\d+:\d+)?|(?:un)?mute
    | (?:exit\ |non-)?full\ ?screen|playback\ rate|no\ compatible\ source\ was\ found\ for\ this\ media
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The longest line KNOWN_CHROME matches but by an open-ended alternative, and how those start:
# a longer line is tried against it only when it starts so (most paragraphs do not).
KNOWN_CHROME_BOUNDED = 80
KNOWN_CHROME_OPEN = (
    "save my name", "notify me of ", "your email address will not be published", "required fields are marked", "follow ",
    "subscribe", "sign up", "sign in", "tag", "filed under", "categories:", "all rights reserved", "copyright", "©",
    "loading", "click here", "continue reading", "this is a modal window",
)

# Photo captions and credits: "(left)", "Photo: …", "… (Image: GETTY)", "(file photo)",
# "Media caption …", "Name/Agency/Getty Images".
CAPTION_START = re.compile(
    r"^(?:photos?|images?|pictures?|file\ photo|credit|source)\s*[:|/–—-]"
    r"|^(?:media|image|video|photo|picture)\s+(?:caption|copyright|credit)\b",
    re.IGNORECASE | re.VERBOSE,
)
CAPTION_PAREN = re.compile(  # tested only on lines holding a "("
    r"\((?:left|right|centre|center|top|bottom|above|below|file|pictured)\)"
    r"|\((?:image|photo|picture|video|credit|source|pictured|file\ photo|ap\ photo)s?\b[^()]{0,80}\)\s*$",
    re.IGNORECASE | re.VERBOSE,
)
PHOTO_CREDIT = re.compile(
    r"^[\w .,'’&-]{2,60}(?:/[\w .,'’&-]{2,60})+$|^(?:photo|photograph|image|picture)s?\s+(?:by|courtesy|credit)\b.{0,80}$",
    re.IGNORECASE,
)
# A caption that ends with its credit: "… Credit: STR/AFP", "… | Foto: Reuters", "… Photo: Joseph Cox".
CREDIT_TAIL = re.compile(
    r"(?:^|[\s.|])(?:photo(?:graph)?s?|fotos?|images?|pictures?|credits?|crédito|bild|source|fuente)\s*:\s*[^.!?:;]{2,80}$", re.IGNORECASE
)
CREDIT_END = re.compile(r"(?:images|photos?|pictures|getty|reuters|afp|ap|epa|shutterstock|alamy|corbis|istock(?:photo)?|wikimedia(?: commons)?)$", re.I)
COOKIE_NOTICE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|site) uses? cookies|\bwe (?:and our partners )?use cookies|\baccept (?:all )?cookies\b"
    r"|\bcookie (?:policy|settings|preferences|consent|notice)\b|\bby (?:continuing|using this site)\b.{0,80}\bcookies?\b",
    re.IGNORECASE,
)
# A consent banner in the words most sites share (the IAB's consent framework): "We and our partners store
# and/or access information on a device, such as cookies, and process personal data …". Long, but no article's.
CONSENT_NOTICE = re.compile(
    r"\bwe and our (?:\d+ )?(?:partners|vendors)\b.{0,200}?\b(?:cookies|personal data)\b|\bstore and/or access information on a device\b",
    re.IGNORECASE,
)
CONSENT_MAX_WORDS = 4 * 60
# A copyright notice: it opens with the mark, gives a year or holder after it, or reserves the rights.
# "by" and a holder, not a copyright named in prose ("they infringed copyright by illegally sharing music").
COPYRIGHT_NOTICE = re.compile(r"^\W*(?:©|\(c\)|copyright\b)|(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}|by\s+(?-i:[A-Z]))|\ball rights reserved\b",
                              re.IGNORECASE)
NOTICE_SHORT_WORDS = 12  # a line this short holding the mark is a notice however it is worded
# The site's licence for its own pages: "Text is available under the Creative Commons … License",
# "This website … is licensed under a Creative Commons …", "Except as otherwise noted, code samples … are licensed under …".
SITE_LICENCE = re.compile(r"\b(?:licen[sc]ed|available|distributed|released)\s+under\b.{0,80}?\blicen[sc]e", re.IGNORECASE)
SITE_SELF = re.compile(
    r"\bthis\s+(?:web\s?site|site|page|blog|work)\b|(?:^|[.;]\s+)(?:text|content|portions\s+of\s+this\s+content)\b|\botherwise\s+noted\b",
    re.IGNORECASE,
)
# A staff note at an article's end: "Lara Jakes is a diplomatic correspondent …", "X contributed reporting from Y."
# A name, its particles in lower case ("Mark di Stefano", "Ursula von der Leyen").
_NAME = r"[A-Z][\w.'’-]*\s+(?:(?:[A-Z][\w.'’-]*|d[aeiu]|de[lnr]?|della|van|von|bin|al|el|la|le|y)\s+){0,4}"
AUTHOR_BIO = re.compile(
    rf"^{_NAME}(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w,'’-]+\s+){{0,8}}?"
    r"(?:correspondent|reporter|writer|editor|columnist|journalist|bureau chief|contributor|photographer|critic|"
    r"producer|freelancer|author)s?\b",
)
BIO_SENTENCE = re.compile(
    rf"(?:^|[.!?]\s+|\s@\w+\s+){_NAME}(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w,'’-]+\s+){{0,8}}?"
    r"(?:correspondent|reporter|writer|editor|columnist|journalist|bureau chief|contributor|photographer|critic|producer)s?\b"
)
SOCIAL_HANDLE = re.compile(r"(?:^|\s)@\w{2,}\b")
REPORTING_CREDIT = re.compile(
    r"\bcontributed (?:reporting|research|to this (?:report|article|story))\b|^(?:reporting|additional reporting|"
    r"research) (?:by|from)\b",
    re.IGNORECASE,
)
# Share and follow buttons: "Click to share on Twitter (Opens in new window)", "Share on Facebook".
SHARE_BUTTON = re.compile(
    r"\(opens in (?:a )?new (?:window|tab)\)|^(?:click to )?(?:share|email|print|tweet|pin|post|send)\b.{0,30}\b(?:on|to|via|with)\s+"
    r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|tumblr|pocket|email|a friend|messenger)\b",
    re.IGNORECASE,
)
# A related-content teaser: its blurb cut short and a link to the rest ("… it's difficult … Read more").
TRUNCATED_TEASER = re.compile(
    r"(?:…|\.\.\.)\s*(?:read|continue\s+reading|see|view|full\s+(?:story|article)|more)\b[\w ]{0,20}$", re.IGNORECASE
)
# A teaser whose blurb ends in a link to the story: "… können. Mehr…", "… so? Read more »".
MORE_LINK = re.compile(
    r"[.!?…\"”»]\s+(?:read\s+more|more|mehr|weiterlesen|(?:lire\s+)?la\s+suite|(?:leer|ver|ler)\s+m[áa]i?s"
    r"|leggi\s+(?:tutto|di\s+più)|lees\s+meer|více)\s*(?:…|\.\.\.|»|›|→|>>?)?$",
    re.IGNORECASE,
)
# Cheap substring tests that every match of the patterns above passes (most lines fail them).
CREDIT_WORDS = ("photo", "image", "picture")
SHARE_WORDS = ("click to", "share", "email", "print", "tweet", "pin", "post", "send")
MORE_WORDS = re.compile("more|mehr|weiterlesen|suite|más|mas|mais|máis|tutto|più|meer|více")  # searched in a line's last 20 characters
# A menu written on one line: "International ▪ Politique ▪ Société ▪ Économie" (short items, separators).
MENU_SEPARATOR = re.compile(r"\s[▪•·]\s")  # not "|": table cells are set off by it too
MENU_MIN_ITEMS, MENU_ITEM_MAX_WORDS = 4, 6
# A gallery slide: "7/50 Kicking up a skink Down Under".
GALLERY_COUNTER = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}\s+\S")
# A pointer to another page set above a section: "See also: …", "Main article: …".
CROSS_REFERENCE = ("see also:", "main article:", "main articles:", "further information:", "for more information, see")
NOTE_MAX_WORDS = 60  # bios, credits, blurbs and notices are short
# A caption may run to a short story of its own (a slide's), never to an article: wire copy saved one
# article a line ends with the credit of its last photo ("… (AP Photo/Emilio Morenatti)").
CAPTION_MAX_WORDS = 150
UI_MESSAGE_MAX_WORDS = 15
PROMPT_MAX_WORDS = 30
NEWSLETTER_PROMPT = re.compile(
    r"\b(?:delivered|straight|sent|direct)\s+to\s+your\s+inbox\b|\bin\s+your\s+inbox\b|\bcheck\s+your\s+(?:inbox|e-?mail)\b"
    r"|\bconfirm\s+(?:your|a)\s+subscription\b|\b(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}newsletters?\b",
    re.IGNORECASE,
)
TAG_LIST_MIN_COMMAS = 4  # a label and five or more short items

# "X is a Kabul-based independent news organisation …": a short line whose subject is a name.
PUBLISHER_BLURB = re.compile(
    r"^(?:[A-Z0-9][\w.&'’-]*\s+){1,6}is an?\s+(?:[\w,'’-]+\s+){0,8}?"
    r"(?:(?:news|media|press|publishing|broadcasting)\s+(?:organi[sz]ation|agency|outlet|website|portal|company|network|"
    r"service|group|house)|newspaper|magazine|news\s?(?:site|website|agency|portal)|publication|publisher|broadcaster)\b",
)


# Why a line is chrome for what other documents print too, not for its own text: the lines an analyst's
# files share (a kick-off time, a date) as well as a site's menus.
REPEATED_REASONS = frozenset({
    "line repeated across documents", "line repeated across documents but for its codes, numbers and dates",
    "sentence repeated across documents", "template repeated across documents",
})


def chrome_reason(block: str, repeated: Repeats) -> str | None:
    """Why a block is chrome wherever it stands, or None."""
    reason = _own_reason(block)
    if reason is not None:
        return reason
    key = normalise_line(block)
    whole_sentence = is_sentence(block) and word_count(block) >= SENTENCE_MIN_WORDS
    if key in repeated.lines and not whole_sentence:
        return "line repeated across documents"
    if repeated.coded and not whole_sentence and coded_key(block) in repeated.coded:
        return "line repeated across documents but for its codes, numbers and dates"
    if key in repeated.sentences:
        return "sentence repeated across documents"
    if repeated.templates and word_count(block) <= NOTE_MAX_WORDS and template_key(block) in repeated.templates:
        return "template repeated across documents"
    return None


@functools.lru_cache(maxsize=65536)
def _own_reason(block: str) -> str | None:
    """Why a block is chrome by its own text (menus repeat across pages: cached)."""
    key = normalise_line(block)
    if not key:
        return "punctuation only"
    if len(block) >= ENCODED_MIN_CHARS and is_encoded(block):
        return "encoded data (an attachment, not text)"
    words = word_count(block)
    # A notice is short: a longer block that opens like one ("Sign up to First Edition ... 7am BST Russia had
    # largely given up ...") is a paragraph a page glued it to, and is kept whole rather than lost.
    if (len(key) <= KNOWN_CHROME_BOUNDED or key.startswith(KNOWN_CHROME_OPEN) and words <= NOTE_MAX_WORDS or key[0].isdigit()) \
            and KNOWN_CHROME.match(key) or "captcha" in key:  # a substring test: ".*captcha.*" in the pattern scanned every line
        return "navigation or form text"
    if reason := own_box_line(block):
        return reason  # "Anzeige", "Lire aussi : …"
    sentence = is_sentence(block)
    lower = block.lower()  # cheap substring tests skip the costlier patterns on most lines
    if words <= CAPTION_MAX_WORDS and (CAPTION_START.match(block) or "(" in block and CAPTION_PAREN.search(block)) and not (
        sentence and not block.rstrip().endswith(")")
    ):
        return "photo caption"
    if words <= NOTE_MAX_WORDS and ":" in block[-90:] and CREDIT_TAIL.search(block):
        return "photo caption"  # "… on a Harare street on Thursday Credit: STR/AFP", "… | Foto: Reuters"
    if words <= 12 and ("/" in block or lower.startswith(CREDIT_WORDS)) and PHOTO_CREDIT.match(block) and CREDIT_END.search(block.rstrip(" .")):
        return "photo credit"
    if words <= 15 and ("opens in" in lower or lower.startswith(SHARE_WORDS)) and SHARE_BUTTON.search(block):
        return "share button"
    if ("…" in block or "..." in block) and TRUNCATED_TEASER.search(block) or MORE_WORDS.search(lower, len(lower) - 20) and MORE_LINK.search(block):
        return "related-content teaser"
    if not sentence and MENU_SEPARATOR.search(block) and _menu_line(block):
        return "navigation list"
    if words <= PROMPT_MAX_WORDS and ("inbox" in lower or "newsletter" in lower or "subscription" in lower or "check your" in lower) \
            and NEWSLETTER_PROMPT.search(block):
        return "newsletter prompt"  # "Get Quanta Magazine delivered to your inbox", "Please check your inbox to confirm …"
    if words <= UI_MESSAGE_MAX_WORDS and "try again" in lower:
        return "navigation or form text"  # a form's or widget's message: "Rating failed. Try again."
    if not sentence and block.count(",") >= TAG_LIST_MIN_COMMAS and ":" in block[:22] and LABELLED_LIST.match(block):
        return "tag list"  # "Topics: uber, libertarians, Sydney, …", "In this article: av, consoles, …"
    if words <= 25 and lower.startswith(CROSS_REFERENCE):
        return "cross-reference"
    if words <= 20 and GALLERY_COUNTER.match(block):
        return "gallery caption"
    if words >= 6 and key.count(key[:5]) >= 2 and _repeated_phrase(key):
        return "related-content teaser"  # a teaser's headline printed two or three times over
    if words <= 2 * NOTE_MAX_WORDS and "cookie" in lower and COOKIE_NOTICE.search(block):
        return "cookie or consent notice"
    if words <= CONSENT_MAX_WORDS and ("partners" in lower or "vendors" in lower or "and/or" in lower) and CONSENT_NOTICE.search(block):
        return "cookie or consent notice"
    if words <= NOTE_MAX_WORDS:
        if ("©" in block or "(c)" in lower or "copyright" in lower or "rights reserved" in lower) and COPYRIGHT.search(block) \
                and (words <= NOTICE_SHORT_WORDS or COPYRIGHT_NOTICE.search(block)) and split_trailing_copyright(block)[1] is None:
            return "copyright notice"  # not prose that names a copyright ("the court upheld the copyright claim")
        if "licen" in lower and SITE_LICENCE.search(block) and SITE_SELF.search(block):
            return "copyright notice"  # the site's licence for its pages
        if is_reporting_credit(block):
            return "reporting credit"  # the whole line is a credit (a credit ending a paragraph is cut off later)
        if " is " in block or " was " in block or " has been " in block:
            if AUTHOR_BIO.match(block):
                return "author bio"
            if PUBLISHER_BLURB.match(block):
                return "publisher blurb"
    if words > NOTE_MAX_WORDS and AUTHOR_BIO.match(block) and (len(BIO_SENTENCE.findall(block)) >= 2 or SOCIAL_HANDLE.search(block)):
        return "author bio"  # several staff bios run together, or one with its social handle
    return None


def _menu_line(block: str) -> bool:
    items = MENU_SEPARATOR.split(block)
    return len(items) >= MENU_MIN_ITEMS and max(len(item.split()) for item in items) <= MENU_ITEM_MAX_WORDS


def _repeated_phrase(key: str) -> bool:
    """The line is one phrase of several words written out two or more times in a row (the last
    copy may be cut short, even inside a word: "Spend More Money How Stores … So You Spend Mor")."""
    words = key.split()
    n = len(words)
    # Only the periods of all words but the last can repeat the phrase; found at once (not by trying every
    # length, quadratic on a line of one word written thousands of times).
    for size in _periods(words[: n - 1]):
        if 3 <= size <= n // 2 and words[size : size + 3] == words[:3] and words[(n - 1) % size].startswith(words[-1]):
            return True
    return False


def _periods(items: list) -> list[int]:
    """Every p with items[i] == items[i - p] for all i >= p (up to len(items)), from the chain of the
    prefix function's borders (linear time)."""
    if not items:
        return []
    border = [0] * len(items)
    k = 0
    for i in range(1, len(items)):
        while k and items[i] != items[k]:
            k = border[k - 1]
        if items[i] == items[k]:
            k += 1
        border[i] = k
    periods, b = [], border[-1]
    while True:
        periods.append(len(items) - b)
        if not b:
            return periods
        b = border[b - 1]


CREDIT_TAIL_CHARS = 12 * NOTE_MAX_WORDS  # a credit is at most NOTE_MAX_WORDS words long
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[A-Z“\"])")
# "Zolan Kanno-Youngs contributed reporting." / "Peter Baker reported from Washington, and …"
TRAILING_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){2,4}(?:(?:and|,)\s+(?:[A-Z][\w.'’-]*\s+){2,4})*"
    r"(?:contributed (?:reporting|research)|reported from|reported and wrote from)\b"
)


# A notice after a sentence's end: the mark, then a year or "by" and a holder ("© 2022 BBC.", "Copyright 2022 The
# Associated Press."); not a copyright named in prose ("infringed copyright by illegally sharing"), nor a credit in
# a caption's brackets ("(Satellite image ©2022 Maxar Technologies via AP)").
TRAILING_NOTICE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?:©|\([cC]\)|(?i:copyright))\s*(?:\d{4}|(?i:by)\s+[A-Z])")
MIN_PROSE_BEFORE_NOTICE = 4  # words: "Video: …" before a notice is no paragraph of its own


def split_trailing_copyright(paragraph: str) -> tuple[str, str | None]:
    """A paragraph less the copyright notice that ends it, when prose stands before it ("… of the ongoing conflict in
    Ukraine. © 2022 BBC. The BBC is not responsible for the content of external sites."): a one-line article is
    kept, not dropped with its notice. The notice gives a year or a holder after the mark, and is short."""
    lower = paragraph.lower()
    if "©" not in paragraph and "(c)" not in lower and "copyright" not in lower:
        return paragraph, None
    for found in TRAILING_NOTICE.finditer(paragraph):
        head, tail = paragraph[: found.start()].rstrip(), paragraph[found.start():].strip()  # the match opens on the space
        if len(head.split()) >= MIN_PROSE_BEFORE_NOTICE and word_count(tail) <= NOTE_MAX_WORDS:
            return head, tail
    return paragraph, None


def is_reporting_credit(block: str) -> bool:
    """Whether ``block`` is a reporting credit and nothing else ("Vanessa Gera in Warsaw, Poland,
    contributed to this report.", "AP writers Jovana Gec and Dusan Stojanovic contributed.")."""
    lower = block.lower()
    if "contributed" in lower and word_count(block) <= NOTE_MAX_WORDS and all(
            is_credit_sentence(block[start:end]) for start, end in sentence_spans(block)):
        return True
    return word_count(block) <= 25 and ("report" in lower or "research" in lower or "contributed" in lower) \
        and REPORTING_CREDIT.search(block) is not None and split_trailing_credit(block)[1] is None


# A wire's credit names who contributed, not what: "Jill Lawless in London contributed.", "AP Sports Writer Brian
# Mahoney contributed.", "McGrath contributed from Sighisoara, Romania.", "- AP Congressional Correspondent Lisa Mascaro
# contributed reporting." Before "contributed" stand names (capitalised words), where they were ("in", "at") and their
# roles; one of those, a place it came from or what it was ("reporting", "to this report") says it is a credit
# ("Germany and France contributed." is a story's).
CREDIT_SENTENCE = re.compile(
    r"^[-–—_\s]*(?P<who>[A-Z].*?)\s+contributed(?P<what>\s+(?:reporting|research))?"
    r"(?P<to>\s+to\s+this\s+(?:report|article|story))?(?:\s+from\s+(?P<place>[A-Z][^.!?]*?))?\.$"
)
CREDIT_ROLES = frozenset(
    "writer writers reporter reporters journalist journalists staffer staffers correspondent correspondents contributor "
    "contributors photographer photographers producer producers researcher researchers videojournalist".split()
)
CREDIT_JOINERS = frozenset("in at and the of de da di van von bin al el la le".split())


def is_credit_sentence(sentence: str) -> bool:
    """Whether ``sentence`` is a wire's reporting credit (:data:`CREDIT_SENTENCE`)."""
    found = CREDIT_SENTENCE.match(sentence.strip())
    if found is None:
        return False
    words = re.findall(r"[\w'’-]+", found.group("who"))
    lower = [w for w in words if not w[:1].isupper()]
    place = found.group("place")
    said = bool(found.group("what") or found.group("to") or place)  # a surname alone may credit: "McGrath contributed from …"
    if sum(w[:1].isupper() for w in words) < (1 if said else 2) or any(w.lower() not in CREDIT_ROLES | CREDIT_JOINERS for w in lower):
        return False
    if place and any(not w[:1].isupper() and w not in CREDIT_JOINERS for w in re.findall(r"[\w'’-]+", place)):
        return False
    return said or "in" in lower or "at" in lower or any(w.lower() in CREDIT_ROLES for w in words)


def split_credit_sentences(text: str) -> tuple[str, list[str]]:
    """``text`` less the wire credits among its sentences (:func:`is_credit_sentence`), and those credits; a
    credit stands between two stories run together on one line as well as at the end ("… in Kharkiv
    contributed. A Ukrainian paramedic who …")."""
    if "contributed" not in text:
        return text, []
    spans = sentence_spans(text)
    credits = [span for span in spans if is_credit_sentence(text[span[0] : span[1]])]
    if not credits:
        return text, []
    kept = [" ".join(text[start:end].split()) for start, end in spans if (start, end) not in credits]
    return " ".join(kept), [" ".join(text[start:end].split()) for start, end in credits]


def split_trailing_credit(paragraph: str) -> tuple[str, str | None]:
    """A paragraph less the reporting credit its last one or two sentences are, when they are one."""
    tail = paragraph[-CREDIT_TAIL_CHARS:].lower()
    if "report" not in tail and "research" not in tail and "contributed" not in tail:
        return paragraph, None  # every credit names its reporting, research or contribution
    ends = [m.end() for m in SENTENCE_END.finditer(paragraph)]
    for cut in ends[-2:]:  # the wider cut first
        credit = paragraph[cut:].strip()
        sentences = [paragraph[a:b].strip() for a, b in zip([cut, *[e for e in ends if e > cut]], [e for e in ends if e > cut] + [len(paragraph)])]
        if len(credit.split()) <= NOTE_MAX_WORDS and all(
            TRAILING_CREDIT.match(s) or REPORTING_CREDIT.search(s) for s in sentences if s
        ):
            return paragraph[:cut].strip(), credit
    return paragraph, None
