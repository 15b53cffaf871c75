"""Which event logs `kiosk report` reads, and which kiosk each belongs to.

A kiosk's log is ``events.jsonl`` and its rotated ``events.jsonl.N.gz`` (or ``.N`` when
compressing failed). Given a file, its kiosk is its folder's name; given a folder holding
logs, that folder is one kiosk; given a collection folder (one folder per kiosk, as the
fleet's logs come home), each folder in it is a kiosk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LOG_NAME = re.compile(r"events\.jsonl(?:\.(\d+)(?:\.gz)?)?")


@dataclass(frozen=True, slots=True)
class LogFile:
    path: Path
    kiosk: str
    age: int  # 0 for events.jsonl, N for events.jsonl.N(.gz): older logs have larger N


class NoLogs(Exception):
    """Nothing to read where the command was pointed."""


def log_files(targets: list[Path]) -> list[LogFile]:
    """Every event log under ``targets``; raises :class:`NoLogs` saying where it looked."""
    found: dict[Path, LogFile] = {}
    for target in targets:
        for log in _logs_in(target):
            found.setdefault(log.path.resolve(), log)
    if not found:
        raise NoLogs("no event logs (events.jsonl, events.jsonl.N.gz) in "
                     + ", ".join(str(t) for t in targets))
    return sorted(found.values(), key=lambda f: (f.kiosk, -f.age))


def _logs_in(target: Path) -> list[LogFile]:
    if target.is_file():
        match = LOG_NAME.fullmatch(target.name)
        age = int(match.group(1) or 0) if match else 0
        return [LogFile(target, _kiosk_name(target.parent), age)]
    if not target.is_dir():
        raise NoLogs(f"{target} does not exist")
    own = _folder_logs(target)
    if own:
        return own
    return [log for folder in sorted(p for p in target.iterdir() if p.is_dir())
            for log in _folder_logs(folder)]


def _folder_logs(folder: Path) -> list[LogFile]:
    logs = []
    for path in folder.iterdir():
        match = LOG_NAME.fullmatch(path.name)
        if match and path.is_file():
            logs.append(LogFile(path, _kiosk_name(folder), int(match.group(1) or 0)))
    return logs


def _kiosk_name(folder: Path) -> str:
    return folder.resolve().name or "kiosk"
