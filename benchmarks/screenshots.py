"""Screenshots of the HTML review page, and the weight of a large one.

Renders the seed fixture, a bilingual pair (``--source``) and an XLIFF file as review pages,
opens each in the system Chromium (Playwright, no download: Debian's ``chromium``) and saves a
screenshot at desktop width and at 400 px, with the first finding selected (``j``), into the
folder given. Then builds a report of about 2,000 findings (the seed article repeated) and prints
the page's size, which must stay far below the 1.9 MB the old page weighed.

    python benchmarks/screenshots.py OUT_DIR [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "afp-idleb-2018-01-11.en.txt"
#: Inputs relative to the repository (the CLI runs there), so the pages show short paths.
PAGES = {
    "seed": ["fixtures/afp-idleb-2018-01-11.en.txt"],
    "bilingual": ["fixtures/bilingual/article.en.txt", "--source", "fixtures/bilingual/article.fr.txt"],
    "xliff": ["fixtures/bilingual/article.xlf"],
}
WIDTHS = {"desktop": (1366, 900), "400px": (400, 860)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--disable-sync"]


def render(args: list[str], out: Path) -> Path:
    """``tqcheck check ARGS -f html -o OUT`` (exit 1 just means there were findings)."""
    cmd = [sys.executable, "-m", "tqcheck", "check", *args, "-f", "html", "-o", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr}")
    return out


def large_page(tmp: Path, copies: int = 75) -> tuple[int, int, int]:
    """Page size, finding count and text size (bytes) for one long article (the seed repeated)."""
    article = tmp / "long.en.txt"
    article.write_text(SEED.read_text(encoding="utf-8") * copies, encoding="utf-8")
    json_out = tmp / "long.json"
    subprocess.run(
        [sys.executable, "-m", "tqcheck", "check", str(article), "-f", "json", "-o", str(json_out)],
        cwd=ROOT,
        capture_output=True,
    )
    findings = len(json.loads(json_out.read_text(encoding="utf-8"))["findings"])
    page = render([str(article)], tmp / "long.html")
    return page.stat().st_size, findings, article.stat().st_size


def shoot(pages: dict[str, Path], out_dir: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for name, page_path in pages.items():
            for label, (w, h) in WIDTHS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(page_path.as_uri())
                page.keyboard.press("j")
                if errors:
                    raise SystemExit(f"{name}: script error: {errors[0]}")
                shot = out_dir / f"{name}-{label}.png"
                page.screenshot(path=str(shot))
                shots.append(shot)
                page.close()
        browser.close()
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ns = ap.parse_args()
    ns.out_dir.mkdir(parents=True, exist_ok=True)
    pages = {name: render(args, ns.out_dir / f"{name}.html") for name, args in PAGES.items()}
    for name, path in pages.items():
        print(f"{name}: {path} ({path.stat().st_size / 1024:.1f} KiB)")
    for shot in shoot(pages, ns.out_dir, ns.chromium):
        print(f"screenshot: {shot}")
    with tempfile.TemporaryDirectory() as tmp:
        size, n, text = large_page(Path(tmp))
    print(
        f"large report: {n} findings, page {size / 1024:.0f} KiB, of which the article itself "
        f"{text / 1024:.0f} KiB (the old page: 1.9 MB for 2,100 findings)"
    )


if __name__ == "__main__":
    main()
