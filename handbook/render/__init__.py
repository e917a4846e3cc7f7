"""Renderers: turn the model into Markdown pages, Mermaid diagrams, checklists and indexes."""
