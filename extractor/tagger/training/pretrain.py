"""Masked-language pretraining of the character BERT on all report text available.

No pretrained Chinese checkpoint can be downloaded, and a few thousand labelled sentences are
too few to learn what report prose looks like from scratch; predicting masked characters of
every report first gives the encoder that knowledge, and fine-tuning starts from it.
"""
from __future__ import annotations

import random

import torch
from transformers import BertForMaskedLM

from extractor.tagger.model import Architecture
from extractor.tagger.training.examples import IGNORED, batches, pad, text_windows
from extractor.tagger.training.optimise import optimise
from extractor.tagger.vocab import MASK, PAD, SPECIAL_TOKENS, CharVocab

MASK_SHARE = 0.15  # BERT's recipe: of the chosen characters 80% [MASK], 10% random, 10% kept


def masked(rows: list[list[int]], vocab: CharVocab, generator: torch.Generator) -> dict[str, torch.Tensor]:
    ids = pad(rows, vocab.id(PAD))
    attention = (ids != vocab.id(PAD)).long()
    labels = ids.clone()
    candidates = ids >= len(SPECIAL_TOKENS)
    chosen = (torch.rand(ids.shape, generator=generator) < MASK_SHARE) & candidates
    labels[~chosen] = IGNORED
    roll = torch.rand(ids.shape, generator=generator)
    ids[chosen & (roll < 0.8)] = vocab.id(MASK)
    randomised = chosen & (roll >= 0.8) & (roll < 0.9)
    ids[randomised] = torch.randint(len(SPECIAL_TOKENS), len(vocab), ids.shape, generator=generator)[randomised]
    return {"input_ids": ids, "attention_mask": attention, "labels": labels}


def pretrain(texts: list[str], vocab: CharVocab, architecture: Architecture, steps: int, batch_size: int,
             learning_rate: float, seed: int, progress: bool = True) -> tuple[BertForMaskedLM, list[float]]:
    model = BertForMaskedLM(architecture.bert_config(len(vocab)))
    rows = text_windows(texts, vocab, architecture.window)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    stream = (masked([rows[i] for i in indices], vocab, generator)
              for indices in batches(len(rows), batch_size, steps, rng))
    losses = optimise(model, stream, steps, learning_rate, "pretrain (masked characters)", progress,
                      loss_of=lambda batch: masked_loss(model, batch))
    return model, losses


def masked_loss(model: BertForMaskedLM, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """The loss on the masked characters only: the vocabulary projection of the other 85% is
    wasted work, and on two cores it is a third of a step."""
    hidden = model.bert(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    chosen = batch["labels"] != IGNORED
    logits = model.cls(hidden[chosen])
    return torch.nn.functional.cross_entropy(logits, batch["labels"][chosen])
