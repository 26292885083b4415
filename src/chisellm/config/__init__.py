"""Typed, strict configuration: YAML + `key=value` overrides parsed into dataclasses."""

from chisellm.config.loader import ConfigError, config_to_dict, load_config, parse_overrides

__all__ = ["ConfigError", "config_to_dict", "load_config", "parse_overrides"]
