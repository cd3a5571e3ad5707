"""The title index edited show by show holds what a fresh build over the same shows holds,
and answers the same, however many edits, removals and re-adds came before; and edits
leave nothing behind."""

from __future__ import annotations

import random
from array import array
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pytest

from bot.matching import sorted_names
from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.sorted_names import SortedNames
from bot.matching.store import NameStore

WORDS = (
    "night watch dark river the last kingdom of love and war in paris secret garden "
    "blood water house cards midnight express stranger things lost city golden hour "
    "silent witness broken crown winter summer a an sea star wars 2 3 iv part volume "
    "chronicles adventures detective academy christmas holiday wedding monster dahmer "
    "pokemon league strikes back mystery heist money tokyo berlin"
).split()


def _title(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(1, 5))
    title = " ".join(words).title()
    if rng.random() < 0.25:
        title += ": " + " ".join(rng.choices(WORDS, k=rng.randint(1, 4))).title()
    if rng.random() < 0.05:  # a long name, beyond a row of word ids
        title += " " + " ".join(rng.choices(WORDS, k=rng.randint(6, 9)))
    if rng.random() < 0.1:  # a word no other title has: the vocabulary grows and shrinks
        title += f" Zq{rng.randint(0, 40)}xv"
    return title


def _entry(rng: random.Random, show_id: int) -> TitleEntry:
    aliases = tuple(_title(rng) for _ in range(rng.choice((0, 0, 0, 1, 2))))
    return TitleEntry(
        show_id=show_id,
        title=_title(rng),
        year=rng.choice((None, rng.randint(1990, 2024))),
        network=rng.choice((None, "Netflix", "HBO")),
        aliases=aliases,
        original_title=_title(rng) if rng.random() < 0.1 else None,
        status_date=rng.choice((None, date(2022, 1, 1 + rng.randint(0, 27)))),
        film=rng.random() < 0.5,
    )


def _edited(rng: random.Random, shows: int, edits: int) -> TitleIndex:
    """An index taken through random adds, renames, removals, re-adds and bulk loads."""
    index = TitleIndex(_entry(rng, show_id) for show_id in range(1, shows + 1))
    removed: dict[int, TitleEntry] = {}
    for _ in range(edits):
        roll = rng.random()
        show_id = rng.randint(1, shows + shows // 2)
        entry = index.get(show_id)
        if roll < 0.45:
            index.upsert(_entry(rng, show_id))
        elif roll < 0.6 and entry is not None:
            removed[show_id] = entry
            index.remove(show_id)
        elif roll < 0.75 and removed:
            index.upsert(removed.pop(rng.choice(list(removed))))
        elif roll < 0.85 and entry is not None:
            index.upsert(replace(entry, aliases=(*entry.aliases, _title(rng))))
        else:
            chunk = [_entry(rng, rng.randint(1, shows + shows // 2)) for _ in range(5)]
            index.bulk_load(chunk)
    return index


def _fresh(index: TitleIndex) -> TitleIndex:
    return TitleIndex([e for e in (index.get(show_id) for show_id in _shows(index)) if e])


def _shows(index: TitleIndex) -> list[int]:
    return list(index._entries)


def _tables(index: TitleIndex) -> dict[str, Any]:
    """Everything a lookup reads, with rows replaced by what they hold (show and name):
    rows are the one thing edits may hand out differently."""
    store: NameStore = index._names
    text, show = store.text, store.show

    def named(key_id: int) -> tuple[int, str | None]:
        return show[key_id], text[key_id]

    live = [k for k, t in enumerate(text) if t is not None]
    totals = store.name_totals(np.asarray(live, dtype=np.int64)).tolist()
    words = store.name_words
    word_of = {word_id: word for word, word_id in words.word_ids.items()}
    return {
        "exact": {t: [named(k) for k in ids] for t, ids in store.exact.items()},
        "compact": {t: [named(k) for k in ids] for t, ids in store.compact.items()},
        "postings": {w: sorted(map(named, ids)) for w, ids in store.postings.items()},
        "ascending postings": all(list(ids) == sorted(ids) for ids in store.postings.values()),
        "idf": {w: store.idf(w) for w in store.postings},
        "vocabulary": store.words.vocabulary,
        "deletes": store.words.delete_table,
        "double deletes": store.words.double_delete_table,
        "sorted names": [(name, show[k]) for name, k in store.names],
        "names": sorted(
            (
                named(k),
                store.weight[k],
                store.order[k],
                [word_of[w] for w in words.rows[k * 8 : k * 8 + 8] if w],
                [word_of[w] for w in words.rest.get(k, ())],
            )
            for k in live
        ),
        "totals": sorted(zip(map(named, live), totals, strict=True)),
        "word counts": {w: words.names_with[i] for w, i in words.word_ids.items()},
        "entries": list(index._entries.items()),
        "recent": index._recent,
    }


def _questions(index: TitleIndex, rng: random.Random) -> list[str]:
    titles = [e.title for e in (index.get(s) for s in _shows(index)) if e]
    asked = rng.sample(titles, min(60, len(titles)))
    questions = [f"is {t} renewed?" for t in asked]
    questions += [t.lower()[: max(3, len(t) - 2)] for t in asked]  # cut short
    questions += [t[:3] + t[4:] for t in asked if len(t) > 5]  # a letter left out
    questions += [" ".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(60)]
    questions += ["the", "love", "night watch season 2", "secret gardne", "midnigth express"]
    return questions


def _answers(index: TitleIndex, questions: list[str]) -> list[Any]:
    answers: list[Any] = []
    for question in questions:
        resolution = index.resolve(question)
        answers.append(
            (
                resolution.match.entry.show_id if resolution.match else None,
                resolution.ambiguous,
                [
                    (c.entry.show_id, c.score, c.matched_name, sorted(c.explained))
                    for c in resolution.candidates
                ],
                [e.show_id for e in index.complete(question)],
            )
        )
    return answers


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_edited_index_holds_and_answers_what_a_fresh_build_does(seed: int) -> None:
    rng = random.Random(seed)
    index = _edited(rng, shows=400, edits=3000)
    fresh = _fresh(index)
    assert _tables(index) == _tables(fresh)
    questions = _questions(index, rng)
    assert _answers(index, questions) == _answers(fresh, questions)


def test_edits_leave_the_answers_they_found_before_them() -> None:
    """The weights are the same after edits that end where they began: the bug was that
    every edit left postings behind, and every answer's weights drifted."""
    rng = random.Random(11)
    index = TitleIndex(_entry(rng, show_id) for show_id in range(1, 301))
    questions = _questions(index, rng)
    before = _answers(index, questions)
    kept = {show_id: index.get(show_id) for show_id in range(1, 301)}
    for _ in range(2000):
        show_id = rng.randint(1, 300)
        index.upsert(_entry(rng, show_id))
    for entry in kept.values():
        assert entry is not None
        index.upsert(entry)
    assert _answers(index, questions) == before


def test_ten_thousand_edits_of_one_show_leave_the_index_the_size_one_edit_does() -> None:
    rng = random.Random(5)
    index = TitleIndex(_entry(rng, show_id) for show_id in range(1, 201))
    show = TitleEntry(500, "The Night Watch: Zqwert Chronicles", aliases=("Nachtwache",))
    index.upsert(show)
    once = index.table_sizes()
    for edit in range(9_999):
        index.upsert(
            replace(
                show,
                title=f"{_title(rng)} Edit{edit}",
                aliases=tuple(_title(rng) for _ in range(edit % 3)),
            )
        )
        if edit % 100 == 0:
            index.remove(500)
    index.upsert(show)
    assert index.table_sizes() == once
    assert _tables(index) == _tables(_fresh(index))


def test_a_removed_show_leaves_nothing_in_any_table() -> None:
    index = TitleIndex([TitleEntry(1, "The Watcher"), TitleEntry(2, "Partner Track")])
    index.remove(1)
    sizes = index.table_sizes()
    assert sizes.pop("free rows") == 2  # kept for the next names
    alone = TitleIndex([TitleEntry(2, "Partner Track")]).table_sizes()
    # Its rows are ahead of the other show's: they stay, emptied, for the next names.
    assert sizes.pop("rows") == alone.pop("rows") + 2
    assert sizes.pop("word rows") == alone.pop("word rows") + 2 * 8
    assert sizes.pop("word ids") == alone.pop("word ids") + 2  # "the" and "watcher", free
    alone.pop("free rows")
    assert sizes == alone
    index.remove(2)
    assert index.table_sizes() == TitleIndex().table_sizes()  # the last rows are let go
    assert not index.knows_word("watcher") and not index.has_name("watcher")
    assert index.resolve("the watcher").match is None
    assert index.complete("the wat") == []


def test_a_removed_row_goes_to_the_next_name_and_live_names_keep_theirs() -> None:
    index = TitleIndex([TitleEntry(1, "Partner Track"), TitleEntry(2, "Dark")])
    rows = {text: k for k, text in enumerate(index._names.text)}
    index.remove(1)
    index.upsert(TitleEntry(3, "Wednesday"))
    after = {text: k for k, text in enumerate(index._names.text)}
    assert after["dark"] == rows["dark"]
    assert after["wednesday"] == rows["partner track"]
    assert len(index._names.text) == len(rows)


@pytest.mark.parametrize("seed", [1, 2])
def test_sorted_names_stay_in_order_through_splits_and_merges(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sorted_names, "BLOCK", 4)
    rng = random.Random(seed)
    shows = rng.sample(range(1, 10_000), 400)  # a show has one name of a text
    names = SortedNames(array("q", shows))
    held: set[tuple[str, int]] = set()
    texts = ["nova", "dark", "the office", "you", "nova x", "a"]
    for _ in range(3000):
        key_id = rng.randrange(len(shows))
        stored = [t for t, k in held if k == key_id]
        if stored:
            names.remove(stored[0], key_id)
            held.discard((stored[0], key_id))
        else:
            text = rng.choice(texts)
            names.add(text, key_id)
            held.add((text, key_id))
        if rng.random() < 0.02:
            assert list(names) == sorted(held, key=lambda p: (p[0], shows[p[1]]))
    expected = sorted(held, key=lambda p: (p[0], shows[p[1]]))
    assert list(names) == expected
    assert names.blocks() > 1
    novas = [pair for pair in expected if pair[0].startswith("nova")]
    assert names.prefixed("nova", 1000) == novas
    assert names.prefixed("nova", 5) == novas[:5]
    assert names.prefixed("zz", 5) == []
    assert len(names) == len(held)
