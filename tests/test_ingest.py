"""Reading corpus folders: formats, encodings, bad files, ids and offsets (explorer.ingest)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explorer import ingest
from explorer.errors import UsageError
from explorer.ingest import (
    SUPPORTED_SUFFIXES,
    FileEntry,
    Skipped,
    decode,
    digest,
    parse_front_matter,
    read_file,
    scan,
)

CURLY = "The minister said “it was a ‘rotten’ deal” – and left…"


def write(root: Path, rel: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def read_one(root: Path, rel: str):
    """Scan ``root`` and read the file ``rel`` through the public API."""
    files, _ = scan(root)
    entry = next(f for f in files if f.rel == rel)
    return read_file(entry)


def entry_for(path: Path, rel: str | None = None) -> FileEntry:
    st = path.stat()
    return FileEntry(rel or path.name, path, st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------------------------
# scan


def test_scan_nested_sorted_stable_ids(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Bee.")
    write(tmp_path, "a/z.md", "Zed.")
    write(tmp_path, "a/b/c.html", "<p>Deep.</p>")
    write(tmp_path, "a.txt", "Ay.")
    write(tmp_path, "Upper.TXT", "Upper-case suffix.")
    files, skipped = scan(tmp_path)
    rels = [f.rel for f in files]
    assert rels == sorted(rels)
    assert set(rels) == {"a.txt", "a/b/c.html", "a/z.md", "b.txt", "Upper.TXT"}
    assert skipped == []
    for f in files:
        assert f.path.is_absolute()
        assert f.path == (tmp_path / f.rel).absolute()
        assert f.size == f.path.stat().st_size
        assert f.mtime_ns == f.path.stat().st_mtime_ns
    # the same folder scanned again, even through a relative path, gives the same ids
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path.parent)
        again, _ = scan(Path(tmp_path.name))
    finally:
        os.chdir(cwd)
    assert [f.rel for f in again] == rels
    assert [f.path for f in again] == [f.path for f in files]


def test_scan_skips_hidden_silently_and_counts_unsupported(tmp_path: Path) -> None:
    write(tmp_path, ".git/config", "[core]")
    write(tmp_path, ".git/notes.txt", "hidden folder, not an article")
    write(tmp_path, ".hidden.txt", "hidden file")
    write(tmp_path, "sub/.DS_Store", b"\x00\x01")
    write(tmp_path, "report.pdf", b"%PDF-1.4")
    write(tmp_path, "sub/photo.JPG", b"\xff\xd8\xff")
    write(tmp_path, "README", "no extension")
    write(tmp_path, "sub/keep.txt", "An article.")
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["sub/keep.txt"]
    reasons = {s.rel: s.reason for s in skipped}
    assert reasons == {
        "README": "unsupported type (no extension)",
        "report.pdf": "unsupported type .pdf",
        "sub/photo.JPG": "unsupported type .jpg",
    }


def test_scan_missing_folder_raises_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        scan(tmp_path / "nope")


def test_scan_file_instead_of_folder_raises_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, "one.txt", "text")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        scan(path)


def test_scan_survives_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    write(tmp_path, "a/x.txt", "An article.")
    os.symlink(tmp_path, tmp_path / "a" / "loop")  # a/loop -> root
    os.symlink(tmp_path / "a", tmp_path / "a" / "self")  # a/self -> a
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "a" / "x.txt", tmp_path / "alias.txt")
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["a/x.txt", "alias.txt"]
    assert Skipped("dangling.txt", "broken symbolic link") in skipped


def test_scan_too_large_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.discovery, "MAX_FILE_BYTES", 100)
    write(tmp_path, "big.txt", "x" * 101)
    write(tmp_path, "small.txt", "x" * 100)
    write(
        tmp_path, "records.jsonl", json.dumps({"text": "x" * 200})
    )  # records have their own limit
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["records.jsonl", "small.txt"]
    assert len(skipped) == 1 and skipped[0].rel == "big.txt"
    assert skipped[0].reason.startswith("too large (")
    # read_file applies the same limit when handed the bytes of a file that grew
    entry = entry_for(tmp_path / "small.txt")
    docs, skip = read_file(entry, b"y" * 150)
    assert docs == [] and skip is not None and skip.reason.startswith("too large")


def test_supported_suffixes() -> None:
    for suffix in (".txt", ".md", ".html", ".htm", ".json", ".jsonl"):
        assert suffix in SUPPORTED_SUFFIXES
    assert ".pdf" not in SUPPORTED_SUFFIXES


def test_digest_detects_changes() -> None:
    assert digest(b"abc") == digest(b"abc")
    assert digest(b"abc") != digest(b"abd")
    assert len(digest(b"")) == 32 and int(digest(b"x"), 16) >= 0


# --------------------------------------------------------------------------------------------
# plain text and front matter


def test_txt_whole_file_is_the_text(tmp_path: Path) -> None:
    body = "Kabul, Aug 13\n\nThe Taliban seized Kandahar on Thursday.\n"
    write(tmp_path, "news/a.txt", body)
    docs, skip = read_one(tmp_path, "news/a.txt")
    assert skip is None and len(docs) == 1
    doc = docs[0]
    assert doc.id == "news/a.txt"
    assert doc.text == body
    assert doc.warning is None
    assert doc.meta == ingest.DocMeta()


def test_md_front_matter_parsed_and_never_article_text(tmp_path: Path) -> None:
    raw = (
        "---\n"
        'title: "Wallace: the deal was rotten"\n'
        "date: '2021-08-13'  \n"
        "source: Daily Mail # the outlet\n"
        "url: https://example.com/news/1?id=2#top\n"
        "author: [Jane Doe, 'John Roe']\n"
        "tags:\n"
        "  - afghanistan\n"
        "---\n"
        "# Ignored heading when a title exists\n\n"
        "Ben Wallace blasted the deal.\n"
    )
    write(tmp_path, "a.md", raw)
    (doc,), skip = read_one(tmp_path, "a.md")
    assert skip is None
    # The article only: offsets index it, and no quote or date is read from the metadata.
    assert doc.text == "# Ignored heading when a title exists\n\nBen Wallace blasted the deal.\n"
    assert doc.meta.title == "Wallace: the deal was rotten"
    assert doc.meta.date == "2021-08-13"
    assert doc.meta.source == "Daily Mail"
    assert doc.meta.url == "https://example.com/news/1?id=2#top"
    assert doc.meta.author == "Jane Doe, John Roe"
    start = doc.text.index("Ben Wallace")
    assert doc.text[start : start + 11] == "Ben Wallace"


def test_txt_front_matter_with_variant_keys_and_lists(tmp_path: Path) -> None:
    raw = (
        "---\n"
        "Headline: Storm hits coast\n"
        "Published: Posted on 2020-03-01 10:00\n"
        "Authors:\n"
        "  - A. Writer\n"
        "  - B. Writer\n"
        "link: http://news.example.org/storm\n"
        "publisher: >\n"
        "  The Coastal\n"
        "  Gazette\n"
        "...\n"
        "Winds of 100 mph hit the coast.\n"
    )
    write(tmp_path, "storm.txt", raw)
    (doc,), _ = read_one(tmp_path, "storm.txt")
    assert doc.text == "Winds of 100 mph hit the coast.\n"
    assert doc.meta.title == "Storm hits coast"
    assert doc.meta.date == "2020-03-01 10:00"
    assert doc.meta.author == "A. Writer, B. Writer"
    assert doc.meta.url == "http://news.example.org/storm"
    assert doc.meta.source == "The Coastal Gazette"


def test_front_matter_edge_cases() -> None:
    # a horizontal rule is not front matter
    meta, start = parse_front_matter("---\nThe story begins here, in prose.\n---\nMore.")
    assert start == 0 and meta.title is None
    # an unclosed block is not front matter
    meta, start = parse_front_matter("---\ntitle: Never closed\n\nBody text.")
    assert start == 0 and meta.title is None
    # junk dates are dropped, not passed on
    meta, start = parse_front_matter("---\ntitle: ''\ndate: unknown\nauthor: null\n---\nBody")
    assert meta.title is None and meta.date is None and meta.author is None
    assert start == len("---\ntitle: ''\ndate: unknown\nauthor: null\n---\n")
    # TOML front matter (Hugo)
    meta, _ = parse_front_matter('+++\ntitle = "T"\ndate = 2021-01-01T00:00:00Z\n+++\nBody')
    assert meta.title == "T" and meta.date == "2021-01-01T00:00:00Z"
    # an escaped quote inside a double-quoted value
    meta, _ = parse_front_matter('---\ntitle: "He said \\"no\\""\n---\nBody')
    assert meta.title == 'He said "no"'


def test_md_heading_gives_title_without_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "h.md", "\n# Floods in Kerala #\n\nHeavy rain fell.\n")
    (doc,), _ = read_one(tmp_path, "h.md")
    assert doc.meta.title == "Floods in Kerala"


def test_front_matter_only_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "fm.md", "---\ntitle: Nothing else\n---\n\n  \n")
    docs, skip = read_one(tmp_path, "fm.md")
    assert docs == [] and skip is not None and "only front matter" in skip.reason


# --------------------------------------------------------------------------------------------
# encodings and line endings


@pytest.mark.parametrize(
    ("encoding", "prefix", "warned"),
    [
        ("utf-8", b"", False),
        ("utf-8", b"\xef\xbb\xbf", False),  # UTF-8 with BOM
        ("utf-16-le", b"\xff\xfe", False),
        ("utf-16-be", b"\xfe\xff", False),
    ],
)
def test_unicode_encodings(tmp_path: Path, encoding: str, prefix: bytes, warned: bool) -> None:
    text = f"Título: {CURLY}\nЗдравствуйте, 東京.\n"
    write(tmp_path, "u.txt", prefix + text.encode(encoding))
    (doc,), skip = read_one(tmp_path, "u.txt")
    assert skip is None
    assert doc.text == text  # BOM stripped, nothing else changed
    assert (doc.warning is not None) == warned


def test_cp1252_curly_quotes_detected(tmp_path: Path) -> None:
    write(tmp_path, "w.txt", CURLY + "\n", encoding="cp1252")
    (doc,), _ = read_one(tmp_path, "w.txt")
    assert doc.text == CURLY + "\n"
    assert doc.warning == "decoded as windows-1252 (detected)"


def test_latin1_detected(tmp_path: Path) -> None:
    text = "Le président a déclaré « non » à la réforme, à Besançon.\n"
    write(tmp_path, "l.txt", text, encoding="latin-1")
    (doc,), _ = read_one(tmp_path, "l.txt")
    assert doc.text == text
    assert doc.warning and "detected" in doc.warning


def test_other_code_pages_are_not_forced_into_windows_1252() -> None:
    russian = "Министр заявил, что сделка была гнилой. Войска уйдут в августе.\n" * 3
    text, warning, problem = decode(russian.encode("cp1251"))
    assert problem is None and text == russian and warning and "1251" in warning
    polish = "Minister powiedział, że umowa była zła. Łódź i Kraków są w Polsce.\n" * 3
    text, warning, problem = decode(polish.encode("cp1250"))
    assert problem is None and text == polish


def test_mostly_utf8_with_stray_cp1252_bytes() -> None:
    data = "Café “déjà vu” in UTF-8, then ".encode() + b"\x93a cp1252 quote\x94."
    text, warning, problem = decode(data)
    assert problem is None
    assert text == "Café “déjà vu” in UTF-8, then “a cp1252 quote”."
    assert warning and "stray" in warning


def test_utf16_without_bom() -> None:
    text, warning, problem = decode("Plain ASCII news in UTF-16.\r\n".encode("utf-16-le"))
    assert problem is None and text == "Plain ASCII news in UTF-16.\n"
    assert warning and "UTF-16-LE" in warning


def test_crlf_and_old_mac_line_endings_normalised(tmp_path: Path) -> None:
    write(tmp_path, "crlf.txt", b"Line one.\r\nLine two.\r\n\r\nPara two.\rOld mac.\r")
    (doc,), _ = read_one(tmp_path, "crlf.txt")
    assert doc.text == "Line one.\nLine two.\n\nPara two.\nOld mac.\n"
    assert "\r" not in doc.text
    # offsets computed on the normalised text hold
    i = doc.text.index("Para two.")
    assert doc.text[i : i + 9] == "Para two."


def test_front_matter_with_crlf(tmp_path: Path) -> None:
    write(tmp_path, "w.md", b"---\r\ntitle: Windows\r\ndate: 2022-11-23\r\n---\r\nBody.\r\n")
    (doc,), _ = read_one(tmp_path, "w.md")
    assert doc.text == "Body.\n"
    assert doc.meta.title == "Windows" and doc.meta.date == "2022-11-23"


def test_control_characters_become_spaces() -> None:
    text, _, problem = decode(b"Tab\there, bell\x07 and escape\x1b, DOS end\x1a")
    assert problem is None
    assert text == "Tab\there, bell  and escape , DOS end"


# --------------------------------------------------------------------------------------------
# files that are not articles


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", " \n\t\r\n  ")
    write(tmp_path, "blank16.txt", b"\xff\xfe" + "  \n ".encode("utf-16-le"))
    docs, skip = read_one(tmp_path, "empty.txt")
    assert docs == [] and skip == Skipped("empty.txt", "empty file")
    for rel in ("blank.md", "blank16.txt"):
        docs, skip = read_one(tmp_path, rel)
        assert docs == [] and skip is not None
        assert skip.rel == rel and skip.reason == "empty file (only whitespace)"


def test_binary_files(tmp_path: Path) -> None:
    write(tmp_path, "nul.txt", b"Looks like text\x00\x00\x01\x02\x03 but is not" * 10)
    write(tmp_path, "pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    write(tmp_path, "noise.html", bytes(range(1, 32)) * 40)
    for rel in ("nul.txt", "pdf.txt", "noise.html"):
        docs, skip = read_one(tmp_path, rel)
        assert docs == [] and skip is not None
        assert skip.reason.startswith("binary file"), (rel, skip.reason)
    assert read_one(tmp_path, "pdf.txt")[1].reason == "binary file (a PDF document)"


def test_unreadable_file_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", "Classified.")
    entry = entry_for(path)
    if os.geteuid() == 0:  # root reads anything: simulate the denial instead
        real_open = open

        def denying_open(file, *args, **kwargs):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", denying_open)
    else:
        path.chmod(0)
    try:
        docs, skip = read_file(entry)
    finally:
        path.chmod(0o644)
    assert docs == [] and skip == Skipped("secret.txt", "unreadable: Permission denied")


def test_vanished_file(tmp_path: Path) -> None:
    path = write(tmp_path, "gone.txt", "Here, then not.")
    entry = entry_for(path)
    path.unlink()
    docs, skip = read_file(entry)
    assert docs == [] and skip is not None and skip.reason.startswith("unreadable")


def test_undetectable_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest.decoding, "_detect", lambda data: (None, None))
    text, warning, problem = decode("Привет мир новости сегодня".encode("cp1251"))
    assert text is None and problem == "not UTF-8 and no encoding could be detected"


def test_read_file_uses_given_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "On disk.")
    docs, _ = read_file(entry_for(path), b"Handed in.")
    assert docs[0].text == "Handed in."


# --------------------------------------------------------------------------------------------
# HTML

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Minister quits over deal | The Daily</title>
<meta property="og:title" content="Minister quits over deal">
<meta property="article:published_time" content="2021-08-13T10:00:00Z">
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="The Daily">
<link rel="canonical" href="https://example.com/news/minister-quits">
<script>var tracking = "ignore me";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<p>The minister resigned on Friday, saying the agreement was “rotten” and that British troops
would not stay in Kabul beyond the end of the month, according to officials in London.</p>
<p>“We will not go back,” said Ben Wallace, the Defence Secretary, speaking to reporters outside
the ministry as protesters gathered &amp; chanted.</p>
</article>
<footer>Copyright 2021 The Daily. All rights reserved.</footer>
</body></html>
"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    (doc,), skip = read_one(tmp_path, "page.html")
    assert skip is None and doc.id == "page.html"
    assert doc.meta.title == "Minister quits over deal"
    assert doc.meta.date is not None and doc.meta.date.startswith("2021-08-13")
    assert doc.meta.author == "Jane Doe"
    assert doc.meta.source == "The Daily"
    assert doc.meta.url == "https://example.com/news/minister-quits"
    assert "“We will not go back,” said Ben Wallace" in doc.text
    assert "protesters gathered & chanted" in doc.text
    assert "tracking" not in doc.text and "<p>" not in doc.text
    # the title is the first line, then a blank line, then the body
    assert doc.text.startswith("Minister quits over deal\n\nThe minister resigned")


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Kabul", "Kabul’s")
    write(tmp_path, "legacy.htm", page.encode("cp1252"))
    (doc,), _ = read_one(tmp_path, "legacy.htm")
    assert "“rotten”" in doc.text and "Kabul’s" in doc.text
    assert doc.warning and "windows-1252" in doc.warning


def test_html_fallback_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        @staticmethod
        def bare_extraction(*args, **kwargs):
            raise ValueError("boom")

    monkeypatch.setattr(ingest.html, "_trafilatura", lambda: Broken)
    write(tmp_path, "page.html", PAGE)
    (doc,), skip = read_one(tmp_path, "page.html")
    assert skip is None
    assert doc.meta.title == "Minister quits over deal"
    assert doc.meta.date == "2021-08-13T10:00:00Z"
    assert doc.meta.url == "https://example.com/news/minister-quits"
    assert "“We will not go back,” said Ben Wallace" in doc.text
    assert "tracking" not in doc.text


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "empty.html", "<html><head><script>x=1</script></head><body> </body></html>")
    docs, skip = read_one(tmp_path, "empty.html")
    assert docs == [] and skip is not None and "no article text" in skip.reason


# --------------------------------------------------------------------------------------------
# JSON lines and JSON


def test_jsonl_records_with_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"title": "First", "text": "First story.\r\nSecond line.", "date": "2021-08-13"}
        ),
        "",  # blank lines are not records
        "{not json",
        json.dumps(
            {
                "headline": "Second",
                "body": "Body field.",
                "published": "Aug 14, 2021",
                "link": "https://e.com/2",
            }
        ),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text here", "id": 7}),
        json.dumps(
            {
                "content": "Content field.",
                "authors": [{"name": "A"}, {"name": "B"}],
                "source": {"id": None, "name": "Reuters"},
            }
        ),
        json.dumps({"text": "   "}),
        json.dumps({"title": "Null body", "body": None}),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    docs, skip = read_one(tmp_path, "feed.jsonl")
    assert [d.id for d in docs] == ["feed.jsonl#1", "feed.jsonl#4", "feed.jsonl#7"]
    first, second, third = docs
    assert first.text == "First\n\nFirst story.\nSecond line."
    assert first.meta.title == "First" and first.meta.date == "2021-08-13"
    assert second.meta.title == "Second" and second.meta.date == "Aug 14, 2021"
    assert second.meta.url == "https://e.com/2"
    assert third.text == "Content field."
    assert third.meta.author == "A, B" and third.meta.source == "Reuters"
    assert skip is not None and skip.rel == "feed.jsonl"
    assert skip.reason.startswith("5 of 8 records skipped: line 3: invalid JSON")
    assert "line 5: not an object" in skip.reason
    assert "line 6: no text field" in skip.reason
    assert "line 8: empty text" in skip.reason
    assert "line 9: empty text (body is null)" in skip.reason


def test_jsonl_all_bad(tmp_path: Path) -> None:
    write(tmp_path, "bad.jsonl", "{oops\n[1, 2\n")
    docs, skip = read_one(tmp_path, "bad.jsonl")
    assert docs == [] and skip is not None and skip.reason.startswith("no usable records (2 bad)")


def test_json_list_and_single_object(tmp_path: Path) -> None:
    records = [
        {"title": "One", "article": "One body mentions One.", "datetime": 1628848800},
        {"title": "Two", "text": ["Para one.", "Para two."], "pubdate": "2021-08-14"},
    ]
    write(tmp_path, "list.json", json.dumps(records, indent=2))
    write(tmp_path, "one.json", json.dumps({"title": "Solo", "text": "Solo body."}))
    docs, skip = read_one(tmp_path, "list.json")
    assert skip is None
    assert [d.id for d in docs] == ["list.json#1", "list.json#2"]
    assert docs[0].meta.date == "2021-08-13T10:00:00Z"  # Unix timestamp
    assert docs[0].text == "One\n\nOne body mentions One."  # title absent from the opening
    assert docs[1].text == "Two\n\nPara one.\n\nPara two."
    (solo,), skip = read_one(tmp_path, "one.json")
    assert skip is None and solo.id == "one.json" and solo.meta.title == "Solo"


def test_quoted_words_in_titles_survive(tmp_path: Path) -> None:
    title = "'Rotten' deal, says 'Wallace'"
    write(tmp_path, "q.jsonl", json.dumps({"title": title, "text": "Body."}))
    write(tmp_path, "q.md", f'---\ntitle: "{title}"\n---\nBody.\n')
    (doc,), _ = read_one(tmp_path, "q.jsonl")
    assert doc.meta.title == title
    (doc,), _ = read_one(tmp_path, "q.md")
    assert doc.meta.title == title


def test_json_title_not_repeated_when_body_opens_with_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.json",
        json.dumps([{"title": "Storm Hits", "text": "Storm hits\n\nThe storm hit."}]),
    )
    (doc,), _ = read_one(tmp_path, "t.json")
    assert doc.text == "Storm hits\n\nThe storm hit."


def test_json_api_wrapper_html_content_and_entities(tmp_path: Path) -> None:
    payload = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {
                "title": {"rendered": "Floods &amp; fires"},
                "content": {"rendered": "<p>Rain fell.</p><p>Rivers rose &amp; homes flooded.</p>"},
                "publishedAt": "2021-07-14T08:00:00Z",
            },
            {"title": "Quiet day", "description": "summary only"},
        ],
    }
    write(tmp_path, "api.json", json.dumps(payload))
    docs, skip = read_one(tmp_path, "api.json")
    assert [d.id for d in docs] == ["api.json#1"]
    doc = docs[0]
    assert doc.meta.title == "Floods & fires" and doc.meta.date == "2021-07-14T08:00:00Z"
    assert doc.text == "Floods & fires\n\nRain fell.\n\nRivers rose & homes flooded."
    assert skip is not None and skip.reason.startswith(
        "1 of 2 records skipped: record 2: no text field"
    )


def test_json_mixed_up_with_jsonl(tmp_path: Path) -> None:
    write(tmp_path, "lines.json", '{"text": "A."}\n{"text": "B."}\n')
    write(tmp_path, "pretty.jsonl", json.dumps([{"text": "C."}, {"text": "D."}], indent=2))
    docs, skip = read_one(tmp_path, "lines.json")
    assert skip is None and [d.text for d in docs] == ["A.", "B."]
    docs, skip = read_one(tmp_path, "pretty.jsonl")
    assert skip is None and [d.text for d in docs] == ["C.", "D."]


def test_invalid_and_useless_json(tmp_path: Path) -> None:
    write(tmp_path, "broken.json", '[{"text": "a"},, ]')
    write(tmp_path, "number.json", "42")
    write(tmp_path, "notext.json", '{"title": "T"}')
    _, skip = read_one(tmp_path, "broken.json")
    assert skip is not None and skip.reason.startswith("invalid JSON: ")
    _, skip = read_one(tmp_path, "number.json")
    assert skip is not None and "no article records" in skip.reason
    _, skip = read_one(tmp_path, "notext.json")
    assert skip is not None and skip.reason.startswith("no usable record: no text field")


def test_deeply_nested_json_does_not_raise(tmp_path: Path) -> None:
    write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    docs, skip = read_one(tmp_path, "deep.json")
    assert docs == [] and skip is not None


def test_json_in_cp1252(tmp_path: Path) -> None:
    write(tmp_path, "w.jsonl", json.dumps({"text": CURLY}, ensure_ascii=False), encoding="cp1252")
    (doc,), _ = read_one(tmp_path, "w.jsonl")
    assert doc.id == "w.jsonl#1" and doc.text == CURLY
    assert doc.warning == "decoded as windows-1252 (detected)"


# --------------------------------------------------------------------------------------------
# the seed corpus end to end

SEED = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.skipif(not SEED.is_dir(), reason="seed corpus absent")
def test_seed_corpus_reads_cleanly() -> None:
    files, skipped = scan(SEED)
    assert files and not skipped
    for entry in files:
        docs, skip = read_file(entry)
        assert skip is None and len(docs) == 1
        assert docs[0].id == entry.rel
        assert docs[0].text == entry.path.read_bytes().decode("utf-8").replace("\r\n", "\n")


# --------------------------------------------------------------------------------------------
# odd corners of real folders


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "ok/a.txt", "Fine.")
    write(tmp_path, "locked/b.txt", "Hidden by permissions.")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest.discovery.os, "scandir", scandir)
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["ok/a.txt"]
    assert skipped == [Skipped("locked/", "unreadable folder: Permission denied")]


def test_unreadable_root_raises_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def scandir(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest.discovery.os, "scandir", scandir)
    with pytest.raises(UsageError, match="cannot read folder .*Permission denied"):
        scan(tmp_path)


def test_fifo_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Fine.")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["a.txt"]
    assert skipped == [Skipped("pipe.txt", "not a regular file")]


def test_non_utf8_file_name_gets_a_storable_id(tmp_path: Path) -> None:
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as f:
        f.write(b"Named in latin-1.")
    files, _ = scan(tmp_path)
    assert [f.rel for f in files] == ["caf\\xe9.txt"]
    files[0].rel.encode("utf-8")  # storable in SQLite
    (doc,), skip = read_file(files[0])  # and the path still opens the file
    assert skip is None and doc.text == "Named in latin-1."


def test_truncated_utf8_tail_is_dropped() -> None:
    data = "Cut mid-character: “quote”".encode()[:-2]
    text, warning, problem = decode(data)
    assert problem is None and text == "Cut mid-character: “quote"
    assert warning and "truncated" in warning


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Old page</title></head>'
        "<body><div><p>"
        + "A long paragraph about floods in the north. " * 6
        + "</p></div></body></html>"
    )
    write(tmp_path, "old.xhtml", page)
    (doc,), skip = read_one(tmp_path, "old.xhtml")
    assert skip is None and doc.meta.title == "Old page"
    assert doc.text.startswith("Old page\n\nA long paragraph about floods")
