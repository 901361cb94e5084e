"""Ports of Discourse's small text helpers: TextCleaner, TextSentinel, Slug,
DiscourseTagging.clean_tag, fancy titles and a minimal markdown cooker."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_UNICODE_SPACES = re.compile("[\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def normalize_whitespaces(text: str) -> str:
    """``TextCleaner.normalize_whitespaces``: each Unicode space becomes a plain one."""
    return _UNICODE_SPACES.sub(" ", text)


def raw_on_create(raw: str) -> str:
    """``PostCreator#setup_post``: whitespace normalized, then ``gsub(/\\s+\\z/, "")`` (Ruby's ``\\s``)."""
    return re.sub(r"[ \t\r\n\f\v]+\Z", "", normalize_whitespaces(raw))


def raw_on_edit(raw: str) -> str:
    """``PostRevisor#cleanup_whitespaces``: whitespace normalized, then Ruby's ``rstrip`` (which also cuts NUL)."""
    return re.sub(r"[ \t\r\n\f\v\x00]+\Z", "", normalize_whitespaces(raw))


def clean_title(title: str, prettify: bool, replace_all_upper_case: bool) -> str:
    """``TextCleaner.clean_title``.

    ``replace_all_upper_case`` is a separate switch because the double refuses
    all-caps titles (docs/dev/discourse.md#validation-limits) instead of lowercasing them; see validation.py.
    """
    text = title
    if prettify:
        text = re.sub(r"!+", "!", text)
        text = re.sub(r"\?+", "?", text)
        if replace_all_upper_case and text == text.upper():
            text = text.lower()
        parts = text.split(" ", 1)
        first = parts[0]
        if first and first == first.lower():
            text = first[:1].upper() + first[1:].lower() + (" " + parts[1] if len(parts) > 1 else "")
        text = re.sub(r"([^.])\.+(\s*)\Z", r"\1\2", text)
        text = re.sub(r"\s+([!?]\s*)\Z", r"\1", text)
    text = re.sub(r" +", " ", text)
    text = normalize_whitespaces(text)
    text = text.strip()
    text = text.replace("\u200b", "")
    return text


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


@dataclass
class TextSentinel:
    """``lib/text_sentinel.rb``: the four "seems unclear" checks."""

    text: str
    min_entropy: int | None = None
    max_word_length: int | None = None
    allow_uppercase: bool = False

    def entropy(self) -> int:
        return len(set(self.text.strip().encode("utf-8")))

    def seems_meaningful(self) -> bool:
        return self.min_entropy is None or self.entropy() >= self.min_entropy

    def seems_pronounceable(self) -> bool:
        return any(_is_alnum(ch) for ch in self.text)

    def seems_unpretentious(self) -> bool:
        if self.max_word_length is None:
            return True
        runs = re.findall(r"[^\W_]+", self.text)
        return max((len(r) for r in runs), default=0) <= self.max_word_length

    def seems_quiet(self) -> bool:
        if self.allow_uppercase:
            return True
        cats = [unicodedata.category(ch) for ch in self.text]
        if any(c in ("Ll", "Lo") for c in cats):
            return True
        return not any(c.startswith("L") for c in cats)

    def valid(self) -> bool:
        return (
            bool(self.text.strip())
            and self.seems_meaningful()
            and self.seems_pronounceable()
            and self.seems_unpretentious()
            and self.seems_quiet()
        )


def slug_for(text: str, default: str = "topic", max_length: int = 255) -> str:
    """``Slug.for`` with ``slug_generation_method: ascii``."""
    text = re.sub(r":([\w\-+]+(?::t\d)?):", "", text)
    ascii_text = unicodedata.normalize("NFKD", text.replace("'", "")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9\-_]+", "-", ascii_text.lower())
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if not re.search(r"[^\d]", slug):
        slug = ""
    slug = slug[:max_length]
    slug = slug.replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    return slug or default


TAGS_FILTER = re.compile(r"[/?#\[\]@!$&'()*+,;=.%\\`^\s|{}\"<>]+")


def clean_tag(tag: str, force_lowercase: bool, max_length: int) -> str:
    """``DiscourseTagging.clean_tag``."""
    if force_lowercase:
        tag = tag.lower()
    tag = tag.strip()
    tag = re.sub(r"\s+", "-", tag)
    tag = "".join(ch for ch in tag if ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("P"))
    tag = TAGS_FILTER.sub("", tag)
    tag = re.sub(r"-{2,}", "-", tag)
    return tag[:max_length]


def fancy_title(title: str) -> str:
    """``Topic.fancy_title``: HTML-escaped with the usual typographic replacements."""
    text = html.escape(title, quote=False)
    text = text.replace("---", "&mdash;").replace("--", "&ndash;").replace("...", "&hellip;")
    text = re.sub(r'"([^"]*)"', r"&ldquo;\1&rdquo;", text)
    text = re.sub(r"(\w)'(\w)", r"\1&rsquo;\2", text)
    return text.replace('"', "&quot;")


def cook(raw: str) -> str:
    """A small markdown renderer: headings and paragraphs, everything else escaped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    out = []
    for block in blocks:
        heading = re.match(r"^(#{1,6})\s+(.*)$", block)
        if heading and "\n" not in block:
            level = len(heading.group(1))
            out.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        else:
            out.append("<p>" + html.escape(block).replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def stripped_length(raw: str) -> int:
    """``StrippedLengthValidator``: HTML comments do not count, nor surrounding space."""
    return len(re.sub(r"<!--.*?-->", "", raw, flags=re.S).strip())


def excerpt(raw: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"[#*_`>]", "", raw)).strip()
    return text if len(text) <= limit else text[:limit].rstrip() + "&hellip;"


def word_count(raw: str) -> int:
    return len(raw.split())


_CONFUSING_SUFFIX = re.compile(r"\.(js|json|css|htm|html|xml|jpg|jpeg|png|gif|bmp|ico|tif|tiff|woff)\Z", re.I)


def username_errors(name: str, min_length: int = 3, max_length: int = 20) -> list[str]:
    """``UsernameValidator`` (ASCII usernames): the first failing rule's message."""
    if not name:
        return ["must be present"]
    if len(name) < min_length:
        return [f"must be at least {min_length} characters"]
    if len(name) > max_length:
        return [f"must be no more than {max_length} characters"]
    if re.search(r"[^\w.\-]", name, re.ASCII):
        return ["must only include numbers, letters, dashes, dots, and underscores"]
    if not re.match(r"[A-Za-z0-9_]", name):
        return ["must begin with a letter, a number or an underscore"]
    if not re.search(r"[A-Za-z0-9]\Z", name):
        return ["must end with a letter or a number"]
    if re.search(r"[\-_.]{2,}", name):
        return ["must not contain a sequence of 2 or more special chars (.-_)"]
    if _CONFUSING_SUFFIX.search(name):
        return ["must not end with a confusing suffix like .json or .png etc."]
    return []


_EMOJI_CODE = re.compile(r":[\w\-+]+(?::t\d)?:")


def emoji_count(text: str) -> int:
    codes = len(_EMOJI_CODE.findall(text))
    pictographs = sum(1 for ch in text if ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF)
    return codes + pictographs
