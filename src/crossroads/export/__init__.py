"""crossroads export stage."""
