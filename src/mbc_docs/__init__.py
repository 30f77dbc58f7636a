"""mbc-docs: the tooling behind the multilingual metastatic breast cancer guide."""

# First: decides whether the checker's modules load compiled or as Python (its doc).
from . import compiled as compiled

__version__ = "0.1.0"
