"""One module per ``mbc-docs`` subcommand (see :mod:`mbc_docs.cli`)."""
