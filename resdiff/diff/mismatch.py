"""Notice a comparison of two different resolutions: a draft of another resolution imported into a
series, reviewed against its base, or compared with a resolution it does not continue.

Two versions of one resolution share their title (or one renamed by a known pattern, see
:func:`resdiff.core.titles.renamed_title`) and most of their paragraphs align. When the titles differ
*and* almost nothing aligns, the two are most likely different resolutions; :func:`mismatch` says so
in one line naming both titles. A title that changed with its text carried over (a renamed series)
is not a mismatch, nor is a rewrite under the same title.
"""

from __future__ import annotations

from resdiff.core.titles import normalise_title, renamed_title
from resdiff.diff.compare import ChangeKind, Comparison

# "Almost nothing aligns": at most this share of the paragraphs the newer version holds have a
# partner in the older one.
MAX_ALIGNED = 0.2


def mismatch(comp: Comparison) -> str | None:
    """One line when ``comp`` compares two different resolutions (titles differ and almost nothing
    aligns), else None. Versions without a title are not judged."""
    old, new = comp.old, comp.new
    a, b = normalise_title(old.title), normalise_title(new.title)
    if not a or not b or a == b or renamed_title(a, b):
        return None
    held = [c for c in comp.changes if c.new and c.kind is not ChangeKind.UNKNOWN]
    aligned = [c for c in held if c.old]
    if not held or len(aligned) > MAX_ALIGNED * len(held):
        return None
    return (
        f"{new.short} is titled “{new.title}”, {old.short} “{old.title}”, and {len(aligned)} of "
        f"{len(held)} paragraphs align: they look like two different resolutions"
    )
