"""Freshness on the site: every page says when it was reviewed; overdue pages carry a notice.

The page notice and `playbooks review` use one rule, so a playbook listed as overdue is the one
that shows the notice, from the first day after its due date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sales_playbooks.commands.review import overdue
from sales_playbooks.loader import load_library
from sales_playbooks.render_page import header, playbook_page
from sales_playbooks.settings import read_settings
from tests.minirepo import make_repo


def test_notice_starts_the_day_after_the_due_date(tmp_path: Path) -> None:
    library = load_library(read_settings(make_repo(tmp_path))).library
    playbook = library.playbooks[0]
    due = playbook.review_due
    assert due == dt.date(2026, 4, 10)
    on_time = header(playbook, due)
    assert 'Reviewed <time datetime="2026-01-10">10 January 2026</time>' in on_time
    assert "Due for review" not in on_time and overdue([playbook], due) == []
    late = header(playbook, due + dt.timedelta(days=1))
    assert '!!! warning "Due for review"' in late and "1 day ago" in late
    assert [o.days for o in overdue([playbook], due + dt.timedelta(days=1))] == [1]
    much_later = playbook_page(playbook, library, due + dt.timedelta(days=40))
    assert "40 days ago" in much_later and "Reviewed <time" in much_later
