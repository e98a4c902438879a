"""Core: the facts every wing shares, importing nothing outside this folder.

The model (:mod:`~resdiff.core.model`), UN document symbols (:mod:`~resdiff.core.symbol`), printed
dates, lead phrases, sponsors, the rules a stored version must meet (:mod:`~resdiff.core.validate`),
the block notation every format writes and reads (:mod:`~resdiff.core.blocks`), every exception
(:mod:`~resdiff.core.errors`), the numbers of the limits (:mod:`~resdiff.core.limits`) and counts as
messages write them (:mod:`~resdiff.core.words`).
"""
