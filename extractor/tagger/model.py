"""The tagger as a folder: a `BertForTokenClassification` saved with `save_pretrained`, the
character vocabulary, the tag set and the inference settings chosen in training.

Loading checks the folder as a whole and raises `TaggerModelError` naming the folder and what is
wrong with it, so that a missing or damaged model is a clear message (and, in extraction, the
rules-only fallback), never a stack trace from deep inside transformers.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from transformers import BertConfig, BertForTokenClassification
from transformers.utils import logging as transformers_logging

from extractor.tagger.labels import bio_tags, entity_labels
from extractor.tagger.vocab import VOCAB_FILE, CharVocab

LABELS_FILE = "labels.json"
SETTINGS_FILE = "tagger.json"
WEIGHTS_FILE = "model.safetensors"
MODEL_FILES = ("config.json", WEIGHTS_FILE, VOCAB_FILE, LABELS_FILE, SETTINGS_FILE)
FORMAT_VERSION = 1

# transformers draws a progress bar for every load and save of a few megabytes; in a batch of
# extractions that is noise on stderr, and training shows its own progress.
transformers_logging.disable_progress_bar()


class TaggerModelError(Exception):
    """A model folder that cannot be used; the message names the folder and the reason."""


@dataclass(frozen=True)
class Architecture:
    """The size of the network; `window` is the most characters it reads at once."""

    layers: int = 4
    hidden: int = 256
    heads: int = 4
    intermediate: int = 1024
    window: int = 254

    def bert_config(self, vocab_size: int, **extra: Any) -> BertConfig:
        return BertConfig(vocab_size=vocab_size, hidden_size=self.hidden, num_hidden_layers=self.layers,
                          num_attention_heads=self.heads, intermediate_size=self.intermediate,
                          max_position_embeddings=self.window + 2, type_vocab_size=1, pad_token_id=0, **extra)


@dataclass(frozen=True)
class InferenceSettings:
    """How a saved model is run; the thresholds are chosen on the held-out gold in training."""

    window: int = 254
    stride: int = 190
    batch_size: int = 32
    fact_threshold: float = 0.5
    item_threshold: float = 0.5


def default_model_dir() -> Path:
    """`$NIANBAO_TAGGER`, else `models/tagger` of the project checkout this package sits in."""
    configured = os.environ.get("NIANBAO_TAGGER")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "models" / "tagger"


class TaggerModel:
    """The network, its vocabulary, its tags (index = class id) and how to run it."""

    def __init__(self, network: BertForTokenClassification, vocab: CharVocab, tags: list[str],
                 settings: InferenceSettings):
        self.network = network.eval()
        self.vocab = vocab
        self.tags = tags
        self.settings = settings

    @classmethod
    def untrained(cls, vocab: CharVocab, architecture: Architecture, settings: InferenceSettings) -> TaggerModel:
        tags = bio_tags(entity_labels())
        config = architecture.bert_config(len(vocab), num_labels=len(tags),
                                          id2label=dict(enumerate(tags)), label2id={t: i for i, t in enumerate(tags)})
        return cls(BertForTokenClassification(config), vocab, tags, settings)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.network.save_pretrained(folder)
        (folder / WEIGHTS_FILE).chmod(0o644)  # safetensors writes owner-only files; a model is shared
        self.vocab.save(folder)
        labels = list(dict.fromkeys(tag.partition("-")[2] for tag in self.tags if tag != "O"))
        (folder / LABELS_FILE).write_text(json.dumps({"labels": labels, "tags": self.tags}, ensure_ascii=False,
                                                     indent=1) + "\n", encoding="utf-8")
        (folder / SETTINGS_FILE).write_text(json.dumps({"format": FORMAT_VERSION, **asdict(self.settings)},
                                                       indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TaggerModel:
        if not folder.is_dir():
            raise TaggerModelError(f"{folder}: no tagger model here (train one with `nianbao train`)")
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise TaggerModelError(f"{folder}: incomplete tagger model, missing {', '.join(missing)}")
        try:
            vocab = CharVocab.load(folder)
            tags = json.loads((folder / LABELS_FILE).read_text(encoding="utf-8"))["tags"]
            raw_settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
            if raw_settings.pop("format", None) != FORMAT_VERSION:
                raise ValueError(f"{SETTINGS_FILE} is not format {FORMAT_VERSION}")
            settings = InferenceSettings(**raw_settings)
            network = BertForTokenClassification.from_pretrained(folder, local_files_only=True)
        except Exception as exc:  # any damage inside the folder reads as one clear error
            raise TaggerModelError(f"{folder}: damaged tagger model: {type(exc).__name__}: {exc}") from exc
        _check_consistent(folder, network, vocab, tags)
        return cls(network, vocab, tags, settings)


def _check_consistent(folder: Path, network: BertForTokenClassification, vocab: CharVocab, tags: list[str]) -> None:
    config = network.config
    if config.vocab_size != len(vocab):
        raise TaggerModelError(f"{folder}: {VOCAB_FILE} has {len(vocab)} tokens, the network {config.vocab_size}")
    if [config.id2label[i] for i in range(config.num_labels)] != tags:
        raise TaggerModelError(f"{folder}: the tags of {LABELS_FILE} differ from the network's config.json")
    unknown = {tag.partition("-")[2] for tag in tags if tag != "O"} - set(entity_labels())
    if unknown:
        raise TaggerModelError(f"{folder}: labels {', '.join(sorted(unknown))} are not fact types of the catalog; "
                               "retrain with `nianbao train`")


@lru_cache(maxsize=4)
def _load_cached(folder: Path, weights_mtime: float) -> TaggerModel:
    return TaggerModel.load(folder)


def load_tagger(folder: Path | None = None) -> TaggerModel:
    """The model of `folder` (default `default_model_dir()`), loaded once per process.

    The cache key includes the weights' modification time, so a model retrained while a
    process runs is picked up by the next call.
    """
    folder = (folder or default_model_dir()).resolve()
    try:
        mtime = (folder / WEIGHTS_FILE).stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load_cached(folder, mtime)
