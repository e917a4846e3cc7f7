"""The one validated model: the book's places, every object by kind, and the references between them."""
