"""The installed guidebook's icons (manifest.webmanifest, macros/finish.py), drawn from the SVGs beside them
in docs/assets/brand/ with the tests' Chromium: favicon.svg at 192 and 512 pixels, icon-maskable.svg (the
logo edge to edge, inside the circle a launcher's mask keeps) at 512.

After changing the logo or the colours: `.venv/bin/python tests/icons.py` draws them again (and shrinks them
with pngquant and optipng where those are installed); tests/test_offline.py fails while the PNGs do not
match their SVGs.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402

BRAND = Path(__file__).resolve().parent.parent / "docs" / "assets" / "brand"
ICONS = (("favicon.svg", 192, "icon-192.png"), ("favicon.svg", 512, "icon-512.png"),
         ("icon-maskable.svg", 512, "icon-maskable-512.png"))

# In a page: an image (a data: URL) drawn on a canvas of size x size, as RGBA bytes or as a PNG data: URL.
DRAW = """async ([url, size, as]) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0, size, size);
  return as === "png" ? canvas.toDataURL("image/png") : [...context.getImageData(0, 0, size, size).data];
}"""


def data_url(path: Path) -> str:
    kind = "image/svg+xml" if path.suffix == ".svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def drawn(page, path: Path, size: int, as_png: bool = False):
    return page.evaluate(DRAW, [data_url(path), size, "png" if as_png else "pixels"])


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page()
        for source, size, target in ICONS:
            png = drawn(page, BRAND / source, size, as_png=True)
            (BRAND / target).write_bytes(base64.b64decode(png.partition(",")[2]))
            if shutil.which("pngquant"):
                subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality", "80-100",
                                "--output", str(BRAND / target), str(BRAND / target)], check=False)
            if shutil.which("optipng"):
                subprocess.run(["optipng", "-quiet", "-o7", str(BRAND / target)], check=True)
            print(f"{target}: {size}x{size}, {(BRAND / target).stat().st_size:,} bytes")
        browser.close()


if __name__ == "__main__":
    main()
