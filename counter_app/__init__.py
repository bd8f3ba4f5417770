"""一窗通 · OneWindow Counter.

The package is laid out as described in ``../shared/DESIGN.md``: ``domain`` holds pure
rules, ``store`` the local database, ``services`` one function per user action, ``gui``
the only code that imports Qt, and ``cli`` the command line.
"""

__version__ = "0.1.0"
