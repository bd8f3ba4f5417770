"""One small keyword-only function per user action. Services own transactions; widgets never do."""
