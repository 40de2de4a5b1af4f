"""The SQLite index of a corpus: written incrementally, read through ``Query`` values.

store.py     where an index lives, opening it safely, replacing a bad one
schema.py    the tables, versioned
writer.py    incremental build: scan, extract changed files, store facts, resolve entities
shards.py    build parts of a corpus anywhere, merge them into one index
entities.py  corpus-wide entity merging (resolve)
lookup.py    typo-tolerant name lookup
query.py     the Query value every reader question is
sql.py       every statement the reader runs
reader.py    answers a Query with records
"""
