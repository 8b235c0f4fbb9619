"""Input devices: list them and resolve the names in the settings to sounddevice indices.

A device setting is an index or part of a name (case-insensitive). A name that matches nothing
is an error that lists what exists, so a typo never silently records the wrong microphone.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from copilot.errors import CopilotError


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_rate: int
    hostapi: str = ""
    is_default: bool = False

    def describe(self) -> str:
        mark = "*" if self.is_default else " "
        return f"{mark}{self.index:>3}  {self.name}  ({self.channels} ch, {self.default_rate} Hz)"


def audio_backend() -> ModuleType:
    """sounddevice, or a clear error when PortAudio itself is missing."""
    try:
        import sounddevice
    except OSError as exc:
        raise CopilotError(
            f"audio capture unavailable ({exc}); install PortAudio (Debian: libportaudio2)"
        ) from exc
    return sounddevice


def list_inputs(backend=None) -> list[InputDevice]:
    sd = backend or audio_backend()
    try:
        default_in = sd.default.device[0]
    except (AttributeError, IndexError, TypeError):
        default_in = -1
    apis = [a["name"] for a in sd.query_hostapis()] if hasattr(sd, "query_hostapis") else []
    found = []
    for index, info in enumerate(sd.query_devices()):
        if info["max_input_channels"] <= 0:
            continue
        api = apis[info["hostapi"]] if info.get("hostapi", -1) in range(len(apis)) else ""
        found.append(
            InputDevice(
                index,
                info["name"],
                int(info["max_input_channels"]),
                int(info["default_samplerate"]),
                api,
                index == default_in,
            )
        )
    return found


def device_hint(inputs: list[InputDevice]) -> str:
    if not inputs:
        return "no input devices found (is a microphone or the audio server available?)"
    return "inputs: " + "; ".join(f"{d.index} {d.name}" for d in inputs)


def resolve_input(spec: str, inputs: list[InputDevice], setting: str) -> InputDevice:
    """The input named by `spec` (index, exact name, or unique part of a name)."""
    spec = spec.strip()
    if spec.isdigit():
        match = [d for d in inputs if d.index == int(spec)]
    else:
        match = [d for d in inputs if d.name.lower() == spec.lower()]
        match = match or [d for d in inputs if spec.lower() in d.name.lower()]
    if len(match) == 1:
        return match[0]
    problem = "matches several inputs" if match else "does not exist"
    raise CopilotError(
        f"{setting} {spec!r} {problem}; {device_hint(match or inputs)}; "
        f"run `copilot devices` and set {setting} to one index or name"
    )


def default_input(inputs: list[InputDevice]) -> InputDevice:
    for device in inputs:
        if device.is_default:
            return device
    if inputs:
        return inputs[0]
    raise CopilotError(
        "no input device to capture from; " + device_hint(inputs)
        + "; connect one and run `copilot devices`"
    )
