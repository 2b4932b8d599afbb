"""Tests of the REST API v1 (a plain test package, not an app)."""
