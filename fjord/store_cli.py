"""The operator's tasks on the account store: API keys, an organization's privacy settings,
key rotation, organizations and data-subject requests (``fjord api-key|privacy|keys|org|
user``). They take as flags only where the data and its keys are (:data:`ADMIN_SETTINGS`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from fjord.cli_options import ADMIN_SETTINGS, operate, org_option, settings_options
from fjord.settings import Settings


@click.group("api-key")
def api_key() -> None:
    """Manage API keys of the meetings REST API."""


@api_key.command("create")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_create(settings: Settings, org_name: str) -> None:
    """Create an API key; prints the key alone on the last line (only its hash is stored)."""
    from fjord.operations import create_api_key, is_data_dir

    new = not is_data_dir(settings)
    key, made = operate(create_api_key(settings, org_name))
    if new:  # run elsewhere without FJORD_DATA_DIR, it made ./data: say so
        click.echo(f"fjord: made a new data dir {settings.data_dir.resolve()} (keys, and the "
                   "SQLite database unless database_url is set): the servers take this key "
                   "only with that data_dir", err=True)
    if made:
        click.echo(f"fjord: {made}", err=True)
    click.echo(f"API key for organization {org_name!r} (shown once, store it safely):", err=True)
    click.echo(key)


@api_key.command("list")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_list(settings: Settings, org_name: str) -> None:
    """List the organization's API keys (ids and dates) as JSON."""
    from fjord.operations import list_api_keys

    click.echo(json.dumps(operate(list_api_keys(settings, org_name)), indent=2))


@api_key.command("revoke")
@click.argument("key_id")
@org_option(default="demo", show_default=True)
@settings_options(only=ADMIN_SETTINGS)
def api_key_revoke(settings: Settings, org_name: str, key_id: str) -> None:
    """Revoke an API key at once (KEY_ID from `fjord api-key list`)."""
    from fjord.operations import revoke_api_key

    operate(revoke_api_key(settings, org_name, key_id))
    click.echo(f"revoked {key_id}")


@click.group("privacy")
def privacy_group() -> None:
    """Privacy settings of an organization (also at /v1/admin/privacy)."""


@privacy_group.command("show")
@org_option(required=True)
@settings_options(only=ADMIN_SETTINGS)
def privacy_show(settings: Settings, org_name: str) -> None:
    """Print the organization's privacy settings as JSON."""
    from fjord.operations import privacy

    click.echo(json.dumps(operate(privacy(settings, org_name)), indent=2))


@privacy_group.command("set")
@org_option(required=True)
@click.option("--force-relay/--no-force-relay", is_flag=True, default=None,
              help="P2P media only through TURN: participants never learn each other's IP")
@click.option("--redact-display-names/--no-redact-display-names", is_flag=True, default=None,
              help="Show display names as [[redacted]] outside the live room")
@click.option("--chat-disabled/--no-chat-disabled", is_flag=True, default=None,
              help="Turn chat off")
@click.option("--end-to-end-encryption/--no-end-to-end-encryption", is_flag=True,
              default=None, help="Every group room end-to-end encrypted (docs/e2ee.md)")
@click.option("--allowed-embed-origin", "origins", multiple=True,
              help="Origin allowed to embed rooms (repeat; replaces the list)")
@click.option("--clear-embed-origins", is_flag=True, help="Allow no embedding origin")
@click.option("--org-audit-retention-days", type=click.IntRange(0, 3650), default=None,
              help="Audit retention of this organization in days (0: the operator's default)")
@click.option("--encryption-public-key", "recipient", default=None, metavar="AGE1...",
              help="age X25519 recipient every cloud recording is encrypted to before upload "
                   "(a meeting's own key wins)")
@click.option("--clear-encryption-public-key", is_flag=True,
              help="Upload cloud recordings unencrypted unless the meeting gives a key")
@settings_options(only=ADMIN_SETTINGS)
def privacy_set(settings: Settings, org_name: str, force_relay: bool | None,
                redact_display_names: bool | None, chat_disabled: bool | None,
                end_to_end_encryption: bool | None,
                origins: tuple[str, ...], clear_embed_origins: bool,
                org_audit_retention_days: int | None, recipient: str | None,
                clear_encryption_public_key: bool) -> None:
    """Change the organization's privacy settings; prints the result as JSON."""
    from fjord.operations import privacy

    changes: dict[str, Any] = {
        name: value
        for name, value in (("relay_only", force_relay),
                            ("redact_display_names", redact_display_names),
                            ("chat_disabled", chat_disabled),
                            ("end_to_end_encryption", end_to_end_encryption))
        if value is not None
    }
    if org_audit_retention_days is not None:
        changes["audit_retention_days"] = org_audit_retention_days or None
    if origins and clear_embed_origins:
        raise click.UsageError("--allowed-embed-origin and --clear-embed-origins exclude "
                               "each other")
    if origins or clear_embed_origins:
        from signaling.embedding import embed_origins_problem

        problem = embed_origins_problem(origins)
        if problem is not None:
            raise click.BadParameter(problem, param_hint="--allowed-embed-origin")
        changes["allowed_embed_origins"] = tuple(o.lower() for o in origins)
    if recipient is not None and clear_encryption_public_key:
        raise click.UsageError("--encryption-public-key and --clear-encryption-public-key "
                               "exclude each other")
    if recipient is not None:
        from signaling.recording_settings import recipient_problem

        problem = recipient_problem(recipient)
        if problem is not None:
            raise click.BadParameter(problem, param_hint="--encryption-public-key")
        changes["encryption_public_key"] = recipient
    elif clear_encryption_public_key:
        changes["encryption_public_key"] = None
    click.echo(json.dumps(operate(privacy(settings, org_name, changes)), indent=2))


@click.group("keys")
def keys_group() -> None:
    """Rotate the KEK, the data keys, the room-key signing key and the TURN secret."""


@keys_group.command("rotate-kek")
@settings_options(only=ADMIN_SETTINGS)
def keys_rotate_kek(settings: Settings) -> None:
    """Make a new KEK current and rewrap every data key under it (resumable)."""
    from fjord.operations import rotate_kek

    count = operate(rotate_kek(settings))
    click.echo(f"rewrapped {count} keys under the new KEK")


@keys_group.command("rotate-data-keys")
@org_option(default=None)
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1, 10000))
@settings_options(only=ADMIN_SETTINGS)
def keys_rotate_data_keys(settings: Settings, org_name: str | None, batch_size: int) -> None:
    """Re-encrypt rows under a new data key version; resumable, without downtime."""
    from fjord.operations import rotate_data_keys

    done = operate(rotate_data_keys(settings, org_name, batch_size))
    for org_id, progress in done.items():
        click.echo(f"{org_id}: {progress.values_rewritten} values re-encrypted "
                   f"in {progress.batches} batches")


@keys_group.command("rotate-signing-key")
@settings_options(only=(*ADMIN_SETTINGS, "room_signing_key_overlap"))
def keys_rotate_signing_key(settings: Settings) -> None:
    """New room-key signing key; the old one verifies during the overlap (restart to load)."""
    from fjord.operations import rotate_room_signing_key

    click.echo(f"new signing key {operate(rotate_room_signing_key(settings))}")


@keys_group.command("rotate-turn-secret")
@click.option("--force", is_flag=True,
              help="Rotate even within turn_credential_ttl of the previous rotation (drops "
                   "the secret it replaced: credentials still using it get 401)")
@settings_options(only=(*ADMIN_SETTINGS, "turn_secret", "turn_credential_ttl"))
def keys_rotate_turn_secret(settings: Settings, force: bool) -> None:
    """New TURN REST secret; the previous one stays accepted until the next rotation.

    Refused within turn_credential_ttl of the previous rotation unless --force; refused
    when turn_secret is set (the servers use it instead).
    """
    from fjord.operations import rotate_turn

    operate(rotate_turn(settings, force))
    click.echo("TURN secret rotated (restart every TURN process, then every signaling node)")


@keys_group.command("create-missing")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
@settings_options(only=ADMIN_SETTINGS)
def keys_create_missing(settings: Settings, yes: bool) -> None:
    """New data keys for organizations that have none (keyring lost for good, no backup);
    values sealed under the lost keys stay unreadable."""
    from fjord.operations import create_missing_keys, missing_keys

    found = operate(missing_keys(settings))
    if not found:
        click.echo("every organization has its data key")
        return
    for org in found:
        click.echo(f"{org['id']} ({org['name']}): no data key; {org['encryptedRows']} rows "
                   "hold values sealed under the lost key", err=True)
    if not yes:
        click.confirm(f"Give {len(found)} organization(s) new data keys? Restore the keyring "
                      "from backup instead if you can", abort=True)
    for org in operate(create_missing_keys(settings)):
        click.echo(f"new data key for {org['id']}")


@click.group("org")
def org_group() -> None:
    """Manage organizations."""


@org_group.command("list")
@settings_options(only=ADMIN_SETTINGS)
def org_list(settings: Settings) -> None:
    """List the organizations (names, ids and dates) as JSON."""
    from fjord.operations import list_organizations

    click.echo(json.dumps(operate(list_organizations(settings)), indent=2))


@org_group.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
@settings_options(only=ADMIN_SETTINGS)
def org_delete(settings: Settings, name: str, yes: bool) -> None:
    """Delete an organization and crypto-shred its data keys (irreversible)."""
    from fjord.operations import delete_organization

    def confirm() -> None:  # asked once the organization is known to exist
        click.confirm(f"Delete organization {name!r} and destroy its keys?", abort=True)

    counts = operate(delete_organization(settings, name, None if yes else confirm))
    click.echo(json.dumps(counts))


@click.group("user")
def user_group() -> None:
    """Data-subject requests for admin users."""


def _user_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--id", "user_id", default=None, help="Admin user id")(command)
    command = click.option("--email", default=None, help="Admin user email")(command)
    return org_option(required=True)(command)


def _one_user(email: str | None, user_id: str | None) -> None:
    """Exactly one of ``--email`` and ``--id``: with both, one would silently win (an erasure
    of another user than the one named cannot be undone)."""
    if email is not None and user_id is not None:
        raise click.UsageError("--email and --id exclude each other")
    if email is None and user_id is None:
        raise click.UsageError("give --email or --id")


@user_group.command("export")
@_user_options
@settings_options(only=ADMIN_SETTINGS)
def user_export(settings: Settings, org_name: str, email: str | None,
                user_id: str | None) -> None:
    """Print everything stored about an admin user as JSON."""
    from fjord.operations import export_user

    _one_user(email, user_id)
    click.echo(json.dumps(operate(export_user(settings, org_name, email, user_id)), indent=2))


@user_group.command("erase")
@_user_options
@settings_options(only=ADMIN_SETTINGS)
def user_erase(settings: Settings, org_name: str, email: str | None,
               user_id: str | None) -> None:
    """Erase an admin user: their email, name and external id are deleted."""
    from fjord.operations import erase_user

    _one_user(email, user_id)
    click.echo(f"erased {operate(erase_user(settings, org_name, email, user_id))}")

STORE_GROUPS = (api_key, privacy_group, keys_group, org_group, user_group)
"The command groups this module adds to ``fjord``."
