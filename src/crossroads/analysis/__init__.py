"""crossroads analysis stage."""
