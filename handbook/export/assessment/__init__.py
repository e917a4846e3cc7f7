"""The assessment's exports: blank score sheets, the Excel import, and sealing closed periods."""
