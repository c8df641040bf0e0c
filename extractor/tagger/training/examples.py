"""Labelled texts as model inputs: the same prose windows the tagger reads at inference.

Training windows are cut exactly as `inference.tag_text` cuts them (prose regions, then windows
of `window` characters every `stride`), so the model never learns from context it will not see.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import torch

from extractor.tagger.labels import encode_bio
from extractor.tagger.regions import prose_regions, windows
from extractor.tagger.training.corpus import LabelledText
from extractor.tagger.vocab import CLS, PAD, SEP, CharVocab

IGNORED = -100  # the loss skips [CLS], [SEP] and padding


@dataclass
class Example:
    ids: list[int]  # [CLS] + characters + [SEP]
    tags: list[int]  # IGNORED at [CLS] and [SEP]


def tagging_examples(texts: list[LabelledText], vocab: CharVocab, tags: list[str], window: int,
                     stride: int) -> list[Example]:
    tag_ids = {tag: i for i, tag in enumerate(tags)}
    examples = []
    for labelled in texts:
        char_tags = encode_bio(len(labelled.text), labelled.spans, tag_ids)
        ids = vocab.encode(labelled.text)
        for start, end in windows(prose_regions(labelled.text), window, stride):
            examples.append(Example([vocab.id(CLS)] + ids[start:end] + [vocab.id(SEP)],
                                    [IGNORED] + char_tags[start:end] + [IGNORED]))
    return examples


def text_windows(texts: list[str], vocab: CharVocab, window: int) -> list[list[int]]:
    """Every text cut into windows of `window` characters without overlap (for pretraining)."""
    pieces = []
    for text in texts:
        ids = vocab.encode(text)
        for start in range(0, len(ids), window):
            if end := min(start + window, len(ids)):
                pieces.append([vocab.id(CLS)] + ids[start:end] + [vocab.id(SEP)])
    return pieces


def pad(rows: list[list[int]], value: int) -> torch.Tensor:
    width = max(len(row) for row in rows)
    return torch.tensor([row + [value] * (width - len(row)) for row in rows], dtype=torch.long)


def batches(count: int, batch_size: int, steps: int, rng: random.Random):
    """`steps` batches of indices into `count` examples: shuffled epochs, as many as it takes."""
    order: list[int] = []
    for _ in range(steps):
        if len(order) < batch_size:
            epoch = list(range(count))
            rng.shuffle(epoch)
            order += epoch
        batch, order = order[:batch_size], order[batch_size:]
        yield batch


def tagging_batch(examples: list[Example], indices: list[int], vocab: CharVocab) -> dict[str, torch.Tensor]:
    chosen = [examples[i] for i in indices]
    ids = pad([e.ids for e in chosen], vocab.id(PAD))
    return {"input_ids": ids, "attention_mask": (ids != vocab.id(PAD)).long(),
            "labels": pad([e.tags for e in chosen], IGNORED)}
