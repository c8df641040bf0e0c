"""The model card: `README.md` and `training.json` beside the weights.

Written from the training run's own measurements, so that the card always describes the model
it sits next to: data, sizes, time, thresholds and held-out scores.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from extractor.tagger.model import WEIGHTS_FILE
from extractor.tagger.training.run import TORCH_THREADS, TrainingResult

RESULT_FILE = "training.json"
READERS = (("rules", "rules only"), ("model", "model only"), ("hybrid", "hybrid"))


SETS = {"all_dev": "corpus/dev, all 9", "held_out": "dev held-out 3", "challenge": "challenge 8",
        "holdout": "samples/holdout", "realworld": "samples/realworld"}


def comparison_table(comparison: dict[str, dict[str, dict]], counts: bool = False) -> str:
    """Facts and items of the three readers side by side per report set (markdown): F1, or with
    `counts` the numbers behind it (right/found/gold)."""
    sets = [key for key in SETS if key in comparison]
    what = ("facts", "items") if counts else ("facts F1", "items F1")
    lines = ["| reader | " + " | ".join(f"{kind} ({SETS[key]})" for key in sets for kind in what) + " |",
             "|---|" + "---|---|" * len(sets)]
    for key, name in READERS:
        cells = []
        for set_key in sets:
            scores = comparison[set_key][key]
            cells += [_counts(scores[kind]) if counts else f"{scores[kind + '_f1']:.3f}" for kind in ("facts", "items")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def seqeval_table(seqeval: dict[str, dict[str, float]]) -> str:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, values in seqeval.items():
        lines.append(f"| {label} | {values['precision']:.3f} | {values['recall']:.3f} | "
                     f"{values['f1-score']:.3f} | {int(values['support'])} |")
    return "\n".join(lines)


def _counts(triple: list[int]) -> str:
    tp, found, gold = triple
    return f"{tp}/{found}/{gold}"


def write_card(folder: Path, result: TrainingResult) -> None:
    (folder / RESULT_FILE).write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    (folder / "README.md").write_text(card_text(folder, result), encoding="utf-8")


def card_text(folder: Path, result: TrainingResult) -> str:
    architecture = result.config["architecture"]
    data = result.data
    size_mb = (folder / WEIGHTS_FILE).stat().st_size / 1e6
    span_rows = "\n".join(f"| {label} | {data['gold_spans'][label]} | {data['silver_spans'][label]} | "
                          f"{data['paraphrase_spans'][label]} |" for label in data["gold_spans"])
    seconds = result.seconds
    scored_only_note = " ".join(
        f"`samples/{name}` ({len(names)} reports with gold) was neither trained on nor used to choose anything: "
        "it is only scored." for name, names in result.scored_only.items())
    silver_note = ("the rules' reading of the portal simulator's HTML page and PDF attachment of each "
                   "training report, as the extractor converts them")
    return f"""# nianbao prose tagger

A character-level BERT token classifier (`BertForTokenClassification`) that tags, in the prose of
a 政府信息公开工作年度报告, the phrase of each fact type of `extractor/data/metrics.yaml` (the
number with what it counts) and each item of 存在的主要问题 (PROBLEM) and 改进情况 (MEASURE), as
BIO tags over characters. `nianbao extract` combines it with the rules (`--tagger on`, the default).

Trained by `nianbao train --seed {result.seed}` (CPU, {TORCH_THREADS} torch threads). Reproduce it with that
command; `nianbao train --tiny` checks the whole run in seconds.

## Model

- {architecture['layers']} layers, hidden {architecture['hidden']}, {architecture['heads']} heads,
  intermediate {architecture['intermediate']}, windows of {architecture['window']} characters;
  {result.parameters:,} parameters, `{WEIGHTS_FILE}` {size_mb:.1f} MB.
- Vocabulary: {result.vocab_size} tokens, every character seen at least {result.config['min_char_count']}
  times in the report text below, full-width ASCII read as half-width, line breaks and spaces as
  two tokens; any other character is [UNK].
- Files: `config.json` + `{WEIGHTS_FILE}` (`save_pretrained`), `vocab.txt`, `labels.json` (labels
  and BIO tags), `tagger.json` (window, stride, hybrid thresholds), `training.json` (everything
  this card reports).

## Data

- Gold: the dev reports of `samples/` with their hand-checked gold, split by name. Trained on
  {len(result.trained_on)}: {', '.join(result.trained_on)} (each as is and line-wrapped like a PDF
  dump, {result.config['gold_copies']} times). Held out for evaluation and threshold choice only:
  {', '.join(result.held_out)} (a 2020 township report, a 2024 city report from a PDF dump, a
  pre-2019 prose-only report).
- Silver: {silver_note} ({data['silver_reports']} reports).
- Paraphrases: {data['paraphrase_reports']} synthetic reports written from templates of every fact type
  and every list style (一是…, （一）…, 1.…, items split by "；", single paragraphs, pre-2019
  prose), with near misses (per-category counts, meetings, table outcomes), mixed with real
  sentences and items of the training gold, in three layouts (as written, wrapped, one line).
- Pretraining (masked characters): {data['pretraining_characters']:,} characters: all dev report
  texts (held-out ones included: no labels are read from them), silver and paraphrase reports.
- Fine-tuning: {data['labelled_texts']} labelled texts, {data['training_windows']} windows.

| label | gold spans | silver spans | paraphrase spans |
|---|---|---|---|
{span_rows}

## Training

{result.config['pretrain_steps']} pretraining steps and {result.config['finetune_steps']} fine-tuning
steps of {result.config['batch_size']} windows (AdamW, warmup then linear decay, learning rates
{result.config['pretrain_learning_rate']} and {result.config['finetune_learning_rate']}). Final losses:
pretraining {result.losses['pretrain_last']}, fine-tuning {result.losses['finetune_last']}.

Wall time on the 2-core development machine, which was shared with other jobs (load average
{result.load_average[0]} at the start, {result.load_average[1]} at the end): {seconds['total']:.0f} s
(data {seconds['data']:.0f} s, pretraining {seconds['pretrain']:.0f} s, fine-tuning
{seconds['finetune']:.0f} s, evaluation and saving {seconds['evaluate_and_save']:.0f} s).

## Scores

seqeval, strict IOB2, per label, on the held-out dev gold ({', '.join(result.held_out)}); each
report is one sequence, and characters the tagger does not read (table runs) count as predicted O.
Strict matching asks for the gold's exact boundaries (the gold's "2018年全区主动公开政府信息2069条"
against a tagged "全区主动公开政府信息2069条" is a miss and a false positive) and counts every raw
tagged fragment, before the reader drops fragments under 4 characters and phrases without a count,
so these are far below the facts F1 further down:

{seqeval_table(result.seqeval['held_out'])}

The same on the challenge reports (`extractor/tagger/training/challenge/`: {len(result.challenge)}
hand-labelled reports in phrasings the dev reports do not use, never trained on):

{seqeval_table(result.seqeval['challenge'])}

Facts F1 and items F1 as the project's scorer (`tools/score.py`) counts them: rules only, model
only (every span the model tags that states a count, and every item of 4 characters or more) and
hybrid. The hybrid's thresholds were chosen on the
evaluation split (held-out dev and challenge reports): facts {result.thresholds['fact']}, items
{result.thresholds['item']} (a threshold above 1 keeps no model-only finding). The all-dev columns
include the six training reports, so the model-only numbers there are optimistic; the rules were
written with the dev reports in view, so theirs are too. {scored_only_note}

{comparison_table(result.comparison)}

Counts (right / found / gold):

{comparison_table(result.comparison, counts=True)}

## Limits

- Nine gold reports are very few; the held-out scores rest on three reports and a few dozen spans.
- The thresholds are chosen on the same evaluation reports the scores are given for.
- The rules were developed with the dev, holdout and realworld reports in view and read them
  perfectly, so there the hybrid can at best tie; the challenge reports are where the model adds.
- Three merge rules of `extractor/tagger/hybrid.py` and `values.py` (a count that names no
  channel is no channel fact; no model-only count of an unlabelled type in a sentence where the
  rules read that type; one yearly total per report) were added after the first full model's
  false positives on the dev, holdout and realworld reports were inspected; they state
  annotation.md's exclusions, but those reports are no longer untouched by that inspection.
- The challenge reports were written by the engineer who wrote the paraphrase templates (in other
  words than the templates); they probe the phrasings the issue names, they are not a sample.
- A model-only fact's number is read from the tagged phrase (`extractor/tagger/values.py`); a
  phrase that states no number and denies nothing gives no fact.
"""
