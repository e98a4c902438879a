"""Office Open XML, as the Word reader (:mod:`resdiff.ingest.word`) and the redline writer
(:mod:`resdiff.render.docx`) both need it: the WordprocessingML namespace and its qualified names,
and reading a package's parts without letting an archive decompress without bound."""

from __future__ import annotations

import io
import zipfile

from resdiff.core.errors import ImportFailed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The styles of the summary and change list a redline ends with: not the text, so the reader leaves
# them out when a redline is read back (a delegate may pass one on as the draft).
CHANGE_LIST_STYLES = ("ChangesHeading", "Changes")
MAX_PART_BYTES = 50 * 1024 * 1024  # one decompressed part
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # decompressed / compressed: beyond this, a zip bomb rather than a document


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def read_parts(data: bytes, source: str, names: tuple[str, ...]) -> dict[str, bytes]:
    """The named parts of a .docx, refusing archives that would decompress without bound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailed(source, "not a valid .docx (a damaged zip archive)") from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or ratio > MAX_RATIO or total > MAX_TOTAL_BYTES:
                raise ImportFailed(
                    source,
                    f"refused: part {info.filename} would decompress to {info.file_size} bytes "
                    f"(ratio {ratio:.0f}); this looks like a zip bomb, not a document",
                )
        present = {i.filename for i in infos}
        if "word/document.xml" not in present:
            raise ImportFailed(source, "not a Word document (no word/document.xml)")
        return {name: archive.read(name) for name in names if name in present}
