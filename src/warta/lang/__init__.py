"""Language-specific closed-class data."""
