"""The one parser of clients' JSON (signaling/client_json.py): a key repeated in an object is
named by its path from the top, as the API names an invalid field (``recording.type``,
``streams.0.streamId``), not by its last part alone (tester finding: ``{"recording":
{"type": "none", "type": "cloud"}}`` was refused naming ``type``)."""

from __future__ import annotations

import json

import pytest

from signaling.client_json import DuplicateKey, loads


@pytest.mark.parametrize(("text", "path"), [
    ('{"a": 1, "a": 2}', "a"),
    ('{"recording": {"type": "none", "type": "cloud"}}', "recording.type"),
    ('{"r": {"d": {"b": 1, "b": 2}}, "z": 1}', "r.d.b"),
    ('{"streams": [{"s": 1}, {"s": 1, "s": 2}]}', "streams.1.s"),
    ('{"m": [[1], [{"k": 1, "k": 1}]]}', "m.1.0.k"),
    ('[{"a": 1}, {"a": 1, "a": 1}]', "1.a"),
    # the first repeat in the text is named: an outer key repeated after an inner one
    ('{"x": {"y": 1, "y": 2}, "x": 3}', "x.y"),
    ('{"x": 1, "x": {"y": 1, "y": 2}}', "x"),
])
def test_a_repeated_key_is_named_by_its_path(text: str, path: str) -> None:
    with pytest.raises(DuplicateKey) as caught:
        loads(text)
    assert str(caught.value) == f"{path}: given more than once in one object; send it once"
    assert caught.value.path == path


def test_a_long_path_is_shortened_from_the_top() -> None:
    """Each key at most 40 characters, the path at most 120: the part nearest the repeat
    stays, as it tells which key it is."""
    deep = '{"k": ' * 50 + '{"' + "z" * 50 + '": 1, "' + "z" * 50 + '": 2}' + "}" * 50
    with pytest.raises(DuplicateKey) as caught:
        loads(deep)
    named = str(caught.value).split(":")[0]
    assert len(named) <= 120 and named.startswith("...") and named.endswith("z" * 40)


def test_json_without_repeats_parses_as_json_does() -> None:
    text = '{"a": [1, {"b": null}], "c": {"d": "e"}}'
    assert loads(text) == json.loads(text)
