"""The package's shape: imports go one way (no cycles, no layer importing a higher one), modules
stay readable in size, and the public API is what an embedding program needs."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import crosscheck

PKG = Path(crosscheck.__file__).resolve().parent

# Lowest first: a module may import its own layer's modules and lower layers' only.
LAYERS = [
    {"crosscheck.version", "crosscheck.errors", "crosscheck.model", "crosscheck.collector"},
    {"crosscheck.text"},
    {"crosscheck.storage"},
    {"crosscheck.inputs"},
    {"crosscheck.checks"},
    {"crosscheck.storage.recordindex"},  # [scale] the record, stored as compact arrays: builds it with checks
    {"crosscheck.parallel"},
    {"crosscheck.engines"},  # [scale] the per-article work elsewhere (Dask), beside parallel's process pool
    {"crosscheck.pipeline"},
    {"crosscheck.review"},
    {"crosscheck.outputs"},
    {"crosscheck.cli", "crosscheck.cli_options", "crosscheck"},  # the command line, and the package's public face
]
MAX_LINES = 450
REASON = "[size]"  # a longer module says why in its docstring, after this mark


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def runtime_imports(path: Path, name: str) -> set[str]:
    """crosscheck modules imported when ``path`` runs (not those under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for b in node.body for n in ast.walk(b)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "crosscheck"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "crosscheck":
                continue
            known = modules()
            for a in node.names:  # "from crosscheck.checks import facts" imports a module
                out.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {m for m in runtime_imports(path, name) if m != name} for name, path in mods.items()}


def layer_of(name: str) -> int:
    best = None
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if name == prefix or name.startswith(prefix + ".") and prefix != "crosscheck":
                best = i
    assert best is not None, f"{name} is in no layer"
    return best


def test_every_module_is_in_a_layer():
    for name in modules():
        layer_of(name)


def test_no_module_imports_a_higher_layer():
    upward = [(a, b) for a, deps in graph().items() for b in deps if layer_of(b) > layer_of(a)]
    assert upward == []


def test_text_is_independent_of_checks_outputs_and_review():
    for a, deps in graph().items():
        if a.startswith("crosscheck.text"):
            assert all(d.startswith("crosscheck.text") or d in LAYERS[0] for d in deps), (a, deps)


def test_import_graph_has_no_cycles():
    g = graph()
    # a package imports its own modules (its __init__ re-exports them): only module cycles count
    edges = {a: {b for b in deps if not a.startswith(b + ".") and not b.startswith(a + ".")} for a, deps in g.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(n: str, stack: list[str]) -> None:
        state[n] = 1
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                cycles.append(stack[stack.index(m):] + [m] if m in stack else [n, m])
            elif m not in state:
                visit(m, stack + [m])
        state[n] = 2

    for n in sorted(edges):
        if n not in state:
            visit(n, [n])
    assert cycles == []


def test_the_graph_sees_real_imports():
    g = graph()
    assert "crosscheck.checks.record" in g["crosscheck.pipeline"]
    assert "crosscheck.checks.facts" in g["crosscheck.pipeline"]  # "from crosscheck.checks import facts"
    assert "crosscheck.checks.record" not in g["crosscheck.checks.facts.people"]  # typing only


def test_modules_stay_readable_or_say_why():
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if n > MAX_LINES and REASON not in doc:
            long.append((name, n))
    assert long == []


def test_public_api():
    for name in crosscheck.__all__:
        assert getattr(crosscheck, name) is not None, name
    assert {"load_corpus", "load_files", "check_corpus", "write_report", "apply_reviews", "load_reviews",
            "CrosscheckError", "Finding", "Report"} <= set(crosscheck.__all__)


def test_library_functions_take_explicit_paths():
    """Defaults such as "seeds" or "reports" belong to the command line, not the library."""
    for fn in (crosscheck.load_corpus, crosscheck.write_report):
        for p in inspect.signature(fn).parameters.values():
            assert not (isinstance(p.default, str) and p.default), (fn.__name__, p.name, p.default)
