"""Sub-commands of ``planner``: each module has ``register(subparsers)`` and sets ``run`` on its parser."""
