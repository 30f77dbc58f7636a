"""mbc-docs: the tooling behind the multilingual metastatic breast cancer guide."""

__version__ = "0.1.0"
