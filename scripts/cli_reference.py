"""Write docs/cli.md from the commands' own --help, so the reference cannot drift from the code.

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date (run by the tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "cli.md"


def reference() -> str:
    import typer
    from typer.testing import CliRunner

    from resdiff.cli.app import app

    runner = CliRunner()
    commands = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    parts = [
        "# Command-line reference",
        "",
        "Generated from `resdiff --help` by `scripts/cli_reference.py`; the tests fail when it is out of date.",
        "",
    ]
    for argv in [[]] + [[c] for c in commands]:
        result = runner.invoke(app, argv + ["--help"], terminal_width=100, env={"COLUMNS": "100"})
        title = " ".join(["resdiff"] + argv)
        parts += [f"## `{title}`", "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    text = reference()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.read_text(encoding="utf-8") == text else 1)
    DOC.write_text(text, encoding="utf-8")
