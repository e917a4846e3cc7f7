"""Party-school courses (党校课程): a course page, a handout and a self-test generated from the sources."""
