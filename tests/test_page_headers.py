"""What stands at the top of a page: a headline that asks a question, a consent banner over the masthead,
the site's name at the end of the page's <title>."""

from __future__ import annotations

import pytest

from topics.ingest.boilerplate import clean_article
from topics.ingest.corpus import load_corpus
from topics.ingest.repeats import Repeats

MENU = "Skip links\nSkip to Content\nThe Daily Example\nNews\nMiddle East\nExplained\nOpinion\nSport\nVideo\nMore\nProtests\n"
BODY = (
    "Khartoum, Sudan – Tens of thousands of people have again taken to the streets of the capital and other cities, two "
    "weeks after a deal between the military and the prime minister returned him to office.\n"
    "The protest movement, led by neighbourhood resistance committees, says the agreement legitimised the coup and gave "
    "the generals cover to remain in charge of the transition.\n"
    "Analysts say the military is betting that the protest movement will tire, but the committees have announced a "
    "calendar of marches through the end of the month.\n"
)


@pytest.mark.parametrize("headline", ["Why are Sudanese protesters back on the streets of Khartoum again?",
                                      "Why are protesters back on the streets?",
                                      "Sudan's deal is signed. What happens now?"])
@pytest.mark.parametrize("signature", ["By Mohammed Alamin\nPublished On 6 Dec 2021", "By Mohammed Alamin · 6 December 2021"])
def test_a_headline_that_asks_a_question_is_the_title_not_the_menu(headline, signature):
    standfirst = "Demonstrators reject the deal that reinstated the prime minister, saying the military must leave politics."
    page = f"{MENU}{headline}\n{standfirst}\n{signature}\nSave\nShare\n{BODY}"
    cleaned = clean_article(page, Repeats.of([]), find_header=True)
    assert cleaned.title == headline
    assert cleaned.date == "2021-12-06"
    assert not any(text == headline for _, text in cleaned.paragraphs)


def test_a_question_in_the_body_is_no_headline():
    page = f"{MENU}Protests return to Khartoum\nBy Mohammed Alamin\n6 December 2021\n{BODY}What happens next?\n{BODY}"
    cleaned = clean_article(page, Repeats.of([]), find_header=True)
    assert cleaned.title == "Protests return to Khartoum"
    assert any(text == "What happens next?" for _, text in cleaned.paragraphs)


CONSENT = (
    "We and our partners store and/or access information on a device, such as cookies, and process personal data, such "
    "as unique identifiers and standard information sent by a device for personalised ads and content, ad and content "
    "measurement, and audience insights, as well as to develop and improve products. With your permission we and our "
    "partners may use precise geolocation data and identification through device scanning. You may click to consent to "
    "our and our partners’ processing as described above. Alternatively you may access more detailed information and "
    "change your preferences before consenting or to refuse consenting. Please note that some processing of your personal "
    "data may not require your consent, but you have a right to object to such processing. Your preferences will apply "
    "to this website only. You can change your preferences at any time by returning to this site or visit our privacy policy."
)


def test_a_consent_banner_over_the_masthead_is_chrome_not_the_article():
    page = (f"We value your privacy\n{CONSENT}\nMORE OPTIONS\nAGREE\nEvening Courier\nNews\nBusiness\nSport\n"
            f"Protests return to Khartoum\nBy Mohammed Alamin, Africa Editor\n6 December 2021\n{BODY}")
    cleaned = clean_article(page, Repeats.of([]), find_header=True)
    assert cleaned.title == "Protests return to Khartoum" and cleaned.date == "2021-12-06"
    assert (CONSENT, "cookie or consent notice") in cleaned.dropped
    assert cleaned.paragraphs[0][1].startswith("Khartoum, Sudan")


def _page_title(tmp_path, html: str) -> str:
    """The title topics reads from a saved page whose article is ``BODY``, set where ``html`` says {prose}."""
    prose = "".join(f"<p>{line}</p>" for line in BODY.splitlines())
    (tmp_path / "page.html").write_text(html.replace("{prose}", prose), encoding="utf-8")
    return load_corpus(tmp_path / "page.html").articles.iloc[0]["title"]


def test_the_sites_name_that_ends_the_pages_title_is_not_its_headline(tmp_path):
    assert _page_title(tmp_path, (
        "<html lang='en'><head><title>Sudan protests: what the deal means – explained | The Daily Example</title>"
        "<meta property='og:title' content='Sudan protests: what the deal means – explained'></head><body>"
        "<header><a href='/'>The Daily Example</a><nav>News · World · Business · Sport · Opinion</nav></header><main><article>"
        "<p class='kicker'>Explainer</p><h1>The Khartoum deal falls apart as crowds return to the streets of the capital.</h1>"
        "<p>By Mohammed Alamin · 6 December 2021</p>{prose}</article></main></body></html>"
    )) != "The Daily Example"


def test_a_title_that_names_the_site_first_still_states_the_headline(tmp_path):
    assert _page_title(tmp_path, (
        "<html lang='en-US'><head><title>The Daily Example &raquo; Blog Archive &raquo; Protests return to Khartoum</title>"
        "</head><body><div id='header'><h1><a href='/'>The Daily Example</a></h1><div>Notes since 2006</div></div>"
        "<div class='post'><h2>Protests return to Khartoum</h2><small>December 6th, 2021 by Geoff</small>"
        "<div class='entry'>{prose}</div></div></body></html>"
    )) == "Protests return to Khartoum"
