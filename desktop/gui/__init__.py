"""Everything that imports Qt: the window, its panels and models, undo, background work."""
