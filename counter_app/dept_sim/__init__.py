"""``counter-dept-sim``: department systems on loopback for the demo, the tests and the benchmark
(issue 9). Each simulated department listens on its own port of 127.0.0.1 and speaks one
connector kind (HTTP JSON or XML with one auth kind, or a 前置库 on a real database); it returns
reference numbers, advances statuses after configured times, can be told to fail, and counts
what it received (``GET /_sim/counts`` on the control port). It writes the matching connector
description files for the window (``--write-connectors DIR``)."""
