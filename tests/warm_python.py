"""`python -m <module> <args>` in a fresh process that starts warm: forked from a server process (Python's
multiprocessing "forkserver") that has imported MkDocs, Material, mkdocs-macros and the libraries under them
once, and nothing of ours. A strict build then costs its own work, not half a second of imports each time:
the suite builds some forty sites.

Each run is a process of its own, as `python -m mkdocs build` from a shell is: the project's `macros`
package is imported fresh from the project's folder (the server never imports it), and nothing one build
leaves in memory reaches the next. tests/test_site.py still runs the real command line, as the Pages
workflow does.

A script that builds through this (benchmarks/offline.py does, by helpers.mkdocs_build) needs its
`if __name__ == "__main__":` guard: multiprocessing imports the parent's main script again in each child.

One thing is kept between builds: the theme's templates, compiled. Jinja compiled Material's templates
afresh in every build (half of a small site's build); its own bytecode cache keeps them by template file and
checks each against its source, so an edited template (a fork's overrides/) is compiled again.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# What every build imports before it reads a file of ours.
PRELOAD = ["mkdocs.__main__", "mkdocs.commands.build", "mkdocs.theme", "mkdocs.structure.pages", "mkdocs_macros.plugin",
           "material.plugins.search.plugin", "markdown", "pymdownx.superfences", "pymdownx.tasklist",
           "pymdownx.details", "jinja2", "yaml", "jsonschema", "markupsafe"]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


# The theme's compiled templates, shared by every build of the suite's run (and the next run).
THEME_TEMPLATES = Path(tempfile.gettempdir()) / f"guidebook-tests-jinja-{os.getuid()}"


def _keep_theme_templates_compiled() -> None:
    """The MkDocs theme's Jinja environment (Material's templates and overrides/) with a bytecode cache."""
    import jinja2
    from mkdocs.theme import Theme

    THEME_TEMPLATES.mkdir(exist_ok=True)
    cache, get_env = jinja2.FileSystemBytecodeCache(str(THEME_TEMPLATES)), Theme.get_env

    def get_env_with_cache(theme):
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env_with_cache


def _run(module: str, args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the child: what `cd <cwd> && env <env> python -m <module> <args>` does, output to two files."""
    import runpy

    _keep_theme_templates_compiled()

    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # As `python -m` sets it up: the current folder first, and not the tests' own additions.
    here, root = Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent
    sys.path[:] = [cwd, *(p for p in sys.path if p and Path(p).resolve() not in (here, root))]
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.argv = [module, *args]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        if not isinstance(exit_.code, (int, type(None))):
            print(exit_.code, file=sys.stderr)
    except BaseException:  # as the interpreter would: the traceback on stderr, status 1
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_module(module: str, args: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Like subprocess.run([python, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True)."""
    with tempfile.TemporaryDirectory() as folder:
        out, err = os.path.join(folder, "out"), os.path.join(folder, "err")
        child = _context.Process(target=_run, args=(module, [str(a) for a in args], str(cwd), dict(env), out, err))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired([sys.executable, "-m", module, *args], timeout)
        read = lambda path: Path(path).read_text("utf-8", errors="replace") if os.path.exists(path) else ""
        return subprocess.CompletedProcess([sys.executable, "-m", module, *args], child.exitcode, read(out), read(err))
