"""Everything that knows the site engine (MkDocs with Material for MkDocs), and nothing else does.

- ``scripts/mkdocs_hooks.py``: the adapter; MkDocs' events, files, search plugin and server, and the list
  of the engine's internals the archive relies on.
- :mod:`.oneoff`: a one-off build (``make site``), with its memory tricks for large archives.
- :mod:`.finish`: the last changes to every written page, made by a second process in a one-off build.
- :mod:`.preview`: the live preview (``make serve``), with its tricks for fast rebuilds.
- :mod:`.build`: runs a one-off build into a fresh folder and swaps it in.
- :mod:`.export`: the docs tree as plain files any engine can build.
- :mod:`.theme_fixes`: corrections to the theme's own markup.
"""
