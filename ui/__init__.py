"""The QSS theme, installed as the package ``counter_app.ui`` so ``counter_app.paths`` finds it."""
