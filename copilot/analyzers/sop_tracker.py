"""SopTracker: where the call is in the KB's SOP, which steps the advisor has done, what is next.

The stage is the most probable one under `StageFilter` (copilot.analyzers.stage_model), fed per
final utterance with:
- for the advisor: how much the sentence reads like each stage (`StageClassifier`), raised for
  stages whose steps it matches (a pattern hit or a near example is strong evidence);
- for the customer: the stages the customer's signals point to. An objection points to objection
  handling (the stage whose scripts handle it), agreeing to buy to closing; a line with no signal
  leaves the stage where it is.
Talk is not tidy: advisors loop back (an objection in the middle of disclosures) and say things
out of order. The filter's transitions (stay, next, skip, back) keep one odd sentence from
moving the call while a run of sentences that read like another stage moves it there. Aside
stages (objection handling) interrupt the SOP instead of following it: entered from anywhere,
left back to an earlier stage.

Steps are credited as before: a pattern hit anywhere, a near example only around the stage.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from copilot.analyzers.base import PerCallState
from copilot.analyzers.config import AnalyzerConfig
from copilot.analyzers.context import EventCursor, kb_sop
from copilot.analyzers.matcher import Cutoffs, ExampleMatcher, Match, Target
from copilot.analyzers.stage_model import StageClassifier, StageFilter, stage_examples
from copilot.events import Event, SignalEvent, StageEvent, StepDoneEvent
from copilot.session import SessionView
from copilot.utterance import Utterance

PATTERN_BASE = 0.6  # evidence of a bare pattern hit, before similarity to the examples


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


def stage_classifier(kb, config: AnalyzerConfig, normalize) -> StageClassifier:
    """Trained on the KB's sentences normalised as the tracker normalises what it hears."""
    order = [s.id for s in kb_sop(kb).stages]
    examples = {stage: [normalize(t) for t in texts] for stage, texts in stage_examples(kb, order).items()}
    return StageClassifier(order, examples, c=config.thresholds.stage_classifier_c)


def signal_stages(kb, order: list[str], config: AnalyzerConfig) -> dict[str, str]:
    """Signal id -> the stage most of the scripts handling it belong to (KB data decides that
    objections lead to objection handling). A refusal points to where the other objections lead:
    an advisor who keeps talking is handling it; a goodbye reads like wrap-up and outvotes it on
    the advisor's next line. Agreement leads to closing."""
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
    """Stage, step_done and next-step hints from both sides' speech."""

    def __init__(
        self, kb, config: AnalyzerConfig, matcher: ExampleMatcher, normalize, classifier: StageClassifier
    ) -> None:
        self.sop = kb_sop(kb)
        self.config = config
        self.matcher = matcher
        self.classifier = classifier
        self.normalize = normalize
        self.order = [s.id for s in self.sop.stages]
        self.labels = {s.id: s.label for s in self.sop.stages}
        self.steps = {
            step.id: (stage.id, step) for stage in self.sop.stages for step in stage.steps
        }
        self.signal_stages = signal_stages(kb, self.order, config)
        self.reset()

    def reset(self) -> None:
        t = self.config.thresholds
        self.stage: str | None = None
        self.done: set[str] = set()
        aside = [self.order.index(s) for s in self.config.vocabulary.aside_stages if s in self.order]
        self.filter = StageFilter(
            len(self.order), t.stage_stay, t.stage_forward, t.stage_skip, t.stage_back, t.stage_end,
            aside, t.stage_aside_in, t.stage_aside_out,
        )
        self.cursor = EventCursor()

    def feed(self, utterance: Utterance, session: SessionView) -> list[Event]:
        if not utterance.final or not self.order:
            return []
        matches: dict[str, Match] = {}
        if utterance.speaker == "advisor":
            text = self.normalize(utterance.text)
            matches = self.matcher.match(text, final=True)
            likelihood = self._advisor_likelihood(text, matches)
        else:
            likelihood = self._signal_likelihood(set(self._signalled_stages(session)))
        target = self.stage
        if likelihood is not None:
            target = self.order[self.filter.update(likelihood)]
        elif self.stage is None:
            target = self.order[0]
        moving = target != self.stage
        new_steps = [
            s for s in self._ordered(matches)
            if s not in self.done and self._credible(matches[s], s, target)
        ]
        self.done.update(new_steps)  # before the hints, so they point past what was just said
        events: list[Event] = []
        if moving:
            events.append(self._stage_event(utterance, target))
        events += [self._step_event(utterance, s, matches[s].score) for s in new_steps]
        return events

    def _advisor_likelihood(self, text: str, matches: dict[str, Match]) -> np.ndarray:
        """How much the sentence reads like each stage, times (1 + weight x step evidence)."""
        likelihood = self.classifier.probabilities(text)
        weight = self.config.thresholds.stage_step_weight
        for stage, score in self._evidence(text, matches).items():
            likelihood[self.order.index(stage)] *= 1 + weight * score
        return likelihood

    def _signal_likelihood(self, stages: set[str]) -> np.ndarray | None:
        """The stages the customer's new signals point to, each multiplying its odds; None
        without any."""
        if not stages:
            return None
        likelihood = np.ones(len(self.order))
        weight = self.config.thresholds.stage_signal_weight
        for stage in stages:
            likelihood[self.order.index(stage)] *= weight
        return likelihood

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
        handle the signal (an objection points to objection handling)."""
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
