"""`wt26desk vault init|verify|change-passphrase|backup|restore|status`."""

from __future__ import annotations

import argparse

from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.commands.secrets import SecretReader
from wt26desk.errors import VaultError
from wt26desk.vault import exclusive
from wt26desk.vault.backup import restore_backup, write_backup
from wt26desk.vault.crypto import params_for_new_keys
from wt26desk.vault.undo import removed_if_failed
from wt26desk.vault.vault import Vault, read_header


def unlock(ctx: Context, secrets: SecretReader, recovery: bool = False) -> Vault:
    folder = ctx.paths.vault_dir
    read_header(folder)  # a missing or damaged vault is reported before asking anything
    exclusive.check_free(folder)  # and so is a vault open in another window or command
    if recovery:
        vault = Vault.unlock_with_recovery(folder, secrets.read("Recovery key: "))
    else:
        vault = Vault.unlock(folder, secrets.read("Passphrase: "))
    for notice in vault.notices:  # the header was recovered from its copy, or upgraded
        print(f"note: {notice}", file=ctx.err)
    return vault


def run(args: argparse.Namespace, ctx: Context) -> int:
    secrets = SecretReader(err=ctx.err)
    action = args.vault_command
    folder = ctx.paths.vault_dir
    if action == "init":
        passphrase = secrets.read_new("Passphrase for the new vault")
        # A failed init (a full disk) leaves nothing, not even the folders made for it.
        with removed_if_failed(folder, ctx.paths.data_dir, ctx.paths.config_dir):
            ctx.paths.ensure()
            vault, recovery_key = Vault.create(folder, passphrase, kdf=params_for_new_keys())
        vault.lock()
        print(f"Vault created in {folder}", file=ctx.out)
        print(
            "Recovery key (write it down and keep it somewhere safe; it is shown once and "
            "opens the vault if the passphrase is forgotten):",
            file=ctx.out,
        )
        print(f"  {recovery_key}", file=ctx.out)
        return EXIT_OK
    if action == "restore":
        recovery = args.recovery_key
        secret = secrets.read("Recovery key: " if recovery else "Passphrase of the backup: ")
        moved = restore_backup(
            args.file,
            folder,
            passphrase=None if recovery else secret,
            recovery=secret if recovery else None,
            replace=args.replace,
        )
        if moved:
            print(f"The vault that was here is kept in {moved}", file=ctx.out)
        print(f"Restored {args.file} into {folder}; it verifies.", file=ctx.out)
        return EXIT_OK
    if action == "status":
        # Where the vault is and how it is protected are in its public header: no passphrase.
        header = read_header(folder)
        kind = "training vault (fictional records)" if header.training else "vault"
        print(
            f"{kind} {header.vault_id} in {folder}: notes encrypted with AES-256-GCM; the key "
            f"opens with the passphrase or the recovery key; key derivation Argon2id "
            f"{header.kdf.memory_kib // 1024} MiB, {header.kdf.iterations} iterations, "
            f"{header.kdf.lanes} lanes",
            file=ctx.out,
        )
        return EXIT_OK
    vault = unlock(ctx, secrets, recovery=getattr(args, "recovery_key", False))
    try:
        if action == "verify":
            problems = vault.verify()
            for problem in problems:
                print(f"problem: {problem}", file=ctx.err)
            records = len(vault.record_ids())
            entries = len(vault.audit_entries())
            if problems:
                print(f"{len(problems)} problem(s) found", file=ctx.err)
                return EXIT_FAILED
            vault.record_event("vault.verified", records=records)
            print(f"ok: {records} records, {entries} audit entries, all verified", file=ctx.out)
            return EXIT_OK
        if action == "change-passphrase":
            vault.change_passphrase(secrets.read_new(), kdf=params_for_new_keys())
            print(
                "Passphrase changed. Notes were not re-encrypted; the recovery key still works.",
                file=ctx.out,
            )
            return EXIT_OK
        if action == "backup":
            size = write_backup(vault, args.file)
            print(
                f"Backup written to {args.file} ({size:,} bytes). It opens with this "
                "vault's passphrase or recovery key.",
                file=ctx.out,
            )
            return EXIT_OK
    finally:
        vault.lock()
    raise VaultError(f"unknown vault action {action}")  # pragma: no cover
