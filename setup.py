"""Builds the optional native cores; everything else is in pyproject.toml.

``optional=True``: when gcc, the Python headers (or, for the SFU core, the headers of
libsrtp2 and OpenSSL's libcrypto: libsrtp2-dev, libssl-dev) are missing the install still
succeeds and the servers use their pure-Python paths (turn/relay.py; sfu/consumer.py for
the SFU).
"""

from setuptools import Extension, setup

COMPILE_ARGS = ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"]

RELAY_CORE = Extension(
    "turn._relaycore",
    ["turn/_relaycore.c", "turn/relay_thread.c"],
    depends=["turn/relaycore.h"],
    extra_compile_args=COMPILE_ARGS,
    optional=True,
)

FORWARD_CORE = Extension(
    "sfu._forwardcore",
    ["sfu/_forwardcore.c", "sfu/srtp_session.c", "sfu/rtp_parsers.c", "sfu/routes.c",
     "sfu/ingress.c", "sfu/receive_state.c", "sfu/retransmission_buffer.c",
     "sfu/srtp_gcm.c"],
    depends=["sfu/srtp_gcm.h", "sfu/forwardcore.h", "sfu/receive_state.h"],
    libraries=["srtp2", "crypto"],
    extra_compile_args=COMPILE_ARGS,
    optional=True,
)

if __name__ == "__main__":
    setup(ext_modules=[RELAY_CORE, FORWARD_CORE])
