"""README.md names the Debian packages ``make test`` installs as root: the list must be the
Makefile's (it left out ``janus`` and ``iproute2``, so an operator trying the suite on a
shared host got a Janus server installed without a word)."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_the_readme_lists_every_package_make_test_installs() -> None:
    makefile = (ROOT / "Makefile").read_text()
    declared = re.search(r"^APT_TEST_PACKAGES := (.*?[^\\])$", makefile, re.M | re.S).group(1)
    installed = set(declared.replace("\\", " ").split())
    readme = " ".join((ROOT / "README.md").read_text().split())
    listed = re.search(r"it installs Debian's (.*?) when missing", readme).group(1)
    assert set(re.findall(r"`([^`]+)`", listed)) == installed
