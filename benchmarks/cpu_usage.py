"""How busy the machine and some processes were over a stretch of a benchmark, from /proc: so
a latency figure can be read beside the CPU it had (on a 2-core machine the fake Discord, the
bots, PostgreSQL and the load itself all share the same two cores)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def _command_seconds(command: str) -> dict[int, float]:
    """CPU seconds so far of each running process of this command (e.g. each PostgreSQL
    backend), by process id."""
    spent: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != command:
                continue
        except OSError:
            continue
        spent[int(entry.name)] = _process_seconds(int(entry.name))
    return spent


def _process_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = text.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


@dataclass(frozen=True)
class CpuSample:
    at_busy: int
    at_total: int
    processes: dict[str, float]
    """CPU seconds so far of each named process."""
    commands: dict[str, dict[int, float]]
    """CPU seconds so far of each process of each command, by process id."""

    @classmethod
    def take(cls, pids: Mapping[str, int], commands: tuple[str, ...] = ()) -> CpuSample:
        busy, total = _machine_ticks()
        spent = {name: _process_seconds(pid) for name, pid in pids.items()}
        return cls(busy, total, spent, {command: _command_seconds(command) for command in commands})


@dataclass(frozen=True)
class CpuUse:
    machine: float
    """Share of all cores busy (0 to 1)."""
    cores: int
    processes: dict[str, float]
    """Cores each named process kept busy on average (0 to `cores`)."""

    @property
    def others(self) -> float:
        """Cores kept busy by everything not named (other work on the machine)."""
        return max(0.0, self.machine * self.cores - sum(self.processes.values()))


def cpu_between(first: CpuSample, last: CpuSample, seconds: float) -> CpuUse:
    busy = last.at_busy - first.at_busy
    total = last.at_total - first.at_total
    spent = {name: last.processes.get(name, 0.0) - s for name, s in first.processes.items()}
    for command, before in first.commands.items():
        # A process that ended in between took its seconds with it (the sum is a floor); one
        # that started in between spent all of its seconds in between.
        after = last.commands.get(command, {})
        spent[command] = sum(s - before.get(pid, 0.0) for pid, s in after.items())
    return CpuUse(
        machine=busy / total if total else 0.0,
        cores=os.cpu_count() or 1,
        processes={
            name: max(0.0, s) / seconds if seconds > 0 else 0.0 for name, s in spent.items()
        },
    )


async def quiet_since(pids: Mapping[str, int], *, below: float, within: float) -> float | None:
    """When (`time.monotonic()`) these processes began a second in which together they kept
    less than `below` cores busy (they had worked through what they were given); None if
    that did not happen within `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline:
        started = time.monotonic()
        before = CpuSample.take(pids)
        await asyncio.sleep(1.0)
        if sum(cpu_between(before, CpuSample.take(pids), 1.0).processes.values()) < below:
            return started
    return None
