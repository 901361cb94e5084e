"""Peer groups (cohorts): their files in peer-groups/, the checks on them, and their release schedule."""
