"""The CLI parser built for one named command parses its arguments as the whole parser does."""
from __future__ import annotations

import pytest

from marsad.cli.main import COMMANDS, _command_of, build_parser
from marsad.progress import Silent, progress


@pytest.mark.parametrize("argv", [
    ["extract", "a.jsonl", "--out", "b.jsonl", "--workers", "1", "-q"],
    ["-v", "extract", "a.txt", "c.html", "--no-text", "--published", "2020-01-02"],
    ["--verbose", "export", "--format", "csv"],
    ["resources"],
])
def test_one_command_parser_parses_like_the_whole_parser(argv):
    assert _command_of(argv) in COMMANDS
    one = vars(build_parser(argv).parse_args(argv))
    whole = vars(build_parser().parse_args(argv))
    assert one.keys() == whole.keys()
    assert {k: v for k, v in one.items() if k != "func"} == {k: v for k, v in whole.items() if k != "func"}
    assert one["func"] is whole["func"]


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h", "extract"], ["--version"], ["nosuch", "x"],
                                  ["-x", "extract"], ["extrac", "a.txt"]])
def test_anything_but_a_known_command_gets_the_whole_parser(argv):
    assert _command_of(argv) is None
    sub = next(a for a in build_parser(argv)._actions if a.dest == "command")
    assert set(COMMANDS) <= set(sub.choices)


def test_unknown_command_is_refused_with_every_choice(capsys):
    with pytest.raises(SystemExit):
        build_parser(["nosuch"]).parse_args(["nosuch"])
    err = capsys.readouterr().err
    assert all(name in err for name in COMMANDS)


def test_hidden_progress_bar_takes_every_call():
    with progress(total=10, unit="B", disable=True) as bar:
        assert isinstance(bar, Silent) and bar.disable
        bar.update(3)
        bar.set_postfix_str("3 docs", refresh=False)
    bar.close()
