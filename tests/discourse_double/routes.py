"""The route table: method + path pattern -> handler.

A GET of a JSON route needs a ``.json`` suffix or an ``Accept:
application/json`` header; otherwise Discourse serves an HTML page.  Raw
markdown routes always answer in plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import handlers_forum as F
from . import handlers_posts as P
from . import handlers_topics as T
from . import handlers_users as U
from .http_types import Request, Response

Handler = Callable[[Request], Response]
J = r"(?P<fmt>\.json)?"


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    text: bool = False  # answers text/plain, no JSON format needed
    extra: dict[str, str] = field(default_factory=dict)


def _r(method: str, pattern: str, handler: Handler, text: bool = False, **extra: str) -> Route:
    return Route(method, re.compile(pattern), handler, text, dict(extra))


ROUTES: list[Route] = [
    _r("GET", r"/t/external_id/(?P<external_id>(?a:[\w-]+))" + J, T.show_by_external_id),
    _r("GET", r"/t/(?P<id>\d+)/posts" + J, T.topic_posts),
    _r("GET", r"/t/(?P<id>\d+)" + J, T.show_topic),
    _r("GET", r"/t/(?P<slug>[^/]+)/(?P<id>\d+)" + J, T.show_topic),
    _r("GET", r"/posts" + J, P.latest),
    _r("GET", r"/posts/(?P<id>\d+)/revisions/(?P<revision>latest|-?\d+)" + J, P.revision),
    _r("GET", r"/posts/(?P<id>\d+)/raw", P.raw, text=True),
    _r("GET", r"/posts/(?P<id>\d+)" + J, P.show),
    _r("GET", r"/raw/(?P<topic_id>\d+)(?:/(?P<post_number>\d+))?", P.raw, text=True),
    _r("GET", r"/c/(?P<key>[^/]+)/show" + J, F.category_show),
    _r("GET", r"/c/(?P<path>.+?)" + J, T.category_list),
    _r("GET", r"/categories" + J, F.categories_index),
    _r("GET", r"/groups/(?P<key>[^/]+?)/members" + J, F.group_members),
    _r("GET", r"/groups/(?P<name>[^/]+?)" + J, F.group_get),
    _r("GET", r"/admin/site_settings" + J, F.site_settings),
    _r("GET", r"/u/(?P<username>[\w.\-]+?)" + J, U.user_show),
    _r("POST", r"/posts" + J, P.create),
    _r("POST", r"/post_actions" + J, P.post_action),
    _r("POST", r"/categories" + J, F.category_create),
    _r("POST", r"/admin/groups" + J, F.group_create),
    _r("PUT", r"/posts/(?P<id>\d+)/wiki" + J, P.wiki),
    _r("PUT", r"/posts/(?P<id>\d+)" + J, P.update),
    _r("PUT", r"/t/(?P<id>\d+)/status" + J, T.status),
    _r("PUT", r"/t/(?P<id>\d+)/tags" + J, T.update, action="tags"),
    _r("PUT", r"/t/(?P<slug>[^/]+)/(?P<id>\d+)" + J, T.update),
    _r("PUT", r"/t/(?P<id>\d+)" + J, T.update),
    _r("PUT", r"/categories/(?P<id>\d+)" + J, F.category_update),
    _r("PUT", r"/groups/(?P<key>[^/]+?)/members" + J, F.group_members_add),
    _r("PUT", r"/groups/(?P<id>[^/]+?)" + J, F.group_update),
    _r("DELETE", r"/t/(?P<id>\d+)" + J, T.destroy),
    _r("DELETE", r"/groups/(?P<key>[^/]+?)/members" + J, F.group_members_remove),
]


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in ROUTES:
        if route.method != method:
            continue
        found = route.pattern.fullmatch(path)
        if found:
            groups = {k: v for k, v in found.groupdict().items() if v is not None}
            groups.update(route.extra)
            return route, groups
    return None
