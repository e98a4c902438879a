"""Formats: resdiff's own formats, each read and written in one module.

:mod:`~resdiff.formats.docformat` (the store's text format), :mod:`~resdiff.formats.akn` (Akoma
Ntoso), :mod:`~resdiff.formats.markdown` (the export that reads back), and the XML helpers they and
the Word files share (:mod:`~resdiff.formats.xmlsafe`, :mod:`~resdiff.formats.ooxml`).

The Akoma Ntoso namespace and its sniffer live here rather than in :mod:`~resdiff.formats.akn`:
every file read is sniffed, and importing that module loads lxml and the schema builders.
"""

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def looks_like_akn(data: bytes) -> bool:
    return b"<akomaNtoso" in data[:2000] and AKN_NS.encode() in data[:4000]
