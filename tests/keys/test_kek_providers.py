"""KEK providers: file (mode 0600, wrong key refused), pkcs11 against a real SoftHSM2 token
(the KEK is not extractable), aws-kms against moto's server on 127.0.0.1 (acceptance 4)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from keys.errors import DecryptionError, KekUnavailable
from keys.kek import FileKek, KekProvider, open_kek
from keys.keyring import Keyring
from tests.conftest import free_port

SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")
CONTEXT = b"fjord data key\0org_1\0dk_1\01"


def round_trip(kek: KekProvider) -> None:
    key = os.urandom(32)
    wrapped = kek.wrap(key, CONTEXT)
    assert key not in wrapped
    assert kek.unwrap(wrapped, CONTEXT, kek.kek_id) == key
    with pytest.raises(DecryptionError):
        kek.unwrap(wrapped, CONTEXT + b"x", kek.kek_id)  # bound to its context


def test_file_kek_created_once_with_mode_0600(tmp_path: Path) -> None:
    kek = FileKek(tmp_path)
    assert oct((tmp_path / "kek.bin").stat().st_mode & 0o777) == "0o600"
    assert FileKek(tmp_path).kek_id == kek.kek_id
    round_trip(kek)


def test_file_kek_rotation_keeps_old_wraps_readable(tmp_path: Path) -> None:
    kek = FileKek(tmp_path)
    old_id, wrapped = kek.kek_id, kek.wrap(b"k" * 32, CONTEXT)
    kek.begin_rotation()
    assert kek.kek_id != old_id
    assert FileKek(tmp_path).unwrap(wrapped, CONTEXT, old_id) == b"k" * 32  # resumable
    kek.retire_others()
    with pytest.raises(KekUnavailable, match="wrong or replaced KEK file"):
        kek.unwrap(wrapped, CONTEXT, old_id)


def test_keyring_refuses_a_wrong_kek(tmp_path: Path) -> None:
    keyring = Keyring(tmp_path / "keyring", FileKek(tmp_path))
    keyring.create("org_1")
    keyring.write_key("org_1")
    (tmp_path / "kek.bin").write_bytes(os.urandom(32))
    with pytest.raises(KekUnavailable, match="wrong"):
        Keyring(tmp_path / "keyring", FileKek(tmp_path)).verify()


def test_unknown_provider_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(KekUnavailable, match="unknown KEK provider 'vault'"):
        open_kek("vault", tmp_path)


# --- pkcs11 / SoftHSM2
@pytest.fixture
def softhsm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    if not SOFTHSM.exists() or shutil.which("softhsm2-util") is None:
        pytest.skip("SoftHSM2 missing (apt-get install softhsm2)")
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "fjord-test",
                    "--pin", "4321", "--so-pin", "87654321"], check=True, capture_output=True)
    return {"module": str(SOFTHSM), "token_label": "fjord-test", "pin": "4321"}


def test_pkcs11_wraps_and_unwraps_on_softhsm2_and_the_kek_stays_inside(
    softhsm: dict[str, str], tmp_path: Path
) -> None:
    from pkcs11 import Attribute
    from pkcs11.exceptions import AttributeSensitive

    kek = open_kek("pkcs11", tmp_path, **softhsm)
    round_trip(kek)
    obj = kek.key_object()
    assert obj[Attribute.EXTRACTABLE] is False and obj[Attribute.SENSITIVE] is True
    with pytest.raises(AttributeSensitive):
        obj[Attribute.VALUE]

    keyring = Keyring(tmp_path / "keyring", kek)
    keyring.create("org_1")
    data_key = keyring.write_key("org_1")
    kek.close()
    reopened = open_kek("pkcs11", tmp_path, **softhsm)  # the same token object, found again
    fresh = Keyring(tmp_path / "keyring", reopened)
    fresh.verify()
    assert fresh.read_key("org_1", data_key.key_id, 1) == data_key

    old = reopened.kek_id
    reopened.begin_rotation()
    assert reopened.kek_id != old
    assert fresh.rewrap_all() == 2
    reopened.retire_others()
    fresh._plain.clear()
    assert fresh.read_key("org_1", data_key.key_id, 1) == data_key
    reopened.close()


def test_pkcs11_a_kek_rotated_by_another_process_is_followed(softhsm: dict[str, str],
                                                            tmp_path: Path) -> None:
    """A server's session opened before ``fjord keys rotate-kek`` (another session) destroyed
    the old KEK on the token: it reads the rewrapped keys and wraps new ones under the new."""
    older = Keyring(tmp_path / "keyring", open_kek("pkcs11", tmp_path, **softhsm))
    older.create("org_1")
    rotating = open_kek("pkcs11", tmp_path, **softhsm)
    assert Keyring(tmp_path / "keyring", rotating).rotate_kek() == 2
    older.write_key("org_1")
    older.create("org_2")
    fresh = Keyring(tmp_path / "keyring", rotating)
    fresh._plain.clear()
    assert fresh.index_key("org_2") and fresh.write_key("org_1").version == 1
    rotating.close()
    older.kek.close()


def test_pkcs11_operator_commands_recover_a_lost_keyring(softhsm: dict[str, str],
                                                        tmp_path: Path) -> None:
    """``fjord keys create-missing`` opens the data dir twice: its second login to the token
    failed with ``unavailable: UserAlreadyLoggedIn``, so the way out of a lost keyring
    documented in docs/operations.md did not work with an HSM."""
    from tests.conftest import fjord_env
    from tests.ops.test_cli_admin import fjord

    data = tmp_path / "data"
    env = fjord_env(data, FJORD_KEK_PROVIDER="pkcs11", FJORD_KEK_PKCS11_MODULE=softhsm["module"],
                    FJORD_KEK_PKCS11_TOKEN_LABEL=softhsm["token_label"],
                    FJORD_KEK_PKCS11_PIN=softhsm["pin"])
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    assert fjord(env, "keys", "rotate-kek").returncode == 0
    [key_file] = (data / "keys" / "keyring").glob("org_*.json")
    key_file.unlink()  # keyring lost, no backup
    made = fjord(env, "keys", "create-missing", "--yes")
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"new data key for {key_file.stem}\n"
    assert fjord(env, "api-key", "list", "--org", "acme").returncode == 0


def test_pkcs11_a_mistyped_key_label_makes_no_key_on_the_token(softhsm: dict[str, str],
                                                              tmp_path: Path) -> None:
    """A data dir in use, opened with a key label the token has no key under: a new KEK was
    generated on the token under that label, and the command then failed saying the KEK
    does not unwrap the data keys. Now it names the label, and the token is left alone."""
    from pkcs11 import lib

    from tests.conftest import fjord_env
    from tests.ops.test_cli_admin import fjord

    env = fjord_env(tmp_path / "data", FJORD_KEK_PROVIDER="pkcs11",
                    FJORD_KEK_PKCS11_MODULE=softhsm["module"],
                    FJORD_KEK_PKCS11_TOKEN_LABEL=softhsm["token_label"],
                    FJORD_KEK_PKCS11_PIN=softhsm["pin"])
    assert fjord(env, "api-key", "create", "--org", "acme").returncode == 0
    typo = fjord({**env, "FJORD_KEK_PKCS11_KEY_LABEL": "fjord-kek2"}, "api-key", "list")
    assert typo.returncode == 1
    assert typo.stderr == "fjord: no KEK labelled 'fjord-kek2' on token 'fjord-test'\n"
    token = lib(softhsm["module"]).get_token(token_label=softhsm["token_label"])
    with token.open(user_pin=softhsm["pin"]) as session:
        assert {key.label for key in session.get_objects()} == {"fjord-kek"}
    assert fjord(env, "api-key", "list", "--org", "acme").returncode == 0


def test_a_data_dir_opened_with_another_kek_provider_says_which_to_set(
    softhsm: dict[str, str], tmp_path: Path
) -> None:
    """The KEK provider settings left out (a service unit without FJORD_KEK_PROVIDER): a
    data dir whose keys an HSM wraps said it "lacks keys/kek.bin: restore it from the data
    dir's backup", a file that never existed; the other way round, "KEK file:... is not on
    the PKCS#11 token (wrong token?)". Both now name the provider to set."""
    from tests.conftest import fjord_env
    from tests.ops.test_cli_admin import fjord

    hsm_dir, file_dir = tmp_path / "hsm", tmp_path / "file"
    hsm = {"FJORD_KEK_PROVIDER": "pkcs11", "FJORD_KEK_PKCS11_MODULE": softhsm["module"],
           "FJORD_KEK_PKCS11_TOKEN_LABEL": softhsm["token_label"],
           "FJORD_KEK_PKCS11_PIN": softhsm["pin"]}
    assert fjord(fjord_env(hsm_dir, **hsm), "api-key", "create").returncode == 0
    assert fjord(fjord_env(file_dir), "api-key", "create").returncode == 0

    done = fjord(fjord_env(hsm_dir), "api-key", "list")
    assert done.returncode == 1
    assert done.stderr == (
        f"fjord: the data keys in {hsm_dir / 'keys' / 'keyring'} are wrapped by a pkcs11 KEK "
        "but kek_provider is file: set FJORD_KEK_PROVIDER (--kek-provider) to pkcs11, with "
        "its settings (fjord serve --help)\n")
    assert not (hsm_dir / "keys" / "kek.bin").exists()

    done = fjord(fjord_env(file_dir, **hsm), "api-key", "list")
    assert done.returncode == 1
    assert done.stderr == (
        f"fjord: the data keys in {file_dir / 'keys' / 'keyring'} are wrapped by a file KEK "
        "but kek_provider is pkcs11: set FJORD_KEK_PROVIDER (--kek-provider) to file, with "
        "its settings (fjord serve --help)\n")


def test_pkcs11_wrong_pin_is_one_line(softhsm: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(KekUnavailable, match="PKCS#11 token 'fjord-test'"):
        open_kek("pkcs11", tmp_path, **{**softhsm, "pin": "0000"})


def test_pkcs11_a_module_that_does_not_load_says_why(tmp_path: Path) -> None:
    """It said ``unavailable: PKCS11Error``: not which of path, file or token was wrong."""
    pytest.importorskip("pkcs11")
    (tmp_path / "text.so").write_text("not a library")
    for module, why in ((tmp_path / "missing.so", "No such file or directory"),
                        (tmp_path / "text.so", "invalid ELF header|file too short")):
        with pytest.raises(KekUnavailable, match=why) as info:
            open_kek("pkcs11", tmp_path, module=str(module), token_label="t", pin="1234")
        assert "\n" not in str(info.value) and "1234" not in str(info.value)


# --- aws-kms / moto server
@pytest.fixture(scope="module")
def moto_kms() -> Iterator[str]:
    moto_server = pytest.importorskip("moto.server")
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_EC2_METADATA_DISABLED": "true",
                        "AWS_CONFIG_FILE": "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}.items():
        monkeypatch.setenv(name, value)


def test_aws_kms_wraps_and_unwraps(moto_kms: str, aws_env: None, tmp_path: Path) -> None:
    import boto3

    kms = boto3.client("kms", region_name="eu-north-1", endpoint_url=moto_kms)
    key_id = kms.create_key(Description="fjord test KEK")["KeyMetadata"]["KeyId"]
    kek = open_kek("aws-kms", tmp_path, key_id=key_id, region="eu-north-1",
                   endpoint_url=moto_kms)
    assert kek.kek_id.startswith("aws-kms:arn:aws:kms:eu-north-1:")
    round_trip(kek)
    keyring = Keyring(tmp_path / "keyring", kek)
    keyring.create("org_1")
    data_key = keyring.write_key("org_1")
    again = Keyring(tmp_path / "keyring", open_kek(
        "aws-kms", tmp_path, key_id=key_id, region="eu-north-1", endpoint_url=moto_kms))
    again.verify()
    assert again.read_key("org_1", data_key.key_id, 1) == data_key


def test_aws_kms_unknown_key_is_one_line(moto_kms: str, aws_env: None, tmp_path: Path) -> None:
    with pytest.raises(KekUnavailable, match="AWS KMS key 'alias/nope' in eu-north-1"):
        open_kek("aws-kms", tmp_path, key_id="alias/nope", region="eu-north-1",
                 endpoint_url=moto_kms)


def test_file_kek_made_by_two_first_starts_at_once_is_one(tmp_path: Path) -> None:
    """Two first starts at once (``api-key create`` twice on a new data dir) each wrote a
    KEK and could each keep its own: keys wrapped under the one replaced were lost."""
    from concurrent.futures import ThreadPoolExecutor

    for attempt in range(20):
        keys_dir = tmp_path / str(attempt)
        with ThreadPoolExecutor(4) as pool:
            ids = set(pool.map(lambda _, d=keys_dir: FileKek(d).kek_id, range(4)))
        assert ids == {FileKek(keys_dir).kek_id}
