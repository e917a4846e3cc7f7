"""Last stage: what is made from the model besides the site (editor schemas; print and ledgers to come)."""
