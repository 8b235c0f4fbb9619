"""Stage model: a sentence classifier trained on the KB's own stage-labelled sentences, and the
filter that turns a run of such evidence into the call's stage."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from copilot.analyzers.config import load_config
from copilot.analyzers.context import kb_normalizer
from copilot.analyzers.sop_tracker import stage_classifier
from copilot.analyzers.stage_model import StageClassifier, StageFilter, stage_examples
from copilot.kb import load_kb

STAGES = ["opening", "identity_and_recording", "needs_discovery", "product_introduction",
          "objection_handling", "disclosures", "closing", "wrap_up"]


@pytest.fixture(scope="module")
def demo_classifier(demo_kb_dir):
    kb = load_kb(demo_kb_dir)
    return stage_classifier(kb, load_config(kb), kb_normalizer(kb))


# Sentences written for this test (none of them is a KB example or in a labelled set).
@pytest.mark.parametrize(("text", "stage"), [
    ("您平常手头的闲钱都怎么打理的呀", "needs_discovery"),
    ("孩子现在上几年级了，爱人在哪儿上班", "needs_discovery"),
    ("这款产品保的是意外身故、伤残还有意外医疗", "product_introduction"),
    ("那咱们今天就把这份给您办上吧", "closing"),
    ("好的不打扰您了，有事随时打客服电话，再见", "wrap_up"),
])
def test_sentences_read_like_their_stage(demo_classifier, text, stage):
    probs = demo_classifier.probabilities(text)
    assert probs.shape == (len(STAGES),) and probs.sum() == pytest.approx(1.0)
    assert STAGES[int(probs.argmax())] == stage


def test_examples_come_from_sop_steps_and_scripts(demo_kb_dir):
    kb = load_kb(demo_kb_dir)
    examples = stage_examples(kb, STAGES)
    assert set(examples) == set(STAGES) and all(examples[s] for s in STAGES)
    script = next(s for s in kb.scripts if s.stage == "objection_handling")
    assert script.text in examples["objection_handling"]


def test_sessions_share_one_classifier(demo_classifier):
    assert copy.deepcopy(demo_classifier) is demo_classifier


def test_without_labelled_sentences_every_stage_is_equally_likely():
    classifier = StageClassifier(["a", "b", "c"], {"a": ["只有一类的例句"]})
    assert not classifier
    assert classifier.probabilities("随便说点什么").tolist() == pytest.approx([1 / 3] * 3)


def evidence(count: int, stage: int, strength: float) -> np.ndarray:
    likelihood = np.ones(count)
    likelihood[stage] = strength
    return likelihood


@pytest.mark.parametrize(("steps", "expected"), [
    # (stage the evidence points to, how strongly) per utterance -> stage index after each
    ([(1, 10.0), (2, 10.0)], [1, 2]),  # one stage after the next, one sentence each
    ([(1, 10.0), (1, 10.0), (0, 10.0)], [1, 1, 1]),  # once settled, one odd sentence does not go back
    ([(1, 10.0), (1, 10.0), (0, 10.0), (0, 10.0)], [1, 1, 1, 0]),  # a run of them does
    ([(3, 10.0)], [0]),  # skipping ahead on one ordinary sentence does not happen ...
    ([(3, 100.0)], [3]),  # ... on overwhelming evidence it does
])
def test_filter_moves_on_runs_of_evidence_not_on_one_odd_sentence(steps, expected):
    stage_filter = StageFilter(5, stay=0.75, forward=0.15, skip=0.02, back=0.005)
    assert [stage_filter.update(evidence(5, s, w)) for s, w in steps] == expected


def test_evidence_against_every_stage_keeps_the_belief():
    stage_filter = StageFilter(3, stay=0.75, forward=0.15, skip=0.02, back=0.005)
    stage_filter.update(evidence(3, 1, 10.0))
    before = stage_filter.belief.copy()
    assert stage_filter.update(np.zeros(3)) == 1
    assert stage_filter.belief.tolist() == before.tolist()


@pytest.mark.parametrize(("end", "expected"), [
    (0.0, [1, 1]),  # the goodbye three stages ahead is a skip: clear evidence is not enough
    (0.08, [1, 4]),  # a call can end wherever it is: the same evidence reaches it
])
def test_a_call_can_end_from_any_stage(end, expected):
    stage_filter = StageFilter(5, stay=0.75, forward=0.15, skip=0.02, back=0.005, end=end)
    assert [stage_filter.update(evidence(5, s, w)) for s, w in [(1, 10.0), (4, 10.0)]] == expected


@pytest.mark.parametrize(("aside", "expected"), [
    ([], [1, 1, 1]),  # in SOP order, stage 3 is a skip from 1 and 1 is a step back from 3
    ([3], [1, 3, 1]),  # an aside stage (objection handling) is stepped into and out of
])
def test_an_aside_stage_interrupts_the_sop_from_anywhere(aside, expected):
    stage_filter = StageFilter(6, stay=0.75, forward=0.15, skip=0.02, back=0.005, aside=aside,
                               aside_in=0.05, aside_out=0.05)
    assert [stage_filter.update(evidence(6, s, w)) for s, w in [(1, 10.0), (3, 20.0), (1, 20.0)]] == expected
