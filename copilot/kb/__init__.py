"""The knowledge base: trainer-edited files, validated on load (see knowledge/FORMAT.md)."""

from copilot.kb.knowledge_base import KnowledgeBase
from copilot.kb.loader import load_kb, validate_kb
from copilot.kb.model import Item
from copilot.kb.problems import KbError, Problem

__all__ = ["Item", "KbError", "KnowledgeBase", "Problem", "load_kb", "validate_kb"]
