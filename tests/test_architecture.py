"""The rules of docs/architecture.md, checked on the source: a broken rule fails here with the file and line.

Every check is a function of a parsed module, so the tests at the end plant a violation in a module written to a
temporary package and prove that each rule catches it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

PACKAGE = Path(__file__).resolve().parent.parent / "clustermeet"

#: the shared modules every layer may import; they import only each other
SHARED = ("errors", "i18n", "files", "text")
#: the capabilities beside the kernel; each owns its logic, formats and use cases
FEATURES = ("schedule", "breakouts", "invites", "show", "interop", "vote")
#: the only imports from one feature into another: (importing feature, imported module)
CONTRACTS = {
    # the assignments CSV that `assign` writes is what invites are addressed from
    ("invites", "clustermeet.breakouts.assignments_file"),
    # the award cue of runsheet and run names the winner that `vote` counted and recorded beside the agenda
    ("show", "clustermeet.vote.result_file"),
}
#: each third-party library lives in one place (module prefixes inside the package)
LIBRARY_HOMES = {
    "typer": ("cli",),
    "click": ("cli",),
    "rich": ("cli", "show.console"),
    "textual": ("show.console.app",),
    "icalendar": ("invites.render",),
    "highspy": ("breakouts.topics", "agenda.seating"),  # seating: the exact test of facilitators under caps
    "numpy": ("breakouts.topics",),
    "ortools": ("breakouts.topics.flow",),
    "babel": ("i18n",),
    "python_calamine": ("agenda.tables",),
    "charset_normalizer": ("agenda.tables",),
    # the served show (run --serve): each library in one module, imported only on that path
    "starlette": ("show.serve.web",),
    "uvicorn": ("show.serve.server",),
    "pythonosc": ("show.serve.osc",),
    "segno": ("show.serve.qr",),
    "email_validator": ("agenda.types",),
}
#: modules that mean I/O; a feature or kernel module using one says so in its first docstring line
IO_MODULES = ("smtplib", "socket", "ssl", "tempfile", "fcntl", "shutil", "subprocess", "urllib.request", "http", "glob")
#: functions that read or write files, ours among them (a module calling one does I/O through it)
IO_CALLS = {
    "open",
    "read_text",
    "load_yaml",
    "load_agenda",
    "read_participants",
    "load_assignments",
    "read_json_lines",
    "write_atomic",
    "write_batch",
    "JsonLinesLog",
}
#: methods of Path and os that touch the file system (``os.replace`` and friends are matched as ``os.<name>``)
IO_METHODS = {
    "write_text",
    "write_bytes",
    "read_text",
    "read_bytes",
    "open",
    "mkdir",
    "unlink",
    "rmdir",
    "touch",
    "exists",
    "is_file",
    "is_dir",
    "glob",
    "rglob",
    "iterdir",
    "stat",
    "lstat",
    "resolve",
}
OS_IO = {
    "replace",
    "rename",
    "remove",
    "unlink",
    "makedirs",
    "mkdir",
    "scandir",
    "listdir",
    "stat",
    "write",
    "read",
    "fsync",
    "open",
    "walk",
}
#: one home for each small helper job (names that only text.py, files.py or i18n.py may use)
HELPER_HOMES = {
    "difflib": "text",  # did-you-mean
    "unicodedata": "text",  # control characters, slugs
    "fsync": "files",  # durable writes and the one JSON-lines log
}
MAX_LINES = 400
MAX_FUNCTION_LINES = 80
SLOW_IMPORT = re.compile(r"#\s*(noqa: PLC0415\s+)?slow import: \S")


@dataclass
class Module:
    """One source file of the package, with what the rules ask of it."""

    path: Path
    root: Path

    @cached_property
    def name(self) -> str:
        """Dotted name below the package: ``invites.render``, ``cli``."""
        parts = self.path.relative_to(self.root).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    @cached_property
    def tree(self) -> ast.Module:
        return ast.parse(self.source)

    @cached_property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def layer(self) -> str:
        """``cli``, a feature's name, ``agenda``, ``shared`` or ``root`` (``__init__``/``__main__``)."""
        top = self.name.split(".")[0]
        if top in ("", "__main__"):
            return "root"
        if top in SHARED:
            return "shared"
        return top

    def imports(self) -> list[tuple[int, str]]:
        """Every module this one imports, absolute, with its line (relative imports resolved)."""
        found = []
        package = ["clustermeet", *self.name.split(".")]
        if self.path.name != "__init__.py":
            package = package[:-1]
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                found += [(node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
                found.append((node.lineno, base))
                found += [
                    (node.lineno, f"{base}.{alias.name}") for alias in node.names if base.startswith("clustermeet")
                ]
        return found

    def docstring_first_line(self) -> str:
        doc = ast.get_docstring(self.tree) or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""

    def string_constants(self) -> list[ast.Constant]:
        """String constants that are not docstrings."""
        docstrings = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    docstrings.add(id(body[0].value))
        return [
            node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        ]


def modules(root: Path = PACKAGE) -> list[Module]:
    return [Module(path, root) for path in sorted(root.rglob("*.py"))]


RANK = {"root": 4, "cli": 3, **dict.fromkeys(FEATURES, 2), "agenda": 1, "shared": 0}


def _layer_of(target: str) -> str | None:
    parts = target.split(".")
    if parts[0] != "clustermeet" or len(parts) == 1 or parts[1].startswith("__"):  # the package: version only
        return None
    return "shared" if parts[1] in SHARED else parts[1]


def import_direction(module: Module) -> list[str]:
    """cli -> features -> agenda -> shared; never back up; features apart but for CONTRACTS."""
    wrong = []
    for line, target in module.imports():
        layer = _layer_of(target)
        if layer is None or layer == module.layer:
            continue
        if layer not in RANK:
            wrong.append(f"{module.name}:{line} imports {target}, which is in no layer")
        elif RANK[layer] > RANK[module.layer] or (RANK[layer] == RANK[module.layer] == 2 and layer != module.layer):
            if (module.layer, target) in CONTRACTS or any(
                (module.layer, target.rsplit(".", n)[0]) in CONTRACTS for n in (1,)
            ):
                continue
            wrong.append(f"{module.name}:{line} ({module.layer}) imports {target} ({layer})")
    return wrong


def library_homes(module: Module) -> list[str]:
    wrong = []
    for line, target in module.imports():
        library = target.split(".")[0]
        homes = LIBRARY_HOMES.get(library)
        if homes and not any(module.name == home or module.name.startswith(home + ".") for home in homes):
            wrong.append(f"{module.name}:{line} imports {library}, which lives only in {', '.join(homes)}")
    return wrong


def prints(module: Module) -> list[str]:
    """Only the user interface (cli/, show/console/) prints, asks or writes to the terminal's streams."""
    if module.layer == "cli" or module.name.startswith("show.console"):
        return []
    wrong = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"print", "input"}:
            wrong.append(f"{module.name}:{node.lineno} calls {node.func.id}()")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in {"stdout", "stderr", "stdin"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            wrong.append(f"{module.name}:{node.lineno} uses sys.{node.attr}")
    return wrong


def io_declared(module: Module) -> list[str]:
    """In a feature or the kernel, a module that does I/O says so in its first line ("I/O: ...")."""
    if module.layer not in (*FEATURES, "agenda") or module.name.startswith("show.console"):
        return []
    if module.docstring_first_line().startswith("I/O:"):
        return []
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"imports {n}" for n in names if any(n == m or n.startswith(f"{m}.") for m in IO_MODULES)]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in IO_CALLS:
                found.append(f"calls {func.id}()")
            elif isinstance(func, ast.Attribute) and (func.attr in IO_METHODS or func.attr in IO_CALLS):
                found.append(f"calls .{func.attr}()")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr in OS_IO
                and isinstance(func.value, ast.Name)
                and func.value.id == "os"
            ):
                found.append(f"calls os.{func.attr}()")
    return [f"{module.name}: does I/O ({found[0]}) but its first line does not start with 'I/O:'"] if found else []


def function_size(module: Module) -> list[str]:
    """Long functions are split into named steps: at most MAX_FUNCTION_LINES from the first statement after the
    docstring to the end."""
    wrong = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            first = (
                body[1]
                if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                else body[0]
            )
            length = (node.end_lineno or node.lineno) - first.lineno + 1
            if length > MAX_FUNCTION_LINES:
                wrong.append(
                    f"{module.name}:{node.lineno} {node.name}() is {length} lines (at most {MAX_FUNCTION_LINES})"
                )
    return wrong


def module_size(module: Module) -> list[str]:
    lines = module.source.count("\n")
    return (
        [f"{module.name}: {lines} lines (at most {MAX_LINES}; split it at its own seams)"] if lines > MAX_LINES else []
    )


def helper_homes(module: Module) -> list[str]:
    """One home for each small job: no second Markdown escaper, did-you-mean, fsync or dynamic import."""
    wrong = []
    for line, target in module.imports():
        home = HELPER_HOMES.get(target.split(".")[0])
        if home and module.name != home:
            wrong.append(f"{module.name}:{line} imports {target}: that job has its helper in {home}.py")
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Attribute) and node.attr == "fsync" and module.name != "files":
            wrong.append(f"{module.name}:{node.lineno} calls fsync: durable writes go through files.py")
        if isinstance(node, ast.Attribute) and node.attr == "get_close_matches" and module.name != "text":
            wrong.append(f"{module.name}:{node.lineno} finds close matches: text.closest does")
        if isinstance(node, ast.Constant) and node.value in ("\\|", "\\*", "\\_") and module.name != "text":
            wrong.append(f"{module.name}:{node.lineno} escapes Markdown: text.md_text does")
        name = node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else None
        name = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else name
        if name in ("import_module", "__import__") and module.name != "cli":
            wrong.append(f"{module.name}:{node.lineno} imports by name: only cli/__init__.py does (lazy commands)")
    return wrong


def marked_local_imports(module: Module) -> list[str]:
    """A function-level import is there to keep start-up fast, and says so (``# slow import: why``)."""
    lines = module.source.splitlines()
    wrong = []
    for func in ast.walk(module.tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom):
                text = "\n".join(lines[node.lineno - 1 : (node.end_lineno or node.lineno)])
                if not SLOW_IMPORT.search(text):
                    wrong.append(f"{module.name}:{node.lineno}: import inside a function without '# slow import: why'")
    return wrong


def flags_only_in_cli(module: Module, flags: set[str]) -> list[str]:
    """No module outside cli/ names a command-line flag in a string a user can read."""
    if module.layer in ("cli", "root"):
        return []
    wrong = []
    for node in module.string_constants():
        named = sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", node.value)) & flags)
        if named:
            wrong.append(f"{module.name}:{node.lineno} names {', '.join(named)}")
    return wrong


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")


@cache
def german_words() -> frozenset[str]:
    """The words of the German texts in i18n.py's tables that none of the English texts has."""
    from clustermeet import i18n

    german: set[str] = set()
    english: set[str] = set()
    for table in vars(i18n).values():
        if isinstance(table, dict) and table and all(isinstance(entry, dict) for entry in table.values()):
            for entry in table.values():
                for language, text in entry.items():
                    (german if language == "de" else english).update(_WORD.findall(str(text)))
    return frozenset(german - {w for w in german if w.lower() in {e.lower() for e in english}})


def words_from_i18n(module: Module) -> list[str]:
    """Words a user reads come from i18n.py: no string outside it (and text.py's transliteration) holds a letter
    beyond ASCII or a German word of i18n's tables ('Runde', 'Gruppe', 'Wunsch', 'Teilnehmende')."""
    if module.name.split(".")[0] in ("i18n", "text"):  # i18n's tables have files of their own (i18n/show.py)
        return []
    return [
        f"{module.name}:{node.lineno} has words of its own: {node.value[:40]!r}"
        for node in module.string_constants()
        if any(ord(char) > 127 and char.isalpha() for char in node.value)
        or set(_WORD.findall(node.value)) & german_words()
    ]


def cli_thin(module: Module) -> list[str]:
    """A command module imports no other command module: shared command code lives in a use case or cli.common."""
    if module.layer != "cli":
        return []
    allowed = {"clustermeet.cli", "clustermeet.cli.common", "clustermeet.cli.options", "clustermeet.cli.output"}
    return [
        f"{module.name}:{line} imports {target}"
        for line, target in module.imports()
        if target.startswith("clustermeet.cli.")
        and target not in allowed
        and not any(target.startswith(a + ".") for a in allowed - {"clustermeet.cli"})
        and module.name != "cli"
    ]


def cli_flags() -> set[str]:
    """Every flag of every command, as click builds them (declared by name or taken from a parameter's name)."""
    import typer
    from typer.core import TyperGroup

    from clustermeet.cli import COMMANDS, app

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    context = typer.Context(group)
    commands = [group.get_command(context, name) for name in COMMANDS]
    flags: set[str] = set()
    while commands:
        command = commands.pop()
        assert command is not None
        if isinstance(command, TyperGroup):
            commands += [command.get_command(context, name) for name in command.list_commands(context)]
        for param in command.params:
            flags.update(opt for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--"))
    return flags


RULES = [
    import_direction,
    function_size,
    library_homes,
    prints,
    io_declared,
    module_size,
    helper_homes,
    marked_local_imports,
    words_from_i18n,
    cli_thin,
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_rule_holds(rule: object) -> None:
    assert callable(rule)
    wrong = [line for module in modules() for line in rule(module)]
    assert not wrong, "\n".join(wrong)


def test_flags_are_named_only_in_cli() -> None:
    flags = cli_flags()
    assert {"--force", "--tz", "--output", "--organiser-email", "--smtp-host"} <= flags
    wrong = [line for module in modules() for line in flags_only_in_cli(module, flags)]
    assert not wrong, "\n".join(wrong)


def test_layout() -> None:
    tops = {path.name for path in PACKAGE.iterdir() if not path.name.startswith("__pycache__")}
    expected = {f"{name}.py" for name in SHARED if name != "i18n"} | {"i18n", "agenda", "cli", *FEATURES}
    expected |= {"__init__.py", "__main__.py"}
    assert tops - {"py.typed"} == expected
    tests = Path(__file__).resolve().parent
    for feature in ("agenda", "cli", *FEATURES):
        assert list((tests / feature).glob("test_*.py")), f"tests/{feature}/ mirrors clustermeet/{feature}/"


# Planted violations: each rule catches the case it is written for.

PLANTED = [
    # (case, rule, module, source): the rule must flag the source, and pass a clean module at the same place
    ("feature-import-in-kernel", import_direction, "agenda/loading.py", "from clustermeet.invites.state import x\n"),
    ("rich-in-a-feature", library_homes, "schedule/formats.py", "import rich\n"),
    ("uvicorn-outside-its-home", library_homes, "show/serve/web.py", "import uvicorn\n"),
    ("print", prints, "breakouts/assign.py", "def f() -> None:\n    print('x')\n"),
    ("stream-write", prints, "show/cues.py", "import sys\nsys.stdout.write('x')\n"),
    (
        "path-write",
        io_declared,
        "schedule/formats.py",
        '"""Formats."""\nfrom pathlib import Path\nPath("x").write_text("y")\n',
    ),
    ("os-replace", io_declared, "schedule/formats.py", "import os\nos.replace('a', 'b')\n"),
    ("io-in-the-kernel", io_declared, "agenda/timing.py", "from pathlib import Path\nPath('x').exists()\n"),
    (
        "our-reader",
        io_declared,
        "breakouts/x.py",
        "from clustermeet.agenda.yamlsource import read_text\nread_text(p, 'x')\n",
    ),
    ("long-module", module_size, "show/cues.py", "x = 1\n" * (MAX_LINES + 1)),
    ("long-function", function_size, "show/cues.py", "def f() -> None:\n" + "    x = 1\n" * (MAX_FUNCTION_LINES + 1)),
    ("difflib", helper_homes, "show/cues.py", "import difflib\n"),
    ("markdown-escaper", helper_homes, "show/cues.py", "def md(t: str) -> str:\n    return t.replace('|', '\\\\|')\n"),
    ("import-by-name", helper_homes, "show/cues.py", "import importlib\nimportlib.import_module('rich')\n"),
    ("unmarked-local-import", marked_local_imports, "show/cues.py", "def f() -> None:\n    import json\n"),
    ("german-text", words_from_i18n, "show/cues.py", "LABEL = 'Runde für alle'\n"),
    ("german-word", words_from_i18n, "show/cues.py", "LABEL = 'Gruppe'\n"),
    ("command-imports-command", cli_thin, "cli/send.py", "from clustermeet.cli.ics import ics\n"),
]


@pytest.mark.parametrize(("case", "rule", "relative", "source"), PLANTED, ids=[case[0] for case in PLANTED])
def test_rule_catches_a_planted_violation(
    case: str, rule: Callable[[Module], list[str]], relative: str, source: str, tmp_path: Path
) -> None:
    path = tmp_path / "clustermeet" / relative
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert rule(Module(path, tmp_path / "clustermeet")), case
    path.write_text('"""Clean."""\n', encoding="utf-8")
    assert not rule(Module(path, tmp_path / "clustermeet")), case


def test_every_rule_has_a_planted_case() -> None:
    assert {rule for _case, rule, _relative, _source in PLANTED} == set(RULES)


def test_feature_to_feature_import_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "clustermeet" / "show" / "cues.py"
    path.parent.mkdir(parents=True)
    path.write_text("from clustermeet.breakouts.assign import assign_rooms\n", encoding="utf-8")
    assert import_direction(Module(path, tmp_path / "clustermeet"))
    path.write_text("from clustermeet.agenda.timing import Schedule\nfrom clustermeet.text import slugify\n")
    assert not import_direction(Module(path, tmp_path / "clustermeet"))


def test_flag_outside_cli_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "clustermeet" / "show" / "cues.py"
    path.parent.mkdir(parents=True)
    path.write_text("HINT = 'pass --force to replace it'\nCSS = 'a { --fg: #000 }'\n", encoding="utf-8")
    assert flags_only_in_cli(Module(path, tmp_path / "clustermeet"), {"--force"}) == ["show.cues:1 names --force"]
