"""Builds the optional native TURN relay core; everything else is in pyproject.toml.

``optional=True``: when gcc or the Python headers are missing the install still succeeds
and the TURN server uses its pure-Python relay (turn/relay.py).
"""

from setuptools import Extension, setup

RELAY_CORE = Extension(
    "turn._relaycore",
    ["turn/_relaycore.c"],
    extra_compile_args=["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"],
    optional=True,
)

if __name__ == "__main__":
    setup(ext_modules=[RELAY_CORE])
