"""Fixtures shared by the unit tests of the events stage (tests/unit/test_events_*.py)."""
from __future__ import annotations

import pytest

from marsad.pipeline import Pipeline, load_stage
from marsad.stages.events import Events


@pytest.fixture(scope="module")
def base():
    """The stages events read besides entities: structure, segment, temporal."""
    return Pipeline([load_stage("marsad.stages.structure:Structure"), load_stage("marsad.stages.segment:Segment"),
                     load_stage("marsad.stages.temporal:Temporal")])


@pytest.fixture(scope="module")
def events():
    """The events stage keeping every trigger (min_score=0), runnable without the entities stage."""
    ev = Events(min_score=0)
    ev.requires = frozenset(ev.requires - {"entities"})
    return ev
