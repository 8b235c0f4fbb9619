"""Finding the facts and scripts that answer what a customer just said (see retriever.py)."""

from copilot.retrieval.embedder import Embedder, load_embedder, load_embedder_from
from copilot.retrieval.retriever import Hit, Retriever

__all__ = ["Embedder", "Hit", "Retriever", "load_embedder", "load_embedder_from"]
