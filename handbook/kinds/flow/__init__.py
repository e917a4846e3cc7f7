"""Flows (流程): lanes, steps and decisions in YAML, drawn as Mermaid diagrams with step tables and checklists."""
