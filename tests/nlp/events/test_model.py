"""The event model file: the shipped one loads and decides; a broken one is refused with file and field named."""

from __future__ import annotations

import json

import pytest

from warta.nlp.events.model import EventModelError, affix, default_model, read_model


def test_shipped_model_loads_and_is_a_probability():
    model = default_model()
    assert model.name and model.version and model.weights
    assert 0 < model.threshold <= 1.01 and 0 < model.threshold_rules_ok <= 1.01
    p = model.probability(["bias", "type=ASSAULT", "word=menyerang", "rules_ok=True"])
    assert 0 < p < 1


@pytest.mark.parametrize(("data", "field"), [
    ({"name": "m", "version": "1", "weights": {}, "threshold": 0.5, "threshold_no_source": 0.5}, "threshold_rules_ok"),
    ({"name": "m", "version": "1", "weights": [], "threshold": 0.5, "threshold_no_source": 0.5,
      "threshold_rules_ok": 0.5}, "weights"),
    ({"name": "m", "version": "1", "weights": {"bias": "x"}, "threshold": 0.5, "threshold_no_source": 0.5,
      "threshold_rules_ok": 0.5}, "weights"),
])
def test_a_broken_model_file_is_refused_naming_the_field(tmp_path, data, field):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EventModelError, match=rf"model\.json: field '{field}'"):
        read_model(path)


def test_unreadable_model_file(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(EventModelError, match=r"model\.json: cannot read"):
        read_model(path)


def test_affix_classes():
    assert affix("menyerang") == "me-|0"
    assert affix("diserang") == "di-|0"
    assert affix("penangkapan") == "pe-|an"
    assert affix("serangan") == "0|an"
