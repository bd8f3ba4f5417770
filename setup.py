"""The wheel's layout; everything else is in pyproject.toml.

The product's top-level folders ``resources/``, ``db/`` and ``ui/`` are installed inside the
package as ``counter_app.resources``, ``counter_app.db`` and ``counter_app.ui`` (each has an
``__init__.py`` for that), so ``counter_app/paths.py`` finds them through importlib.resources in
an editable install, an installed wheel and a frozen app alike. Every file under them is
included, so a new migration chain under ``db/`` needs no change here. This lives in setup.py
because pyproject.toml cannot add mapped packages to the ones it discovers.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA = {"counter_app.resources": "resources", "counter_app.db": "db", "counter_app.ui": "ui"}

# Their subfolders are listed as (namespace) packages too, as setuptools wants for data folders.
data_packages = [f"{name}.{sub}" for name, folder in DATA.items()
                 for sub in find_namespace_packages(where=folder, exclude=["*__pycache__*"])]

setup(
    packages=find_packages(include=["counter_app", "counter_app.*"]) + list(DATA) + data_packages,
    package_dir=DATA,
    package_data={name: ["*"] for name in [*DATA, *data_packages]},
    exclude_package_data={"": ["__pycache__", "*.pyc"]},
)
