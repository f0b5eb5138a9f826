"""Feature flows of the window: each turns what a user asks for into service calls."""
