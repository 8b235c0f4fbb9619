"""The validator's errors: each bad KB names the file and line to edit and what to do."""

from __future__ import annotations

import pytest

from copilot.errors import InputError
from copilot.kb import KbError, load_kb, validate_kb


def errors(root) -> list[str]:
    return [str(p) for p in validate_kb(root) if p.is_error]


def warnings(root) -> list[str]:
    return [str(p) for p in validate_kb(root) if not p.is_error]


def test_the_tiny_kb_is_valid(tiny_kb) -> None:
    assert validate_kb(tiny_kb.root) == []
    kb = load_kb(tiny_kb.root)
    assert [i.id for i in kb.items()] == ["med.waiting", "price_daily"]


# Each case: file to write, its content, then the exact `file:line` and a phrase of the message.
CASES = {
    "yaml syntax": (
        "scripts/broken.yaml",
        "scripts:\n  - id: a\n    text: x\n   stage: opening\n",
        4, "YAML syntax error",
    ),
    "unknown category": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_retrun\n    article: x\n",
        3, "unknown violation category 'guaranteed_retrun'",
    ),
    "disclosure category from the violation list": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    kind: disclosure\n    category: deposit_confusion\n    article: x\n",
        4, "unknown disclosure category 'deposit_confusion'",
    ),
    "unknown stage": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    stage: openning\n",
        4, "unknown stage 'openning'",
    ),
    "unknown before_stage": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    kind: disclosure\n    category: identity\n    article: x\n"
        "    before_stage: closin\n",
        6, "unknown stage 'closin' in before_stage",
    ),
    "unknown handles": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    handles:\n      - objection_price\n"
        "      - objection_prize\n",
        6, "unknown signal id 'objection_prize'",
    ),
    "unknown product reference": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    product: medd\n",
        4, "unknown product 'medd'",
    ),
    "unknown applies_to": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    kind: disclosure\n    category: waiting_period\n    article: x\n"
        "    applies_to: [helth]\n",
        6, "unknown product family or type 'helth'",
    ),
    "missing field": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    title: 没有正文\n",
        2, "missing field 'text' in script",
    ),
    "misspelled field": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    stag: opening\n",
        4, "unknown field 'stag'",
    ),
    "empty text": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: '  '\n",
        3, "empty text in script 's9'",
    ),
    "bad regex": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_return\n    article: x\n    patterns:\n"
        "      - 保本\n      - '(稳赚'\n",
        7, "pattern 2 '(稳赚' is not a valid regex",
    ),
    "bad exception regex": (
        "signals/s.yaml",
        "signals:\n  - id: my_signal\n    label: x\n    patterns: [贵]\n    exceptions: ['[不']\n"
        "    examples: [太贵了]\n",
        5, "exception 1 '[不' is not a valid regex",
    ),
    "example not flagged": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_return\n    article: x\n    patterns: [保本]\n"
        "    examples:\n      - 保本的\n      - 收益很高\n",
        8, "does not match its own example '收益很高'",
    ),
    "example cancelled by a kb negation cue": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_return\n    article: x\n    patterns: [保本]\n"
        "    examples: [肯定没有不保本的]\n",
        6, "does not match its own example '肯定没有不保本的'",
    ),
    "hard negative flagged": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_return\n    article: x\n    patterns: [保本]\n"
        "    examples: [保本的]\n    negatives:\n      - 不保本\n      - 它是保本型的吗\n",
        9, "matches its hard negative '它是保本型的吗'",
    ),
    "signal negative flagged": (
        "signals/s.yaml",
        "signals:\n  - id: objection_price\n    label: 价格\n    patterns: [贵]\n"
        "    examples: [太贵了]\n    negatives: [贵公司在哪]\n",
        6, "signal 'objection_price' matches its hard negative '贵公司在哪'",
    ),
    "paraphrase also a negative": (
        "rules/bad.yaml",
        "rules:\n  - id: r9\n    category: guaranteed_return\n    article: x\n    patterns: [保本]\n"
        "    examples: [保本的]\n    negatives: [亏不了]\n    paraphrases:\n      - 稳稳的\n      - 亏不了\n",
        10, "lists '亏不了' both as a paraphrase and as a negative",
    ),
    "empty paraphrase": (
        "signals/s.yaml",
        "signals:\n  - id: objection_price\n    label: 价格\n    patterns: [贵]\n"
        "    examples: [太贵了]\n    paraphrases: ['  ']\n",
        6, "signal 'objection_price' has an empty paraphrase",
    ),
    "bad bulk json": (
        "bulk/items.jsonl",
        '{"id": "b1", "kind": "fact", "text": "x"}\n{"id": "b2", "kind": "fact", "text": }\n',
        2, "not valid JSON",
    ),
    "bulk bad kind": (
        "items.jsonl",
        '{"id": "b1", "kind": "faq", "text": "x"}\n',
        1, "'kind' is 'faq'",
    ),
    "bulk unknown stage": (
        "items.jsonl",
        '{"id": "b1", "kind": "script", "text": "x"}\n{"id": "b2", "kind": "script", '
        '"text": "y", "stage": "nowhere"}\n',
        2, "unknown stage 'nowhere' in 'b2'",
    ),
    "bad retraction cue": (
        "kb.yaml",
        "id: tiny\nname: t\nlanguage: zh\nversion: '1'\nnegation_cues: [不]\nretraction_cues: ['(那是不对']\n",
        6, "retraction cue 1 '(那是不对' is not a valid regex",
    ),
    "labelled line not json": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "保本的", "violations": ["guaranteed_return"]}\n{"speaker": }\n',
        2, "not valid JSON",
    ),
    "labelled line unknown category": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "稳赚", "violations": ["guaranted_return"]}\n',
        1, "unknown id 'guaranted_return' in violations",
    ),
    "labelled customer line with a violation": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "好的"}\n{"speaker": "customer", "text": "保本吗", '
        '"violations": ["guaranteed_return"]}\n',
        2, "a customer line with violations",
    ),
    "labelled advisor line with a signal": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "太贵了", "signals": ["objection_price"]}\n',
        1, "an advisor line with signals",
    ),
    "labelled line unknown stage": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "您好", "stage": "hello"}\n',
        1, "unknown stage 'hello'",
    ),
    "labelled line unknown rule": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "稳赚", "violations": ["guaranteed_return"], "rule": "r_nope"}\n',
        1, "unknown rule 'r_nope'",
    ),
    "labelled line names a rule of another category": (
        "labelled/qa.jsonl",
        '{"speaker": "advisor", "text": "利息高", "violations": ["deposit_confusion"], "rule": "no_guarantee"}\n',
        1, "rule 'no_guarantee' is a guaranteed_return rule",
    ),
    "labelled line bad speaker": (
        "labelled/qa.jsonl",
        '{"speaker": "agent", "text": "您好"}\n',
        1, "'speaker' is 'agent'",
    ),
    "product family": (
        "products/other.yaml",
        "id: other\nname: x\ntype: savings\nfamily: saving\n",
        4, "'family' is 'saving'",
    ),
    "fact missing text inside a product": (
        "products/other.yaml",
        "id: other\nname: x\ntype: savings\nfacts:\n  - id: other.a\n    text: 有\n"
        "  - id: other.b\n    title: 没正文\n",
        7, "missing field 'facts.1.text' in product",
    ),
    "number where text is expected": (
        "kb.yaml",
        "id: tiny\nname: t\nlanguage: zh\nversion: 1.2\nnegation_cues: [不]\n",
        4, "'version' must be text, not 1.2",
    ),
    "scalar where a list is expected": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    handles: objection_price\n",
        4, "'handles' must be a list",
    ),
    "self-referencing yaml anchors": (
        "scripts/more.yaml",
        "scripts: &all\n  - id: s9\n    text: 你好\n    examples: *all\n",
        1, "YAML syntax error",
    ),
    "scripts file without scripts key": (
        "scripts/more.yaml",
        "- id: s9\n  text: 你好\n",
        1, "expected a top-level 'scripts:' list",
    ),
    "duplicate key in one mapping": (
        "scripts/more.yaml",
        "scripts:\n  - id: s9\n    text: 你好\n    text: 再见\n",
        4, "key 'text' appears twice",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_kb_reports_file_line_and_fix(tiny_kb, name: str) -> None:
    rel, text, line, phrase = CASES[name]
    tiny_kb.write(rel, text)
    found = [e for e in errors(tiny_kb.root) if e.startswith(tiny_kb.where(rel, line) + ": ")]
    assert any(phrase in e for e in found), f"expected {tiny_kb.where(rel, line)}: …{phrase}… in {errors(tiny_kb.root)}"
    assert all("; " in e for e in found), "every error says how to fix it"
    with pytest.raises(KbError) as caught:
        load_kb(tiny_kb.root)
    assert tiny_kb.where(rel, line) in str(caught.value)


def test_duplicate_id_across_files_names_both_places(tiny_kb) -> None:
    tiny_kb.write("scripts/more.yaml", "scripts:\n  - id: other\n    text: 好\n  - id: med.waiting\n    text: 你好\n")
    [error] = errors(tiny_kb.root)
    assert error.startswith(tiny_kb.where("scripts/more.yaml", 4) + ": duplicate id 'med.waiting'")
    assert tiny_kb.where("products/med.yaml", 7) in error


def test_default_sop_must_exist(tiny_kb) -> None:
    tiny_kb.write("kb.yaml", "id: t\nname: t\nlanguage: zh\nversion: '1'\ndefault_sop: main\n"
                  "negation_cues: [不]\n")
    tiny_kb.write("sop/flow.yaml", "id: flow\nname: x\nstages:\n  - id: opening\n    label: 开场\n")
    assert errors(tiny_kb.root) == [
        f"{tiny_kb.where('kb.yaml', 5)}: default_sop 'main' is not a SOP of this KB; use one of: flow"
    ]


def test_duplicate_step_id_within_a_sop(tiny_kb) -> None:
    tiny_kb.write("sop/flow.yaml", """\
        id: flow
        name: x
        stages:
          - id: opening
            label: 开场
            steps:
              - {id: greet, label: 问候}
          - id: closing
            label: 促成
            steps:
              - {id: greet, label: 再问候}
        """)
    [error] = errors(tiny_kb.root)
    assert error.startswith(tiny_kb.where("sop/flow.yaml", 11) + ": duplicate step id 'greet'")


def test_missing_kb_yaml_and_missing_folder(tmp_path) -> None:
    (tmp_path / "scripts").mkdir()
    assert errors(tmp_path)[0].startswith(f"{tmp_path / 'kb.yaml'}: kb.yaml is missing")
    with pytest.raises(KbError):
        load_kb(tmp_path)
    with pytest.raises(KbError, match="knowledge base folder not found"):
        load_kb(tmp_path / "nope")


def test_kb_error_is_an_input_error_listing_every_error(tiny_kb) -> None:
    tiny_kb.write("scripts/more.yaml", "scripts:\n  - id: s9\n    text: ''\n    stage: nowhere\n")
    with pytest.raises(InputError) as caught:
        load_kb(tiny_kb.root)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"2 error(s) in knowledge base {tiny_kb.root}:"
    assert lines[1].startswith(tiny_kb.where("scripts/more.yaml", 3) + ": empty text")
    assert lines[2].startswith(tiny_kb.where("scripts/more.yaml", 4) + ": unknown stage")


def test_ids_the_kb_defines_itself_are_known(tiny_kb) -> None:
    tiny_kb.write("kb.yaml", tiny_kb.root.joinpath("kb.yaml").read_text() + "categories: [cross_selling]\n")
    tiny_kb.write("signals/own.yaml", "signals:\n  - id: asks_for_discount\n    label: 要优惠\n"
                  "    patterns: [优惠]\n    examples: [能给点优惠吗]\n")
    tiny_kb.write("sop/flow.yaml", "id: flow\nname: x\nstages:\n  - id: warm_up\n    label: 寒暄\n")
    tiny_kb.write("scripts/more.yaml", "scripts:\n  - id: s9\n    text: 你好\n    stage: warm_up\n"
                  "    handles: [asks_for_discount]\n")
    tiny_kb.write("rules/own.yaml", "rules:\n  - id: r9\n    category: cross_selling\n    article: x\n"
                  "    patterns: [顺便买]\n    examples: [顺便买一份吧]\n")
    assert errors(tiny_kb.root) == []


def test_bulk_unknown_fields_are_a_warning_and_kept_as_metadata(tiny_kb) -> None:
    tiny_kb.write("bulk/faq.jsonl",
                  '{"id": "faq1", "kind": "fact", "text": "理赔三天到账", "product": "med", "source_system": "crm"}\n'
                  '{"id": "faq2", "kind": "script", "text": "您好", "stage": "opening", "owner": "x"}\n')
    assert errors(tiny_kb.root) == []
    [warning] = warnings(tiny_kb.root)
    assert warning.startswith(tiny_kb.where("bulk/faq.jsonl", 1) + ": unknown field(s) owner, source_system")
    kb = load_kb(tiny_kb.root)
    assert kb.item("faq1").metadata == {"source_system": "crm"}
    assert kb.item("faq2").stage == "opening"
    assert kb.warnings and not kb.warnings[0].is_error


def test_rule_without_patterns_is_a_warning(tiny_kb) -> None:
    tiny_kb.write("rules/soft.yaml", "rules:\n  - id: r9\n    category: pressure_tactics\n    article: x\n"
                  "    examples: [今天必须定]\n")
    assert errors(tiny_kb.root) == []
    assert any(w.startswith(tiny_kb.where("rules/soft.yaml", 2) + ": violation rule 'r9' has no patterns")
               for w in warnings(tiny_kb.root))


def test_unreadable_file_never_tracebacks(tiny_kb) -> None:
    (tiny_kb.root / "scripts" / "binary.yaml").write_bytes(b"\xff\xfe\x00bad")
    assert any("not UTF-8" in e for e in errors(tiny_kb.root))


def test_an_empty_kb_yaml_is_an_error_saying_what_to_write(tiny_kb, capsys) -> None:
    from copilot.cli import main

    tiny_kb.write("kb.yaml", "")
    expected = f"{tiny_kb.root / 'kb.yaml'}: kb.yaml is empty; write id, name, language and version in it"
    assert expected in errors(tiny_kb.root)
    assert main(["kb", "validate", str(tiny_kb.root)]) == 1  # was "0 error(s)" and exit 2
    out = capsys.readouterr().out
    assert "error: kb.yaml is empty" in out and "file is empty" not in out
