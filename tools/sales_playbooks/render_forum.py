"""Playbook -> the markdown of its forum topic's first post (Discourse markdown only). Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .forum_rules import stored_raw
from .links import absolutize, page_url
from .model import SECTION_PLAYS, SECTION_SOURCES, Playbook, Source

ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][\w-]+[ \t]*|[\w-]+=\S+[ \t]*)+\}")
ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:[ \t]?")
ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"([^"]*)")?[ \t]*$')
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:.*$")


def discourse_markdown(markdown: str, from_uri: str, site_url: str) -> str:
    """MkDocs-only syntax removed or turned into plain markdown; links made absolute."""
    out: list[str] = []
    in_admonition = False
    for line in markdown.split("\n"):
        if ABBREVIATION.match(line):
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            in_admonition = True
            if admonition.group(1):
                out.append(f"> **{admonition.group(1)}**")
            continue
        if in_admonition:
            if line.startswith("    ") or not line.strip():
                out.append("> " + line[4:] if line.strip() else ">")
                continue
            in_admonition = False
        out.append(line)
    text = "\n".join(out)
    text = ATTR_LIST.sub("", text)
    text = ICON.sub("", text)
    return absolutize(text, from_uri, site_url)


def forum_post(playbook: Playbook, sources: Mapping[str, Source], site_url: str) -> str:
    """The first post: summary, plays, checklist, questions, sources, and the way back to the site."""
    body = playbook.body
    url = page_url(site_url, playbook.page_uri)
    plays = body.section(SECTION_PLAYS)
    notes = body.section(SECTION_SOURCES)
    parts = [f"*{playbook.summary}*"]
    if plays is not None:
        parts.append("## The plays\n\n" + plays.markdown.strip())
    parts.append("## Checklist\n\n" + "\n".join(f"- [ ] {item.text}" for item in body.checklist))
    parts.append("## Discussion questions\n\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(body.questions, 1)))
    refs = "\n".join(f"- {sources[s].citation()}" for s in playbook.sources if s in sources)
    parts.append("## Sources\n\n" + ((notes.markdown + "\n\n") if notes and notes.markdown else "") + refs)
    parts.append(
        "---\n"
        f"Read the full playbook on the site: [{playbook.title}]({url}). "
        "Spotted something to improve? You can edit it through a pull request "
        "(use the edit button on the page)."
    )
    text = "\n\n".join(parts)
    return stored_raw(discourse_markdown(text, playbook.page_uri, site_url))
