"""The alert rules a museum installs as they are (deploy/prometheus/alerts.yml): Prometheus'
own checker accepts them, each alert fires on the series of its test file, and every
kiosk metric they name is one the kiosk writes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from kiosk.live.metrics import KioskMetrics

RULES_DIR = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
RULES = RULES_DIR / "alerts.yml"
RULES_TEST = RULES_DIR / "alerts_test.yml"


def promtool() -> str:
    found = shutil.which("promtool")
    # Not a skip: install.sh installs it (Debian's `prometheus` package).
    assert found, "promtool is missing: run ./install.sh (it installs the prometheus package)"
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool(), *args], capture_output=True, text=True, timeout=120,
                          cwd=RULES_DIR)


def test_promtool_accepts_the_rules() -> None:
    result = run("check", "rules", str(RULES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_each_alert_fires_on_its_sample_series_and_only_there() -> None:
    result = run("test", "rules", str(RULES_TEST))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_test() -> None:
    rules = yaml.safe_load(RULES.read_text())
    alerts = {rule["alert"] for group in rules["groups"] for rule in group["rules"]}
    tests = yaml.safe_load(RULES_TEST.read_text())["tests"]
    fired = {check["alertname"] for test in tests for check in test["alert_rule_test"]
             if check.get("exp_alerts")}
    assert alerts == fired


def test_the_rules_name_only_metrics_the_kiosk_writes(tmp_path: Path) -> None:
    metrics = KioskMetrics("hall-2")
    metrics.frame_shown()  # the last frame's series appears with the first frame
    metrics.write(tmp_path)
    text = next(tmp_path.glob("*.prom")).read_text()
    written = set(re.findall(r"^(exhibit_kiosk_\w+)", text, re.MULTILINE))
    named = set(re.findall(r"exhibit_kiosk_\w+", RULES.read_text()))
    assert named <= written, f"not written: {sorted(named - written)}"
