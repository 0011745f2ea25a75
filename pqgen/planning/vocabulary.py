"""The data's own words: the values of lines, channels, departments, topics and the names a
question may use for them, gathered from the answer routes and the vocabulary files beside them.

An answer route declares the values it narrows its figures to (a template's `narrow:`); a
`vocabulary.yaml` in a folder of templates adds the values no route narrows to but a question
may name (topics, themes). Both are merged into one `model.Vocabulary`, which `reading` reads a
part against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from pqgen.errors import InputFileError
from pqgen.planning import lexicon
from pqgen.planning.model import Vocabulary
from pqgen.question import limits

FILE = "vocabulary.yaml"


def read_vocabulary_file(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """A vocabulary file: `dimension: {value: [other names]}`; each value is a name of itself."""
    try:
        text = limits.read_text(path)
        data = limits.safe_yaml(text, path) or {}
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"is not valid YAML: {limits.yaml_problem(exc)}") from None
    how = "write 'dimension: {value: [other names]}', as templates/vocabulary.yaml does"
    if not isinstance(data, dict):
        raise InputFileError(path, "must map each dimension to its values", hint=how)
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for dim, values in data.items():
        if not isinstance(values, dict):
            raise InputFileError(path, f"dimension '{dim}' must map values to names", hint=how)
        found[str(dim)] = {}
        for value, names in values.items():
            if names is not None and not isinstance(names, list):
                raise InputFileError(
                    path, f"'{dim}: {value}:' must be a list of other names", hint=how
                )
            found[str(dim)][str(value)] = (str(value), *(str(n) for n in names or []))
    return found


def merged(
    declared: Iterable[Mapping[str, Mapping[str, Iterable[str]]]],
    folders: Iterable[Path],
    objects: Iterable[str] = (),
    breakdowns: Iterable[str] = (),
) -> Vocabulary:
    """One vocabulary from what routes declare and the vocabulary files in `folders`; `objects`
    are what the routes count and `breakdowns` what they split by, each a word of itself where
    the lexicon does not know it."""
    dims: dict[str, dict[str, set[str]]] = {}
    sources: list[Mapping[str, Mapping[str, Iterable[str]]]] = list(declared)
    for folder in dict.fromkeys(folders):
        if (folder / FILE).is_file():
            sources.append(read_vocabulary_file(folder / FILE))
    for source in sources:
        for dim, values in source.items():
            for value, names in values.items():
                dims.setdefault(dim, {}).setdefault(value, set()).update(names)
    own: dict[str, tuple[str, ...]] = {o: (o,) for o in objects if o not in lexicon.OBJECT_NAMES}
    splits: dict[str, tuple[str, ...]] = {
        b: (b,) for b in breakdowns if b not in set(lexicon.DIMENSIONS.values())
    }
    return Vocabulary(
        {d: {v: tuple(sorted(n)) for v, n in vs.items()} for d, vs in dims.items()}, own, splits
    )
