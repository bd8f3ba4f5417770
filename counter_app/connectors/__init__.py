"""Department systems over their private networks (issue 9).

A department system is a TOML description file (:mod:`.description`), not code. Its ``kind``
picks a connector class from :mod:`.registry`: HTTP JSON / XML (:mod:`.http_json`, auth in
:mod:`.auth`), 前置库 front database (:mod:`.front_db`) or manual (:mod:`.manual`, the printed handover sheet). Every connector answers
the same interface (:mod:`.base`) and classifies each failure, so the delivery queue
(``store.delivery``, ``services.delivery``) knows whether to retry, ask the clerk or park.
Credentials come from the OS keyring (:mod:`.credentials`). No Qt here.
"""
