"""The real ``marsad extract`` command (a subprocess): order with several workers, error records and
exit status for bad inputs, atomic output when killed with SIGKILL, survival of a killed worker."""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, assert_offsets, child_pids

SENTENCES = [
    "قُتل {n} مدنيين وأصيب آخرون في قصف استهدف سوقاً شعبياً في المدينة صباح اليوم.",
    "وقال مسؤول محلي إن فرق الإسعاف نقلت الجرحى إلى المستشفى الرئيسي.",
    "أعلنت الحكومة حالة الطوارئ في {n} محافظات بعد موجة من الاحتجاجات.",
    "واتهم المتحدث باسم الجيش جماعة مسلحة بتنفيذ الهجوم، فيما نفت الجماعة أي علاقة لها بالحادث.",
    "وتظاهر نحو {n} شخص أمام مقر البرلمان للمطالبة بالإفراج عن المعتقلين.",
    "واجتمع وزير الخارجية مع السفير لبحث سبل وقف إطلاق النار.",
]


def article(i: int) -> str:
    """An Arabic article of varying length (written for these tests)."""
    k = 1 + (i * 7) % 9  # 1..9 sentences, so documents finish out of order in a pool
    return "\n".join(SENTENCES[(i + j) % len(SENTENCES)].format(n=3 + (i + j) % 40) for j in range(k))


def write_jsonl(path: Path, n: int, *, start: int = 0) -> list[str]:
    ids = [f"a{start + i:05d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as f:
        for i, rid in enumerate(ids):
            f.write(json.dumps({"id": rid, "text": article(start + i), "published": "2021-06-01"},
                               ensure_ascii=False) + "\n")
    return ids


def marsad(*args: str, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, MARSAD_PROGRESS="never")
    return subprocess.run([sys.executable, "-m", "marsad.cli.main", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=900, **kw)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_order_preserved_with_two_workers(tmp_path):
    ids = write_jsonl(tmp_path / "in.jsonl", 120)
    p2 = marsad("extract", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "w2.jsonl"), "--workers", "2")
    assert p2.returncode == 0, p2.stderr
    recs = read(tmp_path / "w2.jsonl")
    assert [r["id"] for r in recs] == ids
    assert "marsad: 120 articles, 0 errors (none)" in p2.stderr and "2 workers" in p2.stderr
    for r in recs:
        assert_offsets(r)
    # one worker writes byte-for-byte the same file
    p1 = marsad("extract", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "w1.jsonl"), "--workers", "1")
    assert p1.returncode == 0, p1.stderr
    assert (tmp_path / "w1.jsonl").read_bytes() == (tmp_path / "w2.jsonl").read_bytes()


def test_bad_inputs_become_error_records_and_exit_1(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(article(3), encoding="utf-8")
    (d / "b_empty.txt").write_text("  \n ", encoding="utf-8")
    (d / "c_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (d / "d_latin1.txt").write_bytes("خبر".encode() + b" \xe9t\xe9 \xff")
    lines = [json.dumps({"id": "j1", "text": article(5)}, ensure_ascii=False), '{"id": "j2", "text": "مقطوع',
             json.dumps({"id": "j3", "title": "لا نص"}, ensure_ascii=False), '{"id": "j4", "text": "\\udc00x"}']
    (d / "e_lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = gzip.compress("".join(json.dumps({"id": f"g{i}", "text": article(i)}, ensure_ascii=False) + "\n"
                                  for i in range(30)).encode())
    (d / "f_trunc.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # a truncated download
    out = tmp_path / "out.jsonl"
    p = marsad("extract", str(d), "--out", str(out), "--workers", "2")
    assert p.returncode == 0, p.stderr  # the run finished and good documents were analysed
    recs = read(out)
    codes = {r["id"]: (r.get("error") or {}).get("code") for r in recs}
    assert codes["a_good"] is None and codes["j1"] is None
    assert codes["b_empty"] == "E101"
    assert codes["c_binary"] == "E102"
    assert codes["d_latin1"] == "E103"
    assert codes["e_lines:2"] == "E104"
    assert codes["j3"] == "E105"
    assert codes["j4"] == "E103"
    # the readable head of the truncated gzip is analysed, then one E107 record says where it broke
    g = [r for r in recs if r["id"].startswith(("g", "f_trunc"))]
    assert g[-1]["error"]["code"] == "E107" and all("error" not in r for r in g[:-1]) and len(g) >= 2
    assert "E107" in p.stderr and "errors (" in p.stderr
    for r in recs:
        assert r["schema"] == "marsad.doc/1"
        if "error" in r:
            assert set(r) == {"schema", "id", "error"} and r["error"]["message"].startswith(f"[{r['error']['code']}]")


def test_exit_status_strict_and_all_failed(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(article(4), encoding="utf-8")
    (d / "b_empty.txt").write_text("\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = marsad("extract", str(d), "--out", str(out), "--workers", "1")
    assert p.returncode == 0, p.stderr
    assert "1 errors (1×E101)" in p.stderr
    strict = marsad("extract", str(d), "--out", str(out), "--workers", "1", "--strict")
    assert strict.returncode == 1, strict.stderr
    assert [r.get("error", {}).get("code") for r in read(out)] == [None, "E101"]  # written all the same
    (d / "a_good.txt").unlink()
    (d / "c_binary.txt").write_bytes(b"\x00\x01\x02" * 40)
    p = marsad("extract", str(d), "--out", str(out), "--workers", "1")
    assert p.returncode == 1, p.stderr  # every document failed: nothing was analysed
    assert [r["error"]["code"] for r in read(out)] == ["E101", "E102"]


def test_missing_path_is_a_usage_error(tmp_path):
    p = marsad("extract", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl"))
    assert p.returncode == 2 and "E201" in p.stderr
    assert not (tmp_path / "o.jsonl").exists()


def _wait_for(cond, timeout: float = 300) -> bool:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        with contextlib.suppress(OSError):  # the file may vanish between exists() and stat()
            if cond():
                return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_kill_9_leaves_old_output_and_rerun_replaces_part(tmp_path):
    write_jsonl(tmp_path / "big.jsonl", 4000)
    target = tmp_path / "out.jsonl"
    target.write_text("OLD OUTPUT\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "extract", str(tmp_path / "big.jsonl"),
                             "--out", str(target), "--workers", "2", "-q"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    part = tmp_path / f".out.jsonl.{proc.pid}.part"
    try:
        assert _wait_for(lambda: part.exists() and part.stat().st_size > 0 or proc.poll() is not None)
        assert proc.poll() is None, "extract finished before it could be killed; make the input bigger"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, without any clean-up
        proc.wait()
    assert target.read_text(encoding="utf-8") == "OLD OUTPUT\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["big.jsonl", "out.jsonl", part.name])

    ids = write_jsonl(tmp_path / "small.jsonl", 20, start=9000)
    p = marsad("extract", str(tmp_path / "small.jsonl"), "--out", str(target), "--workers", "2")
    assert p.returncode == 0, p.stderr
    assert [r["id"] for r in read(target)] == ids
    assert not list(tmp_path.glob(".out.jsonl.*.part"))  # the dead run's temp file is gone


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_kill_9_with_no_previous_output_leaves_none(tmp_path):
    write_jsonl(tmp_path / "big.jsonl", 4000)
    target = tmp_path / "new.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "extract", str(tmp_path / "big.jsonl"),
                             "--out", str(target), "--workers", "1", "-q"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    part = tmp_path / f".new.jsonl.{proc.pid}.part"
    try:
        assert _wait_for(lambda: part.exists() and part.stat().st_size > 0 or proc.poll() is not None)
        assert proc.poll() is None
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_killed_worker_loses_no_document(tmp_path):
    ids = write_jsonl(tmp_path / "in.jsonl", 1500)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "extract", str(tmp_path / "in.jsonl"),
                             "--out", str(out), "--workers", "2"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, MARSAD_PROGRESS="never"))
    try:
        part = tmp_path / f".out.jsonl.{proc.pid}.part"
        assert _wait_for(lambda: part.exists() and part.stat().st_size > 0 or proc.poll() is not None)
        workers = child_pids(proc.pid)
        assert proc.poll() is None and workers, "extract finished before a worker could be killed"
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
        _, err = proc.communicate(timeout=900)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, err
    recs = read(out)
    assert [r["id"] for r in recs] == ids  # every document, in order, none turned into an error
    assert not any("error" in r for r in recs)
