"""Binders (装订册): a printed selection of the handbook for one post, e.g. 支部书记工作手册."""
