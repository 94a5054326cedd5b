"""The docked panels around the canvas: organisation, objectives, inspector, health, history."""
