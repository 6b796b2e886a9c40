# Two commands do all the set-up on a fresh clone: `make report` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,faiss,ray,static,bench

export HF_HUB_OFFLINE = 1
export TOKENIZERS_PARALLELISM = false

.PHONY: install report chromium test lab strip-notebooks bench bench-quick clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[$(EXTRAS)]'
	$(BIN)/topics prepare  # export the int8 ONNX embedding model and compile UMAP's numba code once, now
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/topics report seeds/ --out artifacts/report --themes seeds/themes.toml

# The report tests open the HTML in Debian's Chromium (driven by Playwright).
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

# JupyterLab on the notebooks; start with notebooks/explore.ipynb (a guided tour of seeds/).
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# Notebooks are committed without outputs (tests/test_notebooks.py checks): strip them after a run.
strip-notebooks: $(STAMP)
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb

# Benchmarks against BERTopic and plain sentence-transformers: Markdown tables on stdout,
# JSON (with the machine description) in artifacts/bench/. ONLY="scaling embedding" picks some.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(if $(ONLY),--only $(ONLY))

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf artifacts/cache artifacts/report
