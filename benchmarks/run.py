"""Run the benchmarks: ``python -m benchmarks.run [--quick] [--only NAME ...]``.

Each benchmark module has ``run(quick) -> list[dict]`` (one dict per table
row). The runner prints each as a Markdown table and writes
``artifacts/bench/<name>.json`` with the machine description, plus
``artifacts/bench/latest.md`` with every table of the run.

The cores may be shared with other work: each benchmark measures its
ratios against the reference in the same run and reports medians of
repeats, but absolute numbers still move with the machine's load (the
load average is recorded with every result).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import math
import os
import runpy
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from benchmarks import machine  # noqa: E402

# Order of the report: what users wait on first.
BENCHMARKS = ("topic_quality", "embedding", "onnx_quality", "cold_start", "scaling", "search", "themes")
DEFAULT_OUT = Path("artifacts") / "bench"


NOT_BENCHMARKS = {"run", "machine", "measure", "small_corpus", "label_pairs"}  # helpers and one-off questions, not benchmarks
NOT_BENCHMARKS |= {"code_templates"}  # run as a file, once with each version of the code it compares


def available() -> list[str]:
    """Benchmark modules present: the known ones in report order, then any other module here."""
    here = Path(__file__).resolve().parent
    present = {p.stem for p in here.glob("*.py") if not p.stem.startswith("_") and p.stem not in NOT_BENCHMARKS}
    return [name for name in BENCHMARKS if name in present] + sorted(present - set(BENCHMARKS))


def format_cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == 0:
            return "0"
        magnitude = abs(value)
        if magnitude >= 100:
            return f"{value:,.0f}"
        if magnitude >= 10:
            return f"{value:.1f}"
        if magnitude >= 0.01:
            return f"{value:.3f}".rstrip("0").rstrip(".") if magnitude < 1 else f"{value:.2f}"
        return f"{value:.2g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_cell(v) for v in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)\n"
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns and not key.startswith("_")]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(format_cell(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def run_one(name: str, quick: bool, tiny: bool) -> dict:
    """Import and run one benchmark; a failure becomes a recorded error, not a crash of the run."""
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    clock = time.perf_counter()
    record = {"benchmark": name, "quick": quick, "tiny": tiny, "started": started, "machine": machine.describe()}
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        kwargs = {"tiny": tiny} if tiny and "tiny" in inspect.signature(module.run).parameters else {}
        rows = module.run(quick, **kwargs)
        record["results"] = [_plain(dict(row)) for row in rows]
        notes = getattr(module, "NOTES", None)
        if notes:
            record["notes"] = notes
    except Exception as exc:  # one broken benchmark must not hide the others
        record["results"] = []
        record["error"] = f"{type(exc).__name__}: {exc}"
        record["traceback"] = traceback.format_exc()
    record["seconds"] = round(time.perf_counter() - clock, 1)
    record["machine_after"] = {"load_average_1_5_15min": machine.load_average()}
    return record


def _plain(value):
    """JSON-ready: numpy scalars to Python, NaN/inf to null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def script_parser(name: str, doc: str, quick_help: str) -> argparse.ArgumentParser:
    """The command line every standalone benchmark script shares: ``--quick`` and ``--out``."""
    parser = argparse.ArgumentParser(prog=f"python -m benchmarks.{name}", description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder for {name}.json")
    return parser


def write_record(out: Path, name: str, command: str, rows: list[dict], started: float, notes: str = "", **extra) -> dict:
    """Write ``<out>/<name>.json`` as every benchmark records it: rows, machine, command, seconds since ``started``."""
    from topics._atomic import write_json

    record = {"benchmark": name, **extra, "machine": machine.describe(), "command": command,
              "results": [_plain(dict(row)) for row in rows], "seconds": round(time.perf_counter() - started, 1),
              "machine_after": {"load_average_1_5_15min": machine.load_average()}}
    if notes:
        record["notes"] = notes
    write_json(out / f"{name}.json", record)
    return record


def run_standalone(name: str, doc: str, run, notes: str, quick_help: str, argv: list[str] | None = None) -> int:
    """The ``main`` of a benchmark script whose ``run(quick)`` returns its rows: parse ``--quick`` and
    ``--out``, run, write ``<out>/<name>.json``, print the table and the notes."""
    args = script_parser(name, doc, quick_help).parse_args(argv)
    started = time.perf_counter()
    rows = run(args.quick)
    write_record(args.out, name, f"python -m benchmarks.{name}" + (" --quick" if args.quick else ""), rows, started, notes,
                 quick=args.quick)
    print(markdown_table(rows))
    print(notes)
    return 0


def run_with_variant(argv: list[str], install, doc: str, options: dict | None = None, flags: dict | None = None) -> int:
    """The ``main`` of a variant benchmark: the variant's own ``flags`` read off the front of ``argv`` into
    ``options`` (``--name`` -> key ``name``; a flag mapped to None is a switch, else to the converter of the value
    that follows it), ``install()`` its patch, then run the benchmark module ``argv[0]`` as ``python -m`` would, with
    ``argv[1:]`` as its arguments; no module named: exit with ``doc``."""
    flags = flags or {}
    while argv and argv[0] in flags:
        name, convert = argv[0][2:].replace("-", "_"), flags[argv[0]]
        options[name], argv = (True, argv[1:]) if convert is None else (convert(argv[1]), argv[2:])
    if not argv:
        raise SystemExit(doc)
    install()
    sys.argv = argv
    runpy.run_module(argv[0], run_name="__main__", alter_sys=True)
    return 0


def section(record: dict) -> str:
    name = record["benchmark"]
    head = f"### {name}{' (quick)' if record['quick'] else ''}\n\n"
    if "error" in record:
        return head + f"failed: `{record['error']}`\n"
    notes = record.get("notes")
    return head + markdown_table(record["results"]) + (f"\n{notes}\n" if notes else "")


def machine_line(description: dict) -> str:
    v = description["versions"]
    return (
        f"Machine: {description['cpu_model']}, {description['cores']} cores, fp32 peak ≈ "
        f"{description['fp32_peak_gflops']} GFLOP/s ({description['peak_formula']}), "
        f"{description['memory_gib']} GiB RAM; Python {v['python']}, torch {v['torch']}, "
        f"sentence-transformers {v['sentence-transformers']}, onnxruntime {v['onnxruntime']}, "
        f"umap-learn {v['umap-learn']}, bertopic {v['bertopic']}; load average at start "
        f"{description['load_average_1_5_15min']}."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, about a minute per benchmark")
    parser.add_argument("--tiny", action="store_true", help="smallest inputs: checks the harness end to end; the numbers mean nothing")
    parser.add_argument("--only", nargs="+", metavar="NAME", help=f"benchmarks to run (of: {', '.join(BENCHMARKS)})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the JSON results [default: artifacts/bench]")
    args = parser.parse_args(argv)

    names = available()
    if args.only:
        unknown = [n for n in args.only if n not in BENCHMARKS and n not in names]
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(dict.fromkeys([*BENCHMARKS, *names]))}")
        for name in args.only:
            if name not in names:
                print(f"skipping {name}: benchmarks/{name}.py does not exist yet", file=sys.stderr)
        names = [n for n in args.only if n in names]

    from topics._atomic import write_json, write_text

    args.out.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks.run" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    sections = [f"Command: `{command}`\n\n{machine_line(machine.describe())}\n"]
    failed = 0
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''} ...", file=sys.stderr, flush=True)
        record = run_one(name, args.quick, args.tiny)
        record["command"] = command
        write_json(args.out / f"{name}.json", record)
        text = section(record)
        sections.append(text)
        print(text, flush=True)
        if "error" in record:
            failed += 1
            print(record["traceback"], file=sys.stderr)
        print(f"{name}: {record['seconds']} s -> {args.out / (name + '.json')}", file=sys.stderr, flush=True)
    write_text(args.out / "latest.md", "\n".join(sections))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
