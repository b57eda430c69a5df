"""A real headless Chromium for the HTML report's tests and the README's screenshots.

Chromium is driven over the DevTools protocol through `--remote-debugging-pipe` (fds 3
and 4, NUL-separated JSON), so no websocket library, no browser download and no network
is needed: only Debian's `chromium` package. `find_chromium()` looks for it, installs it
with apt-get where it may (as root), and otherwise fails with what to install, so the
browser tests never pass by not running.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Root in a container needs --no-sandbox; the rest keeps a closed network quiet and fast.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]
INSTALL_HINT = ("The HTML report's tests need Chromium. Install Debian's package: "
                "`sudo apt-get update && sudo apt-get install -y chromium` "
                "(or set MENTORKIT_CHROMIUM to a Chromium or Chrome executable).")


class BrowserMissing(RuntimeError):
    pass


def find_chromium(install: bool = True) -> str:
    """The browser's path: $MENTORKIT_CHROMIUM, one on PATH, or Debian's, installed here
    with apt-get when we are root and may; otherwise BrowserMissing saying what to do."""
    named = os.environ.get("MENTORKIT_CHROMIUM")
    if named:
        if shutil.which(named):
            return str(shutil.which(named))
        raise BrowserMissing(f"MENTORKIT_CHROMIUM={named} is not an executable. {INSTALL_HINT}")
    found = _on_path()
    if found:
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            done = subprocess.run(step, capture_output=True, text=True, env=env, check=False)
            if done.returncode != 0:
                raise BrowserMissing(f"`{' '.join(step)}` failed: "
                                     f"{done.stderr.strip()[-400:]}\n{INSTALL_HINT}")
        found = _on_path()
        if found:
            return found
    raise BrowserMissing(INSTALL_HINT)


def _on_path() -> str | None:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


class Chromium:
    """One headless browser with one page; use as a context manager."""

    def __init__(self, executable: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="mentorkit-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4. Our ends move above 10 first
        # so that placing one on 3 or 4 in the child cannot clobber the other; every other
        # fd Python opened is close-on-exec already (PEP 446).
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def place_pipes() -> None:  # runs in the child, between fork and exec
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        # Its log goes to a file: a pipe nobody reads would fill and stall the browser.
        self._log = open(Path(self._profile.name) / "chromium.log", "wb")  # noqa: SIM115
        command = [executable, *FLAGS, f"--user-data-dir={self._profile.name}",
                   "--remote-debugging-pipe", "about:blank"]
        self._process = subprocess.Popen(
            command, preexec_fn=place_pipes, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._log,
        )
        os.close(high_r)
        os.close(high_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget",
                                   {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self._call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._log.close()
        self._profile.cleanup()

    # -- protocol ------------------------------------------------------------------------
    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Call a method on the page."""
        return self._call(method, params, self._session)

    def _call(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self._events.append(reply)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], self.timeout)
            chunk = os.read(self._from_browser, 1 << 20) if ready else b""
            if not chunk:
                log = Path(self._profile.name, "chromium.log").read_bytes()
                raise RuntimeError("Chromium stopped answering. Its last words: "
                                   + log.decode(errors="replace")[-800:])
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def _wait_for(self, event: str) -> None:
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event:
                    del self._events[: i + 1]
                    return
            self._events.append(self._read())

    # -- what the tests use --------------------------------------------------------------
    def open(self, page: Path, width: int = 1100, height: int = 900, scale: float = 1,
             mobile: bool = False) -> None:
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})
        self._events.clear()
        self.send("Page.navigate", {"url": page.resolve().as_uri()})
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, full_page: bool = True) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth,"
                                 " document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size[0], "height": size[1],
                                "scale": 1})
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def pdf(self, paper: tuple[float, float] = (8.27, 11.69)) -> bytes:
        """Print the page as Chromium's print dialog would (A4 by default, inches)."""
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": 1100, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        data = self.send("Page.printToPDF", {
            "paperWidth": paper[0], "paperHeight": paper[1], "printBackground": True,
            "marginTop": 0.5, "marginBottom": 0.5, "marginLeft": 0.5, "marginRight": 0.5,
            "preferCSSPageSize": True})["data"]
        return base64.b64decode(data)
