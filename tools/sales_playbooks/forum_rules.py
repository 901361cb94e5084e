"""Discourse's own limits on titles, bodies and tags, checked before anything is sent to the forum.

The defaults are Discourse's site-setting defaults; a forum that changed them can say so under
`extra.forum.limits` in mkdocs.yml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any

TAG_FILTER = set("/?#[]@!$&'()*+,;=.%\\`^|{}\"<>")
EMOJI = re.compile(r":[a-z0-9_+-]+:|[\U0001F000-\U0001FAFF\u2600-\u27BF]")


@dataclass(frozen=True)
class ForumLimits:
    """The site settings that decide whether Discourse accepts a topic."""

    min_topic_title_length: int = 15
    max_topic_title_length: int = 255
    title_min_entropy: int = 10
    title_max_word_length: int = 30
    max_emojis_in_title: int = 1
    min_first_post_length: int = 20
    min_post_length: int = 20
    max_post_length: int = 32000
    body_min_entropy: int = 7
    max_tags_per_topic: int = 5
    max_tag_length: int = 20
    allow_uppercase_posts: bool = False

    @classmethod
    def from_mapping(cls, values: Any) -> tuple[ForumLimits, list[str]]:
        """Defaults overridden by `values` (extra.forum.limits), and a message for each entry that is
        not a known limit with a value of its type (a whole number, or true/false), which keeps its default."""
        if values is None:
            return cls(), []
        where = "extra.forum.limits in mkdocs.yml"
        if not isinstance(values, dict):
            return cls(), [f"{where} must map forum site settings to numbers, such as min_first_post_length: 30"]
        flags = {f.name: isinstance(f.default, bool) for f in fields(cls)}
        chosen: dict[str, Any] = {}
        problems = []
        for key, value in values.items():
            name = f"extra.forum.limits.{key} in mkdocs.yml"
            if key not in flags:
                problems.append(f"{name} is not a limit these tools check; known: {', '.join(flags)}")
            elif flags[key] and not isinstance(value, bool):
                problems.append(f"{name} must be true or false (got {value!r})")
            elif not flags[key] and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                problems.append(f"{name} must be a whole number (got {value!r})")
            else:
                chosen[key] = value
        return replace(cls(), **chosen), problems


# TextCleaner.normalize_whitespaces: the Unicode spaces Discourse turns into a plain space in every post.
UNICODE_SPACES = re.compile("[\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def stored_raw(raw: str) -> str:
    """A post body as Discourse stores it: Unicode spaces made plain and trailing whitespace cut.

    PostCreator and PostRevisor do this before they validate or compare, so the sync sends the text in
    this form: what it sends is then what it reads back, and an unchanged playbook stays unchanged.
    The end is cut as PostCreator does (Ruby's `\\s`); PostRevisor's `rstrip` also cuts a NUL, which a
    playbook never ends with.
    """
    return re.sub(r"[ \t\r\n\f\v]+\Z", "", UNICODE_SPACES.sub(" ", raw))


def clean_title(title: str) -> str:
    """Whitespace squeezed and trimmed, as Discourse's TextCleaner does before validating."""
    return re.sub(r"\s+", " ", title).strip()


def title_problems(title: str, limits: ForumLimits) -> list[tuple[str, str]]:
    """(code, message) pairs for every reason Discourse would refuse this topic title."""
    text = clean_title(title)
    found: list[tuple[str, str]] = []
    length = len(text)
    if length < limits.min_topic_title_length:
        found.append(
            (
                "title-too-short",
                f"title has {length} characters; the forum needs at least {limits.min_topic_title_length}",
            )
        )
    if length > limits.max_topic_title_length:
        found.append(
            (
                "title-too-long",
                f"title has {length} characters; the forum allows at most {limits.max_topic_title_length}",
            )
        )
    bar = limits.title_min_entropy
    if limits.min_topic_title_length <= limits.title_min_entropy:
        bar = int(limits.min_topic_title_length * 0.7)
    unique = len(set(text.encode("utf-8")))
    if unique < bar:
        found.append(
            (
                "title-low-variety",
                f"title uses only {unique} different characters; the forum needs {bar} or it calls the title unclear",
            )
        )
    if not any(ch.isalnum() for ch in text):
        found.append(("title-no-letters", "title has no letter or digit"))
    longest = max((len(w) for w in re.findall(r"[^\W_]+", text)), default=0)
    if longest > limits.title_max_word_length:
        found.append(
            (
                "title-long-word",
                f"title has a word of {longest} characters; the forum allows {limits.title_max_word_length}",
            )
        )
    if not limits.allow_uppercase_posts and is_shouting(text):
        found.append(("title-all-caps", "title is all capitals; the forum refuses shouting titles"))
    emojis = len(EMOJI.findall(text))
    if emojis > limits.max_emojis_in_title:
        found.append(
            (
                "title-emoji",
                f"title has {emojis} emoji; the forum allows {limits.max_emojis_in_title}",
            )
        )
    return found


def is_shouting(text: str) -> bool:
    """True when the text has letters and none of them is lowercase or caseless."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return not any(ch.islower() or (not ch.isupper() and not ch.islower()) for ch in letters)


def body_problems(raw: str, limits: ForumLimits, first_post: bool = True) -> list[tuple[str, str]]:
    """(code, message) pairs for every reason Discourse would refuse this post body."""
    stripped = raw.strip()
    minimum = limits.min_first_post_length if first_post else limits.min_post_length
    found: list[tuple[str, str]] = []
    if len(stripped) < minimum:
        found.append(
            (
                "body-too-short",
                f"the forum post would have {len(stripped)} characters; the forum needs at least {minimum}",
            )
        )
    if len(stripped) > limits.max_post_length:
        found.append(
            (
                "body-too-long",
                f"the forum post would have {len(stripped)} characters; the forum allows at most "
                f"{limits.max_post_length}",
            )
        )
    bar = min(limits.body_min_entropy, int(limits.min_post_length * 0.7))
    if len(set(stripped.encode("utf-8"))) < bar:
        found.append(("body-unclear", "the body uses too few different characters; the forum calls it unclear"))
    return found


def clean_tag(tag: str, max_length: int = 20, lowercase: bool = True) -> str:
    """Discourse's DiscourseTagging.clean_tag: the name the forum stores for a tag."""
    text = tag.lower() if lowercase else tag
    text = text.strip()
    text = re.sub(r"\s+", "-", text)
    text = "".join(ch for ch in text if _is_word_or_punct(ch))
    text = "".join(ch for ch in text if ch not in TAG_FILTER)
    text = re.sub(r"-+", "-", text)
    return text[:max_length]


def _is_word_or_punct(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch == "_" or category[0] in ("L", "N", "P") or category == "Mn"


def tag_problems(tags: list[str], limits: ForumLimits) -> list[tuple[int, str, str]]:
    """(index, code, message) for each tag Discourse would refuse or silently change."""
    found: list[tuple[int, str, str]] = []
    if len(tags) > limits.max_tags_per_topic:
        found.append(
            (
                limits.max_tags_per_topic,
                "too-many-tags",
                f"{len(tags)} tags; the forum allows at most {limits.max_tags_per_topic}",
            )
        )
    for index, tag in enumerate(tags):
        full = clean_tag(tag, max_length=10_000)
        if len(full) > limits.max_tag_length:
            found.append(
                (
                    index,
                    "tag-too-long",
                    f"tag '{tag}' has {len(full)} characters after the forum cleans it; "
                    f"the limit is {limits.max_tag_length}",
                )
            )
        elif not full:
            found.append((index, "tag-empty", f"tag '{tag}' has nothing left after the forum cleans it"))
        elif full != tag:
            found.append(
                (
                    index,
                    "tag-not-clean",
                    f"the forum would store tag '{tag}' as '{full}'; write it as '{full}'",
                )
            )
    return found
