"""`python -m chisellm`: the same CLI as the `chisellm` command."""

from chisellm.cli.main import main

main()
