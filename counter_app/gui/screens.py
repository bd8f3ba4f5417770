"""Every screen of the main window besides intake, with its key (see screen_host.py).

One line per screen; a lane adds its own. Keys are listed in the README's key table.
"""

from __future__ import annotations

from counter_app.gui.screen_host import ScreenSpec

SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(name="issuing", title_key="screen.issuing", key="F8", module="counter_app.gui.issuing_screen"),
    ScreenSpec(name="handover", title_key="screen.handover", key="Ctrl+H", module="counter_app.gui.handover_screen"),
    ScreenSpec(name="cases", title_key="screen.cases", key="F7", module="counter_app.gui.case_list_screen",
               factory="build"),
    ScreenSpec(name="supervision", title_key="screen.supervision", key="Ctrl+M",
               module="counter_app.gui.supervision_screen", factory="build"),
    ScreenSpec(name="departments", title_key="screen.departments", key="Ctrl+Shift+D",
               module="counter_app.gui.department_health"),
    ScreenSpec(name="credentials", title_key="screen.credentials", key="", module="counter_app.gui.credentials_screen"),
)
