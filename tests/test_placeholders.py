"""The placeholder rule: TODO prompts left in a playbook are errors at their own line and column."""

from __future__ import annotations

from sales_playbooks.placeholders import placeholder_problems
from sales_playbooks.yamlsource import read_front_matter

DOC = """---
summary: TODO write this
tags: [fine, TODO]
---

## Why it matters

Some text, then TODO: a prompt.

```text
TODO inside a code block is an example, not a prompt
```

Todo lists and a to-do are ordinary words.
"""


def test_every_prompt_is_reported_where_it_stands() -> None:
    doc, _ = read_front_matter(DOC, "x.md")
    found = [(p.line, p.col, p.code) for p in placeholder_problems("x.md", doc)]
    assert found == [(2, 10, "placeholder"), (3, 14, "placeholder"), (8, 17, "placeholder")]
