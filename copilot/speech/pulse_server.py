"""A throwaway PulseAudio server with a null sink, for tests and benchmarks on machines without a
sound card: audio played into the sink with `paplay` comes back out of its monitor, which
sounddevice captures through the ordinary `pulse` input, in real time.

The server runs as a user process under a temporary XDG_RUNTIME_DIR and HOME, and is stopped by
its pid. Only the environment of this process is pointed at it, while it runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from copilot.errors import CopilotError

ENV_KEYS = ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER", "PULSE_RUNTIME_PATH")


def available() -> str | None:
    """None when the binaries are there, else what is missing."""
    missing = [b for b in ("pulseaudio", "pactl", "paplay") if shutil.which(b) is None]
    return f"missing {', '.join(missing)} (Debian: pulseaudio pulseaudio-utils)" if missing else None


class PulseServer:
    """`with PulseServer(channels=2) as pulse: pulse.play(wav)`; sounddevice sees `pulse`."""

    def __init__(self, rate: int = 16000, channels: int = 1, sink: str = "vsink") -> None:
        self.rate, self.channels, self.sink = rate, channels, sink
        self.root = Path(tempfile.mkdtemp(prefix="copilot-pulse-"))
        self.process: subprocess.Popen | None = None
        self._saved: dict[str, str | None] = {}

    def __enter__(self) -> PulseServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def env(self) -> dict[str, str]:
        runtime = self.root / "runtime"
        return {
            **os.environ,
            "XDG_RUNTIME_DIR": str(runtime),
            "HOME": str(self.root / "home"),
            "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
            "PULSE_SERVER": f"unix:{runtime / 'pulse' / 'native'}",
        }

    def start(self) -> None:
        for sub in ("runtime", "home"):
            (self.root / sub).mkdir(mode=0o700, exist_ok=True)
        env = self.env
        env.pop("PULSE_SERVER")  # the daemon itself must not try to connect to a server
        sink = f"module-null-sink sink_name={self.sink} rate={self.rate} channels={self.channels}"
        self.process = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
             "--use-pid-file=no", "-L", "module-native-protocol-unix", "-L", sink,
             "-L", "module-always-sink"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        self._wait_ready()
        self._pactl("set-default-source", f"{self.sink}.monitor")
        self._pactl("set-default-sink", self.sink)
        for key in ENV_KEYS:  # PortAudio's ALSA pulse plugin reads these when it opens
            self._saved[key] = os.environ.get(key)
            os.environ[key] = self.env[key]
        refresh_portaudio()

    def _wait_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace")[-300:]
                raise CopilotError(f"pulseaudio exited at start: {err}")
            ok = subprocess.run(["pactl", "info"], env=self.env, capture_output=True)
            if ok.returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise CopilotError("pulseaudio did not become ready in 10 s")

    def _pactl(self, *args: str) -> None:
        subprocess.run(["pactl", *args], env=self.env, check=True, capture_output=True)

    def play(self, wav: Path, wait: bool = False) -> subprocess.Popen:
        """Play a file into the null sink in real time (returns the paplay process)."""
        player = subprocess.Popen(
            ["paplay", f"--device={self.sink}", str(wav)], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        if wait:
            player.wait(timeout=600)
        return player

    def stop(self) -> None:
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved.clear()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)
        refresh_portaudio()


def refresh_portaudio() -> None:
    """PortAudio lists devices once, when sounddevice is imported; re-list after the server
    appears or goes (sounddevice has no public call for this)."""
    import sys

    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()
