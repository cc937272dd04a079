#!/usr/bin/env python3
"""SQLite FTS5 as the oracle for core/content's BM25 (python3 standard library only).

core/content ranks passages with BM25 implemented in C++ (core is pure and compiled to wasm,
so it cannot link SQLite; see core/content/corpus.h). This script indexes a fixed corpus in an
FTS5 table with the default tokeniser (unicode61, remove_diacritics 1) and records bm25() for
a few queries, so tests/content/bm25_test.cc can assert that core's scores equal FTS5's.

Passages: the rule of corpus.h, written again here from its description (a body of at most
120 tokens is one passage; longer bodies split at blank lines, paragraphs of fewer than 12
tokens joined to the next, the last to the previous). Token counts for that rule come from
FTS5 itself (fts5vocab), not from Tailor's tokeniser. Each passage is one FTS5 row with
columns (title, text); rows are in item id order, then passage order.

Queries: each query's distinct tokens (as FTS5 tokenises the query text) are joined with OR,
each quoted, and bm25() is read for every row (0 for rows that do not match). FTS5's bm25()
is the NEGATED score (so that ORDER BY bm25(t) ranks best first): the file stores -bm25(),
the positive score that core's Corpus::scores returns.

Usage: python3 tools/gen/bm25_fts5.py > tests/data/bm25_fts5.json
"""
import json
import sqlite3
import sys

ITEMS = [
    {"id": "c01", "title": "Winter coats are here",
     "body": "Our new winter coats keep you warm on the coldest mornings. Every coat is made "
             "from recycled polyester and comes with free returns."},
    {"id": "c02", "title": "Boots for wet weather",
     "body": "Waterproof leather boots with a grippy sole. Rated 4.8 out of 5 by customers "
             "who walk to work in the rain."},
    {"id": "c03", "title": "Loyalty members: early access",
     "body": "Members of the Northwind Club shop the winter sale a day early and earn double "
             "points on boots, coats and knitwear."},
    {"id": "c04", "title": "Café Crème knitwear",
     "body": "Soft merino knitwear in café crème and forest green — warm, breathable and easy "
             "to wash. Our knitwear is the customers’ favourite for the season."},
    {"id": "c05", "title": "The winter sale: 20% off",
     "body": "Take 20% off winter coats and boots until 24 December with code WINTER20. The "
             "offer applies to full-price items only."},
    {"id": "c06", "title": "Gift cards",
     "body": "Gift cards from 10 to 200, delivered by email the same day. They never expire "
             "and can be spent online or in any of our stores."},
    {"id": "c07", "title": "How we make our coats",
     "body": "## Materials\n\n"
             "Every winter coat starts with recycled polyester spun from bottles collected on "
             "the coast, then woven into a dense shell that blocks the wind and sheds the rain. "
             "The lining is a soft brushed fleece, also recycled, that keeps the warmth in "
             "without bulk.\n\n"
             "## Craft\n\n"
             "Our workshop in Porto cuts and sews each coat by hand. Seams are taped so that "
             "water stays out, zips are chosen to last for years, and every coat is checked "
             "twice before it leaves the bench. Small runs mean fewer unsold coats and less "
             "waste.\n\n"
             "## Care\n\n"
             "Wash the coat cold, close the zips first and hang it to dry. A coat cared for "
             "like this keeps its shape and its warmth for many winters, and our repair "
             "service mends anything that wears out.\n\n"
             "Thank you."},
    {"id": "c08", "title": "Free delivery",
     "body": "Free delivery on every order over 50 to the UK, Ireland and France."},
    {"id": "c09", "title": "Rain jackets",
     "body": "Light rain jackets that pack into their own pocket. The jacket is rated by "
             "customers for walks, trails and the school run — and it is the lightest we make."},
]

QUERIES = [
    "warm winter coat",
    "Winter coats, winter boots and WINTER20",
    "café crème knitwear",
    "customers rated the boots",
    "the",
    "recycled polyester rain",
    "gift delivery Porto",
    "nothing matches zzzz",
]


def tokens(con, text):
    """FTS5's own tokenisation of `text` (in order, repeats kept)."""
    con.execute("DELETE FROM tok")
    con.execute("INSERT INTO tok(x) VALUES (?)", (text,))
    rows = con.execute("SELECT term, offset FROM tokv ORDER BY offset").fetchall()
    return [term for term, _ in rows]


def split_passages(con, body):
    if len(tokens(con, body)) <= 120:
        return [body]
    paragraphs, current = [], []
    for line in body.split("\n"):
        if line.strip(" \t\r") == "":
            if current:
                paragraphs.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    out, pending = [], None
    for p in paragraphs:
        pending = p if pending is None else pending + "\n\n" + p
        if len(tokens(con, pending)) >= 12:
            out.append(pending)
            pending = None
    if pending is not None:
        if out:
            out[-1] += "\n\n" + pending
        else:
            out.append(pending)
    return out


def main():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE tok USING fts5(x, detail=full)")
    con.execute("CREATE VIRTUAL TABLE tokv USING fts5vocab(tok, instance)")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(title, text)")
    passages = []
    for item in sorted(ITEMS, key=lambda i: i["id"]):
        for text in split_passages(con, item["body"]):
            passages.append({"item": item["id"], "text": text})
            con.execute("INSERT INTO p(rowid, title, text) VALUES (?, ?, ?)",
                        (len(passages), item["title"], text))
    queries = []
    for q in QUERIES:
        distinct = list(dict.fromkeys(tokens(con, q)))
        scores = [0.0] * len(passages)
        if distinct:
            match = " OR ".join('"' + t.replace('"', '""') + '"' for t in distinct)
            for rowid, bm25 in con.execute(
                    "SELECT rowid, bm25(p) FROM p WHERE p MATCH ?", (match,)):
                scores[rowid - 1] = -bm25
        queries.append({"text": q, "fts5_match": match if distinct else "",
                        "scores": scores})
    json.dump({"generator": "tools/gen/bm25_fts5.py",
               "sqlite_version": sqlite3.sqlite_version,
               "note": "scores are -bm25() of FTS5 (its bm25() is negated); rows in item id "
                       "order then passage order",
               "items": ITEMS, "passages": passages, "queries": queries},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
