"""Are only articles turned into facts? Figures on a folder saved with front matter.

    uv run python benchmarks/reuters_corpus.py --out /tmp/explorer-bench/reuters
    uv run python benchmarks/articles.py --corpus /tmp/explorer-bench/reuters \\
        [--index /tmp/explorer-bench/articles.sqlite]

For every file the front matter (parsed by the same reader the index uses) is the truth for
the document's title and date. Prints one JSON object:

* ``title_quotes``: quotes whose words are the document's own title (should be 0); those the
  story names as a title ('the item "…"'), marked ``fragment`` (a title, not speech), are
  ``title_quotes_marked_as_titles``;
* ``events_before_1900``: timeline events dated before 1900, and their share of all events
  (wire copy has almost none: most were clock times read as years);
* ``titles_equal`` / ``dates_equal``: share of documents whose title / date equal the front
  matter's;
* ``front_matter_in_text``: documents whose shown text still starts with a front matter block;
* ``month_day_equal``: share whose date has the front matter's month and day (the year of a
  dateline without one comes from the file);
* ``dateline_month_day_equal``: of the documents dated by their dateline, the share whose
  month and day are the front matter's;
* ``inferred_right``: of the documents dated from shared passages, the share dated right.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from explorer import open_corpus
from explorer.ingest.frontmatter import parse_front_matter
from explorer.timex import bounds


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument(
        "--truth",
        type=Path,
        default=None,
        help="folder with the same files and their front matter (default: the corpus itself):"
        " measures titles and dates read from the text alone",
    )
    a = ap.parse_args()
    with open_corpus(a.corpus, a.index) as corpus:
        docs = {d.id: d for d in corpus.documents()}
        truth = {}
        for doc_id, doc in docs.items():
            path = (a.truth or a.corpus) / doc.path
            meta, _ = parse_front_matter(path.read_text(encoding="utf-8", errors="replace"))
            truth[doc_id] = meta
        quotes = corpus.quotes()
        as_title = [
            q
            for q in quotes
            if docs[q.doc].title
            and _norm(getattr(q, "display", "") or q.text) == _norm(docs[q.doc].title)
        ]
        # A story quoting its own headline by name ('In Manila item "Philippine Telephone firm
        # plans stock split" please read …') is marked as a title, not speech: counted apart.
        title_quotes = sum(1 for q in as_title if not q.fragment)
        title_named = len(as_title) - title_quotes
        events = corpus.timeline()
        # By the first day an event's value covers: "19" (the 20th century) is no year 19.
        old = sum(1 for e in events if (b := bounds(e.date)) is not None and b[0] < "1900")
        with_fm = [d for d in docs if truth[d].title or truth[d].date]
        titles = sum(1 for d in with_fm if truth[d].title and docs[d].title == truth[d].title)
        dates = sum(1 for d in with_fm if truth[d].date and docs[d].date == truth[d].date)
        in_text = sum(1 for d in docs if corpus.text(d).startswith(("---\n", "+++\n")))
        month_day = sum(
            1 for d in with_fm if truth[d].date and (docs[d].date or "")[5:] == truth[d].date[5:]
        )
        # Of the documents dated by their dateline, those whose month and day are right.
        by_dateline = [
            d for d in with_fm if truth[d].date and docs[d].date_source.startswith("dateline")
        ]
        dateline_right = sum(
            1 for d in by_dateline if (docs[d].date or "")[5:] == truth[d].date[5:]
        )
        inferred = [d for d in with_fm if docs[d].date_source == "inferred" and truth[d].date]
        inferred_right = sum(1 for d in inferred if docs[d].date == truth[d].date)
        sources: dict[str, int] = {}
        for d in docs.values():
            sources[d.date_source] = sources.get(d.date_source, 0) + 1
    print(
        json.dumps(
            {
                "documents": len(docs),
                "with_front_matter": len(with_fm),
                "quotes": len(quotes),
                "title_quotes": title_quotes,
                "title_quotes_marked_as_titles": title_named,
                "events": len(events),
                "events_before_1900": old,
                "events_before_1900_share": round(old / max(1, len(events)), 4),
                "titles_equal": round(
                    titles / max(1, sum(1 for d in with_fm if truth[d].title)), 4
                ),
                "dates_equal": round(dates / max(1, sum(1 for d in with_fm if truth[d].date)), 4),
                "front_matter_in_text": in_text,
                "month_day_equal": round(
                    month_day / max(1, sum(1 for d in with_fm if truth[d].date)), 4
                ),
                "dateline_month_day_equal": round(dateline_right / max(1, len(by_dateline)), 4),
                "date_sources": sources,
                "inferred_right": round(inferred_right / max(1, len(inferred)), 4),
            }
        )
    )


if __name__ == "__main__":
    main()
