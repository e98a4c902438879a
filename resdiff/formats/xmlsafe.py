"""Parsing XML from files we did not write: no entities, no DTDs, no network, bounded size."""

from __future__ import annotations

from lxml import etree

from resdiff.core.errors import ImportFailed


def parse_xml(data: bytes, source: str):
    """Parse ``data``; a document type declaration (the vehicle of XXE and "billion laughs") is refused."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ImportFailed(source, f"not well-formed XML: {e}") from None
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD is not None:
        raise ImportFailed(
            source,
            "XML with a document type declaration (DTD) is not accepted: "
            "entities could read local files or expand without bound",
        )
    return root
