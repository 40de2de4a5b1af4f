"""explorer: a terminal fact-explorer for folders of news articles.

>>> import explorer
>>> corpus = explorer.open_corpus("corpus")
>>> [q.speaker for q in corpus.quotes("mistake")]
"""

from explorer.api import Document, Entity, Event, Quote, Span, Stats, open_corpus

__all__ = ["Document", "Entity", "Event", "Quote", "Span", "Stats", "open_corpus"]
__version__ = "0.1.0"
