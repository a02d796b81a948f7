"""Prompt templates from `prompts/` (Jinja2 files, each with a version line), rendered for the LLM."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from bot.retrieval.hits import Hit

_VERSION = re.compile(r"\{#\s*version:\s*(\S+)\s*#\}")
# A source may not open or close the delimiters it is wrapped in.
_DELIMITER = re.compile(r"<\s*(/?)\s*(källor|källa|skrivelse)\b", re.IGNORECASE)


@dataclass
class Prompt:
    text: str
    version: str


@dataclass
class PromptSource:
    """One numbered source as the model sees it."""

    n: int
    source: str
    text: str
    title: str | None = None
    dnr: str | None = None
    date: str | None = None
    section: str | None = None
    authors: str | None = None
    signatories: str | None = None

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> PromptSource:
        return cls(n=n, source=hit.source, text=hit.text, title=hit.title, dnr=hit.dnr, date=hit.date,
                   section=hit.section, authors=hit.authors, signatories=hit.signatories)


def as_data(text: str) -> str:
    """Text to place between delimiters: anything that looks like one of our tags is defused."""
    return _DELIMITER.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def _attr(value: str | None) -> str | None:
    return as_data(value).replace('"', "'").replace("\n", " ") if value else value


@lru_cache(maxsize=8)
def _environment(prompts_dir: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(prompts_dir: Path, name: str, **variables) -> Prompt:
    """Render `prompts/<name>.md.j2`; sources (PromptSource) are defused so they stay data."""
    env = _environment(str(prompts_dir))
    template_name = f"{name}.md.j2"
    source_text, _, _ = env.loader.get_source(env, template_name)
    m = _VERSION.search(source_text)
    version = m.group(1) if m else f"{name}-unversioned"
    if "sources" in variables:
        variables["sources"] = [
            PromptSource(n=s.n, source=_attr(s.source), text=as_data(s.text), title=_attr(s.title),
                         dnr=_attr(s.dnr), date=_attr(s.date), section=_attr(s.section), authors=_attr(s.authors),
                         signatories=_attr(s.signatories))
            for s in variables["sources"]
        ]
    if "skrivelse" in variables:
        sk = variables["skrivelse"]
        variables["skrivelse"] = replace(sk, text=as_data(sk.text), title=_attr(sk.title),
                                         proposals=[as_data(p) for p in sk.proposals])
    text = env.get_template(template_name).render(**variables)
    return Prompt(text=re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", version=version)
