"""The Jinja2 templates (overrides/partials/playbooks/) that the HTML of generated pages comes from, autoescaped.

The templates sit with the theme's partials, but the theme never renders them: they are `.html`, so
MkDocs does not copy them into the site either. Markdown written inside their HTML goes through the
`md` filter, which makes raw HTML inert and leaves the markdown as written.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "playbooks"


def inline_markdown(text: str) -> Markup:
    """Markdown from a data file, with raw HTML made inert (`<` and `>` written as entities)."""
    from markupsafe import Markup

    return Markup(str(text).replace("<", "&lt;").replace(">", "&gt;"))  # noqa: S704  # escaped just above


@functools.cache
def environment() -> jinja2.Environment:
    """The one template environment; Jinja2 is imported only when a page is rendered (`validate` renders none)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = inline_markdown
    return env


def render(name: str, **context: Any) -> str:
    """The template `name` rendered with `context`."""
    return environment().get_template(name).render(**context)
