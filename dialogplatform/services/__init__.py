"""Domain rules; views, CLI and tests all go through these functions."""
