"""Built-in rule packs (YAML), installed as package data as cleanup.builtin_rules."""
