"""The benchmark report and the ratio gate on synthetic pytest-benchmark runs (no timing here)."""
import json
import os
import types

import pytest

from benchmarks import gate, report, results
from benchmarks.workloads import BY_NAME, WORKLOADS, missing_features, skip_reason


def run_of(ref_times, torch_times, spread=1.2):
    """A pytest-benchmark JSON document: min = t, median = t * spread, for each (workload, impl)."""
    benches = []
    for impl, table in (("reference", ref_times), ("torch", torch_times)):
        for name, t in table.items():
            benches.append(dict(group=name, name=f"test_workload[{name}-{impl}]", params={"impl": impl},
                                extra_info=dict(workload=name, impl=impl, threads=2, blas_threads=2),
                                stats=dict(min=t, median=t * spread, mean=t * spread)))
    return dict(benchmarks=benches, datetime="2026-01-01T00:00:00", commit_info=dict(id="abc", dirty=False))


TORCH = {"add_4M": 1e-3, "sum_4M": 4e-4, "tiny_add": 1e-6, "cold_start": 2.0}
REF = {"add_4M": 1.05e-3, "sum_4M": 8e-4, "tiny_add": 2.5e-6, "cold_start": 25.0}


def test_ratios_pair_reference_with_torch_of_the_same_workload():
    run = run_of(REF, {**TORCH, "broadcast_add": 1e-3})  # a torch-only entry gets no ratio
    r = results.ratios(run, "min")
    assert set(r) == set(REF)
    assert r["sum_4M"] == pytest.approx(2.0)
    assert results.ratios(run, "median")["tiny_add"] == pytest.approx(2.5)


def test_report_row_per_workload_with_target_and_verdict():
    rows = {r["workload"]: r for r in report.build_rows(run_of(REF, TORCH), {"mlp_step": "no nn.Linear"})}
    assert list(rows) == [w.name for w in WORKLOADS]
    assert rows["add_4M"]["ratio"] == pytest.approx(1.05) and rows["add_4M"]["met"] is True
    assert rows["sum_4M"]["met"] is False and rows["sum_4M"]["target"] == "<= 1.2"
    assert rows["tiny_add"]["met"] is True  # 2.5 <= 3.0
    # start-up targets are absolute seconds of the reference, not ratios
    assert rows["cold_start"]["target_kind"] == "seconds" and rows["cold_start"]["met"] is False
    assert rows["mlp_step"]["ratio"] is None and rows["mlp_step"]["note"] == "skipped: no nn.Linear"
    assert rows["broadcast_add"]["note"] == "not run in this run"
    text = report.markdown(list(rows.values()))
    assert "| sum_4M |" in text and "**no**" in text
    assert f"4 of {len(WORKLOADS)} workloads ran; 2 of 4 targets met." in text


def test_gate_passes_unchanged_and_noisy_runs():
    base = run_of(REF, TORCH)
    rows, only = gate.compare(base, run_of(REF, TORCH))
    assert not only and not any(r.regressed(gate.DEFAULT_THRESHOLD) for r in rows)
    # everything 40% slower, torch included: the machine was busier, the ratios did not move
    slower = run_of({k: v * 1.4 for k, v in REF.items()}, {k: v * 1.4 for k, v in TORCH.items()})
    assert not any(r.regressed(gate.DEFAULT_THRESHOLD) for r in gate.compare(base, slower)[0])
    # a ratio 30% worse is inside the noise allowance
    noisy = run_of({**REF, "sum_4M": REF["sum_4M"] * 1.3}, TORCH)
    assert not any(r.regressed(gate.DEFAULT_THRESHOLD) for r in gate.compare(base, noisy)[0])


def test_gate_fails_a_2x_slowdown_of_one_op():
    base = run_of(REF, TORCH)
    rows, _ = gate.compare(base, run_of({**REF, "sum_4M": REF["sum_4M"] * 2}, TORCH))
    bad = [r.workload for r in rows if r.regressed(gate.DEFAULT_THRESHOLD)]
    assert bad == ["sum_4M"]
    # an improvement is never a regression
    rows, _ = gate.compare(base, run_of({**REF, "sum_4M": REF["sum_4M"] / 2}, TORCH))
    assert not any(r.regressed(gate.DEFAULT_THRESHOLD) for r in rows)


def test_gate_lists_workloads_of_one_run_without_failing():
    base = run_of(REF, TORCH)
    cur = run_of({**REF, "broadcast_add": 1e-3}, {**TORCH, "broadcast_add": 1e-3})
    rows, only = gate.compare(base, cur)
    assert only == ["broadcast_add"] and len(rows) == len(REF)


def _save(path, run, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run))
    os.utime(path, (mtime, mtime))


def test_gate_command_against_the_latest_saved_run(tmp_path, capsys):
    root = tmp_path / ".benchmarks"
    machine = root / "Linux-CPython-3.12-64bit"
    regressed = run_of({**REF, "tiny_add": REF["tiny_add"] * 2}, TORCH)
    _save(machine / "0001_old.json", regressed, 1_000)  # older: ignored
    _save(machine / "0002_new.json", run_of(REF, TORCH), 2_000)
    assert gate.latest_saved(root) == machine / "0002_new.json"
    assert gate.latest_saved(root, count=2) == [machine / "0002_new.json", machine / "0001_old.json"]
    current = tmp_path / "current.json"
    current.write_text(json.dumps(run_of(REF, TORCH)))
    one = ["--root", str(root), "--baselines", "1"]
    assert gate.main(["--current", str(current), *one]) == 0
    current.write_text(json.dumps(regressed))
    assert gate.main(["--current", str(current), *one]) == 1
    # with both saved runs as the baseline, the older (slower) one sets the bar: not a regression
    assert gate.main(["--current", str(current), "--root", str(root)]) == 0
    assert "tiny_add" in capsys.readouterr().err
    assert gate.main(["--current", str(current), "--root", str(tmp_path / "empty")]) == 2


def test_features_are_detected_on_the_namespace():
    fake = types.SimpleNamespace(nn=types.SimpleNamespace(Linear=object, functional=types.SimpleNamespace()))
    w = BY_NAME["mlp_step"]
    assert missing_features(fake, w) == ["nn.Sequential", "nn.ReLU", "nn.functional.cross_entropy", "optim.SGD"]
    assert skip_reason(fake, BY_NAME["add_4M"]) is None
    assert "optim.Adam" in skip_reason(fake, BY_NAME["adam_step"])


def test_registry_covers_the_issue_workloads_and_targets():
    names = set(BY_NAME)
    assert len(names) == len(WORKLOADS)
    for name in ["add_4M", "broadcast_add", "strided_add", "sum_4M", "sum_dim0", "sum_dim1", "softmax_ce",
                 "matmul_256", "matmul_1024", "bmm", "conv2d", "mlp_step", "cnn_step", "lstm_step",
                 "lstm_fwd_bwd", "gru_forward", "transformer_step", "adam_step", "dataloader_epoch", "save_load",
                 "tiny_add", "tiny_mul", "tiny_sum", "tiny_index", "autograd_chain", "cold_start", "warm_start"]:
        assert name in names
    targets = {w.name: (w.target.kind, w.target.value) for w in WORKLOADS if w.target}
    assert targets["strided_add"] == ("ratio", 1.3) and targets["autograd_chain"] == ("ratio", 2.0)
    assert targets["cold_start"] == ("seconds", 20.0) and targets["warm_start"] == ("seconds", 2.0)


def test_report_header_flags_an_oversubscribed_machine():
    run = run_of(REF, TORCH)
    for i, b in enumerate(run["benchmarks"]):
        b["extra_info"].update(load_before=1000.0 + i, load_after=1000.0)
    assert report.load_range(run) == (1000.0, 1000.0 + len(run["benchmarks"]) - 1)
    assert "oversubscribed" in report.header_of(run)
    assert "oversubscribed" not in report.header_of(run_of(REF, TORCH))


def test_gate_confirmation_clears_a_burst_of_load_but_not_a_slowdown():
    base = run_of(REF, TORCH)
    burst = run_of({**REF, "tiny_add": REF["tiny_add"] * 3, "sum_4M": REF["sum_4M"] * 2}, TORCH)
    rows, _ = gate.compare(base, burst)
    # retimed: tiny_add is back to its baseline ratio (it was load), sum_4M stays 2x (it is the code)
    gate.settle(rows, [{"tiny_add": 2.6, "sum_4M": 4.1}, {"sum_4M": 3.9}])
    by = {r.workload: r for r in rows}
    assert not by["tiny_add"].regressed(gate.DEFAULT_THRESHOLD)
    assert by["sum_4M"].regressed(gate.DEFAULT_THRESHOLD) and by["sum_4M"].attempts == [4.1, 3.9]
    assert by["sum_4M"].current == pytest.approx(3.9)
    assert "confirmation attempts: 4.10, 3.90" in gate.render(rows, [], gate.DEFAULT_THRESHOLD, "min")


def test_baseline_takes_the_largest_ratio_of_the_saved_runs():
    lucky = run_of(REF, {**TORCH, "add_4M": TORCH["add_4M"] * 14})  # torch slowed by load in one run
    rows, _ = gate.compare([lucky, run_of(REF, TORCH)], run_of(REF, TORCH))
    assert not any(r.regressed(gate.DEFAULT_THRESHOLD) for r in rows)
    assert {r.workload: r.baseline for r in rows}["add_4M"] == pytest.approx(1.05)
    # a single saved run that caught the burst: the ratio grew 14x but the reference's own time did not
    rows, _ = gate.compare(lucky, run_of(REF, TORCH))
    row = {r.workload: r for r in rows}["add_4M"]
    assert row.change > 10 and row.ref_change == pytest.approx(0.0)
    assert not row.regressed(gate.DEFAULT_THRESHOLD)
