"""Dezentrale Dialoge: one dialogue series across many sites and stages
(Stuttgart: refugee accommodations, then multi-generation houses and
neighbourhood meetings), with concerns and wishes compared side by side."""
