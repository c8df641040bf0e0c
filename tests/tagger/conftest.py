from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A model folder from a tiny training run: real files in the real format, made in seconds."""
    from extractor.tagger.training.run import TrainingConfig, train

    folder = tmp_path_factory.mktemp("tiny") / "tagger"
    train(folder, SAMPLES, seed=3, config=TrainingConfig.tiny(), progress=False)
    return folder
