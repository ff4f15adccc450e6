"""The exit status rule shared by extract, ingest and the Spark driver."""
from marsad.errors import batch_exit_status


def test_no_failure_is_success():
    assert batch_exit_status(0, 0) == 0
    assert batch_exit_status(5, 0) == 0
    assert batch_exit_status(5, 0, strict=True) == 0


def test_some_failed_is_success_unless_strict():
    assert batch_exit_status(5, 1) == 0
    assert batch_exit_status(5, 4) == 0
    assert batch_exit_status(5, 1, strict=True) == 1


def test_every_document_failed_is_a_failure():
    assert batch_exit_status(1, 1) == 1
    assert batch_exit_status(3, 3) == 1
