"""The lowest layer: problems as values, reports, references, located YAML, the Markdown scanner, segmentation."""
