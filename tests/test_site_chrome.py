"""Site chrome kept as body or structure read wrong on pages in styles the rules had not met: a paywall's
offer, a newsletter box and an appeal to readers, a standfirst under the headline, related links, ad labels,
date lines, a live blog's key events, a list of topics, a sub-heading glued to its paragraph, bylines that
are no names, AG News quotes whose "&" was lost. The pages in tests/data/chrome are written for these tests."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

from topics.ingest.boilerplate import split_blocks
from topics.ingest.bylinenames import author_names
from topics.ingest.corpus import load_corpus
from topics.ingest.markup import unescape_markup
from topics.ingest.pageboxes import box_reasons
from topics.ingest.outline import page_chrome
from topics.ingest.repeats import Repeats

DATA = Path(__file__).parent / "data" / "chrome"


def _read(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(DATA / name)
    article = corpus.articles.iloc[0]
    paragraphs = corpus.paragraphs["text"].tolist()
    dropped = dict(zip(corpus.dropped_lines["line"], corpus.dropped_lines["reason"]))
    return article, paragraphs, dropped, corpus.paragraphs["section"].tolist()


def test_a_paywalls_subscription_box_is_no_part_of_the_body():
    article, paragraphs, dropped, _ = _read("paywall.html")
    assert len(paragraphs) == 2 and paragraphs[0].startswith("The company that runs the island ferry")
    for line in ("Just $2 for 8 weeks", "Already a subscriber? Log in", "Weekend magazine", "Group plans for schools and businesses"):
        assert dropped[line] == "subscription offer (a paywall's box)"
    assert article["author"] == "Ines Calloway"


def test_a_text_dump_takes_the_headline_over_its_standfirst_and_drops_the_newsletter_box_and_the_appeal():
    article, paragraphs, dropped, sections = _read("standfirst_dump.txt")
    assert article["title"] == "Coastal town votes to ban cars from its seafront"
    assert len(paragraphs) == 4 and paragraphs[2].startswith("Cafe owners on the front")
    assert dropped["A round-up of the stories shaping the coast, sent to you every Friday morning with our picks for the weekend"] \
        == "promotion box (between chrome lines)"
    assert "after newsletter promotion" in dropped and not any(isinstance(s, str) and "promotion" in s for s in sections)
    assert sum(reason.startswith("appeal to readers") for reason in dropped.values()) == 2


def test_related_links_and_advertisement_labels_in_several_languages_are_chrome():
    _, paragraphs, dropped, sections = _read("related_dump_fr.txt")
    assert len(paragraphs) == 5 and not any(isinstance(s, str) and "Lire aussi" in s for s in sections)
    assert dropped["Lire aussi : Les ports de la côte face à la hausse du niveau de la mer"] == "related link"
    assert dropped["Read more: How small harbours are adapting to rising seas"] == "related link"
    assert dropped["Anzeige"] == "advertisement marker"
    _, paragraphs, dropped, _ = _read("lire_aussi_de.html")
    assert len(paragraphs) == 3 and dropped["Anzeige"] == "advertisement marker"
    assert dropped["Lesen Sie auch: Wie andere Städte ihre Ufer für Radfahrer öffnen"] == "related link"


def test_a_live_blogs_key_events_and_a_label_with_its_link_are_chrome():
    _, paragraphs, dropped, sections = _read("live_and_links.html")
    assert len(paragraphs) == 2 and sections == ["Union rejects new offer", "Minister urges return to talks"]
    assert dropped["2h ago Union rejects new offer"] == "contents list (links to the article's own sections)"
    assert dropped["Our Standards: The Ledger Editorial Principles."] == "related link (a label and a link)"
    assert dropped["Read more: What the rail strike means for your journey this week"] == "related link"


def test_a_date_line_over_the_first_paragraph_of_a_saved_page_is_dropped():
    article, paragraphs, dropped, _ = _read("blog_entry.html")
    assert dropped["Posted: 04/18/2019 07:15 PM"] == "date line" and str(article["date"])[:10] == "2019-04-18"
    assert len(paragraphs) == 3 and not any(p.startswith("Posted") for p in paragraphs)


def test_an_entry_note_and_a_list_of_topics_after_the_article_are_chrome():
    story = [
        ("text", "The weather finally turned warm enough on Thursday to open the hives for a proper look at both colonies."),
        ("text", "Next weekend I will add the first supers and start watching for swarm cells in the stronger hive."),
        ("text", "This entry was posted on Thursday, April 18th, 2019 at 7:15 pm and is filed under Hives. You can follow any responses."),
        ("h2", "Related Topics"),
        ("text", "Honey bees"), ("text", "Spring"), ("text", "Queen rearing"),
    ]
    reasons = page_chrome(story, Repeats())
    assert reasons[:2] == [None, None]
    assert reasons[2] == "entry note (when it was posted, where it is filed)"
    assert reasons[4:] == ["list of topics (short lines after the article)"] * 3
    # A story that ends on a list with sentences keeps it.
    listed = [*story[:2], ("text", "We need frames."), ("text", "Smoker fuel"), ("text", "A spare queen cage")]
    assert page_chrome(listed, Repeats()) == [None] * 5


def test_a_heading_over_a_list_of_key_events_names_no_post_of_the_live_blog():
    # Before: once the list was dropped, "Key events" named the section of the post after it.
    blocks = [
        ("h2", "Key events"),
        ("text", "2h ago Union rejects new offer"), ("text", "4h ago Minister urges return to talks"),
        ("text", "That is all from us for today. Thank you for following our coverage of the strike."),
        ("h2", "Union rejects new offer"),
        ("text", "The union said on Tuesday that the new offer fell short of what its members had asked for."),
        ("h2", "Minister urges return to talks"),
        ("text", "The minister asked both sides to return to the table before the weekend to end the strike."),
    ]
    reasons = page_chrome(blocks, Repeats())
    assert reasons[0] == "heading of a list that is chrome"
    assert reasons[1:3] == ["contents list (links to the article's own sections)"] * 2
    assert reasons[3:] == [None] * 5


def test_a_sub_heading_right_over_its_paragraph_is_not_glued_to_it():
    _, paragraphs, _, sections = _read("subheading_dump.txt")
    assert paragraphs[1].startswith("Before any work starts") and paragraphs[2].startswith("Small changes are easier")
    assert sections[1:] == ["Write the definition of done first", "Keep the batch small"]
    # Prose wrapped at a column is still joined.
    prose = "The council met on Monday to discuss the new budget, which residents had debated for months before the vote was taken."
    assert split_blocks(textwrap.fill(prose, 50)) == [prose]


def test_an_update_label_and_agency_codes_are_no_authors():
    assert author_names("Aktualisiert; Dpa; AFP; Ces") is None
    assert author_names("Mfh; Dpa; AFP") is None
    assert author_names("Jane Smith; Transport Reporter; Published") == "Jane Smith"
    assert author_names("Par Nathalie Guibert") == "Nathalie Guibert"
    assert author_names("Dale Peterson Staff Writer") == "Dale Peterson"
    assert author_names("Wei Lin ·") == "Wei Lin"
    assert author_names("Thomas Hale; Sun Yu") == "Thomas Hale; Sun Yu"


def test_a_quote_whose_ampersand_was_lost_keeps_the_space_before_it():
    assert unescape_markup("He said quot;we will win quot; and left.") == 'He said "we will win" and left.'
    assert unescape_markup("In  quot;helping themselves, quot; Ricky") == 'In "helping themselves," Ricky'
    assert unescape_markup("Procter amp; Gamble and AT amp;T paid #36;5 each") == "Procter & Gamble and AT&T paid $5 each"
    assert unescape_markup("Wednesday #39;s friendly, the players #39; union") == "Wednesday's friendly, the players' union"


def test_an_article_body_after_a_paywall_box_is_kept_and_a_story_about_subscribers_is_no_box():
    # Before: the box's run went on over every short block, so the article's first paragraphs went with it.
    boxed = ["Subscribe to unlock this article", "Already a subscriber? Log in", "Try 30 days free, then $9.99 per month",
             "Cancel anytime", "The council voted on Tuesday to close the library.",
             "Residents said the decision came as a surprise to them."]
    assert box_reasons(boxed, [None] * len(boxed)) == ["subscription offer (a paywall's box)"] * 4 + [None, None]
    story = ["Netflix lost 200,000 subscribers in the first quarter, the company said.",
             "Shares fell 25% in after-hours trading on Tuesday.", "The company blamed password sharing and competition.",
             "Subscribe to unlock more stories", "Already a subscriber? Log in", "Only $1 per week"]
    assert box_reasons(story, [None] * len(story)) == [None] * 3 + ["subscription offer (a paywall's box)"] * 3


def test_names_with_particles_or_in_chinese_and_a_role_after_a_name_keep_the_name():
    assert author_names("Di Wang; De Souza") == "Di Wang; De Souza"
    assert author_names("王小明") == "王小明"
    assert author_names("Jane Smith Reporter") == "Jane Smith"
    assert author_names("Dale Peterson Staff Writer") == "Dale Peterson"
    assert author_names("Transport Reporter") is None


def test_a_dated_byline_above_the_first_paragraph_stays():
    body = ("text", "The council voted on Tuesday to close the library after a long and bitter debate.")
    for byline in ("By Jane Doe, March 3, 2021", "Von Anna Schmidt, 3. März 2021", "Par Jean Dupont, le 3 mars 2021"):
        assert page_chrome([("text", byline), body], Repeats()) == [None, None], byline



def _page(author: str, byline: str) -> str:
    body = "".join(f"<p>{sentence} The council met on Tuesday to weigh the plan, and residents spoke for hours.</p>"
                   for sentence in ("The library will close in May.", "Ces mesures ont été critiquées.", "Staff were told last week."))
    return (f'<html lang="en"><head><title>Library to close</title><meta name="author" content="{author}"></head><body>'
            f"<article><h1>Library to close</h1><p class=\"byline\">{byline}</p>{body}</article></body></html>")


def test_a_short_given_name_is_an_author_and_a_code_the_extractor_capitalised_is_not():
    # Before: every one-word author of four letters or fewer went as an agency's code ("Ian", "Ana" too).
    from topics.ingest.htmlpage import extract_page

    assert extract_page(_page("Ian", "By Ian")).author == "Ian"
    assert extract_page(_page("Ana; AFP", "Ana, AFP")).author == "Ana"
    assert extract_page(_page("dpa, AFP, ces", "Quelle: dpa, AFP, ces")).author is None  # given as "Dpa; AFP; Ces"
    # How the page writes the word decides: capitalised is a name; in lower case (or all in capitals) a code.
    assert author_names("Ian; Dpa; AP", page_text="By Ian (dpa, AP)") == "Ian"
    assert author_names("Ces", page_text="Ces mesures ... Quelle: ces") is None
    assert author_names("Ana", page_text="ANA reported") is None and author_names("Ana") is None
