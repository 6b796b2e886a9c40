"""English word forms that a suffix stemmer cannot join to their base word: irregular verbs
("fell" → "fall", "fled" → "flee", "fought" → "fight") and irregular plurals ("women" → "woman").

A stemmer cuts suffixes, so "falls" and "falling" meet "fall" but "fell" does not: a question
"as Kabul fell" then misses every article that writes "the fall of Kabul" and counts as covered
by any article that says "fell" of something else. The lexical side of lookup maps these forms
to their base before stemming (:mod:`topics.search.lexical`). Forms that are as often another
word are left out: "left" (the side), "saw" and "felt" (nouns), "rose", "lay", "lie", "bit",
"bore", "born", "wound", "ground". Pure data and a function over lower-case words.
"""

from __future__ import annotations

# base: its irregular past and participle forms (written once each; regular forms need no entry).
_VERBS = {
    "arise": "arose arisen", "awake": "awoke", "bear": "borne", "beat": "beaten", "become": "became",
    "begin": "began begun", "bend": "bent", "bleed": "bled", "break": "broke broken", "bring": "brought",
    "build": "built", "buy": "bought", "catch": "caught", "choose": "chose chosen", "come": "came",
    "deal": "dealt", "draw": "drew drawn", "drive": "drove driven", "eat": "ate eaten", "fall": "fell fallen",
    "feed": "fed", "fight": "fought", "find": "found", "flee": "fled", "fly": "flew flown",
    "forbid": "forbade forbidden", "forgive": "forgave forgiven", "freeze": "froze frozen", "give": "gave given",
    "go": "went gone", "grow": "grew grown", "hang": "hung", "hear": "heard", "hide": "hid hidden",
    "hold": "held", "keep": "kept", "know": "knew known", "lead": "led", "lend": "lent", "lose": "lost",
    "make": "made", "mean": "meant", "meet": "met", "overthrow": "overthrew overthrown",
    "overtake": "overtook overtaken", "pay": "paid", "ride": "rode ridden", "ring": "rang rung",
    "rise": "risen", "run": "ran", "say": "said", "see": "seen", "seek": "sought", "sell": "sold",
    "send": "sent", "shake": "shook shaken", "shoot": "shot", "sing": "sang sung", "sink": "sank sunk",
    "sleep": "slept", "slide": "slid", "speak": "spoke spoken", "spend": "spent", "stand": "stood",
    "steal": "stole stolen", "strike": "struck stricken", "strive": "strove striven", "swear": "swore sworn",
    "sweep": "swept", "swim": "swam swum", "take": "took taken", "teach": "taught", "tear": "tore torn",
    "tell": "told", "think": "thought", "throw": "threw thrown", "undertake": "undertook undertaken",
    "understand": "understood", "wake": "woke woken", "wear": "wore worn", "weep": "wept", "win": "won",
    "withdraw": "withdrew withdrawn", "write": "wrote written",
}
_PLURALS = {"man": "men", "woman": "women", "child": "children", "foot": "feet", "tooth": "teeth",
            "mouse": "mice", "goose": "geese"}

BASE_FORMS = {form: base for table in (_VERBS, _PLURALS) for base, forms in table.items() for form in forms.split()}


def base_form(word: str) -> str:
    """``word``'s base when it is a listed irregular form (lower case), else ``word`` itself."""
    return BASE_FORMS.get(word, word)
