"""The ledger of seals (assessment/ledger.yaml): a hash chain that locks closed periods."""
