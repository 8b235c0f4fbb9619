"""The real-time analyzers that turn utterances into advice, all driven by the KB.

`build_analyzers` returns them in the order the session feeds them, which matters: each reads
what earlier ones published through the session's event log, never through references.
  0. StartupNotices    notices about how they were built (dense matching off, ...)
  1. Advisor           signal / suggestion / fact          (customer speech)
  2. SopTracker        stage / step_done (+ next-step hint) (reads signal events: objections
                       take the call to objection handling)
  3. ComplianceGuard   violation / disclosure / missing_disclosure / call-window notice
                       (reads stage and signal events)
  4. ProfileExtractor  profile (+ computed star level)
"""

from __future__ import annotations

from copilot.analyzers.advisor import Advisor, signal_matcher
from copilot.analyzers.compliance import ComplianceGuard, rule_matchers, violation_verifier
from copilot.analyzers.config import AnalyzerConfig, load_config
from copilot.analyzers.context import kb_normalizer
from copilot.analyzers.items import ItemFinder
from copilot.analyzers.matcher import QueryCache, RetrieverQueries
from copilot.analyzers.profile import ProfileExtractor, load_profile_spec
from copilot.analyzers.sop_tracker import SopTracker, stage_classifier, step_matcher
from copilot.errors import CopilotError
from copilot.events import Event, NoticeEvent

__all__ = [
    "Advisor",
    "AnalyzerConfig",
    "ComplianceGuard",
    "ProfileExtractor",
    "SopTracker",
    "build_analyzers",
]


def build_analyzers(kb, settings=None, embedder=None, config: AnalyzerConfig | None = None) -> list:
    """Advisor, SopTracker, ComplianceGuard, ProfileExtractor for `kb` (after startup notices).

    `embedder` (copilot.retrieval's Embedder) adds dense similarity on final utterances; without
    it, and when settings name an embedding model, the model is loaded through copilot.retrieval.
    """
    config = config or load_config(kb, settings)
    if embedder is None:
        embedder = _settings_embedder(settings)
    notices: list[Event] = []
    if embedder is not None and not _readable(embedder, kb, config):
        notices.append(NoticeEvent(
            t_ms=0, code="dense_matching_off",
            message=f"embedding model {embedder.model_id} cannot read this KB's language; "
            "matching is lexical only (install a model that reads it: copilot models --help)",
        ))
        embedder = None
    retriever = _item_retriever(kb, embedder, notices)
    if embedder is not None:
        embedder = RetrieverQueries(retriever) if retriever.has_dense else QueryCache(embedder)
    normalize = kb_normalizer(kb)
    t = config.thresholds
    return [
        StartupNotices(notices),
        Advisor(
            kb, config, signal_matcher(kb, config, normalize, embedder),
            ItemFinder(retriever, normalize, t.tag_boost, t.dense_item), normalize,
        ),
        SopTracker(
            kb, config, step_matcher(kb, config, normalize, embedder), normalize,
            stage_classifier(kb, config, normalize),
        ),
        ComplianceGuard(
            kb, config, rule_matchers(kb, config, normalize, embedder), normalize,
            violation_verifier(kb, normalize),
        ),
        ProfileExtractor(kb, load_profile_spec(kb), normalize),
    ]


class StartupNotices:
    """Publishes what was decided while building the analyzers (e.g. dense matching off)."""

    def __init__(self, notices: list[Event]) -> None:
        self.notices = notices

    def start(self, session) -> list[Event]:
        return list(self.notices)

    def feed(self, utterance, session) -> list[Event]:
        return []

    def finish(self, session) -> list[Event]:
        return []


def _item_retriever(kb, embedder, notices: list[Event]):
    """copilot.retrieval's index over the KB's items (cached on disk across sessions): BM25, plus
    vectors when a model reads the KB. If the vectors fail, suggestions stay lexical."""
    from copilot.retrieval import Retriever

    if embedder is not None:
        try:
            return Retriever.for_kb(kb, embedder=embedder)
        except (ImportError, CopilotError, OSError) as exc:
            notices.append(NoticeEvent(
                t_ms=0, code="dense_items_off",
                message=f"dense search over scripts and facts is off ({exc}); suggestions are lexical",
            ))
    return Retriever.for_kb(kb)


def _readable(embedder, kb, config: AnalyzerConfig) -> bool:
    rate = getattr(embedder, "unknown_token_rate", None)
    if rate is None:
        return True
    sample = [e for s in kb.signals for e in s.examples] + [e for r in kb.rules for e in r.examples]
    return rate(sample) <= config.thresholds.max_unknown_token_rate


def _settings_embedder(settings):
    if settings is None or not getattr(settings, "embedding_model", ""):
        return None
    try:
        from copilot.retrieval import load_embedder
    except ImportError:
        return None
    return load_embedder(settings)
