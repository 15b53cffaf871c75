"""The staff PIN: stored only as a salted scrypt hash, checked in constant time, rate-limited.

The PIN lives in a per-machine settings file (``staff.json`` in the config folder, mode
0600). Anyone who can write that file can already replace the kiosk, so the hash guards
against a PIN being read off a disk or a backup, and the lockout against guessing at the
screen.
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from kiosk.paths import config_dir

STAFF_FILE_NAME = "staff.json"
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32

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
    from hashlib import scrypt

    return scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES)


class PinStore:
    """The staff PIN's salted hash in a small JSON settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_staff_file()

    def _record(self) -> dict[str, Any] | None:
        import json

        try:
            data = json.loads(self.path.read_text("utf-8"))
            record = {
                "salt": bytes.fromhex(data["salt"]),
                "hash": bytes.fromhex(data["hash"]),
                "n": int(data["n"]), "r": int(data["r"]), "p": int(data["p"]),
            }
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("the staff PIN file %s is unreadable (%s); run `kiosk set-pin` "
                           "to set the PIN again", self.path, error)
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
        import json
        import secrets

        check_pin(pin)
        salt = secrets.token_bytes(SALT_BYTES)
        record = {
            "version": 1, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "hash": _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex(),
        }
        self._write(json.dumps(record, indent=2) + "\n")

    def _write(self, text: str) -> None:
        # Written beside the target and renamed over it, so a power cut leaves the old
        # PIN or the new one, never half a file; created 0600 so no moment is readable.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def verify(self, pin: str) -> bool:
        """Whether ``pin`` is the stored PIN. False when none is set or it is malformed."""
        import hmac

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
    """After ``max_tries`` wrong PINs in a row, refuse further tries for ``lockout_seconds``."""

    def __init__(self, max_tries: int = 5, lockout_seconds: float = 60,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_tries = max_tries
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._failures = 0
        self._until: float | None = None

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
            self._until = self._clock() + self.lockout_seconds
            logger.warning("%d wrong staff PINs in a row; PIN entry locked for %g s",
                           self.max_tries, self.lockout_seconds)

    def record_success(self) -> None:
        self._failures = 0
        self._until = None


def _read_two(stdin: TextIO, stderr: TextIO) -> tuple[str, str] | None:
    if stdin.isatty():
        import getpass

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
