"""Theme files: the themes an analyst declares, read from TOML and checked.

A theme file holds one ``[[theme]]`` table per theme::

    [[theme]]
    name = "ISIS-K"                                   # required
    description = "Islamic State Khorasan Province"   # optional
    keywords = ["IS-K", "ISKP", "Daesh"]              # optional; "aliases" is read too
    examples = ["Daesh claimed the bombing in Kabul."] # optional

The same tables may be written as JSON (``{"theme": [...]}`` or a list of themes) or, where
PyYAML is installed, YAML: a file ending in ``.json``, ``.yaml`` or ``.yml`` is read as such.
Every problem is reported as an :class:`~topics.errors.InputError` that names
the file and, where the file has one, the line.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from topics.errors import InputError
from topics.controls import IN_A_NAME
from topics.validate import not_text_reason, parse_json, read_small_file, shows_nothing, small_file_text, user_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TEXT_FIELDS = ("description",)
LIST_FIELDS = ("keywords", "aliases", "examples")
KNOWN_FIELDS = ("name",) + TEXT_FIELDS + LIST_FIELDS
# The line of each [[theme]] header, so that a message can point at it.
_THEME_HEADER = re.compile(r"^\s*\[\[\s*(?:\"?themes?\"?)\s*\]\]")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Theme:
    """One declared theme. ``keywords`` holds keywords and aliases alike."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @property
    def prototype_text(self) -> str:
        """Name, description and keywords as one sentence to embed."""
        text = self.name
        if self.description:
            text += f": {self.description}"
        if self.keywords:
            text += ". " + ", ".join(self.keywords)
        return text

    @property
    def subject_text(self) -> str:
        """The prototype text without the names among the keywords (people, groups, places): what the
        theme is about once those who speak of it are set aside. "Biden" and "Congress" occur in
        paragraphs on everything American politics touches; a paragraph about the theme is also
        close to its subject (``topics.themes.evidence.NAME_ABOUTNESS``)."""
        from topics.text.aliases import alias_pattern, is_name

        names = [keyword for keyword in self.keywords if is_name(keyword) and keyword != self.name]
        description = self.description
        for name in names:
            pattern = alias_pattern(name)
            if pattern is not None:
                description = pattern.sub("", description)
        # The commas the names leave behind ("Biden, Trump, Congress and" -> ", , and").
        description = re.sub(r"\s+([,.:;])", r"\1", description)
        description = re.sub(r"(^|[,:;])(\s*,)+", r"\1", description).strip(" ,")
        description = re.sub(r"[,:;]\s*(?=(?:and|or)\s)", " ", description)
        text = self.name
        if description.strip(" ,.;:"):
            text += f": {' '.join(description.split())}"
        words = [keyword for keyword in self.keywords if keyword not in names]
        if words:
            text += ". " + ", ".join(words)
        return text

    @property
    def aliases(self) -> tuple[str, ...]:
        """The strings whose occurrence in a text is lexical evidence: the name and every keyword,
        one per spelling ("al Qaeda" adds nothing to "al-Qaeda")."""
        from topics.text.aliases import alias_key

        seen: dict[tuple, str] = {}
        for alias in (self.name, *self.keywords):
            key = alias_key(alias)
            # Of two spellings, the shorter finds both ("drone" also finds "drones").
            if key and (key not in seen or len(alias) < len(seen[key])):
                seen[key] = alias
        return tuple(seen.values())

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "keywords": list(self.keywords),
            "examples": list(self.examples),
        }


def load_themes(source) -> tuple[Theme, ...]:
    """Themes from a TOML file path, a TOML document already parsed, or a list of dicts/Themes."""
    if isinstance(source, (str, Path)):
        return read_theme_file(source)
    if isinstance(source, Theme):
        source = [source]
    if isinstance(source, Mapping):
        return parse_themes(source, "themes")
    if isinstance(source, Iterable):
        items = list(source)
        if all(isinstance(item, Theme) for item in items):
            return _check_unique(tuple(items), "themes", [None] * len(items))
        return parse_themes({"theme": items}, "themes")
    raise InputError("themes", f"expected a theme file path or a list of theme dicts, got {type(source).__name__}")


def read_theme_file(path: str | Path) -> tuple[Theme, ...]:
    path = user_path(path)
    if not path.exists():
        raise InputError(path, "theme file not found")
    if path.is_dir():
        raise InputError(path, "is a folder; expected a TOML theme file")
    try:
        text = small_file_text(read_small_file(path, "a theme file"))
    except UnicodeDecodeError as exc:
        raise InputError(path, not_text_reason(exc)) from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_themes(_read_json(text, path), path)
    if suffix in (".yaml", ".yml"):
        return parse_themes(_read_yaml(text, path), path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, _describe_toml_error(exc) + _format_hint(text, "TOML")) from None
    except RecursionError:  # thousands of nested brackets: damage, not a theme file
        raise InputError(path, "is not valid TOML (values nested too deeply to read)") from None
    lines = text.splitlines()
    header_lines = [number for number, line in enumerate(lines, 1) if _THEME_HEADER.match(line)]
    return parse_themes(data, path, header_lines, _key_lines(lines, header_lines))


# A key at the start of a line of a TOML table: bare, or quoted ("key" or 'key'), before "=" or a dot.
_TOML_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")
_SUB_TABLE = re.compile(r"""^\s*\[\s*"?themes?"?\s*\.\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))""")


def _key_lines(lines: list[str], header_lines: list[int]) -> list[dict[str, int]]:
    """Per [[theme]] table, the line each of its keys is written on (the first, if written twice), so that a
    message about a key points at it rather than at the table's header."""
    found = []
    for index, header in enumerate(header_lines):
        end = header_lines[index + 1] - 1 if index + 1 < len(header_lines) else len(lines)
        keys: dict[str, int] = {}
        for number in range(header + 1, end + 1):
            line = lines[number - 1]
            if line.lstrip().startswith("["):  # another table: this one's keys end here ([theme.sub] is one of them)
                sub = _SUB_TABLE.match(line)
                if sub:
                    keys.setdefault(next(group for group in sub.groups() if group is not None), number)
                break
            match = _TOML_KEY.match(line)
            if match:
                keys.setdefault(next(group for group in match.groups() if group is not None), number)
        found.append(keys)
    return found


def _read_json(text: str, path: Path):
    try:
        data = parse_json(text)
    except ValueError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: " if hasattr(exc, "lineno") else ""
        raise InputError(path, f"{where}invalid JSON: {getattr(exc, 'msg', exc)}{_format_hint(text, 'JSON')}") from None
    return {"theme": data} if isinstance(data, list) else data


def _read_yaml(text: str, path: Path):
    try:
        import yaml
    except ImportError:
        raise InputError(path, "a YAML theme file needs PyYAML (pip install pyyaml); or write it as TOML") from None
    try:
        data = yaml.safe_load(text)
    except RecursionError:  # thousands of nested brackets: damage, not a theme file
        raise InputError(path, "is not valid YAML (values nested too deeply to read)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"{where}invalid YAML: {problem}{_format_hint(text, 'YAML')}") from None
    if data is None:
        data = {}
    return {"theme": data} if isinstance(data, list) else data


_LOOKS_LIKE = {  # a format -> how a theme file in it starts
    "JSON": r"\s*(?:\{|\[\s*[{\]])",
    "YAML": r"\s*(?:themes?\s*:|-\s+name\s*:)",
    "TOML": r"(?:\s*#[^\n]*\n)*\s*\[\[\s*themes?\s*\]\]",
}
_SUFFIX = {"JSON": ".json", "YAML": ".yaml", "TOML": ".toml"}


def _format_hint(text: str, parsed_as: str) -> str:
    """A pointer to the format when the file looks like one written in another than the one its name says."""
    for name, start in _LOOKS_LIKE.items():
        if name != parsed_as and re.match(start, text):
            return f" (this looks like {name}: name the file {_SUFFIX[name]})"
    return ""


def parse_themes(data: Mapping, source, header_lines: list[int] | None = None,
                 key_lines: list[dict[str, int]] | None = None) -> tuple[Theme, ...]:
    """Check a parsed theme document and turn it into Themes; ``header_lines``: the line of each theme's table,
    ``key_lines``: the line of each key in it (a TOML file's), for the messages."""
    if not isinstance(data, Mapping):
        raise InputError(source, f"expected themes ({{\"theme\": [...]}} or a list of themes), got {type(data).__name__}")
    if data.get("format") == "topics.Themes":  # topics.themes.persist.FORMAT: themes with their parameters
        raise InputError(source, "a file written by Themes.save (themes with their parameters): read it with Themes.load")
    unknown = sorted(set(data) - {"theme", "themes"})
    if unknown:
        raise InputError(source, f"unknown top-level key(s) {', '.join(map(repr, unknown))}; themes go in [[theme]] tables")
    entries = data.get("theme", data.get("themes"))
    if entries is None or (isinstance(entries, list) and not entries):
        raise InputError(source, f"no themes: {_how_to_add(source)}")
    if not isinstance(entries, list):
        raise InputError(source, "'theme' must be an array of tables: write [[theme]], not [theme]")
    lines: list[int | None] = list(header_lines or [])
    lines += [None] * (len(entries) - len(lines))
    keys = list(key_lines or []) + [{}] * len(entries)
    themes = tuple(_parse_theme(entry, source, index, lines[index], keys[index]) for index, entry in enumerate(entries))
    return _check_unique(themes, source, lines)


def _how_to_add(source) -> str:
    """How a theme is written in the format of ``source`` (a file's suffix; TOML when it has none)."""
    suffix = Path(str(source)).suffix.lower()
    if suffix == ".json":
        return 'give a list of themes, each an object with a name: [{"name": "drones", "keywords": ["drone"]}]'
    if suffix in (".yaml", ".yml"):
        return "give a list of themes, each with a name (- name: drones)"
    return "add one [[theme]] table per theme, each with a name"


def _parse_theme(entry, source, index: int, line: int | None, key_lines: dict[str, int]) -> Theme:
    where = _where(index, line)
    if not isinstance(entry, Mapping):
        raise InputError(source, f"{where}: a theme must be a table with a name, got {type(entry).__name__}")
    unknown = sorted(set(entry) - set(KNOWN_FIELDS))
    if unknown:
        # Named at the line of the (first) unknown key, where the file has one: the header may be far above it.
        at = sorted(key_lines[key] for key in unknown if key in key_lines)
        where = _where(index, at[0] if at else line)
        raise InputError(
            source, f"{where}: unknown field(s) {', '.join(map(repr, unknown))} (known: {', '.join(KNOWN_FIELDS)})"
        )
    name = _text(entry.get("name"), "name", source, where)
    description = _text(entry.get("description"), "description", source, where)
    # A list's problem is named at its key's line, with the theme's name: the header may be far above it.
    keywords, aliases, examples = (_texts(entry.get(field), field, source, _where(index, key_lines.get(field, line), name))
                                   for field in LIST_FIELDS)
    keywords += aliases
    if not (name or description or keywords or examples):
        raise InputError(source, f"{where}: the theme has no text at all (give at least a name)")
    if not name:
        raise InputError(source, f"{where}: the theme has no name")
    return Theme(name=name, description=description, keywords=tuple(dict.fromkeys(keywords)), examples=examples)


def _text(value, field: str, source, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(source, f"{where}: {field!r} must be a string, got {type(value).__name__}")
    return " ".join(value.split())


# How one entry of each list field is called in a message.
_ENTRY = {"keywords": "keyword", "aliases": "alias", "examples": "example"}


def _texts(value, field: str, source, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(source, f"{where}: {field!r} must be a list of strings")
    texts = tuple(" ".join(item.split()) for item in value)
    # A blank entry is a slip (a stray comma's "", an unfilled placeholder): refused like any malformed entry, not
    # dropped unseen, so that nothing the analyst meant is lost.
    blank = [number for number, text in enumerate(texts, 1) if not text]
    if blank:
        raise InputError(source, f"{where}: {_blank(_ENTRY[field], field, blank, len(texts))}")
    return texts


def _blank(entry: str, field: str, numbers: list[int], count: int) -> str:
    """Which entries of a list of ``count`` are blank, e.g. "keyword 2 of 3 in 'keywords' is blank (...)"."""
    one = len(numbers) == 1
    listed = ", ".join(map(str, numbers[:5])) + (", ..." if len(numbers) > 5 else "")
    return (f"{entry}{'' if one else 's'} {listed} of {count} in {field!r} {'is' if one else 'are'} blank (empty or only "
            f"spaces): remove {'it' if one else 'them'} or write {'it' if one else 'them'} out")


def _check_unique(themes: tuple[Theme, ...], source, lines: list) -> tuple[Theme, ...]:
    if not themes:
        raise InputError(source, "no themes given")
    first_seen: dict[str, int] = {}
    for index, theme in enumerate(themes):
        _check_shown(theme, source, _where(index, lines[index]))
        key = name_key(theme.name)
        if key in first_seen:
            earlier = first_seen[key]
            if themes[earlier].name.casefold() == theme.name.casefold():
                used_by = _where(earlier, lines[earlier])
            else:  # both names as written: the difference may not show
                used_by = (f"{_where(earlier, lines[earlier], themes[earlier].name)}: the same name once case, Unicode "
                           "form (NFKC) and invisible characters are set aside")
            raise InputError(
                source, f"{_where(index, lines[index])}: duplicate theme name {_shown(theme.name)} (already used by {used_by})"
            )
        first_seen[key] = index
    return themes


# Characters that show nothing and change nothing that is shown.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
                       "\u2066\u2067\u2068\u2069\ufeff")


def name_key(name: str) -> str:
    """What two theme names that look alike share: NFKC form (full-width letters, composed accents), no invisible
    characters (zero-width spaces, soft hyphens, direction marks), case folded, spaces collapsed. "Sp\\u200bort",
    "Ｓｐｏｒｔ" and "sport " would otherwise be three themes that every table shows as one. Joiners and tag
    characters stay: they change what is shown (Persian words, the Scottish and Welsh flags)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if char not in _INVISIBLE)
    return " ".join(unicodedata.normalize("NFKC", text.casefold()).split())


def _check_shown(theme: Theme, source, where: str) -> None:
    """A name must show something and hold no control character; keywords hold none either."""
    for field, value in (("name", theme.name), *(("keyword", keyword) for keyword in theme.keywords)):
        # Shown in the terminal, the reports and as a spreadsheet column header, a control or
        # bidi override would clear screens, end cells or reorder what is shown.
        found = IN_A_NAME.search(value)
        if found:
            raise InputError(
                source, f"{where}: the {field} {_shown(value)} holds the control character "
                f"U+{ord(found.group()):04X}; write it as plain text"
            )
    if shows_nothing(theme.name):
        raise InputError(source, f"{where}: the name {_shown(theme.name)} shows no visible character")
    # Themes built in Python skip the file's reading: their lists are held to the same rule (:func:`_texts`).
    for field, entries in (("keywords", theme.keywords), ("examples", theme.examples)):
        blank = [number for number, text in enumerate(entries, 1) if not str(text).strip()]
        if blank:
            raise InputError(source, f"{where} {_shown(theme.name)}: {_blank(_ENTRY[field], field, blank, len(entries))}")


def _shown(value: str) -> str:
    from topics.console import visible

    return "'" + visible(value)[:80] + "'"


def _where(index: int, line: int | None, name: str = "") -> str:
    theme = f"theme {index + 1}" + (f" {_shown(name)}" if name else "")
    return f"line {line} ({theme})" if line is not None else theme


def _describe_toml_error(exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is None:
        found = _TOML_POSITION.search(str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
    message = _TOML_POSITION.sub("", message).strip()
    if line is None:
        return f"invalid TOML: {message}"
    return f"line {line}, column {column}: invalid TOML: {message}"
