"""The command line: exact output, exit codes, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app

from .conftest import DATA, FIXTURE_STORE, snapshot

runner = CliRunner()


def run(*args: str, store: Path | None = None):
    argv = list(args) + (["--store", str(store)] if store is not None else [])
    return runner.invoke(app, argv)


# Every command of the console script, in the order `resdiff --help` lists them.
COMMANDS = [
    "import", "list", "series", "show", "compare", "crosswalk", "review",
    "fetch", "export", "report", "session", "precedent", "history", "check",
]  # fmt: skip


def test_commands_are_the_apps_commands():
    assert COMMANDS == [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(command: str):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: resdiff " + command in result.output
    assert "--store" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_explains_every_argument(command: str):
    # The help written for each argument must reach --help (click 8.5 reset it after typer 0.24 set it:
    # "REF  [required]" and nothing else, for every command).
    from typer.models import ArgumentInfo
    from typer.utils import get_params_from_function

    callback = next(c.callback for c in app.registered_commands if (c.name or c.callback.__name__) == command)
    written = [
        p.default.help
        for p in get_params_from_function(callback).values()
        if isinstance(p.default, ArgumentInfo) and p.default.help
    ]
    shown = " ".join(run(command, "--help").output.split())
    assert [h for h in written if " ".join(h.split()) not in shown] == []


def examples(command: str) -> list[str]:
    """The command lines under "Examples:" (or "Example:") in a command's --help."""
    text = run(command, "--help").output
    block = text.split("Example", 1)[1].split("\n\n", 1)[0] if "Example" in text else ""
    return [line.strip() for line in block.splitlines()[1:] if "resdiff " in line]


# What a command writes when pasted as it is, inside a checkout: the shipped store (versions/) and
# the tracked report (reports/) must not change. `report` alone rewrites reports/ from the shipped
# store, byte for byte what is tracked; `fetch` is meant to complete the shipped series.
WRITES_STORE = {"import", "series"}


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_are_safe_to_paste(command: str):
    for line in examples(command):
        for call in line.split("&&"):
            words = call.split()
            if "resdiff" not in words:
                continue
            sub = words[words.index("resdiff") + 1]
            if sub in WRITES_STORE and "--dry-run" not in words:
                assert "--store" in words, f"{line!r} would write into the shipped store"
            if sub == "report" and len(words) > 2:
                assert "--out" in words and not words[words.index("--out") + 1].startswith("reports"), (
                    f"{line!r} would replace the tracked reports/"
                )
            if "-o" in words:
                assert not words[words.index("-o") + 1].startswith(("reports/", "versions/")), line


def test_every_command_has_examples():
    assert [c for c in COMMANDS if not examples(c) and c not in ("list", "check")] == []


def test_main_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_list_shows_every_known_version_with_an_honest_status():
    result = run("list", "--format", "json", store=FIXTURE_STORE)
    assert result.exit_code == 0
    rows = {r["name"]: (r["status"], r["footnotes"]) for r in json.loads(result.output)}
    assert rows == {
        "70/46": ("partial", "not held"),
        "71/72": ("partial", "partly held"),
        "72/36": ("partial", "partly held"),
        "73/67": ("partial", "partly held"),
        "75/59": ("complete", "held"),
        "77/64": ("complete", "not held"),
        "79/53": ("complete", "not held"),
        "81st session (2026)": ("not stored", None),
    }
    text = run("list", store=FIXTURE_STORE).output.splitlines()
    assert text[4].split()[:3] == ["ied", "75/59", "2020-12-07"] and text[4].endswith("complete    footnotes held")


def test_check_passes_on_the_shipped_store():
    result = run("check", store=FIXTURE_STORE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 7 stored versions: 7 in 1 series under")


def test_show_json_shape_on_75_59():
    result = run("show", "75/59", "--format", "json", store=FIXTURE_STORE)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"symbol", "title", "session", "adopted", "complete", "paragraphs", "footnotes"} <= set(data)
    assert (data["symbol"], data["session"], data["adopted"], data["complete"]) == (
        "A/RES/75/59",
        75,
        "2020-12-07",
        True,
    )
    paras = data["paragraphs"]
    assert sum(p["part"] == "preamble" for p in paras) == 24
    assert sum(p["part"] == "operative" for p in paras) == 31
    assert len(data["footnotes"]) == 18
    op1 = next(p for p in paras if p["id"] == "OP1")
    assert {k: op1[k] for k in ("id", "part", "number", "lead", "notes")} == {
        "id": "OP1",
        "part": "operative",
        "number": 1,
        "lead": "Takes note of",
        "notes": [13],
    }
    assert op1["text"].startswith("Takes note of the report of the Secretary-General submitted pursuant to")
    assert data["footnotes"]["13"] == "A/75/175 and A/75/175/Corr.1."
    pp1 = paras[0]
    assert (pp1["id"], pp1["number"], pp1["lead"], pp1["notes"]) == ("PP1", None, "Recalling", [])


def test_show_json_keeps_gaps():
    data = json.loads(run("show", "A/RES/71/72", "-f", "json", store=FIXTURE_STORE).output)
    gaps = [p for p in data["paragraphs"] if p.get("gap")]
    assert gaps[0] == {"gap": True, "part": "preamble"}
    assert gaps[1] == {"gap": True, "part": "operative", "number": 1}
    assert next(p for p in data["paragraphs"] if p.get("id") == "OP15")["partial"] is True


def test_show_a_file():
    result = run("show", str(DATA / "fictitious-99-1.txt"))
    assert result.exit_code == 0
    assert "OP2(a)  regional workshops;" in result.output


def test_import_then_refuse_to_overwrite(tmp_path: Path, corpus: Path):
    store = tmp_path / "store"
    result = run("import", str(corpus / "A-RES-73-67.txt"), "--series", "ied", store=store)
    assert result.exit_code == 0, result.output
    assert "stored A/RES/73/67 (partial, 6 paragraphs, 1 footnote)" in result.output
    manifest = json.loads((store / "ied" / "manifest.json").read_text())
    assert [v["symbol"] for v in manifest["versions"]] == ["A/RES/73/67"]
    before = snapshot(store)
    again = run("import", str(corpus / "A-RES-73-67.txt"), store=store)
    assert again.exit_code == 0  # skipped, not failed: a bulk import is re-run over the same folder
    assert "A/RES/73/67 is already stored" in again.output and "--force" in again.output
    assert "imported 0, skipped 1 already stored, failed 0" in again.output
    assert snapshot(store) == before
    forced = run("import", str(corpus / "A-RES-73-67.txt"), "--force", store=store)
    assert forced.exit_code == 0


def test_an_unlisted_symbol_is_stored_in_the_pool(store_copy: Path):
    before = snapshot(store_copy)
    result = run("import", str(DATA / "fictitious-99-1.txt"), store=store_copy)
    assert result.exit_code == 0, result.output
    assert f"in {store_copy / '_pool' / 'A-RES-99-1.txt'}" in result.output
    after = snapshot(store_copy)
    assert set(after) - set(before) == {"_pool/A-RES-99-1.txt"} and all(after[k] == v for k, v in before.items())
    assert run("show", "99/1", store=store_copy).exit_code == 0
    assert run("check", store=store_copy).exit_code == 0


BAD_INPUTS = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\n ", "the file is empty"),
    "binary.bin": (bytes(range(256)) * 4, "binary file"),
    "undecodable.txt": (b"Noting \x81\x8d\x90 things", "undecodable bytes"),
    "letter.txt": (b"Dear colleagues,\n\nthe minutes are attached.\n", "not a resolution"),
    "draft.pdf": (b"%PDF-1.7\n...", "the PDF could not be read"),
    "draft.docx": (b"PK\x03\x04garbage", "not a valid .docx"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path, store_copy: Path, name: str):
    data, problem = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(store_copy)
    result = run("import", str(path), "--series", "ied", store=store_copy)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: ")
    assert problem in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(store_copy) == before


@pytest.mark.parametrize("symbol", ["../../etc/passwd", "75/59/../../x", "A/RES/75", "75/59; rm -rf /", "/75/59"])
def test_symbol_tricks_are_refused(store_copy: Path, symbol: str):
    before = snapshot(store_copy)
    result = run("import", str(DATA / "fictitious-99-1.txt"), "--symbol", symbol, "--series", "ied", store=store_copy)
    assert result.exit_code == 1
    assert "invalid symbol" in result.output
    assert snapshot(store_copy) == before


def test_series_name_tricks_are_refused(store_copy: Path):
    result = run("import", str(DATA / "fictitious-99-1.txt"), "--series", "../evil", store=store_copy)
    assert result.exit_code == 1
    assert "invalid series name" in result.output
    assert not (store_copy.parent / "evil").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "utf-8-sig"])
def test_word_and_windows_encodings_are_decoded(tmp_path: Path, store_copy: Path, encoding: str):
    text = (DATA / "fictitious-99-1.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / f"res-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = run("import", str(path), "--series", "fictitious", store=store_copy)
    assert result.exit_code == 0, result.output
    shown = run("show", "99/1", "-f", "json", store=store_copy)
    data = json.loads(shown.output)
    assert "Member States’ experts" in data["paragraphs"][2]["text"]
    assert data["paragraphs"][-1]["text"].endswith("entitled “Widgets”.")


def test_unknown_symbol_is_one_line(store_copy: Path):
    result = run("show", "74/12", store=store_copy)
    assert result.exit_code == 1
    assert result.output == (
        "Error: no stored version '74/12'; known: 70/46, 71/72, 72/36, 73/67, 75/59, 77/64, "
        "79/53; import one with `resdiff import FILE`\n"
    )
    (store_copy / "ied" / "A-RES-77-64.txt").unlink()
    listed = run("show", "77/64", store=store_copy)
    assert "listed in series 'ied' but its text is not stored" in listed.output


def test_check_reports_problems(store_copy: Path):
    path = store_copy / "ied" / "A-RES-73-67.txt"
    path.write_text(path.read_text().replace("symbol: A/RES/73/67", "symbol: A/RES/73/68"))
    (store_copy / "ied" / "stray.txt").write_text("x")
    result = run("check", store=store_copy)
    assert result.exit_code == 1
    assert "symbol A/RES/73/68 does not match the manifest's A/RES/73/67" in result.output
    assert "stray.txt: not listed in ied/manifest.json" in result.output


def test_store_from_environment(store_copy: Path, monkeypatch: pytest.MonkeyPatch):
    (store_copy / "ied" / "A-RES-70-46.txt").unlink()
    monkeypatch.setenv("RESDIFF_STORE", str(store_copy))
    data = json.loads(runner.invoke(app, ["list", "-f", "json"]).output)
    assert data[0]["status"] == "not stored"


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path):
    """`resdiff show BIG | head`: the reader chose to stop; resdiff ends quietly with status 0."""
    import subprocess
    import sys

    blocks = [
        f"Recalling its resolution {n}/1 of 1 January 2000, and noting the work done on item {n}," for n in range(3000)
    ]
    big = tmp_path / "big.txt"
    big.write_text(
        "symbol: A/RES/99/1\n---\nThe General Assembly,\n\n" + "\n\n".join(blocks) + "\n\n1. Decides to "
        "remain seized of the matter.\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", "from resdiff.cli.entry import main; main()", "show", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.read(100)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == b""


def test_revisions_takes_only_current_or_original(tmp_path: Path):
    result = run("import", str(DATA / "fictitious-99-1.txt"), "--revisions", "bogus", store=tmp_path / "s")
    assert result.exit_code == 2 and "'bogus' is not one of 'current', 'original'" in result.output
    assert not (tmp_path / "s").exists()


def test_session_names_a_bad_committee_and_nothing_else_as_one(monkeypatch: pytest.MonkeyPatch):
    result = run("session", "79", "--committee", "Seventh", store=FIXTURE_STORE)
    assert result.exit_code == 2 and "--committee" in result.output and "unknown committee 'Seventh'" in result.output

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug in the build")

    monkeypatch.setattr("resdiff.series.session.build_session", broken)
    result = run("session", "79", "--committee", "First", store=FIXTURE_STORE)
    assert "--committee" not in result.output and isinstance(result.exception, ValueError)


def test_a_session_the_store_holds_nothing_of_is_one_line_and_writes_nothing(tmp_path: Path):
    """An empty digest would read as if the session adopted nothing; a committee that adopted nothing the
    store holds still gets its (empty) digest."""
    out = tmp_path / "s.md"
    result = run("session", "999", "-o", str(out), store=FIXTURE_STORE)
    assert result.exit_code == 1 and not out.exists()
    assert result.output == "Error: the store holds no resolution of session 999: it holds sessions 70 to 79\n"
    # A session inside the range the store holds says so: "70 to 79" alone reads as if 74 were among them.
    inside = run("session", "74", store=FIXTURE_STORE)
    assert inside.exit_code == 1
    assert inside.output.endswith("it holds sessions 70 to 79, with none between 73 and 75\n")
    assert run("session", "79", "--committee", "Sixth", store=FIXTURE_STORE).exit_code == 0


def test_crosswalk_and_session_take_their_format_from_the_output_file(tmp_path: Path):
    """Every command that writes an output reads -o's extension from the one table of formats
    (crosswalk and session wrote their default format into any file: text into a .md, Markdown into a .json)."""
    assert run("crosswalk", "73/67", "75/59", "-o", str(tmp_path / "x.md"), store=FIXTURE_STORE).exit_code == 0
    assert (tmp_path / "x.md").read_text().startswith("# Paragraph numbers: 73/67 → 75/59")
    assert run("session", "79", "-o", str(tmp_path / "s.json"), store=FIXTURE_STORE).exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text())["session"] == 79
    refused = run("crosswalk", "73/67", "75/59", "-f", "term", "-o", str(tmp_path / "y.json"), store=FIXTURE_STORE)
    assert refused.exit_code == 2 and "does not match the extension" in refused.output
    assert not (tmp_path / "y.json").exists()


def test_an_output_file_named_for_another_format_is_refused(tmp_path: Path):
    """-o whose extension names a format the command does not write is a usage error, not that
    command's default format under another file's name."""
    for args in (
        ["crosswalk", "73/67", "75/59", "-o", str(tmp_path / "c.docx")],
        ["export", "75/59", "-o", str(tmp_path / "e.txt")],
        ["review", "A/RES/75/59", "-o", str(tmp_path / "r.md")],
    ):
        result = run(*args, store=FIXTURE_STORE)
        assert result.exit_code == 2 and "is none of the formats written here" in result.output, args
    assert list(tmp_path.iterdir()) == []
    assert run("export", "75/59", "-f", "akn", "-o", str(tmp_path / "e.txt"), store=FIXTURE_STORE).exit_code == 0
    assert (tmp_path / "e.txt").read_text().startswith("<?xml")


def test_a_json_comparison_from_the_cache_loads_only_what_it_uses(tmp_path: Path):
    """`resdiff compare OLD NEW --format json` is called in loops: a comparison of two resolutions
    (no sponsors) does not load the sponsors module, the precedent module, the full command line,
    what waits for a parsing child (select, signal: none is started), pickle.py (the C pickler is
    what it uses) nor the json package (the writer needs only the C string encoder); and the garbage
    collector, which such a short run does not need, never runs, not even while the modules load."""
    import os
    import subprocess
    import sys

    corpus = Path(__file__).parent / "fixtures" / "corpus-json"
    unused = ("resdiff.core.sponsors", "resdiff.diff.precedent", "typer", "select", "signal", "pickle", "json")
    script = (
        "import gc, sys\nfrom resdiff.cli.entry import fast_compare\n"
        "collections = lambda: sum(s['collections'] for s in gc.get_stats())\n"
        "before = collections()\n"
        f"code = fast_compare(['compare', {str(corpus / 'A_RES_77_118.json')!r}, "
        f"{str(corpus / 'A_RES_79_145.json')!r}, '--format', 'json'])\n"
        f"print(code, collections() - before, *(m in sys.modules for m in {unused!r}), file=sys.stderr)\n"
    )
    env = {**os.environ, "RESDIFF_CACHE": str(tmp_path / "cache")}
    for _ in range(2):  # the second reads both versions from the cache
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.stderr.split() == ["0", "0"] + ["False"] * len(unused), out.stderr
    assert json.loads(out.stdout)["changes"]
