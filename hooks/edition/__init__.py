"""The annotated edition's content model: load, validate and render the essay and its apparatus.

This package knows nothing of MkDocs; `hooks/edition_hooks.py` adapts MkDocs' events to it.
"""
