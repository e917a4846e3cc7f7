"""The quarterly evaluation of branches by staff representatives of one shift."""
