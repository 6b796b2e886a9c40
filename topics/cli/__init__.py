"""The `topics` command line: thin wrappers over the library.

Exit codes: 0 success, 1 bad input or a failed step (the message names the
file and the problem), 2 wrong command-line usage.
"""

from __future__ import annotations

import typer
from rich.text import Text

from topics.cli._common import err_console
from topics.errors import TopicsError

app = typer.Typer(
    name="topics",
    help="Semantic similarity and topic clustering for news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each command lives in its own module and registers itself on `app`.
from topics.cli import embed_cmd, ingest_cmd, report_cmd, similar_cmd, themes_cmd  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except TopicsError as exc:
        # Text, not markup: the message may hold brackets from user data.
        err_console.print(Text("error: ", style="bold red") + Text(str(exc)), soft_wrap=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise SystemExit(130) from None
