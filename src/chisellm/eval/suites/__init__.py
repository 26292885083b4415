"""Public benchmark suites, each read from an upstream folder (`--suite-path`)."""
