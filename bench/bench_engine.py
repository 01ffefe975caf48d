"""Engine-only speed of a practice turn (pure ``dialogues/``): turns/s and p50/p99 per turn.

Plays the shipped good and bad scripts against every scenario and difficulty, and times each
consultant turn (judge, persona, state machine, feedback) on its own. With ``--restore`` every
turn also goes through ``to_dict``/JSON/``from_dict`` first, as the conversation core does when
it loads the call from the database. Target on the 2-core reference box: p99 < 2 ms.

Wall-clock figures include whatever else the box is doing; the CPU figures (this thread's own
time) show the engine's cost without that noise, and the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from dialogues.engine import PracticeCall
from dialogues.scenario import load_catalog
from dialogues.script import parse_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ("god_metode", "god_uden_aeoeaa", "springer_metoden_over", "modsiger_indvendinger")
TARGET_P99_MS = 2.0


def _lines(name: str) -> list[tuple[str, list[str]]]:
    text = (ROOT / "tests" / "scripts" / f"{name}.txt").read_text(encoding="utf-8")
    return list(parse_script(text).items())


Timing = tuple[float, float]  # (wall seconds, CPU seconds) for one turn


def _play(call: PracticeCall, script: list[tuple[str, list[str]]], restore: bool) -> list[Timing]:
    """Run the script with ``run_script``'s rules, timing each turn.

    Its own loop rather than ``run_script``: with ``restore`` the call object is replaced by
    its restored copy before every turn, as the conversation core does.
    """
    catalog = load_catalog()
    sections = dict(script)
    used = dict.fromkeys(sections, 0)
    timings: list[Timing] = []
    while not call.finished:
        phase = call.phase
        lines = sections.get(phase, [])
        start, start_cpu = time.perf_counter(), time.thread_time()
        if restore:
            call = PracticeCall.from_dict(json.loads(json.dumps(call.to_dict())), catalog)
        if used[phase] < len(lines):
            call.say(lines[used[phase]])
            used[phase] += 1
        else:
            call.advance()
        if restore:
            json.dumps(call.to_dict())
        timings.append((time.perf_counter() - start, time.thread_time() - start_cpu))
    return timings


def measure(rounds: int, restore: bool) -> list[Timing]:
    scripts = [_lines(name) for name in SCRIPTS]
    scenarios = load_catalog().all()
    timings: list[Timing] = []
    for round_ in range(rounds):
        for scenario in scenarios:
            for difficulty in scenario.difficulties:
                for script in scripts:
                    call, _ = PracticeCall.start(scenario, difficulty=difficulty, seed=round_)
                    timings += _play(call, script, restore)
    return timings


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1000, p99 * 1000


def _report(label: str, timings: list[Timing]) -> None:
    wall = [w for w, _ in timings]
    p50, p99 = _percentiles(wall)
    cpu50, cpu99 = _percentiles([c for _, c in timings])
    verdict = "OK" if p99 < TARGET_P99_MS else "over target"
    print(
        f"{label}: {len(wall)} runs, {len(wall) / sum(wall):,.0f}/s, "
        f"p50 {p50:.3f} ms, p99 {p99:.3f} ms (target p99 < {TARGET_P99_MS} ms: {verdict}); "
        f"CPU p50 {cpu50:.3f} ms, p99 {cpu99:.3f} ms"
    )


def box_noise(samples: int = 2000) -> list[Timing]:
    """The same fixed piece of pure CPU work, timed like a turn: what the box adds on its own."""
    timings: list[Timing] = []
    for _ in range(samples):
        start, start_cpu = time.perf_counter(), time.thread_time()
        total = 0
        for i in range(3000):
            total += i * i
        timings.append((time.perf_counter() - start, time.thread_time() - start_cpu))
    return timings


def main(argv: Sequence[str] = ()) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(list(argv))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} on {os.cpu_count()} CPUs")
    measure(1, restore=False)  # warm caches (assessor tables, scenario catalog)
    _report("engine turn", measure(args.rounds, restore=False))
    _report("engine turn incl. restore from JSON", measure(args.rounds, restore=True))
    _report("baseline: fixed CPU task (box noise, not the engine)", box_noise())


if __name__ == "__main__":
    main(sys.argv[1:])
