"""CLI: the ``resdiff`` console script.

:mod:`~resdiff.cli.entry` answers a plain ``compare OLD NEW --format json`` without loading the
command-line framework and hands anything else to :mod:`~resdiff.cli.app`, the typer app, which
holds the commands' declarations and help and calls into the library. No other wing imports typer.
"""
