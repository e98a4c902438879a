"""Every exception resdiff raises, one class per meaning. The library raises them; the command
line turns each :class:`ResdiffError` into one line on stderr (:func:`error_line`)."""


def quoted(name: object) -> str:
    r"""A file name as messages show it: as it is when it is plain, else quoted with its control
    characters escaped (a name holding an escape sequence or a newline must neither act on the
    terminal nor forge another line of output).

    >>> quoted("A-RES-75-59.txt"), quoted("evil\x1b[2J.txt"), quoted("two\nlines")
    ('A-RES-75-59.txt', "'evil\\x1b[2J.txt'", "'two\\nlines'")
    """
    text = str(name)
    if text.isprintable() and "'" not in text and text.strip() == text:
        return text
    return repr(text)


def error_line(e: Exception) -> str:
    """The one line the command line prints for a library or file-system error."""
    if isinstance(e, OSError) and not isinstance(e, ResdiffError):
        return f"Error: {quoted(e.filename or '')}: {e.strerror or e}"
    return f"Error: {e}"


def internal_error_line(e: BaseException) -> str:
    """The one line for an exception nothing expected (a bug): what it was, and where to say so.
    Set RESDIFF_DEBUG=1 to see the traceback instead."""
    import os

    if os.environ.get("RESDIFF_DEBUG"):
        import traceback

        return "".join(traceback.format_exception(e)).rstrip()
    return (
        f"Error: internal error ({type(e).__name__}: {str(e)[:200]}); please report it (RESDIFF_DEBUG=1 shows details)"
    )


class ResdiffError(Exception):
    """Base class: the message is complete and meant for the user."""


class ImportFailed(ResdiffError):
    """A file could not be read as a resolution."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{quoted(source)}: {problem}")
        self.source = source
        self.problem = problem


class StoreNotFound(ResdiffError):
    """The store folder to read does not exist."""


class VersionNotFound(ResdiffError):
    """A version asked for (by symbol, or as the base or stage of another) is not in the store."""


class SeriesNotFound(ResdiffError):
    """No series of that name, or none that a version belongs to."""


class NotAReference(ResdiffError):
    """A command-line REF that cannot be read: neither a file nor a UN document symbol, or standard
    input ('-') named for both OLD and NEW."""


class NotADraft(ResdiffError):
    """``review`` was given a text whose masthead names no draft (L document)."""


class RedlineMismatch(ResdiffError):
    """A written redline does not give the draft when accepted, or the base when rejected."""


class TrackedChangesHeld(ResdiffError):
    """A draft carries tracked changes of its own, and no one said how to read them."""


class UnknownCommittee(ResdiffError):
    """A committee name that is none of First … Sixth or plenary."""


class VersionExists(ResdiffError):
    """The same text is already stored and ``--force`` was not given."""


class VersionConflict(ResdiffError):
    """Another text is already stored under the symbol: a different document, never "already stored"."""


class StoreInvalid(ResdiffError):
    """A store's file or manifest breaks the store's rules."""


class InvalidSymbol(ResdiffError):
    """Not a UN document symbol (or not a safe series name)."""


class OutputRefused(ResdiffError):
    """An output path (-o) that cannot be written: a folder, or a file in a missing folder."""


class TemplateFailed(ResdiffError):
    """The HTML templates cannot be found, read or run."""


class MissingExtra(ResdiffError):
    """An option needs a package that is not installed (an extra such as resdiff[dask])."""


class SchedulerFailed(ResdiffError):
    """A Dask scheduler (--scheduler) that is not one, does not answer, or runs nothing."""


class InvalidAkn(ResdiffError):
    """An Akoma Ntoso document that the official schema refuses."""


class StructureError(ValueError):
    """A block cannot be read (the message says which and why). Raised by :mod:`resdiff.core.blocks`;
    each reader turns it into :class:`ImportFailed` naming its file."""


# -- downloads (resdiff fetch) ------------------------------------------------------------------


class NoAnswer(ResdiffError):
    """No usable answer: the network failed, the deadline passed or the answer was malformed.
    Worth another attempt."""


class HTTPStatusError(ResdiffError):
    """The server answered with an error status."""

    def __init__(self, code: int, reason: str):
        super().__init__(f"HTTP {code} {reason}".strip())
        self.code = code


class DownloadRefused(ResdiffError):
    """An answer that will not improve by asking again (too large, a redirect loop)."""


class FetchFailed(ResdiffError):
    """A document could not be fetched, or what came is not the document asked for."""
