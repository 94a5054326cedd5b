"""Drafts: one person's or team's part of a plan, taken out to work on apart and merged back."""
