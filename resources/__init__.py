"""Bundled data (fonts, catalog, holiday calendar, reader profiles, translations), installed
as the package ``counter_app.resources`` so ``counter_app.paths`` finds it through importlib.resources."""
