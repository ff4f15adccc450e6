"""A progress bar with rate and ETA on a terminal (tqdm), silent otherwise."""
from __future__ import annotations

import sys
from typing import Any

from marsad import settings


class Silent:
    """The bar when none is shown: the calls Marsad makes on a bar, doing nothing.  tqdm is not
    even imported then (~50 ms of a command's start-up: it pulls in importlib.metadata, email,
    multiprocessing ...), which is every run whose stderr is not a terminal."""

    disable = True

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: float = 1) -> None:
        return None

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        return None

    def close(self) -> None:
        return None


def progress(*, total: int | None, unit: str, disable: bool = False) -> Any:
    """A tqdm bar on stderr when it is shown (MARSAD_PROGRESS), else a :class:`Silent` one."""
    mode = settings.get("progress")
    show = not disable and (mode == "always" or (mode == "auto" and sys.stderr.isatty()))
    if not show:
        return Silent()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.5, unit_scale=unit == "B", unit_divisor=1024 if unit == "B" else 1000)
