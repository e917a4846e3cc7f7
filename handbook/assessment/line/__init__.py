"""Lines of units (战线), each ranked monthly by the deputy manager who leads it."""
