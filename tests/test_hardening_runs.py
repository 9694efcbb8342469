"""Issue 11, runs: a run's tables appear all together or not at all, a killed worker costs
at most its batch, workers end with the main process, a killed run's temporary folder is
cleaned by the next, and Ctrl-C prints one line.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from aidlib import pipeline
from aidlib.corpus import DEFAULT_DATA_DIR, METADATA_COLUMNS

SEEDS = sorted((DEFAULT_DATA_DIR / "raw").glob("*.txt"))
ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, reports: int, poison: tuple[str, ...] = ()) -> Path:
    """``reports`` copies of the seeds as r000, r001, …; the doc_ids in ``poison`` too."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    rows = []
    for number in range(reports):
        doc_id = f"r{number:03d}"
        (raw / f"{doc_id}.txt").write_bytes(SEEDS[number % len(SEEDS)].read_bytes())
        rows.append(
            dict.fromkeys(METADATA_COLUMNS, "") | {"doc_id": doc_id, "file": f"{doc_id}.txt"}
        )
    pd.DataFrame(rows).to_csv(folder / "corpus.csv", index=False)
    return folder


def digests(out: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.iterdir())
        if p.is_file()
    }


# --- publishing: all or nothing -------------------------------------------------------------


@pytest.mark.parametrize("blocked", ["documents.parquet", "money.csv", "warnings.csv"])
def test_when_one_table_cannot_be_replaced_the_previous_run_stays_whole(tmp_path, blocked):
    data, out = make_corpus(tmp_path / "data", 2), tmp_path / "out"
    pipeline.run(data, out, workers=1, progress=False)
    (out / blocked).unlink()
    (out / blocked).mkdir()  # a folder where the table goes: it cannot be replaced
    (out / blocked / "keep").write_text("x")
    before = digests(out)
    make_corpus(tmp_path / "data2", 3)
    with pytest.raises(OSError):
        pipeline.run(tmp_path / "data2", out, workers=1, progress=False)
    assert digests(out) == before, "every table is the previous run's"
    assert len(pd.read_parquet(out / "sentences.parquet")["doc_id"].unique()) == 2
    assert not list(out.glob(".run-*")), "the temporary folder is gone"


@pytest.mark.parametrize("blocked", ["documents.csv", "problems.parquet"])
def test_when_one_table_cannot_be_written_a_first_run_leaves_no_table(tmp_path, blocked):
    data, out = make_corpus(tmp_path / "data", 2), tmp_path / "out"
    (out / blocked).mkdir(parents=True)
    (out / blocked / "keep").write_text("x")
    with pytest.raises(OSError):
        pipeline.run(data, out, workers=1, progress=False)
    assert [p.name for p in out.iterdir()] == [blocked]


def test_a_run_replaces_every_table(tmp_path):
    out = tmp_path / "out"
    pipeline.run(make_corpus(tmp_path / "a", 2), out, workers=1, progress=False)
    first = digests(out)
    pipeline.run(make_corpus(tmp_path / "b", 3), out, workers=1, progress=False)
    second = digests(out)
    assert sorted(first) == sorted(second)
    assert all(first[name] != second[name] for name in ["documents.csv", "sentences.parquet"])


# --- a killed worker ---------------------------------------------------------------------------


@pytest.fixture
def killer(monkeypatch, tmp_path):
    """Make a worker process kill itself on the doc_ids given, ``times`` times each."""

    def arm(doc_ids: set[str], times: int) -> None:
        parent = os.getpid()
        real = pipeline.report_rows

        def report_rows(report, codebook=None, segmenter="jieba"):
            doc_id = report.metadata["doc_id"]
            marks = tmp_path / f"killed-{doc_id}"
            if os.getpid() != parent and doc_id in doc_ids:
                count = len(marks.read_text()) if marks.exists() else 0
                if count < times:
                    marks.write_text("x" * (count + 1))
                    os.kill(os.getpid(), signal.SIGKILL)
            return real(report, codebook, segmenter)

        monkeypatch.setattr(pipeline, "report_rows", report_rows)  # forked workers inherit it

    return arm


@pytest.mark.skipif(pipeline._START_METHOD != "fork", reason="the killer is passed on by fork")
@pytest.mark.parametrize("poison", [{"r005"}, {"r003", "r040"}])
def test_a_batch_whose_worker_dies_twice_is_listed_in_problems_and_the_rest_analysed(
    tmp_path, killer, poison
):
    killer(poison, times=2)
    data, out = make_corpus(tmp_path / "data", 48), tmp_path / "out"
    summary = pipeline.run(data, out, workers=2, progress=False)
    batch = pipeline._LOCAL_TASK_REPORTS
    lost = {
        f"r{n:03d}"
        for doc_id in poison
        for n in range(48)
        if n // batch == int(doc_id[1:]) // batch
    }
    assert set(summary.problems["doc_id"]) == lost
    assert summary.problems["reason"].str.contains("worker process died").all()
    assert summary.reports == 48 - len(lost)
    for table in ["documents", "sentences", "money", "term_counts"]:
        assert not set(pd.read_parquet(out / f"{table}.parquet")["doc_id"]) & lost, table


@pytest.mark.skipif(pipeline._START_METHOD != "fork", reason="the killer is passed on by fork")
@pytest.mark.parametrize("poison", [{"r000"}, {"r020"}, {"r005", "r090"}])
def test_a_batch_whose_worker_dies_once_is_analysed_on_the_retry(tmp_path, killer, poison):
    # two deaths far enough apart never meet: batches in flight then are retried in turn
    killer(poison, times=1)
    data, out = make_corpus(tmp_path / "data", 96), tmp_path / "out"
    summary = pipeline.run(data, out, workers=2, progress=False)
    assert summary.reports == 96 and summary.problems.empty
    documents = pd.read_parquet(out / "documents.parquet")
    assert documents["doc_id"].tolist() == [f"r{n:03d}" for n in range(96)]


# --- the main process ends: its workers end; the next run cleans up -----------------------------

RUN = "import sys; from aidlib import pipeline; pipeline.run(sys.argv[1], sys.argv[2], workers=2, progress=False)"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def started_run(
    tmp_path: Path, command: list[str]
) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """A run in its own process, once it has its two workers.

    The run gets Ctrl-C's default action, as a terminal gives it: a suite started in the
    background by a shell without job control ignores SIGINT, and children inherit that.
    """
    run = subprocess.Popen(
        command,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    parent = psutil.Process(run.pid)
    assert wait_for(lambda: len(parent.children()) >= 2, 120), "the workers never started"
    return run, parent.children()


def test_killing_the_main_process_ends_its_workers_and_the_next_run_cleans_up(tmp_path):
    data, out = make_corpus(tmp_path / "data", 400), tmp_path / "out"
    run, workers = started_run(tmp_path, [sys.executable, "-c", RUN, str(data), str(out)])
    run.kill()
    run.wait()
    assert wait_for(lambda: not any(w.is_running() and w.status() != "zombie" for w in workers), 15)
    assert list(out.glob(".run-*")), "a killed run leaves its temporary folder"
    pipeline.run(make_corpus(tmp_path / "small", 2), out, workers=1, progress=False)
    assert not list(out.glob(".run-*"))


def test_a_live_runs_temporary_folder_is_kept_and_dead_ones_removed(tmp_path):
    out = tmp_path / "out"
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.run([sys.executable, "-c", "pass"], check=True)
    dead_pid = psutil.Popen([sys.executable, "-c", "pass"])
    dead_pid.wait()
    try:
        for name in [f".run-{alive.pid}-live", f".run-{dead_pid.pid}-dead", ".run-old1234"]:
            (out / name).mkdir(parents=True)
            (out / name / "documents.00000.arrow").write_bytes(b"part")
        pipeline.run(make_corpus(tmp_path / "data", 2), out, workers=1, progress=False)
        assert [p.name for p in out.glob(".run-*")] == [f".run-{alive.pid}-live"]
    finally:
        alive.kill()
        alive.wait()
    assert ended.returncode == 0


def test_ctrl_c_prints_one_line_and_leaves_no_worker(tmp_path):
    data, out = make_corpus(tmp_path / "data", 400), tmp_path / "out"
    command = [sys.executable, "-m", "aidlib", "run", str(data), "--out", str(out)]
    run, workers = started_run(tmp_path, [*command, "--workers", "2", "--no-progress"])
    run.send_signal(signal.SIGINT)
    for worker in workers:  # a terminal sends Ctrl-C to the whole process group
        worker.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130
    ours = [line for line in stderr.splitlines() if line.startswith("aidlib")]
    assert len(ours) == 1 and "interrupted" in ours[0], stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert wait_for(lambda: not any(w.is_running() and w.status() != "zombie" for w in workers), 15)
    assert not list(out.glob(".run-*"))
