"""Frauendialog: a women's dialogue, a protected space (seen in Schwäbisch Gmünd)."""
