# make run   - set up .venv, install, serve the app on its bundled data (http://localhost:8501)
# make test  - set up .venv, install test needs (and, as root, Debian's chromium and nginx when missing),
#              run every test (unit, AppTest, browser, scale-out behind nginx)
# make data  - rebuild data/ and geo/ from ../shared/sources (needs ../shared)
# make bench - Lighthouse (floor vs map page), control changes in the browser, first views, stress ceiling\n#              (bench/results_*.json; the older detailed run: python -m bench.benchmark)
# make load  - 50 concurrent sessions against a served app (bounded), memory before/after

PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PORT    ?= 8501
SHARED  ?= ../shared

.PHONY: run test system-deps data bench load clean

$(BIN)/.runtime: requirements.txt
	PY=$(PY) sh scripts/system_deps.sh venv
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt requirements.txt $(BIN)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

# Debian's chromium and nginx (checked first: a non-root user learns the apt-get command before any pip install)
system-deps:
	sh scripts/system_deps.sh browser

test: system-deps $(BIN)/.dev
	$(BIN)/python -m pytest -q

data: $(BIN)/.dev
	$(BIN)/python -m scripts.build_geo --shared $(SHARED)
	$(BIN)/python -m scripts.build_data --shared $(SHARED)

# Lighthouse 12.2.3 from the npm registry into bench/lh (git-ignored); each step bounded in time
bench: $(BIN)/.dev
	test -x bench/lh/node_modules/.bin/lighthouse || npm install --no-audit --no-fund --prefix bench/lh lighthouse@12.2.3
	timeout 1500 $(BIN)/python -m bench.lighthouse --json bench/results_lighthouse.json
	timeout 900 $(BIN)/python -m bench.interactions --json bench/results_interactions.json
	timeout 240 $(BIN)/python -m bench.load_test --sessions 20 --browsers 0 --duration 40 --think 0.2 1 --ramp 5 \
		--json bench/results_stress.json

load: $(BIN)/.dev
	$(BIN)/python -m bench.load_test

clean:
	rm -rf $(VENV) .pytest_cache artifacts
