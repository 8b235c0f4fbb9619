"""SopTracker: where the call is in the KB's SOP, which steps the advisor has done, what is next.

Evidence is the advisor's final utterances matched against each step's patterns and example
sentences. Talk is not tidy: advisors loop back (an objection in the middle of disclosures) and
say things out of order, so the stage moves forward on one piece of evidence but backward only
on strong evidence or on the same earlier stage twice in a row. That keeps the stage from
flapping between neighbours while still following a real return.

The stage is what the advisor is doing: a customer's objection points to objection handling, but
the call gets there when the advisor answers it (the customer's line still belongs to the turn it
answers). So signals are kept as evidence for the advisor's next utterance, where they vote before the
advisor's own words. Agreeing to buy is different: that line is itself the start of closing.
An advisor answering a customer's question is replying, not moving the call on (a surrender loss
explained when asked during the introduction is not yet the disclosure stage), so a reply moves
the stage forward only on evidence as strong as a move back needs.
"""

from __future__ import annotations

from collections import Counter

from copilot.analyzers.base import PerCallState
from copilot.analyzers.config import AnalyzerConfig
from copilot.analyzers.context import EventCursor, kb_sop
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Match, Target
from copilot.events import Event, SignalEvent, StageEvent, StepDoneEvent
from copilot.session import SessionView
from copilot.text import is_question
from copilot.utterance import Utterance

PATTERN_BASE = 0.6  # evidence of a bare pattern hit, before similarity to the examples
BACKWARD_STRONG = 0.3  # discounted score over stage_min_score that moves the stage back at once


def step_targets(sop) -> list[Target]:
    return [
        Target(step.id, tuple(step.patterns), (), tuple(step.examples))
        for stage in sop.stages
        for step in stage.steps
    ]


def step_matcher(kb, config: AnalyzerConfig, normalize, embedder=None) -> ExampleMatcher:
    t = config.thresholds
    cutoffs = Cutoffs(t.lexical_step, t.dense_step, t.negative_margin)
    return ExampleMatcher(step_targets(kb_sop(kb)), cutoffs, normalize, kb.meta.negation_cues, embedder)


def signal_stages(kb, order: list[str], config: AnalyzerConfig) -> dict[str, str]:
    """Signal id -> the stage most of the scripts handling it belong to (KB data decides that
    objections lead to objection handling). A refusal points to where the other objections lead:
    an advisor who keeps talking is handling it; a goodbye, said in the same turn, outvotes it
    (the advisor's words vote after the customer's signal). Agreement leads to closing."""
    vocab = config.vocabulary
    counts: dict[str, Counter[str]] = {}
    for script in kb.scripts:
        if script.stage in order:
            for signal in script.handles:
                counts.setdefault(signal, Counter())[script.stage] += 1
    stages = {signal: c.most_common(1)[0][0] for signal, c in counts.items()}
    stages.pop(vocab.refusal_signal, None)
    objections = Counter(st for sig, st in stages.items() if sig != vocab.agreement_signal)
    if objections:
        stages[vocab.refusal_signal] = objections.most_common(1)[0][0]
    closing = [c for c in vocab.closing_stages if c in order]
    if closing:
        stages[vocab.agreement_signal] = closing[0]
    return stages


class SopTracker(PerCallState):
    """Stage, step_done and next-step hints from advisor speech."""

    def __init__(self, kb, config: AnalyzerConfig, matcher: ExampleMatcher, normalize) -> None:
        self.sop = kb_sop(kb)
        self.config = config
        self.matcher = matcher
        self.normalize = normalize
        self.order = [s.id for s in self.sop.stages]
        self.labels = {s.id: s.label for s in self.sop.stages}
        self.steps = {
            step.id: (stage.id, step) for stage in self.sop.stages for step in stage.steps
        }
        self.signal_stages = signal_stages(kb, self.order, config)
        self.language = kb.meta.language
        self.reset()

    def reset(self) -> None:
        self.stage: str | None = None
        self.done: set[str] = set()
        self._candidate: str | None = None
        self._candidate_count = 0
        self._signalled: list[str] = []  # stages customer signals point to, for the advisor's reply
        self._answering = False  # the customer's last line asked something: the advisor replies
        self.cursor = EventCursor()

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        if not utterance.final:
            return []
        events: list[Event] = []
        matches: dict[str, Match] = {}
        evidence: dict[str, float] = {}
        signalled = self._signalled_stages(session)
        closing = [s for s in signalled if s in self.config.vocabulary.closing_stages]
        self._signalled += [s for s in signalled if s not in closing]
        weight = self.config.thresholds.stage_signal_evidence
        target = self._next_stage(dict.fromkeys(closing, weight)) if closing else None
        if utterance.speaker == "customer":
            self._answering = is_question(utterance.text, self.language)
        if utterance.speaker == "advisor":
            # The customer's signal and the advisor's answer are two votes, in that order.
            if self._signalled:
                target = self._next_stage(dict.fromkeys(self._signalled, weight)) or target
                self._signalled = []
            text = self.normalize(utterance.text)
            matches = self.matcher.match(text, final=True)
            evidence = self._evidence(text, matches)
            target = self._next_stage(evidence, answering=self._answering) or target
            self._answering = False
        if target is None and self.stage is None and self.order:
            target = self.order[0]
        moving = target is not None and target != self.stage
        stage_after = target if moving else self.stage
        new_steps = [
            s for s in self._ordered(matches)
            if s not in self.done and self._credible(matches[s], s, stage_after)
        ]
        self.done.update(new_steps)  # before the hints, so they point past what was just said
        if moving:
            events.append(self._stage_event(utterance, target))
        events += [self._step_event(utterance, s, matches[s].score) for s in new_steps]
        return events

    def _credible(self, match: Match, step_id: str, stage: str | None) -> bool:
        """A step said in so many words (pattern) counts anywhere; one that only resembles its
        examples counts near where the call is (the next stage at most), since a sentence that
        merely reads like a far-off step is more often a different step."""
        if match.via == "pattern" or stage is None:
            return True
        distance = self.order.index(self.steps[step_id][0]) - self.order.index(stage)
        return -1 <= distance <= 1

    def _ordered(self, matches: dict[str, Match]) -> list[str]:
        known = [m for m in matches if m in self.steps]
        return sorted(known, key=lambda s: self.order.index(self.steps[s][0]))

    def _signalled_stages(self, session: SessionView) -> list[str]:
        """Stages that the customer signals just published point to: the stage whose scripts
        handle the signal (an objection points to objection handling). Weighed like a step."""
        return [
            self.signal_stages[e.signal]
            for e in self.cursor.new(session)
            if isinstance(e, SignalEvent) and e.signal in self.signal_stages
        ]

    def _evidence(self, text: str, matches: dict[str, Match]) -> dict[str, float]:
        """Per stage, the best step evidence: similarity to the step's examples, raised to at
        least PATTERN_BASE (and in proportion) when one of its patterns hit. A bare keyword is
        weaker evidence than a sentence that also reads like the step's examples."""
        similarity = self.matcher.scores(text) if matches else {}
        evidence: dict[str, float] = {}
        for step_id, match in matches.items():
            if step_id not in self.steps:
                continue
            sim = similarity.get(step_id, 0.0)
            score = PATTERN_BASE + (1 - PATTERN_BASE) * sim if match.via == "pattern" else match.score
            stage = self.steps[step_id][0]
            evidence[stage] = max(evidence.get(stage, 0.0), score)
        return evidence

    def _next_stage(self, evidence: dict[str, float], answering: bool = False) -> str | None:
        """The stage the evidence points to, or None to stay.

        Each stage's evidence is discounted by how far it is from where the call is: skipping
        stages forward costs a little per skipped stage, going back costs more; the current
        stage keeps its evidence, so a remark that fits both stays put. A forward move needs the
        discounted evidence over `stage_min_score`, a backward move over that plus
        BACKWARD_STRONG; otherwise the same stage winning twice in a row (two advisor
        utterances with evidence) moves the call there.
        """
        t = self.config.thresholds
        evidence = {st: v for st, v in evidence.items() if v >= t.stage_min_score}
        if not evidence:
            return None
        here = self.order.index(self.stage) if self.stage else -1
        best = max(
            evidence,
            key=lambda st: (self._discounted(st, evidence[st], here), -abs(self.order.index(st) - here)),
        )
        if best == self.stage:
            self._candidate, self._candidate_count = None, 0
            return None
        score = self._discounted(best, evidence[best], here)
        forward = self.order.index(best) > here
        needed = t.stage_min_score if forward and not answering else t.stage_min_score + BACKWARD_STRONG
        self._candidate_count = self._candidate_count + 1 if best == self._candidate else 1
        self._candidate = best
        if score >= needed or self._candidate_count >= t.stage_confirm_evidence:
            self._candidate, self._candidate_count = None, 0
            return best
        return None

    def _discounted(self, stage: str, score: float, here: int) -> float:
        t = self.config.thresholds
        distance = self.order.index(stage) - here
        if distance > 0:
            return score - t.stage_skip_penalty * (distance - 1)
        if distance < 0:
            return score - t.stage_back_penalty
        return score

    def next_step(self) -> tuple[str | None, str | None]:
        """The first required step not yet done, from the current stage onwards."""
        here = self.order.index(self.stage) if self.stage else 0
        for stage in self.sop.stages[here:]:
            for step in stage.steps:
                if step.required and step.id not in self.done:
                    return step.id, step.label
        return None, None

    def _stage_event(self, utterance: Utterance, stage: str) -> StageEvent:
        previous, self.stage = self.stage, stage
        step, label = self.next_step()
        return StageEvent(
            t_ms=utterance.end_ms,
            utterance_id=utterance.id,
            stage=stage,
            label=self.labels.get(stage, ""),
            previous=previous,
            next_step=step,
            next_step_label=label,
        )

    def _step_event(self, utterance: Utterance, step_id: str, score: float) -> StepDoneEvent:
        stage, step = self.steps[step_id]
        next_id, next_label = self.next_step()
        return StepDoneEvent(
            t_ms=utterance.end_ms,
            utterance_id=utterance.id,
            stage=stage,
            step=step_id,
            label=step.label,
            required=step.required,
            score=score,
            next_step=next_id,
            next_step_label=next_label,
        )
