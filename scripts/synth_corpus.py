"""Write a synthetic handbook project N times the size of the sample, for benchmarks.

Usage: .venv/bin/python scripts/synth_corpus.py --scale 10 /tmp/corpus-10x

Copy 1 is the sample itself; copies 2..N repeat every regulation, flow, activity, unit and role
under new ids (`<id>-x<k>`) with every reference rewritten, so each copy is as linked as the
sample and the whole corpus passes `handbook check`. The book's structure, the glossary, the assessment and the
hand-written pages are shared: a larger organisation has more rules and units, not a larger
dictionary. Extend `CLONED` when a new source kind arrives.
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ("mkdocs.yml", "book.yaml", "glossary.yaml", "docs", "package.json", "assessment")
CLONED = ("regulations", "activities", "flows", "organisation/units")
ROLES = "organisation/roles.yaml"
SHARED_EMBED = re.compile(r"(\{\{rules:[^}]*\}\})")


def source_ids(root: Path) -> list[str]:
    """The ids of every cloned object: file stems, plus the role ids."""
    ids = [path.stem for folder in CLONED for path in (root / folder).iterdir() if path.is_file()]
    roles = yaml.safe_load((root / ROLES).read_text(encoding="utf-8"))["roles"]
    return ids + [role["id"] for role in roles]


def renamer(ids: list[str], copy: int) -> Callable[[str], str]:
    """A function rewriting every id (as a whole ASCII token) to its name in copy `copy`."""
    # Longest first, so that `a-b` is not rewritten as `a` followed by `-b`.
    pattern = re.compile(
        r"(?<![A-Za-z0-9_-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![A-Za-z0-9_-])"
    )
    suffix = f"-x{copy}"

    def rename(text: str) -> str:
        """Rewrite ids and mark titles, so that copies are told apart in the navigation."""
        # The assessment is shared, not cloned: its embeds ({{rules:max zuzhibu}}) keep their ids.
        parts = SHARED_EMBED.split(text)
        text = "".join(
            part if SHARED_EMBED.fullmatch(part) else pattern.sub(lambda m: m.group(1) + suffix, part) for part in parts
        )
        return re.sub(r"^(\s*-?\s*title: )(.+)$", rf"\g<1>\g<2>（{copy}）", text, flags=re.MULTILINE)

    return rename


def write_corpus(out: Path, scale: int) -> None:
    """Write the project of `scale` copies of the sample into `out` (replacing it)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in SHARED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, out / name)
    # Installed assets, the engine (watched by mkdocs serve) and the MkDocs hooks mkdocs.yml names.
    for linked in ("node_modules", "handbook", "hooks"):
        (out / linked).symlink_to(ROOT / linked, target_is_directory=True)
    ids = source_ids(ROOT)
    roles_text = (ROOT / ROLES).read_text(encoding="utf-8")
    roles_body = roles_text.split("roles:\n", 1)[1]
    all_roles = [roles_text]
    for folder in CLONED:
        (out / folder).mkdir(parents=True, exist_ok=True)
        for path in (ROOT / folder).iterdir():
            shutil.copy(path, out / folder / path.name)
    for copy in range(2, scale + 1):
        rename = renamer(ids, copy)
        for folder in CLONED:
            for path in (ROOT / folder).iterdir():
                target = out / folder / f"{path.stem}-x{copy}{path.suffix}"
                target.write_text(rename(path.read_text(encoding="utf-8")), encoding="utf-8")
        all_roles.append(rename(roles_body))
    (out / ROLES).write_text("".join(all_roles), encoding="utf-8")


def main() -> None:
    """Parse the arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="how many times the sample (default 10)")
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    args = parser.parse_args()
    write_corpus(args.out, args.scale)
    print(f"{args.out}: {args.scale}× the sample")


if __name__ == "__main__":
    main()
