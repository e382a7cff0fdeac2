"""The English of every text runtone's own code writes, one module a domain.

Each module holds a ``TEXTS`` mapping of key to English text; :mod:`runtone._messages`
puts them together as ``MESSAGES`` and translates them from the texts' catalogs.  A key
begins with its domain (``diagram/``, ``plan/``, ``text/``, ``chart/``...), so the
modules cannot hold the same key.

- :mod:`.pictures`: the body maps' and gait charts' words;
- :mod:`.common`: lengths of time and a list's separator, which several domains write;
- :mod:`.enums`: the words of the enum values the plans and text output show;
- :mod:`.advice`: why a recommendation suits a profile;
- :mod:`.plans`: what the coaching engine writes into a plan (its notes, changes, reasons);
- :mod:`.output`: the headings and labels of text output (:func:`runtone.to_text`);
- :mod:`.charts`: the plan chart's words and the plan calendar's.
"""
