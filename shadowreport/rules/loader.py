"""Load the rule pack: the built-in ``mechanisms/`` folder, optionally overlaid by a user's folder.

A user's folder holds small YAML files that name a mechanism (``id: upr``) and only the keys they
change; each file replaces exactly what it names. A file with a new id adds a mechanism and must be
complete. Every problem is reported as ``file:line: field.path: what is wrong``.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from .. import cache
from ..paths import builtin_dir
from ..problems import Problem, from_validation_error, from_yaml_error, locate
from ..yamlfile import YamlDocument, YamlError, load_yaml_file
from . import frozen
from .models import ActionCategories, GenericAddressees, HistoryNote, Mechanism, SectionAliases, Sourced, StigmatisingTerms
from .pack import VOCABULARY_FOLDER, RulePack, RulesError, fingerprint, pack_key, rule_files

VOCABULARY_MODELS: dict[str, type[BaseModel]] = {
    "action-categories": ActionCategories,
    "stigmatising-terms": StigmatisingTerms,
    "generic-addressees": GenericAddressees,
    "section-aliases": SectionAliases,
}


@dataclass
class _Entry:
    """One id's YAML: the built-in document and the overlay documents that change it."""

    documents: list[YamlDocument]
    data: Any


_cache: dict[tuple, RulePack] = {}


def load_rules(overlay_dir: Path | None = None, builtin: Path | None = None) -> RulePack:
    """Load and validate the rule pack; raise RulesError listing every problem.

    The result is reused while no rule file changes (same names, sizes and modification times),
    so the app can call this on every rerun.
    """
    builtin = builtin or builtin_dir("mechanisms")
    key = fingerprint(builtin, overlay_dir)
    if key in _cache:
        return _cache[key]
    pack = _read_kept(builtin, overlay_dir)
    if pack is None:
        pack, problems = _load(builtin, overlay_dir)
        if problems or pack is None:
            raise RulesError(problems)
        _keep(builtin, overlay_dir, pack)
    _cache.clear()
    _cache[key] = pack
    return pack


def _read_kept(builtin: Path, overlay: Path | None) -> RulePack | None:
    if cache.disabled():
        return None
    try:
        found = pack_key(builtin, overlay)
    except OSError:
        return None
    payload = cache.read("rules", *found) if found else None
    if payload is None:
        return None
    try:
        pack = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a copy from another build of the models: load afresh
        return None
    return pack if isinstance(pack, RulePack) else None


def _keep(builtin: Path, overlay: Path | None, pack: RulePack) -> None:
    if cache.disabled():
        return
    try:
        found = pack_key(builtin, overlay)
    except OSError:
        return
    if found:
        cache.write("rules", *found, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))


def frozen_copy(pack: RulePack) -> RulePack:
    """The same pack made of frozen.py's read-only classes, for kept.py to keep (an object shared in the
    pack, such as a Source that many values name, stays one object)."""
    made: dict[int, Any] = {}

    def copy_of(value: Any) -> Any:
        if isinstance(value, BaseModel):
            if id(value) not in made:
                values = {name: copy_of(getattr(value, name)) for name in type(value).model_fields}
                values.update({name: copy_of(private) for name, private in (value.__pydantic_private__ or {}).items()})
                made[id(value)] = getattr(frozen, type(value).__name__)(**values)
            return made[id(value)]
        if isinstance(value, list):
            return [copy_of(item) for item in value]
        if isinstance(value, dict):
            return {key: copy_of(item) for key, item in value.items()}
        return value

    return replace(pack, mechanisms=copy_of(pack.mechanisms), action_categories=copy_of(pack.action_categories),
                   stigmatising_terms=copy_of(pack.stigmatising_terms), generic_addressees=copy_of(pack.generic_addressees),
                   section_aliases=copy_of(pack.section_aliases))


def validate(overlay_dir: Path | None = None, builtin: Path | None = None) -> list[Problem]:
    """Every problem in the pack (and overlay), or an empty list when it is valid."""
    return _load(builtin or builtin_dir("mechanisms"), overlay_dir)[1]


def _load(builtin: Path, overlay: Path | None) -> tuple[RulePack | None, list[Problem]]:
    problems: list[Problem] = []
    if overlay is not None and not overlay.is_dir():
        reason = "the user rules path is not a folder; give the folder that holds your rule files" if overlay.exists() else "the user rules folder does not exist"
        return None, [Problem(str(overlay), None, "", reason)]
    if overlay is not None and overlay.resolve() == builtin.resolve():
        overlay = None  # validating the built-in folder itself

    mechanisms: dict[str, _Entry] = {}
    vocabularies: dict[str, _Entry] = {}
    overridden: dict[str, str] = {}
    for folder, is_overlay in ((builtin, False), (overlay, True)):
        if folder is None:
            continue
        seen_here: dict[tuple[str, str], str] = {}
        for path, group in rule_files(folder):
            shown = _shown_name(path, folder)
            try:
                document = load_yaml_file(path, shown)
            except YamlError as error:
                problems.append(from_yaml_error(error))
                continue
            key_field = "id" if group == "mechanism" else "vocabulary"
            data = document.data
            if not isinstance(data, dict):
                problems.append(Problem(shown, 1, "", "must be a mapping of keys to values (key: value)"))
                continue
            ident = data.get(key_field)
            if not isinstance(ident, str) or not ident:
                problems.append(Problem(shown, 1, key_field, f"required: every file in this folder names its {key_field}"))
                continue
            if group == "vocabulary" and ident not in VOCABULARY_MODELS:
                line, _ = document.line_of((key_field,))
                problems.append(Problem(shown, line, key_field, f"unknown vocabulary '{ident}' (known: {', '.join(VOCABULARY_MODELS)})"))
                continue
            if (group, ident) in seen_here:
                line, _ = document.line_of((key_field,))
                problems.append(Problem(shown, line, key_field, f"duplicate id '{ident}': {seen_here[(group, ident)]} already defines it"))
                continue
            seen_here[(group, ident)] = shown
            target = mechanisms if group == "mechanism" else vocabularies
            if is_overlay and ident in target:
                entry = target[ident]
                entry.data = _overlay(entry.data, data)
                entry.documents.insert(0, document)  # overlay lines take precedence in messages
                overridden[ident] = shown
            else:
                target[ident] = _Entry([document], copy.deepcopy(data))

    models: dict[str, Mechanism] = {}
    for ident, entry in mechanisms.items():
        model = _validate(Mechanism, entry, problems)
        if isinstance(model, Mechanism):
            problems.extend(_resolve_sources(model, entry))
            models[ident] = model
    vocab_models: dict[str, BaseModel] = {}
    for ident, entry in vocabularies.items():
        model = _validate(VOCABULARY_MODELS[ident], entry, problems)
        if model is not None:
            problems.extend(_resolve_vocabulary_source(model, entry))
            vocab_models[ident] = model

    problems.extend(_cross_references(models, vocab_models, mechanisms, vocabularies))
    for name in VOCABULARY_MODELS:
        if name not in vocab_models and name not in vocabularies:
            problems.append(Problem(str(builtin / VOCABULARY_FOLDER), None, "", f"the '{name}' vocabulary file is missing"))
    if problems:
        return None, problems
    pack = RulePack(
        mechanisms=dict(sorted(models.items())),
        action_categories=vocab_models["action-categories"],  # type: ignore[arg-type]
        stigmatising_terms=vocab_models["stigmatising-terms"],  # type: ignore[arg-type]
        generic_addressees=vocab_models["generic-addressees"],  # type: ignore[arg-type]
        section_aliases=vocab_models["section-aliases"],  # type: ignore[arg-type]
        folders=tuple(f for f in (builtin, overlay) if f is not None),
        overridden=overridden,
    )
    return pack, []


def _shown_name(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)


def _overlay(base: Any, change: Any) -> Any:
    """Deep-merge mappings; anything else in ``change`` replaces what ``base`` had."""
    if isinstance(base, dict) and isinstance(change, dict):
        merged = dict(base)
        for key, value in change.items():
            merged[key] = _overlay(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(change)


def _validate(model: type[BaseModel], entry: _Entry, problems: list[Problem]) -> BaseModel | None:
    try:
        return model.model_validate(entry.data)
    except ValidationError as error:
        problems.extend(from_validation_error(error, entry.documents))
        return None


def _locate(entry: _Entry, loc: tuple[str | int, ...], message: str) -> Problem:
    return locate(entry.documents, loc, message)


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, (Sourced, HistoryNote)):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))


def _resolve_sources(mechanism: Mechanism, entry: _Entry) -> list[Problem]:
    """Attach each rule value to the source it names; report names that are not declared."""
    problems = []
    for path, value in _walk(mechanism, ()):
        if path and path[0] == "sources":
            continue
        source = mechanism.sources.get(value.source)
        if source is None:
            known = ", ".join(sorted(mechanism.sources))
            problems.append(_locate(entry, path + ("source",), f"unknown source '{value.source}' (declared in sources: {known})"))
            continue
        if value.confidence == "verified" and (source.url is None or source.verified_on is None):
            problems.append(_locate(entry, path + ("confidence",), f"'verified' needs a source with a url and verified_on; '{value.source}' lacks them"))
        value.__pydantic_private__["_source"] = source  # frozen models still take private attributes this way
    return problems


def _resolve_vocabulary_source(model: BaseModel, entry: _Entry) -> list[Problem]:
    sources = getattr(model, "sources")
    name = getattr(model, "source")
    if name not in sources:
        return [_locate(entry, ("source",), f"unknown source '{name}' (declared in sources: {', '.join(sorted(sources))})")]
    return []


def _cross_references(models: dict[str, Mechanism], vocab: dict[str, BaseModel], mechanisms: dict[str, _Entry], vocabularies: dict[str, _Entry]) -> list[Problem]:
    problems = []
    known = set(mechanisms)
    for ident, model in models.items():
        for index, other in enumerate(model.related):
            if other not in known:
                problems.append(_locate(mechanisms[ident], ("related", index), f"unknown mechanism '{other}' (known: {', '.join(sorted(known))})"))
    for ident, model in vocab.items():
        for index, other in enumerate(getattr(model, "applies_to")):
            if other not in known:
                problems.append(_locate(vocabularies[ident], ("applies_to", index), f"unknown mechanism '{other}' (known: {', '.join(sorted(known))})"))
    return problems
