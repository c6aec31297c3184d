"""Themenabend: a themed dialogue evening (Weinheim).

Residents send questions and concerns before the evening; organisers group
them by theme and record the answers given on the evening (e.g. by the
police or the job centre). The hookimpls are in ``plugin.py``.
"""
