"""Staff-only access: the PIN that guards the hidden way out of the exhibit."""
