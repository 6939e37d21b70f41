"""Compare: how the outlets of one selection differ (Qt-free).

Who each outlet lets speak (``voices``), the same words as each outlet quotes
them (``shared``, aligned by ``align`` and shown by ``diff``), the articles
side by side (``side``), an entity's mentions by outlet (``kwic``) and the
selection's coverage (``coverage``). ``report`` runs them together and
writes the versioned JSON of ``parallax compare --json``. Everything reads
the analysis records the index stores (``inputs``); nothing is re-analysed.
"""
