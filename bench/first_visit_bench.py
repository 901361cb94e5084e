"""First-visit benchmark: what a reader's browser downloads to show a playbook page for the first time, against
a bare Material site with the same text, both served with gzip by the same server (bench/gzip_server.py).

The site is the project's own build. The bare site is built from the same pages (`playbooks render`) with
the theme's defaults: Material and its search, the same markdown extensions, and nothing of the project's
(no features, stylesheets, scripts or template overrides). Chromium opens each page in a fresh profile and
waits for the network to go quiet; every byte the server sent meanwhile counts. Prints the bytes and
requests of the home page and a playbook on both sites, the share of the search index, and the playbook's
ratio (target at most 1.3).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from gzip_server import Served, serving
from library import ROOT, bench_today
from playwright.sync_api import Browser, sync_playwright

TARGET = 1.3
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {"home": "", "a playbook": "playbooks/first-90-days/"}


def mkdocs(*args: str, cwd: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=bench_today().isoformat())
    result = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def bare_config(rendered: dict[str, Any]) -> dict[str, Any]:
    """The rendered site's mkdocs.yml with the theme's defaults: Material, search, the same extensions."""
    keep = ("site_name", "site_url", "docs_dir", "nav", "markdown_extensions")
    return {**{k: rendered[k] for k in keep if k in rendered}, "theme": {"name": "material"}, "plugins": ["search"]}


def build_sites(work: Path) -> tuple[Path, Path]:
    ours, bare = work / "ours", work / "bare"
    mkdocs("build", "--quiet", "--site-dir", str(ours), cwd=ROOT)
    playbooks = Path(sys.executable).parent / "playbooks"
    render = [
        str(playbooks),
        "render",
        str(work / "rendered"),
        "--root",
        str(ROOT),
        "--today",
        bench_today().isoformat(),
    ]
    subprocess.run(render, check=True, capture_output=True)
    config_file = work / "rendered" / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    # The extensions' !!python/name tags stay as written: only the top-level keys are picked.
    rendered = yaml.load(text, Loader=_KeepTags)  # noqa: S506  # a loader that constructs no Python object
    config_file.write_text(yaml.dump(bare_config(rendered), Dumper=_TagDumper, sort_keys=False), encoding="utf-8")
    mkdocs("build", "--quiet", "--site-dir", str(bare), cwd=work / "rendered")
    return ours, bare


class _Tagged:
    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _KeepTags(yaml.SafeLoader):
    pass


class _TagDumper(yaml.SafeDumper):
    pass


_KeepTags.add_multi_constructor("", lambda loader, suffix, node: _Tagged(node.tag, loader.construct_scalar(node)))
_TagDumper.add_representer(_Tagged, lambda dumper, data: dumper.represent_scalar(data.tag, data.value))


def first_visit(browser: Browser, url: str, served: Served) -> list[tuple[str, int]]:
    """(path, bytes) of every request a fresh profile makes to show the page, until the network is quiet."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    mark = served.mark()
    page.goto(url, wait_until="networkidle")
    sent = served.since(mark)
    context.close()
    return sent


def main() -> int:
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bench-visit-") as tmp, sync_playwright() as p:
        ours, bare = build_sites(Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
        results: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for name, site in (("this site", ours), ("bare Material", bare)):
            with serving(site) as (url, served):
                for label, path in PAGES.items():
                    results[name, label] = first_visit(browser, url + path, served)
        browser.close()
    for label in PAGES:
        print(f"first visit to {label} (gzip bytes on the wire, requests):")
        for name in ("this site", "bare Material"):
            sent = results[name, label]
            total = sum(size for _, size in sent)
            index = sum(size for path, size in sent if path.endswith("search_index.json"))
            share = f"; search index {index / 1024:.1f} KB ({100 * index / total:.0f}%)" if total else ""
            print(f"  {name}: {total / 1024:.1f} KB in {len(sent)} requests{share}")
    ratio = sum(s for _, s in results["this site", "a playbook"]) / sum(
        s for _, s in results["bare Material", "a playbook"]
    )
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"a playbook, this site/bare Material: {ratio:.2f} (target at most {TARGET}: {verdict})")
    for path, size in results["this site", "a playbook"]:
        print(f"    {size / 1024:7.1f} KB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
