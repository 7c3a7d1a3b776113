"""``liveTranscription`` of ``POST /v1/meetings``: Fjord does not transcribe, but what
Whereby's document lists is still checked as Whereby checks it."""

from __future__ import annotations

import httpx
import pytest

from tests.signaling.test_api import create


@pytest.mark.parametrize("language", ["en,", "pt-BR", "zh-TW,", None])
async def test_whereby_transcription_languages_are_accepted(client: httpx.AsyncClient,
                                                             language: str | None) -> None:
    """As Whereby's document lists them (with its stray trailing comma) or without it."""
    resp = await create(client, liveTranscription={"destination": None, "startTrigger": "none",
                                                   "language": language})
    assert resp.status_code == 201, resp.text


@pytest.mark.parametrize("language", ["xx", "english", "EN", "", "en,,"])
async def test_an_unknown_transcription_language_is_400_naming_it(
        client: httpx.AsyncClient, language: str) -> None:
    """Tester finding: any string was taken (201), so a misspelt language went unnoticed
    where Whereby, whose document lists the languages, refuses it."""
    resp = await create(client, liveTranscription={"destination": None, "startTrigger": "none",
                                                   "language": language})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith(
        "invalid field liveTranscription.language: not one of Whereby's languages, ca, zh,")
