"""Advisor: what the customer just signalled, and what the advisor could say or look up.

For each final customer utterance: `signal` events (objections, refusal, complaint intent,
agreement; KB signal patterns plus similarity to their example utterances), `suggestion` events
with the scripts that handle those signals (or, with no signal, the scripts whose example
utterances resemble what was said), and `fact` events when a product or a feature is asked about.
Suggestions are capped per utterance and not repeated within a window of session time, so the
advisor's panel stays calm.
"""

from __future__ import annotations

from copilot.analyzers.base import PerCallState
from copilot.analyzers.config import AnalyzerConfig
from copilot.analyzers.context import ProductSpotter, labelled_texts, labelled_without
from copilot.analyzers.items import ItemFinder, ItemHit
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Match, Target
from copilot.events import Event, FactEvent, SignalEvent, SuggestionEvent
from copilot.session import SessionView
from copilot.utterance import Utterance


def signal_matcher(kb, config: AnalyzerConfig, normalize, embedder=None) -> ExampleMatcher:
    t = config.thresholds
    labelled = labelled_texts(kb, "signals")
    targets = [
        Target(s.id, tuple(s.patterns), tuple(s.exceptions),
               (*s.examples, *s.paraphrases, *labelled.get(s.id, ())), tuple(s.negatives))
        for s in kb.signals
    ]
    cutoffs = Cutoffs(t.lexical_signal, t.dense_signal, t.negative_margin, t.model_signal)
    # Customer sentences that voice no signal: questions about products, and what brings up
    # scripts that handle no signal.
    background = [e for f in kb.facts for e in f.examples]
    background += [e for s in kb.scripts if not s.handles for e in s.examples]
    background += labelled_without(kb, "customer", "signals")
    return ExampleMatcher(targets, cutoffs, normalize, kb.meta.negation_cues, embedder, background)


class Advisor(PerCallState):
    """Signals, script suggestions and product facts for customer speech."""

    def __init__(
        self,
        kb,
        config: AnalyzerConfig,
        signals: ExampleMatcher,
        finder: ItemFinder,
        normalize,
    ) -> None:
        self.config = config
        self.signals = signals
        self.finder = finder
        self.normalize = normalize
        self.spotter = ProductSpotter(kb.products, normalize)
        self.product_names = {p.id: p.name for p in kb.products}
        self.reset()

    def reset(self) -> None:
        self.products: list[str] = []  # in play, most recent last
        self._shown: dict[str, int] = {}  # item id -> t_ms last shown

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        if not utterance.final:
            return []
        text = self.normalize(utterance.text)
        for product in self.spotter.find(text):
            self.products = [p for p in self.products if p != product] + [product]
        if utterance.speaker != "customer":
            return []
        found = self.signals.match(text, final=True)
        strict = self.config.vocabulary.pattern_only_signals
        found = {k: m for k, m in found.items() if m.via == "pattern" or k not in strict}
        events: list[Event] = [self._signal_event(utterance, m) for m in found.values()]
        events += self._suggestions(utterance, text, found)
        events += self._facts(utterance, text)
        self._mark_shown(events)
        return events

    def _signal_event(self, utterance: Utterance, match: Match) -> SignalEvent:
        return SignalEvent(
            t_ms=utterance.end_ms,
            utterance_id=utterance.id,
            signal=match.target,
            score=match.score,
            text=utterance.text,
            matched=match.matched,
        )

    def _suggestions(self, utterance: Utterance, text: str, found: dict[str, Match]) -> list[Event]:
        t = self.config.thresholds
        handles = tuple(found)
        products = tuple(self.products)
        k = t.max_suggestions * 3
        if handles:
            hits = self.finder.search(text, k=k, kind="script", handles=handles, products=products)
            # the best script for the signal always; more only when they also fit the words
            hits = hits[:1] + [h for h in hits[1:] if h.score >= t.suggestion_also_min]
        else:
            hits = self.finder.search(
                text, k=k, kind="script", products=products, min_score=t.suggestion_min
            )
        events: list[Event] = []
        for hit in self._fresh(hits, utterance.end_ms)[: t.max_suggestions]:
            item = hit.item
            answers = next((h for h in item.handles if h in found), "") or utterance.text
            events.append(
                SuggestionEvent(
                    t_ms=utterance.end_ms,
                    utterance_id=utterance.id,
                    item_id=item.id,
                    kind=item.kind,
                    handles=tuple(item.handles),
                    score=round(hit.score, 3),
                    title=item.title,
                    text=item.text,
                    answers=answers,
                )
            )
        return events

    def _facts(self, utterance: Utterance, text: str) -> list[Event]:
        t = self.config.thresholds
        hits = self.finder.search(
            text, k=t.max_facts * 3, kind="fact", products=tuple(self.products), min_score=t.fact_min
        )
        if not hits and self.products:  # asked about a product not yet named: ask more of it
            hits = self.finder.search(
                text, k=t.max_facts * 3, kind="fact", min_score=t.fact_min + t.fact_other_product
            )
        return [
            FactEvent(
                t_ms=utterance.end_ms,
                utterance_id=utterance.id,
                item_id=hit.item.id,
                product=hit.item.product,
                product_name=self.product_names.get(hit.item.product, ""),
                title=hit.item.title,
                text=hit.item.text,
                score=round(hit.score, 3),
            )
            for hit in self._fresh(hits, utterance.end_ms)[: t.max_facts]
        ]

    def _fresh(self, hits: list[ItemHit], now: int) -> list[ItemHit]:
        """Hits not shown within the window; marks the returned ones as shown."""
        window = self.config.thresholds.suggestion_window_ms
        return [h for h in hits if now - self._shown.get(h.item.id, now - window - 1) > window]

    def _mark_shown(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, (SuggestionEvent, FactEvent)):
                self._shown[event.item_id] = event.t_ms
