"""The sideloadable Teams app package: manifest fields per schema 1.17 and two real PNG icons."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import uuid
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from bot.channels.teams import write_manifest_zip
from bot.channels.teams.manifest import ManifestError, build_manifest
from bot.config import Settings

BOT_ID = "6b1f3d2e-0a4c-4f1e-9d7a-2c8e5b9f0a11"
HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def read_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int, int]]]]:
    """A strict PNG reader for what we write: checks signature, CRCs and decodes RGBA rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour_type, interlace) == (8, 6, 0)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * 4 + 1
    assert len(raw) == stride * height
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0  # filter type None, as written
        rows.append([tuple(line[1 + x * 4 : 5 + x * 4]) for x in range(width)])
    return width, height, rows  # type: ignore[return-value]


def test_zip_holds_a_valid_manifest_and_icons(tmp_path: Path) -> None:
    path = write_manifest_zip(tmp_path / "teams.zip", settings(teams_client_id=BOT_ID))
    assert path == tmp_path / "teams.zip"
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        color = read_png(archive.read(manifest["icons"]["color"]))
        outline = read_png(archive.read(manifest["icons"]["outline"]))

    assert manifest["manifestVersion"] == "1.17"
    assert manifest["$schema"].endswith("/v1.17/MicrosoftTeams.schema.json")
    assert SEMVER.match(manifest["version"])
    assert str(uuid.UUID(manifest["id"])) == manifest["id"]
    developer = manifest["developer"]
    assert len(developer["name"]) <= 32
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert developer[key].startswith("https://")
    assert 0 < len(manifest["name"]["short"]) <= 30 and len(manifest["name"]["full"]) <= 100
    assert 0 < len(manifest["description"]["short"]) <= 80
    assert 0 < len(manifest["description"]["full"]) <= 4000
    assert "æ" in manifest["description"]["full"] or "ø" in manifest["description"]["full"]
    assert HEX_COLOR.match(manifest["accentColor"])

    [bot] = manifest["bots"]
    assert bot["botId"] == BOT_ID
    assert set(bot["scopes"]) <= {"personal", "team", "groupchat"} and "personal" in bot["scopes"]
    [commands] = bot["commandLists"]
    assert commands["scopes"] == ["personal"]
    assert 0 < len(commands["commands"]) <= 10
    for command in commands["commands"]:
        assert command["title"].startswith("/") and len(command["title"]) <= 32
        assert 0 < len(command["description"]) <= 128

    width, height, pixels = color
    assert (width, height) == (192, 192)
    assert all(p[3] == 255 for row in pixels for p in row)  # colour icon: fully opaque
    assert len({p for row in pixels for p in row}) > 2  # a drawing, not a flat square
    width, height, pixels = outline
    assert (width, height) == (32, 32)
    visible = [p for row in pixels for p in row if p[3] > 0]
    assert visible and all(p[:3] == (255, 255, 255) for p in visible)  # white only
    assert pixels[0][0][3] == 0  # on a transparent background


def test_menu_comes_from_the_core_when_given(tmp_path: Path) -> None:
    menu = [(f"cmd{i}", "x" * 200) for i in range(12)]
    path = write_manifest_zip(tmp_path, settings(teams_client_id=BOT_ID), commands=menu)
    assert path.name == "ringetraener-teams.zip"
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    commands = manifest["bots"][0]["commandLists"][0]["commands"]
    assert [c["title"] for c in commands] == [f"/cmd{i}" for i in range(10)]
    assert all(len(c["description"]) == 128 for c in commands)


def test_everyday_commands_win_the_ten_places(tmp_path: Path) -> None:
    from bot.app import build_registry

    menu = build_registry().menu()
    path = write_manifest_zip(tmp_path, settings(teams_client_id=BOT_ID), commands=menu)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    titles = [c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]]
    assert len(titles) == min(10, len(menu))
    assert titles[:3] == ["/ny", "/videre", "/stop"]
    assert "/start" not in titles  # not a menu command


def test_bot_id_must_be_the_app_registrations_guid(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="TEAMS_CLIENT_ID"):
        write_manifest_zip(tmp_path / "x.zip", settings())
    with pytest.raises(ManifestError, match="GUID"):
        build_manifest("not-a-guid")
    with pytest.raises(ManifestError, match="https"):
        build_manifest(BOT_ID, developer_url="http://example.com")
    assert not (tmp_path / "x.zip").exists()


def test_icons_are_generated_without_pillow() -> None:
    """The generator runs with Pillow made unimportable."""
    script = (
        "import sys; sys.modules['PIL'] = None\n"
        "from bot.channels.teams import icons\n"
        "print(len(icons.color_icon()), len(icons.outline_icon()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    color_size, outline_size = map(int, result.stdout.split())
    assert color_size > 100 and outline_size > 50
