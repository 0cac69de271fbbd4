"""Three-way merge of two edits of one project, so that two tabs (or two people) editing different
fields both keep their work, and the same field changed on both sides is a conflict a person decides.

It works on the project's data as plain JSON (``Project.model_dump(mode="json")``): ``base`` is the
version both edits started from, ``mine`` the one edit, ``theirs`` what the store holds now. Lists
of items that carry an ``id`` (sections, evidence, recommendations, members...) are merged item by
item, matched by id; any other value (a text, a date, a list of ids) is one field. Pure functions:
no I/O, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEEP_BOTH_SEPARATOR = "——— the other version, kept beside yours: keep one and delete the other ———"


class _Missing:
    """Marks a key or an item that one side does not have (added on one side, deleted on another)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


@dataclass(frozen=True)
class ItemId:
    """A step in a path that names an item of a list by its id, not its position (positions move)."""

    id: str


Path = tuple  # of str (a key) and ItemId (an item of a list)


@dataclass(frozen=True)
class Conflict:
    """One field (or one whole item, when one side deleted it) that both sides changed differently.

    The merged data holds ``theirs`` here until someone chooses; MISSING means "deleted"."""

    path: Path
    base: object
    mine: object
    theirs: object


@dataclass
class Merged:
    data: object
    conflicts: list[Conflict] = field(default_factory=list)


def merge3(base, mine, theirs) -> Merged:
    """Both sides' changes to ``base`` in one result; where they clash, theirs is kept and the clash listed."""
    conflicts: list[Conflict] = []
    data = _merge(base, mine, theirs, (), conflicts)
    return Merged(data, conflicts)


def _merge(base, mine, theirs, path: Path, conflicts: list[Conflict]):
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if all(isinstance(value, dict) for value in (mine, theirs)) and isinstance(base, (dict, _Missing)):
        return _merge_dicts({} if base is MISSING else base, mine, theirs, path, conflicts)
    if all(_is_item_list(value) for value in (mine, theirs)) and (base is MISSING or _is_item_list(base)):
        return _merge_items([] if base is MISSING else base, mine, theirs, path, conflicts)
    conflicts.append(Conflict(path, base, mine, theirs))
    return theirs


def _is_item_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)


def _merge_dicts(base: dict, mine: dict, theirs: dict, path: Path, conflicts: list[Conflict]) -> dict:
    result = {}
    for key in [*theirs, *(k for k in mine if k not in theirs), *(k for k in base if k not in theirs and k not in mine)]:
        value = _merge(base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING), (*path, key), conflicts)
        if value is not MISSING:
            result[key] = value
    return result


def _merge_items(base: list, mine: list, theirs: list, path: Path, conflicts: list[Conflict]) -> list:
    by_id = [{item["id"]: item for item in side} for side in (base, mine, theirs)]
    base_ids, mine_ids, theirs_ids = ([item["id"] for item in side] for side in (base, mine, theirs))
    # The order of the side that reordered or added or removed items; theirs when both did.
    leading, other = (mine_ids, theirs_ids) if theirs_ids == base_ids else (theirs_ids, mine_ids)
    order = list(leading)
    for position, item_id in enumerate(other):
        if item_id not in order:  # new on the other side: before the item it preceded there, else last
            after = next((later for later in other[position + 1:] if later in order), None)
            order.insert(order.index(after) if after is not None else len(order), item_id)
    merged = []
    for item_id in order:
        value = _merge(*(side.get(item_id, MISSING) for side in by_id), (*path, ItemId(item_id)), conflicts)
        if value is not MISSING:
            merged.append(value)
    return merged


# -- choosing, once a conflict is shown ------------------------------------------------------------

def can_keep_both(conflict: Conflict) -> bool:
    """Two texts can be kept one after the other, two lists of names as one list; anything else is one or the other."""
    sides = (conflict.mine, conflict.theirs)
    return all(isinstance(side, str) for side in sides) or all(
        isinstance(side, list) and all(isinstance(v, str) for v in side) for side in sides)


def both(conflict: Conflict):
    """Mine and theirs together: two texts clearly separated, or the names of both lists once each."""
    if isinstance(conflict.mine, str):
        return f"{conflict.mine.rstrip()}\n\n{KEEP_BOTH_SEPARATOR}\n\n{conflict.theirs.lstrip()}"
    return list(dict.fromkeys([*conflict.mine, *conflict.theirs]))


def resolve(data, conflict: Conflict, choice: str):
    """``data`` (the project as stored now) with the conflict's field set to "mine", "theirs" or "both".

    The field is written into what is stored now, so everything else saved since is kept.
    """
    if choice == "mine":
        value = conflict.mine
    elif choice == "theirs":
        value = conflict.theirs
    elif choice == "both" and can_keep_both(conflict):
        value = both(conflict)
    else:
        raise ValueError(f"Cannot resolve a conflict with {choice!r}.")
    return set_at(data, conflict.path, value)


def value_at(data, path: Path):
    """The value at ``path`` in ``data``, or MISSING."""
    for step in path:
        if isinstance(step, ItemId):
            data = next((item for item in data if item.get("id") == step.id), MISSING) if isinstance(data, list) else MISSING
        else:
            data = data.get(step, MISSING) if isinstance(data, dict) else MISSING
        if data is MISSING:
            return MISSING
    return data


def set_at(data, path: Path, value):
    """A copy of ``data`` with ``value`` at ``path`` (MISSING removes it); the containers on the way are copied, not changed."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, ItemId):
        items = list(data)
        index = next((i for i, item in enumerate(items) if item.get("id") == step.id), None)
        if index is None:
            if value is not MISSING and not rest:
                items.append(value)  # an item one side deleted, brought back
            return items
        new = set_at(items[index], rest, value)
        if new is MISSING:
            del items[index]
        else:
            items[index] = new
        return items
    result = dict(data)
    new = set_at(result.get(step, {} if rest else MISSING), rest, value)
    if new is MISSING:
        result.pop(step, None)
    else:
        result[step] = new
    return result


def describe(path: Path, data) -> str:
    """A path as a person reads it: ``sections › Analysis › text`` (an item by its title, name or id)."""
    words, here = [], data
    for step in path:
        if isinstance(step, ItemId):
            item = value_at(here, (step,)) if here is not MISSING else MISSING
            name = next((str(item[k]) for k in ("title", "name", "claim", "object") if isinstance(item, dict) and item.get(k)), step.id)
            words.append(name if len(name) <= 60 else name[:59] + "…")
            here = item
        else:
            words.append(step.replace("_", " "))
            here = here.get(step, MISSING) if isinstance(here, dict) else MISSING
    return " › ".join(words)
