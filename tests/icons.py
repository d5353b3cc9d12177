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

# In a page: an image (a data: URL) drawn on a canvas of size x size.
DRAW = """const draw = async (url, size) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
  canvas.getContext("2d").drawImage(image, 0, 0, size, size);
  return canvas;
};"""
# As a PNG data: URL.
AS_PNG = f"""async ([url, size]) => {{ {DRAW} return (await draw(url, size)).toDataURL("image/png"); }}"""
# How far two images drawn at one size are apart: the mean difference of an RGBA channel (0-255), computed
# in the page (a 512 px image's million channel values would cross Playwright's protocol as JSON).
DIFFERENCE = f"""async ([one, other, size]) => {{
  {DRAW}
  const pixels = async (url) => (await draw(url, size)).getContext("2d").getImageData(0, 0, size, size).data;
  const [a, b] = [await pixels(one), await pixels(other)];
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}}"""


def data_url(path: Path) -> str:
    kind = "image/svg+xml" if path.suffix == ".svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def difference(page, one: Path, other: Path, size: int) -> float:
    """The mean difference of a channel between two images drawn at size x size pixels."""
    return page.evaluate(DIFFERENCE, [data_url(one), data_url(other), size])


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page()
        for source, size, target in ICONS:
            png = page.evaluate(AS_PNG, [data_url(BRAND / source), size])
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
