"""Self-tests generated from a course's sources, and the question-bank formats exam platforms import."""
