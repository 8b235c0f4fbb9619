"""`copilot transcribe RECORDING`: any call recording becomes a replayable transcript (JSON lines)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from copilot.errors import CopilotError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "transcribe",
        help="recognise a call recording and print its transcript as JSON lines",
        description="Stereo recording (left advisor, right customer unless channel_map says "
        "otherwise) or two mono files; prints the transcript format `analyze` and `replay` read.",
    )
    p.add_argument("input", metavar="RECORDING", help=".wav or .flac (stereo, or the advisor's mono)")
    p.add_argument("--customer", metavar="FILE", help="the customer's mono recording")
    p.add_argument("--asr-model", metavar="NAME|PATH", help="installed model name or model folder")
    p.add_argument("--channel-map", metavar="L,R", help="e.g. customer,advisor")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from copilot.cli._common import settings_from
    from copilot.sources.transcript import write_transcript
    from copilot.speech.recording import transcribe

    settings = settings_from(args)
    if args.channel_map:
        from copilot.speech.audio import parse_channel_map

        parse_channel_map(args.channel_map)  # checked even for a mono file, before any work
        settings = settings.model_copy(update={"channel_map": args.channel_map})
    if args.output:
        check_output(args.output)
    utterances = transcribe(args.input, settings, customer=args.customer)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                write_transcript(utterances, out)
        except OSError as exc:
            raise CopilotError(f"-o {args.output}: cannot write ({exc.strerror}); "
                               "choose another file") from exc
    else:
        write_transcript(utterances, sys.stdout)
    print(f"{len(utterances)} utterance(s) transcribed", file=sys.stderr)
    return 0


def check_output(output: str) -> None:
    """Refuse an unwritable -o before minutes of recognition, not after."""
    path = Path(output)
    if path.is_dir():
        raise CopilotError(f"-o {output}: is a folder; give a file name such as call.jsonl")
    if not path.parent.is_dir():
        raise CopilotError(f"-o {output}: folder {path.parent} does not exist; create it first")
