"""The books, read back as their readers' tools read them: the edition's PDF (pdftotext, pdfinfo, pdffonts,
pypdf's outline), its EPUB (EPUBCheck and its XHTML), and the path handouts. They are made once, by
`make site` (or the real_site fixture), and each test reads what it needs from one parse per worker."""

from __future__ import annotations

import functools
import os
import pickle
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bookread import CSS, Layout, content, layout, normalise, page_text, site_notes
from conftest import IN_CI
from edition import build, pages
from edition.books import handout_path
from edition.books.pdf import Printer, handout_html
from edition.model import Edition
from pypdf import PdfReader
from sitebuild import FILES, FIXTURES, REPO, BuildResult, build_books, make_site

POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not IN_CI,
    reason="poppler's tools not found (apt-get install poppler-utils); CI runs this",
)
EPUBCHECK = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="session")
def edition() -> Edition:
    """The real edition's model (every course: mkdocs.yml selects none)."""
    current, problems = build.start(REPO / "mkdocs.yml")
    assert current is not None, problems
    return current.edition


@pytest.fixture(scope="session")
def pdf(real_site: BuildResult) -> Path:
    return real_site.site / FILES.pdf_path


@pytest.fixture(scope="session")
def reader(pdf: Path) -> PdfReader:
    """The edition's PDF, parsed once by pypdf (its outline and metadata)."""
    return PdfReader(pdf)


@pytest.fixture(scope="session")
def words(pdf: Path) -> Layout:
    """The edition's PDF, read once: its running text, footnotes, margin and furniture."""
    return layout(pdf, CSS)


@pytest.fixture(scope="session")
def notes_shown(real_site: BuildResult) -> dict[str, str]:
    """Each note's text as the site shows it."""
    return site_notes(real_site.site)


@pytest.fixture(scope="session")
def epub(real_site: BuildResult) -> dict[str, bytes]:
    with zipfile.ZipFile(real_site.site / FILES.epub_path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _text(element: ET.Element, skip: frozenset[str] = frozenset()) -> str:
    """An element's text, without the elements whose class is in `skip` (their tails kept)."""
    out = [element.text or ""]
    for child in element:
        if not skip & set((child.get("class") or "").split()):
            out.append(_text(child, skip))
        out.append(child.tail or "")
    return "".join(out)


# --- The PDF --------------------------------------------------------------------------------------------


@POPPLER
def test_the_pdf_holds_every_paragraph_word_for_word_in_order(edition: Edition, words: Layout) -> None:
    """The running text holds the 18 paragraphs as published, one after the other (no word hyphenated,
    the footnote numbers aside), each with its ¶ number in the margin."""
    assert len(edition.essay.paragraphs) == 18
    position = 0
    for para in edition.essay.paragraphs:
        found = words.body.find(para.text, position)
        assert found >= position, f"¶ {para.number} is not in the PDF word for word, after ¶ {para.number - 1}"
        position = found
    margin = [w.text for w in words.margin]
    assert margin == [x for para in edition.essay.paragraphs for x in ("¶", str(para.number))]


@POPPLER
def test_the_pdf_holds_the_text_of_every_note(edition: Edition, words: Layout, notes_shown: dict[str, str]) -> None:
    """Every note the site shows is in the footnotes, whole, as the site shows it (replies included)."""
    assert set(notes_shown) == set(edition.notes)
    missing = [nid for nid, text in notes_shown.items() if words.notes.find(text) < 0]
    assert missing == []


@POPPLER
def test_each_footnote_is_on_the_page_of_its_paragraph_or_the_next(
    edition: Edition, words: Layout, notes_shown: dict[str, str]
) -> None:
    """A note's footnote starts on a page where its paragraph is, or on the page after the paragraph ends."""
    where = {}
    for para in edition.essay.paragraphs:
        _, first, last = words.body.pages(para.text)
        where[para.id] = (first, last)
    far = []
    for nid, note in edition.notes.items():
        _, page, _ = words.notes.pages(notes_shown[nid])
        first, last = where[note.paragraph]
        if not first <= page <= last + 1:
            far.append(f"{nid} on p. {page}, its ¶ {note.paragraph} on pp. {first}–{last}")
    assert far == []


@POPPLER
def test_the_pdf_is_tagged_dated_and_embeds_every_font(pdf: Path, reader: PdfReader, edition: Edition) -> None:
    """pdfinfo: tagged, dated with the version (not the build); pdffonts: every font embedded, the text in
    the site's face; the XMP metadata claims PDF/UA-1."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    day = edition.settings.date
    assert day is not None
    for field in ("CreationDate", "ModDate"):
        assert re.search(rf"^{field}:\s+\w+ {day:%b} {day.day} 00:00:00 {day.year} UTC$", info, re.MULTILINE), info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert sum("Source-Serif-4" in line for line in fonts) >= 3
    # No letter falls back to a font of the machine's (a name's ğ once came from its DejaVu Serif): the text is
    # all in the site's face, Latin and Latin Extended (the works cited hold such a name); only code may take the
    # machine's monospace. A letter the face has in neither subset (Greek, say) would fail here, and should.
    assert all("Source-Serif-4" in line or "Mono" in line for line in fonts), fonts
    assert any("Source-Serif-4-Latin-Extended" in line for line in fonts), fonts
    xmp = reader.xmp_metadata
    assert xmp is not None
    metadata = xmp.stream.get_data()
    assert b'pdfuaid:part="1"' in metadata


def test_the_outline_lists_every_section(reader: PdfReader, edition: Edition) -> None:
    """The bookmarks: title page, contents, the essay and its sections, the glossary by letter, each path,
    and the works cited by section."""
    tops: list[str] = []
    children: dict[str, list[str]] = {}
    for item in reader.outline:  # an entry, then the list of its children if it has any
        if isinstance(item, list):
            children[tops[-1]] = [str(child.title) for child in item if not isinstance(child, list)]
        else:
            tops.append(str(item.title))
    essay = edition.essay.title
    assert tops == ["Title page", "Contents", essay, "Glossary", "Reading paths", "Works cited"]
    assert children[essay] == [b.text for b in edition.essay.blocks if b.kind == "heading"]
    assert children["Reading paths"] == [rp.title for rp in edition.paths.values()]
    assert children["Works cited"] == ["Primary sources", "Scholarship"]
    assert children["Glossary"][:3] == ["A", "B", "C"]


@POPPLER
def test_every_page_after_the_title_is_numbered_and_headed(words: Layout, edition: Edition) -> None:
    """A page number at the foot of every page but the title page; a running head on every page of the parts
    (the part, and the section it is in)."""
    folios = {w.page: w.text for w in words.folios}
    assert folios == {page: str(page) for page in range(2, words.pages + 1)}
    heads: dict[int, str] = {}
    for w in words.heads:
        heads[w.page] = f"{heads.get(w.page, '')} {w.text}".strip()
    assert sorted(heads) == list(range(3, words.pages + 1))
    fourth = words.body.page_at(words.body.find(edition.essay.paragraphs[3].text))
    assert heads[fourth].startswith(edition.essay.title)
    assert heads[words.pages].startswith("Works cited")


@POPPLER
def test_works_cited_give_the_pages_they_are_cited_on(words: Layout, pdf: Path) -> None:
    """ "Cited in ¶ 3, note 10 (p. 6)": note 10's footnote is on page 6 (CSS target-counter, resolved)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    cited = re.findall(r"¶ \d+, note (\d+) \(p\. (\d+)\)", " ".join(text.split()))
    assert len(cited) > 50
    for number, page in set(cited):
        marker = re.search(rf"(?:^| ){number}\. \w+ (?:note|reply) by", words.notes.text)
        assert marker, f"no footnote {number}"
        assert words.notes.page_at(marker.start() + 1) == int(page), f"note {number} is not on p. {page}"


@POPPLER
def test_the_title_page_names_the_author_the_source_this_edition_and_the_rights(pdf: Path, edition: Edition) -> None:
    """Author, first publication, the edition's title, version and date, the rights; no placeholder address."""
    first = " ".join(page_text(pdf, 1).split())
    settings = edition.settings
    assert settings.date is not None
    for expected in (
        edition.essay.title,
        "Wayne Price",
        "New Politics XIX, no. 2 (Winter 2023)",
        settings.title,
        f"Version {settings.version}, {settings.date.day} {settings.date:%B %Y}",
        " ".join(settings.copyright.split()),
    ):
        assert expected in first, expected
    assert "example.org" not in first


# --- The EPUB -------------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (EPUBCHECK.is_file() and shutil.which("java")) and not IN_CI,
    reason=f"EPUBCheck not found at {EPUBCHECK} (apt-get install epubcheck); CI runs this",
)
def test_epubcheck_finds_nothing_to_report(real_site: BuildResult) -> None:
    """EPUBCheck: 0 fatal errors, 0 errors, 0 warnings (and no information messages either)."""
    # The JVM's quick compiler and serial collector: the same check in a third of the CPU time (one short run).
    jvm = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    run = [*jvm, "-jar", str(EPUBCHECK), str(real_site.site / FILES.epub_path)]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_the_epub_holds_every_paragraph_and_every_note_as_a_footnote_linked_both_ways(
    epub: dict[str, bytes], edition: Edition, notes_shown: dict[str, str]
) -> None:
    """Each paragraph's text as published (without its number and note calls); each thread a footnote
    aside called by a noteref that it links back to, replies inside their thread's aside; each note's text
    as the site shows it."""
    root = ET.fromstring(epub["EPUB/essay.xhtml"])
    paras = [p for p in root.iter(f"{XHTML}p") if p.get("class") == "para"]
    assert [div.get("id") for div in paras] == [f"para-{p.id}" for p in edition.essay.paragraphs]
    for div, para in zip(paras, edition.essay.paragraphs, strict=True):
        assert normalise(_text(div, frozenset({"pnum", "noteref"}))) == normalise(para.text), para.id
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    asides = {a.get("id"): a for a in root.iter(f"{XHTML}aside")}
    refs = {a.get("href"): a for a in root.iter(f"{XHTML}a") if a.get(f"{EPUB_NS}type") == "noteref"}
    for nid, note in edition.notes.items():
        element = by_id[f"note-{nid}"]
        body = next(el for el in element if el.get("class") == "note-body")
        assert normalise(_text(body)) == normalise(notes_shown[nid]), nid
        if note.replies_to:
            assert any(element in aside.iter() for aside in asides.values()), f"reply {nid} is in no footnote"
            continue
        assert element.tag == f"{XHTML}aside" and element.get(f"{EPUB_NS}type") == "footnote"
        call = refs[f"essay.xhtml#note-{nid}"]
        back = [a.get("href") for a in element.iter(f"{XHTML}a")]
        assert f"essay.xhtml#{call.get('id')}" in back, nid
        assert by_id[call.get("id")] is call


def test_the_epub_is_packaged_and_described(epub: dict[str, bytes], edition: Edition, real_site: BuildResult) -> None:
    """mimetype first and stored; every entry dated with the version; title, author, language, identifier
    and modification date in the package, with a table of contents."""
    with zipfile.ZipFile(real_site.site / FILES.epub_path) as zf:
        infos = zf.infolist()
    day = edition.settings.date
    assert day is not None
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in infos} == {(day.year, day.month, day.day, 0, 0, 0)}
    package = ET.fromstring(epub["EPUB/package.opf"])
    metadata = {el.tag.removeprefix(DC): (el.text or "") for el in package.iter() if el.tag.startswith(DC)}
    assert metadata["title"] == edition.settings.title
    assert metadata["creator"] == "Wayne Price"
    assert metadata["language"] == "en"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", metadata["identifier"])
    modified = [el.text for el in package.iter() if el.get("property") == "dcterms:modified"]
    assert modified == [f"{day.isoformat()}T00:00:00Z"]
    assert b'epub:type="toc"' in epub["EPUB/nav.xhtml"]


# --- Handouts, and the books made again ----------------------------------------------------------------


@POPPLER
def test_each_path_has_a_handout_with_its_attribution_and_every_stop_whole(
    real_site: BuildResult, edition: Edition, notes_shown: dict[str, str]
) -> None:
    """A handout per path: its title, the attribution (author, source, licence, this edition), and the
    full text of each stop: the paragraph, the note, the glossary entry's definition; guides and questions."""
    for pid, rp in edition.paths.items():
        handout = real_site.site / handout_path(pid)
        text = content(handout, CSS).text
        for expected in (rp.title, "Author: Wayne Price", "Source: “Conceptions", "Licence: Essay ©", "This edition:"):
            assert normalise(expected) in text, (pid, expected)
        for stop in rp.stops:
            if stop.target == "paragraph":
                para = edition.essay.paragraph(stop.ref)
                assert para is not None and normalise(para.text) in text, (pid, stop.ref)
            elif stop.target == "note":
                assert normalise(notes_shown[stop.ref]) in text, (pid, stop.ref)
            elif stop.target == "term":
                assert normalise(edition.terms[stop.ref].short) in text, (pid, stop.ref)
            assert normalise(stop.guide.split("[")[0].split("*")[0][:40]) in text, (pid, stop.guide)
            for question in stop.questions:
                assert normalise(question.split("[")[0].split("*")[0][:40]) in text, (pid, question)


def test_the_books_are_the_same_when_made_again(real_site: BuildResult, tmp_path: Path) -> None:
    """Made again, in another process from the one `make site` ran, the EPUB and a handout are the same files,
    byte for byte: the dates are the version's, the EPUB's identifier the edition's, and nothing depends on
    the time or the machine. (The edition's PDF is written by the same code as a handout.)"""
    import edition_books
    from edition.books import Options, epub
    from edition.books.content import Book
    from edition.books.handout import Handout
    from mkdocs.config.defaults import MkDocsConfig

    MkDocsConfig.__dict__["plugins"].plugin_cache.clear()  # no plugin state from another site of this process
    current, fonts, language = edition_books._load(REPO / "mkdocs.yml")
    assert current.citations is not None
    options = Options(language=language)
    args = (current.edition, current.citations, current.urls, options)
    epub.write(Book(*args, epub.place), tmp_path / "book.epub")
    assert (tmp_path / "book.epub").read_bytes() == (real_site.site / FILES.epub_path).read_bytes()
    rp = min(current.edition.paths.values(), key=lambda rp: len(rp.stops))
    Printer(fonts, options.paper).write(pdf_html := handout_html(Handout(*args, rp)), tmp_path / "handout.pdf")
    assert pdf_html and (tmp_path / "handout.pdf").read_bytes() == (real_site.site / handout_path(rp.id)).read_bytes()


def _with_fonts(root: Path) -> Path:
    """A fixture site with the project's text face (the books need its files; the fixture's theme has none)."""
    shutil.copytree(REPO / "overrides" / "assets" / "fonts", root / "overrides" / "assets" / "fonts")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    config.write_text(text, encoding="utf-8")
    return root


@POPPLER
def test_a_course_build_with_chosen_kinds_makes_books_of_those_alone(tmp_path: Path) -> None:
    """A course build's books hold that course's notes and paths (and those of no course), never another
    course's; KINDS keeps only the notes of those kinds in the PDF and EPUB, while a handout keeps every
    stop of its path."""
    root = _with_fonts(make_site("", tmp_path / "src"))
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "    essay: essay/index.md\n",
            "    essay: essay/index.md\n    courses: [pols-210]\n    file_name: pols-210-reader\n",
        )
    )
    note = (
        "---\nparagraph: closing\nauthors: [editors]\ndate: 2026-11-25\nkind: {kind}\ncourse: {course}\n---\n{body}\n"
    )
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    for name, kind, course in (
        ("ours", "question", "pols-210"),
        ("theirs", "question", "hist-101"),
        ("ours-context", "context", "pols-210"),
    ):
        body = f"{name.title()}-marker, a note on the closing paragraph."
        (root / f"docs/notes/closing/{name}.md").write_text(note.format(kind=kind, course=course, body=body))
    made = build_books(config, tmp_path / "books", "--kinds", "question", "--paper", "letter", tmp=tmp_path / "tmp")
    assert made.returncode == 0, made.stderr
    assert not list((tmp_path / "tmp").iterdir()), "the books' temporary files are removed"
    book = subprocess.run(
        ["pdftotext", str(tmp_path / "books/pols-210-reader.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    with zipfile.ZipFile(tmp_path / "books/pols-210-reader.epub") as zf:
        ebook = zf.read("EPUB/essay.xhtml").decode()
    for text in (book, ebook):
        assert "Ours-marker" in text and "What does" in text  # this course's question, and one of no course
        assert "Theirs-marker" not in text  # another course's
        assert "Ours-Context-marker" not in text and "An answer to the question" not in text  # other kinds
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "books/pols-210-reader.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "(letter)" in info
    handout = subprocess.run(
        ["pdftotext", str(tmp_path / "books/handouts/tour.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "What does" in handout and "An answer to the question" in handout  # the stop's note, with its reply


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--kinds", "questions"], "KINDS names 'questions', which is no kind of note: did you mean 'question'?"),
        (["--paper", "a5"], "PAPER is 'a5', which is no paper size here: use a4 (the default) or letter"),
    ],
)
def test_a_book_that_cannot_be_made_says_why_in_one_line(tmp_path: Path, options: list[str], said: str) -> None:
    """A wrong make variable stops `make books` at once, with what to do, and no traceback."""
    result = build_books(REPO / "mkdocs.yml", tmp_path, *options)
    assert result.returncode == 1
    assert said in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_content_with_an_error_makes_no_book_and_says_where(tmp_path: Path) -> None:
    """The books are checked as strictly as the site: a note on an unknown paragraph stops them with the
    file, line and problem, then one line saying no book was made; no traceback."""
    root = make_site("", tmp_path / "src")
    (root / "docs/notes/closing").mkdir(parents=True, exist_ok=True)
    note = "---\nparagraph: clsoing\nauthors: [editors]\ndate: 2026-11-25\nkind: context\n---\nA note.\n"
    (root / "docs/notes/closing/astray.md").write_text(note, encoding="utf-8")
    result = build_books(root / "mkdocs.yml", tmp_path / "books")
    assert result.returncode == 1
    assert "docs/notes/closing/astray.md:2: unknown paragraph 'clsoing'" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("make books: the books were not made: ")
    assert "Traceback" not in result.stderr and not (tmp_path / "books").exists()


# The fixture cases the books refuse (expected-books.txt), with the options of their `make books`: the second
# holds its character in a note only a handout prints (KINDS leaves it out of the PDF and EPUB), which the
# process making the handouts meets.
BOOK_CASES = {"book-unprintable": [], "book-unprintable-handout": ["--kinds", "question"]}


def test_every_case_of_the_books_is_run() -> None:
    assert sorted(BOOK_CASES) == sorted(p.parent.name for p in (FIXTURES / "cases").glob("*/expected-books.txt"))


@pytest.mark.parametrize("case", sorted(BOOK_CASES))
def test_text_the_books_cannot_print_is_said_where_it_is(case: str, tmp_path: Path) -> None:
    """Text the site shows but no font of the books has (a name in Chinese or Korean letters, which the
    reader's own fonts draw on the site; typed, or written as an HTML character reference or a YAML escape)
    passes the checker, and stops the books with each line holding it as `path:line: message [code]`, then
    one line saying no book was made: no traceback, and the folder the books go into is left as it was (the
    EPUB, made meanwhile, is not left there on its own), as is the temporary folder."""
    root = _with_fonts(make_site(case, tmp_path / "src"))
    _, problems = build.start(root / "mkdocs.yml")
    assert problems == []
    out = tmp_path / "books"
    (out / "handouts").mkdir(parents=True)
    (out / "handouts" / "tour.pdf").write_bytes(b"a handout from before")
    result = build_books(root / "mkdocs.yml", out, *BOOK_CASES[case], tmp=tmp_path / "tmp")
    assert result.returncode == 1
    said = result.stderr.strip().splitlines()
    wanted = (FIXTURES / "cases" / case / "expected-books.txt").read_text(encoding="utf-8").splitlines()
    assert said[:-1] == wanted, result.stderr
    assert re.fullmatch(
        r"make books: the books were not made: their fonts cannot print .+: see the lines above", said[-1]
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["handouts", "handouts/tour.pdf"]
    assert (out / "handouts" / "tour.pdf").read_bytes() == b"a handout from before"
    assert not list((tmp_path / "tmp").iterdir()), "the books' temporary files are removed"


def test_unprintable_text_found_by_the_handouts_process_reaches_the_parent_whole() -> None:
    """The EPUB and the handouts are made in a second process, which sends its error back pickled: the
    characters the books cannot print arrive with it, so they are said where they are too."""
    from edition.books import Unprintable

    sent = pickle.loads(pickle.dumps(Unprintable("tour.pdf: no glyph", ("毛", "김"))))
    assert isinstance(sent, Unprintable)
    assert sent.characters == ("毛", "김") and str(sent) == "tour.pdf: no glyph"


class _OldHarfBuzz:
    """HarfBuzz as WeasyPrint sees it on Debian 11 or Ubuntu 22.04: a subsetter, but older than 4.1."""

    def __init__(self, real: object) -> None:
        self.real = real

    def hb_version_atleast(self, major: int, minor: int, micro: int) -> bool:
        return (major, minor, micro) <= (2, 7, 4)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.mark.parametrize("machine", ["no subsetter", "HarfBuzz 2.7"])
def test_without_harfbuzz_subsetter_the_books_say_which_package_to_install(
    monkeypatch: pytest.MonkeyPatch, machine: str
) -> None:
    """A machine with Pango but not HarfBuzz 4.1's subsetter (Debian's Chromium brings it, Pango does not):
    WeasyPrint would warn once per font, and a warning stops a book, so the books say at once what to install."""
    from edition.books import BookError
    from weasyprint.text import ffi

    if machine == "no subsetter":
        monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    else:
        monkeypatch.setattr(ffi, "harfbuzz", _OldHarfBuzz(ffi.harfbuzz))
    said = r"HarfBuzz 4\.1 or newer with its subsetter.*apt-get install .*libharfbuzz-subset0"
    with pytest.raises(BookError, match=said):
        Printer(REPO / "overrides" / "assets" / "fonts", "a4")


@functools.cache
def _printer() -> Printer:
    """WeasyPrint with the book's stylesheet, loaded once."""
    return Printer(REPO / "overrides" / "assets" / "fonts", "a4")


@pytest.mark.parametrize(
    "html",
    [
        '<p>An image <img src="https://example.com/x.png" alt=""></p>',
        '<style>@import url("http://127.0.0.1:9/x.css");</style><p>A stylesheet</p>',
        '<p style="background: url(file:///etc/hostname)">A file outside the fonts</p>',
    ],
)
def test_a_book_asks_no_host_and_reads_only_its_fonts(tmp_path: Path, html: str) -> None:
    """WeasyPrint may read the text face's files and nothing else: any other address stops the book with a
    message (the books' own HTML carries none; this is the guarantee)."""
    from edition.books import BookError

    with pytest.raises(BookError, match="a book reads only the text face's files, and asks no host"):
        _printer().write(html, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_path_pages_offer_their_handout(real_site: BuildResult, edition: Edition) -> None:
    """Each path's page links to its handout, which is there, with its size."""
    for pid in edition.paths:
        page = real_site.site / pages.path_page(pid).removesuffix(".md") / "index.html"
        html = page.read_text(encoding="utf-8")
        link = re.search(
            r'<a href="([^"]+)" download="">Handout</a> \(PDF<span class="dp-size"[^>]*>, ([^<]+)</span>', html
        )
        assert link, pid
        assert (page.parent / link.group(1)).resolve() == (real_site.site / handout_path(pid)).resolve()


def test_a_handout_shows_a_reply_its_path_stops_at_once(tmp_path: Path) -> None:
    """A path that stops at a note and at its reply shows the reply at its own stop, not also under the note
    (twice, its heading's anchor would be defined twice, and no handout made)."""
    root = make_site("", tmp_path / "src")
    shutil.copytree(REPO / "overrides" / "assets" / "fonts", root / "overrides" / "assets" / "fonts")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    )
    answer = root / "docs/notes/second-thoughts/dual-power-answer.md"
    answer.write_text(answer.read_text(encoding="utf-8") + "\n## A heading in the reply\n\nMore.\n", encoding="utf-8")
    tour = root / "docs/paths/tour.md"
    stop = "  - note: dual-power-answer\n    guide: Read the answer.\n  - work: test-work\n"
    tour.write_text(tour.read_text(encoding="utf-8").replace("  - work: test-work\n", stop), encoding="utf-8")
    result = build_books(config, tmp_path / "books")
    assert result.returncode == 0, result.stderr
    text = content(next((tmp_path / "books").rglob("tour*.pdf")), CSS).text
    assert text.count("An answer to the question.") == 1, text
