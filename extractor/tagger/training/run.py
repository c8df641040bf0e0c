"""One training run, end to end: data, vocabulary, pretraining, fine-tuning, evaluation, saving.

Everything random is drawn from the seed (Python's, torch's, the generator's), torch runs on two
threads, and the data is built in a fixed order, so the same seed and the same code give the same
model. The gold split is fixed by name: the held-out reports are used for scores and for choosing
the hybrid's thresholds, never for labels.
"""
from __future__ import annotations

import logging
import os
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch

from crawler.sim.content import load_sample
from crawler.sim.render import render_html, render_pdf
from extractor.convert import convert_bytes
from extractor.prose import prose_reader
from extractor.tagger.labels import PROBLEM, bio_tags, entity_labels
from extractor.tagger.model import Architecture, InferenceSettings, TaggerModel
from extractor.tagger.regions import prose_regions
from extractor.tagger.training.corpus import GoldReport, LabelledText, gold_reports, silver
from extractor.tagger.training.evaluate import choose_thresholds, compare, read_reports, seqeval_scores
from extractor.tagger.training.examples import batches, tagging_batch, tagging_examples
from extractor.tagger.training.optimise import optimise
from extractor.tagger.training.paraphrase import ReportGenerator, wrap_lines
from extractor.tagger.training.pretrain import pretrain
from extractor.tagger.vocab import CharVocab

log = logging.getLogger(__name__)

# Three of the nine dev reports, one of each kind, are never trained on: a 2020 township report
# (2019 template), a 2024 city report read from a PDF dump, and a pre-2019 prose-only report.
HELD_OUT = ("002_f592ee913005bca5", "huaian_2024", "pingtan_2018")
# Hand-labelled reports in phrasings the dev reports do not use: evaluation only (see its README).
CHALLENGE_DIR = Path(__file__).resolve().parent / "challenge"
# Further gold folders of samples/ (NAME.gold.json beside each report), scored when present and
# never used to train or to choose anything.
SCORED_ONLY_SETS = ("holdout", "realworld")
TORCH_THREADS = 2
SENTENCE = re.compile(r"[^。；！？\n]+")


@dataclass(frozen=True)
class TrainingConfig:
    architecture: Architecture
    paraphrase_reports: int
    gold_copies: int  # each training gold report as is, wrapped, and on one line, this many times
    pretrain_steps: int
    finetune_steps: int
    batch_size: int
    pretrain_learning_rate: float = 1e-3
    finetune_learning_rate: float = 1e-3
    min_char_count: int = 2
    simulator_silver: bool = True
    score_extra_sets: bool = True  # also score SCORED_ONLY_SETS (report only: they choose nothing)

    @classmethod
    def full(cls) -> TrainingConfig:
        return cls(Architecture(layers=3, hidden=192, heads=4, intermediate=768, window=126), paraphrase_reports=900,
                   gold_copies=4, pretrain_steps=400, finetune_steps=2500, batch_size=16,
                   pretrain_learning_rate=1e-3, finetune_learning_rate=1e-3)

    @classmethod
    def tiny(cls) -> TrainingConfig:
        """Minutes become seconds: for tests of the whole pipeline, not for a usable model."""
        return cls(Architecture(layers=1, hidden=32, heads=2, intermediate=64, window=62),
                   paraphrase_reports=20, gold_copies=1, pretrain_steps=4, finetune_steps=8, batch_size=8,
                   simulator_silver=False,
                   score_extra_sets=False)


@dataclass
class TrainingResult:
    """What the model card reports."""

    seed: int
    config: dict[str, Any]
    data: dict[str, Any]
    held_out: list[str]
    trained_on: list[str]
    vocab_size: int
    parameters: int
    seconds: dict[str, float] = field(default_factory=dict)
    load_average: list[float] = field(default_factory=list)
    losses: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    challenge: list[str] = field(default_factory=list)
    scored_only: dict[str, list[str]] = field(default_factory=dict)
    seqeval: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    comparison: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    unplaced_gold: list[str] = field(default_factory=list)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(TORCH_THREADS)
    torch.use_deterministic_algorithms(True)


def real_fillers(reports: list[GoldReport]) -> list[str]:
    """Sentences of the training reports' prose with no number and no gold label on them."""
    fillers = []
    for report in reports:
        labelled = report.labelled()
        for start, end in prose_regions(report.text):
            for match in SENTENCE.finditer(report.text, start, end):
                sentence = match.group().strip()
                a, b = match.start(), match.end()
                if (8 <= len(sentence) <= 80 and not any(c.isdigit() for c in sentence)
                        and not any(s.start < b and a < s.end for s in labelled.spans)):
                    fillers.append(sentence)
    return fillers


def gold_variants(labelled: LabelledText, copies: int, rng: random.Random) -> list[LabelledText]:
    """The report as it is and wrapped like a PDF dump at a random width, `copies` times each."""
    variants = []
    for _ in range(copies):
        variants.append(labelled)
        variants.append(wrap_lines(labelled, rng.randint(24, 40)))
    return variants


def simulator_texts(samples_dir: Path, names: list[str]) -> list[tuple[str, str]]:
    """(origin, text) of the portal simulator's HTML page and PDF attachment of each named sample,
    as the extractor converts them: the same reports in the layouts a crawl brings back.

    The simulator is an earlier stage (the outside world), so reading it is allowed; a rendering
    that fails only means less silver.
    """
    texts = []
    for name in names:
        for fmt, render in (("html", render_html), ("pdf", render_pdf)):
            try:
                data = render(load_sample(name, samples_dir).content)
                texts.append((f"silver:simulator:{name}.{fmt}", convert_bytes(data, f"{name}.{fmt}", fmt).text))
            except Exception as exc:  # one rendering less is no reason to stop training
                log.warning("simulator %s of %s failed: %s", fmt, name, exc)
    return texts


def train(out_dir: Path, samples_dir: Path, seed: int = 13, config: TrainingConfig | None = None,
          progress: bool = True) -> TrainingResult:
    config = config or TrainingConfig.full()
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    seed_everything(seed)
    rng = random.Random(seed)

    reports = gold_reports(samples_dir / "gold", samples_dir / "reports")
    train_reports = [r for r in reports if r.name not in HELD_OUT]
    held_out = [r for r in reports if r.name in HELD_OUT]
    challenge = gold_reports(CHALLENGE_DIR, CHALLENGE_DIR)
    rules = prose_reader("off", [])
    train_gold = [r.labelled() for r in train_reports]
    rendered = simulator_texts(samples_dir, [r.name for r in train_reports]) if config.simulator_silver else []
    silver_texts = [silver(text, rules, origin) for origin, text in rendered]
    generator = ReportGenerator(seed, problems=[i for r in train_reports for i in r.gold.get("problems", [])],
                                measures=[i for r in train_reports for i in r.gold.get("measures", [])],
                                fillers=real_fillers(train_reports))
    paraphrases = generator.reports(config.paraphrase_reports)
    labelled = [v for g in train_gold for v in gold_variants(g, config.gold_copies, rng)] + silver_texts + paraphrases

    # Every report text there is (held-out ones too: no labels are read from them) teaches the
    # vocabulary and the masked-character task.
    raw_texts = [r.text for r in reports] + [t.text for t in silver_texts] + [p.text for p in paraphrases]
    vocab = CharVocab.build(raw_texts, config.min_char_count)
    architecture = config.architecture
    settings = InferenceSettings(window=architecture.window, stride=max(1, architecture.window * 3 // 4))
    prepared = time.monotonic()

    mlm, pretrain_losses = pretrain(raw_texts, vocab, architecture, config.pretrain_steps, config.batch_size,
                                    config.pretrain_learning_rate, seed, progress)
    pretrained = time.monotonic()

    model = TaggerModel.untrained(vocab, architecture, settings)
    model.network.bert.load_state_dict(mlm.bert.state_dict())
    examples = tagging_examples(labelled, vocab, model.tags, settings.window, settings.stride)
    stream = (tagging_batch(examples, indices, vocab)
              for indices in batches(len(examples), config.batch_size, config.finetune_steps, rng))
    finetune_losses = optimise(model.network, stream, config.finetune_steps, config.finetune_learning_rate,
                               "fine-tune (BIO tags)", progress)
    finetuned = time.monotonic()

    held_out_readings = read_reports(held_out, rules, model)
    challenge_readings = read_reports(challenge, rules, model)
    fact_threshold, item_threshold = choose_thresholds(held_out_readings + challenge_readings)
    model.settings = InferenceSettings(window=settings.window, stride=settings.stride,
                                       fact_threshold=fact_threshold, item_threshold=item_threshold)
    dev_readings = held_out_readings + read_reports(train_reports, rules, model)
    scored_only = {name: gold_reports(samples_dir / name, samples_dir / name) for name in SCORED_ONLY_SETS
                   if config.score_extra_sets and (samples_dir / name).is_dir()}
    result = TrainingResult(
        seed=seed, config=asdict(config), held_out=[r.name for r in held_out],
        trained_on=[r.name for r in train_reports], challenge=[r.name for r in challenge], vocab_size=len(vocab),
        scored_only={name: [r.name for r in reports] for name, reports in scored_only.items()},
        parameters=sum(p.numel() for p in model.network.parameters()),
        data=data_summary(train_gold, silver_texts, paraphrases, labelled, examples, raw_texts),
        losses={"pretrain_last": _mean_tail(pretrain_losses), "finetune_last": _mean_tail(finetune_losses)},
        thresholds={"fact": fact_threshold, "item": item_threshold},
        seqeval={"held_out": seqeval_scores(model, held_out), "challenge": seqeval_scores(model, challenge)},
        comparison={"held_out": _table(compare(held_out_readings, fact_threshold, item_threshold)),
                    "challenge": _table(compare(challenge_readings, fact_threshold, item_threshold)),
                    "all_dev": _table(compare(dev_readings, fact_threshold, item_threshold)),
                    **{name: _table(compare(read_reports(reports, rules, model), fact_threshold, item_threshold))
                       for name, reports in scored_only.items()}},
        unplaced_gold=[f"{r.name}: {u}" for r in reports for u in r.unplaced])
    model.save(out_dir)
    done = time.monotonic()
    result.seconds = {"data": round(prepared - began, 1), "pretrain": round(pretrained - prepared, 1),
                      "finetune": round(finetuned - pretrained, 1), "evaluate_and_save": round(done - finetuned, 1),
                      "total": round(done - began, 1)}
    result.load_average = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


def data_summary(gold: list[LabelledText], silver_texts: list[LabelledText], paraphrases: list[LabelledText],
                 labelled: list[LabelledText], examples: list, raw_texts: list[str]) -> dict[str, Any]:
    def spans_by_label(texts: list[LabelledText]) -> dict[str, int]:
        counts = {label: 0 for label in entity_labels()}
        for text in texts:
            for span in text.spans:
                counts[span.label] += 1
        return counts

    return {
        "gold_reports": len(gold), "silver_reports": len(silver_texts), "paraphrase_reports": len(paraphrases),
        "gold_spans": spans_by_label(gold), "silver_spans": spans_by_label(silver_texts),
        "paraphrase_spans": spans_by_label(paraphrases),
        "labelled_texts": len(labelled), "training_windows": len(examples),
        "pretraining_characters": sum(len(t) for t in raw_texts),
        "tags": len(bio_tags(entity_labels())), "item_label": PROBLEM,
    }


def _mean_tail(losses: list[float], tail: int = 20) -> float:
    return round(sum(losses[-tail:]) / max(1, len(losses[-tail:])), 4)


def _table(scores) -> dict[str, dict[str, float]]:
    return {name: {"facts_f1": round(score.facts.f1, 3), "items_f1": round(score.items.f1, 3),
                   "facts": [score.facts.tp, score.facts.found, score.facts.gold],
                   "items": [score.items.tp, score.items.found, score.items.gold]}
            for name, score in scores.items()}
