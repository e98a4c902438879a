"""resdiff fetch against a local HTTP server the tests start (never the real network)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.errors import FetchFailed, VersionExists
from resdiff.store.fetch import USER_AGENT, Policy, download, fetch_one
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE, snapshot
from .official import make_pdf, soffice

runner = CliRunner()
FAST = Policy(timeout=1.0, attempts=2, backoff=0.05, max_bytes=2_000_000)


class Handler(BaseHTTPRequestHandler):
    pdf = b""
    seen: list[tuple[str, str]] = []
    flaky = {"count": 0}

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def send(self, code: int, body: bytes, kind: str = "application/pdf", length: int | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Handler.seen.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path.removeprefix("/en/")
        if path == "A/RES/75/59":
            self.send_response(302)
            self.send_header("Location", "/files/75-59.pdf")
            self.end_headers()
        elif self.path == "/files/75-59.pdf":
            self.send(200, Handler.pdf)
        elif path == "A/RES/77/64":
            self.send(404, b"not found", "text/plain")
        elif path == "A/RES/73/67":
            self.send(200, b"<!DOCTYPE html><html><body>Please enable JavaScript</body></html>", "text/html")
        elif path == "A/RES/72/36":
            time.sleep(1.5)
            self.send(200, b"%PDF-1.7 late")
        elif path == "A/RES/71/72":
            self.send(200, b"%PDF-" + b"0" * 10, length=50_000_000)
        elif path == "A/RES/70/46":
            Handler.flaky["count"] += 1
            self.send(503 if Handler.flaky["count"] == 1 else 404, b"busy", "text/plain")
        else:
            self.send(404, b"no", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a client that gave up: not news
        pass


def serve(handler, path: str):
    """Run ``handler`` on a local port in a thread; yields the URL of ``path`` on it."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server():
    yield from serve(Handler, "/en/")


@pytest.fixture(scope="module")
def pdf_75_59(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it); it makes the PDF served here")
    Handler.pdf = make_pdf(Store(FIXTURE_STORE).load("75/59"), tmp_path_factory.mktemp("pdf"))
    return Handler.pdf


def test_redirect_followed_and_recorded(server: str, pdf_75_59: bytes):
    got = download("A/RES/75/59", server, FAST)
    assert got.data == pdf_75_59 and got.final_url.endswith("/files/75-59.pdf")
    assert len(got.sha256) == 64
    assert Handler.seen[-1][1] == USER_AGENT


def test_fetched_whole_text_replaces_the_partial_one(server: str, pdf_75_59: bytes, store_copy: Path):
    store = Store(store_copy)
    path = store_copy / "ied" / "A-RES-75-59.txt"
    partial = path.read_text().replace("complete: yes", "complete: no")
    path.write_text(partial)
    res, warnings = fetch_one(store, "75/59", "ied", server, FAST)
    stored = store.load("75/59")
    assert stored.complete and stored.items == Store(FIXTURE_STORE).load("75/59").items
    assert stored.sources == (f"{server}A/RES/75/59",)
    assert any(
        p.startswith("replaced a partial text whose sources were: A/RES/75/59, published PDF")
        for p in stored.provenance
    )
    assert any("SHA-256" in p and "served from" in p for p in stored.provenance)
    # A whole text is not replaced without --force.
    with pytest.raises(VersionExists, match="use --force"):
        fetch_one(store, "75/59", "ied", server, FAST)


@pytest.mark.parametrize(
    "symbol, problem",
    [
        ("77/64", "HTTP 404"),
        ("73/67", "returned an HTML page, not a PDF"),
        ("72/36", "no answer"),
        ("71/72", "over the limit"),
    ],
)
def test_failures_are_one_line_and_change_nothing(server: str, store_copy: Path, symbol: str, problem: str):
    before = snapshot(store_copy)
    with pytest.raises(FetchFailed, match=problem):
        fetch_one(Store(store_copy), symbol, "ied", server, FAST)
    assert snapshot(store_copy) == before


def test_transient_errors_are_retried(server: str):
    Handler.flaky["count"] = 0
    with pytest.raises(FetchFailed, match="HTTP 404 .* after 2 attempts"):
        download("A/RES/70/46", server, FAST)
    assert Handler.flaky["count"] == 2  # a 503, then the final answer


def test_fetch_command_reports_each_symbol(server: str, store_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RESDIFF_BASE_URL", server)
    before = snapshot(store_copy)
    result = runner.invoke(
        app, ["fetch", "77/64", "73/67", "--timeout", "1", "--attempts", "1", "--store", str(store_copy)]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("[1/2] 77/64: Error: ") and "HTTP 404" in lines[0]
    assert lines[1].startswith("[2/2] 73/67: Error: ") and "HTML page" in lines[1]
    assert snapshot(store_copy) == before


def test_fetch_series_lists_what_is_missing(store_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RESDIFF_BASE_URL", "http://127.0.0.1:9/en/")  # nothing listens there
    result = runner.invoke(
        app, ["fetch", "--series", "ied", "--timeout", "0.2", "--attempts", "1", "--store", str(store_copy)]
    )
    assert result.exit_code == 1
    assert "skipped 81st session (2026): symbol not known" in result.output
    # Partial texts, and whole texts whose footnotes are not held, are worth fetching.
    for symbol in ("A/RES/70/46", "A/RES/71/72", "A/RES/72/36", "A/RES/73/67", "A/RES/77/64", "A/RES/79/53"):
        assert f"{symbol}: Error:" in result.output
    assert "75/59:" not in result.output  # whole already, footnotes included


def test_fetch_without_targets_is_a_usage_error(store_copy: Path):
    result = runner.invoke(app, ["fetch", "--store", str(store_copy)])
    assert result.exit_code == 2


class OdsHandler(BaseHTTPRequestHandler):
    """The ODS symbol endpoint: Word for 75/59; for 77/64 the 75/59 file again (a wrong answer);
    no Word file for 73/67, whose 'PDF' answer is served instead."""

    docx = b""
    seen: list[str] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        from urllib.parse import parse_qs, urlsplit

        OdsHandler.seen.append(self.path)
        query = parse_qs(urlsplit(self.path).query)
        symbol, fmt = query.get("s", [""])[0], query.get("t", [""])[0]
        found = (symbol in ("A/RES/75/59", "A/RES/77/64") and fmt == "doc") or (
            symbol == "A/RES/73/67" and fmt == "pdf"
        )
        reply(self, OdsHandler.docx if found and urlsplit(self.path).path == "/api/symbol/access" else None)


def reply(handler: BaseHTTPRequestHandler, body: bytes | None) -> None:
    """Answer with ``body``, or 404 when there is none."""
    handler.send_response(200 if body is not None else 404)
    handler.send_header("Content-Length", str(len(body or b"no")))
    handler.end_headers()
    handler.wfile.write(body or b"no")


@pytest.fixture(scope="module")
def ods():
    from .official import make_docx

    OdsHandler.docx = make_docx(Store(FIXTURE_STORE).load("75/59"))
    yield from serve(OdsHandler, "/api/symbol/access")


def test_the_ods_endpoint_is_asked_for_word_first_then_pdf(ods: str):
    OdsHandler.seen.clear()
    got = download("A/RES/75/59", ods, FAST)
    assert got.data[:2] == b"PK" and OdsHandler.seen == ["/api/symbol/access?s=A%2FRES%2F75%2F59&l=en&t=doc"]
    OdsHandler.seen.clear()
    download("A/RES/73/67", ods, FAST)
    assert [p.rsplit("t=", 1)[1] for p in OdsHandler.seen] == ["doc", "pdf"]


def test_a_fetched_document_naming_another_symbol_is_refused_and_never_stored(ods: str, store_copy: Path):
    store = Store(store_copy)
    path = store_copy / "ied" / "A-RES-75-59.txt"
    path.write_text(path.read_text().replace("complete: yes", "complete: no"))
    before = snapshot(store_copy)
    for symbol in ("77/64", "73/67"):  # the server answers both with the 75/59 file
        with pytest.raises(
            FetchFailed, match=r"the document served is A/RES/75/59, not A/RES/\d+/\d+ .*nothing stored"
        ):
            fetch_one(store, symbol, "ied", ods, FAST)
    assert snapshot(store_copy) == before
    res, _ = fetch_one(store, "75/59", "ied", ods, FAST)  # the right document is stored, from Word
    assert res.complete and store.load("75/59").items == Store(FIXTURE_STORE).load("75/59").items
    assert store.load("75/59").sources[0].endswith("t=doc")


def test_fetch_series_against_a_server_answering_everything_with_one_file(ods: str, store_copy: Path):
    before = snapshot(store_copy)
    result = runner.invoke(
        app,
        [
            "fetch",
            "--series",
            "ied",
            "--base-url",
            ods,
            "--attempts",
            "1",
            "--timeout",
            "2",
            "--store",
            str(store_copy),
        ],
    )
    assert result.exit_code == 1
    assert "A/RES/77/64: Error: " in result.output and "is A/RES/75/59, not A/RES/77/64" in result.output
    assert snapshot(store_copy) == before


def _docx_without_symbol(res) -> bytes:
    import io
    import zipfile

    from .official import make_docx

    src = zipfile.ZipFile(io.BytesIO(make_docx(res)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            z.writestr(item, data.replace(res.symbol.encode(), b"").replace(f"{res.short}. ".encode(), b""))
    return out.getvalue()


class OneFileHandler(BaseHTTPRequestHandler):
    """Serves ``body`` for every request (a mirror whose answers are not what was asked for)."""

    body = b""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Length", str(len(OneFileHandler.body)))
        self.end_headers()
        self.wfile.write(OneFileHandler.body)


@pytest.fixture
def one_file():
    yield from serve(OneFileHandler, "/en/")


def test_a_document_naming_no_symbol_does_not_replace_a_stored_text_without_force(one_file: str, store_copy: Path):
    from dataclasses import replace

    other = Store(FIXTURE_STORE).load("79/53")
    OneFileHandler.body = _docx_without_symbol(replace(other, adopted="2018-12-05"))
    path = store_copy / "ied" / "A-RES-73-67.txt"
    path.write_text(path.read_text().replace("complete: yes", "complete: no"))
    before = snapshot(store_copy)
    with pytest.raises(FetchFailed, match="names no symbol.*nothing stored"):
        fetch_one(Store(store_copy), "73/67", "ied", one_file, FAST)
    assert snapshot(store_copy) == before


def test_a_fetched_text_holding_less_never_replaces_the_stored_one_even_with_force(one_file: str, store_copy: Path):
    from dataclasses import replace

    from .official import make_docx

    whole = Store(FIXTURE_STORE).load("75/59")
    OneFileHandler.body = make_docx(replace(whole, items=whole.items[: len(whole.items) // 2]))
    path = store_copy / "ied" / "A-RES-75-59.txt"
    path.write_text(path.read_text().replace("complete: yes", "complete: no"))
    before = snapshot(store_copy)
    with pytest.raises(FetchFailed, match="holds less than the stored A/RES/75/59"):
        fetch_one(Store(store_copy), "75/59", "ied", one_file, FAST, force=True)
    assert snapshot(store_copy) == before


def test_a_symbol_with_a_space_makes_a_valid_address(one_file: str):
    from resdiff.store.fetch import document_urls

    (url,) = document_urls("A/RES/57/283 B", one_file)
    assert " " not in url and url.endswith("/A/RES/57/283%20B")


class MirrorHandler(BaseHTTPRequestHandler):
    """A mirror serving URL/SYMBOL: for A/RES/77/999, the Word file of another resolution (the
    right to privacy) under that symbol."""

    docx = b""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        reply(self, MirrorHandler.docx if self.path.endswith("A/RES/77/999") else None)


@pytest.fixture(scope="module")
def mirror():
    from dataclasses import replace

    from resdiff.ingest import read_file

    from .official import make_docx

    privacy = read_file(Path(__file__).parent / "fixtures" / "corpus-json" / "A_RES_77_211.json")[0]
    plain = tuple(p for p in privacy.paragraphs if not p.sub)  # its lists of sub-paragraphs aside
    MirrorHandler.docx = make_docx(replace(privacy, symbol="A/RES/77/999", items=plain))
    yield from serve(MirrorHandler, "/mirror/")


def test_fetch_series_refuses_the_text_of_another_resolution(mirror: str, store_copy: Path):
    """The manifest of ied lists a symbol whose document is the right to privacy: refused, one
    line naming both titles, until --force."""
    import json

    manifest = json.loads((store_copy / "ied" / "manifest.json").read_text())
    manifest["versions"].insert(6, {"session": 77, "symbol": "A/RES/77/999"})
    (store_copy / "ied" / "manifest.json").write_text(json.dumps(manifest))
    before = snapshot(store_copy)
    args = ["fetch", "77/999", "--series", "ied", "--base-url", mirror, "--attempts", "1", "--store", str(store_copy)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert "The right to privacy in the digital age" in result.output and "Countering the threat" in result.output
    assert snapshot(store_copy) == before
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0 and "two different resolutions" in forced.output


def test_one_symbol_that_fails_is_the_commands_one_error_line(store_copy: Path):
    result = runner.invoke(
        app,
        ["fetch", "79/53", "--base-url", "http://127.0.0.1:9/", "--timeout", "0.2", "--attempts", "1"]
        + ["--store", str(store_copy)],
    )
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("Error: 79/53: http://127.0.0.1:9/"), result.output
