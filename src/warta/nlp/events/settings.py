"""The event coder's settings: windows, cut-offs and weights, set in the pipeline config.

Each field is a key of ``[components.warta_events]`` in ``warta/nlp/default.cfg`` (certainty weights
under ``[components.warta_events.certainty]``); the defaults here are the shipped values, and the
learned model (``models/events-id``) was trained with them, so changing one calls for retraining.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: How certain an argument is, by how it was found (its record's ``_how``): a KB/NER entity, the quote's
#: speaker, a distant mention, a role noun, an inferred one, the first actor, a phrase, bare words.
CERTAINTY = {"entity": 1.0, "speaker": 0.9, "distant": 0.8, "role": 0.8, "inferred": 0.7, "first": 0.6,
             "phrase": 0.5, "words": 0.5}


@dataclass(frozen=True, slots=True)
class EventSettings:
    """Settings of :class:`~warta.nlp.events.component.EventCoder` (see the module docstring)."""

    #: tokens before the trigger searched for its subject (and both ways for flags such as negation)
    window: int = 25
    #: tokens after the trigger searched for its object
    right_window: int = 15
    #: a trigger row weaker than this (``strength`` in triggers.tsv) makes an event only with a target
    weak_strength: float = 0.6
    #: confidence factor of an event without a target
    no_target_factor: float = 0.85
    #: an event that ended more than this many days before the publication date is ``historical``
    historical_days: int = 365
    #: farthest an actor may be from the trigger to be a candidate of the learned role scorer, in tokens
    role_reach: int = 40
    #: an event whose doer is named nowhere (no source) and that joins no named record of its act (``merge``) is
    #: coded only in the text's first sentence: after it, the text had the chance to name the doer and did not,
    #: and events are coded between actors that can be named or typed; a one-sentence input (a headline, a
    #: sentence without its article) may lack the context naming it
    unnamed_doer_first_only: bool = True
    #: the same for an event that names no one it is done to or with (no target): annotation.md codes events
    #: between actors, and an article names the target of the acts it reports, if not in the act's sentence then
    #: around it (events-id, one sentence each, leaves a target out when the sentence lacks it); a show of force or a
    #: withdrawal, done alone, needs none (``merge.ALONE``)
    untargeted_first_only: bool = True
    #: certainty of an argument by how it was found; an unknown way counts 0.7, no source 0.5
    certainty: dict[str, float] = field(default_factory=lambda: dict(CERTAINTY))


DEFAULT_SETTINGS = EventSettings()
