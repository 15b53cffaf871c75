"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, rate-limited.

The PIN lives in a per-machine settings file (``staff.json`` in the config folder, mode
0600). Anyone who can write that file can already replace the kiosk, so the hash guards
against a PIN being read off a disk or a backup, and the lockout against guessing at the
screen. The lockout is kept beside the PIN (``staff-lockout.json``), so a restart does
not clear it, and each further lockout lasts twice as long as the one before.
"""

from __future__ import annotations

import getpass
import hmac
import json
import logging
import math
import os
import re
import secrets
import time
from collections.abc import Callable
from hashlib import scrypt
from pathlib import Path
from typing import Any, TextIO

from kiosk.exhibit.filebytes import read_regular_file
from kiosk.paths import config_dir

STAFF_FILE_NAME = "staff.json"
LOCKOUT_FILE_NAME = "staff-lockout.json"
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
# About a third of a second a guess on a small kiosk PC: an offline search of a copied
# staff.json then takes about an hour for 4 digits and four days for 6 (the advice).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 4
SCRYPT_MAXMEM = 64 * 2**20  # scrypt needs 128·N·r bytes: 32 MiB, just over its default
SALT_BYTES = 16
HASH_BYTES = 32
RECORD_MAX_BYTES = 4096  # the PIN and lockout records are a few hundred bytes
FIRST_LOCKOUT_S = 60.0
LONGEST_LOCKOUT_S = 3600.0

logger = logging.getLogger(__name__)

# json, hashlib, hmac, secrets and getpass are imported where they are used: the kiosk
# builds a PinStore on every start, and only staff touching the PIN pad need them.


def default_staff_file() -> Path:
    return config_dir() / STAFF_FILE_NAME


def check_pin(pin: str) -> None:
    """Raise ValueError with a message for staff unless ``pin`` is 4 to 12 digits."""
    if not PIN_PATTERN.fullmatch(pin):
        raise ValueError(
            "the staff PIN must be 4 to 12 digits (0-9), with no spaces or letters")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES,
                  maxmem=SCRYPT_MAXMEM)


class PinStore:
    """The staff PIN's salted hash in a small JSON settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_staff_file()

    def _record(self) -> dict[str, Any] | None:
        try:
            data = _read_record(self.path)
            record = {
                "salt": bytes.fromhex(data["salt"]),
                "hash": bytes.fromhex(data["hash"]),
                "n": int(data["n"]), "r": int(data["r"]), "p": int(data["p"]),
            }
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:  # bad UTF-8 included
            logger.warning("the staff PIN file %s is unreadable (%s): the staff menu stays "
                           "closed; run `kiosk set-pin` to set the PIN again", self.path,
                           error)
            return None
        if data.get("kdf") != "scrypt":
            logger.warning("the staff PIN file %s uses an unknown scheme; run `kiosk "
                           "set-pin` to set the PIN again", self.path)
            return None
        return record

    def is_set(self) -> bool:
        """Whether a usable PIN is stored. Without one the staff exit stays closed."""
        return self._record() is not None

    def set_pin(self, pin: str) -> None:
        """Validate and store ``pin`` (as a hash only), replacing any earlier PIN."""
        check_pin(pin)
        salt = secrets.token_bytes(SALT_BYTES)
        record = {
            "version": 1, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "hash": _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex(),
        }
        self._write(json.dumps(record, indent=2) + "\n")

    def _write(self, text: str) -> None:
        write_private_file(self.path, text)
        # A new PIN starts with no lockout: staff who can run set-pin own the machine.
        lockout_file(self).unlink(missing_ok=True)

    def verify(self, pin: str) -> bool:
        """Whether ``pin`` is the stored PIN. False when none is set or it is malformed."""
        record = self._record()
        if record is None or not PIN_PATTERN.fullmatch(pin):
            return False
        try:
            candidate = _derive(pin, record["salt"], record["n"], record["r"], record["p"])
        except (ValueError, MemoryError) as error:
            logger.warning("cannot check the staff PIN against %s (%s)", self.path, error)
            return False
        return hmac.compare_digest(candidate, record["hash"])


class PinLockout:
    """After ``max_tries`` wrong PINs in a row, refuse further tries for a while: a minute,
    then twice as long after each further lockout, up to an hour, until a right PIN.

    With a ``path`` the state is kept in that file, so a restart changes nothing. A file
    that cannot be read back means locked for the longest time, never open: it is only
    ever replaced whole, so damage is tampering or a failing disk. A file that cannot be
    written leaves the state in memory, said once in the log.
    """

    def __init__(self, path: Path | None = None, max_tries: int = 5,
                 first_lockout_s: float = FIRST_LOCKOUT_S,
                 longest_lockout_s: float = LONGEST_LOCKOUT_S,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.max_tries = max_tries
        self.first_lockout_s = first_lockout_s
        self.longest_lockout_s = longest_lockout_s
        self._clock = clock  # wall-clock time: it has to mean the same after a restart
        self._failures = 0
        self._lockouts = 0  # in a row, since the last right PIN
        self._until: float | None = None
        self._unwritable_said = False
        # guard: pin-lockout-kept-on-disk
        if path is not None:
            self._load(path)

    @classmethod
    def beside(cls, store: PinStore, **kwargs: Any) -> PinLockout:
        """The lockout kept next to ``store``'s PIN file."""
        return cls(lockout_file(store), **kwargs)

    def _load(self, path: Path) -> None:
        try:
            data = _read_record(path)
            failures, lockouts = int(data["failures"]), int(data["lockouts"])
            until = None if data["until"] is None else float(data["until"])
            if failures < 0 or lockouts < 0 or (until is not None and not math.isfinite(until)):
                raise ValueError("values out of range")
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as error:  # bad UTF-8 included
            logger.warning("the staff PIN lockout record %s is damaged (%s): PIN entry is "
                           "locked for %g min; `kiosk set-pin` clears it", path, error,
                           self.longest_lockout_s / 60)
            self._failures, self._lockouts = 0, 0
            # guard: pin-lockout-damaged-means-locked
            self._until = self._clock() + self.longest_lockout_s
            return
        self._failures, self._lockouts = failures, lockouts
        # A clock set back must not stretch a lockout past the longest one.
        self._until = (None if until is None
                       else min(until, self._clock() + self.longest_lockout_s))

    def _save(self) -> None:
        if self.path is None:
            return
        record = {"version": 1, "failures": self._failures, "lockouts": self._lockouts,
                  "until": self._until}
        try:
            write_private_file(self.path, json.dumps(record) + "\n")
        except OSError as error:
            if not self._unwritable_said:
                self._unwritable_said = True
                logger.warning("cannot keep the staff PIN lockout in %s (%s): it holds until "
                               "the kiosk restarts", self.path, error)

    def locked(self) -> bool:
        return self._until is not None and self._clock() < self._until

    def seconds_left(self) -> int:
        """Whole seconds until PINs are accepted again, rounded up; 0 when not locked."""
        if not self.locked():
            return 0
        assert self._until is not None
        return math.ceil(self._until - self._clock())

    def record_failure(self) -> None:
        if self.locked():
            return  # a try while locked should not have been checked; it adds no time
        self._failures += 1
        if self._failures >= self.max_tries:
            self._failures = 0
            self._lockouts += 1
            # guard: pin-lockout-doubles
            seconds = min(self.first_lockout_s * 2 ** (self._lockouts - 1),
                          self.longest_lockout_s)
            self._until = self._clock() + seconds
            logger.warning("%d wrong staff PINs in a row; PIN entry locked for %g s",
                           self.max_tries, seconds)
        self._save()

    def record_success(self) -> None:
        if self._failures or self._lockouts or self._until is not None:
            self._failures, self._lockouts, self._until = 0, 0, None
            self._save()


def _read_record(path: Path) -> Any:
    """The JSON a small settings record holds; OSError or ValueError when it cannot be
    read (a FIFO or a folder in its place, too large, not UTF-8, not JSON)."""
    return json.loads(read_regular_file(path, RECORD_MAX_BYTES).decode("utf-8"))


def lockout_file(store: PinStore) -> Path:
    return store.path.with_name(LOCKOUT_FILE_NAME)


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only. Written beside the target and
    renamed over it, so a power cut leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _read_two(stdin: TextIO, stderr: TextIO) -> tuple[str, str] | None:
    if stdin.isatty():
        first = getpass.getpass("Staff PIN (4 to 12 digits): ")
        second = getpass.getpass("Same PIN again: ")
        return first, second
    # Not a terminal: an install script pipes the PIN in, one line each time.
    lines = [stdin.readline(), stdin.readline()]
    if not lines[1]:  # input ended before the second line
        print("kiosk set-pin: error: expected the PIN on two lines of input, e.g. "
              "printf '1234\\n1234\\n' | kiosk set-pin", file=stderr)
        return None
    return lines[0].strip(), lines[1].strip()


def set_pin_command(stdin: TextIO, stdout: TextIO, stderr: TextIO,
                    store: PinStore | None = None) -> int:
    """``kiosk set-pin``: ask for the PIN twice and store its hash. Returns the exit code."""
    try:
        answers = _read_two(stdin, stderr)
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk set-pin: cancelled; the PIN is unchanged", file=stderr)
        return 1
    if answers is None:
        return 1
    first, second = answers
    try:
        check_pin(first)
    except ValueError as error:
        print(f"kiosk set-pin: error: {error}; the PIN is unchanged", file=stderr)
        return 1
    if first != second:
        print("kiosk set-pin: error: the two PINs differ; nothing was saved, try again",
              file=stderr)
        return 1
    store = store if store is not None else PinStore()
    try:
        store.set_pin(first)
    except OSError as error:
        print(f"kiosk set-pin: error: cannot write {store.path}: {error.strerror or error}; "
              "run it as the account the kiosk runs as", file=stderr)
        return 1
    print(f"Staff PIN saved to {store.path}", file=stdout)
    return 0
