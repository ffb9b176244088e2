"""``tqcheck variants``: mine an archive for names spelt several ways and draft glossary entries.

A house glossary starts from what the desk actually wrote: the most frequent spelling becomes the
canonical form, the others its variants, with counts and example places in ``notes`` so an editor
can decide. Spellings are clustered by the same calibrated decision as TQ201
(:func:`tqcheck.names.decision.decide`). The output is a normal YAML glossary (it loads and passes ``glossary validate``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tqcheck.cli.common import handle_errors
from tqcheck.document import Document, check_input, expand_inputs
from tqcheck.errors import InputError
from tqcheck.formats import INPUT_FORMATS, load_document
from tqcheck.glossary.model import Entry, Glossary, Origin
from tqcheck.names.clusters import NameCluster, cluster_mentions
from tqcheck.names.mentions import extract_mentions
from tqcheck.textfold import key
from tqcheck.writes import write_output


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in key(text)).split()) or "name"


def _entry(cl: NameCluster, docs: dict[str, Document], used_ids: set[str]) -> Entry | None:
    canonical = cl.spellings[0].text
    seen = {key(canonical)}
    variants = []
    for sp in cl.spellings[1:]:
        if len(sp.cores) != len(cl.spellings[0].cores):
            continue  # a surname alone (Kadhafi by Muammar Gaddafi): a variant would paste the full name
        k = key(sp.text)
        if k not in seen:
            seen.add(k)
            variants.append(sp.text)
    if not variants:
        return None  # the spellings differ only in accents or case, which the matcher folds anyway
    base = _slug(canonical)
    entry_id, n = base, 2
    while entry_id in used_ids:
        entry_id, n = f"{base}-{n}", n + 1
    used_ids.add(entry_id)
    parts = []
    for sp in cl.spellings:
        path, m = sp.mentions[0]
        line, col = docs[path].index.position(m.span.start)
        parts.append(f"{sp.text} {sp.count}x (e.g. {path}:{line}:{col})")
    notes = "Mined by tqcheck variants: " + "; ".join(parts)
    return Entry(
        id=entry_id, canonical=canonical, origin=Origin("<variants>"), variants=variants, notes=notes
    )


def mine(docs: list[Document], min_count: int) -> Glossary:
    """Clusters of two or more spellings with at least ``min_count`` mentions, as glossary entries."""
    by_path = {d.path: d for d in docs}
    pairs = [(d.path, m) for d in docs for m in extract_mentions(d.content, d.lang or "en")]
    entries: list[Entry] = []
    used: set[str] = set()
    for cl in sorted(cluster_mentions(pairs), key=lambda c: -c.count):
        if len(cl.spellings) < 2 or cl.count < min_count:
            continue
        entry = _entry(cl, by_path, used)
        if entry is not None:
            entries.append(entry)
    return Glossary(name=f"Name variants mined from {len(docs)} file(s)", lang="en", entries=entries)


def register(app: typer.Typer) -> None:
    @app.command("variants")
    @handle_errors
    def variants(
        files: Annotated[list[str], typer.Argument(help="Files or directories of articles to mine.")],
        min_count: Annotated[
            int, typer.Option("--min-count", min=1, help="Only names mentioned this often.", metavar="N")
        ] = 2,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Write the YAML glossary to FILE.", metavar="FILE"),
        ] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language of the articles.", metavar="LANG")] = "en",
    ) -> None:
        """Find names spelt several ways across an archive and print them as YAML glossary entries."""
        docs = []
        for item in expand_inputs(files, INPUT_FORMATS.extensions):
            check_input(Path(item))  # no FIFO, device or oversized file
            docs.append(load_document(Path(item), None, lang))
        if not docs:
            raise InputError("no input files")
        glossary = mine(docs, min_count)
        from tqcheck.glossary.yaml_format import dump_yaml  # PyYAML: only this command writes it

        text = dump_yaml(
            glossary, {"description": "Draft: review every entry before adding it to a glossary."}
        )
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_output(str(output), text.encode("utf-8"))
        typer.echo(
            f"{len(glossary.entries)} name(s) with several spellings in {len(docs)} file(s).", err=True
        )
