"""Cross-file checks on a read KB: unique ids, references to known ids, empty texts, regexes.

Each check adds problems with the file:line of the offending field, so a trainer can jump there.
"""

from __future__ import annotations

from copilot.kb.model import KbObject, Rule
from copilot.kb.problems import ProblemLog
from copilot.kb.reader import KbContent
from copilot.kb.vocabulary import Vocabulary, choices
from copilot.patterns import check_patterns


def vocabulary_of(content: KbContent) -> Vocabulary:
    stages = {stage.id for sop in content.sops for stage in sop.stages}
    extra = content.meta.categories if content.meta else []
    return Vocabulary.for_kb(extra, content.signals, stages, content.products)


def run_checks(content: KbContent, vocab: Vocabulary, log: ProblemLog) -> None:
    check_unique_ids(content, log)
    check_sops(content, log)
    check_meta(content, log)
    check_items(content, vocab, log)
    check_rules(content, vocab, log)
    check_regexes(content, log)
    check_labelled(content, vocab, log)


def _all_identified(content: KbContent) -> list[tuple[str, KbObject]]:
    objects: list[tuple[str, KbObject]] = []
    for product in content.products:
        objects.append(("product", product))
        objects.extend(("fact", fact) for fact in product.facts)
    objects.extend(("script", s) for s in content.scripts)
    objects.extend(("bulk item", b) for b in content.bulk)
    objects.extend(("rule", r) for r in content.rules)
    objects.extend(("signal", s) for s in content.signals)
    objects.extend(("sop", s) for s in content.sops)
    return objects


def check_unique_ids(content: KbContent, log: ProblemLog) -> None:
    """Ids are unique across the whole KB: sessions and reports refer to objects by id alone."""
    seen: dict[str, tuple[str, KbObject]] = {}
    for kind, obj in _all_identified(content):
        oid = obj.id
        if not str(oid).strip():
            log.error(content.path(obj), content.line(obj, "id"), f"empty id in {kind}",
                      "give it a short stable id such as 'medical_waiting_period'")
            continue
        if oid in seen:
            first_kind, first = seen[oid]
            log.error(content.path(obj), content.line(obj, "id"),
                      f"duplicate id '{oid}' ({kind}); also used by the {first_kind} at "
                      f"{content.path(first)}:{content.line(first, 'id')}",
                      "rename one of them: ids must be unique in the whole KB")
        else:
            seen[oid] = (kind, obj)


def check_sops(content: KbContent, log: ProblemLog) -> None:
    for sop in content.sops:
        seen: dict[str, KbObject] = {}
        for stage in sop.stages:
            for obj in (stage, *stage.steps):
                what = "stage" if obj is stage else "step"
                if obj.id in seen:
                    log.error(content.path(obj), content.line(obj, "id"),
                              f"duplicate {what} id '{obj.id}' in sop '{sop.id}'; also at "
                              f"line {content.line(seen[obj.id], 'id')}",
                              "stage and step ids must be unique within their SOP")
                else:
                    seen[obj.id] = obj
        if not sop.stages:
            log.error(content.path(sop), content.line(sop, "stages"), f"sop '{sop.id}' has no stages",
                      "list its stages in order under 'stages:'")


def check_meta(content: KbContent, log: ProblemLog) -> None:
    meta = content.meta
    if meta is None:
        return
    for field, name in (("negation_cues", "negation cue"), ("retraction_cues", "retraction cue")):
        for problem in check_patterns(getattr(meta, field)):
            log.error(content.root / "kb.yaml", content.line(meta, field),
                      f"{name} {problem.index + 1} {problem.pattern!r} is not a valid regex",
                      "fix it or quote it as plain text")
    if not meta.default_sop:
        return
    ids = {sop.id for sop in content.sops}
    if content.sops and meta.default_sop not in ids:
        log.error(content.root / "kb.yaml", content.line(meta, "default_sop"),
                  f"default_sop '{meta.default_sop}' is not a SOP of this KB",
                  f"use one of: {choices(ids)}")


def check_items(content: KbContent, vocab: Vocabulary, log: ProblemLog) -> None:
    for product in content.products:
        for fact in product.facts:
            _check_text(content, fact, "fact", log)
            if fact.aspect not in vocab.fact_aspects:
                log.warn(content.path(fact), content.line(fact, "aspect"),
                         f"unknown aspect '{fact.aspect}' in fact '{fact.id}'",
                         f"use one of: {choices(vocab.fact_aspects)}")
    for item in (*content.scripts, *content.bulk):
        kind = "script" if item in content.scripts else "bulk item"
        _check_text(content, item, kind, log)
        _check_refs(content, item, vocab, log)


def _check_text(content: KbContent, obj: KbObject, kind: str, log: ProblemLog) -> None:
    if not getattr(obj, "text", "").strip():
        log.error(content.path(obj), content.line(obj, "text"), f"empty text in {kind} '{obj.id}'",
                  "write what the advisor should say or know")


def _check_refs(content: KbContent, item, vocab: Vocabulary, log: ProblemLog) -> None:
    if item.stage and item.stage not in vocab.stages:
        log.error(content.path(item), content.line(item, "stage"),
                  f"unknown stage '{item.stage}' in '{item.id}'",
                  f"use a stage of the SOP: {choices(vocab.stages)}")
    for index, signal in enumerate(item.handles):
        if signal not in vocab.signals:
            log.error(content.path(item), content.line(item, "handles", index),
                      f"unknown signal id '{signal}' in handles of '{item.id}'",
                      f"use one of: {choices(vocab.signals)} (or define it in signals/)")
    if item.product and item.product not in vocab.products:
        log.error(content.path(item), content.line(item, "product"),
                  f"unknown product '{item.product}' in '{item.id}'",
                  f"use a product id from products/: {choices(vocab.products) or '(none defined)'}")


def check_rules(content: KbContent, vocab: Vocabulary, log: ProblemLog) -> None:
    for rule in content.rules:
        known = vocab.violation_categories if rule.kind == "violation" else vocab.disclosures
        if rule.category not in known:
            log.error(content.path(rule), content.line(rule, "category"),
                      f"unknown {rule.kind} category '{rule.category}' in rule '{rule.id}'",
                      f"use one of: {choices(known, 20)} (or add it to 'categories:' in kb.yaml)")
        if rule.before_stage and rule.before_stage not in vocab.stages:
            log.error(content.path(rule), content.line(rule, "before_stage"),
                      f"unknown stage '{rule.before_stage}' in before_stage of rule '{rule.id}'",
                      f"use a stage of the SOP: {choices(vocab.stages)}")
        for index, target in enumerate(rule.applies_to):
            if target not in vocab.product_kinds:
                log.error(content.path(rule), content.line(rule, "applies_to", index),
                          f"unknown product family or type '{target}' in rule '{rule.id}'",
                          f"use one of: {choices(vocab.product_kinds)}")
        if not rule.article.strip():
            log.warn(content.path(rule), content.line(rule, "article"),
                     f"rule '{rule.id}' cites no article", "name the regulation and article it enforces")


def check_labelled(content: KbContent, vocab: Vocabulary, log: ProblemLog) -> None:
    """Labelled call lines use known ids, and only advisors violate or disclose, only customers
    signal: a wrong label would teach the analyzers the wrong thing."""
    for line in content.labelled:
        where = content.path(line), line.source.line
        if not line.text.strip():
            log.error(*where, "empty text in a labelled line", "write what was said, or delete the line")
        for key, known in (("violations", vocab.violation_categories), ("disclosures", vocab.disclosures),
                           ("signals", vocab.signals)):
            for label in getattr(line, key):
                if label not in known:
                    log.error(*where, f"unknown id '{label}' in {key}", f"use one of: {choices(known, 20)}")
        if line.rule:
            _check_labelled_rule(content, line, log)
        if line.stage and line.stage not in vocab.stages:
            log.error(*where, f"unknown stage '{line.stage}'", f"use a stage of the SOP: {choices(vocab.stages)}")
        wrong = ("violations", "disclosures") if line.speaker == "customer" else ("signals",)
        for key in wrong:
            if getattr(line, key):
                article = "an" if line.speaker == "advisor" else "a"
                log.error(*where, f"{article} {line.speaker} line with {key}",
                          "only advisors violate or disclose and only customers signal: "
                          f"move the labels or empty '{key}'")


def _check_labelled_rule(content: KbContent, line, log: ProblemLog) -> None:
    rule = next((r for r in content.rules if r.id == line.rule), None)
    where = content.path(line), line.source.line
    if rule is None:
        log.error(*where, f"unknown rule '{line.rule}'", "use a rule id from rules/, or remove 'rule'")
    elif rule.category not in (*line.violations, *line.disclosures):
        log.error(*where, f"rule '{line.rule}' is a {rule.category} rule, but the line is not labelled {rule.category}",
                  f"add '{rule.category}' to the line's labels or name a rule of its category")


def _pattern_owners(content: KbContent) -> list[tuple[str, KbObject]]:
    owners: list[tuple[str, KbObject]] = [("rule", r) for r in content.rules]
    owners.extend(("signal", s) for s in content.signals)
    owners.extend(("step", step) for sop in content.sops for st in sop.stages for step in st.steps)
    return owners


def check_regexes(content: KbContent, log: ProblemLog) -> None:
    for kind, owner in _pattern_owners(content):
        for field in ("patterns", "exceptions"):
            for problem in check_patterns(getattr(owner, field, [])):
                log.error(content.path(owner), content.line(owner, field, problem.index),
                          f"{kind} '{owner.id}' {field[:-1]} {problem.index + 1} "
                          f"{problem.pattern!r} is not a valid regex: {problem.args[0].split(': ', 1)[-1]}",
                          "fix the regex (escape ( ) [ ] ? * + with a backslash when meant literally)")


def has_bad_regex(owner: Rule | KbObject) -> bool:
    return bool(check_patterns(getattr(owner, "patterns", []))
                or check_patterns(getattr(owner, "exceptions", [])))
