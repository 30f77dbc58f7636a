"""The translator and maintainer loop: update catalogs, review records, progress.

- ``pofiles``: loading catalogs safely, writing them atomically with stable wrapping;
- ``merge``: msgmerge-like merge of a ``.pot`` into a ``.po`` that never loses a translation;
- ``update``: extraction with Sphinx and ``update-po`` over every language;
- ``reviews``: per-language, per-page review records and their fingerprints;
- ``stats``: progress per language and page (built on :mod:`mbc_docs.catalog_progress`);
- ``hints``: termbase hints for translators as extracted comments.
"""
