"""Find the headless Chromium the browser tests drive, or install one (`python tests/chromium.py --install`).

Playwright's own browser download does not work everywhere (not on our CI machines), so we prefer a
system Chromium: $CHROMIUM_PATH first, then the usual install locations, then a Chromium that
`playwright install` put in its cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

USUAL_PATHS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
# Keep Chromium from calling home: the tests may reach 127.0.0.1 only.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """The path of a Chromium executable, or None when there is none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for path in USUAL_PATHS:
        if Path(path).is_file():
            return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def install() -> None:
    """Debian's package where we may use apt (CI runs as root), else Playwright's download."""
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    else:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)


if __name__ == "__main__":
    path = find_chromium()
    if path is None and "--install" in sys.argv:
        print("No Chromium found: installing one for the browser tests.", flush=True)
        install()
        path = find_chromium()
    if path is None:
        sys.exit("No Chromium found. Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH.")
    print(f"Browser tests use {path}")
