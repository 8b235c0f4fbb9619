"""`copilot kb ...`: validate, build, search and evaluate a knowledge base folder.

Subcommands are registered by the functions in SUBCOMMANDS, then by any `copilot/cli/kb_*.py`
module that defines `register_kb(kb_subparsers)`, so other tools (edit, test, diff, import, gaps)
join the same `kb` group by adding a module, without touching this one.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

import copilot.cli as cli_package
from copilot.cli._common import positive_int
from copilot.errors import CopilotError

MODES = ("lexical", "dense", "hybrid")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "kb",
        help="validate, build, search and evaluate a knowledge base",
        description="Work with a knowledge base folder (see knowledge/FORMAT.md).",
    )
    kb_sub = parser.add_subparsers(dest="kb_command", metavar="SUBCOMMAND")
    for add in SUBCOMMANDS:
        add(kb_sub)
    for module in _extension_modules():
        module.register_kb(kb_sub)
    parser.set_defaults(handler=lambda args: _help(parser))


def _extension_modules() -> list:
    modules = []
    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if info.name.startswith("kb_"):
            module = importlib.import_module(f"{cli_package.__name__}.{info.name}")
            if hasattr(module, "register_kb"):
                modules.append(module)
    return modules


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# ---- validate -------------------------------------------------------------------------------


def add_validate(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("validate", help="check a KB folder and list every problem as file:line",
                          description="Check every file of a KB. Exit 1 on errors, 0 with warnings only.")
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.add_argument("--quiet", action="store_true", help="print errors only, not warnings")
    p.set_defaults(handler=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from copilot.kb.loader import check_kb

    kb, problems = check_kb(args.dir)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for problem in problems:
        if problem.is_error or not args.quiet:
            label = "error" if problem.is_error else "warning"
            print(f"{problem.where}: {label}: {problem.message}"
                  + (f"; {problem.fix}" if problem.fix else ""))
    side_error = _analyzer_settings_error(args.dir, kb)
    if side_error:
        errors.append(side_error)
        print(f"{side_error.path}{f':{side_error.line}' if side_error.line else ''}: error: "
              f"{side_error.problem}" + (f"; {side_error.fix}" if side_error.fix else ""))
    if errors:
        print(f"{args.dir}: {len(errors)} error(s), {len(warnings)} warning(s)")
        return 1
    print(f"{args.dir}: OK ({_counts(kb)}), {len(warnings)} warning(s)")
    return 0


def _analyzer_settings_error(path: str, kb=None):
    """analyzers.yaml is read when the analyzers are built; validate checks it the same way
    (against the KB's SOP when the KB loaded)."""
    from types import SimpleNamespace

    from copilot.analyzers.config import load_config
    from copilot.errors import InputError

    try:
        load_config(SimpleNamespace(root=Path(path), sop=getattr(kb, "sop", None)))
    except InputError as exc:
        return exc
    return None


def _counts(kb) -> str:
    return (f"{len(kb.products)} products, {len(kb.facts)} facts, {len(kb.scripts)} scripts, "
            f"{len(kb.bulk)} bulk items, {len(kb.rules)} rules, {len(kb.signals)} signals, "
            f"{len(kb.sops)} SOP(s), {len(kb.labelled)} labelled lines")


# ---- shared: KB + retriever ------------------------------------------------------------------


def add_retrieval_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--embedding-model", metavar="NAME|PATH",
                   help="embedding model (installed name or folder); default: the setting")
    p.add_argument("--index", choices=("auto", "flat", "hnsw"), default="auto",
                   help="vector index kind (default: flat up to 100k rows, HNSW above)")
    p.add_argument("--cache-dir", metavar="DIR", help="index cache folder (default: user cache)")


def open_retriever(args: argparse.Namespace):
    """Load the KB (validated) and its retriever with the chosen or configured embedding model."""
    from copilot.kb import load_kb
    from copilot.retrieval import Retriever, load_embedder, load_embedder_from
    from copilot.settings import load_settings

    kb = load_kb(args.dir)
    if args.embedding_model:
        embedder = load_embedder_from(args.embedding_model)
    else:
        embedder = load_embedder(load_settings())
    cache = Path(args.cache_dir) if args.cache_dir else None
    return kb, Retriever.for_kb(kb, embedder=embedder, cache_dir=cache, index_kind=args.index)


# ---- build ----------------------------------------------------------------------------------


def add_build(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("build", help="build (or refresh) the KB's search index cache",
                          description="Validate the KB and build its lexical and vector indexes.")
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    add_retrieval_options(p)
    p.set_defaults(handler=run_build)


def run_build(args: argparse.Namespace) -> int:
    _check_cache_folder(Path(args.cache_dir) if args.cache_dir else None)
    kb, retriever = open_retriever(args)
    s = retriever.stats
    dense = (f"dense {s.dense_kind} index: {s.embedded} rows embedded, {s.reused} from cache"
             if retriever.has_dense else f"no dense index ({retriever.notice})")
    print(f"{kb.meta.id} ({kb.content_hash}): {len(retriever.items)} items, {s.rows} rows; "
          f"lexical {'from cache' if s.lexical_cached else 'built'}; {dense}; {s.seconds:.2f} s")
    return 0


def _check_cache_folder(folder: Path | None) -> None:
    """Search falls back to an in-memory index when the cache cannot be written; `kb build`
    exists to write it, so an unusable cache folder is an error here, not a quiet success."""
    from copilot import paths

    folder = folder or paths.index_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CopilotError(f"{folder}: cannot create the index cache folder ({exc.strerror}); "
                           "move the file that is in the way, or pass --cache-dir") from exc


# ---- search ---------------------------------------------------------------------------------


def add_search(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("search", help="search a KB's facts and scripts",
                          description="Search one query, or a batch from --queries Q.jsonl "
                                      '(lines {"id","text"}; output lines {"query_id","hits"}).')
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.add_argument("query", nargs="?", help="what the customer said")
    p.add_argument("--queries", metavar="Q.jsonl", help="batch mode: one query per line")
    p.add_argument("--k", type=positive_int, default=5, help="number of hits (default 5)")
    p.add_argument("--mode", choices=MODES, default="hybrid", help="default hybrid")
    p.add_argument("--kind", choices=("fact", "script"), help="only facts or only scripts")
    p.add_argument("--product", metavar="ID", help="items of this product (and general ones)")
    p.add_argument("--stage", metavar="ID", help="items of this SOP stage (and stage-less ones)")
    p.add_argument("--handles", metavar="SIGNAL", help="scripts handling this customer signal")
    p.add_argument("--json", action="store_true", help="JSON output")
    add_retrieval_options(p)
    p.set_defaults(handler=run_search)


def run_search(args: argparse.Namespace) -> int:
    if bool(args.query) == bool(args.queries):
        raise CopilotError('give either a query ("...") or --queries Q.jsonl')
    queries = None
    if args.queries:
        from copilot.retrieval.evaluate import read_queries

        queries = read_queries(args.queries)  # bad input stops before any loading
    _, retriever = open_retriever(args)
    if args.mode == "dense" and not retriever.has_dense:
        raise CopilotError(f"--mode dense needs an embedding model: {retriever.notice}")
    mode = args.mode if retriever.has_dense else "lexical"
    filters = {"kind": args.kind, "product": args.product, "stage": args.stage,
               "handles": args.handles}
    _check_filters(retriever.items, filters)
    if queries is not None:
        for query in queries:
            hits = retriever.search(query.text, k=args.k, mode=mode, **filters)
            print(json.dumps({"query_id": query.id, "hits": [_hit_json(h) for h in hits]},
                             ensure_ascii=False))
        return 0
    hits = retriever.search(args.query, k=args.k, mode=mode, **filters)
    if args.json:
        print(json.dumps({"query": args.query, "mode": mode, "hits": [
            {**_hit_json(h), "title": h.item.title, "text": h.item.text} for h in hits]},
            ensure_ascii=False))
        return 0
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank}. [{hit.kind}] {hit.id}  {hit.score:.3f}  {hit.item.title}")
        print(f"   {_short(hit.item.text)}")
    if not hits:
        print("no match")
    return 0


def _check_filters(items, filters: dict) -> None:
    """A mistyped --product/--stage/--handles would quietly search something else: refuse
    values that no item of this KB carries, and list the ones that exist."""
    for name in ("product", "stage", "handles"):
        value = filters.get(name)
        if not value:
            continue
        known = sorted({v for item in items
                        for v in (item.handles if name == "handles" else (getattr(item, name),))
                        if v})
        if value not in known:
            raise CopilotError(f"--{name} {value!r}: no item of this KB has it; "
                               f"use one of {', '.join(known) or '(none)'}")


def _hit_json(hit) -> dict:
    return {"id": hit.id, "score": round(hit.score, 6), "kind": hit.kind}


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- eval -----------------------------------------------------------------------------------


def add_eval(kb_sub: argparse._SubParsersAction) -> None:
    p = kb_sub.add_parser("eval", help="Recall@1, Recall@5 and MRR of lexical, dense and hybrid",
                          description='Evaluate retrieval on labelled queries (lines {"id","text",'
                                      '"relevant":[item ids]}); prints the three modes side by side.')
    p.add_argument("dir", metavar="DIR", help="knowledge base folder")
    p.add_argument("queries", metavar="QUERIES.jsonl", help="labelled queries")
    p.add_argument("--misses", action="store_true", help="list queries missed in the top 5")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    add_retrieval_options(p)
    p.set_defaults(handler=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from copilot.retrieval.evaluate import evaluate, format_table, read_queries, unknown_relevant

    queries = read_queries(args.queries, need_relevant=True)  # bad input stops before any loading
    _, retriever = open_retriever(args)
    for query, item_id in unknown_relevant(queries, retriever):
        print(f"{args.queries}:{query.line}: warning: relevant id '{item_id}' is not an item of "
              "this KB", file=sys.stderr)
    rows: list = []
    for mode in MODES:
        if mode != "lexical" and not retriever.has_dense:
            rows.append((mode, f"no embedding model ({retriever.notice})"))
        else:
            rows.append(evaluate(retriever, queries, mode))
    if args.json:
        print(json.dumps([r.__dict__ if not isinstance(r, tuple) else {"mode": r[0], "note": r[1]}
                          for r in rows], ensure_ascii=False, default=list))
    else:
        print(format_table(rows))
    if args.misses:
        texts = {q.id: q for q in queries}
        for row in rows:
            if not isinstance(row, tuple):
                for qid in row.misses:
                    print(f"{row.mode} miss {qid}: {texts[qid].text} -> {list(texts[qid].relevant)}")
    return 0


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_validate, add_build, add_search, add_eval,
]
