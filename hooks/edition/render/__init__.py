"""Turning the content model into the pages MkDocs renders (no MkDocs imports here).

What people wrote (the essay, note and term bodies, path guides) and the headings that make a page's
table of contents go to MkDocs as Markdown. Everything the hooks generate around them (lists, bylines,
wrappers, cite boxes) is written as HTML and held out of Python-Markdown as placeholder paragraphs
(`Inline.html`), then put back into the converted page (`inline.fill`): converting generated lists as
Markdown used to be most of the build's time.
"""
