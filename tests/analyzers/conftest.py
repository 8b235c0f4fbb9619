"""A small inline KB built from the real pydantic models, and helpers to run utterances through
the real analyzers in a real Session. Tables in the test modules use these."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from copilot.analyzers import build_analyzers
from copilot.kb import KnowledgeBase
from copilot.kb.model import (
    Fact,
    KbMeta,
    Product,
    Rule,
    Script,
    Signal,
    Sop,
    SopStage,
    SopStep,
)
from copilot.session import Session, SessionInfo
from copilot.settings import Settings
from copilot.utterance import Utterance

CUES = ["不", "没", "没有", "并非", "不是", "无", "别", "不会", "不能", "不要", "未", "绝不", "从不"]

PROFILE = {
    "fields": [
        {"field": "age", "patterns": [r"(?P<value>\d{2})岁", r"今年(?P<value>\d{2})"]},
        {"field": "gender", "negatable": False, "patterns": [
            {"pattern": "先生", "value": "男"}, {"pattern": "女士", "value": "女"}]},
        {"field": "city", "patterns": [r"在(?P<value>上海|北京|杭州)"]},
        {"field": "existing_coverage", "negatable": False, "patterns": [
            {"pattern": "(没有|没)(买|有)过?(任何)?保险", "value": "无"},
            r"(?<!没)(?<!没有)买过(?P<value>[^，。]{0,6}险)"]},
        {"field": "annual_premium", "patterns": [r"(年交|每年交?)(?P<value>\d+(\.\d+)?[万千]?)"]},
    ],
}


def inline_kb(root: Path) -> KnowledgeBase:
    meta = KbMeta(id="t", name="t", language="zh", version="1", negation_cues=CUES,
                  filler_words=["嗯", "啊"], default_sop="s")
    sop = Sop(id="s", name="s", stages=[
        SopStage(id="opening", label="开场", steps=[
            SopStep(id="greet", label="问候并自我介绍", required=True,
                    examples=["您好，我是嘉和人寿的客户经理小王"], patterns=["我是.{0,8}(客户经理|顾问)"])]),
        SopStage(id="needs_discovery", label="需求了解", steps=[
            SopStep(id="ask_coverage", label="了解已有保障", required=True,
                    examples=["您现在有没有买过什么保险", "您家里人都有医保吗"])]),
        SopStage(id="product_introduction", label="产品介绍", steps=[
            SopStep(id="intro_product", label="介绍产品", required=True,
                    examples=["给您介绍一下我们的百万医疗险", "这款产品住院医疗费用都能报销"])]),
        SopStage(id="closing", label="促成", steps=[
            SopStep(id="ask_order", label="促成投保", required=True,
                    examples=["那我现在帮您把保单办了吧", "您看今天就帮您投保好吗"],
                    patterns=["帮您(办|投保|下单)"])]),
        SopStage(id="wrap_up", label="结束", steps=[
            SopStep(id="thanks", label="致谢", examples=["感谢您的接听，祝您生活愉快"])]),
    ])
    rules = [
        Rule(id="v_guarantee", kind="violation", category="guaranteed_return", severity="block",
             article="《人身保险销售误导行为认定指引》", reason="不得承诺保证收益",
             suggestion="说明收益不确定", patterns=["保本", "稳赚", r"(绝对|肯定|保证)不会?亏"],
             exceptions=["保本.{0,2}不(可能|存在)"],
             examples=["到期本金一分不少，稳稳的"], negatives=["这款产品不保本，收益不确定"]),
        Rule(id="v_deposit", kind="violation", category="deposit_confusion", severity="block",
             article="银保规范", reason="不得把保险说成存款",
             patterns=["(跟|和|像)存款(一样|差不多)", "存银行"],
             examples=["放我们这儿跟放银行差不多"], negatives=["这不是存款，是保险产品"]),
        Rule(id="v_pressure", kind="violation", category="pressure_tactics", severity="block",
             article="《人身保险电话销售业务管理办法》", reason="客户明确拒绝后不得继续推销",
             patterns=["今天必须(定|买)"]),
        Rule(id="d_identity", kind="disclosure", category="identity", article="第24条",
             patterns=["工号"], examples=["我的工号是12345"], before_stage="closing"),
        Rule(id="d_cooling", kind="disclosure", category="cooling_off_period", article="第25条",
             patterns=["犹豫期"], examples=["您有15天犹豫期"], before_stage="closing"),
        Rule(id="d_waiting", kind="disclosure", category="waiting_period", article="第25条",
             patterns=["等待期"], applies_to=["health"], before_stage="closing"),
        Rule(id="d_returns", kind="disclosure", category="uncertain_returns", article="第22条",
             patterns=["收益不确定"], applies_to=["savings"], before_stage="closing"),
    ]
    signals = [
        Signal(id="customer_refusal", label="明确拒绝",
               patterns=["不(需要|要)了", "别再打", "不买"], exceptions=["不买.{0,4}(吗|么)"],
               examples=["我真的不需要，你别再打了"], negatives=["我不是不需要，就是有点贵"]),
        Signal(id="objection_price", label="嫌贵", patterns=["太贵", "贵了"],
               examples=["这个价格我承受不起", "有点超预算了"], negatives=["贵不贵无所谓"]),
        Signal(id="objection_think_about_it", label="再考虑",
               patterns=["(再|要)(考虑|想想)"], examples=["我回头再琢磨琢磨"]),
        Signal(id="customer_agreement", label="同意购买",
               patterns=["(那就|好的?).{0,4}(买|办|投保).{0,3}吧"], examples=["行，那就给我办一份吧"]),
    ]
    scripts = [
        Script(id="sc_price", title="嫌贵", stage="objection_handling", handles=["objection_price"],
               text="其实每天不到一块钱，就能换来几百万的医疗保障。", examples=["太贵了"]),
        Script(id="sc_think", title="再考虑", stage="objection_handling",
               handles=["objection_think_about_it"], text="您主要是担心哪方面呢？我帮您把疑问说清楚。"),
        Script(id="sc_refusal", title="礼貌结束", stage="wrap_up", handles=["customer_refusal"],
               text="好的，不打扰您了，感谢您的接听。"),
        Script(id="sc_intro", title="产品介绍", stage="product_introduction",
               text="这款百万医疗险住院费用都能报销，保额高达两百万。", examples=["你们这个保险保什么"]),
    ]
    products = [
        Product(id="med", name="安心百万医疗险", type="medical", family="health",
                aliases=["百万医疗"], growth_factor=2, payment_years=1, facts=[
                    Fact(id="med.wait", aspect="waiting_period", title="等待期30天",
                         text="等待期30天，等待期内生病不赔。", product="med",
                         examples=["等待期多久", "买了马上就能用吗"])]),
        Product(id="grow", name="增额终身寿", type="savings", family="savings",
                aliases=["增额寿"], growth_factor=1, payment_years=10),
    ]
    (root / "profile.yaml").write_text(yaml.safe_dump(PROFILE, allow_unicode=True), encoding="utf-8")
    return KnowledgeBase(root=root, meta=meta, products=products, scripts=scripts, sops=[sop],
                         rules=rules, signals=signals)


@pytest.fixture
def kb(tmp_path) -> KnowledgeBase:
    return inline_kb(tmp_path)


class Call:
    """Drives a real Session over the real analyzers, one line per utterance."""

    def __init__(self, kb, started_at: datetime | None = None, settings: Settings | None = None):
        info = SessionInfo(started_at=started_at or datetime(2026, 11, 20, 10, 0).astimezone())
        self.session = Session(analyzers=build_analyzers(kb, settings or Settings()), info=info)
        self.start_events = self.session.start()
        self.n = 0

    def say(self, speaker: str, text: str, final: bool = True, uid: str | None = None, t_ms=None):
        if final or uid is None:
            self.n += 1
        uid = uid or f"u{self.n}"
        t = t_ms if t_ms is not None else self.n * 5000
        utt = Utterance(id=uid, speaker=speaker, start_ms=t - 1000, end_ms=t, text=text, final=final)
        return [e for e in self.session.feed(utt) if e.type != "utterance"]


@pytest.fixture
def call(kb):
    return Call(kb)


@pytest.fixture
def new_call(kb):
    """A factory for calls on the inline KB (or another KB), with a start time and settings."""

    def make(started_at=None, settings=None, knowledge=None):
        return Call(knowledge or kb, started_at=started_at, settings=settings)

    return make
