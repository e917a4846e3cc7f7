"""Posts and roles (岗位): duties, and every flow step they own."""
