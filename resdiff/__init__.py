"""resdiff: how a recurring UN General Assembly resolution changes from one session to the next.

The pipeline, one wing per stage (README.md, "Architecture"): ``ingest`` (documents made elsewhere
to a Resolution) and ``formats`` (resdiff's own formats, read and written), ``store`` (versions/),
``diff`` (align and compare two versions), ``series`` (reasoning over a whole store), ``render``
(every output) and ``cli`` (the commands); ``core`` and ``system`` beneath them all.
"""

__version__ = "0.1.0"
