"""Stage 3: render the model into Markdown pages; each kind's own page lives in its folder under kinds/."""
