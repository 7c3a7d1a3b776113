"""Operator CLI: finding an organization's name (``fjord org list``, and the nearest name
when one is mistyped)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import fjord_env
from tests.ops.test_cli_admin import fjord, one_line


def test_organizations_are_listed(tmp_path: Path) -> None:
    """Every command takes ``--org NAME``, and nothing told an operator the names there
    were: one forgotten (or made by a typo in ``api-key create``) could not be found."""
    env = fjord_env(tmp_path / "data")
    for name in ("st-olav", "clinic"):
        assert fjord(env, "api-key", "create", "--org", name).returncode == 0
    done = fjord(env, "org", "list")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [org["name"] for org in listed] == ["clinic", "st-olav"]
    assert all(org["id"].startswith("org_") and org["createdAt"] for org in listed)


def test_a_mistyped_organization_is_named_with_the_nearest(tmp_path: Path) -> None:
    """``--org st-olaf`` said ``no organization named 'st-olaf'`` and nothing more."""
    env = fjord_env(tmp_path / "data")
    assert fjord(env, "api-key", "create", "--org", "st-olav").returncode == 0
    done = fjord(env, "api-key", "list", "--org", "st-olaf")
    one_line(done, "fjord: no organization named 'st-olaf' (did you mean 'st-olav'? "
                   "fjord org list lists them)")
    done = fjord(env, "privacy", "show", "--org", "radiology")
    one_line(done, "fjord: no organization named 'radiology' (fjord org list lists them)")


def test_a_new_organization_name_has_no_surrounding_space(tmp_path: Path) -> None:
    """``--org "acme "`` (a quoted script variable) made a second organization beside
    ``acme``, which looked the same in every line that named it."""
    env = fjord_env(tmp_path / "data")
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    for name in ("acme ", " clinic"):
        done = fjord(env, "api-key", "create", "--org", name)
        one_line(done, f"fjord: organization name {name!r} begins or ends with a space")
    assert [org["name"] for org in json.loads(fjord(env, "org", "list").stdout)] == ["acme"]


def test_a_new_data_dir_made_by_api_key_create_is_said(tmp_path: Path) -> None:
    """Run from another directory without FJORD_DATA_DIR, ``api-key create`` made a new
    deployment in ./data and printed a key the servers did not know, with no word of it."""
    data = tmp_path / "data"
    env = fjord_env(data)
    done = fjord(env, "api-key", "create", "--org", "acme")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"fjord: made a new data dir {data} ")
    done = fjord(env, "api-key", "create", "--org", "acme")
    assert done.returncode == 0 and "new data dir" not in done.stderr, done.stderr


def test_a_refused_organization_name_makes_no_data_dir(tmp_path: Path) -> None:
    """``api-key create --org " clinic"`` run where no data dir was (the first command of a
    deployment, or one run from the wrong directory) made a whole new data dir (keys and a
    database) before refusing the name, and with no word of it: the next, corrected, command
    then took it as the deployment's and did not say it had been made."""
    data = tmp_path / "data"
    env = fjord_env(data)
    done = fjord(env, "api-key", "create", "--org", " clinic")
    one_line(done, "fjord: organization name ' clinic' begins or ends with a space")
    assert not (data / "keys").exists()
    done = fjord(env, "api-key", "create", "--org", "clinic")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"fjord: made a new data dir {data} "), done.stderr


def test_a_new_organization_made_by_api_key_create_is_said(tmp_path: Path) -> None:
    """``api-key create --org acmee`` (a typo of ``acme``) made a second organization and
    printed a working key with no word of it: the meetings made with it were not acme's,
    nor did acme's privacy settings (embedding origins, chat) apply to them."""
    env = fjord_env(tmp_path / "data")
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    done = fjord(env, "api-key", "create", "--org", "acmee")
    assert done.returncode == 0, done.stderr
    assert ("fjord: made a new organization 'acmee' (did you mean 'acme'? "
            "fjord org list lists them)\n") in done.stderr
    assert done.stdout.strip().startswith("fjk_")
    done = fjord(env, "api-key", "create", "--org", "radiology")
    assert "fjord: made a new organization 'radiology'\n" in done.stderr, done.stderr
    done = fjord(env, "api-key", "create", "--org", "acme")
    assert done.returncode == 0 and "new organization" not in done.stderr, done.stderr
