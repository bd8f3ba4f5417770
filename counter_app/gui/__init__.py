"""PySide6 adapter: the only package that imports Qt. One screen or widget per module."""
