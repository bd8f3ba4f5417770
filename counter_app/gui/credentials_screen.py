"""部门账号: the signed-in clerk's credentials for each department system, entered once and kept
in the operating system's keyring (``connectors.credentials``), never in the database, settings
or logs. The list shows which are saved, missing or were refused by the department; choosing one
shows its fields (secrets masked); Ctrl+S (or Enter in the last field) saves, and the cases
parked for want of them go out again by themselves. Esc returns to intake.

Keyring calls may block on D-Bus: they run on the network pool, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from counter_app.gui import screen_parts as parts

SECRET_FIELDS = ("password", "token", "secret_key", "client_secret", "app_secret", "key_password")
STATE_COLOURS = {"saved": parts.OK_ROW, "missing": parts.WAIT_ROW, "rejected": parts.BAD_ROW,
                 "no_keyring": parts.BAD_ROW}


def clerk_of(ctx) -> str:
    """The signed-in clerk, else the station settings' clerk: whose credentials these are."""
    return ctx.clerk_login_name[0]


class CredentialsScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        tr = self.tr_
        self.states: list[tuple] = []          # (Description, state)
        self.fields: dict[str, QLineEdit] = {}
        self.header = QLabel(tr("departments.cred.title"))
        self.header.setObjectName("header")
        self.message = parts.message_line()
        self.table = parts.table([tr("departments.cred.col.system"), tr("departments.cred.col.departments"),
                                  tr("departments.cred.col.state")], stretch=0)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.form_box = QGroupBox(tr("departments.cred.form"))
        self.form = QFormLayout(self.form_box)
        self.save_button = QPushButton(tr("departments.cred.save"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        side = QVBoxLayout()
        side.addWidget(self.form_box)
        side.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(parts.hints(tr("departments.cred.where")))
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        v = QVBoxLayout(self)
        v.addWidget(self.header)
        v.addWidget(self.message)
        v.addLayout(body, 1)
        v.addWidget(parts.hints(tr("departments.cred.keys")))
        parts.keys(self, {"Ctrl+S": self.save, "F5": self.refresh})

    def title(self) -> str:
        return self.tr_("departments.cred.title")

    def activated(self, **_kwargs) -> None:
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        from counter_app.connectors.registry import Registry
        from counter_app.services.delivery import credential_states, rejected_departments

        clerk, data_dir = clerk_of(self.ctx), self.ctx.data_dir
        # what the departments refused from the database (writer), then the keyring (network pool)
        self.ctx.ops.write(lambda store: rejected_departments(store, clerk), name="rejected credentials",
                           owner=self).success(
            lambda rejected: self.ctx.ops.network(
                lambda: credential_states(Registry.for_station(data_dir), clerk, rejected),
                name="credential states", owner=self).success(self.show_states))

    def show_states(self, states) -> None:
        tr = self.tr_
        keep = self.table.currentRow()
        self.states = states
        parts.fill(self.table, [[d.name, "、".join(d.departments), tr(f"departments.cred.state.{s}")]
                                for d, s in states], [STATE_COLOURS.get(s) for _, s in states])
        header = tr("departments.cred.header", clerk=clerk_of(self.ctx),
                    missing=sum(s in ("missing", "rejected") for _, s in states))
        self.header.setText(header)
        if any(s == "no_keyring" for _, s in states):
            parts.say(self.message, tr("departments.no_keyring"), "bad")
        elif not states:
            parts.say(self.message, tr("departments.cred.none"), "warn")
        if states:
            self.table.selectRow(keep if 0 <= keep < len(states) else
                                 next((i for i, (_, s) in enumerate(states) if s != "saved"), 0))

    def _chosen(self) -> None:
        row = self.table.currentRow()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        if not 0 <= row < len(self.states):
            self.save_button.setEnabled(False)
            return
        desc, state = self.states[row]
        self.form_box.setTitle(desc.name)
        for name in desc.credential_fields:
            edit = QLineEdit()
            edit.setObjectName(f"cred_{name}")
            if name in SECRET_FIELDS:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.returnPressed.connect(self._next_or_save)
            self.form.addRow(self.tr_(f"departments.cred.field.{name}"), edit)
            self.fields[name] = edit
        self.save_button.setEnabled(state != "no_keyring")
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def _next_or_save(self) -> None:
        edits = list(self.fields.values())
        current = next((i for i, e in enumerate(edits) if e.hasFocus()), len(edits) - 1)
        if current + 1 < len(edits):
            edits[current + 1].setFocus()
        else:
            self.save()

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.states) or not self.fields:
            return
        desc, _ = self.states[row]
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        if not all(values.values()):
            parts.say(self.message, self.tr_("departments.cred.fill_all"), "warn")
            return
        from counter_app.connectors import credentials
        from counter_app.services.delivery import credentials_saved

        clerk = clerk_of(self.ctx)

        def stored(_none) -> None:
            for edit in self.fields.values():
                edit.clear()            # the secret leaves the screen once it is in the keyring
            self.ctx.ops.write(lambda store: credentials_saved(store, clerk, desc.departments),
                               name="credentials saved", owner=self).success(resumed)

        def resumed(n: int) -> None:
            parts.say(self.message, self.tr_("departments.cred.saved", system=desc.name, n=n), "ok")
            driver = getattr(self.host.window, "delivery_driver", None)
            if driver is not None:
                driver.wake()
            self.refresh()

        def failed(exc) -> None:
            parts.say(self.message, self.tr_.error(exc), "bad")

        self.ctx.ops.network(lambda: credentials.save(clerk, desc.system, values), name="save credentials",
                             owner=self).success(stored).failure(failed)


def build(ctx, host) -> QWidget:
    return CredentialsScreen(ctx, host)
