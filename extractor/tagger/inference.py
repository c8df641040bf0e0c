"""Running a tagger model over a report: windows over the prose, batched, without gradients.

Each character is read in every window that covers it; its tag probabilities are averaged over
those windows, so a character near one window's edge is decided with the context another window
gives it. Spans are read from the averaged argmax tags, and a span's score is the mean
probability of its characters' tags.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from extractor.tagger.labels import LabelledSpan, decode_bio
from extractor.tagger.model import TaggerModel
from extractor.tagger.regions import prose_regions, windows
from extractor.tagger.vocab import CLS, PAD, SEP


@dataclass(frozen=True)
class ScoredSpan(LabelledSpan):
    score: float = 1.0


def window_batches(model: TaggerModel, text: str, spans: list[tuple[int, int]]):
    """(window spans, input ids, attention mask) per batch, each window framed by [CLS] … [SEP]."""
    vocab = model.vocab
    size = model.settings.batch_size
    for first in range(0, len(spans), size):
        batch = spans[first:first + size]
        width = max(end - start for start, end in batch) + 2
        ids = torch.full((len(batch), width), vocab.id(PAD), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, (start, end) in enumerate(batch):
            encoded = [vocab.id(CLS)] + vocab.encode(text[start:end]) + [vocab.id(SEP)]
            ids[row, :len(encoded)] = torch.tensor(encoded)
            mask[row, :len(encoded)] = 1
        yield batch, ids, mask


def tag_probabilities(model: TaggerModel, text: str, regions: list[tuple[int, int]]) -> torch.Tensor:
    """A (len(text), tags) tensor of averaged probabilities; rows outside the regions stay 0."""
    settings = model.settings
    sums = torch.zeros((len(text), len(model.tags)))
    counts = torch.zeros((len(text), 1))
    spans = windows(regions, settings.window, settings.stride)
    with torch.inference_mode():
        for batch, ids, mask in window_batches(model, text, spans):
            probabilities = model.network(input_ids=ids, attention_mask=mask).logits.softmax(-1)
            for row, (start, end) in enumerate(batch):
                sums[start:end] += probabilities[row, 1:1 + end - start]
                counts[start:end] += 1
    return sums / counts.clamp(min=1)


def tag_text(model: TaggerModel, text: str, regions: list[tuple[int, int]] | None = None) -> list[ScoredSpan]:
    """Labelled spans of `text` (of its prose regions unless `regions` is given), with scores."""
    if regions is None:
        regions = prose_regions(text)
    if not regions:
        return []
    probabilities = tag_probabilities(model, text, regions)
    best_probability, best_tag = probabilities.max(-1)
    read = torch.zeros(len(text), dtype=torch.bool)
    for start, end in regions:
        read[start:end] = True
    tags = [model.tags[i] if covered else "O" for i, covered in zip(best_tag.tolist(), read.tolist())]
    return [ScoredSpan(span.start, span.end, span.label, float(best_probability[span.start:span.end].mean()))
            for span in decode_bio(tags)]
