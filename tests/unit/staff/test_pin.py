"""The staff PIN: hashed at rest, checked exactly, guessing slowed, set from the shell."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.staff.pin import (
    LONGEST_LOCKOUT_S,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    PinLockout,
    PinStore,
    lockout_file,
    set_pin_command,
)

PIN = "908172635401"


@pytest.fixture
def store(tmp_path: Path) -> PinStore:
    return PinStore(tmp_path / "staff.json")


def test_a_set_pin_verifies_and_others_do_not(store: PinStore) -> None:
    assert not store.is_set()
    assert not store.verify(PIN)
    store.set_pin(PIN)
    assert store.is_set()
    assert store.verify(PIN)
    for wrong in ("908172635400", "9081", "", PIN + "0", " " + PIN, "abcd"):
        assert not store.verify(wrong)


def test_the_file_holds_a_salted_scrypt_hash_never_the_pin(store: PinStore) -> None:
    store.set_pin(PIN)
    raw = store.path.read_text("utf-8")
    assert PIN not in raw
    record = json.loads(raw)
    assert record["kdf"] == "scrypt"
    assert (record["n"], record["r"], record["p"]) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    salt = bytes.fromhex(record["salt"])
    assert len(salt) == 16
    expected = hashlib.scrypt(PIN.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                              dklen=32, maxmem=2**26)
    assert bytes.fromhex(record["hash"]) == expected


def test_the_file_is_readable_by_its_owner_only(store: PinStore) -> None:
    store.set_pin(PIN)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert [p.name for p in store.path.parent.iterdir()] == ["staff.json"]


def test_each_save_uses_a_new_salt(store: PinStore) -> None:
    store.set_pin(PIN)
    first = json.loads(store.path.read_text("utf-8"))
    store.set_pin(PIN)
    second = json.loads(store.path.read_text("utf-8"))
    assert first["salt"] != second["salt"] and first["hash"] != second["hash"]


def test_setting_a_new_pin_replaces_the_old(store: PinStore) -> None:
    store.set_pin("1234")
    store.set_pin("5678")
    assert store.verify("5678") and not store.verify("1234")


@pytest.mark.parametrize("bad", ["123", "1234567890123", "12a4", "12 34", "", "١٢٣٤"])
def test_only_4_to_12_ascii_digits_are_accepted(store: PinStore, bad: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        store.set_pin(bad)
    assert not store.path.exists()


def test_a_damaged_file_counts_as_no_pin_and_says_how_to_fix(store: PinStore,
                                                             caplog) -> None:
    store.path.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        assert not store.is_set()
        assert not store.verify("1234")
    assert "kiosk set-pin" in caplog.text and str(store.path) in caplog.text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_pins_lock_entry_for_a_minute() -> None:
    clock = FakeClock()
    lockout = PinLockout(clock=clock)
    for _ in range(4):
        lockout.record_failure()
    assert not lockout.locked()
    lockout.record_failure()
    assert lockout.locked()
    assert lockout.seconds_left() == 60

    clock.now += 59.5
    assert lockout.locked() and lockout.seconds_left() == 1
    clock.now += 0.5
    assert not lockout.locked() and lockout.seconds_left() == 0


def test_after_a_lockout_the_count_starts_again() -> None:
    clock = FakeClock()
    lockout = PinLockout(max_tries=2, first_lockout_s=10, clock=clock)
    lockout.record_failure()
    lockout.record_failure()
    lockout.record_failure()  # while locked: adds no time
    clock.now += 10
    assert not lockout.locked()
    lockout.record_failure()
    assert not lockout.locked()


def test_a_right_pin_clears_the_count() -> None:
    lockout = PinLockout(clock=FakeClock())
    for _ in range(4):
        lockout.record_failure()
    lockout.record_success()
    lockout.record_failure()
    assert not lockout.locked()


def lock_once(lockout: PinLockout) -> None:
    for _ in range(lockout.max_tries):
        lockout.record_failure()


def test_a_lockout_survives_a_restart(store: PinStore) -> None:
    clock = FakeClock()
    lock_once(PinLockout.beside(store, clock=clock))
    clock.now += 20

    after_restart = PinLockout.beside(store, clock=clock)

    assert after_restart.locked() and after_restart.seconds_left() == 40


def test_each_further_lockout_lasts_twice_as_long_up_to_an_hour(store: PinStore) -> None:
    clock = FakeClock()
    lengths = []
    for _ in range(8):
        lockout = PinLockout.beside(store, clock=clock)  # a restart between each, too
        lock_once(lockout)
        lengths.append(lockout.seconds_left())
        clock.now += lockout.seconds_left()
    assert lengths == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    lockout = PinLockout.beside(store, clock=clock)
    lockout.record_success()
    lock_once(lockout)
    assert lockout.seconds_left() == 60  # a right PIN starts the count again


@pytest.mark.parametrize("damage", ["{not json", '{"failures": -1, "lockouts": 0, "until": null}',
                                    "[]", '{"failures": 0}'])
def test_a_damaged_lockout_record_means_locked_for_the_longest_time(
        store: PinStore, damage: str, caplog) -> None:
    lockout_file(store).write_text(damage)
    with caplog.at_level(logging.WARNING):
        lockout = PinLockout.beside(store, clock=FakeClock())
    assert lockout.locked() and lockout.seconds_left() == LONGEST_LOCKOUT_S
    assert "damaged" in caplog.text and "kiosk set-pin" in caplog.text


def test_a_clock_set_back_cannot_stretch_a_lockout(store: PinStore) -> None:
    clock = FakeClock()
    lock_once(PinLockout.beside(store, clock=clock))
    clock.now -= 10 * LONGEST_LOCKOUT_S  # the machine's clock jumps back ten hours
    assert PinLockout.beside(store, clock=clock).seconds_left() == LONGEST_LOCKOUT_S


def test_setting_a_pin_clears_the_lockout(store: PinStore) -> None:
    clock = FakeClock()
    store.set_pin("2468")
    lock_once(PinLockout.beside(store, clock=clock))
    store.set_pin("1357")
    assert not PinLockout.beside(store, clock=clock).locked()


def test_a_lockout_that_cannot_be_written_holds_in_memory_and_says_so_once(caplog) -> None:
    # No one, root included, can make a folder in /proc: storage that refuses every write.
    lockout = PinLockout(Path("/proc/self/exhibit-kiosk/staff-lockout.json"), clock=FakeClock())
    with caplog.at_level(logging.WARNING):
        lock_once(lockout)
        lock_once(lockout)
    assert lockout.locked()
    assert caplog.text.count("cannot keep the staff PIN lockout") == 1


def test_a_fifo_in_place_of_the_pin_file_is_refused_without_waiting(store: PinStore,
                                                                   caplog) -> None:
    import os

    os.mkfifo(store.path)
    with caplog.at_level(logging.WARNING):
        assert not store.is_set()  # would block for ever on a plain open()
    assert "not a regular file" in caplog.text


def test_one_guess_costs_a_slow_scrypt(store: PinStore) -> None:
    store.set_pin("2468")
    record = json.loads(store.path.read_text())
    # 8 times the work of the first scheme (N=2^14, r=8, p=1), about a third of a second.
    assert (record["n"], record["r"], record["p"]) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    assert record["n"] * record["r"] * record["p"] >= 8 * 2**14 * 8


def test_a_pin_stored_with_the_first_scheme_still_opens(store: PinStore) -> None:
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"2468", salt=salt, n=2**14, r=8, p=1, dklen=32)
    store.path.write_text(json.dumps({"version": 1, "kdf": "scrypt", "n": 2**14, "r": 8,
                                      "p": 1, "salt": salt.hex(), "hash": digest.hex()}))
    assert store.verify("2468") and not store.verify("2469")


def run_set_pin(monkeypatch, tmp_path: Path, text: str) -> int:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return main(["set-pin"])


def test_set_pin_can_be_scripted_through_the_command_line(monkeypatch, tmp_path: Path,
                                                          capsys) -> None:
    assert run_set_pin(monkeypatch, tmp_path, "2468\n2468\n") == 0
    path = tmp_path / "exhibit-kiosk" / "staff.json"
    assert capsys.readouterr().out == f"Staff PIN saved to {path}\n"
    assert PinStore(path).verify("2468")


def test_set_pin_refuses_two_different_pins(monkeypatch, tmp_path: Path, capsys) -> None:
    assert run_set_pin(monkeypatch, tmp_path, "2468\n2469\n") == 1
    assert "the two PINs differ" in capsys.readouterr().err
    assert not (tmp_path / "exhibit-kiosk" / "staff.json").exists()


def test_set_pin_explains_a_bad_pin(monkeypatch, tmp_path: Path, capsys) -> None:
    assert run_set_pin(monkeypatch, tmp_path, "12\n12\n") == 1
    assert "must be 4 to 12 digits" in capsys.readouterr().err


def test_set_pin_needs_two_lines(monkeypatch, tmp_path: Path, capsys) -> None:
    assert run_set_pin(monkeypatch, tmp_path, "2468\n") == 1
    assert "two lines" in capsys.readouterr().err


def test_set_pin_asks_a_terminal_without_echo(monkeypatch, store: PinStore) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or "1357")
    out, err = io.StringIO(), io.StringIO()
    assert set_pin_command(Terminal(), out, err, store=store) == 0
    assert len(prompts) == 2
    assert store.verify("1357")
    assert out.getvalue() == f"Staff PIN saved to {store.path}\n"


def test_set_pin_reports_an_unwritable_settings_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "conf"
    blocker.write_text("x")
    err = io.StringIO()
    store = PinStore(blocker / "staff.json")
    assert set_pin_command(io.StringIO("1234\n1234\n"), io.StringIO(), err, store=store) == 1
    assert f"cannot write {store.path}" in err.getvalue()
