"""Several answers in one message: Discord's 6000 characters are for all its embeds."""

from __future__ import annotations

from bot.answering.cards import EMBED_TOTAL_LIMIT, Card, CardField
from bot.discord.embeds import fit_together, to_embeds


def _card(title: str, fields: int, description: str = "") -> Card:
    return Card(
        title=title,
        description=description,
        fields=tuple(CardField(f"Field {n}", "x" * 900) for n in range(fields)),
    )


def test_long_cards_are_cut_to_fit_one_message_and_the_short_one_is_kept_whole() -> None:
    short = _card("Short", 1)
    cards = [_card("Long A", 6), short, _card("Long B", 6, "y" * 3000)]
    fitted = fit_together(cards)
    assert sum(card.size() for card in fitted) <= EMBED_TOTAL_LIMIT
    assert [card.title for card in fitted] == ["Long A", "Short", "Long B"]
    assert fitted[1] == short
    assert [f.name for f in fitted[0].fields] == ["Field 0", "Field 1"]  # the first ones
    assert fitted[2].description.startswith("yyy") and fitted[2].description.endswith("…")
    embeds = to_embeds(cards)
    assert sum(len(embed) for embed in embeds) <= EMBED_TOTAL_LIMIT


def test_cards_that_fit_are_left_alone() -> None:
    cards = [_card("A", 2), _card("B", 2)]
    assert fit_together(cards) == cards


def test_descriptions_are_clipped_when_no_field_is_left_to_drop() -> None:
    cards = [_card(name, 0, "z" * 4000) for name in "ABC"]
    fitted = fit_together(cards)
    assert sum(card.size() for card in fitted) <= EMBED_TOTAL_LIMIT
    assert all(card.description.endswith("…") for card in fitted)
