"""The MkDocs plugin `handbook`: the only code that knows MkDocs (moving to a successor is one adapter)."""
