"""The apps' layering, held by reading the imports of every module (ast): those at the top and
those written inside functions alike. Read `A ← B` as "B may import A":

    core ← org ← plans ← progress ← supervision | dispatch

- supervision and dispatch are siblings: neither imports the other. What one needs of the other
  passes through a hook of the layer below both (progress.hooks: a roll call announces a report
  missed and supervision, listening, issues the slip; a report announces itself and dispatch,
  listening, answers its roll call).
- Mechanisms beside the domains know none of them: notify and ledgers import only core and org
  (and exchange, for ledgers); the domains register with them (reminder providers, ledger
  declarations). extraction imports no app; exchange no domain.
- economy (the registers) sits above plans and supervision (an enterprise's demands are problems).
- Assemblers (api, cli, config's urls, demo, generate, home, navigation) put the apps together
  and may import anything; nothing but another assembler imports them.
- luoshi.config's environment and settings (env, runtime, settings/, formats/) import no app
  and may be read by any.
Test modules (any `tests/` package) are exempt. No circle between apps, assemblers included.

`python -m luoshi.core.tests.test_layering` prints the import graph (app → apps it imports).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the `luoshi` package

SETTINGS = "settings"  # luoshi.config but its urls and servers: read by any, importing no app
_BASE = frozenset({"core", SETTINGS})
_PLANS = _BASE | {"org", "exchange", "extraction", "ledgers", "notify"}
_PROGRESS = _PLANS | {"plans"}
# What each app may import besides itself. A new app is declared here, or the test fails.
MAY_IMPORT: dict[str, frozenset[str]] = {
    SETTINGS: frozenset(),
    "core": frozenset({SETTINGS}),
    "extraction": frozenset(),  # pure Python: not even core
    "exchange": _BASE,  # Excel and Word in and out, for any domain
    "org": _BASE,
    "notify": _BASE | {"org"},  # knows no domain: domains register their reminders
    "ledgers": _BASE | {"org", "exchange"},  # knows no domain: domains declare their ledgers
    "plans": _PLANS,
    "progress": _PROGRESS,
    # the registers sit above plans and supervision: an enterprise's demands are problems (never the reverse)
    "economy": _PROGRESS | {"progress", "supervision"},
    # 应急值守 registers sit above supervision the same way: a missed duty shift is urged by a 督办单
    "emergency": _PROGRESS | {"progress", "supervision"},
    "supervision": _PROGRESS | {"progress"},  # not dispatch: a sibling
    "dispatch": _PROGRESS | {"progress"},  # not supervision: a sibling
    # the people registers (帮扶户): a failed check becomes a problem; the roll call calls the cadres through a hook
    "people": _PROGRESS | {"progress", "supervision"},
    # judging the year: reads plans, progress, supervision, dispatch and the registers; nothing imports it
    "assessment": _PROGRESS | {"progress", "supervision", "dispatch", "economy"},
    # the party registers: their steps' files are progress' attachments; honours are proposed from
    # the assessment's published ranking
    "party": _PROGRESS | {"progress", "assessment"},
    # what leaders read: the dashboard's figures, bulletins, the screen, the year's review (its counts of the
    # people and party registers); nothing imports it
    "reports": _PROGRESS | {"progress", "supervision", "dispatch", "economy", "assessment", "people", "party"},
}
ASSEMBLERS = frozenset({"api", "cli", "config", "demo", "field", "generate", "home", "navigation"})
# (module, app it imports) → why it may. Keep this list short; empty is the aim.
EXCEPTIONS: dict[tuple[str, str], str] = {
}


def unit_of(module: str) -> str:
    """The app (or assembler) a dotted module name under luoshi belongs to."""
    parts = module.split(".")[1:]
    if not parts:
        return "luoshi"
    if parts[0] == "config":
        return "config" if len(parts) > 1 and parts[1] in ("urls", "wsgi", "asgi") else SETTINGS
    return parts[0]


def _module_of(path: Path) -> list[str]:
    parts = ["luoshi", *path.relative_to(ROOT).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(node: ast.Import | ast.ImportFrom, path: Path) -> list[str]:
    """The luoshi modules a statement imports (for `from a import b`, both a.b and a: b may be
    a module or a name in a)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = _module_of(path)
        if path.name != "__init__.py":
            package = package[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    return [f"{base}.{alias.name}" for alias in node.names]


def _source_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.relative_to(ROOT).parts)


@cache
def imports() -> tuple[tuple[str, int, str, str], ...]:
    """(module path, line, its unit, unit it imports) for each import between units."""
    found = []
    for path in _source_files():
        source = unit_of(".".join(_module_of(path)))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            targets = {unit_of(name) for name in _imported(node, path) if name.startswith("luoshi.")}
            found += [(str(path.relative_to(ROOT)), node.lineno, source, target)
                      for target in sorted(targets - {source, "luoshi"})]
    return tuple(found)


def import_graph(*, skip=()) -> dict[str, set[str]]:
    """app → the apps it imports; the imports of `skip` ((module path, app) pairs) left out."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path, _line, source, target in imports():
        if (path, target) not in skip:
            graph[source].add(target)
    return graph


def _allowed(source: str, target: str) -> bool:
    if source in ASSEMBLERS:
        return True
    return target in MAY_IMPORT.get(source, ())


def test_every_package_under_luoshi_is_given_a_layer():
    units = {unit_of(".".join(_module_of(p))) for p in _source_files()} - {"luoshi"}
    assert units - MAY_IMPORT.keys() - ASSEMBLERS == set(), "declare each new app's layer in MAY_IMPORT"


def test_no_app_imports_an_app_above_it_or_beside_it():
    broken = [f"{path}:{line}: {source} → {target}" for path, line, source, target in imports()
              if not _allowed(source, target) and (path, target) not in EXCEPTIONS]
    assert not broken, "use a hook of the lower app instead (see this module's docstring):\n" + "\n".join(broken)


def test_an_import_between_apps_inside_a_function_says_why():
    """At the top of the module the graph is plain to read; inside a function only in an AppConfig's
    ready() (Django's place for it) or with a comment on its line or the line above."""
    hidden = []
    for path in _source_files():
        source, lines = unit_of(".".join(_module_of(path))), path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name == "ready":
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Import | ast.ImportFrom) or source in ASSEMBLERS:
                    continue
                targets = {unit_of(n) for n in _imported(node, path) if n.startswith("luoshi.")} - {source, "luoshi"}
                said = "#" in lines[node.lineno - 1] or lines[node.lineno - 2].strip().startswith(("#", "try:"))
                if targets and not said:
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, "move these imports to the top of their module, or say why they wait:\n" + "\n".join(hidden)


def test_each_listed_exception_is_still_needed():
    used = {(path, target) for path, _line, source, target in imports() if not _allowed(source, target)}
    assert set(EXCEPTIONS) <= used, f"remove the exceptions the code no longer needs: {set(EXCEPTIONS) - used}"


def test_no_circle_between_apps():
    """The listed exceptions aside: each says why it is tolerated, circle or not."""
    assert _circle(import_graph(skip=EXCEPTIONS)) == []


def test_the_declared_layers_themselves_have_no_circle():
    assert _circle({app: set(below) for app, below in MAY_IMPORT.items()}) == []


def test_the_scan_sees_imports_inside_functions_and_relative_ones():
    path = ROOT / "plans" / "example.py"
    tree = ast.parse("from . import models\nfrom ..progress import hooks\ndef f():\n    import luoshi.dispatch.x\n")
    found = [name for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
             for name in _imported(node, path)]
    assert [unit_of(n) for n in found] == ["plans", "progress", "dispatch"]
    assert unit_of("luoshi.config.env") == SETTINGS and unit_of("luoshi.config.urls") == "config"


# Templates keep the layers too: an app's templates include, extend and load tags only of its own
# layer and below. A higher app adds to a lower app's page through a slot (core/panels.py).
_TEMPLATE_REF = re.compile(r"""{%\s*(?:include|extends)\s+["']([a-z_]+)/""")
_TAG_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


@cache
def _tag_libraries() -> dict[str, str]:
    """A template tag library's name → the app that offers it."""
    return {path.stem: path.parts[-3] for path in ROOT.glob("*/templatetags/*.py") if path.stem != "__init__"}


def template_uses() -> list[tuple[str, str, str]]:
    """(template path, its app, app it uses) for each include, extends or load of another app's."""
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        app, text = path.relative_to(ROOT).parts[0], path.read_text(encoding="utf-8")
        used = set(_TEMPLATE_REF.findall(text))
        for names in _TAG_LOAD.findall(text):
            used |= {_tag_libraries()[name] for name in names.split() if name in _tag_libraries()}
        found += [(str(path.relative_to(ROOT)), app, other) for other in sorted(used - {app})]
    return found


def test_no_template_includes_or_loads_from_an_app_above_it_or_beside_it():
    broken = [f"{path}: {app} → {other}" for path, app, other in template_uses() if not _allowed(app, other)]
    assert not broken, "register a panel in the lower app's slot (core/panels.py) instead:\n" + "\n".join(broken)


def test_the_template_scan_sees_includes_and_tag_libraries():
    assert _TEMPLATE_REF.findall('{% include "supervision/_x.html" with a=b %}{% extends "base.html" %}') == [
        "supervision"]
    assert _tag_libraries()["lights"] == "plans" and _tag_libraries()["luoshi"] == "core"


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of `graph` as a path (a → b → a), or [] when there is none."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return []


if __name__ == "__main__":
    for app, targets in sorted(import_graph().items()):
        print(f"{app:12} → {', '.join(sorted(targets))}")
