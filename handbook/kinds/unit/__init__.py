"""Units of the organisation (组织单位): duties, visions and goals."""
