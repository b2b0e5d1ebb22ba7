"""Fixtures shared by the event tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def records_nlp():
    """The pipeline keeping every record whatever its parties (``untargeted_first_only`` off): the party tests read
    whom the rules and the role scorer chose, also for acts whose target they found nowhere (the default drops those
    after a text's first sentence; ``test_component`` tests that)."""
    from warta.nlp.load import build_pipeline

    return build_pipeline(overrides={"components.warta_events.untargeted_first_only": False})
