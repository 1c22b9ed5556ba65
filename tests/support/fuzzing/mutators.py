"""One mutant from one seed: which file to change, with which mutator, once or a few times.

Input ``index`` of seed ``name`` in a campaign seeded ``seed`` comes from
``random.Random(f"{seed}/{name}/{index}")`` alone: the same corpus gives the same input whatever
ran before it, whatever the number of jobs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from . import mutate_bytes, mutate_cms, mutate_pdf, mutate_xml
from .corpus import Seed

_FAMILY = {"xades": "xml", "cades": "cms", "p7m": "cms", "pades": "pdf", "asic": "zip"}


@dataclass(frozen=True)
class Mutant:
    seed: Seed
    index: int
    files: dict[str, bytes]
    label: str
    forbidden_update: str = ""
    """The label of a page-changing incremental update made last, if any."""


def _once(
    rng: random.Random, seed: Seed, data: bytes, others: Sequence[bytes]
) -> tuple[bytes, str, str]:
    family = _FAMILY[seed.format]
    pick = rng.random()
    if pick < 0.25:
        mutator = rng.choice(mutate_bytes.BYTE_MUTATORS)
        new, label = mutator(rng, data)
        return new, label, ""
    if pick < 0.32:
        new, label = mutate_bytes.splice(rng, data, others)
        return new, label, ""
    if family == "zip":  # a container: its bytes, its entries and directory, whatever breaks
        mutator = rng.choice(mutate_bytes.BYTE_MUTATORS)
        new, label = mutator(rng, data)
        return new, label, ""
    if family == "cms":
        new, label = mutate_cms.mutate(rng, data, others)
        return new, label, ""
    if family == "xml":
        new, label = mutate_xml.mutate(rng, data)
        return new, label, ""
    mutation = rng.choice(mutate_pdf.PDF_MUTATORS)(rng, data)
    return mutation.data, mutation.label, mutation.label if mutation.forbidden_update else ""


def make_mutant(seed: Seed, corpus: Sequence[Seed], campaign_seed: int, index: int) -> Mutant:
    rng = random.Random(f"{campaign_seed}/{seed.name}/{index}")
    family = _FAMILY[seed.format]
    others = [
        s.files[s.target] for s in corpus if _FAMILY[s.format] == family and s.name != seed.name
    ]
    files = dict(seed.files)
    labels = []
    forbidden = ""
    rounds = 1 if rng.random() < 0.8 else rng.choice((2, 3))
    for _ in range(rounds):
        if seed.document is not None and rng.random() < 0.08:
            mutator = rng.choice(mutate_bytes.BYTE_MUTATORS)
            files[seed.document], label = mutator(rng, files[seed.document])
            labels.append(f"document: {label}")
            continue
        files[seed.target], label, forbidden = _once(rng, seed, files[seed.target], others)
        labels.append(label)
    return Mutant(seed, index, files, " + ".join(labels), forbidden)
