"""Thementische: moderated theme tables (Schwäbisch Gmünd).

Participants choose tables when they sign up and are seated fairly; at each
table a moderator records what is said to the guiding questions on a tablet,
marks project ideas, and the organisers turn ideas into follow-up round
tables. The hookimpls are in ``plugin.py``.
"""
