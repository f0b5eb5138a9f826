"""Tests of the Qt item models."""
