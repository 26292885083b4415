"""Design families, one module each. Importing this package registers every family in `FAMILIES`."""

import importlib
import pkgutil

from chisellm.data.families.base import FAMILIES, Design, Family, PortSpec, register

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["FAMILIES", "Design", "Family", "PortSpec", "register"]
