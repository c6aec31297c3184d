"""Blueprints of the core. Views parse input, call a service, render."""
