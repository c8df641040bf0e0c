"""The tag set of the token classifier: BIO over characters.

One entity label per fact type of the catalog (the span is the number with the phrase that says
what it counts), and one for each list item of section 五 (PROBLEM, MEASURE). The fact types come
from the catalog so that adding a type to `metrics.yaml` adds a label without touching this code.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractor.catalog import catalog

PROBLEM = "PROBLEM"
MEASURE = "MEASURE"
ITEM_LABELS = (PROBLEM, MEASURE)
OUTSIDE = "O"


@dataclass(frozen=True)
class LabelledSpan:
    """`text[start:end]` carries `label` (a fact type, PROBLEM or MEASURE)."""

    start: int
    end: int
    label: str


def entity_labels() -> list[str]:
    """Fact types in catalog order, then the two item labels."""
    return [fact_type.type for fact_type in catalog().fact_types] + list(ITEM_LABELS)


def bio_tags(labels: list[str]) -> list[str]:
    """`O` first (id 0, so padding-free defaults read as outside), then B-/I- per label."""
    return [OUTSIDE] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


def encode_bio(length: int, spans: list[LabelledSpan], tag_ids: dict[str, int]) -> list[int]:
    """Tag ids for `length` characters; a later span never overwrites an earlier one."""
    tags = [tag_ids[OUTSIDE]] * length
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start >= span.end or any(tags[i] != tag_ids[OUTSIDE] for i in range(span.start, span.end)):
            continue
        tags[span.start] = tag_ids[f"B-{span.label}"]
        for i in range(span.start + 1, span.end):
            tags[i] = tag_ids[f"I-{span.label}"]
    return tags


def decode_bio(tags: list[str]) -> list[LabelledSpan]:
    """Spans from a tag sequence, leniently: an `I-X` after anything but `B-X`/`I-X` opens a span.

    The model's argmax can drop a B at a window seam or start an item one character late;
    reading such an I as the start keeps the span instead of losing it (seqeval's strict mode
    is still what the evaluation uses).
    """
    spans: list[LabelledSpan] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + [OUTSIDE]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == label
        if start is not None and not continues:
            spans.append(LabelledSpan(start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = i, name
    return spans
