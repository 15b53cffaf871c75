#!/usr/bin/env python3
"""Prove that every hostile-input guard has a test that fails without it.

For each guard below, a fresh copy of the repository is made in a temporary folder, one
small source change disables exactly that guard, and the guard's tests are run in the copy:
they must FAIL there (a hang past the time limit counts as failing: that is what a hang
guard prevents). The same tests are first run once on an unchanged copy, where they must
pass. The working tree this script lives in is never modified.

    .venv/bin/python tools/check_guards.py              # every guard, Markdown table out
    .venv/bin/python tools/check_guards.py --jobs 2     # two runs at a time
    .venv/bin/python tools/check_guards.py --only yaml-tags --only nul-byte
    .venv/bin/python tools/check_guards.py --list

Exit status: 0 when every guard is proven, 1 when a guard's tests still pass with the guard
disabled (or fail without it), 2 when the guard list itself is out of date (a guard's
marker missing, or its code no longer beside it; a test id that does not exist) or the run
could not be made.

Each guard's code carries a marker comment, `# guard: NAME` (`// guard: NAME` in QML), on
its line or just above it: a reader of the source sees the line is proven, and the guard is
found by its marker, so the code around it may change.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TIMEOUT = 120.0
MARKER = "guard:"  # in a comment on or just above the guarded code: `# guard: yaml-tags`


@dataclass(frozen=True)
class Guard:
    """One guard, the source change that disables it, and the tests that must notice."""

    name: str
    file: str  # relative to the repository root
    old: str  # the code the guard is, found just below its marker in ``file``
    new: str
    tests: tuple[str, ...]  # pytest node ids; a test id without [params] means all of them
    # For a guard whose mutation hangs its tests: a shorter limit than --timeout, so a
    # known hang costs less (the unmutated tests take a few seconds).
    timeout: float | None = None
    # Lines after the marker the code may start in: more only where no comment can sit
    # closer (inside the text of a file the kiosk writes).
    reach: int = 6

    def __post_init__(self) -> None:
        if isinstance(self.tests, str):  # ("one id") without its comma
            raise TypeError(f"guard {self.name}: tests must be a tuple of test ids")


HF = "tests/unit/exhibit/test_hostile_files.py::"
VC = "tests/unit/exhibit/test_validate_corpus.py::"
LE = "tests/unit/exhibit/test_load_exhibit.py::"
IC = "tests/unit/exhibit/test_imagecheck.py::"
DEC = "tests/unit/pictures/test_decoder.py::"
RL = "tests/unit/live/test_reload.py::"
EV = "tests/unit/live/test_eventlog.py::"
EVENTLOG = "kiosk/live/eventlog.py"
CS = "tests/unit/control/test_control_socket.py::"
RE = "tests/unit/content/test_releases.py::"
ROTATION = "kiosk/live/eventrotation.py"
FA = "tests/unit/live/test_faults.py::"
WD = "tests/unit/live/test_watchdog.py::"
SD = "tests/unit/service/test_sdnotify.py::"
HI = "tests/gui/test_hostile_images.py::"
HT = "tests/gui/test_hostile_text.py::"
CT = "tests/gui/test_content.py::"
LR = "tests/gui/test_live_reload.py::"
GA = "tests/unit/test_guards_extra.py::"
GE = "tests/unit/exhibit/test_guards_extra.py::"
GG = "tests/gui/test_guards_extra.py::"
SN = "tests/unit/exhibit/test_snapshot.py::"

YAMLTREE = "kiosk/exhibit/yamltree.py"
SOURCE = "kiosk/exhibit/source.py"
FILEBYTES = "kiosk/exhibit/filebytes.py"
SNAPSHOT = "kiosk/exhibit/snapshot.py"
IMAGECHECK = "kiosk/exhibit/imagecheck.py"
SVGCHECK = "kiosk/exhibit/svgcheck.py"
SWEEP = "tests/unit/exhibit/test_hostile_sweep.py::"
SR = "tests/unit/exhibit/test_svg_references.py::"
DECODER = "kiosk/pictures/decoder.py"
RELOAD = "kiosk/live/filewatch.py"

GUARDS: tuple[Guard, ...] = (
    # --- 1. hostile exhibit files ------------------------------------------------------
    Guard("yaml-anchors", YAMLTREE,
          "if event.anchor is not None:", "if False:",
          (HF + "test_billion_laughs_is_refused_at_the_first_anchor",)),
    Guard("yaml-aliases", YAMLTREE,
          "def alias(self, event: yaml.AliasEvent, line: int, col: int) -> bool:\n",
          "def alias(self, event: yaml.AliasEvent, line: int, col: int) -> bool:\n"
          "        self.attach(Scalar('', True, line, col))  # accepted as nothing\n"
          "        return False\n",
          (HF + "test_self_referencing_alias",)),
    Guard("flow-depth-before-parsing", YAMLTREE,
          "too_deep = _flow_too_deep(text)", "too_deep = None",
          (HF + "test_ten_thousand_nested_brackets",)),
    Guard("block-depth", YAMLTREE,
          "if len(self.stack) >= MAX_DEPTH:", "if False:",
          (HF + "test_deep_block_nesting",)),
    Guard("yaml-tags", YAMLTREE,
          "tagged = _explicit_tag(event)", "tagged = None",
          (HF + "test_python_object_tag_never_runs", VC + "test_python_tag_is_refused_not_run")),
    Guard("duplicate-keys", YAMLTREE,
          "if existing is not None:", "if False:",
          (VC + "test_duplicate_key_points_at_the_second_and_names_the_first",)),
    Guard("second-document", YAMLTREE,
          "if self.documents > 1:", "if False:",
          (VC + "test_output_matches_expected[two-documents]",)),
    Guard("empty-file", YAMLTREE,
          "if documents == 0 or (root is None and not diagnostics):", "if False:",
          (VC + "test_empty_file", VC + "test_output_matches_expected[comments-only]")),
    Guard("tab-indentation", SOURCE,
          "return Source(text, _tab_indentation(text, file), data=data)",
          "return Source(text, data=data)",
          (VC + "test_output_matches_expected[tabs]",)),
    Guard("nul-byte", SOURCE,
          'nul = data.find(b"\\0")', "nul = -1",
          (HF + "test_nul_byte",)),
    Guard("utf16", SOURCE,
          "    if encoding:\n        return refuse(", "    if False:\n        return refuse(",
          (HF + "test_utf16_with_and_without_bom", HF + "test_utf32_is_named_utf32")),
    Guard("invalid-utf8", SOURCE,
          'text = data.decode("utf-8")', 'text = data.decode("utf-8", "replace")',
          (HF + "test_invalid_utf8_names_the_line",)),
    Guard("exhibit-size-cap", FILEBYTES,
          "MAX_BYTES = 2 * 1024 * 1024", "MAX_BYTES = 64 * 1024 * 1024",
          (HF + "test_three_megabyte_file_is_not_read",)),
    Guard("exhibit-not-a-regular-file", FILEBYTES,
          "        if not stat.S_ISREG(info.st_mode):\n            raise NotRegularFile",
          "        if False:\n            raise NotRegularFile",
          (HF + "test_missing_file_folder_and_fifo_are_unreadable",), timeout=30),
    Guard("yaml11-booleans-say-quote", "kiosk/exhibit/fields.py",
          'if reading is not None:\n            self.error(node, f"YAML reads `{node.value}`',
          'if False:\n            self.error(node, f"YAML reads `{node.value}`',
          (VC + "test_yaml_booleans_where_text_belongs_say_to_quote",)),
    Guard("yaml11-text-kept-as-typed", YAMLTREE,
          # What yaml.safe_load would make of each unquoted value (750, 1.1, 493, ...).
          "attach(Scalar(event.value, not event.style, line, col))",
          "attach(Scalar(event.value if event.style else str(yaml.safe_load(event.value)),"
          " not event.style, line, col))",
          (LE + "test_yaml_11_numbers_and_dates_are_kept_as_typed",)),
    Guard("load-never-raises", "kiosk/exhibit/load.py",
          "except Exception as exc:  # the promise", "except ZeroDivisionError as exc:  #",
          (HF + "test_an_internal_failure_is_a_diagnostic_not_an_exception",)),
    # --- 2. hostile images ---------------------------------------------------------------
    Guard("pixel-count-cap", IMAGECHECK,
          "if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:",
          "if False:",
          (IC + "test_decompression_bombs_are_refused",)),
    Guard("magic-bytes", IMAGECHECK,
          "if actual != expected:", "if False:",
          (IC + "test_extension_must_match_the_bytes",)),
    Guard("truncated-header", IMAGECHECK,
          "if len(head) < 24:", "if False:",
          (IC + "test_truncated_headers",)),
    Guard("svg-use-copies", SVGCHECK,
          "SVG_MAX_USE_COPIES = 10_000", "SVG_MAX_USE_COPIES = 10**18",
          (IC + "test_svg_use_chains_are_counted_after_expansion",)),
    Guard("svg-use-loop", SVGCHECK,
          "if element_id in visiting:", "if False:",
          (IC + "test_svg_use_loops_are_refused",)),
    Guard("svg-entities", SVGCHECK,
          'if b"<!doctype" in lowered or b"<!entity" in lowered:', "if False:",
          (IC + "test_svg_with_doctype_or_entities_is_refused",)),
    Guard("svg-size-cap", SVGCHECK,
          "SVG_MAX_BYTES = 5 * 1024 * 1024", "SVG_MAX_BYTES = 64 * 1024 * 1024",
          (IC + "test_svg_other_refusals",)),
    Guard("svg-image-stays-in-its-folder", SVGCHECK,
          'if path.is_absolute() or "\\\\" in target or ".." in path.parts:', "if False:",
          (SR + "test_an_image_by_absolute_path_is_refused",
           VC + "test_output_matches_expected[images]")),
    Guard("svg-no-other-references", SVGCHECK,
          'if tag != "image":', "if False:",
          (SR + "test_other_references_outside_the_file_are_refused",)),
    Guard("svg-no-external-urls", SVGCHECK,
          "        if not target.startswith(\"#\"):\n            raise ImageRefused(",
          "        if False:\n            raise ImageRefused(",
          (SR + "test_other_references_outside_the_file_are_refused",
           VC + "test_output_matches_expected[images]")),
    Guard("svg-pictures-checked", IMAGECHECK,
          "inspect_image(resolve_inside(folder, name))", "pass",
          (SR + "test_a_symbolic_link_beside_the_svg_that_leads_out_is_refused",
           SR + "test_a_picture_it_shows_is_checked_like_any_picture")),
    Guard("svg-drawing-stopped-at-budget", "kiosk/pictures/svgdraw.py",
          "signal.setitimer(signal.ITIMER_REAL, seconds)", "pass",
          ("tests/unit/pictures/test_svgdraw.py::test_an_svg_too_slow_to_draw_is_stopped_at_the_budget",),
          timeout=12),
    Guard("svg-drawn-in-its-own-process", "kiosk/pictures/imagedecode.py",
          "        return _draw_svg(path, info, box, crop=crop)\n", "        pass\n",
          (DEC + "test_an_svg_too_slow_to_draw_frees_its_worker_at_the_budget",), timeout=30),
    Guard("svg-drawing-checks-its-bytes", "kiosk/pictures/svgdraw.py",
          "        inspect_svg(data, path.parent)\n", "        pass\n",
          ("tests/unit/pictures/test_svgdraw.py::test_the_drawing_process_checks_the_bytes_it_draws_"
           "itself",)),
    Guard("svg-drawing-import-path", "kiosk/pictures/svgdraw.py",
          '[sys.executable, "-P", "-m"', '[sys.executable, "-m"',
          ("tests/unit/pictures/test_svgdraw.py::test_the_exhibit_folder_cannot_put_code_on_the_drawing_"
           "process_s_path",)),
    Guard("validate-times-svgs", "kiosk/exhibit/report.py",
          "load_exhibit(path, time_svgs=True)", "load_exhibit(path)",
          ("tests/unit/pictures/test_svgdraw.py::test_validate_refuses_an_svg_that_draws_too_slowly",)),
    Guard("image-not-a-regular-file", IMAGECHECK,
          "    except NotRegularFile as exc:\n        raise ImageRefused",
          "    except ZeroDivisionError as exc:\n        raise ImageRefused",
          (IC + "test_folder_and_device_are_refused",
           IC + "test_fifo_is_refused_without_blocking")),
    Guard("symlink-out-of-folder", IMAGECHECK,
          "if not resolved.is_relative_to(base):", "if False:",
          (IC + "test_resolve_inside_refuses_symlinks_that_escape",)),
    Guard("dot-dot-path", IMAGECHECK,
          'if ".." in parts:', "if False:",
          (IC + "test_resolve_inside_refuses_paths_that_leave",)),
    Guard("absolute-path", IMAGECHECK,
          "if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).drive:",
          "if False:",
          (IC + "test_resolve_inside_refuses_paths_that_leave",)),
    Guard("validate-checks-image-files", "kiosk/exhibit/build.py",
          "info = inspect_image(path) if self.check_images else None", "info = None",
          (VC + "test_image_problems_each_on_the_line_of_its_file",
           LR + "test_an_image_deleted_while_on_screen_stays_on_screen_and_staff_are_told")),
    Guard("runtime-recheck", DECODER,
          # Qt's own reader instead of the validator's checks: what a decoder without
          # the re-check would trust.
          "info = inspect_image(job.path)",
          "from PySide6.QtGui import QImageReader\n"
          "            from kiosk.exhibit.imagecheck import EXTENSIONS, ImageInfo\n"
          "            natural = QImageReader(str(job.path)).size()\n"
          "            info = ImageInfo(EXTENSIONS[job.path.suffix.lower()], natural.width(),\n"
          "                             natural.height())",
          (DEC + "test_a_file_swapped_for_something_hostile_is_refused_with_the_reason"
                 "[text-named.png-does not start like a PNG]",)),
    Guard("decode-budget", DECODER,
          "self._in_use == 0 or self._in_use + cost <= self.limit))", "True))",
          (DEC + "test_the_budget_makes_a_decode_wait_until_there_is_room",)),
    Guard("decode-off-gui-thread", DECODER,
          "_executor.submit(_run, job, bridge)", "_run(job, bridge)",
          (DEC + "test_many_large_pictures_at_once_are_decoded_within_the_budget_off_the_gui_"
                 "thread",)),
    Guard("undecodable-is-refused", "kiosk/pictures/imagedecode.py",
          "if image.isNull():", "if False:",
          (GA + "test_a_cut_short_picture_is_refused_by_the_decoder_not_handed_over_blank",)),
    Guard("placeholder-shown", "kiosk/qml/Kiosk/ExhibitImage.qml",
          "visible: root.status === Image.Error", "visible: false",
          (HI + "test_a_hostile_picture_shows_the_placeholder_and_the_kiosk_keeps_running"
                "[bomb-100000x100000.png]",)),
    # --- 3. hostile text -----------------------------------------------------------------
    Guard("plain-text-panel-caption", "kiosk/qml/Kiosk/PanelPage.qml",
          'text: page.first.caption\n                    textFormat: Text.PlainText\n',
          "text: page.first.caption\n",
          (HT + "test_markup_in_captions_fetches_nothing_and_reads_nothing",), timeout=30),
    Guard("plain-text-viewer-caption", "kiosk/qml/Kiosk/ImageViewer.qml",
          'viewer.entry.caption : ""\n                textFormat: Text.PlainText\n',
          'viewer.entry.caption : ""\n',
          (HT + "test_markup_in_captions_fetches_nothing_and_reads_nothing",), timeout=30),
    Guard("locked-window-refuses-close", "kiosk/qml/Kiosk/Main.qml",
          "close.accepted = !locked", "close.accepted = true",
          ("tests/gui/test_kiosk_mode.py::test_nothing_closes_it",)),
    Guard("input-watched-from-first-frame", "kiosk/ui/window.py",
          "        on_first_frame(window, watch_input)\n", "",
          ("tests/gui/test_deferred_screens.py::test_input_is_watched_from_the_first_frame_on",)),
    Guard("picture-cut-short-refused", "kiosk/exhibit/imagecheck.py",
          "_check_complete(stream, expected, head, info.st_size)", "pass",
          ("tests/unit/exhibit/test_imagecheck.py::test_a_picture_cut_short_is_refused_by_its_"
           "end_not_a_decode",
           "tests/unit/exhibit/test_imagecheck.py::test_a_large_picture_cut_in_half_is_refused")),
    Guard("svg-size-finite", SVGCHECK,
          "    if not math.isfinite(value):\n", "    if False:\n",
          ("tests/unit/exhibit/test_imagecheck.py::test_an_svg_size_too_large_to_be_a_number_is_"
           "refused_not_a_crash",
           SWEEP + "test_each_picture_swapped_for_a_hostile_one"
                   '[size width="1e400" height="10".svg]')),
    Guard("messages-escape-controls", "kiosk/exhibit/diagnostics.py",
          "file, message = escape_controls(self.file), escape_controls(self.message)",
          "file, message = self.file, self.message",
          ("tests/unit/exhibit/test_hostile_files.py::test_control_characters_never_reach_the_"
           "terminal_raw",
           SWEEP + "test_control_characters_in_a_picture_s_file_name_are_escaped")),
    Guard("display-text-controls", "kiosk/exhibit/fields.py",
          "        if hidden:\n", "        if False:\n",
          ("tests/unit/exhibit/test_hostile_files.py::test_an_invisible_control_character_in_a_"
           "display_text_is_an_error",)),
    # --- 3b. the staff exit fails closed ---------------------------------------------------
    Guard("staff-chord-needs-a-pin", "kiosk/staff/access.py",
          'self._open_pad_if_pin_set("Ctrl+Alt+Shift+S")',
          "self._menu_open = True; self.changed.emit()",
          ("tests/gui/test_staff_access.py::test_without_a_valid_pin_record_nothing_opens_the_"
           "staff_menu",)),
    Guard("pin-lockout-kept-on-disk", "kiosk/staff/pin.py",
          "        if path is not None:\n            self._load(path)\n", "",
          ("tests/unit/staff/test_pin.py::test_a_lockout_survives_a_restart",
           "tests/gui/test_staff_access.py::test_a_lockout_outlives_a_restart_of_the_kiosk")),
    Guard("pin-lockout-damaged-means-locked", "kiosk/staff/pin.py",
          "self._until = self._clock() + self.longest_lockout_s\n            return",
          "return",
          ("tests/unit/staff/test_pin.py::test_a_damaged_lockout_record_means_locked_for_the_"
           "longest_time",)),
    Guard("pin-lockout-doubles", "kiosk/staff/pin.py",
          "self.first_lockout_s * 2 ** (self._lockouts - 1)", "self.first_lockout_s",
          ("tests/unit/staff/test_pin.py::test_each_further_lockout_lasts_twice_as_long_up_to_"
           "an_hour",)),
    Guard("regular-files-only-no-fifo-wait", "kiosk/exhibit/filebytes.py",
          "os.O_RDONLY | os.O_NONBLOCK", "os.O_RDONLY",
          ("tests/unit/staff/test_pin.py::test_a_fifo_in_place_of_the_pin_file_is_refused_"
           "without_waiting",
           "tests/unit/live/test_reload.py::test_a_fifo_put_in_place_of_the_exhibit_file_is_"
           "seen_as_a_change_not_waited_on",
           "tests/unit/exhibit/test_snapshot.py::test_a_damaged_snapshot_is_ignored_not_trusted"
           "[a FIFO]",
           "tests/system/test_fifo_exhibit.py::test_a_fifo_for_the_exhibit_neither_freezes_the_"
           "kiosk_nor_stops_its_next_start"), timeout=60),
    Guard("exhibit-files-off-gui-thread", "kiosk/live/filethread.py",
          "self._reader.moveToThread(self._thread)", "pass",
          (LR + "test_the_files_are_hashed_and_loaded_off_the_gui_thread",)),
    # --- 3d. the systemd unit -------------------------------------------------------------
    Guard("unit-refuses-line-breaks", "kiosk/service/install.py",
          "        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):",
          "        if False:",
          ("tests/unit/service/test_install.py::test_a_line_break_in_the_exhibit_path_is_"
           "refused_not_written_into_the_unit",)),
    Guard("unit-description-specifiers", "kiosk/service/install.py",
          "exhibit_name=_specifiers_escaped(exhibit.name)", "exhibit_name=exhibit.name",
          ("tests/unit/service/test_install.py::test_a_percent_in_the_exhibit_folder_is_no_"
           "specifier_in_the_description",)),
    Guard("unit-home-refuses-controls", "kiosk/service/install.py",
          'if re.search(r"[\\x00-\\x1f\\x7f]", path):', "if False:",
          ("tests/unit/service/test_install.py::test_a_path_word_refuses_what_no_quoting_can_"
           "hold",)),
    Guard("unit-home-quoted", "kiosk/service/install.py",
          "if any(c.isspace() or c in \"\\\"'\\\\\" for c in word):", "if False:",
          ("tests/unit/service/test_install.py::test_an_awkward_home_folder_is_quoted_so_systemd_"
           "reads_every_setting",
           "tests/unit/service/test_install.py::test_a_path_word_reads_back_as_the_same_path_in_"
           "systemd")),
    # --- 3e. the control socket and published releases ---------------------------------
    Guard("control-socket-user-only", "kiosk/control/server.py",
          "self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)",
          "self._server.setSocketOptions(QLocalServer.SocketOption.WorldAccessOption)",
          (CS + "test_only_the_kiosk_account_may_enter_the_folder_or_use_the_socket",)),
    Guard("control-folder-private", "kiosk/control/server.py",
          "os.chmod(self.path.parent, 0o700)", "os.chmod(self.path.parent, 0o755)",
          (CS + "test_only_the_kiosk_account_may_enter_the_folder_or_use_the_socket",)),
    Guard("release-digests-checked", "kiosk/content/verify.py",
          "if file_digest(folder / entry.path)[1] != entry.sha256:", "if False:",
          (RE + "test_a_file_of_the_right_size_but_other_bytes_is_not_the_published_one",)),
    Guard("manifest-paths-inside", "kiosk/content/manifest.py",
          "if not safe_relative(entry.path):", "if False:",
          (RE + "test_a_manifest_that_cannot_be_trusted_is_refused",)),
    Guard("release-validated-on-the-kiosk", "kiosk/content/store.py",
          "problems = _exhibit_errors(staging / EXHIBIT_NAME, release)", "problems = ()",
          (RE + "test_a_broken_release_is_refused_and_the_last_good_one_stays",)),
    Guard("unit-sandboxed", "kiosk/service/unittemplate.py",
          "ProtectSystem=strict\nProtectHome=read-only\n", "",
          ("tests/unit/service/test_install.py::test_the_kiosk_may_write_only_its_own_folders_and_"
           "its_sessions_runtime_folder",), reach=50),
    Guard("stop-from-the-event-loop", "kiosk/run.py",
          "signal.signal(number, lambda _signum, _frame: None)",
          'signal.signal(number, lambda _signum, _frame: (log.info("stopping on signal %d", '
          "_signum), app.exit(0)))",
          ("tests/unit/test_stop_on_signals.py::test_the_python_handler_does_nothing_"
           "itself",)),
    Guard("pyside-refcount-headroom", "kiosk/refcounts.py",
          "    if sys.version_info >= (3, 12):\n        return\n",
          "    return\n",
          ("tests/unit/test_refcounts.py::test_with_the_guard_the_same_calls_run_to_the_end",)),
    # --- 3c. unattended storage ------------------------------------------------------------
    Guard("home-folders-not-made-on-asking", "kiosk/paths.py",
          '    return _base("XDG_DATA_HOME", ".local/share")\n',
          '    (made := _base("XDG_DATA_HOME", ".local/share")).mkdir(parents=True, '
          'exist_ok=True)\n    return made\n',
          ("tests/system/test_unattended_storage.py::test_the_kiosk_starts_and_says_ready_when_"
           "its_home_is_unwritable",)),
    Guard("log-file-full-disk-said-once", "kiosk/logsetup.py",
          "    def handleError(self, record: logging.LogRecord) -> None:",
          "    def _unused(self, record: logging.LogRecord) -> None:",
          ("tests/unit/service/test_logsetup.py::test_a_full_disk_is_said_once_not_with_a_"
           "traceback_a_record",)),
    # --- 3e. the event log's rotation ------------------------------------------------------
    Guard("event-log-rename-before-compress", EVENTLOG,
          'os.rename(self.path, pending)',
          'os.link(self.path, pending)',
          (EV + "test_passing_the_size_limit_moves_the_earlier_lines_into_a_compressed_file",
           EV + "test_thousands_of_events_keep_exactly_the_newest_in_order_and_drop_the_oldest",)),
    Guard("event-log-pending-not-renamed-over", EVENTLOG,
          'left_over = os.path.lexists(pending)',
          'left_over = False',
          (EV + "test_a_file_pending_from_a_crash_is_moved_along_never_renamed_over",
           EV + "test_a_disk_turning_read_only_mid_rotation_loses_nothing_and_rotation_resumes",)),
    Guard("event-log-keep-uncompressed-on-failure", ROTATION,
          'temporary.unlink(missing_ok=True)\n        raise',
          'temporary.unlink(missing_ok=True)\n        plain.unlink()\n        raise',
          (EV + "test_a_failed_compression_keeps_the_uncompressed_file_and_finishes_it_later",)),
    Guard("event-log-shift-never-overwrites", ROTATION,
          'for number in range(free - 1, -1, -1):',
          'for number in range(free):',
          (EV + "test_thousands_of_events_keep_exactly_the_newest_in_order_and_drop_the_oldest",
           EV + "test_lowering_keep_drops_the_files_past_it",
           EV + "test_a_failed_compression_keeps_the_uncompressed_file_and_finishes_it_later",)),
    Guard("event-log-keep-count", ROTATION,
          'if number > keep:',
          'if False:',
          (EV + "test_thousands_of_events_keep_exactly_the_newest_in_order_and_drop_the_oldest",
           EV + "test_lowering_keep_drops_the_files_past_it",)),
    Guard("event-log-leftovers-compressed", ROTATION,
          'if number == 0 or plain not in files:',
          'if number != 1 or plain not in files:',
          (EV + "test_a_failed_compression_keeps_the_uncompressed_file_and_finishes_it_later",
           EV + "test_a_compression_cut_short_by_a_crash_is_redone_at_the_next_rotation",)),
    Guard("event-log-crash-copy-checked", ROTATION,
          'elif _same_content(packed, plain):',
          'elif True:',
          (EV + "test_an_uncompressed_file_unlike_its_compressed_namesake_is_never_deleted",)),
    Guard("event-log-crash-copy-removed", ROTATION,
          'elif _same_content(packed, plain):',
          'elif False:',
          (EV + "test_a_compressed_copy_left_by_a_crash_is_not_kept_twice",)),
    Guard("event-log-rename-refused", EVENTLOG,
          'except OSError as refused:',
          'except ZeroDivisionError as refused:',
          (EV + "test_a_folder_refusing_the_rename_keeps_every_event_and_does_not_raise",)),
    Guard("event-log-rotation-failure-said", EVENTLOG,
          'except OSError as failure:',
          'except ZeroDivisionError as failure:',
          (EV + "test_a_failed_compression_keeps_the_uncompressed_file_and_finishes_it_later",
           EV + "test_a_disk_turning_read_only_mid_rotation_loses_nothing_and_rotation_resumes",)),
    Guard("event-log-stale-tmp-removed", ROTATION,
          'stale.unlink(missing_ok=True)',
          'pass',
          (EV + "test_a_compression_cut_short_by_a_crash_is_redone_at_the_next_rotation",)),
    Guard("event-log-one-rotation-at-a-time", EVENTLOG,
          'if self._rotation is not None and self._rotation.is_alive():',
          'if False:',
          (EV + "test_the_limit_passed_again_during_a_compression_waits_for_it",)),
    Guard("event-log-rotation-backoff", EVENTLOG,
          'self._rotate_at = size + self.max_bytes',
          'pass',
          (EV + "test_a_folder_refusing_the_rename_keeps_every_event_and_does_not_raise",
           EV + "test_a_disk_turning_read_only_mid_rotation_loses_nothing_and_rotation_resumes",)),
    Guard("event-log-pending-then-current", EVENTLOG,
          'if then_again:',
          'if False:',
          (EV + "test_a_file_pending_from_a_crash_is_moved_along_never_renamed_over",)),
    Guard("event-log-options-validated", "kiosk/cli.py",
          "if number < 1:", "if number < -99:",
          ("tests/unit/test_cli.py::test_event_log_limits_must_be_whole_numbers_of_one_or_more",)),
    Guard("event-log-options-wired", "kiosk/cli.py",
          "event_log_keep=args.event_log_keep,", "event_log_keep=None,",
          ("tests/unit/test_cli.py::test_event_log_limits_reach_the_kiosk",)),
    # --- 4. faults while running ---------------------------------------------------------
    Guard("reload-keeps-last-good", "kiosk/live/livereload.py",
          "if result.exhibit is None:", "if False:",
          (LR + "test_a_truncated_or_half_written_file_keeps_the_last_good_exhibit",)),
    Guard("errors-mean-no-exhibit", "kiosk/exhibit/load.py",
          "if any(d.is_error for d in diagnostics):", "if False:",
          (GE + "test_an_error_found_while_parsing_means_no_exhibit",)),
    Guard("watch-the-folders", RELOAD,
          "self._report_back(folder)\n                wanted[folder] = identity",
          "self._report_back(folder)",
          (RL + "test_a_deleted_exhibit_file_is_noticed_and_so_is_its_return",)),
    Guard("watch-survives-folder-removal", RELOAD,
          "ancestor = _nearest_existing_folder(folder)", "ancestor = None",
          (RL + "test_the_exhibit_folder_removed_and_restored_is_watched_again",)),
    Guard("watch-follows-new-inode", RELOAD,
          "p not in wanted or self._watching.get(p) != wanted[p]]", "p not in wanted]",
          (GA + "test_a_file_renamed_over_while_the_old_one_is_still_open_is_watched_again",)),
    Guard("event-log-write-failure", "kiosk/live/eventlog.py",
          "except OSError as error:", "except ZeroDivisionError as error:",
          (EV + "test_a_full_disk_drops_events_warns_once_and_does_not_raise",
           EV + "test_an_unwritable_location_recovers_when_it_is_writable_again")),
    Guard("event-log-torn-line", "kiosk/live/eventlog.py",
          "if self._check_tail and _ends_mid_line(self.path):", "if False:",
          (EV + "test_a_torn_last_line_is_ended_before_the_next_event",)),
    Guard("slot-exception-logged", "kiosk/live/faults.py",
          "sys.excepthook = handler.excepthook", "pass",
          (FA + "test_an_error_in_a_slot_is_logged_with_its_traceback",)),
    Guard("restart-past-threshold", "kiosk/live/faults.py",
          "if len(self._times) >= self.threshold and not self._gave_up:", "if False:",
          (FA + "test_too_many_errors_within_the_window_ask_to_quit_once",)),
    Guard("restart-wired-to-exit", "kiosk/run.py",
          "on_too_many=lambda: app.exit(EXIT_TOO_MANY_FAULTS)", "on_too_many=lambda: None",
          (GG + "test_a_kiosk_failing_again_and_again_quits_so_systemd_restarts_it",)),
    # --- 4b. the snapshot of the last clean load: never a stale or damaged one ----------
    Guard("snapshot-only-if-unchanged", SNAPSHOT,
          "if key == _key(exhibit_path, read_bytes(exhibit_path), files):", "if True:",
          (SN + "test_any_change_to_what_it_was_made_from_means_a_full_load",
           LR + "test_a_valid_edit_is_kept_for_the_next_start_and_a_broken_one_is_not")),
    Guard("snapshot-not-while-settling", SNAPSHOT,
          "if any(sig is not None and max(sig[3], sig[4]) > fresh", "if any(False",
          (SN + "test_a_load_while_a_picture_is_still_being_written_is_not_kept",)),
    Guard("snapshot-checksum", SNAPSHOT,
          "if int.from_bytes(checksum, \"little\") != zlib.crc32(payload):", "if False:",
          (SN + "test_a_damaged_snapshot_is_ignored_not_trusted",)),
    Guard("last-good-same-kiosk", SNAPSHOT,
          "and checked_by[0] == __version__)", ")",
          (SN + "test_the_last_good_exhibit_outlives_a_broken_edit",)),
    # --- 5. unattended -------------------------------------------------------------------
    Guard("sd-notify-ready", "kiosk/live/watchdog.py",
          'if notify("READY=1"):', "if False:",
          (WD + "test_ready_once_then_regular_pings",)),
    Guard("sd-notify-watchdog-timer", "kiosk/live/watchdog.py",
          "self._timer.start(max(1, int(timeout * 1000 / 2)))", "pass",
          (WD + "test_ready_once_then_regular_pings",)),
    Guard("sd-notify-abstract-socket", "kiosk/service/sdnotify.py",
          'return b"\\0" + value[1:].encode()', "return None",
          (SD + "test_notify_reaches_an_abstract_socket",)),
)

# A pytest plugin loaded into every run: it records each test's outcome and which `kiosk`
# package was imported, so a run against /work/main's editable install is caught.
PROBE = '''
import json, os, sys

_outcomes = {}
_collect_errors = []


def pytest_collectreport(report):
    if report.failed:
        _collect_errors.append(report.nodeid or "<session>")


def pytest_runtest_logreport(report):
    previous = _outcomes.get(report.nodeid, "passed")
    if report.failed:
        _outcomes[report.nodeid] = "failed"
    elif report.skipped and previous == "passed":
        _outcomes[report.nodeid] = "skipped"
    else:
        _outcomes[report.nodeid] = previous


def pytest_sessionfinish(session, exitstatus):
    kiosk = sys.modules.get("kiosk")
    with open(os.environ["CHECK_GUARDS_REPORT"], "w", encoding="utf-8") as out:
        json.dump({"kiosk": getattr(kiosk, "__file__", None), "outcomes": _outcomes,
                   "collect_errors": _collect_errors, "exitstatus": int(exitstatus)}, out)
'''


class ListError(Exception):
    """The guard list no longer matches the code or the tests."""


@dataclass
class Run:
    """What one pytest run in a copy did."""

    seconds: float
    timed_out: bool = False
    returncode: int | None = None
    kiosk: str | None = None
    outcomes: dict[str, str] = field(default_factory=dict)
    collect_errors: list[str] = field(default_factory=list)
    tail: str = ""  # the end of pytest's output, for the report of an odd run

    def failed_ids(self) -> list[str]:
        return [nodeid for nodeid, state in self.outcomes.items() if state == "failed"]


@dataclass
class Verdict:
    guard: Guard
    pristine: str  # "pass", or why not
    mutated: str  # "fails: <first failing test>", "hang (timed out)", "passes", ...
    proven: bool
    seconds: float


# --- the guard list ---------------------------------------------------------------------

def check_list(guards: Sequence[Guard], root: Path) -> None:
    problems: list[str] = []
    names = [guard.name for guard in guards]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"guard name '{name}' is used twice")
    for guard in guards:
        path = root / guard.file
        if not path.is_file():
            problems.append(f"{guard.name}: {guard.file} does not exist")
            continue
        try:
            locate(path.read_text(encoding="utf-8"), guard)
        except ListError as error:
            problems.append(str(error))
            continue
        if guard.file.endswith(".py"):
            mutated = mutate(path.read_text(encoding="utf-8"), guard)
            try:
                compile(mutated, guard.file, "exec")
            except SyntaxError as error:
                problems.append(f"{guard.name}: the mutated {guard.file} does not compile "
                                f"({error.msg}, line {error.lineno})")
        if not guard.tests:
            problems.append(f"{guard.name}: no tests named")
        for test in guard.tests:
            if not (root / test.split("::", 1)[0]).is_file():
                problems.append(f"{guard.name}: no test file for {test}")
    if problems:
        raise ListError("\n".join(problems))


def markers(line: str) -> list[str]:
    """The guard names a source line's marker comment gives (`# guard: a, b`)."""
    _, found, names = line.partition(MARKER)
    return [name.strip() for name in names.split(",")] if found else []


def locate(text: str, guard: Guard) -> int:
    """Where the guard's code starts: its first occurrence at or after the line that holds
    the guard's marker, starting within ``guard.reach`` lines of it. The marker, not the exact
    text, says where the guard is, so code around it may change freely."""
    lines = text.splitlines(keepends=True)
    marked = [number for number, line in enumerate(lines) if guard.name in markers(line)]
    if len(marked) != 1:
        raise ListError(f"{guard.name}: {len(marked)} lines of {guard.file} carry the marker "
                        f"'{MARKER} {guard.name}' (there must be exactly one)")
    start = sum(len(line) for line in lines[:marked[0]])
    reach = start + sum(len(line) for line in lines[marked[0]:marked[0] + guard.reach])
    found = text.find(guard.old, start)
    if found < 0 or found >= reach:
        raise ListError(f"{guard.name}: {guard.old!r} is not within {guard.reach} lines of "
                        f"its marker in {guard.file} (line {marked[0] + 1}); update the guard")
    return found


def mutate(text: str, guard: Guard) -> str:
    at = locate(text, guard)
    return text[:at] + guard.new + text[at + len(guard.old):]


def matches(test_id: str, nodeid: str) -> bool:
    return nodeid == test_id or nodeid.startswith(test_id + "[")


# --- copies and runs --------------------------------------------------------------------

def repository_files(root: Path) -> list[str]:
    """Tracked files and new ones not ignored: the working tree as it is, minus clutter."""
    listing = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True).stdout.decode("utf-8")
    return sorted({name for name in listing.split("\0") if name})


def make_copy(root: Path, files: Iterable[str], destination: Path) -> None:
    for name in files:
        source = root / name
        if not source.is_file():  # deleted in the working tree but not yet in git
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def run_pytest(python: str, copy: Path, probe_dir: Path, tests: Sequence[str], *,
               stop_at_first: bool, timeout: float, report: Path) -> Run:
    env = dict(os.environ)
    # The copy first, so its `kiosk` wins over any editable install of the original.
    env["PYTHONPATH"] = os.pathsep.join([str(copy), str(probe_dir)])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["CHECK_GUARDS_REPORT"] = str(report)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "check_guards_probe",
               *(["-x"] if stop_at_first else []), *tests]
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # pytest and anything it started
        output, _ = process.communicate()
        timed_out = True
    run = Run(time.monotonic() - start, timed_out, process.returncode,
              tail="\n".join(output.decode("utf-8", "replace").splitlines()[-15:]))
    if report.is_file():
        data = json.loads(report.read_text(encoding="utf-8"))
        run.kiosk = data["kiosk"]
        run.outcomes = data["outcomes"]
        run.collect_errors = data["collect_errors"]
    return run


def check_imports_from_copy(run: Run, copy: Path) -> None:
    if run.kiosk is None:
        return  # nothing imported kiosk (or pytest died first): nothing to check
    if not Path(run.kiosk).resolve().is_relative_to(copy.resolve()):
        raise RuntimeError(f"the tests imported kiosk from {run.kiosk}, not from the copy in "
                           f"{copy}; the results would say nothing about the mutations")


class Checker:
    def __init__(self, root: Path, python: str, timeout: float, work: Path) -> None:
        self.root = root
        self.python = python
        self.timeout = timeout
        self.work = work
        self.files = repository_files(root)
        self.probe_dir = work / "probe"
        self.probe_dir.mkdir()
        (self.probe_dir / "check_guards_probe.py").write_text(PROBE, encoding="utf-8")

    def pristine(self, tests: Sequence[str], index: int) -> Run:
        copy = self.work / f"pristine-{index}"
        make_copy(self.root, self.files, copy)
        try:
            run = run_pytest(self.python, copy, self.probe_dir, tests, stop_at_first=False,
                             timeout=self.timeout * max(3, len(tests) // 2),
                             report=self.work / f"pristine-{index}.json")
            check_imports_from_copy(run, copy)
            return run
        finally:
            shutil.rmtree(copy, ignore_errors=True)

    def mutated(self, guard: Guard) -> Run:
        copy = self.work / f"guard-{guard.name}"
        make_copy(self.root, self.files, copy)
        try:
            path = copy / guard.file
            path.write_text(mutate(path.read_text(encoding="utf-8"), guard), encoding="utf-8")
            limit = self.timeout if guard.timeout is None else min(guard.timeout, self.timeout)
            run = run_pytest(self.python, copy, self.probe_dir, guard.tests, stop_at_first=True,
                             timeout=limit, report=self.work / f"guard-{guard.name}.json")
            check_imports_from_copy(run, copy)
            return run
        finally:
            shutil.rmtree(copy, ignore_errors=True)


def judge_pristine(guard: Guard, runs: Sequence[Run]) -> str:
    outcomes: dict[str, str] = {}
    for run in runs:
        outcomes.update(run.outcomes)
    problems = []
    for test in guard.tests:
        found = {nodeid: state for nodeid, state in outcomes.items() if matches(test, nodeid)}
        if not found:
            timed_out = any(run.timed_out for run in runs)
            problems.append(f"{test} {'did not finish' if timed_out else 'not found'}")
        for nodeid, state in found.items():
            if state != "passed":
                problems.append(f"{nodeid} {state}")
    return "pass" if not problems else "; ".join(problems)


def judge_mutated(run: Run) -> tuple[str, bool]:
    if run.timed_out:
        return f"fails: hangs (stopped after {run.seconds:.0f} s)", True
    if run.collect_errors:
        # The change broke an import rather than the guard: that proves nothing.
        return f"collection error in {', '.join(run.collect_errors)}", False
    failed = run.failed_ids()
    if failed:  # the test's name only: the table names its file already
        return f"fails: `{short(failed[0].rsplit('::', 1)[-1], 60)}`", True
    if not run.outcomes:
        return f"pytest ended with status {run.returncode} and ran no test", False
    return "**passes**", False


# --- output -----------------------------------------------------------------------------

def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ⏎ ")


def short(snippet: str, limit: int = 70) -> str:
    lines = [line.strip() for line in snippet.strip("\n").splitlines() if line.strip()]
    text = " ⏎ ".join(lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(verdicts: Sequence[Verdict]) -> str:
    rows = ["| Guard | Mutation | Tests | Unmutated | Mutated | Proven |",
            "| --- | --- | --- | --- | --- | --- |"]
    for verdict in verdicts:
        guard = verdict.guard
        mutation = f"`{guard.file}`: `{short(guard.old)}` → `{short(guard.new)}`"
        tests = "<br>".join(f"`{test.removeprefix('tests/')}`" for test in guard.tests)
        rows.append("| " + " | ".join(cell(part) for part in (
            f"`{guard.name}`", mutation, tests, verdict.pristine, verdict.mutated,
            "yes" if verdict.proven else "**NO**")) + " |")
    return "\n".join(rows)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- main -------------------------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=textwrap.dedent(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="check only this guard (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the guards and exit")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="pytest runs at a time (default 1)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"limit for each mutated run; past it the run counts as failing "
                             f"(default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--python", default=None,
                        help="interpreter with pytest and PySide6 (default: .venv/bin/python)")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="also write the Markdown table to FILE")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    guards = list(GUARDS)
    if args.only:
        unknown = sorted(set(args.only) - {guard.name for guard in guards})
        if unknown:
            log(f"error: no guard named {', '.join(unknown)}; see --list")
            return 2
        guards = [guard for guard in guards if guard.name in args.only]
    try:
        check_list(guards, ROOT)
    except ListError as error:
        log(f"error: the guard list is out of date:\n{error}")
        return 2
    if args.list:
        for guard in guards:
            print(f"{guard.name:32} {guard.file}")
            for test in guard.tests:
                print(f"{'':32}   {test}")
        return 0

    venv_python = ROOT / ".venv" / "bin" / "python"
    python = args.python or (str(venv_python) if venv_python.exists() else sys.executable)
    if os.sep in python:  # runs happen in the copies: a relative path would miss there
        python = os.path.abspath(python)  # (not resolved: a venv's python is a symlink)
    jobs = max(1, args.jobs)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="check-guards-") as temporary:
        checker = Checker(ROOT, python, args.timeout, Path(temporary))
        tests = sorted({test for guard in guards for test in guard.tests})
        chunks = [tests[i::jobs] for i in range(min(jobs, len(tests)))]
        log(f"running {len(tests)} test ids unmutated ({len(chunks)} run(s))…")
        try:
            with ThreadPoolExecutor(jobs) as pool:
                pristine_runs = list(pool.map(checker.pristine, chunks, range(len(chunks))))
                log(f"  done in {time.monotonic() - start:.0f} s")
                for run in pristine_runs:
                    if not run.outcomes and not run.timed_out:  # e.g. "ERROR: not found: …"
                        log("error: the unmutated tests did not run (a test id that no longer "
                            f"exists?); pytest said:\n{textwrap.indent(run.tail, '  | ')}")
                        return 2

                def check(guard: Guard) -> Verdict:
                    run = checker.mutated(guard)
                    mutated, killed = judge_mutated(run)
                    pristine = judge_pristine(guard, pristine_runs)
                    verdict = Verdict(guard, pristine, mutated, killed and pristine == "pass",
                                      run.seconds)
                    log(f"  {guard.name}: {'proven' if verdict.proven else 'NOT PROVEN'} "
                        f"({mutated}; {run.seconds:.0f} s)")
                    if not verdict.proven and not run.outcomes:
                        log(textwrap.indent(run.tail, "    | "))
                    return verdict

                log(f"running {len(guards)} mutations, {jobs} at a time…")
                verdicts = list(pool.map(check, guards))
        except RuntimeError as error:
            log(f"error: {error}")
            return 2
    elapsed = time.monotonic() - start
    missing = [v for v in verdicts if "not found" in v.pristine]
    output = table(verdicts)
    proven = sum(verdict.proven for verdict in verdicts)
    output += (f"\n\n{proven} of {len(verdicts)} guards proven; {elapsed:.0f} s with "
               f"--jobs {jobs}.\n")
    print(output)
    if args.output:
        args.output.write_text(output, encoding="utf-8")
    if missing:
        log("error: some test ids no longer exist; update the guard list")
        return 2
    return 0 if proven == len(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
