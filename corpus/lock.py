"""One writer per folder: an exclusive fcntl lock, released by the OS even if the holder is killed.

`worksum run` holds DIR/run.lock for a whole run; `build` holds CORPUS/build.lock while it
writes a corpus. A second process finds the lock taken and stops (exit code 75: try again later).
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

EXIT_LOCKED = 75  # EX_TEMPFAIL: cron and shells read it as "busy, try later"


class LockHeld(RuntimeError):
    """Another process holds the lock; nothing was done."""


class Lock:
    """An exclusive lock on DIRECTORY/NAME holding the holder's pid."""

    def __init__(self, directory: Path, name: str = "run.lock"):
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / name
        self.fh = None

    def acquire(self) -> bool:
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            self.fh = None
            return False
        try:
            self.fh.truncate(0)
            os.pwrite(self.fh.fileno(), f"{os.getpid()}\n".encode(), 0)
        except OSError:  # a full disk: the lock holds all the same, without the pid in it
            pass
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        if self.fh:
            fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()
            self.fh = None

    def __enter__(self) -> Lock:
        if not self.acquire():
            raise LockHeld(f"another process (pid {self.holder()}) holds {self.path}; nothing done (try again later)")
        return self

    def __exit__(self, *exc) -> None:
        self.release()
