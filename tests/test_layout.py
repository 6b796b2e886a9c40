"""The package's folders follow the data flow: no stage imports a later one.

corpus (ingest) -> vectors (embedding) -> topics / themes / search -> figures (viz)
-> report, with ``text`` (wording rules) below everything and ``cli`` on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "topics"
MAX_LINES = 520  # "about 500": a module past it should be split by job

# Modules at the top of the package that every stage may use.
SHARED = {"errors", "controls", "console", "validate", "_atomic", "_writers", "_parquet", "_pickled", "_fitted"}
# Stage -> the stages it may import (besides itself and SHARED).
ALLOWED = {
    "text": set(),
    "ingest": {"text"},
    "embedding": {"ingest"},
    "viz": {"modeling", "text"},
    "themes": {"text", "embedding", "viz"},
    "search": {"text", "embedding", "ingest"},
    "modeling": {"text", "embedding", "themes", "viz"},
    "report": {"text", "modeling", "themes", "viz", "pipeline"},
    "distributed": {"embedding", "modeling", "search", "ingest"},
    "pipeline": {"ingest", "embedding", "modeling", "themes", "report"},
}


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "version"  # ``import topics`` (for __version__)
    return parts[1]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _imported(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "topics" and node.level == 0:
            if node.module == "topics":
                names += [f"topics.{alias.name}" for alias in node.names]
            else:
                names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.split(".")[0] == "topics"]
    return names


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_its_own_and_earlier_stages(path):
    stage = _stage(_module_name(path))
    if stage in {"cli", "_entry", "__main__", "__init__"} or stage in SHARED:
        allowed = None if stage not in SHARED else {"errors"}
    else:
        allowed = ALLOWED[stage]
    for target in _imported(ast.parse(path.read_text(encoding="utf-8"))):
        target_stage = _stage(target)
        if allowed is None or target_stage in {stage, "version"} or target_stage in SHARED:
            continue
        assert target_stage in allowed, f"{path.relative_to(PACKAGE)} ({stage}) imports {target} ({target_stage})"


def test_every_folder_says_what_it_owns_and_no_module_is_long():
    for folder in [p for p in PACKAGE.iterdir() if p.is_dir() and p.name not in {"__pycache__", "templates"}]:
        init = folder / "__init__.py"
        if init.exists():
            assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{folder.name}/__init__.py has no docstring"
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.name != "__init__.py" or path.parent == PACKAGE:
            assert ast.get_docstring(tree), f"{path.relative_to(PACKAGE)} has no module docstring"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"


def _copied_level_defaults(path: Path, default: str) -> list[str]:
    """Where ``path`` writes ``default`` out as the default of a ``level`` parameter or a ``--level`` option."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            pairs = list(zip(arguments.args[::-1], arguments.defaults[::-1])) + list(zip(arguments.kwonlyargs, arguments.kw_defaults))
            found += [f"{node.name}(level=...)" for arg, value in pairs
                      if arg.arg == "level" and isinstance(value, ast.Constant) and value.value == default]
        elif isinstance(node, ast.Call) and any(isinstance(a, ast.Constant) and a.value == "--level" for a in node.args):
            if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == default:
                found.append(f"line {node.lineno}: --level option")
    return found


def test_find_topics_and_the_command_line_take_the_default_level_from_its_one_constant():
    from topics.modeling.model_input import DEFAULT_LEVEL

    paths = [PACKAGE / "pipeline.py", *sorted((PACKAGE / "cli").glob("*.py"))]
    copies = {p.relative_to(PACKAGE).as_posix(): found for p in paths if (found := _copied_level_defaults(p, DEFAULT_LEVEL))}
    assert copies == {}
