"""SopTracker: where the call is in the KB's SOP, which steps the advisor has done, what is next.

Evidence is the advisor's final utterances matched against each step's patterns and example
sentences. Talk is not tidy: advisors loop back (an objection in the middle of disclosures) and
say things out of order, so the stage moves forward on one piece of evidence but backward only
on strong evidence or on the same earlier stage twice in a row. That keeps the stage from
flapping between neighbours while still following a real return.
"""

from __future__ import annotations

from copilot.analyzers.config import AnalyzerConfig
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Match, Target
from copilot.events import Event, StageEvent, StepDoneEvent
from copilot.session import SessionView
from copilot.utterance import Utterance

BACKWARD_STRONG = 0.15  # extra score over stage_min_score that moves the stage back at once


def step_targets(sop) -> list[Target]:
    return [
        Target(step.id, tuple(step.patterns), (), tuple(step.examples))
        for stage in sop.stages
        for step in stage.steps
    ]


def step_matcher(kb, config: AnalyzerConfig, normalize, embedder=None) -> ExampleMatcher:
    t = config.thresholds
    cutoffs = Cutoffs(t.lexical_step, t.dense_step, t.negative_margin)
    return ExampleMatcher(step_targets(kb.sop), cutoffs, normalize, kb.meta.negation_cues, embedder)


class SopTracker:
    """Stage, step_done and next-step hints from advisor speech."""

    def __init__(self, kb, config: AnalyzerConfig, matcher: ExampleMatcher, normalize) -> None:
        self.sop = kb.sop
        self.config = config
        self.matcher = matcher
        self.normalize = normalize
        self.order = [s.id for s in self.sop.stages]
        self.labels = {s.id: s.label for s in self.sop.stages}
        self.steps = {step.id: (stage.id, step) for stage in self.sop.stages for step in stage.steps}
        self.reset()

    def reset(self) -> None:
        self.stage: str | None = None
        self.done: set[str] = set()
        self._back_candidate: str | None = None
        self._back_count = 0

    def start(self, session: SessionView) -> list[Event]:
        self.reset()
        return []

    def finish(self, session: SessionView) -> list[Event]:
        return []

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        if not utterance.final:
            return []
        events: list[Event] = []
        matches: dict[str, Match] = {}
        if utterance.speaker == "advisor":
            matches = self.matcher.match(self.normalize(utterance.text), final=True)
        target = self._next_stage(matches)
        if target is None and self.stage is None and self.order:
            target = self.order[0]
        if target is not None and target != self.stage:
            events.append(self._stage_event(utterance, target))
        for step_id in self._ordered(matches):
            if step_id not in self.done:
                self.done.add(step_id)
                events.append(self._step_event(utterance, step_id, matches[step_id].score))
        return events

    def _ordered(self, matches: dict[str, Match]) -> list[str]:
        known = [m for m in matches if m in self.steps]
        return sorted(known, key=lambda s: self.order.index(self.steps[s][0]))

    def _next_stage(self, matches: dict[str, Match]) -> str | None:
        """The stage the evidence points to, applying the forward-easy/backward-hard rule."""
        t = self.config.thresholds
        by_stage: dict[str, float] = {}
        for step_id, match in matches.items():
            if step_id in self.steps and match.score >= t.stage_min_score:
                stage = self.steps[step_id][0]
                by_stage[stage] = max(by_stage.get(stage, 0.0), match.score)
        if not by_stage:
            return None
        here = self.order.index(self.stage) if self.stage else -1
        forward = [s for s in by_stage if self.order.index(s) > here]
        if forward:
            self._back_candidate, self._back_count = None, 0
            return max(forward, key=self.order.index)
        if self.stage in by_stage:
            self._back_candidate, self._back_count = None, 0
            return None
        back = max(by_stage, key=by_stage.get)
        self._back_count = self._back_count + 1 if back == self._back_candidate else 1
        self._back_candidate = back
        strong = by_stage[back] >= min(1.0, t.stage_min_score + BACKWARD_STRONG)
        if strong or self._back_count >= t.stage_back_evidence:
            self._back_candidate, self._back_count = None, 0
            return back
        return None

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
