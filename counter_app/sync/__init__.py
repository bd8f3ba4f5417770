"""Offline-first sync with the central server: enrolment, the device credential, pushing the
outbox, pulling the hall's changes, the background worker and its retry policy. No Qt."""
