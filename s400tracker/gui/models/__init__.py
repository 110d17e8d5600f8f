"""Qt item models over core values (matrix, statements)."""
