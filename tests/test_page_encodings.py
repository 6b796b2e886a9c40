"""Saved pages that declare their own charset (a meta charset, a meta http-equiv Content-Type, an XML
declaration) read as declared, with the labels of the WHATWG Encoding Standard, as browsers read them."""

from __future__ import annotations

import warnings

import pytest

from topics.errors import TopicsWarning
from topics.ingest.corpus import load_corpus
from topics.ingest.input_files import declared_encoding

RUSSIAN_TITLE = "Парламент принял новый бюджет"
RUSSIAN_BODY = ("Депутаты приняли бюджет на следующий год после долгих споров о расходах на школы, больницы и дороги "
                "в северных областях страны, где зима длится почти полгода.")
POLISH_TITLE = "Łódź świętuje źródła"
POLISH_BODY = ("Mieszkańcy Łodzi świętowali w sobotę otwarcie odnowionych źródeł w parku, a władze miasta zapowiedziały "
               "kolejne inwestycje w zieleń i ścieżki rowerowe na przyszły rok.")
JAPANESE_TITLE = "東京で新しい予算案が可決"
JAPANESE_BODY = "東京都議会は水曜日、来年度の予算案を可決した。教育と医療への支出が大幅に増える見込みで、野党は財源について強い懸念を示した。"
CHINESE_TITLE = "政府宣布新的预算计划"
CHINESE_BODY = "财政部星期三公布了明年的预算草案，其中教育和科研支出将大幅增加，反对党表示强烈关注。"


def _page(title: str, body: str, head: str = "", start: str = "") -> str:
    paragraphs = "".join(f"<p>{body} {n}</p>" for n in range(1, 5))
    return f"{start}<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


def _load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    notes = [str(w.message) for w in caught if issubclass(w.category, TopicsWarning) and "UTF-8" in str(w.message)]
    return corpus, notes


@pytest.mark.parametrize(
    "head, start, encoding, title, body",
    [
        ('<meta charset="windows-1251">', "", "cp1251", RUSSIAN_TITLE, RUSSIAN_BODY),
        ("<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>", "", "koi8_r", RUSSIAN_TITLE, RUSSIAN_BODY),
        ("", '<?xml version="1.0" encoding="iso-8859-2"?>\n', "iso8859_2", POLISH_TITLE, POLISH_BODY),
        ('<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=Shift_JIS">', "", "cp932", JAPANESE_TITLE, JAPANESE_BODY),
        ("<meta charset=gb2312>", "", "gb18030", CHINESE_TITLE, CHINESE_BODY),
    ],
    ids=["meta-windows-1251", "http-equiv-koi8-r", "xml-iso-8859-2", "http-equiv-shift_jis", "meta-gb2312"],
)
def test_a_page_that_declares_its_charset_reads_as_declared(tmp_path, head, start, encoding, title, body):
    path = tmp_path / "page.html"
    path.write_bytes(_page(title, body, head, start).encode(encoding))
    corpus, notes = _load(path)
    assert notes == []
    assert corpus.articles["title"].iloc[0] == title
    assert corpus.paragraphs["text"].iloc[0] == f"{body} 1"
    assert str(path) == corpus.articles["source"].iloc[0]


def test_a_page_declaring_latin1_reads_its_0x80_to_0x9f_bytes_as_windows_1252(tmp_path):
    """WHATWG: "iso-8859-1", "latin1" and "ascii" all mean Windows-1252 (curly quotes, the euro sign)."""
    body = "The minister said the “new tax” of 5 € a night would bring in €2m – more than the café owners feared."
    path = tmp_path / "page.html"
    path.write_bytes(_page("Tourist tax — what it costs", body, '<meta charset="ISO-8859-1">').encode("cp1252"))
    corpus, notes = _load(path)
    assert notes == []
    assert corpus.articles["title"].iloc[0] == "Tourist tax — what it costs"
    assert corpus.paragraphs["text"].iloc[0] == f"{body} 1"


def test_a_page_declaring_utf8_with_a_stray_latin1_byte_warns_as_any_file(tmp_path):
    page = _page("Café owners protest", "The café owners of the old town protested against the new tax on Monday, saying it would close them.", '<meta charset="utf-8">')
    data = page.encode("utf-8").replace("protested".encode(), b"protest\xe9d", 1)
    path = tmp_path / "page.html"
    path.write_bytes(data)
    corpus, notes = _load(path)
    assert "café owners" in corpus.paragraphs["text"].iloc[0] and "protestéd" in corpus.paragraphs["text"].iloc[0]
    offset = data.index(b"\xe9d")
    assert len(notes) == 1 and notes[0].startswith(f"{path}: not UTF-8: 1 byte read as Windows-1252, the first 0xE9 at byte offset {offset}")


def test_a_page_declaring_an_unknown_charset_reads_as_undeclared_and_the_warning_names_the_label(tmp_path):
    path = tmp_path / "page.html"
    body = "The café owners of the old town protested against the new tax on Monday, saying it would close them."
    path.write_bytes(_page("Café owners protest", body, '<meta charset="x-klingon">').encode("cp1252"))
    corpus, notes = _load(path)
    assert corpus.paragraphs["text"].iloc[0] == f"{body} 1"
    assert len(notes) == 1 and notes[0].startswith(f"{path}: declares the charset 'x-klingon', which is not known:") and "Windows-1252" in notes[0]


def test_a_page_resaved_as_utf8_under_its_old_declaration_reads_as_utf8(tmp_path):
    """A page saved as UTF-8 that kept its "windows-1251" meta (a scraper's copy) cannot be valid UTF-8 by chance."""
    path = tmp_path / "page.html"
    path.write_bytes(_page(RUSSIAN_TITLE, RUSSIAN_BODY, '<meta charset="windows-1251">').encode("utf-8"))
    corpus, notes = _load(path)
    assert notes == []
    assert corpus.articles["title"].iloc[0] == RUSSIAN_TITLE and corpus.paragraphs["text"].iloc[0] == f"{RUSSIAN_BODY} 1"


def test_a_byte_the_declared_charset_lacks_is_noted(tmp_path):
    path = tmp_path / "page.html"
    data = _page(RUSSIAN_TITLE, RUSSIAN_BODY, '<meta charset="windows-1251">').encode("cp1251").replace(b" 1</p>", b" \x98 1</p>")
    path.write_bytes(data)  # 0x98, which Windows-1251 leaves unassigned
    corpus, notes = _load(path)
    assert corpus.paragraphs["text"].iloc[0] == f"{RUSSIAN_BODY} \ufffd 1"
    assert len(notes) == 1 and notes[0].startswith(f"{path}: 1 byte sequence not valid windows-1251, shown as U+FFFD")


def test_a_long_unknown_label_is_cut_short_in_the_warning(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(_page("Café owners protest", "The café owners of the old town protested against the new tax on Monday, saying it would close them.",
                           f'<meta charset="{"x" * 500}">').encode("cp1252"))
    corpus, notes = _load(path)
    assert len(notes) == 1 and f"'{'x' * 40}…'" in notes[0] and "x" * 41 not in notes[0]


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<meta charset="latin1">', ("cp1252", "latin1")),
        (b"<meta charset='ascii'>", ("cp1252", "ascii")),
        (b"<meta charset=utf-16>", ("utf-8", "utf-16")),  # a page of bytes that declares UTF-16 is UTF-8
        (b'<meta content="text/html; charset=KOI8-R" http-equiv="Content-Type">', ("koi8_r", "koi8-r")),
        (b'<meta content="text/html; charset=koi8-r">', (None, None)),  # no http-equiv: not a declaration
        (b'<!-- <meta charset="koi8-r"> --><meta charset=" windows-1251 ">', ("cp1251", "windows-1251")),
        (b'<meta charset="x-klingon"><meta charset="euc-kr">', ("cp949", "euc-kr")),  # an unknown label is passed over
        (b'<meta charset="x-klingon">', (None, "x-klingon")),
        (b'<meta name="description" content="a page about &lt;meta&gt;">' + b" " * 1024 + b'<meta charset="koi8-r">', (None, None)),
        (b'<?xml version="1.0" encoding="windows-1250"?><html>', ("cp1250", "windows-1250")),
        (b"<html><p>no declaration</p>", (None, None)),
    ],
)
def test_declared_encoding_follows_the_whatwg_prescan(head, expected):
    assert declared_encoding(head) == expected


def test_a_page_declaring_windows_1252_reads_whole_in_it_when_pairs_look_like_utf8(tmp_path):
    """WHATWG: a page that declares Windows-1252 and is not UTF-8 reads whole as declared, though an accented
    capital before a curly quote or » is a valid UTF-8 pair by chance; the five bytes the code page leaves
    unassigned are the C1 controls of the same number."""
    body = "«SOCIÉTÉ» GÉNÉRALE’s café — l’ÉTÉ“ GROß” said the owners of the old town on Monday, against the new tax."
    path = tmp_path / "page.html"
    path.write_bytes(_page("Tourist tax — l’ÉTÉ“", body, '<meta charset="windows-1252">').encode("cp1252").replace(b" 2</p>", b" \x81\x8d\x8f\x90\x9d 2</p>"))
    corpus, notes = _load(path)
    assert notes == []
    assert corpus.articles["title"].iloc[0] == "Tourist tax — l’ÉTÉ“"
    paragraphs = corpus.paragraphs["text"].tolist()
    assert paragraphs[0] == f"{body} 1" and "\ufffd" not in " ".join(paragraphs)
    assert any("\x81\x8d\x8f\x90\x9d 2" in paragraph for paragraph in paragraphs)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_page_with_a_byte_order_mark_is_read_though_it_holds_nul_bytes(tmp_path, encoding):
    """A UTF-16 or UTF-32 page holds NUL bytes: its byte-order mark, not the NULs, says what it is."""
    path = tmp_path / "page.html"
    data = _page(POLISH_TITLE, POLISH_BODY).encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    corpus, notes = _load(path)
    assert corpus.articles["title"].iloc[0] == POLISH_TITLE and corpus.paragraphs["text"].iloc[0] == f"{POLISH_BODY} 1"


def test_a_few_stray_nul_bytes_in_utf8_text_are_dropped_and_said_a_binary_file_still_skipped(tmp_path):
    french = "Nouméa vote contre l’indépendance\n\n" + "\n\n".join(
        f"Les électeurs de la commune numéro {n} ont rejeté l’indépendance dimanche, lors d’un scrutin boycotté par "
        f"les indépendantistes, qui demandaient un report en raison de l’épidémie." for n in range(1, 15))
    data = french.encode("utf-8")
    (tmp_path / "copy.txt").write_bytes(data[:500] + b"\x00" + data[500:1500] + b"\x00\x00" + data[1500:])
    (tmp_path / "screenshot.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\n" + bytes(range(256)) * 4)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    assert corpus.articles["title"].tolist() == ["Nouméa vote contre l’indépendance"]
    assert "\x00" not in "".join(corpus.paragraphs["text"])
    assert [str(w.message).count("3 NUL bytes dropped") for w in caught] == [1]
    assert corpus.skipped["reason"].tolist() == ["binary file (NUL bytes), not text"]


def test_a_page_with_a_few_stray_nul_bytes_is_read_as_a_text_file_is_and_a_binary_page_still_skipped(tmp_path):
    data = _page(POLISH_TITLE, POLISH_BODY).encode("utf-8")
    (tmp_path / "copy.html").write_bytes(data[:300] + b"\x00" + data[300:])
    (tmp_path / "dump.html").write_bytes(b"<html>" + bytes(range(256)) * 4)  # no known signature: its NULs tell
    corpus, notes = _load(tmp_path)
    assert corpus.articles["title"].tolist() == [POLISH_TITLE]
    assert "\x00" not in "".join(corpus.paragraphs["text"]) and len(notes) == 1 and "1 NUL byte dropped" in notes[0]
    assert corpus.skipped["reason"].tolist() == ["binary data (NUL bytes), not an HTML page"]


def test_a_utf16_page_without_a_byte_order_mark_is_read_as_a_text_file_in_it_is(tmp_path):
    (tmp_path / "le.html").write_bytes(_page(POLISH_TITLE, POLISH_BODY).encode("utf-16-le"))
    (tmp_path / "be.html").write_bytes(_page(POLISH_TITLE + " (2)", POLISH_BODY.replace("sobotę", "niedzielę")).encode("utf-16-be"))
    corpus, notes = _load(tmp_path)
    assert sorted(corpus.articles["title"]) == [POLISH_TITLE, POLISH_TITLE + " (2)"] and corpus.skipped.empty
    assert "UTF-16-BE without byte-order mark" in notes[0] and "UTF-16-LE without byte-order mark" in notes[0]


def test_a_utf16_page_with_one_trailing_byte_is_read_and_16_bit_numbers_are_not_text(tmp_path):
    # A newline appended in one byte leaves the UTF-16 page one byte over; its last byte is dropped, and said.
    (tmp_path / "page.html").write_bytes(_page(POLISH_TITLE, POLISH_BODY).encode("utf-16-le") + b"\n")
    # 16-bit numbers under 256 (a sensor dump) have a NUL in every pair too, but read as controls U+0080-U+009F.
    (tmp_path / "readings.txt").write_bytes(b"".join((32 + n * 37 % 224).to_bytes(2, "little") for n in range(3000)))
    corpus, notes = _load(tmp_path)
    assert corpus.articles["title"].tolist() == [POLISH_TITLE] and "its one trailing byte dropped" in notes[0]
    assert corpus.skipped["reason"].tolist() == ["binary file (NUL bytes), not text"]
