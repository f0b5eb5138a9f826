"""Qt item models over the case: id-based, hold plain tuples, reload on demand, never write."""
