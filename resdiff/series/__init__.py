"""Series: reasoning over a whole store.

Which versions continue which (:mod:`~resdiff.series.discovery`), what changed in a session, the
right base for a draft (:mod:`~resdiff.series.review`), ``list`` and ``history``
(:mod:`~resdiff.series.listing`), and the HTML report and site (:mod:`~resdiff.series.report`).
"""
