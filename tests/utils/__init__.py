"""Factories, fictional texts and assertion helpers for the test suite."""
