"""resdiff: how a recurring UN General Assembly resolution changes from one session to the next.

The pipeline, one module per stage: ``ingest`` (files to a Resolution),
``store`` (versions/), ``align`` (paragraphs across versions), ``worddiff``
(words inside aligned paragraphs), ``render`` (terminal, Markdown, JSON, HTML).
"""

__version__ = "0.1.0"
