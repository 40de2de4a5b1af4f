"""Front matter read with real parsers (explorer.ingest.frontmatter): YAML, TOML, and leniency."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.ingest.frontmatter import MAX_LINES, parse_front_matter


def test_yaml_quoting_lists_and_folded_blocks() -> None:
    text = (
        "---\n"
        "title: >-\n"
        "  Kabul falls\n"
        "  to the Taliban\n"
        "date: 2021-08-15\n"  # unquoted: kept as written
        "source: 'Reuters' # the wire\n"
        "authors:\n"
        "  - name: Jane Doe\n"
        "  - name: John Roe\n"
        "---\n"
        "Body.\n"
    )
    meta, start = parse_front_matter(text)
    assert meta.title == "Kabul falls to the Taliban"
    assert meta.date == "2021-08-15"
    assert meta.source == "Reuters"
    assert meta.author == "Jane Doe, John Roe"
    assert text[start:] == "Body.\n"


def test_yaml_timestamp_is_kept_as_written_and_read_as_its_local_day() -> None:
    from explorer.extract.pubdate import normalise_date

    meta, _ = parse_front_matter("---\ndate: 2021-08-15 22:30:00 +04:30\n---\nBody")
    assert meta.date == "2021-08-15 22:30:00 +04:30"
    assert normalise_date(meta.date) == "2021-08-15"  # the local day, not shifted to UTC


def test_unquoted_colon_is_still_read_as_key_value_lines() -> None:
    text = "---\ntitle: Wallace: the deal was rotten\ndate: 2021-08-13\n---\nBody"
    meta, start = parse_front_matter(text)
    assert meta.title == "Wallace: the deal was rotten"
    assert meta.date == "2021-08-13"
    assert text[start:] == "Body"


def test_aliases_are_refused_not_expanded() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    text = bomb + "title: Safe\n---\nBody"
    meta, _ = parse_front_matter(text)  # would flatten 9**9 values if aliases were followed
    assert meta.title == "Safe"  # the block is read as plain key: value lines instead


def test_not_front_matter() -> None:
    # a list, a bare string, an empty block: no mapping, so no front matter
    for block in ("- a\n- b\n", "Just prose here.\n", ""):
        assert parse_front_matter(f"---\n{block}---\nBody") == (parse_front_matter("")[0], 0)
    # the closing line comes too late to be front matter
    long = "---\n" + "".join(f"k{i}: v\n" for i in range(MAX_LINES + 1)) + "---\nBody"
    assert parse_front_matter(long)[1] == 0


def test_toml_front_matter() -> None:
    meta, start = parse_front_matter(
        '+++\ntitle = "Hugo post"\ndate = 2021-01-01T00:00:00Z\ntags = ["a", "b"]\n+++\nBody'
    )
    assert meta.title == "Hugo post" and meta.date == "2021-01-01T00:00:00Z"
    assert start == len(
        '+++\ntitle = "Hugo post"\ndate = 2021-01-01T00:00:00Z\ntags = ["a", "b"]\n+++\n'
    )


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("-+.:#'\"[]{}&*!|>~ \t\nab1=")),
        max_size=200,
    )
)
def test_any_text_parses_without_error_and_offsets_hold(body: str) -> None:
    for text in (body, "---\n" + body, "+++\n" + body):
        meta, start = parse_front_matter(text)
        assert 0 <= start <= len(text)
        if start:
            assert text[start - 1] == "\n" or start == len(text)
