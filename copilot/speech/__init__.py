"""Speech: turn a live call or a recording into the utterances the session consumes.

`models` finds and installs vosk models, `recognizer` wraps one vosk recogniser synchronously,
`audio` reads recordings, `transcriber` runs one recogniser per speaker in a worker,
`recording` and `live` are the two ways audio comes in, `recorder` keeps each side on disk.
"""
