"""The kiosk's modules form layers: no two import each other, and the model, the staff
records, the service installer, the kiosk's state and `kiosk status` import no Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kiosk

PACKAGE = Path(kiosk.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each kiosk module and every module it imports, wherever in it the import stands."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[module_name(path)] = found
    return graph


def kiosk_imports() -> dict[str, set[str]]:
    graph = imports()
    return {name: {other for other in found if other in graph and other != name}
            for name, found in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that reach one another (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in graph[name]:
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == name:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for name in graph:
        if name not in index:
            visit(name)
    return found


def test_the_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_two_modules_import_each_other() -> None:
    graph = kiosk_imports()
    assert len(graph) > 40
    assert cycles(graph) == []


QT_FREE = ("kiosk.exhibit", "kiosk.staff.pin", "kiosk.service", "kiosk.site",
           "kiosk.live.kioskstate", "kiosk.live.metrics", "kiosk.control.socketpath",
           "kiosk.control.client", "kiosk.control.commands", "kiosk.content", "kiosk.report")


def test_the_model_staff_records_and_installer_import_no_qt() -> None:
    qt_users = sorted(name for name, found in imports().items()
                      if name.startswith(QT_FREE)
                      and any(module.startswith(("PySide6", "shiboken6")) for module in found))
    assert qt_users == []


def test_no_private_name_is_imported_from_another_module() -> None:
    root = PACKAGE.parent
    found = []
    for path in [*PACKAGE.rglob("*.py"), *(root / "tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kiosk"):
                found += [f"{path.relative_to(root)}: {node.module}.{alias.name}"
                          for alias in node.names
                          if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert found == []


def test_asking_the_running_kiosk_loads_no_qt() -> None:
    """`kiosk status` over SSH starts in a blink: it loads no Qt at all."""
    code = ("import sys, kiosk.cli, kiosk.control.commands; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=PACKAGE.parent).stdout
    assert loaded.strip() == "[]"
