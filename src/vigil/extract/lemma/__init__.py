"""Extraction for languages read by lemmas (Russian first): a model adapter and stages.

The stages here are language-neutral code: every word they look for (trigger lemmas, legal
forms, date words, name cues) comes from ``data/<language>/*.yaml``, chosen by the
language's entry in ``data/languages.yaml``.
"""
