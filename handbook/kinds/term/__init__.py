"""Glossary terms (术语): one shared page, tooltips on every page."""
