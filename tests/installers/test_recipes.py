"""The packaging recipes, checked here where their targets cannot run: the Windows MSI built from
the WiX recipe (wixl, with a stand-in bundle) and read back (msiinfo) for what Windows users and
administrators need; the GitHub workflow against its schema; the shell recipes with shellcheck;
the Linux desktop and MIME files. The Linux package itself is built and smoke-tested by CI
(installers/build-linux.sh --smoke after the suite)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import REPO

INSTALLERS = REPO / "installers"
WORKFLOW = REPO / ".github" / "workflows" / "bundles.yml"


def _run(*argv: object, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MSI of a stand-in bundle (the two executables and a data file), as build.ps1 makes
    it with heat/candle/light on Windows."""
    folder = tmp_path_factory.mktemp("msi")
    bundle = folder / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("paraphe.exe", "paraphe-gui.exe"):
        (bundle / name).write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    shutil.copy(REPO / "resources" / "policy.example.toml", folder / "policy.example.toml")
    files = "\n".join(str(p.relative_to(folder)) for p in sorted(bundle.rglob("*")) if p.is_file())
    heat = subprocess.run(
        [
            "wixl-heat",
            "--prefix",
            "bundle/",
            "--directory-ref",
            "INSTALLDIR",
            "--component-group",
            "BundleFiles",
            "--var",
            "var.BundleDir",
            "--win64",
        ],
        input=files,
        capture_output=True,
        text=True,
        cwd=folder,
        check=True,
    )
    (folder / "bundle.wxs").write_text(heat.stdout, encoding="utf-8")
    _run(
        "wixl",
        "-a",
        "x64",
        "-D",
        "Version=1.2.3",
        "-D",
        "Win64=yes",
        "-D",
        "BundleDir=bundle",
        "-D",
        "PolicyExample=policy.example.toml",
        INSTALLERS / "windows" / "paraphe.wxs",
        "bundle.wxs",
        "-o",
        "Paraphe.msi",
        cwd=folder,
    )
    return folder / "Paraphe.msi"


def _table(msi: Path, name: str) -> list[list[str]]:
    rows = _run("msiinfo", "export", msi, name).splitlines()[3:]  # after the 3 header lines
    return [row.split("\t") for row in rows]


def test_the_msi_installs_per_machine_with_the_version(msi: Path) -> None:
    properties = dict(row[:2] for row in _table(msi, "Property"))
    assert properties["ALLUSERS"] == "1"  # per machine: msiexec /i Paraphe.msi /qn for all users
    assert properties["ProductVersion"] == "1.2.3"
    assert properties["UpgradeCode"] == "{6B1C2F4E-8D3A-4E57-9C21-7A0F5B3D2E81}"
    assert _table(msi, "Upgrade"), "a newer version replaces the older one"


def test_the_msi_puts_the_explorer_entries_and_the_associations(msi: Path) -> None:
    registry = {(row[2], row[3]): row[4] for row in _table(msi, "Registry")}
    assert registry[("Software\\Classes\\*\\shell\\ParapheSign", "")] == "Signer avec Paraphe"
    assert registry[("Software\\Classes\\*\\shell\\ParapheVerify", "")] == "Vérifier avec Paraphe"
    verify = registry[("Software\\Classes\\*\\shell\\ParapheVerify\\command", "")]
    assert verify == '"[INSTALLDIR]paraphe-gui.exe" --verify "%1"'
    for extension in (".p7s", ".p7m", ".asice", ".asics"):
        assert (f"Software\\Classes\\{extension}\\OpenWithProgids", "Paraphe.Signature") in registry
    assert all(row[1] == "2" for row in _table(msi, "Registry") if "Classes" in row[2])  # HKLM


def test_the_msi_has_a_start_menu_entry_and_the_policy_folder(msi: Path) -> None:
    [shortcut] = _table(msi, "Shortcut")
    assert shortcut[1:3] == ["ProgramMenuFolder", "Paraphe"]
    assert shortcut[4] == "[INSTALLDIR]paraphe-gui.exe"
    directories = {row[0]: row[1:] for row in _table(msi, "Directory")}
    assert directories["POLICYDIR"] == ["CommonAppDataFolder", "Paraphe"]  # %ProgramData%\Paraphe
    assert directories["INSTALLDIR"] == ["ProgramFiles64Folder", "Paraphe"]
    files = {row[2].split("|")[-1] for row in _table(msi, "File")}
    assert {"paraphe.exe", "paraphe-gui.exe", "policy.example.toml"} <= files


def test_the_github_workflow_matches_its_schema_and_builds_three_systems() -> None:
    _run(
        Path(sys.executable).parent / "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        WORKFLOW,
    )
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner, recipe in (
        ("ubuntu-", "installers/build-linux.sh --smoke"),
        ("windows-", "installers/windows/build.ps1"),
        ("macos-", "installers/macos/build-dmg.sh"),
    ):
        assert runner in text and recipe in text
    assert text.count("--smoke-test") >= 1


def test_the_shell_recipes_pass_shellcheck() -> None:
    _run(
        "shellcheck",
        INSTALLERS / "build-linux.sh",
        INSTALLERS / "macos" / "build-dmg.sh",
        *sorted((REPO / "tools").glob("*.sh")),
    )


def test_the_linux_desktop_entry_and_mime_types() -> None:
    desktop = (INSTALLERS / "linux" / "paraphe.desktop").read_text(encoding="utf-8")
    assert "Exec=paraphe-gui %F" in desktop and "Icon=paraphe" in desktop
    assert "application/pkcs7-signature" in desktop and "application/vnd.etsi.asic-e+zip" in desktop
    mime = etree.parse(str(INSTALLERS / "linux" / "paraphe-mime.xml"))
    globs = {g.get("pattern") for g in mime.iter("{*}glob")}
    assert {"*.p7s", "*.p7m", "*.asice", "*.asics"} <= globs
