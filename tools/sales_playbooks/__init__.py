"""Sales Leader Playbooks: load, validate and render playbooks for the site and the forum."""

__version__ = "0.1.0"
