"""crossroads extraction stage."""
