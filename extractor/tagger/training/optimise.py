"""The optimisation loop shared by pretraining and fine-tuning: AdamW, warmup, linear decay."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import torch
from tqdm import tqdm

WARMUP_SHARE = 0.1
CLIP_NORM = 1.0


def optimise(model: torch.nn.Module, batches: Iterable[dict[str, torch.Tensor]], steps: int, learning_rate: float,
             description: str, progress: bool = True,
             loss_of: Callable[[dict[str, torch.Tensor]], torch.Tensor] | None = None) -> list[float]:
    """Runs `steps` updates (on the model's own loss unless `loss_of` is given); returns every step's loss."""
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warmup = max(1, int(steps * WARMUP_SHARE))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup))))
    model.train()
    losses: list[float] = []
    bar = tqdm(total=steps, desc=description, unit="step", file=sys.stderr, disable=not progress)
    for batch in batches:
        loss = loss_of(batch) if loss_of else model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        losses.append(loss.item())
        bar.update(1)
        bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
    bar.close()
    model.eval()
    return losses
