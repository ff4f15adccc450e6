"""A progress bar with rate and ETA on a terminal (tqdm), silent otherwise."""
from __future__ import annotations

import sys

from tqdm import tqdm

from marsad import settings


def progress(*, total: int | None, unit: str, disable: bool = False) -> tqdm:
    mode = settings.get("progress")
    show = not disable and (mode == "always" or (mode == "auto" and sys.stderr.isatty()))
    return tqdm(total=total, unit=unit, disable=not show, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.5, unit_scale=unit == "B", unit_divisor=1024 if unit == "B" else 1000)
