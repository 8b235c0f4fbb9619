"""`copilot models`: list, install and choose speech models; install an embedding model."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "models",
        help="list, install and choose speech (vosk) models; install an embedding model",
        description="Speech models live in the user data dir; the chosen one is used by default.",
    )
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    p.set_defaults(handler=_list)

    ls = msub.add_parser("list", help="installed speech models (* marks the one in use)")
    ls.set_defaults(handler=_list)

    inst = msub.add_parser("install", help="install a vosk model from a folder, a .zip or a URL")
    inst.add_argument("source", metavar="SOURCE", help="model folder, .zip file or http(s) URL")
    inst.add_argument("--name", help="name to install under (default: from the source)")
    inst.add_argument("--use", action="store_true", help="also make it the model in use")
    inst.set_defaults(handler=_install)

    use = msub.add_parser("use", help="make an installed speech model the one in use")
    use.add_argument("name", metavar="NAME")
    use.set_defaults(handler=_use)

    emb = msub.add_parser(
        "install-embedding", help="install a sentence-transformers model for semantic search"
    )
    emb.add_argument("source", metavar="SOURCE", help="model folder, .zip or hub name")
    emb.set_defaults(handler=_install_embedding)


def _list(args: argparse.Namespace) -> int:
    from copilot.speech.models import asr_dir, list_models, missing_parts

    installed = list_models()
    if not installed:
        print(f"no speech models installed in {asr_dir()}")
        print("install one: copilot models install "
              "https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip")
        return 0
    for m in installed:
        mark = "*" if m.chosen else " "
        print(f"{mark} {m.name:<32} {m.size_bytes / 1e6:>8.1f} MB  {m.path}")
        missing = missing_parts(m.path)
        if missing:  # a folder left in the models dir by hand or by an interrupted copy
            print(f"    not usable, missing {'; '.join(missing)}: remove it or install it again")
    return 0


def _install(args: argparse.Namespace) -> int:
    from copilot.speech.models import chosen_name, install_model, use_model

    path = install_model(args.source, name=args.name)
    if args.use:
        use_model(path.name)
    print(f"installed speech model {path.name} at {path}")
    if chosen_name() == path.name:
        print(f"{path.name} is the speech model in use")
    else:
        print(f"use it with: copilot models use {path.name}")
    return 0


def _use(args: argparse.Namespace) -> int:
    from copilot.speech.models import use_model

    path = use_model(args.name)
    print(f"speech model in use: {args.name} ({path})")
    return 0


def _install_embedding(args: argparse.Namespace) -> int:
    from copilot.retrieval.models import install_embedding

    path = install_embedding(args.source)
    print(f"installed embedding model at {path}")
    print("use it with: COPILOT_EMBEDDING_MODEL=" + path.name + " (or embedding_model in settings)")
    return 0
