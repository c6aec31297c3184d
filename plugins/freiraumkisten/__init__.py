"""Freiraumkisten: pop-up boxes in public space (Lörrach).

A campaign (an event of this format) puts a box at several places (stations)
at set times. Passers-by leave short, anonymous feedback on the spot by
scanning the station's QR code, or on a paper card that staff type in.
Moderators approve or hide posts; the evaluation compares places, topics and
moods over time. The hookimpls are in ``plugin.py``.
"""
