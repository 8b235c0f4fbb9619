"""Each panel of the advisor window fed real engine event types."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from copilot.events import (
    DisclosureEvent,
    FactEvent,
    MissingDisclosureEvent,
    ProfileEvent,
    SignalEvent,
    StageEvent,
    StepDoneEvent,
    SuggestionEvent,
    UtteranceEvent,
    ViolationEvent,
)
from ui.advisor.compliance import Alert, ComplianceBanner
from ui.advisor.navigator import ProcessNavigator
from ui.advisor.outcome import OutcomeDialog
from ui.advisor.profile import ProfilePanel
from ui.advisor.suggestions import SuggestionPanel
from ui.advisor.transcript import TranscriptView

pytestmark = pytest.mark.usefixtures("zh_ui")


def utt(uid, text, speaker="customer", final=True, t=0):
    return UtteranceEvent(t_ms=t, utterance_id=uid, speaker=speaker, start_ms=t, end_ms=t + 500,
                          text=text, final=final)


def violation(uid, status="confirmed", severity="block", rule="r1", t=1000):
    return ViolationEvent(t_ms=t, utterance_id=uid, category="guaranteed_return", rule_id=rule,
                          severity=severity, status=status, matched="保本", reason="不得承诺保本",
                          article="《保险销售行为管理办法》第十七条", suggestion="这不是存款，不承诺收益")


@pytest.fixture
def transcript(qtbot):
    view = TranscriptView(max_lines=50)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    return view


def test_partial_is_replaced_in_place_by_its_final(transcript):
    transcript.apply([utt("a", "这个", final=False)])
    transcript.apply([utt("a", "这个多少钱", final=False)])
    assert [(line.text, line.final) for line in transcript.model.lines] == [("这个多少钱", False)]
    transcript.apply([utt("a", "这个多少钱？", final=True), utt("b", "一年四百二", "advisor")])
    assert [(line.text, line.final) for line in transcript.model.lines] == [
        ("这个多少钱？", True), ("一年四百二", True)]


def test_history_is_bounded(transcript):
    transcript.apply([utt(f"u{i}", f"第{i}句") for i in range(80)])
    lines = transcript.model.lines
    assert len(lines) == 50 and lines[0].text == "第30句" and lines[-1].text == "第79句"


def test_autoscroll_pauses_when_scrolled_up_and_resumes(transcript, qtbot):
    transcript.apply([utt(f"u{i}", f"很长的一句话第{i}句" * 3) for i in range(40)])
    bar = transcript.list.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)
    assert not transcript.follow
    transcript.apply([utt("new", "新的一句")])
    assert bar.value() == 0 and transcript.jump.isVisible()
    assert "1" in transcript.jump.text()
    transcript.jump_to_latest()
    assert transcript.follow and bar.value() == bar.maximum() and not transcript.jump.isVisible()


def test_flagged_line_follows_violation_status(transcript):
    transcript.apply([utt("v", "这个产品保本", "advisor")])
    transcript.flag("v")
    assert transcript.model.lines[0].flagged
    transcript.flag("v", False)
    assert not transcript.model.lines[0].flagged


def test_banner_stays_until_acknowledged_and_shows_most_severe_first(qtbot):
    banner = ComplianceBanner()
    qtbot.addWidget(banner)
    banner.add(Alert.of_violation(violation("a", severity="warn", rule="w", t=1)))
    banner.add(Alert.of_violation(violation("b", severity="block", rule="b", t=2)))
    banner.render()
    assert banner.isVisible() and banner.shown.severity == "block"
    assert banner.property("severity") == "block"
    assert "不得承诺保本" in banner.reason.text()
    assert "这不是存款" in banner.suggestion.text() and "第十七条" in banner.article.text()
    banner.acknowledge()
    assert banner.shown.severity == "warn" and banner.property("severity") == "warn"
    banner.acknowledge()
    assert not banner.isVisible()


def test_withdrawn_violation_leaves_the_banner(qtbot):
    banner = ComplianceBanner()
    qtbot.addWidget(banner)
    banner.add(Alert.of_violation(violation("p", status="raised")))
    banner.render()
    assert banner.isVisible()
    banner.add(Alert.of_violation(violation("p", status="withdrawn")))
    banner.render()
    assert not banner.isVisible()


def test_missing_disclosures_raise_an_alert_with_the_wording(qtbot):
    banner = ComplianceBanner()
    qtbot.addWidget(banner)
    event = MissingDisclosureEvent(t_ms=5, missing=("cooling_off_period",), trigger="closing",
                                   message="收尾前未告知犹豫期")
    banner.add(Alert.of_missing(event, {"cooling_off_period": "您有15天犹豫期"}))
    banner.render()
    assert banner.isVisible() and "犹豫期" in banner.title.text()
    assert "15天犹豫期" in banner.suggestion.text()


def suggestion(item, handles=("objection_price",), t=0):
    return SuggestionEvent(t_ms=t, item_id=item, handles=handles, title=f"T {item}",
                           text=f"话术 {item}", answers="太贵了")


def test_cards_keep_three_scripts_pinned_ones_stay_and_copy(qtbot):
    panel = SuggestionPanel()
    qtbot.addWidget(panel)
    panel.apply([suggestion("s1"), suggestion("s2"), suggestion("s3"),
                 FactEvent(t_ms=0, item_id="f1", product="百万医疗", title="等待期", text="30天")])
    assert [c.item_id for c in panel.cards] == ["s3", "s2", "s1", "f1"]
    assert panel.widgets[0].answers.text() == "应对：太贵了"
    panel.toggle_pin(3)  # s1
    panel.apply([suggestion("s4"), suggestion("s5"), suggestion("s6")])
    scripts = [c.item_id for c in panel.cards if c.kind != "fact"]
    assert scripts[0] == "s1" and scripts[1:] == ["s6", "s5", "s4"]
    QApplication.clipboard().clear()
    assert panel.copy_card(2) == "话术 s6"
    assert QApplication.clipboard().text() == "话术 s6"
    qtbot.mouseClick(panel.widgets[0], Qt.MouseButton.LeftButton)  # click copies too
    assert QApplication.clipboard().text() == "话术 s1"


def test_signal_chip_names_what_the_customer_said(qtbot):
    panel = SuggestionPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.apply([SignalEvent(t_ms=0, signal="objection_price")])
    assert panel.chip.isVisible() and panel.chip.text() == "客户：价格异议"


def test_profile_shows_evidence_levels_and_keeps_hand_edits(qtbot):
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    edits = []
    panel.edited.connect(lambda f, v: edits.append((f, v)))
    panel.apply([
        ProfileEvent(t_ms=0, field="age", value=35, evidence="我今年三十五岁"),
        ProfileEvent(t_ms=0, field="star_level", value=3, source="computed"),
        ProfileEvent(t_ms=0, field="growth_value", value=120000, source="computed"),
        ProfileEvent(t_ms=0, field="gap_to_next_level", value=30000, source="computed"),
    ])
    row = list(panel.fields).index("age")
    assert panel.table.item(row, 1).text() == "35"
    assert "我今年三十五岁" in panel.table.item(row, 1).toolTip()
    assert panel.level_text().startswith("★★★☆☆☆☆")
    assert "120,000" in panel.level_text() and "30,000" in panel.level_text()
    panel.table.item(row, 1).setText("36")
    assert edits == [("age", "36")] and panel.value("age") == "36"
    panel.apply([ProfileEvent(t_ms=1, field="age", value=37, evidence="三十七")])
    assert panel.value("age") == "36"
    assert "37" in panel.table.item(row, 1).toolTip()


class FakeKb:
    """Only the shape the navigator reads: a SOP and the disclosure rules."""

    def __init__(self):
        from copilot.kb.model import Rule, Sop, SopStage, SopStep

        self.sop = Sop(id="s", name="s", stages=[
            SopStage(id=i, label=i.upper(), steps=[SopStep(id=f"{i}.a", label=f"{i} a", required=True)])
            for i in ("opening", "needs", "disclosures", "closing", "wrap_up")
        ])
        self.rules = [
            Rule(id="d1", kind="disclosure", category="cooling_off_period", article="25",
                 suggestion="您有15天犹豫期"),
            Rule(id="d2", kind="disclosure", category="identity", article="24",
                 before_stage="needs"),
        ]


def test_navigator_ticks_steps_and_turns_open_disclosures_red_near_closing(qtbot):
    nav = ProcessNavigator()
    qtbot.addWidget(nav)
    nav.load_kb(FakeKb())
    nav.apply([StageEvent(t_ms=0, stage="opening", label="OPENING", next_step_label="问候")])
    assert nav.next_label.text() == "下一步：问候"
    nav.apply([StepDoneEvent(t_ms=1, stage="opening", step="opening.a", next_step_label="报工号")])
    assert ("opening", "opening.a") in nav.state.done_steps
    assert nav.tree.topLevelItem(0).child(0).text(0).startswith("✓")
    assert nav.at_risk() == ["identity"]  # must come before "needs", one stage away
    nav.apply([DisclosureEvent(t_ms=2, category="identity")])
    assert nav.at_risk() == []
    nav.apply([StageEvent(t_ms=3, stage="disclosures")])
    assert nav.at_risk() == ["cooling_off_period"]  # closing is next
    item = nav.checklist.item(0)
    assert item.text().startswith("⚠") and "15天犹豫期" in item.toolTip()
    assert nav._current_item().text(0) == "▶ DISCLOSURES"


def test_navigator_marks_what_the_engine_reports_missing(qtbot):
    nav = ProcessNavigator()
    qtbot.addWidget(nav)
    nav.apply([MissingDisclosureEvent(t_ms=0, missing=("surrender_loss",))])
    assert nav.at_risk() == ["surrender_loss"]


def test_outcome_dialog_needs_a_choice_and_returns_it(qtbot):
    dialog = OutcomeDialog(session_id="abc")
    qtbot.addWidget(dialog)
    ok = dialog.box.buttons()[0]
    assert dialog.result_outcome() is None and not dialog.when.isEnabled()
    dialog.choose("callback", datetime(2026, 12, 1, 10, 15), "周一上午")
    assert dialog.when.isEnabled() and ok.isEnabled()
    result = dialog.result_outcome()
    assert (result.outcome, result.callback_at, result.notes) == (
        "callback", datetime(2026, 12, 1, 10, 15), "周一上午")
    dialog.choose("sale")
    assert dialog.result_outcome().callback_at is None and not dialog.when.isEnabled()


def test_a_missing_disclosure_said_later_shrinks_the_alert_and_then_clears_it(qtbot):
    from ui.advisor.compliance import WarningList
    from ui.common.labels import label

    banner, warnings = ComplianceBanner(), WarningList()
    qtbot.addWidget(banner)
    qtbot.addWidget(warnings)
    event = MissingDisclosureEvent(t_ms=5, missing=("cooling_off_period", "waiting_period"), trigger="closing")
    banner.add(Alert.of_missing(event, {}))
    banner.render()
    assert banner.isVisible()
    assert banner.disclosed("cooling_off_period") and not banner.disclosed("identity")
    banner.render()
    assert banner.isVisible() and banner.shown.missing == ("waiting_period",)
    warnings.set_alerts(list(banner.alerts.values()))
    assert label("waiting_period") in warnings.item(0).text()
    assert banner.disclosed("waiting_period")
    banner.render()
    assert not banner.isVisible()  # everything said: nothing left to warn about
    warnings.set_alerts(list(banner.alerts.values()))
    text = warnings.item(0).text()
    assert warnings.count() == 1 and label("cooling_off_period") in text and label("waiting_period") in text
