"""The Makefile: it stops at once on a Python the pinned packages cannot run on, and one variable picks
the site generator. Run as dry runs (`make -n`) in a folder with only the requirement files, so nothing
is installed or built."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

# A stand-in for an older interpreter: it runs the code the Makefile gives it with sys.version_info of a
# Python 3.10 (the version the README used to promise), so the Makefile's own check is what is tested.
OLD_PYTHON = f"""#!{sys.executable}
import sys
code = sys.argv[sys.argv.index("-c") + 1]
sys.version_info = (3, 10, 12, "final", 0)
exec(code)
"""


def make(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    for requirements in [*ROOT.glob("requirements*.txt"), ROOT / "package.json", ROOT / "package-lock.json"]:
        shutil.copy2(requirements, tmp_path)
    return subprocess.run(["make", "-n", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), *arguments],
                          capture_output=True, text=True, timeout=60)


def test_an_older_python_stops_make_at_once_with_what_to_do(tmp_path):
    python = tmp_path / "python3.10"
    python.write_text(OLD_PYTHON, "utf-8")
    python.chmod(0o755)
    for goal in ("build", "test", "serve"):
        result = make(tmp_path, goal, f"PYTHON={python}")
        assert result.returncode != 0, result.stdout
        assert "is Python 3.10.12; the pinned packages need Python 3.11.5 or newer" in result.stderr, result.stderr
        assert "mkdocs-material 9.8.1 needs 3.11, pymdown-extensions 13.1 needs 3.11.5" in result.stderr
        assert result.stdout == "", "make went on to print commands"
    missing = make(tmp_path, "build", f"PYTHON={tmp_path / 'no-such-python'}")
    assert missing.returncode != 0 and "(not found)" in missing.stderr, missing.stderr
    assert make(tmp_path, "clean", f"PYTHON={python}").returncode == 0, "clean needs no Python"


def test_this_python_passes_the_check(tmp_path):
    result = make(tmp_path, "build", f"PYTHON={sys.executable}")
    assert result.returncode == 0, result.stderr
    assert ".venv/bin/mkdocs build --strict" in result.stdout
    assert ".venv/bin/python -m macros.finish site" in result.stdout


@pytest.mark.parametrize("generator, command, installs", [
    ("properdocs", ".venv-properdocs/bin/properdocs build --strict -f mkdocs.yml", "-r requirements-properdocs.txt"),
    ("zensical", ".venv-zensical/bin/zensical build --strict --clean -f mkdocs.yml",
     '-r requirements-zensical.txt "zensical==0.0.73"'),
])
def test_one_variable_switches_the_generator(tmp_path, generator, command, installs):
    result = make(tmp_path, "build", f"GENERATOR={generator}", f"PYTHON={sys.executable}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(installs in line for line in lines), result.stdout
    assert lines[-2:] == [command, f".venv-{generator}/bin/python -m macros.finish site"], result.stdout


def test_zensical_can_be_another_release(tmp_path):
    result = make(tmp_path, "build", "GENERATOR=zensical", "ZENSICAL=zensical", f"PYTHON={sys.executable}")
    assert '-r requirements-zensical.txt "zensical"' in result.stdout, result.stdout
    assert "touch .venv-zensical/.installed-zensical" in result.stdout


def test_an_unknown_generator_is_refused(tmp_path):
    result = make(tmp_path, "build", "GENERATOR=hugo", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    assert "GENERATOR is 'hugo'; use mkdocs, properdocs or zensical" in result.stderr
