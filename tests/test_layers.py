"""The data flow stays one direction: the imports of every module are read (with ast, so imports
inside functions count too) and checked against the layering in docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "topics"

# importer (module or folder prefix) -> the topics modules it must never import (prefixes).
FORBIDDEN = {
    # Nothing but the entry point reaches up into the command line.
    "": ("topics.cli",),
    # The stages below the report never import the report or the Ray path.
    "topics.model": ("topics.report", "topics.distributed", "topics.search", "topics.themes"),
    "topics.topic_fitting": ("topics.report", "topics.distributed", "topics.search", "topics.model"),
    "topics.topic_tables": ("topics.",),
    "topics.cluster": ("topics.report", "topics.distributed", "topics.model", "topics.search"),
    "topics.reduce": ("topics.report", "topics.distributed", "topics.model", "topics.search"),
    "topics.sampling": ("topics.report", "topics.distributed", "topics.model", "topics.search"),
    "topics.search": ("topics.report", "topics.distributed", "topics.model", "topics.themes", "topics.pipeline"),
    "topics.themes": ("topics.report", "topics.distributed", "topics.model", "topics.search", "topics.pipeline"),
    "topics.embed": ("topics.report", "topics.distributed", "topics.model", "topics.search", "topics.themes"),
    "topics.cache": ("topics.report", "topics.distributed", "topics.model", "topics.search", "topics.embed"),
    "topics.corpus": ("topics.report", "topics.distributed", "topics.model", "topics.search", "topics.themes", "topics.embed"),
    "topics.validate": ("topics.report", "topics.distributed", "topics.model", "topics.search", "topics.themes", "topics.embed"),
    "topics.palette": ("topics.",),
    "topics.plain_text": ("topics.",),
    "topics.distributed": ("topics.report",),
}
ALLOWED = {("topics.__main__", "topics.cli")}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("topics")}


def _rules_for(module: str):
    for importer, forbidden in FORBIDDEN.items():
        if importer == "" or module == importer or module.startswith(importer + "."):
            yield importer, forbidden


@pytest.mark.parametrize("module, path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_module_imports_follow_the_data_flow(module, path):
    if module.startswith("topics.cli") or module == "topics":
        return  # the command line and the lazy package exports may import any stage
    broken = []
    for imported in sorted(_imports(path)):
        for importer, forbidden in _rules_for(module):
            for prefix in forbidden:
                if (imported == prefix.rstrip(".") or imported.startswith(prefix if prefix.endswith(".") else prefix + ".")
                        or imported == prefix) and (module, prefix) not in ALLOWED and imported != module:
                    broken.append(f"{module} imports {imported}")
    assert not broken, broken


def test_the_rules_catch_a_reverse_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from topics.report import write_report\n", encoding="utf-8")
    assert "topics.report" in _imports(bad)
    assert any("topics.report" in forbidden for _, forbidden in _rules_for("topics.model"))


def test_every_module_says_what_it_owns():
    missing = [name for name, path in _modules() if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert not missing, missing
