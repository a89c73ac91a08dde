"""Turning the content model into Markdown pages that MkDocs renders (no MkDocs imports here)."""
