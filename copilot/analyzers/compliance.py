"""ComplianceGuard: what the advisor must not say, what they must say, and when they may call.

- Violations (advisor speech only): a rule's pattern hit on a partial is `raised` at once; the
  final `confirmed` or `withdrawn` it. One raised/confirmed pair per rule per utterance, so the
  advisor's panel never flickers. Paraphrases without a pattern are caught on the final by
  similarity to the rule's examples (and vetoed by its negatives).
- After a clear customer refusal (a signal event in the log), further sales push by the advisor
  (speech like the SOP's selling steps or selling scripts) is the KB's pressure rule.
- Disclosures: `disclosure` when said; when the advisor does a closing step in so many words
  (a step_done event of a closing stage: asking for the decision, confirming the order) while
  the call is in a closing stage, or the customer agrees (a signal event), `missing_disclosure`
  lists the applicable ones still unsaid. Neither the stage nor a step alone: the stage model may
  move to closing on a sentence that merely reads like it, and a premium quoted while
  introducing the product reads like the closing recap step; a false "still unsaid" warning
  costs trust. (Both together: missing disclosures right in 47 of 49 dev calls, 45 with the
  step alone.)
  Product-dependent ones (`applies_to`) count only when a product they apply to is in play.
- A notice at start when the session begins outside the permitted call window.
"""

from __future__ import annotations

from datetime import time

from copilot.analyzers.config import AnalyzerConfig
from copilot.analyzers.context import (
    EventCursor,
    ProductSpotter,
    kb_stages,
    labelled_rule_examples,
    labelled_without,
)
from copilot.analyzers.hit_verifier import HitVerifier, hit_samples
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Match, Target
from copilot.events import (
    DisclosureEvent,
    Event,
    MissingDisclosureEvent,
    NoticeEvent,
    SignalEvent,
    StageEvent,
    StepDoneEvent,
    ViolationEvent,
)
from copilot.patterns import PatternSet
from copilot.session import SessionView
from copilot.text import clauses
from copilot.utterance import Utterance

PUSH = "sales_push"


def rule_matchers(kb, config: AnalyzerConfig, normalize, embedder=None):
    """(violation matcher, disclosure matcher, push matcher) for a KB."""
    t, v = config.thresholds, config.vocabulary
    cues = kb.meta.negation_cues

    def targets(kind: str) -> list[Target]:
        labelled = labelled_rule_examples(kb, kind)
        return [
            Target(r.id, tuple(r.patterns), tuple(r.exceptions),
                   (*r.examples, *r.paraphrases, *labelled.get(r.id, ())), tuple(r.negatives))
            for r in kb.rules
            if r.kind == kind
        ]

    # Advisor sentences that break no rule: SOP step examples, disclosures, script clauses.
    compliant = [e for stage in kb_stages(kb) for step in stage.steps for e in step.examples]
    compliant += [e for r in kb.rules if r.kind == "disclosure" for e in (*r.examples, *r.paraphrases)]
    compliant += [c for s in kb.scripts for c in clauses(s.text) if len(c) >= 6]
    compliant += labelled_without(kb, "advisor", "violations")
    violations = ExampleMatcher(
        targets("violation"),
        Cutoffs(t.lexical_violation, t.dense_violation, t.negative_margin, t.model_violation),
        normalize, cues, embedder, compliant, retraction_cues=kb.meta.retraction_cues,
    )
    disclosures = ExampleMatcher(
        targets("disclosure"),
        Cutoffs(t.lexical_disclosure, t.dense_disclosure, t.negative_margin, t.model_disclosure),
        normalize, cues, embedder,
        [e for r in kb.rules if r.kind == "violation" for e in (*r.examples, *r.paraphrases)]
        + labelled_without(kb, "advisor", "disclosures"),
    )
    push_examples = [
        e for stage in kb_stages(kb) if stage.id in v.push_stages for step in stage.steps
        for e in step.examples
    ]
    push_examples += [
        c for s in kb.scripts if s.stage in v.push_stages for c in clauses(s.text) if len(c) >= 6
    ]
    push_patterns = tuple(
        p for stage in kb_stages(kb) if stage.id in v.push_stages for step in stage.steps
        for p in step.patterns
    )
    push = ExampleMatcher(
        [Target(PUSH, push_patterns, (), tuple(push_examples))],
        Cutoffs(t.lexical_push, t.dense_step, t.negative_margin), normalize, cues, embedder,
    )
    return violations, disclosures, push


def violation_verifier(kb, normalize) -> HitVerifier:
    """The HitVerifier for a KB's violation patterns, taught by its labelled advisor lines and its
    violation rules' examples (real) and negatives (not real)."""
    sentences = [(line.text, line.violations) for line in kb.labelled if line.speaker == "advisor"]
    rules = [r for r in kb.rules if r.kind == "violation"]
    for rule in rules:
        sentences += [(e, (rule.category,)) for e in (*rule.examples, *rule.paraphrases)]
        sentences += [(n, ()) for n in rule.negatives]
    first_hits = [(r.category, PatternSet(r.patterns).first_raw) for r in rules if r.patterns]
    return HitVerifier(hit_samples(sentences, first_hits, normalize))


class ComplianceGuard:
    def __init__(self, kb, config: AnalyzerConfig, matchers, normalize,
                 verifier: HitVerifier | None = None) -> None:
        self.config = config
        self.violations, self.disclosures, self.push = matchers
        self.verifier = verifier
        self.normalize = normalize
        self.rules = {r.id: r for r in kb.rules}
        self.products = {p.id: p for p in kb.products}
        self.spotter = ProductSpotter(kb.products, normalize)
        self.stage_order = [s.id for s in kb_stages(kb)]
        vocab = config.vocabulary
        self.pressure_rule = next(
            (r for r in kb.rules if r.kind == "violation" and r.category == vocab.pressure_category),
            None,
        )
        self.reset()

    def reset(self) -> None:
        self.cursor = EventCursor()
        self.raised: dict[str, dict[str, Match]] = {}  # utterance id -> rule id -> first hit
        self._last_partial: dict[str, tuple[Utterance, str]] = {}
        self.disclosed: set[str] = set()
        self.in_play: set[str] = set()
        self.refused = False
        self.checked_missing = False
        self.stage: str | None = None

    def start(self, session: SessionView) -> list[Event]:
        self.reset()
        notice = self._call_window_notice(session)
        return [notice] if notice else []

    def finish(self, session: SessionView) -> list[Event]:
        """A call that ends mid-utterance never sends that final: what was heard stands."""
        events: list[Event] = []
        for uid, raised in self.raised.items():
            utterance, text = self._last_partial[uid]
            events += [self._violation(utterance, text, r, m, "confirmed") for r, m in raised.items()]
        self.raised.clear()
        return events

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        triggers = self._read_log(session)
        text = self.normalize(utterance.text)
        events: list[Event] = []
        if utterance.final:
            self.in_play.update(self.spotter.find(text))
        if utterance.speaker == "advisor":
            events += self._violations(utterance, text)
            if utterance.final:
                events += self._disclosures(utterance, text)
        if triggers and not self.checked_missing:
            events += self._missing(utterance, triggers[0])
        return events

    # -- what the other analyzers said
    def _read_log(self, session: SessionView) -> list[str]:
        vocab = self.config.vocabulary
        triggers = []
        for event in self.cursor.new(session):
            if isinstance(event, StageEvent):
                self.stage = event.stage
            elif (isinstance(event, StepDoneEvent) and event.stage in vocab.closing_stages
                  and self.stage in vocab.closing_stages):
                triggers.append(f"stage:{event.stage}")
            elif isinstance(event, SignalEvent):
                if event.signal == vocab.refusal_signal:
                    self.refused = True
                elif event.signal == vocab.agreement_signal:
                    self.refused = False
                    triggers.append(f"signal:{event.signal}")
        return triggers

    # -- violations
    def _violations(self, utterance: Utterance, text: str) -> list[Event]:
        found = self.violations.match(text, final=utterance.final)
        found = {k: m for k, m in found.items() if self._applies(self.rules[k])}
        if utterance.final:
            standing = {self.rules[k].category for k, m in found.items() if self._stands(text, m)}
            found = {k: m for k, m in found.items() if self.rules[k].category in standing}
        if utterance.final and self.refused and self.pressure_rule is not None:
            push = self.push.match(text, final=True).get(PUSH)
            if push is not None and self.pressure_rule.id not in found:
                found[self.pressure_rule.id] = push
        raised = self.raised.setdefault(utterance.id, {})
        events: list[Event] = []
        if not utterance.final:
            self._last_partial[utterance.id] = (utterance, text)
            for rule_id, match in found.items():
                if rule_id not in raised:
                    raised[rule_id] = match
                    events.append(self._violation(utterance, text, rule_id, match, "raised"))
            return events
        self.raised.pop(utterance.id, None)
        # A partial ends where the audio fed so far ends, a final at its last word: the verdict
        # must not be stamped before the alarm it settles.
        partial = self._last_partial.pop(utterance.id, None)
        at = max(utterance.end_ms, partial[0].end_ms) if partial else utterance.end_ms
        for rule_id, match in raised.items():
            if rule_id not in found:
                events.append(self._violation(utterance, text, rule_id, match, "withdrawn", at))
        for rule_id, match in found.items():
            events.append(self._violation(utterance, text, rule_id, match, "confirmed", at))
        return events

    def _stands(self, text: str, match: Match) -> bool:
        """A pattern hit is confirmed only if the whole turn does not frame it as a quote, a
        report or a correction (the verifier, on finals: a partial has not heard the turn yet).
        The verifier judges a category in a turn, so one standing hit keeps every rule of its
        category (each rule's own reason and article stay on the advisor's panel)."""
        if match.via != "pattern" or not self.verifier:
            return True
        return self.verifier.probability(text, *match.span) >= self.config.thresholds.verify_violation

    def _violation(self, utt: Utterance, text: str, rule_id: str, match: Match, status: str,
                   at: int | None = None) -> Event:
        rule = self.rules[rule_id]
        span = match.span if match.via == "pattern" else (0, len(text))
        return ViolationEvent(
            t_ms=utt.end_ms if at is None else at,
            utterance_id=utt.id,
            category=rule.category,
            rule_id=rule.id,
            severity=rule.severity,
            status=status,
            span=span,
            matched=match.matched if match.via == "pattern" else text,
            text=text,
            reason=rule.reason,
            article=rule.article,
            suggestion=rule.suggestion,
        )

    # -- disclosures
    def _disclosures(self, utterance: Utterance, text: str) -> list[Event]:
        events: list[Event] = []
        for rule_id, match in self.disclosures.match(text, final=True).items():
            rule = self.rules[rule_id]
            if rule.category in self.disclosed:
                continue
            self.disclosed.add(rule.category)
            events.append(
                DisclosureEvent(
                    t_ms=utterance.end_ms,
                    utterance_id=utterance.id,
                    category=rule.category,
                    rule_id=rule.id,
                    matched=match.matched or text,
                    text=text,
                )
            )
        return events

    def _missing(self, utterance: Utterance, trigger: str) -> list[Event]:
        self.checked_missing = True
        reached = trigger.split(":", 1)[1]
        missing: list[str] = []
        for rule in self.rules.values():
            if rule.kind != "disclosure" or rule.category in self.disclosed:
                continue
            if not self._applies(rule) or not self._due(rule, reached):
                continue
            if rule.category not in missing:
                missing.append(rule.category)
        if not missing:
            return []
        return [
            MissingDisclosureEvent(
                t_ms=utterance.end_ms,
                utterance_id=utterance.id,
                missing=tuple(missing),
                trigger=trigger,
                message="not yet said: " + ", ".join(missing),
            )
        ]

    def _due(self, rule, reached: str) -> bool:
        """Whether a disclosure must already be said when the call reaches `reached`."""
        if not rule.before_stage or rule.before_stage not in self.stage_order:
            return True
        if reached not in self.stage_order:  # a signal trigger: the customer agreed to buy
            closing = self.config.vocabulary.closing_stages
            reached = closing[0] if closing and closing[0] in self.stage_order else reached
        if reached not in self.stage_order:
            return True
        return self.stage_order.index(rule.before_stage) <= self.stage_order.index(reached)

    def _applies(self, rule) -> bool:
        """Rules without `applies_to` always apply; others when a product they name is in play."""
        if not rule.applies_to:
            return True
        wanted = set(rule.applies_to)
        return any(
            wanted & {p.family, p.type, p.id} for p in map(self.products.get, self.in_play) if p
        )

    # -- call window
    def _call_window_notice(self, session: SessionView) -> NoticeEvent | None:
        window = parse_window(self.config.call_window)
        if window is None:
            return NoticeEvent(
                t_ms=0,
                code="call_window_unreadable",
                message=f"setting call_window={self.config.call_window!r} is not HH:MM-HH:MM; "
                "the outbound call window is not checked (fix it in settings.toml or COPILOT_CALL_WINDOW)",
            )
        start, end = window
        local = session.started_at.astimezone().time()
        inside = start <= local < end if start <= end else (local >= start or local < end)
        if inside:
            return None
        return NoticeEvent(
            t_ms=0,
            code="outside_call_window",
            message=(
                f"call started at {local:%H:%M}, outside the permitted outbound window "
                f"{start:%H:%M}–{end:%H:%M}"
            ),
            data={"started_at": local.strftime("%H:%M"), "window": self.config.call_window},
        )


def parse_window(value: str) -> tuple[time, time] | None:
    """'09:00-21:00' -> (09:00, 21:00); None when empty or malformed."""
    try:
        first, second = (part.strip() for part in value.replace("–", "-").split("-"))
        return time.fromisoformat(first), time.fromisoformat(second)
    except (ValueError, AttributeError):
        return None
