"""Starters for new plans: levels, functions and example people, one JSON file each."""
