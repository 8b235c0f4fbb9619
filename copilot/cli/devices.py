"""`copilot devices`: the audio inputs live capture can use, and how the settings map onto them."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "devices",
        help="list audio input devices for live capture (* marks the system default)",
        description="List input devices. Set advisor_device and customer_device (two inputs) or "
        "stereo_device with channel_map (one stereo input) to an index or a name.",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from copilot.settings import load_settings
    from copilot.speech.devices import list_inputs

    inputs = list_inputs()
    if not inputs:
        print("no audio input devices found (no microphone, or no audio server running)")
    for device in inputs:
        print(device.describe())
    settings = load_settings()
    print()
    if settings.stereo_device:
        print(f"stereo_device = {settings.stereo_device!r}, channel_map = {settings.channel_map!r}")
    else:
        print(f"advisor_device = {settings.advisor_device or '(system default)'!r}")
        print(f"customer_device = {settings.customer_device or '(not set: advisor only)'!r}")
    return 0
