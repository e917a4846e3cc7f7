"""Special activities (特色工作, 第五篇): Markdown with front matter."""
