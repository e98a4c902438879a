"""Diff: the comparison engine, pure functions of versions.

Words inside a paragraph (:mod:`~resdiff.diff.worddiff`), paragraphs across two versions
(:mod:`~resdiff.diff.align`), the comparison that owns every fact (:mod:`~resdiff.diff.compare`),
section headings, the lineage of clauses through a series, the paragraph-number crosswalk and the
digest of a session.
"""
