"""Stage 2: validate the raw sources into one model, collecting every problem of the run."""
