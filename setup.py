"""Builds the optional native cores; everything else is in pyproject.toml.

``optional=True``: when gcc, the Python headers (or, for the SFU core, libsrtp2's headers)
are missing the install still succeeds and the servers use their pure-Python paths
(turn/relay.py; sfu/consumer.py for the SFU).
"""

from setuptools import Extension, setup

COMPILE_ARGS = ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"]

RELAY_CORE = Extension(
    "turn._relaycore",
    ["turn/_relaycore.c"],
    extra_compile_args=COMPILE_ARGS,
    optional=True,
)

FORWARD_CORE = Extension(
    "sfu._forwardcore",
    ["sfu/_forwardcore.c"],
    libraries=["srtp2"],
    extra_compile_args=COMPILE_ARGS,
    optional=True,
)

if __name__ == "__main__":
    setup(ext_modules=[RELAY_CORE, FORWARD_CORE])
