"""A test double of the Discourse forum HTTP API, behaving as docs/dev/discourse.md describes.

from tests.discourse_double import DiscourseDouble, Faults

double = DiscourseDouble(admin_rate_limit=(60, 6.0))
double.start()
double.add_user("sync-bot", admin=True)
key = double.api_key_for("sync-bot")
...
double.stop()
"""

from .double import DiscourseDouble
from .errors import ApiError
from .faults import Faults
from .members import member_edit
from .models import Category, Group, Post, Revision, Topic, User
from .server import RequestRecord
from .settings import DEFAULT_SETTINGS

__all__ = [
    "DEFAULT_SETTINGS",
    "ApiError",
    "Category",
    "DiscourseDouble",
    "Faults",
    "Group",
    "Post",
    "RequestRecord",
    "Revision",
    "Topic",
    "User",
    "member_edit",
]
