"""Stage 3 (beside render): search documents from the model, the search index and its ranking, related pages."""
