"""The `chisellm` command line: one module per command group, heavy imports inside the commands."""
