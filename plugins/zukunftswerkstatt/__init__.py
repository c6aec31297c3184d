"""Zukunftswerkstatt: a future workshop (Ostfildern).

Refugees, volunteers and administration write cards per theme in three
phases (critique, fantasy, realisation), vote with dots between the phases
and agree an action plan. The hookimpls are in ``plugin.py``.
"""
