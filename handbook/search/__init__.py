"""Stage 3 (beside render): search documents from the model, the Whoosh index, related pages, the browser's words."""
