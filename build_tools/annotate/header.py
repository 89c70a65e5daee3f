"""Annotator component: the curator's explicit choices from the seed header.

``actors`` / ``topics`` add records by id; ``remove_actors`` / ``remove_topics``
drop records the extractors found.  The header always has the last word.  An id
in ``remove_actors`` that no actor found in the document has (a typo, or an
actor the extractors no longer find) leaves a curator note, which the build
reports as a warning and readers never see.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import CURATOR_NOTE, ActorRef, Document, Knowledge, Note, TopicRef


def _ids(doc: Document, key: str) -> list[str]:
    value = doc.seed.header.get(key) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    removed_actors = set(_ids(doc, "remove_actors"))
    actors = [a for a in doc.actors if a.id not in removed_actors]
    found = {a.id for a in doc.actors}
    notes = tuple(
        Note(
            CURATOR_NOTE,
            f"the header's remove_actors names {actor_id[:80]!r}, which no actor found in"
            " this document has: check the id against the actors"
            " `python -m build_tools extract` lists for this seed",
        )
        for actor_id in _ids(doc, "remove_actors")
        if actor_id not in found
    )
    for actor_id in _ids(doc, "actors"):
        record = knowledge.actor(actor_id)
        if record and all(a.id != actor_id for a in actors):
            actors.append(ActorRef(record.id, record.name, record.kind, flags=("from header",)))
    removed_topics = set(_ids(doc, "remove_topics"))
    topics = [t for t in doc.topics if t.id not in removed_topics]
    for topic_id in _ids(doc, "topics"):
        record = knowledge.topic(topic_id)
        if record and all(t.id != topic_id for t in topics):
            topics.append(TopicRef(record.id, record.label, 1.0))
    spans = tuple(s for s in doc.spans if not (s.kind == "actor" and s.target in removed_actors))
    return replace(
        doc, actors=tuple(actors), topics=tuple(topics), spans=spans, notes=doc.notes + notes
    )
