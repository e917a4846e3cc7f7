"""Regulations (制度): Markdown with front matter, numbered articles 第一条 … as anchors."""
