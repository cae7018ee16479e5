"""The package's shape, read from its source with ast: imports go down the layers and never in a
circle (imports inside functions included), modules stay small, and no block is written twice."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Final

PACKAGE_DIR: Final = Path(__file__).resolve().parents[1] / "cyber_plugin"
LAYERS: Final = (
    "core",
    "checks",
    "outputs",
    "integration",
    "edgar",
    "dataset",
    "batch",
)  # each imports only those before it
# Modules beside the root package's __init__ (api.py, dataset.py) are the public entry points: they
# sit above every layer and may use any of them; no layer may import them.
ENTRY_POINTS: Final = "entry points"
HOOK_TARGET_LAYER: Final = "integration"  # what the root package's hook functions may import
MAX_LINES: Final = 400
MIN_REPEATED_LINES: Final = 6
# The one reading path: only it reads a model or runs the rules; every consumer asks it.
READING_PATH: Final = "cyber_plugin.integration.state"
READING_FUNCTIONS: Final = frozenset({"read_disclosure", "run_checks"})


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module of the package
    where: str  # path:line
    in_function: bool


@dataclass(frozen=True)
class Line:
    number: int
    text: str


class Package:
    """A package's modules as source: their imports of each other and their lines."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.name = directory.name

    @cached_property
    def modules(self) -> dict[str, Path]:
        """Every module by dotted name (a package by its own name)."""
        found = {}
        for path in sorted(self.directory.rglob("*.py")):
            parts = path.relative_to(self.directory.parent).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
        return found

    def path_of(self, module: str) -> str:
        return self.modules[module].relative_to(self.directory.parent).as_posix()

    @cached_property
    def trees(self) -> dict[str, ast.Module]:
        return {
            module: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for module, path in self.modules.items()
        }

    def layer_of(self, module: str) -> int | None:
        """The layer's rank (the entry points' above them all), or None for the root package (which
        only maps Arelle's hooks) and anything else."""
        parts = module.split(".")
        if len(parts) > 1 and parts[1] in LAYERS:
            return LAYERS.index(parts[1])
        is_entry_point = len(parts) == 2 and self.modules[module].name != "__init__.py"
        return len(LAYERS) if is_entry_point else None

    def _owned(self, name: str) -> str | None:
        """The module that `name` is or lies in, or None outside the package."""
        while name and name not in self.modules:
            name = name.rpartition(".")[0]
        return name or None

    def _base(self, module: str, node: ast.ImportFrom) -> str:
        """The absolute name that a (relative) `from ... import` starts from."""
        if node.level == 0:
            return node.module or ""
        parts = module.split(".")
        if self.modules[module].name != "__init__.py":
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        return ".".join([*parts, *([node.module] if node.module else [])])

    @cached_property
    def imports(self) -> dict[str, tuple[Import, ...]]:
        """Each module's imports of the package's modules, at module level or in a function."""
        return {module: self._imports_of(module, tree) for module, tree in self.trees.items()}

    def _imports_of(self, module: str, tree: ast.Module) -> tuple[Import, ...]:
        in_functions = {
            number
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)
        }
        found: list[Import] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [self._owned(alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = self._base(module, node)
                # `from package import name` imports the submodule `name` when there is one.
                targets = [self._owned(f"{base}.{alias.name}") for alias in node.names]
            else:
                continue
            found += [
                Import(module, target, f"{self.path_of(module)}:{node.lineno}", node.lineno in in_functions)
                for target in dict.fromkeys(targets)
                if target is not None and target != module
            ]
        return tuple(sorted(found, key=lambda found: found.where))

    def upward_imports(self) -> list[str]:
        wrong = []
        hook_layer = LAYERS.index(HOOK_TARGET_LAYER)
        for found in (found for imports in self.imports.values() for found in imports):
            source, target = self.layer_of(found.source), self.layer_of(found.target)
            if source is None and (target != hook_layer or not found.in_function):
                wrong.append(
                    f"{found.where}: the root package imports {found.target}; it may only import the "
                    f"{HOOK_TARGET_LAYER} layer, inside its hook functions"
                )
            elif source is not None and target is None:
                wrong.append(f"{found.where}: {found.source} imports the root package {found.target}")
            elif source is not None and target is not None and target > source:
                wrong.append(
                    f"{found.where}: {found.source} ({_layer_name(source)}) imports {found.target} "
                    f"({_layer_name(target)}), a higher layer"
                )
        return wrong

    def cycles(self) -> list[str]:
        """Each group of modules that import each other in a circle, with the imports that close it."""
        graph = {module: {found.target for found in imports} for module, imports in self.imports.items()}
        described = []
        for component in _strongly_connected(graph):
            edges = [
                f"  {found.where}: {found.source} -> {found.target}"
                + (" (inside a function)" if found.in_function else "")
                for module in component
                for found in self.imports[module]
                if found.target in component
            ]
            described.append(f"cycle among {', '.join(component)}:\n" + "\n".join(edges))
        return described

    def uses_outside(self, names: frozenset[str], allowed: str) -> list[str]:
        """Each use (a call, or the function passed on) of a function named in `names`, under its
        own name or an alias it is imported as, in a module other than `allowed`."""
        uses = []
        for module, tree in self.trees.items():
            if module == allowed:
                continue
            aliases = set(names) | {
                alias.asname
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)
                for alias in node.names
                if alias.name in names and alias.asname
            }
            for node in ast.walk(tree):
                used = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
                if isinstance(node, ast.Name | ast.Attribute) and used in aliases:
                    uses.append(f"{self.path_of(module)}:{node.lineno}: {used}")
        return sorted(uses)

    def long_modules(self) -> list[str]:
        return [
            f"{self.path_of(module)}: {count} lines"
            for module, path in self.modules.items()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        ]

    def significant_lines(self, module: str) -> list[Line]:
        """The module's lines, whitespace-normalised, without blank, comment and import lines."""
        import_lines = {
            number
            for node in ast.walk(self.trees[module])
            if isinstance(node, ast.Import | ast.ImportFrom)
            for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)
        }
        lines = []
        for number, raw in enumerate(self.modules[module].read_text(encoding="utf-8").splitlines(), start=1):
            text = " ".join(raw.split())
            if text and not text.startswith("#") and number not in import_lines:
                lines.append(Line(number, text))
        return lines

    def repeated_runs(self, size: int = MIN_REPEATED_LINES) -> list[str]:
        """Each run of at least `size` identical significant lines that stands in two places."""
        lines = {module: self.significant_lines(module) for module in self.modules}
        places: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
        for module, found in lines.items():
            for start in range(len(found) - size + 1):
                places[tuple(line.text for line in found[start : start + size])].append((module, start))
        pairs = {
            (module_a, a, module_b, b)
            for occurrences in places.values()
            for index, (module_a, a) in enumerate(occurrences)
            for module_b, b in occurrences[index + 1 :]
            if module_a != module_b or b >= a + size  # a run's own windows overlap: no repetition
        }
        runs = []
        for module_a, a, module_b, b in sorted(pairs):
            if (module_a, a - 1, module_b, b - 1) in pairs:
                continue  # inside a run reported from its start
            extra = 0
            while (module_a, a + extra + 1, module_b, b + extra + 1) in pairs:
                extra += 1
            first, second = lines[module_a], lines[module_b]
            end_a, end_b = a + size - 1 + extra, b + size - 1 + extra
            runs.append(
                f"{self.path_of(module_a)}:{first[a].number}-{first[end_a].number} and "
                f"{self.path_of(module_b)}:{second[b].number}-{second[end_b].number} "
                f"({size + extra} lines, starting {first[a].text!r})"
            )
        return runs


def _layer_name(rank: int) -> str:
    return LAYERS[rank] if rank < len(LAYERS) else ENTRY_POINTS


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of more than one node that reach each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = lowest[node] = len(index)
        stack.append(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                lowest[node] = min(lowest[node], lowest[successor])
            elif successor in stack:
                lowest[node] = min(lowest[node], index[successor])
        if lowest[node] == index[node]:
            group = [stack.pop()]
            while group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


SOURCE: Final = Package(PACKAGE_DIR)


def test_every_module_is_in_a_layer() -> None:
    outside = [SOURCE.path_of(m) for m in SOURCE.modules if m != SOURCE.name and SOURCE.layer_of(m) is None]

    assert outside == [], f"modules in no layer ({', '.join(LAYERS)}) and no entry point: {outside}"


def test_imports_only_go_down_the_layers() -> None:
    wrong = SOURCE.upward_imports()

    assert wrong == [], f"imports against the layers {' < '.join(LAYERS)}:\n" + "\n".join(wrong)


def test_no_output_imports_the_rules() -> None:
    """The outputs consume a Disclosure and its findings; what they need of the rules (codes,
    words) lives in core, so a renderer never depends on how a rule is written."""
    rules = LAYERS.index("checks")
    wrong = [
        found.where
        for module, imports in SOURCE.imports.items()
        if module.split(".")[1:2] == ["outputs"]
        for found in imports
        if SOURCE.layer_of(found.target) == rules
    ]

    assert wrong == [], "outputs importing the rule package:\n" + "\n".join(wrong)


def test_only_the_reading_path_reads_a_model_or_runs_the_rules() -> None:
    """Hooks, desktop, API, web service and cyber-extract all take a model's reading from
    `reading_of`, so that they read it once and under the same settings."""
    uses = SOURCE.uses_outside(READING_FUNCTIONS, READING_PATH)

    assert uses == [], f"read or checked outside {READING_PATH} (call reading_of instead):\n" + "\n".join(
        uses
    )


def test_the_reading_path_reader_finds_calls_and_aliases(tmp_path: Path) -> None:
    package = tmp_path / "cyber_plugin"
    (package / "integration").mkdir(parents=True)
    for path in (package / "__init__.py", package / "integration" / "__init__.py"):
        path.write_text("")
    (package / "integration" / "state.py").write_text(
        "from ..core import read_disclosure\nread_disclosure(1)\n"
    )
    (package / "api.py").write_text(
        "from .checks import run_checks as check\nfrom . import checks\n\ncheck(1)\nchecks.run_checks(2)\n"
    )

    assert Package(package).uses_outside(READING_FUNCTIONS, "cyber_plugin.integration.state") == [
        "cyber_plugin/api.py:4: check",
        "cyber_plugin/api.py:5: run_checks",
    ]


def test_no_import_cycles() -> None:
    cycles = SOURCE.cycles()

    assert cycles == [], "\n".join(cycles)


def test_no_module_is_over_the_line_limit() -> None:
    long = SOURCE.long_modules()

    assert long == [], f"modules over {MAX_LINES} lines (split them):\n" + "\n".join(long)


def test_no_block_is_written_twice() -> None:
    runs = SOURCE.repeated_runs()

    assert runs == [], "repeated blocks (make one piece serve both):\n" + "\n".join(runs)


def test_no_two_modules_share_a_file_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in SOURCE.modules.values():
        if path.name != "__init__.py":
            by_name[path.name].append(path.relative_to(PACKAGE_DIR.parent).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}

    assert shared == {}, f"module file names used twice (name each after its own job): {shared}"


def test_no_two_classes_share_a_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for module, tree in SOURCE.trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                by_name[node.name].append(f"{SOURCE.path_of(module)}:{node.lineno}")
    shared = {name: places for name, places in by_name.items() if len(places) > 1}

    assert shared == {}, f"class names used twice in the package: {shared}"


def test_each_reader_finds_what_it_guards(tmp_path: Path) -> None:
    """A small package written here, with a cycle through an import inside a function, an upward
    import, an import of the root package, a long module and a repeated block."""
    package = tmp_path / "cyber_plugin"
    for layer in ("core", "checks"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from .core import a\n")
    block = "".join(f"value_{n} = {n}\n" for n in range(MIN_REPEATED_LINES))
    (package / "core" / "a.py").write_text("def late():\n    from ..checks import b\n\n\n" + block)
    (package / "checks" / "b.py").write_text("\nfrom ..core import a\n" + block)
    (package / "checks" / "c.py").write_text("from .. import VERSION\nfrom ..api import read\n")
    (package / "api.py").write_text("from .checks import b\n")
    (package / "checks" / "long.py").write_text("".join(f"x_{n} = {n}\n" for n in range(MAX_LINES + 1)))
    written = Package(package)

    assert written.cycles() == [
        "cycle among cyber_plugin.checks.b, cyber_plugin.core.a:\n"
        "  cyber_plugin/checks/b.py:2: cyber_plugin.checks.b -> cyber_plugin.core.a\n"
        "  cyber_plugin/core/a.py:2: cyber_plugin.core.a -> cyber_plugin.checks.b (inside a function)"
    ]
    assert written.upward_imports() == [
        "cyber_plugin/__init__.py:1: the root package imports cyber_plugin.core.a; it may only import "
        "the integration layer, inside its hook functions",
        "cyber_plugin/checks/c.py:1: cyber_plugin.checks.c imports the root package cyber_plugin",
        "cyber_plugin/checks/c.py:2: cyber_plugin.checks.c (checks) imports cyber_plugin.api (entry points), "
        "a higher layer",
        "cyber_plugin/core/a.py:2: cyber_plugin.core.a (core) imports cyber_plugin.checks.b (checks), "
        "a higher layer",
    ]
    assert written.long_modules() == [f"cyber_plugin/checks/long.py: {MAX_LINES + 1} lines"]
    assert written.repeated_runs() == [
        f"cyber_plugin/checks/b.py:3-8 and cyber_plugin/core/a.py:5-10 "
        f"({MIN_REPEATED_LINES} lines, starting 'value_0 = 0')"
    ]
