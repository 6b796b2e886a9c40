"""English word forms that a suffix stemmer cannot join to their base word: irregular verbs
("fell" → "fall", "fled" → "flee", "fought" → "fight") and irregular plurals ("women" → "woman").

A stemmer cuts suffixes, so "falls" and "falling" meet "fall" but "fell" does not: a question
"as Kabul fell" then misses every article that writes "the fall of Kabul" and counts as covered
by any article that says "fell" of something else. The lexical side of lookup maps these forms
to their base before stemming (:mod:`topics.search.lexical`).

Criterion for leaving a verb form out: news text commonly uses it as a noun, adjective or name
with a meaning of its own, not its base's, so mapping it would join unrelated articles. Checked
form by form on news corpora (BBC, AG News, NYT, ISAF press releases): a form is left out when at
least 1 in 20 of its uses, and at least 3, are a name (capitalised mid-sentence: "the Fed") or a
head noun (after an article, possessive or number and before a function word or punctuation:
"with a shot ."). Measured out: "fed" (the Fed, 59 %), "drew" (the name Drew, 13 %), "shot"
(a shot, a flu shot, 6 %). Out by a sense those corpora hold too rarely to count: "won" (the
Korean currency), "left" (the side), "saw" and "felt" (nouns), "rose", "lay", "lie", "bit",
"bore", "born", "wound", "ground". Plurals stay: their noun use is their base's. Participles used
as adjectives with their verb's meaning ("broken", "fallen", "stolen") stay too. Pure data and a
function over lower-case words.
"""

from __future__ import annotations

import hashlib
import json

# base: its irregular past and participle forms (written once each; regular forms need no entry).
_VERBS = {
    "arise": "arose arisen", "awake": "awoke", "bear": "borne", "beat": "beaten", "become": "became",
    "begin": "began begun", "bend": "bent", "bleed": "bled", "break": "broke broken", "bring": "brought",
    "build": "built", "buy": "bought", "catch": "caught", "choose": "chose chosen", "come": "came",
    "deal": "dealt", "draw": "drawn", "drive": "drove driven", "eat": "ate eaten", "fall": "fell fallen",
    "fight": "fought", "find": "found", "flee": "fled", "fly": "flew flown",
    "forbid": "forbade forbidden", "forgive": "forgave forgiven", "freeze": "froze frozen", "give": "gave given",
    "go": "went gone", "grow": "grew grown", "hang": "hung", "hear": "heard", "hide": "hid hidden",
    "hold": "held", "keep": "kept", "know": "knew known", "lead": "led", "lend": "lent", "lose": "lost",
    "make": "made", "mean": "meant", "meet": "met", "overthrow": "overthrew overthrown",
    "overtake": "overtook overtaken", "pay": "paid", "ride": "rode ridden", "ring": "rang rung",
    "rise": "risen", "run": "ran", "say": "said", "see": "seen", "seek": "sought", "sell": "sold",
    "send": "sent", "shake": "shook shaken", "sing": "sang sung", "sink": "sank sunk",
    "sleep": "slept", "slide": "slid", "speak": "spoke spoken", "spend": "spent", "stand": "stood",
    "steal": "stole stolen", "strike": "struck stricken", "strive": "strove striven", "swear": "swore sworn",
    "sweep": "swept", "swim": "swam swum", "take": "took taken", "teach": "taught", "tear": "tore torn",
    "tell": "told", "think": "thought", "throw": "threw thrown", "undertake": "undertook undertaken",
    "understand": "understood", "wake": "woke woken", "wear": "wore worn", "weep": "wept",
    "withdraw": "withdrew withdrawn", "write": "wrote written",
}
_PLURALS = {"man": "men", "woman": "women", "child": "children", "foot": "feet", "tooth": "teeth",
            "mouse": "mice", "goose": "geese"}

BASE_FORMS = {form: base for table in (_VERBS, _PLURALS) for base, forms in table.items() for form in forms.split()}
# Saved beside a lexical index, so one built with another version of this table is built again.
TABLE_ID = hashlib.sha256(json.dumps(sorted(BASE_FORMS.items())).encode()).hexdigest()[:12]


def base_form(word: str) -> str:
    """``word``'s base when it is a listed irregular form (lower case), else ``word`` itself."""
    return BASE_FORMS.get(word, word)
