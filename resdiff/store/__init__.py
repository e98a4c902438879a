"""Store: the versions/ folder and the ways it is filled.

The folder itself, its texts and manifests (:mod:`~resdiff.store.folder`: only it writes them, and
always under the store's lock), importing many files (:mod:`~resdiff.store.bulk`), downloading
from the Official Document System (:mod:`~resdiff.store.fetch`), and a command line's REF read as a
stored symbol or a file (:mod:`~resdiff.store.refs`).
"""
