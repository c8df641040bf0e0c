"""`nianbao train [--tiny] [--out models/tagger] [--seed N]`: train the tagger, write its model card."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="train the prose tagger (CPU, 15-30 minutes on 2 cores)",
        description="Pretrain and fine-tune the character BERT tagger on the dev gold, rule silver labels and "
                    "generated paraphrases; evaluate it on the held-out gold; save it with its model card.")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="model folder to write (default: $NIANBAO_TAGGER or models/tagger)")
    parser.add_argument("--samples", type=Path, default=Path("samples"), metavar="DIR",
                        help="folder with gold/*.gold.json and reports/ (default: ./samples)")
    parser.add_argument("--seed", type=int, default=13, help="seed of every random choice (default: 13)")
    parser.add_argument("--tiny", action="store_true",
                        help="a tiny network and a few steps: checks the whole run in seconds, not a usable model")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # torch and transformers load only for this command, not for every `nianbao` start
    from extractor.tagger.model import default_model_dir
    from extractor.tagger.training.card import write_card
    from extractor.tagger.training.run import TrainingConfig, train

    if not (args.samples / "gold").is_dir() or not (args.samples / "reports").is_dir():
        print(f"{args.samples}: needs gold/ and reports/ (the dev reports and their gold)", file=sys.stderr)
        return 2
    out = args.out or default_model_dir()
    config = TrainingConfig.tiny() if args.tiny else TrainingConfig.full()
    result = train(out, args.samples, seed=args.seed, config=config, progress=True)
    write_card(out, result)
    print(f"model written to {out} in {result.seconds['total']:.0f} s; "
          f"held-out seqeval micro F1 {result.seqeval['held_out']['micro avg']['f1-score']:.3f}; "
          f"see {out / 'README.md'}")
    return 0
