"""The numbers of resdiff's one policy for how much input it accepts and how long any one step may take.

The machinery that enforces them at the edges (files, children that parse, downloads) is in
:mod:`resdiff.system.bounded` and :mod:`resdiff.system.http`; comparison applies its own two at
the entry of :func:`resdiff.diff.align.align_paragraphs` and :func:`resdiff.diff.worddiff.word_diff`.
"""

# A published resolution is under 1 MB as PDF and 100 KB as text; 20 MB leaves room for scans
# with a text layer and Word files with images, and bounds what one file can cost.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# Downloads: the same bound applies after any Content-Encoding is undone.
MAX_DOWNLOAD_BYTES = 30 * 1024 * 1024
# One request (connect, headers and body together) never takes longer than this by default.
REQUEST_DEADLINE = 60.0
# PDF, Word, HTML and Akoma Ntoso parsing: per document. The longest resolution is about 30
# pages and parses in well under a second; a 2,000-page file or a reference loop is not one.
MAX_PDF_PAGES = 300
PARSE_SECONDS = 60.0
PARSE_MEMORY_BYTES = 1024 * 1024 * 1024
# A text file is parsed within the same bounds once it is larger than any resolution (the longest
# is under 100 KB as text); smaller ones are read at once, without the cost of starting a child.
TEXT_IN_PROCESS_BYTES = 256 * 1024
# Comparison: a resolution has under 200 paragraphs of under 2,000 words. Past these sizes the
# aligner pairs exact matches only and a paragraph's word diff is one replacement, so a
# pathological input costs seconds, not hours (see resdiff.diff.align and resdiff.diff.worddiff).
MAX_ALIGN_PARAGRAPHS = 2_000
MAX_ALIGN_WORDS = 200_000  # per version; 75/59 has about 4,000
MAX_DIFF_TOKENS = 20_000
# A Dask scheduler (--scheduler): the handshake, then a worker and the first result, each bounded,
# so that a wrong port or a cluster without workers is an error, not a wait without end.
SCHEDULER_CONNECT_SECONDS = 10.0
SCHEDULER_FIRST_TASK_SECONDS = 60.0
