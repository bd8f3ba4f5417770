"""The card reader for the intake screen: read cards fill the applicant, failures and reader
status show in the window; in demo mode the 读卡器 menu places the simulator's sample cards.

Attached after the window is first painted: the reader modules and pyscard take a moment
to import, and no card can be placed before the window is there anyway.
"""

from __future__ import annotations


def attach_reader(window, ctx, *, profile_dirs=()):
    from counter_app.gui.card_bridge import CardBridge

    bridge = CardBridge(ctx.settings, ctx.tr, profile_dirs=profile_dirs, parent=window)
    bridge.card_read.connect(window.on_card)
    bridge.card_failed.connect(window.on_card_failed)
    bridge.status_changed.connect(lambda status: window.on_reader_status(bridge.describe(status)))
    bridge.start()
    window.card_bridge = bridge
    window.destroyed.connect(bridge.stop)
    _fill_reader_menu(window, bridge, ctx.tr)
    return bridge


def _fill_reader_menu(window, bridge, tr) -> None:
    menu = getattr(window, "reader_menu", None)
    if menu is None:
        return
    menu.clear()
    sim = bridge.simulator()
    if sim is None:
        act = menu.addAction(tr("menu.reader_real"))
        act.setEnabled(False)
        return
    for n, sample in enumerate(sim.samples(), start=1):
        act = menu.addAction(tr("menu.place_sample", card=tr(f"cards.sample.{sample.key}")))
        act.setShortcut(f"Ctrl+{n}")
        act.triggered.connect(lambda _=False, s=sample: sim.place(s))
    menu.addSeparator()
    lift = menu.addAction(tr("menu.lift_card"))
    lift.setShortcut("Ctrl+0")
    lift.triggered.connect(sim.lift)
