"""Checks shared by the tests of the apps' lazy public APIs (`articles/__init__.py`,
`apstyle/__init__.py`): a name map resolved by PEP 562 `__getattr__`, and the same names
imported under TYPE_CHECKING for static tools."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType


def type_checking_imports(package: ModuleType) -> dict[str, tuple[str, str]]:
    """Public name -> (module, attribute) as the package's `if TYPE_CHECKING:` block
    imports them (relative imports resolved against the package)."""
    tree = ast.parse(Path(package.__file__).read_text())
    found: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.dump(statement)
                module = f"{package.__name__}.{statement.module}" if statement.level else ""
                for alias in statement.names:
                    found[alias.asname or alias.name] = (module or statement.module, alias.name)
    return found


def resolves_to_home(package: ModuleType, name: str, module: str, attribute: str) -> bool:
    """Whether `package.<name>` is the object `module.<attribute>`."""
    return getattr(package, name) is getattr(import_module(module), attribute)


def modules_loaded_by_import(package: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with `prefixes` that `import <package>` loads in a fresh
    interpreter (where Django has not loaded any app)."""
    code = (
        f"import sys, {package}; "
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return ast.literal_eval(out.strip())
