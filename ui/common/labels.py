"""Display names for the shared category ids of DOMAIN.md (violations, disclosures, signals,
profile fields, outcomes), translated with the UI language.

The ids are the product's vocabulary; knowledge files may add their own, which are shown as the
KB wrote them (or as the id) when no label is known here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from copilot.events import OUTCOMES as EVENT_OUTCOMES

CONTEXT = "Labels"

_LABELS: dict[str, str] = {
    # violation categories
    "guaranteed_return": QT_TRANSLATE_NOOP("Labels", "Guaranteed return"),
    "deposit_confusion": QT_TRANSLATE_NOOP("Labels", "Sold as a deposit"),
    "exaggerated_coverage": QT_TRANSLATE_NOOP("Labels", "Exaggerated coverage"),
    "rebate_or_gift": QT_TRANSLATE_NOOP("Labels", "Rebate or gift"),
    "disparage_competitor": QT_TRANSLATE_NOOP("Labels", "Disparaging a competitor"),
    "false_urgency": QT_TRANSLATE_NOOP("Labels", "False urgency"),
    "hinder_disclosure": QT_TRANSLATE_NOOP("Labels", "Hindering health disclosure"),
    "surrender_inducement": QT_TRANSLATE_NOOP("Labels", "Inducing surrender"),
    "off_platform_contact": QT_TRANSLATE_NOOP("Labels", "Moving off the recorded line"),
    "pressure_tactics": QT_TRANSLATE_NOOP("Labels", "Pressure tactics"),
    "regulator_endorsement": QT_TRANSLATE_NOOP("Labels", "Claimed regulator endorsement"),
    # required disclosures
    "identity": QT_TRANSLATE_NOOP("Labels", "Name, insurer and licence no."),
    "recording_notice": QT_TRANSLATE_NOOP("Labels", "Call is recorded"),
    "insurance_product_notice": QT_TRANSLATE_NOOP("Labels", "It is an insurance product"),
    "coverage_and_exclusions": QT_TRANSLATE_NOOP("Labels", "Coverage and exclusions"),
    "cooling_off_period": QT_TRANSLATE_NOOP("Labels", "Cooling-off period"),
    "surrender_loss": QT_TRANSLATE_NOOP("Labels", "Loss on surrender"),
    "health_disclosure": QT_TRANSLATE_NOOP("Labels", "Truthful health disclosure"),
    "premium_and_term": QT_TRANSLATE_NOOP("Labels", "Premium and term"),
    "waiting_period": QT_TRANSLATE_NOOP("Labels", "Waiting period"),
    "uncertain_returns": QT_TRANSLATE_NOOP("Labels", "Returns are not guaranteed"),
    # customer signals
    "customer_refusal": QT_TRANSLATE_NOOP("Labels", "Customer refused"),
    "complaint_intent": QT_TRANSLATE_NOOP("Labels", "Complaint intent"),
    "objection_price": QT_TRANSLATE_NOOP("Labels", "Price objection"),
    "objection_trust": QT_TRANSLATE_NOOP("Labels", "Trust objection"),
    "objection_need": QT_TRANSLATE_NOOP("Labels", "No need"),
    "objection_think_about_it": QT_TRANSLATE_NOOP("Labels", "Wants to think about it"),
    "objection_already_insured": QT_TRANSLATE_NOOP("Labels", "Already insured"),
    "objection_family_decision": QT_TRANSLATE_NOOP("Labels", "Family decides"),
    # profile fields
    "age": QT_TRANSLATE_NOOP("Labels", "Age"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "family": QT_TRANSLATE_NOOP("Labels", "Family"),
    "occupation": QT_TRANSLATE_NOOP("Labels", "Occupation"),
    "city": QT_TRANSLATE_NOOP("Labels", "City"),
    "income_or_budget": QT_TRANSLATE_NOOP("Labels", "Income / budget"),
    "existing_coverage": QT_TRANSLATE_NOOP("Labels", "Existing coverage"),
    "health_notes": QT_TRANSLATE_NOOP("Labels", "Health notes"),
    "interest": QT_TRANSLATE_NOOP("Labels", "Interest"),
    "annual_premium": QT_TRANSLATE_NOOP("Labels", "Annual premium"),
    "star_level": QT_TRANSLATE_NOOP("Labels", "Star level"),
    "growth_value": QT_TRANSLATE_NOOP("Labels", "Growth value"),
    "gap_to_next_level": QT_TRANSLATE_NOOP("Labels", "Gap to next level"),
    # outcomes
    "sale": QT_TRANSLATE_NOOP("Labels", "Sale"),
    "callback": QT_TRANSLATE_NOOP("Labels", "Call back"),
    "not_interested": QT_TRANSLATE_NOOP("Labels", "Not interested"),
    "refused": QT_TRANSLATE_NOOP("Labels", "Refused"),
    "hung_up": QT_TRANSLATE_NOOP("Labels", "Hung up"),
    # product families (disclosures that apply to some products only)
    "health": QT_TRANSLATE_NOOP("Labels", "health products"),
    "savings": QT_TRANSLATE_NOOP("Labels", "savings products"),
    "protection": QT_TRANSLATE_NOOP("Labels", "protection products"),
    # severities and speakers
    "block": QT_TRANSLATE_NOOP("Labels", "Serious"),
    "warn": QT_TRANSLATE_NOOP("Labels", "Warning"),
    "info": QT_TRANSLATE_NOOP("Labels", "Note"),
    "advisor": QT_TRANSLATE_NOOP("Labels", "Advisor"),
    "customer": QT_TRANSLATE_NOOP("Labels", "Customer"),
}

PROFILE_FIELDS: tuple[str, ...] = (
    "age",
    "gender",
    "family",
    "occupation",
    "city",
    "income_or_budget",
    "existing_coverage",
    "health_notes",
    "interest",
)
OUTCOMES: tuple[str, ...] = EVENT_OUTCOMES  # one list, shared with the command line


def label(category_id: str, fallback: str = "") -> str:
    """The translated display name of a shared id; unknown ids show `fallback` or the id itself."""
    source = _LABELS.get(category_id)
    if source is None:
        return fallback or category_id
    return QCoreApplication.translate(CONTEXT, source)


def known(category_id: str) -> bool:
    return category_id in _LABELS
