"""Which characters sound alike: the table a query's homophone typos are mended with.

A word typed with pinyin can come out with a homophone, picked from the input method's list by
mistake: 三会一科 for 三会一课, 支部书计 for 支部书记. The index ships, as `sounds.json`, the
characters of each toneless reading, and both front ends mend such a word (`Ranker.mend`). The
table covers the 3,755 characters of GB 2312's first level (the common characters an input method
offers first, so the likely wrong picks) and every character of the handbook's vocabulary (the
right ones).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import metadata

from handbook.core.cache import OutputCache, digest, user_cache

# GB 2312's first level: rows 16–55 (lead bytes 0xB0–0xD7) of 94 cells each; row 55 ends after 89.
FIRST_LEVEL = range(0xB0, 0xD8)
CELLS = range(0xA1, 0xFF)


def common_characters() -> list[str]:
    """The 3,755 characters of GB 2312's first level, in its (pinyin) order."""
    found = []
    for lead in FIRST_LEVEL:
        for cell in CELLS:
            try:
                found.append(bytes([lead, cell]).decode("gb2312"))
            except UnicodeDecodeError:  # the five empty cells at the end of row 55
                continue
    return found


def sound_groups(characters: Iterable[str]) -> list[str]:
    """The characters of each toneless reading that two or more of `characters` share, as one string per
    reading (characters in code point order, readings in order of their strings). A character with
    several readings (会: hui, kuai) is in the group of each."""
    from pypinyin import Style, pinyin  # imported here: the table is made once per vocabulary (`sounds_table`)

    groups: dict[str, list[str]] = {}
    for character in sorted(set(characters)):
        for reading in dict.fromkeys(pinyin(character, style=Style.NORMAL, heteronym=True)[0]):
            if reading != character:  # pypinyin returns a character it has no reading for unchanged
                groups.setdefault(reading, []).append(character)
    return sorted("".join(group) for group in groups.values() if len(group) > 1)


def sounds_table(characters: str) -> list[str]:
    """The sound groups of the common characters and of `characters` (a handbook's vocabulary), kept in the user's
    cache by their digest: making them loads pypinyin's table of every character, about 0.3 s a build."""
    key = digest(characters, metadata.version("pypinyin"))
    made = OutputCache(user_cache("sounds")).text(
        key, lambda: json.dumps(sound_groups([*common_characters(), *characters]), ensure_ascii=False)
    )
    groups: list[str] = json.loads(made)
    return groups
