"""End to end with `extra.forum.wiki: true`: a forum member (not staff) improves a playbook's wiki post, `playbooks
pull` brings the change home under their name, and the next syncs find nothing to write. Against the double, with
pydiscourse over HTTP and the member's own key, so the forum's rules for wiki edits apply."""

from __future__ import annotations

import json
from pathlib import Path

from tests.discourse_double import member_edit
from tests.sync_harness import sync_env
from tests.test_pull_e2e import EDITED, SENTENCE, accepted, changed_lines, pull, source
from tests.test_sync_wiki import turn_wiki, wiki_puts


def test_a_member_s_edit_of_a_wiki_post_comes_home_and_the_sync_then_agrees(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        turn_wiki(forum, True)
        first = forum.run()
        assert first.code == 0, first
        forum.age_posts()
        forum.double.add_user("alice", trust_level=1)
        forum.double.add_user("newcomer", trust_level=0)
        topic = forum.synced()["pb_coaching-cadence"]
        post_id = forum.double.posts_of(topic.id)[0].id
        raw = forum.first_raw(topic.id)
        assert SENTENCE in raw

        refused = member_edit(forum.double, "newcomer", post_id, raw.replace(SENTENCE, "Something else entirely."))
        assert refused.status_code == 403, refused.text  # below the wiki's trust level: the forum refuses
        done = member_edit(forum.double, "alice", post_id, raw.replace(SENTENCE, EDITED, 1), "a better word")
        assert done.status_code == 200, done.text

        before = source(forum, "coaching-cadence")
        run = pull(forum, "--format", "json")
        assert run.code == 0 and run.writes == [], run
        [entry] = json.loads(run.stdout)["playbooks"]
        assert [e["username"] for e in entry["editors"]] == ["alice"]
        assert entry["written"] is True and entry["conflicts"] == [] and entry["rejected"] == []
        [(old, new)] = changed_lines(before, source(forum, "coaching-cadence"))
        assert old.replace(SENTENCE, EDITED) == new

        synced = forum.run()
        assert synced.code == 0, synced
        assert accepted(synced) == [], synced  # the forum already says what the file renders to
        assert wiki_puts([(r.method, r.path) for r in synced.requests]) == []  # still a wiki: nothing to switch
        again = forum.run()
        assert again.code == 0 and again.writes == [], again

        path = forum.playbooks / "coaching-cadence.md"
        path.write_text(source(forum, "coaching-cadence").replace(EDITED, SENTENCE), encoding="utf-8")
        changed = forum.run()
        assert changed.code == 0, changed
        assert [w.split()[0] for w in accepted(changed)] == ["PUT"], changed  # one update, no read, no toggle
        assert wiki_puts([(r.method, r.path) for r in changed.requests]) == [], changed
        assert SENTENCE in forum.first_raw(topic.id) and forum.double.posts_of(topic.id)[0].wiki
