"""The live child processes of a process, read from ``/proc`` (tests that stop a server or a
benchmark check what it started, and what it left running)."""

from __future__ import annotations

from pathlib import Path


def child_processes(pid: int) -> dict[int, str]:
    """The live (not zombie) children of process ``pid``: ``{pid: command line}``, the
    arguments joined by spaces."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                errors="replace")
        except OSError:
            continue
        if int(stat[1]) == pid and stat[0] != "Z":
            found[int(entry.name)] = command
    return found
