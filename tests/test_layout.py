"""The layering contract and the size limits of the layout, read from the source itself.

- `db` imports nothing from `bot` or `cogs`: the database layer knows nothing above it.
- Only `bot.discord` (the Discord adapter) and `cogs` import discord.py; `bot.cli.gateway`
  (the commands that connect) may import the adapter; everything else in `bot` runs without
  a gateway.
- The offline commands do not load discord.py at all, even indirectly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT_PACKAGES = ("bot", "cogs", "db")

DISCORD_MODULES = ("discord", "cogs", "bot.discord")
"""What only the Discord side may import."""
MAY_IMPORT_DISCORD = ("bot.discord", "cogs")
MAY_IMPORT_THE_ADAPTER = ("bot.cli.gateway",)
"""The commands that connect: they reach Discord through the adapter, never discord.py."""

PRODUCT_MODULE_LINES = 450
"""About 400 lines: a module a newcomer can hold. Migrations are exempt (generated)."""
TEST_SUPPORT_LINES = 1000


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _product_modules() -> Iterator[tuple[str, Path]]:
    for package in PRODUCT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield _module_name(path), path


def _imports(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """Every module an import statement names, at any depth (function-level ones too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _violations() -> list[str]:
    found = []
    for module, path in _product_modules():
        if _within(module, ("db",)):
            forbidden: tuple[str, ...] = ("bot", "cogs", "discord")
        elif _within(module, MAY_IMPORT_DISCORD):
            continue
        elif _within(module, MAY_IMPORT_THE_ADAPTER):
            forbidden = ("discord", "cogs")
        else:
            forbidden = DISCORD_MODULES
        for line, imported in _imports(path, module):
            if _within(imported, forbidden):
                found.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {imported}")
    return found


def test_layers_import_only_downwards() -> None:
    assert _violations() == []


def test_the_contract_catches_a_discord_import() -> None:
    """The check itself can fail: a discord import planted in matching is reported."""
    planted = ROOT / "bot" / "matching" / "planted_for_layout_test.py"
    planted.write_text("def later() -> None:\n    import discord.utils\n", encoding="utf-8")
    try:
        assert _violations() == [
            "bot/matching/planted_for_layout_test.py:2: "
            "bot.matching.planted_for_layout_test imports discord.utils"
        ]
    finally:
        planted.unlink()


OFFLINE_COMMANDS = [
    ["ask", "is partner track cancelled"],
    ["console"],
    ["resolve", "imperfects"],
    ["import", str(ROOT / "tests" / "bot" / "catalogue" / "fixtures" / "catalogue.csv")],
    ["db", "upgrade"],
    ["status", "set", "Partner Track", "renewed"],
    ["subscriptions", "list"],
    ["export", "catalogue.json"],
    ["scorecard", "Netflix"],
    [
        "ingest",
        str(ROOT / "benchmarks" / "news_eval" / "tuning" / "01_netflix-renews-marco-polo.txt"),
    ],
]


@pytest.mark.parametrize("arguments", OFFLINE_COMMANDS, ids=lambda a: a[0])
def test_offline_commands_do_not_load_discord(
    arguments: list[str], tmp_path: Path, database_url: str
) -> None:
    """Run for real, then asked which modules the process loaded."""
    script = (
        "import sys\n"
        "from bot.cli.main import main\n"
        f"code = main({arguments!r})\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'discord')\n"
        "print('exit', code, 'discord modules', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="quit\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": database_url,
            "PYTHONPATH": str(ROOT),
        },
        timeout=120,
        check=False,
    )
    assert result.stderr.strip().splitlines()[-1:] == ["exit 0 discord modules []"], result.stderr


def _too_long(paths: Iterator[Path], limit: int) -> list[str]:
    lengths = ((path, len(path.read_text(encoding="utf-8").splitlines())) for path in paths)
    return [f"{path.relative_to(ROOT)}: {lines} lines" for path, lines in lengths if lines > limit]


def test_product_modules_stay_small() -> None:
    paths = (path for _, path in _product_modules() if "migrations" not in path.parts)
    assert _too_long(paths, PRODUCT_MODULE_LINES) == []


def test_test_support_modules_stay_small() -> None:
    support = (p for p in (ROOT / "tests").rglob("*.py") if not p.name.startswith("test_"))
    assert _too_long(support, TEST_SUPPORT_LINES) == []


def test_every_bot_package_says_what_it_owns() -> None:
    undocumented = [
        str(init.relative_to(ROOT))
        for init in sorted((ROOT / "bot").rglob("__init__.py"))
        if ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) is None
    ]
    assert undocumented == []
