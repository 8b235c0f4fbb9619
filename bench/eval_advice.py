"""`make eval`, second part: does the advisor see the right script or fact when the customer asks?

    python -m bench.eval_advice [--kb DIR] [--data DIR] [--misses]

`copilot kb eval` measures the KB search ranking; this measures what the advisor window really
shows: every labelled query of the KB (`eval/queries.jsonl`, customer questions and objections
with the items that answer them) is said by the customer in a fresh session through all the
analyzers, and the suggestion and fact cards it produces are scored:

- shown: the share of queries after which any card appears;
- relevant shown: a card for one of the query's relevant items appears (at most 3 scripts and
  2 facts are shown);
- relevant first: the first script or the first fact card is a relevant one.

The other side of the balance is noise: customer lines of the labelled call sets (tuned and the dev sets,
`tests/data`) that voice no signal are said the same way, and the share of them that bring up a
card is printed (some are genuine product questions, so this is an upper bound of the noise).
A baseline in the same run always shows the KB search's top script and top fact.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench.eval_data import labels, load_utterances, run_main
from copilot.analyzers.templates import fresh_analyzers
from copilot.kb import load_kb
from copilot.retrieval import Retriever
from copilot.retrieval.evaluate import read_queries
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.utterance import Utterance

REPO = Path(__file__).resolve().parent.parent
CARDS = ("suggestion", "fact")


@dataclass
class Tally:
    n: int = 0
    shown: int = 0
    relevant: int = 0
    first: int = 0

    def add(self, cards: list[tuple[str, str]], relevant: set[str]) -> None:
        self.n += 1
        ids = [item for _, item in cards]
        firsts = {next((i for t, i in cards if t == kind), None) for kind in CARDS} - {None}
        self.shown += bool(ids)
        self.relevant += bool(relevant & set(ids))
        self.first += bool(relevant & firsts)

    def row(self, name: str) -> str:
        share = lambda x: x / self.n if self.n else float("nan")  # noqa: E731
        return (f"  {name:<24} {share(self.shown):6.3f} {share(self.relevant):9.3f} "
                f"{share(self.first):8.3f} {self.n:8d}")


class AdvisorRun:
    """Says one customer line in a fresh session and returns the cards it brought up."""

    def __init__(self, kb, settings: Settings) -> None:
        self.analyzers = fresh_analyzers(kb, settings)

    def cards(self, text: str) -> list[tuple[str, str]]:
        session = Session(analyzers=self.analyzers,
                          info=SessionInfo(started_at=datetime(2026, 11, 20, 10, 0).astimezone()))
        session.start()
        events = session.feed(Utterance("q", "customer", 0, 3000, text))
        return [(e.type, e.item_id) for e in events if e.type in CARDS]


class SearchBaseline:
    """Always the KB search's best script and best fact (lexical): most help, most noise."""

    def __init__(self, kb) -> None:
        self.retriever = Retriever.for_kb(kb)

    def cards(self, text: str) -> list[tuple[str, str]]:
        cards = []
        for kind, card in (("script", "suggestion"), ("fact", "fact")):
            cards += [(card, h.id) for h in self.retriever.search(text, k=1, mode="lexical", kind=kind)]
        return cards


def neutral_customer_lines(data: Path) -> list[str]:
    """Customer lines of the tuned and dev sets (single utterances and calls) with no signal."""
    rows = []
    for folder in (data, *sorted(data.glob("dev*"))):
        rows += load_utterances(folder / "utterances.jsonl")
        for call in sorted((folder / "calls").glob("*.jsonl")):
            rows += load_utterances(call)
    return sorted({r["text"] for r in rows if r.get("speaker") == "customer" and not labels(r, "signals")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_advice")
    parser.add_argument("--kb", default=str(REPO / "knowledge" / "demo-zh"))
    parser.add_argument("--data", default=str(REPO / "tests" / "data"))
    parser.add_argument("--misses", action="store_true", help="list the queries whose answer is not shown")
    parser.add_argument("--embedding-model", default="", metavar="NAME|PATH",
                        help="also use dense matching (a model that reads the KB's language)")
    args = parser.parse_args(argv)
    settings = Settings(embedding_model=args.embedding_model)
    kb = load_kb(args.kb)
    queries = read_queries(Path(args.kb) / "eval" / "queries.jsonl", need_relevant=True)
    neutral = neutral_customer_lines(Path(args.data)) if kb.meta.language == "zh" else []
    print(f"\nAdvice shown to the advisor — KB {kb.meta.id}: {len(queries)} labelled customer queries, "
          f"{len(neutral)} customer lines with no signal")
    print(f"  {'':<24} {'shown':>6} {'relevant':>9} {'first':>8} {'queries':>8}   noise (no-signal lines)")
    for name, runner in (("analyzers", AdvisorRun(kb, settings)), ("baseline: search top-1", SearchBaseline(kb))):
        tally = Tally()
        misses = []
        for q in queries:
            cards = runner.cards(q.text)
            tally.add(cards, set(q.relevant))
            if not set(q.relevant) & {i for _, i in cards}:
                misses.append((q.text, q.relevant, cards))
        noisy = sum(bool(runner.cards(text)) for text in neutral)
        noise = f"{noisy / len(neutral):.3f}" if neutral else "n/a"
        print(tally.row(name) + f"   {noise}")
        if args.misses and name == "analyzers":
            for text, relevant, cards in misses:
                print(f"    miss: {text}  want {relevant}  got {[i for _, i in cards]}")
    return 0


if __name__ == "__main__":
    run_main(main)
