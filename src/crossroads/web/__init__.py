"""crossroads web stage."""
