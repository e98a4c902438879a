"""Domain errors. The library raises them; the CLI turns each into one line on stderr."""


def error_line(e: Exception) -> str:
    """The one line the command line prints for a library or file-system error."""
    if isinstance(e, OSError) and not isinstance(e, ResdiffError):
        return f"Error: {e.filename or ''}: {e.strerror or e}"
    return f"Error: {e}"


def internal_error_line(e: BaseException) -> str:
    """The one line for an exception nothing expected (a bug): what it was, and where to say so.
    Set RESDIFF_DEBUG=1 to see the traceback instead."""
    import os

    if os.environ.get("RESDIFF_DEBUG"):
        import traceback

        return "".join(traceback.format_exception(e)).rstrip()
    return f"Error: internal error ({type(e).__name__}: {str(e)[:200]}); please report it (RESDIFF_DEBUG=1 shows details)"


class ResdiffError(Exception):
    """Base class: the message is complete and meant for the user."""


class ImportFailed(ResdiffError):
    """A file could not be read as a resolution."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class VersionNotFound(ResdiffError):
    pass


class VersionExists(ResdiffError):
    pass


class StoreInvalid(ResdiffError):
    pass


class InvalidSymbol(ResdiffError):
    pass
