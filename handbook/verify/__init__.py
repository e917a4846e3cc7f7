"""After MkDocs: check the built site (every internal link and anchor leads somewhere)."""
