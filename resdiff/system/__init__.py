"""System: how resdiff touches the operating system.

Parsing in a child process bounded in time and memory, and reading only regular files of a bounded
size (:mod:`~resdiff.system.bounded`); the pool that maps work over pairs of versions
(:mod:`~resdiff.system.pool`); atomic writes and the store's lock (:mod:`~resdiff.system.files`);
HTTP with a deadline (:mod:`~resdiff.system.http`); the pager and the progress bar of a terminal.
"""
