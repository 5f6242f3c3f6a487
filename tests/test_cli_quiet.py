"""Library chatter stays off the terminal unless --verbose: setuptools' warnings, the tokenizer's length warning
(the models read long texts in windows), and exceptions of background threads while the interpreter exits."""

import threading
import warnings

import pytest
import transformers

from newslake.cli import _quiet_prefect


@pytest.fixture
def restored(monkeypatch):
    for name in ("TRANSFORMERS_VERBOSITY", "PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_TO_API_ENABLED",
                 "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "PREFECT_SERVER_ANALYTICS_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    verbosity = transformers.logging.get_verbosity()
    yield
    transformers.logging.set_verbosity(verbosity)


def test_library_warnings_are_quiet_without_verbose(restored, capfd, caplog):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _quiet_prefect(False)
        warnings.warn("pkg_resources is deprecated as an API.", UserWarning)
        warnings.warn("Setuptools is replacing distutils.", UserWarning)
        warnings.warn("a warning of newslake's own", UserWarning)
    assert [str(w.message) for w in caught] == ["a warning of newslake's own"]
    tokenizer_log = transformers.logging.get_logger("transformers.tokenization_utils_base")
    tokenizer_log.warning("Token indices sequence length is longer than the specified maximum sequence length for this model")
    assert "Token indices" not in capfd.readouterr().err + caplog.text


def test_verbose_leaves_them_on(restored, capfd, caplog):
    transformers.logging.set_verbosity_warning()
    _quiet_prefect(True)
    transformers.logging.get_logger("transformers.tokenization_utils_base").warning("Token indices sequence length is longer")
    assert "Token indices" in capfd.readouterr().err + caplog.text
