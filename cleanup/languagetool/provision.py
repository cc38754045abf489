"""Provisioning: LanguageTool's jars from Maven Central into the user's cache folder.

    <home>/<version>/lib/*.jar       the server and German
    <home>/<version>/installed.json  written last: marks a complete install

<home> is $CLEANUP_LANGUAGETOOL_HOME, else ${XDG_CACHE_HOME:-~/.cache}/mt-cleanup/languagetool.
Only `mvn` downloads (through the user's Maven settings, into ~/.m2), and only when
`cleanup languagetool install` runs; nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEFAULT_VERSION = "6.8"
MIN_JAVA = 17
MARKER = "installed.json"


class LanguageToolUnavailable(RuntimeError):
    """LanguageTool cannot run here; the message is one line that says why and what to do."""


def home() -> Path:
    """The folder that holds one sub-folder per installed LanguageTool version."""
    explicit = os.environ.get("CLEANUP_LANGUAGETOOL_HOME")
    if explicit:
        return Path(explicit).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "mt-cleanup" / "languagetool"


def pom_text() -> str:
    return resources.files("cleanup.languagetool").joinpath("pom.xml").read_text("utf-8")


@dataclass(frozen=True)
class Installation:
    version: str
    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def classpath(self) -> str:
        return str(self.lib / "*")

    def is_complete(self) -> bool:
        return (self.root / MARKER).is_file() and any(self.lib.glob("languagetool-server-*.jar"))


def installation(version: str | None = None) -> Installation:
    version = version or DEFAULT_VERSION
    return Installation(version, home() / version)


def find_java() -> str:
    """Path of a Java 17+ `java`, or LanguageToolUnavailable with one line saying what is missing."""
    java_home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(java_home) / "bin" / "java")] if java_home else []
    found = shutil.which("java")
    if found:
        candidates.append(found)
    java = next((c for c in candidates if Path(c).is_file()), None)
    if java is None:
        raise LanguageToolUnavailable(
            f"Java {MIN_JAVA}+ not found (no `java` on PATH or in JAVA_HOME); "
            "install it, e.g. `apt-get install openjdk-17-jre-headless`"
        )
    major = java_major_version(java)
    if major is not None and major < MIN_JAVA:
        raise LanguageToolUnavailable(
            f"LanguageTool needs Java {MIN_JAVA}+, but {java} is Java {major}; install a newer JDK"
        )
    return java


def java_major_version(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def find_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolUnavailable(
            "Maven not found (no `mvn` on PATH); it is needed once to fetch LanguageTool: "
            "install it, e.g. `apt-get install maven`"
        )
    return mvn


def require_installed(version: str | None = None) -> Installation:
    inst = installation(version)
    if not inst.is_complete():
        raise LanguageToolUnavailable(
            f"LanguageTool {inst.version} is not installed (looked in {inst.root}); run `cleanup languagetool install`"
        )
    return inst


def install(version: str | None = None, *, force: bool = False, quiet: bool = True) -> tuple[Installation, bool]:
    """Fetch the jars with Maven unless already there. Returns (installation, newly installed)."""
    inst = installation(version)
    if inst.is_complete() and not force:
        return inst, False
    find_java()
    mvn = find_maven()
    inst.root.mkdir(parents=True, exist_ok=True)
    pom = inst.root / "pom.xml"
    pom.write_text(pom_text(), "utf-8")
    staging = Path(tempfile.mkdtemp(prefix="lib-", dir=inst.root))
    cmd = [
        mvn,
        "-B",
        *(["-q"] if quiet else []),
        "-f",
        str(pom),
        f"-Dlt.version={inst.version}",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
        "-DincludeScope=runtime",
    ]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=quiet, text=True)
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        detail = _maven_error(proc.stdout or "") if quiet else ""
        raise LanguageToolUnavailable(
            f"Maven could not fetch LanguageTool {inst.version} (exit {proc.returncode})"
            + (f": {detail}" if detail else "")
        )
    if not any(staging.glob("languagetool-server-*.jar")):
        shutil.rmtree(staging, ignore_errors=True)
        raise LanguageToolUnavailable(f"Maven ran but no languagetool-server jar arrived in {staging}")
    # swap the complete folder in, then write the marker: an interrupted install is never "complete"
    (inst.root / MARKER).unlink(missing_ok=True)
    if inst.lib.exists():
        shutil.rmtree(inst.lib)
    staging.rename(inst.lib)
    jars = sorted(p.name for p in inst.lib.glob("*.jar"))
    marker = {"version": inst.version, "jars": len(jars), "seconds": round(time.monotonic() - started, 1)}
    (inst.root / MARKER).write_text(json.dumps(marker, indent=2) + "\n", "utf-8")
    return inst, True


def _maven_error(output: str) -> str:
    lines = [line.removeprefix("[ERROR] ").strip() for line in output.splitlines() if "[ERROR]" in line]
    lines = [line for line in lines if line and not line.startswith(("->", "To see", "Re-run", "For more"))]
    return lines[0][:300] if lines else ""


def status(version: str | None = None) -> dict:
    """What is installed and whether it can run, for `cleanup languagetool status`."""
    inst = installation(version)
    info: dict = {"version": inst.version, "folder": str(inst.root), "installed": inst.is_complete()}
    if info["installed"]:
        info["jars"] = len(list(inst.lib.glob("*.jar")))
        info["size_mb"] = round(sum(p.stat().st_size for p in inst.lib.glob("*.jar")) / 1e6, 1)
    try:
        info["java"] = find_java()
    except LanguageToolUnavailable as exc:
        info["java"] = None
        info["problem"] = str(exc)
    info["maven"] = shutil.which("mvn")
    info["other_versions"] = sorted(
        p.name for p in home().glob("*") if p.is_dir() and p.name != inst.version and (p / MARKER).is_file()
    )
    return info
